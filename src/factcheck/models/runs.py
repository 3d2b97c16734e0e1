"""What runs hand back: a check's `RunSummary`; a re-check's source states and
`RecheckSummary` with its `VerdictChange`; `ReportItem` (store → report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from factcheck.models.claims import Verdict
from factcheck.models.results import ClaimResult

__all__ = [
    "CitedState",
    "Memento",
    "RecheckSummary",
    "ReportItem",
    "RunSummary",
    "SourceCheck",
    "SourceHistory",
    "SourceState",
    "VerdictChange",
]


class SourceState(StrEnum):
    """What a re-check found at a source, compared with the run before."""

    UNCHANGED = "unchanged"  # same body (a 304, or the same sha256)
    CHANGED = "changed"  # a new body; see each cited sentence's state
    SOFT_404 = "soft-404"  # a 200 whose text has nothing like the cited sentences any more
    FAILING = "failing"  # the fetch failed, on fewer than DEAD_AFTER runs in a row
    DEAD = "dead"  # the fetch failed on DEAD_AFTER or more runs in a row
    BLOCKED = "blocked"  # 401/402/403 (a login or paywall) or robots.txt: not dead
    FRESH = "fresh"  # fetched more recently than --older-than: not asked again


class CitedState(StrEnum):
    """Whether a sentence a citation quotes is still on the page."""

    PRESENT = "present"  # word for word
    CHANGED = "changed"  # a close variant of it
    GONE = "gone"  # nothing like it


@dataclass(frozen=True, slots=True)
class Memento:
    """An archived copy of a page (RFC 7089): its URL and when the archive took it."""

    url: str
    datetime: str | None = None  # as the archive gives it (an HTTP date)


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """One source in one re-check: its state, failures in a row, and what happened to quotes."""

    url: str
    state: SourceState
    failures: int = 0  # runs in a row whose fetch failed, this one included
    detail: str = ""  # one line for a reader
    cited: tuple[tuple[str, str, str, CitedState], ...] = ()  # (file, claim id, quote, state)
    archived: Memento | None = None
    newly_dead: bool = False  # declared dead in this run


@dataclass(frozen=True, slots=True)
class SourceHistory:
    """What earlier runs saw of a source: its last good fetch, the failures since, its state."""

    sha256: str | None = None  # of the last good fetch; None when there was none
    fetched_at: dt.datetime | None = None
    final_url: str | None = None
    status: int | None = None
    failures: int = 0  # runs in a row that failed to fetch it
    state: SourceState | None = None  # in the latest re-check before
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a check run concluded; it decides the exit code."""

    run_id: int
    results: tuple[tuple[str, ClaimResult], ...]  # (claims file, result), in file order
    warnings: tuple[str, ...] = ()  # e.g. a search provider that did not answer
    skipped: tuple[tuple[str, str], ...] = ()  # (claims file, claim id) an editor skipped

    @property
    def counts(self) -> dict[str, int]:
        """How many claims got each verdict, and how many were skipped."""
        counts = dict.fromkeys((v.value for v in Verdict), 0)
        for _, result in self.results:
            counts[result.verdict.value] += 1
        return counts | {"skipped": len(self.skipped)}

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


@dataclass(frozen=True, slots=True)
class ReportItem:
    """One claim's verdict as of the report's run, and how it got there."""

    file: str  # the claims file, as check recorded it
    result: ClaimResult
    run_id: int  # the run that gave this verdict
    checked_at: str  # when that run started (ISO 8601, UTC)
    changed: bool  # the verdict differs from the claim's verdict in the run before
    previous: Verdict | None  # the claim's verdict in the run before, if any
    changed_at: str | None  # when the run that first gave the current verdict started
    found: tuple[tuple[str, str, str], ...] = ()  # (source, found by, query) search gave it


_RANK = {Verdict.SUPPORTED: 0, Verdict.UNVERIFIED: 1, Verdict.DISPUTED: 2}  # worse is higher


@dataclass(frozen=True, slots=True)
class VerdictChange:
    """A claim whose verdict this re-check changed."""

    file: str
    claim_id: str
    text: str
    before: Verdict
    after: Verdict
    reason: str

    @property
    def worse(self) -> bool:
        """True when the new verdict is worse for the article (supported → unverified…)."""
        return _RANK[self.after] > _RANK[self.before]

    @property
    def evidence_lost(self) -> bool:
        """True when a dispute went away but nothing supports the claim either.

        disputed → unverified is no improvement: what contradicted the claim's date is
        gone (its page died, turned into a soft 404, fails, or no longer says it), so the
        claim lost its flag, not its error.
        """
        return self.before is Verdict.DISPUTED and self.after is Verdict.UNVERIFIED

    @property
    def kind(self) -> str:
        """How an editor should read it: "worse", "evidence lost" or "better"."""
        if self.worse:
            return "worse"
        return "evidence lost" if self.evidence_lost else "better"


@dataclass(frozen=True, slots=True)
class RecheckSummary:
    """What one re-check found; it decides the exit code."""

    run_id: int
    sources: tuple[SourceCheck, ...]
    changes: tuple[VerdictChange, ...]
    claims: int  # current claims looked at
    verified: int  # of them, verified again because a source changed
    requests: int  # HTTP requests sent (robots.txt and archives included)

    @property
    def worse(self) -> list[VerdictChange]:
        """Verdicts that got worse."""
        return [c for c in self.changes if c.worse]

    @property
    def better(self) -> list[VerdictChange]:
        """Verdicts that really got better: a source now supports the claim."""
        return [c for c in self.changes if c.kind == "better"]

    @property
    def evidence_lost(self) -> list[VerdictChange]:
        """Disputed claims now unverified: what contradicted them is gone."""
        return [c for c in self.changes if c.evidence_lost]

    @property
    def died(self) -> list[SourceCheck]:
        """Sources declared dead in this run."""
        return [s for s in self.sources if s.newly_dead]

    @property
    def counts(self) -> dict[str, int]:
        """How many sources are in each state, and how many verdicts moved."""
        counts = {state.value: 0 for state in SourceState}
        for source in self.sources:
            counts[source.state.value] += 1
        return counts | {
            "worse": len(self.worse),
            "better": len(self.better),
            "evidence_lost": len(self.evidence_lost),
            "died": len(self.died),
        }

    @property
    def failed(self) -> bool:
        """True when cron should alert: a verdict got worse, a dispute lost its evidence
        (an editor's wrong date would otherwise lose its flag unseen), or a cited source
        newly died."""
        return bool(self.worse or self.evidence_lost or self.died)
