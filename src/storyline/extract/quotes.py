"""Quotations: who said what, direct ("…," she said), indirect (she said that …) and mixed.

    >>> quotes = find_quotes(annotate.parse('"We will win," the minister said.'))
    >>> quotes[0].kind, quotes[0].speaker_text, quotes[0].content
    ('direct', 'the minister', 'We will win,')

Quote marks are paired on the raw text (straight, curly, guillemets, a quote running over
several paragraphs); attributions come from the dependency parse: the clausal complement of
a cue verb (`quotes_cues.txt`), its subject as the speaker, "according to X", and relays
such as "carried by TASS" (`quotes_relays.txt`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

from ..records import Actor, EventDate, Quote

Doc = Any  # a spaCy Doc from annotate.load()
Token = Any

# Bounds that keep bad input (thousands of stray marks, one huge sentence) linear and small.
MAX_MARKS = 20_000
MAX_QUOTE_CHARS = 60_000
MAX_SENT_TOKENS = 400
MAX_SPEAKER_TOKENS = 12
FRAME_TOKENS = 40

_DOUBLE = {'"': "either", "''": "either", "“": "open", "„": "open", "«": "open", "”": "close",
           "»": "close"}
# Two apostrophes stand for a double quote mark in some wire and newspaper text ('' … '').
_MARK = re.compile(r"''|[\"“”„«»]")
_SINGLE_PAIR = re.compile(r"(?<![\w’'])‘([^‘’\n]{1,2000}?)’(?![\w])")
_PRONOUNS = {"he", "she", "it", "they"}
_CLOSERS = ('"', "”", "»", "''")
_RELATIVE = {"who", "which", "that"}
_FIRST_SECOND = {"i", "we", "you", "me", "us"}
_NOMINAL = {"PRON", "PROPN", "NOUN"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"conj", "advcl", "xcomp", "pcomp", "prep", "acl"}
_SPEAKER_KEEP = {"det", "amod", "compound", "poss", "nmod", "nummod", "flat", "case", "prep",
                 "pobj", "cc", "conj", "punct", "quantmod", "appos"}


class ActorIndex(Protocol):
    """What quotes needs from the actors stage."""

    def at(self, start: int, end: int) -> Actor | None: ...

    def pronoun(self, token: Any) -> Actor | None: ...


_NOMINAL_KINDS = ("noun", "feeling")


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, str]  # lemma (or "verb particle") -> speech | report | belief
    relays: tuple[str, ...]


def _data_lines(name: str) -> Iterable[str]:
    text = resources.files("storyline.extract").joinpath("data", name).read_text("utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cue verbs and relay phrases, read once from the package data."""
    cues: dict[str, str] = {}
    for line in _data_lines("quotes_cues.txt"):
        lemma, _, kind = line.partition("\t")
        kind = kind.strip() or "speech"
        # Noun and adjective cues live beside the verbs without clashing ("a plan to",
        # "plans to"): their keys carry the kind.
        key = f"{kind}:{lemma.strip().lower()}" if kind in _NOMINAL_KINDS else lemma.strip().lower()
        cues.setdefault(key, kind)
    relays = tuple(sorted({line.lower() for line in _data_lines("quotes_relays.txt")}, key=len,
                          reverse=True))
    return Lexicon(cues, relays)


# --------------------------------------------------------------------------- quote marks


@dataclass(slots=True)
class _Marked:
    """A stretch of text between quote marks: content parts (marks excluded) and outer span."""

    parts: list[tuple[int, int]]
    outer: tuple[int, int]

    @property
    def span(self) -> tuple[int, int]:
        return self.parts[0][0], self.parts[-1][1]


