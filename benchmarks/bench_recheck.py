"""The nightly re-check of unchanged sources, run by hand.

``python benchmarks/bench_recheck.py [CLAIMS] [--repeat N]``: CLAIMS claims (default
1,000) citing two generated pages each (2,000 sources) on 20 local hosts are checked
once into a fresh database, then re-checked with nothing changed; N repetitions
(default 3). Printed per repetition: the first check's wall time (the floor), the
re-check's and its share of the check, the requests the re-check sent (goal: one per
source; the 20 robots.txt requests are counted apart) and the bodies it downloaded
(goal: none, so nothing is extracted again); then the min and median of the share.
Goals (issue 17), on the median: at most 5% at 2,000 sources, 8% at 400 (CLAIMS=200).

Also printed, for what "near the cost of its 304s" means: the same sources revalidated
by bare httpx in the same repetition (`bench_fetch.bare_304s`: no cache, store or text),
as a share of the check and as the re-check's multiple of it.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench_check import _claims, _settings
from bench_fetch import HOSTS, PageServer, bare_304s, start_server
from factcheck.check import check
from factcheck.recheck import recheck
from repeats import arguments, summary


def _once(claims: int, server: PageServer) -> tuple[float, float, float, str]:
    """One repetition: the check, the re-check and the bare 304s in seconds, and what the
    re-check asked."""
    pages = 2 * claims
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.toml"
        path.write_text(_claims(claims, server.port))
        settings = _settings(Path(tmp), memento_timegate="")
        start = time.perf_counter()
        check([path], settings)
        first_s = time.perf_counter() - start
        downloads, revalidations = server.full.value, server.revalidated.value
        start = time.perf_counter()
        result = recheck(settings)
        second_s = time.perf_counter() - start
        full = server.full.value - downloads
        conditional = server.revalidated.value - revalidations
    bare = bare_304s(server.port, range(pages))
    robots = result.requests - full - conditional
    asked = (
        f"{result.counts['unchanged']} unchanged, {result.verified} verified again; "
        f"{conditional} answered 304, {full} downloads (goal 0), {robots} robots.txt; "
        f"{conditional / pages:.2f} requests per source"
    )
    return first_s, second_s, bare, asked


def main() -> None:
    args = arguments(__doc__.splitlines()[0], 1000, "claims (each cites two pages)")
    claims, pages = args.count, 2 * args.count
    goal = 0.05 if pages >= 2000 else 0.08
    server = start_server(pages)
    ratios, over_bare = [], []
    print(f"{claims} claims citing {pages} sources on {HOSTS} hosts, {args.repeat} repetitions")
    try:
        for run in range(1, args.repeat + 1):
            first_s, second_s, bare, asked = _once(claims, server)
            ratios.append(second_s / first_s)
            over_bare.append(second_s / bare)
            print(
                f"run {run}: check {first_s:6.2f} s   recheck {second_s:5.2f} s "
                f"({second_s / first_s:.1%} of the check)   bare 304s {bare:5.2f} s "
                f"({bare / first_s:.1%} of the check; the recheck {second_s / bare:.2f}x them)"
                f"   {asked}"
            )
    finally:
        server.process.terminate()
    print(summary(f"recheck of {pages} unchanged sources / check", ratios, goal, percent=True))
    print(summary("recheck / bare 304s of the same sources", over_bare, None, percent=False))


if __name__ == "__main__":
    main()
