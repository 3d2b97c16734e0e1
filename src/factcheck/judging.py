"""Judging: a claim's sources → evidence → its verdict, with the basis that says when to
judge again (shared by check and recheck).

Judging is pure, so it may run in worker processes when there are many claims; a claim
whose basis (text, date, sources' bodies, rules) is unchanged gets its stored verdict.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from factcheck import __version__, claims, dates, language, match, models, verify
from factcheck.concurrency import WORKERS, process_pool
from factcheck.match import candidates
from factcheck.models import Claim, ClaimResult, Found, SourceRead
from factcheck.settings import Settings
from factcheck.store import Store
from factcheck.verify import Evidence, Shingler, judge
from factcheck.versions import extractor_version

__all__ = [
    "Job",
    "basis",
    "claim_basis",
    "judge_all",
    "make_job",
    "stored_result",
    "verdict_for",
]

# What judging one claim needs: the claim, the sources found for it, and its sources' reads.
Job = tuple[Claim, list[Found], dict[str, SourceRead]]


PARALLEL_JUDGING = 64  # claims to judge before worker processes pay for their start-up

_CHUNK = 16  # claims sent to a judging worker at a time


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
    reused = stored_result(store, file, claim, key, reads, extra)
    if reused is not None:
        return reused, key
    return judge(claim, _all_evidence(claim, list(extra), reads, settings, shingler)), key


def stored_result(
    store: Store,
    file: str,
    claim: Claim,
    key: str,
    reads: dict[str, SourceRead],
    extra: Sequence[Found],
) -> ClaimResult | None:
    """The stored result reached on the basis ``key``, with this run's fetch times."""
    return store.reusable(file, claim, key, {s: reads[s].fetched for s in _named(claim, extra)})


def _named(claim: Claim, extra: Sequence[Found]) -> list[str]:
    """The claim's sources: the editor's, then those found for it."""
    return [*claim.sources, *(hit.source for hit in extra)]


def make_job(claim: Claim, extra: Sequence[Found], reads: dict[str, SourceRead]) -> Job:
    """What judging the claim needs, without the fetched bodies (judging reads only texts)."""
    found = [replace(hit, read=None) for hit in extra]
    return (
        claim,
        found,
        {
            s: replace(reads[s], fetched=replace(reads[s].fetched, body=b""))
            for s in _named(claim, extra)
        },
    )


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
    pool = process_pool(workers)
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


LEXICAL_DATA = Path(str(language.__file__)).parent / "data"  # WordNet, lemmas, countries…

# The judge: the code that reaches verdicts (a module, or a package's *.py files), in the
# order it is digested. verify/ holds the copy detector too.
JUDGE_CODE: tuple[Path, ...] = (
    Path(str(match.__file__)),
    *(Path(str(package.__file__)).parent for package in (claims, dates, language, models, verify)),
)


def _rules() -> str:
    """A digest of the judge (its version, code and lexical data) and of the extractor,
    so a verdict reached by other rules, or on a text read another way, is never reused."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(extractor_version().encode())  # the text a verdict read comes from it
    for code in JUDGE_CODE:
        for path in sorted(code.glob("*.py")) if code.is_dir() else [code]:
            digest.update(path.read_bytes())
    for path in sorted(LEXICAL_DATA.iterdir()):
        if path.is_file():  # the lexical data decides events and names as much as the code
            digest.update(path.name.encode() + path.read_bytes())
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
        _RULES[0],
        settings.match_cutoff,
        settings.copy_threshold,
        claim.text,
        claim.quote,
        list(claim.keywords),
        None
        if date is None
        else [
            date.text,
            str(date.start),
            str(date.end),
            date.precision.value,
            date.qualifier.value,
        ],
        claim.verdict,
        claim.note,
    ]
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


def _all_evidence(
    claim: Claim,
    extra: list[Found],
    reads: dict[str, SourceRead],
    settings: Settings,
    shingler: Shingler,
) -> list[Evidence]:
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
