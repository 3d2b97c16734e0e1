"""Names and event words: stopwords, event stems, entities, a clause's event words."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["entities", "event_words", "known_capitalised", "slug_words"]

# Opening words of a sentence that are capitalised only because they open it.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing down
    during each even few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just me more
    most much my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up upon very was we
    were what when where which while who whom why will with would you your yet still
    many often since among amid via whose toward towards despite following within
    without across per parallel like unlike""".split()
)
# Verbs and nouns that name the event a date is anchored to; preferred as keywords.
EVENT_STEMS = """
    accord acquit agree alliance annex announc appoint approv arrest attack ban battle
    begin began born convict dismiss elected file filed heard indict jail launched
    overturn publish reject releas rule ruled sentenc sued
    ceasefire ceded charge clash collapse conference coup crash debate declar defeat
    deliver deploy die died elect exchange execut explod fire founded handover
    inaugurat incursion invade invasion kill launch meet meeting met negotiat
    offensive opened pact passed ratif recaptur referendum resign retook sanction
    seiz sign strike summit surrender talks treaty truce vote war withdr
    acquir award debut graduat hire join marri merg premier record renam retir select
""".split()
WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_CAP_RUN = re.compile(
    r"(?<![\w-])(?:[A-Z][\w’'.-]*|[A-Z]{2,})(?:\s+(?:(?:of|the|de|del|da|von|van|bin|al)\s+)*"
    r"(?:[A-Z][\w’'.-]*))*"
)
_POSSESSIVE = re.compile(r"[’']s?$")
_MONTH_OR_DAY = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)


def known_capitalised(text: str) -> frozenset[str]:
    """Words written capitalised in mid-sentence somewhere in the text: names."""
    words = re.findall(r"(?<=[a-z,;:’'\"”)]\s)([A-Z][\w’'-]*)", text)
    return frozenset(_POSSESSIVE.sub("", w) for w in words)


def entities(clause: str, names: frozenset[str], *, sentence_start: bool) -> list[str]:
    """Capitalised names in a clause: "Vladimir Putin", "Anchorage", "DPRK"."""
    found: list[str] = []
    for m in _CAP_RUN.finditer(clause):
        words = m.group(0).split()
        first = _POSSESSIVE.sub("", words[0])
        if (
            sentence_start
            and m.start() == 0
            and first not in names
            and not first.isupper()
            and not _a_country(first)
        ):
            words = words[1:]  # capitalised only because it opens the sentence; "NASA",
            # "Britain" stay
        while words and (words[0].lower() in STOPWORDS or _MONTH_OR_DAY.match(words[0])):
            words = words[1:]
        while words and (words[-1].lower() in STOPWORDS or _MONTH_OR_DAY.match(words[-1])):
            words = words[:-1]
        if not words:
            continue
        name = _POSSESSIVE.sub("", " ".join(words)).strip(".")
        halves = name.split("-")
        compound = len(words) == 1 and all(h[:1].isupper() and h.isalpha() for h in halves)
        parts = halves if compound and len(halves) > 1 else [name]  # "Xi-Putin", not "K2-18b"
        for part in parts:
            if len(part) > 1 and part not in found:
                found.append(part)
    return found


def _a_country(word: str) -> bool:
    """Whether a word names a country or its people ("Britain", "Norwegians")."""
    from factcheck.language import countries  # its table loads on first use

    return countries.country(word) is not None


_EVENT = re.compile("|".join(sorted(EVENT_STEMS, key=len, reverse=True)))


def is_event(word: str) -> bool:
    """True for a word that names an event ("signed", "summit"), not a mere description."""
    return _EVENT.match(word) is not None


def _content_words(clause: str, names: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Lower-case words that carry meaning; a capitalised opening word counts unless a name."""
    words = []
    for m in WORD.finditer(clause):
        word = m.group(0)
        lower = word.lower().strip("’'")
        opening = not clause[: m.start()].strip() and _POSSESSIVE.sub("", word) not in names
        possessive = lower.endswith(("'s", "’s"))  # "the band's album": the band is no event
        if (
            (opening or not word[0].isupper())
            and lower not in STOPWORDS
            and len(lower) >= 4
            and not possessive
        ):
            words.append((m.start(), lower))
    return words


def event_words(
    clause: str,
    date_offset: int,
    names: frozenset[str] = frozenset(),
    rank: Callable[[str], int] | None = None,
) -> list[str]:
    """Up to three words naming the event: known event words first, then the nearest.

    Args:
        clause: the claim's quote with its dates blanked out.
        date_offset: where the anchoring date sits in it.
        names: words known to be names.
        rank: how surely a word names an event, lowest first (`event_rank`); without it,
            the event stems first, then the rest.
    """
    ranked = sorted(
        (rank(word) if rank is not None else int(not is_event(word)), abs(at - date_offset), word)
        for at, word in _content_words(clause, names)
    )
    chosen: list[str] = []
    for _, _, word in ranked:
        if word not in chosen:
            chosen.append(word)
    return chosen[:3]


def slug_words(clause: str, names: frozenset[str], *, sentence_start: bool) -> list[str]:
    """The words of a claim's id: its first event word and first name, by position.

    Depends on the quote alone, so the id stays the same whatever date anchors it.
    """
    words = _content_words(clause, names)
    event = next((w for _, w in words if is_event(w)), words[0][1] if words else None)
    found = entities(clause, names, sentence_start=sentence_start)
    return [w for w in (event, found[0] if found else None) if w] or ["claim"]


def event_rank(word: str) -> int:
    """How surely a word names an event: 0 the news events lexicon or the event stems know
    it, 1 WordNet files it as a verb, 2 as an act or event noun, 3 not at all (a thing, a
    description: "traffic", "season", "actual")."""
    from factcheck.language import lemmas, news_events, wordnet  # their data loads lazily

    if is_event(word) or news_events.class_of(word) is not None:
        return 0
    kind = wordnet.event_class(lemmas.lemma(word)) or ""
    return 1 if kind.startswith("verb.") else 2 if kind in ("noun.act", "noun.event") else 3
