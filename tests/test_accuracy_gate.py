"""The accuracy regression gate, as in trafilatura: benchmark figures may not fall.

Each benchmark runs on its development data in ../shared (skipped when absent) and its
figures are checked against benchmarks/floors.json. Events are checked on the dev gold and on
the held-out test gold. The timeline benchmark runs on its first two topics here and story
grouping on 10 articles of each Timeline17 collection (their full runs take too long for the
suite), each with floors of its own.
"""

from __future__ import annotations

import importlib

import pytest

from benchmarks import gate

from .conftest import shared_data

CASES = [
    ("time", "tempeval3", {}),
    ("quotes", "polnear", {}),
    ("events", "reuters21578", {}),
    ("events", "reuters21578", {"gold": "test"}),
    ("timeline", "timeline17", {"topics": 2}),
    ("stories", "timeline17", {"per_topic": 10}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "data", "options"), CASES,
                         ids=[c[0] + "".join(f"-{v}" for v in c[2].values()) for c in CASES])
def test_benchmark_figures_hold_their_floors(nlp, name, data, options):
    shared_data(data)
    figures = importlib.import_module(f"benchmarks.{name}").run(**options)
    key = gate.key(name, **options)
    assert gate.floors(key), f"no floors stored for {key}"
    assert gate.failures(key, figures) == []
