"""Stance history: per actor and issue, positions over time, with changes marked.

A government's leaders and ministries speak for their state, so their stances are filed
under the country ("Putin: ..." is Russia's position). Issue keys that share most of their
parts ("kuril islands / peace treaty" and "kuril islands / peace treaty / sovereignty")
are one issue.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..records import StanceHistory, StancePosition
from ..store import Store
from ..text import terms

SAME = 0.5  # positions sharing this share of their content terms say the same thing
UNCHANGED = "unchanged:"  # the stance extractor's mark for an explicitly kept position


def same_position(a: str, b: str) -> bool:
    """Whether two wordings state one position (content-term overlap, stems compared)."""
    if b.lower().startswith(UNCHANGED):
        return True
    ta, tb = set(terms(a)), set(terms(b))
    if not ta or not tb:
        return a.strip().lower() == b.strip().lower()
    return len(ta & tb) / min(len(ta), len(tb)) >= SAME


def _parts(issue: str) -> frozenset[str]:
    return frozenset(p.strip() for p in issue.split("/") if p.strip())


def issue_groups(issues: Counter[str]) -> dict[str, str]:
    """Each issue key -> the key naming its group (keys sharing most parts are one)."""
    order = sorted(issues, key=lambda i: (-issues[i], len(_parts(i)), i))
    heads: list[str] = []
    out = {}
    for issue in order:
        parts = _parts(issue)
        for head in heads:
            common = parts & _parts(head)
            if common and len(common) * 2 >= min(len(parts), len(_parts(head))):
                out[issue] = head
                break
        else:
            heads.append(issue)
            out[issue] = issue
    return out


def stance_history(store: Store, story_id: str | None) -> list[StanceHistory]:
    """Per actor and issue, positions over time with changes marked (all stories if None).

    Only stances and the few parts of their articles' link records are read, so the cost
    follows the number of stances, not of articles.
    """
    found: list[tuple[str, str, dict[str, Any]]] = []
    issues: Counter[str] = Counter()
    names: dict[str, str] = {}
    for st, rec in store.link_stances(story_id):
        if not st.get("actor") or not st.get("issue"):
            continue
        span = st.get("span") or [0, 0]
        if any(s <= span[0] and span[1] <= e for s, e in rec["offtopic"]):
            continue  # a stitched sentence is no evidence of anyone's position
        speaker = st["actor"]
        actor = rec["states"].get(speaker, speaker)
        names.update(rec["names"])
        issues[st["issue"]] += 1
        found.append((actor, st["issue"], {
            "date": st.get("date") or (rec["published"] or "")[:10] or None,
            "position": st.get("position") or "", "article_id": st["article_id"],
            "speaker": speaker,
        }))
    group = issue_groups(issues)
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for actor, issue, item in found:
        grouped[(actor, group[issue])].append(item)
    out = []
    for (actor, issue), items in grouped.items():
        items.sort(key=lambda i: (i["date"] or "", i["article_id"]))
        history: list[StancePosition] = []
        for item in items:
            changed = bool(history) and not same_position(history[-1].position,
                                                          item["position"])
            if history and not changed and history[-1].date == item["date"]:
                continue  # the same position restated the same day
            history.append(StancePosition(item["date"], item["position"], item["article_id"],
                                          changed, names.get(item["speaker"], item["speaker"])))
        out.append(StanceHistory(actor, names.get(actor, actor), issue, history))
    out.sort(key=lambda h: (-len(h.history), h.actor_name, h.issue))
    return out
