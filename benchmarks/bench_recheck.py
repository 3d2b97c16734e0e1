"""The nightly re-check of unchanged sources, run by hand.

``python benchmarks/bench_recheck.py [CLAIMS]``: CLAIMS claims (default 1,000) citing two
generated pages each (2,000 sources) on 20 local hosts are checked once, then re-checked
with nothing changed. Reported: the first check's wall time, the re-check's wall time and
its share of the first (goal: under 10%), the requests the re-check sent (goal: one per
source; the 20 robots.txt requests are counted apart), and the bodies it downloaded
(goal: none, so nothing is extracted again).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_check import _claims, _settings
from bench_fetch import HOSTS, start_server
from factcheck.check import check
from factcheck.recheck import recheck


def main() -> None:
    claims = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    pages = 2 * claims
    server = start_server(pages)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.toml"
        path.write_text(_claims(claims, server.port))
        settings = _settings(Path(tmp), memento_timegate="")
        start = time.perf_counter()
        check([path], settings)
        first_s = time.perf_counter() - start
        downloads, revalidations = server.full.value, server.revalidated.value
        start = time.perf_counter()
        summary = recheck(settings)
        second_s = time.perf_counter() - start
        full = server.full.value - downloads
        conditional = server.revalidated.value - revalidations
    server.process.terminate()
    robots = summary.requests - full - conditional
    print(f"{claims} claims citing {pages} sources on {HOSTS} hosts")
    print(f"check    {first_s:6.2f} s")
    print(
        f"recheck  {second_s:6.2f} s  {second_s / first_s:.1%} of the check (goal < 10%)  "
        f"{summary.counts['unchanged']} unchanged, {summary.verified} claims verified again"
    )
    print(
        f"requests {summary.requests}: {conditional} answered 304, {full} full downloads "
        f"(goal 0), {robots} others (robots.txt); {conditional / pages:.2f} per source"
    )


if __name__ == "__main__":
    main()
