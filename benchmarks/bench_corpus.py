"""Corpus speed: index 10,000 generated documents, then search them per claim; run by hand.

``python benchmarks/bench_corpus.py [DOCS] [HTML_SHARE]`` (defaults 10000 and 0.2). The
documents are wire-copy-like: plain text and Markdown with a Zipf-distributed vocabulary
of 20,000 words, 400 names and dates over ten years, plus a share of full news pages
(`bench_text.page`: scripts, navigation, comments, related links) read by trafilatura in
the worker processes. Reported: the first index (beside the floor: bare trafilatura on
the same HTML pages on 2 processes), a second one with nothing changed (every
file skipped by its sha256), one after 1% of the files changed, and the latency of
`discover.corpus.search` per claim (FTS5 query with BM25, plus reading the best three
texts) over 300 generated claims. Goals (issue 6): indexing under 60 s, a query under 20 ms.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_text import bare, page
from factcheck.dates import parse_date
from factcheck.discover.corpus import claim_query, index_folders, search
from factcheck.models import Claim
from factcheck.settings import Settings
from factcheck.store import Store

SYLLABLES = "ka lo mi ren tas vor pel dun shi ga ber nol fen ros tiv al um ek ori zan".split()
MONTHS = (
    "January February March April May June July August September October November December".split()
)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def vocabulary(seed: int = 1) -> tuple[list[str], list[float], list[str]]:
    """20,000 words with Zipf weights, and 400 two-word names."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(_word(rng, rng.randint(1, 4)) for _ in range(40_000)))[:20_000]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    names = [f"{_word(rng, 2).capitalize()} {_word(rng, 3).capitalize()}" for _ in range(400)]
    return words, weights, names


def sentence(rng: random.Random, words: list[str], weights: list[float], names: list[str]) -> str:
    body = rng.choices(words, weights, k=rng.randint(8, 25))
    body.insert(rng.randrange(len(body)), rng.choice(names))
    if rng.random() < 0.5:
        body.append(f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}")
    return " ".join(body).capitalize() + "."


def document(
    i: int, vocab: tuple[list[str], list[float], list[str]], html_share: float
) -> tuple[str, bytes]:
    rng = random.Random(i)
    if rng.random() < html_share:
        return f"d{i}.html", page(i)
    paragraphs = [
        " ".join(sentence(rng, *vocab) for _ in range(rng.randint(1, 4)))
        for _ in range(rng.randint(3, 12))
    ]
    if rng.random() < 0.25:
        return f"d{i}.md", (
            "# " + _word(rng, 3).capitalize() + "\n\n" + "\n\n".join(paragraphs)
        ).encode()
    return f"d{i}.txt", "\n\n".join(paragraphs).encode()


def claims(count: int, vocab: tuple[list[str], list[float], list[str]]) -> list[Claim]:
    words, _, names = vocab
    rng = random.Random(99)
    out = []
    for i in range(count):
        name, a, b = rng.choice(names), rng.choice(words[50:3000]), rng.choice(words[50:3000])
        when = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"
        text = f"{name} {a} the {b} on {when}."
        out.append(Claim(f"c{i}", text, date=parse_date(text), keywords=(a, b, name)))
    return out


def floor(htmls: list[str]) -> float:
    """Bare trafilatura over the same HTML pages on 2 warm processes: the extraction floor."""
    if not htmls:
        return 0.0
    with mp.get_context("forkserver").Pool(2) as pool:
        pool.map(bare, htmls[:20])
        start = time.perf_counter()
        pool.map(bare, htmls, chunksize=8)
        return time.perf_counter() - start


def timed_index(folder: Path, settings: Settings, store: Store, label: str) -> float:
    start = time.perf_counter()
    done = index_folders([folder], settings, store)
    took = time.perf_counter() - start
    print(
        f"{label:<28} {took:7.2f} s   ({done.added} new, {done.updated} changed, "
        f"{done.unchanged} unchanged, {done.removed} removed, {len(done.failed)} not indexed)"
    )
    return took


def main() -> None:
    docs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    html_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
    vocab = vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        folder.mkdir()
        size = 0
        for i in range(docs):
            name, body = document(i, vocab, html_share)
            (folder / name).write_bytes(body)
            size += len(body)
        kinds = {s: len(list(folder.glob(f"*{s}"))) for s in (".txt", ".md", ".html")}
        print(f"{docs:,} documents, {size / 1e6:.0f} MB: {kinds}")
        settings = Settings(db=Path(tmp) / "f.db", cache=Path(tmp) / "cache", timeout=30)
        with Store.open(settings.db) as store:
            first = timed_index(folder, settings, store, "index (all new)")
            timed_index(folder, settings, store, "index again (unchanged)")
            rng = random.Random(5)
            for i in rng.sample(range(docs), docs // 100):
                path = next(folder.glob(f"d{i}.*"))
                path.write_bytes(path.read_bytes() + b"\n\nA correction was appended.\n")
            timed_index(folder, settings, store, "index after 1% changed")
            sample = claims(300, vocab)
            search(store, sample[0], 3)  # warm the page cache
            bare, full, hits = [], [], 0
            for claim in sample:
                query = claim_query(claim)
                start = time.perf_counter()
                store.search_corpus(query, 3)
                bare.append(time.perf_counter() - start)
                start = time.perf_counter()
                hits += len(search(store, claim, 3))
                full.append(time.perf_counter() - start)
        db_size = settings.db.stat().st_size
        htmls = [p.read_text() for p in sorted(folder.glob("*.html"))]
        print(
            f"{'bare trafilatura floor':<28} {floor(htmls):7.2f} s   (the {len(htmls):,} HTML pages alone, 2 processes)"
        )
    for label, times in (
        ("FTS5 query (bm25, top 3)", bare),
        ("search() incl. reading texts", full),
    ):
        ms = sorted(t * 1000 for t in times)
        print(
            f"{label:<28} median {statistics.median(ms):6.2f} ms   p95 {ms[int(len(ms) * 0.95)]:6.2f} ms"
            f"   max {ms[-1]:6.2f} ms"
        )
    print(f"{hits / len(sample):.1f} hits per claim; database {db_size / 1e6:.0f} MB")
    verdict = "met" if first < 60 and statistics.median(full) < 0.020 else "NOT met"
    print(f"goals (index < 60 s, query < 20 ms): {verdict}  [{dt.datetime.now(dt.UTC):%Y-%m-%d}]")


if __name__ == "__main__":
    main()
