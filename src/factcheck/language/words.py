"""How a claim's names, event words and numbers are found in a source's wording.

Names are compared folded (case, apostrophes, dots of initials, hyphens and a plural -s
aside), with aliases ("DPRK" / "North Korea"), demonyms ("Libyan" → Libya) and, for a
person's name, the surname alone. Event words match by stem or, for a few general news
predicates, by another wording of the same class ("hits stores" for "released").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from factcheck.dates.lexicon import MONTHS, WEEKDAYS
from factcheck.language.keywords import STOPWORDS

__all__ = [
    "ALIASES", "INSTITUTION_WORDS", "NUMBER", "has_event", "has_event_in", "mentions",
    "number_in", "pieces",
    "placed_elsewhere", "places",
]  # fmt: skip

ALIASES = [
    {"dprk", "north korea", "north korean", "democratic people's republic of korea", "pyongyang"},
    {"us", "u.s.", "usa", "united states", "america", "american", "washington"},
    {"uk", "u.k.", "united kingdom", "britain", "british"},
    {"eu", "european union"},
    {"un", "united nations"},
    {"russia", "russian", "russian federation", "moscow", "kremlin"},
    {"ukraine", "ukrainian", "kyiv", "kiev"},
    {"china", "chinese", "beijing", "prc"},
]
NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d(?![\w])|(?<![\w.])\d(?![\w.,])")


# Last words that make a name an institution, a place or an event, not a person's
# surname that may stand for the whole name.
INSTITUTION_WORDS = frozenset(
    """academy agency airport army association authority award awards bank board bridge
    cathedral center centre championship church city club college commission committee
    company conference congress corporation council country county court cup day
    department district festival force foundation fund gallery galleries games group hall
    hospital house institute island kingdom lake league library ministry mountain museum
    navy office open park parliament party prize registry republic river road school
    series service show society square stadium state station street systems team theatre
    theater tournament tower trophy trust union university valley weekly week world year""".split()
)


def _fold(text: str) -> str:
    """Lower case without the marks names are spelt with or without.

    Apostrophes and possessives, dots of initials and hyphens go ("U.S." → "us",
    "President's" → "president"), and so does a plural -s, so that "Presidents' Trophy"
    and "President's Trophy" meet.
    """
    if not text.isascii():  # NFKC changes no ASCII text
        text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text.lower().replace("’", "'"))
    # a word of four letters or more loses a final s (a list, not a substitution with a
    # template, which Python expands match by match)
    return " ".join([w[:-1] if w[-1] == "s" and len(w) > 3 else w for w in _WORDS.findall(text)])


_MARKS = re.compile(r"'s\b|'|\.")
_WORDS = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _haystack(text: str) -> str:
    """A text folded for name lookups, with hyphenated words also written joined."""
    joined = _folded(text.replace("-", "")) if "-" in text else ""  # only a hyphen adds one
    return f" {_folded(text)} {joined} "


def _demonym_stems(word: str) -> set[str]:
    """The country a demonym may come from: "Libyan" → Libya, "Japanese" → Japan."""
    if len(word) < 5 or not word.istitle() or not word.isalpha():
        return set()
    lower = word.lower()
    if lower.endswith("ese"):
        return {lower[:-3]}
    if lower.endswith("ian"):
        return {lower[:-1], lower[:-3] + "a"}
    if lower.endswith("an"):
        return {lower[:-1]}
    return set()


# Institutions named either way round: "Oxford University" / "University of Oxford".
_OF_FORM = re.compile(r"^(?:(.+) (University|College|Museum)|(University|College|Museum) of (.+))$")


def _of_forms(name: str) -> set[str]:
    """The other way round of an "X University" or "University of X" name."""
    m = _OF_FORM.match(name)
    if m is None:
        return set()
    if m.group(1):
        return {_fold(f"{m.group(2)} of {m.group(1)}")}
    return {_fold(f"{m.group(4)} {m.group(3)}")}


def pieces(name: str) -> list[str]:
    """A name cut where it joins two: "Harbour FC of the Coastal Premier League"."""
    parts = re.split(
        r"(?<!\b[Mm]en)(?<!\b[Ww]omen)(?<!\b[Pp]eople)(?<!\b[Cc]hildren)[’']s\s+|\s+of\s+(?:the\s+)?",
        name,
    )
    return [p for p in parts if len(p) >= 3] if len(parts) > 1 else [name]


@functools.lru_cache(maxsize=4096)
def _variants(name: str) -> frozenset[str]:
    lower = name.lower().replace("’", "'")
    for group in ALIASES:
        if lower in group:
            return frozenset(_fold(v) for v in group | {lower})
    words = name.split()
    found = {_fold(name)} | _demonym_stems(name) | _of_forms(name)
    last = words[-1].lower()
    personal = (  # "Vladimir Putin", not "Supreme Court" or "Bank of England"
        1 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and len(last) >= 4
        and last not in STOPWORDS
        and last not in INSTITUTION_WORDS
    )
    if personal:
        found.add(_fold(words[-1]))  # "Vladimir Putin" → "Putin"
    return frozenset(v for v in found if v)


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` in one of its spellings, aliases or short forms."""
    return mentions_in(_haystack(text), name)


