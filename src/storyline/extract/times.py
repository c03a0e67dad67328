"""Temporal expressions: recognition, TIMEX3 normalisation, and the one dating function.

Candidates come from a few precompiled patterns (built from the lexicons in ``data/time_*``)
run once over the text; spaCy tokens then veto false readings ("may" the verb, "March" the
protest, Theresa May) and give the tense of the governing verb, which decides the direction
of relative expressions: "on Friday" in a past clause is the Friday before publication,
"in June" of something that will happen is the coming June.

Precisions of interval(): day, week, weekend, month, season, quarter, half (H1/H2 of a
company's year, kept as such rather than rounded to two quarters), year, decade, century.

>>> [t.value for t in find_times(nlp("Talks were held on Friday."), "2016-05-07")]
['2016-05-06']
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import EventDate, Time

_DATA = Path(__file__).with_name("data")

# A span longer than this is not one temporal expression; it bounds every candidate.
_MAX_EXPR_CHARS = 80


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int | None]
    units: dict[str, tuple[str, int, bool]]  # singular -> (code, multiplier, clock)
    unit_forms: dict[str, str]  # singular or plural form -> singular
    sets: dict[str, str]
    seasons: dict[str, tuple[str, int]]
    parts: dict[str, str]
    refs: dict[str, str]
    holidays: dict[str, str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    units = {r[0]: (r[1], int(r[2]), r[3] == "1") for r in _rows("time_units.tsv")}
    irregular = {"century": "centuries", "millennium": "millennia"}
    forms = {}
    for unit in units:
        forms[unit] = unit
        forms[irregular.get(unit, unit + "s")] = unit
    return _Lexicon(
        months={r[0].lower(): int(r[1]) for r in _rows("time_months.tsv")},
        weekdays={r[0].lower(): int(r[1]) for r in _rows("time_weekdays.tsv")},
        numbers={r[0]: (None if r[1] == "X" else int(r[1])) for r in _rows("time_numbers.tsv")},
        units=units,
        unit_forms=forms,
        sets={r[0]: r[1] for r in _rows("time_sets.tsv")},
        seasons={r[0]: (r[1], int(r[2])) for r in _rows("time_seasons.tsv")},
        parts={r[0]: r[1] for r in _rows("time_parts.tsv")},
        refs={r[0]: r[1] for r in _rows("time_refs.tsv")},
        holidays={r[0].lower(): r[1] for r in _rows("time_holidays.tsv")},
    )


def _alt(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


def _cased(words: list[str]) -> str:
    """Case-sensitive alternation of Capitalised and UPPER forms (names of months and days)."""
    forms = [w.capitalize() for w in words] + [w.upper() for w in words]
    return f"(?-i:{_alt(forms)})"


_APPROX = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "some": "APPROX", "close to": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "just over": "MORE_THAN", "just under": "LESS_THAN",
}  # fmt: skip
_PRE_MOD = {
    "early": "START", "beginning of": "START", "start of": "START", "mid": "MID",
    "middle of": "MID", "late": "END", "end of": "END", "close of": "END",
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "final": 4, "last": 4,
}  # fmt: skip
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
# Years read aloud, as broadcast transcripts write them: "nineteen ninety-six", "nineteen
# oh five", "the year two thousand", "two thousand and one".
_SPELLED_YEAR = (
    rf"(?:eighteen|nineteen)[\s-]+(?:(?:{_TENS})(?:[\s-](?:{_ONES}))?|{_TEENS}|"
    rf"(?:oh|o)[\s-](?:{_ONES})|hundred)(?![\w-])"
    rf"|two\s+thousand(?:(?:\s+and)?[\s-]+(?:{_TEENS}|{_ONES}))?(?![\w-])"
)
# Words before "year" or "period" in company reports that name the period reported on
# ("the latest period", "the year-ago period", "the full year", "the current fiscal year").
_FIN_MODS = (
    r"latest|current|full|fiscal|calendar|comparable|corresponding|same|year-earlier|year-ago|"
    r"year\s+earlier|most\s+recent"
)
# "the quarter ended Sept. 30": the date a reporting period ended, just after its name.
_ENDED = re.compile(
    r"\s*,?\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to\s+end)\s+(?P<mon>[A-Z][a-z]{2,8})\.?"
    r"\s+(?P<d>[0-3]?\d)\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
)
_TIMEZONES = "GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|MSK|JST|IST|AEST|HKT"


@dataclass(frozen=True, slots=True)
class _Patterns:
    items: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lx = _lexicon()
    longest: dict[int, str] = {}
    for name, n in lx.months.items():
        if len(name) > len(longest.get(n, "")):
            longest[n] = name
    full_months = list(longest.values())
    abbr_months = [m for m in lx.months if m not in full_months]
    month = rf"(?:{_cased(full_months)}|{_cased(abbr_months)}\.?)(?![A-Za-z])"
    full_days = [d for d in lx.weekdays if d.endswith("day")]
    abbr_days = [d for d in lx.weekdays if not d.endswith("day")]
    weekday = rf"(?:{_cased(full_days)}|{_cased(abbr_days)}\.)(?![A-Za-z])"
    season = _alt(list(lx.seasons))
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    num = rf"(?:\d{{1,4}}(?:\.\d+)?|(?:{tens})[\s-](?:{ones})\b|{_alt(list(lx.numbers))})"
    units = _alt(list(lx.unit_forms))
    approx = _alt(list(_APPROX))
    pre = (
        r"(?:(?P<pre>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle|close)\s+of"
        r"(?:\s+the)?)[\s-]+)?"
    )
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    year = rf"(?P<year>(?:1[0-9]|20)\d\d(?![\d'’]|,\d|s\b)|{_SPELLED_YEAR})"
    yy = r"(?:'|’)(?P<yy>\d\d)(?![\d\w])"
    wd_prefix = rf"(?:(?P<wd>{weekday}),?\s+)?"
    parts = _alt([p for p in lx.parts if not p[0].isdigit() and ":" not in lx.parts[p]])
    holidays = _alt([r[0] for r in _rows("time_holidays.tsv")])
    rel_det = (
        r"this\s+coming|this\s+past|this|last|next|the\s+coming|coming|the\s+previous|previous|"
        r"the\s+following|following|the\s+current|current|the\s+same|that|the\s+next|the"
    )
    table: list[tuple[str, str]] = [
        ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<H>\d\d):(?P<M>\d\d))?\b"),
        (
            "numeric",
            r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d\d)(?![\d/-])",
        ),
        ("md", rf"\b{wd_prefix}{pre}{month}\s+(?:the\s+)?{day}(?:,?\s+(?:{year}|{yy}))?"),
        ("dm", rf"\b{wd_prefix}(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?"),
        (
            "month",
            rf"\b{pre}(?:(?P<det>this|last|next|that)\s+)?{month}(?:,?\s+(?:of\s+)?(?:{year}|{yy}))?",
        ),
        (
            "year",
            rf"(?<![\d$£€.,/])\b(?:{pre}|(?P<ty>the\s+year\s+)|(?P<fiscal>fiscal(?:\s+year)?\s+|FY\s?)|(?P<pp>pre|post)-)?{year}",
        ),
        (
            "decade",
            rf"\b(?:the\s+)?{pre}(?:(?P<dec>1\d\d|20\d)0(?:'?s)\b|(?:'|’)(?P<d2>\d)0s\b|(?P<dw>{_alt(list(_DECADE_WORDS))})\b)",
        ),
        (
            "century",
            rf"\b(?:the\s+)?{pre}(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(list(_ORDINALS))})[\s-]+century\b",
        ),
        (
            "season",
            rf"\b{pre}(?:(?P<det>this\s+past|this\s+coming|this|last|next|the|that|past|coming)\s+)?(?P<season>{season})(?:\s+(?:of\s+)?{year})?\b",
        ),
        (
            "quarter",
            rf"\b(?P<the>the\s+)?(?:(?P<mods>(?:(?:(?:this|last|next)\s+year(?:'s|’s)|year-earlier|year-ago|year\s+earlier|comparable|same|latest|current|previous|last|past|recent|this|next|{year}|calendar|fiscal)[\s-]+){{1,3}}))?(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?)?(?P<unit>quarter|half)(?![\w-])(?:\s+of\s+(?:fiscal\s+)?(?P<year2>(?:1[0-9]|20)\d\d)\b)?",
        ),
        ("qcode", r"\b(?:(?P<y1>(?:19|20)\d\d)\s+)?Q(?P<q>[1-4])(?:\s+(?P<y2>(?:19|20)\d\d))?\b"),
        ("end", r"\b(?:the\s+)?(?P<unit>year|month|week|quarter)(?:'s|’s|-|\s)\s*end\b"),
        (
            "fin",
            rf"\b(?:(?P<the>the\s+)(?P<mods>(?:(?:{_FIN_MODS}|(?P<fy>(?:19|20)\d\d))[\s-]+){{0,2}})(?P<unit>year|period)|(?P<ya>year-(?:earlier|ago)))(?![\w-])",
        ),
        (
            "rel",
            rf"\b(?:(?P<pre>earlier|later|early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+)?(?P<det>{rel_det})\s+(?P<unit>weekend|week|month|year|quarter|decade|century|day|{parts})(?P<pl>s)?\b",
        ),
        (
            "weekday",
            rf"\b(?:(?P<pre>early|late)\s+)?(?:(?P<det>last|next|this\s+coming|this\s+past|this|coming|past|the\s+previous|the\s+following)\s+)?(?P<wd>{weekday})(?:'s|’s)?(?:\s+(?P<part>{parts})(?P<pl>s)?)?",
        ),
        (
            "dayword",
            rf"\b(?:(?P<pre>early|late|later|earlier)\s+)?(?:(?P<twice>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))|(?P<w>today|tonight|yesterday|tomorrow))(?:\s+(?P<part>{parts}))?\b",
        ),
        (
            "part",
            rf"\b(?:(?P<det>this|last|in\s+the|early\s+in\s+the|late\s+in\s+the)\s+)?(?P<part>{_alt(list(lx.parts))})\b",
        ),
        (
            "clock",
            rf"(?<![\d:.$£€])(?:(?P<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?(?:\s*(?P<ap>[ap]\.\s?m\b\.?|[ap]m\b|o'clock\b|in\s+the\s+(?:morning|afternoon|evening))|(?=\s*(?:{_TIMEZONES})\b))(?:\s+(?P<tz>(?-i:{_TIMEZONES}))\b)?",
        ),
        (
            "ago",
            rf"\b(?:(?P<approx>{approx})\s+)?(?P<num>{num})[\s-]+(?P<unit>{units})(?:\s+and\s+a\s+half)?\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b",
        ),
        (
            "duration",
            rf"\b(?:(?P<approx>{approx})\s+(?!the\s))?(?:(?P<the>the\s+)?(?P<dir>past|last|next|first|final|coming|previous|following|recent|remaining|ensuing|latest)\s+)?(?:(?P<num>{num})(?P<half>\s+and\s+a\s+half|\s+1/2)?(?:\s+(?:or\s+so|more))?[\s-]+)?(?P<unit>{units})(?P<long>[\s-]long)?(?![\w-])(?!\s+old\b)",
        ),
        (
            "set",
            rf"\b(?:(?P<q>every|each|per)\s+(?:(?P<num>other|{num})\s+)?(?P<unit>{units}|weekend|{weekday}|{month}|{season})|(?P<freq>once|twice|thrice|{num}\s+times)\s+(?:a|an|per|every|each)\s+(?P<unit2>{units})|(?P<adv>{_alt(list(lx.sets))}))\b",
        ),
        ("ref", rf"\b(?P<ref>{_alt(list(lx.refs))})\b"),
        (
            "holiday",
            rf"\b(?:(?P<det>last|next|this|this\s+past|this\s+coming)\s+)?(?P<hol>(?-i:{holidays}))(?![\w'’-])(?P<wk>\s+week)?(?:,?\s+(?P<year>(?:1[0-9]|20)\d\d)\b)?",
        ),
    ]
    return _Patterns(tuple((kind, re.compile(rx, re.I)) for kind, rx in table))


# Which patterns win a tie between two candidates of the same length (earlier = stronger).
_PRIORITY = {
    kind: i
    for i, kind in enumerate(
        "iso numeric md dm ago end rel quarter fin qcode weekday dayword season month decade "
        "century year holiday clock set duration part ref".split()
    )
}

# Words before a bare month or year that make a calendar reading likely.
_TEMPORAL_PREV = frozenset(
    "in by since until till through throughout of from to during before after early late mid "
    "last next this each every between and or on for around as circa until 'til , -- – — "
    "fiscal year summer winter spring autumn fall".split()
)
_NAMED = {"iso", "numeric", "md", "dm", "month", "year"}
_DAY_LEVEL = {"iso", "numeric", "md", "dm", "weekday", "dayword", "holiday"}


@dataclass(slots=True)
class _Cand:
    kind: str
    start: int
    end: int
    m: re.Match[str]
    type: str = "DATE"
    value: str = ""
    mod: str | None = None
    clock: str | None = None  # "T20:13" / "TNI": the time-of-day part of a TIME


@dataclass(slots=True)
class _Context:
    doc: Any
    dct: date | None
    dct_clock: str | None
    reference: date | None = None  # the last day-level date mentioned
    reference_at: int = -1  # where it was mentioned
    named: str | None = None  # the last year, month or day named outright ("in 1988")
    quarter: tuple[int, int, int] | None = None  # (year, quarter, char offset) last mentioned
    cache: dict[int, int] = field(default_factory=dict)


def _parse_published(published: str | None) -> tuple[date | None, str | None]:
    if not published:
        return None, None
    m = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?", published)
    if not m:
        return None, None
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None, None
    clock = f"T{m.group(4)}:{m.group(5)}" if m.group(4) else None
    return day, clock


# ---------------------------------------------------------------- calendar arithmetic


def _day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _cyclic_year(
    dct: date, pos: int, now_pos: int, direction: int, strict: bool = False, cycle: int = 0
) -> int:
    """Year of a month/season/quarter at cycle position `pos`, seen from `now_pos` in dct's year.

    direction -1: the most recent one (at or before now, strictly before when `strict`);
    +1: the next one; 0: the nearest one when `cycle` (its length) is given, else this year's.
    """
    if direction == 0 and cycle and not strict:
        gap = pos - now_pos
        if gap > cycle // 2:
            return dct.year - 1
        if gap < -(cycle // 2):
            return dct.year + 1
    if direction < 0:
        return dct.year - 1 if pos > now_pos or (strict and pos == now_pos) else dct.year
    if direction > 0:
        return dct.year + 1 if pos < now_pos or (strict and pos == now_pos) else dct.year
    return dct.year


# ---------------------------------------------------------------- tense and direction


_STARTS_KEY = "storyline.times.token_starts"


def _token_span(doc: Any, start: int, end: int) -> Any:
    """Tokens covering chars [start, end); Doc.char_span scans the doc, this bisects."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None or len(starts) != len(doc):
        starts = [t.idx for t in doc]
        doc.user_data[_STARTS_KEY] = starts
    if not starts or end <= start:
        return None
    i = max(bisect_right(starts, start) - 1, 0)
    j = max(bisect_right(starts, end - 1) - 1, i)
    return doc[i : j + 1]


