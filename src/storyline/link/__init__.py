"""Link: the cross-article stage (stories, merged events, timelines, stances, quality).

`update(store, ids)` runs after each ingested batch and works on compact per-article
records; the other functions answer the story commands of the CLI from the store.

Example::

    update(store, ["36fc0c3655d874e9"])
    for s in stories(store):
        print(s.title, format_timeline(timeline(store, s.id, None)))
"""

from __future__ import annotations

from typing import Any

from ..records import MergedEvent, StanceHistory, Story, StoryArticle, StoryDetail, TimelineEntry
from ..store import Store
from . import history as _history
from . import quality as _quality
from . import stories as _stories
from .merge import merge_events
from .quality import quality
from .render import format_stances, format_stories, format_timeline
from .timeline import full_timeline, summarise

__all__ = [
    "article_ids", "clear", "format_stances", "format_stories", "format_timeline", "quality",
    "stance_history", "stories", "story", "timeline", "update",
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
    moved = _stories.consolidate(st, list(touched))
    if moved:
        _moved(store, st, moved, records, touched)
    store.link_write(records, list(touched.values()), list(pending_events.values()), mentions)


def _moved(store: Store, st: _stories.State, moved: dict[str, str],
           records: list[dict[str, Any]], touched: dict[str, dict[str, Any]]) -> None:
    """Point the articles of absorbed stories at the stories that took them in.

    An absorbed story stays as an empty row naming its successor, so that its id, once
    shown to a user, still leads somewhere.
    """
    for rec in records:
        rec["story_id"] = moved.get(rec["story_id"], rec["story_id"])
    for gone, kept in moved.items():
        old = touched.pop(gone, None) or next(store.link_stories(gone), None) or {"id": gone}
        touched[gone] = {"id": gone, "title": old.get("title"), "start": old.get("start"),
                         "end": old.get("end"), "size": 0, "merged_into": kept}
        touched[kept] = st.stories[kept]
        records += [{**r, "story_id": kept} for r in store.link_articles(gone)]


def _story_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The fields a story answer takes from its stored profile (all but its articles)."""
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
        "actors": [a for a in actors if kinds.get(a) != "group"][:10],
        "issues": issues[:5],
        "start": row.get("start"),
        "end": row.get("end"),
    }


def stories(store: Store) -> list[Story]:
    """Every story with articles, largest first."""
    members: dict[str, list[str]] = {}
    for article_id, story_id in store.link_members():
        members.setdefault(story_id, []).append(article_id)
    return [Story(article_ids=members[row["id"]], **_story_fields(row))
            for row in store.link_stories() if members.get(row["id"])]


def clear(store: Store) -> None:
    """Forget every story of the store, in the database and in the grouping index."""
    store.link_clear()
    _stories.forget(store)


def story(store: Store, story_id: str) -> StoryDetail | None:
    """One story (its id or an unambiguous prefix) with its articles, actor names and merged
    events."""
    row = _current(store, story_id)
    if row is None:
        return None
    articles = [
        StoryArticle(r["article_id"], r.get("title"), r.get("published"), r.get("source"),
                     r.get("url"), r.get("quality"), r.get("flags", []))
        for r in store.link_articles(row["id"])
    ]
    fields = _story_fields(row)
    events = store.merged_events(row["id"])
    events.sort(key=lambda e: (e["date"].get("start") or "", e["id"]))
    return StoryDetail(
        article_ids=[a.id for a in articles], **fields, articles=articles,
        actor_names={a: row.get("names", {}).get(a, a) for a in fields["actors"]},
        events=[
            MergedEvent(
                e["id"], e["type"], e["status"], e["actor"], e["recipient"], e["date"],
                e.get("location"), e.get("trigger"), e.get("text"),
                e.get("first_seen"), e.get("last_seen"), mentions=len(e["mentions"]),
                articles=len({m["article_id"] for m in e["mentions"]}),
                sources=len(e.get("sources") or []),
            )
            for e in events
        ],
    )


def article_ids(store: Store, story_id: str) -> list[str] | None:
    """The ids of a story's articles (its id or an unambiguous prefix); None if no story."""
    row = _current(store, story_id)
    if row is None:
        return None
    return [r["article_id"] for r in store.link_articles(row["id"])]


def _current(store: Store, story_id: str) -> dict[str, Any] | None:
    """The stored row of a story given by id or prefix; an absorbed story's id leads to the
    story that took it in."""
    found = store.story_id(story_id)
    row = next(store.link_stories(found), None) if found else None
    seen: set[str] = set()
    # a story absorbed into one that was later absorbed too: follow the whole chain
    while row is not None and row.get("merged_into") and row["id"] not in seen:
        seen.add(row["id"])
        row = next(store.link_stories(row["merged_into"]), None)
    return row


def _resolve(store: Store, story_id: str | None) -> str | None:
    """The full id of a story given by id or prefix; "" when there is none."""
    if story_id is None:
        return None
    row = _current(store, story_id)
    return row["id"] if row is not None else ""


def timeline(
    store: Store, story_id: str | None, dates: int | None = None, *,
    sentences: int = 1, start: str | None = None, end: str | None = None,
) -> list[TimelineEntry]:
    """A story's timeline (every article when `story_id` is None), in date order.

    With `dates=N`, the N most important days, each summarised in `sentences` sentences;
    `start`/`end` (YYYY-MM-DD) bound the days considered.
    """
    story_id = _resolve(store, story_id)
    if story_id == "":
        return []
    if dates:
        return summarise(store, story_id, dates, sentences, start, end)
    entries = full_timeline(store, story_id)
    if start or end:
        entries = [e for e in entries if (not start or e.end >= start)
                   and (not end or e.start <= end)]
    return entries


def stance_history(store: Store, story_id: str | None) -> list[StanceHistory]:
    """Per actor and issue, positions over time with changes marked (all stories if None)."""
    story_id = _resolve(store, story_id)
    if story_id == "":
        return []
    return _history.stance_history(store, story_id)
