"""The public surface is what the README says it is."""

from __future__ import annotations

import re
from pathlib import Path

import storyline
from storyline.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_public_names_are_sorted_importable_and_documented():
    names = [n for n in storyline.__all__ if n != "__version__"]
    assert names == sorted(names)
    for name in storyline.__all__:
        assert hasattr(storyline, name), name
        assert f"`{name}" in README or re.search(rf"\b{name}\b", README), name


def test_every_command_is_in_the_readme():
    for command in main.list_commands(None):  # type: ignore[arg-type]
        assert f"storyline {command}" in README, command


def test_readme_names_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


def test_every_event_export_column_is_documented():
    from storyline.present import EVENT_COLUMNS

    for column in EVENT_COLUMNS:
        assert f"| `{column}` |" in README, column
