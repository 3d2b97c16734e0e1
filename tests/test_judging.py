"""Judging many claims in worker processes gives what judging them one by one gives."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factcheck.claimsfile import parse_claims
from factcheck.judging import PARALLEL_JUDGING, Job, judge_all
from factcheck.models import Fetched, FetchOutcome, SourceRead
from factcheck.settings import Settings
from factcheck.text import extract_text
from factcheck.verify import Shingler

CASES = Path(__file__).parent / "cases"
TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}


def _read(case: Path, source: str) -> SourceRead:
    """A case's page as reading.read_sources reads it; a page the case does not hold failed."""
    page = case / source.removeprefix("{server}/")
    if not page.is_file():
        return SourceRead(Fetched(source, source, FetchOutcome.HTTP_ERROR, "HTTP 404", 404))
    body = page.read_bytes()
    kind = TYPES.get(page.suffix, "text/plain")
    sha = hashlib.sha256(body).hexdigest()
    fetched = Fetched(source, source, FetchOutcome.OK, status=200, content_type=kind, sha256=sha)
    return SourceRead(fetched, extract_text(body, kind))


def _jobs() -> list[Job]:
    """Every claim of the verdict cases with its sources, read from the case's files."""
    jobs: list[Job] = []
    for case in sorted(p for p in CASES.iterdir() if (p / "claims.toml").is_file()):
        for claim in parse_claims((case / "claims.toml").read_text(), case.name).claims:
            jobs.append((claim, [], {s: _read(case, s) for s in claim.sources}))
    return jobs


def test_claims_judged_in_worker_processes_get_the_same_results() -> None:
    jobs, settings = _jobs() * 2, Settings()  # each case twice: enough for worker processes
    assert len(jobs) >= PARALLEL_JUDGING
    alone = list(judge_all(jobs, settings, Shingler(settings.copy_threshold), workers=1))
    pooled = list(judge_all(jobs, settings, Shingler(settings.copy_threshold), workers=2))
    assert pooled == alone
    assert {r.verdict for r in alone} == {"supported", "disputed", "unverified"}
