"""URLs as the fetch layer sees them: what it refuses, and the origin politeness is kept by.

Pure functions on strings; no request is made.
"""

from __future__ import annotations

import contextlib
import functools
import re
import socket
from urllib.parse import urlsplit

__all__ = ["origin_of", "port_of", "url_problem", "without_credentials"]


def url_problem(url: str) -> str | None:
    """Why a URL cannot be fetched over HTTP, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises for a port out of range
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme!r}"
    if not parts.hostname:
        return "no host in the URL"
    if "@" in parts.netloc:
        return "a URL with a user name or password is refused (credentials are never sent)"
    return None


def without_credentials(url: str) -> str:
    """The URL with any user name and password replaced by ``…``, for messages."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="…@" + parts.netloc.rpartition("@")[2]).geturl()


@functools.lru_cache(maxsize=4096)
def port_of(url: str) -> int:
    """The URL's port, or its scheme's default."""
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


@functools.lru_cache(maxsize=4096)  # asked several times a request: politeness, robots, pool
def origin_of(url: str) -> str:
    """scheme://host:port, with numeric spellings of one address made one ("127.1")."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if re.fullmatch(r"[0-9a-fx.]+", host) and not re.fullmatch(r"[a-f.]+", host):
        with contextlib.suppress(OSError):
            host = socket.inet_ntoa(socket.inet_aton(host))  # no DNS: numbers only
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme.lower()}://{host}:{port}"
