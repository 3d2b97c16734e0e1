"""The fetch layer against a real, misbehaving server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import gzip
import hashlib
import ipaddress
import os
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck import __version__
from factcheck.errors import StorageError
from factcheck.fetch.client import Fetcher
from factcheck.models import Fetched, FetchOutcome
from factcheck.settings import Settings

from .keepalive import PortsNoted, serving

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)
PAGE = b"<html><head><title>T</title></head><body><p>The treaty was signed.</p></body></html>"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        cache=tmp_path / "cache",
        delay=0,
        allow_private=LOOPBACK,
        timeout=2.0,
        max_bytes=100_000,
        backoff=0.05,
        max_wait=5,
        contact="desk@example.org",
    )


def fetch(settings: Settings, url: str, **options: Any) -> Fetched:
    async def run() -> Fetched:
        async with Fetcher(settings, **options) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def test_page_is_fetched_with_its_metadata(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    result = fetch(settings, server.url_for("/a"))
    assert result.outcome is FetchOutcome.OK
    assert (result.status, result.body, result.content_type, result.charset) == (
        200,
        PAGE,
        "text/html",
        "utf-8",
    )
    assert result.final_url == server.url_for("/a")
    assert result.sha256 is not None
    assert len(result.sha256) == 64


def test_user_agent_is_honest(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    fetch(settings, server.url_for("/a"))
    agent = server.log[-1][0].headers["User-Agent"]
    assert agent.startswith(f"factcheck/{__version__} (")
    assert "desk@example.org" in agent


# ---------------------------------------------------------------- robots.txt


@pytest.mark.parametrize(
    ("status", "robots", "outcome"),
    [
        (200, "User-agent: *\nDisallow: /private\n", FetchOutcome.ROBOTS),
        (200, "User-agent: factcheck\nDisallow: /\n", FetchOutcome.ROBOTS),
        (200, "User-agent: *\nDisallow: /\nAllow: /private/ok\n", FetchOutcome.OK),
        (200, "User-agent: otherbot\nDisallow: /\n", FetchOutcome.OK),
        (404, "", FetchOutcome.OK),  # RFC 9309: unavailable, everything allowed
        (403, "", FetchOutcome.OK),
        (503, "", FetchOutcome.ROBOTS),  # unreachable: everything disallowed
    ],
)
def test_robots_txt_rules(
    server: HTTPServer, settings: Settings, status: int, robots: str, outcome: FetchOutcome
) -> None:
    server.expect_request("/robots.txt").respond_with_data(robots, status=status)
    server.expect_request("/private/ok").respond_with_data(PAGE, content_type="text/html")
    result = fetch(settings, server.url_for("/private/ok"))
    assert result.outcome is outcome, result.reason


def test_crawl_delay_spaces_requests_to_one_host(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.4\n")
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    server.expect_request("/b").respond_with_data(PAGE, content_type="text/html")
    seen: list[float] = []
    server.expect_request("/c").respond_with_handler(
        lambda r: (seen.append(time.monotonic()), Response(PAGE, content_type="text/html"))[1]
    )

    async def run() -> None:
        async with Fetcher(settings) as fetcher:
            await fetcher.fetch_all(
                [server.url_for("/a"), server.url_for("/c"), server.url_for("/c?x")]
            )

    asyncio.run(run())
    assert len(seen) == 2
    assert seen[1] - seen[0] >= 0.4


# ---------------------------------------------------------------- retries


def test_429_with_retry_after_seconds_is_retried(server: HTTPServer, settings: Settings) -> None:
    server.expect_oneshot_request("/a").respond_with_data(
        "busy", status=429, headers={"Retry-After": "1"}
    )
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    start = time.monotonic()
    result = fetch(settings, server.url_for("/a"))
    assert result.outcome is FetchOutcome.OK
    assert result.attempts == 2
    assert time.monotonic() - start >= 1.0  # the server's wish was honoured


def test_503_with_retry_after_date_is_retried(server: HTTPServer, settings: Settings) -> None:
    when = email.utils.format_datetime(
        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1), usegmt=True
    )
    server.expect_oneshot_request("/a").respond_with_data(
        "down", status=503, headers={"Retry-After": when}
    )
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    result = fetch(settings, server.url_for("/a"))
    assert result.outcome is FetchOutcome.OK
    assert result.attempts == 2


def test_long_retry_after_defers_the_source(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/a").respond_with_data(
        "later", status=503, headers={"Retry-After": "3600"}
    )
    start = time.monotonic()
    result = fetch(settings, server.url_for("/a"))
    assert result.outcome is FetchOutcome.DEFERRED
    assert "3600" in result.reason
    assert time.monotonic() - start < 3  # not waited for


def test_persistent_503_gives_up_after_the_retries(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/a").respond_with_data("down", status=503)
    result = fetch(settings, server.url_for("/a"))
    assert (result.outcome, result.status, result.attempts) == (FetchOutcome.HTTP_ERROR, 503, 3)


def test_404_is_not_retried(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/gone").respond_with_data("no", status=404)
    result = fetch(settings, server.url_for("/gone"))
    assert (result.outcome, result.status, result.attempts) == (FetchOutcome.HTTP_ERROR, 404, 1)


def test_refused_connection_is_unreachable(settings: Settings) -> None:
    result = fetch(settings, "http://127.0.0.1:9/")  # nothing listens on the discard port
    assert result.outcome is FetchOutcome.UNREACHABLE
    assert result.attempts == 3


# ---------------------------------------------------------------- limits


def test_trickling_server_hits_the_deadline(server: HTTPServer, settings: Settings) -> None:
    def trickle(request: Request) -> Response:
        def drip() -> Iterator[bytes]:
            for _ in range(40):
                yield b"x"
                time.sleep(0.1)

        return Response(drip(), content_type="text/plain", direct_passthrough=True)

    server.expect_request("/slow").respond_with_handler(trickle)
    start = time.monotonic()
    result = fetch(
        Settings(**{**settings.__dict__, "timeout": 1.0, "retries": 1}), server.url_for("/slow")
    )
    assert result.outcome is FetchOutcome.TIMEOUT
    assert time.monotonic() - start < 3.5  # the deadline, not the 4 s drip, ended it


def test_gzip_bomb_is_cut_at_the_cap(server: HTTPServer, settings: Settings) -> None:
    bomb = gzip.compress(b"a" * 10_000_000)
    assert len(bomb) < 20_000
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    result = fetch(settings, server.url_for("/bomb"))
    assert result.outcome is FetchOutcome.TOO_LARGE
    assert result.body == b""


def test_gzip_page_is_inflated(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/z").respond_with_data(
        gzip.compress(PAGE), content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    assert fetch(settings, server.url_for("/z")).body == PAGE


def test_huge_body_is_refused(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 1_000_000, content_type="text/plain")
    assert fetch(settings, server.url_for("/big")).outcome is FetchOutcome.TOO_LARGE


def test_other_content_types_are_not_read(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.7", content_type="application/pdf")
    result = fetch(settings, server.url_for("/doc.pdf"))
    assert result.outcome is FetchOutcome.UNSUPPORTED
    assert "application/pdf" in result.reason


# ---------------------------------------------------------------- redirects and the guard


def _redirect(server: HTTPServer, path: str, to: str) -> None:
    server.expect_request(path).respond_with_data("", status=302, headers={"Location": to})


def test_redirects_are_followed_and_the_final_url_kept(
    server: HTTPServer, settings: Settings
) -> None:
    for i in range(5):
        _redirect(server, f"/r{i}", f"/r{i + 1}")
    server.expect_request("/r5").respond_with_data(PAGE, content_type="text/html")
    result = fetch(settings, server.url_for("/r0"))
    assert result.outcome is FetchOutcome.OK
    assert result.final_url == server.url_for("/r5")


def test_more_than_five_redirects_stop(server: HTTPServer, settings: Settings) -> None:
    for i in range(6):
        _redirect(server, f"/r{i}", f"/r{i + 1}")
    server.expect_request("/r6").respond_with_data(PAGE, content_type="text/html")
    assert fetch(settings, server.url_for("/r0")).outcome is FetchOutcome.REDIRECTS


def test_redirect_loop_stops(server: HTTPServer, settings: Settings) -> None:
    _redirect(server, "/ping", "/pong")
    _redirect(server, "/pong", "/ping")
    result = fetch(settings, server.url_for("/ping"))
    assert result.outcome is FetchOutcome.REDIRECTS
    assert "loop" in result.reason


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1/", "http://169.254.169.254/latest/", "http://127.0.0.2:{port}/"]
)
def test_redirect_to_a_private_address_is_refused(
    server: HTTPServer, settings: Settings, target: str
) -> None:
    _redirect(server, "/out", target.format(port=server.port))
    result = fetch(settings, server.url_for("/out"))
    assert result.outcome is FetchOutcome.BLOCKED, result.reason


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0x7f000001", "[::ffff:127.0.0.1]"])
def test_loopback_in_any_spelling_is_refused_without_an_allowance(
    server: HTTPServer, settings: Settings, host: str
) -> None:
    closed = Settings(**{**settings.__dict__, "allow_private": ()})
    result = fetch(closed, f"http://{host}:{server.port}/a")
    assert result.outcome is FetchOutcome.BLOCKED, result.reason
    assert server.log == []  # refused before connecting


def test_other_schemes_are_refused(settings: Settings) -> None:
    assert fetch(settings, "ftp://example.org/a").outcome is FetchOutcome.UNSUPPORTED


# ---------------------------------------------------------------- cache and revalidation


def _validated(header: str, value: str, condition: str) -> Any:
    """A handler that answers 304 to a matching conditional request, else the page."""

    def handle(request: Request) -> Response:
        if request.headers.get(condition) == value:
            return Response(status=304, headers={header: value})
        return Response(
            PAGE, content_type="text/html", headers={header: value, "Cache-Control": "no-cache"}
        )

    return handle


@pytest.mark.parametrize(
    ("header", "value", "condition"),
    [
        ("ETag", '"v1"', "If-None-Match"),
        ("Last-Modified", "Wed, 20 Aug 2025 10:00:00 GMT", "If-Modified-Since"),
    ],
)
def test_revalidation_of_an_unchanged_page_costs_a_304(
    server: HTTPServer, settings: Settings, header: str, value: str, condition: str
) -> None:
    server.expect_request("/a").respond_with_handler(_validated(header, value, condition))
    first = fetch(settings, server.url_for("/a"))
    second = fetch(settings, server.url_for("/a"), revalidate=True)
    statuses = [response.status_code for request, response in server.log if request.path == "/a"]
    assert statuses == [200, 304]
    assert second.outcome is FetchOutcome.OK
    assert second.body == first.body == PAGE
    assert second.sha256 == first.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert second.revalidated


def test_no_cookie_goes_back_and_every_request_carries_our_headers(
    server: HTTPServer, settings: Settings
) -> None:
    """A page is asked for the same way whatever was read before it: a cookie one page
    set is never sent with the next, and our own headers go with every request."""
    cookie = {"Set-Cookie": "session=abc123; Path=/"}
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html", headers=cookie)
    server.expect_request("/b").respond_with_data(PAGE, content_type="text/html", headers=cookie)

    async def run() -> None:
        async with Fetcher(settings) as fetcher:
            await fetcher.fetch(server.url_for("/a"))
            await fetcher.fetch(server.url_for("/b"))

    asyncio.run(run())
    sent = {request.path: request.headers for request, _ in server.log}
    assert "Cookie" not in sent["/a"]
    assert "Cookie" not in sent["/b"]
    assert sent["/b"]["Accept-Encoding"] == "gzip, deflate"
    assert sent["/b"]["Accept"].startswith("text/html,")
    assert sent["/b"]["User-Agent"] == sent["/robots.txt"]["User-Agent"]
    assert sent["/b"]["Host"] == f"{server.host}:{server.port}"


class _KeepAlive(PortsNoted):
    """Each page has an ETag and must be revalidated; robots.txt is a small 404."""

    def answer(self) -> None:
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "9")
            self.end_headers()
            self.wfile.write(b"not here\n")  # a small body the client must read past
            return
        tag = '"' + self.path.strip("/") + '-v1"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.send_header("ETag", tag)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(PAGE)


def test_revalidations_of_one_host_share_one_connection(settings: Settings) -> None:
    """A 304 (and a small error page) is read to its end, so the connection serves the next
    request: a re-check of a host's pages costs one connection, not one per page."""

    async def run(urls: list[str], revalidate: bool) -> list[Fetched]:
        async with Fetcher(settings, revalidate=revalidate) as fetcher:
            return [await fetcher.fetch(url) for url in urls]

    with serving(_KeepAlive) as (port, ports):
        urls = [f"http://127.0.0.1:{port}/p{i}" for i in range(6)]
        first = asyncio.run(run(urls, False))
        before = len(ports)
        again = asyncio.run(run(urls, True))
    assert all(f.outcome is FetchOutcome.OK and not f.revalidated for f in first)
    assert all(f.outcome is FetchOutcome.OK and f.revalidated for f in again)
    assert [f.body for f in again] == [PAGE] * 6
    assert len(ports) - before == 7  # robots.txt, then one conditional request per page
    assert len(set(ports[before:])) == 1  # all on one connection


