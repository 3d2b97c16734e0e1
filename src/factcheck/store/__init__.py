"""The only door to SQLite: open (migrate, WAL), save runs, sources and results, read them.

Every write is one unit of work in its own ``BEGIN IMMEDIATE`` transaction, so a run
killed at any moment leaves whole units only, and re-saving a unit replaces it.
"""

from __future__ import annotations

from factcheck.store.base import BUSY_TIMEOUT, StoreBase, is_death
from factcheck.store.corpus import CorpusIndex
from factcheck.store.rechecks import RecheckRecords
from factcheck.store.reports import ReportReads, no_verdicts, require_database

__all__ = [
    "BUSY_TIMEOUT",
    "Store",
    "StoreBase",
    "is_death",
    "no_verdicts",
    "require_database",
]


class Store(ReportReads, RecheckRecords, CorpusIndex):
    """A factcheck database: one connection, safe to share between threads.

    Its methods come in one module per concern: `base` (open, runs, sources, results),
    `reports`, `rechecks` and `corpus`.
    """
