"""The command line: contract of DESIGN.md, one-line errors, no tracebacks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from storyline.cli import main

from .conftest import seed

ARTICLE = (
    "Grain corridor reopens\nJune 1, 2022\n\n"
    "Turkey and Ukraine agreed on Wednesday to reopen the grain corridor, officials said.\n"
)


@pytest.fixture
def run(nlp):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def test_every_command_has_help_with_an_example(run):
    commands = main.list_commands(None)  # type: ignore[arg-type]
    assert {"ingest", "analyze", "articles", "show", "export", "reprocess"} <= set(commands)
    for name in commands:
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, name


def test_analyze_seed_gives_the_record_contract(run):
    result = run("analyze", seed("000"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"article", "actors", "times", "quotes", "events", "stances"}
    article = data["article"]
    assert set(article) >= {"id", "url", "title", "authors", "published", "source", "language",
                            "text", "removed", "quality"}
    assert article["published"] == "2016-05-07T20:13"
    assert set(article["quality"]) >= {"score", "flags", "offtopic"}


def test_analyze_keep_text_offsets_refer_to_the_input(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    data = json.loads(run("analyze", path, "--keep-text").output)
    assert data["article"]["text"] == ARTICLE


def test_analyze_jsonl_answers_one_line_per_input_line_in_order(run, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "Peru and Chile signed a trade pact.", "id": "first"}) + "\n"
        + "{broken\n"
        + json.dumps({"text": "Kenya recalled its envoy.", "id": "third"}) + "\n"
    )
    result = run("analyze", path)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("article", {}).get("id") for line in lines] == ["first", None, "third"]
    assert "error" in lines[1] and lines[1]["origin"].endswith("feed.jsonl:2")
    assert result.exit_code == 1


def test_analyze_published_option(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The ministers met on Friday.")
    data = json.loads(run("analyze", path, "--published", "2016-05-07").output)
    assert data["article"]["published"] == "2016-05-07"
    bad = run("analyze", path, "--published", "someday")
    assert bad.exit_code == 2 and "not a date" in bad.stderr


def test_errors_are_one_line_without_traceback(run, tmp_path):
    missing = run("analyze", tmp_path / "nope.txt")
    assert missing.exit_code == 1
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    no_db = run("articles", "--db", tmp_path / "none.db")
    assert no_db.exit_code == 1 and "no such database" in no_db.stderr
    (tmp_path / "junk.db").write_text("not a database at all" * 50)
    junk = run("articles", "--db", tmp_path / "junk.db")
    assert junk.exit_code == 1 and "not a usable storyline database" in junk.stderr


def test_ingest_summary_lists_each_skipped_input_and_goes_on(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "empty.txt").write_text("")
    (folder / "bin.txt").write_bytes(b"\x00\x01" * 40)
    (folder / "feed.jsonl").write_text('{"text": "Chile and Peru met."}\nnot json\n')
    db = tmp_path / "s.db"
    result = run("ingest", folder, "--db", db, "-q")
    assert result.exit_code == 0
    assert "read 5, new 2, duplicate 0, skipped 3" in result.stderr
    assert "empty file" in result.stderr and "binary file" in result.stderr
    assert "feed.jsonl:2: malformed JSON line" in result.stderr
    again = run("ingest", folder / "good.txt", "--db", db, "-q")
    assert "new 0, duplicate 1" in again.stderr


def test_ingest_from_stdin_and_with_workers(run, tmp_path):
    db = tmp_path / "s.db"
    piped = run("ingest", "-", "--db", db, "-q", input=ARTICLE)
    assert "new 1" in piped.stderr
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(ARTICLE.replace("Wednesday", f"day {n}"))
    parallel = run("ingest", folder, "--db", db, "--workers", "2", "-q")
    assert parallel.exit_code == 0 and "new 3" in parallel.stderr


def test_articles_show_export_and_reprocess(run, tmp_path):
    db = tmp_path / "s.db"
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    run("ingest", path, "--db", db, "-q")
    listing = run("articles", "--db", db, "--format", "json")
    [row] = json.loads(listing.output)
    assert row["title"] == "Grain corridor reopens"
    shown = json.loads(run("show", row["id"], "--db", db).output)
    assert shown["article"]["text"].startswith("Turkey and Ukraine agreed")
    assert run("show", "0000000000", "--db", db).exit_code == 1
    as_csv = list(csv.DictReader(io.StringIO(run("export", "articles", "--db", db,
                                                 "--format", "csv").output)))
    assert as_csv[0]["id"] == row["id"]
    out = tmp_path / "articles.jsonl"
    assert run("export", "articles", "--db", db, "-o", out).exit_code == 0
    assert json.loads(out.read_text().splitlines()[0])["title"] == "Grain corridor reopens"
    parquet = tmp_path / "articles.parquet"
    assert run("export", "articles", "--db", db, "--format", "parquet", "-o", parquet).exit_code == 0
    assert parquet.stat().st_size > 0
    assert "reprocessed 1 article" in run("reprocess", "--db", db, "-q").stderr


def test_a_huge_text_file_is_cut_with_a_warning_not_a_crash(run, tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = "Officials in {n} said the bridge would reopen after repairs to its deck. "
    with path.open("w") as handle:
        for n in range(400_000):  # about 30 MB of distinct sentences
            handle.write(paragraph.format(n=n) + ("\n\n" if n % 5 == 4 else ""))
    from storyline import annotate
    from storyline.pipeline import prepare
    from storyline.read import read

    [doc] = list(read([str(path)]))
    prepared = prepare(doc)
    assert len(prepared.article.text) <= annotate.MAX_CHARS
    assert any("cut" in w for w in prepared.article.warnings)
    assert len(doc.content) > 25_000_000  # the raw input is kept whole for the store


def test_quotes_lists_sayings_and_views_on_request(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Port talks\nMay 2, 2022\n\n"
        "The harbour minister said the port would reopen on Monday.\n\n"
        "The union wants a pay rise before the port reopens.\n"
    )
    db = tmp_path / "s.db"
    run("ingest", path, "--db", db, "-q")
    said = json.loads(run("quotes", "--db", db, "--format", "json").output)
    assert [q["content"] for q in said] == ["the port would reopen on Monday"]
    assert said[0]["cue_kind"] == "speech"
    views = json.loads(run("quotes", "--db", db, "--views", "--format", "json").output)
    assert len(views) > len(said)
    assert {q["cue_kind"] for q in views} - {"speech"}


def test_story_commands_answer_in_the_json_shapes_of_design(run, tmp_path):
    db = tmp_path / "s.db"
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    run("ingest", path, "--db", db, "-q")
    [story] = json.loads(run("stories", "--db", db, "--format", "json").output)
    assert list(story) == ["id", "title", "article_ids", "actors", "issues", "start", "end"]
    detail = json.loads(run("story", story["id"][:5], "--db", db, "--format", "json").output)
    assert detail["id"] == story["id"] and {"articles", "actor_names", "events"} <= set(detail)
    entries = json.loads(run("timeline", "--db", db, "--format", "json").output)
    assert entries and set(entries[0]) >= {"date", "start", "end", "precision", "text",
                                           "status", "event_ids", "sources"}
    assert set(entries[0]["sources"][0]) == {"article_id", "source", "url"}
    assert json.loads(run("timeline", story["id"], "--db", db, "--format", "json").output) \
        == entries  # one story holds every article
    stances = json.loads(run("stances", "--db", db, "--format", "json").output)
    assert isinstance(stances, list)
    for h in stances:
        assert set(h) == {"actor", "actor_name", "issue", "history"}
        assert all(set(i) >= {"date", "position", "article_id", "changed"} for i in h["history"])
    missing = run("timeline", "s-nothing", "--db", db)
    assert missing.exit_code == 1 and "no story 's-nothing'" in missing.stderr
