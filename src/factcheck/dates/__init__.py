"""Temporal expressions: find them in English text, normalise, compare.

Every date is an inclusive range ``[start, end]`` with a precision (day … century) and
the qualifier word that ties it to its event ("in", "by", "as of", …). A hand-written
grammar of regular expressions finds the expressions; overlapping candidates are settled
longest-first.

Anchors and tense (issue 14):

- Relative expressions ("on Friday", "last month", "in June", "the third quarter", "last
  summer", "June last year") resolve only against a reference date given by the caller,
  the publication date, and are left unresolved without one.
- Tense decides their direction. An explicit word does: "last" looks back, "next" and
  "this" as they say. Otherwise the clause before the expression does (from the last
  sentence break or reporting verb such as "said"): "will", "would", "is due to", "is set
  for", "is expected to", "plans to", "takes effect" look forward, to the first such day,
  month or part of a year not before the reference; anything else is read as the past
  tense and looks back, to the latest one not after it ("said Friday" on a Friday is
  that day).
- Anaphoric expressions ("a year earlier", "two days later", "the year-ago quarter", "the
  following month", "the previous year", "that year", "later that month") resolve
  against the most recent resolved date before them in the text given, which is a
  paragraph (so the same paragraph or the sentence before), with or without a reference
  date; without such a date they anchor nothing and are not reported. A shift by a count
  keeps the anchor's precision (a year before the third quarter of 1989 is the third
  quarter of 1988); a named unit ("the following year") has that unit's precision.
- Precision follows the model: a quarter or half is a part of a year, a season a part of
  a year, a bare weekday a day.
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
