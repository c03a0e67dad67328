"""Extract: pure functions from an annotated doc (and its article's date) to records.

One module per kind of fact. `extract` runs them in dependency order: times and actors
first, since quotes, events and stances are dated and attributed through them.
"""

from __future__ import annotations

from typing import Any

from ..records import Analysis, Article


def extract(doc: Any, article: Article) -> Analysis:
    """Every fact of one article; `doc` is the spaCy parse of `article.text`."""
    return Analysis(article=article)
