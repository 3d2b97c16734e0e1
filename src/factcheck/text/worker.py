"""The loop of an extraction worker process.

The forkserver imports this module once (see :mod:`factcheck.text.extractor`), so every
worker forked from it starts with trafilatura already imported.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from contextlib import suppress
from multiprocessing.connection import Connection

import trafilatura  # noqa: F401  (preloaded: workers fork from a warm server)

from factcheck.text.convert import html_source

__all__ = ["READY", "serve"]

READY = "ready"
_PR_SET_PDEATHSIG = 1


def serve(conn: Connection, lifeline: Connection, owner: int) -> None:
    """Answer jobs ``(body, charset, sha256)`` with SourceTexts until ``None`` or EOF.

    Args:
        conn: this worker's end of its job pipe.
        lifeline: read end of a pipe whose write end only the owner holds; EOF on it
            means the owner closed the Extractor or died.
        owner: pid of the process that owns the Extractor.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the owner's to handle
    _die_with_owner(lifeline, owner)
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        body, charset, sha256 = job
        conn.send(html_source(body, charset, sha256))


def _die_with_owner(lifeline: Connection, owner: int) -> None:
    """Exit as soon as the owner goes away, even in the middle of a job."""
    if sys.platform == "linux" and os.getppid() != owner:
        # Forked by the forkserver, which exits with the owner: let the kernel kill us
        # then, even if this process is stuck in C code holding the GIL.
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        with suppress(EOFError, OSError):
            lifeline.recv()  # the owner never writes: this returns at EOF
        os._exit(0)

    threading.Thread(target=watch, name="factcheck-lifeline", daemon=True).start()
