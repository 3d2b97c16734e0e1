"""The one HTTP client: cache, politeness, retries, limits, SSRF guard.

The only package that imports httpx, httpcore and protego. `Fetcher` fetches
sources concurrently across hosts, one request at a time per host; `fetch_sources` is
its synchronous front door for the pipeline.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

from factcheck.fetch.client import Fetcher, user_agent
from factcheck.models import Fetched
from factcheck.settings import Settings

__all__ = ["Fetcher", "fetch_sources", "user_agent"]


def fetch_sources(
    sources: Iterable[str],
    settings: Settings,
    *,
    offline: bool = False,
    revalidate: bool = False,
    base: Path | None = None,
) -> dict[str, Fetched]:
    """Fetch every distinct source once; never raises for a source that fails."""

    async def run() -> dict[str, Fetched]:
        async with Fetcher(settings, offline=offline, revalidate=revalidate, base=base) as fetcher:
            return await fetcher.fetch_all(sources)

    return asyncio.run(run())
