"""The store's row ↔ model codecs give back what they were given."""

from __future__ import annotations

import datetime as dt

from factcheck.models import (
    Citation,
    Claim,
    DateExpr,
    Fetched,
    FetchOutcome,
    Precision,
    Qualifier,
    Stance,
    Verdict,
)
from factcheck.store.codec import citation_of, citation_row, claim_of, claim_row

WHEN = dt.datetime(2025, 8, 16, 9, 30, tzinfo=dt.UTC)


def test_a_citation_comes_back_from_its_row() -> None:
    cite = Citation(
        "https://example.org/a",
        "https://example.org/b",
        Stance.SUPPORTS,
        "same day",
        quote="The summit took place on 16 August 2025.",
        start=4,
        end=44,
        score=91.5,
        found_date="2025-08-16",
        status=200,
        fetched_at=WHEN,
        sha256="ab",
        found_by="corpus",
        query="summit",
        copy_of=None,
        extractor="trafilatura 2",
    )
    assert citation_of(citation_row([1, "a.toml", "c1"], 0, cite)) == cite


def test_a_citation_row_takes_this_runs_fetch_time_when_given() -> None:
    cite = Citation(
        "https://example.org/a", "https://example.org/a", Stance.SUPPORTS, "", fetched_at=WHEN
    )
    later = WHEN + dt.timedelta(days=1)
    now = Fetched(
        "https://example.org/a", "https://example.org/a", FetchOutcome.OK, fetched_at=later
    )
    assert citation_of(citation_row([1, "a.toml", "c1"], 0, cite), now).fetched_at == later


def test_a_claim_comes_back_from_its_row_with_an_editors_verdict() -> None:
    date = DateExpr(
        "in August 2025", dt.date(2025, 8, 1), dt.date(2025, 8, 31), Precision.MONTH, Qualifier.IN
    )
    claim = Claim(
        "c1",
        "The summit took place in August 2025.",
        quote="took place",
        line=3,
        date=date,
        keywords=("summit",),
        sources=("https://example.org/a",),
        verdict=Verdict.DISPUTED,
        note="the wire said July",
    )
    row = claim_row("a.toml", claim, 1) | {"verdict": "disputed", "manual": 1, "note": claim.note}
    assert claim_of(row) == claim