def _role(text: str, i: int, width: int = 1) -> str:
    """Whether the mark at i opens or closes, judged by its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = (before.isspace() or before in "([{—–-/:;") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def quote_spans(text: str) -> list[_Marked]:
    """Pair double quote marks; a quote may run over paragraphs that each reopen it.

    Unclosed quotes are dropped, stray closing marks ignored; quotes nested in single marks
    stay inside their outer quote.
    """
    marks = [(m.start(), m.group()) for m in _MARK.finditer(text)][:MAX_MARKS]
    found: list[_Marked] = []
    open_at: int | None = None
    parts: list[tuple[int, int]] = []
    part_start = 0
    for i, ch in marks:
        kind = _DOUBLE[ch]
        width = len(ch)
        context = _role(text, i, width)
        if kind == "either" or context != "either":
            # Curly marks are trusted unless their neighbours clearly say the opposite.
            kind = context if kind == "either" or context != kind else kind
        if open_at is not None and "\n" in text[part_start:i]:
            # A paragraph ended inside the quote: it continues only if the next paragraph
            # opens with a quote mark, and that mark is this one.
            brk = text.index("\n", part_start)
            rest = text[brk:i]
            if rest.strip() == "" and kind in ("open", "either"):
                parts.append((part_start, brk))
                part_start = i + width
                continue
            open_at, parts = None, []
        if open_at is None:
            if kind in ("open", "either"):
                open_at, parts, part_start = i, [], i + width
            continue
        if kind == "open" and context == "open" and ch not in ('"', "''"):
            open_at, parts, part_start = i, [], i + width  # the earlier one was never closed
            continue
        parts.append((part_start, i))
        if i - open_at <= MAX_QUOTE_CHARS:
            found.append(_Marked(parts, (open_at, i + width)))
        open_at, parts = None, []
    for m in _SINGLE_PAIR.finditer(text):
        s, e = m.start(1), m.end(1)
        if not any(q.outer[0] <= s and e <= q.outer[1] for q in found):
            found.append(_Marked([(s, e)], (m.start(), m.end())))
    found = [q for q in found if text[q.span[0]:q.span[1]].strip()]
    return sorted(found, key=lambda q: q.outer)


# --------------------------------------------------------------------------- attributions


@dataclass(slots=True)
class _Attribution:
    cue: Token | None
    cue_span: tuple[int, int] | None
    speaker: Token | None  # head token of the speaker phrase
    content: tuple[int, int]
    kind: str
    speaker_span: tuple[int, int] | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)


class _Text:
    """Char-offset helpers over one doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.starts = [t.idx for t in doc]

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or is the last to start before) `char`."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def trim(self, start: int, end: int, strip: str = " \t\n,;:.—–-\"“”„«»‘’'") -> tuple[int, int]:
        text = self.text
        while start < end and text[start] in strip:
            start += 1
        while end > start and text[end - 1] in strip:
            end -= 1
        return start, end


def _cue_kind(token: Token) -> str | None:
    cues = lexicon().cues
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return None
    for child in token.children:
        if child.dep_ == "prt" and f"{lemma} {child.lower_}" in cues:
            return cues[f"{lemma} {child.lower_}"]
    return cues.get(lemma)


def _cue_span(token: Token) -> tuple[int, int]:
    end = token.idx + len(token)
    for child in token.children:
        if child.dep_ == "prt" and child.i == token.i + 1:
            end = child.idx + len(child)
    return token.idx, end


def _subject(cue: Token) -> Token | None:
    """The subject of a cue verb, climbing through conjoined and participle verbs."""
    verb = cue
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJ and child.dep_ != "csubj":
                # The subject of a small clause ("wants the issue resolved") is what the
                # clause is about; borrowed by a cue below it, it must be able to speak:
                # in "wants the issue resolved before agreeing to sign", "the issue" is not.
                small_clause = verb is not cue and verb.tag_ == "VBN"
                return None if small_clause and not _can_speak(child) else child
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _can_speak(token: Token) -> bool:
    return token.pos_ in ("PRON", "PROPN") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _phrase(head: Token) -> tuple[int, int]:
    """Char span of the noun phrase headed by `head`, without relative clauses and asides."""
    lo = hi = head.i
    stack = [head]
    seen = 0
    while stack and seen < MAX_SPEAKER_TOKENS * 2:
        tok = stack.pop()
        seen += 1
        for child in tok.children:
            if child.dep_ not in _SPEAKER_KEEP:
                continue
            if child.dep_ in ("prep", "conj", "appos") and child.i < head.i:
                continue
            if child.right_edge.i - head.i > MAX_SPEAKER_TOKENS or head.i - child.left_edge.i > 8:
                continue
            if child.dep_ == "punct":
                continue
            lo, hi = min(lo, child.i), max(hi, child.i)
            stack.append(child)
    doc = head.doc
    # No asides: stop at a comma inside the range (appositions after the name).
    for i in range(head.i + 1, hi + 1):
        if doc[i].dep_ == "punct":
            hi = i - 1
            break
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _core(head: Token) -> tuple[int, int]:
    """Name part of a speaker phrase: the head and its compounds ("Tass news agency")."""
    lo = head.i
    doc = head.doc
    while lo > 0 and doc[lo - 1].dep_ in ("compound", "flat", "amod") and doc[lo - 1].head.i >= lo:
        lo -= 1
    return doc[lo].idx, head.idx + len(head)


