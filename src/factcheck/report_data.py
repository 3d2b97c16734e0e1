"""What ``factcheck report`` shows, read from the database only (nothing is fetched).

`load_report` picks the claims (all, or those of some claims files), as of the latest run
or a given one, and hands the renderers plain `ClaimResult` objects with their history.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import InputError, StorageError
from factcheck.models import (
    Citation,
    Claim,
    ClaimResult,
    DateExpr,
    Precision,
    Qualifier,
    Stance,
    Verdict,
)
from factcheck.store import Store, writable

__all__ = ["Report", "ReportItem", "load_report", "match_files"]


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


@dataclass(frozen=True, slots=True)
class Report:
    """The claims of a report, grouped by claims file in file order, as of one run."""

    db: Path
    run_id: int
    run_started: str
    items: tuple[ReportItem, ...]
    stale: str | None = None  # why the report may miss recent runs (read-only media)

    @property
    def counts(self) -> dict[str, int]:
        """How many claims have each verdict (every verdict named, zeros included)."""
        counts = dict.fromkeys((v.value for v in Verdict), 0)
        for item in self.items:
            counts[item.result.verdict.value] += 1
        return counts

    @property
    def changed(self) -> int:
        """How many verdicts changed in the run that gave them."""
        return sum(item.changed for item in self.items)


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
        id=row["id"], text=row["text"], quote=row["quote"], line=row["line"], date=date,
        keywords=tuple(row["keywords"]), verdict=manual, note=row["note"],
        sources=tuple(row.get("sources") or ()),
    )  # fmt: skip


def _citation(row: dict[str, Any]) -> Citation:
    return Citation(
        source=row["url"], final_url=row["final_url"] or row["url"], stance=Stance(row["stance"]),
        reason=row["reason"] or "", quote=row["quote"] or "", start=row["start"] or 0,
        end=row["end"] or 0, score=row["score"] or 0.0, found_date=row["found_date"],
        status=row["status"], fetched_at=_when(row["fetched_at"]), sha256=row["sha256"],
        found_by=row["found_by"] or "editor", query=row.get("query"), copy_of=row.get("copy_of"),
    )  # fmt: skip


def _item(row: dict[str, Any]) -> ReportItem:
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
        row["file"], result, row["run_id"], row["checked_at"], row["changed"], previous,
        row["changed_at"], tuple(tuple(f) for f in row.get("found") or ()),
    )  # fmt: skip


def _same(given: str, stored: str) -> bool:
    """True when two spellings name the same file from the current folder."""
    if given == stored or os.path.normpath(given) == os.path.normpath(stored):
        return True
    return Path(given).resolve() == Path(stored).resolve()


def _tail(given: str, stored: str) -> bool:
    """True when a relative stored path is the end of the given one (check ran elsewhere)."""
    if Path(stored).is_absolute():
        return False
    want = Path(os.path.normpath(stored)).parts
    have = Path(given).resolve().parts
    return len(have) >= len(want) and have[-len(want) :] == want


def match_files(given: Sequence[str], stored: Sequence[str]) -> list[str]:
    """The stored claims-file names the given paths stand for, in the order given.

    A path matches a stored name spelled the same, normalised the same, or resolving to
    the same file from here; failing that, the one stored relative name it ends with.

    Raises:
        InputError: a path matches nothing, or ends with several stored names.
    """
    found: list[str] = []
    for path in given:
        same = [s for s in stored if _same(path, s)] or [s for s in stored if _tail(path, s)]
        if not same:
            known = ", ".join(stored) or "none"
            raise InputError(f"no verdicts for this claims file (the database has: {known})",
                             path=path)  # fmt: skip
        if len({Path(s).resolve() for s in same}) > 1:
            raise InputError(f"could be any of {', '.join(same)}; give the path check was given",
                             path=path)  # fmt: skip
        found += [s for s in same if s not in found]
    return found


def _run(store: Store, db: Path, run_id: int | None) -> dict[str, Any]:
    runs = store.runs()
    if not runs:
        raise StorageError("holds no runs yet; run factcheck check first", path=db)
    if run_id is None:
        return runs[-1]
    for run in runs:
        if run["id"] == run_id:
            return run
    raise StorageError(f"no run {run_id} (runs {runs[0]['id']}..{runs[-1]['id']})", path=db)


def require_database(db: Path) -> None:
    """Raise `StorageError` unless ``db`` is an existing file (nothing is created)."""
    if not db.is_file():
        what = "is not a file" if db.exists() else "no such database; run factcheck check first"
        raise StorageError(what, path=db)


def load_report(db: Path, files: Sequence[str] = (), run_id: int | None = None) -> Report:
    """Read the verdicts to report: of every claims file, or of ``files``; as of ``run_id``.

    Raises:
        StorageError: no database at ``db``, an unusable one, no runs, an unknown run, or
            no verdicts to report.
        InputError: a claims file with no verdicts in the database.
    """
    require_database(db)
    opened = Store.open(db) if writable(db) else Store.open_read_only(db)  # read-only media
    with opened as store:
        run = _run(store, db, run_id)
        wanted = match_files(files, store.verdict_files()) if files else None
        rows = store.results_as_of(run["id"], wanted)
    if not rows:
        when = f" as of run {run['id']}" if run_id is not None else ""
        raise StorageError(f"no verdicts to report{when}; run factcheck check first", path=db)
    if wanted is not None:  # in the order the files were given
        rows.sort(key=lambda row: wanted.index(row["file"]))
    items = tuple(_item(row) for row in rows)
    return Report(db, run["id"], run["started_at"], items, stale=opened.stale)
