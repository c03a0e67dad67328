"""Our cleaner for text that was extracted from a page but still carries its furniture.

It works on lines and sentences, never on the whole text at once, so its cost grows
linearly with the input. Every piece it removes is kept as a `Removed` with its reason;
the metadata found in the header lines (title, date, byline) and credit lines (publisher)
is returned beside the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources

from ..records import Removed
from ..text import WORD, sentences, stem, stopwords, terms, words

HEAD_LINES = 8  # title, byline, date and captions sit above the first body paragraph
MAX_FURNITURE_CHARS = 200  # page furniture is short; long lines are always prose
NEAR_DUP_WINDOW = 2  # sentences compared with this many neighbours on each side
NEAR_DUP_SHARE = 0.7  # share of the shorter sentence's content words found in the longer
NEAR_DUP_MIN_WORDS = 5


@dataclass(slots=True)
class Cleaned:
    text: str
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    dateline: str | None = None


@dataclass(slots=True, frozen=True)
class Pattern:
    reason: str
    scope: str  # "any" | "head"
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    text = resources.files(__package__).joinpath("boilerplate.txt").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        reason, scope, regex = line.split("\t", 2)
        out.append(Pattern(reason, scope, re.compile(regex, re.IGNORECASE)))
    return tuple(out)


# --- dates --------------------------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_MONTH2 = _MONTH.replace("month", "month2")
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_PREFIX = r"(?:(?:published|posted|updated|last updated|first published|date)(?:\s+on)?\s*:?\s*)?"
_DATE_LINE = re.compile(
    rf"^{_PREFIX}{_WEEKDAY}(?:"
    rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH2},?\s+(?P<year2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?:[T ](?P<isotime>\d{{2}}:\d{{2}}))?"
    rf"){_TIME}\s*$",
    re.IGNORECASE,
)


def parse_date(line: str) -> str | None:
    """'May 7, 2016, 8:13 pm' -> '2016-05-07T20:13'; a line that is not only a date -> None."""
    m = _DATE_LINE.match(line.strip())
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["iso"]:
            day = datetime.strptime(g["iso"], "%Y-%m-%d")
            if g["isotime"]:
                return f"{day:%Y-%m-%d}T{g['isotime']}"
        else:
            month = _MONTHS[(g["month"] or g["month2"]).lower().rstrip(".")]
            day = datetime(int(g["year"] or g["year2"]), month, int(g["day"] or g["day2"]))
    except (ValueError, KeyError):
        return None  # "February 30" is not a date
    if g["hour"] is None:
        return f"{day:%Y-%m-%d}"
    hour, minute = int(g["hour"]), int(g["minute"])
    ampm = (g["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return f"{day:%Y-%m-%d}"
    return f"{day:%Y-%m-%d}T{hour:02d}:{minute:02d}"


# --- lines ----------------------------------------------------------------------------------

_NAME_LINE = re.compile(r"^[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|al|bin|da|del)){1,3}$")
_CAPTION_CREDIT = re.compile(
    r"\s*[\[(](?:(?:photo|image|picture|file)(?: credit)?\s*:?\s*)?[A-Z][\w .&/'’-]{1,60}[\])]\s*$"
)
_DATELINE = re.compile(
    r"^(?P<dateline>(?-i:[A-Z][A-Z .'’-]{1,40}[A-Z]\.?)(?:,\s*[A-Z][\w .]{1,30})?"
    r"(?:,\s*\w{3,9}\.?\s+\d{1,2})?\s*(?:\((?P<source>[A-Z][\w .]{1,30})\))?)\s*(?:-|–|—)\s+"
)


def _match_furniture(line: str, in_head: bool) -> tuple[Pattern, re.Match[str]] | None:
    if len(line) > MAX_FURNITURE_CHARS:
        return None
    for pattern in patterns():
        if pattern.scope == "head" and not in_head:
            continue
        m = pattern.regex.fullmatch(line)
        if m:
            return pattern, m
    return None


def _normal(line: str) -> str:
    return " ".join(line.split()).casefold()


def clean_text(raw: str, keep_text: bool = False, header: bool = True) -> Cleaned:
    """Split `raw` into body and furniture; with keep_text the body is `raw` unchanged.

    `header=False` is for text whose metadata came from elsewhere (HTML): no title or date
    is taken from its first lines.
    """
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = Cleaned(text="")
    removed: list[Removed] = []
    keep: list[str] = []

    counts: dict[str, int] = {}
    for line in lines:
        if len(line.split()) >= 5:
            key = _normal(line)
            counts[key] = counts.get(key, 0) + 1
    seen_repeats: set[str] = set()

    nonempty = 0
    in_head = header
    for line in lines:
        if not line:
            continue
        nonempty += 1
        if in_head and nonempty > HEAD_LINES:
            in_head = False
        furniture = _match_furniture(line, in_head)
        if furniture:
            pattern, m = furniture
            groups = m.groupdict()
            if groups.get("source") and not out.source:
                out.source = groups["source"].strip()
            if groups.get("author"):
                out.authors.extend(a.strip() for a in re.split(r",? (?:and|&) ", groups["author"]))
            removed.append(Removed(line, pattern.reason))
            continue
        key = _normal(line)
        if counts.get(key, 0) > 1:
            if key in seen_repeats:
                is_caption = bool(_CAPTION_CREDIT.search(line))
                removed.append(Removed(line, "repeated photo caption" if is_caption else
                                       "repeated line"))
                continue
            seen_repeats.add(key)
            credit = _CAPTION_CREDIT.search(line)
            if credit:
                removed.append(Removed(credit.group().strip(), "photo credit"))
                line = line[: credit.start()].rstrip()
            keep.append(line)
            continue
        if in_head:
            date = parse_date(line)
            if date and not out.published:
                out.published = date
                removed.append(Removed(line, "publication date (moved to metadata)"))
                continue
            if out.title is None and len(line.split()) <= 30 and not line.endswith((".", ":")):
                out.title = line
                removed.append(Removed(line, "title (moved to metadata)"))
                continue
            if out.title is not None and not out.authors and _NAME_LINE.match(line):
                out.authors.append(line)
                removed.append(Removed(line, "byline (moved to metadata)"))
                continue
            if len(line.split()) >= 12:
                in_head = False
        keep.append(line)

    dateline = _DATELINE.match(keep[0]) if keep else None
    if dateline and len(keep[0]) > dateline.end() + 40:
        out.dateline = dateline.group("dateline").strip(" -–—")
        if dateline.group("source") and not out.source:
            out.source = dateline.group("source")
        removed.append(Removed(dateline.group(), "dateline (moved to metadata)"))
        keep[0] = keep[0][dateline.end():]

    paragraphs = _drop_repeated_sentences(keep, removed)
    out.removed = removed
    out.text = raw if keep_text else "\n\n".join(paragraphs)
    if keep_text:
        out.removed = []
    return out


# --- sentences ------------------------------------------------------------------------------

_NEGATIONS = frozenset({"not", "no", "never", "nor"})  # function words that flip a sentence


def _content_words(sentence: str) -> set[str]:
    """Stemmed content terms, with negations kept: "had not changed" is not "had changed"."""
    return set(terms(sentence)) | (_NEGATIONS & set(words(sentence)))


def _names(sentence: str) -> set[str]:
    """Capitalised words that are not function words: a paraphrase names the same people
    and places ("But" opening a sentence is no name, "Chile" is)."""
    stop = stopwords()
    return {stem(w) for w in WORD.findall(sentence) if w[:1].isupper() and w.lower() not in stop}


def _split_sentences(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in sentences(paragraph)]


def _drop_repeated_sentences(paragraphs: list[str], removed: list[Removed]) -> list[str]:
    """Remove sentences repeated exactly anywhere, or nearly within a few sentences."""
    found = [(p, s) for p, para in enumerate(paragraphs) for s in _split_sentences(para)]
    content = [_content_words(s) for _, s in found]
    names = [_names(s) for _, s in found]
    drop: dict[int, str] = {}
    seen: set[str] = set()
    for i, (_, sentence) in enumerate(found):
        key = _normal(sentence)
        if len(key) > 20 and key in seen:
            drop[i] = "repeated sentence"
        seen.add(key)
    for i in range(len(found)):
        if i in drop or len(content[i]) < NEAR_DUP_MIN_WORDS:
            continue
        for j in range(max(0, i - NEAR_DUP_WINDOW), min(len(found), i + NEAR_DUP_WINDOW + 1)):
            if j == i or j in drop or len(content[j]) < len(content[i]):
                continue
            if len(content[j]) == len(content[i]) and j > i:
                continue  # of two equally long near-copies the later one goes
            if (len(content[i] & content[j]) >= NEAR_DUP_SHARE * len(content[i])
                    and names[i] <= names[j]):
                drop[i] = "near-duplicate of a neighbouring sentence"
                break
    if not drop:
        return paragraphs
    rebuilt: dict[int, list[str]] = {p: [] for p in range(len(paragraphs))}
    for i, (p, sentence) in enumerate(found):
        if i in drop:
            removed.append(Removed(sentence, drop[i]))
        else:
            rebuilt[p].append(sentence)
    touched = {found[i][0] for i in drop}
    # Paragraphs without a removal keep their exact text; the others are re-joined.
    return [
        " ".join(rebuilt[p]) if p in touched else para
        for p, para in enumerate(paragraphs)
        if p not in touched or rebuilt[p]
    ]
