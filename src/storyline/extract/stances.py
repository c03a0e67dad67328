"""Stances: an actor's position on an issue, dated, with an issue key shared across articles.

Patterns (over the dependency parse, words in ``data/stances_words.tsv``):

* "X wants/insists on/proposes A [before B]": the complement is the position;
* "X's position/stance has not changed [and that A]": "unchanged", with A when given;
* "X will not A unless B": "not A unless B".

The issue key is built from the position's main noun phrases, normalised and sorted
("kuril islands / peace treaty"), so two articles stating the same dispute share it.

Example::

    find_stances(doc, actors, quotes, events, date_of)[0].issue   # "kuril islands / peace treaty"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import Event, EventDate, Quote, Stance
from . import events as ev

DATA = Path(__file__).with_name("data")
MAX_POSITION_WORDS = 30
MAX_ISSUE_TERMS = 3
MAX_STANCES_PER_SENTENCE = 2
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"“”‘’«»\[\]]")


@dataclass(frozen=True)
class _Words:
    want: frozenset[str]
    position: frozenset[str]
    generic: frozenset[str]
    issue: frozenset[str]
    agreement: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    roles: dict[str, set[str]] = {}
    for line in (DATA / "stances_words.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, role = line.split("\t")[:2]
            roles.setdefault(role.strip(), set()).add(word.strip())
    return _Words(*(frozenset(roles.get(r, ())) for r in
                    ("want", "position", "generic", "issue", "agreement")))


def find_stances(
    doc: Any,
    actors: ev.ActorIndex,
    quotes: Sequence[Quote],
    events: Sequence[Event],
    date_of: Callable[[int, int], EventDate],
) -> list[Stance]:
    """Positions stated in one article, in text order."""
    # The stances' statement date falls back on the publication date as the events' do.
    published = next((e.date.value for e in events if e.date.fallback), None)
    ctx = ev._context(doc, actors, (), published, date_of)
    words = _words()
    out: list[Stance] = []
    for sent in doc.sents:
        if len(sent) > ev.LONG_SENTENCE:
            continue  # run-ons and flattened tables: no reliable clause structure
        found: list[Stance] = []
        for tok in sent:
            stance = _stance(ctx, tok, words, quotes, out[-1].issue if out else "")
            if stance is not None and all(s.position != stance.position for s in found):
                found.append(stance)
        out.extend(found[:MAX_STANCES_PER_SENTENCE])
    return out


def _stance(
    ctx: ev._Ctx, tok: Any, words: _Words, quotes: Sequence[Quote], last_issue: str
) -> Stance | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in words.want:
        content = _wanted(tok)
        if content is None:
            return None
        actors, _ = ev._subjects(ctx, tok)
        position = _normalise(content)
        anchor = tok
    elif tok.pos_ == "VERB" and lemma in ("change", "remain") and _unchanged(tok, words):
        subj = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
        actors = ev._participants(ctx, subj) or ev._speaker(ctx, tok)
        more = [c for c in tok.children if c.dep_ == "conj"]
        position = "unchanged"
        if more:
            position += ": " + _normalise(list(more[0].subtree))
        content = list(tok.subtree)
        anchor = tok
    elif tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in tok.children):
        cond = next((c for c in tok.children if c.dep_ == "advcl" and
                     any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark")), None)
        if cond is None:
            return None
        actors, _ = ev._subjects(ctx, tok)
        head = [t for t in tok.subtree if t.i not in {x.i for x in cond.subtree}
                and t.dep_ not in ("nsubj", "punct") and t.i >= tok.i]
        content = head + list(cond.subtree)
        position = "not " + _normalise(head) + " unless " + _normalise(
            [t for t in cond.subtree if t.lower_ != "unless"])
        anchor = tok
    else:
        return None
    if not actors:
        actors = _quoted_speaker(tok, quotes)
    if not actors:
        return None
    issue = _issue(ctx, content, words)
    if not issue and position == "unchanged":
        issue = last_issue  # "its stance has not changed": on the issue just discussed
    if not issue or not position:
        return None
    sent = tok.sent
    date = ev._date(ctx, tok, anchor, "asserted", False, speech=True)
    return Stance(actor=actors[0], issue=issue, position=position, date=date.value,
                  span=(sent.start_char, sent.end_char))


def _wanted(verb: Any) -> list[Any] | None:
    """What a verb of wanting asks for: its clause, infinitive, object or "on"-phrase."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            return list(child.subtree)
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return list(child.subtree)
        if child.dep_ == "prep" and child.lower_ in ("on", "for"):
            return [t for t in child.subtree if t is not child]
    return None


