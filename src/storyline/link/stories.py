"""Online story grouping: each new article joins the closest story or starts its own.

Every article is reduced once to a compact record: weighted keys (its actors as ``@id``,
its content terms), never its text again. A story is the sum of its articles' keys,
trimmed to its strongest. A new article finds candidate stories through an inverted list
per key (only the most recently active stories of each list), scores them by tf-idf
cosine, and joins the best one above a threshold that rises gently with the time gap, so
a story can run for years and take late articles. After each batch, a story that grew is
merged into another whose profile has come to match its own (`consolidate`): online
decisions split a story whose first articles covered different sides of it.
"""

from __future__ import annotations

import hashlib
import math
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..store import Store
from ..text import WORD, sentences, stem, terms

ARTICLE_KEYS = 30  # keys kept per article
STORY_KEYS = 60  # keys kept per story profile
PROBE_KEYS = 12  # strongest article keys used to find candidate stories
POSTING_RECENT = 60  # stories looked at per key: the most recently active ones
POSTING_MAX = 400  # inverted lists are pruned to this many stories
CANDIDATES = 12
# Thresholds chosen on benchmarks.stories (Timeline17 mixture, 40 articles a collection),
# each a step on the safe side of its best: B-cubed precision stays 1.0 at JOIN 0.12 and
# MERGE 0.22 and first drops at MERGE 0.18, while profiles of different topics there reach
# at most 0.10. Stories of one subject (two quakes, two elections) sit closer than that.
JOIN = 0.15  # cosine needed to join a story published the same day ...
JOIN_GAP = 0.08  # ... plus this much per year between the article and the story
MERGE = 0.22  # cosine of two story profiles that makes them one (plus JOIN_GAP per year)
TERM_CHARS = 60_000  # terms are taken from the start of very long texts only
SURFACE_CHARS = 1_500  # where the readable forms of key terms are looked for
PARTICIPANTS = frozenset({"person", "organization", "country", "place", "group"})


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def compact(
    analysis: dict[str, Any], q: dict[str, Any],
    spans: list[tuple[int, int]] | None = None, sent_terms: list[set[str]] | None = None,
) -> dict[str, Any]:
    """The article's compact link record, built once from its stored analysis.

    `spans` and `sent_terms` (from `quality.assess`) save splitting the text again.
    """
    article = analysis["article"]
    text: str = (article.get("text") or "")[:TERM_CHARS]
    if spans is None or sent_terms is None:
        spans = sentences(text)
        sent_terms = [set(terms(text[s:e])) for s, e in spans]
    off = [(int(s[0]), int(s[1])) for s in q.get("offtopic", [])]
    weights: dict[str, float] = defaultdict(float)
    for t in terms(article.get("title") or ""):
        weights[t] += 3.0
    lead = 0
    for (s, e), found in zip(spans, sent_terms, strict=True):
        if s >= TERM_CHARS:
            break
        if _inside((s, e), off):
            continue
        factor = 2.0 if lead < 3 else 1.0
        lead += 1
        for t in found:  # each term once per sentence: repetition inside one says little
            weights[t] += factor
    keys = {t: 1.0 + math.log(w) for t, w in weights.items()}
    actors: dict[str, int] = {}
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for actor in analysis.get("actors", []):
        if actor.get("kind") not in PARTICIPANTS:
            continue
        count = sum(1 for m in actor.get("mentions") or [] if not _inside((m[0], m[1]), off))
        if count or not actor.get("mentions"):
            aid = str(actor["id"])
            actors[aid] = max(1, count)
            names[aid] = actor.get("name") or aid
            kinds[aid] = actor.get("kind") or ""
            # Actors weigh more than words: they are what stories are about.
            keys["@" + aid] = 1.5 * (1.0 + math.log(max(1, count)))
    # Ties broken by name: set order varies between processes, and so would the stories.
    top = dict(sorted(keys.items(), key=lambda kv: (-kv[1], kv[0]))[:ARTICLE_KEYS])
    surface = surfaces((article.get("title") or "") + "\n" + text[:SURFACE_CHARS], top)
    issues = sorted({s["issue"] for s in analysis.get("stances", []) if s.get("issue")})
    # Governments speak through their leaders and ministries: their stances are the state's.
    states = {str(a["id"]): str(a["country"]) for a in analysis.get("actors", [])
              if a.get("country") and (a.get("sector") == "GOV" or a.get("kind") == "country")}
    for a in analysis.get("actors", []):
        if a.get("kind") == "country":
            names.setdefault(str(a["id"]), a.get("name") or str(a["id"]))
    return {
        "title": article.get("title"), "source": article.get("source"), "url": article.get("url"),
        "keys": {k: round(v, 3) for k, v in top.items()}, "actors": actors, "names": names,
        "kinds": kinds, "issues": issues, "states": states, "surface": surface,
        "offtopic": [list(s) for s in off],
        "flags": q.get("flags", []),
    }


