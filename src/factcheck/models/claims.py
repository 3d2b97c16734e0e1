"""Claims and their dates: verdicts, date expressions, a claim, a claims file. No I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "MAX_CLAIM_CHARS",
    "Claim",
    "ClaimsFile",
    "DateComparison",
    "DateExpr",
    "Precision",
    "Qualifier",
    "Relation",
    "Verdict",
]


class Precision(StrEnum):
    """How finely a date expression pins down time, finest first."""

    DAY = "day"
    MONTH = "month"
    PART = "part"  # part of a month or year: "early 2025", "mid-June 2024", "Q3 2024"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class Qualifier(StrEnum):
    """The word that ties a date to its event: "signed *in* June 2024"."""

    NONE = ""
    ON = "on"
    IN = "in"
    BY = "by"
    AS_OF = "as of"
    SINCE = "since"
    BEFORE = "before"
    AFTER = "after"
    UNTIL = "until"


class Relation(StrEnum):
    """How a date found in a source relates to a claim's date."""

    INSIDE = "inside"  # the found date lies within the claim's range: it can support
    OVERLAP = "overlap"  # compatible but coarser or vaguer: never enough alone
    DISJOINT = "disjoint"  # incompatible: it can contradict


class Verdict(StrEnum):
    """A claim's verdict."""

    SUPPORTED = "supported"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A temporal expression found in text, normalised to an inclusive range.

    ``start``/``end`` are ``None`` for a relative expression ("on Friday") that could
    not be resolved because no reference date was given.
    """

    text: str
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    qualifier: Qualifier = Qualifier.NONE
    offset: int = 0  # character offset of ``text`` in the text it was found in
    relative: bool = False

    @property
    def resolved(self) -> bool:
        """True when the expression has a concrete range."""
        return self.start is not None and self.end is not None

    @property
    def stop(self) -> int:
        """Character offset just past ``text``."""
        return self.offset + len(self.text)


@dataclass(frozen=True, slots=True)
class DateComparison:
    """The relation of a found date to a claim date, with a one-line reason."""

    relation: Relation
    reason: str


MAX_CLAIM_CHARS = 10_000  # a claim's text, quote or note: a paragraph, not a page


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement, as extracted or as written in a claims file."""

    id: str
    text: str
    quote: str | None = None
    line: int | None = None
    span: tuple[int, int] | None = None
    date: DateExpr | None = None
    keywords: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    skip: bool = False
    verdict: Verdict | None = None
    note: str | None = None
    removed: bool = False
    suggested_sources: tuple[str, ...] = ()  # found by search, for an editor to accept

    @property
    def undated(self) -> bool:
        """True when the claim has no resolved date."""
        return self.date is None or not self.date.resolved


@dataclass(frozen=True, slots=True)
class ClaimsFile:
    """A parsed claims file: its header and its claims, in file order."""

    path: str
    claims: tuple[Claim, ...]
    article: str | None = None
    article_sha256: str | None = None
    extracted_by: str | None = None
