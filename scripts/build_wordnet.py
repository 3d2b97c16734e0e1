"""Rebuild src/factcheck/language/data/wordnet.sqlite from Princeton WordNet 3.0 files.

The files come from Debian's `wordnet-base` package (`apt-get install wordnet-base`, which
puts them in /usr/share/wordnet); any WordNet 3.0 database directory works. Only what
factcheck.language.wordnet needs is kept: noun and verb lemmas with their synsets in sense
order and lexicographer file, how often each was tagged in SemCor, hypernym edges between
synsets, and derivational links between lemmas. Plant and animal nouns are left out
(`SKIPPED`).

Usage: python scripts/build_wordnet.py [WORDNET_DIR] [OUTPUT]
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/usr/share/wordnet")
DEFAULT_OUTPUT = ROOT / "src" / "factcheck" / "language" / "data" / "wordnet.sqlite"
POS = {"n": ("noun", 0), "v": ("verb", 1)}
HYPERNYM = {"@", "@i"}
# lexicographer files left out: a fifth of all senses, and no news event is a species
SKIPPED = {"noun.animal", "noun.plant"}

SCHEMA = """
CREATE TABLE lexname (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE sense (
    lemma TEXT NOT NULL, pos TEXT NOT NULL, rank INTEGER NOT NULL,
    synset INTEGER NOT NULL, lexfile INTEGER NOT NULL,
    PRIMARY KEY (lemma, pos, rank)
) WITHOUT ROWID;
CREATE TABLE hypernym (
    synset INTEGER NOT NULL, parent INTEGER NOT NULL, PRIMARY KEY (synset, parent)
) WITHOUT ROWID;
CREATE TABLE usage (
    lemma TEXT NOT NULL, pos TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (lemma, pos)
) WITHOUT ROWID;
CREATE TABLE derivation (
    a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
"""

# lexnames(5WN): the lexicographer files, numbered as in the data files
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food "
    "noun.group noun.location noun.motive noun.object noun.person noun.phenomenon "
    "noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape "
    "noun.state noun.substance noun.time verb.body verb.change verb.cognition "
    "verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative "
    "verb.weather adj.ppl"
).split()


def synset_id(offset: str, pos: str) -> int:
    """One integer per synset: the byte offset, with the part of speech in the low bit."""
    return int(offset) * 2 + POS[pos][1]


def clean(word: str) -> str:
    """A data-file word as factcheck spells a lemma: lower case, spaces for underscores."""
    return word.lower().replace("_", " ")


def read_data(source: Path, pos: str) -> tuple[dict[int, tuple[int, list[str]]], list[tuple]]:
    """Parse data.POS: {synset: (lexfile, words)} and the raw pointers of each synset."""
    synsets: dict[int, tuple[int, list[str]]] = {}
    pointers: list[tuple] = []
    with (source / f"data.{POS[pos][0]}").open(encoding="latin-1") as lines:
        for line in lines:
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split(" | ")[0].split()
            offset, lexfile, count = fields[0], int(fields[1]), int(fields[3], 16)
            if LEXNAMES[lexfile] in SKIPPED:
                continue
            words = [clean(fields[4 + 2 * i]) for i in range(count)]
            here = synset_id(offset, pos)
            synsets[here] = (lexfile, words)
            at = 4 + 2 * count
            for i in range(int(fields[at])):
                symbol, target, target_pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                if target_pos in POS:
                    pointers.append((here, symbol, synset_id(target, target_pos), numbers))
    return synsets, pointers


def read_index(source: Path, pos: str) -> list[tuple[str, str, int, int]]:
    """Parse index.POS: (lemma, pos, rank, synset) with rank 1 the most frequent sense."""
    rows = []
    with (source / f"index.{POS[pos][0]}").open(encoding="latin-1") as lines:
        for line in lines:
            if line.startswith("  "):
                continue
            fields = line.split()
            senses = int(fields[2])
            offsets = fields[len(fields) - senses :]
            rows.extend(
                (clean(fields[0]), pos, rank, synset_id(offset, pos))
                for rank, offset in enumerate(offsets, start=1)
            )
    return rows


def read_counts(source: Path) -> dict[tuple[str, str], int]:
    """Parse cntlist.rev: how often each noun and verb lemma was tagged in the SemCor corpus."""
    counts: dict[tuple[str, str], int] = {}
    with (source / "cntlist.rev").open(encoding="latin-1") as lines:
        for line in lines:
            key, _, count = line.split()
            lemma, kind = key.split("%")[0], key.split("%")[1][0]
            pos = {"1": "n", "2": "v"}.get(kind)
            if pos is not None and int(count) > 0:
                at = (clean(lemma), pos)
                counts[at] = counts.get(at, 0) + int(count)
    return counts


def build(source: Path, output: Path) -> None:
    """Write the compact table to output (replaced whole, never half-written)."""
    synsets: dict[int, tuple[int, list[str]]] = {}
    pointers: list[tuple] = []
    senses = []
    for pos in POS:
        found, linked = read_data(source, pos)
        synsets.update(found)
        pointers.extend(linked)
        senses.extend(read_index(source, pos))
    senses = [row for row in senses if row[3] in synsets]
    pointers = [row for row in pointers if row[2] in synsets]
    hypernyms = sorted({(a, b) for a, symbol, b, _ in pointers if symbol in HYPERNYM})
    derivations = set()
    for a, symbol, b, numbers in pointers:
        if symbol == "+":
            one = synsets[a][1][int(numbers[:2], 16) - 1]
            other = synsets[b][1][int(numbers[2:], 16) - 1]
            if one != other:
                derivations.add((min(one, other), max(one, other)))
    partial = output.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO lexname VALUES (?, ?)", enumerate(LEXNAMES))
    db.executemany(
        "INSERT INTO sense VALUES (?, ?, ?, ?, ?)",
        ((lemma, pos, rank, s, synsets[s][0]) for lemma, pos, rank, s in senses),
    )
    db.executemany("INSERT INTO hypernym VALUES (?, ?)", hypernyms)
    db.executemany(
        "INSERT INTO usage VALUES (?, ?, ?)", ((*k, v) for k, v in read_counts(source).items())
    )
    db.executemany("INSERT INTO derivation VALUES (?, ?)", sorted(derivations))
    db.commit()
    db.execute("VACUUM")
    db.close()
    partial.replace(output)
    print(
        f"{output}: {len(senses)} senses, {len(hypernyms)} hypernym edges, "
        f"{len(derivations)} derivations, {output.stat().st_size} bytes"
    )


if __name__ == "__main__":
    build(
        Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE,
        Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUTPUT,
    )
