"""Archived copies of lost pages: Memento lookups for dead pages and soft 404s.

A dead page or a soft 404 is looked up in a web archive through the Memento protocol
(`fetch.memento`, RFC 7089), and its archived copy is read like any source
(`factcheck.reading`). A citation read from an archived copy says so.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from factcheck.fetch import Fetcher, memento
from factcheck.models import (
    ClaimResult,
    Memento,
    SourceCheck,
    SourceHistory,
    SourceRead,
    SourceState,
)
from factcheck.reading import Progress, read_sources
from factcheck.settings import Settings

__all__ = ["Archived", "archived_copies", "mark_archived"]

# A lost source's archived copy: the memento, and its read under the source's own URL.
Archived = dict[str, tuple[Memento, SourceRead]]


def archived_copies(
    checks: Mapping[str, SourceCheck],
    history: Mapping[str, SourceHistory],
    settings: Settings,
    now: dt.datetime,
    *,
    progress: Progress,
    counter: Callable[[int], None],
) -> Archived:
    """Archived copies of the dead pages and soft 404s, read like any source.

    Args:
        checks: each source's state in this run.
        history: what earlier runs saw of each source (the copy asked for is the one
            nearest its last good fetch, else ``now``).
        settings: ``memento_timegate`` (none: no lookups) and what reading needs.
        now: the time asked for when a source was never fetched well.
        progress: called with each archived copy as soon as it is read.
        counter: called with how many HTTP requests went out.
    """
    gate = settings.memento_timegate
    lost = [
        u
        for u, c in checks.items()
        if c.state in (SourceState.DEAD, SourceState.SOFT_404)
        and urlsplit(u).scheme.lower() in ("http", "https")  # archives keep web pages only
    ]
    if not gate or not lost:
        return {}

    async def ask() -> list[Memento | None]:
        async with Fetcher(settings) as fetcher:
            when = [history[u].fetched_at or now for u in lost]
            found = await asyncio.gather(
                *(memento(fetcher, gate, u, w) for u, w in zip(lost, when, strict=True))
            )
            counter(fetcher.requests)
            return list(found)

    mementos = dict(zip(lost, asyncio.run(ask()), strict=True))
    wanted = [m.url for m in mementos.values() if m is not None]
    reads = read_sources(wanted, settings, counter=counter, progress=progress) if wanted else {}
    out: Archived = {}
    for url, copy in mementos.items():
        if copy is not None and reads[copy.url].fetched.ok:
            read = reads[copy.url]
            out[url] = (copy, replace(read, fetched=replace(read.fetched, url=url)))
    return out


def mark_archived(result: ClaimResult, checks: Mapping[str, SourceCheck]) -> ClaimResult:
    """Say in each citation read from an archived copy that it was."""
    cites = []
    for cite in result.citations:
        check = checks.get(cite.source)
        if check is not None and check.archived is not None and check.state is SourceState.DEAD:
            when = f" of {check.archived.datetime}" if check.archived.datetime else ""
            reason = f"archived copy{when} ({check.state.value}: {check.detail}); {cite.reason}"
            cite = replace(cite, reason=reason, final_url=check.archived.url)
        cites.append(cite)
    return replace(result, citations=tuple(cites))
