"""The command line as a user meets it: exit codes, streams, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from factcheck.cli import cli

from .conftest import ROOT, SAMPLE


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_writes_claims_and_prints_them(tmp_path: Path) -> None:
    out = tmp_path / "claims.toml"
    code, stdout, stderr = _run("extract", str(SAMPLE), "-o", str(out))
    assert code == 0, stderr
    assert "summit-trump-82d65f" in stdout
    assert "on August 15, 2025" in stdout
    assert re.search(r"wrote .*claims\.toml — 13 claims \(13 new", stderr)
    assert out.read_text().count("[[claims]]") == 13


def test_second_extract_leaves_the_file_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "claims.toml"
    _run("extract", str(SAMPLE), "-o", str(out))
    before = out.read_bytes()
    code, _, stderr = _run("extract", str(SAMPLE), "-o", str(out))
    assert code == 0
    assert "unchanged:" in stderr
    assert out.read_bytes() == before


def test_extract_after_a_date_edit_carries_the_sources_and_says_so(tmp_path: Path) -> None:
    article, out = tmp_path / "story.txt", tmp_path / "claims.toml"
    article.write_text("Russia and North Korea signed a treaty in June 2024.\n")
    _run("extract", str(article), "-o", str(out))
    out.write_text(out.read_text().replace("sources = []", 'sources = ["pages/treaty.html"]'))
    article.write_text("Russia and North Korea signed a treaty in July 2024.\n")
    code, _, stderr = _run("extract", str(article), "-o", str(out))
    assert code == 0, stderr
    assert "1 claims (1 new, 0 updated, 1 marked removed, sources carried to 1 re-dated)" in stderr
    assert out.read_text().count('sources = ["pages/treaty.html"]') == 2


def test_default_output_is_claims_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "story.txt"
    article.write_text("Russia and North Korea signed a treaty in June 2024.\n")
    code, _, _ = _run("extract", "story.txt")
    assert code == 0
    assert 'article = "story.txt"' in (tmp_path / "claims" / "story.toml").read_text()


def test_missing_article_is_one_line_and_exit_1(tmp_path: Path) -> None:
    code, stdout, stderr = _run(
        "extract", str(tmp_path / "gone.txt"), "-o", str(tmp_path / "c.toml")
    )
    assert code == 1
    assert stdout == ""
    assert stderr.strip().splitlines() == [f"Error: {tmp_path / 'gone.txt'}: article not found"]
    assert not (tmp_path / "c.toml").exists()


def test_malformed_claims_file_is_one_line_and_untouched(tmp_path: Path) -> None:
    out = tmp_path / "c.toml"
    out.write_text(
        '[[claims]]\nid = "x"\ntext = "A treaty in 2024."\nverdict = "maybe"\nnote = "n"\n'
    )
    before = out.read_bytes()
    code, _, stderr = _run("extract", str(SAMPLE), "-o", str(out))
    assert code == 1
    assert stderr.strip().splitlines() == [
        f"Error: {out}:4: claims[1].verdict: unknown verdict 'maybe' "
        "(allowed: supported, disputed, unverified)"
    ]
    assert out.read_bytes() == before


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = _run("extract", str(SAMPLE), "--published", "yesterday")
    assert code == 2
    assert "is not a date like 2025-08-24" in stderr


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"factcheck {name}" in readme, name
        code, stdout, _ = _run(name, "--help")
        assert code == 0
        assert "Usage:" in stdout


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == "factcheck, version 0.1.0"


def test_fetch_shows_what_a_source_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_DELAY", "0")
    page = tmp_path / "story.html"  # local sources must sit in the working folder
    page.write_bytes((ROOT / "tests" / "pages" / "harbour-bridge-utf8.html").read_bytes())
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/story").respond_with_data(
        page.read_bytes(), content_type="text/html"
    )
    url = httpserver.url_for("/story")
    code, stdout, _ = _run("fetch", "story.html", url, "http://10.1.2.3/x")
    assert code == 3  # two of the three could not be read
    assert "Harbour bridge reopens after two-year repair" in stdout
    assert f"{url}  blocked" in stdout  # loopback is not allowed by default…
    assert "refused 10.1.2.3 (private)" in stdout
    code, stdout, _ = _run("fetch", "--json", "--allow-private", "127.0.0.1/32", url)
    (result,) = json.loads(stdout)  # …and is with --allow-private
    assert (result["outcome"], result["status"]) == ("ok", 200)
    assert code == 0
    assert (tmp_path / "cache" / "http.sqlite").exists()


def test_fetch_of_a_missing_page_exits_3_and_says_why(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone").respond_with_data("no such page", status=404)
    url = httpserver.url_for("/gone")
    code, stdout, _ = _run("fetch", "--allow-private", "127.0.0.1/32", url)
    assert code == 3
    assert stdout.splitlines()[0] == f"{url}  http-error 404"


def test_fetch_opens_with_the_first_paragraph_after_the_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.html").write_text(
        "<html><head><title>Ferry terminal opens</title></head><body><article>"
        "<h1>Ferry terminal opens</h1><p>The new ferry terminal in Portvale opened on"
        " 19 May 2025, two years after work began.</p><p>Crowds lined the quay.</p>"
        "</article></body></html>"
    )
    code, stdout, _ = _run("fetch", "p.html")
    assert code == 0
    lines = stdout.splitlines()
    assert "  title  Ferry terminal opens" in lines
    opens = next(line for line in lines if line.startswith("  opens"))
    assert opens.startswith("  opens  The new ferry terminal in Portvale opened on 19 May")


def test_fetch_rejects_a_bad_cidr() -> None:
    code, _, stderr = _run("fetch", "--allow-private", "10.0.0.0/33", "x")
    assert code == 2
    assert "--allow-private" in stderr


CLAIMS = """\
[[claims]]
id = "treaty"
text = "Russia and North Korea signed a mutual defence treaty in June 2024."
sources = ["page.html"]

