"""Attribution benchmark on PolNeAR: content-span P/R/F1 and speaker accuracy.

    python -m benchmarks.quotes [--split dev|train] [--limit N] [--every K] [--start I]
                                [--cache DIR] [--misses FILE]

Dev is the scored split (the floors); train is for development, usually on a subset
(`--every 8` takes every 8th article). `--cache` keeps parses on disk between runs of the
same model; `--misses` writes the unmatched gold and system spans for reading.

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


def _parser(cache: Path | None) -> Callable[[str, str], Any]:
    """nlp(text), read from / written to `cache` (one DocBin per article) when given."""
    nlp = annotate.load()
    if cache is None:
        return lambda _name, text: nlp(text)
    from spacy.tokens import DocBin

    folder = cache / re.sub(r"\W+", "_", annotate.model_name(nlp))
    folder.mkdir(parents=True, exist_ok=True)

    def parse(name: str, text: str) -> Any:
        path = folder / f"{name}.spacy"
        if path.exists():
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            if docs and docs[0].text == text:
                return docs[0]
        doc = nlp(text)
        DocBin(store_user_data=True, docs=[doc]).to_disk(path)
        return doc

    return parse


def run(limit: int | None = None, split: str = "dev", every: int = 1, start: int = 0,
        cache: Path | None = None, misses: Path | None = None) -> dict[str, float]:
    """Score find_quotes on a PolNeAR split (a subset when every/start/limit); figures by name."""
    require(DATA / "polnear" / split)
    parse = _parser(cache)
    find_actors = _actors_finder()
    tp = n_sys = n_gold = 0
    sp_right = sp_total = articles = 0
    dump: list[str] = []
    annotated = [item for item in polnear(split) if item[2]]
    for name, text, anns in annotated[start::max(1, every)]:
        if limit is not None and articles >= limit:
            break
        articles += 1
        doc = parse(name, text)
        date = _DATE.search(name)
        actors = find_actors(doc, date.group() if date else None) if find_actors else None
        quotes = find_quotes(doc, actors)
        system = [q.content_span for q in quotes]
        for ann in anns:
            attributions = gold(ann)
            n_sys += len(system)
            n_gold += len(attributions)
            pairs = match(system, [c for c, _ in attributions])
            for i, j in pairs:
                tp += 1
                source = attributions[j][1]
                if source is None:
                    continue
                sp_total += 1
                quote = quotes[i]
                span = quote.speaker_span
                right = False
                if span is not None and span[1] > source[0] and source[1] > span[0]:
                    right = True
                elif actors is not None and quote.speaker is not None:
                    actor = actors.at(*source)
                    right = actor is not None and actor.id == quote.speaker
                sp_right += right
                if misses is not None and not right:
                    dump.append(f"SPEAKER {name} gold={text[source[0]:source[1]]!r} "
                                f"sys={quote.speaker_text!r} cue={quote.cue!r} "
                                f"content={text[quote.content_span[0]:quote.content_span[1]][:150]!r}")
            if misses is not None:
                _dump_misses(dump, name, text, system, attributions, pairs)
    if misses is not None:
        misses.write_text("\n".join(dump) + "\n", encoding="utf-8")
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


def _dump_misses(dump: list[str], name: str, text: str, system: list[Span],
                 attributions: list[tuple[Span, Span | None]], pairs: list[tuple[int, int]]
                 ) -> None:
    """Unmatched gold (FN) and system (FP) spans of one article, with their near context."""
    got_s = {i for i, _ in pairs}
    got_g = {j for _, j in pairs}
    for j, (content, source) in enumerate(attributions):
        if j not in got_g:
            src = text[source[0]:source[1]] if source else None
            dump.append(f"FN {name} src={src!r} content={text[content[0]:content[1]][:200]!r}")
    for i, span in enumerate(system):
        if i not in got_s:
            dump.append(f"FP {name} content={text[span[0]:span[1]][:200]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quotes", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--every", type=int, default=1, help="take every K-th article")
    parser.add_argument("--start", type=int, default=0, help="offset of the first article taken")
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached parses")
    parser.add_argument("--misses", type=Path, default=None, help="write unmatched spans here")
    args = parser.parse_args(argv)
    figures = run(args.limit, args.split, args.every, args.start, args.cache, args.misses)
    if args.split != "dev":
        # Floors are dev figures: a train run only prints.
        for name, value in figures.items():
            print(f"{name:32s} {value:.4f}")
        return 0
    return gate.report("quotes", figures)


if __name__ == "__main__":
    sys.exit(main())
