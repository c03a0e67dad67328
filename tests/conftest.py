"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import annotate

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def nlp():
    return annotate.load()


def seed(prefix: str) -> Path:
    """Path of the seed whose name starts with `prefix`; skips the test when seeds are absent."""
    matches = sorted(SEEDS.glob(f"{prefix}*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed {prefix}* not found in {SEEDS} (../shared is absent)")
    return matches[0]


def shared_data(name: str) -> Path:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is absent (development corpora live in ../shared/data)")
    return path
