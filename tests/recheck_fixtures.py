"""The page, claims file and settings the re-check tests share (a plugin of tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.settings import Settings
from tests.local_server import local_settings

__all__ = ["CLAIMS", "LEAD", "STORY", "Page"]

STORY = """<html><head><title>Portvale harbour</title></head><body>
<nav>Home | Harbour | Weather</nav><article>
<p>Harbour desk, weekend edition.</p>
<p>{lead}</p>
<p>Passengers queued from early morning to see the building, and a brass band played on
the quay until noon.</p>
<p>The terminal replaces a wooden shed that had served the island crossing since the
nineteen-sixties.</p>
</article><footer>Portvale Courier</footer></body></html>"""

LEAD = "The new ferry terminal in Portvale was opened by Mayor Ilsa Brandt on 12 May 2025."

CLAIMS = """[[claims]]
id = "terminal"
text = "Mayor Ilsa Brandt opened the Portvale ferry terminal on 12 May 2025."
sources = ["{url}"]
"""


class Page:
    """A page whose body and status a test changes between runs; ETags make 304s."""

    def __init__(self, lead: str = LEAD) -> None:
        self.lead = lead
        self.status = 200
        self.body: str | None = None  # replaces the whole page when set
        self.headers: dict[str, str] = {}  # sent with an error status
        self.hits = 0

    def __call__(self, request: Request) -> Response:
        self.hits += 1
        if self.status != 200:
            return Response("gone", status=self.status, headers=self.headers)
        body = self.body if self.body is not None else STORY.format(lead=self.lead)
        tag = f'"{abs(hash(body))}"'
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304, headers={"ETag": tag})
        return Response(
            body, content_type="text/html", headers={"ETag": tag, "Cache-Control": "no-cache"}
        )


@pytest.fixture
def page(server: HTTPServer) -> Page:
    page = Page()
    server.expect_request("/story").respond_with_handler(page)
    return page


@pytest.fixture
def settings(server: HTTPServer, tmp_path: Path) -> Settings:
    return local_settings(
        tmp_path, db=tmp_path / "f.db", timeout=10, retries=1, memento_timegate=""
    )


@pytest.fixture
def claims(server: HTTPServer, tmp_path: Path) -> Path:
    path = tmp_path / "claims.toml"
    path.write_text(CLAIMS.format(url=server.url_for("/story")))
    return path
