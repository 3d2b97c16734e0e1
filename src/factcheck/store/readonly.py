"""Opening a database for reading only, for a database on read-only media.

A WAL database is normally opened with its ``-shm`` file, which SQLite must be able to
create or write. On a read-only disk or share it cannot: ``mode=ro`` is tried first
(it works while the ``-shm`` is there), then ``immutable=1``, which reads the main file
alone and so misses what is still only in the ``-wal`` file; the store then says its
view may be stale.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Self

from factcheck import migrations
from factcheck.errors import StorageError
from factcheck.store.base import StoreBase

__all__ = ["ReadOnlyOpen", "writable"]

# steps a reader can do without: the reads of reports touch none of what they add
_NOT_NEEDED_TO_READ = frozenset({"m008_run_locks"})


def writable(db: Path) -> bool:
    """True when this process may write the database and make files beside it."""
    return os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)


class ReadOnlyOpen(StoreBase):
    """`open_read_only`, and what a read-only store knows about how fresh it is."""

    stale: str | None = None  # why the view may miss recent runs, when it may

    @classmethod
    def open_read_only(cls, path: Path) -> Self:
        """Open an existing database without writing anything, not even a ``-shm`` file.

        Raises:
            StorageError: not a factcheck database, one that needs upgrading first, or
                one that cannot be read.
        """
        path = Path(path)
        uri = path.resolve().as_uri()
        stale = None
        try:
            conn = _connect(f"{uri}?mode=ro")
        except sqlite3.Error:
            conn = None
        if conn is None:
            try:
                conn = _connect(f"{uri}?immutable=1")
            except sqlite3.Error as exc:
                raise StorageError(f"cannot read the database: {exc}", path=path) from None
            wal = path.with_name(path.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                stale = (
                    f"{path} is read-only and its write-ahead log ({wal.name}) cannot be "
                    "read with it: the latest runs may be missing from this report"
                )
        store = cls(conn, path)
        store.stale = stale
        try:
            store._refuse_foreign()
            missing = set(migrations.pending(store._conn)) - _NOT_NEEDED_TO_READ
        except (sqlite3.Error, StorageError):
            conn.close()
            raise
        if missing:
            conn.close()
            raise StorageError(
                "was written by an older factcheck and is read-only; open it once where it "
                "can be written to upgrade it",
                path=path,
            )
        return store


def _connect(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn
