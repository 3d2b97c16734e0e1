"""The one HTTP client: cached, polite, guarded, bounded, retrying.

Every source goes through `Fetcher.fetch`. It never raises for a source that cannot be
had: the `Fetched` it returns says what went wrong, so the pipeline can record it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import hashlib
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx
from hishel import AsyncSqliteStorage, CacheOptions
from hishel.httpx import AsyncCacheTransport

from factcheck import __version__
from factcheck.errors import BlockedAddressError, FetchError
from factcheck.fetch.body import READABLE, media_type, read_capped, retry_after
from factcheck.fetch.guard import guarded_transport
from factcheck.fetch.robots import MAX_ROBOTS_BYTES, RobotsPolicy, policy_for
from factcheck.models import Fetched, FetchOutcome
from factcheck.settings import Settings

__all__ = ["Fetcher", "cache_key", "user_agent"]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
LOCAL_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
               ".txt": "text/plain", ".md": "text/markdown"}  # fmt: skip


def user_agent(contact: str) -> str:
    """An honest User-Agent: the product, its version, and who to contact."""
    who = f"+{contact}" if contact else "no contact configured: set FACTCHECK_CONTACT"
    return f"factcheck/{__version__} (source verification for newsrooms; {who})"


def cache_key(url: str) -> str:
    """The HTTP cache's key for a URL (the same online and offline)."""
    return hashlib.sha256(f"GET {url}".encode()).hexdigest()


@dataclass
class _Host:
    """Politeness state of one host: one request at a time, a gap between them."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    ready_at: float = 0.0
    delay: float = 0.0


class _CacheOnly(httpx.AsyncBaseTransport):
    """Offline: answer from the stored entry of a request's cache key, or a 504."""

    def __init__(self, storage: AsyncSqliteStorage) -> None:
        self.storage = storage

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = request.extensions.get("caching", {}).get("key") or cache_key(str(request.url))
        entries = [e for e in await self.storage.get_entries(key) if e.request.method == "GET"]
        if not entries:
            return httpx.Response(504, headers={"x-factcheck": "not-cached"})
        stored = entries[0].response
        headers = [(k, v) for k in stored.headers for v in stored.headers.get_list(k) or []]
        stream = stored.stream
        assert stream is not None
        assert hasattr(stream, "__aiter__")
        return httpx.Response(
            stored.status_code,
            headers=headers,
            stream=_Stream(stream),
            extensions={"caching": {"from_cache": True, "revalidated": False, "stored": False}},
        )


class _Stream(httpx.AsyncByteStream):
    def __init__(self, chunks: Any) -> None:
        self.chunks = chunks

    async def __aiter__(self) -> Any:
        async for chunk in self.chunks:
            yield chunk


class _Retry(Exception):  # a signal inside this module, never raised out of it
    def __init__(self, fetched: Fetched, wait: float | None) -> None:
        self.fetched, self.wait = fetched, wait


