"""Web search providers: the MediaWiki search API and a SearXNG instance's JSON API.

Each provider turns a query into one API URL and its JSON answer into result URLs; the
request itself goes through the one fetch layer (`fetch.fetch_api`: cache, politeness,
SSRF guard), and the result pages are then fetched like any source. An answer that is
not the documented shape gives no results and a one-line problem, never an exception.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from factcheck.errors import SettingsError
from factcheck.language.keywords import entities
from factcheck.models import Claim, Fetched
from factcheck.settings import Settings

__all__ = [
    "MediaWiki",
    "Provider",
    "Results",
    "Searxng",
    "parse_results",
    "providers_for",
    "web_query",
    "with_params",
]

MAX_WORDS = 8  # search engines AND their terms: more words find nothing
_SEARCH_WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")


class Provider(Protocol):
    """A search API: a name for ``found_by``, a query URL, and a parser for its answer."""

    @property
    def name(self) -> str:
        """What citations record as ``found_by``."""

    def url(self, query: str, limit: int) -> str:
        """The API URL that asks for the top ``limit`` results of ``query``."""

    def results(self, data: Any) -> list[str]:
        """Result page URLs, best first, from the decoded JSON answer.

        Raises:
            ValueError: the answer is not the documented shape, or reports an error.
        """


@dataclass(frozen=True, slots=True)
class MediaWiki:
    """``action=query&list=search`` of a MediaWiki API (any Wikipedia language)."""

    endpoint: str  # e.g. https://de.wikipedia.org/w/api.php
    name: str = "wikipedia"

    def url(self, query: str, limit: int) -> str:
        """The search request; namespace 0 (articles) only."""
        params = {
            "action": "query",
            "list": "search",
            "format": "json",
            "formatversion": "2",
            "srsearch": query,
            "srlimit": str(limit),
            "srnamespace": "0",
            "srprop": "",
        }
        return with_params(self.endpoint, params)

    def page_url(self, title: str) -> str:
        """The article's URL: /wiki/Title on Wikimedia sites, else index.php?title=Title.

        The title is one path segment whatever it holds: its slashes are escaped, and so
        are the dots of a "." or ".." part, so no title can climb out of /wiki/.
        """
        parts = title.replace(" ", "_").split("/")
        slug = "%2F".join(
            p.replace(".", "%2E") if p in (".", "..") else quote(p, safe=":(),'!*") for p in parts
        )
        if urlsplit(self.endpoint).path.endswith("/w/api.php"):
            return urljoin(self.endpoint, f"/wiki/{slug}")
        return urljoin(self.endpoint, f"index.php?title={slug}")

    def results(self, data: Any) -> list[str]:
        """Article URLs from ``query.search[].title``."""
        if isinstance(data, dict) and isinstance(data.get("error"), dict):
            error = data["error"]
            raise ValueError(f"API error {error.get('code', '?')}: {error.get('info', '')}"[:200])
        hits = data.get("query", {}).get("search") if isinstance(data, dict) else None
        if not isinstance(hits, list):
            raise ValueError("no query.search list in the answer")
        titles = [
            h["title"] for h in hits if isinstance(h, dict) and isinstance(h.get("title"), str)
        ]
        return [self.page_url(t) for t in titles if t.strip()]


@dataclass(frozen=True, slots=True)
class Searxng:
    """A SearXNG instance's ``/search?q=…&format=json`` (JSON must be enabled there)."""

    base: str  # e.g. https://search.example.org/
    name: str = "searxng"

    def url(self, query: str, limit: int) -> str:
        """The search request (SearXNG answers a page of results; we keep the first few)."""
        parts = urlsplit(self.base)
        search = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "/search"))
        return with_params(search, {"q": query, "format": "json"})

    def results(self, data: Any) -> list[str]:
        """Result URLs from ``results[].url`` (http and https only)."""
        hits = data.get("results") if isinstance(data, dict) else None
        if not isinstance(hits, list):
            raise ValueError("no results list in the answer")
        urls = [h["url"] for h in hits if isinstance(h, dict) and isinstance(h.get("url"), str)]
        return [
            u
            for u in urls
            if urlsplit(u).scheme in ("http", "https") and "@" not in urlsplit(u).netloc
        ]  # never a URL with credentials


def with_params(url: str, params: dict[str, str]) -> str:
    """``url`` with ``params`` added to the query string it may already have."""
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    return urlunsplit(parts._replace(query=urlencode([*kept, *params.items()]), fragment=""))


def providers_for(settings: Settings) -> list[Provider]:
    """The providers the settings choose, in their order.

    Raises:
        SettingsError: a chosen provider has no endpoint.
    """
    chosen: list[Provider] = []
    for name in settings.search_providers:
        if name == "wikipedia":
            chosen.append(MediaWiki(settings.wikipedia_api))
        elif name == "searxng":
            if not settings.searxng_url:
                raise SettingsError(
                    "searxng is chosen but searxng_url is not set", field="search_providers"
                )
            chosen.append(Searxng(settings.searxng_url))
    return chosen


@dataclass(frozen=True, slots=True)
class Results:
    """What one provider answered for one query: URLs, or why there are none."""

    urls: tuple[str, ...]
    problem: str | None = None


def parse_results(provider: Provider, fetched: Fetched, limit: int) -> Results:
    """The top ``limit`` result URLs of a fetched API answer (never raises)."""
    if not fetched.ok:
        return Results((), f"{provider.name}: {fetched.outcome.value}: {fetched.reason}")
    try:
        urls = provider.results(json.loads(fetched.body))
    except (ValueError, AttributeError, TypeError) as exc:  # JSONDecodeError is a ValueError
        return Results((), f"{provider.name}: unusable answer: {exc}"[:300])
    except RecursionError:  # JSON nested deeper than the parser's stack
        return Results((), f"{provider.name}: unusable answer: nested too deep")
    return Results(tuple(dict.fromkeys(urls))[:limit])


def _plain_words(text: str) -> list[str]:
    """The words of ``text`` and nothing a search engine reads as syntax.

    Only runs of letters and digits survive (joined by inner ``.``, ``'`` or ``-``), so
    ``-word``, ``intitle:``, ``site:``, ``insource:/regex/``, quotes, ``*`` or ``~``
    in a claim are searched as words; AND, OR and NOT are lower-cased.
    """
    words = _SEARCH_WORD.findall(text)
    return [w.lower() if w in ("AND", "OR", "NOT") else w for w in words]


def web_query(claim: Claim) -> str:
    """A search engine query: the claim's names, then its other keywords, then the year."""
    names = [k for k in claim.keywords if any(c.isupper() for c in k)]
    if not claim.keywords:
        names = entities(claim.text, frozenset(), sentence_start=False)
    words = [k for k in claim.keywords if k not in names]
    terms: list[str] = []
    for term in [*sorted(names, key=len, reverse=True), *words]:
        if not any(term.lower() in t.lower() for t in terms):  # "Trump" after "Donald Trump"
            terms.append(term)
    text = _plain_words(" ".join(terms))[:MAX_WORDS]
    date = claim.date
    if date is not None and date.start and date.end and date.start.year == date.end.year:
        text.append(str(date.start.year))
    return re.sub(r"\s+", " ", " ".join(text)).strip()
