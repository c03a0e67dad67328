"""Plain-text renderings of the story answers, for the CLI."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import StanceHistory, Story, TimelineEntry
from .timeline import label

WIDTH = 100


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def format_stories(stories: Sequence[Story]) -> str:
    """One block per story: id, span, size, title, actors and issues."""
    if not stories:
        return "no stories (ingest some articles first)"
    lines = []
    for s in stories:
        span = f"{s.start or '?'} – {s.end or '?'}"
        lines.append(f"{s.id}  {span}  {len(s.article_ids)} article(s)")
        lines.append(f"  {_cut(s.title or '', WIDTH)}")
        if s.actors:
            lines.append(f"  actors: {', '.join(s.actors[:8])}")
        if s.issues:
            lines.append(f"  issues: {', '.join(s.issues[:5])}")
    return "\n".join(lines)


def format_timeline(entries: Sequence[TimelineEntry]) -> str:
    """One line per entry: date as written, status when not plain, summary, sources."""
    if not entries:
        return "no dated entries"
    lines = []
    for e in entries:
        when = e.label or label(e.date, e.precision)
        status = e.status or "asserted"
        mark = "" if status == "asserted" else f" [{status}]"
        sources = ", ".join(sorted({s.source or s.article_id[:8] for s in e.sources}))
        lines.append(f"{when:>20}{mark}  {_cut(e.text or '', WIDTH)}"
                     + (f"  ({sources})" if sources else ""))
    return "\n".join(lines)


def format_stances(histories: Sequence[StanceHistory]) -> str:
    """Per actor and issue, the positions in date order; changes marked with "→ changed"."""
    if not histories:
        return "no stances found"
    lines = []
    for h in histories:
        lines.append(f"{h.actor_name} on {h.issue}:")
        for item in h.history:
            mark = "  → changed" if item.changed else ""
            lines.append(f"  {item.date or '?':>10}  {_cut(item.position, WIDTH)}{mark}")
    return "\n".join(lines)
