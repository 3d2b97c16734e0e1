"""Skipped claims are counted, every view agrees with report, and claims keep article order."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

PAGE = """<html><body><article>
<p>The harbour bridge in Sydney reopened on 3 May 2025 after two years of repairs.</p>
<p>The ferry terminal in Portvale was opened by the mayor on 19 May 2025.</p>
</article></body></html>"""
# Two claims on one article line, their ids in the reverse of article order.
CLAIMS = """\
[[claims]]
id = "zeta-bridge"
text = "The harbour bridge in Sydney reopened in May 2025."
line = 3
sources = ["page.html"]

[[claims]]
id = "alpha-ferry"
text = "The ferry terminal in Portvale was opened in May 2025."
line = 3
sources = ["page.html"]
{skip}
[[claims]]
id = "middle-canal"
text = "The canal opened to shipping in 1869."
line = 3
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "c.toml").write_text(CLAIMS.format(skip=""))
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def _skip_ferry(folder: Path) -> None:
    (folder / "c.toml").write_text(CLAIMS.format(skip="skip = true\n"))


def test_check_counts_a_skipped_claim(folder: Path) -> None:
    _skip_ferry(folder)
    code, out = _run("check", "c.toml")
    assert code == 0
    assert out.splitlines()[-1] == "1 supported, 0 disputed, 1 unverified, 1 skipped"
    code, out = _run("check", "c.toml", "--json")
    payload = json.loads(out)
    assert payload["counts"] == {"supported": 1, "disputed": 0, "unverified": 1, "skipped": 1}
    assert payload["skipped"] == [{"file": "c.toml", "id": "alpha-ferry"}]


def test_every_view_leaves_out_a_claim_skipped_since(folder: Path) -> None:
    assert _run("check", "c.toml")[0] == 0
    _skip_ferry(folder)
    assert _run("check", "c.toml")[0] == 0
    reported = [c["id"] for c in json.loads(_run("report", "--format", "json")[1])["claims"]]
    with sqlite3.connect(folder / "factcheck.db") as db:
        viewed = [r[0] for r in db.execute("SELECT claim_id FROM latest_verdicts")]
    assert reported == viewed == ["zeta-bridge", "middle-canal"]


def test_check_report_and_views_list_claims_in_article_order(folder: Path) -> None:
    code, out = _run("check", "c.toml")
    assert code == 0
    heads = [line.split()[1] for line in out.splitlines() if line[:1].isalpha() and " " in line]
    order = ["zeta-bridge", "alpha-ferry", "middle-canal"]
    assert heads[:3] == order
    reported = [c["id"] for c in json.loads(_run("report", "--format", "json")[1])["claims"]]
    table = [line.split()[1] for line in _run("report")[1].splitlines() if line.startswith(
        ("supported", "disputed", "unverified"))]  # fmt: skip
    with sqlite3.connect(folder / "factcheck.db") as db:
        viewed = [r[0] for r in db.execute("SELECT claim_id FROM latest_verdicts")]
    assert reported == table == viewed == order
