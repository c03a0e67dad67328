"""Quotations: direct, indirect and mixed attributions, speakers, relays and bad input."""

from __future__ import annotations

import time
from typing import Any

import pytest

from storyline.extract.quotes import find_quotes, quote_spans
from storyline.records import Actor, EventDate

from .conftest import seed


class FakeActors:
    """A tiny ActorIndex: actors found by name in the text, one pronoun antecedent."""

    def __init__(self, text: str, names: dict[str, Actor], pronoun: Actor | None = None):
        self.text = text
        self.names = names
        self.antecedent = pronoun

    def at(self, start: int, end: int) -> Actor | None:
        span = self.text[start:end]
        for name, actor in self.names.items():
            if name in span:
                return actor
        return None

    def pronoun(self, token: Any) -> Actor | None:
        return self.antecedent


MINISTER = Actor(id="a1", name="Anna Berg", kind="person", country="SWE", sector="GOV")
AGENCY = Actor(id="a2", name="Nordic Wire", kind="organization", sector="MED")


def by_content(quotes, fragment):
    return next(q for q in quotes if fragment in q.content)


def test_direct_quote_with_curly_marks_and_speaker_after(nlp):
    text = "“We will not give up the harbour,” the minister Anna Berg said on Monday."
    quotes = find_quotes(nlp(text), FakeActors(text, {"Anna Berg": MINISTER}))
    q = by_content(quotes, "harbour")
    assert q.kind == "direct"
    assert q.content == "We will not give up the harbour,"
    assert text[q.content_span[0]:q.content_span[1]] == q.content
    assert q.cue == "said" and "Anna Berg" in q.speaker_text and q.speaker == "a1"


def test_direct_quote_with_straight_marks_and_colon(nlp):
    text = 'The mayor said: "The bridge opens next week."'
    q = by_content(find_quotes(nlp(text)), "bridge")
    assert q.kind == "direct" and q.speaker_text == "The mayor" and q.cue == "said"


def test_quote_split_around_its_cue_keeps_one_speaker(nlp):
    text = '"The talks were useful," she said, "but nothing has been agreed yet."'
    quotes = [q for q in find_quotes(nlp(text)) if q.kind == "direct"]
    assert quotes and {q.speaker_text for q in quotes} == {"she"}
    joined = " ".join(q.content for q in quotes)
    assert "useful" in joined and "agreed yet" in joined


def test_quote_over_several_paragraphs_is_one_quote(nlp):
    text = (
        'The governor spoke at length. "The first thing is the budget.\n\n'
        '"The second thing is the schools, and they come first," the governor said.'
    )
    quotes = [q for q in find_quotes(nlp(text)) if q.kind == "direct"]
    assert len(quotes) == 1
    assert "budget" in quotes[0].content and "schools" in quotes[0].content
    assert quotes[0].speaker_text == "the governor"


def test_nested_quotes_stay_inside_the_outer_quote(nlp):
    text = "“He asked me, ‘Why now?’ and I had no answer,” the senator added."
    quotes = find_quotes(nlp(text))
    assert len(quotes) == 1
    assert "‘Why now?’" in quotes[0].content and quotes[0].speaker_text == "the senator"


def test_indirect_quote_said_that(nlp):
    text = "The finance minister said that inflation would fall next year."
    q = by_content(find_quotes(nlp(text)), "inflation")
    assert q.kind == "indirect" and q.speaker_text == "The finance minister"
    assert q.content.startswith("inflation would fall")


def test_indirect_quote_says_it_wants(nlp):
    text = "Norway says it wants to reopen the border before the summer."
    q = by_content(find_quotes(nlp(text)), "it wants")
    assert q.kind == "indirect" and q.speaker_text == "Norway" and q.cue == "says"


def test_according_to_names_the_speaker(nlp):
    text = "According to the central bank, prices rose by two percent in March."
    q = by_content(find_quotes(nlp(text)), "prices rose")
    assert q.speaker_text == "the central bank" and q.cue == "According to"
    assert "According" not in q.content