def test_offline_answers_from_the_cache_only(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/a").respond_with_data(
        PAGE, content_type="text/html", headers={"Cache-Control": "max-age=0", "ETag": '"x"'}
    )
    fetch(settings, server.url_for("/a"))
    requests = len(server.log)
    cached = fetch(settings, server.url_for("/a"), offline=True)
    missing = fetch(settings, server.url_for("/never"), offline=True)
    assert len(server.log) == requests  # offline sent nothing
    assert (cached.outcome, cached.body, cached.from_cache) == (FetchOutcome.OK, PAGE, True)
    assert (missing.outcome, missing.reason) == (FetchOutcome.NOT_CACHED, "not cached")


# ---------------------------------------------------------------- local files


def test_local_files_are_read_directly(tmp_path: Path, settings: Settings) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    by_path = fetch(settings, "page.html", base=tmp_path)
    by_url = fetch(settings, page.as_uri(), base=tmp_path)
    assert by_path.outcome is by_url.outcome is FetchOutcome.OK
    assert by_path.body == by_url.body == PAGE
    assert by_path.content_type == "text/html"
    assert fetch(settings, "none.html", base=tmp_path).outcome is FetchOutcome.UNREACHABLE


@pytest.mark.parametrize(
    "source", ["/etc/hostname", "file:///etc/hostname", "../outside.html", "link.html"]
)
def test_local_files_outside_the_base_folder_are_refused(
    tmp_path: Path, settings: Settings, source: str
) -> None:
    base = tmp_path / "project"
    base.mkdir()
    (tmp_path / "outside.html").write_bytes(PAGE)
    (base / "link.html").symlink_to(tmp_path / "outside.html")
    result = fetch(settings, source, base=base)
    assert result.outcome is FetchOutcome.UNSUPPORTED
    assert "must be inside" in result.reason


