"""Peak memory of `factcheck index` and `check --corpus`; run by hand.

``python benchmarks/bench_memory.py [SMALL] [BIG]`` (defaults 1000 and 3000 documents of
about 110 kB each). Each command runs in its own process and its peak RSS is read with
``getrusage(RUSAGE_CHILDREN)``. Goals (issue 6 review): the peak of ``index`` does not
grow with the corpus (the big folder within 1.5x of the small one), and ``check --corpus``
with 60 claims that all hit the same three 3.4 MB documents stays within 1.5x of the same
check with those documents given as sources (each text held once).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = "treaty summit council budget harbour minister signed approved opened closed".split()
CLAIM = (
    '[[claims]]\nid = "c{i}"\ntext = "Russia and North Korea signed treaty number {i} in June '
    '2024."\nkeywords = ["treaty", "North Korea", "Russia"]\n{sources}'
)


def peak(args: list[str], cwd: Path) -> float:
    """Run ``python -m factcheck ARGS`` in a child; its peak RSS in MB."""
    code = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.split()[-1]) / 1024


def folder(path: Path, count: int) -> None:
    rng = random.Random(count)
    path.mkdir()
    for i in range(count):
        body = f"Document {i}. " + " ".join(rng.choice(WORDS) for _ in range(16_000))
        (path / f"d{i:05}.txt").write_text(body, encoding="utf-8")


def main() -> None:
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    big = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder(work / "small", small)
        folder(work / "big", big)
        rss_small = peak(["index", "small", "--db", "s.db"], work)
        rss_big = peak(["index", "big", "--db", "b.db"], work)
        print(f"index {small:>5} docs: {rss_small:7.0f} MB peak")
        print(f"index {big:>5} docs: {rss_big:7.0f} MB peak")

        corpus = work / "corpus"
        corpus.mkdir()
        para = "Russia and North Korea signed a mutual defence treaty in June 2024 in Pyongyang. "
        filler = "The committee met again to discuss the harbour budget and the works. "
        for n in range(3):
            (corpus / f"big{n}.txt").write_text(para + filler * 48_000, encoding="utf-8")
        given = 'sources = ["corpus/big0.txt", "corpus/big1.txt", "corpus/big2.txt"]\n'
        (work / "corpus.toml").write_text(
            "\n".join(CLAIM.format(i=i, sources="") for i in range(60)), encoding="utf-8"
        )
        (work / "sources.toml").write_text(
            "\n".join(CLAIM.format(i=i, sources=given) for i in range(60)), encoding="utf-8"
        )
        peak(["index", "corpus", "--db", "c.db"], work)
        rss_corpus = peak(["check", "corpus.toml", "--db", "c.db", "--corpus"], work)
        rss_sources = peak(["check", "sources.toml", "--db", "e.db"], work)
        print(f"check --corpus (60 claims x 3 hits): {rss_corpus:7.0f} MB peak")
        print(f"check, same documents as sources:    {rss_sources:7.0f} MB peak")
    flat = rss_big < 1.5 * rss_small and rss_corpus < 1.5 * rss_sources
    print(f"goals (index flat, corpus within 1.5x of sources): {'met' if flat else 'NOT met'}")


if __name__ == "__main__":
    main()
