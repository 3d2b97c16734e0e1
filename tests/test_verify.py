"""Stances and verdicts: one row per trap."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims import Article, extract_claims
from factcheck.match import candidates
from factcheck.models import (
    Claim,
    Fetched,
    FetchOutcome,
    SourceRead,
    SourceText,
    Verdict,
)
from factcheck.verify import Evidence, judge

TREATY = "Russia and North Korea signed a mutual defence treaty in June 2024."
SUMMIT = "Trump and Putin held a summit in Anchorage, Alaska, on August 15, 2025."
TROOPS = "By October 2024, North Korean troops were deployed to Russia."


def _claim(text: str) -> Claim:
    (claim,) = extract_claims(Article("a.txt", text, "0"))
    return claim


def _read(text: str, published: dt.date | None = None) -> SourceRead:
    fetched = Fetched(
        "https://s.test/a", "https://s.test/a", FetchOutcome.OK, status=200, sha256="x"
    )
    return SourceRead(fetched, SourceText("x", text, published=published))


def _verdict(claim_text: str, *pages: str, published: dt.date | None = None) -> tuple[Verdict, str]:
    claim = _claim(claim_text)
    evidence = [
        Evidence(f"https://s.test/{i}", _read(p, published), tuple(candidates(claim, p, 55)))
        for i, p in enumerate(pages)
    ]
    result = judge(claim, evidence)
    return result.verdict, result.reason


# claim, source page, expected verdict
CASES = [
    (TREATY, "Russia and North Korea signed a mutual defence treaty in Pyongyang on 19 June 2024.", "supported"),
    (TREATY, "The DPRK and Russia signed a defence treaty on 19 June 2024.", "supported"),  # alias
    (TREATY, "Russia and North Korea signed a mutual defence treaty in June 2023.", "disputed"),
    (TREATY, "Russia and North Korea's defence treaty entered into force in December 2024.", "unverified"),
    (TREATY, "Russia and North Korea did not sign a defence treaty in June 2024.", "unverified"),
    (TREATY, "Russia and North Korea signed a mutual defence treaty in 2024.", "unverified"),  # coarser
    (TREATY, "Russia and North Korea signed a mutual defence treaty, officials said.", "unverified"),  # no date
    (TREATY, "The weather in Pyongyang was mild in June 2024.", "unverified"),  # no match
    (SUMMIT, "Trump and Putin held a summit in Anchorage, Alaska, on 15 August 2025.", "supported"),
    (SUMMIT, "Trump and Putin held a summit in Helsinki in July 2018.", "unverified"),  # another summit
    (SUMMIT, "Trump and Putin held a summit in Anchorage on 15 August 2025.", "unverified"),  # Alaska missing
    (TROOPS, "North Korean troops were deployed to Russia in September 2024.", "supported"),  # by
    (TROOPS, "North Korean troops were deployed to Russia in November 2024.", "disputed"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "page", "expected"), CASES)
def test_verdict(claim: str, page: str, expected: str) -> None:
    verdict, reason = _verdict(claim, page)
    assert verdict is Verdict(expected), reason


def test_relative_date_resolves_against_the_publication_date() -> None:
    page = "Russia and North Korea signed a mutual defence treaty on Wednesday in Pyongyang."
    assert _verdict(TREATY, page, published=dt.date(2024, 6, 21))[0] is Verdict.SUPPORTED
    assert _verdict(TREATY, page)[0] is Verdict.UNVERIFIED


def test_date_in_the_neighbouring_sentence_counts() -> None:
    page = "It happened on 19 June 2024. Russia and North Korea signed a mutual defence treaty."
    assert _verdict(TREATY, page)[0] is Verdict.SUPPORTED


def test_sources_that_disagree_are_disputed_and_named() -> None:
    verdict, reason = _verdict(
        TREATY,
        "Russia and North Korea signed a mutual defence treaty on 19 June 2024.",
        "Russia and North Korea signed a mutual defence treaty in June 2023.",
    )
    assert verdict is Verdict.DISPUTED
    assert reason.startswith("sources disagree: https://s.test/0 support it, https://s.test/1")


def test_uncovered_parts_are_named() -> None:
    claim = "Russia sent 12,000 troops to Kursk in October 2024."
    verdict, reason = _verdict(claim, "Russia sent troops to Kursk in October 2024.")
    assert verdict is Verdict.UNVERIFIED
    assert reason == "partly confirmed: 12000 not found"


def test_no_sources_and_unreadable_sources_say_what_to_do() -> None:
    claim = _claim(TREATY)
    assert judge(claim, []).reason.startswith("no sources given")
    gone = SourceRead(
        Fetched(
            "https://s.test/a", "https://s.test/a", FetchOutcome.HTTP_ERROR, "HTTP 404", status=404
        )
    )
    result = judge(claim, [Evidence("https://s.test/a", gone)])
    assert result.verdict is Verdict.UNVERIFIED
    assert result.reason == "no source could be read: http-error: HTTP 404"


def test_manual_verdict_wins_and_the_automatic_one_is_kept() -> None:
    claim = _claim(TREATY)
    from dataclasses import replace

    manual = replace(claim, verdict=Verdict.DISPUTED, note="the ministry says July")
    page = "Russia and North Korea signed a mutual defence treaty on 19 June 2024."
    result = judge(manual, [Evidence("u", _read(page), tuple(candidates(claim, page, 55)))])
    assert (result.verdict, result.automatic, result.manual) == (
        Verdict.DISPUTED,
        Verdict.SUPPORTED,
        True,
    )
    assert result.reason == "manual verdict: the ministry says July"
