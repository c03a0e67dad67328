"""Link: the cross-article stage (stories, merged events, timelines, stances, quality).

`update(store, ids)` runs after each ingested batch and works on compact per-article
records; the other functions answer the story commands of the CLI from the store.

Example::

    update(store, ["36fc0c3655d874e9"])
    for s in stories(store):
        print(s["title"], format_timeline(timeline(store, s["id"], None)))
"""

from __future__ import annotations

from typing import Any

from ..store import Store
from . import history as _history
from . import quality as _quality
from . import stories as _stories
from .merge import merge_events
from .quality import quality
from .render import format_stances, format_stories, format_timeline
from .timeline import full_timeline, summarise

__all__ = [
    "format_stances", "format_stories", "format_timeline", "quality", "stance_history",
    "stories", "story", "timeline", "update",
]

OFFTOPIC_MENTION = 0.3  # weight of an event mention taken from an off-topic sentence


def update(store: Store, article_ids: list[str]) -> None:
    """Score, merge and group newly stored articles (already linked ones are skipped)."""
    ids = store.link_pending(list(dict.fromkeys(article_ids)))
    if not ids:
        return
    st = _stories.state(store)
    records: list[dict[str, Any]] = []
    touched: dict[str, dict[str, Any]] = {}
    pending_events: dict[str, dict[str, Any]] = {}
    mentions: list[tuple[str, int, str, float]] = []
    for article_id in ids:
        analysis = store.article(article_id)
        if analysis is None:
            continue
        article = analysis["article"]
        # The pipeline scored the article before storing it (analyze reports the score).
        q, spans, sent_terms = _quality.assess(analysis, article.get("quality"))
        rec = _stories.compact(analysis, q, spans, sent_terms)
        published = article.get("published")
        sid, sim = _stories.assign(st, rec, published)
        story = st.stories.get(sid) if sid else None
        if story is None:
            story = _stories.new_story(article_id)
        _stories.join(st, story, rec, published, sim, q["score"])
        touched[story["id"]] = story
        records.append({**rec, "article_id": article_id, "story_id": story["id"],
                        "published": published, "quality": q["score"]})
        off = q["offtopic"]
        weights = []
        for ev in analysis.get("events", []):
            span = ev.get("sentence_span") or [0, 0]
            stitched = any(s <= span[0] and span[1] <= e for s, e in off)
            weights.append((OFFTOPIC_MENTION if stitched else 1.0) * (0.5 + 0.5 * q["score"]))
        countries = {str(a["id"]): str(a["country"]) for a in analysis.get("actors", [])
                     if a.get("country")}
        mentions += merge_events(store, pending_events, article, analysis.get("events", []),
                                 weights, countries)
    store.link_write(records, list(touched.values()), list(pending_events.values()), mentions)


def _story_dict(row: dict[str, Any]) -> dict[str, Any]:
    actors = sorted(row.get("actors", {}), key=lambda a: -row["actors"][a])
    kinds = row.get("kinds", {})
    issues = sorted(row.get("issues", {}), key=lambda i: -row["issues"][i])
    if not issues:  # no stance issues yet: the story's strongest words stand in
        surface = row.get("surface", {})
        issues = [surface.get(k, k) for k in sorted(row.get("keys", {}),
                                                    key=lambda k: -row["keys"][k])
                  if not k.startswith("@")][:5]
    return {
        "id": row["id"],
        "title": row.get("title") or _stories.made_title(row),
        "article_ids": [],
        "actors": [a for a in actors if kinds.get(a) != "group"][:10],
        "issues": issues[:5],
        "start": row.get("start"),
        "end": row.get("end"),
    }


def stories(store: Store) -> list[dict[str, Any]]:
    """Every story, largest first: {id, title, article_ids, actors, issues, start, end}."""
    members: dict[str, list[str]] = {}
    for rec in store.link_articles():
        members.setdefault(rec["story_id"], []).append(rec["article_id"])
    out = []
    for row in store.link_stories():
        s = _story_dict(row)
        s["article_ids"] = members.get(row["id"], [])
        if s["article_ids"]:
            out.append(s)
    return out


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story with its articles, actors (with names) and merged events."""
    row = next(store.link_stories(story_id), None)
    if row is None:
        matches = [s for s in store.link_stories() if s["id"].startswith(story_id)]
        row = matches[0] if len(matches) == 1 else None
    if row is None:
        return None
    s = _story_dict(row)
    s["articles"] = [
        {"id": r["article_id"], "title": r.get("title"), "published": r.get("published"),
         "source": r.get("source"), "url": r.get("url"), "quality": r.get("quality"),
         "flags": r.get("flags", [])}
        for r in store.link_articles(row["id"])
    ]
    s["article_ids"] = [a["id"] for a in s["articles"]]
    s["actor_names"] = {a: row.get("names", {}).get(a, a) for a in s["actors"]}
    events = store.merged_events(row["id"])
    events.sort(key=lambda e: (e["date"].get("start") or "", e["id"]))
    s["events"] = [
        {k: e.get(k) for k in ("id", "type", "status", "actor", "recipient", "date", "location",
                               "trigger", "text", "first_seen", "last_seen")}
        | {"mentions": len(e["mentions"]),
           "articles": len({m["article_id"] for m in e["mentions"]}),
           "sources": len(e.get("sources") or [])}
        for e in events
    ]
    return s


def timeline(
    store: Store, story_id: str | None, dates: int | None = None, *,
    sentences: int = 1, start: str | None = None, end: str | None = None,
) -> list[dict[str, Any]]:
    """A story's timeline (every article when `story_id` is None), in date order.

    With `dates=N`, the N most important days, each summarised in `sentences` sentences;
    `start`/`end` (YYYY-MM-DD) bound the days considered.
    """
    if story_id is not None:
        found = story(store, story_id)
        if found is None:
            return []
        story_id = found["id"]
    if dates:
        return summarise(store, story_id, dates, sentences, start, end)
    entries = full_timeline(store, story_id)
    if start or end:
        entries = [e for e in entries if (not start or e["end"] >= start)
                   and (not end or e["start"] <= end)]
    return entries


def stance_history(store: Store, story_id: str | None) -> list[dict[str, Any]]:
    """Per actor and issue, positions over time with changes marked (all stories if None)."""
    if story_id is not None:
        found = story(store, story_id)
        if found is None:
            return []
        story_id = found["id"]
    return _history.stance_history(store, story_id)
