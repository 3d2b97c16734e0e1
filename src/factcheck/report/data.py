"""What ``factcheck report`` shows, read from the database only (nothing is fetched).

`load_report` picks the claims (all, or those of some claims files), as of the latest run
or a given one, and hands the renderers plain `ClaimResult` objects with their history.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import InputError
from factcheck.models import (
    ReportItem,
    Verdict,
)
from factcheck.store import ReportStore, no_verdicts, require_database, writable

__all__ = ["Report", "load_report", "match_files"]


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
            raise InputError(
                f"no verdicts for this claims file (the database has: {known})", path=path
            )
        if len({Path(s).resolve() for s in same}) > 1:
            raise InputError(
                f"could be any of {', '.join(same)}; give the path check was given", path=path
            )
        found += [s for s in same if s not in found]
    return found


def load_report(db: Path, files: Sequence[str] = (), run_id: int | None = None) -> Report:
    """Read the verdicts to report: of every claims file, or of ``files``; as of ``run_id``.

    Raises:
        StorageError: no database at ``db``, an unusable one, no runs, an unknown run, or
            no verdicts to report.
        InputError: a claims file with no verdicts in the database.
    """
    require_database(db)
    store_open = ReportStore.open if writable(db) else ReportStore.open_read_only  # RO media
    opened = store_open(db)
    with opened as store:
        run = store.run_as_of(run_id)
        wanted = match_files(files, store.verdict_files()) if files else None
        items = store.current_items(wanted, run["id"])
    if not items:
        raise no_verdicts(db, run["id"] if run_id is not None else None)
    if wanted is not None:  # in the order the files were given
        items.sort(key=lambda item: wanted.index(item.file))
    return Report(db, run["id"], run["started_at"], tuple(items), stale=opened.stale)
