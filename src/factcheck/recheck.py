"""The nightly job: re-fetch every cited source, record what changed or died, re-verify.

Every source of every current claim is asked again with ``Cache-Control: no-cache``: an
unchanged page costs one conditional request (a 304) and is neither downloaded nor
extracted again. Per source the run records its state (`SourceState`): unchanged,
changed (and whether each cited sentence is still there), a soft 404, failing, dead
(only after `DEAD_AFTER` failed runs in a row), or blocked (401/402/403 or robots.txt,
which is not death). A dead page or a soft 404 is looked up in a web archive through
the Memento protocol, and its archived copy is read in its place. Only the claims whose
sources changed are verified again, and a verdict row is appended only when the verdict
changed. Two re-checks of one database never overlap: the second exits at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from factcheck.claimsfile import load_claims
from factcheck.errors import FactcheckError, StorageError
from factcheck.fetch import Fetcher
from factcheck.judging import claim_basis, verdict_for
from factcheck.match import candidates, find_again, likeness
from factcheck.models import (
    CitedState,
    Claim,
    ClaimResult,
    Fetched,
    FetchOutcome,
    Found,
    Memento,
    RecheckSummary,
    ReportItem,
    SourceCheck,
    SourceHistory,
    SourceRead,
    SourceState,
    SourceText,
    VerdictChange,
)
from factcheck.reading import read_sources
from factcheck.settings import Settings
from factcheck.store import Store, is_death, no_verdicts, require_database, run_lock
from factcheck.verify import Shingler

__all__ = ["DEAD_AFTER", "RecheckBusy", "RecheckSummary", "VerdictChange", "recheck"]

DEAD_AFTER = 3  # failed runs in a row before a source is declared dead
SOFT_404_LIKENESS = 50.0  # below this a changed page with no cited sentence left is a soft 404
_BLOCKED = frozenset({401, 402, 403})


class RecheckBusy(StorageError):
    """Another re-check holds this database's lock."""


