"""The only door to SQLite: open (migrate, WAL), save runs, sources and results, read them.

Every write is one unit of work in its own ``BEGIN IMMEDIATE`` transaction, so a run
killed at any moment leaves whole units only, and re-saving a unit replaces it. Inside
`Store.batch` (check and recheck) units are savepoints committed together, at most
`BATCH_UNITS` of them and none waiting over `BATCH_SECONDS`, so a killed run loses at
most what it finished in the last second. Rows
become models in one place, `codec` (one row ↔ model codec per type).

Each name is imported from its module when first used (`factcheck.lazy`): a report loads
`ReportStore`, not every concern of `Store`.
"""

from typing import TYPE_CHECKING

from factcheck.lazy import exports

if TYPE_CHECKING:
    from factcheck.store.base import (
        BATCH_SECONDS,
        BATCH_UNITS,
        BUSY_TIMEOUT,
        StoreBase,
        is_death,
    )
    from factcheck.store.database import Store
    from factcheck.store.liveness import run_lock
    from factcheck.store.readonly import writable
    from factcheck.store.reports import ReportStore, no_verdicts, require_database

__getattr__ = exports(
    __name__,
    {
        "base": "BATCH_SECONDS BATCH_UNITS BUSY_TIMEOUT StoreBase is_death",
        "database": "Store",
        "liveness": "run_lock",
        "readonly": "writable",
        "reports": "ReportStore no_verdicts require_database",
    },
)

__all__ = [
    "BATCH_SECONDS",
    "BATCH_UNITS",
    "BUSY_TIMEOUT",
    "ReportStore",
    "Store",
    "StoreBase",
    "is_death",
    "no_verdicts",
    "require_database",
    "run_lock",
    "writable",
]
