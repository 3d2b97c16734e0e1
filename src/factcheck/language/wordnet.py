"""How two English nouns or verbs are related in WordNet 3.0, from a compact read-only table.

The table (data/wordnet.sqlite, rebuilt by scripts/build_wordnet.py from Debian's
`wordnet-base`; licence in data/WORDNET-LICENSE) holds noun and verb lemmas (plants and animals left out) with
their synsets in sense order, SemCor tag counts, hypernym edges and derivational links. It is
opened on first use, read-only and immutable, so importing this module costs nothing and
each lookup is one indexed query.

Only each word's most frequent senses count (`MAX_SENSES`), yet WordNet synonymy stays
loose ("hold" shares a sense with "have"): a relation is evidence for the caller to weigh
with the event class, never a verdict alone.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from factcheck.language.lemmas import packaged_db

MAX_SENSES = 8  # senses per lemma that count, most frequent first
MAX_DEPTH = 3  # hypernym steps from a word to a broader one ("summit" → "meeting": 1)
POS = ("v", "n")


def _db() -> sqlite3.Connection:
    """The WordNet table, opened once per process, read-only."""
    return packaged_db("wordnet.sqlite")


def _key(word: str) -> str:
    """A word as the table spells lemmas: lower case, single spaces."""
    return " ".join(word.lower().replace("_", " ").split())


@cache
def synsets(lemma: str, pos: str | None = None) -> tuple[int, ...]:
    """The lemma's synsets among its MAX_SENSES most frequent senses, most frequent first.

    Args:
        lemma: a noun or verb lemma ("inauguration", "take office").
        pos: "n" or "v" to restrict, None for both (verbs first).
    """
    wanted = POS if pos is None else (pos,)
    rows = _db().execute(
        "SELECT pos, synset FROM sense WHERE lemma = ? AND rank <= ? ORDER BY rank",
        (_key(lemma), MAX_SENSES),
    )
    found = [(wanted.index(p), synset) for p, synset in rows if p in wanted]
    return tuple(synset for _, synset in sorted(found, key=lambda row: row[0]))


@cache
def _ancestors(synset: int) -> frozenset[int]:
    """The synsets at most MAX_DEPTH hypernym steps above synset (itself excluded)."""
    found: set[int] = set()
    level = {synset}
    for _ in range(MAX_DEPTH):
        marks = ",".join("?" * len(level))
        rows = _db().execute(f"SELECT parent FROM hypernym WHERE synset IN ({marks})", [*level])
        level = {parent for (parent,) in rows} - found
        found |= level
        if not level:
            break
    return frozenset(found)


def _derived(a: str, b: str) -> bool:
    """Whether WordNet links the two lemmas by derivation, in either direction."""
    one, other = sorted((_key(a), _key(b)))
    found = _db().execute("SELECT 1 FROM derivation WHERE a = ? AND b = ?", (one, other))
    return found.fetchone() is not None


def _broader(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether some synset of b lies above some synset of a."""
    targets = set(b)
    return any(_ancestors(synset) & targets for synset in a)


def relation(a: str, b: str) -> str | None:
    """How lemma a relates to lemma b in WordNet, or None when it does not.

    Returns "same" (one lemma), "synonym" (a shared synset: "pact" ~ "treaty"),
    "derivation" ("inauguration" ↔ "inaugurate"), "hypernym" (a is a kind of b, up to
    MAX_DEPTH steps: "summit" ⊂ "meeting"), "hyponym" (b is a kind of a), checked in that
    order; None also when either word is unknown or empty.
    """
    if not _key(a) or not _key(b):
        return None
    if _key(a) == _key(b):
        return "same"
    first, second = synsets(a), synsets(b)
    if not first or not second:
        return None
    if set(first) & set(second):
        return "synonym"
    if _derived(a, b):
        return "derivation"
    if _broader(first, second):
        return "hypernym"
    if _broader(second, first):
        return "hyponym"
    return None


@cache
def event_class(lemma: str, pos: str | None = None) -> str | None:
    """The lexicographer file of the lemma's most frequent sense, e.g. "verb.contact".

    When pos is None the part of speech more often tagged in WordNet's SemCor counts wins,
    then the one with more senses, verbs on a tie ("launch" → verb.social, "summit" →
    noun.state: its first sense is a mountain top). Coarse: the most frequent sense
    decides. None for a word WordNet lacks.
    """
    key = _key(lemma)
    senses = dict(
        _db().execute("SELECT pos, count(*) FROM sense WHERE lemma = ? GROUP BY pos", (key,))
    )
    tagged = dict(_db().execute("SELECT pos, count FROM usage WHERE lemma = ?", (key,)))
    wanted = [p for p in POS if p in senses and (pos is None or p == pos)]
    if not wanted:
        return None
    part = max(wanted, key=lambda p: (tagged.get(p, 0), senses[p], p == "v"))
    row = (
        _db()
        .execute(
            "SELECT lexname.name FROM sense JOIN lexname ON lexname.id = sense.lexfile "
            "WHERE lemma = ? AND pos = ? ORDER BY rank LIMIT 1",
            (key, part),
        )
        .fetchone()
    )
    return str(row[0])
