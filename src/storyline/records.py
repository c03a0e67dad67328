"""The records storyline produces: one dataclass per kind of fact, serialised one way.

Every record that points into an article carries ``[start, end)`` character offsets into
``Article.text`` (the clean text), so any fact can be traced back to the words it came from.
``to_dict`` gives the JSON shape of DESIGN.md's record contract; fields may be added there,
never renamed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


def to_jsonable(value: Any) -> Any:
    """Turn records (and tuples inside them) into plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


class Record:
    """Mixin giving every record the same serialisation."""

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = to_jsonable(self)
        return result


@dataclass(slots=True)
class Removed(Record):
    """A piece of the input the cleaner took out, and why."""

    text: str
    reason: str


@dataclass(slots=True)
class Quality(Record):
    """How far an article can be trusted as one coherent report (0 = not at all)."""

    score: float = 1.0
    flags: list[str] = field(default_factory=list)
    offtopic: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Article(Record):
    """One clean news article and its metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    source: str | None = None
    language: str = "en"
    removed: list[Removed] = field(default_factory=list)
    quality: Quality = field(default_factory=Quality)
    dateline: str | None = None  # "MOSCOW (Reuters)": where the report was filed
    origin: str | None = None  # file path (and line) the article was read from
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Actor(Record):
    """A real-world entity named in an article, with every place it is mentioned."""

    id: str
    name: str
    kind: str  # person | organization | country | place | group
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, BUS, MED, IGO, NGO, OPP, REB, CVL, ...
    title: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Time(Record):
    """A temporal expression, typed and normalised as TIMEX3."""

    text: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None  # TIMEX3 mod: START, MID, END, BEFORE, AFTER, APPROX, ...
    start: str | None = None  # first day of the interval, YYYY-MM-DD, when it has one
    end: str | None = None  # last day of the interval
    precision: str | None = None  # day|week|weekend|month|season|quarter|year|decade|century


@dataclass(slots=True)
class EventDate(Record):
    """When something happened, as an interval with its precision and source text."""

    value: str
    start: str | None = None
    end: str | None = None
    precision: str | None = None
    text: str | None = None
    mod: str | None = None
    fallback: bool = False  # True when no words dated it and the publication date was used


@dataclass(slots=True)
class Quote(Record):
    """Who said what: a direct, indirect or mixed attribution."""

    speaker: str | None
    speaker_text: str | None
    speaker_span: Span | None
    cue: str | None
    cue_span: Span | None
    content: str
    content_span: Span
    kind: str  # direct | indirect | mixed
    via: str | None = None  # actor id of the relay ("carried by TASS")
    date: str | None = None  # TIMEX3 value of when it was said
    date_fallback: bool = False
    # What the cue makes of it: speech and report are sayings; belief, stance, topic, judge,
    # noun, feeling, regard, mind and seem are attributed views (PolNeAR counts them too).
    cue_kind: str | None = None


@dataclass(slots=True)
class Location(Record):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Event(Record):
    """Who did what to whom, when and where, coded in PLOVER (and CAMEO)."""

    id: str
    type: str  # PLOVER
    status: str  # asserted | planned | proposed | hypothetical | negated | historical
    actor: list[str]
    recipient: list[str]
    date: EventDate
    location: Location | None
    cameo: str | None
    goldstein: float | None
    confidence: float
    sentence_span: Span
    trigger: str
    trigger_span: Span | None = None
    mode: str | None = None
    reciprocal: bool = False


@dataclass(slots=True)
class Stance(Record):
    """An actor's position on an issue, at a date."""

    actor: str
    issue: str
    position: str
    date: str | None
    span: Span


@dataclass(slots=True)
class Analysis(Record):
    """Everything storyline knows about one article: the `analyze` answer."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)


# --- link answers: what the story commands (CLI, JSON API) give, in DESIGN's CLI contract ---


class Answer(Record):
    """A link answer: what `stories`, `story`, `timeline` and `stances` give."""


@dataclass(slots=True)
class Story(Answer):
    """Articles about one matter, grouped across the store: the `stories` answer."""

    id: str
    title: str
    article_ids: list[str]
    actors: list[str]  # actor ids, most mentioned first
    issues: list[str]
    start: str | None  # YYYY-MM-DD of its first article
    end: str | None


@dataclass(slots=True)
class StoryArticle(Answer):
    """One article of a story, as the story page lists it."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    quality: float | None
    flags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MergedEvent(Answer):
    """One real event, merged from its mentions in a story's articles, with their counts."""

    id: str
    type: str  # PLOVER
    status: str
    actor: list[str]
    recipient: list[str]
    # The stored date and place, kept as stored: an undated mention's date has no `mod`,
    # and the answer shows exactly the keys each one has.
    date: dict[str, Any]
    location: dict[str, Any] | None
    trigger: str | None
    text: str | None  # the best sentence reporting it
    first_seen: str | None  # publication day of its first and last mention
    last_seen: str | None
    mentions: int
    articles: int
    sources: int


@dataclass(slots=True)
class StoryDetail(Story):
    """One story with its articles, actor names and merged events: the `story` answer."""

    articles: list[StoryArticle] = field(default_factory=list)
    actor_names: dict[str, str] = field(default_factory=dict)
    events: list[MergedEvent] = field(default_factory=list)


@dataclass(slots=True)
class Source(Answer):
    """An article an answer rests on: its id, publisher and URL."""

    article_id: str
    source: str | None
    url: str | None


@dataclass(slots=True)
class TimelineEntry(Answer):
    """One dated entry of a timeline, with the articles reporting it."""

    date: str  # TIMEX3 value
    start: str  # YYYY-MM-DD, first day of the interval
    end: str
    precision: str | None
    label: str  # the date as people write it: "June 2016", "end of 2018"
    text: str
    status: str  # asserted | planned | proposed | historical
    event_ids: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    weight: float = 0.0


@dataclass(slots=True)
class StancePosition(Answer):
    """A position an actor held on an issue at a date; `changed` when it differs from the
    one before."""

    date: str | None
    position: str
    article_id: str
    changed: bool
    speaker: str  # who stated it (a leader speaking for a state), by name


@dataclass(slots=True)
class StanceHistory(Answer):
    """An actor's positions on one issue over time: one item of the `stances` answer."""

    actor: str
    actor_name: str
    issue: str
    history: list[StancePosition] = field(default_factory=list)
