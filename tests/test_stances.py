"""Stances: positions with a shared issue key, from general patterns."""

from __future__ import annotations

import pytest

from storyline.extract.events import find_events
from storyline.extract.stances import find_stances
from storyline.records import Stance

from .conftest import seed

actors_mod = pytest.importorskip("storyline.extract.actors")
times_mod = pytest.importorskip("storyline.extract.times")


def stances(nlp, text: str, published: str) -> list[Stance]:
    doc = nlp(text)
    index = actors_mod.find_actors(doc, published)
    times = times_mod.find_times(doc, published)

    def date_of(s: int, e: int):
        return times_mod.date_of(doc, s, e, times, published)

    events = find_events(doc, index, times, published, date_of)
    return find_stances(doc, index, [], events, date_of)


def test_insisting_on_an_order_is_a_stance_with_a_normalised_issue(nlp):
    found = stances(nlp, "Ukraine insists on a ceasefire before any peace talks.", "2022-03-01")
    assert len(found) == 1
    assert found[0].actor == "UKR"
    assert found[0].issue == "ceasefire"
    assert "ceasefire before any peace talks" in found[0].position


def test_refusal_unless_condition(nlp):
    found = stances(nlp, "Iran will not resume talks unless sanctions are lifted.", "2020-01-10")
    assert found and found[0].actor == "IRN"
    assert found[0].position.startswith("not ") and "unless" in found[0].position
    assert "sanction" in found[0].issue


def test_plain_report_has_no_stance(nlp):
    assert stances(nlp, "The minister said the economy grew last year.", "2020-01-10") == []


def test_seed_000_opposite_orders_share_one_issue(nlp):
    found = stances(nlp, seed("000").read_text(encoding="utf-8"), "2016-05-07")
    by_actor = {s.actor: s for s in found}
    russia, japan = by_actor["RUS"], by_actor["JPN"]
    assert russia.issue == japan.issue == "kuril islands / peace treaty"
    assert russia.position.startswith("sign a peace treaty before resolving")
    assert "before" in japan.position and "islands issue resolved" in japan.position
    assert russia.date and russia.date.startswith("2016-05")


def test_seed_002_offer_and_unchanged_position(nlp):
    found = stances(nlp, seed("002").read_text(encoding="utf-8"), "2018-09-13")
    russian = [s for s in found if s.actor in ("RUS", "person:vladimir-putin")]
    assert russian and "without any preconditions" in russian[0].position
    japanese = [s for s in found if s.actor.startswith("JPN")]
    assert japanese and any(s.position.startswith("unchanged") for s in japanese)
    assert any("sovereignty" in s.position and "before" in s.position for s in japanese)
    assert all(s.date and s.date.startswith("2018-09") for s in found)
