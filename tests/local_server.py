"""Settings for tests that fetch from the test server on 127.0.0.1."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

from factcheck.settings import Settings

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)


def local_settings(tmp_path: Path, **more: Any) -> Settings:
    """A cache under ``tmp_path``, no politeness delay, 127.0.0.1 allowed, a 2 s timeout
    unless ``more`` says otherwise (``more`` sets any other field too)."""
    fields: dict[str, Any] = {"timeout": 2.0} | more
    return Settings(cache=tmp_path / "cache", delay=0, allow_private=LOOPBACK, **fields)
