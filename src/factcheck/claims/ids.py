"""A claim's stable id: the slug of its key words and a hash of its normalised quote."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

__all__ = ["claim_id", "normalise_quote"]


def _slug(words: list[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:40].rstrip("-") or "claim"


def normalise_quote(quote: str) -> str:
    """Lower case, NFKC, single spaces: what a claim's hash is taken of."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", quote)).strip().lower()


def claim_id(
    quote: str,
    words: list[str],
    occurrence: int = 0,
    taken: frozenset[str] | set[str] = frozenset(),
) -> str:
    """A readable, stable id: slug of key words + hash of the normalised quote.

    The hash is six hex digits, lengthened only when that id is already ``taken`` by
    another claim of the same article (a collision, likely past a few thousand claims).
    """
    payload = {"quote": normalise_quote(quote)}
    if occurrence:
        payload["occurrence"] = str(occurrence)
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    slug = _slug(words)
    return next(
        f"{slug}-{digest[:n]}"
        for n in range(6, len(digest) + 1, 2)
        if f"{slug}-{digest[:n]}" not in taken
    )
