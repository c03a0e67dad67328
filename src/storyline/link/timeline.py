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
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

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
    id: str
    published: str | None
    source: str | None
    url: str | None
    quality: float
    text: str
    spans: list[tuple[int, int]]
    off: list[tuple[int, int]]
    times: list[dict[str, Any]]
    title: str | None = None
    sent_weight: list[float] = field(default_factory=list)
    event_starts: list[int] = field(default_factory=list)

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


def _load(store: Store, story_id: str | None) -> list[_Article]:
    out = []
    for rec in store.link_articles(story_id):
        analysis = store.article(rec["article_id"])
        if analysis is None:
            continue
        text = analysis["article"].get("text") or ""
        spans = sentences(text)
        off = [(int(a), int(b)) for a, b in rec.get("offtopic", [])]
        art = _Article(
            rec["article_id"], rec.get("published"), rec.get("source"), rec.get("url"),
            float(rec["quality"]) if rec.get("quality") is not None else 1.0,
            text, spans, off, analysis.get("times", []), rec.get("title"),
        )
        art.event_starts = [int((e.get("sentence_span") or [0, 0])[0])
                            for e in analysis.get("events", [])]
        art.sent_weight = [
            (OFFTOPIC_WEIGHT if any(s <= a and b <= e for s, e in off) else 1.0)
            * (0.5 + 0.5 * art.quality)
            for a, b in spans
        ]
        out.append(art)
    return out


def _source(art: _Article) -> dict[str, Any]:
    return {"article_id": art.id, "source": art.source, "url": art.url}


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
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, text: str, weight: float, art: _Article, event_id: str | None = None) -> None:
        self.weight += weight
        if weight > self.text_weight:
            self.text, self.text_weight = text, weight
        if event_id and event_id not in self.event_ids:
            self.event_ids.append(event_id)
        self.sources.setdefault(art.id, _source(art))

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.value, "start": self.start, "end": self.end,
            "precision": self.precision,
            "label": label(self.value, self.precision, self.mod, self.start),
            "text": " ".join(self.text.split()), "status": self.status,
            "event_ids": self.event_ids, "sources": list(self.sources.values()),
            "weight": round(self.weight, 3),
        }


def _status_class(status: str) -> str:
    return "future" if status in FUTURE_STATUS else status


def full_timeline(store: Store, story_id: str | None) -> list[dict[str, Any]]:
    """Every dated entry of a story (or of the whole store), in date order."""
    arts = {a.id: a for a in _load(store, story_id)}
    entries: dict[tuple[str, str, str | None], _Entry] = {}
    covered: set[tuple[str, int]] = set()

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
            art = arts.get(m["article_id"])
            if art is None:
                continue
            with_events.add(art.id)
            text = ev.get("text") or ""
            e.add(text, float(m["weight"]), art, ev["id"])
            # A sentence whose event was dated by its words needs no second entry; an
            # undated event leaves the sentence's own dates (a deadline, say) their entries.
            if (not d.get("fallback") and 0 <= int(m["idx"]) < len(art.event_starts)
                    and art.spans):
                covered.add((art.id, art.sentence_of(art.event_starts[int(m["idx"])])))
    for art in arts.values():
        for t in art.times:
            if t.get("type") != "DATE" or not t.get("start") or not t.get("end"):
                continue
            i = art.sentence_of(int(t["span"][0]))
            if (art.id, i) in covered or not art.spans:
                continue
            s, e_ = art.spans[i]
            sentence = art.text[s:e_]
            status = date_status(t["start"], t["end"], t.get("mod"), art.published, sentence)
            entry(t["value"], t["start"], t["end"], t.get("precision"), t.get("mod"),
                  status).add(sentence, art.sent_weight[i], art)
        if art.id not in with_events and art.published and art.spans:
            lead = next((i for i, w in enumerate(art.sent_weight) if w > OFFTOPIC_WEIGHT), 0)
            s, e_ = art.spans[lead]
            day = art.published[:10]
            entry(day, day, day, "day", None, "asserted").add(
                art.text[s:e_], 0.5 * art.sent_weight[lead], art)
    # An entry needs one sentence that is not off-topic: stitched text alone makes none.
    kept = [e for e in entries.values() if e.text_weight > OFFTOPIC_WEIGHT]
    kept.sort(key=lambda e: (_sort_key(e.start, e.end, e.mod), e.value))
    return [e.to_dict() for e in kept]


# --- timeline summarisation -------------------------------------------------------------