def _unchanged(tok: Any, words: _Words) -> bool:
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in words.position:
        return False
    if tok.lemma_.lower() == "change":
        return any(c.dep_ == "neg" for c in tok.children)
    return any(c.lower_ in ("unchanged", "firm", "same") for c in tok.children)


def _normalise(tokens: Iterable[Any]) -> str:
    """A short position sentence: the words in order, without quotes, capped in length."""
    toks = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    toks = [t for t in toks if not (t.is_punct and t.i == toks[-1].i)]
    while toks and toks[0].dep_ in ("mark", "aux") and toks[0].lower_ in ("to", "that"):
        toks = toks[1:]  # "wants to sign" -> "sign"; "proposed that ..." -> "..."
    text = "".join(t.text_with_ws for t in toks[:MAX_POSITION_WORDS])
    text = _SPACES.sub(" ", _QUOTES.sub("", text)).strip(" ,;:-")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _issue(ctx: ev._Ctx, content: Sequence[Any], words: _Words) -> str:
    """Sorted main noun phrases of a position: places and named things, agreements, issues."""
    terms: list[str] = []
    for tok in content:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
            continue
        term = _term(ctx, tok, words)
        if term and term not in terms:
            terms.append(term)
    return " / ".join(sorted(terms)[:MAX_ISSUE_TERMS])


def _term(ctx: ev._Ctx, tok: Any, words: _Words) -> str | None:
    lemma = tok.lemma_.lower()
    mods = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if lemma in words.generic and mods:
        # "the Kuril Islands dispute" is about the Kuril Islands
        head = mods[-1]
        return _term(ctx, head, words) or None
    if lemma in words.agreement:
        kind = next((m.lemma_.lower() for m in mods), None) or _earlier_kind(ctx, tok, words)
        return f"{kind} treaty" if kind == "peace" else (f"{kind} {lemma}" if kind else None)
    proper = [t for t in (*mods, tok) if t.pos_ == "PROPN"]
    if proper:
        actor = ctx.actors.actor_of_token(tok)
        if actor is not None and actor.kind != "place":
            return None  # a party to the issue, not the issue
        return " ".join(t.text for t in (*mods, tok)).lower()
    if lemma in words.issue:
        return lemma
    if tok.tag_ == "NNS" or lemma.endswith("s"):
        # "the islands" after "the Kuril Islands": the named thing they stand for
        return _earlier_name(ctx, tok)
    return None


def _earlier_kind(ctx: ev._Ctx, tok: Any, words: _Words) -> str | None:
    """The modifier of the last agreement named before `tok` ("peace" for "any treaties")."""
    for prev in reversed(ctx.doc[: tok.i]):
        if prev.lemma_.lower() in words.agreement:
            mods = [c for c in prev.children if c.dep_ == "compound" and c.i < prev.i]
            if mods:
                return str(mods[-1].lemma_.lower())
    return None


def _earlier_name(ctx: ev._Ctx, tok: Any) -> str | None:
    names = {tok.lemma_.lower(), tok.lower_}
    for prev in reversed(ctx.doc[: tok.i]):
        if prev.pos_ == "PROPN" and (prev.lemma_.lower() in names or prev.lower_ in names):
            parts = [c for c in prev.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            return " ".join(t.text for t in (*parts, prev)).lower()
    return None


def _quoted_speaker(tok: Any, quotes: Sequence[Quote]) -> list[str]:
    for q in quotes:
        if q.speaker and q.content_span[0] <= tok.idx < q.content_span[1]:
            return [q.speaker]
    return []
