"""The store's core: open (migrate, WAL), units of work, runs, sources, texts.

A claim's results are `results`'s; every other concern has its own module too.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self

from factcheck import __version__, migrations
from factcheck.errors import StorageError
from factcheck.store.rows import insert, iso, keep_text, now, query, to_json
from factcheck.versions import extractor_version

if TYPE_CHECKING:
    from sqlite_utils import Database

    from factcheck.models import Fetched, SourceText

__all__ = ["BATCH_SECONDS", "BATCH_UNITS", "BUSY_TIMEOUT", "StoreBase", "is_death"]

BUSY_TIMEOUT = 30.0  # seconds a unit waits for another process's unit to finish
BATCH_UNITS = 100  # units a batch commits at once, at most (`StoreBase.batch`)
BATCH_SECONDS = 1.0  # seconds a finished unit of a batch waits for its commit, at most

_FETCH_FIELDS = (
    *("url", "final_url", "outcome", "reason", "status", "content_type", "sha256", "etag"),
    *("last_modified", "from_cache", "revalidated", "attempts"),
)

_DEATHS = ("unreachable", "timeout")  # outcomes that count towards a source's death


def is_death(outcome: str, status: int | None) -> bool:
    """True for a failed fetch that says the page is gone: 404, 410, 5xx, no answer."""
    if outcome == "http-error":
        return status is not None and (status in (404, 410) or status >= 500)
    return outcome in _DEATHS


def _busy(exc: sqlite3.OperationalError) -> bool:
    """True when the error says another connection holds a lock."""
    return exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class _Batch:
    """The bounds of a batch of units, and where its open transaction stands."""

    def __init__(self, units: int, seconds: float) -> None:
        self.units, self.seconds = max(1, units), seconds
        self.done = 0  # units in the open transaction
        self.since = 0.0  # when it began
        self.timer: threading.Timer | None = None

    def begun(self, flush: Callable[[], None]) -> None:
        """A transaction began: commit it ``seconds`` from now if no unit commits it first."""
        self.done, self.since = 0, time.monotonic()
        self.timer = threading.Timer(self.seconds, flush)
        self.timer.daemon = True
        self.timer.start()

    def finished(self) -> bool:
        """One more unit finished; True when the transaction should commit now."""
        self.done += 1
        return self.done >= self.units or self.due()

    def due(self) -> bool:
        """Whether the transaction has been open ``seconds`` or more."""
        return time.monotonic() - self.since >= self.seconds

    def cancel(self) -> None:
        """Stop the timer (the transaction is committed, or the batch is over)."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


