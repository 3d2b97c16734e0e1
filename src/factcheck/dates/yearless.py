"""Parts of a year written without their year, and the tense that picks the year.

"third-quarter profit", "the first half", "last summer", "June last year", "the end of
the year", "this fiscal year", "nineteen ninety-four": each rule here turns one such
expression into a range. Expressions without a year take it from the reference date
(the publication date); which side of it they fall on is decided by `forward_tense`.
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck.dates.lexicon import _MONTH, _YEAR
from factcheck.dates.rules import (
    DateMatch,
    _forward,
    _Groups,
    _Handler,
    _month,
    _month_range,
    _thirds,
)
from factcheck.models import Precision

# Words that put what follows them in the future: "will begin on April 7", "is due to
# resume on Monday", "is set for Feb. 17". Read only between the start of the clause
# that holds the date (a sentence break or a reporting verb: "said") and the date.
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|would|(?:is|are)\s+to|"
    r"(?:is|are|was|were)\s+(?:due|set|scheduled|slated|poised|going|expected|forecast)|"
    r"(?:set|scheduled|slated|due)\s+(?:to|for)|plans?\s+to|planned\s+(?:to|for)|"
    r"expects?\s+to|expected\s+to|forecast\s+to|aims?\s+to|intends?\s+to|hopes?\s+to|"
    r"takes?\s+effect|upcoming|coming)\b|[’']ll\b",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(r"[.!?;](?:\s|$)|\b(?:said|says|told|added|announced|reported)\b")
_TENSE_REACH = 120


def forward_tense(text: str, start: int) -> bool:
    """True when the clause before ``start`` speaks of the future ("will open on …")."""
    window = text[max(0, start - _TENSE_REACH) : start]
    cut = 0
    for m in _CLAUSE_CUT.finditer(window):
        cut = m.end()
    return _FUTURE.search(window, cut) is not None


# ---------------------------------------------------------------- part of the year


_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}


def _part_range(year: int, first_month: int, months: int) -> tuple[dt.date, dt.date]:
    end_index = year * 12 + first_month - 1 + months - 1
    end_year, end_month = divmod(end_index, 12)
    return dt.date(year, first_month, 1), _month_range(end_year, end_month + 1)[1]


def _pick_year(
    ref: dt.date, first_month: int, months: int, rel: str, forward: bool
) -> tuple[dt.date, dt.date]:
    """The occurrence of a yearly part nearest the reference date on the side asked for.

    "last": the latest that ended before the reference; "next": the first that starts
    after it; "this": the one of the reference's year; otherwise the latest that has
    begun by the reference (past tense) or the first not over yet (future tense).
    """
    candidates = [_part_range(ref.year + k, first_month, months) for k in (-2, -1, 0, 1)]
    if rel == "last":
        return [c for c in candidates if c[1] < ref][-1]
    if rel == "next":
        return next(c for c in candidates if c[0] > ref)
    if rel == "this":
        return next(c for c in candidates if c[1] >= ref) if first_month == 12 else candidates[2]
    if forward:
        return next(c for c in candidates if c[1] >= ref)
    return [c for c in candidates if c[0] <= ref][-1]


def yearless_part(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    """ "third-quarter", "the first half", "last summer", "in the spring"."""
    if ref is None:
        return DateMatch(None, None, Precision.PART, relative=True)
    if m["season"]:
        first, months = _SEASON_MONTHS[m["season"].lower()], 3
    else:
        n = _ORDINALS[m["ord"].lower()]
        months = 6 if m["unit"].lower() == "half" else 3
        if months == 6 and n > 2:
            return None
        first = (n - 1) * months + 1
    rel = (m["rel"] or "").lower()
    start, end = _pick_year(ref, first, months, rel, _forward(m))
    return DateMatch(start, end, Precision.PART, relative=True)


def _part_of_relative_year(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    """ "the first half of last year", "the end of next year", "June last year"."""
    unit = (m["unit"] or "year").lower()
    precision = Precision.MONTH if m["m"] else Precision.PART
    if ref is None:
        return DateMatch(None, None, precision, relative=True)
    step = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + step
        start, end = _month_range(index // 12, index % 12 + 1)
        days = _thirds(start.day, end.day, _edge(m["edge"]))
        return DateMatch(start.replace(day=days[0]), end.replace(day=days[1]), Precision.PART, True)
    year = ref.year + step
    if m["m"]:
        start, end = _month_range(year, _month(m["m"]))
        if m["p"]:
            days = _thirds(start.day, end.day, m["p"].lower())
            return DateMatch(
                start.replace(day=days[0]), end.replace(day=days[1]), Precision.PART, True
            )
        return DateMatch(start, end, precision, relative=True)
    if m["ord"]:
        n = _ORDINALS[m["ord"].lower()]
        months = 6 if m["half"] else 3
        if months == 6 and n > 2:
            return None
        start, end = _part_range(year, (n - 1) * months + 1, months)
        return DateMatch(start, end, Precision.PART, relative=True)
    lo, hi = _thirds(1, 12, _edge(m["edge"]))
    return DateMatch(_month_range(year, lo)[0], _month_range(year, hi)[1], Precision.PART, True)


def _edge(word: str | None) -> str:
    word = (word or "").lower()
    return "early" if word in ("beginning", "start") else "mid" if word == "middle" else "late"


# A fiscal year is the company's or government's own: it may end in any month, so the
# range holds every fiscal year that can bear the name, July before to March after.
def _fiscal(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    """ "fiscal 1990", "FY2024", "this fiscal year"."""
    if m["y"]:
        year = int(m["y"])
    elif ref is None:
        return DateMatch(None, None, Precision.YEAR, relative=True)
    else:
        year = ref.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return DateMatch(
        dt.date(year - 1, 7, 1), dt.date(year + 1, 3, 31), Precision.YEAR, m["y"] is None
    )


_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _number(words: str) -> int | None:
    """ "ninety-four" → 94, "oh five" → 5, "twelve" → 12; None when not 0–99."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w and w != "and"]
    if parts[:1] == ["oh"] and len(parts) == 2 and parts[1] in _UNITS:
        return _UNITS.index(parts[1])
    if len(parts) == 1 and parts[0] in _TEENS:
        return 10 + _TEENS.index(parts[0])
    if len(parts) == 1 and parts[0] in _UNITS:
        return _UNITS.index(parts[0])
    if parts and parts[0] in _TENS[2:] and len(parts) <= 2:
        tail = _UNITS.index(parts[1]) if len(parts) == 2 and parts[1] in _UNITS else 0
        return None if len(parts) == 2 and not tail else 10 * _TENS.index(parts[0]) + tail
    return None


