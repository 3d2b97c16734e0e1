"""Versions that decide when saved work is stale: the extractor's digest.

It lives outside `text/` so that the store can name the reading a text came from
without importing the extraction package (store never imports text).
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["extractor_version"]

# What turns bytes into a SourceText: text/ itself, the date grammar (byline
# dates) and these distributions.
_PACKAGES = ("text", "dates")
_DISTRIBUTIONS = ("trafilatura", "htmldate", "justext", "lxml", "charset-normalizer")


@functools.cache
def extractor_version() -> str:
    """A digest of the code that extracts texts; it changes whenever their output may."""
    import hashlib
    import importlib.metadata  # here: it loads slowly, and a report never needs it

    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for package in _PACKAGES:
        for path in sorted((root / package).glob("*.py")):
            digest.update(f"{package}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    for name in _DISTRIBUTIONS:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()[:16]
