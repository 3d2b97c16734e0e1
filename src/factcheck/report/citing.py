"""What every renderer says of a citation: the decisive one, where it is from, how found."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from factcheck.models import Citation, ClaimResult, DateExpr, Precision, Stance

__all__ = ["CONTROL", "date_spans", "date_value", "decisive", "found_how", "link_target", "where"]

# control and bidi characters: untrusted text drops them before it is rendered
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def date_value(date: DateExpr) -> str:
    """A date at its precision: "2024-06-19", "2024-06", "2024", else "start..end"."""
    assert date.start is not None
    assert date.end is not None
    if date.precision is Precision.DAY and date.start == date.end:
        return date.start.isoformat()
    if date.precision is Precision.MONTH and date.start.replace(day=1) == date.end.replace(day=1):
        return date.start.isoformat()[:7]
    if date.precision is Precision.YEAR and date.start.year == date.end.year:
        return str(date.start.year)
    return f"{date.start.isoformat()}..{date.end.isoformat()}"


def decisive(result: ClaimResult) -> Citation | None:
    """The citation that decides: the best contradicting, else supporting, … sentence; of
    mere mentions, one that gives another date before a headline that gives none."""
    order = (Stance.CONTRADICTS, Stance.SUPPORTS, Stance.COMPATIBLE, Stance.MENTIONS)
    for stance in order:
        found = [c for c in result.citations if c.stance is stance]
        if found:
            return max(found, key=lambda c: (c.found_date is not None, c.score))
    return None


def found_how(citation: Citation) -> str:
    """How a source not given by the editor was found, and whether it is a copy ("" if neither)."""
    out = ""
    if citation.found_by != "editor":
        out += f", found by {citation.found_by}"
    if citation.copy_of:
        out += f", a syndicated copy of {citation.copy_of}"
    return out


def where(citation: Citation) -> str:
    """The source as a reader recognises it: a web site's host, or the file as cited."""
    host = urlsplit(citation.final_url).hostname
    return host if host else citation.source


def date_spans(quote: str, found_date: str | None) -> list[tuple[int, int]]:
    """Where in a quote the date its verdict rests on is written (start, end offsets)."""
    if not found_date:
        return []
    from factcheck.dates import find_dates, format_span  # the grammar: only to find a date

    return [
        (date.offset, date.stop)
        for date in find_dates(quote)
        if date.resolved and format_span(date) == found_date
    ]


def link_target(url: str) -> str | None:
    """Where a source's link may point: an http(s) URL, a local file's file: URI, else nowhere."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return url if parts.hostname else None
    if scheme == "file":
        return url
    path = Path(url)
    return path.as_uri() if not scheme and path.is_absolute() else None
