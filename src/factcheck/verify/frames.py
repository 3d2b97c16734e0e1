"""Event frames: what happened, to whom, where and when, in a claim and in a source sentence.

A frame is plain data, built here and compared in :mod:`factcheck.verify.same_event`.
Building reads the text once; comparing asks no more of it.

Each date of a frame carries its role, read from the words around it in its clause:
the event's actual date, a date it was planned or scheduled for ("was due on", "first
set for", "slated for"), a date it was moved from ("postponed from 14 March"), an
anniversary or a commemoration ("a year after the attack"), a recirculation ("the video,
which resurfaced in May") — or the page's own date, when an undated sentence is dated by
its publication. Only an actual date is the event's date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from factcheck.language.keywords import STOPWORDS
from factcheck.language.words import NUMBER
from factcheck.models import DateExpr
from factcheck.verify.readings import source_dates

__all__ = [
    "DatedRole",
    "Frame",
    "Role",
    "claim_frame",
    "claim_role",
    "describing_year",
    "firm_date",
    "ordinal",
    "place_names",
    "roled_dates",
    "set_aside",
    "source_frame",
]  # fmt: skip


class Role(StrEnum):
    """What a date is to the event it is written with."""

    ACTUAL = "actual"  # when the event happened (or happens)
    PLANNED = "planned"  # when it was planned, scheduled or due
    POSTPONED_FROM = "postponed-from"  # the date it was moved away from
    ANNIVERSARY = "anniversary"  # a later day that remembers it
    RECIRCULATION = "recirculation"  # when a report of it was shared again
    PAGE = "page"  # the page's own date, for an undated sentence
    REPORT = "report"  # when something was said about the event: "the council said on
    # Monday", or a wire story's dateline: "VARNA, March 14 (Nordic Wire) -"


@dataclass(frozen=True, slots=True)
class DatedRole:
    """A date of a sentence with its role and the words that gave the role."""

    date: DateExpr
    role: Role
    cue: str = ""


@dataclass(frozen=True, slots=True)
class Frame:
    """One side of a comparison: a claim, or a source sentence with its neighbours."""

    text: str  # the sentence (or claim) the frame was read from
    events: tuple[str, ...] = ()  # the event words (the claim's), or () for a source
    names: tuple[str, ...] = ()  # participants, as written
    places: tuple[str, ...] = ()  # where: names written after "in", "at", "near"
    dates: tuple[DatedRole, ...] = ()
    numbers: tuple[str, ...] = ()
    negated: bool | None = False
    modal: bool = False  # hedged or ahead: "will", "is expected to"
    ordinal: int | None = None  # "second inauguration": 2; "first visit": 1
    earlier: str = ""  # a word that sets an instance apart: "previous", "earlier", "last"


# Words shortly before a date (in its clause) that give it a role other than the actual.
_BEFORE = [
    (Role.POSTPONED_FROM, re.compile(
        r"\b(?:postponed|delayed|pushed\s+back|put\s+off|moved|brought\s+forward|rescheduled|"
        r"shifted|called\s+off)\s+(?:\w+\s+){0,3}?from\s+(?:the\s+)?$|\binstead\s+of\s+(?:on\s+)?$",
        re.IGNORECASE)),
    (Role.PLANNED, re.compile(
        r"\b(?:(?:originally|initially|first|previously|once)\s+(?:\w+\s+){0,2}?"
        r"(?:scheduled|planned|set|slated|due|expected|meant|timed|billed|announced)"
        r"|scheduled|slated|planned|pencil+ed\s+in|earmarked|penciled)"
        r"\s+(?:\w+\s+){0,4}?(?:for|on|in|to\s+\w+(?:\s+\w+)?\s+(?:on|in))\s+(?:the\s+)?$"
        r"|\b(?:was|were|had\s+been)\s+(?:due|meant|supposed|set|scheduled)\s+to\s+"
        r"(?:\w+\s+){1,4}?(?:on|in)\s+(?:the\s+)?$"
        r"|\b(?:was|were)\s+due\s+(?:on|in)\s+(?:the\s+)?$"
        r"|\b(?:target(?:ed)?|deadline|due\s+date)\s+(?:\w+\s+){0,3}?(?:of|for|on|in)\s+$",
        re.IGNORECASE)),
    (Role.REPORT, re.compile(
        r"\b(?:said|says|told|added|stated|wrote|reported|confirmed)\s+(?:\w+\s+){0,3}?(?:on|in|last)\s+$",
        re.IGNORECASE)),
    (Role.ANNIVERSARY, re.compile(
        r"\b(?:anniversary|anniversaries|commemorat\w*|remembrance|memorial\s+(?:service|ceremony))\b"
        r"[^.;]{0,60}$", re.IGNORECASE)),
    (Role.RECIRCULATION, re.compile(
        r"\b(?:resurfac\w+|recirculat\w+|re-?shared|re-?posted|went\s+viral|circulat\w+\s+again|"
        r"shared\s+again|old\s+(?:video|photo|footage|post))\b[^.;]{0,60}$", re.IGNORECASE)),
]  # fmt: skip
# Words right after a date that make it a remembrance of the event: "…, a year after the
# attack", "…, the tenth anniversary of the treaty".
_AFTER = [
    (Role.ANNIVERSARY, re.compile(
        r"^\s*[,(–—-]?\s*(?:the|its|an?)?\s*(?:\w+\s+){0,2}?(?:anniversary|years?\s+to\s+the\s+day)\b",
        re.IGNORECASE)),
    (Role.POSTPONED_FROM, re.compile(
        r"^\s*,?\s*(?:had\s+been|was|were)\s+(?:postponed|delayed|called\s+off|cancelled|canceled)",
        re.IGNORECASE)),
]  # fmt: skip
_CLAUSE = re.compile(r"[;:]|,\s+(?=(?:but|while|whereas|however|then|and\s+then)\b)|\s[—–]\s")
_LOOKBACK = 80  # characters before a date where a role cue may stand


def _clause_bounds(text: str, at: int) -> tuple[int, int]:
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(text)), len(text)]
    start = max(c for c in cuts if c <= at)
    ends = [m.start() for m in _CLAUSE.finditer(text) if m.start() > at]
    return start, min(ends) if ends else len(text)


# A wire story's dateline: "VARNA, March 14 (Nordic Wire) - …", "OSLO, 3 May — …". Its
# date is when the story was filed, not when its event happened.
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?,\s*")
_DATELINE_AFTER = re.compile(r"(?:,?\s*\d{4})?\s*(?:\([^()]{1,40}\)\s*)?[-–—]")


def _role(text: str, date: DateExpr, after: int = 0) -> tuple[Role, str]:
    """The role of a date from the words before it (back to ``after``, where the date
    before it ends) and right after it, within its clause."""
    if _DATELINE_BEFORE.fullmatch(text[: date.offset]) and _DATELINE_AFTER.match(text[date.stop :]):
        return Role.REPORT, "dateline"
    start, end = _clause_bounds(text, date.offset)
    lead = text[max(start, after, date.offset - _LOOKBACK) : date.offset]
    for role, cue in _BEFORE:
        if m := cue.search(lead):
            return role, m.group(0).strip()
    tail = text[date.stop : end]
    for role, cue in _AFTER:
        if m := cue.search(tail):
            return role, m.group(0).strip(" ,(–—-")
    return Role.ACTUAL, ""


@functools.lru_cache(maxsize=16384)
def roled_dates(text: str, published: dt.date | None) -> tuple[DatedRole, ...]:
    """The resolved dates of a source text, each with its role (read once per text: the
    sentences around one candidate are those around the next)."""
    found = source_dates(text, published)  # a yearless date may come twice, at one offset
    before = [max((e.stop for e in found if e.offset < d.offset), default=0) for d in found]
    return tuple(DatedRole(d, *_role(text, d, at)) for d, at in zip(found, before, strict=True))


_ANY_CUE = re.compile(
    r"schedul|plann|slated|due\b|set\s+(?:for|to)|meant|expect|postpon|delay|moved|put\s+off|"
    r"brought|resched|shifted|instead|deadline|target|pencil|earmark|anniversar|commemor|"
    r"remembr|memorial|resurfac|recirc|shared|posted|viral|said|says|told|added|stated|wrote|"
    r"reported|confirmed|to\s+the\s+day",
    re.IGNORECASE,
)


def claim_role(text: str, date: DateExpr) -> Role:
    """The role of a claim's own date: a claim may be about a planned date itself."""
    if not _ANY_CUE.search(text):
        return Role.ACTUAL  # no word that could give a date another role
    found = [d for d in source_dates(text, None) if (d.start, d.end) == (date.start, date.end)]
    return _role(text, found[0])[0] if found else Role.ACTUAL


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "1st": 1,
    "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "maiden": 1, "inaugural": 1,
}  # fmt: skip
# Filled with the event words' stems, see ordinal().
_DETERMINER = r"(?:\b(?:the|a|an|his|her|its|their|our|this|that)\s+|[’']s\s+)"
_ORDINAL = _DETERMINER + r"(" + "|".join(_ORDINALS) + r")\s+(?:[\w-]+\s+){0,2}?(?:%s)"
_APART = (
    _DETERMINER + r"(previous|earlier|last|prior|former|preceding|next|upcoming|forthcoming|later)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:%s)"
)


