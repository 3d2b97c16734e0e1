"""A check killed mid-run does not silence the nightly re-check: its run is closed as
interrupted, because the lock its process held is free. A live one is still respected."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.check import check
from factcheck.recheck import recheck
from factcheck.settings import Settings
from factcheck.store import Store
from factcheck.store.liveness import holder_alive

from .recheck_fixtures import Page

MOVED = "The new ferry terminal in Portvale was opened by Mayor Ilsa Brandt on 19 May 2025."


@pytest.fixture
def silent() -> Iterator[str]:
    """A URL on 127.0.0.1 whose server accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow"


def _stuck_check(settings: Settings, claims: Path, silent: str) -> subprocess.Popen[bytes]:
    """A `check` in another process, stuck reading a source that never answers."""
    text = claims.read_text()
    claims.write_text(text.replace('"]\n', f'", "{silent}"]\n'))
    env = {
        **os.environ,
        "FACTCHECK_DELAY": "0",
        "FACTCHECK_ALLOW_PRIVATE": "127.0.0.1/32",
        "FACTCHECK_CACHE": str(settings.cache),
        "FACTCHECK_TIMEOUT": "120",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "check", str(claims), "--db", str(settings.db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while "running" not in _statuses(settings.db):  # wait for its run to start
        assert time.monotonic() < deadline, "the check never started its run"
        assert process.poll() is None, "the check ended before its run started"
        time.sleep(0.02)
    return process


def _statuses(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT status FROM runs ORDER BY id")]


def test_a_killed_check_is_closed_and_recheck_reports_the_change(
    page: Page, settings: Settings, claims: Path, silent: str
) -> None:
    check([claims], settings)  # supported, on 12 May
    stuck = _stuck_check(settings, claims, silent)
    os.kill(stuck.pid, signal.SIGKILL)
    stuck.wait(30)
    assert _statuses(settings.db) == ["done", "running"]
    page.lead = MOVED  # the live page now gives another date
    summary = recheck(settings)
    assert [(c.before.value, c.after.value) for c in summary.worse] == [("supported", "disputed")]
    assert summary.failed  # exit 3 for cron
    assert _statuses(settings.db) == ["done", "interrupted", "done"]
    assert not list(settings.db.parent.glob("*.run-*.lock"))


def test_a_live_check_still_keeps_recheck_off_its_file(
    page: Page, settings: Settings, claims: Path, silent: str
) -> None:
    check([claims], settings)
    stuck = _stuck_check(settings, claims, silent)
    try:
        page.lead = MOVED
        summary = recheck(settings)
        assert not summary.changes  # the running check will judge it
        assert _statuses(settings.db) == ["done", "running", "done"]
    finally:
        stuck.kill()
        stuck.wait(30)


def test_holder_alive_follows_the_process(
    page: Page, settings: Settings, claims: Path, silent: str
) -> None:
    check([claims], settings)
    stuck = _stuck_check(settings, claims, silent)
    with Store.open(settings.db) as store:
        (token,) = [r["lock"] for r in store.runs() if r["status"] == "running"]
        assert holder_alive(settings.db, token)
        assert store.close_dead_runs() == []
        stuck.kill()
        stuck.wait(30)
        assert not holder_alive(settings.db, token)
        assert store.close_dead_runs() == [2]


def test_a_run_recorded_before_runs_held_locks_keeps_the_six_hour_rule(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    with Store.open(db) as store:
        for started in ("2000-01-01T00:00:00+00:00", "2999-01-01T00:00:00+00:00"):
            with store._write() as conn:  # as an older factcheck wrote it: no lock
                conn.execute(
                    "INSERT INTO runs (command, started_at, status, settings) "
                    "VALUES ('check', ?, 'running', ?)",
                    [started, f'{{"files": ["{started[:4]}.toml"]}}'],
                )
        assert store.close_dead_runs() == []
        assert store.files_being_checked() == {"2999.toml"}
