"""Local sources: a regular file inside the base folder, read within the byte cap."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from factcheck.models import Fetched, FetchOutcome

__all__ = ["LOCAL_TYPES", "read_local"]

LOCAL_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
}


def read_local(source: str, base: Path, max_bytes: int) -> Fetched:
    """Read a local source (a path or ``file://`` URL) inside ``base``; never raises for it."""
    raw = unquote(urlsplit(source).path) if source.startswith("file:") else source
    path = Path(raw).expanduser()
    path = (path if path.is_absolute() else base / path).resolve()
    fail = partial(Fetched, source, str(path))
    if not path.is_relative_to(base.resolve()):
        reason = f"local sources must be inside {base}: {path} is not"
        return fail(FetchOutcome.UNSUPPORTED, reason)
    kind = LOCAL_TYPES.get(path.suffix.lower(), "" if path.suffix else "text/plain")
    if not kind:
        return fail(FetchOutcome.UNSUPPORTED, f"unsupported file type {path.suffix!r}")
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return fail(FetchOutcome.UNSUPPORTED, "not a regular file")
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except OSError as exc:
        return fail(FetchOutcome.UNREACHABLE, f"cannot read {path}: {exc.strerror}")
    if len(body) > max_bytes:
        return fail(FetchOutcome.TOO_LARGE, f"file larger than {max_bytes:,} bytes")
    return fail(
        FetchOutcome.OK,
        status=None,
        body=body,
        content_type=kind,
        fetched_at=dt.datetime.now(dt.UTC),
        sha256=hashlib.sha256(body).hexdigest(),
    )
