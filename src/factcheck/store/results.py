"""A claim's results: each verdict saved with its citations, and found again for reuse."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from factcheck.models import Claim, ClaimResult, Fetched, Found, Verdict
from factcheck.store.base import StoreBase
from factcheck.store.codec import citation_of, citation_row, claim_row
from factcheck.store.rows import insert, to_json, unique

__all__ = ["ResultRecords"]

_UPSERT_CLAIM = """
INSERT INTO claims (file, claim_id, text, quote, line, date_text, date_start, date_end,
  precision, qualifier, keywords, sources, first_seen_run, last_seen_run, position)
VALUES (:file, :claim_id, :text, :quote, :line, :date_text, :date_start, :date_end,
  :precision, :qualifier, :keywords, :sources, :run_id, :run_id, :position)
ON CONFLICT (file, claim_id) DO UPDATE SET
  text = excluded.text, quote = excluded.quote, line = excluded.line,
  position = coalesce(excluded.position, claims.position),
  date_text = excluded.date_text, date_start = excluded.date_start,
  date_end = excluded.date_end, precision = excluded.precision,
  qualifier = excluded.qualifier, keywords = excluded.keywords, sources = excluded.sources,
  last_seen_run = excluded.last_seen_run
WHERE excluded.last_seen_run >= claims.last_seen_run
"""

_PREVIOUS = """
SELECT verdict FROM verdicts WHERE file = ? AND claim_id = ? AND run_id < ?
ORDER BY run_id DESC LIMIT 1
"""

# the claim's fields kept with each verdict, so a past verdict is shown with the claim it judged
_SNAPSHOT = (
    *("text", "quote", "line", "date_text", "date_start", "date_end", "precision"),
    *("qualifier", "keywords", "sources"),
)

_LATEST_RUN = "SELECT max(run_id) FROM verdicts WHERE file = ? AND claim_id = ?"

_REUSABLE = """
SELECT run_id, verdict, automatic, reason, uncovered FROM verdicts
WHERE file = ? AND claim_id = ? AND basis = ? ORDER BY run_id DESC LIMIT 1
"""


class ResultRecords(StoreBase):
    """A claim's verdicts and citations: saved per run, reused when nothing changed."""

    def save_result(
        self,
        run_id: int,
        file: str,
        result: ClaimResult,
        basis: str | None = None,
        *,
        found: Sequence[Found] = (),
        if_latest: int | None = None,
        position: int | None = None,
    ) -> bool | None:
        """Record a claim's verdict and citations in a run, replacing an earlier save.

        Args:
            basis: the hash of what the verdict rests on (`judging.basis`), so that a
                later run can reuse it when nothing changed.
            found: the sources search found for the claim in this run (kept with the
                verdict, cited or not, so a re-check can rebuild the same basis).
            if_latest: a re-check's condition: save only while the claim's latest verdict
                is still the one of this run; the claim's row is then left as it is.
            position: the claim's place in its claims file (article order, for reports).

        Returns:
            True when the verdict differs from the claim's verdict in the previous run
            that has one (a claim's first verdict is not a change); None when
            ``if_latest`` did not hold and nothing was saved.
        """
        claim = result.claim
        claim_cols = claim_row(file, claim, run_id) | {"position": position}
        snapshot: dict[str, object] = {k: claim_cols[k] for k in _SNAPSHOT}
        snapshot["found"] = [[f.source, f.found_by, f.query] for f in found]
        key = [run_id, file, claim.id]
        with self._write() as db:
            if if_latest is not None:
                latest = db.execute(_LATEST_RUN, [file, claim.id]).fetchone()[0]
                if latest != if_latest:
                    return None
            else:
                db.execute(_UPSERT_CLAIM, claim_cols)
            db.execute("DELETE FROM citations WHERE run_id = ? AND file = ? AND claim_id = ?", key)
            for i, cite in enumerate(unique(result.citations)):
                insert(db, "citations", citation_row(key, i, cite))
            previous = db.execute(_PREVIOUS, [file, claim.id, run_id]).fetchone()
            changed = previous is not None and previous[0] != result.verdict.value
            row = {
                "run_id": run_id,
                "file": file,
                "claim_id": claim.id,
                "verdict": result.verdict.value,
                "automatic": result.automatic.value if result.automatic else None,
                "manual": result.manual,
                "reason": result.reason,
                "note": claim.note,
                "uncovered": to_json(list(result.uncovered)),
                "changed": changed,
                "basis": basis,
                "claim": to_json(snapshot),
            }
            insert(db, "verdicts", row, "INSERT OR REPLACE")
        return changed

    def reusable(
        self, file: str, claim: Claim, basis: str, fetched: Mapping[str, Fetched]
    ) -> ClaimResult | None:
        """The stored result reached on the same basis, with this run's fetch times.

        Args:
            file: the claims file.
            claim: the claim as it is now (its basis already covers what matters).
            basis: `judging.basis` of the claim now.
            fetched: this run's fetch of each of the claim's sources.
        """
        with self._read() as db:
            rows = list(db.query(_REUSABLE, [file, claim.id, basis]))
            if not rows:
                return None
            found = rows[0]
            cites = list(
                db.query(
                    "SELECT * FROM citations WHERE run_id = ? AND file = ? AND claim_id = ? "
                    "ORDER BY position",
                    [found["run_id"], file, claim.id],
                )
            )
        citations = [citation_of(cite, fetched.get(cite["source"])) for cite in cites]
        automatic = found["automatic"]
        return ClaimResult(
            claim,
            Verdict(found["verdict"]),
            found["reason"],
            tuple(citations),
            Verdict(automatic) if automatic else None,
            tuple(json.loads(found["uncovered"])),
        )

    def previous_verdict(self, file: str, claim_id: str, before_run: int) -> Verdict | None:
        """The claim's verdict in the latest run before ``before_run`` that has one."""
        with self._read() as db:
            row = db.execute(_PREVIOUS, [file, claim_id, before_run]).fetchone()
        return None if row is None else Verdict(row[0])
