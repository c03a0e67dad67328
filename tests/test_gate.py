"""The regression gate itself: floors, ceilings and missing figures."""

from __future__ import annotations

import json

from benchmarks import gate


def test_floors_ceilings_and_missing_figures(tmp_path, monkeypatch):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"b": {"f1": 0.5, "false_rate": {"max": 0.2}}}))
    monkeypatch.setattr(gate, "FLOORS", path)
    assert gate.failures("b", {"f1": 0.6, "false_rate": 0.1}) == []
    assert gate.failures("b", {"f1": 0.4, "false_rate": 0.1}) == ["b.f1 = 0.4 < floor 0.5"]
    assert gate.failures("b", {"f1": 0.6, "false_rate": 0.3}) == [
        "b.false_rate = 0.3 > ceiling 0.2"
    ]
    assert len(gate.failures("b", {})) == 2
    assert gate.report("b", {"f1": 0.4, "false_rate": 0.1}) == 1
    assert gate.failures("unknown", {"x": 0.0}) == []


def test_every_stored_bound_is_well_formed():
    table = json.loads(gate.FLOORS.read_text())
    for bounds in table.values():
        for bound in bounds.values():
            assert isinstance(bound, float | int) or set(bound) == {"max"}