def mentions_in(folded: str, name: str) -> bool:
    """`mentions` on a text already folded by :func:`haystack`."""
    return any(f" {v} " in folded for v in _variants(name))


@functools.lru_cache(maxsize=65536)
def _folded(piece: str) -> str:
    return _fold(piece)


def haystack(*pieces: str) -> str:
    """Sentences folded for name lookups, each folded once however often it is asked for
    (the sentences around one candidate are those around the next)."""
    folded = " | ".join(_folded(p) for p in pieces if p)  # "|": no name runs across two
    joined = " | ".join(_folded(p.replace("-", "")) for p in pieces if "-" in p)
    return f" {folded} | {joined} "


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "ion"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# General news predicates that are said in several ways (irregular forms included). A
# claim's event word in one class is found by any wording of that class.
_EVENT_CLASSES = [
    re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)
    for alternatives in (
        r"releas|launch|publish|debut|premier|air(?:s|ed|ing)?\b|hits?\s+(?:the\s+)?(?:stores|shelves)",
        r"die[ds]?\b|dying|death|dead\b|kill|pass(?:ed|es)?\s+away",
        r"appoint|named?\b|select|hire[ds]?\b|hiring|chos[eo]|nominat",
        r"win(?:s|ning)?\b|won\b|earn|victor",
        r"found(?:s|ed|ing|er)?\b|establish|creat|set\s+up",
        r"open(?:s|ed|ing)?\b|inaugurat",
        r"begin|began|begun|start|commenc",
        r"marri|marry|wed(?:s|ded|ding)?\b",
        r"born\b|birth",
        r"elect|vot",
        r"resign|step(?:s|ped)?\s+down|quit",
        r"announc|reveal|unveil",
        r"join|sign(?:s|ed|ing)?\b",
    )
]  # fmt: skip


def has_event(text: str, word: str, *, loose: bool = True) -> bool:
    """Whether ``text`` speaks of the event ``word`` names (other wordings too, if loose)."""
    return has_event_in((text,), word, loose=loose)


def has_event_in(texts: Sequence[str], word: str, *, loose: bool = True) -> bool:
    """`has_event` for any of several sentences, each read once however often asked."""
    stem = _stem(word)[:5]
    for heads in map(_stem_heads, texts):
        if stem in heads:
            return True
        # a head has at most five letters: only a shorter stem can start one it is not
        if len(stem) < 5 and any(h.startswith(stem) for h in heads):
            return True
    return loose and any(c.search(text) for c in _classes_of(word) for text in texts)


@functools.lru_cache(maxsize=16384)
def _classes_of(word: str) -> tuple[re.Pattern[str], ...]:
    """The general news classes an event word opens."""
    return tuple(c for c in _EVENT_CLASSES if c.match(word))


@functools.lru_cache(maxsize=65536)
def _stem_heads(text: str) -> frozenset[str]:
    """The first five letters of the stem of each word: what event words are matched by."""
    return frozenset(_stem(w)[:5] for w in _LETTERS.findall(text))


_LETTERS = re.compile(r"[^\W\d_]+")


def number_in(text: str, number: str) -> bool:
    """Whether ``text`` holds ``number`` (thousands separators aside)."""
    return number in _numbers(text)


@functools.lru_cache(maxsize=4096)
def _numbers(text: str) -> frozenset[str]:
    """The numbers of a text, thousands separators aside (read once per text: a claim's
    numbers are each looked for in the same sentences)."""
    return frozenset(n.replace(",", "") for n in NUMBER.findall(text))


# "in Del Mar, California", "at Kyiv, Ukraine": a place and the larger place it lies in.
_NAME = r"[A-Z][\w.'’-]*"
_PLACE = re.compile(
    rf"\b(?:in|at|near)\s+(?:the\s+)?((?:{_NAME}\s+){{0,3}}{_NAME}),\s+({_NAME}(?:\s+{_NAME}){{0,2}})"
)


def places(text: str) -> list[tuple[str, str]]:
    """The places ``text`` writes as "in Place, Region", as (place, region) pairs."""
    out = []
    for m in _PLACE.finditer(text):
        first = m.group(1).split()[0].lower().rstrip(".")
        if first not in MONTHS and first not in WEEKDAYS:  # "in May, Smith said"
            out.append((m.group(1), m.group(2).rstrip(".")))  # a sentence's full stop
    return out


def placed_elsewhere(text: str, place: str, region: str) -> bool:
    """Whether ``text`` puts things in ``region`` but never in ``place`` there.

    "at the Hilton San Diego/Del Mar, in Del Mar, California" names San Diego, yet
    places the event in Del Mar: a claim's "in San Diego, California" is not covered.
    """
    same = [p for p, r in places(text) if _fold(r) == _fold(region)]
    return bool(same) and not any(mentions(p, place) for p in same)
