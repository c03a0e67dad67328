"""Temporal expressions: recognition, TIMEX3 values, the dating function, bad input."""

from __future__ import annotations

import time

import pytest

from storyline.extract.times import date_of, find_times, interval

from .conftest import DATA, seed


def _times(nlp, text: str, published: str | None = "2016-05-07") -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in find_times(nlp(text), published)}


def _seed_times(nlp, path, published: str):
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[3:])  # the story, after the title and date lines
    return find_times(nlp(text), published)


def _values(times, needle: str) -> list[str]:
    return [t.value for t in times if needle in t.text]


def test_seed_000_dates_resolve_against_publication(nlp):
    times = _seed_times(nlp, seed("000"), "2016-05-07")
    assert _values(times, "Friday") == ["2016-05-06"]
    assert _values(times, "this weekend") == ["2016-W18-WE"]
    assert _values(times, "June").count("2016-06") >= 2
    assert set(_values(times, "June")) == {"2016-06"}
    assert _values(times, "summer of 1945") == ["1945-SU"]
    seventy = [t for t in times if "70-year" in t.text]
    assert [(t.type, t.value) for t in seventy] == [("DURATION", "P70Y")]


def test_seed_002_dates_resolve_against_publication(nlp):
    times = _seed_times(nlp, seed("002"), "2018-09-13")
    assert _values(times, "Wednesday") == ["2018-09-12"]
    ends = [(t.value, t.mod) for t in times if "end" in t.text]
    assert ("2018", "END") in ends and len(ends) == 2
    assert all(e == ("2018", "END") for e in ends)
    assert _values(times, "2020") == ["2020"]
    assert _values(times, "October") == ["2018-10"]


def test_direction_of_day_names_follows_tense(nlp):
    past = _times(nlp, "Putin met Abe on Friday.", "2016-05-04")
    future = _times(nlp, "Putin will meet Abe on Friday.", "2016-05-04")
    assert past["Friday"][1] == "2016-04-29"
    assert future["Friday"][1] == "2016-05-06"


def test_month_of_planned_event_is_the_coming_one(nlp):
    found = _times(nlp, "The two sides will hold talks in June.", "2016-09-01")
    assert found["June"] == ("DATE", "2017-06")


def test_relative_calendar_expressions(nlp):
    found = _times(
        nlp,
        "Sales fell last year. Prices rose earlier this week. A vote is due next month. "
        "The treaty was signed in the 1990s and the feud lasted decades.",
        "2016-05-07",
    )
    assert found["last year"] == ("DATE", "2015")
    assert found["earlier this week"] == ("DATE", "2016-W18")
    assert found["next month"] == ("DATE", "2016-06")
    assert found["the 1990s"] == ("DATE", "199")
    assert found["decades"][0] == "DURATION"


def test_explicit_dates_in_several_notations(nlp):
    found = _times(
        nlp,
        "Talks began on Sept. 12 and resumed on 12 September 2015. The filing is dated "
        "2014-03-02 and the letter 04/21/2013.",
        "2016-05-07",
    )
    assert found["Sept. 12"] == ("DATE", "2015-09-12")
    assert found["12 September 2015"] == ("DATE", "2015-09-12")
    assert found["2014-03-02"] == ("DATE", "2014-03-02")
    assert found["04/21/2013"] == ("DATE", "2013-04-21")


def test_coming_weeks_and_year_end(nlp):
    found = _times(nlp, "A decision will come in the coming weeks, and a deal by year's end.")
    assert found["the coming weeks"] == ("DURATION", "PXW")
    ends = [t for t in find_times(nlp("They want a deal by year's end."), "2018-09-13")]
    assert [(t.value, t.mod) for t in ends] == [("2018", "END")]


def test_sets_and_clock_times(nlp):
    found = _times(nlp, "The board meets every week and reports annually. It ended at 8:13 pm.")
    assert found["every week"] == ("SET", "P1W")
    assert found["annually"] == ("SET", "P1Y")
    assert found["8:13 pm"] == ("TIME", "2016-05-07T20:13")


def test_no_publication_date_leaves_relative_values_unresolved(nlp):
    found = _times(nlp, "He left on Friday and will return in June. It happened in 1999.", None)
    assert found["Friday"][1] == "XXXX-WXX-5"
    assert found["June"][1] == "XXXX-06"
    assert found["1999"][1] == "1999"


def test_publication_date_in_the_future_still_resolves(nlp):
    found = _times(nlp, "The summit was held yesterday.", "2091-01-01")
    assert found["yesterday"] == ("DATE", "2090-12-31")


def test_impossible_day_is_not_a_date(nlp):
    found = _times(nlp, "The meeting on February 30 was cancelled.")
    assert not any(v[1].endswith("-02-30") for v in found.values())


def test_two_digit_years_go_to_the_nearest_century(nlp):
    found = _times(nlp, "The deal was signed on 3/4/98 and renewed on 3/4/09.", "2016-05-07")
    assert found["3/4/98"][1] == "1998-03-04"
    assert found["3/4/09"][1] == "2009-03-04"


