"""Speed: storyline's whole ingest against a bare spaCy `nlp.pipe` over the same stories.

    python -m benchmarks.speed --n 2000 [--workers 1]

Each side runs in its own child process, so that each peak memory (ru_maxrss) is its own.
The ratio storyline/spaCy is the project's performance figure: the pipeline should stay
close to the cost of parsing alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ._shared import DATA, require, write_feed
from .corpora import reuters


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(path: Path) -> dict[str, float]:
    from storyline import annotate

    texts = [json.loads(line)["text"] for line in path.open()]
    nlp = annotate.load()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


# Stage functions timed inside the storyline run (module, attribute, label). With workers
# the extract stages run in other processes and only the link stage is timed.
STAGES = [
    ("storyline.extract", "find_times", "times"),
    ("storyline.extract", "find_actors", "actors"),
    ("storyline.extract", "find_quotes", "quotes"),
    ("storyline.extract", "find_events", "events"),
    ("storyline.extract", "find_stances", "stances"),
    ("storyline.link", "update", "link"),
]


def _timed(spent: dict[str, float], label: str, fn: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

    return wrapper


def _storyline(path: Path, workers: int) -> dict[str, float]:
    import importlib

    from storyline import annotate
    from storyline.pipeline import ingest
    from storyline.store import Store

    spent: dict[str, float] = {}
    for module_name, attr, label in STAGES:
        module = importlib.import_module(module_name)
        setattr(module, attr, _timed(spent, label, getattr(module, attr)))
    annotate.load()  # model loading is not part of the per-article cost
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        start = time.perf_counter()
        summary = ingest([str(path)], store, workers=workers)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "new": summary.new,
            "duplicate": summary.duplicate, **{f"stage_{k}": v for k, v in spent.items()}}


def _child(part: str, path: Path, workers: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.speed", "--part", part, "--input", str(path),
         "--workers", str(workers)],
        check=True, capture_output=True, text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="number of Reuters stories")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-bare", action="store_true",
                        help="skip the bare spaCy run (for stage shares of a long ingest)")
    parser.add_argument("--part", choices=["bare", "storyline"], help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        fn = _bare(args.input) if args.part == "bare" else _storyline(args.input, args.workers)
        print(json.dumps(fn))
        return 0

    require(DATA / "reuters21578")
    stories = list(reuters(limit=args.n))
    words = sum(len(s["text"].split()) for s in stories)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_feed(Path(tmp) / "reuters.jsonl", stories,
                          ("id", "text", "title", "published"))
        bare = None if args.no_bare else _child("bare", path, 1)
        full = _child("storyline", path, args.workers)
    n = len(stories)
    print(f"Reuters-21578 stories: {n}, words: {words}, workers: {args.workers}")
    print(f"{'':12s} {'articles/s':>11s} {'words/s':>9s} {'seconds':>8s} {'peak MB':>8s}")
    for name, r in (("spaCy pipe", bare), ("storyline", full)):
        if r is not None:
            print(f"{name:12s} {n / r['seconds']:11.1f} {words / r['seconds']:9.0f} "
                  f"{r['seconds']:8.1f} {r['peak_mb']:8.0f}")
    print(f"stored {full['new']:.0f}, duplicates {full['duplicate']:.0f}")
    if bare is not None:
        print(f"ratio storyline/spaCy time: {full['seconds'] / bare['seconds']:.2f}")
    stages = {k[6:]: v for k, v in full.items() if k.startswith("stage_")}
    if stages:
        print("stage time: seconds, share of bare spaCy parsing, share of the whole ingest")
        for name, seconds in stages.items():
            parse = f"{seconds / bare['seconds']:6.1%}" if bare is not None else "     -"
            print(f"  {name:8s} {seconds:7.1f} s  {parse}  ({seconds / full['seconds']:.1%} "
                  "of ingest)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
