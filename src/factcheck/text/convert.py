"""Decoded pages → plain text: HTML through trafilatura, Markdown by rules, text as is.

Everything here runs in the calling process; :mod:`factcheck.text.extractor` runs the
HTML part in worker processes with a time limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from factcheck.models import SourceText
from factcheck.text.decoding import decode

__all__ = [
    "NO_TEXT",
    "Kind",
    "Page",
    "classify",
    "dispatch",
    "extract_text",
    "html_source",
    "html_to_text",
    "markdown_to_text",
]

NO_TEXT = "no main text found"
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|\?xml)", re.I | re.S)
# What a broken page may make lxml/trafilatura raise; anything else is a bug (in a worker,
# the worker dies, is replaced, and the page gets an error).
_PAGE_ERRORS = (ValueError, TypeError, AttributeError, LookupError, RecursionError)


class Kind(Enum):
    """How a body is turned into text."""

    HTML = "html"
    TEXT = "text"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Page:
    """The readable part of an HTML page."""

    text: str
    title: str | None = None
    published: dt.date | None = None


def classify(content_type: str, charset: str | None, body: bytes) -> tuple[Kind, str, str | None]:
    """(kind, media type, declared charset) of a body from its Content-Type header.

    ``charset`` wins over a ``charset=`` parameter in ``content_type``. A body without a
    content type counts as HTML only if it starts like an HTML document.
    """
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    if charset is None:
        found = re.search(r"""charset\s*=\s*["']?([\w.:-]+)""", params, re.IGNORECASE)
        charset = found.group(1) if found else None
    if media in _HTML_TYPES or (not media and _HTML_START.match(body[:1024])):
        return Kind.HTML, media or "text/html", charset
    if media in _TEXT_TYPES:
        return Kind.TEXT, media, charset
    return Kind.UNSUPPORTED, media, charset


_PARAGRAPH = re.compile(r"<p[\s>]", re.IGNORECASE)


def html_to_text(html: str) -> Page:
    """Main text (paragraphs separated by blank lines), title and date of an HTML page."""
    import trafilatura  # imported here: most runs of the CLI need none

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # A date read off the page body (a footer's "© 2025", a related link) is a guess;
        # relative dates in the text resolve against this one, so only metadata counts.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or isinstance(doc, dict):
        return Page(text="")
    text = doc.text or ""
    if "\n" not in text.strip() and len(_PARAGRAPH.findall(html)) > 1:
        # On a short page trafilatura falls back to a baseline that runs every paragraph,
        # byline and caption into one line; its precise mode keeps the paragraphs apart.
        precise = trafilatura.bare_extraction(
            html, with_metadata=False, include_comments=False, favor_precision=True
        )
        if precise is not None and not isinstance(precise, dict) and "\n" in (precise.text or ""):
            text = precise.text or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    # A byline atop the main text is the story's own; htmldate may have read its date
    # off anything on the page marked as a date, a related-story box included. Further
    # down, a date line is only a fallback.
    published = byline_date(paragraphs[:BYLINE_TOP])
    if published is None and doc.date:
        try:
            published = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    if published is None:
        published = byline_date(paragraphs)
    return Page(text="\n\n".join(paragraphs), title=doc.title or None, published=published)


# What a byline holds besides its date: who, when, and the words that introduce them.
_BYLINE_WORDS = re.compile(
    r"\b(?:by|published|posted|updated|written|originally|last|modified|on|at|the|and|"
    r"[ap]\.?m\.?|(?-i:[A-Z]{2,4})|\d{1,2}[:.]\d{2})\b|[|·•:,()\-–—]",
    re.IGNORECASE,
)
# A year, or a weekday that may open a date with a two-digit year ("Fri 15 Feb 19").
_YEAR = re.compile(
    r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)"
    r"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?:\d|[A-Z][a-z]{2,8}\.?\s+\d)"
)
_BYLINE_FIRST = re.compile(r"published|posted|written", re.IGNORECASE)
_BYLINE_LATER = re.compile(r"updated|modified|edited", re.IGNORECASE)
BYLINE_TOP = 5  # paragraphs from the top of the main text where a byline sits
MAX_BYLINE_WORDS = 4  # names and stray words a byline may hold besides the date itself


def byline_date(paragraphs: list[str]) -> dt.date | None:
    """The date of the first byline-like paragraph: a full date with little else.

    "Published 4:23 p.m. ET Oct. 1, 2018 | Updated …", "By Ana Ruiz, 23 March 2018" or
    a bare "May 20, 2019" above the story. A sentence that merely holds a date is no
    byline, so a paragraph may hold only a few other words. When a byline gives several
    dates, the one after "published", "posted" or "written" wins, else the first one not
    after "updated" or "modified". A bare date is often the site's "today" above the
    headline: a byline that names its author or says "published" within the next
    few paragraphs wins over it.
    """
    for i, paragraph in enumerate(paragraphs):
        found = _byline(paragraph)
        if found is None:
            continue
        date, authored = found
        if not authored:
            later = (_byline(p) for p in paragraphs[i + 1 : i + 1 + _AUTHORED_REACH])
            date = next((d for d, by in filter(None, later) if by), date)
        return date
    return None


