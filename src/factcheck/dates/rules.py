"""Rule handlers: turn the named groups of one grammar match into a date range."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from factcheck.dates.lexicon import MONTHS, NUMBER_WORDS, ORDINAL_WORDS, WEEKDAYS
from factcheck.models import Precision


@dataclass(frozen=True, slots=True)
class Anaphor:
    """How an anaphoric expression ("a year earlier") moves from its anchor: see anaphora."""

    unit: str  # day, week, month, quarter, year, decade
    step: int  # units to move: -1 for "a year earlier", +2 for "two days later"
    keep: bool  # keep the anchor's precision (a shift), or take the unit's


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A candidate range from one grammar rule, before qualifiers are attached."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    relative: bool = False
    is_range: bool = False
    blocked: bool = False  # a full date that does not exist ("31 June 2025"): no date at all
    anaphor: Anaphor | None = None  # resolved against an earlier date of the text


BLOCKED = DateMatch(None, None, Precision.DAY, blocked=True)


class _Groups(Protocol):
    """What a rule handler reads: named groups of a match (or of an adapter)."""

    def __getitem__(self, key: str, /) -> Any: ...


_Handler = Callable[[_Groups, dt.date | None], DateMatch | None]


# ---------------------------------------------------------------- small helpers


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, _last_day(year, month))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _ordinal(text: str) -> int:
    text = text.lower()
    return ORDINAL_WORDS[text] if text in ORDINAL_WORDS else int(re.sub(r"\D", "", text))


def _part_key(text: str | None) -> str | None:
    """Map "early", "the end of", … to early / mid / late (thirds)."""
    if not text:
        return None
    text = text.lower()
    if "early" in text or "beginning" in text or "start" in text or "turn" in text:
        return "early"
    if "mid" in text:
        return "mid"
    return "late"  # "late", "the end of"


def _thirds(start: int, end: int, part: str | None) -> tuple[int, int]:
    """Split the inclusive integer range [start, end] into thirds; pick one.

    Days of a month split as 1–10, 11–20, 21–end; months of a year as Jan–Apr,
    May–Aug, Sep–Dec; years of a decade as 0–3, 4–6, 7–9 (the usual "early",
    "mid" and "late 1990s"); years of a century by integer thirds.
    """
    if part is None:
        return start, end
    size = end - start + 1
    a, b = start + size // 3, start + (2 * size) // 3
    if size == 12:  # months of a year
        a, b = start + 4, start + 8
    elif size == 10:  # years of a decade
        a, b = start + 4, start + 7
    elif 28 <= size <= 31:  # days of a month
        a, b = start + 10, start + 20
    return {"early": (start, a - 1), "mid": (a, b - 1), "late": (b, end)}[part]


def _nearest_year(ref: dt.date, month: int, forward: bool = False) -> int:
    """The year of the latest ``month`` not after the reference month ("in December").

    News reports the past: "In May, the river flooded" in a March article is last
    May. In the future tense ("will open in May") it is the first one not before the
    reference month. Statements about the future are not claims (they hedge with "will").
    """
    if forward:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _forward(m: _Groups) -> bool:
    """True when the grammar found the match in the future tense (see grammar._TENSED)."""
    try:
        return bool(m["forward"])
    except (KeyError, IndexError):
        return False


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _last_day(year, month + 1)))


# ---------------------------------------------------------------- rule handlers


def _iso(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return DateMatch(day, day, Precision.DAY) if day else BLOCKED


def _numeric(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    a, b, year, sep = int(m["a"]), int(m["b"]), int(m["y"]), m["sep"]
    if sep == "." or a > 12:
        day, month = a, b
    elif b > 12 or a == b:
        month, day = a, b
    else:
        return None  # 03/04/2025: day-first or month-first cannot be told apart
    found = _safe_date(year, month, day)
    return DateMatch(found, found, Precision.DAY) if found else BLOCKED


def _day_month_year(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    year = int(m["y"])
    end_month = _month(m["m2"]) if m["m2"] else _month(m["m"])
    start_month = _month(m["m"]) if m["m2"] else end_month
    first = _safe_date(year, start_month, _day(m["d"]))
    last = _safe_date(year, end_month, _day(m["d2"])) if m["d2"] else first
    if first is None or last is None or last < first:
        return BLOCKED
    return DateMatch(first, last, Precision.DAY, is_range=first != last)


def _weekday_short_year(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    """ "Fri 15 Feb 19": a two-digit year, taken only when the weekday confirms it."""
    weekday = WEEKDAYS[m["w"][:3].lower()]
    month, day = _month(m["m"]), _day(m["d"])
    for century in (2000, 1900):
        found = _safe_date(century + int(m["yy"]), month, day)
        if found is not None and found.weekday() == weekday:
            return DateMatch(found, found, Precision.DAY)
    return None


def _day_month(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    if ref is None:
        return DateMatch(None, None, Precision.DAY, relative=True)
    month = _month(m["m"])
    year = _nearest_year(ref, month, _forward(m))
    first = _safe_date(year, month, _day(m["d"]))
    if first is not None and _forward(m) and first < ref:  # "will meet on 3 March" on 20 March
        year += 1
        first = _safe_date(year, month, _day(m["d"]))
    last = _safe_date(year, month, _day(m["d2"])) if m["d2"] else first
    if first is None or last is None or last < first:
        return BLOCKED
    return DateMatch(first, last, Precision.DAY, relative=True, is_range=first != last)


def _month_year(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    year = int(m["y"])
    first_month = _month(m["m"])
    last_month = _month(m["m2"]) if m["m2"] else first_month
    start_year = int(m["y1"]) if m["y1"] else year
    if (start_year, first_month) > (year, last_month):
        return None
    start = _month_range(start_year, first_month)[0]
    end = _month_range(year, last_month)[1]
    part = _part_key(m["p"])
    if part and not m["m2"] and not m["y1"]:
        days = _thirds(start.day, end.day, part)
        start, end = start.replace(day=days[0]), end.replace(day=days[1])
        return DateMatch(start, end, Precision.PART)
    return DateMatch(
        start, end, Precision.MONTH, is_range=start_year != year or m["m2"] is not None
    )


def _month_alone(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    if ref is None:
        return DateMatch(None, None, Precision.MONTH, relative=True)
    rel = (m["rel"] or "").lower()
    month = _month(m["m"])
    if rel == "last":  # the most recent one before the reference month
        year = ref.year if month < ref.month else ref.year - 1
    elif rel == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif rel == "this":
        year = ref.year
    else:
        year = _nearest_year(ref, month, _forward(m))
    start, end = _month_range(year, month)
    part = (m["p"] or "").lower() or rel
    if part in ("early", "mid", "late"):
        first, last = _thirds(start.day, end.day, part)
        return DateMatch(start.replace(day=first), end.replace(day=last), Precision.PART, True)
    return DateMatch(start, end, Precision.MONTH, relative=True)


_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (1, 3),
}
_HALVES = {"first": (1, 6), "second": (7, 12)}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}


def _part_year(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    year = int(m["y"])
    word = m["w"].lower()
    if m["season"] and m["y2"]:  # "winter of 2021–22": December to February
        start = dt.date(year, 12, 1)
        return DateMatch(start, _month_range(year + 1, 2)[1], Precision.PART)
    if m["season"]:
        first, last = _SEASONS[m["season"].lower()]
    elif m["half"]:
        first, last = _HALVES[m["half"].lower()]
    elif m["quarter"]:
        q = _QUARTERS[m["quarter"].lower().split()[0].split("-")[0]]
        first, last = 3 * q - 2, 3 * q
    elif re.fullmatch(r"q[1-4]", word):
        q = int(word[1])
        first, last = 3 * q - 2, 3 * q
    elif re.fullmatch(r"h[12]", word):
        first, last = _HALVES["first" if word == "h1" else "second"]
    else:
        first, last = _thirds(1, 12, _part_key(word))
    return DateMatch(_month_range(year, first)[0], _month_range(year, last)[1], Precision.PART)


def _year_range(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    first = int(m["y"])
    second = m["y2"]
    last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
    if len(second) == 2 and last <= first:  # "1999–00"
        last += 100
    if last <= first or (len(second) == 2 and last - first > 20):
        return None
    return DateMatch(dt.date(first, 1, 1), dt.date(last, 12, 31), Precision.YEAR, is_range=True)


def _year(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    year = int(m["y"])
    return DateMatch(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)


def _decade(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    first = int(m["y"])
    last = int(m["y2"]) if m["y2"] else first
    if m["y2"] is None and first % 100 == 0 and first < 2000 and not m["p"]:
        return DateMatch(dt.date(first, 1, 1), dt.date(first + 99, 12, 31), Precision.CENTURY)
    if last < first:
        return None
    start_year, _ = _thirds(first, first + 9, _part_key(m["p"]))
    _, end_year = _thirds(last, last + 9, _part_key(m["p2"] or (m["p"] if not m["y2"] else None)))
    return DateMatch(
        dt.date(start_year, 1, 1),
        dt.date(end_year, 12, 31),
        Precision.DECADE,
        is_range=last != first,
    )


def _short_decade(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    two = int(m["yy"])
    first = (2000 if two <= 20 else 1900) + two
    start_year, end_year = _thirds(first, first + 9, _part_key(m["p"]))
    return DateMatch(dt.date(start_year, 1, 1), dt.date(end_year, 12, 31), Precision.DECADE)


def _century(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    first = _ordinal(m["c"])
    last = _ordinal(m["c2"]) if m["c2"] else first
    if not 1 <= first <= last <= 22:
        return None
    start_year, _ = _thirds((first - 1) * 100 + 1, first * 100, _part_key(m["p"]))
    part2 = m["p2"] if m["c2"] else m["p"]
    _, end_year = _thirds((last - 1) * 100 + 1, last * 100, _part_key(part2))
    return DateMatch(
        dt.date(start_year, 1, 1),
        dt.date(end_year, 12, 31),
        Precision.CENTURY,
        is_range=last != first,
    )


# Days from the reference date; "morning" and the like only after "this", "night" after "last".
_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "night": -1,
} | dict.fromkeys(("morning", "afternoon", "evening"), 0)


def _relative_day(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    if ref is None:
        return DateMatch(None, None, Precision.DAY, relative=True)
    word = m["w"].lower()
    if word in _DAY_OFFSETS:
        day = ref + dt.timedelta(days=_DAY_OFFSETS[word])
    else:
        back = (ref.weekday() - WEEKDAYS[word[:3]]) % 7
        rel = (m["rel"] or "").lower()
        if not rel and _forward(m):  # "will meet Friday": the first Friday from today
            back = -((WEEKDAYS[word[:3]] - ref.weekday()) % 7)
        elif rel == "next":
            back = back - 7 if back else -7
        elif rel == "last" and back == 0:
            back = 7
        day = ref - dt.timedelta(days=back)
    return DateMatch(day, day, Precision.DAY, relative=True)


def _relative_period(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    unit = m["unit"].lower()
    precision = {"year": Precision.YEAR, "month": Precision.MONTH}.get(unit, Precision.PART)
    if ref is None:
        return DateMatch(None, None, precision, relative=True)
    rel = m["rel"].lower()
    step = -1 if rel in ("last", "previous") else 1 if rel in ("next", "coming") else 0
    if rel == "past":  # "the past year": the twelve months up to the reference date
        length = {"year": 12, "month": 1}.get(unit)
        start = _shift_months(ref, -length) if length else ref - dt.timedelta(weeks=1)
        return DateMatch(start, ref, precision, relative=True)
    if unit == "year":
        start, end = dt.date(ref.year + step, 1, 1), dt.date(ref.year + step, 12, 31)
    elif unit == "month":
        first = _shift_months(ref.replace(day=1), step)
        start, end = _month_range(first.year, first.month)
    else:  # week, weekend
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
        start = monday + dt.timedelta(days=5) if unit == "weekend" else monday
        end = monday + dt.timedelta(days=6)
    early = (m["early"] or "").strip().lower()
    if early == "earlier":  # "earlier this month": from its start up to the reference date
        end = min(end, ref)
    elif early == "later":  # "later this year": from the reference date to its end
        start = max(start, ref)
    elif early in ("early", "mid", "late"):  # "late last year"
        if unit == "year":
            lo, hi = _thirds(1, 12, early)
            start, end = _month_range(start.year, lo)[0], _month_range(start.year, hi)[1]
        else:
            lo, hi = _thirds(start.day, end.day, early)
            start, end = start.replace(day=lo), end.replace(day=hi)
        precision = Precision.PART
    return DateMatch(start, end, precision, relative=True)


def _ago(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    unit = m["unit"].lower().rstrip("s")
    precision = {"day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}.get(
        unit, Precision.PART
    )
    if ref is None:
        return DateMatch(None, None, precision, relative=True)
    raw = m["n"].lower()
    n = NUMBER_WORDS[raw] if raw in NUMBER_WORDS else int(raw)
    if unit == "day":
        day = ref - dt.timedelta(days=n)
        return DateMatch(day, day, precision, relative=True)
    if unit == "week":
        centre = ref - dt.timedelta(weeks=n)
        return DateMatch(
            centre - dt.timedelta(days=3), centre + dt.timedelta(days=3), precision, True
        )
    if unit == "month":
        first = _shift_months(ref.replace(day=1), -n)
        start, end = _month_range(first.year, first.month)
        return DateMatch(start, end, precision, relative=True)
    return DateMatch(dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31), precision, True)
