"""Store: one SQLite file (WAL) holding articles, their raw input and every extracted fact.

One transaction per article, so a crash or a bad input never leaves half an article.
Each fact is kept as its record's JSON (`data`) next to the few columns that queries
filter on. The schema is versioned with `PRAGMA user_version`; `MIGRATIONS[i]` brings a
database from version i to i + 1.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import StoreError
from .read import Document
from .records import Analysis, Source

MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        url TEXT, title TEXT, published TEXT, source TEXT, language TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL,            -- the Article record as JSON
        origin TEXT,
        raw BLOB NOT NULL,             -- zlib-compressed input, for `reprocess`
        pipeline_version TEXT NOT NULL,
        model TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_published ON articles(published);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, actor_id TEXT, name TEXT, kind TEXT, country TEXT, sector TEXT,
        data TEXT NOT NULL, PRIMARY KEY (article_id, idx));
    CREATE INDEX actors_actor ON actors(actor_id);
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, type TEXT, value TEXT,
        data TEXT NOT NULL, PRIMARY KEY (article_id, idx));
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, speaker TEXT, kind TEXT, date TEXT,
        data TEXT NOT NULL, PRIMARY KEY (article_id, idx));
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, event_id TEXT, type TEXT, status TEXT,
        date_start TEXT, date_end TEXT,
        data TEXT NOT NULL, PRIMARY KEY (article_id, idx));
    CREATE INDEX events_type ON events(type);
    CREATE TABLE stances (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, actor TEXT, issue TEXT, date TEXT,
        data TEXT NOT NULL, PRIMARY KEY (article_id, idx));
    CREATE INDEX stances_issue ON stances(issue);
    """,
    # link stage: stories (membership in link_articles.story_id), merged events and their
    # mentions, per-article quality and the compact record the online grouping works on.
    """
    CREATE TABLE link_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT, published TEXT, quality REAL,
        data TEXT NOT NULL);           -- compact record: keys, actors, offtopic spans
    CREATE INDEX link_articles_story ON link_articles(story_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT, start TEXT, end TEXT, size INTEGER NOT NULL,
        data TEXT NOT NULL);           -- profile: key weights, actors, issues
    CREATE TABLE merged_events (
        id TEXT PRIMARY KEY, type TEXT, status TEXT, date_start TEXT, date_end TEXT,
        precision TEXT, data TEXT NOT NULL);
    CREATE INDEX merged_events_lookup ON merged_events(type, date_start);
    CREATE TABLE event_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, event_id TEXT NOT NULL, weight REAL NOT NULL,
        PRIMARY KEY (article_id, idx));
    CREATE INDEX event_mentions_event ON event_mentions(event_id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# Fact tables and the record fields copied into their query columns.
FACTS: dict[str, tuple[tuple[str, str], ...]] = {
    "actors": (("actor_id", "id"), ("name", "name"), ("kind", "kind"),
               ("country", "country"), ("sector", "sector")),
    "times": (("type", "type"), ("value", "value")),
    "quotes": (("speaker", "speaker"), ("kind", "kind"), ("date", "date")),
    "events": (("event_id", "id"), ("type", "type"), ("status", "status"),
               ("date_start", "date.start"), ("date_end", "date.end")),
    "stances": (("actor", "actor"), ("issue", "issue"), ("date", "date")),
}


def _field(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


class Store:
    """A storyline database. `Store(path)` creates or migrates it as needed."""

    def __init__(self, path: str | Path = "storyline.db") -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable storyline database ({exc})") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this storyline "
                f"({SCHEMA_VERSION}); upgrade storyline"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    def transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------

    def find(self, article_id: str, content_hash: str) -> str | None:
        """Id of a stored article with this id or this content, if any."""
        row = self.db.execute(
            "SELECT id FROM articles WHERE id = ? OR content_hash = ? LIMIT 1",
            (article_id, content_hash),
        ).fetchone()
        return row["id"] if row else None

    def put(
        self, analysis: Analysis, raw: Document, content_hash: str, version: str,
        model: str | None = None,
    ) -> None:
        """Write one article and all its facts in one transaction, replacing older ones."""
        article = analysis.article
        data = article.to_dict()
        data.pop("text")
        with self.transaction():
            self.db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            self.db.execute(
                "INSERT INTO articles (id, content_hash, url, title, published, source, "
                "language, text, data, origin, raw, pipeline_version, model, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, content_hash, article.url, article.title, article.published,
                    article.source, article.language, article.text,
                    json.dumps(data, ensure_ascii=False), article.origin, raw.raw(), version,
                    model, datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            for table, columns in FACTS.items():
                records = [r.to_dict() for r in getattr(analysis, table)]
                if not records:
                    continue
                names = ", ".join(c for c, _ in columns)
                marks = ", ".join("?" * (len(columns) + 3))
                self.db.executemany(
                    f"INSERT INTO {table} (article_id, idx, {names}, data) VALUES ({marks})",
                    [
                        (article.id, i, *(_field(r, path) for _, path in columns),
                         json.dumps(r, ensure_ascii=False))
                        for i, r in enumerate(records)
                    ],
                )

    # --- reading ------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self, search: str | None = None) -> Iterator[dict[str, Any]]:
        """Article summaries in publication order, optionally matching an FTS5 query."""
        if search:
            sql = (
                "SELECT a.id, a.published, a.source, a.title, a.url, a.pipeline_version "
                "FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
                "WHERE articles_fts MATCH ? ORDER BY a.published, a.id"
            )
            try:
                rows = self.db.execute(sql, (search,))
            except sqlite3.OperationalError as exc:
                raise StoreError(f"bad search query {search!r} ({exc})") from None
        else:
            rows = self.db.execute(
                "SELECT id, published, source, title, url, pipeline_version "
                "FROM articles ORDER BY published, id"
            )
        for row in rows:
            yield dict(row)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored `analyze` answer of one article (an id prefix of 6+ chars is enough)."""
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 6:
            rows = self.db.execute(
                "SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        article = json.loads(row["data"])
        article["text"] = row["text"]
        out: dict[str, Any] = {"article": article}
        for table in FACTS:
            out[table] = [
                json.loads(r["data"])
                for r in self.db.execute(
                    f"SELECT data FROM {table} WHERE article_id = ? ORDER BY idx", (row["id"],)
                )
            ]
        return out

    def facts(self, table: str) -> Iterator[dict[str, Any]]:
        """Every record of one kind, each with the id of its article."""
        if table == "articles":
            for row in self.db.execute("SELECT data, text FROM articles ORDER BY published, id"):
                record = json.loads(row["data"])
                record["text"] = row["text"]
                yield record
            return
        if table not in FACTS:
            raise StoreError(f"unknown kind {table!r}; one of: articles, {', '.join(FACTS)}")
        for row in self.db.execute(
            f"SELECT article_id, data FROM {table} ORDER BY article_id, idx"
        ):
            record = json.loads(row["data"])
            yield {"article_id": row["article_id"], **record}

    def raw_documents(self) -> Iterator[tuple[str, str, Document]]:
        """(id, content hash, input) of every stored article, for reprocessing.

        Ids are listed first and each input fetched on its own, so that rewriting articles
        while iterating is safe and memory stays flat.
        """
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY rowid")]
        for article_id in ids:
            row = self.db.execute(
                "SELECT content_hash, origin, raw FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is not None:
                yield article_id, row["content_hash"], Document.from_raw(row["origin"], row["raw"])

    # --- link stage ---------------------------------------------------------------------

    def link_clear(self) -> None:
        """Forget every story and merged event, so that they can be rebuilt from scratch."""
        with self.transaction():
            for table in ("event_mentions", "merged_events", "link_articles", "stories"):
                self.db.execute(f"DELETE FROM {table}")

    def link_pending(self, article_ids: list[str]) -> list[str]:
        """Those of `article_ids` that are stored but not yet linked."""
        out = []
        for article_id in article_ids:
            row = self.db.execute(
                "SELECT a.id, l.article_id FROM articles a LEFT JOIN link_articles l "
                "ON l.article_id = a.id WHERE a.id = ?", (article_id,),
            ).fetchone()
            if row is not None and row[1] is None:
                out.append(article_id)
        return out

    def link_articles(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Compact link records {article_id, story_id, published, quality, **data}."""
        sql = "SELECT article_id, story_id, published, quality, data FROM link_articles"
        rows = (
            self.db.execute(sql + " WHERE story_id = ? ORDER BY published, article_id",
                            (story_id,))
            if story_id is not None
            else self.db.execute(sql + " ORDER BY published, article_id")
        )
        for row in rows:
            yield {**json.loads(row["data"]), "article_id": row["article_id"],
                   "story_id": row["story_id"], "published": row["published"],
                   "quality": row["quality"]}

    def link_members(self) -> Iterator[tuple[str, str]]:
        """(article id, story id) of every linked article, in link_articles order."""
        for row in self.db.execute(
            "SELECT article_id, story_id FROM link_articles ORDER BY published, article_id"
        ):
            yield row[0], row[1]

    def story_id(self, prefix: str) -> str | None:
        """The id of the story with this id, else of the one story whose id starts so."""
        row = self.db.execute("SELECT id FROM stories WHERE id = ?", (prefix,)).fetchone()
        if row is None:
            # substr, not LIKE: ids may hold "_" and the match must keep case
            rows = self.db.execute(
                "SELECT id FROM stories WHERE substr(id, 1, ?) = ? LIMIT 2",
                (len(prefix), prefix),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return str(row[0]) if row else None

    def _linked(self, select: str, story_id: str | None, order: bool = True) -> sqlite3.Cursor:
        """Rows of link_articles `l` (joined to articles `a`), of one story or all."""
        sql = f"SELECT {select} FROM link_articles l JOIN articles a ON a.id = l.article_id"
        args: tuple[str, ...] = ()
        if story_id is not None:
            sql, args = sql + " WHERE l.story_id = ?", (story_id,)
        return self.db.execute(sql + (" ORDER BY l.published, l.article_id" if order else ""),
                               args)

    def link_sources(self, story_id: str | None = None) -> dict[str, Source]:
        """Article id -> the Source (id, publisher, URL) its link record names."""
        return {
            row[0]: Source(row[0], row[1], row[2])
            for row in self._linked("l.article_id, json_extract(l.data, '$.source'), "
                                    "json_extract(l.data, '$.url')", story_id, order=False)
        }

    def link_texts(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Linked articles in link order, each as {article_id, published, quality, source,
        url, offtopic, text}: what timelines read, one article at a time."""
        for row in self._linked(
            "l.article_id, l.published, l.quality, json_extract(l.data, '$.source'), "
            "json_extract(l.data, '$.url'), json_extract(l.data, '$.offtopic'), a.text",
            story_id,
        ):
            yield {"article_id": row[0], "published": row[1], "quality": row[2],
                   "source": row[3], "url": row[4],
                   "offtopic": json.loads(row[5]) if row[5] else [], "text": row[6]}

    def dated_times(self, article_id: str) -> list[dict[str, Any]]:
        """An article's DATE expressions (not times, durations or sets), in text order."""
        return [
            json.loads(r[0]) for r in self.db.execute(
                "SELECT data FROM times WHERE article_id = ? AND type = 'DATE' ORDER BY idx",
                (article_id,),
            )
        ]

    def event_starts(self, article_id: str) -> list[int]:
        """Where each of an article's events' sentences starts (0 when it has none)."""
        return [
            int(r[0] or 0) for r in self.db.execute(
                "SELECT json_extract(data, '$.sentence_span[0]') FROM events "
                "WHERE article_id = ? ORDER BY idx", (article_id,),
            )
        ]

    def link_stances(
        self, story_id: str | None = None
    ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(stance, link) of linked articles (of one story, or all), by article and place.

        A stance carries its article_id; `link` holds the parts of that article's link
        record that stance histories read: {published, offtopic, states, names}.
        """
        sql = (
            "SELECT s.article_id, s.data, l.published, json_extract(l.data, '$.offtopic'), "
            "json_extract(l.data, '$.states'), json_extract(l.data, '$.names') "
            "FROM stances s JOIN link_articles l ON l.article_id = s.article_id"
        )
        args: tuple[str, ...] = ()
        if story_id is not None:
            sql, args = sql + " WHERE l.story_id = ?", (story_id,)
        for row in self.db.execute(sql + " ORDER BY s.article_id, s.idx", args):
            yield {"article_id": row[0], **json.loads(row[1])}, {
                "published": row[2], "offtopic": json.loads(row[3]) if row[3] else [],
                "states": json.loads(row[4]) if row[4] else {},
                "names": json.loads(row[5]) if row[5] else {}}

    def link_stories(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Story rows {id, title, start, end, size, **profile}, largest first."""
        sql = "SELECT id, title, start, end, size, data FROM stories"
        rows = (
            self.db.execute(sql + " WHERE id = ?", (story_id,)) if story_id is not None
            else self.db.execute(sql + " ORDER BY size DESC, start, id")
        )
        for row in rows:
            yield {**json.loads(row["data"]), "id": row["id"], "title": row["title"],
                   "start": row["start"], "end": row["end"], "size": row["size"]}

    def link_write(
        self, articles: list[dict[str, Any]], stories: list[dict[str, Any]],
        events: list[dict[str, Any]], mentions: list[tuple[str, int, str, float]],
    ) -> None:
        """Write one batch of link results in one transaction (rows replace older ones)."""
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO link_articles (article_id, story_id, published, "
                "quality, data) VALUES (?, ?, ?, ?, ?)",
                [(a["article_id"], a["story_id"], a.get("published"), a.get("quality"),
                  json.dumps({k: v for k, v in a.items() if k not in
                              ("article_id", "story_id", "published", "quality")},
                             ensure_ascii=False)) for a in articles],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO stories (id, title, start, end, size, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(s["id"], s.get("title"), s.get("start"), s.get("end"), s["size"],
                  json.dumps({k: v for k, v in s.items() if k not in
                              ("id", "title", "start", "end", "size")}, ensure_ascii=False))
                 for s in stories],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO merged_events (id, type, status, date_start, date_end, "
                "precision, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(e["id"], e["type"], e["status"], e["date"].get("start"),
                  e["date"].get("end"), e["date"].get("precision"),
                  json.dumps(e, ensure_ascii=False)) for e in events],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO event_mentions (article_id, idx, event_id, weight) "
                "VALUES (?, ?, ?, ?)", mentions,
            )

    def merged_events_near(
        self, type_: str, start: str, end: str, earliest: str, limit: int = 200
    ) -> list[dict[str, Any]]:
        """Merged events of one type whose dates overlap [start, end] (starting >= earliest)."""
        rows = self.db.execute(
            "SELECT data FROM merged_events WHERE type = ? AND date_start >= ? "
            "AND date_start <= ? AND date_end >= ? LIMIT ?",
            (type_, earliest, end, start, limit),
        )
        return [json.loads(r["data"]) for r in rows]

    def merged_events(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Merged events (of one story's articles), each with its mentions.

        Mentions: [{article_id, idx, weight}]; `article_ids` restricted to the story.
        """
        if story_id is None:
            rows = self.db.execute(
                "SELECT m.event_id, m.article_id, m.idx, m.weight FROM event_mentions m"
            ).fetchall()
        else:
            rows = self.db.execute(
                "SELECT m.event_id, m.article_id, m.idx, m.weight FROM event_mentions m "
                "JOIN link_articles l ON l.article_id = m.article_id WHERE l.story_id = ?",
                (story_id,),
            ).fetchall()
        by_event: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            by_event.setdefault(r["event_id"], []).append(
                {"article_id": r["article_id"], "idx": r["idx"], "weight": r["weight"]}
            )
        out = []
        for event_id, mentions in by_event.items():
            row = self.db.execute(
                "SELECT data FROM merged_events WHERE id = ?", (event_id,)
            ).fetchone()
            if row is not None:
                out.append({**json.loads(row["data"]), "mentions": mentions})
        return out


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (even KeyboardInterrupt)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3 runs one per execute in a transaction)."""
    out, current = [], ""
    for line in script.splitlines():
        current += line.split("--", 1)[0] + "\n"
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return [s for s in out if s]
