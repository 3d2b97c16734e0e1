"""`report` reads a database on read-only media (a real read-only tmpfs in a private
mount namespace), and says so when the report may be stale."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.check import check
from factcheck.settings import Settings

from .recheck_fixtures import Page

MOVED = "The new ferry terminal in Portvale was opened by Mayor Ilsa Brandt on 19 May 2025."


def _report_from_read_only(tmp_path: Path, folder: Path, db: Path) -> tuple[int, str, str]:
    """Copy ``folder`` onto a tmpfs mounted read-only in its place; run `report` there."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare: cannot mount a private tmpfs")
    saved = tmp_path / "saved"
    shutil.copytree(folder, saved)
    script = f"""
mount -t tmpfs tmpfs '{folder}' || exit 97
cp -a '{saved}/.' '{folder}/' && mount -o remount,ro '{folder}' || exit 97
touch '{folder}/probe' 2>/dev/null && exit 98
'{sys.executable}' -m factcheck report --db '{db}' --format json
"""
    done = subprocess.run(
        [unshare, "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    if done.returncode in (97, 98):
        pytest.skip("this machine does not let a test mount a read-only tmpfs")
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def data(page: Page, settings: Settings, claims: Path, tmp_path: Path) -> Settings:
    """Settings whose database lives alone in its own folder, after one check."""
    settings = Settings(**{**settings.__dict__, "db": tmp_path / "data" / "f.db"})
    check([claims], settings)
    return settings


def test_report_reads_a_database_on_read_only_media(data: Settings, tmp_path: Path) -> None:
    code, stdout, stderr = _report_from_read_only(tmp_path, data.db.parent, data.db)
    assert code == 0, stderr
    assert stderr == ""
    (claim,) = json.loads(stdout)["claims"]
    assert claim["verdict"] == "supported"


def test_report_says_it_may_be_stale_when_the_wal_cannot_be_read(
    data: Settings, claims: Path, page: Page, tmp_path: Path
) -> None:
    keeper = sqlite3.connect(data.db)  # keeps the second run in the -wal file
    try:
        keeper.execute("SELECT count(*) FROM runs").fetchone()  # now the last to close is it
        page.lead = MOVED
        check([claims], data)
        copy = tmp_path / "copy"
        copy.mkdir()
        for name in ("f.db", "f.db-wal"):  # what a disk image taken now holds, no -shm
            shutil.copy(data.db.parent / name, copy / name)
    finally:
        keeper.close()
    assert (copy / "f.db-wal").stat().st_size > 0
    code, stdout, stderr = _report_from_read_only(tmp_path, copy, copy / "f.db")
    assert code == 0, stderr
    assert stderr.splitlines() == [
        f"warning: {copy / 'f.db'} is read-only and its write-ahead log (f.db-wal) cannot be "
        "read with it: the latest runs may be missing from this report"
    ]
    (claim,) = json.loads(stdout)["claims"]
    assert claim["verdict"] == "supported"  # the second run's "disputed" is only in the -wal
