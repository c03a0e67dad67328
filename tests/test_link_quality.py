"""Source quality: stitched sentences, duplicates, orphan quotes, spinner artefacts."""

from __future__ import annotations

from storyline.link import quality
from storyline.text import sentences


def _actor(aid: str, kind: str, country: str | None, text: str, *names: str) -> dict:
    spans = []
    for name in names:
        start = 0
        while (i := text.find(name, start)) >= 0:
            spans.append([i, i + len(name)])
            start = i + 1
    return {"id": aid, "name": names[0], "kind": kind, "country": country, "mentions": spans}


TEXT = (
    "Brazil and Argentina signed a new river treaty in Buenos Aires on Monday. "
    "President Silva said Brazil would ratify the river treaty quickly. "
    "Argentina's foreign minister Gomez called the treaty a turning point for the river basin. "
    "Meanwhile Chancellor Weber told Germany's parliament that Austria must cut rail tariffs. "
    "The river treaty sets shared quotas for fishing and shipping."
)


def _analysis(text: str = TEXT, **extra: object) -> dict:
    actors = [
        _actor("BRA", "country", "BRA", text, "Brazil"),
        _actor("ARG", "country", "ARG", text, "Argentina"),
        _actor("p:silva", "person", "BRA", text, "Silva"),
        _actor("p:gomez", "person", "ARG", text, "Gomez"),
        _actor("p:weber", "person", "DEU", text, "Weber"),
        _actor("DEU", "country", "DEU", text, "Germany"),
        _actor("AUT", "country", "AUT", text, "Austria"),
    ]
    base = {"article": {"text": text, "title": "Brazil and Argentina sign river treaty",
                        "removed": []}, "actors": actors, "quotes": []}
    base.update(extra)  # type: ignore[arg-type]
    return base


def test_sentence_with_only_foreign_participants_is_offtopic() -> None:
    q = quality(_analysis())
    flagged = [TEXT[s:e] for s, e in q["offtopic"]]
    assert flagged == [
        "Meanwhile Chancellor Weber told Germany's parliament that Austria must cut rail tariffs."
    ]
    assert q["score"] < 0.8


def test_coherent_article_scores_high() -> None:
    text = TEXT.replace(
        "Meanwhile Chancellor Weber told Germany's parliament that Austria must cut rail tariffs. ",
        "",
    )
    q = quality(_analysis(text))
    assert q["offtopic"] == [] and q["score"] > 0.9


def test_orphan_quotes_and_bare_official_names_are_flagged() -> None:
    text = TEXT + " Officials met with Russian Federation envoys later."
    q = quality(_analysis(text, quotes=[{"speaker": None, "speaker_text": None, "content": "x"}]))
    assert any(f.startswith("orphan_quotes") for f in q["flags"])
    assert any(f.startswith("spinner") for f in q["flags"])


def test_repeated_sentence_counts_as_duplicate() -> None:
    text = TEXT + " President Silva said Brazil would ratify the river treaty very quickly."
    assert any(f.startswith("duplicate") for f in quality(_analysis(text))["flags"])


def test_sentence_splitter_keeps_abbreviations_and_survives_long_input() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. They talked."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.", "They talked."]
    long = "word " * 100_000
    assert all(e - s <= 1500 for s, e in sentences(long))
    assert quality({"article": {"text": long + "1 2 3 " * 5000}})["score"] >= 0
