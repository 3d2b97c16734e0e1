"""Reading sources: fetch → text → a `SourceRead` per source (shared by check and recheck).

Fetching runs on the event loop, many hosts at once; extraction runs in worker
processes (one per core) as each body arrives, so the two overlap. A body whose sha256
has been read before is never extracted again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from factcheck.fetch import Fetcher
from factcheck.models import SourceRead
from factcheck.settings import Settings
from factcheck.text import Extractor, TextStore

__all__ = ["Progress", "Watch", "read_sources"]

Progress = Callable[[str, SourceRead], None]


class Watch(Protocol):
    """What a progress display is told while sources are read (a subclass that does not
    override a method ignores it). A protocol: a display need not import this module."""

    def total(self, count: int) -> None:
        """How many distinct sources are about to be read."""

    def waiting(self, host: str, seconds: float, why: str) -> None:
        """A host holds the next request back: ``why`` is "politeness", "Retry-After"…"""


def read_sources(
    sources: Iterable[str],
    settings: Settings,
    *,
    offline: bool = False,
    revalidate: bool = False,
    base: Path | None = None,
    workers: int = 2,
    progress: Progress | None = None,
    counter: Callable[[int], None] | None = None,
    watch: Watch | None = None,
) -> dict[str, SourceRead]:
    """Fetch and read every distinct source once; never raises for a source that fails.

    Args:
        sources: URLs, ``file://`` URLs or local paths.
        settings: limits, cache folder, politeness and SSRF allowances.
        offline: use only what the cache holds.
        revalidate: ask the origin about every cached page (a 304 when unchanged).
        base: folder relative local paths are read from.
        workers: extraction processes.
        progress: called with each source as soon as it is read.
        counter: called at the end with how many HTTP requests went out.
        watch: told the number of sources first, then each politeness or Retry-After wait.
    """
    unique = list(dict.fromkeys(sources))
    if watch is not None:
        watch.total(len(unique))
    store = TextStore(settings.cache / "text")
    extractor: Extractor | None = None  # started on the first body not read before

    async def read(fetcher: Fetcher, threads: ThreadPoolExecutor, source: str) -> SourceRead:
        done = await _read(fetcher, threads, source)
        if progress is not None:
            progress(source, done)
        return done

    async def _read(fetcher: Fetcher, threads: ThreadPoolExecutor, source: str) -> SourceRead:
        nonlocal extractor
        fetched = await fetcher.fetch(source)
        if not fetched.ok:
            return SourceRead(fetched)
        if fetched.sha256 is not None and (known := store.get(fetched.sha256)) is not None:
            # an unchanged page is never extracted twice
            return SourceRead(fetched, replace(known, extractor=store.version))
        if extractor is None:
            extractor = Extractor(workers=workers, time_limit=settings.timeout)
        text, extracted = await asyncio.get_running_loop().run_in_executor(
            threads,
            extractor.extract_cached,
            store,
            fetched.body,
            fetched.content_type,
            fetched.charset,
        )
        return SourceRead(fetched, replace(text, extractor=store.version), extracted)

    async def run() -> list[SourceRead]:
        with ThreadPoolExecutor(max_workers=workers) as threads:
            async with Fetcher(
                settings,
                offline=offline,
                revalidate=revalidate,
                base=base,
                on_wait=watch.waiting if watch is not None else None,
            ) as fetcher:
                try:
                    return await asyncio.gather(*(read(fetcher, threads, s) for s in unique))
                finally:
                    if counter is not None:
                        counter(fetcher.requests)

    try:
        return dict(zip(unique, asyncio.run(run()), strict=True))
    finally:
        if extractor is not None:
            extractor.close()