def test_special_local_files_are_not_read(tmp_path: Path, settings: Settings) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "big.txt").write_bytes(b"x" * (settings.max_bytes + 1))
    assert fetch(settings, "pipe.txt", base=tmp_path).reason == "not a regular file"
    assert fetch(settings, "doc.pdf", base=tmp_path).outcome is FetchOutcome.UNSUPPORTED
    assert fetch(settings, "big.txt", base=tmp_path).outcome is FetchOutcome.TOO_LARGE


def test_a_fresh_page_is_served_without_asking(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/a").respond_with_data(
        PAGE, content_type="text/html", headers={"Cache-Control": "max-age=600"}
    )
    fetch(settings, server.url_for("/a"))
    again = fetch(settings, server.url_for("/a"))
    assert len([r for r, _ in server.log if r.path == "/a"]) == 1
    assert (again.outcome, again.from_cache, again.body) == (FetchOutcome.OK, True, PAGE)


def test_no_store_is_never_stored(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/a").respond_with_data(
        PAGE, content_type="text/html", headers={"Cache-Control": "no-store", "ETag": '"x"'}
    )
    fetch(settings, server.url_for("/a"))
    fetch(settings, server.url_for("/a"), revalidate=True)
    sent = [r for r, _ in server.log if r.path == "/a"]
    assert len(sent) == 2
    assert "If-None-Match" not in sent[1].headers  # nothing stored to revalidate
    assert fetch(settings, server.url_for("/a"), offline=True).outcome is FetchOutcome.NOT_CACHED


