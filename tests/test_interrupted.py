"""A check killed with SIGKILL mid-run, then run again, ends as if never killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

CLAIMS = 30
PAGE = (
    "<html><body><article><h1>Pact {i} signed</h1><p>Delegation {i} of Ruritania and "
    "Freedonia signed accord number {i} in Strelsau on {day} June 2024.</p><p>Both "
    "governments welcomed the accord, officials said after the ceremony.</p></article></body></html>"
)


def _claims(root: str) -> str:
    blocks = []
    for i in range(CLAIMS):
        month = "June 2024" if i % 3 else "June 2023"  # every third claim is disputed
        blocks.append(
            f'[[claims]]\nid = "accord-{i}"\ntext = "Ruritania and Freedonia signed accord '
            f'number {i} in {month}."\nsources = ["{root}/p{i}.html"]\n'
        )
    return "\n".join(blocks)


def _run(tmp: Path, db: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "FACTCHECK_DELAY": "0",
        "FACTCHECK_ALLOW_PRIVATE": "127.0.0.1/32",
        "FACTCHECK_CACHE": str(tmp / f"cache-{db}"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", "check", "claims.toml", "--db", db, "--json"],
        cwd=tmp,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _latest(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        run = conn.execute("SELECT max(run_id) FROM verdicts").fetchone()[0]
        rows = conn.execute("SELECT claim_id, verdict FROM verdicts WHERE run_id = ?", (run,))
        return dict(rows.fetchall())


def test_killed_run_resumes_to_the_same_verdicts(httpserver: HTTPServer, tmp_path: Path) -> None:
    def slow_page(request: Request) -> Response:
        i = int(request.path[2:].split(".")[0])
        time.sleep(0.05)
        return Response(PAGE.format(i=i, day=10 + i % 15), content_type="text/html")

    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    for i in range(CLAIMS):
        httpserver.expect_request(f"/p{i}.html").respond_with_handler(slow_page)
    (tmp_path / "claims.toml").write_text(_claims(httpserver.url_for("/").rstrip("/")))

    whole = _run(tmp_path, "whole.db")
    assert whole.wait(120) == 0, whole.stderr.read() if whole.stderr else ""

    killed = _run(tmp_path, "killed.db")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill it once it has stored some, not all, sources
        if (tmp_path / "killed.db").exists():
            with sqlite3.connect(tmp_path / "killed.db") as conn:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if (
                    "fetches" in tables
                    and conn.execute("SELECT count(*) FROM fetches").fetchone()[0] >= 5
                ):
                    break
        time.sleep(0.02)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(10)
    with sqlite3.connect(tmp_path / "killed.db") as conn:  # it really died mid-run
        assert conn.execute("SELECT status, finished_at FROM runs").fetchall() == [
            ("running", None)
        ]
        assert conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] < CLAIMS
    again = _run(tmp_path, "killed.db")
    assert again.wait(120) == 0

    db = tmp_path / "killed.db"
    assert _latest(db) == _latest(tmp_path / "whole.db")
    assert len(_latest(db)) == CLAIMS
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        duplicates = conn.execute(
            "SELECT count(*) FROM (SELECT run_id, file, claim_id, count(*) c FROM verdicts"
            " GROUP BY run_id, file, claim_id HAVING c > 1)"
        ).fetchone()[0]
        assert duplicates == 0
        sources = conn.execute("SELECT count(*), count(DISTINCT url) FROM sources").fetchone()
        assert sources[0] == sources[1] == CLAIMS
        texts = conn.execute("SELECT count(*), count(DISTINCT sha256) FROM texts").fetchone()
        assert texts[0] == texts[1]
