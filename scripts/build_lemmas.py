"""Rebuild src/factcheck/language/data/lemmas.sqlite from lemminflect's lookup table (MIT).

lemminflect (`pip install lemminflect`) ships a dictionary of English word forms and their
lemmas per part of speech. Loading it takes about 0.4 s and brings numpy, so factcheck keeps
a derived copy it can query without loading: every form that has a lemma other than itself,
with all its readings ("rose": NOUN rose, VERB rise), lemminflect's overrides applied.
A form absent from the table is its own lemma.

Usage: python scripts/build_lemmas.py [OUTPUT]
"""

from __future__ import annotations

import csv
import gzip
import sqlite3
import sys
from pathlib import Path

from lemminflect import config
from lemminflect.core.LexicalUtils import categoryToUPos

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "factcheck" / "language" / "data" / "lemmas.sqlite"
KEPT = {"NOUN", "VERB", "ADJ", "ADV", "AUX"}
SCHEMA = """
CREATE TABLE lemma (
    form TEXT NOT NULL, upos TEXT NOT NULL, lemma TEXT NOT NULL, PRIMARY KEY (form, upos)
) WITHOUT ROWID;
"""


def readings() -> dict[str, dict[str, str]]:
    """form → {upos: first lemma spelling}, from the lookup file and then the overrides."""
    found: dict[str, dict[str, str]] = {}
    with gzip.open(config.lemma_lu_fn, "rt", encoding="utf-8") as lines:
        for line in lines:
            form, category, lemmas = line.strip().split(",")
            found.setdefault(form, {})[categoryToUPos(category)] = lemmas.split("/")[0]
    with open(config.lemma_overrides_fn, encoding="utf-8") as lines:
        for row in csv.reader(line for line in lines if line.strip() and line[0] != "#"):
            found.setdefault(row[0], {})[row[1]] = row[2]
    return found


def build(output: Path) -> None:
    """Write the forms that have a lemma other than themselves (replaced whole)."""
    rows = []
    for form, by_pos in readings().items():
        kept = {upos: lemma for upos, lemma in by_pos.items() if upos in KEPT}
        if any(lemma.lower() != form.lower() for lemma in kept.values()):
            rows.extend((form.lower(), upos, lemma.lower()) for upos, lemma in kept.items())
    partial = output.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.executescript(SCHEMA)
    db.executemany("INSERT OR REPLACE INTO lemma VALUES (?, ?, ?)", sorted(rows))
    db.commit()
    db.execute("VACUUM")
    db.close()
    partial.replace(output)
    print(f"{output}: {len(rows)} readings, {output.stat().st_size} bytes")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
