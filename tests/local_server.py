"""Settings for tests that fetch from the test server on 127.0.0.1."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from factcheck.settings import Settings

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)


def local_settings(tmp_path: Path, *, retries: int, backoff: float) -> Settings:
    """A cache under ``tmp_path``, no politeness delay, a 2 s timeout, 127.0.0.1 allowed."""
    return Settings(
        cache=tmp_path / "cache",
        delay=0,
        timeout=2.0,
        retries=retries,
        backoff=backoff,
        allow_private=LOOPBACK,
    )