class StoreBase:
    """A factcheck database: one connection, safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Wrap an open connection; use :meth:`Store.open` instead."""
        self.path = path
        self._conn = conn
        self._database: Database | None = None  # made on first use: see `_db`
        self._lock = threading.RLock()
        self._batch: _Batch | None = None  # while `batch` is on

    @property
    def _db(self) -> Database:
        """The connection as a sqlite-utils `Database`, made on first use, so that reads
        that need none (a report of a current database) start without loading sqlite-utils."""
        with self._lock:
            if self._database is None:
                from sqlite_utils import Database

                self._database = Database(self._conn, execute_plugins=False)
            return self._database

    @classmethod
    def open(cls, path: Path) -> Self:
        """Open (or create) the database at ``path``, in WAL mode, migrated to this schema.

        Raises:
            StorageError: the file is not a SQLite database, belongs to another program,
                was written by a newer factcheck, or cannot be opened.
        """
        path = Path(path)
        if path.is_dir():
            raise StorageError("is a folder, not a database file", path=path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot open the database: {exc}", path=path) from None
        opened = False
        try:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                if exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_NOTADB:
                    raise StorageError(f"not a SQLite database ({exc})", path=path) from None
                raise StorageError(f"cannot open the database: {exc}", path=path) from None
            store = cls(conn, path)
            try:
                store._prepare()
            except sqlite3.OperationalError as exc:  # a full disk, an unwritable file
                raise StorageError(f"cannot open the database: {exc}", path=path) from None
            opened = True
        finally:
            if not opened:
                conn.close()
        return store

    def _prepare(self) -> None:
        """Refuse a foreign or newer schema, switch to WAL, apply pending migrations."""
        self._refuse_foreign()
        self._wal()
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a kill loses no commit
        if migrations.pending(self._conn):
            with self._write() as db:
                self._refuse_foreign()  # again, now that no one else can be migrating
                migrations.apply(db)

    def _wal(self) -> None:
        """Switch to WAL; SQLite does not wait for a lock here, so retry until the timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        while self._conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                if time.monotonic() > deadline:
                    raise self._busy_error() from None
                time.sleep(0.05)

    def _busy_error(self) -> StorageError:
        """The error for a database another process kept locked past the timeout."""
        return StorageError(
            f"{self.path}: busy for over {BUSY_TIMEOUT:g} s; is another factcheck writing to it?"
        )

    def _refuse_foreign(self) -> None:
        """Raise when the database is not factcheck's or is newer than this factcheck."""
        applied = migrations.applied(self._conn)
        unknown = [name for name in applied if name not in migrations.NAMES]
        meta = migrations.meta(self._conn)
        schema = max(len(applied), int(meta.get("schema_version", "0") or 0))
        if unknown or schema > len(migrations.NAMES):
            by = f"{meta['migrated_by']}: " if "migrated_by" in meta else ""
            raise StorageError(
                f"{self.path} was written by a newer factcheck ({by}schema {schema}, "
                f"this one knows {len(migrations.NAMES)}); upgrade factcheck"
            )
        if not applied:
            tables = [t for t in migrations.table_names(self._conn) if t != migrations.TABLE]
            if tables:
                raise StorageError(
                    f"{self.path} is a SQLite database but not factcheck's "
                    f"(it has tables {', '.join(sorted(tables))}); choose another database file"
                )

    def _begin(self) -> None:
        """BEGIN IMMEDIATE: wait for another process's writer, up to BUSY_TIMEOUT."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
            raise self._busy_error() from None

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One unit of work: BEGIN IMMEDIATE, COMMIT at the end, ROLLBACK on any exception.

        During a `batch` the unit is a savepoint of the batch's transaction instead: rolled
        back alone on an exception, committed with the batch.
        """
        with self._lock:
            if self._batch is not None:
                with self._in_batch(self._batch) as db:
                    yield db
                return
            self._begin()
            try:
                yield self._db
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:  # a full disk, a file gone read-only
                raise StorageError(f"cannot write to the database: {exc}", path=self.path) from None
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A read-only transaction: every query inside sees the same snapshot.

        Inside a batch's open transaction the queries see it, units not yet committed too.
        """
        with self._lock:
            if self._conn.in_transaction:  # a batch's: it holds the write lock, so it is current
                yield self._conn
                return
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("ROLLBACK")

    @contextmanager
    def _read(self) -> Iterator[Database]:
        """`_reading`, with the connection as a sqlite-utils `Database`."""
        with self._reading():
            yield self._db

    @contextmanager
    def batch(self, units: int = BATCH_UNITS, seconds: float = BATCH_SECONDS) -> Iterator[None]:
        """Commit the units written inside together, a few at a time: at most ``units``
        per transaction, and no finished unit waits more than ``seconds`` for its commit.

        Each unit is still whole or absent (a savepoint, rolled back alone when it
        fails), so a run killed at any moment loses at most the units of its last
        batch: those finished in the last ``seconds``, ``units`` at most. One commit per
        unit is what an unchanged source would otherwise cost. The batch's transaction
        holds the database's write lock: another process's unit waits ``seconds`` at most.
        Nested batches join the outer one.
        """
        with self._lock:
            if self._batch is not None:
                yield
                return
            batch = self._batch = _Batch(units, seconds)
        try:
            yield
        finally:
            with self._lock:
                self._batch = None
                batch.cancel()
                self._commit()  # what the batch finished, however it ends

    @contextmanager
    def _in_batch(self, batch: _Batch) -> Iterator[Database]:
        """One unit as a savepoint of the batch's transaction (begun by its first unit)."""
        try:
            if not self._conn.in_transaction:
                self._begin()
                batch.begun(self._flush)
            self._conn.execute("SAVEPOINT unit")
            whole = False
            try:
                yield self._db
                whole = True
            finally:
                if not whole and self._conn.in_transaction:
                    self._conn.execute("ROLLBACK TO unit")  # this unit only
                if self._conn.in_transaction:
                    self._conn.execute("RELEASE unit")
        except sqlite3.OperationalError as exc:  # a full disk, a file gone read-only
            raise StorageError(f"cannot write to the database: {exc}", path=self.path) from None
        if batch.finished():
            self._commit()

    def _commit(self) -> None:
        """Commit the open transaction of a batch, if any (the caller holds the lock)."""
        if not self._conn.in_transaction:
            return
        if self._batch is not None:
            self._batch.cancel()
        try:
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._conn.execute("ROLLBACK")
            raise StorageError(f"cannot write to the database: {exc}", path=self.path) from None

    def _flush(self) -> None:
        """The batch's timer: commit its units once the oldest has waited ``seconds``."""
        with self._lock:
            if self._batch is not None and self._batch.due():
                self._commit()

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        """Use the store in a ``with`` block; it closes at the end."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()

    # writes: one unit each

    def start_run(
        self, command: str, settings: Mapping[str, object], *, lock: str | None = None
    ) -> int:
        """Record a new run as ``running``; return its id.

        Args:
            lock: the token of the lock file the run's process holds (`liveness.run_lock`).
        """
        row = {
            "command": command,
            "started_at": now(),
            "status": "running",
            "settings": to_json(dict(settings)),
            "version": __version__,
            "lock": lock,
        }
        with self._write() as db:
            run_id = db.table("runs").insert(row).last_rowid
        assert run_id is not None
        return run_id

    def finish_run(
        self,
        run_id: int,
        counts: Mapping[str, int],
        status: Literal["done", "failed"] = "done",
    ) -> None:
        """Record the end of a run, its counts and how it ended."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                [now(), status, to_json(dict(counts)), run_id],
            )
            if cursor.rowcount == 0:
                raise StorageError(f"{self.path}: no run {run_id}")

    def save_source(self, run_id: int, fetched: Fetched, text: SourceText | None) -> None:
        """Record one fetch of a source in a run (replacing an earlier save) and its text.

        A text is stored once per sha256 and extractor: a new extractor's reading of the
        same body is kept beside the old one, and each citation names the one it quotes.
        """
        fetch = {k: getattr(fetched, k) for k in _FETCH_FIELDS}
        fetch |= {"run_id": run_id, "fetched_at": iso(fetched.fetched_at)}
        with self._write() as db:
            source = {"url": fetched.url, "first_seen_run": run_id}
            insert(db, "sources", source, "INSERT OR IGNORE")
            insert(db, "fetches", fetch, "INSERT OR REPLACE")
            if text is not None:
                keep_text(db, text)

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, with ``settings`` and ``counts`` decoded."""
        with self._reading() as conn:
            rows = list(query(conn, "SELECT * FROM runs ORDER BY id"))
        for row in rows:
            row["settings"] = json.loads(row["settings"] or "{}")
            row["counts"] = json.loads(row["counts"] or "{}")
        return rows

    def text(self, sha256: str) -> SourceText | None:
        """The stored text of the body with this sha256, if any."""
        from factcheck.models import SourceText  # here: a report reads no text

        with self._read() as db:
            rows = list(
                db.query(
                    "SELECT * FROM texts WHERE sha256 = ? "
                    "ORDER BY extractor = ? DESC, stored_at DESC, rowid DESC LIMIT 1",
                    [sha256, extractor_version()],
                )
            )
        if not rows:
            return None
        row = rows[0]
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        return SourceText(
            row["sha256"], row["text"], row["title"], published, row["error"], row["extractor"]
        )