def test_told_reporters(nlp):
    text = "The coach told reporters the team was ready for the final."
    q = by_content(find_quotes(nlp(text)), "ready")
    assert q.kind == "indirect" and q.speaker_text == "The coach" and q.cue == "told"


def test_indirect_with_quoted_fragment_is_mixed(nlp):
    text = 'The president suggested that a deal "without conditions" could be signed soon.'
    quotes = find_quotes(nlp(text))
    assert len(quotes) == 1
    assert quotes[0].kind == "mixed" and "without conditions" in quotes[0].content


def test_pronoun_speaker_resolved_only_through_actors(nlp):
    text = "Anna Berg arrived late. “The deal is done,” she said."
    doc = nlp(text)
    q = by_content(find_quotes(doc, FakeActors(text, {}, pronoun=MINISTER)), "deal")
    assert q.speaker == "a1" and q.speaker_text == "she"
    q = by_content(find_quotes(doc, FakeActors(text, {}, pronoun=None)), "deal")
    assert q.speaker is None


def test_quote_alone_on_a_line_has_no_speaker(nlp):
    text = 'The spokesman said nothing had changed.\n\n"This is plainly a provocation".\n'
    q = by_content(find_quotes(nlp(text)), "provocation")
    assert q.kind == "direct" and q.speaker is None and q.speaker_text is None


def test_relay_carried_by_an_agency(nlp):
    text = "“We are ready,” Anna Berg said in remarks carried by the Nordic Wire agency."
    actors = FakeActors(text, {"Anna Berg": MINISTER, "Nordic Wire": AGENCY})
    q = by_content(find_quotes(nlp(text), actors), "ready")
    assert q.speaker == "a1" and q.via == "a2"


def test_date_comes_from_date_of(nlp):
    text = "The minister said that the plan had failed."
    when = EventDate(value="2016-05-06", fallback=True)
    q = by_content(find_quotes(nlp(text), date_of=lambda s, e, exclude=None: when), "plan")
    assert q.date == "2016-05-06" and q.date_fallback is True


def test_scare_quotes_without_cue_are_not_quotes(nlp):
    text = 'The so-called "reform" was shelved by the new "government of experts".'
    assert find_quotes(nlp(text)) == []


def test_unbalanced_marks_do_not_crash():
    text = 'He said "yes. Then “no” and ” stray » marks “ and "unclosed'
    spans = quote_spans(text)
    assert all(0 <= q.span[0] <= q.span[1] <= len(text) for q in spans)


@pytest.mark.parametrize(
    "text",
    [
        '"' + "word " * 5000 + '," he said.',
        "“" + "Ceci n'est pas une citation, dit-il. " * 200,
        '" " " ' * 3000,
        "Der Minister sagte: „Wir werden das schaffen.“ Er fügte hinzu, dass alles gut sei.",
    ],
    ids=["5000-word-quote", "all-one-unclosed-quote", "marks-only", "german"],
)
def test_bad_input_is_bounded(nlp, text):
    doc = nlp(text)
    start = time.perf_counter()
    quotes = find_quotes(doc)
    assert time.perf_counter() - start < 2.0
    for q in quotes:
        assert 0 <= q.content_span[0] < q.content_span[1] <= len(text)


def test_seed_000_attributions(nlp):
    text = seed("000").read_text(encoding="utf-8")
    quotes = find_quotes(nlp(text))
    putin = by_content(quotes, "Perhaps, owing to this circumstance")
    assert putin.kind == "direct" and putin.speaker_text == "the Russian leader"
    assert not putin.content.startswith("“")
    lavrov = by_content(quotes, "the two countries will likely hold consultations")
    assert lavrov.kind == "indirect" and "Sergei Lavrov" in lavrov.speaker_text
    russia = by_content(quotes, "it wants to sign a peace treaty")
    assert russia.kind == "indirect" and russia.speaker_text == "Russia"


