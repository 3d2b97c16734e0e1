"""Reading a response body within limits, what a fetch wants of it (`Wanted`), and the
header values the client needs."""

from __future__ import annotations

import datetime as dt
import email.utils
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from factcheck.errors import FetchError

__all__ = [
    "PAGE",
    "READABLE",
    "TooLarge",
    "Wanted",
    "drain",
    "media_type",
    "read_capped",
    "retry_after",
]

READABLE = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown"})


@dataclass(frozen=True, slots=True)
class Wanted:
    """What a fetch is for: the media types it reads, the Accept it sends, whether
    robots.txt is asked first."""

    types: frozenset[str]
    accept: str | None = None  # sent instead of the client's Accept for pages
    robots: bool = True


PAGE = Wanted(READABLE)  # a source: a page read as text, where robots.txt allows it


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


class _Inflater:
    """gzip, zlib or raw deflate, told apart by the first bytes; bounded output."""

    def __init__(self) -> None:
        self._d: zlib._Decompress | None = None

    def feed(self, data: bytes, room: int) -> bytes:
        if self._d is None:
            wbits = zlib.MAX_WBITS | 32  # a gzip or zlib header
            if data and data[:1] not in (b"\x1f", b"\x78", b"\x58", b"\x68", b"\x08"):
                wbits = -zlib.MAX_WBITS  # servers often send raw deflate as "deflate"
            self._d = zlib.decompressobj(wbits=wbits)
        return self._d.decompress(data, room)

    @property
    def pending(self) -> bytes:
        return self._d.unconsumed_tail if self._d is not None else b""

    def finish(self) -> bytes:
        if self._d is None:
            return b""
        tail = self._d.flush()
        if not self._d.eof:
            raise Truncated("the compressed body ends before its end: the page is incomplete")
        return tail


class Truncated(FetchError):
    """A body that stops short."""

    kind = "unreachable"


def _inflater(encoding: str) -> _Inflater | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Inflater()
    raise UnsupportedEncoding(f"unsupported Content-Encoding {encoding!r}")


async def read_capped(
    chunks: AsyncIterator[bytes], encoding: str, max_bytes: int, *, truncate: bool = False
) -> bytes:
    """Read a raw body and undo its Content-Encoding, never holding more than the cap.

    The decompressor is asked for at most what is left under the cap, so a small gzip
    bomb cannot inflate past it. With ``truncate`` the first ``max_bytes`` are returned
    instead of an error (robots.txt: parse what fits).

    Raises:
        TooLarge: the raw or the decoded body passed ``max_bytes``.
        UnsupportedEncoding: an encoding other than gzip or deflate, or one that is corrupt.
        Truncated: a compressed body that stops before its end.
    """
    inflater = _inflater(encoding)
    out = bytearray()
    raw = 0
    try:
        async for chunk in chunks:
            raw += len(chunk)
            pending = chunk
            while pending:
                out += (
                    pending
                    if inflater is None
                    else inflater.feed(pending, max_bytes - len(out) + 1)
                )
                pending = b"" if inflater is None else inflater.pending
                if len(out) > max_bytes or (raw > max_bytes and not truncate):
                    if truncate:
                        return bytes(out[:max_bytes])
                    raise TooLarge(f"body larger than {max_bytes:,} bytes, decompressed")
        if inflater is not None:
            out += inflater.finish()
    except zlib.error as exc:
        raise UnsupportedEncoding(f"the body does not decompress ({exc})") from None
    if len(out) > max_bytes:
        if truncate:
            return bytes(out[:max_bytes])
        raise TooLarge(f"body larger than {max_bytes:,} bytes, decompressed")
    return bytes(out)


async def drain(response: httpx.Response, limit: int = 65536) -> None:
    """Read a small unwanted body, so its connection can serve the next request."""
    length = response.headers.get("content-length", "")
    bodiless = response.status_code in (204, 304)  # these never carry a body
    if bodiless or (length.isdigit() and int(length) <= limit):
        async for _ in response.aiter_raw():  # as sent: nothing to decode in what is dropped
            pass
