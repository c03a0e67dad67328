"""Cleaning: furniture out (with reasons), metadata in, the body untouched."""

from __future__ import annotations

from storyline.clean import article_id, clean, parse_date
from storyline.clean.text import clean_text
from storyline.read import Document, read

from .conftest import seed


def _seed_article(prefix: str):
    [doc] = list(read([str(seed(prefix))]))
    return clean(doc)


def _reasons(article):
    return {r.text: r.reason for r in article.removed}


def test_seed_000_metadata_and_furniture():
    article = _seed_article("000")
    assert article.title == "Japan, Russia to discuss peace treaty in June"
    assert article.published == "2016-05-07T20:13"
    assert article.source == "The BRICS Post"
    removed = _reasons(article)
    assert removed["Follow us on:"] == "share/follow line"
    assert "repeated photo caption" in [r.reason for r in article.removed]
    assert removed["The BRICS Post with inputs from Agencies"] == "credit line"
    start = article.text.index("Japanese Prime Minister Shinzo Abe met with senior officials of Rosneft")
    end = article.text.index("Putin accepted Abe’s invitation to visit Japan in the near future.")
    body = seed("000").read_text()
    first = body.index("Japanese Prime Minister Shinzo Abe met")
    last = body.index("in the near future.") + len("in the near future.")
    # The body paragraphs are intact: same words in the same order, paragraph breaks kept.
    assert article.text[start:].split() == body[first:last].split()
    assert end > start
    assert article.text.count("Although Abe, right, made progress") == 1


def test_seed_002_metadata_and_near_duplicate():
    article = _seed_article("002")
    assert article.title == 'Putin tells Shinzo Abe: "Let\'s sign peace deal this year"'
    assert article.published == "2018-09-13"
    assert article.authors == ["Marco Green"]
    assert article.source == "Click Lancashire"
    removed = _reasons(article)
    assert removed["Other reports by Click Lancashire"] == "related links"
    assert removed["Discuss This Article"] == "comments prompt"
    short = "But a Japanese government spokesman said the country's stance had not changed."
    assert removed[short].startswith("near-duplicate")
    assert short not in article.text
    assert "Japan's position had not changed and that the issue of sovereignty" in article.text


def test_keep_text_keeps_the_input_exactly_but_still_reads_metadata():
    raw = "Talks resume\nMarch 3, 2020\n\nFollow us on:\n\nThe ministers met on Monday in Geneva.\n"
    article = clean(Document("x", "text", raw), keep_text=True)
    assert article.text == raw
    assert article.removed == []
    assert article.published == "2020-03-03"
    assert article.title == "Talks resume"


def test_parse_date_lines():
    assert parse_date("May 7, 2016, 8:13 pm") == "2016-05-07T20:13"
    assert parse_date("September 13, 2018") == "2018-09-13"
    assert parse_date("Published: Saturday 7 May 2016 12:05 GMT") == "2016-05-07T12:05"
    assert parse_date("2019-11-02T09:30") == "2019-11-02T09:30"
    assert parse_date("Sept. 12, 2001") == "2001-09-12"
    assert parse_date("February 30, 2018") is None
    assert parse_date("May the talks succeed") is None
    assert parse_date("12 May 2016 was a good day for talks") is None


def test_byline_dateline_and_wire_credit_move_to_metadata():
    raw = (
        "Ministers agree on grain deal\n"
        "By Jane Doe and Omar Faruk\n"
        "Updated 4 March 2021\n\n"
        "GENEVA (Reuters) - Ministers from twelve countries agreed on Thursday to keep grain "
        "corridors open through the winter, officials said.\n\n"
        "The deal still needs approval by parliaments in three of the countries.\n\n"
        "(Reporting by Ann Smith; Editing by Tom Brown)\n"
    )
    article = clean(Document("x", "text", raw))
    assert article.title == "Ministers agree on grain deal"
    assert article.authors == ["Jane Doe", "Omar Faruk"]
    assert article.published == "2021-03-04"
    assert article.dateline == "GENEVA (Reuters)"
    assert article.source == "Reuters"
    assert article.text.startswith("Ministers from twelve countries agreed")
    assert "Reporting by" not in article.text


def test_opposite_positions_of_two_actors_are_not_near_duplicates():
    raw = (
        "Headline here\n\n"
        "Chile says it wants to sign a border treaty before settling the fishing dispute. "
        "Peru, for its part, wants the fishing dispute settled before it signs a border treaty."
    )
    cleaned = clean_text(raw)
    assert "Chile says" in cleaned.text and "Peru, for its part" in cleaned.text


def test_distinct_neighbouring_sentences_are_not_near_duplicates():
    raw = (
        "Headline here\n\n"
        "The foreign minister said the talks on trade would resume in Paris next week. "
        "The defence minister said troops would leave the border region by spring."
    )
    cleaned = clean_text(raw)
    assert "troops would leave" in cleaned.text and "talks on trade" in cleaned.text
    assert not [r for r in cleaned.removed if "duplicate" in r.reason]


PAGE = """<!doctype html>
<html lang="en"><head>
<title>Harbour strike ends after three weeks | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="Priya Raman">
<meta property="article:published_time" content="2023-06-14T09:30:00+00:00">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<div class="share"><a>Facebook</a> <a>Twitter</a> <a>Email</a></div>
<article>
<h1>Harbour strike ends after three weeks</h1>
<p>Dock workers at the port of Westhaven voted on Tuesday to end a three-week strike after
the harbour authority agreed to raise wages by six percent over two years.</p>
<p>The union said the deal also limits night shifts, a demand that had stalled talks since
the walkout began in late May.</p>
<p>Shipping companies said the first container vessels would berth again on Thursday.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a>Port traffic falls</a></li></ul></aside>
<section class="comments"><h3>12 comments</h3><p>Great news for the town!</p></section>
<footer>© 2023 The Coastal Ledger. All rights reserved.</footer>
</body></html>"""


def test_html_page_through_trafilatura():
    article = clean(Document("page.html", "html", PAGE))
    assert article.title == "Harbour strike ends after three weeks"
    assert article.source == "The Coastal Ledger"
    assert article.authors == ["Priya Raman"]
    assert article.published == "2023-06-14"
    assert article.text.startswith("Dock workers at the port of Westhaven voted on Tuesday")
    assert "night shifts" in article.text
    for furniture in ("cookies", "Great news for the town", "Related stories", "Facebook",
                      "All rights reserved"):
        assert furniture not in article.text


def test_malformed_html_does_not_crash():
    broken = "<html><body><p>Unclosed paragraph about a ceasefire in the north <div><p>More"
    article = clean(Document("broken.html", "html", broken + "<<<>>>" * 100))
    assert "ceasefire" in article.text


def test_article_id_is_stable_and_ignores_case_and_spacing():
    assert article_id("Putin met  Abe.\n") == article_id("putin met abe.")
    assert article_id("x", url="http://a/b") != article_id("x")
    assert len(article_id("x")) == 16
