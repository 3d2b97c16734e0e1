"""The claim's event and participants found in a source's wording, with how they matched.

Events match, in this order: by the same word (stems alike), by the curated lexicon of
news events (`language.news_events`: "sworn in" ~ "inauguration", "held talks" ~
"summit"), by WordNet (synonyms "pact" ~ "treaty", derivations "decided" ~ "decision",
a broader or narrower word "summit" ~ "meeting"), and last by the few general news
classes of `verify.words` ("hits stores" for "released"). Two words the lexicon puts in
different classes never match, whatever WordNet says: signing a treaty is not its entry
into force.

Participants match by their spelling, aliases and short forms (`verify.words.mentions`),
or as the same country (`language.countries`: "DPRK" = "North Korea" = "Democratic
People's Republic of Korea"). A capital is never enough on its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.language import countries, lemmas, news_events, wordnet
from factcheck.language.keywords import STOPWORDS, event_rank
from factcheck.language.words import INSTITUTION_WORDS, has_event, mentions, pieces

__all__ = [
    "Step",
    "as_country",
    "claim_events",
    "event_near",
    "find_event",
    "find_participant",
    "head",
    "must_repeat",
    "named_parts",
    "other_event",
    "rank",
]  # fmt: skip

_RELATED = frozenset({"synonym", "derivation", "hypernym", "hyponym"})
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*")
_NAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*")


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a comparison: what of the claim was looked for, what was found, how."""

    part: str  # event, participant, place, instance, number
    claim: str
    found: str = ""
    how: str = ""  # same word, lexicon, WordNet synonym, alias, country names…
    ok: bool = True

    def __str__(self) -> str:
        if not self.ok:
            return (
                f"{self.part}: {self.how}" if self.how else f"{self.part}: {self.claim!r} not found"
            )
        if self.found == self.claim or not self.found:
            return f"{self.part}: {self.claim!r} ({self.how})"
        sign = "=" if self.part == "participant" else "~"
        return f"{self.part}: {self.claim!r} {sign} {self.found!r} ({self.how})"