def _according(token: Token) -> Token | None:
    """The X of "according to X" when `token` is "according"."""
    if token.lower_ != "according":
        return None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    for child in list(nxt.children) + list(token.children):
        if child.dep_ == "pobj":
            return child
    if token.i + 2 < len(token.doc):
        return token.doc[token.i + 2]
    return None


def _indirect(tx: _Text, sent: Any) -> list[_Attribution]:
    """Cue verbs with a clausal complement, and "according to X" clauses, in one sentence."""
    found: list[_Attribution] = []
    if len(sent) > MAX_SENT_TOKENS:
        return found
    for tok in sent:
        source = _according(tok)
        if source is not None:
            clause = tok.head
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head
            ps, pe = tok.idx, source.right_edge.idx + len(source.right_edge)
            cs = clause.left_edge.idx if clause.i != tok.i else sent.start_char
            ce = clause.right_edge.idx + len(clause.right_edge)
            if clause.left_edge.i > tok.i or clause.i == tok.i:
                cs, ce = sent.start_char, sent.end_char
            if ps <= cs + 2:
                cs = pe
            elif pe >= ce - 2:
                ce = ps
            content = tx.trim(cs, ce)
            if content[1] - content[0] > 3:
                cue_span = (tok.idx, nxt_end(tok))
                found.append(_Attribution(tok, cue_span, source, content, "indirect"))
            continue
        if tok.pos_ in ("NOUN", "ADJ"):
            att = _nominal_cue(tx, tok)
            if att is not None:
                found.append(att)
            continue
        prep = _prep_cue(tok)
        if prep is not None:
            # "called for a ban", "voted against the bill": the preposition's object.
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                cs, ce = tx.trim(obj.left_edge.idx, _end(obj.right_edge))
                if ce - cs >= 2:
                    found.append(_Attribution(tok, (tok.idx, _end(prep)), _subject(tok), (cs, ce),
                                              "indirect"))
            continue
        kind = _cue_kind(tok)
        if kind is None:
            continue
        if kind == "seem":
            # "X appears to back the plan", "this seems like a fair idea": the writer's hedged
            # reading of X, the whole clause ("he seemed rattled" may come parsed as an aux).
            clause = tok.head if tok.dep_ in ("aux", "auxpass") and tok.head.i > tok.i else tok
            complemented = any(
                (c.dep_ in ("xcomp", "acomp", "ccomp", "oprd") and c.i > tok.i)
                or (c.dep_ == "prep" and c.lower_ == "like") for c in tok.children)
            if (clause is not tok or complemented) and clause.dep_ not in ("amod", "acl", "relcl"):
                cs, ce = tx.trim(clause.left_edge.idx, _end(clause.right_edge))
                if ce - cs >= 8:
                    found.append(_Attribution(tok, _cue_span(tok), None, (cs, ce), "indirect"))
            continue
        if kind == "regard":
            att = _regard(tx, tok)
            if att is not None:
                found.append(att)
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if comp is None:
            comp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        obj_end: int | None = None
        if comp is None and (kind in _OBJECT_KINDS or (
                kind == "speech" and tok.lemma_.lower() not in _ADDRESSEE_VERBS)) \
                and _that_after(tok) is None:
            # "X wants a deal", "the poll shows a tie", "X accused Y of lying": the object
            # (with what it is called or charged with) is what is attributed.
            comp = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i > tok.i),
                        None)
            if comp is not None:
                obj_end = _object_end(tok, comp)
        if comp is not None:
            cs, ce = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
            if obj_end is not None:
                ce = obj_end
            if comp.i < tok.i and comp.right_edge.i > tok.i:
                ce = tok.idx
        elif kind != "belief" and (that := _that_after(tok)) is not None:
            # A misparsed "said that …" (the parser took "that" as an object): the rest of
            # the cue's phrase is the content.
            cs, ce = that.idx, tok.right_edge.idx + len(tok.right_edge)
        elif tok.dep_ == "parataxis" and kind != "belief" and tok.head.i != tok.i:
            # "The talks, he said, went well": the cue is an aside inside its content.
            head = tok.head
            cs, ce = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
            if tok.left_edge.idx <= cs:
                cs = tok.right_edge.idx + len(tok.right_edge)
            elif tok.right_edge.idx + len(tok.right_edge) >= ce:
                ce = tok.left_edge.idx
            else:
                lead = next(t for t in tok.subtree if not t.is_punct)
                if tx.text[cs:lead.idx].rstrip(" ,").endswith(_CLOSERS):
                    # '"Too much hate," she said, blaming …': the rest is the writer's.
                    ce = lead.idx
        else:
            continue
        cs, ce = tx.trim(cs, ce)
        if tx.text[cs:cs + 5].lower() == "that ":
            cs += 5
        if ce - cs < 4:
            continue
        found.append(_Attribution(tok, _cue_span(tok), _subject(tok), (cs, ce), "indirect"))
    return found


