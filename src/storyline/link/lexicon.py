"""The link stage's data files (next to this package, in data/)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).with_name("data")


def data_lines(name: str) -> list[str]:
    """Non-comment lines of a data file of the link stage."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
