"""Present: the queries and flat tables the CLI and exports show, over the same store.

Events go out in two shapes: a flat table with GDELT-like columns (one row per event and
article, actors split into actor1/actor2 as GDELT does) and PLOVER-style JSON records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .store import Store

# The flat event table: name -> meaning. Documented in the README.
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "article id + ':' + event id within the article",
    "article_id": "the article the event was read from",
    "date": "TIMEX3 value of when the event happened (not the publication date)",
    "date_start": "first day of that interval (YYYY-MM-DD)",
    "date_end": "last day of that interval",
    "date_precision": "day, week, month, season, quarter, year, decade",
    "date_fallback": "1 when no words dated the event and the publication date was used",
    "plover_type": "PLOVER event type (AGREE, CONSULT, ..., ASSAULT)",
    "plover_mode": "PLOVER mode where one applies (e.g. visit)",
    "status": "asserted, planned, proposed, hypothetical, negated or historical",
    "actor1_id": "first source actor id ('|'-joined when several)",
    "actor1_name": "its canonical name",
    "actor1_country": "its ISO 3166 alpha-3 country",
    "actor1_sector": "its sector (GOV, MIL, BUS, ...)",
    "actor2_id": "first recipient actor id ('|'-joined when several)",
    "actor2_name": "its canonical name",
    "actor2_country": "its ISO 3166 alpha-3 country",
    "actor2_sector": "its sector",
    "reciprocal": "1 for events between the parties (talks between A and B)",
    "cameo": "CAMEO event code",
    "goldstein": "Goldstein conflict-cooperation score (-10..10)",
    "location": "place name where the event happened",
    "location_country": "its ISO 3166 alpha-3 country",
    "lat": "latitude of the place",
    "lon": "longitude of the place",
    "confidence": "coder confidence 0..1",
    "trigger": "the words that triggered the event",
    "sentence_start": "offset of the sentence in the article's clean text",
    "sentence_end": "end offset of that sentence",
    "published": "the article's publication date",
    "source": "the article's publisher",
    "url": "the article's URL",
}


def _actor_names(store: Store, article_id: str) -> dict[str, dict[str, Any]]:
    return {
        row["actor_id"]: dict(row)
        for row in store.db.execute(
            "SELECT actor_id, name, country, sector FROM actors WHERE article_id = ?",
            (article_id,),
        )
    }


def _resolve_actor(store: Store, name: str) -> set[str]:
    """Actor ids whose id, name or alias matches `name` (case-insensitive substring)."""
    like = f"%{name}%"
    return {
        row[0]
        for row in store.db.execute(
            "SELECT DISTINCT actor_id FROM actors WHERE actor_id = ? OR name LIKE ? "
            "OR json_extract(data, '$.aliases') LIKE ?",
            (name, like, like),
        )
    }


def events(
    store: Store, actor: str | None = None, type_: str | None = None, since: str | None = None,
    article_ids: set[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Stored events (with their article's metadata), filtered, in date order."""
    wanted = _resolve_actor(store, actor) if actor else None
    sql = (
        "SELECT e.article_id, e.data, a.published, a.source, a.url FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE 1 = 1"
    )
    args: list[Any] = []
    if type_:
        sql += " AND e.type = ?"
        args.append(type_.upper())
    if since:
        sql += " AND coalesce(e.date_end, e.date_start, a.published) >= ?"
        args.append(since)
    sql += " ORDER BY coalesce(e.date_start, a.published), e.article_id, e.idx"
    for row in store.db.execute(sql, args):
        if article_ids is not None and row["article_id"] not in article_ids:
            continue
        record = json.loads(row["data"])
        if wanted is not None and not wanted & set(record["actor"] + record["recipient"]):
            continue
        yield {"article_id": row["article_id"], "published": row["published"],
               "source": row["source"], "url": row["url"], **record}


SAYINGS = frozenset({"speech", "report"})  # cue kinds of things said, not views ascribed


