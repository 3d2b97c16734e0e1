"""End-to-end verdict cases: data files under tests/cases/, served on 127.0.0.1.

Each case folder holds ``claims.toml`` (sources written ``{server}/page.html`` or as
local file names), the pages it serves, an optional ``server.toml`` of special answers
keyed by path (status, headers, body), and ``expected.toml`` with ``[verdicts]`` and
optional ``[reasons]`` (a substring each reason must hold).
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from factcheck.check import check
from tests.local_server import local_settings

CASES = Path(__file__).parent / "cases"
DATA = {"claims.toml", "server.toml", "expected.toml"}
TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}


def _cases() -> list[Path]:
    return (
        sorted(p for p in CASES.iterdir() if (p / "claims.toml").exists()) if CASES.exists() else []
    )


def _serve(server: HTTPServer, case: Path) -> None:
    special: dict[str, Any] = {}
    if (case / "server.toml").exists():
        special = tomllib.loads((case / "server.toml").read_text())
    for path, answer in special.items():
        server.expect_request(path).respond_with_data(
            answer.get("body", ""),
            status=answer.get("status", 200),
            headers=answer.get("headers", {}),
        )
    for page in case.iterdir():
        if page.name not in DATA and f"/{page.name}" not in special:
            server.expect_request(f"/{page.name}").respond_with_data(
                page.read_bytes(), content_type=TYPES.get(page.suffix, "text/plain")
            )


@pytest.mark.skipif(not _cases(), reason="no cases yet")
@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_case(
    case: Path, server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve(server, case)
    for page in case.iterdir():
        if page.name not in DATA:
            shutil.copy(page, tmp_path / page.name)
    root = server.url_for("/").rstrip("/")
    claims = tmp_path / "claims.toml"
    claims.write_text((case / "claims.toml").read_text().replace("{server}", root))
    monkeypatch.chdir(tmp_path)
    settings = local_settings(tmp_path, db=tmp_path / "f.db", timeout=5, retries=1)
    expected = tomllib.loads((case / "expected.toml").read_text())
    summary = check([claims], settings)
    got = {result.claim.id: result for _, result in summary.results}
    for claim_id, verdict in expected["verdicts"].items():
        assert got[claim_id].verdict.value == verdict, f"{claim_id}: {got[claim_id].reason}"
    for claim_id, part in expected.get("reasons", {}).items():
        assert part in got[claim_id].reason, got[claim_id].reason
