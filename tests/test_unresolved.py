"""A host name that does not resolve is reported as such, not as "robots.txt
unreachable". No test asks the machine's resolver: the lookup is injected, and the
one name it knows points at the test server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from pytest_httpserver import HTTPServer

from factcheck.fetch.client import Fetcher
from factcheck.models import Fetched, FetchOutcome
from tests.local_server import local_settings

PAGE = b"<html><body><p>The treaty was signed in Pyongyang on 19 June 2024.</p></body></html>"


async def _stub_lookup(host: str, port: int) -> list[str]:
    """Knows one name, desk.test (127.0.0.1); any other does not exist."""
    if host == "desk.test":
        return ["127.0.0.1"]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def _fetch(tmp_path: Path, url: str) -> Fetched:
    settings = local_settings(tmp_path, retries=2, backoff=0.01)

    async def run() -> Fetched:
        async with Fetcher(settings, lookup=_stub_lookup) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def test_a_name_that_does_not_resolve_says_so(tmp_path: Path) -> None:
    fetched = _fetch(tmp_path, "http://gone.test/story")
    assert fetched.outcome is FetchOutcome.UNREACHABLE
    assert fetched.reason is not None
    assert fetched.reason.startswith("host name 'gone.test' does not resolve")
    assert "robots" not in fetched.reason


def test_a_redirect_to_a_name_that_does_not_resolve_says_so(
    server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/p").respond_with_data(
        "", status=301, headers={"Location": "http://moved.test/p"}
    )
    fetched = _fetch(tmp_path, f"http://desk.test:{server.port}/p")
    assert fetched.outcome is FetchOutcome.UNREACHABLE
    assert (fetched.reason or "").startswith("host name 'moved.test' does not resolve")
    assert [request.path for request, _ in server.log] == ["/robots.txt", "/p"]


def test_the_known_name_is_fetched(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    fetched = _fetch(tmp_path, f"http://desk.test:{server.port}/p")
    assert (fetched.outcome, fetched.body) == (FetchOutcome.OK, PAGE)
