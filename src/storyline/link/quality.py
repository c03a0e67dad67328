"""Per-article source quality: is this page one coherent report, or stitched and spun?

Signals, each a general rule over the stored `analyze` record:
* off-topic sentences: a sentence whose named participants (people, organisations,
  countries) mostly appear nowhere else in the article, or which shares no actor and almost
  no content word with the rest of it: the mark of sentences stitched from other stories;
* near-duplicate sentences (the same sentence twice, lightly reworded);
* boilerplate share: how much of the page the cleaner had to remove;
* orphan quotes: quotations nobody is said to have said;
* spinner artefacts: names that English writes with "the" left bare ("talks with Russian
  Federation"), the trace of automatic synonym substitution.
Flagged sentences stay in the text; later stages give them less weight.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..text import sentences, terms, words
from .lexicon import data_lines

# Kinds of actors that take part in a sentence; places and adjectival groups only set it.
PARTICIPANTS = frozenset({"person", "organization", "country"})
MIN_SENTENCES = 4  # shorter texts have too little context to call a sentence off-topic
DUPLICATE = 0.7  # word-trigram overlap above which two sentences say the same thing

# Penalties, as shares of the score lost (0..1).
OFFTOPIC_WEIGHT = 2.0  # times the share of sentences flagged off-topic
PER_OFFTOPIC = 0.1  # and per flagged sentence, so two stitched sentences always show
DUPLICATE_WEIGHT = 0.5
BOILERPLATE_WEIGHT = 0.3
ORPHAN_PENALTY, ORPHAN_MAX = 0.05, 0.15
SPINNER_PENALTY, SPINNER_MAX = 0.1, 0.2


@lru_cache(maxsize=1)
def _bare_names() -> re.Pattern[str]:
    names = sorted(data_lines("the_names.txt"), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # A bare name after a word that is neither "the" nor the start of a sentence.
    return re.compile(rf"(?<![Tt]he )(?<=[a-z,] )(?:{alt})\b")


def _actor_spans(analysis: dict[str, Any]) -> list[tuple[int, int, str]]:
    out = []
    for actor in analysis.get("actors", []):
        if actor.get("kind") not in PARTICIPANTS:
            continue
        for span in actor.get("mentions") or []:
            out.append((int(span[0]), int(span[1]), str(actor["id"])))
    out.sort()
    return out


def sentence_actors(
    spans: list[tuple[int, int]], actor_spans: list[tuple[int, int, str]]
) -> list[set[str]]:
    """The actor ids mentioned in each sentence (one pass over both sorted lists)."""
    out: list[set[str]] = [set() for _ in spans]
    i = 0
    for s, (start, end) in enumerate(spans):
        while i < len(actor_spans) and actor_spans[i][0] < start:
            i += 1
        j = i
        while j < len(actor_spans) and actor_spans[j][0] < end:
            out[s].add(actor_spans[j][2])
            j += 1
    return out


def offtopic_sentences(
    text: str, title: str | None, spans: list[tuple[int, int]], actors: list[set[str]],
    countries: dict[str, str] | None = None, sent_terms: list[set[str]] | None = None,
) -> list[int]:
    """Indexes of sentences that do not belong to the article's story.

    `countries` maps actor ids to their country: a new participant from a country the
    article already follows (a second Russian official in a Russia story) is not foreign.
    """
    countries = countries or {}
    if len(spans) < MIN_SENTENCES:
        return []
    if sent_terms is None:
        sent_terms = [set(terms(text[s:e])) for s, e in spans]
    actor_df: dict[str, int] = {}
    term_df: dict[str, int] = {}
    for a_set, t_set in zip(actors, sent_terms, strict=True):
        for a in a_set:
            actor_df[a] = actor_df.get(a, 0) + 1
        for t in t_set:
            term_df[t] = term_df.get(t, 0) + 1
    title_terms = set(terms(title or ""))
    flagged = []
    for i, (a_set, t_set) in enumerate(zip(actors, sent_terms, strict=True)):
        if i == 0 and not title:
            continue  # without a title, the lead sentence defines the topic
        others = {a for a in actor_df if actor_df[a] > len(a_set & {a})}
        known = {countries[a] for a in others if a in countries} | others
        novel = sum(1 for a in a_set if a not in known and countries.get(a) not in known)
        shared = len(a_set & others)
        elsewhere = sum(1 for t in t_set if term_df[t] > 1 or t in title_terms)
        stitched = novel >= 2 and novel >= shared
        unrelated = (
            not shared and len(t_set) >= 8 and elsewhere <= len(t_set) * 0.1
        )
        if stitched or unrelated:
            flagged.append(i)
    return flagged


def duplicate_sentences(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Indexes of sentences that repeat an earlier one nearly word for word."""
    sizes: list[int] = []
    index: dict[tuple[str, ...], list[int]] = {}
    out = []
    for i, (s, e) in enumerate(spans):
        w = words(text[s:e])
        if len(w) < 6:
            sizes.append(0)
            continue
        grams = {tuple(w[k: k + 3]) for k in range(len(w) - 2)}
        shared: dict[int, int] = {}
        for g in grams:
            for j in index.get(g, ()):
                shared[j] = shared.get(j, 0) + 1
        if any(n / min(len(grams), sizes[j]) >= DUPLICATE for j, n in shared.items()):
            out.append(i)
        sizes.append(len(grams))
        for g in grams:
            posting = index.setdefault(g, [])
            if len(posting) < 20:  # a trigram in every sentence tells nothing: bounded lists
                posting.append(i)
    return out


