"""Fetch and read sources end to end against a local server."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.models import FetchOutcome
from factcheck.reading import read_sources
from factcheck.settings import Settings

PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        cache=tmp_path / "cache",
        delay=0,
        timeout=10,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )


def _etagged(body: bytes, content_type: str) -> Callable[[Request], Response]:
    def handle(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"1"':
            return Response(status=304, headers={"ETag": '"1"'})
        return Response(
            body, content_type=content_type, headers={"ETag": '"1"', "Cache-Control": "no-cache"}
        )

    return handle


def test_sources_are_fetched_read_and_not_read_twice(
    server: HTTPServer, settings: Settings
) -> None:
    page = (PAGES / "harbour-bridge-utf8.html").read_bytes()
    server.expect_request("/story").respond_with_handler(_etagged(page, "text/html; charset=utf-8"))
    server.expect_request("/gone").respond_with_data("no", status=404)
    url, gone = server.url_for("/story"), server.url_for("/gone")
    first = read_sources([url, gone, url], settings)
    assert list(first) == [url, gone]
    read = first[url]
    assert read.fetched.ok
    assert read.text is not None
    assert read.text.error is None
    assert "bridge" in read.text.text.lower()
    assert read.extracted
    assert first[gone].fetched.outcome is FetchOutcome.HTTP_ERROR
    assert first[gone].text is None
    second = read_sources([url], settings, revalidate=True)[url]
    assert second.fetched.revalidated
    assert second.text == read.text
    assert not second.extracted  # an unchanged page is never extracted twice


def test_offline_reads_from_the_cache(
    server: HTTPServer, settings: Settings, tmp_path: Path
) -> None:
    page = (PAGES / "harbour-bridge-utf8.html").read_bytes()
    server.expect_request("/story").respond_with_handler(_etagged(page, "text/html"))
    url = server.url_for("/story")
    online = read_sources([url], settings)[url]
    before = len(server.log)
    offline = read_sources([url, server.url_for("/never")], settings, offline=True)
    assert len(server.log) == before
    assert offline[url].text == online.text
    assert offline[server.url_for("/never")].fetched.outcome is FetchOutcome.NOT_CACHED
