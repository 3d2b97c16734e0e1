"""Start-up: ``factcheck --help`` and ``factcheck report`` on a small database, by hand.

``python benchmarks/bench_startup.py [CLAIMS] [--repeat N]`` (defaults 5 claims, 10
runs). A check of CLAIMS claims over local text files makes the database first. Each
command then runs N times in a fresh process; printed: the min and the median wall time
of each, and of ``python -c pass`` (the interpreter's own start, the floor).
Goal (issue 17): each command at most 0.15 s on the median.

The commands run in this environment as it is: with PYTHONDONTWRITEBYTECODE=1 and no
``__pycache__`` beside an editable install's sources, every run compiles factcheck's
modules again (some 30 ms of a report). The last line is the report as an installed copy
starts, its bytecode cached (in a temporary PYTHONPYCACHEPREFIX, nothing written beside
the sources).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from repeats import arguments

GOAL = 0.15

CLAIM = '[[claims]]\nid = "c{i}"\ntext = "The harbour bridge {i} opened on 3 May 2024."\n'


def _timed(
    command: list[str], cwd: Path, runs: int, env: dict[str, str] | None = None
) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    args = arguments(__doc__.splitlines()[0], 5, "claims in the small database", repeat=10)
    runs = args.repeat
    script = shutil.which("factcheck", path=str(Path(sys.executable).parent))
    factcheck = [script] if script else [sys.executable, "-m", "factcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        blocks = []
        for i in range(args.count):
            (work / f"s{i}.txt").write_text(f"The harbour bridge {i} opened on 3 May 2024.\n")
            blocks.append(CLAIM.format(i=i) + f'sources = ["s{i}.txt"]\n')
        (work / "claims.toml").write_text("\n".join(blocks))
        subprocess.run(
            [*factcheck, "check", "claims.toml", "--db", "f.db"],
            cwd=work,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        report = [*factcheck, "report", "--db", "f.db"]
        timings = {
            "python -c pass (floor)": _timed([sys.executable, "-c", "pass"], work, runs),
            "factcheck --help": _timed([*factcheck, "--help"], work, runs),
            "factcheck report": _timed(report, work, runs),
        }
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        _timed(report, work, 1, cached)  # writes the bytecode
        timings["report, bytecode cached"] = _timed(report, work, runs, cached)
    print(f"{runs} runs each ({' '.join(factcheck)})")
    for label, times in timings.items():
        median = statistics.median(times)
        verdict = (
            ""
            if "floor" in label
            else f"  goal <= {GOAL} s: {'met' if median <= GOAL else 'NOT met'}"
        )
        print(f"{label:24} min {min(times):.3f} s  median {median:.3f} s{verdict}")


if __name__ == "__main__":
    main()
