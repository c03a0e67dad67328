"""The orchestrator: read → clean → annotate → extract (→ store), for one or many inputs.

Per-article work is independent, so `analyze_many` batches articles through spaCy inside
a memory zone (the vocabulary does not grow over a long run) and `ingest` can spread the
batches over worker processes, one model load each, with this process as the only writer.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from . import annotate, link
from ._version import __version__
from .clean import clean, content_hash
from .errors import StorylineError
from .extract import extract
from .read import Document, Item, Skipped, read
from .records import Analysis, Article, Quality
from .store import Store

PIPELINE_VERSION = __version__
BATCH = 32
MAX_INPUT_CHARS = 2 * annotate.MAX_CHARS  # room for the furniture the cleaner removes
T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """itertools.batched, which Python 3.11 lacks."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


@dataclass(slots=True)
class Prepared:
    """A cleaned article waiting for the parser, with the input it came from."""

    article: Article
    document: Document
    content_hash: str


def prepare(
    doc: Document, published: str | None = None, keep_text: bool = False
) -> Prepared | Skipped:
    if published:  # kept with the raw input, so that `reprocess` dates it the same way
        doc.meta = {**doc.meta, "published": published}
    source = doc
    if len(doc.content) > MAX_INPUT_CHARS:
        # Cleaning and parsing would only be cut later: cut first, keep the whole raw input.
        cut = doc.content.rfind("\n", 0, MAX_INPUT_CHARS)
        source = replace(doc, content=doc.content[: cut if cut > 0 else MAX_INPUT_CHARS])
    try:
        article = clean(source, keep_text=keep_text)
    except (ValueError, RecursionError, MemoryError) as exc:
        return Skipped(doc.origin, f"cannot clean ({type(exc).__name__}: {exc})")
    if source is not doc:
        article.warnings.append(
            f"input of {len(doc.content):,} characters cut to its first "
            f"{len(source.content):,} for analysis (the whole input is kept in the store)"
        )
    if not article.text.strip():
        return Skipped(doc.origin, "no article text after cleaning")
    if len(article.text) > annotate.MAX_CHARS:
        cut = article.text.rfind("\n", 0, annotate.MAX_CHARS)
        article.text = article.text[: cut if cut > 0 else annotate.MAX_CHARS]
        article.warnings.append(
            f"text cut to its first {len(article.text):,} characters for analysis "
            "(the whole input is kept in the store)"
        )
    return Prepared(article, doc, content_hash(article.text))


def analyze_prepared(items: list[Prepared], model: str | None = None) -> list[Analysis]:
    """Parse and extract a batch; the docs live only inside the memory zone."""
    with annotate.memory_zone(model):
        docs = annotate.pipe((p.article.text for p in items), model, batch_size=BATCH)
        analyses = [extract(doc, p.article) for doc, p in zip(docs, items, strict=True)]
    for analysis in analyses:
        analysis.article.quality = Quality(**link.quality(analysis.to_dict()))
    return analyses


def analyze_many(
    items: Iterable[Item], published: str | None = None, keep_text: bool = False,
    model: str | None = None,
) -> Iterator[Analysis | Skipped]:
    """Analyses (or reasons for skipping) in input order."""
    for batch in batched(items, BATCH):
        prepared: list[Prepared | Skipped] = [
            i if isinstance(i, Skipped) else prepare(i, published, keep_text) for i in batch
        ]
        ready = [p for p in prepared if isinstance(p, Prepared)]
        done = iter(analyze_prepared(ready, model)) if ready else iter(())
        for p in prepared:
            yield p if isinstance(p, Skipped) else next(done)


def analyze_text(
    text: str, published: str | None = None, keep_text: bool = False,
    model: str | None = None, html: bool = False, **meta: object,
) -> Analysis:
    """Analyse one text (or HTML page): the Python form of `storyline analyze`.

    Example: ``analyze_text("Putin met Abe in Sochi on Friday.", published="2016-05-07")``
    """
    doc = Document("<text>", "html" if html else "text", text, dict(meta))
    result = next(analyze_many([doc], published, keep_text, model))
    if isinstance(result, Skipped):
        raise StorylineError(result.reason)
    return result


