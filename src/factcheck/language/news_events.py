"""News event phrases WordNet lacks ("sworn in", "took effect"), found in text by their lemmas.

The phrases are data: data/news_events.toml, one table per event class, with the small
pattern language its header describes (gaps, alternatives, exact words). Matching runs on
lemmas from `lemmas.lemma`, so inflected forms match ("swore in", "held lengthy talks").
Where two phrases overlap the longer wins; a phrase never spans a sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from factcheck.language.lemmas import lemma

DATA = "news_events.toml"
MAX_GAP = 3  # words a "*" in a phrase may stand for
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
SENTENCE_END = re.compile(r"[.!?;:]")


@dataclass(frozen=True)
class Slot:
    """One place in a phrase: any of `words` (lemmas, or exact words when `exact`), or a gap."""

    words: frozenset[str] = frozenset()
    exact: bool = False
    gap: bool = False


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase and the event class it names."""

    event: str
    text: str
    slots: tuple[Slot, ...]


class Token(NamedTuple):
    """A word of the text: lower-cased, its lemma, and where it is (a tuple: texts hold
    many words, and a frozen dataclass costs four attribute writes each)."""

    word: str
    lemma: str
    start: int
    end: int


def _slot(part: str) -> Slot:
    """Compile one space-separated part of a phrase."""
    if part == "*":
        return Slot(gap=True)
    if part.startswith("="):
        return Slot(frozenset(part[1:].lower().split("|")), exact=True)
    return Slot(frozenset(lemma(word) for word in part.split("|")))


def _phrase(event: str, text: str) -> Phrase:
    """Compile a phrase of the data file; a gap must sit between two words."""
    slots = tuple(_slot(part) for part in text.split())
    if not slots or slots[0].gap or slots[-1].gap:
        raise ValueError(f"{DATA}: [{event}] phrases: {text!r} must start and end with a word")
    return Phrase(event, text, slots)


@cache
def _data() -> dict[str, object]:
    """The data file, parsed once."""
    import tomllib  # here, not at the top: 20 ms that only the first call should pay

    return tomllib.loads(files("factcheck.language").joinpath("data", DATA).read_text("utf-8"))


@cache
def phrases() -> tuple[Phrase, ...]:
    """Every phrase of the data file, compiled; a malformed file raises ValueError."""
    data = _data()
    found: dict[tuple[Slot, ...], Phrase] = {}
    for event, table in data.items():
        texts = table.get("phrases") if isinstance(table, dict) else None
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise ValueError(f"{DATA}: [{event}] phrases: must be a list of strings")
        for text in texts:
            phrase = _phrase(event, text)
            if phrase.slots in found:
                raise ValueError(
                    f"{DATA}: [{event}] phrases: {text!r} is already "
                    f"{found[phrase.slots].text!r} in [{found[phrase.slots].event}]"
                )
            found[phrase.slots] = phrase
    return tuple(found.values())


@cache
def _starting() -> dict[tuple[bool, str], tuple[Phrase, ...]]:
    """Phrases by their first word: (exact, word) → phrases."""
    index: dict[tuple[bool, str], list[Phrase]] = {}
    for phrase in phrases():
        for word in phrase.slots[0].words:
            index.setdefault((phrase.slots[0].exact, word), []).append(phrase)
    return {key: tuple(found) for key, found in index.items()}


def tokens(text: str) -> list[Token]:
    """The words of text with their lemmas and offsets.

    A capitalised word inside a sentence is taken for a name and keeps its own form
    ("Rose" is not "rise", "Won" is not "win"), unless the text is in title case (no
    lower-case word longer than three letters).
    """
    found = list(WORD.finditer(text))
    headline = not any(m.group().islower() and len(m.group()) > 3 for m in found)
    words = []
    for m in found:
        word = m.group()
        lower = word.lower()
        name = not headline and word[0].isupper() and not _starts_sentence(text, m.start())
        words.append(Token(lower, lower if name else lemma(word), *m.span()))
    return words


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` opens the text or a sentence (quotes and brackets skipped)."""
    before = text[:at].rstrip().rstrip("\"'“‘(«")
    return not before or SENTENCE_END.match(before[-1]) is not None


def _fits(slot: Slot, token: Token) -> bool:
    """Whether a word slot accepts the token."""
    return (token.word if slot.exact else token.lemma) in slot.words


def _match(slots: tuple[Slot, ...], words: list[Token], at: int, text: str) -> int | None:
    """The index after the last token when slots match words from `at`, else None."""
    if not slots:
        return at
    if at >= len(words):
        return None
    if slots[0].gap:
        for skip in range(MAX_GAP + 1):
            end = _match(slots[1:], words, at + skip, text)
            if end is not None and _joined(words, at - 1, at + skip, text):
                return end
        return None
    if not _fits(slots[0], words[at]):
        return None
    if len(slots) > 1 and not slots[1].gap and not _joined(words, at, at + 1, text):
        return None
    return _match(slots[1:], words, at + 1, text)


def _joined(words: list[Token], first: int, last: int, text: str) -> bool:
    """Whether no sentence ends between token `first` and token `last`."""
    if last >= len(words):
        return True
    return not SENTENCE_END.search(text, words[first].end, words[last].start)


def classes(text: str) -> list[tuple[str, int, int]]:
    """The news events named in text: (event class, start, end), in order, never overlapping.

    "The president was sworn in and later held talks" → [("inauguration", 18, 27),
    ("meeting", 38, 48)]. Where matches overlap the one covering more text wins.
    """
    words = tokens(text)
    found: list[tuple[int, int, str]] = []
    starting = _starting()
    for at, token in enumerate(words):
        candidates = starting.get((False, token.lemma), ()) + starting.get((True, token.word), ())
        for phrase in candidates:
            end = _match(phrase.slots, words, at, text)
            if end is not None:
                found.append((words[at].start, words[end - 1].end, phrase.event))
    kept: list[tuple[int, int, str]] = []
    for start, end, event in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, event))
    return [(event, start, end) for start, end, event in sorted(kept)]


@cache
def _related() -> dict[str, frozenset[str]]:
    """Each class with the classes it shares a word's sense with (both ways)."""
    data = _data()
    pairs: dict[str, set[str]] = {event: set() for event in data}
    for event, table in data.items():
        others = table.get("related", []) if isinstance(table, dict) else []
        if not isinstance(others, list) or any(o not in data for o in others):
            raise ValueError(f"{DATA}: [{event}] related: must list classes of this file")
        for other in others:
            pairs[event].add(other)
            pairs[other].add(event)
    return {event: frozenset(found) for event, found in pairs.items()}


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two classes may name one event: the same class, or two the data file
    relates ("inaugurated" a museum is its opening). No class is compatible with any."""
    if a is None or b is None or a == b:
        return True
    return b in _related().get(a, frozenset())


def class_of(word: str) -> str | None:
    """The event class of a lemma, word or phrase as a whole, else None.

    "inaugurate" and "inaugurated" → "inauguration"; "take office" → "inauguration";
    "sign" → None (only "signed", "signing" or "sign the treaty" are the signing).
    """
    key = word.lower().strip()
    if len(key.split()) > 1:
        found = classes(key)
        whole = len(found) == 1 and found[0][1] == 0 and found[0][2] == len(key)
        return found[0][0] if whole else None
    for phrase in phrases():
        slot = phrase.slots[0]
        if len(phrase.slots) == 1 and (
            key in slot.words or (not slot.exact and lemma(key) in slot.words)
        ):
            return phrase.event
    return None
