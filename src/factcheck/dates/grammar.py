"""The grammar: patterns in priority order, candidate selection, qualifiers, ranges."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from factcheck.dates import anaphora, yearless
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
    _WORD_AFTER_RE,
    _WORD_BEFORE_RE,
    _YEAR,
    COUNT_NOUNS,
    DETERMINERS,
    MONTHS,
    NAME_MONTHS,
    NOT_YEAR_BEFORE,
    PREPOSITIONS,
    STREET_WORDS,
    TITLE_NOUNS,
    WEEKDAYS,
    YEAR_PREPOSITIONS,
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


def _day_month_alt(m: _Groups, ref: dt.date | None) -> _Found | None:
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
            rf"this|early|mid|late|of|{_MONTH_LEADS})[\s-]+)(?P<m>{_MONTH})\b(?!\.?\s*\d)"
        ),
        _month_alone,
        _MONTH_NEEDS,
    ),
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


class _Swap:
    """Adapt the day-first rule ("7 May – 2 June 2025") to the month-first handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        m = self._m
        if m["m"]:  # two months: the first belongs to the first day
            return {"m": m["m"], "m2": m["m2"], "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]
        return {"m": m["m2"], "m2": None, "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]


class _WeekdayAlt:
    """Adapt the two spellings of a weekday, day, month and two-digit year to one handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        m = self._m
        if key in ("d", "m") and m["m_"]:
            return m[f"{key}_"]
        return m[key]


class _Alt:
    """Adapt the two spellings of a day and month without a year to one handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        m = self._m
        if key not in ("m", "d", "d2"):
            return m[key]
        if m["m_"]:
            return {"m": m["m_"], "d": m["d_"], "d2": m["d2_"]}[key]
        return {"m": m["m"], "d": m["d"], "d2": m["d2"]}[key]


class _Tensed:
    """A match found in the future tense: handlers read ``m["forward"]``."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        return True if key == "forward" else self._m[key]


# Handlers whose year or day depends on tense: "in May" is last May, "will open in May"
# the coming one (see yearless.forward_tense).
_TENSED = frozenset({_day_month_alt, _month_alone, _relative_day, yearless.yearless_part_alt})


# Capitalised words that open a sentence before a year without naming anything.
OPENERS = frozenset(
    "and but then so yet or also only even while when as although though because whereas".split()
)
_SINGLE_DECADE = re.compile(r"\b(?:(?:early|mid|late)[\s-]+)?\d{3}0[’']?s\b", re.IGNORECASE)
_PRECISION_ORDER = list(Precision)


def _word_after(text: str, end: int) -> str:
    after = _WORD_AFTER_RE.match(text[end : end + 30])
    return after.group(1) if after else ""


def _word_before(text: str, start: int) -> str:
    before = _WORD_BEFORE_RE.search(text[max(0, start - 20) : start])
    return before.group(1) if before else ""


# An article or possessive determiner right before the number, or before one lowercase
# word before it ("a landmark 1954 …").
_ARTICLE_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|my|your|this|that)\s+(?:[a-z][\w-]*\s+)?$",
    re.IGNORECASE,
)
_QUOTE_OPEN = "“\"‘'«"
_QUOTE_CLOSE = "”\"’'»"


# An author-year citation, read backwards from the character after the year:
# "(Kerr 2007)", "(Alexander, 2007;", "(Smith et al. 2007)".
_CITATION = re.compile(r"[);,]\d{4}\s*,?\s*(?:\.la\s+te\s+)?[a-z]+[A-Z]\(")


def _a_title(text: str, start: int, end: int, before: str) -> bool:
    """True when a four-digit number names a work: after "album" or "titled", or quoted."""
    if before.lower() in TITLE_NOUNS:
        return True  # "the album 1989", "a film titled 1917" (not "the album, 1989")
    opened = start > 0 and text[start - 1] in _QUOTE_OPEN
    return opened and end < len(text) and text[end] in _QUOTE_CLOSE  # "her “1989”"


def _not_a_year(text: str, start: int, end: int) -> bool:
    """True when a four-digit number (or a pair "1500 and 2000") is a count or a code."""
    before = _word_before(text, start)
    if re.search(r"\d\s+in\s+$", text[max(0, start - 8) : start]):
        return True  # "a 1 in 2000 chance"
    if before.lower() in YEAR_PREPOSITIONS:
        return False  # "In 1918 women won the vote"
    if _a_title(text, start, end, before):
        return True  # "the album 1989", "her “1989”"
    tail = text[end : end + 60]
    pair = re.match(r"\s*(?:and|or|to|-|–)\s*\d[\d,]*", tail)  # "between 1500 and 2000 troops"
    noun = _word_after(tail, pair.end() if pair else 0).lower()
    if noun in COUNT_NOUNS:
        return True
    # An address has no article before its number: "a landmark 1954 Supreme Court case"
    # and "the 2016 Main Street parade" are years used as modifiers.
    address = not _ARTICLE_BEFORE.search(text[max(0, start - 30) : start])
    if address and noun in STREET_WORDS:
        return True
    words = re.findall(r"[A-Za-z][\w-]*", tail[:40])[:3]
    for i, word in enumerate(words[1:], start=1):
        if not address or not words[i - 1][0].isupper():
            break
        if word.lower() in STREET_WORDS:
            return True  # "1600 Pennsylvania Avenue"
    if before.lower() in NOT_YEAR_BEFORE or re.search(
        r"\d\s+in\s+$", text[max(0, start - 8) : start]
    ):
        return True  # "NOK 2025", "a 1 in 2000 chance"
    # A name right before the number makes it a model, a flight or a programme ("Amiga
    # 1000", "BA 2025", "Windows 2000"); a possessive ("Obama's 2008 campaign"), an
    # abbreviation ("U.S."), a month, a preposition or an article does not. A bracket or
    # quotation mark opening the name is no part of it: "(ICRC 2016)"; but "(Kerr 2007)"
    # or "(Kerr, 2007)" is an author and a year.
    if _CITATION.match(text[max(0, start - 30) : min(len(text), end + 1)][::-1]):
        return False
    before = before.lstrip('([{“"‘«')
    if not before[:1].isupper() or re.search(r"[’'.]", before):
        return False
    lower = before.lower()
    return not (
        lower in MONTHS or lower in PREPOSITIONS or lower in DETERMINERS or lower in OPENERS
    )


def _qualifier(text: str, start: int, found: _Found, matched: str) -> Qualifier:
    head = matched.split(None, 1)[0].lower() if matched.strip() else ""
    if head in ("last", "this", "next", "past"):
        return Qualifier.NONE
    lead = text[max(0, start - 30) : start]
    if re.search(r"\bdat(?:es|ed|ing|e)\s+(?:back\s+)?(?:to|from)\s+(?:the\s+)?$", lead, re.I):
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


_WEEKDAY_LEAD = re.compile(
    r"\b(?:on|by|since|until|till|before|after|from|through)\s+$", re.IGNORECASE
)
_STRIP_LEAD = re.compile(
    rf"^(?:(?:from|between|in|on|since|by|until|till|before|after|during|of|{_MONTH_LEADS})\s+)",
    re.IGNORECASE,
)
# A bare weekday with one of these right before or after it is no day: "every Monday",
# "Friday prayers". Nor is one after a capitalised word: "Black Friday", "Super Tuesday".
_WEEKDAY_NOT_BEFORE = frozenset("every each a an the".split())
_WEEKDAY_NOT_AFTER = frozenset("prayers prayer market markets school mass".split())
_YEAR_OWNS = re.compile(r"\d{4}[’']s\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n][\"”’)]?)\s*$")


def _skip(text: str, m: re.Match[str], handler: _Handler, start: int) -> bool:
    """Context rules that a pattern alone cannot express."""
    if handler in (_year, _year_range) and _not_a_year(text, start, m.end()):
        return True
    name_follows = re.match(r"\s+[A-Z][a-z]", text[m.end() : m.end() + 3])
    if handler is _month_alone and m["m"] in NAME_MONTHS and name_follows:
        return True  # "delivered by April Jones"
    if (
        handler is _month_alone
        and m["rel"].lower() in _MONTH_LEADS.split("|")
        and (m["m"] == "May" or len(m["m"]) < 4 or name_follows)
    ):
        return True  # "Johnson and May agreed", "the June Carter album"
    if handler is _relative_day:
        return _not_a_day(text, m, start)
    if handler is _relative_period and m["unit"][0].isupper():
        return True  # ABC's "This Week"
    if handler is yearless.yearless_part_alt and _YEAR_OWNS.search(text[max(0, start - 8) : start]):
        return True  # "2025's first half": the year is found, and nothing finer is claimed
    season = handler is yearless.yearless_part_alt and m["season_"]
    if season or handler is yearless.spelled_year:  # "in the spring", "in nineteen ninety"
        return not yearless.SEASON_OR_SPELLED_LEAD.search(text[max(0, start - 12) : start])
    return False


def _not_a_day(text: str, m: re.Match[str], start: int) -> bool:
    """A weekday or "today" that names a show, a habit or a sale ("Black Friday")."""
    word = m["w"].lower()
    if word[:3] in WEEKDAYS and not m["rel"]:
        # A weekday is a date after a preposition ("on Friday") and bare in news style
        # ("the ministry said Friday"), but not before a name ("in the Sunday Times").
        if re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2]):
            return True
        lead = _WEEKDAY_LEAD.search(text[max(0, start - 8) : start])
        before = _word_before(text, start)
        after = _word_after(text, m.end()).lower()
        if not lead and (
            (before[:1].isupper() and not _SENTENCE_START.search(text[max(0, start - 40) : start]))
            or before.lower() in _WEEKDAY_NOT_BEFORE
            or after in _WEEKDAY_NOT_AFTER
        ):
            return True
    if (
        word in ("today", "tonight", "yesterday", "tomorrow")
        and m["w"][0].isupper()
        and not _SENTENCE_START.search(text[max(0, start - 40) : start])
    ):
        return True  # NBC's "Today"
    return bool(
        word in ("today", "tomorrow")
        and (
            re.match(r"[’']s\b", text[m.end() : m.end() + 3])
            or re.search(r"\bof\s+$", text[max(0, start - 4) : start])
        )
    )  # "today's leaders", "the companies of tomorrow"


_LEAD_STRIPPED = (_month_alone, _year_range)


def _candidates(text: str, ref: dt.date | None) -> Iterator[tuple[int, int, _Found]]:
    lower = text.lower()
    for pattern, handler, needs in _RULES:
        if needs and not any(map((text if needs[0][0].isupper() else lower).__contains__, needs)):
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


class _SingleDecade:
    """Re-read one decade of a pair with the decade handler."""

    def __init__(self, m: re.Match[str]) -> None:
        text = m.group(0)
        part = re.match(r"(early|mid|late)", text, re.IGNORECASE)
        self._groups = {"p": part.group(1) if part else None, "y": re.search(r"\d{4}", text).group(0),  # type: ignore[union-attr]
                        "y2": None, "p2": None}  # fmt: skip

    def __getitem__(self, key: str, /) -> Any:
        return self._groups[key]


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
            and (text[prev.stop : d.offset].strip().lower() != "and"
                 or _RANGE_LEAD.search(text[max(0, prev.offset - 12) : prev.offset]))
            and prev.start <= d.start  # type: ignore[operator]
        ):  # fmt: skip
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


def _select(text: str, reference: dt.date | None) -> list[tuple[int, int, _Found]]:
    """Candidates in text order, overlaps settled in favour of the longest reading."""
    chosen: list[tuple[int, int, _Found]] = []
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
