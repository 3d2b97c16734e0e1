"""The sample's `check --json` and `report --format json`, compared with saved copies.

The saved copies (tests/golden/) were written before the code was restructured; a change
of structure must not change a byte of either, apart from times and run ids, which are
normalised here. Rewrite them only for a deliberate change of behaviour:
``python -m tests.test_golden``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
CLAIMS = "claims/two-cheers-for-the-russian-diplomatic-revolution.toml"
_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?$")


def _normalise(value: Any) -> Any:
    """Times → "<time>", run ids → 0, this checkout's path → "<root>"."""
    if isinstance(value, dict):
        return {
            key: 0 if key == "run_id" and isinstance(item, int) else _normalise(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if isinstance(value, str):
        if _TIME.match(value):
            return "<time>"
        return value.replace(str(ROOT), "<root>")
    return value


def _outputs(db: Path) -> dict[str, Any]:
    runner = CliRunner()
    check = runner.invoke(cli, ["check", "--db", str(db), "--json", CLAIMS])
    assert check.exit_code == 0, check.stderr
    report = runner.invoke(cli, ["report", "--db", str(db), "--format", "json"])
    assert report.exit_code == 0, report.stderr
    return {
        "check.json": _normalise(json.loads(check.stdout)),
        "report.json": _normalise(json.loads(report.stdout)),
    }


@pytest.fixture
def outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    return _outputs(tmp_path / "factcheck.db")


@pytest.mark.parametrize("name", ["check.json", "report.json"])
def test_sample_output_matches_the_saved_copy(outputs: dict[str, Any], name: str) -> None:
    assert outputs[name] == json.loads((GOLDEN / name).read_text(encoding="utf-8"))


if __name__ == "__main__":  # pragma: no cover - rewrites the saved copies by hand
    import os
    import tempfile

    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FACTCHECK_CACHE"] = str(Path(tmp) / "cache")
        for name, data in _outputs(Path(tmp) / "factcheck.db").items():
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
            (GOLDEN / name).write_text(text, encoding="utf-8")
