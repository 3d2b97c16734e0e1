"""The grammar: patterns in priority order, candidate selection, qualifiers, ranges."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

from factcheck.dates import anaphora, yearless
from factcheck.dates.adapters import _Alt, _NoLead, _SingleDecade, _Swap, _Tensed, _WeekdayAlt
from factcheck.dates.context import _YEAR_OWNS, _not_a_day, _not_a_year, _word_before, in_a_match
from factcheck.dates.lexicon import (
    _DASH,
    _DAY,
    _END,
    _MONTH,
    _MONTH_LEADS,
    _ORD,
    _PART,
    _QUALIFIER_RE,
    _RANGE_JOIN,
    _RANGE_LEAD,
    _SEASON,
    _WEEKDAY,
    _WEEKDAY_PREFIX,
    _WEEKDAY_SHORT,
    _YEAR,
    DETERMINERS,
    NAME_MONTHS,
    PREPOSITIONS,
)
from factcheck.dates.rules import (
    DateMatch,
    _ago,
    _century,
    _day_month,
    _day_month_year,
    _decade,
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
    _weekday_short_year,
    _year,
    _year_range,
)
from factcheck.models import DateExpr, Precision, Qualifier

# ---------------------------------------------------------------- the grammar


# Words one of which a text must hold for a rule to be tried (capitalised ones are looked
# for as written, others in the lowercased text): most paragraphs skip most rules.
_MONTH_NEEDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PART_NEEDS = tuple(
    """spring summer autumn fall winter early mid late beginning start middle end turn half
    quarter q1 q2 q3 q4 h1 h2""".split()
)
_DAY_NEEDS = tuple(
    """monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
    tomorrow night morning afternoon evening""".split()
)


# Months written in full, but "May": after one of _MONTH_LEADS ("through June", "a June
# report") a month counts without a preposition.
_MONTH_NAMED = "January|February|March|April|June|July|August|September|October|November|December"
_MONTH_LEAD_RE = re.compile(rf"\b(?:{_MONTH_LEADS})\s+$", re.IGNORECASE)


def _month_after_lead(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    return _month_alone(_NoLead(m), ref)


def _day_month_alt(m: _Groups, ref: dt.date | None) -> DateMatch | None:
    return _day_month(_Alt(m), ref)


_RULES: list[tuple[re.Pattern[str], _Handler, tuple[str, ...]]] = [
    (
        re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
        _iso,
        ("-",),
    ),
    (
        re.compile(
            rf"(?<![\w/.])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})\b(?![.]\d)"
        ),
        _numeric,
        (),
    ),
    (
        re.compile(
            rf"(?:\b(?P<between>between)\s+)?\b{_WEEKDAY_PREFIX}(?P<d>{_DAY})(?:\s+(?:of\s+)?(?P<m>{_MONTH})\.?)?"
            rf"(?:(?:{_DASH}|(?(between)\s+and\s+|(?!)))(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+"
            rf"(?P<y>{_YEAR}){_END}"
        ),
        lambda m, ref: _day_month_year(_Swap(m), ref),
        _MONTH_NEEDS,
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?P<m>{_MONTH})\.?\s+(?P<d>{_DAY})"
            rf"(?:{_DASH}(?:(?P<m2>{_MONTH})\.?\s+)?(?P<d2>{_DAY}))?,?\s+(?P<y>{_YEAR}){_END}"
        ),
        _day_month_year,
        _MONTH_NEEDS,
    ),
    (
        re.compile(
            rf"\b(?P<w>{_WEEKDAY_SHORT})\.?,?\s+(?:(?P<d>{_DAY})\s+(?P<m>{_MONTH})\.?"
            rf"|(?P<m_>{_MONTH})\.?\s+(?P<d_>{_DAY}),?)\s+'?(?P<yy>\d\d)(?![\w:.%])"
        ),
        lambda m, ref: _weekday_short_year(_WeekdayAlt(m), ref),
        _MONTH_NEEDS,
    ),
    (
        re.compile(
            rf"\b{_WEEKDAY_PREFIX}(?:(?P<d>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?(?P<m>{_MONTH})\b"
            rf"|(?P<m_>{_MONTH})\.?\s+(?P<d_>{_DAY})(?:{_DASH}(?P<d2_>{_DAY}))?\b)(?!,?\s*\d)"
        ),
        _day_month_alt,
        _MONTH_NEEDS,
    ),
    (
        re.compile(
            rf"(?:\b(?P<between>between)\s+)?\b(?:(?P<p>{_PART})[\s-]*)?(?P<m>{_MONTH})\.?"
            rf"(?:,?\s+(?P<y1>{_YEAR}))?(?:(?:{_DASH}|(?(between)\s+and\s+|(?!)))(?P<m2>{_MONTH})\.?)?"
            rf",?\s+(?:of\s+)?(?P<y>{_YEAR}){_END}",
            re.IGNORECASE,
        ),
        _month_year,
        _MONTH_NEEDS,
    ),
    (
        re.compile(
            rf"(?i:\b(?:(?P<p>early|mid|late)[\s-]+(?=(?:last|next|this)\s))?"
            rf"(?P<rel>in|on|since|by|until|till|before|after|during|from|last|next|"
            rf"this|early|mid|late|of)[\s-]+)(?P<m>{_MONTH})\b(?!\.?\s*\d)"
        ),
        _month_alone,
        _MONTH_NEEDS,
    ),
    (re.compile(rf"\b(?P<m>{_MONTH_NAMED})\b(?!\.?\s*\d)"), _month_after_lead, _MONTH_NEEDS),
    (
        re.compile(
            rf"\b(?P<w>(?P<season>{_SEASON})|{_PART}|the\s+(?P<half>first|second)\s+half|"
            r"(?:the\s+)?(?P<quarter>(?:first|second|third|fourth|last)[\s-]+quarter)|Q[1-4]|H[12])"
            rf"(?:[\s-]+of)?[\s-]+(?P<y>{_YEAR})(?:[-–/](?P<y2>\d{{2}}|{_YEAR}))?{_END}",
            re.IGNORECASE,
        ),
        _part_year,
        _PART_NEEDS,
    ),
    (
        re.compile(
            rf"(?:\b(?:from|(?P<between>between))\s+)?\b(?P<y>{_YEAR})(?:\s*[-–—/]\s*|\s+(?:to|through|until)\s+|"
            r"(?(between)\s+and\s+|(?!)))"
            rf"(?P<y2>{_YEAR}|\d{{2}})(?![\w%'’-])(?![.,]\d)",
            re.IGNORECASE,
        ),
        _year_range,
        (),
    ),
    (
        re.compile(
            r"\b(?:(?P<p>early|mid|late)[\s-]+)?(?P<y>\d{3}0)[’']?s"
            r"(?:\s*(?:and|or|to|through|[-–])\s*(?:the\s+)?(?:(?P<p2>early|mid|late)[\s-]+)?"
            r"(?P<y2>\d{3}0)[’']?s)?\b(?!\s+of\b)",
            re.IGNORECASE,
        ),
        _decade,
        ("0s", "0’s", "0's"),
    ),
    (
        re.compile(
            r"(?<!\w)(?:(?P<p>early|mid|late)[\s-]+[’']?|[’'])(?P<yy>\d0)s\b", re.IGNORECASE
        ),
        _short_decade,
        ("0s",),
    ),
    (
        re.compile(
            rf"\b(?:(?P<p>early|mid|late)[\s-]+)?(?P<c>{_ORD})"
            rf"(?:(?:\s+(?:and|or|to|through)\s+|\s*[-–]\s*)(?:the\s+)?(?:(?P<p2>early|mid|late)[\s-]+)?"
            rf"(?P<c2>{_ORD}))?[\s-]+centur(?:y|ies)\b(?!\s+B\.?C)",
            re.IGNORECASE,
        ),
        _century,
        ("centur",),
    ),
    (re.compile(rf"(?<![\w$€£¥#.,/-])(?P<y>{_YEAR})(?![\w%-])(?![.,]\d)"), _year, ()),
    (
        re.compile(
            rf"(?i:\b(?:(?P<rel>last|this|next|past)\s+|(?P<part>early|late)\s+)?)\b(?P<w>{_WEEKDAY}|(?i:today|tonight|yesterday|tomorrow"
            r"|(?<=this\s)(?:morning|afternoon|evening)|(?<=last\s)night))\b"
        ),
        _relative_day,
        _DAY_NEEDS,
    ),
    (
        re.compile(
            r"\b(?P<early>(?:earlier|later|early|mid|late)[\s-]+)?"
            r"(?P<rel>last|this|next|past|coming)\s+"
            r"(?P<unit>week|weekend|month|year)\b",
            re.IGNORECASE,
        ),
        _relative_period,
        ("week", "month", "year"),
    ),
    (
        re.compile(
            r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
            re.IGNORECASE,
        ),
        _ago,
        ("ago",),
    ),
    *yearless.RULES,
    *anaphora.RULES,
]


# Cheap patterns that a text must match for a rule to be tried: for a rule without words
# of its own, one that starts with a digit, which the regular-expression engine skips to
# quickly; for a month rule, the part of its pattern after its optional lead (a weekday,
# "in"), which starts with the month: most news sentences name one, few match there.
_PRECHECK: dict[_Handler, re.Pattern[str]] = {
    _numeric: re.compile(r"\d[/.]\d{1,2}[/.]\d{4}"),
    _year_range: re.compile(rf"{_YEAR}(?:\s*[-–—/]\s*|\s+(?:to|through|until|and)\s+)\d\d", re.I),
    _day_month_year: re.compile(
        rf"{_MONTH}\.?\s+{_DAY}(?:{_DASH}(?:{_MONTH}\.?\s+)?{_DAY})?,?\s+{_YEAR}{_END}"
    ),
    _day_month_alt: re.compile(
        rf"{_MONTH}(?:\b(?!,?\s*\d)|\.?\s+{_DAY}(?:{_DASH}{_DAY})?\b(?!,?\s*\d))"
    ),
    _month_alone: re.compile(rf"[\s-]{_MONTH}\b(?!\.?\s*\d)"),
}

# Handlers whose year or day depends on tense: "in May" is last May, "will open in May"
# the coming one (see yearless.forward_tense).
_TENSED = frozenset(
    {_day_month_alt, _month_alone, _month_after_lead, _relative_day, yearless.yearless_part_alt}
)


_SINGLE_DECADE = re.compile(r"\b(?:(?:early|mid|late)[\s-]+)?\d{3}0[’']?s\b", re.IGNORECASE)
_PRECISION_ORDER = list(Precision)


_DATES_FROM = re.compile(r"\bdat(?:es|ed|ing|e)\s+(?:back\s+)?(?:to|from)\s+(?:the\s+)?$", re.I)


def _qualifier(text: str, start: int, found: DateMatch, matched: str) -> Qualifier:
    head = matched.split(None, 1)[0].lower() if matched.strip() else ""
    if head in ("last", "this", "next", "past"):
        return Qualifier.NONE
    lead = text[max(0, start - 30) : start]
    if _DATES_FROM.search(lead):
        return Qualifier.IN  # "dates from the 12th century"
    match = _QUALIFIER_RE.search(lead)
    attributive = (
        found.precision is Precision.YEAR and _word_before(text, start).lower() in DETERMINERS
    )
    if not match:
        return Qualifier.NONE
    word = re.sub(r"\s+", " ", match.group(1).lower())
    if found.is_range and word in ("from", "between"):
        return Qualifier.IN
    qualifier = PREPOSITIONS[word]
    if attributive:
        # "after the 2024 attack": the attack fell somewhere in 2024, so only the
        # lenient reading holds: no earlier than 2024 (since), no later than 2024 (until).
        soften = {Qualifier.AFTER: Qualifier.SINCE, Qualifier.BEFORE: Qualifier.UNTIL}
        return soften.get(qualifier, qualifier)
    return qualifier


_STRIP_LEAD = re.compile(
    r"^(?:(?:from|between|in|on|since|by|until|till|before|after|during|of)\s+)",
    re.IGNORECASE,
)


_NAME = re.compile(r"\s+[A-Z][a-z]")  # a capitalised word right after a match


def _skip(text: str, m: re.Match[str], handler: _Handler, start: int) -> bool:
    """Context rules that a pattern alone cannot express."""
    if handler in (_year, _year_range) and _not_a_year(text, start, m.end()):
        return True
    if handler is _month_alone and m["m"] in NAME_MONTHS and _NAME.match(text, m.end()):
        return True  # "delivered by April Jones"
    if handler is _month_after_lead and (
        _NAME.match(text, m.end()) or not _MONTH_LEAD_RE.search(text[max(0, start - 12) : start])
    ):
        return True  # "a June report", not "January Jones" or "the June Carter album"
    if handler is _relative_day:
        return _not_a_day(text, m, start)
    if handler is _relative_period and m["unit"][0].isupper():
        return True  # ABC's "This Week"
    if handler is yearless.yearless_part_alt and _YEAR_OWNS.search(text[max(0, start - 8) : start]):
        return True  # "2025's first half": the year is found, and nothing finer is claimed
    season = handler is yearless.yearless_part_alt and (m["season_"] or m["season"])
    if handler is yearless.yearless_part_alt and not season and in_a_match(text, start, m.end()):
        return True  # "early in the second half" of a final
    season = handler is yearless.yearless_part_alt and m["season_"]
    if season or handler is yearless.spelled_year:  # "in the spring", "in nineteen ninety"
        return not yearless.SEASON_OR_SPELLED_LEAD.search(text[max(0, start - 12) : start])
    return False


_LEAD_STRIPPED = (_month_alone, _year_range)


def _candidates(text: str, ref: dt.date | None) -> Iterator[tuple[int, int, DateMatch]]:
    lower = text.lower()
    held: dict[tuple[str, ...], bool] = {}  # rules share their words: each looked for once
    for pattern, handler, needs in _RULES:
        if needs:
            if needs not in held:
                where = text if needs[0][0].isupper() else lower
                held[needs] = any(map(where.__contains__, needs))
            if not held[needs]:
                continue
        precheck = _PRECHECK.get(handler)
        if precheck is not None and not precheck.search(text):
            continue
        for m in pattern.finditer(text):
            start = m.start()
            lead = _STRIP_LEAD.match(m.group(0))
            if lead and (handler in _LEAD_STRIPPED or m.re.groupindex.get("between")):
                start += lead.end()
            if _skip(text, m, handler, start):
                continue
            tensed = ref is not None and handler in _TENSED and yearless.forward_tense(text, start)
            try:
                found = handler(_Tensed(m) if tensed else m, ref)
            except (ValueError, OverflowError):  # "100 years ago" from year 50
                continue
            if found is None and handler is _decade and m["y2"]:
                # "the 2010s and 1990s": two decades, not a range
                for single in _SINGLE_DECADE.finditer(m.group(0)):
                    one = _decade(_SingleDecade(single), ref)
                    if one is not None:
                        yield m.start() + single.start(), m.start() + single.end(), one
                continue
            if found is not None:
                yield start, m.end(), found


def _coarser(a: Precision, b: Precision) -> Precision:
    return max(a, b, key=_PRECISION_ORDER.index)


def _join_ranges(text: str, dates: list[DateExpr]) -> list[DateExpr]:
    """Merge "from 30 December 2024 to 2 January 2025" and "between March and June 2025"."""
    out: list[DateExpr] = []
    for d in dates:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.resolved
            and d.resolved
            and _RANGE_JOIN.match(text[prev.stop : d.offset])
            and (
                text[prev.stop : d.offset].strip().lower() != "and"
                or _RANGE_LEAD.search(text[max(0, prev.offset - 12) : prev.offset])
            )
            and prev.start <= d.start  # type: ignore[operator]
        ):
            lead = _RANGE_LEAD.search(text[max(0, prev.offset - 12) : prev.offset])
            out[-1] = dataclasses.replace(
                prev,
                text=text[prev.offset : d.stop],
                end=d.end,
                precision=_coarser(prev.precision, d.precision),
                qualifier=Qualifier.IN if lead else prev.qualifier,
                relative=prev.relative or d.relative,
            )
            continue
        out.append(d)
    return out


def _select(text: str, reference: dt.date | None) -> list[tuple[int, int, DateMatch]]:
    """Candidates in text order, overlaps settled in favour of the longest reading."""
    chosen: list[tuple[int, int, DateMatch]] = []
    taken_until = -1
    for start, end, found in sorted(_candidates(text, reference), key=lambda c: (c[0], -c[1])):
        if start < taken_until:
            continue
        chosen.append((start, end, found))
        taken_until = end
    return chosen


def find_dates(text: str, reference: dt.date | None = None) -> list[DateExpr]:
    """Find every temporal expression in ``text``, in order of appearance.

    Args:
        text: English prose.
        reference: the date relative expressions ("on Friday") are resolved against,
            usually the publication date; without it they come back unresolved.

    Returns:
        Non-overlapping expressions; for each, the longest reading wins. A written date
        that does not exist ("31 June 2025") yields nothing rather than its month: see
        `impossible_dates`.
    """
    result = []
    for start, end, found in anaphora.with_anchors(_select(text, reference)):
        if found.blocked:
            continue
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
    return _join_ranges(text, result)


def impossible_dates(text: str) -> list[tuple[int, str]]:
    """Written dates that do not exist ("31 June 2025"), as (offset, text): an editor's catch."""
    return [(start, text[start:end]) for start, end, found in _select(text, None) if found.blocked]


def parse_date(text: str, reference: dt.date | None = None) -> DateExpr | None:
    """Return the first resolved date expression in ``text``, or ``None``."""
    return next((d for d in find_dates(text, reference) if d.resolved), None)