[[claims]]
id = "wrong"
text = "Russia and North Korea signed a mutual defence treaty in June 2023."
sources = ["page.html"]

[[claims]]
id = "nosrc"
text = "North Korean troops were deployed to Russia by October 2024."
"""
PAGE_TEXT = (
    "<html><body><article><h1>Pact signed</h1><p>Russia and North Korea signed a mutual "
    "defence treaty in Pyongyang on 19 June 2024.</p><p>The pact obliges each side to help "
    "the other if attacked, officials said after the ceremony.</p></article></body></html>"
)


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.toml").write_text(CLAIMS)
    (tmp_path / "page.html").write_text(PAGE_TEXT)


def test_check_reports_all_three_verdicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path, monkeypatch)
    code, stdout, _ = _run("check", "c.toml")
    assert code == 0
    assert stdout.splitlines()[-1] == "1 supported, 1 disputed, 1 unverified"
    assert (tmp_path / "factcheck.db").exists()


@pytest.mark.parametrize(("fail_on", "code"), [("disputed", 3), ("unverified", 3), (None, 0)])
def test_check_exit_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_on: str | None, code: int
) -> None:
    _project(tmp_path, monkeypatch)
    args = ["check", "c.toml", "--db", "x.db"] + (["--fail-on", fail_on] if fail_on else [])
    assert _run(*args)[0] == code


def test_check_json_has_the_documented_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, monkeypatch)
    code, stdout, _ = _run("check", "c.toml", "--json")
    payload = json.loads(stdout)
    assert code == 0
    assert set(payload) == {"run_id", "claims", "counts"}
    assert payload["counts"] == {"supported": 1, "disputed": 1, "unverified": 1, "skipped": 0}
    treaty = payload["claims"][0]
    assert treaty["date"] == {
        "text": "June 2024",
        "value": "2024-06",
        "precision": "month",
        "qualifier": "in",
    }
    (citation,) = treaty["citations"]
    assert {"url", "final_url", "quote", "start", "end", "stance", "found_date", "score",
            "fetched_at", "sha256"} <= set(citation)  # fmt: skip
    assert citation["found_date"] == "2024-06-19"


def test_check_with_a_bad_claims_file_is_one_line_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.toml").write_text(
        '[[claims]]\nid = "x"\ntext = "A treaty in 2024."\nskip = "yes"\n'
    )
    code, _, stderr = _run("check", "c.toml")
    assert code == 1
    assert stderr.strip().splitlines() == [
        "Error: c.toml:4: claims[1].skip: expected true or false, got str 'yes'"
    ]
    assert not (tmp_path / "factcheck.db").exists()


def test_the_bundled_sample_shows_all_three_verdicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # sources are examples/…, relative to the project folder
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    claims = "claims/two-cheers-for-the-russian-diplomatic-revolution.toml"
    code, stdout, _ = _run("check", claims, "--db", str(tmp_path / "f.db"), "--json")
    payload = json.loads(stdout)
    assert code == 0
    assert payload["counts"] == {"supported": 6, "disputed": 1, "unverified": 6, "skipped": 0}
    verdicts = {c["id"]: c["verdict"] for c in payload["claims"]}
    assert verdicts["debates-bernard-henri-levy-472c95"] == "disputed"
    assert verdicts["summit-trump-82d65f"] == "supported"


def test_extract_counts_relative_dates_left_unresolved(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("The ministry said Friday that the bridge had closed last month.\n")
    _, _, stderr = _run("extract", str(article), "-o", str(tmp_path / "a.toml"))
    assert (
        f"warning: {article}: 2 relative dates left unresolved (first: 'Friday'): no"
        " publication date found; give one with --published YYYY-MM-DD"
    ) in stderr.splitlines()
    _, _, stderr = _run(
        "extract", str(article), "-o", str(tmp_path / "b.toml"), "--published", "2013-03-14"
    )
    assert "unresolved" not in stderr
