"""The nightly re-check against pages served on 127.0.0.1 that change, die and come back."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck import recheck as recheck_module
from factcheck.check import check
from factcheck.models import CitedState, SourceState, Verdict
from factcheck.recheck import RecheckBusy, _locked, recheck
from factcheck.settings import Settings
from tests.recheck_fixtures import CLAIMS, LEAD, STORY, Page


def _story_requests(server: HTTPServer) -> list[int]:
    return [resp.status_code for req, resp in server.log if req.path == "/story"]


def test_an_unchanged_page_costs_one_conditional_request(
    server: HTTPServer, page: Page, settings: Settings, claims: Path
) -> None:
    check([claims], settings)
    server.clear_log()
    summary = recheck(settings)
    assert _story_requests(server) == [304]
    [source] = summary.sources
    assert source.state is SourceState.UNCHANGED
    assert summary.verified == 0
    assert summary.changes == ()
    assert not summary.failed


def test_a_changed_date_makes_the_verdict_worse(
    page: Page, settings: Settings, claims: Path
) -> None:
    check([claims], settings)
    page.lead = LEAD.replace("12 May", "19 May")
    summary = recheck(settings)
    [source] = summary.sources
    assert source.state is SourceState.CHANGED
    assert [c[3] for c in source.cited] == [CitedState.CHANGED]
    [change] = summary.changes
    assert (change.before, change.after) == (Verdict.SUPPORTED, Verdict.DISPUTED)
    assert change.worse
    assert summary.failed
    again = recheck(settings)  # nothing new: no second verdict row, nothing worse
    assert again.changes == ()
    assert not again.failed
    with sqlite3.connect(settings.db) as conn:
        rows = conn.execute("SELECT verdict FROM verdicts ORDER BY run_id").fetchall()
    assert rows == [("supported",), ("disputed",)]


def test_a_cited_sentence_gone_from_an_edited_page(
    page: Page, settings: Settings, claims: Path
) -> None:
    check([claims], settings)
    page.lead = "The council thanked everyone who helped build the terminal."
    summary = recheck(settings)
    [source] = summary.sources
    assert source.state is SourceState.CHANGED  # the rest of the page is the same story
    assert [c[3] for c in source.cited] == [CitedState.GONE]
    assert "1 cited sentence gone" in source.detail
    assert [(c.before, c.after) for c in summary.changes] == [
        (Verdict.SUPPORTED, Verdict.UNVERIFIED)
    ]


def test_a_200_that_says_nothing_of_the_story_is_a_soft_404(
    page: Page, settings: Settings, claims: Path
) -> None:
    check([claims], settings)
    page.body = "<html><body><h1>Sorry</h1><p>We could not find that page. Try our search or the front page.</p></body></html>"
    summary = recheck(settings)
    [source] = summary.sources
    assert source.state is SourceState.SOFT_404
    assert summary.failed


def test_a_source_is_dead_only_after_three_failed_runs(
    page: Page, settings: Settings, claims: Path
) -> None:
    check([claims], settings)
    page.status = 404
    first, second, third, fourth = (recheck(settings) for _ in range(4))
    assert [s.sources[0].state for s in (first, second, third, fourth)] == [
        SourceState.FAILING,
        SourceState.FAILING,
        SourceState.DEAD,
        SourceState.DEAD,
    ]
    assert [s.sources[0].failures for s in (first, second, third)] == [1, 2, 3]
    # while failing, the last good copy still stands: the verdict holds
    assert first.changes == () == second.changes
    assert not first.failed
    assert not second.failed
    assert third.sources[0].newly_dead
    assert third.failed
    assert [(c.before, c.after) for c in third.changes] == [(Verdict.SUPPORTED, Verdict.UNVERIFIED)]
    assert not fourth.sources[0].newly_dead
    assert not fourth.failed


def test_a_page_that_comes_back_resets_the_count(
    page: Page, settings: Settings, claims: Path
) -> None:
    check([claims], settings)
    page.status = 503
    recheck(settings)
    recheck(settings)
    page.status = 200
    back = recheck(settings)
    assert back.sources[0].state is SourceState.UNCHANGED
    page.status = 503
    assert recheck(settings).sources[0].failures == 1


def test_a_paywall_is_blocked_not_dead(page: Page, settings: Settings, claims: Path) -> None:
    check([claims], settings)
    page.status = 403
    runs = [recheck(settings) for _ in range(3)]
    assert {r.sources[0].state for r in runs} == {SourceState.BLOCKED}
    assert not any(r.failed or r.changes for r in runs)


def _timegate(server: HTTPServer, archived: str) -> list[str]:
    """A TimeGate and its memento on the test server; returns the Accept-Datetimes asked."""
    asked: list[str] = []

    def gate(request: Request) -> Response:
        asked.append(request.headers.get("Accept-Datetime", ""))
        memento = server.url_for("/archive/20250513101500/story")
        link = f'<{memento}>; rel="memento"; datetime="Tue, 13 May 2025 10:15:00 GMT"'
        return Response(
            status=302, headers={"Location": memento, "Vary": "accept-datetime", "Link": link}
        )

    def memento(request: Request) -> Response:
        return Response(
            archived,
            content_type="text/html",
            headers={"Memento-Datetime": "Tue, 13 May 2025 10:15:00 GMT"},
        )

    server.expect_request(re.compile(r"^/timegate/.*")).respond_with_handler(gate)
    server.expect_request("/archive/20250513101500/story").respond_with_handler(memento)
    return asked


def test_a_dead_page_is_read_from_its_archived_copy(
    server: HTTPServer, page: Page, settings: Settings, claims: Path
) -> None:
    settings = Settings(**{**vars(settings), "memento_timegate": server.url_for("/timegate/")})
    check([claims], settings)
    asked = _timegate(server, STORY.format(lead=LEAD))
    page.status = 410
    runs = [recheck(settings) for _ in range(3)]
    dead = runs[-1].sources[0]
    assert dead.state is SourceState.DEAD
    assert dead.archived is not None
    assert dead.archived.url == server.url_for("/archive/20250513101500/story")
    assert dead.archived.datetime == "Tue, 13 May 2025 10:15:00 GMT"
    assert len(asked) == 1
    assert asked[0].endswith("GMT")
    assert runs[-1].changes == ()  # the archived copy still supports the claim
    assert runs[-1].failed  # but a cited source died: cron must hear of it
    with sqlite3.connect(settings.db) as conn:
        row = conn.execute(
            "SELECT archived_url, state FROM source_checks ORDER BY run_id DESC LIMIT 1"
        ).fetchone()
    assert row == (server.url_for("/archive/20250513101500/story"), "dead")


def test_no_archived_copy_leaves_the_claim_unverified(
    server: HTTPServer, page: Page, settings: Settings, claims: Path
) -> None:
    settings = Settings(**{**vars(settings), "memento_timegate": server.url_for("/timegate/")})
    check([claims], settings)
    server.expect_request(re.compile(r"^/timegate/.*")).respond_with_data("none", status=404)
    page.status = 404
    last = [recheck(settings) for _ in range(3)][-1]
    assert last.sources[0].archived is None
    assert [c.after for c in last.changes] == [Verdict.UNVERIFIED]


def test_recent_fetches_are_left_alone_with_older_than(
    server: HTTPServer, page: Page, settings: Settings, claims: Path
) -> None:
    check([claims], settings)
    server.clear_log()
    summary = recheck(settings, older_than=dt.timedelta(hours=20))
    assert _story_requests(server) == []
    assert summary.sources[0].state is SourceState.FRESH
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert recheck(settings, older_than=dt.timedelta(hours=20), now=later).sources[0].state is (
        SourceState.UNCHANGED
    )


def test_a_second_recheck_while_one_runs_is_refused(settings: Settings, claims: Path) -> None:
    check([claims], settings)
    with _locked(settings.db), pytest.raises(RecheckBusy, match="another recheck is running"):
        recheck(settings)


def _lock_file(settings: Settings) -> Path:
    return settings.db.with_name(settings.db.name + ".recheck.lock")


def test_a_recheck_leaves_no_lock_file(settings: Settings, claims: Path) -> None:
    check([claims], settings)
    recheck(settings)
    assert not _lock_file(settings).exists()
    recheck(settings)  # and the next one takes a fresh lock
    assert not _lock_file(settings).exists()


def test_a_lock_file_removed_between_open_and_lock_is_opened_again(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    real_open = recheck_module._open_lock

    def open_then_lose(path: Path, db: Path) -> IO[str]:
        handle = real_open(path, db)
        opened.append(os.fstat(handle.fileno()).st_ino)
        if len(opened) == 1:  # the holder before us finishes and unlinks the name now
            path.unlink()
        return handle

    monkeypatch.setattr(recheck_module, "_open_lock", open_then_lose)
    with _locked(settings.db):
        assert len(opened) == 2
        assert os.stat(_lock_file(settings)).st_ino == opened[1]
        with pytest.raises(RecheckBusy, match="another recheck is running"), _locked(settings.db):
            pass
    assert not _lock_file(settings).exists()


def _cli(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_rechecks_started_together_one_runs_one_steps_aside(
    server: HTTPServer, page: Page, settings: Settings, claims: Path, tmp_path: Path
) -> None:
    check([claims], settings)
    page.lead = LEAD.replace("12 May", "19 May")
    args = ["recheck", "--db", str(settings.db), "--json", "--allow-private", "127.0.0.1/32"]
    env_cache = tmp_path / "factcheck.toml"
    env_cache.write_text(f'cache = "{settings.cache}"\ndelay = 0\n')
    procs = [_cli(args, tmp_path) for _ in range(2)]
    outs = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in outs)
    skipped = [err for code, _, err in outs if "skipped: " in err]
    ran = [json.loads(out) for _, out, _ in outs if out.strip()]
    if skipped:  # they overlapped: one stepped aside, exit 0, and the other did the work
        assert codes == [0, 3]
        assert len(ran) == 1
    else:  # the second started after the first had finished: it found nothing new
        assert codes == [0, 3]
        assert len(ran) == 2
    assert sum(len(r["worse"]) for r in ran) == 1
    with sqlite3.connect(settings.db) as conn:
        verdicts = conn.execute("SELECT verdict FROM verdicts ORDER BY run_id").fetchall()
        runs = conn.execute("SELECT status FROM runs WHERE command = 'recheck'").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert verdicts == [("supported",), ("disputed",)]
    assert set(runs) == {("done",)}


def test_cli_text_report_and_exit_code(
    server: HTTPServer, page: Page, settings: Settings, claims: Path, tmp_path: Path
) -> None:
    check([claims], settings)
    page.lead = LEAD.replace("12 May", "19 May")
    (tmp_path / "factcheck.toml").write_text(f'cache = "{settings.cache}"\ndelay = 0\n')
    args = ["recheck", "--db", str(settings.db), "--allow-private", "127.0.0.1/32"]
    proc = _cli(args, tmp_path)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, err
    assert out.splitlines()[0].startswith("recheck run 2: 1 sources (1 changed); 1 claims")
    assert "worse  supported → disputed" in out
    assert "1 worse, 0 evidence lost, 0 better, 0 newly dead" in out


def test_cli_refuses_a_bad_age(tmp_path: Path) -> None:
    proc = _cli(["recheck", "--older-than", "soon"], tmp_path)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "'soon' is not an age" in err


def test_cli_without_a_database_says_so(tmp_path: Path) -> None:
    proc = _cli(["recheck", "--db", str(tmp_path / "none.db")], tmp_path)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "no such database" in err
    assert not (tmp_path / "none.db").exists()


def test_a_recheck_and_an_editors_check_share_the_database(
    server: HTTPServer, page: Page, settings: Settings, claims: Path, tmp_path: Path
) -> None:
    check([claims], settings)
    (tmp_path / "factcheck.toml").write_text(f'cache = "{settings.cache}"\ndelay = 0\n')
    common = ["--db", str(settings.db), "--allow-private", "127.0.0.1/32"]
    procs = [_cli(["recheck", *common], tmp_path), _cli(["check", str(claims), *common], tmp_path)]
    results = [(p.wait(timeout=60), p.communicate()[1]) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    with sqlite3.connect(settings.db) as conn:
        runs = conn.execute("SELECT command, status FROM runs ORDER BY id").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert sorted(runs) == [("check", "done"), ("check", "done"), ("recheck", "done")]


def test_claims_dir_keeps_to_the_claims_files_in_it(
    server: HTTPServer, page: Page, settings: Settings, tmp_path: Path
) -> None:
    other = Page(LEAD.replace("Portvale", "Eastport"))
    server.expect_request("/other").respond_with_handler(other)
    desk, sport = tmp_path / "desk", tmp_path / "sport"
    desk.mkdir()
    sport.mkdir()
    (desk / "a.toml").write_text(CLAIMS.format(url=server.url_for("/story")))
    (sport / "b.toml").write_text(CLAIMS.format(url=server.url_for("/other")))
    check([desk / "a.toml", sport / "b.toml"], settings)
    summary = recheck(settings, under=desk)
    assert [s.url for s in summary.sources] == [server.url_for("/story")]
    assert summary.claims == 1


def test_a_timegate_that_answers_with_the_memento_itself(
    server: HTTPServer, page: Page, settings: Settings, claims: Path
) -> None:
    settings = Settings(**{**vars(settings), "memento_timegate": server.url_for("/gate/")})
    check([claims], settings)
    memento = "/archive/20250513101500/story"

    def gate(request: Request) -> Response:  # RFC 7089 200-style: the body is the memento
        return Response(
            STORY.format(lead=LEAD),
            content_type="text/html",
            headers={
                "Memento-Datetime": "Tue, 13 May 2025 10:15:00 GMT",
                "Content-Location": memento,
                "Vary": "accept-datetime",
            },
        )

    server.expect_request(re.compile(r"^/gate/.*")).respond_with_handler(gate)
    server.expect_request(memento).respond_with_data(
        STORY.format(lead=LEAD), content_type="text/html"
    )
    page.status = 404
    last = [recheck(settings) for _ in range(3)][-1]
    assert last.sources[0].archived is not None
    assert last.sources[0].archived.url == server.url_for(memento)
    assert last.sources[0].archived.datetime == "Tue, 13 May 2025 10:15:00 GMT"
    assert last.changes == ()  # the archived copy still supports the claim


def test_a_recheck_stopped_by_sigterm_is_recorded_as_failed(
    server: HTTPServer, page: Page, settings: Settings, claims: Path, tmp_path: Path
) -> None:
    check([claims], settings)
    release = threading.Event()
    asked = threading.Event()

    def stuck(request: Request) -> Response:
        asked.set()
        release.wait(20)
        return Response("late", status=503)

    server.clear_all_handlers()
    server.expect_request("/story").respond_with_handler(stuck)
    (tmp_path / "factcheck.toml").write_text(f'cache = "{settings.cache}"\ndelay = 0\n')
    proc = _cli(["recheck", "--db", str(settings.db), "--allow-private", "127.0.0.1/32"], tmp_path)
    try:
        assert asked.wait(30)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    finally:
        release.set()
    assert proc.returncode == 128 + signal.SIGTERM
    with sqlite3.connect(settings.db) as conn:
        runs = conn.execute("SELECT command, status FROM runs ORDER BY id").fetchall()
    assert runs == [("check", "done"), ("recheck", "failed")]


def test_a_mistyped_database_leaves_no_lock_file(tmp_path: Path) -> None:
    proc = _cli(["recheck", "--db", str(tmp_path / "missing" / "f.db")], tmp_path)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err.count("\n") == 1  # one line, no traceback
    assert not (tmp_path / "missing").exists()
