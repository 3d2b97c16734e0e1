"""The SQLite store: schema and migrations, units of work, reads, concurrency, kill -9."""

from __future__ import annotations

import dataclasses
import datetime as dt
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import cast

import pytest
from sqlite_utils import Database

from factcheck import migrations
from factcheck.errors import FactcheckError
from factcheck.models import (
    Citation,
    Claim,
    ClaimResult,
    DateExpr,
    Fetched,
    FetchOutcome,
    Precision,
    Qualifier,
    SourceText,
    Stance,
    Verdict,
)
from factcheck.store import Store
from factcheck.text import extractor_version

TABLES = {"meta", "runs", "claims", "sources", "fetches", "texts", "citations", "verdicts"}
URL = "https://example.org/treaty"
WHEN = dt.datetime(2025, 8, 15, 12, 0, tzinfo=dt.UTC)


def fetched(url: str = URL, sha256: str = "abc", status: int = 200) -> Fetched:
    """A successful fetch of ``url``."""
    return Fetched(url, url, FetchOutcome.OK, status=status, fetched_at=WHEN, sha256=sha256)


def result(verdict: Verdict = Verdict.SUPPORTED, starts: tuple[int, ...] = (0,)) -> ClaimResult:
    """A result for the claim "treaty" with one citation per start offset."""
    date = DateExpr("June 2024", dt.date(2024, 6, 1), dt.date(2024, 6, 30), Precision.MONTH)
    claim = Claim("treaty", "The treaty was signed in June 2024.", date=date, keywords=("treaty",))
    cites = tuple(
        Citation(URL, URL, Stance.SUPPORTS, "date inside", f"quote {s}", s, s + 7, 90.0, "2024-06")
        for s in starts
    )
    return ClaimResult(claim, verdict, "a source supports it", cites)


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Run one query on a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The path of a fresh factcheck database."""
    path = tmp_path / "factcheck.db"
    Store.open(path).close()
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An open store on a fresh database."""
    return Store.open(tmp_path / "data" / "factcheck.db")


def test_open_creates_schema_and_wal(db: Path) -> None:
    names = {name for (name,) in rows(db, "SELECT name FROM sqlite_master")}
    assert names >= TABLES | {"latest_verdicts", "verdict_changes"}
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]


def test_open_again_applies_no_migration_twice(db: Path) -> None:
    Store.open(db).close()
    assert rows(db, "SELECT name FROM _sqlite_migrations") == [(n,) for n in migrations.NAMES]


def test_previous_schema_is_upgraded_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before=migrations.NAMES[-1])
    old.execute("INSERT INTO runs (command, started_at) VALUES ('check', '2025-01-01')")
    old.conn.commit()
    old.close()
    with Store.open(path) as store:
        assert [run["command"] for run in store.runs()] == ["check"]
        assert store.current_items() == []
    assert rows(path, "SELECT value FROM meta WHERE key = 'schema_version'") == [
        (str(len(migrations.NAMES)),)
    ]


def test_newer_schema_is_refused_untouched(db: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name) VALUES (?, ?)",
            ("factcheck", "m999_from_the_future"),
        )
        conn.execute("UPDATE meta SET value = 'factcheck 9.0' WHERE key = 'migrated_by'")
    conn.close()
    before = db.read_bytes()
    known = len(migrations.NAMES)
    expected = rf"newer factcheck \(factcheck 9\.0: schema {known + 1}, this one knows {known}\)"
    with pytest.raises(FactcheckError, match=expected):
        Store.open(db)
    assert db.read_bytes() == before


def test_non_database_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(FactcheckError, match=r"notes\.db: not a SQLite database"):
        Store.open(path)
    assert path.read_text() == "shopping list\n" * 100


def test_other_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    Database(path).table("dogs").insert({"name": "Cleo"})
    with pytest.raises(FactcheckError, match=r"not factcheck's \(it has tables dogs\)"):
        Store.open(path)


