"""Acceptance on the two founding seeds: one story, its timeline, stances and quality."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import link
from storyline.pipeline import ingest
from storyline.records import Story
from storyline.store import Store

from .conftest import seed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Store:
    paths = [str(seed("000")), str(seed("002"))]
    store = Store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    ingest(paths, store)
    link.update(store, [a["id"] for a in store.articles()])
    return store


def _story(store: Store) -> Story:
    found = link.stories(store)
    assert len(found) == 1
    return found[0]


def test_both_seeds_form_one_story_named_after_the_dispute(seeded: Store) -> None:
    story = _story(seeded)
    assert len(story.article_ids) == 2
    title = story.title.lower()
    assert "japan" in title and "russia" in title
    assert "peace treaty" in title or "kuril" in title


def test_seed_timeline_runs_from_1945_to_the_proposed_deadline(seeded: Store) -> None:
    entries = link.timeline(seeded, _story(seeded).id, None)
    wanted = [
        lambda e: e.start.startswith("1945") and e.status == "historical",
        lambda e: e.date == "2016-05-06",
        lambda e: e.date == "2016-06" and e.status == "planned",
        lambda e: e.start.startswith("2018-09"),
        lambda e: e.label == "end of 2018" and e.status == "proposed",
    ]
    at = 0
    for e in entries:
        if at < len(wanted) and wanted[at](e):
            at += 1
    assert at == len(wanted), link.format_timeline(entries)
    june = next(e for e in entries if e.date == "2016-06")
    assert june.label == "June 2016"


def test_russia_changed_its_position_and_japan_did_not(seeded: Store) -> None:
    history = {h.actor: h for h in link.stance_history(seeded, None)}
    assert any(item.changed for item in history["RUS"].history)
    assert len(history["JPN"].history) >= 2
    assert not any(item.changed for item in history["JPN"].history)


def test_content_farm_seed_scores_low_with_stitched_sentences_flagged(seeded: Store) -> None:
    scores = {}
    for a in seeded.articles():
        analysis = seeded.article(a["id"])
        assert analysis is not None
        q = link.quality(analysis)
        text = analysis["article"]["text"]
        scores[Path(analysis["article"].get("origin") or "").name[:3]] = (q, text)
    good, _ = scores["000"]
    bad, text = scores["002"]
    assert good["score"] >= 0.8 and good["offtopic"] == []
    assert bad["score"] <= 0.5
    flagged = " ".join(text[s:e] for s, e in bad["offtopic"])
    assert "President Moon" in flagged and "Modi" in flagged
