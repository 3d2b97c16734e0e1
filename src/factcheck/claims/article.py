"""Articles: plain text, Markdown or HTML files read into plain text."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from factcheck import text as textmod
from factcheck.errors import ArticleError

__all__ = ["Article", "read_article"]


@dataclass(frozen=True, slots=True)
class Article:
    """An article's plain text and where it came from."""

    path: str
    text: str
    sha256: str
    published: dt.date | None = None


def read_article(path: str | Path) -> Article:
    """Read an article file (plain text, Markdown or HTML) into plain text.

    Raises:
        ArticleError: the file is missing, unreadable, empty or not text.
    """
    p = Path(path)
    if re.match(r"^[a-z][a-z0-9+.-]*://", str(path), re.IGNORECASE):
        raise ArticleError(
            "reading articles from URLs is not supported yet; save the page and pass the file",
            path=path,
        )
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ArticleError("article not found", path=path) from None
    except IsADirectoryError:
        raise ArticleError("is a folder, not an article", path=path) from None
    except OSError as exc:
        raise ArticleError(f"cannot read article: {exc.strerror}", path=path) from None
    sha = hashlib.sha256(raw).hexdigest()
    suffix = p.suffix.lower()
    published = None
    if suffix in (".html", ".htm", ".xhtml"):
        page = textmod.html_to_text(textmod.decode(raw))
        body, published = page.text, page.published
    else:
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"not UTF-8 text (byte {exc.start})", path=path) from None
        if suffix in (".md", ".markdown"):
            published = textmod.markdown_date(body)
            body = textmod.markdown_to_text(body)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise ArticleError("article has no text", path=path)
    return Article(path=str(path), text=body, sha256=sha, published=published)