def _span(ctx: _Context, start: int, end: int) -> Any:
    return _token_span(ctx.doc, start, end)


def _direction(ctx: _Context, start: int, end: int) -> int:
    """-1 past, +1 future, 0 present or unknown: the tense of the verb governing a span."""
    if start in ctx.cache:
        return ctx.cache[start]
    span = _span(ctx, start, end)
    result = 0
    if span is not None and len(span):
        tok = span.root
        if tok.dep_ == "poss" or (tok.dep_ == "compound" and tok.head.pos_ == "NOUN"):
            # "Wednesday's ruling": the day of something named, not of the clause's verb
            ctx.cache[start] = 0
            return 0
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            result = _tense(tok)
            planned = tok.dep_ == "xcomp" and tok.head.lemma_ in _PLANNING
            if tok.lemma_ in _PLANNING and tok.dep_ != "acl" and span[0].i > tok.i:
                # "has scheduled a news conference Thursday"; "On Friday, it planned to..."
                # dates the planning, and "a service planned for Saturday" is a noun's
                planned = True
            if planned:
                result = 1  # what is planned or scheduled lies ahead of the planning
        before = [t.lower_ for t in ctx.doc[max(span[0].i - 3, 0) : span[0].i]]
        if before[-3:] in (["as", "soon", "as"], ["as", "early", "as"]) or before[-2:] == [
            "ahead",
            "of",
        ]:
            result = 0 if result < 0 else 1
        elif before and before[-1] == "since":
            result = -1  # "since Jan. 13": a start already passed
        elif before and before[-1] in _DEADLINE_CUES:
            # a deadline or payment date looks ahead of the clause that sets it: in a past
            # clause it may lie on either side of publication, elsewhere it is still to come
            result = 0 if result < 0 else 1
    ctx.cache[start] = result
    return result


