"""PLOVER event coding against the team's hand-coded gold sentences (benchmarks/gold/).

The gold file keeps references and codes only: corpus, document id, the sentence's character
span in the text the reader of benchmarks/corpora.py returns, and the events coded by hand
(type, actors, recipients, status, date). Each gold document is analysed with the pipeline;
the system events whose sentence span overlaps a gold sentence are scored against it.

Figures: type accuracy (gold events paired with a system event of the same type in the same
sentence, over all gold events), actor, recipient, status and date accuracy (over those
pairs), the false-event rate (share of no-event gold sentences where the system codes any
event) and the unmatched system events per gold event sentence.

    python -m benchmarks.events [--limit N]     # score
    python -m benchmarks.events --show-gold     # print each gold sentence beside its codes
    python -m benchmarks.events --gold test     # the held-out set (gate name "events:gold=test")
    python -m benchmarks.events --agreement     # a second coder against the dev set: the ceiling
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.records import Actor, Event, EventDate

from ._shared import DATA

GOLD = Path(__file__).with_name("gold") / "events.jsonl"
# The held-out test set: coded like the dev set, never looked at sentence by sentence when
# tuning the coder (benchmarks/gold/README.md). `--gold test` scores it as "events:gold=test".
GOLD_SETS = {"dev": GOLD, "test": GOLD.with_name("events_test.jsonl")}
# A second coder's independent codes for a sample of the dev sentences (gold README).
SECOND_CODER = GOLD.with_name("events_second_coder.jsonl")

TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST "
    "ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
STATUSES = frozenset("asserted planned proposed hypothetical negated historical".split())
CORPORA = ("reuters", "timeline17", "polnear")


# --- gold ---------------------------------------------------------------------------------


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _polnear_date(name: str) -> str | None:
    """PolNeAR names carry the publication date: `<source>_<YYYY-MM-DD>_<slug>`."""
    m = re.search(r"_(\d{4}-\d\d-\d\d)_", name)
    return m.group(1) if m else None


def documents(wanted: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, str, str | None]]:
    """(corpus, doc id, text, published) of the wanted documents, read as the gold was made."""
    from . import corpora

    wanted = set(wanted)
    by_corpus: dict[str, set[str]] = {}
    for corpus, doc in wanted:
        by_corpus.setdefault(corpus, set()).add(doc)
    if ids := by_corpus.get("reuters"):
        for item in corpora.reuters():
            if item["id"] in ids:
                yield "reuters", item["id"], item["text"], item["published"]
    if ids := by_corpus.get("timeline17"):
        topics = {doc.split("/", 1)[0] for doc in ids}
        for topic in corpora.timeline17_topics():
            if topic.name not in topics:
                continue
            articles, _ = corpora.timeline17(topic)
            for art in articles:
                doc = f"{topic.name}/{art['id']}"
                if doc in ids:
                    yield "timeline17", doc, art["text"], art["published"]
    if ids := by_corpus.get("polnear"):
        for split in sorted({doc.split("/", 1)[0] for doc in ids}):
            for name, text, _ in corpora.polnear(split):
                doc = f"{split}/{name}"
                if doc in ids:
                    yield "polnear", doc, text, _polnear_date(name)


def problems(line: dict, text: str | None = None) -> list[str]:
    """What is wrong with one gold line (empty when it is well-formed)."""
    out = []
    if line.get("corpus") not in CORPORA:
        out.append(f"corpus {line.get('corpus')!r}")
    if not isinstance(line.get("doc"), str) or not line["doc"]:
        out.append("doc")
    span = line.get("span")
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) for v in span)
            and 0 <= span[0] < span[1]):
        out.append(f"span {span!r}")
    elif text is not None:
        if span[1] > len(text):
            out.append("span beyond the text")
        else:
            out.extend(_sentence_problems(text, span[0], span[1]))
    for ev in line.get("events") or []:
        if ev.get("type") not in TYPES:
            out.append(f"type {ev.get('type')!r}")
        if ev.get("status") not in STATUSES:
            out.append(f"status {ev.get('status')!r}")
        d = ev.get("date")
        if d is not None and not (isinstance(d, str) and re.match(r"^\d{4}", d)):
            out.append(f"date {d!r}")
        for role in ("actor", "recipient"):
            for a in ev.get(role, []):
                if not isinstance(a.get("name"), str) or not a["name"]:
                    out.append(f"{role} without name")
                c = a.get("country")
                if c is not None and not re.fullmatch(r"[A-Z]{3}", c):
                    out.append(f"{role} country {c!r}")
    if not isinstance(line.get("events"), list):
        out.append("events")
    return out


_END = re.compile(r"""[.!?](?:["'”’)\]]|\s*["”’])?$""")


def _sentence_problems(text: str, start: int, end: int) -> list[str]:
    """A gold span must be one whole sentence: trimmed, starting a sentence, ending one."""
    sent = text[start:end]
    out = []
    if sent != sent.strip():
        out.append("span has surrounding whitespace")
    if not re.match(r"""^["'“‘(\[]?\s*[A-Z0-9]""", sent):
        out.append("span does not start a sentence")
    if not _END.search(sent):
        out.append("span does not end a sentence")
    # A wire dateline ("WASHINGTON (Reuters) -", "NEW YORK, Dec. 14 (UPI) —") opens a sentence.
    before = text[:start].rstrip()
    if before and not re.search(r"""[.!?:"'”’)\]\-—–]$""", before) and "\n" not in text[
        len(before) : start
    ]:
        out.append("span starts inside a sentence")
    return out


