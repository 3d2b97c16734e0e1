"""Temporal expressions: find them in English text, normalise, compare.

Every date is an inclusive range ``[start, end]`` with a precision (day … century) and
the qualifier word that ties it to its event ("in", "by", "as of", …). A hand-written
grammar of regular expressions finds the expressions; overlapping candidates are settled
longest-first. Relative expressions ("on Friday", "last month") are resolved only
against a reference date given by the caller, and left unresolved otherwise.
"""

from factcheck.dates.compare import (
    VAGUENESS_MARGIN,
    compare,
    effective_range,
    format_range,
    format_span,
)
from factcheck.dates.grammar import find_dates, impossible_dates, parse_date

__all__ = [
    "VAGUENESS_MARGIN",
    "compare",
    "effective_range",
    "find_dates",
    "format_range",
    "format_span",
    "impossible_dates",
    "parse_date",
]
