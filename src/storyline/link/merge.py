"""Event merging: mentions of one real event in many articles become one event.

Two mentions are the same event when they share the PLOVER type, their date intervals
overlap, they share a participant (or, with no participants, the trigger and place) and
their places do not contradict. Lookups go through the (type, date) index, bounded to a
window, so the cost per mention does not grow with the store.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..store import Store
from .lexicon import data_lines

FALLBACK_DAYS = 7  # an undated mention may be of an event up to a week before publication
WINDOW_DAYS = 400  # merged events starting earlier than this before a mention are not looked at
TEXT_CHARS = 400
PRECISION_RANK = {"day": 0, "weekend": 1, "week": 1, "month": 2, "season": 3, "quarter": 3,
                  "year": 4, "decade": 5, "century": 6}


def _earliest(start: str) -> str:
    try:
        return (date.fromisoformat(start[:10]) - timedelta(days=WINDOW_DAYS)).isoformat()
    except ValueError:
        return "0000-00-00"


def event_date(event: dict[str, Any], published: str | None) -> dict[str, Any] | None:
    """The event's date interval, or the publication day for undated mentions."""
    d = dict(event.get("date") or {})
    if d.get("start") and d.get("end"):
        return d
    if not published:
        return None
    day = published[:10]
    return {"value": day, "start": day, "end": day, "precision": "day", "text": None,
            "fallback": True}


def _participants(event: dict[str, Any]) -> set[str]:
    return set(event.get("actor") or []) | set(event.get("recipient") or [])


def _successors() -> dict[str, str]:
    return dict(line.split("\t")[:2] for line in data_lines("successor_states.tsv"))


_SUCCESSOR = _successors()


def _states(event: dict[str, Any]) -> set[str]:
    """The participants' countries (former states as their successors)."""
    countries = event.get("countries") or {}
    out = set()
    for a in _participants(event):
        c = countries.get(a) or (a if len(a) == 3 and a.isupper() else None)
        if c:
            out.add(_SUCCESSOR.get(c, c))
    return out


def _window(d: dict[str, Any]) -> tuple[str, str]:
    """The days a mention's date can refer to (a week back for undated mentions)."""
    if d.get("fallback"):
        day = _day(d["start"])
        if day is not None:
            return (day - timedelta(days=FALLBACK_DAYS)).isoformat(), d["end"]
    return d["start"], d["end"]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _place(event: dict[str, Any]) -> str | None:
    loc = event.get("location")
    if not isinstance(loc, dict):
        return None
    return (loc.get("name") or "").lower() or None


def same_event(mention: dict[str, Any], merged: dict[str, Any]) -> float:
    """How well a mention fits a merged event: 0 when it cannot be the same event."""
    if mention.get("type") != merged.get("type"):
        return 0.0
    if (mention.get("status") == "negated") != (merged.get("status") == "negated"):
        return 0.0
    a, b = _participants(mention), _participants(merged)
    place_a, place_b = _place(mention), _place(merged)
    if place_a and place_b and place_a != place_b:
        return 0.0
    trigger_same = (mention.get("trigger") or "").lower() == (merged.get("trigger") or "").lower()
    if a or b:
        if a & b:
            score = len(a & b) / len(a | b)
        else:  # "Putin met Abe" and "Russia and Japan held talks": compare their states
            sa, sb = _states(mention), _states(merged)
            if not (sa & sb) or len(sa & sb) < min(len(sa), len(sb), 2):
                return 0.0
            score = 0.3 * len(sa & sb) / len(sa | sb)
    else:
        if not trigger_same or not (place_a and place_b):
            return 0.0
        score = 0.5
    d1, d2 = mention["date"], merged["date"]
    if d1.get("fallback") and d2.get("fallback") and d1.get("start") != d2.get("start"):
        return 0.0  # two undated mentions on different days: nothing says they are one
    if not d1.get("fallback") and not d2.get("fallback") and (
            d1["start"] > d2["end"] or d2["start"] > d1["end"]):
        return 0.0
    same_value = d1.get("value") == d2.get("value")
    return score + (0.2 if trigger_same else 0.0) + (0.1 if same_value else 0.0)


