"""Check speed: 500 claims over 1,000 generated pages on 20 local hosts, run by hand.

``python benchmarks/bench_check.py [CLAIMS]``. Each claim cites two pages and quotes a
sentence of the first (so there is evidence to find). Reported, in the same run: the
extraction floor (bare trafilatura on 2 processes over the same pages), the first check
(everything fetched, extracted, matched, judged and stored), and a second check of the
same claims (every page revalidated with a 304, nothing extracted again).
Goals (issue 4): the first check within 1.5x of the floor; the second under 10% of it.
"""

from __future__ import annotations

import ipaddress
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_fetch import HOSTS, _floor, start_server
from bench_text import page
from factcheck.check import check
from factcheck.settings import Settings


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


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    pages = 2 * claims
    server = start_server(pages)
    port = server.port
    floor = _floor(pages)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.toml"
        path.write_text(_claims(claims, port))
        settings = _settings(Path(tmp))
        start = time.perf_counter()
        first = check([path], settings)
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        second = check([path], settings)
        second_s = time.perf_counter() - start
    server.process.terminate()
    print(f"{claims} claims over {pages} pages on {HOSTS} hosts")
    print(f"floor   bare trafilatura, 2 processes   {floor:6.2f} s  {pages / floor:6.1f} pages/s")
    print(
        f"check 1 cold                           {first_s:6.2f} s  {pages / first_s:6.1f} pages/s"
        f"  {first_s / floor:.2f}x the floor (goal <= 1.5x)  {first.counts}"
    )
    print(
        f"check 2 warm (304s)                    {second_s:6.2f} s  {pages / second_s:6.1f} pages/s"
        f"  {second_s / first_s:.1%} of the first (goal < 10%)  {second.counts}"
    )


if __name__ == "__main__":
    main()