def surfaces(text: str, keys: dict[str, float]) -> dict[str, str]:
    """A readable word for each stemmed key term ("swin" -> "swine")."""
    out: dict[str, str] = {}
    for m in WORD.finditer(text):
        word = m.group().lower().replace("’", "'").removesuffix("'s")
        s = stem(word)
        if s in keys and s not in out:
            out[s] = word
            if len(out) == len(keys):
                break
    return out


@dataclass
class State:
    """The grouping index of one store, loaded once per process and kept in step."""

    n: int = 0
    df: Counter[str] = field(default_factory=Counter)
    stories: dict[str, dict[str, Any]] = field(default_factory=dict)
    postings: dict[str, dict[str, int]] = field(default_factory=dict)
    clock: int = 0

    # idf is asked for millions of times per thousand articles; it is cached until the next
    # article changes the counts.
    _idf: dict[str, float] = field(default_factory=dict)

    def idf(self, key: str) -> float:
        value = self._idf.get(key)
        if value is None:
            value = math.log((self.n + 1) / (self.df.get(key, 0) + 1)) + 1.0
            self._idf[key] = value
        return value

    def counted(self, keys: Iterable[str]) -> None:
        """One more article with these key terms."""
        self.n += 1
        self.df.update(keys)
        self._idf.clear()

    def index(self, story: dict[str, Any]) -> None:
        self.clock += 1
        for key in story["keys"]:
            posting = self.postings.setdefault(key, {})
            posting[story["id"]] = self.clock
            if len(posting) > POSTING_MAX:
                for old in sorted(posting, key=posting.__getitem__)[: len(posting) // 4]:
                    del posting[old]


_STATES: weakref.WeakKeyDictionary[Store, State] = weakref.WeakKeyDictionary()


def forget(store: Store) -> None:
    """Drop the store's grouping index (its stories were cleared)."""
    _STATES.pop(store, None)


def state(store: Store) -> State:
    """The store's grouping index, read from the database on first use."""
    st = _STATES.get(store)
    if st is None:
        st = State()
        for rec in store.link_articles():
            st.counted(rec.get("keys", {}).keys())
        for story in sorted(store.link_stories(), key=lambda s: s.get("end") or ""):
            if story.get("merged_into"):
                continue
            st.stories[story["id"]] = story
            st.index(story)
        _STATES[store] = st
    return st


def _days(a: str | None, b: str | None) -> int:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return 0


def _gap(story: dict[str, Any], published: str | None) -> int:
    if not published:
        return 0
    day = published[:10]
    if story.get("start") and day < story["start"]:
        return _days(day, story["start"])
    if story.get("end") and day > story["end"]:
        return _days(day, story["end"])
    return 0


def similarity(st: State, vec: dict[str, float], story: dict[str, Any]) -> float:
    """tf-idf cosine between an article vector (idf applied, unit length) and a story.

    The story's norm is the one computed when it last changed: idf drifts slowly as the
    store grows, and recomputing it for every candidate would dominate the cost.
    """
    keys = story["keys"]
    dot = sum(w * keys[k] * st.idf(k) for k, w in vec.items() if k in keys)
    norm = story.get("norm") or story_norm(st, story)
    return dot / norm if norm else 0.0


def story_norm(st: State, story: dict[str, Any]) -> float:
    return math.sqrt(sum((w * st.idf(k)) ** 2 for k, w in story["keys"].items()))


def vector(st: State, keys: dict[str, float]) -> dict[str, float]:
    """Keys weighted by idf, of unit length over the keys some other article shares.

    Keys no other article has (a name met once, a rare word) can match nothing: left in the
    norm they would only dilute the evidence of the keys that can.
    """
    vec = {k: w * st.idf(k) for k, w in keys.items()}
    norm = math.sqrt(sum(w * w for k, w in vec.items() if st.df[k] > 1)) or 1.0
    return {k: w / norm for k, w in vec.items()}


def _candidates(st: State, keys: dict[str, float], skip: str = "") -> list[str]:
    """Stories sharing the strongest of `keys`, the most promising first."""
    probe = sorted(keys, key=lambda k: (-keys[k] * st.idf(k), k))[:PROBE_KEYS]
    partial: dict[str, float] = defaultdict(float)
    for key in probe:
        posting = st.postings.get(key)
        if not posting:
            continue
        recent = sorted(posting, key=posting.__getitem__, reverse=True)[:POSTING_RECENT]
        for sid in recent:
            partial[sid] += keys[key] * st.idf(key)
    partial.pop(skip, None)
    # A story absorbed by another may linger under keys its profile dropped long ago.
    return [s for s in sorted(partial, key=lambda s: (-partial[s], s))
            if s in st.stories][:CANDIDATES]


def assign(st: State, rec: dict[str, Any], published: str | None) -> tuple[str, float]:
    """Id of the story the article joins (a new one when none is close), and the score."""
    keys: dict[str, float] = rec["keys"]
    st.counted(keys.keys())
    vec = vector(st, keys)
    best, best_sim = None, 0.0
    for sid in _candidates(st, keys):
        story = st.stories[sid]
        sim = similarity(st, vec, story)
        need = JOIN + JOIN_GAP * min(3.0, _gap(story, published) / 365.0)
        if sim >= need and sim > best_sim:
            best, best_sim = sid, sim
    if best is not None:
        return best, best_sim
    return "", 0.0


def _story_gap(a: dict[str, Any], b: dict[str, Any]) -> int:
    """Days between two stories' spans (0 when they overlap)."""
    if not (a.get("start") and b.get("start")):
        return 0
    if a["end"] < b["start"]:
        return _days(a["end"], b["start"])
    if b["end"] < a["start"]:
        return _days(b["end"], a["start"])
    return 0


def consolidate(st: State, sids: Iterable[str]) -> dict[str, str]:
    """Merge each of these stories into another whose profile matches; {absorbed: kept}.

    Online grouping decides on one article at a time, so one story can start twice (two
    articles on its different sides before an article joining both); once both have grown,
    their profiles say it. The larger story keeps its id.
    """
    moved: dict[str, str] = {}
    queue = list(dict.fromkeys(sids))
    while queue:
        sid = queue.pop()
        story = st.stories.get(sid)
        if story is None or not story["keys"]:
            continue
        vec = vector(st, story["keys"])
        best, best_sim = None, 0.0
        for other_id in _candidates(st, story["keys"], skip=sid):
            other = st.stories[other_id]
            sim = sum(w * vec.get(k, 0.0) for k, w in vector(st, other["keys"]).items())
            need = MERGE + JOIN_GAP * min(3.0, _story_gap(story, other) / 365.0)
            if sim >= need and sim > best_sim:
                best, best_sim = other_id, sim
        if best is None:
            continue
        keep, gone = (best, sid) if st.stories[best]["size"] >= story["size"] else (sid, best)
        absorb(st, st.stories[keep], st.stories[gone])
        moved[gone] = keep
        for old, new in moved.items():
            if new == gone:
                moved[old] = keep
        queue.append(keep)  # the grown story may now match a third
    return moved


def absorb(st: State, story: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold the profile of `other` into `story` and drop `other` from the index."""
    for key in other["keys"]:
        posting = st.postings.get(key)
        if posting is not None:
            posting.pop(other["id"], None)
    del st.stories[other["id"]]
    _fold(st, story, other, newer_names=False)
    story["size"] += other["size"]
    story["start"] = min(filter(None, [story["start"], other["start"]]), default=None)
    story["end"] = max(filter(None, [story["end"], other["end"]]), default=None)
    if other["title_score"] > story["title_score"]:
        story["title"], story["title_score"] = other["title"], other["title_score"]
    st.index(story)


def _fold(st: State, story: dict[str, Any], part: dict[str, Any], newer_names: bool) -> None:
    """Add an article record's or another story's keys, actors, names, surface forms and
    issues to a story profile, keeping the strongest. `newer_names`: a name the part gives
    replaces the story's (an article's latest wording) rather than yielding to it."""
    summed = Counter(story["keys"])
    summed.update(part["keys"])
    story["keys"] = {k: round(v, 3) for k, v in summed.most_common(STORY_KEYS)}
    story["norm"] = round(story_norm(st, story), 4)
    counted = Counter(story["actors"])
    counted.update(part["actors"])
    story["actors"] = dict(counted.most_common(STORY_KEYS))
    for field_name in ("names", "kinds"):
        old, new = story.get(field_name, {}), part.get(field_name, {})
        merged = {**old, **new} if newer_names else {**new, **old}
        story[field_name] = {a: v for a, v in merged.items() if a in story["actors"]}
    surface = {**part.get("surface", {}), **story.get("surface", {})}
    story["surface"] = {k: w for k, w in surface.items() if k in story["keys"]}
    issues = Counter(story["issues"])
    issues.update(part.get("issues", []))
    story["issues"] = dict(issues.most_common(20))


def new_story(article_id: str) -> dict[str, Any]:
    # Named after its first article; ids given by users may share a prefix, so long ones are
    # hashed ("reuters-12345" and "reuters-12346" must not make one story id).
    if len(article_id) > 16:
        article_id = hashlib.blake2b(article_id.encode(), digest_size=8).hexdigest()
    return {"id": f"s-{article_id[:16]}", "title": None, "title_score": -1.0, "start": None,
            "end": None, "size": 0, "keys": {}, "actors": {}, "names": {}, "kinds": {},
            "issues": {}, "terms": {}}


def join(st: State, story: dict[str, Any], rec: dict[str, Any], published: str | None,
         sim: float, quality: float) -> None:
    """Add an article's record to a story profile and re-index the story."""
    _fold(st, story, rec, newer_names=True)
    story["size"] += 1
    if published:
        day = published[:10]
        story["start"] = min(filter(None, [story["start"], day]))
        story["end"] = max(filter(None, [story["end"], day]))
    # The headline of the most central, most trustworthy article names the story.
    centrality = (sim if story["size"] > 1 else 0.5) * quality
    if rec.get("title") and centrality > story["title_score"]:
        story["title"], story["title_score"] = rec["title"], round(centrality, 4)
    st.stories[story["id"]] = story
    st.index(story)


def made_title(story: dict[str, Any]) -> str:
    """A title for a story none of whose articles has one: top actors and terms."""
    kinds = story.get("kinds", {})
    ranked = sorted(story.get("actors", {}), key=lambda a: -story["actors"][a])
    who = [story["names"].get(a, a) for a in ranked if kinds.get(a) != "group"][:3]
    words = {w.lower() for n in who for w in n.split()}
    surface = story.get("surface", {})
    what = [surface.get(k, k) for k in sorted(story.get("keys", {}),
                                              key=lambda k: -story["keys"][k])
            if not k.startswith("@") and surface.get(k, k) not in words][:3]
    return ", ".join(who) + (": " + ", ".join(what) if what else "") if who else ", ".join(what)
