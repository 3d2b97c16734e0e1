"""The JSON of check, report, recheck and fetch: the one place their shape is written.

``check --json`` gives each claim with its citations; ``report --format json`` is the
same with each claim's history added (DESIGN.md fixes the shape; scripts depend on it).
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.models import Citation, ClaimResult, RecheckSummary, SourceRead, VerdictChange
from factcheck.report.citing import date_value
from factcheck.report.data import Report

__all__ = ["check_json", "recheck_json", "report_json", "source_json"]


def _citation_json(c: Citation) -> dict[str, object]:
    return {
        "url": c.source,
        "final_url": c.final_url,
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
        "stance": c.stance.value,
        "found_date": c.found_date,
        "score": c.score,
        "fetched_at": c.fetched_at.isoformat() if c.fetched_at else None,
        "sha256": c.sha256,
        "status": c.status,
        "reason": c.reason,
        "found_by": c.found_by,
        "query": c.query,
        "copy_of": c.copy_of,
    }


def check_json(
    run_id: int,
    results: Sequence[tuple[str, ClaimResult]],
    counts: dict[str, int],
    skipped: Sequence[tuple[str, str]] = (),
) -> dict[str, object]:
    """The JSON of ``check --json`` (the shape DESIGN.md fixes; scripts depend on it).

    ``skipped`` lists the (claims file, claim id) an editor set ``skip = true`` on.
    """
    claims = []
    for file, result in results:
        claim, date = result.claim, result.claim.date
        claims.append(
            {
                "id": claim.id,
                "file": file,
                "text": claim.text,
                "date": None
                if date is None or not date.resolved
                else {
                    "text": date.text,
                    "value": date_value(date),
                    "precision": date.precision.value,
                    "qualifier": date.qualifier.value,
                },
                "verdict": result.verdict.value,
                "reason": result.reason,
                "manual": result.manual,
                "automatic": result.automatic.value if result.automatic else None,
                "uncovered": list(result.uncovered),
                "citations": [_citation_json(c) for c in result.citations],
            }
        )
    payload: dict[str, object] = {"run_id": run_id, "claims": claims, "counts": counts}
    if skipped:
        payload["skipped"] = [{"file": file, "id": claim_id} for file, claim_id in skipped]
    return payload


def report_json(report: Report) -> dict[str, object]:
    """The JSON of ``check --json``, each claim with its history added."""
    payload = check_json(report.run_id, [(i.file, i.result) for i in report.items], report.counts)
    claims = payload["claims"]
    assert isinstance(claims, list)
    for claim, item in zip(claims, report.items, strict=True):
        claim |= {
            "run_id": item.run_id,
            "checked_at": item.checked_at,
            "changed": item.changed,
            "previous_verdict": item.previous.value if item.previous else None,
            "changed_at": item.changed_at,
        }
    return payload


def source_json(reads: dict[str, SourceRead]) -> list[dict[str, object]]:
    """The same, as plain data for ``--json``."""
    out: list[dict[str, object]] = []
    for source, read in reads.items():
        f, t = read.fetched, read.text
        out.append(
            {
                "source": source,
                "final_url": f.final_url,
                "outcome": f.outcome.value,
                "reason": f.reason or None,
                "status": f.status,
                "from_cache": f.from_cache,
                "revalidated": f.revalidated,
                "fetched_at": f.fetched_at.isoformat() if f.fetched_at else None,
                "sha256": f.sha256,
                "etag": f.etag,
                "last_modified": f.last_modified,
                "title": t.title if t else None,
                "published": t.published.isoformat() if t and t.published else None,
                "text_error": t.error if t else None,
                "text": t.text if t else None,
            }
        )
    return out


def _change_json(change: VerdictChange) -> dict[str, object]:
    return {
        "file": change.file,
        "id": change.claim_id,
        "text": change.text,
        "before": change.before.value,
        "after": change.after.value,
        "kind": change.kind,
        "reason": change.reason,
    }


def recheck_json(summary: RecheckSummary) -> dict[str, object]:
    """A re-check as JSON: what got worse, lost its evidence, got better, what died, and every
    source's state."""
    sources = [
        {
            "url": c.url,
            "state": c.state.value,
            "failures": c.failures,
            "detail": c.detail,
            "newly_dead": c.newly_dead,
            "archived_url": c.archived.url if c.archived else None,
            "archived_at": c.archived.datetime if c.archived else None,
            "cited": [
                {"file": f, "id": i, "quote": q, "state": st.value} for f, i, q, st in c.cited
            ],
        }
        for c in summary.sources
    ]
    return {
        "run_id": summary.run_id,
        "claims": summary.claims,
        "verified": summary.verified,
        "requests": summary.requests,
        "counts": summary.counts,
        "worse": [_change_json(c) for c in summary.worse],
        "better": [_change_json(c) for c in summary.better],
        "evidence_lost": [_change_json(c) for c in summary.evidence_lost],
        "died": [c.url for c in summary.died],
        "sources": sources,
    }
