"""Ingest spread over worker processes or a Dask cluster gives what one process gives."""

from __future__ import annotations

import pytest

from storyline.pipeline import ingest
from storyline.store import Store

TEXT = (
    "Ferry service resumes\nMay 2, 2021\n\n"
    "Greece and Turkey agreed on {day} to resume the ferry service between their islands, "
    "the two governments said.\n"
)


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "in"
    path.mkdir()
    for day in ("Monday", "Tuesday", "Wednesday"):
        (path / f"{day}.txt").write_text(TEXT.format(day=day))
    (path / "again.txt").write_text(TEXT.format(day="Monday"))
    return path


def _stored(store):
    return sorted((a["id"], a["title"]) for a in store.articles())


def test_worker_processes_store_the_same_articles(nlp, tmp_path, folder):
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        serial = ingest([str(folder)], one)
        parallel = ingest([str(folder)], two, workers=2)
        assert (parallel.new, parallel.duplicate) == (serial.new, serial.duplicate) == (3, 1)
        assert _stored(one) == _stored(two)


@pytest.mark.slow
def test_dask_scheduler_stores_the_same_articles(nlp, tmp_path, folder):
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Store(tmp_path / "dask.db") as store:
        summary = ingest([str(folder)], store, scheduler=cluster.scheduler_address)
        assert (summary.new, summary.duplicate) == (3, 1)
        assert len(_stored(store)) == 3


def test_the_same_text_under_two_ids_in_one_batch_is_stored_once(nlp, tmp_path):
    path = tmp_path / "feed.jsonl"
    line = '{{"id": "{}", "text": "Chile and Peru signed a fishing accord on Monday."}}\n'
    path.write_text(line.format("a") + line.format("b"))
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            summary = ingest([str(path)], store, workers=workers)
            assert (summary.new, summary.duplicate) == (1, 1), workers
