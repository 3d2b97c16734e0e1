"""Repeated runs for the noisy 2-core machine: arguments, and min and median of ratios.

Each repetition measures a ratio against a floor taken in the same repetition, so a
burst of load from other processes moves both sides; the summary gives the min and the
median of the ratios over the repetitions, and whether the median meets its goal.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence


def arguments(description: str, default: int, unit: str, repeat: int = 3) -> argparse.Namespace:
    """``[COUNT] [--repeat N]``: how many claims, and how many repetitions."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("count", nargs="?", type=int, default=default, help=unit)
    parser.add_argument("--repeat", type=int, default=repeat, metavar="N", help="repetitions")
    return parser.parse_args()


def summary(label: str, ratios: Sequence[float], goal: float | None, *, percent: bool) -> str:
    """One line: min and median of ``ratios`` over the repetitions, against ``goal`` (if
    any: a ratio printed for information has none)."""
    median = statistics.median(ratios)

    def shown(value: float) -> str:
        return f"{value:.1%}" if percent else f"{value:.2f}x"

    line = f"{label:40} min {shown(min(ratios)):>7}  median {shown(median):>7}  "
    if goal is None:
        return line + f"over {len(ratios)} runs"
    met = "met" if median <= goal else "NOT met"
    return line + f"over {len(ratios)} runs (goal <= {shown(goal)} on the median: {met})"
