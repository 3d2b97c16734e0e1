"""Context rules: when a match of the grammar is no date (a count, a title, a show, a habit)."""

from __future__ import annotations

import re

from factcheck.dates.lexicon import (
    _WORD_AFTER_RE,
    _WORD_BEFORE_RE,
    COUNT_NOUNS,
    DETERMINERS,
    MONTHS,
    NOT_YEAR_BEFORE,
    PREPOSITIONS,
    STREET_WORDS,
    TITLE_NOUNS,
    WEEKDAYS,
    YEAR_PREPOSITIONS,
)

# Capitalised words that open a sentence before a year without naming anything.
OPENERS = frozenset(
    "and but then so yet or also only even while when as although though because whereas".split()
)


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


_WEEKDAY_LEAD = re.compile(
    r"\b(?:on|by|since|until|till|before|after|from|through)\s+$", re.IGNORECASE
)
# A bare weekday with one of these right before or after it is no day: "every Monday",
# "Friday prayers". Nor is one after a capitalised word: "Black Friday", "Super Tuesday".
_WEEKDAY_NOT_BEFORE = frozenset("every each a an the".split())
_WEEKDAY_NOT_AFTER = frozenset("prayers prayer market markets school mass".split())
_YEAR_OWNS = re.compile(r"\d{4}[’']s\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n][\"”’)]?)\s*$")


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


# A half or quarter near these words is part of a match, not of a year.
_SPORT = re.compile(
    r"\b(?:goals?|scored?|match|minutes?|penalty|substitute|kick-?off|whistle|half-?time|"
    r"striker|goalkeeper|innings?|touchdown|referee)\b",
    re.IGNORECASE,
)


def in_a_match(text: str, start: int, end: int) -> bool:
    """True when "the second half" or "the third quarter" is a period of a game."""
    return _SPORT.search(text, max(0, start - 150), end + 150) is not None
