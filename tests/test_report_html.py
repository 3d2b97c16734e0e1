"""``report --format html``: one self-contained page, checked by parsing it.

The database is the one ``test_report_cli`` builds with two real check runs against
127.0.0.1 (the treaty page changes its year between them; the bridge page is hostile).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.report import html as html_report
from factcheck.report import load_report, report_html
from tests.test_report_cli import Project, project  # noqa: F401  (the fixture)


class Page(HTMLParser):
    """The parts of a page the tests look at: tags, links, marked text, claim blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self.claims: dict[str, str] = {}  # element id → the verdict class of its block
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        self._in.append(tag)
        if tag == "article":
            self.claims[str(found["id"])] = str(found["class"]).split()[1]

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in and self._in[-1] == "mark":
            self.marks.append(data)

    def hrefs(self) -> list[str]:
        return [str(a["href"]) for t, a in self.tags if t == "a"]


def _page(db: Path) -> tuple[str, Page]:
    result = CliRunner().invoke(cli, ["report", "--db", str(db), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    page = Page()
    page.feed(result.stdout)
    page.close()
    return result.stdout, page


def test_every_claim_has_a_block_in_its_verdict_colour(project: Project) -> None:  # noqa: F811
    _, page = _page(project.db)
    assert page.claims == {
        "claims/other.toml#canal": "unverified",
        "claims/story.toml#bridge": "supported",
        "claims/story.toml#nosrc": "unverified",
        "claims/story.toml#treaty": "disputed",
    }


def test_summary_counts_and_the_change_since_the_run_before(project: Project) -> None:  # noqa: F811
    _, page = _page(project.db)
    text = " ".join(page.text)
    for part in ("1 supported", "1 disputed", "2 unverified", "1 changed since the run before"):
        assert part in text
    assert f"changed on {project.started(2)[:10]}, was supported" in text


def test_the_decisive_date_is_marked_in_the_quote(project: Project) -> None:  # noqa: F811
    _, page = _page(project.db)
    assert sorted(page.marks) == ["19 June 2023", "3 May 2025"]


def test_sources_are_full_links_with_an_archive_link(project: Project) -> None:  # noqa: F811
    _, page = _page(project.db)
    links = page.hrefs()
    assert f"{project.base}/treaty" in links
    archived = [h for h in links if h.startswith("https://web.archive.org/web/")]
    assert any(h.endswith(f"/{project.base}/bridge") for h in archived)
    assert f"{project.base}/treaty" in " ".join(page.text)  # the URL itself, for copy-paste


def test_page_text_is_escaped_and_nothing_is_loaded_or_run(project: Project) -> None:  # noqa: F811
    raw, page = _page(project.db)
    assert "</script><b>x</b>" in " ".join(page.text)  # shown as text, as the page wrote it
    assert {t for t, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "div",
        "span", "section", "article", "dl", "dt", "dd", "blockquote", "mark", "ol", "li", "a",
        "code", "br",
    }  # fmt: skip
    assert not any("src" in a for _, a in page.tags)
    assert "url(" not in raw
    assert "@import" not in raw
    assert all(h.startswith(("http://", "https://", "file:")) for h in page.hrefs())


def test_a_hostile_source_url_is_no_link(project: Project) -> None:  # noqa: F811
    report = load_report(project.db, (), None)
    item = next(i for i in report.items if i.result.claim.id == "bridge")
    (citation,) = item.result.citations
    hostile = replace(citation, final_url='javascript:alert(1)//"><script>x</script>')
    items = (replace(item, result=replace(item.result, citations=(hostile,))),)
    raw = report_html(replace(report, items=items))
    page = Page()
    page.feed(raw)
    assert not any(h.startswith("javascript") for h in page.hrefs())
    assert "<script>" not in raw
    assert "&lt;script&gt;x&lt;/script&gt;" in raw


def test_output_option_writes_the_file_whole(project: Project, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "report.html"
    args = ["report", "--db", str(project.db), "--format", "html", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {out} (html, 4 claims)" in result.stderr
    assert out.read_text(encoding="utf-8") == _page(project.db)[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


@pytest.mark.parametrize("target", ["missing/report.html", "."])
def test_output_that_cannot_be_written_is_one_line(
    project: Project,  # noqa: F811
    tmp_path: Path,
    target: str,
) -> None:
    args = ["report", "--db", str(project.db), "--format", "html", "-o", str(tmp_path / target)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {tmp_path / target}")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    not (os.environ.get("FACTCHECK_BROWSER_TESTS") and CHROMIUM),
    reason="opt-in: set FACTCHECK_BROWSER_TESTS=1 with Debian's chromium installed",
)
def test_a_real_browser_renders_the_page(project: Project, tmp_path: Path) -> None:  # noqa: F811
    """Headless Chromium reads the file from disk (no network) and draws it to a PNG."""
    page = tmp_path / "report.html"
    page.write_text(_page(project.db)[0], encoding="utf-8")
    flags = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    parsed = Page()
    parsed.feed(dom)
    assert len(parsed.claims) == 4  # the browser built every claim's block
    shot = tmp_path / "report.png"
    subprocess.run(
        [*flags, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # drawn, not a blank page


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("https://news.example/a?b=1", "https://news.example/a?b=1"),
        ("file:///srv/pages/a.html", "file:///srv/pages/a.html"),
        ("/srv/pages/a b.html", "file:///srv/pages/a%20b.html"),
        ("pages/a.html", None),  # relative to a folder the reader of the page does not have
        ("javascript:alert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("https://", None),
    ],
)
def test_which_sources_become_links(source: str, target: str | None) -> None:
    assert html_report._link_target(source) == target
