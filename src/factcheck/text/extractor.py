"""Run trafilatura in long-lived worker processes, one page at a time, with a time limit.

A hostile page can make trafilatura run for minutes or exhaust memory. Each page goes to
an idle worker; if it has not answered within ``time_limit`` seconds the worker is
killed (SIGKILL) and replaced, and the page gets an error. A worker that dies is
replaced the same way.

Start method: "forkserver" (where available, else "spawn"). The forkserver is one small
single-threaded process that imports trafilatura once; each worker is forked from it and
answers its first page ~15-30 ms later. Plain "fork" is as quick but copies the parent,
which runs an asyncio loop and executor threads: a lock held by another thread at fork
time stays locked forever in the child (Python 3.12 warns about exactly this). "spawn"
is safe but starts a fresh interpreter that must import trafilatura: ~150 ms before a
new worker's first page, paid again after every time-out. Once started, all three run
pages equally fast (benchmarks/bench_text.py).

Workers exit when the Extractor closes or its owner dies: each holds the read end of a
"lifeline" pipe whose only write end is in the owner, and (on Linux) asks the kernel for
SIGKILL when its parent, the forkserver, exits. (Under "fork" every worker would inherit
the write end too, and the lifeline would never break: one more reason not to fork.)
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
import weakref
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from types import TracebackType

from factcheck.concurrency import context
from factcheck.models import SourceText
from factcheck.text.convert import dispatch
from factcheck.text.store import TextStore

__all__ = ["Extractor"]

_WORKER_MODULE = "factcheck.text.worker"  # imports trafilatura; the owner never does
_START_TIMEOUT = 60.0  # a worker that cannot import trafilatura in this time is broken
_CLOSE_GRACE = 1.0
_DIED = "extraction worker died"
_TRANSIENT = ("extraction timed out", "extraction worker died", "extractor closed")


class _Lost(Exception):
    """A worker did not answer: it timed out or died."""


class _Worker:
    """One worker process and the owner's end of its job pipe; used by one thread at a time."""

    def __init__(self, ctx: BaseContext, lifeline: Connection) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(child, lifeline, os.getpid()),
            name="factcheck-text-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        self.ready = False

    def run(self, job: tuple[bytes, str | None, str], time_limit: float) -> SourceText:
        """Send one job and wait for its answer; raise _Lost on time-out or death."""
        try:
            if not self.ready:
                if not self.conn.poll(_START_TIMEOUT):
                    raise _Lost("extraction worker died (did not start)")
                self.conn.recv()  # READY
                self.ready = True
            self.conn.send(job)
            if not self.conn.poll(time_limit):
                raise _Lost(f"extraction timed out after {time_limit:g}s")
            result: SourceText = self.conn.recv()
        except (EOFError, OSError):
            raise _Lost(_DIED) from None
        return result

    def kill(self) -> None:
        """SIGKILL the process (if still alive) and reap it."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _serve(conn: Connection, lifeline: Connection, owner: int) -> None:
    """Worker process entry point (trafilatura is imported here, not in the owner)."""
    from factcheck.text.worker import serve

    serve(conn, lifeline, owner)


def _shutdown(workers: set[_Worker], lifeline: Connection) -> None:
    """Close the lifeline (idle and busy workers exit), then kill stragglers."""
    lifeline.close()
    for w in list(workers):
        w.process.join(_CLOSE_GRACE)
        w.kill()
    workers.clear()


class Extractor:
    """Extract pages in ``workers`` long-lived processes, each page within ``time_limit``.

    Thread-safe: call :meth:`extract` from several threads (e.g. via
    ``loop.run_in_executor``); each call holds one worker until its page is done. Use as
    a context manager, or call :meth:`close`.
    """

    def __init__(
        self, workers: int = 2, time_limit: float = 10.0, *, start_method: str | None = None
    ) -> None:
        """Start the workers (they warm up in the background).

        Args:
            workers: number of worker processes, at least 1.
            time_limit: seconds a page may take in a worker (decoding included).
            start_method: "forkserver" (the default where available) or "spawn".
        """
        if workers < 1 or time_limit <= 0:
            raise ValueError("workers must be at least 1 and time_limit positive")
        if start_method not in (None, "forkserver", "spawn"):
            raise ValueError("start_method must be 'forkserver' or 'spawn' (fork is unsafe here)")
        self.time_limit = time_limit
        self.jobs = 0  # pages sent to a worker: cache hits and plain text do not count
        self._ctx = context(start_method, preload=[_WORKER_MODULE])
        self._lifeline_r, self._lifeline_w = self._ctx.Pipe(duplex=False)
        self._lock = threading.Lock()
        self._closed = False
        self._all: set[_Worker] = set()
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        for _ in range(workers):
            self._idle.put(self._start())
        self._finalizer = weakref.finalize(self, _shutdown, self._all, self._lifeline_w)

    @property
    def pids(self) -> list[int]:
        """Process ids of the current workers."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    def _start(self) -> _Worker:
        w = _Worker(self._ctx, self._lifeline_r)
        self._all.add(w)
        return w

    def extract(self, body: bytes, content_type: str, charset: str | None = None) -> SourceText:
        """Like :func:`~factcheck.text.extract_text`, with HTML extracted in a worker.

        A page that times out, or whose worker dies, gets empty text and an ``error``
        ("extraction timed out after 10s", "extraction worker died"); the worker is
        replaced. Plain text is decoded in the calling thread.
        """
        return dispatch(body, content_type, charset, self._in_worker)

    def extract_cached(
        self, store: TextStore, body: bytes, content_type: str, charset: str | None = None
    ) -> tuple[SourceText, bool]:
        """The stored text for these bytes, else :meth:`extract` them and store the result.

        Time-outs and dead workers are not stored (a later run may succeed); unsupported
        types and pages without main text are.

        Returns:
            (text, True if it was extracted by this call).
        """
        stored = store.get(hashlib.sha256(body).hexdigest())
        if stored is not None:
            return stored, False
        source = self.extract(body, content_type, charset)
        if not (source.error or "").startswith(_TRANSIENT):
            store.put(source)
        return source, True

    def _in_worker(self, body: bytes, charset: str | None, sha256: str) -> SourceText:
        w = self._idle.get()
        try:
            with self._lock:
                if self._closed:
                    raise RuntimeError("Extractor is closed")
                if not w.process.is_alive():  # died while idle: not this page's fault
                    w.kill()
                    self._all.discard(w)
                    w = self._start()
                self.jobs += 1
            return w.run((body, charset, sha256), self.time_limit)
        except _Lost as lost:
            dead, message = w, str(lost)
            dead.kill()
            if message == _DIED and dead.process.exitcode:
                message += f" (exit code {dead.process.exitcode})"
            with self._lock:
                self._all.discard(dead)
                if self._closed:
                    message = "extractor closed"
                else:
                    w = self._start()
            if w is not dead:  # this thread owns it: release its pipe and process now
                dead.conn.close()
                dead.process.close()
            return SourceText(sha256, "", error=message)
        finally:
            self._idle.put(w)

    def close(self) -> None:
        """Stop the workers; in-flight pages get an "extractor closed" error."""
        with self._lock:
            self._closed = True
        self._finalizer()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
