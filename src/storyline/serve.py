"""Serve: web pages and a JSON API over the store, from the standard library alone.

The JSON answers are the CLI's (`stories`, `timeline`, `stances`, `events`, `quotes`,
`show`), so the page, the API and the command line always say the same thing. Each request
opens its own SQLite connection: connections are not shared between threads, and WAL lets
readers run while an ingest writes.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, quote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from . import link, present
from .records import Source, Story, StoryDetail, to_jsonable
from .store import Store

StartResponse = Callable[..., Any]

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
a{color:#0645ad;text-decoration:none}a:hover{text-decoration:underline}
table{border-collapse:collapse;width:100%}td,th{padding:.3em .5em;border-bottom:1px solid #ddd;
vertical-align:top;text-align:left}.muted{color:#777}.tag{font-size:80%;padding:0 .3em;
border-radius:3px;background:#eee}.changed{color:#b00}pre{white-space:pre-wrap}
"""


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # requests are not logged
        pass


class App:
    """The WSGI application over one database file."""

    def __init__(self, db: str) -> None:
        self.db = db

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING") or "").items()}
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return self._send(start_response, "405 Method Not Allowed",
                              {"error": "only GET is served"})
        try:
            with Store(self.db) as store:
                status, body = self._route(store, path.rstrip("/") or "/", query)
        except Exception as exc:  # one line for the client, never a traceback
            status, body = "500 Internal Server Error", {"error": f"{type(exc).__name__}: {exc}"}
        return self._send(start_response, status, body)

    @staticmethod
    def _send(start_response: StartResponse, status: str, body: Any) -> list[bytes]:
        if isinstance(body, str):
            data, kind = body.encode("utf-8"), "text/html; charset=utf-8"
        else:
            data = json.dumps(to_jsonable(body), ensure_ascii=False, indent=1).encode("utf-8")
            kind = "application/json; charset=utf-8"
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(data)))])
        return [data]

    def _route(self, store: Store, path: str, q: dict[str, str]) -> tuple[str, Any]:
        parts = [p for p in path.split("/") if p]
        ok = "200 OK"
        if parts[:1] == ["api"]:
            return self._api(store, parts[1:], q)
        if not parts:
            return ok, _page("Stories", _stories_html(link.stories(store)))
        if parts[0] == "story" and len(parts) == 2:
            found = link.story(store, parts[1])
            if found is None:
                return "404 Not Found", _page("Not found", "<p>No such story.</p>")
            return ok, _page(found.title, _story_html(store, found))
        if parts[0] == "article" and len(parts) == 2:
            record = store.article(parts[1])
            if record is None:
                return "404 Not Found", _page("Not found", "<p>No such article.</p>")
            return ok, _page(record["article"].get("title") or parts[1], _article_html(record))
        return "404 Not Found", _page("Not found", "<p>Nothing here.</p>")

    def _api(self, store: Store, parts: list[str], q: dict[str, str]) -> tuple[str, Any]:
        ok, missing = "200 OK", ("404 Not Found", {"error": "not found"})
        kind = parts[0] if parts else ""
        story = q.get("story")
        if kind == "stories" and len(parts) == 1:
            return ok, link.stories(store)
        if kind == "stories" and len(parts) == 2:
            found = link.story(store, parts[1])
            return (ok, found) if found is not None else missing
        if kind == "timeline":
            dates = int(q["dates"]) if q.get("dates", "").isdigit() else None
            return ok, link.timeline(store, story, dates)
        if kind == "stances":
            return ok, link.stance_history(store, story)
        if kind == "articles" and len(parts) == 1:
            return ok, list(store.articles(q.get("search")))
        if kind == "articles" and len(parts) == 2:
            record = store.article(parts[1])
            return (ok, record) if record is not None else missing
        ids = None
        if story:
            members = link.article_ids(store, story)
            if members is None:
                return missing
            ids = set(members)
        if kind == "events":
            return ok, list(present.events(store, q.get("actor"), q.get("type"), q.get("since"),
                                           article_ids=ids))
        if kind == "quotes":
            return ok, list(present.quotes(store, q.get("speaker"), article_ids=ids,
                                           views=q.get("views") == "1"))
        return missing


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{_e(title)} · "
            f"storyline</title><style>{STYLE}</style></head><body><p class=muted>"
            f"<a href='/'>storyline</a></p><h1>{_e(title)}</h1>{body}</body></html>")


