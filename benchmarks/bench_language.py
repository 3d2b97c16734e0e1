"""What the lexical data costs: import, first call (each in a fresh process) and calls after.

``python benchmarks/bench_language.py``

Each line is the median of five fresh interpreters: the time to import the four modules
of factcheck.language after factcheck.judging (what a check has imported anyway), then the first call of each
function (which opens or loads its data), then a thousand calls on warm caches.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import timeit

FIRST = {
    "lemmas.lemma": "lemmas.lemma('sworn')",
    "wordnet.relation": "wordnet.relation('summit', 'meeting')",
    "wordnet.event_class": "wordnet.event_class('inauguration')",
    "countries.country": "countries.country('DPRK')",
    "countries.capital_of": "countries.capital_of('Pyongyang')",
    "news_events.classes": "news_events.classes('The rocket lifted off.')",
}
PROBE = """
import time
import factcheck.judging
t0 = time.perf_counter()
from factcheck.language import countries, lemmas, news_events, wordnet
t1 = time.perf_counter()
{call}
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""
ALL = "; ".join(FIRST.values())


def fresh(call: str) -> tuple[float, float]:
    """(import seconds, call seconds), each the median of five new interpreters."""
    runs = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(call=call)],
            capture_output=True,
            text=True,
            check=True,
        )
        first, second = out.stdout.split()
        runs.append((float(first), float(second)))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    """Print the table."""
    for name, call in [*FIRST.items(), ("all of the above", ALL)]:
        imported, first = fresh(call)
        print(f"{name:22} import {imported * 1000:6.1f} ms   first call {first * 1000:6.1f} ms")
    from factcheck.language import countries, lemmas, news_events, wordnet  # noqa: F401

    exec(ALL)
    for name, call in FIRST.items():
        per = timeit.timeit(call, number=1000, globals=locals()) / 1000
        print(f"{name:22} warm {per * 1e6:8.1f} µs per call")
    sentence = "The two presidents held talks in Pyongyang after the treaty came into force."
    words = sentence.split()
    per = timeit.timeit(lambda: news_events.classes(sentence), number=200) / 200
    print(f"news_events.classes on a {len(words)}-word sentence: {per * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
