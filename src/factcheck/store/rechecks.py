"""What the nightly re-check records and reads: source histories, checks, bases."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from factcheck.models import SourceCheck, SourceHistory, SourceState
from factcheck.store.base import (
    StoreBase,
    is_death,
)
from factcheck.store.rows import (
    insert,
    to_json,
    when,
)

__all__ = ["RecheckRecords"]


class RecheckRecords(StoreBase):
    """Records and reads for the re-check."""

    def source_history(self, url: str, before_run: int) -> SourceHistory:
        """What earlier runs saw of a source.

        Returns:
            the last good fetch's ``sha256``, ``fetched_at``, ``final_url`` and ``status``
            (None when there was none), ``failures``: how many runs in a row, up to
            ``before_run``, failed to fetch it, and ``state`` and ``detail``: those of the
            latest re-check before (or None).
        """
        with self._read() as db:
            rows = db.execute(
                "SELECT outcome, sha256, fetched_at, final_url, status FROM fetches "
                "WHERE url = ? AND run_id < ? ORDER BY run_id DESC",
                [url, before_run],
            )
            failures, good = 0, None
            for outcome, *fields in rows:
                if outcome == "ok":
                    good = fields
                    break
                failures += is_death(outcome, fields[3])  # others neither count nor reset
            state = db.execute(
                "SELECT state, detail FROM source_checks WHERE url = ? AND run_id < ? "
                "ORDER BY run_id DESC LIMIT 1",
                [url, before_run],
            ).fetchone()
        sha256, fetched_at, final_url, status = good or (None, None, None, None)
        return SourceHistory(
            sha256=sha256,
            fetched_at=when(fetched_at),
            final_url=final_url,
            status=status,
            failures=failures,
            state=SourceState(state[0]) if state else None,
            detail=state[1] if state else None,
        )

    def current_bases(self) -> dict[tuple[str, str], tuple[int, str | None]]:
        """The run and basis of each claim's latest verdict, keyed by (file, claim id)."""
        with self._read() as db:
            rows = db.execute(
                "SELECT v.file, v.claim_id, v.run_id, v.basis FROM verdicts v WHERE v.run_id = "
                "(SELECT max(l.run_id) FROM verdicts l "
                "WHERE l.file = v.file AND l.claim_id = v.claim_id)"
            )
            return {(f, c): (run, key) for f, c, run, key in rows}

    def files_being_checked(self, within: dt.timedelta = dt.timedelta(hours=6)) -> set[str]:
        """Claims files a running ``check`` is still checking.

        Call `close_dead_runs` first: a run that holds a lock is then alive, however old.
        A run recorded before runs held locks counts for ``within`` after its start.
        """
        since = (dt.datetime.now(dt.UTC) - within).isoformat(timespec="seconds")
        with self._read() as db:
            rows = db.execute(
                "SELECT settings FROM runs WHERE command = 'check' AND status = 'running' "
                "AND (lock IS NOT NULL OR started_at >= ?)",
                [since],
            )
            return {
                f for (settings,) in rows for f in json.loads(settings or "{}").get("files", [])
            }

    def last_fetched(self) -> dict[str, dt.datetime]:
        """When each source was last fetched, by any run."""
        with self._read() as db:
            rows = db.execute("SELECT url, max(fetched_at) FROM fetches GROUP BY url")
            return {url: at for url, last in rows if (at := when(last)) is not None}

    def save_source_check(self, run_id: int, check: SourceCheck) -> None:
        """Record what a re-check found at one source (replacing an earlier save)."""
        cited = [
            {"file": f, "claim_id": c, "quote": q, "state": s.value} for f, c, q, s in check.cited
        ]
        row = {
            "run_id": run_id,
            "url": check.url,
            "state": check.state.value,
            "failures": check.failures,
            "detail": check.detail,
            "cited": to_json(cited),
            "archived_url": check.archived.url if check.archived else None,
            "archived_at": check.archived.datetime if check.archived else None,
        }
        with self._write() as db:
            insert(db, "source_checks", row, "INSERT OR REPLACE")

    def source_checks(self, run_id: int) -> list[dict[str, Any]]:
        """The source checks of one re-check run, ``cited`` decoded."""
        with self._read() as db:
            rows = list(
                db.query("SELECT * FROM source_checks WHERE run_id = ? ORDER BY id", [run_id])
            )
        for row in rows:
            row["cited"] = json.loads(row["cited"] or "[]")
        return rows
