"""Extract: pure functions from an annotated doc (and its article's date) to records.

One module per kind of fact. `extract` runs them in dependency order: times and actors
first, since quotes, events and stances are dated and attributed through them.
"""

from __future__ import annotations

from typing import Any

from ..records import Analysis, Article, EventDate
from .actors import find_actors
from .events import find_events
from .quotes import find_quotes
from .stances import find_stances
from .times import date_of, find_times


def extract(doc: Any, article: Article) -> Analysis:
    """Every fact of one article; `doc` is the spaCy parse of `article.text`."""
    published = article.published
    times = find_times(doc, published)
    actors = find_actors(doc, published)

    def dating(start: int, end: int, exclude: tuple[int, int] | None = None) -> EventDate:
        return date_of(doc, start, end, times, published, exclude)

    quotes = find_quotes(doc, actors, dating)
    events = find_events(doc, actors, times, published, dating, quotes, article.dateline)
    stances = find_stances(doc, actors, quotes, events, dating)
    return Analysis(article=article, actors=actors.actors, times=times, quotes=quotes,
                    events=events, stances=stances)
