"""The grammar: patterns in priority order, candidate selection, qualifiers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from factcheck.dates.lexicon import (
    _DASH,
    _DAY,
    _END,
    _MONTH,
    _ORD,
    _PART,
    _QUALIFIER_RE,
    _SEASON,
    _WEEKDAY,
    _WEEKDAY_PREFIX,
    _WORD_AFTER_RE,
    _WORD_BEFORE_RE,
    _YEAR,
    COUNT_NOUNS,
    DETERMINERS,
    NOT_YEAR_BEFORE,
    PREPOSITIONS,
    WEEKDAYS,
)
from factcheck.dates.rules import (
    _ago,
    _century,
    _day_month,
    _day_month_year,
    _decade,
    _Found,
    _Groups,
    _Handler,
    _iso,
    _month_alone,
    _month_year,
    _numeric,
    _part_year,
    _relative_day,
    _relative_period,
    _short_decade,
    _year,
    _year_range,
)
from factcheck.models import DateExpr, Precision, Qualifier

# ---------------------------------------------------------------- the grammar

_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), _iso),
    (
        re.compile(
            rf"(?<![\d/.])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})\b"
        ),
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
            r"\b(?:(?P<p>early|mid|late)[\s-]+)?(?P<y>\d{3}0)[’']?s"
            r"(?:\s*(?:and|or|to|through|[-–])\s*(?:the\s+)?(?:(?P<p2>early|mid|late)[\s-]+)?"
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

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        m = self._m
        if m["m"]:  # two months: the first belongs to the first day
            return {"m": m["m"], "m2": m["m2"], "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]
        return {"m": m["m2"], "m2": None, "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]


class _Alt:
    """Adapt the two spellings of a day and month without a year to one handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
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
            bare_weekday = handler is _relative_day and m["w"][:3].lower() in WEEKDAYS
            preposition = _QUALIFIER_RE.search(text[max(0, start - 24) : start])
            if bare_weekday and not m["rel"] and not preposition:
                continue  # a bare weekday is a date only after a preposition ("on Friday")
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
