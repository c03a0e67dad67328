"""The events benchmark's scoring logic, on hand-made records, and the gold file's shape."""

from __future__ import annotations

import json
from typing import Any

import pytest

from benchmarks.events import (
    GOLD,
    GOLD_SETS,
    SECOND_CODER,
    Tally,
    actor_matches,
    agreement,
    date_matches,
    documents,
    load_gold,
    problems,
    score_document,
)
from storyline.records import Actor, Event, EventDate
from tests.conftest import shared_data

JAPAN = Actor(id="a1", name="Japan", kind="country", aliases=["Nippon"], country="JPN")
ABE = Actor(id="a2", name="Shinzo Abe", kind="person", aliases=["Abe"], country="JPN")
RUSSIA = Actor(id="a3", name="Russia", kind="country", aliases=["Russian Federation"],
               country="RUS")
ACTORS = [JAPAN, ABE, RUSSIA]

GOLD_LINES: list[dict[str, Any]] = [
    {"span": [0, 40], "events": [
        {"type": "CONSULT", "actor": [{"name": "Japan", "country": "JPN"}],
         "recipient": [{"name": "Russia", "country": "RUS"}], "status": "planned",
         "date": "2016-06"}]},
    {"span": [41, 90], "events": [
        {"type": "ACCUSE", "actor": [{"name": "Shinzo Abe", "country": "JPN"}],
         "recipient": [{"name": "Russia", "country": "RUS"}], "status": "asserted",
         "date": None}]},
    {"span": [91, 130], "events": []},
    {"span": [131, 170], "events": []},
]


def event(type_: str, span: tuple[int, int], actor: list[str], recipient: list[str],
          status: str = "asserted", value: str = "2016-05-07",
          start: str | None = "2016-05-07", end: str | None = "2016-05-07") -> Event:
    return Event(id=f"e{span[0]}{type_}", type=type_, status=status, actor=actor,
                 recipient=recipient, date=EventDate(value=value, start=start, end=end),
                 location=None, cameo=None, goldstein=None, confidence=1.0,
                 sentence_span=span, trigger="x")


def perfect() -> list[Event]:
    return [
        event("CONSULT", (0, 40), ["a1"], ["a3"], "planned", "2016-06", "2016-06-01",
              "2016-06-30"),
        event("ACCUSE", (41, 90), ["a2"], ["a3"]),
    ]


def test_a_perfect_system_scores_one_everywhere_and_no_false_events():
    tally = Tally()
    score_document(tally, GOLD_LINES, perfect(), ACTORS)
    figures = tally.figures()
    for name in ("type_accuracy", "actor_accuracy", "recipient_accuracy", "status_accuracy",
                 "date_accuracy"):
        assert figures[name] == 1.0, name
    assert figures["false_event_rate"] == 0.0
    assert figures["extra_events_per_sentence"] == 0.0


def test_a_system_that_codes_every_sentence_has_false_event_rate_one():
    tally = Tally()
    noisy = [*perfect(), event("AGREE", (91, 130), ["a1"], []),
             event("SUPPORT", (131, 170), ["a3"], [])]
    score_document(tally, GOLD_LINES, noisy, ACTORS)
    assert tally.figures()["false_event_rate"] == 1.0


def test_an_unmatched_gold_event_counts_as_a_wrong_type():
    tally = Tally()
    score_document(tally, GOLD_LINES, [event("REQUEST", (0, 40), ["a1"], ["a3"]),
                                       event("ACCUSE", (41, 90), ["a2"], ["a3"])], ACTORS)
    figures = tally.figures()
    assert figures["type_accuracy"] == 0.5
    assert figures["extra_events_per_sentence"] == 0.5  # the REQUEST matched nothing


def test_swapped_actor_and_recipient_are_both_wrong():
    tally = Tally()
    score_document(tally, GOLD_LINES[1:2], [event("ACCUSE", (41, 90), ["a3"], ["a2"])], ACTORS)
    figures = tally.figures()
    assert figures["type_accuracy"] == 1.0
    assert figures["actor_accuracy"] == 0.0
    assert figures["recipient_accuracy"] == 0.0


