"""`Store`: the database as one object, its methods gathered from one module per concern."""

from __future__ import annotations

from factcheck.store.corpus import CorpusIndex
from factcheck.store.liveness import RunLiveness
from factcheck.store.readonly import ReadOnlyOpen
from factcheck.store.rechecks import RecheckRecords
from factcheck.store.reports import ReportReads
from factcheck.store.results import ResultRecords

__all__ = ["Store"]


class Store(ReportReads, ResultRecords, RecheckRecords, CorpusIndex, RunLiveness, ReadOnlyOpen):
    """A factcheck database: one connection, safe to share between threads.

    Its methods come in one module per concern: `base` (open, runs, sources, texts),
    `results` (verdicts and citations), `reports`, `rechecks`, `corpus`, `liveness`
    (which runs are still alive) and `readonly` (reading a database on read-only media).
    """
