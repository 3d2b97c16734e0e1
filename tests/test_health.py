"""Source health decisions (`factcheck.health`), on models alone: no server, no database."""

from __future__ import annotations

import pytest

from factcheck.health import DEAD_AFTER, evidence, failed_check
from factcheck.models import (
    Fetched,
    FetchOutcome,
    SourceCheck,
    SourceHistory,
    SourceRead,
    SourceState,
    SourceText,
)

URL = "https://example.org/a"


def _failed(outcome: FetchOutcome, status: int | None = None) -> Fetched:
    return Fetched(URL, URL, outcome, "went wrong", status=status)


@pytest.mark.parametrize(
    ("outcome", "status", "state"),
    [
        (FetchOutcome.HTTP_ERROR, 403, SourceState.BLOCKED),
        (FetchOutcome.ROBOTS, None, SourceState.BLOCKED),
        (FetchOutcome.DEFERRED, None, SourceState.FAILING),
        (FetchOutcome.HTTP_ERROR, 404, SourceState.FAILING),
    ],
)
def test_a_first_failure_is_never_death(
    outcome: FetchOutcome, status: int | None, state: SourceState
) -> None:
    assert failed_check(URL, _failed(outcome, status), SourceHistory()).state is state


def test_a_page_is_dead_on_the_failure_that_reaches_the_limit() -> None:
    before = SourceHistory(failures=DEAD_AFTER - 1, state=SourceState.FAILING)
    check = failed_check(URL, _failed(FetchOutcome.HTTP_ERROR, 410), before)
    assert (check.state, check.failures, check.newly_dead) == (SourceState.DEAD, DEAD_AFTER, True)


def test_a_failure_not_counted_towards_death_keeps_the_count() -> None:
    before = SourceHistory(failures=DEAD_AFTER - 1, state=SourceState.FAILING)
    check = failed_check(URL, _failed(FetchOutcome.TOO_LARGE), before)
    assert (check.state, check.failures) == (SourceState.FAILING, DEAD_AFTER - 1)


def _read(text: str) -> SourceRead:
    return SourceRead(Fetched(URL, URL, FetchOutcome.OK, sha256="new"), SourceText("", text))


def test_a_dead_page_is_read_from_its_archived_copy() -> None:
    dead = SourceCheck(URL, SourceState.DEAD)
    copy = _read("archived")
    kept = SourceText("", "kept")
    before = SourceHistory(sha256="old")
    assert evidence(URL, dead, None, copy, before, lambda _: kept) is copy


def test_a_failing_page_is_read_as_its_last_good_fetch() -> None:
    failing = SourceCheck(URL, SourceState.FAILING)
    kept = SourceText("", "kept")
    read = evidence(
        URL, failing, _read("error page"), None, SourceHistory(sha256="old"), {"old": kept}.get
    )
    assert (read.text, read.fetched.sha256) == (kept, "old")


def test_a_changed_page_is_read_as_it_is_now() -> None:
    changed = SourceCheck(URL, SourceState.CHANGED)
    now = _read("new text")
    kept = SourceText("", "kept")
    assert evidence(URL, changed, now, None, SourceHistory(sha256="old"), lambda _: kept) is now