def test_actor_matches_by_alias_by_part_of_name_and_by_country_of_a_state_actor():
    assert actor_matches({"name": "Nippon"}, JAPAN)
    assert actor_matches({"name": "Abe"}, ABE)
    assert actor_matches({"name": "Japanese government", "country": "JPN"}, ABE)
    assert actor_matches({"name": "Moscow", "aliases": ["Russian Federation"]}, RUSSIA)
    assert not actor_matches({"name": "Japanese banks"}, RUSSIA)
    assert not actor_matches({"name": "Kremlin", "country": "RUS"}, JAPAN)


def test_date_matches_equal_values_or_gold_inside_the_system_interval():
    month = EventDate(value="2016-06", start="2016-06-01", end="2016-06-30")
    assert date_matches("2016-06", month)
    assert date_matches("2016-06-15", month)
    assert not date_matches("2016-07-01", month)
    day = EventDate(value="2016-05-06", start="2016-05-06", end="2016-05-06")
    assert not date_matches("2016-05", day)  # a month is not within one day
    assert date_matches("2016-W18-WE", EventDate(value="2016-W18-WE"))
    assert date_matches("1987-W13", EventDate(value="1987-03", start="1987-03-01",
                                              end="1987-03-31"))
    assert not date_matches("2016-06", None)


GOLD_SET = load_gold(GOLD)


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_every_gold_line_is_well_formed(name):
    gold = load_gold(GOLD_SETS[name])
    assert len(gold) >= 200
    bad = {(g["corpus"], g["doc"], tuple(g["span"])): problems(g) for g in gold}
    assert not {k: v for k, v in bad.items() if v}
    assert not any("text" in g for g in gold)  # references only, never the sentence
    # sentences with no event are what the false-event rate is measured on
    empty = sum(not g["events"] for g in gold) / len(gold)
    assert 0.2 <= empty <= 0.55


def test_the_held_out_set_shares_no_document_with_the_dev_set():
    dev, test = ({(g["corpus"], g["doc"]) for g in load_gold(GOLD_SETS[name])}
                 for name in ("dev", "test"))
    assert dev and test and not dev & test


def test_the_second_coder_codes_dev_sentences_only_and_agreement_pairs_types(tmp_path):
    second = load_gold(SECOND_CODER)
    dev = {(g["corpus"], g["doc"], tuple(g["span"])) for g in load_gold(GOLD)}
    assert len(second) >= 200 and not any(problems(g) for g in second)
    assert {(g["corpus"], g["doc"], tuple(g["span"])) for g in second} <= dev

    def write(name: str, lines: list[list[str]]) -> Any:
        path = tmp_path / name
        path.write_text("".join(
            json.dumps({"corpus": "reuters", "doc": "reuters-1", "span": [i * 10, i * 10 + 5],
                        "events": [{"type": t} for t in types]}) + "\n"
            for i, types in enumerate(lines)))
        return path

    first = write("a.jsonl", [["ACCUSE", "ACCUSE"], ["CONSULT"], [], []])
    other = write("b.jsonl", [["ACCUSE", "REQUEST"], ["CONSULT", "AGREE"], ["AID"], []])
    figures = agreement(first, other)
    # one ACCUSE of two and the CONSULT: 2 of 3; one of the two empty sentences coded
    assert figures["type_accuracy"] == pytest.approx(2 / 3)
    assert figures["false_event_rate"] == 0.5
    assert figures["gold_sentences"] == 4


def test_gold_spans_are_whole_sentences_of_the_reader_texts():
    shared_data("reuters21578")
    texts = {(c, d): t for c, d, t, _ in documents({(g["corpus"], g["doc"]) for g in GOLD_SET})}
    missing = {(g["corpus"], g["doc"]) for g in GOLD_SET} - set(texts)
    assert not missing
    bad = {}
    for g in GOLD_SET:
        issues = problems(g, texts[(g["corpus"], g["doc"])])
        if issues:
            bad[(g["doc"], tuple(g["span"]))] = issues
    assert not bad
