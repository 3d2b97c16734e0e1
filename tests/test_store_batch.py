"""`Store.batch`: units committed a few at a time, each whole, none waiting long."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from factcheck.errors import StorageError
from factcheck.models import Fetched, FetchOutcome
from factcheck.store import Store


def fetched(n: int) -> Fetched:
    url = f"https://example.org/{n}"
    return Fetched(url, url, FetchOutcome.OK, fetched_at=dt.datetime.now(dt.UTC))


def seen(path: Path) -> int:
    """Fetches another connection sees, that is, committed ones."""
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM fetches").fetchone()[0])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "f.db")


def test_a_batch_commits_once_it_holds_its_number_of_units(store: Store) -> None:
    run = store.start_run("check", {})
    with store.batch(units=3, seconds=3600):
        for n in range(2):
            store.save_source(run, fetched(n), None)
        assert seen(store.path) == 0
        store.save_source(run, fetched(2), None)
        assert seen(store.path) == 3
        store.save_source(run, fetched(3), None)
        assert seen(store.path) == 3
    assert seen(store.path) == 4  # the rest when the batch ends


def test_a_finished_unit_is_committed_after_the_time_bound_without_another(
    store: Store,
) -> None:
    run = store.start_run("check", {})
    with store.batch(units=1000, seconds=0.05):
        store.save_source(run, fetched(0), None)
        deadline = time.monotonic() + 30
        while seen(store.path) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert seen(store.path) == 1  # while the batch is still on


def test_a_failing_unit_is_undone_alone_and_the_others_are_kept(store: Store) -> None:
    run = store.start_run("check", {})

    def half_a_unit() -> None:
        with store._write() as db:
            db.execute("INSERT INTO sources (url, first_seen_run) VALUES ('half', ?)", [run])
            raise RuntimeError("the unit fails half-way")

    with store.batch(units=1000, seconds=3600):
        store.save_source(run, fetched(0), None)
        with pytest.raises(RuntimeError):
            half_a_unit()
        store.save_source(run, fetched(1), None)
    with sqlite3.connect(store.path) as conn:
        urls = [u for (u,) in conn.execute("SELECT url FROM sources ORDER BY url")]
    assert urls == ["https://example.org/0", "https://example.org/1"]


def test_reads_inside_a_batch_see_its_units(store: Store) -> None:
    run = store.start_run("check", {})
    with store.batch(units=1000, seconds=3600):
        store.save_source(run, fetched(0), None)
        assert list(store.last_fetched()) == ["https://example.org/0"]


def test_another_writer_waits_for_the_batch_at_most_its_time_bound(store: Store) -> None:
    other = Store.open(store.path)
    run = store.start_run("check", {})
    with store.batch(units=1000, seconds=0.05):
        store.save_source(run, fetched(0), None)
        other.save_source(run, fetched(1), None)  # would fail after BUSY_TIMEOUT otherwise
    other.close()
    assert seen(store.path) == 2


def test_a_write_that_cannot_be_committed_is_a_storage_error(store: Store) -> None:
    run = store.start_run("check", {})
    with store.batch(units=1, seconds=3600):
        store._conn.execute("PRAGMA query_only = ON")  # as a file gone read-only would
        with pytest.raises(StorageError):
            store.save_source(run, fetched(0), None)
        store._conn.execute("PRAGMA query_only = OFF")
        store.save_source(run, fetched(1), None)
    assert seen(store.path) == 1
