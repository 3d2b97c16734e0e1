"""WordNet relations and coarse event classes from the derived table."""

from __future__ import annotations

import pytest

from factcheck.language.wordnet import event_class, relation, synsets

# a, b, relation of a to b
RELATIONS = [
    ("meeting", "meeting", "same"),
    ("Summit", "summit", "same"),
    ("pact", "treaty", "synonym"),
    ("die", "pass away", "synonym"),
    ("inauguration", "inaugurate", "derivation"),
    ("inaugurate", "inauguration", "derivation"),
    ("meet", "meeting", "derivation"),
    ("signing", "sign", "derivation"),
    ("death", "die", "derivation"),
    ("summit", "meeting", "hypernym"),
    ("meeting", "summit", "hyponym"),
    ("incursion", "attack", "hypernym"),
    ("spike", "rise", "hypernym"),
    ("election", "vote", "hypernym"),
    ("treaty", "cat", None),
    ("sign", "enter", None),
    ("offensive", "treaty", None),
    ("xyzzy", "meeting", None),  # unknown word
    ("meeting", "", None),
    ("", "", None),
]


@pytest.mark.parametrize(("a", "b", "expected"), RELATIONS)
def test_relation(a: str, b: str, expected: str | None) -> None:
    assert relation(a, b) == expected


# lemma, part of speech, lexicographer file
CLASSES = [
    ("launch", None, "verb.social"),
    ("launch", "n", "noun.artifact"),  # the boat
    ("sign", None, "verb.communication"),
    ("inauguration", None, "noun.act"),
    ("take office", None, "verb.social"),
    ("death", None, "noun.event"),
    ("attack", "n", "noun.act"),
    ("treaty", None, "noun.communication"),
    ("meet", None, "verb.motion"),
    ("summit", None, "noun.state"),  # a mountain top is its first sense
    ("xyzzy", None, None),
    ("inaugurate", "n", None),  # no noun sense
]


@pytest.mark.parametrize(("lemma", "pos", "expected"), CLASSES)
def test_event_class(lemma: str, pos: str | None, expected: str | None) -> None:
    assert event_class(lemma, pos) == expected


def test_multi_word_lemmas_are_found_with_spaces_or_underscores() -> None:
    assert synsets("take office") == synsets("take_office") != ()


def test_synsets_are_limited_to_the_part_of_speech_asked() -> None:
    both, verbs, nouns = synsets("attack"), synsets("attack", "v"), synsets("attack", "n")
    assert set(both) == set(verbs) | set(nouns)
    assert not set(verbs) & set(nouns)
