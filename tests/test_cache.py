"""The private HTTP cache's freshness rules (RFC 9111), one row per rule."""

from __future__ import annotations

import email.utils
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
