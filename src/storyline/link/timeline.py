"""Timelines: a story's dated entries in order, and the N most important dates.

Entries come from merged events and from dated sentences (a sentence holding a resolved
date expression that no event already covers); an article without either contributes its
lead on its publication day. Each entry keeps the precision of its date ("June 2016").
Off-topic sentences weigh little and cannot carry an entry alone.

With `dates=N` the task is timeline summarisation (as in news-tls' DATEWISE): a day is
important when many articles mention it, when articles mention it before and after it
happened, and when articles are published on it; each chosen day gets the sentences of
its candidates closest to their common centroid.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..records import Source, TimelineEntry
from ..store import Store
from ..text import sentences, terms
from .lexicon import data_lines

OFFTOPIC_WEIGHT = 0.2  # a stitched sentence counts this much of a normal one
HISTORICAL_DAYS = 365  # dates this far before publication are history, not news
LEAD_SENTENCES = 5  # sentences of an article's start that report its publication day
PUB_DAYS = 2  # an article reports on its publication day and the day before
SUMMARY_WORDS = (5, 60)
MAX_CANDIDATES = 400  # sentences considered per day
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
MODS = {"START": "early ", "EARLY": "early ", "MID": "mid-", "END": "end of ",
        "LATE": "late ", "APPROX": "about ", "BEFORE": "before ", "AFTER": "after ",
        "ON_OR_BEFORE": "by ", "ON_OR_AFTER": "from "}
FUTURE_STATUS = frozenset({"planned", "proposed"})
HIDDEN_STATUS = frozenset({"hypothetical", "negated"})  # did not happen: no timeline entry


@lru_cache(maxsize=1)
def _proposal() -> re.Pattern[str]:
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in data_lines("status_cues.txt"))
    return re.compile(rf"\b(?:{cues})", re.I)


def label(value: str, precision: str | None, mod: str | None = None,
          start: str | None = None) -> str:
    """A date as people write it: "6 May 2016", "June 2016", "summer 1945", "end of 2018"."""
    m = re.match(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|AU|WI|Q\d|W\d{2}(?:-WE)?)(?:-(\d{2}))?)?", value)
    if not m:
        return value
    year, mid, day = m.groups()
    if day and mid and mid.isdigit():
        text = f"{int(day)} {MONTHS[int(mid) - 1]} {year}"
    elif mid and mid.isdigit():
        text = f"{MONTHS[int(mid) - 1]} {year}"
    elif mid in SEASONS:
        text = f"{SEASONS[mid]} {year}"
    elif mid and mid.startswith("Q"):
        text = f"{mid} {year}"
    elif mid and mid.startswith("W"):
        first = _day(start)
        kind = "weekend" if mid.endswith("WE") else "week"
        text = (f"{kind} of {first.day} {MONTHS[first.month - 1]} {first.year}" if first
                else f"{kind} {int(mid[1:3])} of {year}")
    else:
        text = year
    if precision == "decade" and len(value) >= 3:
        text = f"the {value[:3]}0s"
    return MODS.get(mod or "", "") + text


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _sort_key(start: str, end: str, mod: str | None) -> tuple[str, str]:
    """Order by when the entry happened; "end of 2018" sorts near December."""
    s, e = _day(start), _day(end)
    if s and e and mod in ("END", "LATE"):
        s = e - timedelta(days=(e - s).days // 6)
    elif s and e and mod == "MID":
        s = s + timedelta(days=(e - s).days // 3)
    return ((s.isoformat() if s else start), end)


def date_status(start: str, end: str, mod: str | None, published: str | None,
                sentence: str) -> str:
    """Status of a dated sentence no event covers: historical, planned, proposed, asserted."""
    pub, s, e = _day(published), _day(start), _day(end)
    if not (pub and s and e):
        return "asserted"
    if e < pub - timedelta(days=HISTORICAL_DAYS):
        return "historical"
    late = mod in ("END", "LATE", "AFTER", "ON_OR_AFTER")
    if s > pub or (late and e > pub + timedelta(days=31)):
        return "proposed" if _proposal().search(sentence) else "planned"
    return "asserted"


@dataclass
class _Article:
    """What timelines read of one linked article: its text, dated words and trust."""

    id: str
    published: str | None
    source: Source
    quality: float
    text: str
    spans: list[tuple[int, int]]
    off: list[tuple[int, int]]
    times: list[dict[str, Any]]  # its DATE expressions

    def sentence_of(self, pos: int) -> int:
        lo, hi = 0, len(self.spans) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.spans[mid][1] < pos:
                lo = mid + 1
            elif self.spans[mid][0] > pos:
                hi = mid - 1
            else:
                return mid
        return min(lo, len(self.spans) - 1)

    def weight(self, i: int) -> float:
        """How much sentence i counts: little when off-topic, less in a doubtful article."""
        a, b = self.spans[i]
        stitched = any(s <= a and b <= e for s, e in self.off)
        return (OFFTOPIC_WEIGHT if stitched else 1.0) * (0.5 + 0.5 * self.quality)

    def lead(self) -> int:
        """The first sentence that is not off-topic (the first one when all are)."""
        return next((i for i in range(len(self.spans)) if self.weight(i) > OFFTOPIC_WEIGHT), 0)


def _articles(
    store: Store, story_id: str | None, wanted: Callable[[str, bool], bool] | None = None,
) -> Iterator[_Article]:
    """The story's (or store's) linked articles in link order, read one at a time.

    `wanted(article_id, has_dates)` says whether an article is needed at all: splitting a
    text into sentences is the costly part, and most articles of a large store add nothing
    to a full timeline but their merged events.
    """
    for row in store.link_texts(story_id):
        times = store.dated_times(row["article_id"])
        if wanted is not None and not wanted(row["article_id"], bool(times)):
            continue
        text = row["text"] or ""
        quality = row["quality"]
        yield _Article(
            row["article_id"], row["published"], Source(row["article_id"], row["source"],
                                                         row["url"]),
            float(quality) if quality is not None else 1.0, text, sentences(text),
            [(int(a), int(b)) for a, b in row["offtopic"]], times,
        )


@dataclass
class _Entry:
    value: str
    start: str
    end: str
    precision: str | None
    mod: str | None
    status: str
    weight: float = 0.0
    text: str = ""
    text_weight: float = -1.0
    event_ids: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    def add(self, text: str, weight: float, source: Source, event_id: str | None = None) -> None:
        self.weight += weight
        if weight > self.text_weight:
            self.text, self.text_weight = text, weight
        if event_id and event_id not in self.event_ids:
            self.event_ids.append(event_id)
        self.sources.setdefault(source.article_id, source)

    def record(self) -> TimelineEntry:
        return TimelineEntry(
            self.value, self.start, self.end, self.precision,
            label(self.value, self.precision, self.mod, self.start),
            " ".join(self.text.split()), self.status, self.event_ids,
            list(self.sources.values()), round(self.weight, 3),
        )


def _status_class(status: str) -> str:
    return "future" if status in FUTURE_STATUS else status


def full_timeline(store: Store, story_id: str | None) -> list[TimelineEntry]:
    """Every dated entry of a story (or of the whole store), in date order.

    Merged events come first, then each article's dated sentences and lead, one article in
    memory at a time; only articles with dates, or without events, are read whole.
    """
    sources = store.link_sources(story_id)
    entries: dict[tuple[str, str, str | None], _Entry] = {}
    # Per article, the events dated by their words: their sentences need no second entry.
    worded: dict[str, set[int]] = defaultdict(set)

    def entry(value: str, start: str, end: str, precision: str | None, mod: str | None,
              status: str) -> _Entry:
        key = (value, _status_class(status), mod)
        if key not in entries:
            entries[key] = _Entry(value, start, end, precision, mod, status)
        return entries[key]

    with_events: set[str] = set()
    for ev in store.merged_events(story_id):
        if ev.get("status") in HIDDEN_STATUS:
            continue
        d = ev["date"]
        e = entry(d["value"], d["start"], d["end"], d.get("precision"), d.get("mod"),
                  ev.get("status") or "asserted")
        for m in ev["mentions"]:
            source = sources.get(m["article_id"])
            if source is None:
                continue
            with_events.add(source.article_id)
            e.add(ev.get("text") or "", float(m["weight"]), source, ev["id"])
            # An undated event leaves the sentence's own dates (a deadline, say) their entries.
            if not d.get("fallback"):
                worded[source.article_id].add(int(m["idx"]))

    def wanted(article_id: str, has_dates: bool) -> bool:
        return has_dates or article_id not in with_events

    for art in _articles(store, story_id, wanted):
        if not art.spans:
            continue
        covered: set[int] = set()
        if art.times and art.id in worded:
            starts = store.event_starts(art.id)
            covered = {art.sentence_of(starts[i]) for i in worded[art.id]
                       if 0 <= i < len(starts)}
        for t in art.times:
            if not t.get("start") or not t.get("end"):
                continue
            i = art.sentence_of(int(t["span"][0]))
            if i in covered:
                continue
            s, e_ = art.spans[i]
            sentence = art.text[s:e_]
            status = date_status(t["start"], t["end"], t.get("mod"), art.published, sentence)
            entry(t["value"], t["start"], t["end"], t.get("precision"), t.get("mod"),
                  status).add(sentence, art.weight(i), art.source)
        if art.id not in with_events and art.published:
            lead = art.lead()
            s, e_ = art.spans[lead]
            day = art.published[:10]
            entry(day, day, day, "day", None, "asserted").add(
                art.text[s:e_], 0.5 * art.weight(lead), art.source)
    # An entry needs one sentence that is not off-topic: stitched text alone makes none.
    kept = [e for e in entries.values() if e.text_weight > OFFTOPIC_WEIGHT]
    kept.sort(key=lambda e: (_sort_key(e.start, e.end, e.mod), e.value))
    return [e.record() for e in kept]


# --- timeline summarisation -------------------------------------------------------------


def _tfidf(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vec = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in bag.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


@dataclass(slots=True)
class _Sentence:
    """A candidate sentence for a day's summary; its article's text is not kept."""

    key: tuple[str, int]  # (article id, sentence number)
    text: str
    source: Source
    bag: Counter[str]  # its content terms


def summarise(
    store: Store, story_id: str | None, dates: int, sentences_per_date: int = 1,
    start: str | None = None, end: str | None = None,
) -> list[TimelineEntry]:
    """The `dates` most important days of a story, each with a short extractive summary.

    Articles are read one at a time; of each, only the sentences that may summarise a day
    are kept (every sentence still counts towards the terms' document frequencies).
    """
    mention_docs: dict[str, set[str]] = defaultdict(set)
    mention_sents: Counter[str] = Counter()
    before_after: dict[str, set[str]] = defaultdict(set)
    published: Counter[str] = Counter()
    cands: dict[str, list[tuple[_Sentence, float]]] = defaultdict(list)
    df: Counter[str] = Counter()
    n = 0
    for art in _articles(store, story_id):
        pub = art.published[:10] if art.published else None
        if pub:
            published[pub] += 1
        bags = [Counter(terms(art.text[s:e])) for s, e in art.spans]
        for bag in bags:
            df.update(bag.keys())
        n += len(bags)
        kept: dict[int, _Sentence] = {}

        def sentence(i: int, art: _Article = art, bags: list[Counter[str]] = bags,
                     kept: dict[int, _Sentence] = kept) -> _Sentence:
            if i not in kept:
                s, e = art.spans[i]
                kept[i] = _Sentence((art.id, i), art.text[s:e], art.source, bags[i])
            return kept[i]

        dated: set[int] = set()
        for t in art.times:
            if t.get("precision") != "day" or not t.get("start"):
                continue
            d = t["start"][:10]
            i = art.sentence_of(int(t["span"][0]))
            w = art.weight(i) if art.spans else 0.0
            if w <= OFFTOPIC_WEIGHT * 1.01 or i in dated:
                continue
            dated.add(i)
            mention_docs[d].add(art.id)
            mention_sents[d] += 1
            if pub and d != pub:
                before_after[d].add(art.id)
            cands[d].append((sentence(i), w))
        if pub:
            pday = _day(pub)
            for i in range(min(LEAD_SENTENCES, len(art.spans))):
                if i in dated or pday is None:
                    continue
                for k in range(PUB_DAYS):
                    cands[(pday - timedelta(days=k)).isoformat()].append(
                        (sentence(i), art.weight(i) * 0.5))
    n = max(1, n)
    idf = {t: math.log(n / c) + 1.0 for t, c in df.items()}

    def score(d: str) -> float:
        return (len(mention_docs[d]) + 0.5 * len(before_after[d])
                + 0.1 * mention_sents[d] + 0.5 * published.get(d, 0))

    days = [d for d in set(mention_docs) | set(published)
            if (start is None or d >= start) and (end is None or d <= end)]
    days.sort(key=lambda d: (-score(d), d))
    out: list[TimelineEntry] = []
    for d in days:
        if len(out) >= dates:
            break
        text, picked = _summary(cands.get(d, [])[:MAX_CANDIDATES], idf, sentences_per_date)
        if not text:
            continue
        sources = {p.source.article_id: p.source for p in picked}
        out.append(TimelineEntry(d, d, d, "day", label(d, "day"), text, "asserted", [],
                                 list(sources.values()), round(score(d), 3)))
    out.sort(key=lambda e: e.date)
    return out


def _summary(
    cands: list[tuple[_Sentence, float]], idf: dict[str, float], k: int,
) -> tuple[str, list[_Sentence]]:
    """The k candidates closest to the candidates' centroid, without near-repeats."""
    seen: set[tuple[str, int]] = set()
    pool = []
    for sent, w in cands:
        if sent.key in seen:
            continue
        seen.add(sent.key)
        n_words = len(sent.text.split())
        if not SUMMARY_WORDS[0] <= n_words <= SUMMARY_WORDS[1]:
            continue
        pool.append((sent, w, _tfidf(sent.bag, idf)))
    if not pool:
        return "", []
    centroid: dict[str, float] = defaultdict(float)
    for _, w, vec in pool:
        for t, v in vec.items():
            centroid[t] += w * v
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    cvec = {t: v / norm for t, v in centroid.items()}
    ranked = sorted(pool, key=lambda p: -_cos(p[2], cvec) * p[1])
    chosen: list[tuple[_Sentence, float, dict[str, float]]] = []
    for p in ranked:
        if len(chosen) >= k:
            break
        if any(_cos(p[2], c[2]) > 0.5 for c in chosen):
            continue
        chosen.append(p)
    return " ".join(" ".join(c[0].text.split()) for c in chosen), [c[0] for c in chosen]