def test_seed_002_attributions(nlp):
    text = seed("002").read_text(encoding="utf-8")
    quotes = find_quotes(nlp(text))
    offer = by_content(quotes, "let's conclude a peace agreement")
    assert offer.kind == "direct" and offer.speaker_text == "Putin"
    walk = by_content(quotes, "Let us walk together")
    assert walk.kind == "direct" and walk.speaker_text == "Abe" and walk.cue == "added"
    trolling = by_content(quotes, "This is called trolling")
    assert trolling.speaker is None and trolling.speaker_text is None


def test_seed_000_with_real_actors(nlp):
    actors_module = pytest.importorskip("storyline.extract.actors")
    text = seed("000").read_text(encoding="utf-8")
    doc = nlp(text)
    index = actors_module.find_actors(doc, "2016-05-07")
    quotes = find_quotes(doc, index)
    names = {a.id: a.name for a in getattr(index, "actors", [])}
    putin = by_content(quotes, "Perhaps, owing to this circumstance")
    if names:
        assert names.get(putin.speaker) == "Vladimir Putin"
        assert names.get(putin.via) == "TASS"


@pytest.mark.slow
def test_polnear_benchmark_runs(nlp):
    from .conftest import shared_data

    shared_data("polnear/dev")
    from benchmarks.quotes import run

    figures = run(limit=20)
    assert figures["articles"] == 20
    assert 0.4 < figures["content_f1"] <= 1.0
    assert 0.6 < figures["speaker_accuracy"] <= 1.0


def test_two_apostrophes_mark_a_direct_quote(nlp):
    text = "''We will reopen the harbour,'' the mayor said on Monday."
    q = by_content(find_quotes(nlp(text)), "harbour")
    assert q.kind == "direct" and q.cue == "said" and q.speaker_text == "the mayor"
    assert q.content == "We will reopen the harbour,"


def test_quote_going_on_after_its_attribution_is_one_quotation(nlp):
    text = ('"The plan is sound," said Anna Berg, the minister. "It will pass next week."\n\n'
            "Other news followed.")
    quotes = find_quotes(nlp(text), FakeActors(text, {"Anna Berg": MINISTER}))
    q = by_content(quotes, "sound")
    assert "It will pass next week." in q.content and q.speaker == "a1"
    assert not [x for x in quotes if x is not q and "pass next week" in x.content]


def test_object_of_a_judgement_verb_is_the_content(nlp):
    text = "The senator accused the governor of hiding the audit report."
    q = by_content(find_quotes(nlp(text)), "governor")
    assert q.cue == "accused" and q.speaker_text == "The senator"
    assert "hiding the audit report" in q.content


def test_verb_with_preposition_takes_its_object(nlp):
    text = "The dockworkers' union called for a national strike in June."
    q = by_content(find_quotes(nlp(text)), "strike")
    assert q.cue == "called for" and "union" in (q.speaker_text or "")
    assert q.content.startswith("a national strike")


def test_writers_hedged_reading_has_no_speaker(nlp):
    text = "The governor appears to have lost the support of his own party."
    q = by_content(find_quotes(nlp(text)), "lost the support")
    assert q.speaker is None and q.speaker_text is None
    assert q.content.startswith("The governor")


def test_seeing_something_as_something(nlp):
    text = "Many farmers see the new tariff as a threat to their exports."
    q = by_content(find_quotes(nlp(text)), "tariff")
    assert q.cue == "see" and q.speaker_text == "Many farmers"
    assert q.content == "the new tariff as a threat to their exports"


def test_noun_cue_takes_its_holder_from_the_possessive(nlp):
    text = "The mayor's proposal to close the old port angered the unions."
    q = by_content(find_quotes(nlp(text)), "close the old port")
    assert q.cue == "proposal" and "mayor" in (q.speaker_text or "")


def test_quoted_title_is_not_an_utterance(nlp):
    text = "He watched it twice.\n\n“The Long Night Returns” is a film about a storm."
    assert not [q for q in find_quotes(nlp(text)) if "Long Night" in q.content and q.kind == "direct"]


def test_a_small_clause_subject_does_not_speak_for_a_cue_below_it(nlp):
    doc = nlp("The council wants the road repaired before agreeing to fund the new bridge.")
    speakers = {q.speaker_text for q in find_quotes(doc)}
    assert "the road" not in speakers
