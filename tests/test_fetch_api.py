"""A search API's answer is asked for and read as JSON through the one client; a page's
fetch refuses JSON."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pytest_httpserver import HTTPServer

from factcheck.fetch import Fetcher, fetch_api
from factcheck.models import Fetched, FetchOutcome
from tests.local_server import local_settings

ANSWER = b'{"query": {"search": []}}'


def _both(tmp_path: Path, url: str) -> tuple[Fetched, Fetched]:
    async def run() -> tuple[Fetched, Fetched]:
        async with Fetcher(local_settings(tmp_path, retries=1, backoff=0.01)) as fetcher:
            return await fetcher.fetch(url), await fetch_api(fetcher, url)

    return asyncio.run(run())


def test_json_is_read_from_a_search_api_and_refused_as_a_page(
    tmp_path: Path, server: HTTPServer
) -> None:
    server.expect_request("/w/api.php").respond_with_data(ANSWER, content_type="application/json")
    page, api = _both(tmp_path, server.url_for("/w/api.php"))
    assert (page.outcome, page.reason) == (
        FetchOutcome.UNSUPPORTED,
        "content type application/json",
    )
    assert (api.outcome, api.body) == (FetchOutcome.OK, ANSWER)
    accepts = [r.headers["Accept"] for r, _ in server.log if r.path == "/w/api.php"]
    assert accepts == [
        "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        "application/json",
    ]
