"""Date finding and extraction: accuracy on the newswire test set, claims, speed.

Run by hand: ``python benchmarks/bench_extract.py [--baseline SRC] [--large]``.

1. Span F1 and value F1 on ``tests/dates/newswire.txt`` (issue 14), per fixed half (even
   and odd items) and overall, scored the way TempEval-3 scores TIMEX3 DATE expressions:
   a found span matches a gold span when they overlap (one to one), and its value counts
   when its TimeML value string equals the gold one. Goal: value F1 >= 0.95.
2. The sample article's claims (id and date); with ``--baseline`` the ones added or lost.
3. Extraction speed on the sample and on a generated 10,000-sentence newswire text (once
   with every date form, once with only the forms the grammar knew before issue 14, so
   that both trees make the same claims), each timed in a fresh process; with ``--baseline SRC`` (the ``src`` folder of a copy of
   the code before a change) the same is timed there and the ratio printed. Goal: no
   more than 10% slower.
Writing the wire text's claims file and merging into it are timed too (issue 2).
``--large`` adds 20,000 generated sentences (about 1 MB; issue 2's goal: under 5 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.claims import Article
    from factcheck.models import Claim

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "two-cheers-for-the-russian-diplomatic-revolution.txt"
TEST_SET = ROOT / "tests" / "dates" / "newswire.txt"
FRESH_SET = ROOT / "tests" / "dates" / "newswire-fresh.txt"  # written after the rules
MONTHS = "January February March April May June July August September October November December"
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
NAMES = ["Anna Kovacs", "the ministry", "Petrobras", "the Senate", "Kim Jong Un", "NASA", "Ukraine"]
VERBS = [
    "signed the accord",
    "opened the plant",
    "was arrested",
    "resigned",
    "launched the probe",
    "ratified the treaty",
    "met the envoy",
    "sold the unit",
    "won the vote",
    "cut rates",
]
PLAIN = [
    "Shares of {n} rose 4.5% to 2,000 points after the report.",
    "{n} said it had hired 1500 workers and would add more.",
    "Analysts at the bank were not surprised, a spokesman told reporters.",
    "{n} declined to comment on the talks, which were held behind closed doors.",
    "The figures may change as more ballots are counted in the capital.",
]
_MARK = re.compile(r"\[([^|\]]+)\|([^\]]+)\]")
_GOLD_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\t(.+)$")

# ---------------------------------------------------------------- the test set


def load_test_set(path: Path = TEST_SET) -> list[tuple[dt.date, str, list[tuple[int, int, str]]]]:
    """Items as (published, text, gold [(start, end, value)]); marks are ``[span|value]``."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        m = _GOLD_LINE.match(line)
        if not m:
            sys.exit(f"{path}:{number}: expected 'YYYY-MM-DD<TAB>sentence'")
        text, gold, cursor = "", [], 0
        for mark in _MARK.finditer(m.group(2)):
            text += m.group(2)[cursor : mark.start()]
            gold.append((len(text), len(text) + len(mark.group(1)), mark.group(2)))
            text += mark.group(1)
            cursor = mark.end()
        items.append((dt.date.fromisoformat(m.group(1)), text + m.group(2)[cursor:], gold))
    return items


def dump_dates(path: Path) -> None:
    """Print, as JSON, every date found in every test item (run in the tree under test)."""
    from factcheck.dates import find_dates

    out = []
    for published, text, _ in load_test_set(path):
        found = find_dates(text, published)
        out.append(
            [[d.offset, d.stop, d.text, str(d.start), str(d.end), d.precision.value] for d in found]
        )
    print(json.dumps(out))