def spelled_year(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    """ "nineteen ninety-four", "two thousand and five", "twenty twelve"."""
    rest = _number(m["rest"]) if m["rest"] else 0
    if rest is None or (not m["rest"] and m["head"].lower() != "two thousand"):
        return None
    century = {"nineteen": 1900, "eighteen": 1800, "twenty": 2000, "two thousand": 2000}
    head = re.sub(r"\s+", " ", m["head"].lower())
    if head != "two thousand" and (rest < 10 and not m["rest"].lower().startswith("oh")):
        return None  # "in twenty two cases", "in nineteen": a number, not a year
    year = century[head] + rest
    return DateMatch(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)


def yearless_part_alt(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    """ "third-quarter", "last summer", "in the spring": tensed, see grammar._TENSED."""
    return yearless_part(_Season(m), ref)


_ORD = r"(?P<ord>first|second|third|fourth|final)"
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|oh[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)|"
    r"one|two|three|four|five|six|seven|eight|nine)"
)

RULES: list[tuple[re.Pattern[str], _Handler, tuple[str, ...]]] = [
    (
        re.compile(
            rf"(?<!\ba\s)(?<!\bA\s)\b(?:(?i:the)\s+)?(?i:{_ORD}[\s-]+(?P<unit>quarter|half))\b"
            r"(?![\s-]+(?:of|in\s+a\s+row|straight|running)\b)"
            r"|(?i:\b(?P<rel>last|this|next|past)\s+)(?P<season>spring|summer|autumn|fall|winter)\b"
            r"|\b(?i:the)\s+(?P<season_>spring|summer|autumn|fall|winter)\b(?![\s-]+(?:of|\d|months|season)\b)"
            r"(?!\s+(?:the|a|an|when|that|which|he|she|it|they|we|I)\s)"
        ),
        yearless_part_alt,
        ("quarter", "half", "spring", "summer", "autumn", "fall", "winter"),
    ),
    (
        re.compile(
            rf"\b(?:(?P<p>early|mid|late)[\s-]+)?(?P<m>{_MONTH})\s+(?:of\s+)?"
            rf"(?P<rel>(?i:last|this|next))\s+year\b(?P<edge>)(?P<ord>)(?P<half>)(?P<unit>)"
            rf"|(?i:\b(?:the\s+)?(?:(?P<edge_>beginning|start|middle|end)|{_ORD.replace('ord', 'ord_')}"
            r"[\s-]+(?:quarter|(?P<half_>half)))\s+of\s+(?:the\s+)?(?P<rel_>this|last|next|current)?\s*"
            r"(?P<unit_>year|month)\b)",
        ),
        lambda m, ref: _part_of_relative_year(_RelativeYear(m), ref),
        ("last year", "this year", "next year", " of the ", " of last ", " of this ", " of next "),
    ),
    (
        re.compile(
            rf"(?i:\b(?:fiscal\s+(?:year\s+)?|FY\s?)(?P<y>{_YEAR})\b"
            r"|\b(?P<rel>this|last|next|the\s+current)\s+fiscal\s+year\b)"
        ),
        _fiscal,
        ("fiscal", "fy"),
    ),
    (
        re.compile(
            r"(?i:\b(?P<head>nineteen|eighteen|twenty|two\s+thousand)(?:(?:\s+and)?[\s-]+"
            rf"(?P<rest>{_NUMBER_WORD}))?)\b(?![\s-]+(?:years?|percent|people|times|per)\b)"
        ),
        spelled_year,
        ("nineteen", "eighteen", "twenty", "thousand"),
    ),
]
# A spelled-out year or a bare season counts only after one of these ("in the spring").
SEASON_OR_SPELLED_LEAD = re.compile(
    r"\b(?:in|of|by|since|until|during|from|after|before|over|through|throughout)\s+$",
    re.IGNORECASE,
)


class _Season:
    """Adapt the three spellings of a yearless part of a year to one handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> object:
        m = self._m
        if key == "season":
            return m["season"] or m["season_"]
        return m[key]


class _RelativeYear:
    """Adapt "June last year" and "the end of last year" to one handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> object:
        m = self._m
        if key in ("m", "p"):
            return m[key]
        if key == "rel":
            return m["rel"] or m["rel_"] or "this"
        if key in ("edge", "ord", "half", "unit"):
            return m[key] or m[f"{key}_"]
        return m[key]
