"""Country names, abbreviations, demonyms and capitals → one key, the ISO 3166-1 alpha-2 code.

Names, official names and common names come from pycountry (ISO 3166-1); news
abbreviations, other spellings, English demonyms and capitals from data/countries.tsv,
derived from mledoze/countries by scripts/build_countries.py (ODbL, see
data/COUNTRIES-LICENSE); a few news usages neither has are listed here (`NEWS_NAMES`).
Everything loads on the first call.

Abbreviations count only in capitals ("US", "U.S.", never the pronoun "us"); ISO codes
themselves are not names ("CAN" in a headline is not Canada). A country name that is also a
US state or a person's name ("Georgia", "Jordan", `AMBIGUOUS`) still gives the country:
callers that need certainty ask `ambiguous()` and want a second clue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# news usages that neither pycountry nor the derived table spells (lower case → code)
NEWS_NAMES = {
    "america": "US",
    "britain": "GB",
    "holland": "NL",
    "burma": "MM",
    "ivory coast": "CI",
    "czech republic": "CZ",
    "turkey": "TR",
    "south korea": "KR",
    "north korea": "KP",
}
NEWS_ABBREVIATIONS = {"US": "US", "UK": "GB", "ROK": "KR", "PRC": "CN"}
# capitals as the news spells them that the derived table lacks ("Washington D.C." is there)
NEWS_CAPITALS = {"washington": "US", "washington dc": "US", "kiev": "UA"}
# country names that are as often a US state, a person or a thing in the news
AMBIGUOUS = frozenset({"georgia", "jordan", "chad", "turkey", "china", "guinea", "jersey"})

_DOTS = re.compile(r"\.(?=\w|$)")
_PREFIX = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Table:
    """The lookups, built once: lower case except abbreviations, which are exact."""

    names: dict[str, str]
    demonyms: dict[str, str]
    abbreviations: dict[str, str]
    capitals: dict[str, str]


def _normal(name: str) -> str:
    """Trimmed, single-spaced, curly apostrophes straightened, a leading "the" dropped."""
    text = " ".join(name.replace("’", "'").split())
    text = text.removesuffix("'s").removesuffix("'")
    return _PREFIX.sub("", text)


def _iso_names() -> dict[str, str]:
    """pycountry's names, official names and common names, with "Korea, Republic of" turned."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if value:
                names[str(value).lower()] = code
                head, comma, tail = str(value).partition(", ")
                if comma and "," not in tail:
                    names[f"{tail} {head}".lower()] = code
    return names


@cache
def _table() -> Table:
    """pycountry, the derived table and NEWS_NAMES merged (the derived table first)."""
    names = _iso_names()
    abbreviations = dict(NEWS_ABBREVIATIONS)
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    text = files("factcheck.language").joinpath("data", "countries.tsv").read_text("utf-8")
    for line in text.splitlines()[1:]:
        code, kind, value = line.split("\t")
        if kind == "abbreviation":
            abbreviations[value] = code
        elif kind == "capital":
            capitals[value.lower()] = code
        elif kind == "demonym":
            demonyms[value.lower()] = code
        else:
            names[value.lower()] = code
    names.update(NEWS_NAMES)
    capitals.update(NEWS_CAPITALS)
    return Table(names, demonyms, abbreviations, capitals)


def country(name: str) -> str | None:
    """The ISO alpha-2 code of a country named by name, abbreviation or demonym, else None.

    "DPRK", "North Korea", "North Korean", "Korea, Democratic People's Republic of" → "KP";
    "U.S.", "USA", "America", "Americans" → "US"; "Georgia" → "GE" (see `ambiguous`).
    """
    text = _normal(name)
    table = _table()
    if text.replace(".", "").isupper():
        found = table.abbreviations.get(_DOTS.sub("", text))
        if found:
            return found
    key = text.lower()
    plural = key.removesuffix("s")  # "North Koreans", "Americans"
    return table.names.get(key) or table.demonyms.get(key) or table.demonyms.get(plural)


def capital_of(name: str) -> str | None:
    """The code of the country whose capital is name ("Pyongyang" → "KP"), else None.

    A hint only: capitals share names with other places ("Kingston", "Victoria"), and
    "Washington" is also a US state and a surname.
    """
    key = _normal(name).lower()
    capitals = _table().capitals
    return capitals.get(key) or capitals.get(key.replace(".", "").replace(",", ""))


def ambiguous(name: str) -> bool:
    """Whether a country name is as often something else in the news ("Georgia", "Jordan")."""
    return _normal(name).lower() in AMBIGUOUS