def test_common_words_are_not_times(nlp):
    text = (
        "They may march to the capital, one by one, to ask for a second term. "
        "Theresa May said she will go to Brussels."
    )
    assert find_times(nlp(text), "2016-05-07") == []


def test_thousands_of_numbers_stay_fast(nlp):
    text = " ".join(f"{i} {i * 7 % 31} {1900 + i % 200}," for i in range(3000)) + "."
    doc = nlp(text)
    t0 = time.perf_counter()
    find_times(doc, "2016-05-07")
    assert time.perf_counter() - t0 < 20  # a runaway guard, not a speed target


def test_interval_of_timex_values():
    assert interval("2016-06") == ("2016-06-01", "2016-06-30", "month")
    assert interval("1945-SU") == ("1945-06-01", "1945-08-31", "season")
    assert interval("2016-W18-WE") == ("2016-05-07", "2016-05-08", "weekend")
    assert interval("199") == ("1990-01-01", "1999-12-31", "decade")
    assert interval("2018") == ("2018-01-01", "2018-12-31", "year")
    assert interval("2016-Q2") == ("2016-04-01", "2016-06-30", "quarter")
    assert interval("P3Y") == (None, None, None)


def test_date_of_prefers_the_clause_then_falls_back(nlp):
    text = "Russian troops seized the islands in the summer of 1945. Talks went on."
    doc = nlp(text)
    times = find_times(doc, "2016-05-07")
    first = date_of(doc, 0, text.index("."), times, "2016-05-07")
    assert (first.value, first.start, first.precision, first.fallback) == (
        "1945-SU", "1945-06-01", "season", False,
    )  # fmt: skip
    second = date_of(doc, text.index("Talks"), len(text), times, "2016-05-07")
    assert second.fallback and second.value == "2016-05-07"
    unknown = date_of(doc, text.index("Talks"), len(text), times, None)
    assert unknown.fallback and unknown.value == "XXXX-XX-XX"


def test_date_of_skips_durations(nlp):
    text = "The dispute has lasted 70 years."
    doc = nlp(text)
    dated = date_of(doc, 0, len(text), find_times(doc, "2016-05-07"), "2016-05-07")
    assert dated.fallback


@pytest.mark.slow
def test_tempeval_benchmark_figures_are_sane():
    if not (DATA / "tempeval3").exists():
        pytest.skip("../shared/data/tempeval3 is absent")
    from benchmarks.time import run

    figures = run(limit=40)
    assert figures["relaxed_f1"] > 0.7
    assert figures["value_f1"] > 0.6


def test_spoken_years_of_broadcast_transcripts(nlp):
    found = _times(
        nlp, "The bomb went off in nineteen ninety-six. Talks end by the year two thousand."
    )
    assert found["nineteen ninety-six"] == ("DATE", "1996")
    assert found["the year two thousand"] == ("DATE", "2000")
    assert "two thousand" not in _times(nlp, "About two thousand people marched.")


def test_moving_holidays_are_computed(nlp):
    found = _times(nlp, "The boy was found on Thanksgiving Day.", "2000-01-07")
    assert found["Thanksgiving Day"] == ("DATE", "1999-11-25")
    easter = _times(nlp, "Crowds will gather on Easter Sunday.", "2016-03-01")
    assert easter["Easter Sunday"] == ("DATE", "2016-03-27")
    assert "Easter" not in " ".join(_times(nlp, "Eastern Airlines flew.", "2016-03-01"))


def test_report_periods_follow_the_quarter_reported(nlp):
    text = (
        "Net income rose in the third quarter. In the year-ago period, the company earned "
        "less, and year-earlier sales were flat. For the year ended March 31, revenue rose."
    )
    found = _times(nlp, text, "1989-10-26")
    assert found["the year-ago period"] == ("DATE", "1988-Q3")
    assert found["year-earlier"] == ("DATE", "1988-Q3")
    assert found["the year"] == ("DURATION", "P1Y")


def test_deadline_and_since_cues_set_direction(nlp):
    found = _times(nlp, "The board declared a dividend payable Dec. 7.", "1989-10-27")
    assert found["Dec. 7"][1] == "1989-12-07"
    since = _times(nlp, "No inspection has been allowed since Jan. 13.", "1998-03-06")
    assert since["Jan. 13"][1] == "1998-01-13"


def test_fractions_and_anaphoric_adverbs(nlp):
    found = _times(nlp, "They lived in camps for 2 1/2 years and previously in tents.")
    assert found["2 1/2 years"] == ("DURATION", "P2Y6M")
    assert "previously" not in found


def test_years_later_count_from_the_year_last_named(nlp):
    found = _times(nlp, "The treaty was signed in 1956. Two years later, the talks collapsed.")
    assert found["Two years later"][1] == "1958"
    # with no year named, "later" counts from publication
    assert _times(nlp, "The plant will close two years later than planned.")[
        "two years later"][1] == "2018"