def _tfidf(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vec = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in bag.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def summarise(
    store: Store, story_id: str | None, dates: int, sentences_per_date: int = 1,
    start: str | None = None, end: str | None = None,
) -> list[dict[str, Any]]:
    """The `dates` most important days of a story, each with a short extractive summary."""
    arts = _load(store, story_id)
    mention_docs: dict[str, set[str]] = defaultdict(set)
    mention_sents: Counter[str] = Counter()
    before_after: dict[str, set[str]] = defaultdict(set)
    published: Counter[str] = Counter()
    cands: dict[str, list[tuple[_Article, int, float]]] = defaultdict(list)
    df: Counter[str] = Counter()
    bags: dict[tuple[str, int], Counter[str]] = {}
    for art in arts:
        pub = art.published[:10] if art.published else None
        if pub:
            published[pub] += 1
        dated: set[int] = set()
        for t in art.times:
            if t.get("type") != "DATE" or t.get("precision") != "day" or not t.get("start"):
                continue
            d = t["start"][:10]
            i = art.sentence_of(int(t["span"][0]))
            w = art.sent_weight[i] if art.spans else 0.0
            if w <= OFFTOPIC_WEIGHT * 1.01 or i in dated:
                continue
            dated.add(i)
            mention_docs[d].add(art.id)
            mention_sents[d] += 1
            if pub and d != pub:
                before_after[d].add(art.id)
            cands[d].append((art, i, w))
        if pub:
            pday = _day(pub)
            for i in range(min(LEAD_SENTENCES, len(art.spans))):
                if i in dated or pday is None:
                    continue
                for k in range(PUB_DAYS):
                    cands[(pday - timedelta(days=k)).isoformat()].append(
                        (art, i, art.sent_weight[i] * 0.5))
        for i, (s, e) in enumerate(art.spans):
            bag = Counter(terms(art.text[s:e]))
            bags[(art.id, i)] = bag
            df.update(bag.keys())
    n = max(1, len(bags))
    idf = {t: math.log(n / c) + 1.0 for t, c in df.items()}

    def score(d: str) -> float:
        return (len(mention_docs[d]) + 0.5 * len(before_after[d])
                + 0.1 * mention_sents[d] + 0.5 * published.get(d, 0))

    days = [d for d in set(mention_docs) | set(published)
            if (start is None or d >= start) and (end is None or d <= end)]
    days.sort(key=lambda d: (-score(d), d))
    out: list[dict[str, Any]] = []
    for d in days:
        if len(out) >= dates:
            break
        text, picked = _summary(cands.get(d, [])[:MAX_CANDIDATES], bags, idf, sentences_per_date)
        if not text:
            continue
        sources = {a.id: _source(a) for a in picked}
        out.append({"date": d, "start": d, "end": d, "precision": "day",
                    "label": label(d, "day"), "text": text,
                    "status": "asserted", "event_ids": [], "sources": list(sources.values()),
                    "weight": round(score(d), 3)})
    out.sort(key=lambda e: str(e["date"]))
    return out


def _summary(
    cands: list[tuple[_Article, int, float]], bags: dict[tuple[str, int], Counter[str]],
    idf: dict[str, float], k: int,
) -> tuple[str, list[_Article]]:
    """The k candidates closest to the candidates' centroid, without near-repeats."""
    seen: set[tuple[str, int]] = set()
    pool = []
    for art, i, w in cands:
        if (art.id, i) in seen or not art.spans:
            continue
        seen.add((art.id, i))
        s, e = art.spans[i]
        n_words = len(art.text[s:e].split())
        if not SUMMARY_WORDS[0] <= n_words <= SUMMARY_WORDS[1]:
            continue
        pool.append((art, i, w, _tfidf(bags[(art.id, i)], idf)))
    if not pool:
        return "", []
    centroid: dict[str, float] = defaultdict(float)
    for _, _, w, vec in pool:
        for t, v in vec.items():
            centroid[t] += w * v
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    cvec = {t: v / norm for t, v in centroid.items()}
    ranked = sorted(pool, key=lambda p: -_cos(p[3], cvec) * p[2])
    chosen: list[tuple[_Article, int, float, dict[str, float]]] = []
    for p in ranked:
        if len(chosen) >= k:
            break
        if any(_cos(p[3], c[3]) > 0.5 for c in chosen):
            continue
        chosen.append(p)
    texts = [" ".join(a.text[a.spans[i][0]: a.spans[i][1]].split()) for a, i, _, _ in chosen]
    return " ".join(texts), [a for a, _, _, _ in chosen]
