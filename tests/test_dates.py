"""Date expressions: finding, normalising and comparing. One row per behaviour."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from factcheck.claims import Article, extract_claims
from factcheck.dates import compare, effective_range, find_dates, parse_date
from factcheck.dates.value import timeml_value
from factcheck.models import DateExpr, Precision, Qualifier, Relation

REF = dt.date(2025, 8, 20)  # a Wednesday

# sentence, expected text, start, end, precision, qualifier
FOUND = [
    ("The summit was held on August 15, 2025.", "August 15, 2025", "2025-08-15", "2025-08-15", "day", "on"),
    ("They met on 15 August 2025 in Alaska.", "15 August 2025", "2025-08-15", "2025-08-15", "day", "on"),
    ("They met on 15 Aug. 2025.", "15 Aug. 2025", "2025-08-15", "2025-08-15", "day", "on"),
    ("They met on Aug. 15, 2025.", "Aug. 15, 2025", "2025-08-15", "2025-08-15", "day", "on"),
    ("It happened on the 15th of August, 2025.", "15th of August, 2025", "2025-08-15", "2025-08-15", "day", "on"),
    ("On Friday, August 15, 2025, they met.", "Friday, August 15, 2025", "2025-08-15", "2025-08-15", "day", "on"),
    ("It was signed on August 1st, 2025.", "August 1st, 2025", "2025-08-01", "2025-08-01", "day", "on"),
    ("The file is dated 2025-08-15.", "2025-08-15", "2025-08-15", "2025-08-15", "day", ""),
    ("The memo is dated 15/08/2025.", "15/08/2025", "2025-08-15", "2025-08-15", "day", ""),
    ("The memo is dated 08/15/2025.", "08/15/2025", "2025-08-15", "2025-08-15", "day", ""),
    ("The memo is dated 15.08.2025.", "15.08.2025", "2025-08-15", "2025-08-15", "day", ""),
    ("Talks ran 7–10 May 2025 in Istanbul.", "7–10 May 2025", "2025-05-07", "2025-05-10", "day", ""),
    ("Talks ran from May 7-10, 2025.", "May 7-10, 2025", "2025-05-07", "2025-05-10", "day", "in"),
    ("The fair ran 30 April – 2 May 2025.", "30 April – 2 May 2025", "2025-04-30", "2025-05-02", "day", ""),
    ("The treaty was signed in June 2024.", "June 2024", "2024-06-01", "2024-06-30", "month", "in"),
    ("The treaty was signed in June of 2024.", "June of 2024", "2024-06-01", "2024-06-30", "month", "in"),
    ("By October 2024, troops had arrived.", "October 2024", "2024-10-01", "2024-10-31", "month", "by"),
    ("Fighting lasted from June 2024 to March 2025.", "June 2024 to March 2025", "2024-06-01", "2025-03-31", "month", "in"),
    ("Fighting raged June–August 2024.", "June–August 2024", "2024-06-01", "2024-08-31", "month", ""),
    ("The ground was retaken by early 2025.", "early 2025", "2025-01-01", "2025-04-30", "part", "by"),
    ("Growth slowed in mid-2025.", "mid-2025", "2025-05-01", "2025-08-31", "part", "in"),
    ("Talks stalled in late 2024.", "late 2024", "2024-09-01", "2024-12-31", "part", "in"),
    ("The law passed at the end of 2024.", "the end of 2024", "2024-09-01", "2024-12-31", "part", "in"),
    ("Sales rose in the first half of 2025.", "the first half of 2025", "2025-01-01", "2025-06-30", "part", "in"),
    ("Output fell in Q3 2024.", "Q3 2024", "2024-07-01", "2024-09-30", "part", "in"),
    ("Output fell in the third quarter of 2024.", "the third quarter of 2024", "2024-07-01", "2024-09-30", "part", "in"),
    ("The offensive began in summer 2023.", "summer 2023", "2023-06-01", "2023-08-31", "part", "in"),
    ("The offensive began in the spring of 2022.", "spring of 2022", "2022-03-01", "2022-05-31", "part", "in"),
    ("Shelling resumed in early June 2024.", "early June 2024", "2024-06-01", "2024-06-10", "part", "in"),
    ("Shelling resumed in late February 2022.", "late February 2022", "2022-02-21", "2022-02-28", "part", "in"),
    ("After the 2024 Crocus City Hall attack, raids rose.", "2024", "2024-01-01", "2024-12-31", "year", "since"),
    ("Raids rose after events like the 2024 attack.", "2024", "2024-01-01", "2024-12-31", "year", ""),
    ("Talks began prior to the 2016 referendum.", "2016", "2016-01-01", "2016-12-31", "year", "until"),
    ("Signs emerged in 2025.", "2025", "2025-01-01", "2025-12-31", "year", "in"),
    ("His 2022 exchange with Lévy drew notice.", "2022", "2022-01-01", "2022-12-31", "year", ""),
    ("Prices have risen since 2022.", "2022", "2022-01-01", "2022-12-31", "year", "since"),
    ("No deal was struck before 2020.", "2020", "2020-01-01", "2020-12-31", "year", "before"),
    ("Exports recovered after 2016.", "2016", "2016-01-01", "2016-12-31", "year", "after"),
    ("The ban lasted until 2019.", "2019", "2019-01-01", "2019-12-31", "year", "until"),
    ("Russia's economy grew in 2025’s first half.", "2025", "2025-01-01", "2025-12-31", "year", "in"),
    ("He served 2019–2021 as envoy.", "2019–2021", "2019-01-01", "2021-12-31", "year", ""),
    ("He served 2019-21 as envoy.", "2019-21", "2019-01-01", "2021-12-31", "year", ""),
    ("He served between 2019 and 2021.", "2019 and 2021", "2019-01-01", "2021-12-31", "year", "in"),
    ("He served from 2019 to 2021.", "2019 to 2021", "2019-01-01", "2021-12-31", "year", "in"),
    ("Racism resurged in the 1990s.", "1990s", "1990-01-01", "1999-12-31", "decade", "in"),
    ("Racism resurged in the 1990s and 2000s.", "1990s and 2000s", "1990-01-01", "2009-12-31", "decade", "in"),
    ("It peaked in the early 1990s.", "early 1990s", "1990-01-01", "1993-12-31", "decade", "in"),
    ("It peaked in the late 1980s.", "late 1980s", "1987-01-01", "1989-12-31", "decade", "in"),
    ("Music of the '80s is back.", "'80s", "1980-01-01", "1989-12-31", "decade", ""),
    ("Railways spread in the 1800s.", "1800s", "1800-01-01", "1899-12-31", "century", "in"),
    ("Fear grew in the 19th century.", "19th century", "1801-01-01", "1900-12-31", "century", "in"),
    ("During the 19th and early 20th centuries, fear grew.", "19th and early 20th centuries", "1801-01-01", "1933-12-31", "century", "in"),
    ("It began in the nineteenth century.", "nineteenth century", "1801-01-01", "1900-12-31", "century", "in"),
    ("It ended in the mid-20th century.", "mid-20th century", "1934-01-01", "1966-12-31", "century", "in"),
    ("Trade grew in the twenty-first century.", "twenty-first century", "2001-01-01", "2100-12-31", "century", "in"),
    ("No summit was confirmed as of August 24, 2025.", "August 24, 2025", "2025-08-24", "2025-08-24", "day", "as of"),
    ("The rule applied prior to March 2020.", "March 2020", "2020-03-01", "2020-03-31", "month", "before"),
    ("Payment is due no later than 1 July 2025.", "1 July 2025", "2025-07-01", "2025-07-01", "day", "by"),
    ("Inflation, as of June 2025, stood at 9%.", "June 2025", "2025-06-01", "2025-06-30", "month", "as of"),
    ("The rate, as at 30 June 2025, was 4%.", "30 June 2025", "2025-06-30", "2025-06-30", "day", "as of"),
    ("The deal runs until at least 2029.", "2029", "2029-01-01", "2029-12-31", "year", "until"),
    ("Talks ran between March and June 2025.", "March and June 2025", "2025-03-01", "2025-06-30", "month", "in"),
    ("Talks ran between 7 and 10 May 2025.", "7 and 10 May 2025", "2025-05-07", "2025-05-10", "day", "in"),
    ("From 30 December 2024 to 2 January 2025 the border was shut.", "30 December 2024 to 2 January 2025", "2024-12-30", "2025-01-02", "day", "in"),
    ("Records were kept between 1610 and 1995.", "1610 and 1995", "1610-01-01", "1995-12-31", "year", "in"),
    ("It was the winter of 2021–22.", "winter of 2021–22", "2021-12-01", "2022-02-28", "part", ""),
    ("Their first title since the 2015-16 season.", "2015-16", "2015-01-01", "2016-12-31", "year", "since"),
    ("The 1999–00 season was long.", "1999–00", "1999-01-01", "2000-12-31", "year", ""),
    ("The church dates from the 12th century.", "12th century", "1101-01-01", "1200-12-31", "century", "in"),
    ("Growth returned in fourth-quarter 2024.", "fourth-quarter 2024", "2024-10-01", "2024-12-31", "part", "in"),
    ("Fashion of the mid-90s returned.", "mid-90s", "1994-01-01", "1996-12-31", "decade", ""),
    ("In 1918 women over 30 won the vote.", "1918", "1918-01-01", "1918-12-31", "year", "in"),
    ("Obama's 2008 campaign was long.", "2008", "2008-01-01", "2008-12-31", "year", ""),
    ("He moved to 1600 Victoria Road in 2011.", "2011", "2011-01-01", "2011-12-31", "year", "in"),
    ("Mayor May Johnson opened the bridge on 2 June 2025.", "2 June 2025", "2025-06-02", "2025-06-02", "day", "on"),
    ("Date: Fri 15 Feb 19", "Fri 15 Feb 19", "2019-02-15", "2019-02-15", "day", ""),  # the weekday confirms '19
    ("Posted Wed, Mar 1, 17 at noon", "Wed, Mar 1, 17", "2017-03-01", "2017-03-01", "day", ""),
    ("Filed Sat 3 Jan 98", "Sat 3 Jan 98", "1998-01-03", "1998-01-03", "day", ""),
]  # fmt: skip


def test_descending_decades_are_two_dates() -> None:
    dates = find_dates("Crime fell in the 2010s and 1990s.")
    assert [(d.text, d.start, d.end) for d in dates] == [
        ("2010s", dt.date(2010, 1, 1), dt.date(2019, 12, 31)),
        ("1990s", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ]


@pytest.mark.parametrize(("sentence", "text", "start", "end", "precision", "qualifier"), FOUND)
def test_expression_is_found_and_normalised(
    sentence: str, text: str, start: str, end: str, precision: str, qualifier: str
) -> None:
    dates = find_dates(sentence)
    assert len(dates) == 1, dates
    (d,) = dates
    assert d.text == text
    assert sentence[d.offset : d.stop] == text
    assert (d.start, d.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert d.precision is Precision(precision)
    assert d.qualifier is Qualifier(qualifier)


# sentence, expected text, start, end, precision, given REF (Wed 20 Aug 2025)
RELATIVE = [
    ("The talks collapsed on Friday.", "Friday", "2025-08-15", "2025-08-15", "day"),
    ("They met last Monday.", "last Monday", "2025-08-18", "2025-08-18", "day"),
    ("The vote is today.", "today", "2025-08-20", "2025-08-20", "day"),
    ("The vote was yesterday.", "yesterday", "2025-08-19", "2025-08-19", "day"),
    ("He was crowned champion this afternoon.", "this afternoon", "2025-08-20", "2025-08-20", "day"),
    ("The fire started last night.", "last night", "2025-08-19", "2025-08-19", "day"),
    ("Prices rose last month.", "last month", "2025-07-01", "2025-07-31", "month"),
    ("Prices rose this year.", "this year", "2025-01-01", "2025-12-31", "year"),
    ("Prices rose last year.", "last year", "2024-01-01", "2024-12-31", "year"),
    ("Talks begin next week.", "next week", "2025-08-25", "2025-08-31", "part"),
    ("He resigned three days ago.", "three days ago", "2025-08-17", "2025-08-17", "day"),
    ("He resigned two years ago.", "two years ago", "2023-01-01", "2023-12-31", "year"),
    ("Fighting flared earlier this month.", "this month", "2025-08-01", "2025-08-20", "month"),
    ("The deal was signed in March.", "March", "2025-03-01", "2025-03-31", "month"),
    ("The deal was signed on August 4.", "August 4", "2025-08-04", "2025-08-04", "day"),
    ("The deal was signed on 4 August.", "4 August", "2025-08-04", "2025-08-04", "day"),
    ("Prices rose late last year.", "late last year", "2024-09-01", "2024-12-31", "part"),
    ("It will reopen later this year.", "later this year", "2025-08-20", "2025-12-31", "year"),
]  # fmt: skip


# sentence, reference, expected start: a month or day without a year takes the nearest one
NEAREST = [
    ("Fighting broke out on December 29.", "2025-01-03", "2024-12-29"),
    ("The border reopened in December.", "2025-01-03", "2024-12-01"),
    ("The border reopened in February.", "2025-01-03", "2024-02-01"),  # the past one
    ("In May, the river flooded.", "2025-03-12", "2024-05-01"),
    ("The plant opened last March.", "2025-08-20", "2025-03-01"),
    ("The plant opened last September.", "2025-08-20", "2024-09-01"),
    ("The plant opens next March.", "2025-01-10", "2025-03-01"),
]


@pytest.mark.parametrize(("sentence", "reference", "start"), NEAREST)
def test_year_of_a_yearless_date_is_the_nearest(sentence: str, reference: str, start: str) -> None:
    (d,) = find_dates(sentence, reference=dt.date.fromisoformat(reference))
    assert d.start == dt.date.fromisoformat(start)


def test_relative_date_out_of_range_is_dropped_not_raised() -> None:
    assert find_dates("It happened 100 years ago.", reference=dt.date(1, 1, 5)) == []


@pytest.mark.parametrize(("sentence", "text", "start", "end", "precision"), RELATIVE)
def test_relative_expression_resolves_against_reference(
    sentence: str, text: str, start: str, end: str, precision: str
) -> None:
    (d,) = find_dates(sentence, reference=REF)
    assert d.text.endswith(text)
    assert d.relative
    assert (d.start, d.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert d.precision is Precision(precision)


@pytest.mark.parametrize("sentence", [s for s, *_ in RELATIVE])
def test_relative_expression_without_reference_is_unresolved(sentence: str) -> None:
    (d,) = find_dates(sentence)
    assert not d.resolved
    assert d.start is None


NOT_DATES = [
    "Russia sent 2,000 troops to the front.",
    "Russia sent 2000 troops to the front.",
    "The plan costs $2025 per household.",
    "Some 1500 soldiers were captured.",
    "The bill passed with 1999 votes.",
    "Critics may characterize the plan as appeasement.",
    "Thousands marched in the capital.",
    "The memo is dated 03/04/2025.",  # day-first or month-first cannot be told
    "Call 555-2025 for details.",
    "Flight 1944 landed safely.",
    "She is in her 90s.",
    "The pact covers 1000s of square kilometres.",
    "The score was 2024.5 points.",
    "Black Friday sales rose.",
    "The 30 May anniversary",  # a day and month with no year and no reference
    "He lives at 1600 Pennsylvania Avenue.",
    "Shares rose 4.5% to NOK 2025.",
    "Flight BA 2025 landed late.",
    "The Amiga 1000 computer sold well.",
    "Under Vision 2030 the kingdom changed.",
    "Pages 1998-2003 are missing.",
    "Between 1500 and 2000 troops were sent.",
    "Update to v2.1.2024 now.",
    "It ran in the Sunday Times.",
    "The companies of tomorrow need staff.",
    "Today's leaders met.",
    "It was delivered by April Jones.",
    "It was signed on 31 June 2025.",  # no such day: nothing, not "June 2025"
    "It was signed on 29 February 2025.",
    "The news broke at 2030 GMT.",
    "It carries a 1 in 2000 chance of failure.",
    "Windows 2000 was still running.",
    "Mon 15 Feb 19",  # 15 February 2019 was a Friday, 1919 a Saturday: no year
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_non_dates_are_not_resolved_dates(sentence: str) -> None:
    assert [d for d in find_dates(sentence) if d.resolved] == []


# A year used as a modifier is the date of what it modifies, even when a capitalised
# name follows: only a number without an article before it can be a street address.
YEAR_MODIFIERS = [
    ("Brown v. Board was a landmark 1954 Supreme Court case.", "1954"),
    ("The 1954 Supreme Court ruling still stands.", "1954"),
    ("She won gold at the 2016 Olympics.", "2016"),
    ("He played every game of the 2016 season.", "2016"),
    ("Their 2012 Main Street parade drew crowds.", "2012"),
    ("It was a 2013 Oxford University study.", "2013"),
    ("The film (1917) was shot in one take.", "1917"),
    ("He was named 2008 Coach of the Year.", "2008"),
    ("They brought in a record 2019 harvest.", "2019"),
    ("The haze has thinned (Kerr 2007).", "2007"),  # an author and a year
    ("A cycle was found (Alexander, 2007; Hoyt 1997).", "2007"),
    ("The record was revised (Smith et al. 2011).", "2011"),
    ("Her 1989 album sold well.", "1989"),
]


@pytest.mark.parametrize(("sentence", "year"), YEAR_MODIFIERS)
def test_year_used_as_a_modifier_is_a_year(sentence: str, year: str) -> None:
    found = [d for d in find_dates(sentence) if d.resolved]
    assert found[0].text == year
    assert found[0].precision is Precision.YEAR
    assert found[0].start == dt.date(int(year), 1, 1)


# A four-digit number that names something is no date: a title right after the word for
# a work or in quotation marks, a name before it ("ICRC 2016"), an address.
YEAR_NAMES = [
    "Her album 1989 sold ten million copies.",
    "She sang songs from “1989” on the tour.",
    'The hit "1999" was written by Prince.',
    "The film titled 1917 won three awards.",
    "The novel titled 1984 was banned.",
    "Papers were read at ICRC 2016 in Nagoya.",
    "Tickets for Rio 2016 went on sale.",
    "The conference (ICRC 2016) met in a hotel.",
    "Old machines (Windows 2000 and older) were replaced.",
    "The office is at 1954 Supreme Court Way.",
    "They lived at 2016 Main Street.",
]


@pytest.mark.parametrize("sentence", YEAR_NAMES)
def test_number_that_names_a_work_place_or_event_is_no_year(sentence: str) -> None:
    assert [d for d in find_dates(sentence) if d.resolved] == []


def test_several_expressions_in_one_sentence_come_in_order() -> None:
    text = "Following the inauguration in January 2025, they met on August 15, 2025."
    assert [d.text for d in find_dates(text)] == ["January 2025", "August 15, 2025"]


def test_parse_date_returns_first_resolved() -> None:
    d = parse_date("Russia and North Korea signed a treaty in June 2024.")
    assert d is not None
    assert (d.start, d.end, d.precision) == (
        dt.date(2024, 6, 1),
        dt.date(2024, 6, 30),
        Precision.MONTH,
    )


def _d(text: str, qualifier: str = "", ref: dt.date | None = None) -> DateExpr:
    found = parse_date(text, ref)
    assert found is not None, text
    return DateExpr(found.text, found.start, found.end, found.precision, Qualifier(qualifier))


# claim date, claim qualifier, found date, found qualifier, relation
COMPARE = [
    ("June 2024", "in", "June 19, 2024", "on", "inside"),
    ("June 2024", "in", "June 2024", "in", "inside"),
    ("June 2024", "in", "2024", "in", "overlap"),
    ("June 2024", "in", "June 2023", "in", "disjoint"),
    ("June 19, 2024", "on", "June 2024", "in", "overlap"),
    ("June 19, 2024", "on", "June 20, 2024", "on", "disjoint"),
    ("October 2024", "by", "September 2024", "in", "inside"),
    ("October 2024", "by", "October 30, 2024", "on", "inside"),
    ("October 2024", "by", "November 2024", "in", "disjoint"),
    ("October 2024", "in", "October 2024", "by", "overlap"),
    ("early 2025", "by", "May 2025", "in", "overlap"),
    ("early 2025", "by", "March 2025", "in", "inside"),
    ("early 2025", "by", "September 2025", "in", "disjoint"),
    ("early 2025", "in", "mid-2024", "in", "disjoint"),
    ("early 2025", "in", "late 2024", "in", "overlap"),  # adjacent vague words: not a contradiction
    ("August 24, 2025", "as of", "August 1, 2025", "on", "inside"),
    ("August 24, 2025", "as of", "September 2025", "in", "disjoint"),
    ("2022", "since", "March 2022", "in", "inside"),  # "since" dates a start
    ("2022", "since", "March 2024", "in", "overlap"),  # in the period, not its start
    ("2022", "since", "2019", "in", "disjoint"),
    ("2012", "since", "May 2018", "since", "disjoint"),  # a later start
    ("2019", "since", "2016", "since", "disjoint"),  # an earlier start
    ("2020", "before", "2019", "in", "inside"),
    ("2020", "before", "2020", "in", "disjoint"),
    ("2016", "after", "2018", "in", "inside"),
    ("the 1990s", "in", "1995", "in", "inside"),
    ("the 1990s", "in", "2000", "in", "overlap"),
    ("the 1990s", "in", "2005", "in", "disjoint"),
    ("the 19th century", "in", "1899", "in", "inside"),
    ("the 19th century", "in", "1950", "in", "disjoint"),
    ("Q4 2024", "in", "January 5, 2025", "on", "disjoint"),  # quarters have crisp edges
    ("the first half of 2025", "in", "July 2025", "in", "disjoint"),
    ("late 2024", "in", "January 5, 2025", "on", "overlap"),  # "late" is vague
]  # fmt: skip


@pytest.mark.parametrize(("claim", "cq", "found", "fq", "relation"), COMPARE)
def test_compare(claim: str, cq: str, found: str, fq: str, relation: str) -> None:
    result = compare(_d(claim, cq), _d(found, fq))
    assert result.relation is Relation(relation), result.reason
    assert "\n" not in result.reason
    assert found.replace("the ", "") in result.reason


def test_by_widens_start_to_beginning_of_time() -> None:
    lo, hi = effective_range(_d("October 2024", "by"))
    assert lo == dt.date.min
    assert hi == dt.date(2024, 10, 31)


def test_compare_refuses_unresolved_dates() -> None:
    (friday,) = find_dates("on Friday")
    with pytest.raises(ValueError, match="unresolved"):
        compare(friday, friday)


# ---------------------------------------------------------------- newswire forms (issue 14)

D89, D97, D98, D13, D24 = "1989-10-26", "1997-08-15", "1998-02-06", "2013-03-14", "2024-11-20"

# sentence, publication date, expected text, expected TimeML value: one row per form
NEWSWIRE = [
    # a quarter or half without a year: part of the year, on the side of the tense
    ("Its third-quarter profit rose 12%.", D89, "third-quarter", "1989-Q3"),
    ("Revenue for the first half climbed 8%.", D89, "the first half", "1989-H1"),
    ("Unemployment peaked in the fourth quarter.", D13, "the fourth quarter", "2012-Q4"),
    ("Growth is expected to slow in the second quarter.", D13, "the second quarter", "2013-Q2"),
    ("Sales rose in the final quarter of last year.", D13, "the final quarter of last year", "2012-Q4"),
    # a weekday with no preposition: that day, the latest one (the next one ahead in the future)
    ("The ministry said Friday that 14 soldiers died.", D13, "Friday", "2013-03-08"),
    ("The navy said Thursday it found the wreck.", D13, "Thursday", "2013-03-14"),
    ("Rebels seized the town early Saturday.", D13, "early Saturday", "2013-03-09"),
    ("Friday's vote was close.", D24, "Friday", "2024-11-15"),
    ("The strike will end Friday.", D24, "Friday", "2024-11-22"),
    # future tense looks forward from the publication date
    ("The new line will begin service on April 7.", D13, "April 7", "2013-04-07"),
    ("Talks are due to resume on Monday.", D13, "Monday", "2013-03-18"),
    ("The hearing is set for Feb. 17.", D98, "Feb. 17", "1998-02-17"),
    ("The summit will be held in February.", D24, "February", "2025-02"),
    ("The summit was held in February.", D24, "February", "2024-02"),
    # anaphora: the precision of the anchor, or of the unit named
    ("Profit rose in the third quarter from $40 million a year earlier.", D89, "a year earlier", "1988-Q3"),
    ("Earnings fell in the third quarter. Income in the year-ago quarter was $9 million.", D89,
     "the year-ago quarter", "1988-Q3"),
    ("The dam was finished in 1994; the following year the valley flooded.", D98, "the following year", "1995"),
    ("The inquiry began in 1991; the previous year two officials resigned.", D97, "the previous year", "1990"),
    ("The bridge opened in May 1993. That year, traffic doubled.", D97, "That year", "1993"),
    ("The rebels took the city in May 1995. Later that month they withdrew.", D98, "Later that month", "1995-05"),
    ("The strike began on Jan. 20 and ended two weeks later.", D98, "two weeks later", "1998-02-03"),
    ("The envoy arrived Wednesday and left the next day.", D97, "the next day", "1997-08-14"),
    ("The trust was set up in 1978 and sold a decade later.", D89, "a decade later", "1988"),
    # a season without a year
    ("He last visited the region last summer.", D13, "last summer", "2012-SU"),
    ("The strike ended last summer.", D97, "last summer", "1996-SU"),
    ("Elections are scheduled for next spring.", D13, "next spring", "2014-SP"),
    ("The drought ended in the spring.", D98, "the spring", "1997-SP"),
    ("The museum will open its new wing in the spring.", D24, "the spring", "2025-SP"),
    # a month with no preposition
    ("The festival will run through June.", D13, "June", "2013-06"),
    ("The agency warned in a June report that stocks were low.", D13, "June", "2012-06"),
    # the modifier is part of the span
    ("Inflation eased in late last July.", D98, "late last July", "1997-07"),
    # spelled-out years
    ("The charity was founded in nineteen ninety-four.", D13, "nineteen ninety-four", "1994"),
    ("The plan dates from two thousand and five.", D13, "two thousand and five", "2005"),
    ("The stadium opened in twenty twelve.", D13, "twenty twelve", "2012"),
    # "June last year", "two weeks ago"
    ("The company cut 300 jobs in June last year.", D98, "June last year", "1997-06"),
    ("The treaty was signed two weeks ago.", D13, "two weeks ago", "2013-02-28"),
    # ranges: both years
    ("The coach led the club in the 2009-2010 season.", D13, "2009-2010", "2009/2010"),
    ("The bill was debated during the 1957-58 session.", D98, "1957-58", "1957/1958"),
    # the end of the year, fiscal years
    ("The bank will raise rates by the end of the year.", D98, "the end of the year", "1998"),
    ("The factory closed at the end of last year.", D98, "the end of last year", "1997"),
    ("Rates will stay low until the end of next year.", D13, "the end of next year", "2014"),
    ("Spending will rise this fiscal year.", D24, "this fiscal year", "FY2024"),
    ("The utility expects earnings to rise in fiscal 1990.", D89, "fiscal 1990", "FY1990"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "published", "text", "value"), NEWSWIRE)
def test_newswire_form_is_found_with_its_value(
    sentence: str, published: str, text: str, value: str
) -> None:
    found = find_dates(sentence, dt.date.fromisoformat(published))
    assert [(d.text, timeml_value(d)) for d in found if d.text == text] == [(text, value)]


# Words that look like dates and are not: a name, a show, a habit, a count, a verb.
NEWSWIRE_NOT_DATES = [
    "January Jones starred in the drama for seven seasons.",
    "The actress January Jones wore a red gown.",
    "He repeated the claim on ABC's This Week.",
    "She told NBC's Today that she would not run.",
    "This Week in Review: markets stay calm.",
    "Farmers fear the new rules may hurt their harvest.",
    "The army sent 2,000 troops to the border.",
    "The fund is worth 1998 million dollars.",
    "A quarter of the voters are still undecided.",
    "Prices rose for a second straight quarter.",
    "He scored twice in the first half of the match.",
    "The Arab Spring swept several rulers from power.",
    "The spring water was found to be clean.",
    "The boat had run only in summer.",
    "The council meets every Monday in the town hall.",
    "Thousands gathered for Friday prayers in the old city.",
    "Saturday Night Live mocked the senator again.",
    "Black Friday sales rose again.",
    "Johnson and May agreed on a plan.",
    "The rise came in twenty two cases.",
    "That year, the valley flooded.",  # an anaphor with no date before it anchors nothing
    "Williams put Spain ahead early in the second half and Palmer scored late.",
    "They named the album after the summer the band first played together.",
]


@pytest.mark.parametrize("sentence", NEWSWIRE_NOT_DATES)
def test_newswire_lookalike_is_no_date(sentence: str) -> None:
    assert find_dates(sentence, dt.date(1997, 8, 15)) == []


def test_a_shift_compared_with_a_plan_is_no_date() -> None:
    found = find_dates("The race was held on 7 September 2024, a week later than first planned.")
    assert [d.text for d in found] == ["7 September 2024"]
    found = find_dates("The bridge opened in 2019, two years earlier than expected.")
    assert [d.text for d in found] == ["2019"]


def test_anaphor_resolves_without_a_publication_date() -> None:
    (_, later) = find_dates("The mine opened in 1988 and closed two years later.")
    assert (later.text, timeml_value(later), later.relative) == ("two years later", "1990", True)


def test_shift_finer_than_its_anchor_anchors_nothing() -> None:
    found = find_dates(
        "Southgate, who took charge in 2016, announced two days later that he would go."
    )
    assert [d.text for d in found] == ["2016"]


def test_over_the_next_year_is_the_coming_year_not_an_anaphor() -> None:
    found = find_dates("The dam opened in 2019 and the lake will fill over the next year.", REF)
    assert [(d.text, timeml_value(d)) for d in found] == [("2019", "2019"), ("next year", "2026")]


def test_new_relative_forms_without_reference_are_unresolved() -> None:
    found = find_dates(
        "Profit rose in the third quarter and fell last summer, officials said Friday."
    )
    assert [d.text for d in found] == ["the third quarter", "last summer", "Friday"]
    assert not any(d.resolved for d in found)


# Claims: a future or hedged sentence makes none, whatever its date; a fact does.
CLAIM_SENTENCES = [
    ("The ministry will close the bridge on Friday.", []),
    ("Profit is expected to rise in the second quarter.", []),
    ("Sales may have peaked last summer.", []),
    ("The ministry said Friday that it had closed the bridge.", ["2013-03-08"]),
    ("The mill shut in 1994 and reopened two years later.", ["1994", "1996"]),
]


@pytest.mark.parametrize(("sentence", "dates"), CLAIM_SENTENCES)
def test_new_date_kinds_make_claims_only_for_facts(sentence: str, dates: list[str]) -> None:
    article = Article("a.txt", sentence, "-", published=dt.date(2013, 3, 14))
    claims = extract_claims(article)
    assert [timeml_value(c.date) for c in claims if c.date] == dates


# Every item of the newswire test set (tests/dates/newswire.txt): each gold date is found
# (overlapping its span) with its value, and nothing else is. Known misses are listed.
NEWSWIRE_FILE = Path(__file__).parent / "dates" / "newswire.txt"
NEWSWIRE_MISSES = {
    "The court adjourned until Monday.": "'until' alone does not make the future tense",
}


def _newswire_items() -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    items = []
    for line in NEWSWIRE_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#") and line.strip():
            published, marked = line.split("\t")
            gold, text = [], ""
            for piece in re.split(r"(\[[^]]+\])", marked):
                if piece.startswith("["):
                    span, value = piece[1:-1].split("|")
                    gold.append((len(text), len(text) + len(span), value))
                    piece = span
                text += piece
            items.append((published, text, gold))
    return items


@pytest.mark.parametrize(
    ("published", "text", "gold"),
    [
        pytest.param(*item, marks=[pytest.mark.xfail(reason=NEWSWIRE_MISSES[item[1]], strict=True)])
        if item[1] in NEWSWIRE_MISSES
        else item
        for item in _newswire_items()
    ],
)
def test_newswire_item(published: str, text: str, gold: list[tuple[int, int, str]]) -> None:
    found = find_dates(text, dt.date.fromisoformat(published))
    got = [(d.offset, d.stop, timeml_value(d)) for d in found]
    assert [value for *_, value in got] == [value for *_, value in gold]
    assert all(a < gb and ga < b for (a, b, _), (ga, gb, _) in zip(got, gold, strict=True))