_SETS_APART = re.compile(
    r"\b(?:" + "|".join(_ORDINALS) + r"|previous|earlier|last|prior|former|preceding|next|"
    r"upcoming|forthcoming|later)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=16384)
def ordinal(text: str, event_words: tuple[str, ...]) -> tuple[int | None, str]:
    """The ordinal set before one of the event words ("second inauguration") and any word
    that sets the instance apart ("their previous meeting"), as (number, word)."""
    if not event_words or not _SETS_APART.search(text):
        return None, ""
    stems = "|".join(re.escape(w[:5]) + r"\w*" for w in event_words if len(w) >= 3)
    if not stems:
        return None, ""
    number = re.search(_ORDINAL % stems, text, re.IGNORECASE) or re.search(
        rf"\b(first)\s+(?:{stems})", text, re.IGNORECASE
    )  # "first held in 2015"
    apart = re.search(_APART % stems, text, re.IGNORECASE)
    return (
        _ORDINALS[number.group(1).lower()] if number else None,
        apart.group(1).lower() if apart else "",
    )


_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+((?:[A-Z][\w’'.-]+)(?:\s+[A-Z][\w’'.-]+){0,2})")
_NOT_PLACE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|This|That|"
    r"His|Her|Their|Its|Our|Mr|Mrs|Ms|Dr)\b"
)