def _new(mention: dict[str, Any], event_id: str) -> dict[str, Any]:
    keep = ("type", "status", "actor", "recipient", "location", "trigger", "cameo", "goldstein",
            "countries")
    merged = {k: mention.get(k) for k in keep}
    merged.update(id=event_id, date=dict(mention["date"]), mentions=0, weight=0.0, articles=[],
                  sources=[], first_seen=None, last_seen=None, status_votes={}, date_votes={},
                  text=None, text_weight=-1.0, text_article=None)
    return merged


def add_mention(
    merged: dict[str, Any], mention: dict[str, Any], article_id: str, source: str | None,
    published: str | None, text: str, weight: float,
) -> None:
    """Fold one mention into a merged event (counts, dates, status, best sentence)."""
    merged["mentions"] += 1
    merged["weight"] = round(merged["weight"] + weight, 4)
    if article_id not in merged["articles"]:
        merged["articles"].append(article_id)
    if source and source not in merged["sources"]:
        merged["sources"].append(source)
    if published:
        day = published[:10]
        merged["first_seen"] = min(filter(None, [merged["first_seen"], day]))
        merged["last_seen"] = max(filter(None, [merged["last_seen"], day]))
    votes: dict[str, float] = dict(merged["status_votes"])
    status = mention.get("status") or "asserted"
    votes[status] = votes.get(status, 0.0) + weight
    merged["status_votes"] = votes
    merged["status"] = max(votes, key=votes.__getitem__)
    d = mention["date"]
    dvotes: dict[str, float] = dict(merged["date_votes"])
    # Precise, worded dates outvote the publication-day fallback and coarse dates.
    fine = 1.0 + 0.1 * (6 - PRECISION_RANK.get(d.get("precision") or "year", 4))
    vote = weight * (0.2 if d.get("fallback") else 1.0) * fine
    dvotes[d["value"]] = dvotes.get(d["value"], 0.0) + vote
    merged["date_votes"] = dvotes
    best = max(dvotes, key=dvotes.__getitem__)
    if best == d["value"]:
        merged["date"] = dict(d)
    for who in ("actor", "recipient"):
        merged[who] = sorted(set(merged.get(who) or []) | set(mention.get(who) or []))
    merged["countries"] = {**(merged.get("countries") or {}), **(mention.get("countries") or {})}
    if weight > merged["text_weight"] and text:
        merged["text"], merged["text_weight"], merged["text_article"] = (
            text[:TEXT_CHARS], weight, article_id)


def merge_events(
    store: Store, pending: dict[str, dict[str, Any]], article: dict[str, Any],
    events: list[dict[str, Any]], weights: list[float], countries: dict[str, str],
) -> list[tuple[str, int, str, float]]:
    """Merge one article's events into `pending` (merged events to write); mention rows.

    `countries` maps the article's actor ids to their countries.
    """
    text: str = article.get("text") or ""
    published, source = article.get("published"), article.get("source")
    rows = []
    for idx, raw in enumerate(events):
        d = event_date(raw, published)
        if d is None or not raw.get("type"):
            continue
        mention = {**raw, "date": d, "countries": {
            a: countries[a] for a in _participants(raw) if a in countries}}
        lo, hi = _window(d)
        candidates = {
            e["id"]: e for e in store.merged_events_near(raw["type"], lo, hi, _earliest(lo))
        }
        for e in pending.values():
            if e["type"] == raw["type"] and e["date"]["start"] <= hi and e["date"]["end"] >= lo:
                candidates[e["id"]] = e
        best, best_score = None, 0.0
        for e in candidates.values():
            e = pending.get(e["id"], e)
            score = same_event(mention, e)
            if score > best_score:
                best, best_score = e, score
        if best is None:
            best = _new(mention, f"ev-{article['id'][:10]}-{idx}")
        pending[best["id"]] = best
        span = raw.get("sentence_span") or [0, 0]
        add_mention(best, mention, article["id"], source, published,
                    text[int(span[0]): int(span[1])].strip(), weights[idx])
        rows.append((article["id"], idx, best["id"], weights[idx]))
    return rows