_AUTHORED = re.compile(r"^\W*by\s|published|posted|written", re.IGNORECASE)
_AUTHORED_REACH = 3  # paragraphs after a bare date where an authored byline may follow


def _byline(paragraph: str) -> tuple[dt.date, bool] | None:
    """(date, whether it names an author or a publication) if the paragraph is a byline."""
    from factcheck.dates import find_dates  # imported when needed, as trafilatura is

    if len(paragraph) > 160 or paragraph.startswith("#"):  # a heading dates its section
        return None
    if not _YEAR.search(paragraph):  # cheap: most paragraphs hold no date at all
        return None
    dates = [d for d in find_dates(paragraph) if d.start and d.start == d.end and not d.relative]
    if not dates:
        return None
    rest = paragraph
    for d in sorted(dates, key=lambda d: -d.offset):
        rest = rest[: d.offset] + " " + rest[d.offset + len(d.text) :]
    if len(_BYLINE_WORDS.sub(" ", rest).split()) > MAX_BYLINE_WORDS:
        return None
    authored = bool(_AUTHORED.search(rest))
    ends = [0, *(d.offset + len(d.text) for d in dates[:-1])]  # words since the last date
    before = [paragraph[max(e, d.offset - 30) : d.offset] for d, e in zip(dates, ends, strict=True)]
    pairs = list(zip(dates, before, strict=True))
    picked = next((d for d, words in pairs if _BYLINE_FIRST.search(words)), None)
    if picked is None:
        first = [d for d, words in pairs if not _BYLINE_LATER.search(words)]
        picked = (first or dates)[0]
    return (picked.start, authored) if picked.start else None


def html_source(body: bytes, charset: str | None, sha256: str) -> SourceText:
    """Decode an HTML body and extract it into a SourceText (errors become data)."""
    try:
        page = html_to_text(decode(body, charset))
    except _PAGE_ERRORS as exc:
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return SourceText(sha256, "", error=f"extraction failed: {reason}")
    if not page.text:
        return SourceText(sha256, "", page.title, page.published, error=NO_TEXT)
    return SourceText(sha256, page.text, page.title, page.published)


def dispatch(
    body: bytes,
    content_type: str,
    charset: str | None,
    html: Callable[[bytes, str | None, str], SourceText],
) -> SourceText:
    """Turn a body into a SourceText, handing HTML to ``html(body, charset, sha256)``."""
    sha = hashlib.sha256(body).hexdigest()
    kind, media, declared = classify(content_type, charset, body)
    if kind is Kind.HTML:
        return html(body, declared, sha)
    if kind is Kind.TEXT:
        text = decode(body, declared)
        return SourceText(sha, text, error=None if text.strip() else NO_TEXT)
    reason = repr(media) if media else "(none given)"
    return SourceText(sha, "", error=f"unsupported content type {reason}")


def extract_text(body: bytes, content_type: str, charset: str | None = None) -> SourceText:
    """Main text, title and date of a fetched body, in this process (no time limit).

    Args:
        body: the bytes as fetched; ``SourceText.sha256`` is their hash.
        content_type: the HTTP Content-Type (parameters allowed).
        charset: the declared charset, if the caller parsed it already.

    Returns:
        The text; for an unsupported type or a page without main text, empty text and
        an ``error``.
    """
    return dispatch(body, content_type, charset, html_source)


_MD_RULES = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images: their alt text is no prose
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links → their text
    (re.compile(r"^\s{0,3}>\s?"), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+"), ""),  # list markers
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # italics
    (re.compile(r"`[^`]*`"), ""),  # inline code is no prose either
]
# Lines that carry no prose: headings, table rows and rules, fences, rules.
_MD_DROP = re.compile(r"^\s{0,3}(?:#{1,6}\s|\||```|~~~|(?:[-*_]\s*){3,}$)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_DATE = re.compile(
    r"^(?:date|published|pubdate)\s*:\s*[\"']?(\d{4}-\d{2}-\d{2})", re.MULTILINE
)


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown markup line by line, so line numbers stay those of the file.

    Headings, tables, code blocks, images and YAML front matter become blank lines:
    they hold no sentences to check, and a blank line keeps paragraphs apart.
    """
    front = _FRONT_MATTER.match(markdown)
    skip = front.group(0).count("\n") if front else 0
    lines = []
    fenced = False
    for number, line in enumerate(markdown.split("\n")):
        if number < skip or fenced or _MD_DROP.match(line):
            fenced ^= line.lstrip().startswith(("```", "~~~"))
            lines.append("")
            continue
        for pattern, repl in _MD_RULES:
            line = pattern.sub(repl, line)
        lines.append(line)
    return "\n".join(lines)


def markdown_date(markdown: str) -> dt.date | None:
    """The publication date in a Markdown file's YAML front matter (date: 2025-06-30)."""
    front = _FRONT_MATTER.match(markdown)
    found = _FRONT_DATE.search(front.group(1)) if front else None
    if found is None:
        return None
    try:
        return dt.date.fromisoformat(found.group(1))
    except ValueError:
        return None
