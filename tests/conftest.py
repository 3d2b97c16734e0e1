"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from factcheck.claims import Article, read_article

pytest_plugins = ["tests.recheck_fixtures"]  # page, settings, claims of the re-check tests

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "two-cheers-for-the-russian-diplomatic-revolution.txt"


@pytest.fixture(scope="session")
def sample() -> Article:
    """The article the project was started from."""
    return read_article(SAMPLE)


@pytest.fixture
def server(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    """The test server on 127.0.0.1; anything not set up answers 404 (robots.txt: allowed)."""
    httpserver.no_handler_status_code = 404
    yield httpserver
    httpserver.clear()


@pytest.fixture(autouse=True)
def _no_web_archive(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may ask the default Memento TimeGate (a public web archive) for anything."""
    monkeypatch.setenv("FACTCHECK_MEMENTO_TIMEGATE", "off")