_DEADLINE_CUES = frozenset(
    "until till payable due effective expire expires expiring starting beginning".split()
)
# Verbs whose object or complement is a plan: its date is after the planning.
_PLANNING = frozenset("plan schedule reschedule intend expect".split())
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would", "'d", "’d"})


def _tense(verb: Any) -> int:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return 1
    if "to" in words or any(a.lower_ == "going" for a in auxes):
        head = verb.head
        return 0 if head.i != verb.i and head.tag_ == "VBD" else 1
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return -1
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "’ve", "having"}:
        return -1
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return 1
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod"):
        return -1
    return 0


# ---------------------------------------------------------------- recognition


def _prev_word(doc: Any, start: int) -> str:
    span = _token_span(doc, start, start + 1)
    if span is None or not len(span) or span[0].i == 0:
        return ""
    return str(doc[span[0].i - 1].lower_)


def _token_at(doc: Any, start: int, end: int) -> Any:
    span = _token_span(doc, start, end)
    return span[0] if span is not None and len(span) else None


def _keep(doc: Any, kind: str, m: re.Match[str], text: str) -> bool:
    """Token-level vetoes of readings the patterns alone cannot rule out."""
    g = m.groupdict()
    if kind == "month" and not g.get("year") and not g.get("yy"):
        word = m.group(0).split()[-1].rstrip(".").lower()
        if len(word) <= 4 and word not in ("may", "june", "july") and not g.get("det"):
            return False  # bare abbreviations ("Mar", "Dec") are rarely months on their own
        tok = _token_at(doc, m.end() - len(m.group(0).split()[-1]), m.end())
        if tok is None or tok.tag_ == "MD" or tok.pos_ in ("VERB", "AUX"):
            return False
        if tok.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT"):
            return False
        if not (g.get("pre") or g.get("det")):
            prev = _prev_word(doc, m.start())
            return tok.ent_type_ == "DATE" or prev in _TEMPORAL_PREV
        return True
    if kind == "year" and not (g.get("pre") or g.get("fiscal") or g.get("pp") or g.get("ty")):
        tok = _token_at(doc, m.start("year"), m.end("year"))
        if tok is None:
            return False
        if not g["year"].isdigit():
            # a spoken year is a year only where a date is expected, never "two thousand men"
            last = _token_at(doc, m.end() - 1, m.end())
            nxt = doc[last.i + 1] if last is not None and last.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
                return False
            return tok.ent_type_ == "DATE" or _prev_word(doc, m.start()) in _TEMPORAL_PREV
        if tok.ent_type_ == "DATE":
            return True
        if tok.ent_type_ in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORG", "PRODUCT", "FAC"):
            return _prev_word(doc, m.start()) in _TEMPORAL_PREV and tok.ent_type_ == "CARDINAL"
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_.endswith("s"):
            return False  # "2000 troops"
        return _prev_word(doc, m.start()) in _TEMPORAL_PREV or 1900 <= _year_int(g["year"]) <= 2099
    if kind == "season" and not (g.get("det") or g.get("year") or g.get("pre")):
        if g["season"].lower() in ("fall", "spring"):
            return False
        return _prev_word(doc, m.start()) in _TEMPORAL_PREV
    if kind == "quarter":
        has_det = bool(g.get("the") or g.get("mods"))
        if not (g.get("ord") or has_det):
            return False
        if g["unit"].lower() == "half" and not g.get("ord"):
            return False
        follow = text[m.end() : m.end() + 4].lower()
        if not g.get("year2") and follow.startswith((" of", "-")):
            return False  # "a quarter of the vote", "the third-quarter-like"
        return not (g["unit"][0].isupper() and m.start("unit") > 0 and not g.get("ord"))
    if kind == "fin":
        if g.get("ya"):
            nxt = text[m.end() : m.end() + 12].lower()
            return not re.match(r"\s+(?:quarter|period|year|month|week)", nxt)
        mods = (g.get("mods") or "").strip()
        if g["unit"].lower() == "period":
            return bool(mods)
        if mods:
            return True
        if _ENDED.match(text, m.end()):
            return True
        # a bare "the year" is the report's year only where it frames figures
        prev = _prev_word(doc, m.start())
        after = text[m.end() : m.end() + 12]
        return prev in ("for", "of", "during", "throughout", "through") and not re.match(
            r"\s*(?:'s|’s|-|\s+(?:before|after|in|when|that|of|since|which|to|he|she|they)\b)",
            after,
        )
    if kind == "duration":
        unit = g["unit"].lower()
        plural = unit not in _lexicon().units
        if not (g.get("num") or plural or (g.get("the") and g.get("dir"))):
            return False
        if (
            g.get("dir")
            and g["dir"].lower() in ("first", "final", "latest")
            and not (g.get("num") or plural)
        ):
            return False
        if unit in ("second", "minute", "night", "day") and (g.get("num") or "").lower() in (
            "a",
            "an",
            "one",
        ):
            tok = _token_at(doc, m.start("unit"), m.end("unit"))
            nxt = doc[tok.i + 1] if tok is not None and tok.i + 1 < len(doc) else None
            if (
                unit in ("second", "minute")
                and nxt is not None
                and nxt.pos_ in ("NOUN", "ADJ", "PROPN")
            ):
                return False  # "a second term", "a minute detail"
        if plural and not g.get("num") and not g.get("dir"):
            tok = _token_at(doc, m.start("unit"), m.end("unit"))
            if tok is not None and tok.dep_ == "compound":
                return False
        return True
    if kind == "rel":
        det = re.sub(r"\s+", " ", g["det"].lower())
        unit = g["unit"].lower()
        if det == "the" and not (g.get("pre") or unit == "weekend" or unit in _lexicon().parts):
            return False
        if det == "the" and unit in _lexicon().parts and not g.get("pre"):
            return unit in ("morning", "afternoon", "evening")
        if det in ("that", "the same") and unit in ("quarter", "decade", "century"):
            return False
        return not (g.get("pl") and det in ("this", "last", "that", "the", "current"))
    if kind == "part":
        det = (g.get("det") or "").lower()
        word = g["part"].lower()
        if not det:
            return word in ("overnight", "noon", "midnight", "midday", "mid-afternoon")
        return not (det == "last" and word != "night")
    if kind == "holiday":
        # "Christmas Island", "the Easter Rising": a place or an event named after the day
        tok = _token_at(doc, m.start("hol"), m.end("hol"))
        return tok is not None and tok.ent_type_ not in ("GPE", "LOC", "ORG")
    if kind == "weekday":
        tok = _token_at(doc, m.start("wd"), m.end("wd"))
        return tok is not None and tok.ent_type_ not in ("ORG", "WORK_OF_ART", "FAC", "EVENT")
    if kind == "ref":
        word = g["ref"].lower()
        if word == "soon":
            around = text[max(0, m.start() - 3) : m.end() + 6].lower()
            if re.search(r"as soon as|soon after|soon before", around):
                return False
            # "was soon released": shortly after a past event, not the future
            tok = _token_at(doc, m.start(), m.end())
            head = tok.head if tok is not None else None
            return head is None or head.pos_ not in ("VERB", "AUX") or _tense(head) >= 0
        if word == "current":
            # the adjective before a noun ("current market conditions"), not "the current"
            tok = _token_at(doc, m.start(), m.end())
            return tok is not None and tok.pos_ == "ADJ" and tok.head.pos_ == "NOUN"
        if word == "recently":
            tok = _token_at(doc, m.start(), m.end())
            head = tok.head if tok is not None else None
            return head is None or not (head.dep_ in ("amod", "compound") or head.pos_ == "ADJ")
        if word in ("the past", "the future", "the present"):
            after = text[m.end() : m.end() + 12].lower()
            return not re.match(r"\s+(?:tense|participle|perfect)", after)
        return True
    return True


def _candidates(doc: Any) -> list[_Cand]:
    text = doc.text
    found: list[_Cand] = []
    for kind, rx in _patterns().items:
        for m in rx.finditer(text):
            start, end = m.span()
            # trim a trailing abbreviation dot that also ends the sentence ("in May.")
            if end - start > _MAX_EXPR_CHARS or end == start:
                continue
            if _keep(doc, kind, m, text):
                found.append(_Cand(kind, start, end, m))
    found.sort(key=lambda c: (-(c.end - c.start), _PRIORITY[c.kind], c.start))
    taken: list[_Cand] = []
    occupied = bytearray(len(text) + 1)
    for c in found:
        if 1 in occupied[c.start : c.end]:
            continue
        taken.append(c)
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    return taken