def test_save_source_twice_in_a_run_keeps_one_row_each(store: Store) -> None:
    run = store.start_run("check", {})
    for status in (500, 200):
        store.save_source(run, fetched(status=status), SourceText("abc", "The treaty text."))
    counts = [store._db.table(t).count for t in ("sources", "fetches", "texts")]
    assert counts == [1, 1, 1]
    assert next(store._db.query("SELECT status FROM fetches"))["status"] == 200


def test_text_is_stored_once_per_sha256_and_extractor(store: Store) -> None:
    store.save_source(store.start_run("check", {}), fetched(), SourceText("abc", "first"))
    store.save_source(store.start_run("check", {}), fetched(), SourceText("abc", "first"))
    assert store.text("abc") == SourceText("abc", "first", extractor=extractor_version())
    assert store._db.table("texts").count == 1
    assert store._db.table("fetches").count == 2


def test_another_extractors_reading_is_kept_beside_the_first(store: Store) -> None:
    store.save_source(
        store.start_run("check", {}), fetched(), SourceText("abc", "old", extractor="v1")
    )
    store.save_source(store.start_run("check", {}), fetched(), SourceText("abc", "new"))
    readings = rows(store.path, "SELECT extractor, text FROM texts ORDER BY text")
    assert readings == [(extractor_version(), "new"), ("v1", "old")]
    assert store.text("abc") == SourceText("abc", "new", extractor=extractor_version())


def test_save_result_replaces_citations_within_a_run_and_appends_per_run(store: Store) -> None:
    first = store.start_run("check", {})
    store.save_result(first, "a.toml", result(starts=(0, 50)))
    store.save_result(first, "a.toml", result(starts=(9,)))
    second = store.start_run("check", {})
    store.save_result(second, "a.toml", result(starts=(7,)))
    cites = store._db.execute("SELECT run_id, start FROM citations ORDER BY run_id").fetchall()
    assert cites == [(first, 9), (second, 7)]
    assert store._db.table("verdicts").count == 2


def test_changed_is_true_on_the_first_verdict_change_only(store: Store) -> None:
    verdicts = [Verdict.SUPPORTED, Verdict.SUPPORTED, Verdict.DISPUTED, Verdict.DISPUTED]
    changed = [
        store.save_result(store.start_run("check", {}), "a.toml", result(v)) for v in verdicts
    ]
    assert changed == [False, False, True, False]
    change = next(store._db.query("SELECT previous, verdict FROM verdict_changes"))
    assert change == {"previous": "supported", "verdict": "disputed"}


def test_current_items_give_the_latest_verdict_with_its_citations(store: Store) -> None:
    store.save_result(store.start_run("check", {}), "a.toml", result(Verdict.DISPUTED))
    run = store.start_run("check", {})
    store.save_result(run, "a.toml", result(Verdict.SUPPORTED, starts=(3, 40)))
    [latest] = store.current_items(["a.toml"])
    claim = latest.result.claim
    assert (claim.id, latest.result.verdict, latest.run_id) == ("treaty", Verdict.SUPPORTED, run)
    assert claim.date is not None
    assert claim.date.start == dt.date(2024, 6, 1)
    assert [c.start for c in latest.result.citations] == [3, 40]
    assert store.current_items(["b.toml"]) == []
    assert store.previous_verdict("a.toml", "treaty", run) is Verdict.DISPUTED


def test_finish_run_records_status_and_counts(store: Store) -> None:
    run = store.start_run("check", {"offline": True, "qualifier": Qualifier.IN})
    store.finish_run(run, {"supported": 1}, status="failed")
    [row] = store.runs()
    assert (row["status"], row["counts"], row["settings"]) == (
        "failed",
        {"supported": 1},
        {"offline": True, "qualifier": "in"},
    )


WRITER = """
import sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_store import result
from factcheck.store import Store

path, name, units, cites = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = Store.open(path)
go = path.with_name("go")
Path(f"{{path}}.{{name}}.ready").touch()
while not go.exists():
    time.sleep(0.001)
run = store.start_run("check", {{}})
for i in range(units):
    store.save_result(run, f"{{name}}-{{i}}.toml", result(starts=tuple(range(cites))))
    print(i, flush=True)
store.finish_run(run, {{"units": units}})
"""


