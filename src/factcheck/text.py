"""Bytes → decoded text → main text, title and publication date.

The only module that imports trafilatura. Pages are decoded here (declared charset,
then detection), never by trafilatura, and its downloader is never used.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["Page", "decode", "html_to_text", "markdown_to_text"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """The readable part of an HTML page."""

    text: str
    title: str | None = None
    published: dt.date | None = None


def decode(raw: bytes, declared: str | None = None) -> str:
    """Decode a page: the declared charset (header or <meta>) first, then detection."""
    candidates = [declared] if declared else []
    meta = _META_CHARSET.search(raw[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("utf-8", "replace")


def html_to_text(html: str) -> Page:
    """Main text (paragraphs separated by blank lines), title and date of an HTML page."""
    import trafilatura  # imported here: it takes half a second and most runs need none

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or isinstance(doc, dict) or not doc.text:
        return Page(text="")
    paragraphs = [line.strip() for line in str(doc.text).split("\n") if line.strip()]
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    title = str(doc.title) if doc.title else None
    return Page(text="\n\n".join(paragraphs), title=title, published=published)


_MD_RULES = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images → alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links → their text
    (re.compile(r"^\s{0,3}#{1,6}\s+"), ""),  # heading marks
    (re.compile(r"^\s{0,3}>\s?"), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+"), ""),  # list markers
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),  # italics
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
]


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown markup line by line, so line numbers stay those of the file."""
    lines = []
    for line in markdown.split("\n"):
        for pattern, repl in _MD_RULES:
            line = pattern.sub(repl, line)
        lines.append(line)
    return "\n".join(lines)
