"""Where the development corpora are: ../shared beside the project, or $STORYLINE_SHARED."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
SEEDS = SHARED / "corpus" / "seeds"


def require(path: Path) -> Path:
    """Return `path`, or exit with a clear message when the corpus is not there."""
    if not path.exists():
        sys.exit(f"skipped: {path} is absent (the development corpora live in ../shared/data)")
    return path


def write_feed(path: Path, articles: Iterable[dict],
               fields: tuple[str, ...] = ("id", "text", "published")) -> Path:
    """Write articles as the JSONL that `storyline ingest` reads; return `path`."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({f: a[f] for f in fields}) + "\n")
    return path
