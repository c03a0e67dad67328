"""The accuracy regression gate: a figure may not silently fall below its stored floor.

Floors live in floors.json, one object per benchmark: a number is a floor; {"max": x} is a
ceiling, for figures where lower is better (a false-event rate). Tighten a bound when a real
run has improved a figure; loosening one is a decision to write down in the commit message.
"""

from __future__ import annotations

import json
from pathlib import Path

FLOORS = Path(__file__).with_name("floors.json")


def key(benchmark: str, **options: object) -> str:
    """The floors key of a run: the benchmark's name, then its non-default options in the
    order given ("timeline:topics=2"); options given as None are defaults."""
    given = [f"{k}={v}" for k, v in options.items() if v is not None]
    return benchmark + (":" + ",".join(given) if given else "")


def floors(benchmark: str) -> dict[str, float | dict[str, float]]:
    table: dict[str, dict[str, float | dict[str, float]]] = json.loads(FLOORS.read_text())
    return table.get(benchmark, {})


def failures(benchmark: str, figures: dict[str, float]) -> list[str]:
    """The figures past their bounds (a missing figure fails too)."""
    out = []
    for name, bound in floors(benchmark).items():
        value = figures.get(name)
        if isinstance(bound, dict):
            if value is None or value > bound["max"]:
                out.append(f"{benchmark}.{name} = {value} > ceiling {bound['max']}")
        elif value is None or value < bound:
            out.append(f"{benchmark}.{name} = {value} < floor {bound}")
    return out


def report(benchmark: str, figures: dict[str, float]) -> int:
    """Print the figures and the gate's verdict; return the process exit code."""
    for name, value in figures.items():
        print(f"{name:32s} {value:.4f}" if isinstance(value, float) else f"{name:32s} {value}")
    bad = failures(benchmark, figures)
    for line in bad:
        print(f"REGRESSION {line}")
    if not floors(benchmark):
        print(f"gate: no floors stored for {benchmark}")
    elif not bad:
        print(f"gate: {benchmark} at or above every floor")
    return 1 if bad else 0
