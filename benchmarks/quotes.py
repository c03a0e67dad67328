"""Attribution benchmark on PolNeAR dev: content-span P/R/F1 and speaker accuracy.

    python -m benchmarks.quotes [--limit N]

A system quote matches a gold attribution when their content spans overlap by at least 30%
of the longer span (one-to-one, greedy by overlap). Speaker accuracy counts matched gold
attributions that have a Source: right when the system speaker span overlaps it, or when
both resolve to the same actor. Articles annotated twice are scored against each annotation
file and the counts pooled (each annotator's file counts as one gold article).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline import annotate
from storyline.extract.quotes import find_quotes

from . import gate
from ._shared import DATA, require
from .corpora import polnear

Span = tuple[int, int]
MIN_OVERLAP = 0.3
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _span(offsets: str) -> Span:
    """Outer span of a brat offset list ("12 20;25 40")."""
    pairs = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def gold(ann: Path) -> list[tuple[Span, Span | None]]:
    """(content span, source span or None) of each attribution relation in a brat file."""
    spans: dict[str, tuple[str, Span]] = {}
    relations: list[str] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            try:
                spans[fields[0]] = (label, _span(offsets))
            except ValueError:
                continue
        elif line.startswith("E") and len(fields) >= 2:
            relations.append(fields[1])
    out = []
    for rel in relations:
        roles = dict(arg.split(":", 1) for arg in rel.split() if ":" in arg)
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        out.append((content[1], source[1] if source else None))
    return out


def _overlap(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    longer = max(a[1] - a[0], b[1] - b[0], 1)
    return max(0, inter) / longer


def match(system: list[Span], gold_spans: list[Span]) -> list[tuple[int, int]]:
    """One-to-one greedy matching (best overlap first) at >= 30% of the longer span."""
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold_spans):
            if s[1] > g[0] and g[1] > s[0]:
                ratio = _overlap(s, g)
                if ratio >= MIN_OVERLAP:
                    pairs.append((ratio, i, j))
    used_s: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def _actors_finder() -> Callable[[Any, str | None], Any] | None:
    try:
        from storyline.extract.actors import find_actors
    except ImportError:
        return None
    return find_actors


def run(limit: int | None = None) -> dict[str, float]:
    """Score find_quotes on PolNeAR dev; figures keyed by name."""
    require(DATA / "polnear" / "dev")
    nlp = annotate.load()
    find_actors = _actors_finder()
    tp = n_sys = n_gold = 0
    sp_right = sp_total = articles = 0
    for name, text, anns in polnear("dev"):
        if not anns:
            continue
        if limit is not None and articles >= limit:
            break
        articles += 1
        doc = nlp(text)
        date = _DATE.search(name)
        actors = find_actors(doc, date.group() if date else None) if find_actors else None
        quotes = find_quotes(doc, actors)
        system = [q.content_span for q in quotes]
        for ann in anns:
            attributions = gold(ann)
            n_sys += len(system)
            n_gold += len(attributions)
            for i, j in match(system, [c for c, _ in attributions]):
                tp += 1
                source = attributions[j][1]
                if source is None:
                    continue
                sp_total += 1
                quote = quotes[i]
                span = quote.speaker_span
                if span is not None and span[1] > source[0] and source[1] > span[0]:
                    sp_right += 1
                elif actors is not None and quote.speaker is not None:
                    actor = actors.at(*source)
                    sp_right += actor is not None and actor.id == quote.speaker
    precision = tp / n_sys if n_sys else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "content_precision": precision,
        "content_recall": recall,
        "content_f1": f1,
        "speaker_accuracy": sp_right / sp_total if sp_total else 0.0,
        "articles": float(articles),
        "gold_attributions": float(n_gold),
        "matched_with_source": float(sp_total),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quotes", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = parser.parse_args(argv)
    figures = run(args.limit)
    return gate.report("quotes", figures)


if __name__ == "__main__":
    sys.exit(main())