# ---------------------------------------------------------------- normalisation


def _num(word: str | None) -> int | str | None:
    """A count: int, None for a vague one ("several"), "" when absent."""
    if not word:
        return ""
    w = re.sub(r"\s+", " ", word.lower())
    table = _lexicon().numbers
    if w in table:
        return table[w]
    if re.fullmatch(r"\d+", w):
        return int(w)
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        a, b = table[parts[0]], table[parts[1]]
        if a is not None and b is not None:
            return a + b
    return None


def _mod(pre: str | None) -> str | None:
    if not pre:
        return None
    words = re.sub(r"^the\s+|\s+the$", "", re.sub(r"\s+", " ", pre.lower().strip(" -")))
    return _PRE_MOD.get(words)


def _duration_value(n: int | str | None, unit: str, half: bool = False) -> str:
    code, mult, clock = _lexicon().units[unit]
    if n is None or n == "":
        if n == "":
            n = 1
        else:
            if unit == "decade":
                return "PXDE"
            if unit == "century":
                return "PXCE"
            return f"P{'T' if clock else ''}X{code}"
    assert isinstance(n, int)
    total: str = str(n * mult)
    if half and mult == 1 and (code, clock) in _HALVES:
        return f"P{'T' if clock else ''}{total}{code}{_HALVES[code, clock]}"  # "P2Y6M"
    if half:
        total = f"{n * mult}.5" if mult == 1 else str(int((n + 0.5) * mult))
    return f"P{'T' if clock else ''}{total}{code}"


# Half of a unit in the next smaller one, as ISO 8601 durations write it (2 1/2 years = P2Y6M).
_HALVES = {("Y", False): "6M", ("D", False): "T12H", ("H", True): "30M", ("M", True): "30S"}


def _resolve_weekday(ctx: _Context, wd: int, direction: int, det: str, anchor: date) -> date:
    delta = wd - anchor.isoweekday()
    if det in ("this",):
        return anchor + timedelta(days=delta)
    if det in ("next", "coming", "this coming", "the following"):
        return anchor + timedelta(days=delta if delta > 0 else delta + 7)
    if det in ("last", "past", "this past", "the previous"):
        return anchor + timedelta(days=delta if delta < 0 else delta - 7)
    if direction > 0:
        return anchor + timedelta(days=delta if delta >= 0 else delta + 7)
    # news reports what has happened: a bare day name is the most recent one by default
    return anchor + timedelta(days=delta if delta <= 0 else delta - 7)


def _normalise(c: _Cand, ctx: _Context) -> bool:
    """Fill type/value/mod of a candidate; False drops it (an impossible date)."""
    g = c.m.groupdict()
    lx = _lexicon()
    dct = ctx.dct
    kind = c.kind

    def direction() -> int:
        return _direction(ctx, c.start, c.end)

    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        if d is None:
            return False
        c.value = _day(d)
        if g.get("H"):
            c.type, c.clock = "TIME", f"T{g['H']}:{g['M']}"
            c.value += c.clock
        return True
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), g["c"]
        month, dd = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
        found = _safe_date(_full_year(y, dct), month, dd)
        if found is None:
            return False
        c.value = _day(found)
        return True
    if kind in ("md", "dm"):
        month = _month_number(c.m, "md" if kind == "md" else "dm")
        dd = int(g["day"])
        c.mod = _mod(g.get("pre"))
        year: int | None = None
        if g.get("year"):
            year = _year_int(g["year"])
        elif g.get("yy"):
            year = _full_year(g["yy"], dct)
        elif dct is not None:
            year = _year_of_day(dct, month, dd, direction())
        if _safe_date(year or 2000, month, dd) is None:
            return False  # "February 30": no such day
        c.value = f"{year:04d}-{month:02d}-{dd:02d}" if year else f"XXXX-{month:02d}-{dd:02d}"
        return True
    if kind == "month":
        month = _month_number(c.m, "month")
        det = (g.get("det") or "").lower()
        c.mod = _mod(g.get("pre"))
        if g.get("year") or g.get("yy"):
            y = _year_int(g["year"]) if g.get("year") else _full_year(g["yy"], dct)
            c.value = f"{y:04d}-{month:02d}"
        elif dct is None:
            c.value = f"XXXX-{month:02d}"
        else:
            dirn = {"last": -1, "next": 1, "this": 0, "that": 0}.get(det)
            way = direction() if dirn is None else dirn
            y = _cyclic_year(dct, month, dct.month, way, det in ("last", "next"), 0 if det else 12)
            c.value = f"{y:04d}-{month:02d}"
        return True
    if kind == "year":
        c.value = f"{_year_int(g['year']):04d}"
        c.mod = _mod(g.get("pre")) or {"pre": "BEFORE", "post": "AFTER"}.get(
            (g.get("pp") or "").lower()
        )
        return True
    if kind == "decade":
        c.mod = _mod(g.get("pre"))
        if g.get("dec"):
            dec = g["dec"]
            c.value = dec[:2] if dec.endswith("0") and int(dec) % 10 == 0 and dec[2] == "0" else dec
        elif g.get("d2"):
            century = 19 if dct is None or int(g["d2"]) * 10 > dct.year % 100 else dct.year // 100
            c.value = f"{century}{g['d2']}"
        else:
            c.value = f"19{_DECADE_WORDS[g['dw'].lower()]}"
        return True
    if kind == "century":
        ordinal = g["ord"].lower()
        n = int(ordinal[:-2]) if ordinal[0].isdigit() else _ORDINALS.get(ordinal, 0)
        if not 1 <= n <= 30:
            return False
        c.value, c.mod = f"{n - 1:02d}", _mod(g.get("pre"))
        return True
    if kind == "season":
        code, first = lx.seasons[g["season"].lower()]
        det = re.sub(r"\s+", " ", (g.get("det") or "").lower())
        c.mod = _mod(g.get("pre"))
        if g.get("year"):
            c.value = f"{_year_int(g['year']):04d}-{code}"
            return True
        if dct is None:
            c.value = f"XXXX-{code}"
            return True
        now = _season_index(dct)
        pos = (first % 12) // 3
        way = _SEASON_DET.get(det, 0 if det == "this" else direction())
        year = _cyclic_year(dct, pos, now, way, strict=det in _SEASON_DET)
        if code == "WI" and dct.month <= 2 and way <= 0 and det != "last":
            year -= 1  # January's winter began the December before
        c.value = f"{year:04d}-{code}"
        return True
    if kind == "quarter":
        return _quarter(c, ctx, g)
    if kind == "qcode":
        y = g.get("y1") or g.get("y2")
        year_q = (
            int(y)
            if y
            else (
                _cyclic_year(dct, int(g["q"]), (dct.month - 1) // 3 + 1, direction())
                if dct
                else None
            )
        )
        c.value = f"{year_q:04d}-Q{g['q']}" if year_q else f"XXXX-Q{g['q']}"
        if year_q:
            ctx.quarter = (year_q, int(g["q"]), c.start)
        return True
    if kind == "end":
        unit = g["unit"].lower()
        c.mod = "END"
        return _period(c, ctx, unit, 0, dct)
    if kind == "fin":
        return _financial(c, ctx, g)
    if kind == "rel":
        return _relative(c, ctx, g)
    if kind == "weekday":
        return _weekday(c, ctx, g)
    if kind == "dayword":
        return _dayword(c, ctx, g)
    if kind == "part":
        word = g["part"].lower()
        det = re.sub(r"\s+", " ", (g.get("det") or "").lower())
        code = lx.parts[word]
        c.type = "TIME"
        c.clock = f"T{code}"
        base = dct
        if det == "last" and dct is not None:
            base = dct - timedelta(days=1)
        elif det not in ("this", "last") and ctx.reference is not None:
            base = ctx.reference
        c.value = (_day(base) if base else "XXXX-XX-XX") + c.clock
        return True
    if kind == "clock":
        h = int(g["h"])
        mi = int(g["mi"] or 0)
        ap = (g.get("ap") or "").lower().replace(" ", "").replace(".", "")
        if ap.startswith("p") or ap.endswith(("afternoon", "evening")):
            h = h + 12 if h < 12 else h
        elif ap.startswith("a") and h == 12:
            h = 0
        if ap.startswith(("a", "p")) and not 1 <= int(g["h"]) <= 12:
            return False
        c.type, c.clock = "TIME", f"T{h:02d}:{mi:02d}"
        c.mod = _APPROX.get((g.get("approx") or "").lower())
        near = ctx.reference is not None and c.start - ctx.reference_at < 150
        base = ctx.reference if near else dct
        c.value = (_day(base) if base else "XXXX-XX-XX") + c.clock
        return True
    if kind == "ago":
        return _ago(c, ctx, g)
    if kind == "duration":
        return _duration(c, ctx, g)
    if kind == "set":
        return _set(c, g)
    if kind == "ref":
        c.value = lx.refs[re.sub(r"\s+", " ", g["ref"].lower())]
        return True
    if kind == "holiday":
        return _holiday(c, ctx, g)
    return False


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_date(rule: str, year: int) -> date | None:
    """The day a holiday rule of data/time_holidays.tsv gives in `year`."""
    if m := re.fullmatch(r"easter([+-]\d+)", rule):
        return _easter(year) + timedelta(days=int(m[1]))
    if m := re.fullmatch(r"(\d\d):(-?\d):(\d)", rule):
        month, nth, wd = int(m[1]), int(m[2]), int(m[3])
        if nth < 0:
            last = date(year, month, calendar.monthrange(year, month)[1])
            return last - timedelta(days=(last.isoweekday() - wd) % 7)
        first = date(year, month, 1)
        return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    if m := re.fullmatch(r"(\d\d)-(\d\d)>(\d)", rule):
        start = date(year, int(m[1]), int(m[2]))
        return start + timedelta(days=(int(m[3]) - start.isoweekday()) % 7)
    if m := re.fullmatch(r"(\d\d)-(\d\d)", rule):
        return _safe_date(year, int(m[1]), int(m[2]))
    return None


def _holiday(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    rule = _lexicon().holidays[re.sub(r"\s+", " ", g["hol"].lower())]
    dct = ctx.dct
    det = re.sub(r"\s+", " ", (g.get("det") or "").lower())
    day: date | None = None
    if g.get("year"):
        day = _holiday_date(rule, _year_int(g["year"]))
    elif dct is not None:
        way = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(det)
        if way is None:
            way = 0 if det == "this" else _direction(ctx, c.start, c.end)
        options = [d for y in (dct.year - 1, dct.year, dct.year + 1)
                   if (d := _holiday_date(rule, y)) is not None]  # fmt: skip
        if way < 0:
            # "Easter week began": a week counts as begun from its Monday
            lead = 6 if g.get("wk") else 0
            options = [d for d in options if d - timedelta(days=lead) <= dct] or options
            day = max(options)
        elif way > 0:
            options = [d for d in options if d >= dct] or options
            day = min(options)
        else:
            day = min(options, key=lambda d: abs((d - dct).days))
    if day is None:
        if dct is not None or g.get("year"):
            return False
        fixed = re.fullmatch(r"\d\d-\d\d", rule)
        c.value = f"XXXX-{rule}" if fixed else "XXXX-XX-XX"
        return True
    c.value = _week(day) if g.get("wk") else _day(day)
    return True


_SEASON_DET = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}


def _year_int(text: str) -> int:
    """A year from its digits or its spoken form ("nineteen ninety-six", "two thousand")."""
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text.lower())
    table = _lexicon().numbers
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(table.get(w) or 0 for w in rest)
    century = table.get(words[0]) or 0
    rest = words[1:]
    if rest == ["hundred"]:
        return century * 100
    if rest and rest[0] in ("oh", "o"):
        rest = rest[1:]
    return century * 100 + sum(table.get(w) or 0 for w in rest)


