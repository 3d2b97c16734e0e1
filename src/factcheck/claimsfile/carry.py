"""Which vanished claim a new one continues: a light edit keeps its id, a re-dated
sentence keeps its sources.

An article revised between two extractions changes some sentences. A new claim whose
quote is a light edit of a vanished one, with the same date, carries the old claim's
id (`closest`); one that is the old sentence with another date takes the old claim's
sources, never its id (`redated`): a changed date is a changed fact.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from typing import Any

from factcheck.dates import find_dates
from factcheck.models import Claim

__all__ = ["CARRY_OVER_RATIO", "closest", "redated"]

CARRY_OVER_RATIO = 0.85  # how alike a revised sentence must be to keep its claim's id


def _quote_dates(quote: str, reference: dt.date | None) -> set[tuple[str, str]]:
    return {(str(d.start), str(d.end)) for d in find_dates(quote, reference) if d.resolved}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _likeness(old: str, new: str) -> float:
    """How alike two versions of a sentence are: by characters, or by words when reordered."""
    a, b = _words(old), _words(new)
    by_words = len(a & b) / len(a | b) if a | b else 0.0
    matcher = difflib.SequenceMatcher(None, old, new)
    if max(by_words, matcher.real_quick_ratio()) < CARRY_OVER_RATIO:
        return by_words
    return max(by_words, matcher.ratio())


def closest(
    claim: Claim, candidates: dict[int, Mapping[str, Any]], reference: dt.date | None
) -> int | None:
    """The vanished claim this one is a light edit of: a similar quote, the same date.

    The date is read from the old quote itself (the article's old words), so an editor's
    correction of the stored date does not stop the match; a date the article changed
    does: a changed date is a changed fact, never a carry-over.
    """
    assert claim.date is not None
    wanted = (str(claim.date.start), str(claim.date.end))
    best, best_ratio = None, CARRY_OVER_RATIO
    for index, raw in candidates.items():
        old = str(raw.get("quote", ""))
        if wanted not in _quote_dates(old, reference):
            continue
        ratio = _likeness(old, claim.quote or "")
        if ratio >= best_ratio:
            best, best_ratio = index, ratio
    return best


def _masked(quote: str, reference: dt.date | None) -> str:
    """The quote with its dates blanked out, to compare two versions of a sentence."""
    for date in sorted(find_dates(quote, reference), key=lambda d: d.offset, reverse=True):
        quote = quote[: date.offset] + "…" + quote[date.stop :]
    return quote


def redated(
    claim: Claim, candidates: Mapping[int, Mapping[str, Any]], reference: dt.date | None
) -> int | None:
    """The vanished claim that is this one with another date: the same words around it."""
    best, best_ratio = None, CARRY_OVER_RATIO
    masked = _masked(claim.quote or "", reference)
    for index, raw in candidates.items():
        old = str(raw.get("quote", ""))
        if not raw.get("sources") or not _quote_dates(old, reference):
            continue
        ratio = _likeness(_masked(old, reference), masked)
        if ratio >= best_ratio:
            best, best_ratio = index, ratio
    return best
