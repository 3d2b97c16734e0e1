"""Country names, abbreviations and demonyms → ISO alpha-2; capitals as hints."""

from __future__ import annotations

import pytest

from factcheck.language.countries import ambiguous, capital_of, country

# text, expected key
COUNTRIES = [
    ("DPRK", "KP"),
    ("Democratic People's Republic of Korea", "KP"),
    ("Democratic People’s Republic of Korea", "KP"),  # curly apostrophe
    ("North Korea", "KP"),
    ("North Korean", "KP"),
    ("North Koreans", "KP"),
    ("Korea, Democratic People's Republic of", "KP"),
    ("U.S.", "US"),
    ("US", "US"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("United States", "US"),
    ("the United States", "US"),
    ("United States of America", "US"),
    ("America", "US"),
    ("America's", "US"),
    ("American", "US"),
    ("Americans", "US"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("British", "GB"),
    ("United Kingdom", "GB"),
    ("Russia", "RU"),
    ("Russian Federation", "RU"),
    ("Russian", "RU"),
    ("South Korea", "KR"),
    ("Republic of Korea", "KR"),
    ("Iran", "IR"),
    ("Islamic Republic of Iran", "IR"),
    ("Viet Nam", "VN"),
    ("Vietnam", "VN"),
    ("Türkiye", "TR"),
    ("Turkey", "TR"),
    ("Dutch", "NL"),
    ("Swiss", "CH"),
    ("Chinese", "CN"),
    ("Israelis", "IL"),
    ("Ukrainian", "UA"),
    ("DRC", "CD"),
    ("Democratic Republic of the Congo", "CD"),
    ("Georgia", "GE"),  # the country, though also a US state: see ambiguous()
    ("Jordan", "JO"),  # the country, though also a name: see ambiguous()
    ("Indian", "IN"),  # not the British Indian Ocean Territory
]


@pytest.mark.parametrize(("text", "expected"), COUNTRIES)
def test_country(text: str, expected: str) -> None:
    assert country(text) == expected


NOT_COUNTRIES = [
    "us",  # the pronoun: abbreviations count only in capitals
    "CAN",  # ISO codes are not names
    "PRK",
    "Korea",  # North or South
    "Congolese",  # two countries claim it
    "Dominican",
    "Pyongyang",  # a capital is not a country name
    "European Union",
    "Gaza",
    "Jordans",  # plurals only of demonyms
    "Michael Jordan",  # a person named like a country
    "meeting",
    "",
]


@pytest.mark.parametrize("text", NOT_COUNTRIES)
def test_not_a_country(text: str) -> None:
    assert country(text) is None


# capital, country key (None: not a capital, or shared)
CAPITALS = [
    ("Pyongyang", "KP"),
    ("pyongyang", "KP"),
    ("Tbilisi", "GE"),
    ("Moscow", "RU"),
    ("Kyiv", "UA"),
    ("Kiev", "UA"),
    ("Washington", "US"),
    ("Washington, D.C.", "US"),
    ("Kingston", "JM"),  # Jamaica's, not Norfolk Island's
    ("Oranjestad", None),  # Aruba's and Sint Eustatius's: no one answer
    ("Springfield", None),
    ("North Korea", None),
]


@pytest.mark.parametrize(("text", "expected"), CAPITALS)
def test_capital_of(text: str, expected: str | None) -> None:
    assert capital_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Georgia", True), ("Jordan", True), ("the Chad", True), ("France", False), ("KP", False)],
)
def test_ambiguous(text: str, expected: bool) -> None:
    assert ambiguous(text) is expected