_OBJECT_KINDS = {"report", "belief", "stance", "judge"}
# Speech verbs whose object is the person spoken to or the question, not what was said.
_ADDRESSEE_VERBS = {"tell", "ask", "inform", "advise", "assure", "warn", "urge", "caution",
                    "answer", "respond", "reply", "continue", "counter", "remind", "post"}
_DIRECT_KINDS = {"speech", "report", "judge"}
_OBJECT_PREPS = {"of", "for", "as", "over", "about"}


def _object_end(cue: Token, obj: Token) -> int:
    """End of an object and its secondary complements: 'called it a mistake', 'accused him of
    lying', 'described the plan as dead'."""
    end = _end(obj.right_edge)
    for child in cue.children:
        if child.i <= obj.i:
            continue
        if child.dep_ in ("oprd", "xcomp", "ccomp") or (
                child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS):
            end = max(end, _end(child.right_edge))
    return end


def _nominal_cue(tx: _Text, tok: Token) -> _Attribution | None:
    """Noun and adjective cues: "Trump's proposal to ban …", "support for the bill",
    "X is worried that …". The holder is the possessor, or the subject of the verb the noun
    is the object of ("voiced support for"), or of the copula ("X is worried")."""
    cues = lexicon().cues
    lemma = tok.lemma_.lower()
    comp: Token | None = None
    if tok.pos_ == "ADJ":
        if f"feeling:{lemma}" not in cues or tok.dep_ not in ("acomp", "amod"):
            return None
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        holder = _subject(tok.head) if tok.dep_ == "acomp" else None
    else:
        for child in tok.children:
            if child.i < tok.i:
                continue
            if child.dep_ == "prep" and f"noun:{lemma} {child.lower_}" in cues:
                comp = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            elif child.dep_ == "acl" and f"noun:{lemma}" in cues and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                comp = child
            if comp is not None:
                break
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder is None and tok.dep_ in ("dobj", "attr") and tok.head.pos_ == "VERB":
            holder = _subject(tok.head)
    if comp is None:
        return None
    cs, ce = tx.trim(comp.left_edge.idx, _end(comp.right_edge))
    if ce - cs < 2:
        return None
    if tx.text[cs:cs + 5].lower() == "that ":
        cs += 5
    return _Attribution(tok, (tok.idx, _end(tok)), holder, (cs, ce), "indirect")


def _regard(tx: _Text, tok: Token) -> _Attribution | None:
    """'X sees Y as Z' (Y as Z is X's view), and the passive 'Y is seen as Z' (a view the
    writer reports without its holder, unless a by-phrase names one)."""
    as_prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                    and c.i > tok.i), None)
    if as_prep is None:
        return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    holder: Token | None = None
    if passive:
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        holder = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        clause = tok
        while clause.dep_ in ("xcomp",) and clause.head.i != clause.i:
            clause = clause.head
        cs, ce = clause.left_edge.idx, _end(as_prep.right_edge)
    else:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        if obj is None:
            return None
        holder = _subject(tok)
        cs, ce = obj.left_edge.idx, _end(as_prep.right_edge)
    cs, ce = tx.trim(cs, ce)
    if ce - cs < 4:
        return None
    return _Attribution(tok, _cue_span(tok), holder, (cs, ce), "indirect")


