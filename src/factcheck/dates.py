"""Temporal expressions: find them in English text, normalise, compare.

Every date is an inclusive range ``[start, end]`` with a precision (day … century) and
the qualifier word that ties it to its event ("in", "by", "as of", …). A hand-written
grammar of regular expressions finds the expressions; overlapping candidates are settled
longest-first. Relative expressions ("on Friday", "last month") are resolved only
against a reference date given by the caller, and left unresolved otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from factcheck.models import DateComparison, DateExpr, Precision, Qualifier, Relation

__all__ = ["compare", "effective_range", "find_dates", "format_range", "parse_date"]

MIN_DATE = dt.date.min
MAX_DATE = dt.date.max

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name[:3].lower(): i for i, name in enumerate(calendar.day_name)})

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Words after a four-digit number that make it a count, not a year ("2000 troops").
COUNT_NOUNS = frozenset(
    """people persons troops soldiers men women children residents civilians workers
    deaths dead casualties killed wounded injured units km kilometres kilometers miles
    metres meters feet tons tonnes barrels dollars euros rubles roubles yuan pounds votes
    members cases times days hours minutes weeks months years pages words jobs homes
    houses buildings vehicles tanks drones missiles shells rounds prisoners refugees
    migrants students jets aircraft planes ships sq hectares acres calories points
    participants delegates employees staff fighters rockets bombs villages""".split()
)
# Words before a four-digit number that make it something other than a year.
NOT_YEAR_BEFORE = frozenset(
    "$ € £ ¥ # no no. number page pages pp p. room flight route article section rule "
    "resolution model code about approximately roughly nearly almost some".split()
)

_MONTH = (  # always case-sensitive: "may" is a verb, "March" a month
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_PREFIX = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+(?:the\s+)?)?"  # noqa: E501
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_DASH = r"\s*(?:[-–—]|to|through|until|till)\s*"
_END = r"(?![\w%])(?![.,]\d)"
_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")"
_PART = r"(?:early|mid|late|the\s+(?:beginning|start|middle|end|turn)\s+of)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

PREPOSITIONS: dict[str, Qualifier] = {
    "on": Qualifier.ON,
    "in": Qualifier.IN,
    "during": Qualifier.IN,
    "throughout": Qualifier.IN,
    "within": Qualifier.IN,
    "at": Qualifier.IN,
    "by": Qualifier.BY,
    "no later than": Qualifier.BY,
    "as of": Qualifier.AS_OF,
    "since": Qualifier.SINCE,
    "from": Qualifier.SINCE,
    "before": Qualifier.BEFORE,
    "prior to": Qualifier.BEFORE,
    "after": Qualifier.AFTER,
    "following": Qualifier.AFTER,
    "until": Qualifier.UNTIL,
    "till": Qualifier.UNTIL,
    "through": Qualifier.UNTIL,
    "not until": Qualifier.UNTIL,
    "between": Qualifier.IN,
}
# A determiner right before a date makes it attributive: "the 2024 attack".
DETERMINERS = frozenset("the a an his her its their our my your this that these those".split())
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[^\w]))("
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(PREPOSITIONS, key=len, reverse=True))
    + r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WORD_BEFORE_RE = re.compile(r"([^\s]+)\s*$")
_WORD_AFTER_RE = re.compile(r"^[\s-]*([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class _Found:
    """A candidate range from one grammar rule, before qualifiers are attached."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    relative: bool = False
    is_range: bool = False


