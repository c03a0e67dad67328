"""Clean: from a read document to an Article (clean text, metadata, what was removed).

HTML goes through trafilatura first; all text then goes through our own line and sentence
cleaner (`text.py`), whose furniture patterns are data (`boilerplate.txt`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..read import Document
from ..records import Article
from .html import extract_html
from .text import clean_text, parse_date

__all__ = ["article_id", "clean", "parse_date"]


def normalise(text: str) -> str:
    """The form of a text that decides identity: case, width and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def article_id(text: str, url: str | None = None) -> str:
    """Stable id: a hash of the URL when there is one, else of the normalised text."""
    basis = ("url:" + url.strip()) if url else ("text:" + normalise(text))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def clean(doc: Document, published: str | None = None, keep_text: bool = False) -> Article:
    """Turn one read document into an Article.

    `published` overrides any date found in the page; `keep_text` keeps the input text
    exactly (offsets then refer to it) while still reading metadata from it.
    """
    meta = doc.meta
    warnings = list(doc.warnings)
    if doc.kind == "html":
        page = extract_html(doc.content, meta.get("url"))
        if page.via != "trafilatura":
            warnings.append(f"trafilatura found no article text; used {page.via}")
        body = clean_text(page.text, keep_text=keep_text, header=False)
        found_title, found_date = page.title, page.published
        found_authors, found_source = page.authors, page.source
        url = meta.get("url") or page.url
    else:
        body = clean_text(doc.content, keep_text=keep_text)
        found_title, found_date = body.title, body.published
        found_authors, found_source = body.authors, body.source
        url = meta.get("url")
    # Metadata given with the input (JSONL fields, --published) wins over what we found.
    date = published or meta.get("published") or found_date or body.published
    article = Article(
        id=meta.get("id") or article_id(body.text, url),
        text=body.text,
        title=meta.get("title") or found_title or body.title,
        url=url,
        authors=list(meta.get("authors") or found_authors or body.authors),
        published=_normal_date(date, warnings),
        source=meta.get("source") or found_source or body.source,
        removed=body.removed,
        origin=doc.origin,
        warnings=warnings,
        dateline=body.dateline,
    )
    if not article.text.strip():
        warnings.append("no article text left after cleaning")
    return article


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")


def _normal_date(value: str | None, warnings: list[str]) -> str | None:
    if not value:
        return None
    value = str(value).strip()
    m = _ISO.match(value)
    if m:
        parsed = parse_date(m.group()[:10])
        if parsed:
            return m.group()
    parsed = parse_date(value)
    if parsed is None:
        warnings.append(f"publication date {value!r} not understood; left empty")
    return parsed

