"""A date expression as a TimeML value string: 1989-10-26, 1989-10, 1989-Q3, 1997-SU, 199.

Used to score the grammar against annotated text. A range that is one calendar unit
(a quarter, a half, a season, an ISO week, a decade) gets that unit's name; a part of a
month or year that is not one ("late July 1997", "early 2025") gets the month or year
it lies in, as TimeML does (its "late" goes into a modifier, not the value); a span of
two units is "first/last" ("2009/2010"); anything else is "start/end" in ISO form.
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck.models import DateExpr, Precision

_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_WORD = re.compile(r"spring|summer|autumn|fall|winter", re.IGNORECASE)
_MONTH_SEASONS = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_FISCAL = re.compile(r"\bfiscal\b|\bFY\b", re.IGNORECASE)


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def _months(start: dt.date, end: dt.date) -> int | None:
    """How many whole calendar months [start, end] covers, or None when it is not whole."""
    if start.day != 1 or not _month_end(end):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _part(date: DateExpr, start: dt.date, end: dt.date) -> str:
    months = _months(start, end)
    season = _SEASON_WORD.search(date.text)
    if season and months == 3:
        return f"{start.year}-{_SEASON_CODES[season.group(0).lower()]}"
    if months == 3 and start.month % 3 == 0:  # a season shifted from another ("a year later")
        return f"{start.year}-{_MONTH_SEASONS[start.month]}"
    if months == 3 and start.month % 3 == 1:
        return f"{start.year}-Q{start.month // 3 + 1}"
    if months == 6 and start.month in (1, 7):
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    days = (end - start).days + 1
    if days == 7 and date.text.lower().endswith("ago"):  # "two weeks ago": a day, give or take 3
        return (start + dt.timedelta(days=3)).isoformat()
    if days == 7 and start.weekday() == 0:
        return f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02}"
    if days == 2 and start.weekday() == 5:
        return f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02}-WE"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year}-{start.month:02}"
    if start.year == end.year:
        return str(start.year)
    return f"{start.isoformat()}/{end.isoformat()}"


def timeml_value(date: DateExpr) -> str | None:
    """The TimeML value of a resolved expression; ``None`` when it is unresolved."""
    start, end = date.start, date.end
    if start is None or end is None:
        return None
    if _FISCAL.search(date.text):
        return f"FY{start.year + 1}"  # see yearless._fiscal
    precision = date.precision
    if precision is Precision.DAY:
        return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    if precision is Precision.PART:
        return _part(date, start, end)
    if precision is Precision.MONTH:
        first, last = f"{start.year}-{start.month:02}", f"{end.year}-{end.month:02}"
        return first if first == last else f"{first}/{last}"
    if precision is Precision.YEAR:
        if start.year == end.year:
            return str(start.year)
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return f"{start.year}/{end.year}"
        return f"{start.isoformat()}/{end.isoformat()}"
    if precision is Precision.DECADE:
        first, last = str(start.year)[:3], str(end.year)[:3]
        return first if first == last else f"{first}/{last}"
    century = (start.year - 1) // 100 if start.year % 100 == 1 else start.year // 100
    return str(century)
