"""Lemmas from the table derived from lemminflect: regular, irregular, part of speech."""

from __future__ import annotations

import pytest

from factcheck.language.lemmas import lemma

# word, part of speech, lemma
LEMMAS = [
    ("signed", None, "sign"),
    ("sworn", None, "swear"),
    ("met", None, "meet"),
    ("held", None, "hold"),
    ("took", None, "take"),
    ("inaugurated", None, "inaugurate"),
    ("talks", None, "talk"),
    ("launched", None, "launch"),
    ("lifted", None, "lift"),
    ("spiked", None, "spike"),
    ("rose", None, "rise"),
    ("won", None, "win"),
    ("fell", None, "fall"),
    ("Died", None, "die"),
    ("meetings", None, "meeting"),
    ("meeting", None, "meeting"),  # an -ing word that is also a noun stays
    ("meeting", "v", "meet"),
    ("rose", "n", "rose"),
    ("rose", "verb", "rise"),
    ("treaties", "n", "treaty"),
    ("crises", "noun", "crisis"),
    ("signed", "n", "signed"),  # no noun reading: the word itself
    ("Pyongyang", None, "pyongyang"),  # unknown words are their own lemma, lower-cased
    ("US", None, "us"),
]


@pytest.mark.parametrize(("word", "pos", "expected"), LEMMAS)
def test_lemma(word: str, pos: str | None, expected: str) -> None:
    assert lemma(word, pos) == expected


def test_an_unknown_part_of_speech_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown part of speech 'x'"):
        lemma("signed", "x")
