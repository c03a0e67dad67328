"""Timeline summarisation on Timeline17: date F1 and date-aligned ROUGE-1/2 (news-tls protocol).

For each topic in ../shared/data/timeline17, its articles are ingested (publication date =
`dct`) into a temporary store; for each gold timeline we ask for as many dates as it has,
each summarised in as many sentences as its entries have on average, within the gold
timeline's span (as news-tls does for Timeline17). Scores, as in Ghalandari & Ifrim (ACL
2020) with the tilse metrics of Martschat & Markert (EACL 2017):

* date F1: predicted dates against gold dates;
* AR-1, AR-2: "align+ m:1" ROUGE: every predicted date is aligned to the gold date that
  minimises (1 - 1/(1+|days|)) * (1 - approx. ROUGE-1 F), and vice versa for recall; aligned
  n-gram matches are discounted by 1/(1+|days|), micro-averaged over dates. ROUGE counts come
  from the rouge-score package (Porter stemming) with stop words removed (spaCy's English
  list), close to ROUGE-1.5.5 with -s as tilse runs it.

Precision and recall are averaged over timelines and F1 taken from the averages.
Published (DATEWISE, all of Timeline17): date F1 0.544, AR1 0.120, AR2 0.035.

    python -m benchmarks.timeline [--topics N] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ._shared import DATA, write_feed
from .corpora import timeline17, timeline17_topics
from .gate import key, report

PUBLISHED = {"date_f1": 0.544, "ar1_f1": 0.120, "ar2_f1": 0.035}


@lru_cache(maxsize=1)
def _tokenizer() -> tuple[Any, frozenset[str]]:
    from nltk.stem import porter  # the stemmer rouge-score itself uses
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list, not a model

    return porter.PorterStemmer(), frozenset(STOP_WORDS)


def _tokens(text: str) -> list[str]:
    from rouge_score import tokenize

    stemmer, stop = _tokenizer()
    words = [w for w in tokenize.tokenize(text, None) if w not in stop]
    return [stemmer.stem(w) if len(w) > 3 else w for w in words]


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    from rouge_score.rouge_scorer import _create_ngrams

    return Counter(_create_ngrams(tokens, n))


def _approx_r1(pred: list[str], ref: list[str]) -> float:
    p, r = Counter(pred), Counter(ref)
    match = sum(min(c, r[t]) for t, c in p.items())
    if not match:
        return 0.0
    prec, rec = match / sum(p.values()), match / sum(r.values())
    return 2 * prec * rec / (prec + rec)


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _aligned(
    ours: list[date], theirs: list[date], our_grams: dict[date, Counter[tuple[str, ...]]],
    their_grams: dict[date, Counter[tuple[str, ...]]], cost: Callable[[date, date], float],
) -> float:
    """Each of our dates against its cheapest date of theirs: n-gram overlap discounted by
    the distance in days, over our n-grams (precision one way, recall the other)."""
    num = den = 0.0
    for a in ours:
        if theirs:
            b = min(theirs, key=lambda x: cost(a, x))
            overlap = sum(min(c, their_grams[b][t]) for t, c in our_grams[a].items())
            num += overlap / (abs((a - b).days) + 1)
        den += sum(our_grams[a].values())
    return num / den if den else 0.0


def aligned_rouge(pred: dict[date, str], gold: dict[date, str]) -> dict[str, tuple[float, float]]:
    """"align+ m:1" ROUGE-1/2 (precision, recall) of one predicted timeline against one gold."""
    ptok = {d: _tokens(t) for d, t in pred.items()}
    gtok = {d: _tokens(t) for d, t in gold.items()}
    pdates, gdates = sorted(pred), sorted(gold)

    def cost(dp: date, dg: date) -> float:
        return (1 - 1 / (abs((dp - dg).days) + 1)) * (1 - _approx_r1(ptok[dp], gtok[dg]))

    out = {}
    for n in (1, 2):
        pg = {d: _ngrams(t, n) for d, t in ptok.items()}
        gg = {d: _ngrams(t, n) for d, t in gtok.items()}
        precision = _aligned(pdates, gdates, pg, gg, cost)
        recall = _aligned(gdates, pdates, gg, pg, lambda g, p: cost(p, g))
        out[f"ar{n}"] = (precision, recall)
    return out


def _gold(entries: list[dict]) -> tuple[dict[date, str], float]:
    """Gold summaries by date, and the mean number of sentences per date."""
    by_date: dict[date, list[str]] = {}
    for e in entries:
        sents = [s for s in re.split(r"\s{2,}", e["text"].strip()) if s.strip()]
        by_date.setdefault(date.fromisoformat(e["date"][:10]), []).extend(sents)
    mean = sum(len(s) for s in by_date.values()) / max(1, len(by_date))
    return {d: " ".join(s) for d, s in by_date.items()}, mean


def run(topics: int | None = None, limit: int | None = None) -> dict[str, float]:
    """Average date and aligned-ROUGE figures over the gold timelines of the first `topics`."""
    from storyline import link
    from storyline.pipeline import ingest
    from storyline.store import Store

    sums: dict[str, float] = defaultdict(float)
    count = 0
    for topic in timeline17_topics()[:topics]:
        articles, timelines = timeline17(topic)
        articles = articles[:limit]
        started = time.time()
        with tempfile.TemporaryDirectory() as tmp:
            path = write_feed(Path(tmp) / "articles.jsonl", articles)
            store = Store(Path(tmp) / "t.db")
            ingest([str(path)], store)  # links each batch as it stores it
            for gold_path, entries in timelines:
                gold, mean = _gold(entries)
                start, end = min(gold).isoformat(), max(gold).isoformat()
                entries_pred = link.timeline(store, None, dates=len(gold),
                                             sentences=max(1, round(mean)), start=start, end=end)
                pred = {date.fromisoformat(e.date[:10]): e.text for e in entries_pred}
                shared = len(set(pred) & set(gold))
                sums["date_p"] += shared / len(pred) if pred else 0.0
                sums["date_r"] += shared / len(gold)
                for name, (p, r) in aligned_rouge(pred, gold).items():
                    sums[f"{name}_p"] += p
                    sums[f"{name}_r"] += r
                count += 1
                print(f"{topic.name}/{gold_path.name}: {len(articles)} articles, "
                      f"{len(pred)}/{len(gold)} dates, {shared} shared, "
                      f"{time.time() - started:.0f}s", file=sys.stderr)
            store.close()
    if not count:
        return {}
    figures: dict[str, float] = {}
    for name in ("date", "ar1", "ar2"):
        p, r = sums[f"{name}_p"] / count, sums[f"{name}_r"] / count
        figures[f"{name}_f1"] = round(_f(p, r), 4)
        figures[f"{name}_p"] = round(p, 4)
        figures[f"{name}_r"] = round(r, 4)
    figures["timelines"] = float(count)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=None, help="only the first N topics")
    parser.add_argument("--limit", type=int, default=None, help="only N articles per topic")
    args = parser.parse_args(argv)
    root = DATA / "timeline17"
    if not root.is_dir() or not timeline17_topics(root):
        print(f"skipped: {root} is absent (the development corpora live in ../shared/data)")
        return 0
    figures = run(args.topics, args.limit)
    for name, value in PUBLISHED.items():
        print(f"# published DATEWISE {name}: {value}")
    return report(key("timeline", topics=args.topics, limit=args.limit), figures)


if __name__ == "__main__":
    sys.exit(main())
