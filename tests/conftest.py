"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.claims import Article, read_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "two-cheers-for-the-russian-diplomatic-revolution.txt"


@pytest.fixture(scope="session")
def sample() -> Article:
    """The article the project was started from."""
    return read_article(SAMPLE)