# --- ingest -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Summary:
    """What an ingest did: counts and the one-line reason for every skipped input."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for s in self.skipped if s.error)

    def line(self) -> str:
        return (
            f"read {self.read}, new {self.new}, duplicate {self.duplicate}, "
            f"skipped {len(self.skipped)}"
        )


def ingest(
    paths: Iterable[str], store: Store, workers: int = 1, model: str | None = None,
    published: str | None = None, progress: Callable[[int], None] | None = None,
    scheduler: str | None = None,
) -> Summary:
    """Read, analyse and store everything under `paths`; each article in one transaction."""
    summary = Summary()
    local = workers <= 1 and scheduler is None
    model_id = annotate.model_name(annotate.load(model)) if local else model
    # Ids and content hashes of articles read but not yet written (in flight to workers).
    pending: set[str] = set()

    def batches() -> Iterator[list[Prepared]]:
        for chunk in batched(read(paths), BATCH):
            ready = []
            for item in chunk:
                summary.read += 1
                if isinstance(item, Skipped):
                    summary.skipped.append(item)
                    continue
                p = prepare(item, published)
                if isinstance(p, Skipped):
                    summary.skipped.append(p)
                elif ({p.article.id, p.content_hash} & pending
                      or store.find(p.article.id, p.content_hash)):
                    summary.duplicate += 1
                else:
                    pending.update((p.article.id, p.content_hash))
                    ready.append(p)
            if progress:
                progress(len(chunk))
            if ready:
                yield ready

    def write(prepared: list[Prepared], analyses: list[Analysis]) -> None:
        for p, analysis in zip(prepared, analyses, strict=True):
            store.put(analysis, p.document, p.content_hash, PIPELINE_VERSION, model_id)
            pending.difference_update((p.article.id, p.content_hash))
            summary.new += 1
        # Stories grow online, batch by batch, from the compact records just written.
        link.update(store, [p.article.id for p in prepared])

    if workers <= 1 and scheduler is None:
        for prepared in batches():
            write(prepared, analyze_prepared(prepared, model))
        return summary

    # Bounded window of batches in flight: reading never runs far ahead of the workers,
    # and this process stays the only writer.
    with _executor(workers, scheduler, model) as (submit, slots):
        window: deque[tuple[list[Prepared], Any]] = deque()
        for prepared in batches():
            window.append((prepared, submit(analyze_prepared, prepared, model)))
            while len(window) >= 2 * slots:
                done, future = window.popleft()
                write(done, future.result())
        while window:
            done, future = window.popleft()
            write(done, future.result())
    return summary


@contextlib.contextmanager
def _executor(
    workers: int, scheduler: str | None, model: str | None
) -> Iterator[tuple[Callable[..., Any], int]]:
    """(submit, parallel slots) on local processes or on a Dask cluster."""
    if scheduler is None:
        with ProcessPoolExecutor(workers, initializer=annotate.load, initargs=(model,)) as pool:
            yield pool.submit, workers
        return
    try:
        from dask.distributed import Client
    except ImportError:
        raise StorylineError(
            "--scheduler needs Dask: pip install 'storyline[dask]'"
        ) from None
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise StorylineError(f"cannot reach Dask scheduler {scheduler}: {exc}") from None
    with client:
        slots = max(1, sum(client.nthreads().values()))
        # Each worker loads the model once (annotate.load is cached per process).
        yield (lambda fn, *args: client.submit(fn, *args, pure=False)), slots


def reprocess(store: Store, model: str | None = None,
              progress: Callable[[int], None] | None = None) -> int:
    """Re-run clean and extraction over every stored input; ids stay what they were."""
    count = 0
    model_id = annotate.model_name(annotate.load(model))
    # Stories and merged events are rebuilt from the new facts, in the original order.
    link.clear(store)
    for chunk in batched(store.raw_documents(), BATCH):
        prepared = []
        for article_id, _, doc in chunk:
            p = prepare(doc)
            if isinstance(p, Prepared):
                p.article.id = article_id
                prepared.append(p)
        for p, analysis in zip(prepared, analyze_prepared(prepared, model), strict=True):
            store.put(analysis, p.document, p.content_hash, PIPELINE_VERSION, model_id)
            count += 1
        link.update(store, [p.article.id for p in prepared])
        if progress:
            progress(len(chunk))
    return count
