"""Is a run's process still alive? Decided from a lock it holds, never from the clock.

A run holds an exclusive ``flock`` on its own lock file beside the database
(``<db>.run-<token>.lock``) from before its row is written until it ends. The kernel
drops the lock when the process dies, however it dies (kill -9, OOM, a crash), so a
``running`` run whose lock can be taken belongs to no process: it is closed as
``interrupted`` and its lock file removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from factcheck.errors import StorageError
from factcheck.store.base import StoreBase
from factcheck.store.rows import now

__all__ = ["RunLiveness", "holder_alive", "run_lock"]


def _lock_path(db: Path, token: str) -> Path:
    return db.with_name(f"{db.name}.run-{token}.lock")


@contextlib.contextmanager
def run_lock(db: Path) -> Iterator[str]:
    """Create and hold one run's lock file beside the database; yield its token.

    Raises:
        StorageError: the lock file cannot be made (a read-only or full folder).
    """
    token = uuid.uuid4().hex
    path = _lock_path(Path(db), token)
    try:
        handle = path.open("x")
    except OSError as exc:
        raise StorageError(f"cannot make the run's lock file {path}: {exc.strerror}") from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a new file: no one else can hold it
        try:
            yield token
        finally:
            with contextlib.suppress(OSError):
                path.unlink()


def holder_alive(db: Path, token: str) -> bool:
    """True while the process that made this run's lock file still holds it."""
    try:
        fd = os.open(_lock_path(Path(db), token), os.O_RDONLY)
    except FileNotFoundError:
        return False  # removed by its run at the end, or by a reaper
    except OSError:
        return True  # cannot tell: do not close a run that may be alive
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also lets go of a lock just taken
    return False


class RunLiveness(StoreBase):
    """Runs whose process is gone are closed as ``interrupted``."""

    def close_dead_runs(self) -> list[int]:
        """Close every ``running`` run whose lock no process holds; return their ids.

        Runs recorded before runs held locks (no ``lock``) are left as they are.
        """
        with self._read() as db:
            rows = db.execute(
                "SELECT id, lock FROM runs WHERE status = 'running' AND lock IS NOT NULL"
            ).fetchall()
        closed = []
        for run_id, token in rows:
            if holder_alive(self.path, token):
                continue
            with self._write() as db:
                db.execute(
                    "UPDATE runs SET status = 'interrupted', finished_at = ? "
                    "WHERE id = ? AND status = 'running'",
                    [now(), run_id],
                )
            with contextlib.suppress(OSError):
                _lock_path(self.path, token).unlink()
            closed.append(run_id)
        return closed
