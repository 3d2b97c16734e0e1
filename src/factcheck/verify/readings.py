"""The dates a source sentence gives, read as a source means them.

An undated sentence may also take its page's date: see :func:`reported_date`.

On top of the date grammar: a bare weekday ("re-elected Tuesday") resolves against the
publication date like "on Tuesday" does, and a yearless date that the grammar puts in
the year before the publication ("on April 9" in a February article) is also read in
the year after, since sources announce what is coming.

Both stay out of the grammar on purpose. The grammar gives one reading per expression,
and the second reading of a yearless date is a doubt only a source comparison can
settle. A bare weekday is a date in a dated news story, but in an article being
extracted it would turn "Friday prayers" or "Tuesday's meeting" into dated claims.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from factcheck.dates import compare, find_dates
from factcheck.language.sentences import Clause, hedged
from factcheck.models import DateExpr, Precision, Qualifier, Relation

__all__ = ["REPORT_LAG", "dates_in", "reported_date", "source_dates"]

REPORT_LAG = dt.timedelta(days=31)  # how long before a page the event it reports may be
_PAGE_DATES_PRECISIONS = frozenset({Precision.YEAR, Precision.DECADE, Precision.CENTURY})
_PAGE_DATES_QUALIFIERS = frozenset(
    {Qualifier.NONE, Qualifier.IN, Qualifier.ON, Qualifier.BY, Qualifier.BEFORE}
)


@functools.lru_cache(maxsize=16384)
def dates_in(text: str, published: dt.date | None) -> tuple[DateExpr, ...]:
    """Every date expression of a source text, resolved or not, read once per text."""
    return tuple(find_dates(text, published))


def source_dates(text: str, published: dt.date | None) -> list[DateExpr]:
    """The resolved dates of a source text; a yearless one may come twice (both years)."""
    found = [d for d in dates_in(text, published) if d.resolved]
    found += _bare_weekdays(text, published, found)
    return [r for d in found for r in _readings(d, published)]


# A weekday on its own ("re-elected Tuesday"), not in a name ("Good Friday", "Sunday
# Times") and not the start of a full date ("Tuesday, 15 October 2013").
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b(?![’']?s? +[A-Z])")
_NAMED_DAY = re.compile(
    r"(?:black|good|super|ash|bloody|easter|palm|cyber|holy|maundy|shrove|giving)\s+$",
    re.IGNORECASE,
)
# Not one day: "every Tuesday", "each Sunday", "a Friday in May", "most Mondays".
_ANY_DAY = re.compile(r"\b(?:every|each|a|an|any|one|some|most|other|same)\s+$", re.IGNORECASE)


def _in_a_name(text: str, at: int) -> bool:
    lead = text[max(0, at - 10) : at]
    return bool(_NAMED_DAY.search(lead) or _ANY_DAY.search(lead))


def _bare_weekdays(text: str, published: dt.date | None, found: list[DateExpr]) -> list[DateExpr]:
    """News style "re-elected Tuesday": a weekday without "on", against the publication."""
    if published is None:
        return []
    out = []
    for m in _WEEKDAY.finditer(text):
        if _in_a_name(text, m.start()) or any(
            d.offset - 3 <= m.end() and m.start() < d.offset + len(d.text) for d in found
        ):
            continue  # in a name, any such day, or the weekday of a full date
        (day,) = find_dates(f"on {m.group(0)}", published) or (None,)
        if day is not None and day.resolved:
            out.append(replace(day, offset=m.start()))
    return out


def _readings(date: DateExpr, published: dt.date | None) -> list[DateExpr]:
    """A yearless date the grammar put before the publication, and the year after too."""
    if (
        published is None
        or not date.relative
        or date.start is None
        or date.end is None
        or re.search(r"\d{4}|'\d\d", date.text)  # it names its year
        or not (date.start.year == published.year - 1 and date.start.month > published.month)
    ):
        return [date]
    try:
        ahead = replace(
            date,
            start=date.start.replace(year=date.start.year + 1),
            end=date.end.replace(year=date.end.year + 1),
        )
    except ValueError:  # 29 February
        return [date]
    return [date, ahead]


def reported_date(claim: DateExpr, sentence: str, published: dt.date) -> DateExpr | None:
    """The span an undated sentence's event lies in, by its page's date, if that is
    inside the claim's date; else None.

    A page published in the claim's year (or decade, century) that tells of the event
    as done, neither hedged nor to come, dates it: news reports what just happened,
    taken here as within the month before the page. Only for a year or coarser: a report
    is often of the weeks before, so a month or a day is never confirmed this way. And
    only for a date the event falls in, or before: a report dates no state ("as of",
    "until") and no start ("since", "after").
    """
    if (
        claim.precision not in _PAGE_DATES_PRECISIONS
        or claim.qualifier not in _PAGE_DATES_QUALIFIERS
    ):
        return None
    if hedged(sentence, Clause(0, len(sentence))):
        return None  # "will tour in the autumn": not done when the page was written
    lately = DateExpr(published.isoformat(), published - REPORT_LAG, published, Precision.DAY)
    return lately if compare(claim, lately).relation is Relation.INSIDE else None
