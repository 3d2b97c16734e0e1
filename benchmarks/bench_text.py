"""Extraction throughput: Extractor against a bare trafilatura loop in a process pool.

Run by hand: ``python benchmarks/bench_text.py [PAGES]``. Goal: Extractor(workers=2)
called from 2 threads within 1.3x the time of ``bare_extraction`` mapped over a
2-process ``multiprocessing.Pool`` (the floor: no isolation, no time limit, batched
IPC). Both are timed warm (processes started and trafilatura imported beforehand); the
start-up cost of each start method is reported separately.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import trafilatura

from factcheck.text import Extractor

ROUNDS = 5

WORDS = (
    "council minister harbour budget election court ruling treaty summit border trade "
    "inflation energy grid hospital school strike union vote parliament senate mayor "
    "province river bridge railway airport port factory exports prices tariffs drought "
    "flood wildfire vaccine research university museum festival league season transfer "
    "report inquiry audit contract tender investors shares bank loan deficit surplus"
).split()
NAMES = ["Anna Kovacs", "Tomás Ferreira", "Lea Brunner", "Kwame Mensah", "Yuki Sato", "Ola Nilsen"]
SECTIONS = ["World", "Politics", "Business", "Science", "Sport", "Culture", "Opinion", "Local"]


def sentence(rng: random.Random) -> str:
    """A news-like sentence of 8–30 words with a name, a number and a date."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
    words.insert(rng.randrange(len(words)), rng.choice(NAMES))
    words.insert(rng.randrange(len(words)), f"{rng.randint(2, 950)} million")
    words.append(f"on {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} 2024")
    text = " ".join(words)  # names and months keep their capitals ("Anna Kovacs", "March")
    return text[:1].upper() + text[1:] + "."


def page(i: int) -> bytes:
    """One varied news page: head scripts, nav, article, extras, related links, footer."""
    rng = random.Random(i)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in rng.sample(SECTIONS, 6))
    script = "var cfg = {" + ",".join(f'"k{n}": {n}' for n in range(rng.randint(50, 3000))) + "};"
    paragraphs = [
        f"<p>{' '.join(sentence(rng) for _ in range(rng.randint(2, 6)))}</p>"
        for _ in range(rng.choice([3, 6, 10, 20, 40]))
    ]
    if rng.random() < 0.3:
        rows = "".join(
            f"<tr><td>{rng.choice(WORDS)}</td><td>{rng.randint(1, 99)}%</td></tr>" for _ in range(8)
        )
        paragraphs.insert(2, f"<table><tr><th>Item</th><th>Share</th></tr>{rows}</table>")
    if rng.random() < 0.3:
        paragraphs.insert(1, f"<blockquote>{sentence(rng)}</blockquote>")
    if rng.random() < 0.3:
        items = "".join(f"<li>{sentence(rng)}</li>" for _ in range(4))
        paragraphs.insert(3, f"<h2>{rng.choice(WORDS).capitalize()}</h2><ul>{items}</ul>")
    menu = "".join(
        f'<div class="menu-col"><h4>{s}</h4><ul>'
        + "".join(
            f'<li><a href="/{s}/{w}">{w.capitalize()}</a></li>' for w in rng.sample(WORDS, 15)
        )
        + "</ul></div>"
        for s in SECTIONS
    )
    comments = "".join(
        f'<div class="comment"><div class="meta"><span>{rng.choice(NAMES)}</span> '
        f'<time>{n} hours ago</time></div><div class="body"><p>{sentence(rng)}</p></div>'
        f'<div class="actions"><a href="#">Reply</a> <a href="#">Report</a></div></div>'
        for n in range(rng.randint(0, 40))
    )
    paragraphs = [
        f'<div class="block"><div class="inner">{p}</div></div>'
        if rng.random() < 0.5
        else p + '<div class="ad-slot"><div class="ad"><span>Advertisement</span></div></div>'
        for p in paragraphs
    ]
    related = "".join(
        f'<li><a href="/r/{i}/{n}">{sentence(rng)[:60]}</a></li>' for n in range(rng.randint(3, 12))
    )
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>
<meta property="article:published_time" content="2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00Z">
<script>{script}</script><style>.a{{color:red}}</style></head><body>
<div id="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept</button></div>
<header><a href="/">The Daily Example</a><nav><ul>{nav}</ul></nav>
<div class="mega-menu">{menu}</div></header>
<div class="page"><div class="wrap"><div class="grid"><main><article><h1>{title}</h1>
<p class="byline">By {rng.choice(NAMES)}</p>
<div class="story-body">{"".join(paragraphs)}</div>
</article><section class="comments"><h3>Comments</h3>{comments}</section></main>
<aside><h3>Related</h3><ul>{related}</ul></aside></div></div></div>
<footer><div class="footer-links">{menu}</div>© 2024 Daily Example</footer>
</body></html>"""
    return html.encode("utf-8")


def bare(html: str) -> int:
    """The floor: what the pool runs per page."""
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    return len(doc.text or "") if doc is not None and not isinstance(doc, dict) else 0


def timed(fn: Callable[[], object]) -> float:
    """Seconds taken by ``fn()``."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def start_up(method: str, body: bytes) -> tuple[float, float]:
    """(Extractor start → first page, a page on the replacement after a time-out), s."""
    slow = b"<html><body>" + b"<p>word of text here</p>" * 50_000 + b"</body></html>"
    start = time.perf_counter()
    with Extractor(workers=1, time_limit=0.2, start_method=method) as ex:
        ex.extract(body, "text/html")
        first = time.perf_counter() - start
        ex.extract(slow, "text/html")
        start = time.perf_counter()
        ex.extract(body, "text/html")
        return first, time.perf_counter() - start


