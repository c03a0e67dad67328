"""Story grouping on a mixture of Timeline17 topics: B-cubed against "one story per topic".

Articles of several Timeline17 collections are interleaved in publication order, as a news
stream would bring them, and ingested into a temporary store (stories grow online, batch by
batch, as in any ingest). The gold grouping is one story per real-world topic: the
directories of one topic from different outlets (bpoil_bbc, bpoil_reuters, ...) are the same
story, so gold groups by the name before the underscore.

Figures: B-cubed precision, recall and F1 (Bagga & Baldwin 1998; per article: the share of
its story that shares its topic, and the share of its topic that shares its story; averaged
over articles), stories found against gold, and the share of articles left alone in a story.

    python -m benchmarks.stories [--topics N] [--articles-per-topic N] [--db PATH]

With --db the store is kept at PATH; when PATH already holds the articles, they are only
grouped again (stories cleared and rebuilt in the same order), which takes seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from ._shared import DATA, write_feed
from .corpora import timeline17, timeline17_topics
from .gate import key, report

PER_TOPIC = 40  # articles per collection, taken evenly over time


def spread(items: list[dict], n: int | None) -> list[dict]:
    """`n` of `items` taken evenly over their publication dates (all when n is None)."""
    items = sorted(items, key=lambda a: (a["published"], a["id"]))
    if n is None or len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def mixture(topics: list[Path], per_topic: int | None) -> tuple[list[dict], dict[str, str]]:
    """The articles of `topics` in publication order, and the gold topic of each id."""
    stream: list[dict] = []
    gold: dict[str, str] = {}
    for topic in topics:
        articles, _ = timeline17(topic)
        for a in spread(articles, per_topic):
            # Ids are only unique within a collection; hashed like the pipeline's own ids.
            aid = hashlib.sha1(f"{topic.name}/{a['id']}".encode()).hexdigest()[:16]
            stream.append({**a, "id": aid})
            gold[aid] = topic.name.split("_")[0]
    stream.sort(key=lambda a: (a["published"], a["id"]))
    return stream, gold


def bcubed(found: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed (precision, recall) of a clustering `found` (item -> cluster) against `gold`."""
    items = [i for i in found if i in gold]
    if not items:
        return 0.0, 0.0
    clusters: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    for i in items:
        clusters[found[i]].add(i)
        classes[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        both = len(clusters[found[i]] & classes[gold[i]])
        p += both / len(clusters[found[i]])
        r += both / len(classes[gold[i]])
    return p / len(items), r / len(items)


def regroup(store_path: Path, order: list[str]) -> None:
    """Forget the stories of a kept store and group its articles again in `order`."""
    from storyline import link
    from storyline.pipeline import BATCH, batched
    from storyline.store import Store

    with Store(store_path) as store:
        link.clear(store)
        stored = {a["id"] for a in store.articles()}
        for chunk in batched([i for i in order if i in stored], BATCH):
            link.update(store, chunk)


def run(topics: int | None = None, per_topic: int | None = PER_TOPIC,
        db: Path | None = None) -> dict[str, float]:
    from storyline import link
    from storyline.pipeline import ingest
    from storyline.store import Store

    stream, gold = mixture(timeline17_topics()[:topics], per_topic)
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "stories.db"
        if db is not None and db.exists():
            regroup(db, [a["id"] for a in stream])
        else:
            feed = write_feed(Path(tmp) / "articles.jsonl", stream)
            with Store(path) as store:
                ingest([str(feed)], store)
        with Store(path) as store:
            found = {aid: s.id for s in link.stories(store) for aid in s.article_ids}
    seconds = time.time() - started
    p, r = bcubed(found, gold)
    sizes = Counter(found.values())
    kept = [i for i in found if i in gold]
    per_gold: dict[str, Counter[str]] = defaultdict(Counter)
    for i in kept:
        per_gold[gold[i]][found[i]] += 1
    for name, spreadout in sorted(per_gold.items()):
        total = sum(spreadout.values())
        print(f"{name}: {total} articles in {len(spreadout)} stories, the largest holding "
              f"{spreadout.most_common(1)[0][1]}", file=sys.stderr)
    print(f"{len(stream)} articles read, {len(kept)} grouped in {seconds:.0f}s",
          file=sys.stderr)
    return {
        "bcubed_precision": round(p, 4),
        "bcubed_recall": round(r, 4),
        "bcubed_f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        "stories_found": len({found[i] for i in kept}),
        "stories_gold": len(set(gold.values())),
        "singleton_share": round(sum(1 for i in kept if sizes[found[i]] == 1)
                                 / max(1, len(kept)), 4),
        "articles": len(kept),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=None, help="only the first N collections")
    parser.add_argument("--articles-per-topic", type=int, default=PER_TOPIC,
                        help="articles per collection, taken evenly over time (0: all)")
    parser.add_argument("--db", type=Path, default=None,
                        help="keep the store here; regroup only when it exists")
    args = parser.parse_args(argv)
    root = DATA / "timeline17"
    if not root.is_dir() or not timeline17_topics(root):
        print(f"skipped: {root} is absent (the development corpora live in ../shared/data)")
        return 0
    figures = run(args.topics, args.articles_per_topic or None, args.db)
    per_topic = None if args.articles_per_topic == PER_TOPIC else args.articles_per_topic
    return report(key("stories", topics=args.topics, per_topic=per_topic), figures)


if __name__ == "__main__":
    sys.exit(main())
