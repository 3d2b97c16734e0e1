"""The one HTTP client: cache, politeness, retries, limits, SSRF guard.

The only package that imports httpx, httpcore and protego. `Fetcher` fetches
sources concurrently across hosts, one request at a time per host; `factcheck.reading`
drives it for check and recheck. `fetch_api` asks a search API through it (`api`),
`memento` a web archive (`archive`).
"""

from factcheck.fetch.api import fetch_api
from factcheck.fetch.archive import memento
from factcheck.fetch.client import Fetcher, Waiting, user_agent

__all__ = ["Fetcher", "Waiting", "fetch_api", "memento", "user_agent"]
