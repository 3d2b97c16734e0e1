"""One answer as the client reads it, from the network or the cache, and what it says
about itself (when it was fetched; a transport error in one line)."""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass

from factcheck.fetch.cache import Stored

__all__ = ["Reply", "describe", "fetched_at"]


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer, from the network or the cache: status, headers (lower-case), body."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    from_cache: bool = False
    revalidated: bool = False
    sha256: str | None = None  # of the body, when known already (a cached copy's)

    @classmethod
    def stored(cls, stored: Stored, *, revalidated: bool = False) -> Reply:
        """The reply a cached copy stands for."""
        return cls(stored.status, stored.headers, stored.body, True, revalidated, stored.sha256)


def fetched_at(reply: Reply) -> dt.datetime:
    """When the body was fetched: now, or the Date of a copy served from the cache."""
    date = reply.headers.get("date")
    if reply.from_cache and not reply.revalidated and date:
        try:
            return email.utils.parsedate_to_datetime(date).astimezone(dt.UTC)
        except (TypeError, ValueError):
            pass
    return dt.datetime.now(dt.UTC)


def describe(exc: Exception) -> str:
    """A transport error in one line: its type, and its message when it has one."""
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text
