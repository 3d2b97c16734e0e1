"""Bytes → decoded text → main text, title and publication date.

The only package that imports trafilatura (and, through it, htmldate). Pages are decoded
here (:func:`decode`), never by trafilatura, and its downloader is never used.

- :func:`extract_text` turns a fetched body into a :class:`~factcheck.models.SourceText`
  in this process; :class:`Extractor` does the same with HTML extracted in worker
  processes under a time limit, and :meth:`Extractor.extract_cached` skips bodies whose
  text is already in a :class:`TextStore` (written by this same extractor:
  :func:`extractor_version`).
- :func:`html_to_text` and :func:`markdown_to_text` work on already-decoded strings.
"""

from __future__ import annotations

from factcheck.text.convert import (
    Page,
    extract_text,
    html_to_text,
    markdown_date,
    markdown_to_text,
)
from factcheck.text.decoding import decode
from factcheck.text.extractor import Extractor
from factcheck.text.store import TextStore, extractor_version

__all__ = [
    "Extractor",
    "Page",
    "TextStore",
    "decode",
    "extract_text",
    "extractor_version",
    "html_to_text",
    "markdown_date",
    "markdown_to_text",
]
