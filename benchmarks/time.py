"""Time expressions against TempEval-3's training data (TimeBank + AQUAINT), scored as there.

Figures: strict and relaxed extent precision/recall/F1, type accuracy over relaxed matches,
and value F1 (correct values over system expressions and over gold expressions).

    python -m benchmarks.time [--limit N] [--subset TimeBank|AQUAINT]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ._shared import DATA, require

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b([^>]*)>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(slots=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


def read_timeml(raw: str) -> tuple[str, str | None, list[Gold]]:
    """Plain text of <TEXT>, the document creation date, and the gold TIMEX3 with offsets."""
    dct_match = _DCT.search(raw)
    dct = None
    if dct_match:
        value = dict(_ATTR.findall(dct_match.group(1))).get("value", "")
        dct = value[:10] if re.match(r"\d{4}-\d\d-\d\d", value) else None
    body = _TEXT.search(raw)
    source = body.group(1) if body else ""
    parts: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(source):
        chunk = html.unescape(source[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1):
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(html.unescape(source[pos:]))
    return "".join(parts), dct, gold


SUBSETS = ("TimeBank", "AQUAINT")


def documents(
    limit: int | None = None, subset: str | None = None
) -> Iterator[tuple[str, str, str | None, list[Gold]]]:
    root = require(DATA / "tempeval3")
    paths = [
        p for name in SUBSETS if subset in (None, name) for p in sorted(root.glob(f"{name}/*.tml"))
    ]
    paths = [p for p in paths if not p.name.startswith("._")]  # macOS resource forks
    for path in paths[:limit] if limit is not None else paths:
        text, dct, gold = read_timeml(Path(path).read_bytes().decode("utf-8", "replace"))
        yield path.name, text, dct, gold


def _pairs(system: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one overlapping (system index, gold index) pairs, in text order."""
    pairs = []
    used: set[int] = set()
    for i, (s, e) in enumerate(system):
        for j, (gs, ge) in enumerate(gold):
            if j not in used and s < ge and gs < e:
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run(limit: int | None = None, subset: str | None = None) -> dict[str, float]:
    """Score find_times on the TempEval-3 training documents (the first `limit` of them)."""
    from storyline import annotate
    from storyline.extract.times import find_times

    nlp = annotate.load()
    n_sys = n_gold = strict = relaxed = type_ok = value_ok = docs = 0
    for _name, text, dct, gold in documents(limit, subset):
        doc = nlp(text)
        found = find_times(doc, dct)
        sys_spans = [t.span for t in found]
        gold_spans = [(g.start, g.end) for g in gold]
        n_sys += len(sys_spans)
        n_gold += len(gold_spans)
        strict += len(set(sys_spans) & set(gold_spans))
        for i, j in _pairs(sys_spans, gold_spans):
            relaxed += 1
            type_ok += found[i].type == gold[j].type
            value_ok += found[i].value == gold[j].value
        docs += 1
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    rp, rr = relaxed / max(n_sys, 1), relaxed / max(n_gold, 1)
    vp, vr = value_ok / max(n_sys, 1), value_ok / max(n_gold, 1)
    return {
        "documents": float(docs),
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": _f1(sp, sr),
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "relaxed_f1": _f1(rp, rr),
        "type_accuracy": type_ok / max(relaxed, 1),
        "value_precision": vp,
        "value_recall": vr,
        "value_f1": _f1(vp, vr),
    }


def main() -> None:
    from .gate import report

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--subset", choices=SUBSETS, default=None, help="score one corpus only")
    args = parser.parse_args()
    figures = run(args.limit, args.subset)
    if args.subset:  # the floors are for the whole set: a subset is only printed
        for name, value in figures.items():
            print(f"{name:32s} {value:.4f}")
        return
    sys.exit(report("time", figures))


if __name__ == "__main__":
    main()
