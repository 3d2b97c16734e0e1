"""A claim's checkable parts: its names, numbers, quoted words, event words, other dates
and places, and whether it is itself negative. A supporting sentence must cover them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.dates import find_dates
from factcheck.language.keywords import entities, event_words
from factcheck.language.sentences import mask_dates
from factcheck.language.words import NUMBER, places
from factcheck.models import Claim, DateExpr
from factcheck.verify.clauses import NEGATION
from factcheck.verify.lexical import claim_events, named_parts

__all__ = ["QUOTED", "Parts", "checkable_parts", "plain_text"]

QUOTED = re.compile(r"[“\"]([^”\"]{2,80})[”\"]")


@dataclass(frozen=True, slots=True)
class Parts:
    """A claim's checkable parts besides its date."""

    names: tuple[str, ...]
    numbers: tuple[str, ...]
    quoted: tuple[str, ...]
    events: tuple[str, ...]  # the event words: "signed", "treaty"…
    negated: bool | None  # None: only quoted words hold a "not", and they are checked as such
    dates: tuple[DateExpr, ...] = ()  # the claim's other dates: "… and in cinemas on 9 May"
    places: tuple[tuple[str, str], ...] = ()  # "in San Diego, California": (place, region)


def plain_text(claim: Claim) -> str:
    return re.sub(r"[…]+", " ", claim.text)


def checkable_parts(claim: Claim) -> Parts:
    """Names, numbers, quoted words and the predicate a supporting sentence must cover."""
    text = plain_text(claim)
    found = find_dates(text)
    masked = mask_dates(text, found)
    own = [
        d for d in found if claim.date and (d.start, d.end) == (claim.date.start, claim.date.end)
    ]
    anchor = own[0].offset if own else len(masked)
    others = [d for d in found if d.resolved and d not in own]
    names = [k for k in claim.keywords if any(c.isupper() for c in k)]
    if not claim.keywords:
        names = entities(masked, frozenset(), sentence_start=False)
    numbers = [n.replace(",", "") for n in NUMBER.findall(masked)]
    quoted = [q.strip() for q in QUOTED.findall(text)]
    events = [k for k in claim.keywords if not any(c.isupper() for c in k)]
    if not events:
        known = frozenset(w for n in names for w in n.split())  # "Paterson died…": a name
        events = event_words(masked, anchor, known)
    split = [piece for name in names for piece in named_parts(name)]
    return Parts(
        tuple(dict.fromkeys(split)),
        tuple(dict.fromkeys(numbers)),
        tuple(quoted),
        claim_events(masked, events),
        _negated(masked),
        tuple(others),
        tuple(places(text)),
    )


def _negated(text: str) -> bool | None:
    """Whether the claim itself is negative.

    A "not" inside quoted words is the speaker's: the claim may report it ("saying it
    "does not go far enough"") or assert it ("the treaty was "not yet ratified""). Its
    polarity is then left open (None), and the quoted words must be found as written.
    """
    if NEGATION.search(QUOTED.sub(" ", text)):
        return True
    return None if NEGATION.search(text) else False
