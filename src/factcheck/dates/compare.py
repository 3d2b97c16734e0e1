"""Compare a date found in a source with a claim's date: inside, overlap, disjoint."""

from __future__ import annotations

import datetime as dt
import re

from factcheck.dates.lexicon import MAX_DATE, MIN_DATE
from factcheck.models import DateComparison, DateExpr, Precision, Qualifier, Relation

# How far a vague expression may reach past its nominal range before a date is
# called incompatible with it.
VAGUENESS_MARGIN = {
    Precision.PART: dt.timedelta(days=45),
    Precision.DECADE: dt.timedelta(days=366),
    Precision.CENTURY: dt.timedelta(days=366),
}


# Parts of a year with crisp edges ("Q3 2024", "the first half of 2025") get no margin.
_VAGUE_WORDS = re.compile(
    r"early|mid|late|beginning|start|middle|end|turn|spring|summer|autumn|fall|winter",
    re.IGNORECASE,
)


def _margin(date: DateExpr) -> dt.timedelta:
    if date.precision is Precision.PART and not _VAGUE_WORDS.search(date.text):
        return dt.timedelta(0)
    return VAGUENESS_MARGIN.get(date.precision, dt.timedelta(0))


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


def format_span(date: DateExpr) -> str:
    """An expression's own range, qualifier aside: "2024-06-19" or "2024-06-01..2024-06-30"."""
    if date.start is None or date.end is None:
        raise ValueError(f"unresolved date expression: {date.text!r}")
    if date.start == date.end:
        return date.start.isoformat()
    return f"{date.start.isoformat()}..{date.end.isoformat()}"


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
    said = f"date: {found.text!r} ({format_range(found)})"
    claimed = f"the claim's {claim.text!r} ({format_range(claim)})"
    if claim.qualifier is Qualifier.SINCE:
        # "since 2012" dates a start: only a start in 2012 confirms it; a later date is
        # compatible with the period, an earlier start or a later "since" is not.
        assert claim.start is not None
        assert claim.end is not None
        assert found.start is not None
        assert found.end is not None
        if claim.start <= found.start and found.end <= claim.end:
            return DateComparison(Relation.INSIDE, f"{said} inside {claimed}")
        if found.qualifier is not Qualifier.SINCE and c_lo <= f_lo:
            return DateComparison(
                Relation.OVERLAP, f"{said} in the period {claimed} opens, not at its start"
            )
        c_lo, c_hi = claim.start, claim.end  # compare the two starts
        f_lo, f_hi = found.start, found.end
    if c_lo <= f_lo and f_hi <= c_hi:
        return DateComparison(Relation.INSIDE, f"{said} inside {claimed}")
    if f_lo <= c_hi and c_lo <= f_hi:
        return DateComparison(
            Relation.OVERLAP, f"{said} compatible with {claimed} but less precise"
        )
    margin = max(_margin(claim), _margin(found))
    w_lo, w_hi = _widen(c_lo, c_hi, margin)
    if margin and f_lo <= w_hi and w_lo <= f_hi:
        return DateComparison(
            Relation.OVERLAP,
            f"{said} just outside {claimed}, within the vagueness of the wording",
        )
    side = "before" if f_hi < c_lo else "after"
    return DateComparison(Relation.DISJOINT, f"{said} {side} {claimed}")
