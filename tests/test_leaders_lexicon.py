"""Format invariants of the leaders lexicon (data/actors_leaders.tsv), read without spaCy."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from pathlib import Path

PATH = (Path(__file__).resolve().parents[1] / "src" / "storyline" / "extract" / "data"
        / "actors_leaders.tsv")
OFFICES = {"hos", "hog", "vp", "fm", "sg"}
DATE = re.compile(r"^\d{4}-\d\d(-\d\d)?$")


def _rows() -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(PATH.read_text(encoding="utf-8").split("\n"), 1):
        if line and not line.startswith("#"):
            rows.append((number, line.split("\t")))
    return rows


def _day(text: str) -> dt.date:
    """A start or end as a date; a month alone ("2016-05") counts from its first day."""
    assert DATE.match(text), text
    return dt.date.fromisoformat(text if len(text) == 10 else text + "-01")


ROWS = _rows()


def test_the_file_has_rows_and_a_header():
    text = PATH.read_text(encoding="utf-8")
    assert text.startswith("#") and len(ROWS) > 400


def test_each_row_is_well_formed():
    for number, cells in ROWS:
        assert len(cells) == 8, (number, cells)
        owner, office, title, name, aliases, start, end, paramount = cells
        assert owner and office in OFFICES and title and name and aliases, number
        assert name == name.strip(), number
        assert all(a == a.strip() and a for a in aliases.split("|")), number
        assert paramount in {"y", "n"}, number
        assert _day(start) and (not end or _day(end))
        assert not end or _day(start) < _day(end), (number, name, start, end)


def test_no_two_holders_of_one_office_at_once():
    """Terms run from start to end, the end day excluded (the successor's first day)."""
    terms = defaultdict(list)
    for number, (owner, office, _, name, _, start, end, _) in ROWS:
        terms[owner, office].append((_day(start), _day(end) if end else dt.date.max, name, number))
    for key, spans in terms.items():
        spans.sort()
        for (_, end, name, number), (start, _, nxt, nxt_number) in itertools.pairwise(spans):
            assert start >= end, (key, name, number, nxt, nxt_number)
        assert sum(end == dt.date.max for _, end, _, _ in spans) <= 1, key


def test_rows_are_grouped_by_owner_and_office_and_sorted_by_start():
    seen_owners, seen_blocks = [], []
    last_start: dict[tuple[str, str], dt.date] = {}
    for number, (owner, office, *_rest) in ROWS:
        start = _day(_rest[3])
        if not seen_owners or seen_owners[-1] != owner:
            assert owner not in seen_owners, (number, owner, "owner rows are split")
            seen_owners.append(owner)
        if not seen_blocks or seen_blocks[-1] != (owner, office):
            assert (owner, office) not in seen_blocks, (number, owner, office, "office rows split")
            seen_blocks.append((owner, office))
        assert start >= last_start.get((owner, office), dt.date.min), (number, "out of order")
        last_start[owner, office] = start

