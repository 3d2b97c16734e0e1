"""What `factcheck report` reads: each claim's verdict as of a run, with its history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factcheck.errors import StorageError
from factcheck.models import ReportItem
from factcheck.store.base import StoreBase
from factcheck.store.codec import report_item
from factcheck.store.readonly import ReadOnlyOpen
from factcheck.store.rows import query

__all__ = ["ReportReads", "ReportStore", "no_verdicts", "require_database"]


def require_database(db: Path) -> None:
    """Raise `StorageError` unless ``db`` is an existing file (nothing is created)."""
    if not db.is_file():
        what = "is not a file" if db.exists() else "no such database; run factcheck check first"
        raise StorageError(what, path=db)


def no_verdicts(db: Path, as_of: int | None = None) -> StorageError:
    """The error for a database (or a run ``as_of``) with no verdicts to show."""
    when = f" as of run {as_of}" if as_of is not None else ""
    return StorageError(f"no verdicts to report{when}; run factcheck check first", path=db)


class ReportReads(StoreBase):
    """Reads for the report."""

    # the verdict row per claim as of a run (``:run``), with its history
    _AS_OF_CURRENT = """
    WITH last_check AS (  -- each file's latest finished check up to the run
      SELECT o.file, max(o.run_id) AS run_id FROM verdicts o JOIN runs ro ON ro.id = o.run_id
      WHERE ro.command = 'check' AND ro.status = 'done' AND o.run_id <= :run
      GROUP BY o.file
    ),
    cur AS (
      SELECT v.* FROM verdicts v LEFT JOIN last_check lc ON lc.file = v.file
      WHERE v.run_id = (
        SELECT max(l.run_id) FROM verdicts l
        WHERE l.file = v.file AND l.claim_id = v.claim_id AND l.run_id <= :run
      )
      AND v.run_id >= coalesce(lc.run_id, 0)
    )
    """

    _AS_OF = (
        _AS_OF_CURRENT
        + """
    SELECT cur.file, cur.claim_id, c.text, c.quote, c.line, c.date_text, c.date_start,
      c.date_end, c.precision, c.qualifier, c.keywords, c.sources, cur.verdict, cur.automatic,
      cur.manual, cur.claim AS snapshot,
      cur.reason, cur.note, cur.uncovered, cur.changed, cur.run_id, c.last_seen_run,
      r.started_at AS checked_at,
      (SELECT p.verdict FROM verdicts p
       WHERE p.file = cur.file AND p.claim_id = cur.claim_id AND p.run_id < cur.run_id
       ORDER BY p.run_id DESC LIMIT 1) AS previous_verdict,
      (SELECT rs.started_at FROM verdicts s JOIN runs rs ON rs.id = s.run_id
       WHERE s.file = cur.file AND s.claim_id = cur.claim_id AND s.run_id <= cur.run_id
         AND s.run_id > coalesce((
           SELECT max(d.run_id) FROM verdicts d
           WHERE d.file = cur.file AND d.claim_id = cur.claim_id AND d.run_id < cur.run_id
             AND d.verdict != cur.verdict), 0)
       ORDER BY s.run_id LIMIT 1) AS changed_at
    FROM cur
    JOIN claims c ON c.file = cur.file AND c.claim_id = cur.claim_id
    JOIN runs r ON r.id = cur.run_id
    WHERE 1 {where}
    ORDER BY cur.file, c.position IS NULL, c.position, c.line IS NULL, c.line, cur.claim_id
    """
    )

    _AS_OF_CITATIONS = (
        _AS_OF_CURRENT
        + """
    SELECT c.* FROM citations c
    JOIN cur ON cur.file = c.file AND cur.claim_id = c.claim_id AND cur.run_id = c.run_id
    WHERE 1 {where}
    ORDER BY c.file, c.claim_id, c.position
    """
    )

    def verdict_files(self) -> list[str]:
        """Every claims file that has a verdict, as ``check`` recorded it, sorted."""
        with self._reading() as conn:
            return [row[0] for row in conn.execute("SELECT DISTINCT file FROM verdicts ORDER BY 1")]

    def current_items(
        self, files: list[str] | None = None, as_of: int | None = None
    ) -> list[ReportItem]:
        """Each claim's latest verdict in a run up to ``as_of`` (all runs when None).

        Each item carries the claim as it was when its verdict was reached, the claim's
        verdict in the run before (if any), when the run that first gave the current
        verdict started, and when the run of this verdict started. A claim left out of a
        later finished ``check`` of its claims file (removed or skipped there) is left
        out. ``files`` keeps only those files.
        """
        limit = as_of if as_of is not None else 2**62
        where, params = "", dict[str, object](run=limit)
        if files is not None:
            names = {f"f{i}": f for i, f in enumerate(files)}
            where = f"AND cur.file IN ({', '.join(':' + n for n in names)})"
            params |= names
        with self._reading() as conn:
            rows = list(query(conn, self._AS_OF.format(where=where), params))
            cites = list(query(conn, self._AS_OF_CITATIONS.format(where=where), params))
        by_claim: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for cite in cites:
            by_claim.setdefault((cite["file"], cite["claim_id"]), []).append(cite)
        for row in rows:  # the claim as it was when this verdict was reached
            row |= json.loads(row.pop("snapshot") or "{}")
        return [report_item(row, by_claim.get((row["file"], row["claim_id"]), [])) for row in rows]

    def run_as_of(self, run_id: int | None) -> dict[str, Any]:
        """The run ``run_id``, or the latest when None.

        Raises:
            StorageError: the database holds no runs, or no run ``run_id``.
        """
        runs = self.runs()
        if not runs:
            raise StorageError("holds no runs yet; run factcheck check first", path=self.path)
        if run_id is None:
            return runs[-1]
        for run in runs:
            if run["id"] == run_id:
                return run
        first, last = runs[0]["id"], runs[-1]["id"]
        raise StorageError(f"no run {run_id} (runs {first}..{last})", path=self.path)


class ReportStore(ReportReads, ReadOnlyOpen):
    """A `Store` with the report's reads alone (opened the same ways, with the same
    checks), so that a report loads no more of the store than it reads."""
