"""Extraction speed: the sample article, and 1 MB articles of two densities.

Run by hand: ``python benchmarks/bench_extract.py``. Goals (issue 2): the sample in
under 0.2 s and 1 MB in under 5 s on a 2-core machine, interpreter start-up excluded.
Reports extraction alone, then writing a new claims file and merging into it again.
"""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

T0 = time.perf_counter()
from factcheck.claims import Article, extract_claims, read_article  # noqa: E402
from factcheck.claimsfile import write_claims  # noqa: E402

IMPORT_S = time.perf_counter() - T0
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "two-cheers-for-the-russian-diplomatic-revolution.txt"
MONTHS = "January February March April May June July August September October November December"
NAMES = ["Anna Kovacs", "the ministry", "Petrobras", "the Senate", "Kim Jong Un", "NASA", "Ukraine"]
VERBS = ["signed the accord", "opened the plant", "was arrested", "resigned", "launched the probe",
         "ratified the treaty", "met the envoy", "sold the unit", "won the vote", "cut rates"]  # fmt: skip


def sparse(text: str, size: int, rng: random.Random) -> str:
    """The sample's paragraphs, shuffled, with years and months shifted: ~1 claim / 100 B."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    while sum(map(len, out)) < size:
        shift, month = rng.randint(-30, 0), rng.choice(MONTHS.split())
        for p in rng.sample(paragraphs, len(paragraphs)):
            p = re.sub(r"\b(19|20)\d\d\b", lambda m, s=shift: str(int(m.group(0)) + s), p)
            out.append(re.sub(r"\b(June|August|October)\b", month, p))
    return "\n\n".join(out)[:size]


def dense(size: int, rng: random.Random) -> str:
    """News-wire sentences, most of them dated: ~1 claim / 75 B."""
    out: list[str] = []
    while sum(map(len, out)) < size:
        sentences = []
        for _ in range(6):
            day, month, year = (
                rng.randint(1, 28),
                rng.choice(MONTHS.split()),
                rng.randint(1990, 2025),
            )
            date = rng.choice([f"on {day} {month} {year}", f"in {month} {year}", f"in {year}",
                               f"by early {year}", f"since the {year // 10 * 10}s"])  # fmt: skip
            sentences.append(f"{rng.choice(NAMES).capitalize()} {rng.choice(VERBS)} {date}.")
        out.append(" ".join(sentences))
    return "\n\n".join(out)[:size]


def timed(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(label: str, article: Article, runs: int) -> None:
    claims = extract_claims(article)
    extract_s = timed(lambda: extract_claims(article), runs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.toml"
        write_s = timed(
            lambda: (path.unlink(missing_ok=True), write_claims(path, article, claims)), runs
        )
        merge_s = timed(lambda: write_claims(path, article, claims), runs)
    size = len(article.text)
    print(f"{label:<8} {size:>9,} chars {len(claims):>6,} claims   extract {extract_s:7.3f} s"
          f"  ({size / extract_s / 1e6:.2f} MB/s)   new file {write_s:6.3f} s   merge {merge_s:6.3f} s")  # fmt: skip


def main() -> None:
    rng = random.Random(7)
    sample = read_article(SAMPLE)
    print(f"import factcheck.claims + claimsfile: {IMPORT_S * 1000:.0f} ms (once per process)")
    report("sample", sample, runs=7)
    report("sparse", Article("sparse.txt", sparse(sample.text, 1_000_000, rng), "-"), runs=3)
    report("dense", Article("dense.txt", dense(1_000_000, rng), "-"), runs=3)
    print("goals: sample extract < 0.2 s; 1 MB extract < 5 s")


if __name__ == "__main__":
    main()
