"""Start-up (issue 17): a command loads what it uses; a package's names load when used.

What ``factcheck report`` imports is read from ``sys.modules`` in a fresh process; how
long it takes is measured by hand (``benchmarks/bench_startup.py``), never here.
"""

from __future__ import annotations

import importlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from factcheck import migrations
from factcheck.check import check
from factcheck.errors import StorageError
from factcheck.report import load_report
from factcheck.settings import Settings
from factcheck.store import ReportStore

# runs the command line in a fresh process, then writes the names of the loaded modules
RUN = """
import atexit, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write("\\n".join(sorted(sys.modules))))
from factcheck.cli import main
main()
"""

PACKAGES = ["factcheck", "factcheck.models", "factcheck.report", "factcheck.store"]  # lazy

CLAIMS = """[[claims]]
id = "bridge"
text = "The harbour bridge opened on 3 May 2024."
sources = ["{source}"]
"""


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database of one check run, at this factcheck's schema."""
    monkeypatch.chdir(tmp_path)  # local sources are read from inside the current folder
    Path("bridge.txt").write_text("The harbour bridge opened on 3 May 2024 after repairs.\n")
    Path("story.toml").write_text(CLAIMS.format(source="bridge.txt"))
    check([Path("story.toml")], Settings(db=tmp_path / "f.db", cache=tmp_path / "cache"))
    return tmp_path / "f.db"


def loaded(tmp_path: Path, *args: str, code: int = 0) -> tuple[set[str], str]:
    """The modules ``factcheck ARGS`` loaded, and what it printed; it exits with ``code``."""
    out = tmp_path / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(out), *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == code, done.stderr
    return set(out.read_text().split()), done.stdout


def test_report_loads_neither_sqlite_utils_nor_other_renderers(db: Path, tmp_path: Path) -> None:
    modules, printed = loaded(tmp_path, "report", "--db", str(db))
    assert "supported  bridge" in printed
    assert {"factcheck.report.data", "factcheck.report.table"} <= modules
    unused = {
        "sqlite_utils",  # the schema is current: nothing to migrate, the reads are plain SQL
        "importlib.metadata",  # the extractor's version: a report reads no text
        "tempfile",  # writes a file only with --output
        "factcheck.report.html",
        "factcheck.report.markdown",
        "factcheck.report.claimreview",
        "factcheck.report.jsonshape",
        "factcheck.report.progress",
        "factcheck.store.database",  # the whole Store: the report's reads are ReportStore's
        "factcheck.store.results",
        "factcheck.store.liveness",
        "factcheck.models.sources",  # fetches and texts: a report shows neither
    }
    assert modules & unused == set()


def test_report_of_an_older_schema_still_upgrades_it(tmp_path: Path) -> None:
    old = Database(tmp_path / "old.db")
    migrations.apply(old, stop_before=migrations.NAMES[-1])
    old.execute("INSERT INTO runs (command, started_at) VALUES ('check', '2025-01-01')")
    old.conn.commit()
    old.close()
    modules, _ = loaded(tmp_path, "report", "--db", "old.db", code=1)  # no verdicts yet
    assert "sqlite_utils" in modules
    conn = sqlite3.connect(tmp_path / "old.db")
    assert migrations.pending(conn) == []
    conn.close()


def test_report_refuses_a_newer_schema_untouched(db: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name) VALUES ('factcheck', 'm999')"
        )
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StorageError, match="written by a newer factcheck"):
        load_report(db)
    assert db.read_bytes() == before


def test_report_store_read_only_refuses_an_older_schema(tmp_path: Path) -> None:
    old = Database(tmp_path / "old.db")
    migrations.apply(old, stop_before="m007_text_readings")
    old.close()
    with pytest.raises(StorageError, match="older factcheck and is read-only"):
        ReportStore.open_read_only(tmp_path / "old.db")


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_name_resolves_to_its_module_s_object(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        if home := getattr(value, "__module__", None):  # constants have none
            assert getattr(importlib.import_module(home), name) is value


@pytest.mark.parametrize("package", PACKAGES)
def test_an_unknown_name_is_an_attribute_error(package: str) -> None:
    with pytest.raises(AttributeError, match="has no attribute 'render_everything'"):
        importlib.import_module(package).render_everything  # noqa: B018
