"""Online story grouping, event merging, timelines and stance history on hand-made records."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from storyline import link
from storyline.read import Document
from storyline.records import (
    Actor,
    Analysis,
    Article,
    Event,
    EventDate,
    Stance,
    Story,
    Time,
    TimelineEntry,
)
from storyline.store import Store


def _put(store: Store, analysis: Analysis) -> None:
    doc = Document(analysis.article.id, "text", analysis.article.text, {})
    store.put(analysis, doc, analysis.article.id, "test")


def _article(aid: str, published: str, text: str, title: str, actors: list[Actor],
             **facts: object) -> Analysis:
    for a in actors:
        start = 0
        while (i := text.find(a.name, start)) >= 0:
            a.mentions.append((i, i + len(a.name)))
            start = i + 1
    art = Article(id=aid, text=text, title=title, published=published, source=f"src-{aid}")
    return Analysis(article=art, actors=actors, **facts)  # type: ignore[arg-type]


def _chile(aid: str, published: str, extra: str = "") -> Analysis:
    text = ("Chile and Peru resumed talks on the maritime border dispute in Lima. "
            "The maritime border dispute dates back to the war of 1879. " + extra)
    return _article(aid, published, text, "Chile, Peru resume maritime border talks",
                    [Actor("CHL", "Chile", "country", country="CHL"),
                     Actor("PER", "Peru", "country", country="PER")])


def _wheat(aid: str, published: str) -> Analysis:
    text = ("Wheat futures rose sharply in Chicago as drought hit the Kansas harvest. "
            "Traders expect wheat exports to fall.")
    return _article(aid, published, text, "Wheat futures jump on drought",
                    [Actor("place:kansas", "Kansas", "place", country="USA")])


def test_related_articles_share_a_story_even_years_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        for a in (_chile("a1", "2014-01-27"), _wheat("w1", "2014-01-28"),
                  _chile("a2", "2016-03-02", "Both sides say the talks went well.")):
            _put(store, a)
            link.update(store, [a.article.id])
        found = link.stories(store)
        by_article = {aid: s.id for s in found for aid in s.article_ids}
        assert by_article["a1"] == by_article["a2"] != by_article["w1"]
        chile = next(s for s in found if "a1" in s.article_ids)
        assert {"CHL", "PER"} <= set(chile.actors)
        assert chile.start == "2014-01-27" and chile.end == "2016-03-02"
        assert "Chile" in chile.title
        link.update(store, ["a1", "a2"])  # linking twice changes nothing
        assert len(link.stories(store)) == len(found)


def _event(eid: str, start: str, end: str, precision: str, value: str, status: str,
           span: tuple[int, int], fallback: bool = False) -> Event:
    return Event(eid, "CONSULT", status, ["CHL"], ["PER"],
                 EventDate(value, start, end, precision, None, fallback=fallback),
                 None, "040", 1.0, 0.9, span, "talks")


def test_one_event_in_many_articles_is_merged_and_dated_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        a1 = _chile("a1", "2014-01-28")
        a1.events = [_event("e", "2014-01-27", "2014-01-27", "day", "2014-01-27",
                            "asserted", (0, 69))]
        a2 = _chile("a2", "2014-01-29")
        a2.events = [_event("e", "2014-01-29", "2014-01-29", "day", "2014-01-29",
                            "asserted", (0, 69), fallback=True)]
        for a in (a1, a2):
            _put(store, a)
        link.update(store, ["a1", "a2"])
        sid = link.stories(store)[0].id
        found = link.story(store, sid)
        assert found is not None
        assert len(found.events) == 1
        assert found.events[0].date["value"] == "2014-01-27"
        assert found.events[0].mentions == 2 and found.events[0].articles == 2
        entries = link.timeline(store, sid, None)
        merged = [e for e in entries if e.event_ids]
        assert len(merged) == 1 and len(merged[0].sources) == 2


def test_timeline_keeps_precision_order_and_marks_past_and_planned(tmp_path: Path) -> None:
    text = ("Chile and Peru resumed talks on the maritime border dispute in Lima on Monday. "
            "The maritime border dispute dates back to the war of 1879. "
            "Chile proposed that a final map could be signed by the end of the year. "
            "Officials from Chile and Peru will meet again in March.")
    times = []
    for phrase, value, start, end, precision, mod in (
        ("on Monday", "2014-01-27", "2014-01-27", "2014-01-27", "day", None),
        ("1879", "1879", "1879-01-01", "1879-12-31", "year", None),
        ("the end of the year", "2014", "2014-01-01", "2014-12-31", "year", "END"),
        ("in March", "2014-03", "2014-03-01", "2014-03-31", "month", None),
    ):
        i = text.index(phrase)
        times.append(Time(phrase, (i, i + len(phrase)), "DATE", value, mod, start, end, precision))
    a = _article("a1", "2014-01-28", text, "Chile, Peru resume maritime border talks",
                 [Actor("CHL", "Chile", "country", country="CHL"),
                  Actor("PER", "Peru", "country", country="PER")], times=times)
    with Store(tmp_path / "s.db") as store:
        _put(store, a)
        link.update(store, ["a1"])
        entries = link.timeline(store, None, None)
        got = [(e.label, e.status) for e in entries]
        # The article's lead stands for what it reports on its publication day.
        assert got == [("1879", "historical"), ("27 January 2014", "asserted"),
                       ("28 January 2014", "asserted"), ("March 2014", "planned"),
                       ("end of 2014", "proposed")]
        text_out = link.format_timeline(entries)
        assert "March 2014 [planned]" in text_out


def test_stance_history_marks_a_change_and_files_leaders_under_their_state(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "s.db") as store:
        a1 = _chile("a1", "2014-01-27")
        a1.stances = [Stance("CHL", "maritime border", "the 1952 treaty fixed the border",
                             "2014-01-27", (0, 10))]
        a2 = _chile("a2", "2016-03-02", "President Bachelet spoke.")
        a2.actors.append(Actor("p:bachelet", "Bachelet", "person", country="CHL", sector="GOV",
                               mentions=[(a2.article.text.index("Bachelet"),
                                          a2.article.text.index("Bachelet") + 8)]))
        a2.stances = [Stance("p:bachelet", "maritime border",
                             "a new joint commission should redraw the line", "2016-03-02",
                             (0, 10))]
        for a in (a1, a2):
            _put(store, a)
        link.update(store, ["a1", "a2"])
        history = link.stance_history(store, None)
        assert len(history) == 1 and history[0].actor == "CHL"
        assert [h.changed for h in history[0].history] == [False, True]
        assert "changed" in link.format_stances(history)


def test_answers_are_records_in_the_json_shapes_of_design(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        a1 = _chile("a1", "2014-01-27")
        a1.stances = [Stance("CHL", "maritime border", "the 1952 treaty fixed the border",
                             "2014-01-27", (0, 10))]
        _put(store, a1)
        link.update(store, ["a1"])
        [story] = link.stories(store)
        assert isinstance(story, Story)
        assert list(story.to_dict()) == ["id", "title", "article_ids", "actors", "issues",
                                         "start", "end"]
        [entry] = link.timeline(store, None)
        assert isinstance(entry, TimelineEntry)
        assert entry.to_dict()["sources"] == [{"article_id": "a1", "source": "src-a1",
                                               "url": None}]
        assert entry.date == "2014-01-27"
        [history] = link.stance_history(store, story.id[:4])
        assert history.to_dict() == {
            "actor": "CHL", "actor_name": "Chile", "issue": "maritime border",
            "history": [{"date": "2014-01-27", "position": "the 1952 treaty fixed the border",
                         "article_id": "a1", "changed": False, "speaker": "Chile"}]}
        assert link.timeline(store, "s-none") == [] and link.stance_history(store, "s-n") == []


def test_full_timeline_reads_only_articles_that_add_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    timeline_module = importlib.import_module("storyline.link.timeline")  # not link.timeline()
    split: list[str] = []
    real = timeline_module.sentences

    def spy(text: str) -> list[tuple[int, int]]:
        split.append(text[:5])
        return real(text)

    with Store(tmp_path / "s.db") as store:
        a1 = _chile("a1", "2014-01-28")  # a dated event and no dated words: nothing to read
        a1.events = [_event("e", "2014-01-27", "2014-01-27", "day", "2014-01-27",
                            "asserted", (0, 69))]
        a2 = _chile("a2", "2014-01-29")  # no event: its lead stands for its publication day
        for a in (a1, a2):
            _put(store, a)
        link.update(store, ["a1", "a2"])
        monkeypatch.setattr(timeline_module, "sentences", spy)
        entries = link.timeline(store, None)
        assert [e.date for e in entries] == ["2014-01-27", "2014-01-29"]
        assert len(split) == 1


def _flood(aid: str, published: str, text: str, title: str) -> Analysis:
    return _article(aid, published, text, title,
                    [Actor("BGD", "Bangladesh", "country", country="BGD")])


def test_a_story_started_twice_is_merged_once_its_articles_bridge_both(tmp_path: Path) -> None:
    batches = [
        [_wheat("w1", "2017-08-10"),
         _flood("f1", "2017-08-12",
                "Rivers burst their banks across northern Bangladesh after days of monsoon "
                "rain. Floods cut roads in Sylhet and villagers fled to higher ground.",
                "Monsoon floods hit northern Bangladesh")],
        # The relief side of the same floods, with nothing of the first article but a word.
        [_article("f2", "2017-08-13",
                  "Aid agencies appealed for relief funds. UNICEF sent water purification "
                  "tablets and cholera vaccines to relief camps.",
                  "Agencies appeal for relief funds",
                  [Actor("org:unicef", "UNICEF", "organization")])],
        [_flood("f3", "2017-08-14",
                "Floods in Bangladesh left thousands of villagers in relief camps. Aid agencies "
                "said monsoon rain and floods cut roads, and relief funds are short.",
                "Bangladesh floods: villagers wait for relief"),
         _flood("f4", "2017-08-15",
                "More monsoon rain is forecast for Bangladesh, where floods have driven "
                "villagers into relief camps run by aid agencies.",
                "More rain forecast for flooded Bangladesh")],
    ]
    db = tmp_path / "s.db"
    with Store(db) as store:
        for batch in batches:
            for a in batch:
                _put(store, a)
            link.update(store, [a.article.id for a in batch])
        by_article = {aid: s.id for s in link.stories(store) for aid in s.article_ids}
        assert len(link.stories(store)) == 2
        assert by_article["f1"] == by_article["f2"] == by_article["f3"] == by_article["f4"]
        assert by_article["w1"] != by_article["f1"]
        # The absorbed story's id still leads to the story that took it in.
        gone = next(i for i in ("s-f1", "s-f2") if i != by_article["f1"])
        found = link.story(store, gone)
        assert found is not None and found.id == by_article["f1"]
        assert set(found.article_ids) == {"f1", "f2", "f3", "f4"}
    with Store(db) as store:  # a new process reads the index back without the absorbed story
        late = _flood("f5", "2017-08-16",
                      "Floods receded in parts of Bangladesh and villagers left relief camps.",
                      "Bangladesh floods recede")
        _put(store, late)
        link.update(store, ["f5"])
        assert len(link.stories(store)) == 2
        assert "f5" in next(s for s in link.stories(store) if "f1" in s.article_ids).article_ids


def test_ids_sharing_a_long_prefix_start_different_stories(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        a, b = _chile("reuters-12345", "2014-01-27"), _wheat("reuters-12346", "2014-01-27")
        for x in (a, b):
            _put(store, x)
        link.update(store, ["reuters-12345", "reuters-12346"])
        assert sorted(len(s.article_ids) for s in link.stories(store)) == [1, 1]
