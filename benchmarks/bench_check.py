"""Check speed: 500 claims over 1,000 generated pages on 20 local hosts, run by hand.

``python benchmarks/bench_check.py [CLAIMS] [--repeat N]``. Each claim cites two pages
and quotes a sentence of the first (so there is evidence to find). Each repetition
measures, in this order: the extraction floor (bare trafilatura on 2 processes over the
same pages), the first check into a fresh database and cache (everything fetched,
extracted, matched, judged and stored), and a second check of the same claims (every
page revalidated with a 304, nothing extracted or judged again). Printed: each
repetition's times, then the min and median of each ratio over the repetitions.
Goals (issue 17), on the median: the first check within 1.3x of the floor of its own
repetition; the second at most 5% of the first. Also printed: the same pages revalidated
by bare httpx (`bench_fetch.bare_304s`), what the second check cannot go below.
"""

from __future__ import annotations

import ipaddress
import random
import re
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_fetch import HOSTS, _floor, bare_304s, start_server
from bench_text import page
from factcheck.check import check
from factcheck.settings import Settings
from repeats import arguments, summary

COLD_GOAL = 1.3  # the first check / the extraction floor
WARM_GOAL = 0.05  # the second check / the first


def _claims(claims: int, port: int) -> str:
    rng = random.Random(3)
    blocks = []
    for i in range(claims):
        first, second = 2 * i, 2 * i + 1
        text = re.sub(r"<[^>]+>", " ", page(first).decode())
        sentences = re.findall(
            r"[A-Z][^.<>\n]{40,300}? on \d{1,2} (?:March|June|October) 2024\.", text
        )
        claim = rng.choice(sentences) if sentences else f"Item {i} happened on 1 March 2024."
        urls = [f"http://127.0.0.{1 + n % HOSTS}:{port}/p/{n}.html" for n in (first, second)]
        blocks.append(
            f'[[claims]]\nid = "c{i}"\ntext = "{claim}"\nsources = {urls!r}\n'.replace("'", '"')
        )
    return "\n".join(blocks)


def _settings(tmp: Path, **more: Any) -> Settings:
    """A database and cache in ``tmp``, every loopback host allowed, one slot per host."""
    return Settings(
        db=tmp / "f.db",
        cache=tmp / "cache",
        delay=0,
        concurrency=HOSTS,
        timeout=30,
        allow_private=(ipaddress.ip_network("127.0.0.0/8"),),
        **more,
    )


def _cpu() -> float:
    """CPU seconds of this process (the main one: fetching, storing, planning)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _once(claims: int, port: int) -> tuple[float, float, float, float, str]:
    """One repetition: the floor, the first check, the second and the bare 304s of the
    same pages in seconds, and more."""
    floor = _floor(2 * claims)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.toml"
        path.write_text(_claims(claims, port))
        settings = _settings(Path(tmp))
        start, cpu = time.perf_counter(), _cpu()
        first = check([path], settings)
        cold, cold_cpu = time.perf_counter() - start, _cpu() - cpu
        start, cpu = time.perf_counter(), _cpu()
        second = check([path], settings)
        warm, warm_cpu = time.perf_counter() - start, _cpu() - cpu
    assert first.counts == second.counts, (first.counts, second.counts)
    bare = bare_304s(port, range(2 * claims))
    more = (
        f"bare 304s {bare:.2f} s ({bare / cold:.1%} of the cold; the warm {warm / bare:.2f}x "
        f"them); main process CPU {cold_cpu:.2f} s cold, {warm_cpu:.2f} s warm; {second.counts}"
    )
    return floor, cold, warm, bare, more


def main() -> None:
    args = arguments(__doc__.splitlines()[0], 500, "claims (each cites two pages)")
    claims, pages = args.count, 2 * args.count
    server = start_server(pages)
    cold_ratios, warm_ratios, over_bare = [], [], []
    print(f"{claims} claims over {pages} pages on {HOSTS} hosts, {args.repeat} repetitions")
    try:
        for run in range(1, args.repeat + 1):
            floor, cold, warm, bare, more = _once(claims, server.port)
            cold_ratios.append(cold / floor)
            warm_ratios.append(warm / cold)
            over_bare.append(warm / bare)
            print(
                f"run {run}: floor {floor:6.2f} s   cold check {cold:6.2f} s "
                f"({cold / floor:.2f}x the floor)   warm check {warm:5.2f} s "
                f"({warm / cold:.1%} of the cold)   {more}"
            )
    finally:
        server.process.terminate()
    print(summary("cold check / floor (bare trafilatura)", cold_ratios, COLD_GOAL, percent=False))
    print(summary("warm check (304s) / cold check", warm_ratios, WARM_GOAL, percent=True))
    print(summary("warm check / bare 304s of the same pages", over_bare, None, percent=False))


if __name__ == "__main__":
    main()
