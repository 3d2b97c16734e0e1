"""The HTTP cache against RFC 9111's rules for 304s, Vary, no-store and max-age=0,
on a real server on 127.0.0.1 whose answers change between requests."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.fetch import fetch_api
from factcheck.fetch.client import Fetcher
from factcheck.fetch.validators import selects
from factcheck.models import Fetched
from factcheck.settings import Settings
from tests.local_server import local_settings

OLD = b"<html><body><p>The summit took place on 15 August 2025.</p></body></html>"
NEW = b"<html><body><p>The summit took place on 16 August 2025.</p></body></html>"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return local_settings(tmp_path, retries=1, backoff=0.05)


def _fetch(settings: Settings, url: str, *, revalidate: bool = False, api: bool = False) -> Fetched:
    async def run() -> Fetched:
        async with Fetcher(settings, revalidate=revalidate) as fetcher:
            return await (fetch_api(fetcher, url) if api else fetcher.fetch(url))

    return asyncio.run(run())


class _Page:
    """A page whose body and ETag can change, and which may lie with its 304s."""

    def __init__(self, body: bytes, etag: str, **headers: str) -> None:
        self.body, self.etag, self.headers = body, etag, headers
        self.answer_304: dict[str, str] | None = None  # a 304 sent to any conditional request
        self.sent: list[tuple[int, dict[str, str]]] = []

    def __call__(self, request: Request) -> Response:
        conditional = "If-None-Match" in request.headers or "If-Modified-Since" in request.headers
        if conditional and self.answer_304 is not None:
            response = Response(status=304, headers=self.answer_304)
        elif request.headers.get("If-None-Match") == self.etag:
            response = Response(status=304, headers={"ETag": self.etag})
        else:
            response = Response(
                self.body, content_type="text/html", headers={"ETag": self.etag, **self.headers}
            )
        self.sent.append((response.status_code, dict(request.headers)))
        return response


def test_a_304_with_another_etag_does_not_refresh_the_stored_page(
    server: HTTPServer, settings: Settings
) -> None:
    page = _Page(OLD, '"v1"')
    server.expect_request("/p").respond_with_handler(page)
    assert _fetch(settings, server.url_for("/p")).body == OLD
    page.body, page.etag = NEW, '"v2"'
    page.answer_304 = {"ETag": '"v2"'}  # a confused cache in front of the origin
    second = _fetch(settings, server.url_for("/p"), revalidate=True)
    assert second.body == NEW  # asked again without conditions
    assert not second.revalidated
    assert [status for status, _ in page.sent] == [200, 304, 200]
    assert "If-None-Match" not in page.sent[-1][1]
    page.answer_304 = None
    third = _fetch(settings, server.url_for("/p"), revalidate=True)  # now stored: v2
    assert (third.body, third.revalidated) == (NEW, True)


def test_a_304_with_the_stored_etag_refreshes_it(server: HTTPServer, settings: Settings) -> None:
    page = _Page(OLD, '"v1"')
    server.expect_request("/p").respond_with_handler(page)
    _fetch(settings, server.url_for("/p"))
    again = _fetch(settings, server.url_for("/p"), revalidate=True)
    assert (again.body, again.revalidated) == (OLD, True)
    assert [status for status, _ in page.sent] == [200, 304]


def test_a_304_with_another_weak_etag_does_not_refresh(
    server: HTTPServer, settings: Settings
) -> None:
    page = _Page(OLD, 'W/"one"')
    server.expect_request("/p").respond_with_handler(page)
    _fetch(settings, server.url_for("/p"))
    page.body = NEW
    page.answer_304 = {"ETag": 'W/"two"'}
    assert _fetch(settings, server.url_for("/p"), revalidate=True).body == NEW


@pytest.mark.parametrize(
    ("stored", "reply", "selected"),
    [
        ({"etag": '"a"'}, {"etag": '"a"'}, True),
        ({"etag": '"a"'}, {"etag": '"b"'}, False),
        ({"etag": 'W/"a"'}, {"etag": '"a"'}, False),  # a strong match needs two strong tags
        ({"etag": 'W/"a"'}, {"etag": 'W/"a"'}, True),
        ({"etag": '"a"'}, {"etag": 'W/"a"'}, True),  # weak comparison
        ({"last-modified": "Mon, 01 Sep 2025 10:00:00 GMT"},
         {"last-modified": "Mon, 01 Sep 2025 10:00:00 GMT"}, True),
        ({"last-modified": "Mon, 01 Sep 2025 10:00:00 GMT"},
         {"last-modified": "Tue, 02 Sep 2025 10:00:00 GMT"}, False),
        ({"etag": '"a"'}, {}, True),  # no validator names no other version
        ({}, {}, True),
        ({}, {"etag": '"a"'}, False),
    ],
)  # fmt: skip
def test_which_stored_response_a_304_selects(
    stored: dict[str, str], reply: dict[str, str], selected: bool
) -> None:
    assert selects(stored, reply) is selected


def test_vary_keeps_a_stored_answer_from_another_kind_of_request(
    server: HTTPServer, settings: Settings
) -> None:
    def handler(request: Request) -> Response:
        json_wanted = request.headers.get("Accept") == "application/json"
        body, kind = (b'{"n": 1}', "application/json") if json_wanted else (OLD, "text/html")
        return Response(
            body, content_type=kind, headers={"Vary": "Accept", "Cache-Control": "max-age=600"}
        )

    server.expect_request("/v").respond_with_handler(handler)
    page = _fetch(settings, server.url_for("/v"))
    api = _fetch(settings, server.url_for("/v"), api=True)
    assert (page.body, page.from_cache) == (OLD, False)
    assert (api.body, api.from_cache) == (b'{"n": 1}', False)  # not the stored HTML
    again = _fetch(settings, server.url_for("/v"), api=True)
    assert (again.body, again.from_cache) == (b'{"n": 1}', True)


def test_no_store_is_not_kept_and_drops_the_older_copy(
    server: HTTPServer, settings: Settings
) -> None:
    page = _Page(OLD, '"v1"', **{"Cache-Control": "max-age=600"})
    server.expect_request("/s").respond_with_handler(page)
    _fetch(settings, server.url_for("/s"))
    page.body, page.etag, page.headers = NEW, '"v2"', {"Cache-Control": "no-store"}
    assert _fetch(settings, server.url_for("/s"), revalidate=True).body == NEW
    page.body = b"<html><body><p>third</p></body></html>"
    third = _fetch(settings, server.url_for("/s"))
    assert (third.body, third.from_cache) == (page.body, False)
    assert "If-None-Match" not in page.sent[-1][1]  # nothing kept to revalidate


def test_max_age_zero_is_stored_but_always_revalidated(
    server: HTTPServer, settings: Settings
) -> None:
    page = _Page(OLD, '"v1"', **{"Cache-Control": "max-age=0"})
    server.expect_request("/z").respond_with_handler(page)
    _fetch(settings, server.url_for("/z"))
    second = _fetch(settings, server.url_for("/z"))  # no revalidate flag: stale at once
    assert (second.body, second.revalidated) == (OLD, True)
    assert page.sent[-1][1].get("If-None-Match") == '"v1"'
