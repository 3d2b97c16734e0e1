"""The nightly job: re-fetch every cited source, record what changed or died, re-verify.

Every source of every current claim is asked again with ``Cache-Control: no-cache``: an
unchanged page costs one conditional request (a 304) and is neither downloaded nor
extracted again. Per source the run records its state (`SourceState`): unchanged,
changed (and whether each cited sentence is still there), a soft 404, failing, dead
(only after `DEAD_AFTER` failed runs in a row), or blocked (401/402/403 or robots.txt,
which is not death), decided in `factcheck.health`. A dead page or a soft 404 is looked
up in a web archive through the Memento protocol, and its archived copy is read in its
place (`factcheck.archives`). Only the claims whose sources changed are verified again
(`factcheck.judging`), and a verdict row is appended only when the verdict changed. Two
re-checks of one database never overlap: the second exits at once. What it records is
committed in batches (`Store.batch`): a re-check killed at any moment loses at most what
it finished in the last second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO

from factcheck import health
from factcheck.archives import Archived, archived_copies, mark_archived
from factcheck.claimsfile import load_claims
from factcheck.errors import FactcheckError, StorageError
from factcheck.health import DEAD_AFTER
from factcheck.judging import claim_basis, verdict_for
from factcheck.models import (
    Claim,
    Found,
    RecheckSummary,
    ReportItem,
    SourceCheck,
    SourceHistory,
    SourceRead,
    SourceState,
    VerdictChange,
)
from factcheck.reading import read_sources
from factcheck.settings import Settings
from factcheck.store import Store, no_verdicts, require_database, run_lock
from factcheck.verify import Shingler

__all__ = ["DEAD_AFTER", "RecheckBusy", "RecheckSummary", "VerdictChange", "recheck"]


class RecheckBusy(StorageError):
    """Another re-check holds this database's lock."""


@contextlib.contextmanager
def _locked(db: Path) -> Iterator[None]:
    """Hold the database's re-check lock (a file beside it); raise RecheckBusy if taken.

    The file is removed when the re-check ends, while its lock is still held. A process
    that opened the file just before the removal then holds a lock on a name nobody sees,
    so after taking the lock each process checks that the path still names the file it
    locked, and starts again if not: two holders can never both believe they own it.
    """
    path = db.with_name(db.name + ".recheck.lock")
    while True:
        handle = _open_lock(path, db)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            with handle:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
            raise RecheckBusy(f"another recheck is running on it ({holder})", path=db) from None
        if _names_same_file(path, handle.fileno()):
            break
        handle.close()  # unlinked by the holder that just finished: take the new one
    with handle:
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # still under the lock, so no one holds the name after us
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open_lock(path: Path, db: Path) -> IO[str]:
    try:
        return path.open("a+")
    except OSError as exc:
        raise StorageError(
            f"cannot take the recheck lock {path}: {exc.strerror}", path=db
        ) from None


def _names_same_file(path: Path, fd: int) -> bool:
    """Whether `path` still names the open file `fd` (not removed or replaced since)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


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
                "recheck",
                {"older_than": older_than.total_seconds() if older_than else None},
                lock=lock,
            )
            summary: RecheckSummary | None = None
            try:
                with store.batch():  # units committed a few at a time (`Store.batch`)
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
        self.citing: dict[str, list[tuple[ReportItem, Claim]]] = {}  # by the source cited
        for item, claim, _ in self.claims:
            for source in dict.fromkeys(c.source for c in item.result.citations):
                self.citing.setdefault(source, []).append((item, claim))
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
            [u for u in urls if u not in fresh],
            self.settings,
            revalidate=True,
            progress=self._save,
            counter=self._count,
        )
        checks = {
            u: self._source(u, reads[u]) if u in reads else SourceCheck(u, SourceState.FRESH)
            for u in urls
        }
        archived = archived_copies(
            checks, self.history, self.settings, now, progress=self._save, counter=self._count
        )
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
            self.run_id,
            tuple(checks.values()),
            tuple(changes),
            len(self.claims),
            verified,
            self.requests,
        )

    def _count(self, requests: int) -> None:
        self.requests += requests

    def _save(self, _: str, read: SourceRead) -> None:
        self.store.save_source(self.run_id, read.fetched, read.text)

    def _source(self, url: str, read: SourceRead) -> SourceCheck:
        """What happened at a source since its claims cited it (`health.source_check`).

        Only the claims that cite it are handed over (all that `source_check` looks at),
        so the cost of a source does not grow with the number of claims.
        """
        claims = self.citing.get(url, [])
        return health.source_check(
            url, read, self.history[url], claims, self.store.text, self.settings.match_cutoff
        )

    def _evidence(
        self, url: str, check: SourceCheck | None, read: SourceRead | None, archived: Archived
    ) -> SourceRead:
        """What a source is read as when its claims are verified again (`health.evidence`)."""
        copy = archived[url][1] if url in archived else None
        return health.evidence(url, check, read, copy, self.history[url], self.store.text)

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
            result = mark_archived(result, checks)
            saved = self.store.save_result(
                self.run_id, item.file, result, key, found=found, if_latest=judged_in
            )
            before = item.result.verdict
            if saved is not None and result.verdict is not before:
                changes.append(
                    VerdictChange(
                        item.file, claim.id, claim.text, before, result.verdict, result.reason
                    )
                )
        return changes, verified
