"""A claim as a corpus query: its terms and its date, as an FTS5 MATCH expression.

Every term is quoted, so nothing in a claim can act as FTS5 syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.language.keywords import entities, event_words
from factcheck.models import Claim, Precision

__all__ = [
    "MAX_TERMS",
    "NEAR_TOKENS",
    "claim_query",
    "coverage",
    "date_terms",
    "fts_query",
    "query_terms",
]

MAX_TERMS = 16  # a longer query costs more and ranks no better
NEAR_TOKENS = 3  # "June 2024", "19 June 2024" and "June 19, 2024" are all this close
_WORD = re.compile(r"\w+")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def query_terms(claim: Claim) -> list[str]:
    """What to search for besides the date: the keywords, else the names and event words."""
    terms = list(claim.keywords)
    if not terms:
        terms = entities(claim.text, frozenset(), sentence_start=False)
        terms += event_words(claim.text, len(claim.text))
    seen: dict[str, str] = {}
    for term in terms:
        words = " ".join(_WORD.findall(term))
        if words and words.lower() not in seen:
            seen[words.lower()] = words
    return list(seen.values())[:MAX_TERMS]


def date_terms(claim: Claim) -> list[tuple[str, ...]]:
    """The claim's date as search terms: ("June", "2024") for a day or month, else years.

    A month and its year are searched as one NEAR group, which matches "19 June 2024",
    "June 19, 2024" and "June 2024" alike, and costs far less than two common words.
    """
    date = claim.date
    if date is None or date.start is None or date.end is None:
        return []
    if date.precision in (Precision.DAY, Precision.MONTH) and date.start.month == date.end.month:
        return [(_MONTHS[date.start.month - 1], str(date.start.year))]
    if date.end.year - date.start.year <= 2:
        return [(str(y),) for y in range(date.start.year, date.end.year + 1)]
    return []


def _phrase(term: str) -> str | None:
    words = " ".join(_WORD.findall(term))
    return '"' + words.replace('"', '""') + '"' if words else None


def fts_query(terms: Sequence[str], near: Sequence[Sequence[str]] = ()) -> str:
    """An FTS5 MATCH expression: any of the terms, each a quoted phrase, or a NEAR group.

    Only word characters survive into a term and every term is wrapped in double quotes
    (a quote inside is doubled), so AND/OR/NOT/NEAR, ``*``, ``^``, ``:``, parentheses or
    quotes in a claim are searched for as words, never read as query syntax. Each group
    in ``near`` becomes ``NEAR("a" "b", 3)`` (a group of one, a plain phrase).
    """
    parts = [p for p in map(_phrase, terms) if p]
    for group in near:
        phrases = [p for p in map(_phrase, group) if p]
        if len(phrases) == 1:
            parts.append(phrases[0])
        elif phrases:
            parts.append(f"NEAR({' '.join(phrases)}, {NEAR_TOKENS})")
    return " OR ".join(dict.fromkeys(parts))


def claim_query(claim: Claim) -> str:
    """The FTS5 query for a claim: its terms and its date."""
    return fts_query(query_terms(claim), date_terms(claim))


def coverage(terms: Sequence[str], text: str) -> float:
    """The share of the search terms found in the text, each as whole words, case aside."""
    folded = " ".join(_WORD.findall(text.casefold()))
    found = sum(f" {' '.join(_WORD.findall(t.casefold()))} " in f" {folded} " for t in terms)
    return found / len(terms) if terms else 0.0