def place_names(text: str) -> tuple[str, ...]:
    """Capitalised names written after "in", "at", "near": where the text puts things."""
    found = [m.group(1).rstrip(".,’'") for m in _PLACE.finditer(text)]
    return tuple(dict.fromkeys(p for p in found if not _NOT_PLACE.match(p)))


@functools.lru_cache(maxsize=16384)
def source_frame(sentence: str, published: dt.date | None, events: tuple[str, ...]) -> Frame:
    """The frame of one source sentence, read with the claim's event words in mind."""
    number, apart = ordinal(sentence, events)
    return Frame(
        text=sentence,
        places=place_names(sentence),
        dates=roled_dates(sentence, published),
        numbers=tuple(n.replace(",", "") for n in NUMBER.findall(sentence)),
        ordinal=number,
        earlier=apart,
    )


# "the 2020 presidential cycle", "their 1990 Live Facelift recording": a year that
# describes a noun rather than dating the sentence's event.
_DESCRIBING = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|[’']s)\s+$", re.IGNORECASE
)
_NOUN_AFTER = re.compile(r"^[’']?s?\s+[A-Za-z]")


def describing_year(text: str, date: DateExpr) -> bool:
    """Whether a bare year or decade is written as a description of a noun ("the 2020
    cycle", "the 1970s episode")."""
    if not re.fullmatch(r"\d{4}s?", date.text):
        return False
    if not _DESCRIBING.search(text[max(0, date.offset - 8) : date.offset]):
        return False
    if not _NOUN_AFTER.match(text[date.stop : date.stop + 3]):
        return False
    if date.text.endswith("s"):  # "in the 1940s and 50s" dates; "the 1970s episode" describes
        following = re.match(r"\s+([A-Za-z]+)", text[date.stop : date.stop + 40])
        return following is not None and following.group(1).lower() not in STOPWORDS
    return True


def claim_frame(
    text: str,
    date: DateExpr,
    names: tuple[str, ...],
    events: tuple[str, ...],
    numbers: tuple[str, ...],
    negated: bool | None,
) -> Frame:
    """The frame of a claim, from the parts `checkable_parts` already found in it."""
    number, apart = ordinal(text, events)
    return Frame(
        text=text,
        events=events,
        names=names,
        places=place_names(text),
        dates=(DatedRole(date, claim_role(text, date)),),
        numbers=numbers,
        negated=negated,
        ordinal=number,
        earlier=apart,
    )


def firm_date(sentence: str, found: DateExpr, claimed: DateExpr) -> bool:
    """Whether a date may contradict: not a year describing a noun ("the 2020 cycle"), and
    not a yearless date whose year was guessed from the page and differs from the claim's."""
    if describing_year(sentence, found):
        return False
    guessed = found.relative and not re.search(r"\d{4}", found.text)
    return not (
        guessed and found.start and claimed.start and found.start.year != claimed.start.year
    )


def set_aside(role: Role, cue: str, date: str) -> str:
    """Why a sentence whose only date is not its event's date neither supports nor contradicts."""
    what = {
        Role.ACTUAL: "the event's actual date", Role.PLANNED: "a planned or scheduled date",
        Role.POSTPONED_FROM: "the date the event was moved from",
        Role.ANNIVERSARY: "an anniversary, not the event's date",
        Role.RECIRCULATION: "when a report was shared again, not the event's date",
        Role.PAGE: "the page's date", Role.REPORT: "when it was said, not when it happened",
    }[role]  # fmt: skip
    return f"the sentence's date {date!r} is {what}" + (f" ({cue!r})" if cue else "")