@contextlib.contextmanager
def _locked(db: Path) -> Iterator[None]:
    """Hold the database's re-check lock (a file beside it); raise RecheckBusy if taken."""
    path = db.with_name(db.name + ".recheck.lock")
    try:
        handle = path.open("a+")
    except OSError as exc:
        raise StorageError(
            f"cannot take the recheck lock {path}: {exc.strerror}", path=db
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RecheckBusy(f"another recheck is running on it ({holder})", path=db) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@functools.lru_cache(maxsize=256)
def _sources_on_disk(file: str) -> dict[str, tuple[str, ...]]:
    """Each claim's sources as its claims file gives them now ({} if it cannot be read)."""
    try:
        return {c.id: c.sources for c in load_claims(Path(file)).claims}
    except (FactcheckError, OSError):
        return {}


def _claim_of(item: ReportItem) -> tuple[Claim, list[Found]]:
    """The claim as last checked, and the sources search had found for it."""
    claim, citations = item.result.claim, item.result.citations
    if not claim.sources:  # stored before claims kept their sources (m003): ask the file
        cited = [c.source for c in citations if c.found_by == "editor"]
        on_disk = _sources_on_disk(item.file).get(claim.id, ())
        claim = replace(claim, sources=tuple(dict.fromkeys([*on_disk, *cited])))
    if item.found:  # kept with the verdict, cited or not
        return claim, [Found(source, by, query) for source, by, query in item.found]
    found = {  # a verdict stored before found sources were kept: its citations
        c.source: Found(c.source, c.found_by, c.query or "")
        for c in citations
        if c.found_by != "editor" and c.source not in claim.sources
    }
    return claim, list(found.values())


def _current(db: Path) -> tuple[ReportItem, ...]:
    """Every current claim's verdict, as of the latest run."""
    with Store.open(db) as store:
        items = store.current_items(None, store.run_as_of(None)["id"])
    if not items:
        raise no_verdicts(db)
    return tuple(items)


def recheck(
    settings: Settings,
    *,
    older_than: dt.timedelta | None = None,
    under: Path | None = None,
    now: dt.datetime | None = None,
) -> RecheckSummary:
    """Re-fetch the sources of every current claim, record drift, and re-verify what changed.

    Args:
        settings: the database, cache, limits and ``memento_timegate``.
        older_than: leave alone the sources fetched more recently than this.
        under: only the claims of claims files in this folder.
        now: the time the age of a fetch is measured from (tests).

    Raises:
        RecheckBusy: another re-check of the same database is running.
        StorageError: no database, nothing checked yet, or an unusable database.
    """
    require_database(settings.db)  # before the lock, which would leave a file beside it
    _sources_on_disk.cache_clear()  # claims files may have changed since the last run
    with _locked(settings.db):
        items = _current(settings.db)
        if under is not None:
            folder = under.resolve()
            items = tuple(i for i in items if Path(i.file).resolve().is_relative_to(folder))
        with Store.open(settings.db) as store, run_lock(settings.db) as lock:
            run_id = store.start_run(
                "recheck", {"older_than": older_than.total_seconds() if older_than else None},
                lock=lock,
            )  # fmt: skip
            summary: RecheckSummary | None = None
            try:
                summary = _Recheck(store, settings, run_id, items).run(
                    older_than, now or dt.datetime.now(dt.UTC)
                )
            finally:  # a run that did not finish says so
                if summary is None:
                    store.finish_run(run_id, {}, status="failed")
            store.finish_run(run_id, summary.counts)
    return summary


class _Recheck:
    """One re-check run: the claims it looks at, and what it read of their sources."""

    def __init__(
        self, store: Store, settings: Settings, run_id: int, items: Sequence[ReportItem]
    ) -> None:
        self.store, self.settings, self.run_id = store, settings, run_id
        self.claims = [(item, *_claim_of(item)) for item in items]
        self.history: dict[str, SourceHistory] = {}
        self.requests = 0

    def run(self, older_than: dt.timedelta | None, now: dt.datetime) -> RecheckSummary:
        """Fetch, judge each source, look up archives, re-verify; record it all."""
        corpus = {f.source for _, _, found in self.claims for f in found if f.found_by == "corpus"}
        urls = [s for _, c, found in self.claims for s in (*c.sources, *(f.source for f in found))]
        urls = [u for u in dict.fromkeys(urls) if u not in corpus]
        last = self.store.last_fetched()
        fresh = {u for u in urls if older_than and u in last and now - last[u] < older_than}
        for url in [*urls, *corpus]:
            self.history[url] = self.store.source_history(url, self.run_id)
        reads = read_sources(
            [u for u in urls if u not in fresh], self.settings, revalidate=True,
            progress=lambda _, read: self.store.save_source(self.run_id, read.fetched, read.text),
            counter=self._count,
        )  # fmt: skip
        checks = {u: self._source(u, reads[u]) if u in reads else SourceCheck(u, SourceState.FRESH)
                  for u in urls}  # fmt: skip
        archived = self._archives(checks, now)
        for url, copy in archived.items():
            checks[url] = replace(checks[url], archived=copy[0])
        for check in checks.values():
            if check.state is not SourceState.FRESH:
                self.store.save_source_check(self.run_id, check)
        evidence = {
            u: self._evidence(u, checks.get(u), reads.get(u), archived) for u in [*urls, *corpus]
        }
        changes, verified = self._reverify(checks, evidence, self.store.current_bases())
        return RecheckSummary(
            self.run_id, tuple(checks.values()), tuple(changes), len(self.claims), verified,
            self.requests,
        )  # fmt: skip

    def _count(self, requests: int) -> None:
        self.requests += requests

    # what happened at each source

    def _source(self, url: str, read: SourceRead) -> SourceCheck:
        """Compare this run's fetch of a source with what its claims cited and runs before."""
        before = self.history[url]
        fetched = read.fetched
        if not fetched.ok:
            return self._failed(url, fetched, before)
        cited_bodies = {
            c.sha256 for item, _, _ in self.claims for c in item.result.citations
            if c.source == url and c.sha256
        }  # fmt: skip
        known: set[str | None] = set(cited_bodies) or {before.sha256}
        if fetched.sha256 in known:
            if before.state is SourceState.SOFT_404:  # still the same not-found page
                return SourceCheck(url, SourceState.SOFT_404, 0, before.detail or "")
            how = "not modified (304)" if fetched.revalidated else "same content"
            return SourceCheck(url, SourceState.UNCHANGED, 0, how)
        text = read.text.text if read.text is not None and not read.text.error else ""
        cited = tuple(
            (item.file, claim.id, c.quote, find_again(c.quote, text))
            for item, claim, _ in self.claims
            for c in item.result.citations
            if c.source == url and c.quote
        )
        if self._soft_404(url, text, cited, before):
            detail = "a page that no longer says anything like what was cited"
            newly = before.state is not SourceState.SOFT_404
            return SourceCheck(url, SourceState.SOFT_404, 0, detail, cited, newly_dead=newly)
        states = [state.value for *_, state in cited]
        detail = ", ".join(f"{states.count(s)} cited sentence{'s' * (states.count(s) > 1)} {s}"
                           for s in dict.fromkeys(states)) or "new content"  # fmt: skip
        return SourceCheck(url, SourceState.CHANGED, 0, f"content changed: {detail}", cited)

    def _failed(self, url: str, fetched: Fetched, before: SourceHistory) -> SourceCheck:
        """A fetch that failed: blocked, failing, or dead after DEAD_AFTER deaths in a row."""
        if fetched.status in _BLOCKED or fetched.outcome is FetchOutcome.ROBOTS:
            return SourceCheck(url, SourceState.BLOCKED, before.failures, fetched.reason)
        if not is_death(fetched.outcome.value, fetched.status):  # deferred, too large…
            detail = f"{fetched.reason} (not counted towards death)"
            return SourceCheck(url, SourceState.FAILING, before.failures, detail)
        failures = before.failures + 1
        dead = failures >= DEAD_AFTER
        state = SourceState.DEAD if dead else SourceState.FAILING
        detail = f"{fetched.reason} ({failures} run{'s' * (failures > 1)} in a row)"
        newly = dead and before.state is not SourceState.DEAD
        return SourceCheck(url, state, failures, detail, newly_dead=newly)

    def _soft_404(
        self, url: str, text: str, cited: Sequence[tuple[str, str, str, CitedState]],
        before: SourceHistory,
    ) -> bool:  # fmt: skip
        """True when a readable page has nothing left of its claims: no cited sentence, no
        sentence like any claim citing it, and little of its old text."""
        if not cited or any(state is not CitedState.GONE for *_, state in cited):
            return False
        citing = [claim for item, claim, _ in self.claims
                  if any(c.source == url for c in item.result.citations)]  # fmt: skip
        if any(candidates(claim, text, self.settings.match_cutoff) for claim in citing):
            return False  # a rewritten page (a correction) still speaks of the claim
        old = self.store.text(before.sha256) if before.sha256 else None
        return old is None or likeness(old.text, text) < SOFT_404_LIKENESS

    def _archives(
        self, checks: dict[str, SourceCheck], now: dt.datetime
    ) -> dict[str, tuple[Memento, SourceRead]]:
        """Archived copies of the dead pages and soft 404s, read like any source."""
        gate = self.settings.memento_timegate
        lost = [
            u for u, c in checks.items()
            if c.state in (SourceState.DEAD, SourceState.SOFT_404)
            and urlsplit(u).scheme.lower() in ("http", "https")  # archives keep web pages only
        ]  # fmt: skip
        if not gate or not lost:
            return {}

        async def ask() -> list[Memento | None]:
            async with Fetcher(self.settings) as fetcher:
                when = [self.history[u].fetched_at or now for u in lost]
                found = await asyncio.gather(
                    *(fetcher.memento(gate, u, w) for u, w in zip(lost, when, strict=True))
                )
                self.requests += fetcher.requests
                return list(found)

        mementos = dict(zip(lost, asyncio.run(ask()), strict=True))
        wanted = [m.url for m in mementos.values() if m is not None]
        reads = read_sources(
            wanted, self.settings, counter=self._count,
            progress=lambda _, read: self.store.save_source(self.run_id, read.fetched, read.text),
        ) if wanted else {}  # fmt: skip
        out = {}
        for url, memento in mementos.items():
            if memento is not None and reads[memento.url].fetched.ok:
                read = reads[memento.url]
                out[url] = (memento, replace(read, fetched=replace(read.fetched, url=url)))
        return out

    # re-verification

    def _last_good(self, url: str) -> SourceRead | None:
        """The source as its last good fetch read it, from the stored text."""
        before = self.history[url]
        sha256 = before.sha256
        text = self.store.text(sha256) if sha256 else None
        if text is None:
            return None
        fetched = Fetched(
            url, before.final_url or url, FetchOutcome.OK, status=before.status,
            fetched_at=before.fetched_at, sha256=sha256,
        )  # fmt: skip
        return SourceRead(fetched, text)

    def _evidence(
        self,
        url: str,
        check: SourceCheck | None,
        read: SourceRead | None,
        archived: dict[str, tuple[Memento, SourceRead]],
    ) -> SourceRead:
        """What a source is read as when its claims are verified again."""
        if url in archived and check is not None and check.state is SourceState.DEAD:
            return archived[url][1]  # a soft 404 is read live: a page that answers is the page
        keep = check is None or check.state in (
            SourceState.FRESH, SourceState.FAILING, SourceState.BLOCKED
        )  # fmt: skip
        if keep and (good := self._last_good(url)) is not None:
            return good
        if read is not None:
            return read
        fetched = Fetched(url, url, FetchOutcome.NOT_CACHED, "no readable copy kept")
        return SourceRead(fetched, SourceText("", "", error="no readable copy kept"))

    def _reverify(
        self,
        checks: dict[str, SourceCheck],
        reads: dict[str, SourceRead],
        bases: dict[tuple[str, str], tuple[int, str | None]],
    ) -> tuple[list[VerdictChange], int]:
        """Verify each claim whose basis moved since its current verdict; record the result.

        The basis (`judging.basis`) covers every source's fetch outcome and body, so a
        change another run saw first, a page that came back or an archived copy all count.
        A verdict row is added when the evidence changed, and is a change when the verdict
        moved. A claim an editor's ``check`` judged meanwhile is left to that verdict.
        """
        shingler = Shingler(self.settings.copy_threshold)
        self.store.close_dead_runs()  # a killed check must not silence this re-check
        busy = self.store.files_being_checked()
        changes: list[VerdictChange] = []
        verified = 0
        for item, claim, found in self.claims:
            key = claim_basis(claim, reads, self.settings, found)
            judged_in, judged_on = bases.get((item.file, claim.id), (item.run_id, None))
            if key == judged_on or item.file in busy:
                continue
            verified += 1
            result, key = verdict_for(
                self.store, item.file, claim, reads, self.settings, shingler, found, key
            )
            result = _mark_archived(result, checks)
            saved = self.store.save_result(
                self.run_id, item.file, result, key, found=found, if_latest=judged_in
            )
            before = item.result.verdict
            if saved is not None and result.verdict is not before:
                changes.append(VerdictChange(item.file, claim.id, claim.text, before,
                                             result.verdict, result.reason))  # fmt: skip
        return changes, verified


def _mark_archived(result: ClaimResult, checks: dict[str, SourceCheck]) -> ClaimResult:
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
