"""`factcheck check`: claims files → reading → judging → store, one run.

Every claim is matched with the sentences of its sources, judged, and each source and
each claim's result is stored as one unit of work, whole or not at all. Units are
committed in batches (`Store.batch`): a run killed at any moment loses at most what it
finished in the last second (100 units at most), and checking again redoes just that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from factcheck.claimsfile import load_claims, require_claims
from factcheck.concurrency import WORKERS
from factcheck.discover import ArticleRef, Discovery, find_sources, providers_for
from factcheck.judging import claim_basis, judge_all, make_job, stored_result
from factcheck.models import Claim, ClaimResult, Found, RunSummary, SourceRead
from factcheck.reading import Progress, Watch, read_sources
from factcheck.settings import Settings
from factcheck.store import Store, run_lock
from factcheck.verify import Shingler

__all__ = ["RunSummary", "check"]


def _checked(claims: Sequence[Claim]) -> list[Claim]:
    return [c for c in claims if not c.skip and not c.removed]


def _skipped(claim: Claim) -> bool:
    """An editor's ``skip = true`` (a claim the article no longer has is not counted)."""
    return claim.skip and not claim.removed


def check(
    files: Sequence[Path],
    settings: Settings,
    *,
    offline: bool = False,
    progress: Progress | None = None,
    corpus: bool = False,
    discover: int = 0,
    watch: Watch | None = None,
) -> RunSummary:
    """Check every claim of the claims files against its sources; store and return the run.

    Local sources are read relative to the current folder. Claims with ``skip = true``
    or ``removed = true`` are left out. With ``corpus``, each claim's best hits in the
    local corpus are sources too; with ``discover``, the top results of each web search
    provider; their citations say how they were found. ``progress`` is told of each source
    as it is read, and ``watch`` how many there are and what holds them up.

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
            summary = _run(
                store,
                run_id,
                loaded,
                articles,
                settings,
                offline,
                progress,
                corpus,
                discover,
                watch,
                {(f, c.id): i for f, p in parsed_files for i, c in enumerate(p.claims)},
            )
            skipped = tuple((f, c.id) for f, p in parsed_files for c in p.claims if _skipped(c))
            summary = replace(summary, skipped=skipped)
        finally:  # a run that did not finish says so
            if summary is None:
                store.finish_run(run_id, {}, status="failed")
        store.finish_run(run_id, summary.counts)
    return summary


def _run(
    store: Store,
    run_id: int,
    loaded: list[tuple[str, list[Claim]]],
    articles: dict[str, ArticleRef],
    settings: Settings,
    offline: bool,
    progress: Progress | None,
    corpus: bool,
    discover: int,
    watch: Watch | None = None,
    positions: dict[tuple[str, str], int] | None = None,
) -> RunSummary:
    """The body of a check run, once it is recorded as started."""
    positions = positions or {}  # each claim's place in its claims file, skipped ones too
    sources = [s for _, checked in loaded for c in checked for s in c.sources]
    found = _discover(loaded, settings, store, corpus, discover, offline, articles)
    sources += [
        f.source for d in found.values() for fs in d.found.values() for f in fs if f.read is None
    ]

    def saved(source: str, read: SourceRead) -> None:  # each source one unit of work
        store.save_source(run_id, read.fetched, read.text)
        if progress is not None:
            progress(source, read)

    with store.batch():
        reads = read_sources(
            sources, settings, offline=offline, workers=WORKERS, progress=saved, watch=watch
        )
        results = _judged(store, run_id, loaded, articles, settings, found, reads, saved, positions)
    warnings = tuple(w for d in found.values() for w in d.warnings)
    return RunSummary(run_id, tuple(results), tuple(dict.fromkeys(warnings)))


def _judged(
    store: Store,
    run_id: int,
    loaded: list[tuple[str, list[Claim]]],
    articles: dict[str, ArticleRef],
    settings: Settings,
    found: dict[str, Discovery],
    reads: dict[str, SourceRead],
    saved: Callable[[str, SourceRead], None],
    positions: dict[tuple[str, str], int],
) -> list[tuple[str, ClaimResult]]:
    """Each claim's result, reused or judged, saved as soon as it is known."""
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
                extra = [
                    h
                    for h in extra
                    if not articles[file].is_itself(h.source, reads[h.source], shingler)
                ]
            key = claim_basis(claim, reads, settings, extra)
            planned.append(
                (file, claim, extra, key, stored_result(store, file, claim, key, reads, extra))
            )
    jobs = [
        make_job(claim, extra, reads) for _, claim, extra, _, reused in planned if reused is None
    ]
    judged = judge_all(jobs, settings, shingler, WORKERS)
    results: list[tuple[str, ClaimResult]] = []
    for file, claim, extra, key, reused in planned:  # each saved as soon as it is judged
        result = reused if reused is not None else next(judged)
        place = positions.get((file, claim.id))
        store.save_result(run_id, file, result, key, found=extra, position=place)
        results.append((file, result))
    return results


def _discover(
    loaded: list[tuple[str, list[Claim]]],
    settings: Settings,
    store: Store,
    corpus: bool,
    discover: int,
    offline: bool,
    articles: dict[str, ArticleRef],
) -> dict[str, Discovery]:
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
