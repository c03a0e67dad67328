"""date_of: a clause takes its own date, not one from a clause about some other noun."""

from __future__ import annotations

from storyline.extract.times import date_of, find_times

PUBLISHED = "2016-05-07"  # a Saturday: "Friday" in a past clause is 2016-05-06


def _dated(nlp, text: str, clause: str | None = None, content: str | None = None):
    """The date of `clause` (the whole text when None), `content` excluded as a quotation."""
    doc = nlp(text)
    start = text.index(clause) if clause else 0
    end = start + len(clause) if clause else len(text)
    exclude = None
    if content:
        exclude = (text.index(content), text.index(content) + len(content))
    return date_of(doc, start, end, find_times(doc, PUBLISHED), PUBLISHED, exclude)


def test_relative_clause_does_not_date_the_main_clause(nlp):
    dated = _dated(nlp, "Putin, who met Abe on Friday, later said the talks had been useful.")
    assert dated.fallback and dated.value == PUBLISHED
    talks = _dated(nlp, "The talks, which began in March, have stalled, the minister said.")
    assert talks.fallback


def test_appositive_with_a_date_does_not_date_the_clause(nlp):
    dated = _dated(nlp, "Abe, prime minister since 2012, said the islands belong to Japan.")
    assert dated.fallback
    # capitals opening a sentence are not a wire dateline unless a date or agency follows
    nato = _dated(nlp, "NATO, an alliance since 1949, said the talks were useful.")
    assert nato.fallback


def test_reduced_relative_does_not_date_the_clause(nlp):
    dated = _dated(nlp, "The accord signed in 1956 ended the state of war, officials said.")
    assert dated.fallback
    seized = _dated(nlp, "Japan wants the islands, seized in 1945, returned.")
    assert seized.fallback


def test_clause_inside_a_relative_clause_keeps_its_own_date(nlp):
    text = "Putin, who met Abe on Friday, later said the talks had been useful."
    dated = _dated(nlp, text, clause="who met Abe on Friday")
    assert (dated.value, dated.fallback) == ("2016-05-06", False)
    ship = "The minister said the ship, which sank in 1998, was found."
    assert _dated(nlp, ship, clause="which sank in 1998").value == "1998"


def test_main_clause_dates_still_count(nlp):
    for text in (
        "On Friday, Putin said the talks were useful.",
        "Putin said on Friday that the talks were useful.",
        "Abe, who visited Sochi in March, said on Friday that the two sides would meet.",
        "Abe, visiting Moscow on Friday, said the islands belong to Japan.",
        "Putin said at talks held on Friday that the dispute was old.",
        "MOSCOW, May 6 (Reuters) - Putin said the talks were useful.",
    ):
        dated = _dated(nlp, text)
        assert (dated.value, dated.fallback) == ("2016-05-06", False), text


def test_quotation_is_dated_by_the_clause_that_reports_it(nlp):
    text = "The senator, who in 2010 said the tax was unfair, voted for it on Friday."
    dated = _dated(nlp, text, content="the tax was unfair")
    assert dated.value == "2010"
    voted = _dated(nlp, text)
    assert voted.value == "2016-05-06"


def test_a_text_speaks_on_the_day_it_is_released(nlp):
    text = "A survey released in late April found that most farmers were worried."
    dated = _dated(nlp, text, content="most farmers were worried")
    assert (dated.value, dated.mod, dated.fallback) == ("2016-04", "END", False)
    ruling = "The judge rejected the claim in a ruling released on Thursday."
    assert _dated(nlp, ruling).value == "2016-05-05"
