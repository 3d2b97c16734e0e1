"""Stances and verdicts: one row per trap."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from factcheck.claims import Article, extract_claims
from factcheck.dates import parse_date
from factcheck.language.words import has_event, mentions, placed_elsewhere, places
from factcheck.match import candidates
from factcheck.models import (
    Claim,
    Fetched,
    FetchOutcome,
    SourceRead,
    SourceText,
    Verdict,
)
from factcheck.verify import Evidence, checkable_parts, judge
from factcheck.verify.readings import source_dates

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
    manual = replace(claim, verdict=Verdict.DISPUTED, note="the ministry says July")
    page = "Russia and North Korea signed a mutual defence treaty on 19 June 2024."
    result = judge(manual, [Evidence("u", _read(page), tuple(candidates(claim, page, 55)))])
    assert (result.verdict, result.automatic, result.manual) == (
        Verdict.DISPUTED,
        Verdict.SUPPORTED,
        True,
    )
    assert result.reason == "manual verdict: the ministry says July"


# ---------------------------------------------------------------- names, events, windows


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Presidents' Trophy", "They won the President's Trophy again.", True),
        ("A.V. Club", "a review in the AV Club", True),
        ("Iberoamerican", "the 6th Ibero-American championship", True),
        ("Sixty-Six Books", "a staging of Sixty Six Books", True),
        ("Libyan", "they were in Misrata, Libya", True),  # a demonym: its country
        ("Japanese", "a tour of Japan", True),
        ("Vladimir Putin", "Putin arrived late.", True),  # a surname stands for a person
        ("Supreme Court", "the court ruled", False),  # but "Court" is no surname
        ("Coastal Premier League", "the Northern League", False),
        ("Odessa Jackalopes", "the Odessa Jackalope mascot", True),
        ("Oxford University", "a team from the University of Oxford", True),  # either way round
        ("University of Leeds", "Leeds University researchers", True),
        ("Oxford University", "Oxford Brookes University", False),
    ],
)
def test_namementions(name: str, text: str, found: bool) -> None:
    assert mentions(text, name) is found


def test_names_joined_by_of_or_a_possessive_are_checked_one_by_one() -> None:
    parts = checkable_parts(
        _claim("Lind signed with Harbour FC of the Coastal League in May 2024.")
    )
    assert {"Harbour FC", "Coastal League"} <= set(parts.names)
    parts = checkable_parts(_claim("In May 2024 the Forum's Business Council met in Hanoi."))
    assert {"Business Council", "Hanoi"} <= set(parts.names)
    parts = checkable_parts(_claim("In May 2024 the Senior Men's National Team met in Oslo."))
    assert "Senior Men's National Team" in parts.names  # "Men's" is part of the name


@pytest.mark.parametrize(
    ("word", "text", "loose", "found"),
    [
        ("released", "Salt Roads hits stores on 4 October.", True, True),
        ("died", "His death was announced on Monday.", True, True),
        ("appointed", "The club hired her as coach.", True, True),
        ("won", "They have won the cup.", True, True),
        ("signed", "They joined the club.", True, True),
        ("signed", "They joined the club.", False, False),  # contradiction needs the word
        ("signed", "The treaty entered into force.", True, False),
    ],
)
def test_event_wordings(word: str, text: str, loose: bool, found: bool) -> None:
    assert has_event(text, word, loose=loose) is found


def test_event_words_leave_out_names_and_possessives() -> None:
    claim = Claim("p", "Paterson died on November 10, 2018, at the age of 78.")
    claim = replace(claim, date=parse_date(claim.text))
    assert checkable_parts(claim).events == ("died",)
    claim = Claim("b", "The band's third album was released on November 2, 2004.")
    claim = replace(claim, date=parse_date(claim.text))
    assert "band's" not in checkable_parts(claim).events


MILL = "Ostrava Paper sold the Hadley Mill to Brenner Holdings in April 2023."


def test_names_may_sit_in_an_earlier_paragraph() -> None:
    page = (
        "Ostrava Paper had tried for years to sell the Hadley Mill to Brenner Holdings.\n\n"
        "It sold the mill in April 2023 for an undisclosed sum."
    )
    assert _verdict(MILL, page)[0] is Verdict.SUPPORTED


def test_a_dated_sentence_naming_neither_the_parties_nor_the_event_is_no_evidence() -> None:
    page = (
        "Ostrava Paper sold the Hadley Mill to Brenner Holdings, the papers said.\n\n"
        "Their offices were repainted in April 2023."
    )
    assert _verdict(MILL, page)[0] is Verdict.UNVERIFIED


def test_the_event_word_may_be_in_a_nearby_paragraph() -> None:
    page = (
        "Brenner Holdings and the owners of the Hadley Mill met in Prague in April 2023.\n\n"
        "Ostrava Paper sold the mill to Brenner at that meeting."
    )
    assert _verdict(MILL, page)[0] is Verdict.SUPPORTED


GLASSHOUSE = "The Ferrand Botanical Garden reopened its Victorian glasshouse in {date}."


@pytest.mark.parametrize(
    ("date", "sentence", "published", "verdict"),
    [
        ("2023", "reopened", dt.date(2023, 10, 21), Verdict.SUPPORTED),
        ("the 2020s", "reopened", dt.date(2023, 10, 21), Verdict.SUPPORTED),
        ("2022", "reopened", dt.date(2023, 10, 21), Verdict.UNVERIFIED),  # reported a year on
        ("2023", "reopened", dt.date(2023, 1, 20), Verdict.UNVERIFIED),  # maybe last year's news
        ("2023", "reopened", dt.date(2023, 2, 1), Verdict.SUPPORTED),
        ("October 2023", "reopened", dt.date(2023, 10, 21), Verdict.UNVERIFIED),  # too fine
        ("2023", "will reopen", dt.date(2023, 3, 2), Verdict.UNVERIFIED),  # still to come
        ("2023", "reopened", None, Verdict.UNVERIFIED),
        ("by 2024", "reopened", dt.date(2023, 10, 21), Verdict.SUPPORTED),  # done by then
        ("after 2020", "reopened", dt.date(2023, 10, 21), Verdict.UNVERIFIED),  # maybe before
    ],
)
def test_an_undated_report_is_dated_by_its_page_for_a_year_or_coarser(
    date: str, sentence: str, published: dt.date | None, verdict: Verdict
) -> None:
    page = f"The Ferrand Botanical Garden {sentence} its Victorian glasshouse to the public."
    got, reason = _verdict(GLASSHOUSE.format(date=date), page, published=published)
    assert got is verdict, reason
    if verdict is Verdict.SUPPORTED:
        assert f"published on {published}" in reason


def test_a_sentence_without_names_or_date_is_not_cited() -> None:
    claim = _claim(MILL)
    page = (
        "Ostrava Paper sold the Hadley Mill to Brenner Holdings in April 2023.\n\n"
        "It was sold once before, decades ago."
    )
    result = judge(claim, [Evidence("u", _read(page), tuple(candidates(claim, page, 55)))])
    assert [c.quote for c in result.citations] == [page.split("\n\n")[0]]


def test_an_unresolved_relative_date_blocks_a_contradiction() -> None:
    claim = "The Harbour Rowing Club won the national coastal cup in 2024."
    page = "The Harbour Rowing Club won the national coastal cup this year, as in 2023."
    assert _verdict(claim, page)[0] is Verdict.UNVERIFIED
    assert _verdict(claim, page, published=dt.date(2024, 9, 1))[0] is Verdict.SUPPORTED


def test_the_claims_other_dates_must_be_covered_too() -> None:
    claim = "The film opened in Oslo on 18 October 2018 and in cinemas on 9 November 2018."
    both = "The film opened in Oslo on 18 October 2018 and reached cinemas on 9 November 2018."
    one = "The film opened in Oslo on 18 October 2018, the festival said."
    written = Claim("film", claim, date=parse_date(claim))  # as an editor writes it
    for page, verdict, reason in [
        (both, Verdict.SUPPORTED, "inside the claim's"),
        (one, Verdict.UNVERIFIED, "partly confirmed: 9 November 2018 not found"),
    ]:
        result = judge(written, [Evidence("u", _read(page), tuple(candidates(written, page, 55)))])
        assert result.verdict is verdict
        assert reason in result.reason


def test_a_claim_without_names_needs_a_close_wording() -> None:
    text = "The global sea level rose faster than ever recorded in 2019, a study found."
    claim = Claim("sea", text, date=parse_date(text))  # as an editor writes it
    close = "The global sea level rose faster than ever recorded in 2019, the study found."
    loose = "In 2019 a study recorded that coastal walls were ageing."
    for page, verdict in [(close, Verdict.SUPPORTED), (loose, Verdict.UNVERIFIED)]:
        evidence = Evidence("u", _read(page), tuple(candidates(claim, page, 55)))
        assert judge(claim, [evidence]).verdict is verdict


def test_a_yearless_date_after_the_publication_month_is_also_read_as_next() -> None:
    claim = "Ana Ruiz fought Dana Kell for the title in Corrib on 9 April 2011."
    page = "Ana Ruiz and Dana Kell will fight for the title in Corrib on April 9."
    assert _verdict(claim, page, published=dt.date(2011, 2, 22))[0] is Verdict.SUPPORTED
    past = "Ana Ruiz and Dana Kell fought for the title in Corrib on April 9."
    claim_2010 = claim.replace("2011", "2010")
    assert _verdict(claim_2010, past, published=dt.date(2011, 2, 22))[0] is Verdict.SUPPORTED
    # a date with its year is read one way only
    dated = "Ana Ruiz and Dana Kell fought for the title in Corrib on April 9, 2010."
    assert _verdict(claim, dated, published=dt.date(2011, 2, 22))[0] is Verdict.DISPUTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Varga was re-elected Tuesday to the council.", ["2017-11-07"]),
        ("Officials said Monday's count was final.", ["2017-11-06"]),
        ("Shops opened early on Black Friday.", []),  # a name
        ("The Sunday Times said so.", []),
        ("It was Tuesday, October 15, 2013.", ["2013-10-15"]),  # the weekday of a full date
        ("The market opens every Tuesday.", []),  # no one day
        ("Services are held each Sunday.", []),
        ("They met on a Friday in May.", ["2017-05-01"]),  # only the month
    ],
)
def test_a_bare_weekday_resolves_against_the_publication_date(
    text: str, expected: list[str]
) -> None:
    found = source_dates(text, dt.date(2017, 11, 8))
    assert [d.start.isoformat() for d in found if d.start] == expected
    assert source_dates("Varga was re-elected Tuesday.", None) == []


def test_a_contradiction_needs_the_claims_numbers_in_the_sentence() -> None:
    claim = "Russia sent 12,000 troops to Kursk in October 2024."
    assert _verdict(claim, "Russia sent 12,000 troops to Kursk in March 2024.")[0] is (
        Verdict.DISPUTED
    )
    assert _verdict(claim, "Russia sent troops to Kursk in March 2024.")[0] is Verdict.UNVERIFIED


def test_places_are_read_as_place_and_region() -> None:
    text = "It met at the Hilton San Diego/Del Mar, in Del Mar, California, in May, Ruiz said."
    assert places(text) == [("Del Mar", "California")]  # not "May, Ruiz"
    assert places("It was held in Del Mar, California.") == [("Del Mar", "California")]


@pytest.mark.parametrize(
    ("source", "elsewhere"),
    [
        ("It was held at the Hilton San Diego/Del Mar, in Del Mar, California.", True),
        ("It was held in San Diego, California, at the Hilton.", False),
        ("It was held in Downtown San Diego, California.", False),  # a part of the place
        ("It was held in Del Mar, Spain, near San Diego.", False),  # another region
        ("It was held at the Hilton San Diego.", False),  # no place said in the region
    ],
)
def test_a_place_is_elsewhere_when_the_source_puts_it_in_another_one_of_the_region(
    source: str, elsewhere: bool
) -> None:
    assert placed_elsewhere(source, "San Diego", "California") is elsewhere


def test_a_claims_place_named_only_inside_another_place_is_not_covered() -> None:
    claim = "The Harbour Robotics Fair was held in San Diego, California, in October 2016."
    there = "The Harbour Robotics Fair was held in San Diego, California, on 18 October 2016."
    elsewhere = (
        "The Harbour Robotics Fair was held on 18 October 2016 at the Hilton San Diego/Del Mar,"
        " in Del Mar, California."
    )
    assert _verdict(claim, there)[0] is Verdict.SUPPORTED
    verdict, reason = _verdict(claim, elsewhere)
    assert verdict is Verdict.UNVERIFIED
    assert "San Diego, California" in reason


@pytest.mark.parametrize(
    ("claim", "negated"),
    [
        ("Lisbon did not sign the harbour treaty on 3 March 2024.", True),
        ("Lisbon signed the harbour treaty on 3 March 2024.", False),
        ('Lisbon signed the harbour treaty on 3 March 2024, calling it "not perfect".', None),
        ("Lisbon signed the harbour treaty on 3 March 2024, calling it “not perfect”.", None),
    ],
)
def test_a_negation_in_quoted_words_leaves_the_claims_polarity_open(
    claim: str, negated: bool | None
) -> None:
    whole = Claim(id="q", text=claim, quote=claim, date=parse_date(claim))
    assert checkable_parts(whole).negated is negated


def test_a_claim_quoting_a_negation_is_judged_by_the_quoted_words() -> None:
    claim = 'On 3 May 2024 the ministry said the harbour treaty was "not yet ratified".'
    said = "On 3 May 2024 the ministry said the harbour treaty was not yet ratified."
    other = "On 3 May 2024 the ministry said the harbour treaty was ratified."
    assert _verdict(claim, said)[0] is Verdict.SUPPORTED
    assert _verdict(claim, other)[0] is Verdict.UNVERIFIED


def test_a_year_that_describes_a_noun_supports_nothing() -> None:
    claim = "The party committee announced its debate schedule in 2020."
    written = Claim("debates", claim, date=parse_date(claim))
    describing = "The party committee announced the debate schedule for the 2020 race."
    dating = "The party committee announced the debate schedule in 2020."
    for page, verdict in [(describing, Verdict.UNVERIFIED), (dating, Verdict.SUPPORTED)]:
        found = tuple(candidates(written, page, 55))
        result = judge(written, [Evidence("u", _read(page), found)])
        assert result.verdict is verdict, result.reason