def score(found: list[list[list[str]]], path: Path) -> dict[str, tuple[float, float]]:
    """Span F1 and value F1 per half ("even", "odd") and over all items."""
    from factcheck.dates.value import timeml_value
    from factcheck.models import DateExpr, Precision

    counts = {k: [0, 0, 0, 0] for k in ("even", "odd", "all")}  # system, gold, span ok, value ok
    for index, ((_, _, gold), dates) in enumerate(zip(load_test_set(path), found, strict=True)):
        used: set[int] = set()
        row = [len(dates), len(gold), 0, 0]
        for start, stop, text, a, b, precision in dates:
            resolved = a != "None"
            date = DateExpr(
                text,
                dt.date.fromisoformat(a) if resolved else None,
                dt.date.fromisoformat(b) if resolved else None,
                Precision(precision),
            )
            for i, (g_start, g_stop, value) in enumerate(gold):
                if i not in used and start < g_stop and g_start < stop:
                    used.add(i)
                    row[2] += 1
                    row[3] += timeml_value(date) == value
                    break
        for key in ("even" if index % 2 == 0 else "odd", "all"):
            counts[key] = [x + y for x, y in zip(counts[key], row, strict=True)]
    return {key: (_f1(c[2], c[0], c[1]), _f1(c[3], c[0], c[1])) for key, c in counts.items()}


def _f1(correct: int, system: int, gold: int) -> float:
    p, r = correct / max(system, 1), correct / max(gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def misses(found: list[list[list[str]]], path: Path) -> list[str]:
    """One line per item whose dates differ from gold, for reading by hand."""
    from factcheck.dates.value import timeml_value
    from factcheck.models import DateExpr, Precision

    out = []
    for index, ((_, text, gold), dates) in enumerate(zip(load_test_set(path), found, strict=True)):
        got = []
        for _, _, span, a, b, precision in dates:
            ok = a != "None"
            date = DateExpr(
                span,
                dt.date.fromisoformat(a) if ok else None,
                dt.date.fromisoformat(b) if ok else None,
                Precision(precision),
            )
            got.append(f"{span}={timeml_value(date)}")
        want = [f"{text[a:b]}={v}" for a, b, v in gold]
        if sorted(got) != sorted(want):
            out.append(f"  {index:3} {'AB'[index % 2]} want {want} got {got}")
    return out


# ---------------------------------------------------------------- claims and speed


OLD_KINDS = 8  # the first date forms in newswire(): ones the grammar knew before issue 14


def newswire(sentences: int, rng: random.Random, kinds: int = 14) -> str:
    """Generated wire copy: dated and undated sentences in paragraphs of five."""
    out: list[str] = []
    for i in range(sentences):
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS.split()), rng.randint(1990, 2025)
        weekday = rng.choice(WEEKDAYS)
        forms = [
            f"on {day} {month} {year}",
            f"in {month} {year}",
            f"in {year}",
            f"on {weekday}",
            f"in {month}",
            "last year",
            f"by early {year}",
            f"since the {year // 10 * 10}s",
            f"{weekday}",
            "in the third quarter",
            "a year earlier",
            "last summer",
            f"{month} last year",
            "the following year",
        ]
        date = rng.choice(forms[:kinds])
        if rng.random() < 0.3:
            sentence = rng.choice(PLAIN).format(n=rng.choice(NAMES))
        else:
            sentence = f"{rng.choice(NAMES).capitalize()} {rng.choice(VERBS)} {date}."
        out.append(sentence + ("\n\n" if i % 5 == 4 else " "))
    return "".join(out)


