"""Reading inputs: every kind of file, and every kind of bad file, without stopping a batch."""

from __future__ import annotations

import gzip
import importlib
import io
import json
import os

import pytest

from storyline.read import Document, Skipped, read

# `storyline.read` the attribute is the public function; the module is in sys.modules.
read_module = importlib.import_module("storyline.read")


def _items(*paths):
    return list(read([str(p) for p in paths]))


def test_reads_text_html_and_jsonl_files(tmp_path):
    (tmp_path / "a.txt").write_text("A plain article about trade talks.\n")
    (tmp_path / "b.html").write_text("<html><body><p>An HTML article.</p></body></html>")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": "First story.", "id": 7, "url": "http://x/1"}) + "\n"
        + json.dumps({"html": "<p>Second story.</p>", "authors": "Ann Lee"}) + "\n"
    )
    items = _items(tmp_path)
    kinds = sorted((i.kind, i.meta.get("id", "")) for i in items if isinstance(i, Document))
    assert kinds == [("html", ""), ("html", ""), ("text", ""), ("text", "7")]
    jsonl_html = next(i for i in items if i.origin.endswith("c.jsonl:2"))
    assert jsonl_html.meta["authors"] == ["Ann Lee"]


def test_gzip_of_each_kind_is_read(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Compressed text article."))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Compressed line."}\n'))
    docs = [i for i in _items(tmp_path) if isinstance(i, Document)]
    assert sorted(d.content for d in docs) == ["Compressed line.", "Compressed text article."]


def test_corrupt_gzip_is_skipped_with_reason(tmp_path):
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    [item] = _items(tmp_path / "bad.txt.gz")
    assert isinstance(item, Skipped) and "cannot read" in item.reason


def test_empty_and_binary_files_are_skipped(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    reasons = sorted(i.reason for i in _items(tmp_path))
    assert reasons == ["binary file (NUL bytes), not text", "empty file"]


def test_invalid_utf8_is_replaced_and_flagged(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 talks resumed.".encode("latin-1"))
    [doc] = _items(tmp_path / "latin.txt")
    assert isinstance(doc, Document)
    assert "\ufffd" in doc.content
    assert doc.warnings and "invalid UTF-8" in doc.warnings[0]


def test_malformed_jsonl_line_is_reported_with_its_number_and_others_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "one"}\n{"text": "two"\n[1, 2]\n{"title": "no text"}\n{"text": "five"}\n')
    items = _items(path)
    assert [i.content for i in items if isinstance(i, Document)] == ["one", "five"]
    skipped = {i.origin.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, Skipped)}
    assert set(skipped) == {"2", "3", "4"}
    assert "malformed JSON" in skipped["2"]
    assert "not an object" in skipped["3"]
    assert "no \"text\" or \"html\"" in skipped["4"]


def test_missing_path_and_unmatched_glob_are_skipped(tmp_path):
    reasons = [i.reason for i in _items(tmp_path / "nope.txt", tmp_path / "*.none")]
    assert reasons == ["no such file or directory", "no file matches this pattern"]


def test_unreadable_path_is_skipped(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    [item] = _items(link)
    assert isinstance(item, Skipped) and item.reason.startswith("cannot read")


def test_unknown_extension_named_directly_is_an_error_but_quiet_in_a_directory(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    [direct] = _items(tmp_path / "notes.pdf")
    [walked] = _items(tmp_path)
    assert direct.error and not walked.error
    assert "extension .pdf" in walked.reason


def test_globs_and_stdin(tmp_path):
    (tmp_path / "x.txt").write_text("From a glob.")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "y.txt").write_text("Nested in a glob.")
    globbed = list(read([str(tmp_path / "**" / "*.txt")]))
    assert sorted(d.content for d in globbed) == ["From a glob.", "Nested in a glob."]
    [piped] = list(read(["-"], stdin=io.BytesIO(b"Piped article text.")))
    assert isinstance(piped, Document) and piped.origin == "<stdin>" and piped.kind == "text"
    [html] = list(read(["-"], stdin=io.BytesIO(b"<!doctype html><p>Piped page.</p>")))
    assert html.kind == "html"


def test_directories_are_streamed_not_listed_first(tmp_path, monkeypatch):
    for n in range(500):
        (tmp_path / f"{n:04d}.txt").write_text(f"Tiny article {n}.")
    calls = []
    real = read_module.read_file

    def counting(path, quiet_unknown=False):
        calls.append(path)
        return real(path, quiet_unknown)

    monkeypatch.setattr(read_module, "read_file", counting)
    stream = read([str(tmp_path)])
    first = next(stream)
    assert isinstance(first, Document)
    assert len(calls) == 1  # one file opened so far, not the whole directory
    assert sum(1 for _ in stream) == 499


def test_raw_round_trip_keeps_content_and_metadata():
    doc = Document("f.jsonl:3", "html", "<p>x</p>", {"url": "http://a/b", "authors": ["A"]})
    back = Document.from_raw("f.jsonl:3", doc.raw())
    assert (back.kind, back.content, back.meta) == ("html", "<p>x</p>", doc.meta)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_permission_is_skipped(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    [item] = _items(path)
    assert isinstance(item, Skipped) and "permission" in item.reason
