"""End to end on the two founding pages: what `storyline analyze <seed>` must answer.

Each test reads one acceptance line of the issues; the seeds stay in ../shared.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.pipeline import analyze_many
from storyline.read import read

from .conftest import seed


@pytest.fixture(scope="module")
def seeds(nlp) -> dict[str, dict[str, Any]]:
    paths = [str(seed("000")), str(seed("002"))]
    results = list(analyze_many(read(paths)))
    return {p.rsplit("/", 1)[1][:3]: r.to_dict() for p, r in zip(paths, results, strict=True)}


def _actor(result: dict[str, Any], actor_id: str | None) -> dict[str, Any]:
    return next(a for a in result["actors"] if a["id"] == actor_id)


def _quote(result: dict[str, Any], start: str) -> dict[str, Any]:
    hits = [q for q in result["quotes"] if q["content"].startswith(start)]
    assert hits, [q["content"][:40] for q in result["quotes"]]
    return hits[0]


def _time(result: dict[str, Any], text: str) -> list[str]:
    return [t["value"] for t in result["times"] if text in t["text"]]


def _events(result: dict[str, Any], type_: str, trigger: str) -> list[dict[str, Any]]:
    return [e for e in result["events"] if e["type"] == type_ and e["trigger"].startswith(trigger)]


# --- actors and quotes (issue 3) ---------------------------------------------------------


def test_000_quotes_and_speakers(seeds):
    r = seeds["000"]
    perhaps = _quote(r, "Perhaps, owing to this circumstance")
    assert perhaps["kind"] == "direct"
    assert _actor(r, perhaps["speaker"])["name"] == "Vladimir Putin"
    assert perhaps["speaker_text"] == "the Russian leader"
    assert _actor(r, perhaps["via"])["name"] == "TASS"
    lavrov = _quote(r, "the two countries will likely hold consultations")
    assert lavrov["kind"] == "indirect"
    assert _actor(r, lavrov["speaker"])["name"] == "Sergei Lavrov"
    russia = _quote(r, "it wants to sign a peace treaty")
    assert russia["kind"] == "indirect" and _actor(r, russia["speaker"])["country"] == "RUS"


def test_002_quotes_and_the_orphan(seeds):
    r = seeds["002"]
    conclude = _quote(r, "[So, ] let's conclude a peace agreement by year's end")
    assert conclude["kind"] == "direct"
    assert _actor(r, conclude["speaker"])["name"] == "Vladimir Putin"
    walk = _quote(r, "Let us walk together mindful of the questions")
    assert walk["kind"] == "direct" and _actor(r, walk["speaker"])["name"] == "Shinzo Abe"
    trolling = _quote(r, "This is called trolling")
    assert trolling["speaker"] is None


def test_actors_across_both_seeds(seeds):
    both = seeds["000"]["actors"] + seeds["002"]["actors"]

    def find(name: str) -> dict[str, Any]:
        return next(a for a in both if a["name"] == name)

    russia = [a for a in seeds["002"]["actors"] if a["kind"] == "country" and a["country"] == "RUS"]
    assert len(russia) == 1 and "Russian Federation" in russia[0]["aliases"]
    assert [a["country"] for a in both if a["name"] == "Shinzo Abe"] == ["JPN", "JPN"]
    assert {a["sector"] for a in both if a["name"] == "Shinzo Abe"} == {"GOV"}
    assert (find("Rosneft")["country"], find("Rosneft")["sector"]) == ("RUS", "BUS")
    assert (find("Sergei Lavrov")["country"], find("Sergei Lavrov")["sector"]) == ("RUS", "GOV")
    assert (find("Narendra Modi")["country"], find("Narendra Modi")["sector"]) == ("IND", "GOV")
    assert (find("TASS")["country"], find("TASS")["sector"]) == ("RUS", "MED")


# --- time (issue 4) ----------------------------------------------------------------------


def test_000_times(seeds):
    r = seeds["000"]
    assert _time(r, "Friday") == ["2016-05-06"]
    assert _time(r, "this weekend") == ["2016-W18-WE"]
    june = [t["value"] for t in r["times"] if t["text"] in ("June", "in June")]
    assert len(june) >= 2 and set(june) == {"2016-06"}
    assert _time(r, "summer of 1945") == ["1945-SU"]


def test_002_times(seeds):
    r = seeds["002"]
    assert _time(r, "Wednesday") == ["2018-09-12"]
    year_end = [t for t in r["times"] if "year's end" in t["text"]]
    assert year_end and year_end[0]["value"] == "2018" and year_end[0]["mod"] == "END"
    assert "2020" in _time(r, "2020")
    assert _time(r, "October") == ["2018-10"]


# --- events and stances (issue 5) --------------------------------------------------------


def test_000_events(seeds):
    r = seeds["000"]
    sochi = [e for e in _events(r, "CONSULT", "met") if e["date"]["value"] == "2016-W18-WE"]
    assert sochi and sochi[0]["location"]["name"] == "Sochi"
    assert _actor(r, sochi[0]["actor"][0])["country"] == "JPN"
    assert _actor(r, sochi[0]["recipient"][0])["sector"] == "BUS"
    assert [e for e in _events(r, "CONSULT", "met") if e["date"]["value"] == "2016-05-06"]
    june = _events(r, "CONSULT", "consultations")
    assert june and june[0]["status"] == "planned" and june[0]["date"]["value"] == "2016-06"
    seized = [e for e in r["events"] if e["trigger"].startswith("seized")]
    assert seized and seized[0]["type"] in ("COERCE", "ASSAULT")
    assert seized[0]["status"] == "historical" and seized[0]["date"]["value"] == "1945-SU"
    discussed = [e for e in _events(r, "CONSULT", "discussed") if len(e["actor"]) == 2]
    assert discussed and discussed[-1]["reciprocal"]
    accepted = _events(r, "AGREE", "accepted")
    assert accepted and _actor(r, accepted[0]["actor"][0])["country"] == "RUS"
    visit = _events(r, "CONSULT", "visit")
    assert visit and visit[0]["status"] == "planned"
    stances = {_actor(r, s["actor"])["country"]: s for s in r["stances"]}
    assert "before resolving the Kuril Islands dispute" in stances["RUS"]["position"]
    assert "islands issue resolved before" in stances["JPN"]["position"]


def test_002_events(seeds):
    r = seeds["002"]
    proposed = [e for e in r["events"] if e["status"] == "proposed"
                and any(_actor(r, a)["country"] == "RUS" for a in e["actor"])]
    assert proposed
    rejected = [e for e in r["events"] if e["type"] == "REJECT"]
    assert rejected and _actor(r, rejected[0]["actor"][0])["country"] == "JPN"
    assert rejected[0]["date"]["value"].startswith("2018-09")
    japan = [s for s in r["stances"] if _actor(r, s["actor"])["country"] == "JPN"]
    assert japan and "sovereignty" in japan[0]["position"]