def quotes(
    store: Store, speaker: str | None = None, article_ids: set[str] | None = None,
    views: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stored quotations, optionally by speaker (actor id, name or the words naming them).

    Only what was said (direct quotes and speech or report cues) unless `views`: then also
    the beliefs, stances and topics ascribed to someone ("X wants ...", "X discussed ...").
    """
    wanted = _resolve_actor(store, speaker) if speaker else None
    for row in store.db.execute(
        "SELECT q.article_id, q.data, a.published, a.source, a.url FROM quotes q "
        "JOIN articles a ON a.id = q.article_id ORDER BY a.published, q.article_id, q.idx"
    ):
        if article_ids is not None and row["article_id"] not in article_ids:
            continue
        record = json.loads(row["data"])
        if not views and record["kind"] != "direct" and (
                record.get("cue_kind") not in SAYINGS or not record.get("speaker_text")):
            continue  # an ascribed view, or a report with nobody named as its source
        if speaker is not None:
            words = (record.get("speaker_text") or "").casefold()
            if record.get("speaker") not in (wanted or set()) and \
                    speaker.casefold() not in words:
                continue
        names = _actor_names(store, row["article_id"])
        yield {"article_id": row["article_id"], "published": row["published"],
               "source": row["source"], "url": row["url"], **record,
               "speaker_name": names.get(record.get("speaker") or "", {}).get("name"),
               "via_name": names.get(record.get("via") or "", {}).get("name")}


def event_rows(store: Store, records: Iterator[dict[str, Any]] | None = None
               ) -> Iterator[dict[str, Any]]:
    """The flat, GDELT-like event table (columns in EVENT_COLUMNS)."""
    names: dict[str, dict[str, dict[str, Any]]] = {}
    for e in records if records is not None else events(store):
        aid = e["article_id"]
        if aid not in names:
            names = {aid: _actor_names(store, aid)}  # events come grouped by date, not article
        table = names[aid]

        def side(ids: list[str], table: dict[str, dict[str, Any]] = table) -> list[Any]:
            first = table.get(ids[0], {}) if ids else {}
            return ["|".join(ids) or None, first.get("name"), first.get("country"),
                    first.get("sector")]

        date, loc = e["date"], e.get("location") or {}
        a1, a2 = side(e["actor"]), side(e["recipient"])
        yield dict(zip(EVENT_COLUMNS, [
            f"{aid}:{e['id']}", aid, date.get("value"), date.get("start"), date.get("end"),
            date.get("precision"), int(bool(date.get("fallback"))), e["type"], e.get("mode"),
            e["status"], *a1, *a2, int(bool(e.get("reciprocal"))), e.get("cameo"),
            e.get("goldstein"), loc.get("name"), loc.get("country"), loc.get("lat"),
            loc.get("lon"), e.get("confidence"), e.get("trigger"), e["sentence_span"][0],
            e["sentence_span"][1], e.get("published"), e.get("source"), e.get("url"),
        ], strict=True))


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """Events as PLOVER-style JSON (field names of the PLOVER specification's examples)."""
    for row in event_rows(store):
        yield {
            "event_id": row["event_id"],
            "event_date": row["date_start"] or row["published"],
            "event_date_value": row["date"],
            "event_type": row["plover_type"],
            "mode": row["plover_mode"],
            "context": row["status"],
            "actor": row["actor1_name"],
            "actor_id": row["actor1_id"],
            "actor_country": row["actor1_country"],
            "actor_sector": row["actor1_sector"],
            "recipient": row["actor2_name"],
            "recipient_id": row["actor2_id"],
            "recipient_country": row["actor2_country"],
            "recipient_sector": row["actor2_sector"],
            "location": {"name": row["location"], "country": row["location_country"],
                         "lat": row["lat"], "lon": row["lon"]} if row["location"] else None,
            "cameo": row["cameo"],
            "goldstein": row["goldstein"],
            "source": {"article_id": row["article_id"], "publisher": row["source"],
                       "url": row["url"], "published": row["published"],
                       "span": [row["sentence_start"], row["sentence_end"]]},
        }
