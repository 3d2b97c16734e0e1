"""Rebuild src/factcheck/language/data/countries.tsv from mledoze/countries (ODbL 1.0).

It keeps, per country (ISO 3166-1 alpha-2), the English common and official names, the
Latin-script alternative spellings, upper-case abbreviations ("DPRK", "UAE"), English
demonyms and capitals. A text claimed by several countries goes to the one UN member among
them ("Indian" → IN, not the British Indian Ocean Territory) or, when that does not decide,
is left out ("Congolese", "Dominican").

Usage: python scripts/build_countries.py COUNTRIES_JSON [OUTPUT]
COUNTRIES_JSON is countries.json from a checkout of github.com/mledoze/countries.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "factcheck" / "language" / "data" / "countries.tsv"
LATIN = re.compile(r"[A-Za-z][A-Za-z .,'()-]+")


def entries(country: dict) -> set[tuple[str, str]]:
    """(kind, text) pairs for one country of countries.json."""
    found = {("name", country["name"]["common"]), ("name", country["name"]["official"])}
    for spelling in country["altSpellings"]:
        if spelling.isupper() and len(spelling) > 2:
            found.add(("abbreviation", spelling))
        elif LATIN.fullmatch(spelling) and not spelling.isupper():
            found.add(("name", spelling))
    for demonym in country.get("demonyms", {}).get("eng", {}).values():
        if demonym:
            found.add(("demonym", demonym))
    found |= {("capital", capital) for capital in country.get("capital", []) if capital}
    return found


def build(source: Path, output: Path) -> None:
    """Write code, kind and text per line, sorted, one owner per text and kind."""
    countries = json.loads(source.read_text(encoding="utf-8"))
    members = {c["cca2"] for c in countries if c.get("unMember")}
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for country in countries:
        for kind, text in entries(country):
            owners[kind, text.lower() if kind != "abbreviation" else text].add(country["cca2"])
    spelled = {
        (kind, text.lower() if kind != "abbreviation" else text): text
        for country in countries
        for kind, text in entries(country)
    }
    rows, dropped = [], []
    for key, codes in owners.items():
        chosen = codes if len(codes) == 1 else codes & members
        if len(chosen) == 1:
            rows.append((next(iter(chosen)), key[0], spelled[key]))
        else:
            dropped.append(f"{key[1]} ({', '.join(sorted(codes))})")
    partial = output.with_suffix(".partial")
    lines = ["\t".join(row) for row in sorted(rows)]
    partial.write_text("code\tkind\ttext\n" + "\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(output)
    print(f"{output}: {len(rows)} rows; left out as ambiguous: {'; '.join(sorted(dropped))}")


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUTPUT)