def quality(analysis: dict[str, Any]) -> dict[str, Any]:
    """Score (0..1), flags and off-topic sentence spans of one stored `analyze` record.

    Example: ``quality(store.article(id))["offtopic"]`` -> ``[[812, 1003], ...]``
    """
    return assess(analysis)[0]


def assess(
    analysis: dict[str, Any], known: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], list[tuple[int, int]], list[set[str]]]:
    """`quality`, with the sentence spans and their content terms (for the link record).

    `known` is a quality the pipeline already computed for this record: it is returned as
    it is, so that ingest scores each article once.
    """
    article = analysis.get("article", {})
    text: str = article.get("text") or ""
    spans = sentences(text)
    sent_terms = [set(terms(text[s:e])) for s, e in spans]
    if known is not None:
        return known, spans, sent_terms
    actors = sentence_actors(spans, _actor_spans(analysis))
    flags: list[str] = []
    loss = 0.0

    countries = {
        str(a["id"]): str(a["country"]) for a in analysis.get("actors", []) if a.get("country")
    }
    off = offtopic_sentences(text, article.get("title"), spans, actors, countries, sent_terms)
    if off:
        flags.append(f"offtopic:{len(off)}")
        loss += OFFTOPIC_WEIGHT * len(off) / len(spans) + PER_OFFTOPIC * len(off)

    # The cleaner already took out exact and near repeats: they count as duplicates too.
    removed_dups = sum(
        1 for r in article.get("removed") or [] if "duplicate" in (r.get("reason") or "")
    )
    dups = len(duplicate_sentences(text, spans)) + removed_dups
    if dups:
        flags.append(f"duplicate:{dups}")
        loss += DUPLICATE_WEIGHT * dups / (len(spans) + removed_dups)

    removed = sum(len(r.get("text") or "") for r in article.get("removed") or [])
    share = removed / (removed + len(text)) if removed + len(text) else 0.0
    if share > 0.2:
        flags.append(f"boilerplate:{share:.2f}")
    loss += BOILERPLATE_WEIGHT * max(0.0, share - 0.1)

    orphans = sum(
        1 for q in analysis.get("quotes", [])
        if not q.get("speaker") and not (q.get("speaker_text") or "").strip()
    )
    if orphans:
        flags.append(f"orphan_quotes:{orphans}")
        loss += min(ORPHAN_MAX, ORPHAN_PENALTY * orphans)

    spun = len(_bare_names().findall(text)) if len(text) < 2_000_000 else 0
    if spun:
        flags.append(f"spinner:{spun}")
        loss += min(SPINNER_MAX, SPINNER_PENALTY * spun)

    result = {
        "score": round(max(0.0, 1.0 - loss), 3),
        "flags": flags,
        "offtopic": [list(spans[i]) for i in off],
    }
    return result, spans, sent_terms
