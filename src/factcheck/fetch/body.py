"""Reading a response body within limits, and the header values the client needs."""

from __future__ import annotations

import datetime as dt
import email.utils
import zlib
from collections.abc import AsyncIterator

from factcheck.errors import FetchError

__all__ = ["TooLarge", "media_type", "read_capped", "retry_after"]

READABLE = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown"})


class TooLarge(FetchError):
    """The body passed the byte cap."""

    kind = "too-large"


class UnsupportedEncoding(FetchError):
    """A Content-Encoding we did not ask for and cannot undo."""

    kind = "unsupported"


def media_type(content_type: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into its media type and charset."""
    if not content_type:
        return "", None
    kind, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for: delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _decoder(encoding: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(wbits=zlib.MAX_WBITS | 32)  # gzip or zlib header
    raise UnsupportedEncoding(f"unsupported Content-Encoding {encoding!r}")


async def read_capped(chunks: AsyncIterator[bytes], encoding: str, max_bytes: int) -> bytes:
    """Read a raw body and undo its Content-Encoding, never holding more than the cap.

    The decompressor is asked for at most what is left under the cap, so a small gzip
    bomb cannot inflate past it.

    Raises:
        TooLarge: the raw or the decoded body passed ``max_bytes``.
        UnsupportedEncoding: an encoding other than gzip or deflate.
    """
    decoder = _decoder(encoding)
    out = bytearray()
    raw = 0
    async for chunk in chunks:
        raw += len(chunk)
        if raw > max_bytes:
            raise TooLarge(f"body larger than {max_bytes:,} bytes")
        if decoder is None:
            out += chunk
        else:
            pending = chunk
            while pending:
                out += decoder.decompress(pending, max_bytes - len(out) + 1)
                if len(out) > max_bytes:
                    raise TooLarge(f"body inflates past {max_bytes:,} bytes")
                pending = decoder.unconsumed_tail
        if len(out) > max_bytes:
            raise TooLarge(f"body larger than {max_bytes:,} bytes")
    if decoder is not None:
        out += decoder.flush()
        if len(out) > max_bytes:
            raise TooLarge(f"body inflates past {max_bytes:,} bytes")
    return bytes(out)
