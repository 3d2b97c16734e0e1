"""The row ↔ model codec of saved results: a verdict row with its citations → `ReportItem`.

The rows are those `ReportReads.results_as_of` reads; check, report and recheck all get
models from here, never the rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from factcheck.models import (
    Citation,
    Claim,
    ClaimResult,
    DateExpr,
    Precision,
    Qualifier,
    ReportItem,
    Stance,
    Verdict,
)

__all__ = ["report_item"]


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _claim(row: dict[str, Any]) -> Claim:
    """The claim as stored; a manual verdict is put back on it (ClaimResult.manual)."""
    date = None
    if (d := row["date"]) is not None:
        date = DateExpr(
            d["text"],
            dt.date.fromisoformat(d["start"]) if d["start"] else None,
            dt.date.fromisoformat(d["end"]) if d["end"] else None,
            Precision(d["precision"]),
            Qualifier(d["qualifier"] or ""),
        )
    manual = Verdict(row["verdict"]) if row["manual"] else None
    return Claim(
        id=row["id"],
        text=row["text"],
        quote=row["quote"],
        line=row["line"],
        date=date,
        keywords=tuple(row["keywords"]),
        verdict=manual,
        note=row["note"],
        sources=tuple(row.get("sources") or ()),
    )


def _citation(row: dict[str, Any]) -> Citation:
    return Citation(
        source=row["url"],
        final_url=row["final_url"] or row["url"],
        stance=Stance(row["stance"]),
        reason=row["reason"] or "",
        quote=row["quote"] or "",
        start=row["start"] or 0,
        end=row["end"] or 0,
        score=row["score"] or 0.0,
        found_date=row["found_date"],
        status=row["status"],
        fetched_at=_when(row["fetched_at"]),
        sha256=row["sha256"],
        found_by=row["found_by"] or "editor",
        query=row.get("query"),
        copy_of=row.get("copy_of"),
    )


def report_item(row: dict[str, Any]) -> ReportItem:
    """One saved verdict row (with its citations and history) as a `ReportItem`."""
    result = ClaimResult(
        claim=_claim(row),
        verdict=Verdict(row["verdict"]),
        reason=row["reason"] or "",
        citations=tuple(_citation(c) for c in row["citations"]),
        automatic=Verdict(row["automatic"]) if row["automatic"] else None,
        uncovered=tuple(row["uncovered"]),
    )
    previous = Verdict(row["previous_verdict"]) if row["previous_verdict"] else None
    return ReportItem(
        row["file"],
        result,
        row["run_id"],
        row["checked_at"],
        row["changed"],
        previous,
        row["changed_at"],
        tuple(tuple(f) for f in row.get("found") or ()),
    )
