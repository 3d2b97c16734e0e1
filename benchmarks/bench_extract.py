"""Extraction speed: the sample article and a 1 MB article built from varied text.

Run by hand: ``python benchmarks/bench_extract.py``. Goals (issue 2): the sample in
under 0.2 s, 1 MB in under 5 s, interpreter start-up excluded. Imports are timed apart.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from pathlib import Path

T0 = time.perf_counter()
from factcheck.claims import Article, extract_claims, read_article  # noqa: E402

IMPORT_S = time.perf_counter() - T0
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "two-cheers-for-the-russian-diplomatic-revolution.txt"
MONTHS = "January February March April May June July August September October November December"


def varied(text: str, size: int, seed: int = 7) -> str:
    """Repeat the paragraphs of ``text`` in shuffled order with shifted years and months."""
    rng = random.Random(seed)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    months = MONTHS.split()
    out: list[str] = []
    total = 0
    while total < size:
        shift = rng.randint(-30, 0)
        month = rng.choice(months)
        for p in rng.sample(paragraphs, len(paragraphs)):
            p = re.sub(r"\b(19|20)(\d\d)\b", lambda m, shift=shift: str(int(m.group(0)) + shift), p)
            p = re.sub(r"\b(June|August|October)\b", month, p)
            out.append(p)
            total += len(p) + 2
    return "\n\n".join(out)[:size]


def timed(article: Article, runs: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        count = len(extract_claims(article))
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def main() -> None:
    start = time.perf_counter()
    sample = read_article(SAMPLE)
    read_s = time.perf_counter() - start
    sample_s, sample_claims = timed(sample, runs=7)
    big_text = varied(sample.text, 1_000_000)
    big = Article("big.txt", big_text, "-")
    big_s, big_claims = timed(big, runs=3)
    print(f"import factcheck.claims      {IMPORT_S * 1000:8.1f} ms (once per process)")
    print(f"read sample article          {read_s * 1000:8.1f} ms")
    print(
        f"sample ({len(sample.text):,} chars)      {sample_s * 1000:8.1f} ms  "
        f"{sample_claims} claims   goal < 200 ms"
    )
    print(
        f"1 MB ({len(big_text):,} chars)    {big_s:8.2f} s   "
        f"{big_claims} claims  goal < 5 s  ({len(big_text) / big_s / 1e6:.2f} MB/s)"
    )


if __name__ == "__main__":
    main()
