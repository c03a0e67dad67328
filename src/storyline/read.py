"""Read: turn paths (files, directories, globs, `-`) into documents, streaming.

A document is one article's raw input (text or HTML) with whatever metadata came with it.
Anything that cannot be read becomes a `Skipped` with a one-line reason instead of an
exception, so one bad file never stops a batch.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
META_FIELDS = ("id", "url", "title", "published", "source", "authors")
SNIFF_BYTES = 8192


@dataclass(slots=True)
class Document:
    """One article as read: `content` is text or HTML according to `kind`."""

    origin: str  # path, or path:line for JSONL
    kind: str  # "text" | "html"
    content: str
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def raw(self) -> bytes:
        """The input as stored: its content and metadata, compressed, for `reprocess`."""
        payload = {"kind": self.kind, "content": self.content, "meta": self.meta}
        return zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 6)

    @classmethod
    def from_raw(cls, origin: str, blob: bytes) -> Document:
        payload = json.loads(zlib.decompress(blob).decode("utf-8"))
        return cls(origin, payload["kind"], payload["content"], payload.get("meta") or {})


@dataclass(slots=True)
class Skipped:
    origin: str
    reason: str
    error: bool = True  # False for files that are simply not articles (unknown extension)

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


Item = Document | Skipped


def kind_of(name: str) -> tuple[str | None, bool]:
    """(kind, gzipped) from a file name, kind None when the extension is not ours."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return KINDS.get(os.path.splitext(lower)[1]), gz


def read(paths: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield a Document or Skipped for every article found under `paths`, lazily."""
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_bytes("<stdin>", stream.read(), None)
        elif os.path.isdir(path):
            yield from _walk(path)
        elif os.path.exists(path) or os.path.islink(path):
            yield from read_file(path)
        elif glob.has_magic(path):
            matched = False
            for hit in glob.iglob(path, recursive=True):
                matched = True
                yield from (_walk(hit) if os.path.isdir(hit) else read_file(hit))
            if not matched:
                yield Skipped(path, "no file matches this pattern")
        else:
            yield Skipped(path, "no such file or directory")


def _walk(top: str) -> Iterator[Item]:
    """Files under `top`, depth first; a directory is iterated, never listed into memory."""
    stack = [top]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as entries:
                subdirs = []
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            subdirs.append(entry.path)
                        elif entry.is_file():
                            if entry.name.startswith("."):
                                continue
                            yield from read_file(entry.path, quiet_unknown=True)
                    except OSError as exc:
                        yield Skipped(entry.path, _os_reason(exc))
                stack.extend(reversed(subdirs))
        except OSError as exc:
            yield Skipped(directory, _os_reason(exc))


def read_file(path: str, quiet_unknown: bool = False) -> Iterator[Item]:
    kind, gz = kind_of(path)
    if kind is None:
        ext = os.path.splitext(path)[1] or "(none)"
        yield Skipped(path, f"not an article file (extension {ext})", error=not quiet_unknown)
        return
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        if gz:
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        yield Skipped(path, _os_reason(exc))
        return
    yield from _read_bytes(path, data, kind)


def _read_bytes(origin: str, data: bytes, kind: str | None) -> Iterator[Item]:
    if data[:2] == b"\x1f\x8b":  # gzip on stdin or under a plain name
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Skipped(origin, f"corrupt gzip data ({exc})")
            return
    if not data.strip():
        yield Skipped(origin, "empty file")
        return
    if b"\x00" in data[:SNIFF_BYTES]:
        yield Skipped(origin, "binary file (NUL bytes), not text")
        return
    text, warnings = decode(data)
    kind = kind or _sniff(text)
    if kind == "jsonl":
        yield from _read_jsonl(origin, text, warnings)
    else:
        yield Document(origin, kind, text, {}, warnings)


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); invalid bytes are replaced and the article is flagged."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return data.decode("utf-8-sig", errors="replace"), [
            f"invalid UTF-8 at byte {exc.start}: undecodable bytes replaced with U+FFFD"
        ]


def _sniff(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<") and ("<html" in head or "<!doctype" in head or "<body" in head
                                 or "<p" in head or "<div" in head):
        return "html"
    return "text"


def _read_jsonl(origin: str, text: str, warnings: list[str]) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"malformed JSON line ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "JSON line is not an object")
            continue
        content, kind = record.get("text"), "text"
        if not (isinstance(content, str) and content.strip()):
            content, kind = record.get("html"), "html"
        if not (isinstance(content, str) and content.strip()):
            yield Skipped(where, 'JSON line has no "text" or "html" string')
            continue
        meta = {k: record[k] for k in META_FIELDS if record.get(k) not in (None, "", [])}
        if isinstance(meta.get("authors"), str):
            meta["authors"] = [meta["authors"]]
        if "id" in meta:
            meta["id"] = str(meta["id"])
        yield Document(where, kind, content, meta, list(warnings))


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read ({exc.strerror.lower()})"
    return f"cannot read ({exc})"

