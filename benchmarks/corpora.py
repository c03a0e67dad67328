"""Readers for the development corpora in ../shared/data (never copied into the project).

Each reader yields plain dicts with the article's text exactly as the benchmarks analyse it,
so that character offsets stored in gold files refer to the same string every time.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ._shared import DATA

_REUTERS = re.compile(r"<REUTERS\b(?P<attrs>[^>]*)>(?P<body>.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _tag(name: str, sgml: str) -> str | None:
    m = re.search(rf"<{name}>(.*?)</{name}>", sgml, re.S)
    return _CONTROL.sub("", html.unescape(m.group(1))).strip() if m else None


def reuters(limit: int | None = None, root: Path | None = None) -> Iterator[dict]:
    """Reuters-21578 stories with a body: {id, title, published, text, dateline}.

    The body keeps the wire's line breaks; `&#N;` control entities are dropped and the
    trailing "Reuter" sign-off is left in place (it is part of the story as distributed).
    """
    root = root or DATA / "reuters21578"
    count = 0
    for path in sorted(root.glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for m in _REUTERS.finditer(raw):
            body = _tag("BODY", m.group("body"))
            if not body:
                continue
            newid = _NEWID.search(m.group("attrs"))
            date = _tag("DATE", m.group("body")) or ""
            try:
                # " 2-MAR-1987 03:56:09.65": drop the hundredths, the day may have one digit
                published = datetime.strptime(
                    date.split(".")[0].strip(), "%d-%b-%Y %H:%M:%S"
                ).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            except ValueError:
                published = None
            yield {
                "id": f"reuters-{newid.group(1) if newid else count}",
                "title": _tag("TITLE", m.group("body")),
                "dateline": _tag("DATELINE", m.group("body")),
                "published": published,
                "text": body,
            }
            count += 1
            if limit is not None and count >= limit:
                return


def timeline17_topics(root: Path | None = None) -> list[Path]:
    root = root or DATA / "timeline17"
    return sorted(p for p in root.iterdir() if (p / "articles.json").exists())


_PTB = [
    (re.compile(r"-LRB-"), "("),
    (re.compile(r"-RRB-"), ")"),
    (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"),
    (re.compile(r"-LCB-"), "{"),
    (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``|''"), '"'),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r" ([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
]


def detokenize(text: str) -> str:
    """Undo the Penn-Treebank tokenisation of Timeline17 texts (approximately)."""
    for pattern, repl in _PTB:
        text = pattern.sub(repl, text)
    return text


def timeline17(topic: Path) -> tuple[list[dict], list[tuple[Path, list[dict]]]]:
    """A topic's articles {id, published, text} and its gold timelines [(path, [{date, text}])]."""
    articles = [
        {"id": a["uid"], "published": a["dct"][:10], "text": detokenize(a["text"])}
        for a in json.loads((topic / "articles.json").read_text())
    ]
    timelines = [(p, json.loads(p.read_text())) for p in sorted(topic.glob("*.timeline.json"))]
    return articles, timelines


def polnear(split: str = "dev", root: Path | None = None) -> Iterator[tuple[str, str, list[Path]]]:
    """PolNeAR articles of `split`: (name, text, [annotation files for that article])."""
    root = (root or DATA / "polnear") / split
    anns: dict[str, list[Path]] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    for txt in sorted((root / "text").glob("*.txt")):
        yield txt.stem, txt.read_text(encoding="utf-8"), anns.get(txt.stem, [])
