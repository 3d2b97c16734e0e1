"""Anaphoric expressions: dates told relative to another date of the same text.

"a year earlier", "two days later", "the year-ago quarter", "the following month",
"the previous year", "that year", "later that month". The grammar finds them like any
expression, then `resolve` ties each to its anchor: the most recent resolved date
before it in the text the grammar was given (a paragraph, so the same paragraph or the
sentence before). Without an anchor an anaphor yields nothing.

Precision: a shift by a count of units ("a year earlier", "two weeks later", "the
year-ago quarter") keeps the anchor's precision, so a year before the third quarter of
1989 is the third quarter of 1988 and a week after 3 May is 10 May. A named unit ("the
following year", "that month") has that unit's precision: the unit that holds the
anchor, moved by one or not at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from factcheck.dates.lexicon import NUMBER_WORDS
from factcheck.dates.rules import Anaphor, DateMatch, _Groups, _Handler, _last_day, _month_range
from factcheck.models import Precision

_COUNT = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_UNIT = r"(?P<unit>days?|weeks?|months?|quarters?|years?|decades?)"

RULES: list[tuple[re.Pattern[str], _Handler, tuple[str, ...]]] = [
    (
        re.compile(
            # "a week later than planned" compares two dates and names neither
            rf"(?i:\b{_COUNT}\s+{_UNIT}\s+(?P<dir>(?:later|earlier)(?!\s+than\b)|before(?=\s*[,.;]))"
            r"|\bthe\s+(?P<ago>year|quarter|month)[\s-]+(?:ago|earlier)\s+(?:quarter|period|month|year)"
            r"|\b(?:the\s+)?(?P<which>following|previous|preceding|prior|same)\s+"
            r"(?P<unit_>day|week|month|quarter|year)|\bthe\s+(?P<which_>next)\s+(?P<day>day)"
            r"|\b(?:(?:later|earlier)\s+)?that\s+(?P<that>day|week|month|quarter|year))\b(?!-)"
        ),
        lambda m, ref: _anaphor(m),
        (
            "later",
            "earlier",
            "before",
            "ago",
            "following",
            "next",
            "previous",
            "preceding",
            "prior",
            "same",
            "that day",
            "that week",
            "that month",
            "that quarter",
            "that year",
        ),
    ),
]
_WHICH = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1, "same": 0}


def _anaphor(m: _Groups) -> DateMatch:
    if m["n"]:
        raw = m["n"].lower()
        n = NUMBER_WORDS[raw] if raw in NUMBER_WORDS else int(raw)
        step = n if m["dir"].lower() == "later" else -n
        spec = Anaphor(m["unit"].lower().rstrip("s"), step, keep=True)
    elif m["ago"]:
        spec = Anaphor(m["ago"].lower(), -1, keep=True)
    elif m["which"]:
        spec = Anaphor(m["unit_"].lower(), _WHICH[m["which"].lower()], keep=False)
    elif m["which_"]:  # only "the next day": "over the next year" is the coming one
        spec = Anaphor("day", 1, keep=False)
    else:
        spec = Anaphor(m["that"].lower(), 0, keep=False)
    return DateMatch(None, None, _PRECISION[spec.unit], relative=True, anaphor=spec)


_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.PART,
    "month": Precision.MONTH,
    "quarter": Precision.PART,
    "year": Precision.YEAR,
    "decade": Precision.DECADE,
}
# How fine a unit is, and how fine a unit an anchor of each precision can carry.
_UNIT_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5}
_ANCHOR_RANK = {
    Precision.DAY: 0,
    Precision.MONTH: 2,
    Precision.PART: 2,
    Precision.YEAR: 4,
    Precision.DECADE: 5,
    Precision.CENTURY: 6,
}
_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12, "decade": 120}


def _shift(day: dt.date, months: int, month_end: bool) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _last_day(year, month + 1)
    return dt.date(year, month + 1, last if month_end else min(day.day, last))


def _unit_range(day: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """The calendar unit that holds ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return _month_range(day.year, day.month)
    if unit == "quarter":
        first = (day.month - 1) // 3 * 3 + 1
        return dt.date(day.year, first, 1), _month_range(day.year, first + 2)[1]
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return dt.date(day.year // 10 * 10, 1, 1), dt.date(day.year // 10 * 10 + 9, 12, 31)


def _move(start: dt.date, end: dt.date, unit: str, step: int) -> tuple[dt.date, dt.date]:
    if unit in ("day", "week"):
        days = dt.timedelta(days=step * (7 if unit == "week" else 1))
        return start + days, end + days
    months = step * _MONTHS_IN[unit]
    month_end = (end + dt.timedelta(days=1)).day == 1
    return _shift(start, months, False), _shift(end, months, month_end)


def resolve(spec: Anaphor, anchor: DateMatch) -> DateMatch | None:
    """The range an anaphor names, given its anchor's range."""
    if anchor.start is None or anchor.end is None:
        return None
    if spec.keep and _UNIT_RANK[spec.unit] < _ANCHOR_RANK[anchor.precision]:
        return None  # "two days later" after "in 2016": the anchor cannot carry a day
    try:
        if spec.keep:
            start, end = _move(anchor.start, anchor.end, spec.unit, spec.step)
            return DateMatch(start, end, anchor.precision, relative=True)
        base = anchor.end if spec.step > 0 else anchor.start
        start, end = _unit_range(base, spec.unit)
        start, end = _move(start, end, spec.unit, spec.step)
    except (ValueError, OverflowError):
        return None
    return DateMatch(start, end, _PRECISION[spec.unit], relative=True)


def with_anchors(chosen: list[tuple[int, int, DateMatch]]) -> list[tuple[int, int, DateMatch]]:
    """Resolve each anaphor against the most recent resolved date before it; drop the rest."""
    out: list[tuple[int, int, DateMatch]] = []
    anchor: DateMatch | None = None
    for start, end, found in chosen:
        if found.anaphor is not None:
            resolved = resolve(found.anaphor, anchor) if anchor is not None else None
            if resolved is None:
                continue
            found = dataclasses.replace(resolved, anaphor=None)
        out.append((start, end, found))
        if found.start is not None and not found.blocked:
            anchor = found
    return out