# --- matching -----------------------------------------------------------------------------

_STOP = {"the", "of", "a", "an", "and", "for", "in", "on", "'s"}


def _tokens(name: str) -> tuple[str, ...]:
    name = name.lower().replace("’", "'").replace("'s ", " ")
    return tuple(t for t in re.findall(r"[\w.&-]+", name) if t not in _STOP and t != ".")


def _names_agree(a: str, b: str) -> bool:
    """Same name, or one is a part of the other ("Yeutter" / "Clayton Yeutter")."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return set(short) <= set(long_)


def actor_matches(gold: dict, system: Actor) -> bool:
    """A system actor is the gold one when a name or alias agrees, or, for a gold state
    actor (one given a country), when the system actor belongs to the same country."""
    gold_names = [gold["name"], *gold.get("aliases", [])]
    sys_names = [system.name, *system.aliases]
    if any(_names_agree(g, s) for g in gold_names for s in sys_names):
        return True
    country = gold.get("country")
    return bool(country) and system.country == country


def actors_match(gold: list[dict], system: list[Actor]) -> bool:
    """Every gold actor is found among the system's (a compound needs all its members)."""
    return all(any(actor_matches(g, s) for s in system) for g in gold)


def timex_interval(value: str) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 date value (year, month, day, ISO week, weekend)."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
            y, w = int(m[1]), int(m[2])
            first = date.fromisocalendar(y, w, 6 if m[3] else 1)
            return first, date.fromisocalendar(y, w, 7)
        if m := re.fullmatch(r"(\d{4})", value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    return None


def date_matches(gold: str, system: EventDate | None) -> bool:
    """Equal TIMEX3 values, or the gold date lies within the system's interval."""
    if system is None:
        return False
    if system.value == gold:
        return True
    g = timex_interval(gold)
    if g is None:
        return False
    try:
        start = date.fromisoformat(system.start[:10]) if system.start else None
        end = date.fromisoformat(system.end[:10]) if system.end else None
    except ValueError:
        return False
    if start is None or end is None:
        interval = timex_interval(system.value)
        if interval is None:
            return False
        start, end = interval
    return start <= g[0] and g[1] <= end


# --- scoring ------------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    gold_events: int = 0
    typed: int = 0  # gold events paired with a system event of the same type
    actor_total: int = 0
    actor_ok: int = 0
    recipient_total: int = 0
    recipient_ok: int = 0
    status_ok: int = 0
    date_total: int = 0
    date_ok: int = 0
    empty_sentences: int = 0
    false_sentences: int = 0
    event_sentences: int = 0
    extra_events: int = 0
    # per gold type: [gold events, typed, missed with no system event in the sentence]
    by_type: dict[str, list[int]] = field(default_factory=dict)

    def figures(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "type_accuracy": share(self.typed, self.gold_events),
            "actor_accuracy": share(self.actor_ok, self.actor_total),
            "recipient_accuracy": share(self.recipient_ok, self.recipient_total),
            "status_accuracy": share(self.status_ok, self.typed),
            "date_accuracy": share(self.date_ok, self.date_total),
            "false_event_rate": share(self.false_sentences, self.empty_sentences),
            "extra_events_per_sentence": share(self.extra_events, self.event_sentences),
            "gold_events": self.gold_events,
            "gold_sentences": self.event_sentences + self.empty_sentences,
        }


def _overlaps(a: tuple[int, int] | list[int], b: tuple[int, int] | list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_sentence(tally: Tally, gold_events: list[dict], system: list[Event],
                   actors: dict[str, Actor]) -> None:
    """Add one gold sentence to the tally; `system` holds the events coded in that sentence."""
    if not gold_events:
        tally.empty_sentences += 1
        tally.false_sentences += bool(system)
        return
    tally.event_sentences += 1
    tally.gold_events += len(gold_events)

    def resolve(ids: list[str]) -> list[Actor]:
        return [actors[i] for i in ids if i in actors]

    # Pair same-type events, preferring the system event whose actors agree most.
    free = list(system)
    for g in gold_events:
        row = tally.by_type.setdefault(g["type"], [0, 0, 0])
        row[0] += 1
        candidates = [e for e in free if e.type == g["type"]]
        if not candidates:
            row[2] += not system
            continue
        row[1] += 1
        best = max(candidates, key=lambda e: (
            actors_match(g["actor"], resolve(e.actor)) if g["actor"] else False,
            actors_match(g["recipient"], resolve(e.recipient)) if g["recipient"] else False,
            e.status == g["status"],
        ))
        free.remove(best)
        tally.typed += 1
        if g["actor"]:
            tally.actor_total += 1
            tally.actor_ok += actors_match(g["actor"], resolve(best.actor))
        if g["recipient"]:
            tally.recipient_total += 1
            tally.recipient_ok += actors_match(g["recipient"], resolve(best.recipient))
        tally.status_ok += best.status == g["status"]
        if g.get("date"):
            tally.date_total += 1
            tally.date_ok += date_matches(g["date"], best.date)
    tally.extra_events += len(free)


def score_document(tally: Tally, gold_lines: list[dict], events: list[Event],
                   actors: list[Actor]) -> None:
    by_id = {a.id: a for a in actors}
    for line in gold_lines:
        inside = [e for e in events if _overlaps(e.sentence_span, line["span"])]
        score_sentence(tally, line["events"], inside, by_id)


def run(limit: int | None = None, gold: str = "dev", by_type: bool = False) -> dict[str, float]:
    """Analyse the documents of a gold set (the first `limit` of them); return the figures.

    With `by_type`, print first how each gold type fared: found with the right type, or
    missed with no event at all coded in its sentence (the rest got another type).
    """
    from storyline.pipeline import analyze_text

    gold_lines = load_gold(GOLD_SETS[gold])
    lines_by_doc: dict[tuple[str, str], list[dict]] = {}
    for line in gold_lines:
        lines_by_doc.setdefault((line["corpus"], line["doc"]), []).append(line)
    wanted = list(lines_by_doc)[:limit] if limit is not None else list(lines_by_doc)
    tally = Tally()
    for corpus, doc, text, published in documents(wanted):
        analysis = analyze_text(text, published=published, keep_text=True)
        score_document(tally, lines_by_doc[(corpus, doc)], analysis.events, analysis.actors)
    if by_type:
        print(f"{'type':<12}{'gold':>6}{'found':>7}{'no event':>10}{'other type':>12}")
        for name, (n, found, none) in sorted(tally.by_type.items(), key=lambda kv: -kv[1][0]):
            print(f"{name:<12}{n:>6}{found:>7}{none:>10}{n - found - none:>12}")
    return tally.figures()


def agreement(first: Path = GOLD, second: Path = SECOND_CODER) -> dict[str, float]:
    """The figures `run` prints, with the second coder's codes in the system's place: how far
    two people coding by the same scheme agree, the ceiling the coder is measured against.

    Only types and the false-event rate: they need no actor resolution, and the pairing is
    the scorer's (same type, same sentence, each event used once)."""
    firsts = {(g["corpus"], g["doc"], tuple(g["span"])): g["events"] for g in load_gold(first)}
    gold_events = typed = empty = false = sentences = 0
    for line in load_gold(second):
        key = (line["corpus"], line["doc"], tuple(line["span"]))
        if key not in firsts:
            continue
        sentences += 1
        theirs = Counter(e["type"] for e in line["events"])
        if not firsts[key]:
            empty += 1
            false += bool(theirs)
            continue
        gold_events += len(firsts[key])
        for ev in firsts[key]:
            if theirs[ev["type"]] > 0:
                theirs[ev["type"]] -= 1
                typed += 1
    return {
        "type_accuracy": typed / gold_events if gold_events else 0.0,
        "false_event_rate": false / empty if empty else 0.0,
        "gold_events": gold_events,
        "gold_sentences": sentences,
    }


# --- audit --------------------------------------------------------------------------------


def _who(actors: list[dict]) -> str:
    return " + ".join(a["name"] + (f"/{a['country']}" if a.get("country") else "")
                      for a in actors) or "-"


def show_gold(gold_path: Path = GOLD, out=sys.stdout) -> int:
    """Print each gold sentence (read from ../shared) beside its codes; count bad lines."""
    gold = load_gold(gold_path)
    texts = {(c, d): t for c, d, t, _ in documents({(g["corpus"], g["doc"]) for g in gold})}
    bad = 0
    for line in gold:
        text = texts.get((line["corpus"], line["doc"]))
        issues = problems(line, text) if text is not None else ["document not found"]
        bad += bool(issues)
        s, e = line["span"]
        sentence = " ".join(text[s:e].split()) if text is not None else "?"
        print(f"{line['corpus']} {line['doc']} [{s}:{e}]", file=out)
        print(f"  {sentence}", file=out)
        for ev in line["events"] or [{"type": None}]:
            if ev["type"] is None:
                print("  -> no event", file=out)
                continue
            print(f"  -> {ev['type']} {_who(ev['actor'])} > {_who(ev['recipient'])} "
                  f"{ev['status']} {ev.get('date') or '-'}", file=out)
        for issue in issues:
            print(f"  !! {issue}", file=out)
    print(f"{len(gold)} sentences, {bad} with problems", file=out)
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only N gold documents")
    parser.add_argument("--show-gold", action="store_true",
                        help="print the gold sentences with their codes and check the spans")
    parser.add_argument("--gold", choices=sorted(GOLD_SETS), default="dev",
                        help="dev: events.jsonl (default); test: the held-out events_test.jsonl")
    parser.add_argument("--agreement", action="store_true",
                        help="score the second coder's codes against the dev set instead")
    parser.add_argument("--by-type", action="store_true",
                        help="also print, per gold type, how many were found or missed")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (the development corpora live in ../shared/data)")
        return 0
    gold_path = GOLD_SETS[args.gold]
    if args.show_gold:
        return 1 if show_gold(gold_path) else 0
    if args.agreement:
        for name, value in agreement().items():
            print(f"{name:<32} {value:.4f}" if isinstance(value, float) else f"{name:<32} {value}")
        return 0
    from .gate import key, report

    return report(key("events", gold=None if args.gold == "dev" else args.gold),
                  run(args.limit, args.gold, args.by_type))


if __name__ == "__main__":
    sys.exit(main())
