"""HTML pages: trafilatura finds the article and its metadata; lxml is the fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

_BLOCKS = "//p|//h1|//h2|//h3|//li|//blockquote"


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    url: str | None = None
    via: str = "trafilatura"


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Main text and metadata of a page; never raises on malformed HTML."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # trafilatura raises many kinds on broken markup: fall back instead
        doc = None
    text = (getattr(doc, "text", None) or "").strip()
    if doc is not None and text:
        title = getattr(doc, "title", None)
        lines = text.split("\n")
        if title and lines and lines[0].strip() == title.strip():
            text = "\n".join(lines[1:]).strip()
        author = getattr(doc, "author", None)
        return Extracted(
            text=text,
            title=title,
            published=getattr(doc, "date", None),
            authors=[a.strip() for a in re.split(r";|\band\b", author) if a.strip()]
            if author else [],
            source=getattr(doc, "sitename", None),
            url=getattr(doc, "url", None) or url,
        )
    return _fallback(html, url)


def _fallback(html: str, url: str | None) -> Extracted:
    """Paragraph-level text when trafilatura finds no article (short or odd pages)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Extracted(text="", url=url, via="none")
    for bad in tree.xpath("//script|//style|//noscript|//nav|//footer|//header|//aside|//form"):
        bad.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in tree.xpath(_BLOCKS)]
    text = "\n".join(b for b in blocks if b)
    if not text:
        text = "\n".join(
            " ".join(line.split()) for line in tree.text_content().splitlines() if line.strip()
        )
    titles = tree.xpath("//title/text()")
    return Extracted(
        text=text, title=titles[0].strip() if titles else None, url=url, via="lxml fallback"
    )
