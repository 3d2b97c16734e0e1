"""Where the stages meet: fetch → text → match → verify → store.

Fetching runs on the event loop, many hosts at once; extraction runs in worker
processes (one per core) as each body arrives, so the two overlap. A body whose sha256
has been read before is never extracted again. `check` then matches every claim with
the sentences of its sources, judges them, and stores each source and each claim's
result in its own transaction, so a run killed at any moment loses nothing it finished.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck import __version__, claims, dates, match, models, verify
from factcheck.claimsfile import load_claims, require_claims
from factcheck.discover import (
    ArticleRef,
    Discovery,
    Shingler,
    find_sources,
    independence,
    providers_for,
)
from factcheck.fetch import Fetcher
from factcheck.match import candidates
from factcheck.models import Claim, ClaimResult, Found, SourceRead, Verdict
from factcheck.settings import Settings
from factcheck.store import Store, run_lock
from factcheck.text import Extractor, TextStore, extractor_version
from factcheck.verify import Evidence, judge

__all__ = ["RunSummary", "basis", "check", "claim_basis", "read_sources", "verdict_for"]

Progress = Callable[[str, SourceRead], None]
# What judging one claim needs: the claim, the sources found for it, and its sources' reads.
Job = tuple[Claim, list[Found], dict[str, SourceRead]]

WORKERS = 2  # processes: extracting pages while sources are read, judging claims after
PARALLEL_JUDGING = 64  # claims to judge before worker processes pay for their start-up
_CHUNK = 16  # claims sent to a judging worker at a time


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
    """
    unique = list(dict.fromkeys(sources))
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
            threads, extractor.extract_cached, store, fetched.body, fetched.content_type,
            fetched.charset,
        )  # fmt: skip
        return SourceRead(fetched, replace(text, extractor=store.version), extracted)

    async def run() -> list[SourceRead]:
        with ThreadPoolExecutor(max_workers=workers) as threads:
            async with Fetcher(
                settings, offline=offline, revalidate=revalidate, base=base
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


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a check run concluded; it decides the exit code."""

    run_id: int
    results: tuple[tuple[str, ClaimResult], ...]  # (claims file, result), in file order
    warnings: tuple[str, ...] = ()  # e.g. a search provider that did not answer

    @property
    def counts(self) -> dict[str, int]:
        """How many claims got each verdict."""
        counts = dict.fromkeys((v.value for v in Verdict), 0)
        for _, result in self.results:
            counts[result.verdict.value] += 1
        return counts

    def failed(self, fail_on: Verdict | None) -> bool:
        """True when a verdict reaches the --fail-on level (unverified includes disputed)."""
        if fail_on is None:
            return False
        worst = (
            {Verdict.DISPUTED}
            if fail_on is Verdict.DISPUTED
            else {Verdict.DISPUTED, Verdict.UNVERIFIED}
        )
        return any(result.verdict in worst for _, result in self.results)


def _checked(claims: Sequence[Claim]) -> list[Claim]:
    return [c for c in claims if not c.skip and not c.removed]


def check(
    files: Sequence[Path],
    settings: Settings,
    *,
    offline: bool = False,
    progress: Progress | None = None,
    corpus: bool = False,
    discover: int = 0,
) -> RunSummary:
    """Check every claim of the claims files against its sources; store and return the run.

    Local sources are read relative to the current folder. Claims with ``skip = true``
    or ``removed = true`` are left out. With ``corpus``, each claim's best hits in the
    local corpus are sources too; with ``discover``, the top results of each web search
    provider; their citations say how they were found.

    Raises:
        ClaimsFileError: a claims file does not validate (nothing is checked or stored).
        SettingsError: a chosen search provider has no endpoint (nothing is stored).
        StorageError: the database cannot be used.
    """
    parsed_files = [(str(path), load_claims(path)) for path in files]
    for _, parsed in parsed_files:
        require_claims(parsed)  # an empty file is an input error, not a passed gate
    loaded = [(file, _checked(parsed.claims)) for file, parsed in parsed_files]
    if discover > 0 and settings.search_providers:
        providers_for(settings)  # a provider without an endpoint: refused before any write
    articles = {
        file: ArticleRef.from_header(parsed.article, parsed.article_sha256)
        for file, parsed in parsed_files
        if corpus or discover > 0
    }
    with Store.open(settings.db) as store, run_lock(settings.db) as lock:
        run_id = store.start_run(
            "check",
            {"files": [f for f, _ in loaded], "offline": offline}
            | ({"corpus": corpus, "discover": discover} if corpus or discover else {}),
            lock=lock,  # held until the run ends: a recheck can tell a dead run from a live one
        )
        summary: RunSummary | None = None
        try:
            summary = _run(store, run_id, loaded, articles, settings, offline, progress,
                           corpus, discover)  # fmt: skip
        finally:  # a run that did not finish says so
            if summary is None:
                store.finish_run(run_id, {}, status="failed")
        store.finish_run(run_id, summary.counts)
    return summary


def _run(
    store: Store, run_id: int, loaded: list[tuple[str, list[Claim]]],
    articles: dict[str, ArticleRef], settings: Settings, offline: bool,
    progress: Progress | None, corpus: bool, discover: int,
) -> RunSummary:  # fmt: skip
    """The body of a check run, once it is recorded as started."""
    sources = [s for _, checked in loaded for c in checked for s in c.sources]
    found = _discover(loaded, settings, store, corpus, discover, offline, articles)
    sources += [f.source for d in found.values() for fs in d.found.values() for f in fs
                if f.read is None]  # fmt: skip

    def saved(source: str, read: SourceRead) -> None:  # each source in its own transaction
        store.save_source(run_id, read.fetched, read.text)
        if progress is not None:
            progress(source, read)

    reads = read_sources(sources, settings, offline=offline, workers=WORKERS, progress=saved)
    for hit in _corpus_hits(found):
        if hit.source not in reads and hit.read is not None:
            saved(hit.source, hit.read)
            reads[hit.source] = hit.read
    shingler = Shingler(settings.copy_threshold)
    planned: list[tuple[str, Claim, list[Found], str, ClaimResult | None]] = []
    for file, checked in loaded:
        for claim in checked:
            extra = found[file].found.get(claim.id, []) if file in found else []
            if file in articles:  # a page found on the web may be the article, reposted
                extra = [h for h in extra
                         if not articles[file].is_itself(h.source, reads[h.source], shingler)]  # fmt: skip
            key = claim_basis(claim, reads, settings, extra)
            planned.append(
                (file, claim, extra, key, _reused(store, file, claim, key, reads, extra))
            )
    jobs = [_job(claim, extra, reads) for _, claim, extra, _, reused in planned if reused is None]
    judged = judge_all(jobs, settings, shingler, WORKERS)
    results: list[tuple[str, ClaimResult]] = []
    for file, _, extra, key, reused in planned:  # each saved as soon as it is judged
        result = reused if reused is not None else next(judged)
        store.save_result(run_id, file, result, key, found=extra)
        results.append((file, result))
    warnings = tuple(w for d in found.values() for w in d.warnings)
    return RunSummary(run_id, tuple(results), tuple(dict.fromkeys(warnings)))


def verdict_for(
    store: Store,
    file: str,
    claim: Claim,
    reads: dict[str, SourceRead],
    settings: Settings,
    shingler: Shingler,
    extra: Sequence[Found] = (),
    key: str | None = None,
) -> tuple[ClaimResult, str]:
    """The claim's result and its basis (``key``, when the caller has it already): reused
    when nothing it rests on changed.

    A claim whose text, date, sources (the editor's and those found for it), their
    fetched bodies and the rules are all as they were when a stored verdict was reached
    gets that verdict again (with this run's fetch times) instead of being matched and
    judged anew.
    """
    key = claim_basis(claim, reads, settings, extra) if key is None else key
    reused = _reused(store, file, claim, key, reads, extra)
    if reused is not None:
        return reused, key
    return judge(claim, _all_evidence(claim, list(extra), reads, settings, shingler)), key


def _reused(
    store: Store, file: str, claim: Claim, key: str, reads: dict[str, SourceRead],
    extra: Sequence[Found],
) -> ClaimResult | None:  # fmt: skip
    """The stored result reached on the basis ``key``, with this run's fetch times."""
    return store.reusable(file, claim, key, {s: reads[s].fetched for s in _named(claim, extra)})


def _named(claim: Claim, extra: Sequence[Found]) -> list[str]:
    """The claim's sources: the editor's, then those found for it."""
    return [*claim.sources, *(hit.source for hit in extra)]


def _job(claim: Claim, extra: Sequence[Found], reads: dict[str, SourceRead]) -> Job:
    """What judging the claim needs, without the fetched bodies (judging reads only texts)."""
    found = [replace(hit, read=None) for hit in extra]
    return claim, found, {s: replace(reads[s], fetched=replace(reads[s].fetched, body=b""))
                          for s in _named(claim, extra)}  # fmt: skip


def judge_all(
    jobs: Sequence[Job], settings: Settings, shingler: Shingler, workers: int = WORKERS
) -> Iterator[ClaimResult]:
    """Each job's result, in order; judged in ``workers`` processes when there are many.

    Judging is pure, so where it runs changes nothing but the time: after the sources
    are read, one process would leave the other cores idle.
    """
    if workers < 2 or len(jobs) < PARALLEL_JUDGING:
        yield from (_judge(job, settings, shingler) for job in jobs)
        return
    chunks = [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    start = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(start))
    try:
        for results in pool.map(_judge_chunk, chunks, itertools.repeat(settings)):
            yield from results
    finally:
        pool.shutdown(cancel_futures=True)  # a run that stopped early waits for no more


def _judge(job: Job, settings: Settings, shingler: Shingler) -> ClaimResult:
    claim, extra, reads = job
    return judge(claim, _all_evidence(claim, extra, reads, settings, shingler))


def _judge_chunk(jobs: Sequence[Job], settings: Settings) -> list[ClaimResult]:
    """Judge a few claims in a worker process (its own shingle cache)."""
    shingler = Shingler(settings.copy_threshold)
    return [_judge(job, settings, shingler) for job in jobs]


def claim_basis(
    claim: Claim, reads: dict[str, SourceRead], settings: Settings, extra: Sequence[Found] = ()
) -> str:
    """`basis` of a claim read from ``reads``: its own sources, then those found for it."""
    named: list[tuple[str, str, str | None]] = [(s, "editor", None) for s in claim.sources]
    named += [(hit.source, hit.found_by, hit.query) for hit in extra]
    return basis(claim, [(s, reads[s], by, query) for s, by, query in named], settings)


def _rules() -> str:
    """A digest of the code that reaches verdicts, so a changed rule is never skipped."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(extractor_version().encode())  # the text a verdict read comes from it
    for module in (match, models, independence):  # copies change verdicts too
        digest.update(Path(str(module.__file__)).read_bytes())
    for package in (claims, dates, verify):
        for path in sorted(Path(str(package.__file__)).parent.glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


_RULES: list[str] = []  # computed on first use


def basis(
    claim: Claim, sources: Sequence[tuple[str, SourceRead, str, str | None]], settings: Settings
) -> str:
    """A hash of everything a claim's automatic verdict depends on.

    Args:
        claim: the claim as the claims file gives it now.
        sources: each source with how it was read, who named it and the search that
            found it.
        settings: the matching and syndication thresholds are part of the basis.
    """
    if not _RULES:
        _RULES.append(_rules())
    date = claim.date
    parts: list[object] = [
        _RULES[0], settings.match_cutoff, settings.copy_threshold, claim.text, claim.quote, list(claim.keywords),
        None if date is None else [date.text, str(date.start), str(date.end),
                                   date.precision.value, date.qualifier.value],
        claim.verdict, claim.note,
    ]  # fmt: skip
    for source, read, by, query in sources:
        f = read.fetched
        error = read.text.error if read.text is not None else None  # e.g. extraction timed out
        parts.append(
            [source, by, query, f.outcome, f.reason, f.status, f.final_url, f.sha256, error]
        )
    canonical = json.dumps(parts, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _evidence(claim: Claim, source: str, read: SourceRead, settings: Settings) -> Evidence:
    text = read.text.text if read.text is not None and not read.text.error else ""
    found = candidates(claim, text, settings.match_cutoff) if text else []
    return Evidence(source, read, tuple(found))


def _discover(
    loaded: list[tuple[str, list[Claim]]], settings: Settings, store: Store, corpus: bool,
    discover: int, offline: bool, articles: dict[str, ArticleRef],
) -> dict[str, Discovery]:  # fmt: skip
    """Sources found for each claims file's claims (never its article), when asked to look."""
    if not corpus and discover <= 0:
        return {}
    return {
        file: find_sources(
            checked,
            settings,
            store,
            corpus=corpus,
            discover=discover,
            offline=offline,
            article=articles.get(file),
        )
        for file, checked in loaded
    }


def _corpus_hits(found: dict[str, Discovery]) -> list[Found]:
    return [f for d in found.values() for fs in d.found.values() for f in fs if f.read]


def _all_evidence(
    claim: Claim, extra: list[Found], reads: dict[str, SourceRead], settings: Settings,
    shingler: Shingler,
) -> list[Evidence]:  # fmt: skip
    """The claim's sources (each once), then found ones, syndicated copies marked as such."""
    evidence = [_evidence(claim, s, reads[s], settings) for s in dict.fromkeys(claim.sources)]
    for hit in extra:
        found = _evidence(claim, hit.source, reads[hit.source], settings)
        evidence.append(replace(found, found_by=hit.found_by, query=hit.query))
    texts = [
        (e.source, e.read.text.sha256, e.read.text.text)
        for e in evidence
        if e.read.text is not None and not e.read.text.error
    ]
    copies = shingler.copies(texts)
    return [replace(e, copy_of=copies.get(e.source)) for e in evidence]
