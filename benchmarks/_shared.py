"""Where the development corpora are: ../shared beside the project, or $STORYLINE_SHARED."""

from __future__ import annotations

import os
import sys
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