_Handler = Callable[[re.Match[str], dt.date | None], _Found | None]


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
    May–Aug, Sep–Dec; years of a decade or century by integer thirds.
    """
    if part is None:
        return start, end
    size = end - start + 1
    a, b = start + size // 3, start + (2 * size) // 3
    if size == 12:  # months of a year
        a, b = start + 4, start + 8
    elif 28 <= size <= 31:  # days of a month
        a, b = start + 10, start + 20
    return {"early": (start, a - 1), "mid": (a, b - 1), "late": (b, end)}[part]


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _last_day(year, month + 1)))


# ---------------------------------------------------------------- rule handlers


def _iso(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Found(day, day, Precision.DAY) if day else None


def _numeric(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    a, b, year, sep = int(m["a"]), int(m["b"]), int(m["y"]), m["sep"]
    if sep == "." or a > 12:
        day, month = a, b
    elif b > 12 or a == b:
        month, day = a, b
    else:
        return None  # 03/04/2025: day-first or month-first cannot be told apart
    found = _safe_date(year, month, day)
    return _Found(found, found, Precision.DAY) if found else None


def _day_month_year(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    year = int(m["y"])
    end_month = _month(m["m2"]) if m["m2"] else _month(m["m"])
    start_month = _month(m["m"]) if m["m2"] else end_month
    first = _safe_date(year, start_month, _day(m["d"]))
    last = _safe_date(year, end_month, _day(m["d2"])) if m["d2"] else first
    if first is None or last is None or last < first:
        return None
    return _Found(first, last, Precision.DAY, is_range=first != last)


def _day_month(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    if ref is None:
        return _Found(None, None, Precision.DAY, relative=True)
    month = _month(m["m"])
    first = _safe_date(ref.year, month, _day(m["d"]))
    last = _safe_date(ref.year, month, _day(m["d2"])) if m["d2"] else first
    if first is None or last is None or last < first:
        return None
    return _Found(first, last, Precision.DAY, relative=True, is_range=first != last)


def _month_year(m: re.Match[str], ref: dt.date | None) -> _Found | None:
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
        return _Found(start, end, Precision.PART)
    return _Found(start, end, Precision.MONTH, is_range=start_year != year or m["m2"] is not None)


def _month_alone(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    if ref is None:
        return _Found(None, None, Precision.MONTH, relative=True)
    rel = (m["rel"] or "").lower()
    year = ref.year + {"last": -1, "next": 1}.get(rel, 0)
    start, end = _month_range(year, _month(m["m"]))
    if rel in ("early", "mid", "late"):
        first, last = _thirds(start.day, end.day, rel)
        return _Found(start.replace(day=first), end.replace(day=last), Precision.PART, True)
    return _Found(start, end, Precision.MONTH, relative=True)


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 3)}
_HALVES = {"first": (1, 6), "second": (7, 12)}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}


def _part_year(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    year = int(m["y"])
    word = m["w"].lower()
    if m["season"]:
        first, last = _SEASONS[m["season"].lower()]
    elif m["half"]:
        first, last = _HALVES[m["half"].lower()]
    elif m["quarter"]:
        q = _QUARTERS[m["quarter"].lower()]
        first, last = 3 * q - 2, 3 * q
    elif re.fullmatch(r"q[1-4]", word):
        q = int(word[1])
        first, last = 3 * q - 2, 3 * q
    elif re.fullmatch(r"h[12]", word):
        first, last = _HALVES["first" if word == "h1" else "second"]
    else:
        first, last = _thirds(1, 12, _part_key(word))
    return _Found(_month_range(year, first)[0], _month_range(year, last)[1], Precision.PART)


def _year_range(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    first = int(m["y"])
    second = m["y2"]
    last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
    if last <= first or last - first > 200:
        return None
    return _Found(dt.date(first, 1, 1), dt.date(last, 12, 31), Precision.YEAR, is_range=True)


def _year(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    year = int(m["y"])
    return _Found(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)


def _decade(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    first = int(m["y"])
    last = int(m["y2"]) if m["y2"] else first
    if m["y2"] is None and first % 100 == 0 and first < 2000 and not m["p"]:
        return _Found(dt.date(first, 1, 1), dt.date(first + 99, 12, 31), Precision.CENTURY)
    if last < first:
        return None
    start_year, _ = _thirds(first, first + 9, _part_key(m["p"]))
    _, end_year = _thirds(last, last + 9, _part_key(m["p2"] or (m["p"] if not m["y2"] else None)))
    return _Found(
        dt.date(start_year, 1, 1), dt.date(end_year, 12, 31), Precision.DECADE, is_range=last != first
    )


def _short_decade(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    two = int(m["yy"])
    first = (2000 if two <= 20 else 1900) + two
    start_year, end_year = _thirds(first, first + 9, _part_key(m["p"]))
    return _Found(dt.date(start_year, 1, 1), dt.date(end_year, 12, 31), Precision.DECADE)


def _century(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    first = _ordinal(m["c"])
    last = _ordinal(m["c2"]) if m["c2"] else first
    if not 1 <= first <= last <= 22:
        return None
    start_year, _ = _thirds((first - 1) * 100 + 1, first * 100, _part_key(m["p"]))
    part2 = m["p2"] if m["c2"] else m["p"]
    _, end_year = _thirds((last - 1) * 100 + 1, last * 100, _part_key(part2))
    return _Found(
        dt.date(start_year, 1, 1), dt.date(end_year, 12, 31), Precision.CENTURY, is_range=last != first
    )


def _relative_day(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    if ref is None:
        return _Found(None, None, Precision.DAY, relative=True)
    word = m["w"].lower()
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if word in offsets:
        day = ref + dt.timedelta(days=offsets[word])
    else:
        back = (ref.weekday() - WEEKDAYS[word[:3]]) % 7
        rel = (m["rel"] or "").lower()
        if rel == "next":
            back = back - 7 if back else -7
        elif rel == "last" and back == 0:
            back = 7
        day = ref - dt.timedelta(days=back)
    return _Found(day, day, Precision.DAY, relative=True)


def _relative_period(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    unit = m["unit"].lower()
    precision = {"year": Precision.YEAR, "month": Precision.MONTH}.get(unit, Precision.PART)
    if ref is None:
        return _Found(None, None, precision, relative=True)
    rel = m["rel"].lower()
    step = -1 if rel in ("last", "previous") else 1 if rel in ("next", "coming") else 0
    if rel == "past":  # "the past year": the twelve months up to the reference date
        length = {"year": 12, "month": 1}.get(unit)
        start = _shift_months(ref, -length) if length else ref - dt.timedelta(weeks=1)
        return _Found(start, ref, precision, relative=True)
    if unit == "year":
        start, end = dt.date(ref.year + step, 1, 1), dt.date(ref.year + step, 12, 31)
    elif unit == "month":
        first = _shift_months(ref.replace(day=1), step)
        start, end = _month_range(first.year, first.month)
    else:  # week, weekend
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
        start = monday + dt.timedelta(days=5) if unit == "weekend" else monday
        end = monday + dt.timedelta(days=6)
    if m["early"]:  # "earlier this month": from its start up to the reference date
        end = min(end, ref)
    return _Found(start, end, precision, relative=True)


def _ago(m: re.Match[str], ref: dt.date | None) -> _Found | None:
    unit = m["unit"].lower().rstrip("s")
    precision = {"day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}.get(
        unit, Precision.PART
    )
    if ref is None:
        return _Found(None, None, precision, relative=True)
    raw = m["n"].lower()
    n = NUMBER_WORDS[raw] if raw in NUMBER_WORDS else int(raw)
    if unit == "day":
        day = ref - dt.timedelta(days=n)
        return _Found(day, day, precision, relative=True)
    if unit == "week":
        centre = ref - dt.timedelta(weeks=n)
        return _Found(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3), precision, True)
    if unit == "month":
        first = _shift_months(ref.replace(day=1), -n)
        start, end = _month_range(first.year, first.month)
        return _Found(start, end, precision, relative=True)
    return _Found(dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31), precision, True)


# ---------------------------------------------------------------- the grammar

_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), _iso),
    (
        re.compile(rf"(?<![\d/.])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})\b"),
        _numeric,
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?P<d>{_DAY})(?:\s+(?:of\s+)?(?P<m>{_MONTH})\.?)?"
            rf"(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y>{_YEAR}){_END}"
        ),
        lambda m, ref: _day_month_year(_Swap(m), ref),
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?P<m>{_MONTH})\.?\s+(?P<d>{_DAY})"
            rf"(?:{_DASH}(?:(?P<m2>{_MONTH})\.?\s+)?(?P<d2>{_DAY}))?,?\s+(?P<y>{_YEAR}){_END}"
        ),
        _day_month_year,
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?:(?P<d>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<m>{_MONTH})\b"
            rf"|(?P<m_>{_MONTH})\.?\s+(?P<d_>{_DAY})(?:{_DASH}(?P<d2_>{_DAY}))?\b)(?!,?\s*\d)"
        ),
        lambda m, ref: _day_month(_Alt(m), ref),
    ),
    (
        re.compile(
            rf"\b(?:(?P<p>{_PART})[\s-]*)?(?P<m>{_MONTH})\.?"
            rf"(?:,?\s+(?P<y1>{_YEAR}))?(?:{_DASH}(?P<m2>{_MONTH})\.?)?,?\s+(?:of\s+)?(?P<y>{_YEAR}){_END}",
            re.IGNORECASE,
        ),
        _month_year,
    ),
    (
        re.compile(
            rf"(?i:\b(?P<rel>in|on|since|by|until|till|before|after|during|from|last|next|"
            rf"this|early|mid|late|of)[\s-]+)(?P<m>{_MONTH})\b(?!\.?\s*\d)"
        ),
        _month_alone,
    ),
    (
        re.compile(
            rf"\b(?P<w>(?P<season>{_SEASON})|{_PART}|the\s+(?P<half>first|second)\s+half|"
            r"the\s+(?P<quarter>first|second|third|fourth|last)\s+quarter|Q[1-4]|H[12])"
            rf"(?:[\s-]+of)?[\s-]+(?P<y>{_YEAR}){_END}",
            re.IGNORECASE,
        ),
        _part_year,
    ),
    (
        re.compile(
            rf"(?:\b(?:from|(?P<between>between))\s+)?\b(?P<y>{_YEAR})(?:\s*[-–—/]\s*|\s+(?:to|through|until)\s+|"
            r"(?(between)\s+and\s+|(?!)))"
            rf"(?P<y2>{_YEAR}|\d{{2}})(?![\w%'’-])(?![.,]\d)",
            re.IGNORECASE,
        ),
        _year_range,
    ),
    (
        re.compile(
            rf"\b(?:(?P<p>early|mid|late)[\s-]+)?(?P<y>\d{{3}}0)[’']?s"
            rf"(?:\s*(?:and|or|to|through|[-–])\s*(?:the\s+)?(?:(?P<p2>early|mid|late)[\s-]+)?"
            r"(?P<y2>\d{3}0)[’']?s)?\b(?!\s+of\b)",
            re.IGNORECASE,
        ),
        _decade,
    ),
    (
        re.compile(r"(?<!\w)(?:(?P<p>early|mid|late)[\s-]+)?[’'](?P<yy>\d0)s\b", re.IGNORECASE),
        _short_decade,
    ),
    (
        re.compile(
            rf"\b(?:(?P<p>early|mid|late)[\s-]+)?(?P<c>{_ORD})"
            rf"(?:(?:\s+(?:and|or|to|through)\s+|\s*[-–]\s*)(?:the\s+)?(?:(?P<p2>early|mid|late)[\s-]+)?"
            rf"(?P<c2>{_ORD}))?[\s-]+centur(?:y|ies)\b(?!\s+B\.?C)",
            re.IGNORECASE,
        ),
        _century,
    ),
    (re.compile(rf"(?<![\w$€£¥#.,/-])(?P<y>{_YEAR})(?![\w%-])(?![.,]\d)"), _year),
    (
        re.compile(
            rf"(?i:\b(?:(?P<rel>last|this|next|past)\s+)?)\b(?P<w>{_WEEKDAY}|(?i:today|tonight|yesterday|tomorrow))\b"
        ),
        _relative_day,
    ),
    (
        re.compile(
            r"\b(?P<early>earlier\s+|later\s+)?(?P<rel>last|this|next|past|previous|coming)\s+"
            r"(?P<unit>week|weekend|month|year)\b",
            re.IGNORECASE,
        ),
        _relative_period,
    ),
    (
        re.compile(
            r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            re.IGNORECASE,
        ),
        _ago,
    ),
]


class _Swap:
    """Adapt the day-first rule ("7 May – 2 June 2025") to the month-first handler."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        m = self._m
        if m["m"]:  # two months: the first belongs to the first day
            return {"m": m["m"], "m2": m["m2"], "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]
        return {"m": m["m2"], "m2": None, "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]


class _Alt:
    """Adapt the two spellings of a day and month without a year to one handler."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def __getitem__(self, key: str) -> str | None:
        m = self._m
        if m["m_"]:
            return {"m": m["m_"], "d": m["d_"], "d2": m["d2_"]}[key]
        return {"m": m["m"], "d": m["d"], "d2": m["d2"]}[key]


def _is_count(text: str, start: int, end: int) -> bool:
    """True when a bare four-digit number reads as a count or a code, not a year."""
    after = _WORD_AFTER_RE.match(text[end : end + 30])
    if after and after.group(1).lower() in COUNT_NOUNS:
        return True
    before = _WORD_BEFORE_RE.search(text[max(0, start - 20) : start])
    return bool(before and before.group(1).lower() in NOT_YEAR_BEFORE)


def _qualifier(text: str, start: int, found: _Found, matched: str) -> Qualifier:
    head = matched.split(None, 1)[0].lower() if matched.strip() else ""
    if head in ("last", "this", "next", "past"):
        return Qualifier.NONE
    before = _WORD_BEFORE_RE.search(text[max(0, start - 20) : start])
    if found.precision is Precision.YEAR and before and before.group(1).lower() in DETERMINERS:
        return Qualifier.NONE
    match = _QUALIFIER_RE.search(text[max(0, start - 24) : start])
    if not match:
        return Qualifier.NONE
    word = re.sub(r"\s+", " ", match.group(1).lower())
    if found.is_range and word in ("from", "between"):
        return Qualifier.IN
    return PREPOSITIONS[word]


_STRIP_LEAD = re.compile(
    r"^(?:(?:from|between|in|on|since|by|until|till|before|after|during|of)\s+)", re.IGNORECASE
)


def _candidates(text: str, ref: dt.date | None) -> Iterator[tuple[int, int, _Found]]:
    for pattern, handler in _RULES:
        for m in pattern.finditer(text):
            if handler is _year and _is_count(text, m.start(), m.end()):
                continue
            found = handler(m, ref)
            if found is None:
                continue
            start = m.start()
            lead = _STRIP_LEAD.match(m.group(0))
            if lead and handler in (_month_alone, _year_range):
                start += lead.end()
            if handler is _relative_day and not m["rel"] and m["w"][:3].lower() in WEEKDAYS:
                # A bare weekday is a date only after a preposition ("on Friday").
                if not _QUALIFIER_RE.search(text[max(0, start - 24) : start]):
                    continue
            yield start, m.end(), found


def find_dates(text: str, reference: dt.date | None = None) -> list[DateExpr]:
    """Find every temporal expression in ``text``, in order of appearance.

    Args:
        text: English prose.
        reference: the date relative expressions ("on Friday") are resolved against,
            usually the publication date; without it they come back unresolved.

    Returns:
        Non-overlapping expressions; for each, the longest reading wins.
    """
    chosen: list[tuple[int, int, _Found]] = []
    taken_until = -1
    for start, end, found in sorted(_candidates(text, reference), key=lambda c: (c[0], -c[1])):
        if start < taken_until:
            continue
        chosen.append((start, end, found))
        taken_until = end
    result = []
    for start, end, found in chosen:
        matched = text[start:end]
        result.append(
            DateExpr(
                text=matched,
                start=found.start,
                end=found.end,
                precision=found.precision,
                qualifier=_qualifier(text, start, found, matched),
                offset=start,
                relative=found.relative,
            )
        )
    return result


def parse_date(text: str, reference: dt.date | None = None) -> DateExpr | None:
    """Return the first resolved date expression in ``text``, or ``None``."""
    return next((d for d in find_dates(text, reference) if d.resolved), None)


# ---------------------------------------------------------------- comparison

# How far a vague expression may reach past its nominal range before a date is
# called incompatible with it.
VAGUENESS_MARGIN = {
    Precision.PART: dt.timedelta(days=45),
    Precision.DECADE: dt.timedelta(days=366),
    Precision.CENTURY: dt.timedelta(days=366),
}


def effective_range(date: DateExpr) -> tuple[dt.date, dt.date]:
    """The range an expression commits to once its qualifier is applied.

    "by October 2024" reaches back to the beginning of time; "since 2022" forward
    to the end of it; "before June 2024" ends the day before June.
    """
    if date.start is None or date.end is None:
        raise ValueError(f"unresolved date expression: {date.text!r}")
    start, end = date.start, date.end
    q = date.qualifier
    if q in (Qualifier.BY, Qualifier.AS_OF, Qualifier.UNTIL):
        return MIN_DATE, end
    if q is Qualifier.BEFORE:
        return MIN_DATE, max(MIN_DATE, start - dt.timedelta(days=1))
    if q is Qualifier.SINCE:
        return start, MAX_DATE
    if q is Qualifier.AFTER:
        return min(MAX_DATE, end + dt.timedelta(days=1)), MAX_DATE
    return start, end


def _widen(lo: dt.date, hi: dt.date, margin: dt.timedelta) -> tuple[dt.date, dt.date]:
    lo = lo if lo == MIN_DATE else lo - margin
    hi = hi if hi == MAX_DATE else hi + margin
    return lo, hi


def format_range(date: DateExpr) -> str:
    """A short human form of a date's committed range: "2024-06-01..2024-06-30"."""
    lo, hi = effective_range(date)
    if lo == MIN_DATE:
        return f"up to {hi.isoformat()}"
    if hi == MAX_DATE:
        return f"from {lo.isoformat()}"
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}..{hi.isoformat()}"


def compare(claim: DateExpr, found: DateExpr) -> DateComparison:
    """Relate a date found in a source to a claim's date.

    Returns:
        INSIDE when the found range lies within the claim's (qualifier applied);
        OVERLAP when they are compatible but the found date is coarser or vaguer, or
        falls within the vagueness margin of a part-of-year, decade or century;
        DISJOINT otherwise. Each with a one-line reason.
    """
    c_lo, c_hi = effective_range(claim)
    f_lo, f_hi = effective_range(found)
    said = f"found {found.text!r} ({format_range(found)})"
    claimed = f"the claim's {claim.text!r} ({format_range(claim)})"
    if c_lo <= f_lo and f_hi <= c_hi:
        return DateComparison(Relation.INSIDE, f"{said} lies within {claimed}")
    if f_lo <= c_hi and c_lo <= f_hi:
        return DateComparison(Relation.OVERLAP, f"{said} is compatible with {claimed} but less precise")
    margin = max(
        VAGUENESS_MARGIN.get(claim.precision, dt.timedelta(0)),
        VAGUENESS_MARGIN.get(found.precision, dt.timedelta(0)),
    )
    w_lo, w_hi = _widen(c_lo, c_hi, margin)
    if margin and f_lo <= w_hi and w_lo <= f_hi:
        return DateComparison(
            Relation.OVERLAP, f"{said} is just outside {claimed}, within the vagueness of the wording"
        )
    side = "before" if f_hi < c_lo else "after"
    return DateComparison(Relation.DISJOINT, f"{said} falls {side} {claimed}")