def main() -> None:
    """Print pages/s for the floor and for the Extractor, and their ratio."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    bodies = [page(i) for i in range(count)]
    texts = [b.decode("utf-8") for b in bodies]
    sizes = sorted(len(b) for b in bodies)
    print(
        f"{count} pages, median {statistics.median(sizes) / 1024:.0f} KiB, "
        f"max {sizes[-1] / 1024:.0f} KiB, total {sum(sizes) / 2**20:.1f} MiB"
    )

    for method in ("forkserver", "spawn"):  # first, to measure a cold forkserver
        first, again = start_up(method, bodies[0])
        print(
            f"start method {method:10s}: first page {first * 1000:5.0f} ms, "
            f"page on a replacement worker {again * 1000:4.0f} ms"
        )

    floor, ours = [], []
    with (
        mp.get_context("spawn").Pool(2) as pool,
        Extractor(workers=2) as ex,
        ThreadPoolExecutor(2) as threads,
    ):
        pool.map(bare, texts[:20])  # warm up both
        list(threads.map(lambda b: ex.extract(b, "text/html; charset=utf-8"), bodies[:20]))
        for _ in range(ROUNDS):  # interleaved, so a noisy neighbour hits both alike
            floor.append(timed(lambda: pool.map(bare, texts)))
            ours.append(
                timed(lambda: list(threads.map(lambda b: ex.extract(b, "text/html"), bodies)))
            )
        assert ex.extract(bodies[0], "text/html").text, "no text extracted"
    ratios = sorted(o / f for o, f in zip(ours, floor, strict=True))
    floor_s, ours_s = min(floor), min(ours)
    print(f"(a) bare_extraction, Pool(2).map:   {count / floor_s:6.1f} pages/s  ({floor_s:.2f} s)")
    print(f"(b) Extractor(2).extract, 2 threads: {count / ours_s:6.1f} pages/s  ({ours_s:.2f} s)")
    print(
        f"ratio (b)/(a), best runs: {ours_s / floor_s:.2f}x (goal ≤ 1.3x); "
        f"per round: {' '.join(f'{r:.2f}' for r in ratios)}"
    )


if __name__ == "__main__":
    main()