def _prep_cue(tok: Token) -> Token | None:
    """The preposition of a verb-and-preposition cue ('call for', 'vote against'), if any."""
    if tok.pos_ != "VERB":
        return None
    cues = lexicon().cues
    lemma = tok.lemma_.lower()
    particle = next((f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"), None)
    for child in tok.children:
        if child.dep_ not in ("prep", "prt") or child.i <= tok.i:
            continue
        for stem in (lemma, particle):
            if stem is not None and cues.get(f"{stem} {child.lower_}") == "topic":
                return child
    return None


def _that_after(tok: Token) -> Token | None:
    doc = tok.doc
    i = tok.i + 1
    if i < len(doc) and doc[i].dep_ in ("dative", "dobj") and doc[i].pos_ in _NOMINAL:
        i += 1  # "told reporters that"
    if i + 2 < len(doc) and doc[i].lower_ == "that" and doc[i].tag_ == "IN":
        return doc[i] if doc[i].head.i <= tok.right_edge.i else None
    return None


def nxt_end(tok: Token) -> int:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else tok
    return nxt.idx + len(nxt)


def _direct_cue(tx: _Text, q: _Marked, quoted: list[_Marked]) -> Token | None:
    """The cue verb of a direct quote: nearest one outside quotes in its sentence frame."""
    doc = tx.doc
    os_, oe = q.outer
    first = tx.token_at(os_)
    last = tx.token_at(max(os_, oe - 1))
    s_open, s_close = doc[first].sent, doc[last].sent

    def outside(tok: Token) -> bool:
        return not any(m.outer[0] <= tok.idx < m.outer[1] for m in quoted)

    def para_break(a: int, b: int) -> bool:
        return "\n" in tx.text[a:b]

    after = [t for t in doc[last + 1:min(s_close.end, last + 1 + FRAME_TOKENS)] if t.idx >= oe]
    if not [t for t in after if not t.is_punct] and s_close.end < len(doc):
        nxt = doc[s_close.end].sent
        if len(nxt) <= 15 and not para_break(oe, nxt.start_char):
            after = list(nxt)
    before = [t for t in doc[max(s_open.start, first - FRAME_TOKENS):first + 1] if t.idx < os_]
    if not before and s_open.start > 0:
        prev = doc[s_open.start - 1].sent
        if prev.text.rstrip().endswith(":"):
            before = list(prev)[-FRAME_TOKENS:]
    before = [t for t in before if not para_break(t.idx, os_) or t.text == ":"]
    after = [t for t in after if not para_break(oe, t.idx)]
    best: tuple[int, Token] | None = None
    for dist, tok in enumerate(after):
        if outside(tok) and (_cue_kind(tok) in _DIRECT_KINDS or _according(tok)):
            best = (dist, tok)
            break
    for dist, tok in enumerate(reversed(before)):
        if best is not None and dist >= best[0]:
            break
        if outside(tok) and (_cue_kind(tok) in _DIRECT_KINDS or _according(tok)):
            best = (dist, tok)
            break
    return best[1] if best else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _sentence_like(tx: _Text, q: _Marked) -> bool:
    """A quote that stands as an utterance (not a title or a scare-quoted phrase)."""
    s, e = q.span
    words = tx.text[s:e].split()
    if len(words) < 3:
        return False
    if len(words) <= 8 and all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3
                               for w in words):
        return False  # a title ("The Walking Dead"), not an utterance
    before = tx.text[max(0, q.outer[0] - 200):q.outer[0]].rstrip(" \t")
    return not before or before[-1] in "\n.!?:;\"”»"


def find_quotes(
    doc: Doc,
    actors: ActorIndex | None = None,
    date_of: Callable[..., EventDate] | None = None,
) -> list[Quote]:
    """Direct, indirect and mixed quotations in `doc`, in text order."""
    tx = _Text(doc)
    marked = quote_spans(tx.text)
    indirect: list[_Attribution] = []
    for sent in doc.sents:
        indirect.extend(_indirect(tx, sent))
    # A cue inside someone's quote belongs to the quoted speech, not to the article.
    indirect = [a for a in indirect if a.cue is not None
                and not any(m.outer[0] <= a.cue.idx < m.outer[1] for m in marked)]

    result: list[_Attribution] = []
    claimed: dict[int, _Attribution] = {}  # quote index -> attribution that explains it
    for att in indirect:
        length = att.content[1] - att.content[0]
        inside = [(i, m) for i, m in enumerate(marked) if _overlap(att.content, m.outer) > 0]
        quoted = sum(_overlap(att.content, m.outer) for _, m in inside)
        if inside and quoted >= 0.5 * length:
            # The complement is itself the quote: a direct quote with this cue.
            for i, _m in inside:
                claimed.setdefault(i, att)
            continue
        if inside:
            att.kind = "mixed"
            for i, m in inside:
                if m.outer[0] >= att.content[0] - 1 and m.outer[1] <= att.content[1] + 1:
                    claimed[i] = att
        result.append(att)

    taken_cues: dict[int, _Attribution] = {}
    last_direct: _Attribution | None = None
    last_cued: _Attribution | None = None
    for i, q in enumerate(marked):
        owner = claimed.get(i)
        if owner is not None and owner.kind == "mixed":
            continue
        cue = owner.cue if owner is not None else _direct_cue(tx, q, marked)
        standalone = _sentence_like(tx, q)
        if cue is None and not standalone:
            continue
        if cue is not None and cue.i in taken_cues and taken_cues[cue.i].parts:
            prev = taken_cues[cue.i]
            # "…," he said, "…": one quote around its cue.
            if q.outer[0] > prev.content[1] and "\n" not in tx.text[prev.content[1]:q.outer[0]]:
                prev.parts.extend(q.parts)
                prev.content = (prev.content[0], q.span[1])
                continue
        if cue is not None and owner is None and not standalone and cue.i < tx.token_at(q.outer[0]):
            # A quoted fragment after its cue ('called the plan "a disaster"'): the quote is
            # part of what the cue reports, a mixed quote, or a scare quote if it is not.
            if not cue.left_edge.idx <= q.outer[0] < q.outer[1] <= _end(cue.right_edge) + 1:
                continue
            after = cue.doc[cue.i + 1]
            span = tx.trim(after.idx, _end(cue.right_edge))
            if span[1] - span[0] < q.span[1] - q.span[0]:
                continue
            result.append(_Attribution(cue, _cue_span(cue), _subject(cue), span, "mixed"))
            continue
        source = _according(cue) if cue is not None else None
        speaker = source if source is not None else (_subject(cue) if cue is not None else None)
        if cue is not None and source is None and (
                speaker is None or any(m.outer[0] <= speaker.idx < m.outer[1] for m in marked)):
            speaker = _beside(tx, q, cue)
        if cue is None and last_cued is not None and _follows(tx, last_cued, q):
            # '"A," said X. "B."': the quote goes on after its attribution, one quotation.
            last_cued.parts.extend(q.parts)
            last_cued.content = (last_cued.content[0], q.span[1])
            continue
        if cue is None:
            cue_span = None
            if last_direct is not None and _continues(tx, last_direct, q):
                # News style: a paragraph that is only a quote, right after a paragraph that
                # ended with an attributed quote, goes on with the same speaker.
                cue, cue_span, speaker = last_direct.cue, last_direct.cue_span, last_direct.speaker
        elif source is not None:
            cue_span = (cue.idx, nxt_end(cue))
        else:
            cue_span = _cue_span(cue)
        new = _Attribution(cue, cue_span, speaker, q.span, "direct", parts=list(q.parts))
        if cue is not None:
            taken_cues[cue.i] = new
            last_cued = new
        if speaker is not None:
            last_direct = new
        result.append(new)
    result.extend(_headlines(tx, marked))

    quotes = [_record(tx, a, actors, date_of) for a in result]
    unique: dict[tuple[int, int], Quote] = {}
    # Where two readings give the same span, keep the direct one that names a speaker.
    for quote in sorted(quotes, key=lambda x: (x.content_span, x.kind != "direct",
                                              x.speaker_text is None)):
        unique.setdefault(quote.content_span, quote)
    return list(unique.values())


def _beside(tx: _Text, q: _Marked, cue: Token) -> Token | None:
    """A speaker the parse did not attach to the cue: the noun phrase between the quote and
    its cue ('"…," Smith, a lawyer, tells …') or right after it ('"…," said the woman, who …')."""
    doc = tx.doc
    if cue.idx >= q.outer[1]:
        window = [t for t in doc[tx.token_at(q.outer[1]):cue.i] if t.idx >= q.outer[1]]
        if not window:
            window = list(doc[cue.i + 1:min(cue.i + 8, cue.sent.end)])
    else:
        window = list(doc[cue.i + 1:min(cue.i + 8, cue.sent.end)])
    for tok in window:
        if tok.text in (",", ";", ":") and any(t.pos_ in ("PROPN", "NOUN") for t in window
                                               if t.i < tok.i):
            break
        if tok.idx >= q.outer[0] and tok.idx < q.outer[1]:
            break
        if tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in _PRONOUNS:
            nxt = tok.i + 1
            if nxt < len(doc) and doc[nxt].pos_ in ("PROPN", "NOUN") and nxt != cue.i \
                    and any(t.i == nxt for t in window):
                continue  # the head is the last word of a name ("Brent Bozell")
            return tok
    return None


def _end(tok: Token) -> int:
    return int(tok.idx + len(tok))


def _follows(tx: _Text, prev: _Attribution, q: _Marked) -> bool:
    """Whether `q` goes on, in the same paragraph, from the direct quote `prev` right after
    the clause that attributes it ('"A," said X, a spokesman. "B."')."""
    if prev.kind != "direct" or prev.cue is None or not prev.parts:
        return False
    gap_start = prev.content[1]
    if q.outer[0] <= gap_start or not gap_start <= prev.cue.idx < q.outer[0]:
        return False
    gap = tx.text[gap_start:q.outer[0]]
    if "\n" in gap or len(gap.split()) > 30:
        return False
    # Only the attribution clause lies between: the quote opens in the cue's sentence or the
    # one right after it.
    sent = prev.cue.sent
    if q.outer[0] < sent.end_char:
        return True
    between = tx.doc[sent.end:tx.token_at(q.outer[0])]
    # A name cut off by an abbreviation's full stop ("said Lt. Tyler Livingston.") still
    # belongs to the attribution; a new clause does not.
    return len(between) <= 12 and all(t.pos_ not in ("VERB", "AUX") for t in between)


def _continues(tx: _Text, prev: _Attribution, q: _Marked) -> bool:
    """Whether `q` is a whole paragraph right after the paragraph that ended with `prev`."""
    text = tx.text
    line_start = text.rfind("\n", 0, q.outer[0]) + 1
    line_end = text.find("\n", q.outer[1])
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:q.outer[0]].strip() or text[q.outer[1]:line_end].strip(" .,!?\t"):
        return False
    gap = text[max(prev.content[1], _end(prev.cue) if prev.cue is not None else 0):line_start]
    gap = gap.strip(" \t.,!?\"”’")
    if gap.count("\n") > 0 and gap.strip():
        return False
    tail = gap.strip()
    return len(tail.split()) <= 8 and "\n" not in tail


