"""Clauses of a source sentence: where a "not" negates the claim's event, and which
clause a date belongs to.

A sentence is cut where it turns to another statement ("but", "although", "; ") or adds
to its event (", after regulators cleared the deal", ", a day after the office issued a
warning", ", which no one expected"). A "not" counts for the event only before the
event's word and outside an aside about a participant; a date counts for the claim's
event unless the event is told only in a clause that dates it by another one.
"""

from __future__ import annotations

import functools
import itertools
import re

from factcheck.language.words import has_event
from factcheck.models import DateExpr
from factcheck.verify.lexical import event_near

__all__ = [
    "NEGATION", "clause_at", "clauses", "is_label", "negation_scope", "negation_why",
    "of_the_event",
]  # fmt: skip

NEGATION = re.compile(
    r"\b(?:not|no(?![-‐])|never|no longer|neither|nor|denied|denies|failed to|yet to|without)\b"
    r"|n[’']t\b",  # not "no-limits"
    re.IGNORECASE,
)
# Where a sentence turns to another statement: negation beyond it is not the event's.
# Besides "but", "although" and the like, a comma before a clause that adds to the event
# ("…, ending a month in which the town had no one at its head", "…, after regulators
# cleared the deal without conditions", "…, which no one expected") opens another one.
_CLAUSE_BREAK = re.compile(
    r";|:(?!\d)|\s[—–]\s|,\s+(?=(?:although|though|but|while|whereas|however|yet|and|after|before|"
    r"when|which|who|whom|whose|where|because|since|until|as|if|unless|[a-z]+ing|"
    r"(?:a|an|one|two|three|four|five|six|seven|\d+)\s+(?:day|week|month|year)s?\s+"
    r"(?:after|before))\b)",  # "…on 9 October, a day after the office issued a warning"
    re.IGNORECASE,
)


def of_the_event(events: tuple[str, ...], sentence: str, dates: list[DateExpr]) -> list[DateExpr]:
    """The dates that may be the claim's event's, leaving out those of a main clause whose
    event the claim's happened before or after.

    "Storm Ingrid made landfall on 9 October, a day after the office issued its first red
    warning": 9 October is the landfall's; for a claim of the warning it is no date at
    all. Only when the claim's event is told nowhere but in such a clause ("after …",
    "a day before …", "when …"): elsewhere a clause without the event's word may still
    tell of it ("…, but the ribbon was cut on 21 March").
    """
    if not dates or not events:
        return dates
    cut = clauses(sentence)
    if not any(_TEMPORAL.match(c) for c in cut):
        return dates  # (the test below, without looking for the event in each clause)
    telling = [c for c in cut if event_near(events, (), (c,))]
    if not telling or not all(_TEMPORAL.match(c) for c in telling):
        return dates
    return [d for d in dates if is_label(sentence, d) or clause_at(sentence, [d]) in telling]


# A clause that dates one event by another: "after the office issued…", "a day before…"
_TEMPORAL = re.compile(
    r"[\s,;:—–]*(?:after|before|when|while|since|until|once|"
    r"(?:a|an|one|two|three|four|five|six|seven|\d+)\s+(?:day|week|month|year)s?\s+"
    r"(?:after|before))\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=16384)
def _cuts(sentence: str) -> tuple[int, ...]:
    """Where `_CLAUSE_BREAK` cuts the sentence, its two ends included (read once per
    sentence: a stance, its dates and its labels all ask)."""
    return (0, *(m.start() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence))


def clauses(sentence: str) -> list[str]:
    """The sentence cut where `_CLAUSE_BREAK` cuts it (each piece as `clause_at` gives it)."""
    return [sentence[a:b] for a, b in itertools.pairwise(_cuts(sentence)) if sentence[a:b].strip()]


def is_label(sentence: str, date: DateExpr) -> bool:
    """Whether the date stands alone in its clause, a label for what follows: "1945/1946:
    The PDO changed to a cool phase"."""
    clause = clause_at(sentence, [date])
    return not re.search(r"[^\W\d_]", clause.replace(date.text, " "))


def negation_why(clause: str, scope: str, claim: str) -> str:
    """Which side says "not" (or "never", "no longer"…), quoting the words around it.

    ``scope`` is the clause up to its event word, asides blanked (`negation_scope`): the
    sentence's "not" is looked for there and quoted from the whole clause.
    """
    found = NEGATION.search(scope)
    said, other = (clause, "claim") if found else (claim, "sentence")
    found = found or NEGATION.search(claim)
    assert found is not None
    before = said[: found.start()].split()[-2:]
    after = said[found.end() :].split()[:2]
    words = " ".join([*before, found.group(0), *after]).strip(" ,;:.")
    side = "sentence" if other == "claim" else "claim"
    return f"the {side} says {found.group(0).lower()!r} where the {other} does not: “…{words}…”"


_WORD = re.compile(r"[^\W\d_][\w’'-]*")


# An aside that describes a participant: ", a partner who does not surprise them," or
# "(which was never ratified)".
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which)\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)")


def _without_asides(clause: str) -> str:
    """The clause with its asides blanked (same length, so offsets still hold): a part
    between two commas that holds "who" or "which", and anything in brackets. Split
    by hand, not by one pattern, so a long hostile sentence costs linear time."""
    pieces = clause.split(",")
    for i in range(1, len(pieces) - 1):  # between two commas
        if _RELATIVE.search(pieces[i]):
            pieces[i] = " " * len(pieces[i])
    return _BRACKETED.sub(lambda m: " " * len(m.group(0)), ",".join(pieces))


def negation_scope(clause: str, events: tuple[str, ...]) -> str:
    """The part of a clause where a "not" would negate its event: up to and including
    the first word of the event, asides that describe a participant left out. A "not"
    after the event speaks of something else ("met on 3 May without reaching a deal",
    "signed in June and never ratified"), and so does one in an aside ("Brandt, a
    partner who does not surprise the council, opened…")."""
    clause = _without_asides(clause)
    single = [e for e in events if " " not in e]
    for m in _WORD.finditer(clause):
        if any(has_event(m.group(0), e, loose=False) for e in single):
            return clause[: m.end()]
    for e in events:
        if " " in e and (at := clause.lower().find(e.lower())) >= 0:
            return clause[: at + len(e)]
    return clause


def clause_at(sentence: str, dates: list[DateExpr]) -> str:
    """The clause holding the sentence's first date (the whole sentence when it has none)."""
    if not dates:
        return sentence
    at = dates[0].offset
    cuts = _cuts(sentence)
    return sentence[max(c for c in cuts if c <= at) : min(c for c in cuts if c > at)]
