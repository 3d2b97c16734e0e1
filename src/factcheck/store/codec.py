"""Row ↔ model codecs, one per type, the only place a stored shape is written or read.

`Claim` ↔ a claims row (and the snapshot kept with each verdict), `Citation` ↔ a
citations row, and a verdict row with its citation rows → `ReportItem`. The store's
writes encode here and its reads decode here, so check, report and recheck get models,
never rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

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
from factcheck.store.rows import iso, reading_of, to_json, when

if TYPE_CHECKING:
    from factcheck.models import Fetched

__all__ = ["citation_of", "citation_row", "claim_of", "claim_row", "report_item"]


def claim_row(file: str, claim: Claim, run_id: int) -> dict[str, Any]:
    """A claims row: the claim as this run saw it."""
    date = claim.date
    return {
        "file": file,
        "claim_id": claim.id,
        "text": claim.text,
        "quote": claim.quote,
        "line": claim.line,
        "date_text": date.text if date else None,
        "date_start": iso(date.start) if date else None,
        "date_end": iso(date.end) if date else None,
        "precision": date.precision.value if date else None,
        "qualifier": date.qualifier.value if date else None,
        "keywords": to_json(list(claim.keywords)),
        "sources": to_json(list(claim.sources)),
        "run_id": run_id,
    }


def claim_of(row: dict[str, Any]) -> Claim:
    """A claims row (or a verdict's snapshot of one) as the claim; a manual verdict is put
    back on it (`ClaimResult.manual`)."""
    date = None
    if row["date_text"] is not None:
        start, end = row["date_start"], row["date_end"]
        date = DateExpr(
            row["date_text"],
            dt.date.fromisoformat(start) if start else None,
            dt.date.fromisoformat(end) if end else None,
            Precision(row["precision"]),
            Qualifier(row["qualifier"] or ""),
        )
    return Claim(
        id=row["claim_id"],
        text=row["text"],
        quote=row["quote"],
        line=row["line"],
        date=date,
        keywords=tuple(json.loads(row["keywords"] or "[]")),
        verdict=Verdict(row["verdict"]) if row["manual"] else None,
        note=row["note"],
        sources=tuple(json.loads(row["sources"] or "null") or ()),
    )


_CITATION_FIELDS = tuple(field.name for field in dataclasses.fields(Citation))


def citation_row(key: list[Any], position: int, cite: Citation) -> dict[str, Any]:
    """A citations row for the claim ``key`` = [run_id, file, claim_id]."""
    run_id, file, claim_id = key
    # field by field: dataclasses.asdict deep-copies each value, a third of a re-check's
    # bookkeeping when every verdict is reused
    row = {name: getattr(cite, name) for name in _CITATION_FIELDS}
    row["fetched_at"] = iso(cite.fetched_at)
    row["extractor"] = reading_of(cite.extractor)  # the reading its offsets are in
    return row | {"run_id": run_id, "file": file, "claim_id": claim_id, "position": position}


def citation_of(row: dict[str, Any], now: Fetched | None = None) -> Citation:
    """A citations row as a Citation again, with the fetch time of ``now`` when given."""
    return Citation(
        source=row["source"],
        final_url=row["final_url"] or row["source"],
        stance=Stance(row["stance"]),
        reason=row["reason"] or "",
        quote=row["quote"] or "",
        start=row["start"] or 0,
        end=row["end"] or 0,
        score=row["score"] or 0.0,
        found_date=row["found_date"],
        status=row["status"],
        fetched_at=now.fetched_at if now is not None else when(row["fetched_at"]),
        sha256=row["sha256"],
        found_by=row["found_by"] or "editor",
        query=row["query"],
        copy_of=row["copy_of"],
        extractor=row["extractor"],
    )


def report_item(row: dict[str, Any], citations: list[dict[str, Any]]) -> ReportItem:
    """A verdict row (its claim snapshot and history merged in) and its citation rows as a
    `ReportItem`."""
    result = ClaimResult(
        claim=claim_of(row),
        verdict=Verdict(row["verdict"]),
        reason=row["reason"] or "",
        citations=tuple(citation_of(c) for c in citations),
        automatic=Verdict(row["automatic"]) if row["automatic"] else None,
        uncovered=tuple(json.loads(row["uncovered"] or "[]")),
    )
    previous = Verdict(row["previous_verdict"]) if row["previous_verdict"] else None
    return ReportItem(
        row["file"],
        result,
        row["run_id"],
        row["checked_at"],
        bool(row["changed"]),
        previous,
        row["changed_at"],
        tuple(tuple(f) for f in row.get("found") or ()),
    )