@functools.lru_cache(maxsize=65536)
def _classes(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(news_events.classes(text))


@functools.lru_cache(maxsize=4096)
def _class(event: str) -> str | None:
    """The lexicon's class of a claim's event word or phrase."""
    if " " not in event:
        return news_events.class_of(event)
    found = _classes(event)
    return found[0][0] if found else None


@functools.lru_cache(maxsize=16384)
def _lemma(word: str) -> str:
    return lemmas.lemma(word)


@functools.lru_cache(maxsize=16384)
def rank(word: str) -> int:
    """How surely a word names an event (`language.keywords.event_rank`): 0 to 3."""
    return event_rank(word)


_LIGHT = frozenset(
    "be is are was were been being has have had take takes took taken make made get got hold held".split()
)


def head(phrase: str) -> str:
    """The word of a phrase that carries it: "was killed" → "killed", "took office" → "office"."""
    words = [
        w for w in _TOKEN.findall(phrase) if w.lower() not in _LIGHT and w.lower() not in STOPWORDS
    ]
    return words[-1] if words else phrase


def claim_events(text: str, words: Sequence[str], limit: int = 2) -> tuple[str, ...]:
    """The claim's event words: its lexicon phrases ("took office") first, then its own
    first event words, with a word of an act among them if it has one further on."""
    said = [text[s:e] for _, s, e in _classes(text)]
    # its phrases; its single lexicon words ("met") only when it has no event word of its own
    phrases = [p for p in said if " " in p.strip() or not words]
    rest = list(words[:limit])
    if all(rank(w) >= 2 for w in rest):  # "the case … decided": keep the word of the act
        rest += [w for w in words[limit:] if rank(w) < 2][:1]
    return tuple(dict.fromkeys([*phrases, *rest]))


def must_repeat(events: Sequence[str]) -> list[str]:
    """The event words a sentence must say to be clearly about the claim's event: the best
    ranked ("decided", not "the case"), a phrase standing for the words inside it."""
    inside = {w.lower() for e in events if " " in e for w in _TOKEN.findall(e)}
    kept = [e for e in events if " " in e or e.lower() not in inside]
    # "was held", "took place": the event is the noun beside them ("the marathon")
    heavy = [e for e in kept if _lemma(e.lower()) not in _LIGHT_LEMMAS]
    kept = heavy or kept
    # a claim whose event a phrase of the lexicon names ("floated on": a listing) is told
    # by it; an event stem beside it ("exchange") may be part of a name ("the Nasdaq
    # Helsinki exchange"). A single word ("signed") leaves its object ("treaty") required.
    if any(" " in e and _class(e) is not None for e in kept):
        kept = [e for e in kept if _class(e) is not None]
    best = min((rank(e) for e in kept), default=3)
    return [e for e in kept if rank(e) == best]


_LIGHT_LEMMAS = frozenset({"hold", "take", "happen", "occur", "be", "have", "make", "get"})


@functools.lru_cache(maxsize=65536)
def find_event(word: str, text: str, *, deep: bool = True) -> Step | None:
    """The words of ``text`` that say the event ``word`` names, and how they were matched
    (WordNet asked only when ``deep``: it is the slow part)."""
    cls = _class(word)
    single = " " not in word
    tokens = _TOKEN.findall(text)  # the text's words, read once for the three ways below
    if single and has_event(text, word, loose=False):
        found = next((t for t in tokens if has_event(t, word, loose=False)), word)
        if news_events.compatible(cls, _class(found)):
            return Step("event", word, found, "same word")
    if single:  # "banned" and "ban", "ran" and "run": the same lemma, spelt otherwise
        wanted = _lemma(word.lower())
        for token in tokens:
            if (
                not token[0].isupper()
                and _lemma(token.lower()) == wanted
                and news_events.compatible(cls, _class(token))
            ):
                return Step("event", word, token, "same word")
    classes = _classes(text)
    if cls is not None:
        for other, start, end in classes:
            if news_events.compatible(other, cls):
                said = text[start:end]
                return Step(
                    "event", word, said, "same words" if said.lower() == word.lower() else "lexicon"
                )
    if not single:  # a phrase the sentence does not say: its head word, if no other event
        if head(word) == word or (cls is not None and classes):
            return None
        return find_event(head(word), text, deep=deep)
    if deep:
        for token in tokens:
            how = _wordnet(word, token, cls)
            if how:
                return Step("event", word, token, how)
        if cls is None and has_event(text, word):
            return Step("event", word, "", "event class")
    return None


@functools.lru_cache(maxsize=65536)
def _wordnet(word: str, token: str, cls: str | None) -> str:
    """ "WordNet <relation>" when the two words are related there and the lexicon does not
    put them in different classes; "" otherwise."""
    lower = token.lower()
    if len(lower) < 4 or lower in STOPWORDS or token[0].isupper():
        return ""
    other = _class(lower)
    if not news_events.compatible(cls, other):
        return ""
    a, b = _lemma(word), _lemma(lower)
    relation = _relation(a, b)
    if relation in ("hypernym", "hyponym") and (_verb(a) or _verb(b)):
        return ""  # a verb's broader words are too general: "cool" is a kind of "change"
    return f"WordNet {relation}" if relation in _RELATED else ""


@functools.lru_cache(maxsize=16384)
def _verb(lemma: str) -> bool:
    return bool(wordnet.synsets(lemma, "v"))


@functools.lru_cache(maxsize=65536)
def _relation(a: str, b: str) -> str | None:
    return wordnet.relation(a, b)


def other_event(events: Sequence[str], sentence: str) -> Step | None:
    """The failed step when the sentence tells only of events the lexicon puts in other
    classes than the claim's ("concluded the pact" against "took effect"), else None."""
    wanted = {c for c in map(_class, events) if c is not None}
    said = _classes(sentence)
    if (
        not wanted
        or not said
        or any(news_events.compatible(w, c) for w in wanted for c, _, _ in said)
    ):
        return None
    other, start, end = said[0]
    return Step(
        "event",
        events[0],
        sentence[start:end],
        ok=False,
        how=f"the sentence tells of {sentence[start:end]!r} ({other}), another event",
    )


def event_near(words: Sequence[str], texts: Sequence[str], deep: Sequence[str] = ()) -> bool:
    """Whether any of the texts says any of the event words in its own words or the
    lexicon's, or any of the ``deep`` texts says one in WordNet's too."""
    return any(find_event(w, t, deep=False) is not None for w in words for t in texts if t) or any(
        find_event(w, t) is not None for w in words for t in deep if t
    )


@functools.lru_cache(maxsize=65536)
def find_participant(name: str, text: str) -> Step | None:
    """How ``text`` names the participant ``name``: as written, by an alias, as the same
    country, or not at all (None)."""
    known = mentions(text, name)
    if known and _plain(name) in _plain(text):
        return Step("participant", name, "", "same name")
    code = _country(name)
    if code is not None:
        for m in _NAME.finditer(text):
            for candidate in _subnames(m.group(0)):
                if _country(candidate) == code:
                    return Step("participant", name, candidate, "country names")
    if known:
        return Step("participant", name, _alias_in(name, text), "alias")
    found = _initials_in(name, text)
    return Step("participant", name, found, "initials") if found else None


_SMALL = frozenset({"of", "the", "and", "for", "de", "&"})
_CAPS = re.compile(r"[A-Z]{2,6}")


def _initials(name: str) -> str:
    """The initials of a name's capitalised words: "World Health Organization" → "WHO"."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _SMALL]
    if not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _initials_in(name: str, text: str) -> str:
    """The words of ``text`` that name ``name`` by its initials, or the reverse ("WHO" for
    "World Health Organization", "World Health Organization" for "WHO"), else "".

    Only for an institution's name (three words or more, or ending in "Bank", "Court",
    "Committee"…), never a person's: "NB" is not Nils Berg. Initials are matched as
    written, in capitals, so "who" is never the World Health Organization.
    """
    if _CAPS.fullmatch(name):
        for m in _NAME.finditer(text):
            if name not in _initials(m.group(0)):
                continue  # no part of the run can have these initials
            for candidate in _subnames(m.group(0)):
                if (
                    candidate[:1].isupper()
                    and _institution(candidate)
                    and _initials(candidate) == name
                ):
                    return candidate.removeprefix("The ")
        return ""
    short = _initials(name)
    if len(short) < 2 or not _institution(name):
        return ""
    found = re.search(rf"(?<![\w.]){short}(?![\w])", text)
    return found.group(0) if found else ""


def _institution(name: str) -> bool:
    words = [w for w in name.split() if w.lower() not in _SMALL]
    return len(words) >= 3 or (len(words) == 2 and words[-1].lower() in INSTITUTION_WORDS)


def _plain(text: str) -> str:
    return text.lower().replace("’", "'")


@functools.lru_cache(maxsize=16384)
def _country(name: str) -> str | None:
    return countries.country(name)


def _subnames(run: str) -> list[str]:
    """A run of capitalised words and its shorter runs: "The DPRK Foreign Ministry" → …"""
    words = run.split()
    return [
        " ".join(words[i:j])
        for i in range(len(words))
        for j in range(min(len(words), i + 7), i, -1)  # at most 7 words: linear in the run
    ]


def _alias_in(name: str, text: str) -> str:
    """The capitalised words of ``text`` that stand for ``name`` (for the reason only)."""
    for m in _NAME.finditer(text):
        if mentions(m.group(0), name):
            return m.group(0)
    return ""


def as_country(name: str, texts: Sequence[str]) -> bool:
    """Whether one of the texts names the country ``name`` names, in other words."""
    return any(find_participant(name, t) is not None for t in texts if t)


def named_parts(name: str) -> list[str]:
    """A claim's name cut where it joins two ("Harbour FC of the Coastal Premier League"),
    unless it is a country's name ("Democratic People's Republic of Korea")."""
    return [name] if _country(name) is not None else pieces(name)
