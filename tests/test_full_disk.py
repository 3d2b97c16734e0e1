"""A full disk is one line naming the file, exit 1, and a database that stays whole.

The database and the HTTP cache are capped with ``PRAGMA max_page_count``; the command
line runs against a real full filesystem, a small tmpfs mounted in a private mount
namespace (``unshare``), when the machine allows one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.check import check
from factcheck.errors import StorageError
from factcheck.fetch.cache import HttpCache
from factcheck.models import Fetched, FetchOutcome, SourceText
from factcheck.settings import Settings
from factcheck.store import Store

from .recheck_fixtures import Page

BIG = "The harbour terminal opened in May. " * 40_000  # about 1.4 MB


def _capped(conn: sqlite3.Connection) -> None:
    """Let the file grow by no page at all: the next page it needs is a full disk."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_database_is_a_storage_error_and_stays_whole(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    url = "https://news.test/a"
    with Store.open(db) as store:
        run = store.start_run("check", {})
        _capped(store._conn)
        fetched = Fetched(url, url, FetchOutcome.OK, status=200, sha256="ab" * 32)
        with pytest.raises(StorageError) as caught:
            store.save_source(run, fetched, SourceText("ab" * 32, BIG, None, None, None))
        assert str(caught.value) == (
            f"{db}: cannot write to the database: database or disk is full"
        )
        store.finish_run(run, {}, status="failed")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status FROM runs").fetchall() == [("failed",)]
        assert conn.execute("SELECT count(*) FROM fetches").fetchone()[0] == 0  # all or nothing


def test_a_full_http_cache_is_a_storage_error(tmp_path: Path) -> None:
    cache = HttpCache.open(tmp_path / "http.sqlite")
    try:
        _capped(cache._db)
        with pytest.raises(StorageError) as caught:
            cache.put("https://news.test/a", 200, {}, BIG.encode())
        assert str(caught.value) == (
            f"{tmp_path / 'http.sqlite'}: cannot write to the HTTP cache: database or disk is full"
        )
    finally:
        cache.close()


def _full_tmpfs_run(
    tmp_path: Path, mountpoint: Path, args: list[str], cache: Path, db: Path, room: int = 0
) -> list[str]:
    """Run factcheck with ``mountpoint`` a full tmpfs (its files copied in first); return
    'exit=N', the database's integrity check once the disk has room again, and stderr's
    lines; skip if no tmpfs can be had."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare: cannot mount a private tmpfs")
    saved = tmp_path / "saved"
    shutil.copytree(mountpoint, saved)
    out = tmp_path / "out.txt"
    script = f"""
mount -t tmpfs -o size=1m tmpfs '{mountpoint}' || exit 97
cp -a '{saved}/.' '{mountpoint}/'
dd if=/dev/zero of='{mountpoint}/filler' bs=4096 2>/dev/null
truncate -s -{room}K '{mountpoint}/filler'
'{sys.executable}' -m factcheck {" ".join(args)} 2>'{tmp_path}/err.txt' >/dev/null
echo "exit=$?" >'{out}'
rm '{mountpoint}/filler'
'{sys.executable}' -c "{_INTEGRITY}" '{db}' >>'{out}'
"""
    env = {**os.environ, "FACTCHECK_CACHE": str(cache), "FACTCHECK_DELAY": "0"}
    done = subprocess.run([unshare, "-rm", "sh", "-c", script], env=env, cwd=tmp_path, check=False)
    if done.returncode == 97 or not out.exists():
        pytest.skip("this machine does not let a test mount a tmpfs")
    return [*out.read_text().splitlines(), *(tmp_path / "err.txt").read_text().splitlines()]


_INTEGRITY = (
    "import sqlite3, sys; conn = sqlite3.connect(sys.argv[1]); "
    "print(conn.execute('PRAGMA integrity_check').fetchone()[0], "
    "*[r[0] for r in conn.execute('SELECT status FROM runs ORDER BY id')])"
)


@pytest.fixture
def checked(page: Page, settings: Settings, claims: Path, tmp_path: Path) -> Settings:
    """A database and cache after one check of the claims, the database in its own folder."""
    settings = Settings(**{**settings.__dict__, "db": tmp_path / "data" / "f.db"})
    check([claims], settings)
    return settings


@pytest.mark.parametrize(
    ("room", "error"),
    [
        (0, "cannot open the database: disk I/O error"),  # no room for its shared memory
        (40, "cannot write to the database: database or disk is full"),  # full mid-run
    ],
)
def test_check_on_a_full_disk_says_so_in_one_line(
    checked: Settings, claims: Path, room: int, error: str
) -> None:
    tmp_path = checked.db.parent.parent
    status, integrity, *lines = _full_tmpfs_run(
        tmp_path,
        checked.db.parent,
        ["check", str(claims), "--offline", "--db", str(checked.db)],
        checked.cache,
        checked.db,
        room,
    )
    assert status == "exit=1"
    assert lines == [f"Error: {checked.db}: {error}"]
    assert integrity.startswith("ok done")  # whole, and the earlier run still there


def test_a_full_text_store_says_so_in_one_line(checked: Settings, claims: Path) -> None:
    tmp_path = checked.db.parent.parent
    texts = checked.cache / "text"
    shutil.rmtree(texts)  # so the offline check extracts and stores the text again
    texts.mkdir()
    status, integrity, *lines = _full_tmpfs_run(
        tmp_path,
        texts,
        ["check", str(claims), "--offline", "--db", str(checked.db)],
        checked.cache,
        checked.db,
    )
    assert status == "exit=1"
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Error: {texts}/")
    assert lines[0].endswith("cannot store a text: No space left on device")
    assert integrity == "ok done failed"  # the run that met the full disk says so
