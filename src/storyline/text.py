"""Sentences and content terms from plain text, without a parser.

The cleaner runs before spaCy and the cross-article stage after its docs are gone, so both
find sentence bounds and terms here, with bounded, linear-time rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
MAX_SENTENCE = 1500  # longer "sentences" (tables, lists) are cut into pieces of this size

# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and an opening
# quote, bracket, digit or capital; a blank line always ends one.
_END = re.compile(r"[.!?][\"'”’)\]]{0,3}\s+(?=[\"'“‘(\[]{0,2}[A-Z0-9])|\n\s*\n")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|Jr|Sr|No|Inc|Corp|Co|Ltd|"
    r"U\.S|U\.K|U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs)|\b[A-Z])\.$"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{1,30}")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of `text` (stripped of surrounding space)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        cut = m.start() + 1 if text[m.start()] in ".!?" else m.start()
        while cut < len(text) and text[cut] in "\"'”’)]":
            cut += 1
        before = text[max(start, m.start() - 6): m.start() + 1]
        if text[m.start()] == "." and _ABBREV.search(before):
            continue
        _add(spans, text, start, cut)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut + 1
    if end > start:
        spans.append((start, end))


def stem(word: str) -> str:
    """A crude, fast suffix stripper: enough to let "islands" meet "island"."""
    return _stem(word.lower())


@lru_cache(maxsize=200_000)
def _stem(w: str) -> str:
    w = w.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def terms(text: str) -> list[str]:
    """Content terms of a text, in order: stemmed words that are not function words."""
    stop = stopwords()
    out = []
    for m in WORD.finditer(text):
        w = _stem(m.group().lower())
        if len(w) > 2 and w not in stop:
            out.append(w)
    return out


def term_counts(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms(text))
    return counts


def words(text: str) -> list[str]:
    """Lower-cased words (function words included), for duplicate detection."""
    return [m.group().lower() for m in WORD.finditer(text)]
