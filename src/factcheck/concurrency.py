"""The one place worker processes are started: the start method and the process pools.

"forkserver" where the platform has it, else "spawn"; never plain "fork", which would copy
a parent that runs an asyncio loop and executor threads (see `factcheck.text.extractor`).
Text extraction (`factcheck.text`) and judging (`factcheck.judging`) take their
processes from here.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext

__all__ = ["WORKERS", "context", "process_pool"]

WORKERS = 2  # processes: extracting pages while sources are read, judging claims after


def context(start_method: str | None = None, preload: Sequence[str] = ()) -> BaseContext:
    """A multiprocessing context: ``start_method``, by default "forkserver" else "spawn".

    Args:
        start_method: "forkserver", "spawn" or None for the default.
        preload: modules the forkserver imports once; global to the process's one
            forkserver, it takes effect if that is not running yet.
    """
    if start_method is None:
        start_method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(start_method)
    if start_method == "forkserver" and preload:
        ctx.set_forkserver_preload(list(preload))
    return ctx


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started the default way."""
    return ProcessPoolExecutor(workers, mp_context=context())
