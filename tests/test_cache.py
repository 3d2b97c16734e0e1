"""The private HTTP cache's freshness rules (RFC 9111), one row per rule."""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import sqlite3
import time
from pathlib import Path

import pytest

from factcheck.fetch.cache import HttpCache, Stored, cacheable

NOW = 1_750_000_000.0


def _http_date(epoch: float) -> str:
    return email.utils.formatdate(epoch, usegmt=True)


# response headers, seconds since received, fresh?
FRESHNESS = [
    ({"cache-control": "max-age=60"}, 30, True),
    ({"cache-control": "max-age=60"}, 90, False),
    ({"cache-control": "max-age=60", "age": "50"}, 20, False),  # Age counts
    ({"cache-control": "no-cache, max-age=600"}, 1, False),  # always revalidate
    ({"cache-control": "private, max-age=60"}, 30, True),  # a private cache may keep it
    ({"expires": _http_date(NOW + 120), "date": _http_date(NOW)}, 60, True),
    ({"expires": _http_date(NOW + 120), "date": _http_date(NOW)}, 180, False),
    ({"expires": "0"}, 0, False),  # an invalid date means already stale
    ({"last-modified": _http_date(NOW - 100_000), "date": _http_date(NOW)}, 5_000, True),  # 10%
    ({"last-modified": _http_date(NOW - 100_000), "date": _http_date(NOW)}, 20_000, False),
    ({}, 0.5, False),  # nothing said: revalidate
]


@pytest.mark.parametrize(("headers", "elapsed", "fresh"), FRESHNESS)
def test_freshness(headers: dict[str, str], elapsed: float, fresh: bool) -> None:
    stored = Stored("https://x.test/", 200, headers, b"", NOW)
    assert stored.fresh(now=NOW + elapsed) is fresh


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (200, {}, True),
        (200, {"cache-control": "no-store"}, False),
        (200, {"vary": "*"}, False),
        (200, {"vary": "Accept-Encoding"}, True),
        (404, {}, False),
        (301, {}, False),
    ],
)
def test_what_is_stored(status: int, headers: dict[str, str], expected: bool) -> None:
    assert cacheable(status, headers) is expected


def test_validators_become_conditional_headers() -> None:
    stored = Stored(
        "u", 200, {"etag": '"v1"', "last-modified": "Wed, 20 Aug 2025 10:00:00 GMT"}, b"", NOW
    )
    assert stored.validators == {
        "If-None-Match": '"v1"',
        "If-Modified-Since": "Wed, 20 Aug 2025 10:00:00 GMT",
    }


def test_store_refresh_and_reopen(tmp_path: Path) -> None:
    cache = HttpCache.open(tmp_path / "http.sqlite")
    stored = cache.put(
        "https://x.test/a", 200, {"ETag": '"v1"', "Content-Encoding": "gzip"}, b"body"
    )
    assert "content-encoding" not in stored.headers  # the body is kept decoded
    before = stored.received
    time.sleep(0.01)
    refreshed = cache.refresh(
        stored, {"ETag": '"v1"', "Cache-Control": "max-age=60", "X-Other": "no"}
    )
    assert refreshed.received > before
    assert refreshed.headers["cache-control"] == "max-age=60"
    assert "x-other" not in refreshed.headers
    cache.close()
    again = HttpCache.open(tmp_path / "http.sqlite").get("https://x.test/a")
    assert again is not None
    assert (again.body, again.headers["etag"]) == (b"body", '"v1"')


def test_the_body_hash_is_kept_and_survives_a_refresh(tmp_path: Path) -> None:
    cache = HttpCache.open(tmp_path / "http.sqlite")
    stored = cache.put("https://x.test/a", 200, {"ETag": '"v1"'}, b"body")
    assert stored.sha256 == hashlib.sha256(b"body").hexdigest()
    cache.refresh(stored, {"ETag": '"v1"'})
    cache.close()
    again = HttpCache.open(tmp_path / "http.sqlite").get("https://x.test/a")
    assert again is not None
    assert again.sha256 == stored.sha256


def test_a_cache_file_of_an_older_factcheck_gains_the_hash_column(tmp_path: Path) -> None:
    """A file made before hashes were kept (and before Vary was honoured) still serves its
    pages, each hashed when read; a page stored after the upgrade keeps its hash."""
    path = tmp_path / "http.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as old, old:
        old.execute(
            "CREATE TABLE responses (url TEXT PRIMARY KEY, status INTEGER NOT NULL,"
            " headers TEXT NOT NULL, body BLOB NOT NULL, received REAL NOT NULL)"
        )
        old.execute(
            "INSERT INTO responses VALUES (?, 200, ?, ?, ?)",
            ("https://x.test/old", json.dumps({"etag": '"v0"'}), b"old body", NOW),
        )
    cache = HttpCache.open(path)
    old_page = cache.get("https://x.test/old")
    assert old_page is not None
    assert old_page.body == b"old body"
    assert old_page.sha256 == hashlib.sha256(b"old body").hexdigest()
    cache.put("https://x.test/new", 200, {}, b"new body")
    cache.close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        kept = dict(db.execute("SELECT url, sha256 FROM responses").fetchall())
    assert kept == {
        "https://x.test/old": None,
        "https://x.test/new": hashlib.sha256(b"new body").hexdigest(),
    }
    cache = HttpCache.open(path)  # a 304 for the old page keeps the hash it was read with
    cache.refresh(old_page, {"ETag": '"v0"'})
    cache.close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        (refreshed,) = db.execute("SELECT sha256 FROM responses WHERE url LIKE '%old'").fetchone()
    assert refreshed == hashlib.sha256(b"old body").hexdigest()
