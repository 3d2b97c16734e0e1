"""What a claims file may hold beyond its shape: its size, a claim's length, and
source URLs without credentials (a user name or password is never stored or sent)."""

from __future__ import annotations

from urllib.parse import urlsplit

from factcheck.errors import ClaimsFileError
from factcheck.models import MAX_CLAIM_CHARS, ClaimsFile

__all__ = ["MAX_FIELD_CHARS", "MAX_FILE_CHARS", "credentials_problem", "require_claims", "too_long"]

MAX_FILE_CHARS = 8 * 1024 * 1024  # a claims file of thousands of claims is well under it
MAX_FIELD_CHARS = MAX_CLAIM_CHARS  # a claim's text, quote or note


def credentials_problem(source: str) -> str | None:
    """Why a source URL is refused for carrying credentials, or None (never echoes them)."""
    try:
        parts = urlsplit(source)
    except ValueError:
        return None  # not a URL: fetch says so
    if parts.scheme.lower() not in ("http", "https") or "@" not in parts.netloc:
        return None
    host = parts.netloc.rpartition("@")[2]
    return (
        f"a URL with a user name or password (…@{host}) is refused: credentials would be"
        " sent and stored; remove them from the URL"
    )


def too_long(value: str) -> str | None:
    """Why a claim's text field is too long, or None."""
    if len(value) <= MAX_FIELD_CHARS:
        return None
    return f"{len(value):,} characters, more than {MAX_FIELD_CHARS:,} allowed"


def require_claims(parsed: ClaimsFile) -> None:
    """Refuse a claims file with no claims (empty, or comments only): nothing to check
    must not pass a ``--fail-on`` gate."""
    if not parsed.claims:
        raise ClaimsFileError("no [[claims]] in the file: nothing to check", path=parsed.path)
