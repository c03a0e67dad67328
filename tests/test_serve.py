"""The web pages and JSON API say what the CLI says."""

from __future__ import annotations

import io
import json
import threading
import urllib.request
from wsgiref.util import setup_testing_defaults

import pytest

from storyline import link
from storyline.pipeline import ingest
from storyline.serve import App, serve
from storyline.store import Store

ARTICLE = (
    "Border talks resume\nMarch 3, 2021\n\n"
    "India and China held talks in Ladakh on Tuesday to ease tension on their border, "
    "the Indian foreign ministry said.\n\n"
    "\"We will meet again next month,\" the Chinese foreign minister said.\n"
)


@pytest.fixture(scope="module")
def db(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    (folder / "a.txt").write_text(ARTICLE)
    path = folder / "s.db"
    with Store(path) as store:
        ingest([str(folder / "a.txt")], store)
    return str(path)


def get(app, path, query=""):
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return answer["status"], answer["headers"]["Content-Type"], body


def test_api_answers_match_the_python_api(db):
    app = App(db)
    status, kind, body = get(app, "/api/stories")
    assert status == "200 OK" and kind.startswith("application/json")
    with Store(db) as store:
        assert json.loads(body) == [s.to_dict() for s in link.stories(store)]
        story_id = link.stories(store)[0].id
        expected_timeline = [e.to_dict() for e in link.timeline(store, story_id)]
    _, _, timeline = get(app, "/api/timeline", f"story={story_id}")
    assert json.loads(timeline) == expected_timeline
    _, _, articles = get(app, "/api/articles", "search=Ladakh")
    assert [a["title"] for a in json.loads(articles)] == ["Border talks resume"]


def test_pages_render_and_escape(db):
    app = App(db)
    status, kind, page = get(app, "/")
    assert status == "200 OK" and kind.startswith("text/html")
    assert "Border talks resume" in page
    with Store(db) as store:
        story_id = link.stories(store)[0].id
        article_id = next(store.articles())["id"]
    assert "Timeline" in get(app, f"/story/{story_id}")[2]
    article = get(app, f"/article/{article_id}")[2]
    assert "&quot;We will meet again next month,&quot;" in article


def test_unknown_paths_and_methods(db):
    app = App(db)
    assert get(app, "/api/stories/nope")[0].startswith("404")
    assert get(app, "/story/nope")[0].startswith("404")
    assert get(app, "/api/nothing")[0].startswith("404")
    environ = {"PATH_INFO": "/api/stories", "REQUEST_METHOD": "POST"}
    setup_testing_defaults(environ)
    statuses = []
    app(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["405 Method Not Allowed"]


def test_server_on_loopback(db):
    server = serve(db, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/api/stories"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert json.loads(response.read())[0]["title"]
    finally:
        server.shutdown()
        server.server_close()
