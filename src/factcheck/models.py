"""Plain data that crosses module boundaries. No I/O here.

The last part holds what runs and reports hand back: `RunSummary` (check),
`RecheckSummary` with its `VerdictChange` (recheck) and `ReportItem` (store → report).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    """How finely a date expression pins down time, finest first."""

    DAY = "day"
    MONTH = "month"
    PART = "part"  # part of a month or year: "early 2025", "mid-June 2024", "Q3 2024"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class Qualifier(StrEnum):
    """The word that ties a date to its event: "signed *in* June 2024"."""

    NONE = ""
    ON = "on"
    IN = "in"
    BY = "by"
    AS_OF = "as of"
    SINCE = "since"
    BEFORE = "before"
    AFTER = "after"
    UNTIL = "until"


class Relation(StrEnum):
    """How a date found in a source relates to a claim's date."""

    INSIDE = "inside"  # the found date lies within the claim's range: it can support
    OVERLAP = "overlap"  # compatible but coarser or vaguer: never enough alone
    DISJOINT = "disjoint"  # incompatible: it can contradict


class Verdict(StrEnum):
    """A claim's verdict."""

    SUPPORTED = "supported"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A temporal expression found in text, normalised to an inclusive range.

    ``start``/``end`` are ``None`` for a relative expression ("on Friday") that could
    not be resolved because no reference date was given.
    """

    text: str
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    qualifier: Qualifier = Qualifier.NONE
    offset: int = 0  # character offset of ``text`` in the text it was found in
    relative: bool = False

    @property
    def resolved(self) -> bool:
        """True when the expression has a concrete range."""
        return self.start is not None and self.end is not None

    @property
    def stop(self) -> int:
        """Character offset just past ``text``."""
        return self.offset + len(self.text)


@dataclass(frozen=True, slots=True)
class DateComparison:
    """The relation of a found date to a claim date, with a one-line reason."""

    relation: Relation
    reason: str


MAX_CLAIM_CHARS = 10_000  # a claim's text, quote or note: a paragraph, not a page


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement, as extracted or as written in a claims file."""

    id: str
    text: str
    quote: str | None = None
    line: int | None = None
    span: tuple[int, int] | None = None
    date: DateExpr | None = None
    keywords: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    skip: bool = False
    verdict: Verdict | None = None
    note: str | None = None
    removed: bool = False
    suggested_sources: tuple[str, ...] = ()  # found by search, for an editor to accept

    @property
    def undated(self) -> bool:
        """True when the claim has no resolved date."""
        return self.date is None or not self.date.resolved


@dataclass(frozen=True, slots=True)
class ClaimsFile:
    """A parsed claims file: its header and its claims, in file order."""

    path: str
    claims: tuple[Claim, ...]
    article: str | None = None
    article_sha256: str | None = None
    extracted_by: str | None = None


@dataclass(frozen=True, slots=True)
class SourceText:
    """The readable text of one fetched body, stored once per sha256 of that body."""

    sha256: str  # of the body bytes the text came from
    text: str
    title: str | None = None
    published: dt.date | None = None
    error: str | None = None  # why no text could be had (timeout, unsupported type, …)
    extractor: str | None = None  # the extractor that read it; None: this factcheck's


class FetchOutcome(StrEnum):
    """How fetching one source ended."""

    OK = "ok"
    HTTP_ERROR = "http-error"  # the final response was 4xx or 5xx
    UNREACHABLE = "unreachable"  # DNS, connection or protocol failure, after retries
    TIMEOUT = "timeout"  # the wall-clock deadline passed
    TOO_LARGE = "too-large"  # the body (decoded) passed the byte cap
    BLOCKED = "blocked"  # the SSRF guard refused the address
    ROBOTS = "robots"  # robots.txt disallows it
    UNSUPPORTED = "unsupported"  # not HTML, XHTML or plain text
    REDIRECTS = "too-many-redirects"  # a loop, or more than the redirect limit
    NOT_CACHED = "not-cached"  # offline, and never fetched before
    DEFERRED = "deferred"  # the server asked to come back later than we wait


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of fetching one source: its body, or why there is none."""

    url: str
    final_url: str
    outcome: FetchOutcome
    reason: str = ""
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    fetched_at: dt.datetime | None = None
    sha256: str | None = None
    from_cache: bool = False
    revalidated: bool = False  # answered by a 304 to a conditional request
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        """True when there is a body to read."""
        return self.outcome is FetchOutcome.OK


@dataclass(frozen=True, slots=True)
class SourceRead:
    """One source: how fetching went and, if it went well, its text."""

    fetched: Fetched
    text: SourceText | None = None
    extracted: bool = False  # the text was extracted in this run, not found stored


class Stance(StrEnum):
    """What one source sentence says about a claim."""

    SUPPORTS = "supports"  # same event, a date inside the claim's, the claim's parts covered
    CONTRADICTS = "contradicts"  # same event, an incompatible date
    COMPATIBLE = "compatible"  # same event, a coarser or vaguer date: not enough alone
    MENTIONS = "mentions"  # same event, no usable date
    UNAVAILABLE = "unavailable"  # the source could not be read (the reason says why)


@dataclass(frozen=True, slots=True)
class Citation:
    """One source's evidence for one claim, with everything a reviewer needs to follow it."""

    source: str  # as the claims file gives it
    final_url: str
    stance: Stance
    reason: str  # one line
    quote: str = ""  # the sentence, exactly as in the stored text
    start: int = 0  # character offsets of the quote in the stored text
    end: int = 0
    score: float = 0.0
    found_date: str | None = None  # ISO range or date the sentence gives
    status: int | None = None  # HTTP status
    fetched_at: dt.datetime | None = None
    sha256: str | None = None  # of the body the text came from
    found_by: str = "editor"  # who named the source: editor, corpus, wikipedia…
    query: str | None = None  # the search that found the source, when one did
    copy_of: str | None = None  # the source this one is a syndicated copy of
    extractor: str | None = None  # which reading of the body the offsets point into


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """A claim's verdict, why, and the citations behind it."""

    claim: Claim
    verdict: Verdict
    reason: str
    citations: tuple[Citation, ...] = ()
    automatic: Verdict | None = None  # what the evidence said, when an editor's verdict wins
    uncovered: tuple[str, ...] = ()  # parts of the claim no supporting sentence covers

    @property
    def manual(self) -> bool:
        """True when the verdict is the editor's."""
        return self.claim.verdict is not None


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """One file of the local corpus, as indexed."""

    path: str  # absolute
    sha256: str  # of the file's bytes
    size: int
    mtime: float
    title: str | None = None
    published: dt.date | None = None
    indexed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CorpusHit:
    """A corpus document that a search found, best first."""

    path: str
    sha256: str
    score: float  # bm25: lower is better
    title: str | None = None
    indexed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A source that search found for a claim: where, by whom, and with what query."""

    source: str  # URL or path, as a citation names it
    found_by: str  # corpus, wikipedia, searxng
    query: str
    read: SourceRead | None = None  # already read (a corpus document), else to be fetched


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


# ---------------------------------------------------------------- runs and reports


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
        """Verdicts that got better."""
        return [c for c in self.changes if not c.worse]

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
            "died": len(self.died),
        }

    @property
    def failed(self) -> bool:
        """True when cron should alert: a verdict got worse or a cited source newly died."""
        return bool(self.worse or self.died)
