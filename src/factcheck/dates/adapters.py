"""Adapters: present the named groups of one grammar match the way a handler reads them."""

from __future__ import annotations

import re
from typing import Any

from factcheck.dates.rules import _Groups


class _Swap:
    """Adapt the day-first rule ("7 May – 2 June 2025") to the month-first handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        m = self._m
        if m["m"]:  # two months: the first belongs to the first day
            return {"m": m["m"], "m2": m["m2"], "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]
        return {"m": m["m2"], "m2": None, "d": m["d"], "d2": m["d2"], "y": m["y"]}[key]


class _WeekdayAlt:
    """Adapt the two spellings of a weekday, day, month and two-digit year to one handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        m = self._m
        if key in ("d", "m") and m["m_"]:
            return m[f"{key}_"]
        return m[key]


class _Alt:
    """Adapt the two spellings of a day and month without a year to one handler."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        m = self._m
        if key not in ("m", "d", "d2"):
            return m[key]
        if m["m_"]:
            return {"m": m["m_"], "d": m["d_"], "d2": m["d2_"]}[key]
        return {"m": m["m"], "d": m["d"], "d2": m["d2"]}[key]


class _Tensed:
    """A match found in the future tense: handlers read ``m["forward"]``."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        return True if key == "forward" else self._m[key]


class _NoLead:
    """A month after a lead word that says nothing of its year ("through June")."""

    def __init__(self, m: _Groups) -> None:
        self._m = m

    def __getitem__(self, key: str, /) -> Any:
        return None if key in ("rel", "p") else self._m[key]


class _SingleDecade:
    """Re-read one decade of a pair with the decade handler."""

    def __init__(self, m: re.Match[str]) -> None:
        text = m.group(0)
        part = re.match(r"(early|mid|late)", text, re.IGNORECASE)
        self._groups = {
            "p": part.group(1) if part else None,
            "y": re.search(r"\d{4}", text).group(0),  # type: ignore[union-attr]
            "y2": None,
            "p2": None,
        }

    def __getitem__(self, key: str, /) -> Any:
        return self._groups[key]