def timed(fn: Callable[[], object], runs: int) -> float:
    """Best CPU time of ``runs`` calls: other work on a shared machine does not count."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def speed(large: bool) -> None:
    """Print, as JSON, extraction times in seconds (run in the tree under test)."""
    from factcheck.claims import Article, extract_claims, read_article

    sample = read_article(SAMPLE)
    wire = Article("wire.txt", newswire(10_000, random.Random(7)), "-")
    old = Article("old.txt", newswire(10_000, random.Random(7), OLD_KINDS), "-")
    published = dt.date(2013, 3, 14)
    out = {
        "sample": (timed(lambda: extract_claims(sample), 9), len(extract_claims(sample))),
        "wire 10,000 sentences": (
            timed(lambda: extract_claims(wire, published), 3),
            len(extract_claims(wire, published)),
        ),
        "wire, old date kinds": (
            timed(lambda: extract_claims(old, published), 3),
            len(extract_claims(old, published)),
        ),
    }
    if large:
        big = Article("wire.txt", newswire(20_000, random.Random(8)), "-")
        out["wire 20,000 sentences"] = (
            timed(lambda: extract_claims(big), 3),
            len(extract_claims(big)),
        )
    out |= _claims_file_times(wire, extract_claims(wire, published))
    print(json.dumps(out))


def _claims_file_times(article: Article, found: list[Claim]) -> dict[str, tuple[float, int]]:
    """Writing a new claims file for the wire text, then merging the same claims into it."""
    from factcheck.claimsfile import write_claims

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.toml"
        write = timed(lambda: (path.unlink(missing_ok=True), write_claims(path, article, found)), 3)
        merge = timed(lambda: write_claims(path, article, found), 3)
    return {"wire: new claims file": (write, len(found)), "wire: merge": (merge, len(found))}


def claims() -> None:
    """Print, as JSON, the sample's claims as "id date" (run in the tree under test)."""
    from factcheck.claims import extract_claims, read_article

    found = extract_claims(read_article(SAMPLE))
    print(json.dumps([f"{c.id} {c.date.text if c.date else '-'}" for c in found]))


def _run(src: Path, mode: str, *extra: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, __file__, "--mode", mode, *extra]
    return json.loads(subprocess.run(cmd, env=env, check=True, capture_output=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="src folder of the code before a change")
    parser.add_argument("--large", action="store_true", help="also time 1 MB of wire copy")
    parser.add_argument("--misses", action="store_true", help="list items that differ from gold")
    parser.add_argument("--mode", choices=["dates", "speed", "claims"], help=argparse.SUPPRESS)
    parser.add_argument("--set", type=Path, default=TEST_SET, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        modes = {
            "dates": lambda: dump_dates(args.set),
            "claims": claims,
            "speed": lambda: speed(args.large),
        }
        modes[args.mode]()
        return
    current = ROOT / "src"
    trees = {"this tree": current} | ({"baseline": args.baseline} if args.baseline else {})
    for path in (TEST_SET, FRESH_SET):
        print(f"test set: {path.relative_to(ROOT)}, {len(load_test_set(path))} items")
        for label, src in trees.items():
            found = _run(src, "dates", "--set", str(path))
            scores = score(found, path)  # type: ignore[arg-type]
            line = "   ".join(
                f"{k}: span F1 {s:.3f} value F1 {v:.3f}" for k, (s, v) in scores.items()
            )
            print(f"{label:<10} {line}")
            if args.misses and src == current:
                print("\n".join(misses(found, path)))  # type: ignore[arg-type]
    now = _run(current, "claims")
    print(f"sample claims: {len(now)}")  # type: ignore[arg-type]
    if args.baseline:
        before = _run(args.baseline, "claims")
        for c in before:  # type: ignore[attr-defined]
            if c not in now:  # type: ignore[operator]
                print(f"  - {c}")
        for c in now:  # type: ignore[attr-defined]
            if c not in before:  # type: ignore[operator]
                print(f"  + {c}")
    runs: dict[str, list[dict[str, list[float]]]] = {label: [] for label in trees}
    for _ in range(3):  # alternate the trees, keep each one's best: the machine is shared
        for label, src in trees.items():
            runs[label].append(_run(src, "speed", *(["--large"] if args.large else [])))  # type: ignore[arg-type]
    best = {label: {k: min(r[k][0] for r in rs) for k in rs[0]} for label, rs in runs.items()}
    claims_of = {label: {k: rs[0][k][1] for k in rs[0]} for label, rs in runs.items()}
    for name, seconds in best["this tree"].items():
        line = f"{name:<24} {seconds:7.3f} s {claims_of['this tree'][name]:6.0f} claims"
        if args.baseline:
            base = best["baseline"][name]
            line += (
                f"   baseline {base:7.3f} s {claims_of['baseline'][name]:6.0f} claims"
                f"   ratio {seconds / base:.3f}"
            )
        print(line)
    print("goals: value F1 >= 0.95; no more than 10% slower than the baseline")


if __name__ == "__main__":
    main()
