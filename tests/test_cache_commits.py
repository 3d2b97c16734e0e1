"""The HTTP cache commits its writes a few at a time, and never leaves them for long."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from factcheck.fetch import cache as cache_module
from factcheck.fetch.cache import HttpCache

HEADERS = {"etag": '"a"', "content-type": "text/html"}


def stored(path: Path) -> int:
    """Responses another connection sees, that is, committed ones."""
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM responses").fetchone()[0])


def test_writes_are_committed_together_and_on_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "COMMIT_SECONDS", 3600.0)
    monkeypatch.setattr(cache_module, "WRITES_PER_COMMIT", 3)
    path = tmp_path / "http.sqlite"
    cache = HttpCache.open(path)
    for n in range(2):
        cache.put(f"https://x.test/{n}", 200, HEADERS, b"page")
    assert stored(path) == 0
    assert cache.get("https://x.test/1") is not None  # its own writes, before the commit
    cache.put("https://x.test/2", 200, HEADERS, b"page")
    assert stored(path) == 3
    cache.put("https://x.test/3", 200, HEADERS, b"page")
    cache.close()
    assert stored(path) == 4


def test_a_write_is_committed_by_the_timer_when_no_other_follows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "COMMIT_SECONDS", 0.05)
    path = tmp_path / "http.sqlite"
    cache = HttpCache.open(path)
    cache.put("https://x.test/a", 200, HEADERS, b"page")
    deadline = time.monotonic() + 30
    while stored(path) == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stored(path) == 1  # the cache is still open
    other = HttpCache.open(path)  # and another process can write
    other.put("https://x.test/b", 200, HEADERS, b"page")
    other.close()
    cache.close()
    assert stored(path) == 2
