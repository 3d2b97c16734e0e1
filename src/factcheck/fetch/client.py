"""The one HTTP client: cached, polite, guarded, bounded, retrying.

Every source goes through `Fetcher.fetch`. It never raises for a source that cannot be
had: the `Fetched` it returns says what went wrong, so check and recheck can record it.
Search APIs (`api`) and archive lookups (`archive`) ask through it too; URL checks are
`urls`'s.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import ssl
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from factcheck import __version__
from factcheck.errors import BlockedAddressError, FetchError, UnresolvedHostError
from factcheck.fetch.archive import REDIRECT_STATUSES
from factcheck.fetch.body import PAGE, Wanted, drain, media_type, read_capped, retry_after
from factcheck.fetch.cache import HttpCache, Stored, cacheable
from factcheck.fetch.guard import CITED_PORT, Lookup, cited_port, guarded_transport
from factcheck.fetch.local import read_local
from factcheck.fetch.politeness import Host, Turn, Waiting
from factcheck.fetch.reply import Reply, describe, fetched_at
from factcheck.fetch.robots import MAX_ROBOTS_BYTES, RobotsPolicy, policy_for
from factcheck.fetch.urls import origin_of, port_of, url_problem, without_credentials
from factcheck.fetch.validators import selects
from factcheck.models import Fetched, FetchOutcome
from factcheck.settings import Settings

__all__ = ["Fetcher", "Waiting", "user_agent"]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_REDIRECTS = 5


def user_agent(contact: str) -> str:
    """An honest User-Agent: the product, its version, and who to contact."""
    who = f"+{contact}" if contact else "no contact configured: set FACTCHECK_CONTACT"
    return f"factcheck/{__version__} (source verification for newsrooms; {who})"


class _NotCached(FetchError):
    kind = "not-cached"


class _Retry(Exception):  # a signal inside this module, never raised out of it
    def __init__(self, fetched: Fetched, wait: float | None) -> None:
        self.fetched, self.wait = fetched, wait


class Fetcher:
    """Fetch sources concurrently across hosts and politely within one.

    Use as ``async with Fetcher(settings) as fetcher: await fetcher.fetch(url)``.

    Args:
        settings: cache folder, delay, limits, contact and SSRF allowances.
        offline: answer only from the cache; anything else is ``not-cached``.
        revalidate: send ``Cache-Control: no-cache`` and the stored validators, so every
            cached page is checked with the origin (a 304 when unchanged); the nightly
            re-check uses it.
        base: folder that relative local paths are read from.
        lookup: the name lookup (tests; default: the machine's resolver).
        on_wait: told (host, seconds, why) whenever a host holds the next request back:
            the politeness delay, or a server's Retry-After (for a progress display).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        offline: bool = False,
        revalidate: bool = False,
        base: Path | None = None,
        lookup: Lookup | None = None,
        on_wait: Waiting | None = None,
    ) -> None:
        self.settings = settings
        self.lookup = lookup
        self.on_wait = on_wait
        self.offline = offline
        self.revalidate = revalidate
        self.base = base or Path.cwd()
        self.requests = 0  # requests that went out on the network (not answered by the cache)
        self._hosts: dict[str, Host] = {}
        self._robots: dict[str, RobotsPolicy] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._transports: dict[tuple[str, int | None], httpx.AsyncHTTPTransport] = {}
        self._cache: HttpCache | None = None
        self._tls: ssl.SSLContext | bool = True
        read = min(settings.timeout, 10.0)
        self._timeouts = httpx.Timeout(read, connect=read).as_dict()
        self._headers = httpx.Headers(
            {
                "User-Agent": user_agent(settings.contact),
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
                "Connection": "keep-alive",
            }
        )

    async def __aenter__(self) -> Fetcher:
        self._cache = HttpCache.open(self.settings.cache / "http.sqlite")
        self._tls = ssl.create_default_context()  # one, shared: loading CAs costs ~15 ms
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for transport in self._transports.values():
            await transport.aclose()
        if self._cache is not None:
            self._cache.close()

    def _transport_for(self, url: str) -> httpx.AsyncHTTPTransport:
        """One guarded transport per host: requests to a host go one at a time, so one
        connection serves them, and a small pool is cheap to search (a shared one was not).

        Requests go to the transport itself, not through an ``httpx.AsyncClient``: we follow
        redirects ourselves (each hop checked again), send no cookies (a page is asked for
        the same way whatever was read before it), and the client's layer cost more CPU
        than the rest of a revalidation.
        """
        key = (origin_of(url), CITED_PORT.get())  # a connection opened for one cited port
        if key not in self._transports:  # is never lent to a fetch that allows another
            self._transports[key] = guarded_transport(
                self.settings.allow_private,
                limits=httpx.Limits(max_connections=2, max_keepalive_connections=1),
                verify=self._tls,
                lookup=self.lookup,
            )
        return self._transports[key]

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Request:
        """A GET of ``url`` with our headers (``headers`` win) and time limits."""
        merged = httpx.Headers(self._headers)
        merged.update(headers)
        return httpx.Request("GET", url, headers=merged, extensions={"timeout": self._timeouts})

    @staticmethod
    async def _deliver(
        transport: httpx.AsyncHTTPTransport, request: httpx.Request
    ) -> httpx.Response:
        """Send ``request``; the response's body is still to be read (or drained)."""
        response = await transport.handle_async_request(request)
        response.request = request
        return response

    # ------------------------------------------------------------ public

    async def fetch_all(self, urls: Iterable[str]) -> dict[str, Fetched]:
        """Fetch each distinct URL once, concurrently; results keyed by URL."""
        unique = list(dict.fromkeys(urls))
        results = await asyncio.gather(*(self.fetch(u) for u in unique))
        return dict(zip(unique, results, strict=True))

    async def fetch(self, source: str) -> Fetched:
        """Fetch one source (URL, ``file://`` URL or local path); never raises for it."""
        try:
            scheme = urlsplit(source).scheme.lower()
        except ValueError as exc:
            return Fetched(source, source, FetchOutcome.UNSUPPORTED, f"not a URL: {exc}")
        if scheme in ("http", "https"):
            return await self.fetch_as(source, PAGE)
        if scheme == "file" or len(scheme) <= 1:  # "" or a Windows drive letter
            return read_local(source, self.base, self.settings.max_bytes)
        return Fetched(
            source, source, FetchOutcome.UNSUPPORTED, f"unsupported URL scheme {scheme!r}"
        )

    async def fetch_as(self, url: str, wanted: Wanted) -> Fetched:
        """Fetch an http(s) URL for what ``wanted`` says (a page; a search API's answer,
        `fetch.api`); never raises for an answer that cannot be had."""
        problem = url_problem(url)
        if problem:
            return Fetched(url, url, FetchOutcome.UNSUPPORTED, problem)
        return await self._fetch_url(url, wanted)

    async def answer_to(
        self, url: str, headers: dict[str, str]
    ) -> tuple[int, dict[str, str]] | None:
        """Status and headers of one GET (the body is drained), past the cache but through
        the SSRF guard and politeness; robots.txt is not asked. None without an answer.

        An archive's TimeGate is asked this way (`fetch.archive.memento`).
        """
        transport = self._transport_for(url)
        request = self._request(url, headers)
        try:
            async with self._turn(url), asyncio.timeout(self.settings.timeout):
                self.requests += 1
                response = await self._deliver(transport, request)
                try:
                    await drain(response)
                finally:
                    await response.aclose()
        except (TimeoutError, httpx.HTTPError, FetchError, ValueError):
            return None
        return response.status_code, dict(response.headers.items())

    # ------------------------------------------------------------ URLs

    async def _fetch_url(self, url: str, wanted: Wanted) -> Fetched:
        last: Fetched | None = None
        for attempt in range(1, self.settings.retries + 1):
            try:
                return replace(await self._attempt(url, wanted), attempts=attempt)
            except _Retry as retry:
                last = replace(retry.fetched, attempts=attempt)
                if retry.wait is not None and retry.wait > self.settings.max_wait:
                    reason = (
                        f"{last.reason}; asked to retry after {retry.wait:.0f} s, more than we wait"
                    )
                    return replace(last, outcome=FetchOutcome.DEFERRED, reason=reason)
                if attempt < self.settings.retries:
                    pause = self._backoff(attempt, retry.wait)
                    if self.on_wait is not None:
                        why = "Retry-After" if retry.wait is not None else "retrying"
                        self.on_wait(self._host(url).name, pause, why)
                    await asyncio.sleep(pause)
        assert last is not None
        return last

    def _backoff(self, attempt: int, asked: float | None) -> float:
        """Exponential backoff with jitter, never shorter than the server asked."""
        base = float(self.settings.backoff * 2 ** (attempt - 1))
        return max(asked or 0.0, base + random.uniform(0, base))  # jitter, not cryptography

    async def _attempt(self, url: str, wanted: Wanted) -> Fetched:
        try:
            return await self._follow(url, wanted)
        except (TimeoutError, httpx.TimeoutException):
            reason = f"no complete answer within {self.settings.timeout:g} s"
            raise _Retry(Fetched(url, url, FetchOutcome.TIMEOUT, reason), None) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError, OverflowError) as exc:
            return Fetched(url, url, FetchOutcome.UNSUPPORTED, f"cannot follow this URL: {exc}")
        except _NotCached:
            return Fetched(url, url, FetchOutcome.NOT_CACHED, "not cached")
        except FetchError as exc:
            return Fetched(url, url, FetchOutcome(exc.kind), str(exc))
        except (httpx.TransportError, httpx.DecodingError) as exc:
            failed = Fetched(url, url, FetchOutcome.UNREACHABLE, describe(exc))
            raise _Retry(failed, None) from None

    async def _follow(self, url: str, wanted: Wanted) -> Fetched:
        """GET a URL, following at most five redirects, each one checked again (private
        addresses allowed by CIDR only on the cited URL's port)."""
        with cited_port(port_of(url)):
            return await self._follow_from(url, wanted)

    async def _follow_from(self, url: str, wanted: Wanted) -> Fetched:
        seen = {url}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if wanted.robots:
                policy = await self._policy(current)
                if not policy.allows(current):
                    return Fetched(url, current, FetchOutcome.ROBOTS, policy.reason)
            reply = await self._exchange(current, self.settings.max_bytes, wanted, page=True)
            fetched = self._answer(url, current, reply, wanted)
            location = reply.headers.get("location")
            if reply.status not in REDIRECT_STATUSES or not location:
                return fetched
            target = urljoin(current, location)
            problem = url_problem(target)
            if problem:
                reason = f"redirect to {without_credentials(target)}: {problem}"
                return replace(fetched, outcome=FetchOutcome.UNSUPPORTED, reason=reason)
            current = target
            if current in seen:
                return replace(
                    fetched, outcome=FetchOutcome.REDIRECTS, reason=f"redirect loop at {current}"
                )
            seen.add(current)
        return Fetched(url, current, FetchOutcome.REDIRECTS, f"more than {MAX_REDIRECTS} redirects")

    async def _exchange(
        self, current: str, cap: int, wanted: Wanted = PAGE, *, page: bool
    ) -> Reply:
        """One GET through the cache: served while fresh, revalidated (304), or fetched."""
        assert self._cache is not None
        transport = self._transport_for(current)
        headers = {"Cache-Control": "no-cache"} if self.revalidate else {}
        if wanted.accept:
            headers["Accept"] = wanted.accept
        request = self._request(current, headers)
        stored = self._cache.get(current, request.headers)
        if self.offline:
            if stored is None:
                raise _NotCached(current)
            return Reply.stored(stored)
        if stored is not None and not self.revalidate and stored.fresh():
            return Reply.stored(stored)
        reply = await self._send(transport, current, request, stored, cap, wanted, page=page)
        if reply is None:  # a 304 for another version than the stored one: ask without conditions
            again = self._request(current, headers)
            reply = await self._send(transport, current, again, None, cap, wanted, page=page)
        assert reply is not None
        return reply

    async def _send(
        self,
        transport: httpx.AsyncHTTPTransport,
        current: str,
        request: httpx.Request,
        stored: Stored | None,
        cap: int,
        wanted: Wanted,
        *,
        page: bool,
    ) -> Reply | None:
        """Send ``request``, the GET of ``current`` (made conditional on ``stored``); None
        for a 304 that does not select it."""
        assert self._cache is not None
        if stored is not None:
            request.headers.update(stored.validators)
        async with self._turn(current), asyncio.timeout(self.settings.timeout):
            # The deadline runs from the host's turn: waiting in line is not the server's fault.
            self.requests += 1
            response = await self._deliver(transport, request)
            try:
                found = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code == 304 and stored is not None:
                    await drain(response)
                    if not selects(stored.headers, found):
                        return None
                    return Reply.stored(self._cache.refresh(stored, found), revalidated=True)
                kind, _ = media_type(found.get("content-type"))
                if response.status_code >= 300 or (page and kind and kind not in wanted.types):
                    await drain(response)  # nothing to read; keep the connection
                    if response.status_code in REDIRECT_STATUSES:  # so --offline can follow it
                        self._cache.put(current, response.status_code, found, b"", request.headers)
                    return Reply(response.status_code, found)
                body = await read_capped(
                    response.aiter_raw(), found.get("content-encoding", ""), cap, truncate=not page
                )
                if cacheable(response.status_code, found):
                    kept = self._cache.put(
                        current, response.status_code, found, body, request.headers
                    )
                    return Reply(response.status_code, found, body, sha256=kept.sha256)
                self._cache.forget(current)  # the page now says it may not be kept: nor its copy
                return Reply(response.status_code, found, body)
            finally:
                await response.aclose()

    def _answer(self, url: str, current: str, reply: Reply, wanted: Wanted) -> Fetched:
        """What one reply means for the source: a body, a redirect, a retry, or a failure."""
        status, headers = reply.status, reply.headers
        kind, charset = media_type(headers.get("content-type"))
        base = Fetched(
            url,
            current,
            FetchOutcome.OK,
            status=status,
            content_type=kind,
            charset=charset,
            fetched_at=fetched_at(reply),
            from_cache=reply.from_cache,
            revalidated=reply.revalidated,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
        )
        if status in REDIRECT_STATUSES and headers.get("location"):
            return base
        if status in RETRY_STATUSES:
            failed = replace(base, outcome=FetchOutcome.HTTP_ERROR, reason=f"HTTP {status}")
            raise _Retry(failed, retry_after(headers.get("retry-after")))
        if status >= 300:
            return replace(base, outcome=FetchOutcome.HTTP_ERROR, reason=f"HTTP {status}")
        if kind and kind not in wanted.types:
            return replace(base, outcome=FetchOutcome.UNSUPPORTED, reason=f"content type {kind}")
        sha256 = reply.sha256 or hashlib.sha256(reply.body).hexdigest()
        return replace(base, body=reply.body, sha256=sha256)

    # ------------------------------------------------------------ politeness and robots

    def _host(self, url: str) -> Host:
        key = origin_of(url)
        if key not in self._hosts:
            name = urlsplit(url).netloc.rpartition("@")[2]
            self._hosts[key] = Host(delay=self.settings.delay, name=name)
        return self._hosts[key]

    def _turn(self, url: str) -> Turn:
        return Turn(self._host(url), self._slots, self.on_wait)

    async def _policy(self, url: str) -> RobotsPolicy:
        """The origin's robots.txt policy, fetched once however many pages ask at once."""
        origin = origin_of(url)
        if origin in self._robots:  # known: no lock to wait for
            return self._robots[origin]
        async with self._robots_locks.setdefault(origin, asyncio.Lock()):
            if origin not in self._robots:
                self._robots[origin] = await self._fetch_robots(origin)
                delay = self._robots[origin].crawl_delay()
                if delay is not None:  # honoured, up to the longest wait we accept
                    host = self._host(url)
                    host.delay = max(host.delay, min(delay, self.settings.max_wait))
        return self._robots[origin]

    async def _fetch_robots(self, origin: str) -> RobotsPolicy:
        """robots.txt through the same client, cache and guard, five redirects at most.

        A server that cannot be reached at all raises (the page is unreachable too, and
        is retried); one that answers 5xx disallows everything, as RFC 9309 says.
        """
        current = f"{origin}/robots.txt"
        try:
            for _ in range(MAX_REDIRECTS + 1):
                reply = await self._exchange(current, MAX_ROBOTS_BYTES, page=False)
                location = reply.headers.get("location")
                if reply.status in REDIRECT_STATUSES and location:
                    current = urljoin(current, location)
                    continue
                return policy_for(reply.status, reply.body)
        except _NotCached:
            return RobotsPolicy(None, True, "offline: robots.txt not cached")
        except FetchError as exc:
            if isinstance(exc, BlockedAddressError | UnresolvedHostError):
                raise  # the page's own outcome ("blocked", "no such host"), not a robots verdict
            return policy_for(None, b"")
        return policy_for(None, b"")  # robots.txt redirected more than five times
