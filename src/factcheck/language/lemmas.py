"""Lemmas of English words from lemminflect's dictionary, kept as a table that needs no loading.

lemminflect was preferred to simplemma after both were run on news words: both give
"signed" → sign, "sworn" → swear, "met" → meet, "held" → hold, "took" → take, but simplemma
leaves "rose" and "won" as they are, while lemminflect gives "rise" and "win". Loading
lemminflect itself costs about 0.4 s and numpy, so scripts/build_lemmas.py copies its
lookup (forms with a lemma other than themselves, every reading) to data/lemmas.sqlite,
read here one indexed query per new word. A word the dictionary lacks is its own lemma.
"""

from __future__ import annotations

import os
import sqlite3
from functools import cache
from importlib.resources import files
from pathlib import Path

UPOS = {"n": "NOUN", "noun": "NOUN", "v": "VERB", "verb": "VERB", "a": "ADJ", "adj": "ADJ"}
ORDER = ("VERB", "NOUN", "ADJ", "ADV", "AUX")  # which reading wins when pos is not given


def packaged_db(name: str) -> sqlite3.Connection:
    """A SQLite table shipped in factcheck/language/data, opened once per process, read-only."""
    return _open(name, os.getpid())  # a connection must not cross a fork into a worker


@cache
def _open(name: str, pid: int) -> sqlite3.Connection:
    """Open data/name read-only and immutable (no locks, no journal)."""
    path = Path(str(files("factcheck.language").joinpath("data", name)))
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _upos(pos: str | None) -> str | None:
    """A part of speech in lemminflect's spelling ("n", "noun", "NOUN" → "NOUN")."""
    if pos is None:
        return None
    key = pos.lower()
    if key not in UPOS:
        raise ValueError(f"unknown part of speech {pos!r}: use one of {sorted(UPOS)}")
    return UPOS[key]


@cache
def lemma(word: str, pos: str | None = None) -> str:
    """The lower-cased lemma of one word ("sworn" → "swear", "talks" → "talk").

    Args:
        word: one word; callers split phrases.
        pos: "v", "n" or "a" (or "verb", "noun", "adj") when known. Without it a verb
            reading wins ("rose" → "rise", "met" → "meet"), except that an -ing word that
            is also a noun stays ("meeting", "hearing").

    Returns:
        The lemma, or the lower-cased word when the dictionary has no other lemma for it.
    """
    key = word.lower()
    wanted = _upos(pos)
    rows = packaged_db("lemmas.sqlite").execute(
        "SELECT upos, lemma FROM lemma WHERE form = ?", (key,)
    )
    found = dict(rows)
    if wanted is not None:
        return str(found.get(wanted, key))
    if key.endswith("ing") and found.get("NOUN") == key:
        return key
    return next((str(found[upos]) for upos in ORDER if upos in found), key)
