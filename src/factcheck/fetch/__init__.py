"""The one HTTP client: cache, politeness, retries, limits, SSRF guard.

The only package that imports httpx, httpcore and protego. `Fetcher` fetches
sources concurrently across hosts, one request at a time per host; `factcheck.reading`
drives it for check and recheck.
"""

from factcheck.fetch.client import Fetcher, user_agent

__all__ = ["Fetcher", "user_agent"]