def _stories_html(stories: list[Story]) -> str:
    if not stories:
        return "<p class=muted>No stories yet: run <code>storyline ingest</code>.</p>"
    rows = "".join(
        f"<tr><td><a href='/story/{quote(s.id)}'>{_e(s.title)}</a><br><span class=muted>"
        f"{_e(', '.join(s.issues[:3]))}</span></td><td>{_e(s.start)} – {_e(s.end)}"
        f"</td><td>{len(s.article_ids)}</td></tr>"
        for s in stories
    )
    return f"<table><tr><th>story</th><th>dates</th><th>articles</th></tr>{rows}</table>"


def _story_html(store: Store, story: StoryDetail) -> str:
    names = story.actor_names
    actors = ", ".join(_e(names.get(a, a)) for a in story.actors[:12])
    entries = "".join(
        f"<tr><td>{_e(t.label or t.date)}</td><td>{_e(t.text)}"
        f"{' <span class=tag>' + _e(t.status) + '</span>' if t.status != 'asserted' else ''}"
        f"</td><td>{', '.join(_source_link(s) for s in t.sources)}</td></tr>"
        for t in link.timeline(store, story.id)
    )
    stances = "".join(
        f"<h3>{_e(h.actor_name)} on {_e(h.issue)}</h3><ul>"
        + "".join(
            f"<li>{_e(p.date)}: {_e(p.position)}"
            f"{' <span class=changed>changed</span>' if p.changed else ''}</li>"
            for p in h.history
        )
        + "</ul>"
        for h in link.stance_history(store, story.id)
    )
    articles = "".join(
        f"<li><a href='/article/{quote(a.id)}'>{_e(a.title or a.id)}</a> "
        f"<span class=muted>{_e(a.source)}, {_e((a.published or '')[:10])}, "
        f"quality {_e(a.quality)}</span></li>"
        for a in story.articles
    )
    return (f"<p>{_e(story.start)} – {_e(story.end)} · actors: {actors}</p>"
            f"<h2>Timeline</h2><table>{entries}</table><h2>Stances</h2>{stances or '<p>-</p>'}"
            f"<h2>Articles</h2><ul>{articles}</ul>")


def _source_link(source: Source) -> str:
    return (f"<a href='/article/{quote(source.article_id)}'>"
            f"{_e(source.source or source.article_id)}</a>")


def _article_html(record: dict[str, Any]) -> str:
    a = record["article"]
    quality = a.get("quality") or {}
    meta = (f"<p class=muted>{_e(a.get('published'))} · {_e(a.get('source'))} · "
            f"{_e(', '.join(a.get('authors') or []))} · quality {_e(quality.get('score'))} "
            f"{_e(' '.join(quality.get('flags') or []))}</p>")
    events = "".join(
        f"<li><b>{_e(e['type'])}</b> {_e(e['status'])} {_e(e['date'].get('value'))}: "
        f"{_e(a['text'][e['sentence_span'][0]:e['sentence_span'][1]])}</li>"
        for e in record.get("events", [])
    )
    quotes = "".join(
        f"<li>{_e(q.get('speaker_text') or 'unknown speaker')}: “{_e(q['content'])}”</li>"
        for q in record.get("quotes", [])
    )
    return (f"{meta}<pre>{_e(a['text'])}</pre><h2>Events</h2><ul>{events}</ul>"
            f"<h2>Quotes</h2><ul>{quotes}</ul>")


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> _Server:
    """A server for `db` bound to host:port (call `.serve_forever()` on it)."""
    server: _Server = make_server(host, port, App(db), server_class=_Server,
                                  handler_class=_QuietHandler)
    return server
