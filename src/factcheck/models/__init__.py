"""Plain data that crosses module boundaries (no I/O): one module per part of the flow.

`claims` (claims and dates), `sources` (fetches, texts, corpus documents), `results`
(citations and verdicts) and `runs` (what check, recheck and the store hand back).

Each name is imported from its module when first used (`factcheck.lazy`): a report
loads no fetch or corpus models.
"""

from typing import TYPE_CHECKING

from factcheck.lazy import exports

if TYPE_CHECKING:
    from factcheck.models.claims import (
        MAX_CLAIM_CHARS,
        Claim,
        ClaimsFile,
        DateComparison,
        DateExpr,
        Precision,
        Qualifier,
        Relation,
        Verdict,
    )
    from factcheck.models.results import (
        Citation,
        ClaimResult,
        Stance,
    )
    from factcheck.models.runs import (
        CitedState,
        Memento,
        RecheckSummary,
        ReportItem,
        RunSummary,
        SourceCheck,
        SourceHistory,
        SourceState,
        VerdictChange,
    )
    from factcheck.models.sources import (
        CorpusDoc,
        CorpusHit,
        Fetched,
        FetchOutcome,
        Found,
        SourceRead,
        SourceText,
    )

__getattr__ = exports(
    __name__,
    {
        "claims": (
            "MAX_CLAIM_CHARS Claim ClaimsFile DateComparison DateExpr Precision Qualifier "
            "Relation Verdict"
        ),
        "results": "Citation ClaimResult Stance",
        "runs": (
            "CitedState Memento RecheckSummary ReportItem RunSummary SourceCheck "
            "SourceHistory SourceState VerdictChange"
        ),
        "sources": "CorpusDoc CorpusHit Fetched FetchOutcome Found SourceRead SourceText",
    },
)

__all__ = [
    "MAX_CLAIM_CHARS",
    "Citation",
    "CitedState",
    "Claim",
    "ClaimResult",
    "ClaimsFile",
    "CorpusDoc",
    "CorpusHit",
    "DateComparison",
    "DateExpr",
    "FetchOutcome",
    "Fetched",
    "Found",
    "Memento",
    "Precision",
    "Qualifier",
    "RecheckSummary",
    "Relation",
    "ReportItem",
    "RunSummary",
    "SourceCheck",
    "SourceHistory",
    "SourceRead",
    "SourceState",
    "SourceText",
    "Stance",
    "Verdict",
    "VerdictChange",
]