_HEADLINE = re.compile(r"^([^\n:]{2,40}):\s+(\S[^\n]{8,300})$", re.M)


def _headlines(tx: _Text, marked: list[_Marked]) -> list[_Attribution]:
    """Headline attributions: 'Trump: "We will win"' (a name, a colon, what they said)."""
    found = []
    for m in _HEADLINE.finditer(tx.text[:200_000]):
        first, last = tx.token_at(m.start(1)), tx.token_at(m.end(1) - 1)
        names = tx.doc[first:last + 1]
        if len(names) > 5 or not all(t.pos_ in ("PROPN", "PART") or t.ent_type_ for t in names):
            continue
        if not any(t.pos_ == "PROPN" for t in names):
            continue
        content = tx.trim(m.start(2), m.end(2))
        if any(_overlap(content, q.outer) and q.outer[0] < content[0] - 2 for q in marked):
            continue
        head = names.root
        kind = "direct" if tx.text[m.start(2)] in "\"“‘'" else "indirect"
        found.append(_Attribution(None, (m.end(1), m.end(1) + 1), head, content, kind))
    return found


def _speaker(tx: _Text, head: Token | None, actors: ActorIndex | None
             ) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(actor id, text, span) of the speaker phrase headed by `head`."""
    if head is None:
        return None, None, None
    low = head.lower_
    if low in _PRONOUNS or low in _RELATIVE or low in _FIRST_SECOND:
        span = (head.idx, head.idx + len(head))
        actor: Actor | None = None
        if actors is not None:
            if low in _PRONOUNS:
                actor = actors.pronoun(head)
            elif low in _RELATIVE and head.head.dep_ == "relcl":
                antecedent = head.head.head
                actor = actors.at(*_core(antecedent)) or actors.at(*_phrase(antecedent))
        return (actor.id if actor else None), head.text, span
    span = _phrase(head)
    actor = None
    if actors is not None:
        actor = actors.at(*_core(head)) or actors.at(*span)
    return (actor.id if actor else None), tx.text[span[0]:span[1]], span


def _relay(tx: _Text, att: _Attribution, actors: ActorIndex | None, speaker: str | None
           ) -> str | None:
    """The actor that carried the words: "in remarks carried by TASS", "told Reuters"."""
    if actors is None or att.cue is None:
        return None
    cue = att.cue
    sent = cue.sent
    lo, hi = att.content
    window_start = sent.start_char
    text = tx.text
    lower = text.lower()
    for phrase in lexicon().relays:
        start = window_start
        while True:
            at = lower.find(phrase, start, sent.end_char)
            if at < 0:
                break
            start = at + 1
            if lo <= at < hi or (at > 0 and lower[at - 1].isalnum()):
                continue
            if phrase == "according to" and att.speaker is not None and att.speaker.lower_ in (
                    "according",):
                continue
            rest = tx.token_at(at + len(phrase) + 1)
            toks = []
            for t in tx.doc[rest:min(rest + 8, sent.end)]:
                if t.is_punct or (lo <= t.idx < hi):
                    break
                toks.append(t)
            if not toks:
                continue
            actor = actors.at(toks[0].idx, toks[-1].idx + len(toks[-1]))
            if actor is not None and actor.id != speaker:
                return actor.id
    if cue.lemma_.lower() == "tell":
        for child in cue.children:
            if child.dep_ in ("dobj", "dative", "iobj"):
                actor = actors.at(*_phrase(child))
                if actor is not None and actor.sector == "MED" and actor.id != speaker:
                    return actor.id
    return None


def _record(tx: _Text, att: _Attribution, actors: ActorIndex | None,
            date_of: Callable[..., EventDate] | None) -> Quote:
    speaker, speaker_text, speaker_span = _speaker(tx, att.speaker, actors)
    if att.parts:
        content = " ".join(tx.text[s:e].strip() for s, e in att.parts)
    else:
        content = tx.text[att.content[0]:att.content[1]]
    date: str | None = None
    fallback = False
    if date_of is not None:
        anchor = att.cue.sent if att.cue is not None else tx.doc[tx.token_at(att.content[0])].sent
        when = date_of(anchor.start_char, anchor.end_char, exclude=att.content)
        date, fallback = when.value, when.fallback
    return Quote(
        speaker=speaker,
        speaker_text=speaker_text,
        speaker_span=speaker_span,
        cue=tx.text[att.cue_span[0]:att.cue_span[1]] if att.cue_span else None,
        cue_span=att.cue_span,
        content=content,
        content_span=att.content,
        kind=att.kind,
        via=_relay(tx, att, actors, speaker),
        date=date,
        date_fallback=fallback,
        cue_kind=_cue_class(att),
    )


def _cue_class(att: _Attribution) -> str | None:
    """What kind of attribution the cue makes: speech, report, belief, topic, noun, ..."""
    if att.cue is None:
        return "speech" if att.kind == "direct" else None  # a headline "Name: ..."
    if _according(att.cue) is not None:
        return "speech"
    kind = _cue_kind(att.cue)
    if kind is not None:
        return kind
    cues, lemma = lexicon().cues, att.cue.lemma_.lower()
    return next((k for k in _NOMINAL_KINDS if f"{k}:{lemma}" in cues), None)
