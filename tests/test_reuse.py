"""A second check reuses a verdict only when nothing it rests on changed.

A stored judgment is never reused across a changed claim, source text, extractor or judge:
each of the tests that change one of them was seen to fail with it left out of the basis
(`judging.basis`), the old verdict being reused.
"""

from __future__ import annotations

import ipaddress
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck import check as checking
from factcheck import judging
from factcheck.models import Verdict
from factcheck.settings import Settings
from factcheck.store import Store

PAGE = """<html><head><title>Harbour news</title></head><body><article>
<p>Harbour desk, weekend edition.</p>
<p>The new ferry terminal in Portvale was opened by Mayor Ilsa Brandt on {date}.</p>
<p>Passengers queued from early morning to see the building.</p>
</article></body></html>"""

CLAIM = """[[claims]]
id = "terminal"
text = "Mayor Ilsa Brandt opened the Portvale ferry terminal on {date}."
sources = ["{url}"]
"""


class Page:
    """A page served with an ETag that changes with its content."""

    def __init__(self, date: str) -> None:
        self.date = date

    def __call__(self, request: Request) -> Response:
        tag = f'"{self.date}"'
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304, headers={"ETag": tag})
        body = PAGE.format(date=self.date)
        return Response(
            body, content_type="text/html", headers={"ETag": tag, "Cache-Control": "no-cache"}
        )


@pytest.fixture
def setup(server: HTTPServer, tmp_path: Path) -> tuple[Page, Path, Settings]:
    page = Page("12 May 2025")
    server.expect_request("/terminal").respond_with_handler(page)
    claims = tmp_path / "claims.toml"
    claims.write_text(CLAIM.format(date="12 May 2025", url=server.url_for("/terminal")))
    settings = Settings(
        db=tmp_path / "f.db",
        cache=tmp_path / "cache",
        delay=0,
        timeout=10,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )
    return page, claims, settings


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the claims judged anew (not reused), in order."""
    calls: list[str] = []
    real = judging.judge

    def spy(claim: Any, evidence: Any) -> Any:
        calls.append(claim.id)
        return real(claim, evidence)

    monkeypatch.setattr(judging, "judge", spy)
    return calls


def test_unchanged_sources_reuse_the_verdict_with_new_fetch_times(
    setup: tuple[Page, Path, Settings], judged: list[str]
) -> None:
    _, claims, settings = setup
    first = checking.check([claims], settings)
    second = checking.check([claims], settings)
    assert judged == ["terminal"]  # the second run judged nothing
    (_, one), (_, two) = first.results[0], second.results[0]
    assert one.verdict is two.verdict is Verdict.SUPPORTED
    assert [c.quote for c in two.citations] == [c.quote for c in one.citations]
    assert [(c.start, c.end, c.stance) for c in two.citations] == [
        (c.start, c.end, c.stance) for c in one.citations
    ]
    assert two.citations[0].fetched_at is not None
    assert one.citations[0].fetched_at is not None
    assert two.citations[0].fetched_at >= one.citations[0].fetched_at
    with Store.open(settings.db) as store:
        latest = store.current_items()
    assert latest[0].run_id == second.run_id
    assert latest[0].result.citations[0].quote == one.citations[0].quote


def test_a_changed_page_is_judged_again(
    setup: tuple[Page, Path, Settings], judged: list[str]
) -> None:
    page, claims, settings = setup
    checking.check([claims], settings)
    page.date = "19 May 2025"
    second = checking.check([claims], settings)
    assert judged == ["terminal", "terminal"]
    assert second.results[0][1].verdict is Verdict.DISPUTED


def test_an_edited_claim_is_judged_again(
    setup: tuple[Page, Path, Settings], judged: list[str], server: HTTPServer
) -> None:
    _, claims, settings = setup
    checking.check([claims], settings)
    claims.write_text(CLAIM.format(date="13 May 2025", url=server.url_for("/terminal")))
    second = checking.check([claims], settings)
    assert judged == ["terminal", "terminal"]
    assert second.results[0][1].verdict is Verdict.DISPUTED


def test_a_new_matching_threshold_is_judged_again(
    setup: tuple[Page, Path, Settings], judged: list[str]
) -> None:
    _, claims, settings = setup
    checking.check([claims], settings)
    checking.check([claims], Settings(**{**vars(settings), "match_cutoff": 60.0}))
    assert judged == ["terminal", "terminal"]


def test_a_manual_verdict_added_later_is_not_hidden_by_reuse(
    setup: tuple[Page, Path, Settings], judged: list[str], server: HTTPServer
) -> None:
    _, claims, settings = setup
    checking.check([claims], settings)
    claims.write_text(
        CLAIM.format(date="12 May 2025", url=server.url_for("/terminal"))
        + 'verdict = "disputed"\nnote = "the mayor was abroad that week"\n'
    )
    second = checking.check([claims], settings)
    result = second.results[0][1]
    assert judged == ["terminal", "terminal"]
    assert result.verdict is Verdict.DISPUTED
    assert result.automatic is Verdict.SUPPORTED


@pytest.mark.parametrize(
    ("name", "new"),
    [("extractor_version", lambda: "another extractor"), ("__version__", "99.0.0")],
    ids=["a new extractor", "a new release of the judge"],
)
def test_a_new_extractor_or_release_is_judged_again(
    setup: tuple[Page, Path, Settings],
    judged: list[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    new: object,
) -> None:
    _, claims, settings = setup
    checking.check([claims], settings)
    monkeypatch.setattr(judging, name, new)
    monkeypatch.setattr(judging, "_RULES", [])
    checking.check([claims], settings)
    assert judged == ["terminal", "terminal"]


def test_changed_lexical_data_is_judged_again(
    setup: tuple[Page, Path, Settings],
    judged: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _, claims, settings = setup
    checking.check([claims], settings)
    data = tmp_path / "lexical"
    data.mkdir()
    (data / "news_events.toml").write_bytes(
        (judging.LEXICAL_DATA / "news_events.toml").read_bytes() + b"\n# one more entry\n"
    )
    monkeypatch.setattr(judging, "LEXICAL_DATA", data)
    monkeypatch.setattr(judging, "_RULES", [])
    checking.check([claims], settings)
    assert judged == ["terminal", "terminal"]


def test_a_reworded_claim_with_the_same_date_and_source_is_judged_again(
    setup: tuple[Page, Path, Settings], judged: list[str], server: HTTPServer
) -> None:
    _, claims, settings = setup
    checking.check([claims], settings)
    url = server.url_for("/terminal")
    claims.write_text(CLAIM.format(date="12 May 2025", url=url).replace("opened", "closed"))
    second = checking.check([claims], settings)
    assert judged == ["terminal", "terminal"]
    assert "closed" in second.results[0][1].claim.text


def test_a_changed_judge_is_judged_again(
    setup: tuple[Page, Path, Settings],
    judged: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _, claims, settings = setup
    checking.check([claims], settings)
    verify_code = next(code for code in judging.JUDGE_CODE if code.name == "verify")
    changed = tmp_path / "verify"
    shutil.copytree(verify_code, changed, ignore=shutil.ignore_patterns("__pycache__"))
    rules = changed / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# one rule changed\n", "utf-8")
    judge = tuple(changed if code == verify_code else code for code in judging.JUDGE_CODE)
    monkeypatch.setattr(judging, "JUDGE_CODE", judge)
    monkeypatch.setattr(judging, "_RULES", [])
    checking.check([claims], settings)
    assert judged == ["terminal", "terminal"]
