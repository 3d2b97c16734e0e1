"""Fetch + extract throughput against 20 local hosts, and the cost of a re-check.

Run by hand: ``python benchmarks/bench_fetch.py [PAGES]``. A server process answers on
127.0.0.1 … 127.0.0.20 (20 host names, all loopback) with generated news pages that
carry an ETag and ``Cache-Control: no-cache``. Reported, in the same run:

- the floor: the same pages through a bare ``trafilatura.bare_extraction`` loop in a
  2-process pool (no fetching, no isolation);
- pass 1: ``reading.read_sources`` over every URL (cold cache: fetch, store, extract);
- pass 2: the same with ``revalidate=True`` (every page a conditional request → 304,
  nothing downloaded or extracted again).

Goals (issue 3): pass 1 within 1.3x of the floor; pass 2 under 10% of pass 1.
"""

from __future__ import annotations

import asyncio
import hashlib
import http.server
import ipaddress
import multiprocessing as mp
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

import httpx

from bench_text import bare, page  # the page generator and floor of the extraction benchmark
from factcheck.reading import read_sources
from factcheck.settings import Settings

HOSTS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(
    port: int, pages: int, ready: Any, full: Synchronized[int], revalidated: Synchronized[int]
) -> None:
    bodies = {i: page(i) for i in range(pages)}
    tags = {i: etag(i) for i in bodies}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if not self.path.startswith("/p/"):
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            i = int(self.path[3:].split(".")[0])
            if self.headers.get("If-None-Match") == tags[i]:
                with revalidated.get_lock():
                    revalidated.value += 1
                self.send_response(304)
                self.send_header("ETag", tags[i])
                self.end_headers()
                return
            with full.get_lock():
                full.value += 1
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(bodies[i])))
            self.send_header("ETag", tags[i])
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(bodies[i])

    for host in range(1, HOSTS + 1):
        server = http.server.ThreadingHTTPServer((f"127.0.0.{host}", port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def _floor(pages: int) -> float:
    htmls = [page(i).decode() for i in range(pages)]
    with mp.get_context("forkserver").Pool(2) as pool:
        pool.map(bare, htmls[:20])  # warm: trafilatura imported in both workers
        start = time.perf_counter()
        pool.map(bare, htmls, chunksize=8)
        return time.perf_counter() - start


def etag(i: int) -> str:
    """The ETag the page server gives page ``i``."""
    return '"' + hashlib.sha256(page(i)).hexdigest()[:16] + '"'


def bare_304s(port: int, pages: Iterable[int]) -> float:
    """Seconds to revalidate ``pages`` with nothing but httpx: the cost of the 304s alone.

    One ``httpx.AsyncClient`` per host, one request at a time per host (as the fetcher's
    politeness allows), every host at once, each a conditional GET that the server answers
    304; no cache, no store, no text, no SSRF guard. What a re-check of unchanged pages
    cannot go below with the declared HTTP stack.
    """
    wanted = list(pages)
    tags = {i: etag(i) for i in [*range(HOSTS), *wanted]}  # made before the clock starts

    async def run() -> float:
        clients = [httpx.AsyncClient(trust_env=False) for _ in range(HOSTS)]
        locks = [asyncio.Lock() for _ in range(HOSTS)]

        async def one(i: int) -> None:
            host = i % HOSTS
            url = f"http://127.0.0.{1 + host}:{port}/p/{i}.html"
            async with locks[host]:
                headers = {"Cache-Control": "no-cache", "If-None-Match": tags[i]}
                response = await clients[host].get(url, headers=headers)
                assert response.status_code == 304, response.status_code

        try:
            await asyncio.gather(*(one(i) for i in range(HOSTS)))  # connections open
            start = time.perf_counter()
            await asyncio.gather(*(one(i) for i in wanted))
            return time.perf_counter() - start
        finally:
            for client in clients:
                await client.aclose()

    return asyncio.run(run())


@dataclass
class PageServer:
    """The page server process, its port and its counts of 200s and 304s."""

    process: mp.Process
    port: int
    full: Synchronized[int]
    revalidated: Synchronized[int]


def start_server(pages: int) -> PageServer:
    """Serve ``pages`` generated pages on 127.0.0.1 … 127.0.0.20 from another process."""
    port = _free_port()
    full, revalidated = mp.Value("i", 0), mp.Value("i", 0)
    ready = mp.Event()
    process = mp.Process(target=_serve, args=(port, pages, ready, full, revalidated), daemon=True)
    process.start()
    ready.wait(60)
    return PageServer(process, port, full, revalidated)


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    started = start_server(pages)
    server, port, full, revalidated = (
        started.process,
        started.port,
        started.full,
        started.revalidated,
    )
    urls = [f"http://127.0.0.{1 + i % HOSTS}:{port}/p/{i}.html" for i in range(pages)]
    floor = _floor(pages)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            cache=Path(tmp) / "cache",
            delay=0,
            concurrency=HOSTS,
            timeout=30,
            allow_private=(ipaddress.ip_network("127.0.0.0/8"),),
        )
        start = time.perf_counter()
        first = read_sources(urls, settings)
        first_s = time.perf_counter() - start
        downloads = full.value
        start = time.perf_counter()
        second = read_sources(urls, settings, revalidate=True)
        second_s = time.perf_counter() - start
    server.terminate()
    ok1 = sum(r.fetched.ok and r.text is not None and not r.text.error for r in first.values())
    ok2 = sum(r.fetched.revalidated for r in second.values())
    extracted2 = sum(r.extracted for r in second.values())
    print(f"{pages} pages over {HOSTS} hosts")
    print(f"floor  bare trafilatura, 2 processes  {floor:6.2f} s  {pages / floor:7.1f} pages/s")
    print(
        f"pass 1 fetch + extract (cold)         {first_s:6.2f} s  {pages / first_s:7.1f} pages/s"
        f"  {first_s / floor:.2f}x the floor (goal <= 1.3x)  {ok1} read, {downloads} downloads"
    )
    print(
        f"pass 2 re-check (revalidate)          {second_s:6.2f} s  {pages / second_s:7.1f} pages/s"
        f"  {second_s / first_s:.1%} of pass 1 (goal < 10%)  {revalidated.value} answered 304,"
        f" {full.value - downloads} downloaded, {ok2} revalidated, {extracted2} extracted"
    )


if __name__ == "__main__":
    main()