class Fetcher:
    """Fetch sources concurrently across hosts and politely within one.

    Use as ``async with Fetcher(settings) as fetcher: await fetcher.fetch(url)``.

    Args:
        settings: cache folder, delay, limits, contact and SSRF allowances.
        offline: answer only from the cache; anything else is ``not-cached``.
        revalidate: send ``Cache-Control: no-cache`` so every cached page is checked
            with the origin (a 304 when unchanged); the nightly re-check uses it.
        base: folder that relative local paths are read from.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        offline: bool = False,
        revalidate: bool = False,
        base: Path | None = None,
    ) -> None:
        self.settings = settings
        self.offline = offline
        self.revalidate = revalidate
        self.base = base or Path.cwd()
        self.requests = 0  # requests that went out on the network (not answered by the cache)
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, RobotsPolicy] = {}
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._client: httpx.AsyncClient | None = None
        self._storage: AsyncSqliteStorage | None = None

    async def __aenter__(self) -> Fetcher:
        self.settings.cache.mkdir(parents=True, exist_ok=True)
        self._storage = AsyncSqliteStorage(database_path=self.settings.cache / "http.sqlite")
        limits = httpx.Limits(max_connections=self.settings.concurrency * 2)
        transport: httpx.AsyncBaseTransport
        if self.offline:
            transport = _CacheOnly(self._storage)
        else:
            network = guarded_transport(self.settings.allow_private, limits=limits)
            transport = AsyncCacheTransport(
                next_transport=_Counting(network, self),
                storage=self._storage,
                rfc=CacheOptions(shared=False),
            )
        read = min(self.settings.timeout, 10.0)
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(read, connect=read),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": user_agent(self.settings.contact),
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
            },
        )
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
        if self._storage is not None:
            await self._storage.close()

    # ------------------------------------------------------------ public

    async def fetch_all(self, urls: Iterable[str]) -> dict[str, Fetched]:
        """Fetch each distinct URL once, concurrently; results keyed by URL."""
        unique = list(dict.fromkeys(urls))
        results = await asyncio.gather(*(self.fetch(u) for u in unique))
        return dict(zip(unique, results, strict=True))

    async def fetch(self, source: str) -> Fetched:
        """Fetch one source (URL, ``file://`` URL or local path); never raises for it."""
        scheme = urlsplit(source).scheme.lower()
        if scheme in ("http", "https"):
            return await self._fetch_url(source)
        if scheme == "file" or len(scheme) <= 1:  # "" or a Windows drive letter
            return self._read_local(source)
        return Fetched(
            source, source, FetchOutcome.UNSUPPORTED, f"unsupported URL scheme {scheme!r}"
        )

    # ------------------------------------------------------------ local files

    def _read_local(self, source: str) -> Fetched:
        path = Path(unquote(urlsplit(source).path)) if source.startswith("file:") else Path(source)
        path = path if path.is_absolute() else self.base / path
        now = dt.datetime.now(dt.UTC)
        try:
            if path.stat().st_size > self.settings.max_bytes:
                return Fetched(
                    source, str(path), FetchOutcome.TOO_LARGE, "file larger than the cap"
                )
            body = path.read_bytes()
        except OSError as exc:
            return Fetched(
                source, str(path), FetchOutcome.UNREACHABLE, f"cannot read {path}: {exc.strerror}"
            )
        kind = LOCAL_TYPES.get(path.suffix.lower(), "text/plain")
        return Fetched(
            source, str(path), FetchOutcome.OK, status=None, body=body, content_type=kind,
            fetched_at=now, sha256=hashlib.sha256(body).hexdigest(),
        )  # fmt: skip

    # ------------------------------------------------------------ URLs

    async def _fetch_url(self, url: str) -> Fetched:
        attempts = 0
        last: Fetched | None = None
        for attempt in range(1, self.settings.retries + 1):
            attempts = attempt
            try:
                return replace(await self._attempt(url), attempts=attempt)
            except _Retry as retry:
                last = retry.fetched
                wait = self._backoff(attempt, retry.wait)
                if retry.wait is not None and retry.wait > self.settings.max_wait:
                    reason = (
                        f"{last.reason}; asked to retry after {retry.wait:.0f} s, more than we wait"
                    )
                    return replace(
                        last, outcome=FetchOutcome.DEFERRED, reason=reason, attempts=attempt
                    )
                if attempt < self.settings.retries:
                    await asyncio.sleep(wait)
        assert last is not None
        return replace(last, attempts=attempts)

    def _backoff(self, attempt: int, asked: float | None) -> float:
        """Exponential backoff with jitter, never shorter than the server asked."""
        base = float(self.settings.backoff * 2 ** (attempt - 1))
        return max(asked or 0.0, base + random.uniform(0, base))  # jitter, not cryptography

    async def _attempt(self, url: str) -> Fetched:
        try:
            async with asyncio.timeout(self.settings.timeout):
                return await self._follow(url)
        except TimeoutError:
            reason = f"no complete answer within {self.settings.timeout:g} s"
            return Fetched(url, url, FetchOutcome.TIMEOUT, reason)
        except BlockedAddressError as exc:
            return Fetched(url, url, FetchOutcome.BLOCKED, str(exc))
        except FetchError as exc:
            return Fetched(url, url, FetchOutcome(exc.kind), str(exc))
        except (httpx.TransportError, httpx.DecodingError) as exc:
            failed = Fetched(url, url, FetchOutcome.UNREACHABLE, _describe(exc))
            raise _Retry(failed, None) from None

    async def _follow(self, url: str) -> Fetched:
        """GET a URL, following at most five redirects, each one checked again."""
        seen = {url}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            policy = await self._policy(current)
            if not policy.allows(current):
                return Fetched(url, current, FetchOutcome.ROBOTS, policy.reason)
            fetched, location = await self._get(url, current)
            if location is None:
                return fetched
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                return replace(
                    fetched, outcome=FetchOutcome.UNSUPPORTED, reason=f"redirect to {current}"
                )
            if current in seen:
                return replace(
                    fetched, outcome=FetchOutcome.REDIRECTS, reason=f"redirect loop at {current}"
                )
            seen.add(current)
        return Fetched(url, current, FetchOutcome.REDIRECTS, f"more than {MAX_REDIRECTS} redirects")

    async def _get(self, url: str, current: str) -> tuple[Fetched, str | None]:
        """One polite request; returns the result and a redirect location, if any."""
        assert self._client is not None
        headers = {"Cache-Control": "no-cache"} if self.revalidate else {}
        request = self._client.build_request(
            "GET", current, headers=headers, extensions={"caching": {"key": cache_key(current)}}
        )
        async with self._turn(current):
            response = await self._client.send(request, stream=True)
            try:
                return await self._answer(url, current, response)
            finally:
                await response.aclose()

    async def _answer(
        self, url: str, current: str, response: httpx.Response
    ) -> tuple[Fetched, str | None]:
        status = response.status_code
        caching = response.extensions.get("caching") or {}
        kind, charset = media_type(response.headers.get("content-type"))
        base = Fetched(
            url, current, FetchOutcome.OK, status=status, content_type=kind, charset=charset,
            fetched_at=_fetched_at(response), from_cache=bool(caching.get("from_cache")),
            revalidated=bool(caching.get("revalidated")), etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )  # fmt: skip
        if self.offline and response.headers.get("x-factcheck") == "not-cached":
            return replace(
                base, outcome=FetchOutcome.NOT_CACHED, reason="not cached", status=None
            ), None
        if status in REDIRECT_STATUSES and response.headers.get("location"):
            return base, response.headers["location"]
        if status in RETRY_STATUSES:
            failed = replace(base, outcome=FetchOutcome.HTTP_ERROR, reason=f"HTTP {status}")
            raise _Retry(failed, retry_after(response.headers.get("retry-after")))
        if status >= 400:
            return replace(base, outcome=FetchOutcome.HTTP_ERROR, reason=f"HTTP {status}"), None
        if kind and kind not in READABLE:
            return replace(
                base, outcome=FetchOutcome.UNSUPPORTED, reason=f"content type {kind}"
            ), None
        body = await read_capped(
            response.aiter_raw(),
            response.headers.get("content-encoding", ""),
            self.settings.max_bytes,
        )
        return replace(base, body=body, sha256=hashlib.sha256(body).hexdigest()), None

    # ------------------------------------------------------------ politeness and robots

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        if key not in self._hosts:
            self._hosts[key] = _Host(delay=self.settings.delay)
        return self._hosts[key]

    def _turn(self, url: str) -> _Turn:
        return _Turn(self._host(url), self._slots)

    async def _policy(self, url: str) -> RobotsPolicy:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        if origin not in self._robots:
            self._robots[origin] = await self._fetch_robots(origin)
            delay = self._robots[origin].crawl_delay()
            if delay is not None:
                host = self._host(url)
                host.delay = max(host.delay, delay)
        return self._robots[origin]

    async def _fetch_robots(self, origin: str) -> RobotsPolicy:
        """robots.txt through the same client, cache and guard, five redirects at most.

        A server that cannot be reached at all raises (the page is unreachable too, and
        is retried); one that answers 5xx disallows everything, as RFC 9309 says.
        """
        assert self._client is not None
        current = f"{origin}/robots.txt"
        try:
            for _ in range(MAX_REDIRECTS + 1):
                request = self._client.build_request(
                    "GET", current, extensions={"caching": {"key": cache_key(current)}}
                )
                async with self._turn(current):
                    response = await self._client.send(request, stream=True)
                    try:
                        location = response.headers.get("location")
                        if response.status_code in REDIRECT_STATUSES and location:
                            current = urljoin(current, location)
                            continue
                        if self.offline and response.headers.get("x-factcheck") == "not-cached":
                            return RobotsPolicy(None, True, "offline: robots.txt not cached")
                        body = b""
                        if response.status_code < 300:
                            body = await read_capped(
                                response.aiter_raw(), response.headers.get("content-encoding", ""),
                                MAX_ROBOTS_BYTES,
                            )  # fmt: skip
                        return policy_for(response.status_code, body)
                    finally:
                        await response.aclose()
        except FetchError as exc:
            if isinstance(exc, BlockedAddressError):
                raise  # the page's own outcome is "blocked", not a robots verdict
            return policy_for(None, b"")
        return policy_for(None, b"")  # robots.txt redirected more than five times


class _Turn:
    """Wait for a host's turn and a global slot; hold both for one request."""

    def __init__(self, host: _Host, slots: asyncio.Semaphore) -> None:
        self.host, self.slots = host, slots

    async def __aenter__(self) -> None:
        await self.host.lock.acquire()
        wait = self.host.ready_at - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        await self.slots.acquire()

    async def __aexit__(self, *exc: object) -> None:
        self.slots.release()
        self.host.ready_at = time.monotonic() + self.host.delay
        self.host.lock.release()


class _Counting(httpx.AsyncBaseTransport):
    """Count the requests that reach the network (the cache answers the rest)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, fetcher: Fetcher) -> None:
        self.inner, self.fetcher = inner, fetcher

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.fetcher.requests += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def _fetched_at(response: httpx.Response) -> dt.datetime:
    """When the body was fetched: now, or the Date of a copy served from the cache."""
    caching = response.extensions.get("caching") or {}
    date = response.headers.get("date")
    if caching.get("from_cache") and not caching.get("revalidated") and date:
        try:
            return email.utils.parsedate_to_datetime(date).astimezone(dt.UTC)
        except (TypeError, ValueError):
            pass
    return dt.datetime.now(dt.UTC)


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text