def test_changed_page_is_downloaded_again(server: HTTPServer, settings: Settings) -> None:
    versions = iter([b"<p>first version of the page</p>", b"<p>second version of the page</p>"])
    server.expect_request("/a").respond_with_handler(
        lambda r: Response(next(versions), content_type="text/html", headers={"ETag": str(id(r))})
    )
    first = fetch(settings, server.url_for("/a"))
    second = fetch(settings, server.url_for("/a"), revalidate=True)
    assert first.sha256 != second.sha256
    assert not second.revalidated


# ---------------------------------------------------------------- hostile answers, found in review


def test_a_deadline_in_line_does_not_kill_the_host(server: HTTPServer, settings: Settings) -> None:
    server.expect_request("/slow").respond_with_handler(
        lambda r: (time.sleep(1.5), Response(PAGE, content_type="text/html"))[1]
    )
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    polite = Settings(**{**settings.__dict__, "timeout": 1.0, "retries": 1, "delay": 0.2})

    async def run() -> dict[str, Fetched]:
        async with Fetcher(polite) as fetcher:
            return await fetcher.fetch_all([server.url_for("/slow"), server.url_for("/a")])

    results = asyncio.run(run())
    assert results[server.url_for("/slow")].outcome is FetchOutcome.TIMEOUT
    assert results[server.url_for("/a")].outcome is FetchOutcome.OK  # the host lived on


