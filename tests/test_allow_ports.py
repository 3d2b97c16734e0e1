"""--allow-private opens a CIDR on the cited URL's port only; other ports need an
explicit IP:PORT entry. Two real servers on 127.0.0.1: the cited page, and an "admin"
service on another port it tries to redirect into."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from factcheck.fetch.client import Fetcher
from factcheck.models import Fetched, FetchOutcome
from factcheck.settings import Allowed, Settings, load_settings, parse_allowed

PAGE = b"<html><body><p>The treaty was signed in Pyongyang on 19 June 2024.</p></body></html>"
LOOPBACK = ipaddress.ip_network("127.0.0.1/32")


@pytest.fixture
def admin() -> Iterator[HTTPServer]:
    """A second server on 127.0.0.1, on another port: what a redirect must not reach."""
    other = HTTPServer(host="127.0.0.1", port=0)
    other.no_handler_status_code = 404
    other.expect_request("/admin").respond_with_data(PAGE, content_type="text/html")
    other.start()
    yield other
    other.clear()
    other.stop()


def _fetch(tmp_path: Path, allow: tuple[Allowed, ...], *urls: str) -> list[Fetched]:
    settings = Settings(
        cache=tmp_path / "cache", delay=0, timeout=2.0, retries=1, allow_private=allow
    )

    async def run() -> list[Fetched]:
        async with Fetcher(settings) as fetcher:
            return [await fetcher.fetch(url) for url in urls]

    return asyncio.run(run())


def _admin_hits(admin: HTTPServer) -> list[str]:
    return [request.path for request, _ in admin.log if request.path == "/admin"]


def test_a_redirect_to_another_port_of_an_allowed_range_is_refused(
    server: HTTPServer, admin: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/p").respond_with_data(
        "", status=302, headers={"Location": admin.url_for("/admin")}
    )
    (fetched,) = _fetch(tmp_path, (LOOPBACK,), server.url_for("/p"))
    assert fetched.outcome is FetchOutcome.BLOCKED
    assert f"port {admin.port}" in (fetched.reason or "")
    assert f"--allow-private 127.0.0.1:{admin.port}" in (fetched.reason or "")
    assert not admin.log  # not even its robots.txt


def test_an_explicit_ip_port_entry_opens_that_port(
    server: HTTPServer, admin: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/p").respond_with_data(
        "", status=302, headers={"Location": admin.url_for("/admin")}
    )
    allow = (LOOPBACK, parse_allowed(f"127.0.0.1:{admin.port}"))
    (fetched,) = _fetch(tmp_path, allow, server.url_for("/p"))
    assert (fetched.outcome, fetched.body) == (FetchOutcome.OK, PAGE)


def test_a_redirect_on_the_cited_port_is_followed(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": server.url_for("/new")}
    )
    server.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    (fetched,) = _fetch(tmp_path, (LOOPBACK,), server.url_for("/old"))
    assert (fetched.outcome, fetched.final_url) == (FetchOutcome.OK, server.url_for("/new"))


def test_citing_a_port_does_not_open_it_to_redirects_from_other_pages(
    server: HTTPServer, admin: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/p").respond_with_data(
        "", status=302, headers={"Location": admin.url_for("/admin")}
    )
    cited, redirected = _fetch(tmp_path, (LOOPBACK,), admin.url_for("/admin"), server.url_for("/p"))
    assert cited.outcome is FetchOutcome.OK  # cited itself: its own port
    assert redirected.outcome is FetchOutcome.BLOCKED
    assert _admin_hits(admin) == ["/admin"]


def test_allow_private_entries_parse_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_ALLOW_PRIVATE", "10.0.0.0/8, 127.0.0.1:8080, [::1]:9000")
    assert load_settings().allow_private == (
        ipaddress.ip_network("10.0.0.0/8"),
        (LOOPBACK, 8080),
        (ipaddress.ip_network("::1/128"), 9000),
    )


@pytest.mark.parametrize("bad", ["127.0.0.1:0", "127.0.0.1:70000", "host.test:80", "::1:80x"])
def test_bad_allow_private_entries_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each bad entry its own message
        parse_allowed(bad)
