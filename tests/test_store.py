"""The store: idempotent, one transaction per article, versioned, searchable."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.errors import StoreError
from storyline.pipeline import analyze_text, ingest, reprocess
from storyline.read import Document
from storyline.records import Time
from storyline.store import SCHEMA_VERSION, Store

ARTICLE = (
    "Talks on fishing rights resume\nApril 2, 2019\n\n"
    "Negotiators from Norway and Iceland met in Oslo on Monday to resume talks on fishing "
    "rights in the North Atlantic, the Norwegian foreign ministry said.\n\n"
    "The talks broke down in January over mackerel quotas.\n"
)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    return folder


def test_ingesting_the_same_page_twice_adds_nothing(nlp, tmp_path, corpus):
    with Store(tmp_path / "s.db") as store:
        first = ingest([str(corpus)], store)
        second = ingest([str(corpus)], store)
        assert (first.new, first.duplicate) == (2, 0)
        assert (second.new, second.duplicate) == (0, 2)
        assert store.count() == 2


def test_same_text_under_another_name_is_a_duplicate(nlp, tmp_path, corpus):
    (corpus / "copy.txt").write_text(ARTICLE.upper())  # case does not make a new article
    with Store(tmp_path / "s.db") as store:
        summary = ingest([str(corpus)], store)
    assert (summary.new, summary.duplicate) == (2, 1)


def test_schema_version_and_wal(tmp_path):
    Store(tmp_path / "s.db").close()
    db = sqlite3.connect(tmp_path / "s.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "s.db")


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    (tmp_path / "junk.db").write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable storyline database"):
        Store(tmp_path / "junk.db")


def test_a_failure_while_writing_leaves_no_half_article(nlp, tmp_path):
    analysis = analyze_text(ARTICLE)
    analysis.times.append(Time("Monday", (0, 6), "DATE", "2019-04-01"))
    store = Store(tmp_path / "s.db")
    real = store.db

    class FailingFacts:
        """Lets the article row through, then fails on the first fact table."""

        def __getattr__(self, name):
            return getattr(real, name)

        def executemany(self, sql, *args):
            raise sqlite3.OperationalError("disk I/O error (simulated)")

    store.db = FailingFacts()  # type: ignore[assignment]
    with pytest.raises(sqlite3.OperationalError):
        store.put(analysis, Document("x", "text", ARTICLE), "hash", "test")
    store.db = real
    assert store.count() == 0


def test_reprocess_keeps_ids_and_replaces_facts(nlp, tmp_path, corpus):
    with Store(tmp_path / "s.db") as store:
        ingest([str(corpus)], store)
        before = sorted(a["id"] for a in store.articles())
        assert reprocess(store) == 2
        after = sorted(a["id"] for a in store.articles())
        assert before == after
        stored = store.article(before[0])
        assert stored is not None and stored["article"]["title"] == "Talks on fishing rights resume"


def test_reprocess_through_the_same_store_counts_each_article_once(nlp, tmp_path, corpus):
    from storyline import link

    def sizes(store):  # the grouping profile counts the articles a story has taken in
        return sorted(row["size"] for row in store.link_stories() if row["size"])

    with Store(tmp_path / "s.db") as store:
        ingest([str(corpus)], store)
        before = sizes(store)
        reprocess(store)
        assert sizes(store) == before and sum(before) == 2
        assert sum(len(s.article_ids) for s in link.stories(store)) == 2


def test_full_text_search_and_prefix_lookup(nlp, tmp_path, corpus):
    with Store(tmp_path / "s.db") as store:
        ingest([str(corpus)], store)
        hits = list(store.articles(search="mackerel"))
        assert len(hits) == 2
        [tuesday] = store.articles(search="tuesday")
        assert tuesday["title"] == "Talks on fishing rights resume"
        one = hits[0]["id"]
        assert store.article(one[:8])["article"]["id"] == one
        with pytest.raises(StoreError, match="bad search query"):
            list(store.articles(search='"unbalanced'))


def test_reprocess_rebuilds_stories_from_the_new_facts(nlp, tmp_path, corpus):
    from storyline import link

    with Store(tmp_path / "s.db") as store:
        ingest([str(corpus)], store)
        before = [(s.title, sorted(s.article_ids)) for s in link.stories(store)]
        reprocess(store)
        after = [(s.title, sorted(s.article_ids)) for s in link.stories(store)]
        assert before and after == before
        linked = store.db.execute("SELECT count(*) FROM link_articles").fetchone()[0]
        assert linked == store.count()


def test_story_ids_resolve_from_a_unique_prefix_only(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.link_write([], [{"id": i, "size": 1} for i in ("s-ab_1", "s-abc", "s-xyz")],
                         [], [])
        assert store.story_id("s-abc") == "s-abc"  # exact, though also a prefix of none
        assert store.story_id("s-x") == "s-xyz"
        assert store.story_id("s-ab") is None  # two stories start so
        assert store.story_id("s-ab_") == "s-ab_1"  # "_" is no wildcard
        assert store.story_id("S-XYZ") is None and store.story_id("nothing") is None