def test_waiting_for_a_turn_is_not_counted_against_the_deadline(
    server: HTTPServer, settings: Settings
) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.6\n")
    for i in range(4):
        server.expect_request(f"/p{i}").respond_with_data(PAGE, content_type="text/html")
    short = Settings(**{**settings.__dict__, "timeout": 1.0, "retries": 1})

    async def run() -> dict[str, Fetched]:
        async with Fetcher(short) as fetcher:
            return await fetcher.fetch_all([server.url_for(f"/p{i}") for i in range(4)])

    assert all(r.outcome is FetchOutcome.OK for r in asyncio.run(run()).values())  # 1.8 s in line


@pytest.mark.parametrize(
    ("body", "outcome"),
    [
        (zlib.compress(PAGE)[2:-4], FetchOutcome.OK),  # raw deflate, as many servers send it
        (gzip.compress(PAGE)[:-20], FetchOutcome.UNREACHABLE),  # cut short
        (b"\x1f\x8b" + b"garbage" * 10, FetchOutcome.UNSUPPORTED),  # not gzip at all
    ],
)
def test_compressed_bodies_that_misbehave(
    server: HTTPServer, settings: Settings, body: bytes, outcome: FetchOutcome
) -> None:
    encoding = "deflate" if outcome is FetchOutcome.OK else "gzip"
    server.expect_request("/z").respond_with_data(
        body, content_type="text/html", headers={"Content-Encoding": encoding}
    )
    result = fetch(Settings(**{**settings.__dict__, "retries": 1}), server.url_for("/z"))
    assert result.outcome is outcome, result.reason
    if outcome is FetchOutcome.OK:
        assert result.body == PAGE


@pytest.mark.parametrize("target", ["javascript:alert(1)", "ftp://127.0.0.1/file"])
def test_unfollowable_redirects_end_that_source_only(
    server: HTTPServer, settings: Settings, target: str
) -> None:
    _redirect(server, "/odd", target)
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")

    async def run() -> dict[str, Fetched]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_all([server.url_for("/odd"), server.url_for("/a")])

    results = asyncio.run(run())
    assert results[server.url_for("/odd")].outcome is FetchOutcome.UNSUPPORTED
    assert results[server.url_for("/a")].outcome is FetchOutcome.OK


@pytest.mark.parametrize("source", ["http://[::1", "http://127.0.0.1:99999/", "http://"])
def test_malformed_sources_are_unsupported(settings: Settings, source: str) -> None:
    assert fetch(settings, source).outcome is FetchOutcome.UNSUPPORTED


def test_huge_robots_txt_is_read_up_to_its_cap(server: HTTPServer, settings: Settings) -> None:
    rules = "User-agent: *\nDisallow: /private\n" + "# padding\n" * 80_000  # ~800 KB
    server.expect_request("/robots.txt").respond_with_data(rules)
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    assert fetch(settings, server.url_for("/a")).outcome is FetchOutcome.OK
    assert fetch(settings, server.url_for("/private")).outcome is FetchOutcome.ROBOTS


def test_offline_follows_a_cached_redirect(server: HTTPServer, settings: Settings) -> None:
    _redirect(server, "/old", "/new")
    server.expect_request("/new").respond_with_data(
        PAGE, content_type="text/html", headers={"ETag": '"n"'}
    )
    fetch(settings, server.url_for("/old"))
    result = fetch(settings, server.url_for("/old"), offline=True)
    assert (result.outcome, result.final_url, result.body) == (
        FetchOutcome.OK,
        server.url_for("/new"),
        PAGE,
    )


def test_an_unusable_cache_is_a_clear_error(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "file").write_text("not a folder")
    broken = Settings(**{**settings.__dict__, "cache": tmp_path / "file"})
    with pytest.raises(StorageError, match="cannot use it as the HTTP cache"):
        fetch(broken, "http://127.0.0.1:9/")
