"""The attack of issue 15, end to end: after the cited page changes its date, something
in front of it answers every conditional request with a 304 carrying the new ETag. The
re-check must read the new page and report the claim as worse, not "unchanged"."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.check import check
from factcheck.models import SourceState
from factcheck.recheck import recheck
from factcheck.settings import Settings

from .recheck_fixtures import Page

MOVED = "The new ferry terminal in Portvale was opened by Mayor Ilsa Brandt on 19 May 2025."


class _Confused(Page):
    """Once `lying`, answers any conditional request 304 with the current page's ETag."""

    lying = False

    def __call__(self, request: Request) -> Response:
        response = super().__call__(request)
        if self.lying and "If-None-Match" in request.headers:
            return Response(status=304, headers={"ETag": response.headers["ETag"]})
        return response


def test_a_304_for_the_changed_page_does_not_keep_the_claim_supported(
    server: HTTPServer, settings: Settings, claims: Path
) -> None:
    page = _Confused()
    server.expect_request("/story").respond_with_handler(page)
    check([claims], settings)
    page.lead, page.lying = MOVED, True
    summary = recheck(settings)
    (source,) = summary.sources
    assert source.state is SourceState.CHANGED
    assert [(c.before.value, c.after.value) for c in summary.worse] == [("supported", "disputed")]