def writer(tmp_path: Path, name: str, units: int, cites: int) -> subprocess.Popen[str]:
    """Start a process that saves ``units`` claim results with ``cites`` citations each."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(tests=str(Path(__file__).parent)))
    path = tmp_path / "factcheck.db"
    args = [sys.executable, str(script), str(path), name, str(units), str(cites)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def go_when_ready(tmp_path: Path, procs: dict[str, subprocess.Popen[str]]) -> None:
    """Wait until every writer has opened the database, then let them all write."""
    while not all((tmp_path / f"factcheck.db.{n}.ready").exists() for n in procs):
        for proc in procs.values():
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.01)
    (tmp_path / "go").touch()


def test_two_processes_write_at_once_without_locking_errors(tmp_path: Path) -> None:
    procs = {name: writer(tmp_path, name, 50, 20) for name in ("one", "two")}
    go_when_ready(tmp_path, procs)
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs.values()]
    assert outcomes == [(0, ""), (0, "")]
    path = tmp_path / "factcheck.db"
    assert rows(path, "SELECT count(*), count(DISTINCT run_id) FROM verdicts") == [(100, 2)]
    assert rows(path, "SELECT count(*) FROM citations") == [(2000,)]


def test_kill_9_mid_run_leaves_whole_units_only(tmp_path: Path) -> None:
    proc = writer(tmp_path, "victim", 100_000, 40)
    go_when_ready(tmp_path, {"victim": proc})
    assert proc.stdout is not None
    while int(proc.stdout.readline() or "-2") < 30:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    path = tmp_path / "factcheck.db"
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    per_unit = rows(
        path,
        """SELECT (SELECT count(*) FROM verdicts v WHERE v.file = c.file),
                  (SELECT count(*) FROM citations t WHERE t.file = c.file)
           FROM claims c""",
    )
    assert len(per_unit) > 30
    assert set(per_unit) == {(1, 40)}
    totals = rows(path, "SELECT (SELECT count(*) FROM verdicts), (SELECT count(*) FROM citations)")
    assert totals == [(len(per_unit), 40 * len(per_unit))]


def test_a_failing_unit_leaves_nothing_behind(store: Store) -> None:
    run = store.start_run("check", {})
    broken = dataclasses.replace(result(), citations=(Citation(URL, URL, cast(Stance, None), ""),))
    with pytest.raises(sqlite3.IntegrityError):
        store.save_result(run, "a.toml", broken)
    assert [store._db.table(t).count for t in ("claims", "citations", "verdicts")] == [0, 0, 0]


def test_threads_share_one_store(store: Store) -> None:
    run = store.start_run("check", {})

    def save(n: int) -> None:
        for i in range(20):
            store.save_result(run, f"{n}-{i}.toml", result())

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.current_items()) == 80


def test_enums_and_times_are_stored_as_plain_text(store: Store) -> None:
    store.save_source(store.start_run("check", {}), fetched(), None)
    row = store._db.execute("SELECT outcome, typeof(outcome), fetched_at FROM fetches").fetchone()
    assert row == ("ok", "text", "2025-08-15T12:00:00+00:00")


def test_a_duplicate_citation_keeps_the_first(store: Store) -> None:
    store.save_result(store.start_run("check", {}), "a.toml", result(starts=(5, 0, 5)))
    [latest] = store.current_items()
    assert [(c.start, c.quote) for c in latest.result.citations] == [
        (5, "quote 5"),
        (0, "quote 0"),
    ]


def test_a_reading_stored_before_m007_keeps_its_empty_label(store: Store) -> None:
    run = store.start_run("check", {})
    store.save_source(run, fetched(), SourceText("abc", "old", extractor=""))
    cite = Citation(URL, URL, Stance.SUPPORTS, "inside", "old", 0, 3, sha256="abc", extractor="")
    store.save_result(run, "a.toml", dataclasses.replace(result(), citations=(cite,)))
    assert rows(store.path, "SELECT extractor FROM texts") == [("",)]
    assert rows(store.path, "SELECT extractor FROM citations") == [("",)]