def _full_year(text: str, dct: date | None) -> int:
    """A year from 2 or 4 digits; two digits go to the century that puts them nearest the DCT."""
    n = int(text)
    if len(text) == 4:
        return n
    pivot = dct.year if dct is not None else date.today().year
    best = min(
        (c * 100 + n for c in (pivot // 100 - 1, pivot // 100)),
        key=lambda y: (y > pivot + 10, abs(y - pivot)),
    )
    return best


def _month_number(m: re.Match[str], kind: str) -> int:
    text = m.group(0)
    for word in re.findall(r"[A-Za-z]+", text):
        n = _lexicon().months.get(word.lower())
        if n is not None and word[0].isupper():
            return n
    raise ValueError(text)


def _year_of_day(dct: date, month: int, dd: int, direction: int) -> int:
    # the reading nearest the publication date, unless the tense says it is on the other side
    # of it by more than a month ("has set Nov. 10 as the deadline" stays ahead)
    best = dct.year
    best_gap = 10**6
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = _safe_date(y, month, min(dd, 28) if month == 2 else dd)
        if d is not None and abs((d - dct).days) < best_gap:
            best, best_gap = y, abs((d - dct).days)
    chosen = _safe_date(best, month, min(dd, 28))
    if chosen is not None and direction < 0 and (chosen - dct).days > 30:
        return best - 1
    if chosen is not None and direction > 0 and (dct - chosen).days > 30:
        return best + 1
    return best


def _season_index(d: date) -> int:
    return (d.month % 12) // 3  # 0 winter, 1 spring, 2 summer, 3 autumn


def _period(c: _Cand, ctx: _Context, unit: str, offset: int, anchor: date | None) -> bool:
    """Value of the calendar period `unit` shifted by `offset` from `anchor`."""
    if anchor is None:
        c.value = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                   "quarter": "XXXX-QX", "day": "XXXX-XX-XX", "decade": "XXX",
                   "century": "XX"}.get(unit, "XXXX")  # fmt: skip
        return True
    if unit == "day":
        c.value = _day(anchor + timedelta(days=offset))
    elif unit in ("week", "weekend"):
        c.value = _week(anchor + timedelta(days=7 * offset)) + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        y, mth = _add_months(anchor.year, anchor.month, offset)
        c.value = f"{y:04d}-{mth:02d}"
    elif unit == "quarter":
        y, mth = _add_months(anchor.year, anchor.month, 3 * offset)
        q = (mth - 1) // 3 + 1
        c.value = f"{y:04d}-Q{q}"
        ctx.quarter = (y, q, c.start)
    elif unit == "year":
        c.value = f"{anchor.year + offset:04d}"
    elif unit == "decade":
        c.value = f"{anchor.year // 10 + offset:03d}"
    elif unit == "century":
        c.value = f"{anchor.year // 100 + offset:02d}"
    else:
        return False
    return True


_ON_REFERENCE = frozenset(
    {"the previous", "previous", "the following", "following", "the same", "that", "the next"}
)


def _relative(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    det = re.sub(r"\s+", " ", g["det"].lower())
    unit = g["unit"].lower()
    lx = _lexicon()
    c.mod = _mod(g.get("pre"))
    if g.get("pl"):  # "the coming weeks", "the next days": a vague stretch of time
        c.type = "DURATION"
        c.value = _duration_value(None, unit) if unit in lx.units else "PXD"
        return True
    dct = ctx.dct
    on_reference = det in _ON_REFERENCE and unit in ("day", "week", "month", "year")
    anchor = (ctx.reference or dct) if on_reference else dct
    named = ctx.named or ""
    if on_reference and unit == "year" and named:
        anchor = date(int(named[:4]), 6, 30)  # "that year": the year just named
    elif on_reference and unit == "month" and len(named) >= 7:
        anchor = date(int(named[:4]), int(named[5:7]), 1)
    offset = {
        "last": -1, "past": -1, "this past": -1, "the previous": -1, "previous": -1,
        "next": 1, "the next": 1, "coming": 1, "the coming": 1, "this coming": 1,
        "the following": 1, "following": 1,
    }.get(det, 0)  # fmt: skip
    if unit in lx.parts:
        c.type = "TIME"
        code = lx.parts[unit]
        c.clock = f"T{code}"
        base = anchor
        if base is not None and det == "last" and unit in ("night", "evening"):
            base = base - timedelta(days=1)
        elif base is not None and offset and det != "last":
            base = base + timedelta(days=offset)
        c.value = (_day(base) if base else "XXXX-XX-XX") + c.clock
        return True
    if unit == "weekend" and det in ("the", "") and dct is not None:
        # "the weekend" just gone when reported in the past, else the coming one
        offset = -1 if _direction(ctx, c.start, c.end) < 0 and dct.isoweekday() < 6 else 0
    if unit == "year" and c.mod is None and (g.get("pre") or "").lower() in ("earlier", "later"):
        c.mod = None
    return _period(c, ctx, unit, offset, anchor)


def _weekday(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    lx = _lexicon()
    wd = lx.weekdays[g["wd"].rstrip(".").lower()]
    det = re.sub(r"\s+", " ", (g.get("det") or "").lower())
    part = (g.get("part") or "").lower()
    if g.get("pl") and part:
        c.type, c.value = "SET", f"XXXX-WXX-{wd}T{lx.parts[part]}"
        return True
    anchor = ctx.dct
    if anchor is None:
        c.value = f"XXXX-WXX-{wd}"
    else:
        c.value = _day(_resolve_weekday(ctx, wd, _direction(ctx, c.start, c.end), det, anchor))
    c.mod = _mod(g.get("pre"))
    if part:
        c.type, c.clock = "TIME", f"T{lx.parts[part]}"
        c.value += c.clock
    return True


def _dayword(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    lx = _lexicon()
    if g.get("twice"):
        offset = -2 if "yesterday" in g["twice"].lower() else 2
        word = ""
    else:
        word = g["w"].lower()
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    dct = ctx.dct
    c.value = _day(dct + timedelta(days=offset)) if dct else "XXXX-XX-XX"
    pre = (g.get("pre") or "").lower()
    c.mod = {"early": "START", "late": "END"}.get(pre)
    part = (g.get("part") or "").lower()
    if word == "tonight":
        part = "night"
    if part:
        c.type, c.clock = "TIME", f"T{lx.parts[part]}"
        c.value += c.clock
    return True


def _quarter(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    unit = g["unit"].lower()
    mods = re.sub(r"\s+", " ", (g.get("mods") or "").lower())
    ordw = (g.get("ord") or "").lower()
    dct = ctx.dct
    n = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(ordw) or _ORDINALS.get(ordw)
    if unit == "half" and n and ordw in ("final", "last"):
        n = 2
    letter = "Q" if unit == "quarter" else "H"
    if n is not None and not 1 <= n <= (4 if letter == "Q" else 2):
        return False
    year_text = g.get("year2") or g.get("year")
    year: int | None = _year_int(year_text) if year_text else None
    shift = -1 if re.search(r"year[- ](?:earlier|ago)|previous year", mods) else 0
    ys = re.search(r"(this|last|next) year", mods)
    if ys is not None and ys[1] != "this":
        shift = -1 if ys[1] == "last" else 1  # "last year's quarter", "next year's first quarter"
    recent = _recent_quarter(ctx, c.start, reported="latest" in mods or (n is None and not ys))
    if ys is not None and n is not None and dct is not None:
        year = dct.year + shift
        shift = 0
    ended = _ended(ctx, c.end) if n is None and letter == "Q" else None
    if ended is not None and ended.month % 3 == 0 and ended.day >= 28 and not shift:
        year, n = ended.year, ended.month // 3
    elif n is None:  # "the quarter", "the latest quarter", "the year-ago quarter"
        if letter == "H":
            return False
        if year is not None:
            n = recent[1] if recent is not None else 4
        elif recent is not None and "next" not in mods:
            year, n = recent[0], recent[1]
        elif dct is not None:
            q_now = (dct.month - 1) // 3 + 1
            step = 1 if "next" in mods else (0 if "current" in mods or "this" in mods else -1)
            y, mth = _add_months(dct.year, (q_now - 1) * 3 + 1, 3 * step)
            year, n = y, (mth - 1) // 3 + 1
        else:
            c.value = "XXXX-QX"
            return True
        year = (year or 0) + shift
    elif year is None:
        if shift and recent is not None:
            year = recent[0] + shift
        elif dct is not None:
            now = (dct.month - 1) // 3 + 1 if letter == "Q" else (1 if dct.month <= 6 else 2)
            dirn = {"last": -1, "previous": -1, "past": -1, "next": 1, "this": 0}
            d = next((v for k, v in dirn.items() if k in mods.split()), None)
            if d is None:
                d = _direction(ctx, c.start, c.end)
                d = -1 if d < 0 else (0 if d == 0 else 1)
            # results of a quarter are reported after it: an unnamed year is never the next one
            year = _cyclic_year(dct, n, now, min(d, 0), strict=False) + shift
    if year is None:
        c.value = f"XXXX-{letter}{n}"
        return True
    c.value = f"{year:04d}-{letter}{n}"
    if letter == "Q" and not shift:  # a comparison quarter is not the one reported on
        ctx.quarter = (year, n, c.start)
    return True


def _recent_quarter(ctx: _Context, at: int, reported: bool) -> tuple[int, int, int] | None:
    """The quarter last named before `at`; when `reported`, only one already over."""
    recent = ctx.quarter if ctx.quarter and at - ctx.quarter[2] < 2000 else None
    if recent is None or not reported or ctx.dct is None:
        return recent
    ends = _add_months(recent[0], recent[1] * 3, 1)
    # results are of a quarter that has ended: a forecast quarter is not "the quarter"
    return recent if date(ends[0], ends[1], 1) <= ctx.dct else None


def _ended(ctx: _Context, at: int) -> date | None:
    """The end date written right after a period's name ("the year ended March 31")."""
    m = _ENDED.match(ctx.doc.text, at)
    if m is None:
        return None
    month = _lexicon().months.get(m["mon"].lower())
    if month is None:
        return None
    dd = int(m["d"])
    if m["y"]:
        return _safe_date(int(m["y"]), month, dd)
    if ctx.dct is None:
        return None
    # results are reported after the period: the latest such date not after publication
    return _safe_date(_year_of_day(ctx.dct, month, dd, -1), month, dd)


def _financial(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    """Report periods: "the year-ago period", "the latest period", "the full year", "year-ago"."""
    mods = re.sub(r"[\s-]+", " ", (g.get("mods") or "").lower()).strip()
    dct = ctx.dct
    recent = _recent_quarter(ctx, c.start, reported=True)
    earlier = bool(g.get("ya")) or bool(re.search(r"year (?:earlier|ago)", mods))
    earlier = earlier or mods in ("comparable", "corresponding", "same")
    if g.get("ya") or (g.get("unit") or "").lower() == "period":
        if g.get("fy"):
            year = int(g["fy"])
            c.value = f"{year:04d}-Q{recent[1]}" if recent else f"{year:04d}"
        elif earlier:
            if recent is not None:
                c.value = f"{recent[0] - 1:04d}-Q{recent[1]}"
            elif dct is not None:
                c.value = f"{dct.year - 1:04d}"
            else:
                c.value = "XXXX"
        elif recent is not None:
            c.value = f"{recent[0]:04d}-Q{recent[1]}"
        else:
            return False  # "the latest period" with no quarter in sight: nothing to resolve
        return True
    ended = _ended(ctx, c.end)
    if ended is not None and not (ended.month == 12 and ended.day == 31):
        c.type, c.value = "DURATION", "P1Y"  # a fiscal year: twelve months to that date
        return True
    if ended is not None:
        c.value = f"{ended.year:04d}"
        return True
    if dct is None:
        c.value = "XXXX"
        return True
    year = recent[0] if recent is not None else dct.year
    if earlier or "latest" in mods:
        year -= 1  # "the latest fiscal year" has ended; "the year-earlier year" is the one before
    c.value = f"{year:04d}"
    return True


def _ago(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    unit = _lexicon().unit_forms[g["unit"].lower()]
    n = _num(g["num"])
    sign = -1 if g["dir"].lower() in ("ago", "earlier") else 1
    on_reference = g["dir"].lower() in ("earlier", "later")
    anchor = (ctx.reference or ctx.dct) if on_reference else ctx.dct
    c.mod = _APPROX.get(re.sub(r"\s+", " ", (g.get("approx") or "").lower()))
    if n is None or n == "":
        c.value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return True
    assert isinstance(n, int)
    code, mult, clock = _lexicon().units[unit]
    if anchor is None:
        c.value = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(
            code, "XXXX"
        )
        return True
    if clock:
        c.value = _day(anchor)
        return True
    if code == "D":
        c.value = _day(anchor + timedelta(days=sign * n * mult))
    elif code == "W":
        c.value = _week(anchor + timedelta(days=7 * sign * n * mult))
    elif code in ("M", "Q"):
        months = n * mult * (3 if code == "Q" else 1)
        y, mth = _add_months(anchor.year, anchor.month, sign * months)
        c.value = f"{y:04d}-{mth:02d}" if code == "M" else f"{y:04d}-Q{(mth - 1) // 3 + 1}"
    else:
        recent = ctx.quarter if ctx.quarter and c.start - ctx.quarter[2] < 400 else None
        if recent is not None and n * mult == 1:
            # "a year ago" beside a quarter means that quarter, a year before
            c.value = f"{recent[0] - 1:04d}-Q{recent[1]}"
        elif on_reference and ctx.named:
            # "signed in 1956 ... two years later": years after the year last named
            c.value = f"{int(ctx.named[:4]) + sign * n * mult:04d}"
        else:
            c.value = f"{anchor.year + sign * n * mult:04d}"
    return True


_CURRENCY_WORDS = frozenset(
    "dollars dollar euros euro pounds pound yen yuan rupees rubles roubles cents percent % "
    "times once twice thousand million billion trillion people barrels tons tonnes".split()
)


def _duration(c: _Cand, ctx: _Context, g: dict[str, Any]) -> bool:
    lx = _lexicon()
    unit = lx.unit_forms[g["unit"].lower()]
    plural = g["unit"].lower() != unit
    n = _num(g.get("num"))
    dirw = (g.get("dir") or "").lower()
    if (
        g.get("the")
        and dirw in ("past", "last", "previous")
        and not g.get("num")
        and not plural
        and unit in ("week", "month", "quarter", "year")
    ):
        # "over the past year": the calendar year before, as TimeBank reads it
        return _period(c, ctx, unit, -1, ctx.dct)
    c.type = "DURATION"
    c.mod = _APPROX.get(re.sub(r"\s+", " ", (g.get("approx") or "").lower()))
    if n == "" and plural:
        n = None
    c.value = _duration_value(n, unit, bool(g.get("half")))
    numw = (g.get("num") or "").lower()
    if numw in ("a", "an", "per") and not g.get("dir"):
        prev = _prev_word(ctx.doc, c.start)
        if prev in _CURRENCY_WORDS or prev.replace(",", "").replace(".", "").isdigit():
            c.type = "SET"  # "$5 billion a year", "twice a week"
    return True


def _set(c: _Cand, g: dict[str, Any]) -> bool:
    lx = _lexicon()
    c.type = "SET"
    if g.get("adv"):
        c.value = lx.sets[g["adv"].lower()]
        return True
    unit_word = (g.get("unit") or g.get("unit2") or "").lower().rstrip(".")
    numw = (g.get("num") or "").lower()
    n: int | str | None = 2 if numw == "other" else _num(numw)
    if unit_word in lx.weekdays:
        c.value = f"XXXX-WXX-{lx.weekdays[unit_word]}"
    elif unit_word in lx.months:
        c.value = f"XXXX-{lx.months[unit_word]:02d}"
    elif unit_word in lx.seasons:
        c.value = f"XXXX-{lx.seasons[unit_word][0]}"
    elif unit_word == "weekend":
        c.value = "XXXX-WXX-WE"
    elif unit_word in lx.unit_forms:
        c.value = _duration_value(n if n not in ("", None) else "", lx.unit_forms[unit_word])
    else:
        return False
    return True


# ---------------------------------------------------------------- public API


def interval(value: str) -> tuple[str | None, str | None, str | None]:
    """(first day, last day, precision) of a TIMEX3 date value; Nones where it has none.

    >>> interval("2016-06")
    ('2016-06-01', '2016-06-30', 'month')
    """
    v = value.split("T")[0] if re.match(r"\d{4}-\d\d-\d\dT", value) else value
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return _day(d), _day(d), "day"
        if m := re.fullmatch(r"(\d{4})-W(\d\d?)(-WE)?", v):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return _day(monday + timedelta(days=5)), _day(monday + timedelta(days=6)), "weekend"
            return _day(monday), _day(monday + timedelta(days=6)), "week"
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mth = int(m[1]), int(m[2])
            last = calendar.monthrange(y, mth)[1]
            return f"{y:04d}-{mth:02d}-01", f"{y:04d}-{mth:02d}-{last:02d}", "month"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
            ey, em = _add_months(y, first, 2)
            return (
                f"{y:04d}-{first:02d}-01",
                f"{ey:04d}-{em:02d}-{calendar.monthrange(ey, em)[1]:02d}",
                "season",
            )
        if m := re.fullmatch(r"(\d{4})-([QH])([1-4])", v):
            y, n = int(m[1]), int(m[3])
            span = 3 if m[2] == "Q" else 6
            first = (n - 1) * span + 1
            if first > 12:
                return None, None, None
            last_m = first + span - 1
            end = f"{y:04d}-{last_m:02d}-{calendar.monthrange(y, last_m)[1]:02d}"
            return f"{y:04d}-{first:02d}-01", end, "quarter" if m[2] == "Q" else "half"
        if m := re.fullmatch(r"(\d{4})(?:-XX)?", v):
            return f"{m[1]}-01-01", f"{m[1]}-12-31", "year"
        if m := re.fullmatch(r"(\d{3})X?", v):
            return f"{m[1]}0-01-01", f"{m[1]}9-12-31", "decade"
        if m := re.fullmatch(r"(\d\d)(?:XX)?", v):
            return f"{m[1]}00-01-01", f"{m[1]}99-12-31", "century"
    except ValueError:
        return None, None, None
    shapes = (
        (r"XXXX-\d\d-\d\d|XXXX-XX-XX|XXXX-WXX-\d", "day"),
        (r"XXXX-WXX", "week"),
        (r"XXXX-WXX-WE", "weekend"),
        (r"XXXX-(?:\d\d|XX)", "month"),
        (r"XXXX-(?:SP|SU|FA|WI)", "season"),
        (r"XXXX-Q[1-4X]", "quarter"),
        (r"XXXX", "year"),
    )
    for shape, precision in shapes:
        if re.fullmatch(shape, v):
            return None, None, precision
    return None, None, None


def find_times(doc: Any, published: str | None) -> list[Time]:
    """Temporal expressions of `doc`, typed and normalised (TIMEX3) against `published`."""
    dct, dct_clock = _parse_published(published)
    ctx = _Context(doc=doc, dct=dct, dct_clock=dct_clock)
    cands = _candidates(doc)
    kept: list[_Cand] = []
    for c in cands:
        try:
            ok = _normalise(c, ctx)
        except (ValueError, KeyError, OverflowError):
            ok = False
        if not ok or not c.value:
            continue
        if c.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", c.value) and c.kind in _DAY_LEVEL:
            ctx.reference = date.fromisoformat(c.value)
            ctx.reference_at = c.start
        if c.type == "DATE" and c.kind in _NAMED and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", c.value):
            ctx.named = c.value
        kept.append(c)
    full = doc.text
    kept = _merge_clock(full, kept)
    out = []
    for c in kept:
        start, end = c.start, c.end
        text = full[start:end]
        if text.endswith(".") and not _keeps_dot(text):
            end -= 1  # the sentence's full stop, not an abbreviation's
            text = text[:-1]
        s, e, precision = interval(c.value) if c.type in ("DATE", "TIME") else (None, None, None)
        out.append(Time(text=text, span=(start, end), type=c.type, value=c.value, mod=c.mod,
                        start=s, end=e, precision=precision))  # fmt: skip
    return out


def _keeps_dot(text: str) -> bool:
    last = re.search(r"([A-Za-z]+)\.$", text)
    if last is None:
        return False
    word = last.group(1).lower()
    lx = _lexicon()
    full = {n for n in lx.months if len(n) > 4} | {"may", "june", "july"}
    return (
        word in ("m",)
        or (word in lx.months and word not in full)
        or (word in lx.weekdays and not word.endswith("day"))
    )


_JOIN = re.compile(r"\s*(?:,|at|on|,\s*at|,\s*on)?\s*", re.I)


def _merge_clock(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join a clock time with the day beside it ("May 7, 2016, 8:13 pm", "9 a.m. Tuesday")."""
    out: list[_Cand] = []
    for c in cands:
        if out:
            prev = out[-1]
            gap = text[prev.end : c.start]
            day_first = (
                prev.type == "DATE"
                and prev.kind in _DAY_LEVEL
                and c.clock
                and c.kind in ("clock", "part")
            )
            clock_first = (
                prev.clock
                and prev.kind in ("clock", "part")
                and c.type == "DATE"
                and c.kind in _DAY_LEVEL
            )
            if (day_first or clock_first) and len(gap) <= 6 and _JOIN.fullmatch(gap):
                day, clock = (prev, c) if day_first else (c, prev)
                if re.fullmatch(r"(?:\d{4}|XXXX)-[\dX]{2}-[\dX]{2}", day.value):
                    value = day.value + (clock.clock or "")
                    out[-1] = _Cand(
                        "clock", prev.start, c.end, clock.m, "TIME", value, clock.mod, clock.clock
                    )
                    continue
        out.append(c)
    return out


_DATING_TYPES = ("DATE", "TIME")


def date_of(
    doc: Any, start: int, end: int, times: list[Time], published: str | None,
    exclude: tuple[int, int] | None = None,
) -> EventDate:
    """When the clause or sentence at [start, end) happened: its own date words first,
    then its sentence's, then the publication date marked as a fallback.

    Date words inside `exclude` do not count: a quotation's content says when what it
    talks about happens ("by 2020"), not when it was said. Nor do date words inside a
    relative clause, reduced relative or appositive of a noun, unless the clause dated is
    itself in there: "Putin, who met Abe on Friday, said ..." does not date the saying.
    """
    dct, _ = _parse_published(published)
    dating = [
        t for t in times if t.type in _DATING_TYPES and t.start is not None
        and not (exclude and exclude[0] <= t.span[0] and t.span[1] <= exclude[1])
    ]
    sent_start, sent_end = _sentence_bounds(doc, start, end)
    low, high = min(start, sent_start), max(end, sent_end)
    dating = [t for t in dating if low <= t.span[0] and t.span[1] <= high]
    clause = _token_span(doc, start, max(end, start + 1))
    anchor = None
    if clause is not None and len(clause):
        anchor = _reporting_head(doc, start, end, exclude) or clause.root
        dating = [t for t in dating if not _about_someone_else(doc, t, anchor)]
    inside = [t for t in dating if start <= t.span[0] and t.span[1] <= end]
    chosen: Time | None = None
    if inside:
        chosen = _closest_to_verb(doc, start, end, inside, anchor)
    if chosen is None:
        subtree = _verb_subtree(doc, start, end)
        around = [t for t in dating if sent_start <= t.span[0] and t.span[1] <= sent_end]
        in_tree = [
            t for t in around if subtree and subtree[0] <= t.span[0] and t.span[1] <= subtree[1]
        ]
        pool = in_tree or around
        if pool:
            chosen = min(pool, key=lambda t: min(abs(t.span[0] - end), abs(t.span[1] - start)))
    if chosen is None:
        refs = [t for t in times if t.value == "PRESENT_REF" and start <= t.span[0] < end]
        if refs and dct is not None:
            value = _day(dct)
            return EventDate(
                value=value, start=value, end=value, precision="day", text=refs[0].text
            )
    if chosen is not None:
        return EventDate(value=chosen.value, start=chosen.start, end=chosen.end,
                         precision=chosen.precision, text=chosen.text, mod=chosen.mod)  # fmt: skip
    if dct is None:
        return EventDate(value="XXXX-XX-XX", precision="day", fallback=True)
    value = _day(dct)
    return EventDate(value=value, start=value, end=value, precision="day", fallback=True)


# Modifiers of a noun that describe it at a time of their own ("the talks, which began in
# May", "the accord signed in 1956", "Abe, premier since 2012"), not the clause around it.
_NOUN_MODIFIERS = frozenset({"relcl", "acl", "appos"})
# An appositive describes a participant; on anything else (a dateline's "MOSCOW, May 6
# (Reuters)", often parsed as an adverbial noun) it is no description of someone else.
_PARTICIPANTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "iobj", "dative", "pobj",
                           "attr", "oprd", "agent", "conj"})
# "said at talks held on Friday": the occasion the clause happened at shares its date.
_OCCASION_PREPS = frozenset({"at", "during"})
# Verbs that make a text public: a statement, report or speech "released on Friday" says
# what it says on that day, whether it is the subject ("a poll released in August found")
# or where something was said ("said in a statement issued Monday", "according to a
# speech she delivered in July").
_PUBLISHING = frozenset(
    "release publish post issue unveil air broadcast deliver send write file submit "
    "present circulate announce give".split()
)
_SOURCE_PREPS = frozenset({"in", "at", "during", "through", "via"})


def _about_someone_else(doc: Any, t: Time, anchor: Any) -> bool:
    """Whether date `t` sits in a noun's relative clause, reduced relative or appositive
    that does not hold `anchor`, the head of the clause being dated."""
    span = _token_span(doc, t.span[0], t.span[1])
    if span is None or not len(span):
        return False
    own = range(span.start, span.end)
    # the sentence root is never a noun modifier, so the root and its ancestors will do
    return any(
        tok.dep_ in _NOUN_MODIFIERS
        and tok.i not in own  # "on Friday, May 6": the appositive is the date itself
        and tok.i != anchor.i
        and not tok.is_ancestor(anchor)
        and not _same_time(tok, anchor)
        for tok in (span.root, *span.root.ancestors)
    )


def _same_time(modifier: Any, anchor: Any) -> bool:
    """Noun modifiers whose date is, after all, the date of `anchor`'s clause."""
    noun = modifier.head
    if modifier.dep_ == "appos":
        return noun.dep_ not in _PARTICIPANTS or _dateline(noun)
    if _governs(_occasion_of(noun, _OCCASION_PREPS), anchor):
        return True  # "said at talks held on Friday"
    if modifier.lemma_.lower() in _PUBLISHING and modifier.tag_ in ("VBN", "VBD"):
        if noun.dep_ in ("nsubj", "nsubjpass") and _governs(noun.head, anchor):
            return True  # "a report released last year found ..."
        if _governs(_occasion_of(noun, _SOURCE_PREPS), anchor):
            return True  # "said in a statement issued on Monday"
    # a present participle on the subject says what it was doing as it acted: "Abe,
    # visiting Moscow on Friday, said ..."
    return (
        modifier.dep_ == "acl" and modifier.tag_ == "VBG"
        and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == anchor.i
    )


def _occasion_of(noun: Any, preps: frozenset[str]) -> Any:
    """The word a prepositional phrase ("at talks", "according to a speech") attaches to."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ == "to" and prep.head.lower_ == "according":
        return prep.head.head
    return prep.head if prep.lower_ in preps else None


def _governs(head: Any, anchor: Any) -> bool:
    """`head` is `anchor`, above it, or its object (a phrase parsed onto the object: "rejected
    the claim in a ruling released Thursday")."""
    if head is None:
        return False
    if head.dep_ in ("dobj", "obj") and head.head.i == anchor.i:
        return True
    return head.i == anchor.i or head.is_ancestor(anchor)


def _dateline(noun: Any) -> bool:
    """A wire dateline's place ("MOSCOW, May 6 (Reuters) -"): capitals opening a sentence and
    followed by a date or the agency in brackets. Capitals alone are not enough: "NATO, an
    alliance since 1949, said ..." describes NATO at a time of its own."""
    if not (noun.is_upper and len(noun.text) > 1 and noun.i - noun.sent.start < 4):
        return False
    after = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.text == "," and after.i + 1 < len(noun.doc):
        after = after.nbor(1)
    return after is not None and (after.ent_type_ == "DATE" or after.text == "(")


def _reporting_head(
    doc: Any, start: int, end: int, exclude: tuple[int, int] | None
) -> Any:
    """The word that governs a quotation's content within [start, end): the clause that
    reports it, even when that is a relative clause ("McConnell, who in 2010 said ...")."""
    if exclude is None:
        return None
    content = _token_span(doc, exclude[0], exclude[1])
    if content is None or not len(content):
        return None
    head = content.root.head
    if exclude[0] <= head.idx < exclude[1] or not start <= head.idx < end:
        return None
    return head


def _closest_to_verb(doc: Any, start: int, end: int, times: list[Time],
                     verb: Any | None = None) -> Time:
    """Of several dates inside a clause, the one attached nearest to its verb (`verb`, or
    the root of the clause: a quotation is dated nearest its reporting verb)."""
    span = _token_span(doc, start, end)
    if span is None or len(times) == 1:
        return times[0]
    root = verb if verb is not None else span.root

    def depth(t: Time) -> int:
        tspan = _token_span(doc, t.span[0], t.span[1])
        if tspan is None:
            return 99
        tok, steps = tspan.root, 0
        # tokens are compared by index: spaCy makes a new Token object on every access
        while tok.i != root.i and tok.head.i != tok.i and steps < 12:
            tok, steps = tok.head, steps + 1
        return steps if tok.i == root.i else 50 + steps

    return min(times, key=depth)


def _sentence_bounds(doc: Any, start: int, end: int) -> tuple[int, int]:
    span = _token_span(doc, start, max(end, start + 1))
    if span is None or not len(span):
        return start, end
    try:
        first, last = span[0].sent, span[-1].sent
    except ValueError:  # no sentence boundaries set
        return start, end
    return first.start_char, last.end_char


def _verb_subtree(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    span = _token_span(doc, start, max(end, start + 1))
    if span is None or not len(span):
        return None
    root = span.root
    tokens = list(root.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
