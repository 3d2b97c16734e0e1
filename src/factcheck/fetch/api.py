"""Search APIs: a provider's JSON answer, fetched through the one client.

The request goes through the same cache, SSRF guard and politeness as a page. robots.txt
is not consulted: it governs crawling pages, and an API the user set up is not a crawl
(Wikipedia's robots.txt disallows ``/w/``, where its API lives). What the answer says is
`discover.providers`'s to read.
"""

from __future__ import annotations

from factcheck.fetch.body import Wanted
from factcheck.fetch.client import Fetcher
from factcheck.models import Fetched

__all__ = ["API_TYPES", "SEARCH_API", "fetch_api"]

API_TYPES = frozenset({"application/json"})  # what a search API answers with
SEARCH_API = Wanted(API_TYPES, accept="application/json", robots=False)


async def fetch_api(fetcher: Fetcher, url: str) -> Fetched:
    """Fetch a search API's JSON answer; never raises for an answer that cannot be had."""
    return await fetcher.fetch_as(url, SEARCH_API)
