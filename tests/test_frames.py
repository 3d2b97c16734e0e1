"""Event frames: the role each date of a sentence plays, and what sets an instance apart."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.dates import find_dates
from factcheck.verify.frames import Role, describing_year, ordinal, place_names, roled_dates
from factcheck.verify.lexical import find_event, find_participant, must_repeat

PUBLISHED = dt.date(2024, 4, 1)


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        ("The bridge opened on 21 March 2024.", ["actual"]),
        ("The opening had been scheduled for 14 March 2024, but it took place on 21 March 2024.",
         ["planned", "actual"]),
        ("The regatta, postponed from 3 June 2023, took place on 17 June 2023.",
         ["postponed-from", "actual"]),
        ("The first tram was due on 4 February 2025 but arrived on 28 February 2025.",
         ["planned", "actual"]),
        ("The ministry set a deadline of 30 June 2022 for the review.", ["planned"]),
        ("Crowds gathered on 22 March 2025, the first anniversary of the fire.", ["anniversary"]),
        ("On 9 November 2019, thirty years to the day after the Wall fell, crowds sang.",
         ["anniversary"]),
        ("The video, which resurfaced on 2 May 2023, was filmed in April 2019.",
         ["recirculation", "actual"]),
        ("The road is to open on 1 September 2026, the council said on Monday.",
         ["actual", "report"]),
        ("Nordvik opened the farm on 21 August 2024, two years after work began.", ["actual"]),
    ],
)  # fmt: skip
def test_each_date_gets_its_role(sentence: str, roles: list[str]) -> None:
    assert [r.role.value for r in roled_dates(sentence, PUBLISHED)] == roles


def test_planned_role_says_which_words_gave_it() -> None:
    (planned, _) = roled_dates("It was first set for 3 May 2021 and held on 9 May 2021.", None)
    assert planned.role is Role.PLANNED
    assert "set for" in planned.cue


@pytest.mark.parametrize(
    ("sentence", "words", "expected"),
    [
        ("Donald Trump's second inauguration was held on 20 January 2025.", ("inauguration",), (2, "")),
        ("Their previous meeting, in Dunmar, ended badly.", ("meeting",), (None, "previous")),
        ("The festival, first held in 2015, fills three fields.", ("held",), (1, "")),
        ("The ferry first sailed in 2009.", ("ferry",), (None, "")),
        ("The summit was held in Kessel.", ("summit",), (None, "")),
    ],
)  # fmt: skip
def test_ordinals_and_words_that_set_an_instance_apart(
    sentence: str, words: tuple[str, ...], expected: tuple[int | None, str]
) -> None:
    assert ordinal(sentence, words) == expected


def test_a_year_describing_a_noun_is_told_apart_from_a_date() -> None:
    text = "They planned 12 debates in the 2020 presidential cycle, starting in 2019."
    first, second = find_dates(text)
    assert describing_year(text, first)
    assert not describing_year(text, second)


def test_places_are_names_after_in_at_near() -> None:
    assert place_names("The leaders met in Dunmar on 18 May 2021, near Kessel.") == (
        "Dunmar",
        "Kessel",
    )


@pytest.mark.parametrize(
    ("word", "text", "how"),
    [
        ("launched", "The rocket lifted off at dawn.", "lexicon"),
        ("inauguration", "He took the oath of office at noon.", "lexicon"),
        ("decided", "The tribunal gave its decision.", "WordNet derivation"),
        ("treaty", "They concluded a pact.", "WordNet synonym"),
        ("signed", "The pact came into force in May.", None),
        ("took effect", "The two sides concluded the pact.", None),
    ],
)
def test_events_found_in_other_words(word: str, text: str, how: str | None) -> None:
    step = find_event(word, text)
    assert (step.how if step else None) == how


def test_participants_found_as_the_same_country() -> None:
    step = find_participant("Czech Republic", "Czechia and Slovakia opened the bridge.")
    assert step is not None
    assert (step.found, step.how) == ("Czechia", "country names")
    assert find_participant("France", "Officials from Paris signed it.") is None


def test_only_the_words_of_the_act_must_be_repeated() -> None:
    assert must_repeat(["case", "decided"]) == ["decided"]
    assert must_repeat(["took office", "office", "took"]) == ["took office"]
    assert must_repeat(["held", "marathon"]) == ["marathon"]  # a light verb tells nothing
    # a lexicon phrase names the event; the stem beside it may be part of a name…
    assert must_repeat(["floated on", "exchange"]) == ["floated on"]
    # …but a single event word leaves what was signed required
    assert set(must_repeat(["signed", "treaty"])) == {"signed", "treaty"}


def test_initials_name_an_institution_never_a_person() -> None:
    step = find_participant("World Health Organization", "The WHO said so.")
    assert step is not None
    assert (step.found, step.how) == ("WHO", "initials")
    step = find_participant("WHO", "The World Health Organization said so.")
    assert step is not None
    assert step.found == "World Health Organization"
    assert find_participant("World Health Organization", "Doctors who said so.") is None
    assert find_participant("Nils Berg", "NB: the court sat.") is None


def test_a_decade_describes_a_noun_only_before_one() -> None:
    from factcheck.dates import find_dates
    from factcheck.verify.frames import describing_year

    text = "The shift is like the 1970s episode, and prices rose in the 1940s and 50s."
    episode, forties = [d for d in find_dates(text) if d.text in ("1970s", "1940s")]
    assert describing_year(text, episode)
    assert not describing_year(text, forties)


def test_an_event_word_is_found_by_its_lemma() -> None:
    step = find_event("banned", "The council voted to ban diesel buses.")
    assert step is not None
    assert (step.found, step.how) == ("ban", "same word")
    assert find_event("banned", "The Ban family moved away.") is None  # a name, not the act
