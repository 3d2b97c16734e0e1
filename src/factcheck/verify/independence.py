"""Syndicated copies: near-identical texts on several sites are one source, not several.

Texts are compared by word shingles (runs of five words): a text most of whose shingles
(``threshold`` of the shorter one's) also occur in an earlier source's text is a copy of
that source. Cheap: each text is shingled once per run, and a claim compares only its
own few sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["MIN_SHINGLES", "SHINGLE", "Shingler"]

SHINGLE = 5  # words per shingle
MIN_SHINGLES = 20  # shorter texts are never called copies: too little to tell
_WORD = re.compile(r"\w+")


class Shingler:
    """Finds copies among a claim's sources; remembers each text's shingles by sha256."""

    def __init__(self, threshold: float) -> None:
        """``threshold``: share (0..1) of the shorter text's shingles the other must hold."""
        self.threshold = threshold
        self._cache: dict[str, frozenset[int]] = {}

    def shingles(self, sha256: str, text: str) -> frozenset[int]:
        """The text's five-word shingles, hashed (computed once per sha256)."""
        if sha256 not in self._cache:
            words = _WORD.findall(text.lower())
            windows = zip(*(words[i:] for i in range(SHINGLE)), strict=False)  # built in C
            self._cache[sha256] = frozenset(map(hash, windows))
        return self._cache[sha256]

    def copy_share(self, a: frozenset[int], b: frozenset[int]) -> float:
        """How much of the shorter text the other holds (0 when either is too short)."""
        small = min(len(a), len(b))
        if small < MIN_SHINGLES:
            return 0.0
        return len(a & b) / small

    def copies(self, texts: Sequence[tuple[str, str, str]]) -> dict[str, str]:
        """Which sources are copies of an earlier one.

        Args:
            texts: (source, sha256, text) in order of precedence: the first of a group of
                copies is the one that counts (an editor's source before a found one).

        Returns:
            source → the earlier source it is a copy of (never itself: a source named
            twice is one source, not a copy).
        """
        originals: list[tuple[str, frozenset[int]]] = []
        found: dict[str, str] = {}
        for source, sha256, text in texts:
            if any(source == original for original, _ in originals):
                continue
            mine = self.shingles(sha256, text)
            for original, theirs in originals:
                if self.copy_share(mine, theirs) >= self.threshold:
                    found[source] = original
                    break
            else:
                originals.append((source, mine))
        return found
