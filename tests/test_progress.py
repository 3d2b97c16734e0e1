"""The progress line of a long check: done/total, the host, what holds it up, time left."""

from __future__ import annotations

import io
import ipaddress
from dataclasses import replace
from pathlib import Path

from pytest_httpserver import HTTPServer
from rich.console import Console
from werkzeug import Request, Response

from factcheck.check import check
from factcheck.models import Fetched, FetchOutcome, SourceRead
from factcheck.reading import Watch, read_sources
from factcheck.report import ReadingProgress
from factcheck.settings import Settings

PAGE = (
    "<html><body><article><p>The ferry terminal opened on 19 May 2025.</p></article></body></html>"
)


class Recorder(Watch):
    """What a display would have been told."""

    def __init__(self) -> None:
        self.totals: list[int] = []
        self.waits: list[tuple[str, float, str]] = []

    def total(self, count: int) -> None:
        self.totals.append(count)

    def waiting(self, host: str, seconds: float, why: str) -> None:
        self.waits.append((host, seconds, why))


def _settings(tmp_path: Path, **changes: object) -> Settings:
    base = Settings(
        db=tmp_path / "f.db", cache=tmp_path / "cache", delay=0, timeout=10, retries=1,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),), memento_timegate="",
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def _pages(server: HTTPServer, *paths: str) -> list[str]:
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    for path in paths:
        server.expect_request(path).respond_with_data(PAGE, content_type="text/html")
    return [server.url_for(p) for p in paths]


def test_the_display_is_told_the_total_and_each_politeness_wait(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    urls = _pages(httpserver, "/a", "/b", "/c")
    watch = Recorder()
    read_sources([*urls, urls[0]], _settings(tmp_path, delay=0.2), watch=watch)
    assert watch.totals == [3]  # distinct sources
    host = f"localhost:{httpserver.port}"
    assert len(watch.waits) >= 2  # three pages one after another on one host
    assert {(h, why) for h, _, why in watch.waits} == {(host, "politeness")}
    assert all(0 < seconds <= 0.2 for _, seconds, _ in watch.waits)


def test_a_retry_after_is_shown_as_what_holds_the_source_up(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    answers = iter([Response("busy", status=429, headers={"Retry-After": "1"})])

    def busy_then_fine(request: Request) -> Response:
        return next(answers, Response(PAGE, content_type="text/html"))

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/busy").respond_with_handler(busy_then_fine)
    watch = Recorder()
    reads = read_sources([httpserver.url_for("/busy")], _settings(tmp_path, retries=2), watch=watch)
    assert next(iter(reads.values())).fetched.ok
    assert (f"localhost:{httpserver.port}", "Retry-After") in [(h, w) for h, _, w in watch.waits]
    assert max(s for _, s, _ in watch.waits) >= 1.0  # never shorter than the server asked


def test_check_passes_the_watch_through(httpserver: HTTPServer, tmp_path: Path) -> None:
    (url,) = _pages(httpserver, "/ferry")
    claims = tmp_path / "c.toml"
    claims.write_text(
        f'[[claims]]\nid = "f"\ntext = "The ferry terminal opened on 19 May 2025."\nsources = ["{url}"]\n'
    )
    watch = Recorder()
    seen: list[str] = []
    check([claims], _settings(tmp_path), progress=lambda s, r: seen.append(s), watch=watch)
    assert watch.totals == [1]
    assert seen == [url]


def _fetched(url: str) -> SourceRead:
    return SourceRead(Fetched(url, url, FetchOutcome.OK))


def test_the_line_shows_done_of_total_the_host_and_the_wait() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120, color_system=None)
    with ReadingProgress(console, auto_refresh=False) as shown:
        shown.total(3)
        shown.read("https://news.example/a", _fetched("https://news.example/a"))
        shown.read("https://wire.example/b", _fetched("https://wire.example/b"))
        shown.bar.refresh()
        assert isinstance(console.file, io.StringIO)
        first = console.file.getvalue()
        shown.waiting("slow.example", 30.0, "Retry-After")
        shown.bar.refresh()
        second = console.file.getvalue()[len(first) :]
    assert "reading sources" in first
    assert "2/3" in first
    assert "read wire.example" in first
    assert "slow.example: waiting 30 s (Retry-After)" in second


def test_page_text_in_the_line_is_no_markup() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120, color_system=None)
    with ReadingProgress(console, auto_refresh=False) as shown:
        shown.total(1)
        shown.waiting("[bold]evil[/bold]\x1b[2J", 1.5, "politeness")
        shown.bar.refresh()
    assert isinstance(console.file, io.StringIO)
    assert "[bold]evil[/bold]?[2J: waiting 1.5 s (politeness)" in console.file.getvalue()
