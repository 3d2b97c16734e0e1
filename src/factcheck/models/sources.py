"""Sources as stages hand them on: a fetch, its text, a read, a corpus document, a found source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["CorpusDoc", "CorpusHit", "FetchOutcome", "Fetched", "Found", "SourceRead", "SourceText"]


@dataclass(frozen=True, slots=True)
class SourceText:
    """The readable text of one fetched body, stored once per sha256 of that body."""

    sha256: str  # of the body bytes the text came from
    text: str
    title: str | None = None
    published: dt.date | None = None
    error: str | None = None  # why no text could be had (timeout, unsupported type, …)
    extractor: str | None = None  # the extractor that read it; None: this factcheck's


class FetchOutcome(StrEnum):
    """How fetching one source ended."""

    OK = "ok"
    HTTP_ERROR = "http-error"  # the final response was 4xx or 5xx
    UNREACHABLE = "unreachable"  # DNS, connection or protocol failure, after retries
    TIMEOUT = "timeout"  # the wall-clock deadline passed
    TOO_LARGE = "too-large"  # the body (decoded) passed the byte cap
    BLOCKED = "blocked"  # the SSRF guard refused the address
    ROBOTS = "robots"  # robots.txt disallows it
    UNSUPPORTED = "unsupported"  # not HTML, XHTML or plain text
    REDIRECTS = "too-many-redirects"  # a loop, or more than the redirect limit
    NOT_CACHED = "not-cached"  # offline, and never fetched before
    DEFERRED = "deferred"  # the server asked to come back later than we wait


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of fetching one source: its body, or why there is none."""

    url: str
    final_url: str
    outcome: FetchOutcome
    reason: str = ""
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    fetched_at: dt.datetime | None = None
    sha256: str | None = None
    from_cache: bool = False
    revalidated: bool = False  # answered by a 304 to a conditional request
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        """True when there is a body to read."""
        return self.outcome is FetchOutcome.OK


@dataclass(frozen=True, slots=True)
class SourceRead:
    """One source: how fetching went and, if it went well, its text."""

    fetched: Fetched
    text: SourceText | None = None
    extracted: bool = False  # the text was extracted in this run, not found stored


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """One file of the local corpus, as indexed."""

    path: str  # absolute
    sha256: str  # of the file's bytes
    size: int
    mtime: float
    title: str | None = None
    published: dt.date | None = None
    indexed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CorpusHit:
    """A corpus document that a search found, best first."""

    path: str
    sha256: str
    score: float  # bm25: lower is better
    title: str | None = None
    indexed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A source that search found for a claim: where, by whom, and with what query."""

    source: str  # URL or path, as a citation names it
    found_by: str  # corpus, wikipedia, searxng
    query: str
    read: SourceRead | None = None  # already read (a corpus document), else to be fetched
