"""The one HTTP client: cached, polite, guarded, bounded, retrying.

Every source goes through `Fetcher.fetch`. It never raises for a source that cannot be
had: the `Fetched` it returns says what went wrong, so check and recheck can record it.
Archive lookups ask through it too; what a TimeGate's answer means is `archive`'s.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.utils
import hashlib
import random
import re
import socket
import ssl
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from factcheck import __version__
from factcheck.errors import BlockedAddressError, FetchError, UnresolvedHostError
from factcheck.fetch.archive import REDIRECT_STATUSES, accept_datetime, timegate_answer
from factcheck.fetch.body import READABLE, media_type, read_capped, retry_after
from factcheck.fetch.cache import HttpCache, Stored, cacheable
from factcheck.fetch.guard import CITED_PORT, Lookup, cited_port, guarded_transport
from factcheck.fetch.robots import MAX_ROBOTS_BYTES, RobotsPolicy, policy_for
from factcheck.fetch.validators import selects
from factcheck.models import Fetched, FetchOutcome, Memento
from factcheck.settings import Settings

__all__ = ["Fetcher", "user_agent"]

RETRY_STATUSES = frozenset({429, 502, 503, 504})
MAX_REDIRECTS = 5
API_TYPES = frozenset({"application/json"})  # what a search API answers with
LOCAL_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
               ".txt": "text/plain", ".md": "text/markdown"}  # fmt: skip


def user_agent(contact: str) -> str:
    """An honest User-Agent: the product, its version, and who to contact."""
    who = f"+{contact}" if contact else "no contact configured: set FACTCHECK_CONTACT"
    return f"factcheck/{__version__} (source verification for newsrooms; {who})"


@dataclass
class _Host:
    """Politeness state of one host: one request at a time, a gap between them."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    ready_at: float = 0.0
    delay: float = 0.0


@dataclass(frozen=True, slots=True)
class _Reply:
    """One answer, from the network or the cache: status, headers (lower-case), body."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    from_cache: bool = False
    revalidated: bool = False

    @classmethod
    def stored(cls, stored: Stored, *, revalidated: bool = False) -> _Reply:
        return cls(stored.status, stored.headers, stored.body, True, revalidated)


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
    """

    def __init__(
        self,
        settings: Settings,
        *,
        offline: bool = False,
        revalidate: bool = False,
        base: Path | None = None,
        lookup: Lookup | None = None,
    ) -> None:
        self.settings = settings
        self.lookup = lookup
        self.offline = offline
        self.revalidate = revalidate
        self.base = base or Path.cwd()
        self.requests = 0  # requests that went out on the network (not answered by the cache)
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, RobotsPolicy] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._clients: dict[tuple[str, int | None], httpx.AsyncClient] = {}
        self._cache: HttpCache | None = None
        self._tls: ssl.SSLContext | bool = True

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
        for client in self._clients.values():
            await client.aclose()
        if self._cache is not None:
            self._cache.close()

    def _client_for(self, url: str) -> httpx.AsyncClient:
        """One client per host: requests to a host go one at a time, so one connection
        serves them, and a small pool is cheap to search (a shared one was not)."""
        key = (_origin(url), CITED_PORT.get())  # a connection opened for one cited port
        if key not in self._clients:  # is never lent to a fetch that allows another
            limits = httpx.Limits(max_connections=2, max_keepalive_connections=1)
            read = min(self.settings.timeout, 10.0)
            self._clients[key] = httpx.AsyncClient(
                transport=guarded_transport(
                    self.settings.allow_private,
                    limits=limits,
                    verify=self._tls,
                    lookup=self.lookup,
                ),
                timeout=httpx.Timeout(read, connect=read),
                follow_redirects=False,
                trust_env=False,
                headers={
                    "User-Agent": user_agent(self.settings.contact),
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                    "Accept-Encoding": "gzip, deflate",
                },
            )
        return self._clients[key]

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
            problem = _url_problem(source)
            if problem:
                return Fetched(source, source, FetchOutcome.UNSUPPORTED, problem)
            return await self._fetch_url(source)
        if scheme == "file" or len(scheme) <= 1:  # "" or a Windows drive letter
            return self._read_local(source)
        return Fetched(
            source, source, FetchOutcome.UNSUPPORTED, f"unsupported URL scheme {scheme!r}"
        )

    async def fetch_api(self, url: str) -> Fetched:
        """Fetch a search API's JSON answer through the same cache, guard and politeness.

        robots.txt is not consulted: it governs crawling pages, and an API the user set up
        is not a crawl (Wikipedia's robots.txt disallows ``/w/``, where its API lives).
        Never raises for an answer that cannot be had.
        """
        problem = _url_problem(url)
        if problem:
            return Fetched(url, url, FetchOutcome.UNSUPPORTED, problem)
        return await self._fetch_url(url, api=True)

    async def memento(self, timegate: str, url: str, when: dt.datetime) -> Memento | None:
        """Ask a Memento TimeGate (RFC 7089) for the archived copy of ``url`` nearest ``when``.

        ``timegate`` is the TimeGate's prefix (the Wayback Machine's is
        ``https://web.archive.org/web/``); the original URL is appended to it. The request
        goes through the same SSRF guard and politeness; like a search API it does not
        consult robots.txt. Returns None when there is no copy or no usable answer.
        """
        gate = timegate + url
        if self.offline or _url_problem(gate):
            return None
        client = self._client_for(gate)
        headers = {"Accept-Datetime": accept_datetime(when)}
        request = client.build_request("GET", gate, headers=headers)
        try:
            async with self._turn(gate), asyncio.timeout(self.settings.timeout):
                self.requests += 1
                response = await client.send(request, stream=True)
                try:
                    await _drain(response)
                finally:
                    await response.aclose()
        except (TimeoutError, httpx.HTTPError, FetchError, ValueError):
            return None
        memento = timegate_answer(gate, response.status_code, dict(response.headers.items()))
        if memento is None or _url_problem(memento.url):
            return None
        return memento

    # ------------------------------------------------------------ local files

    def _read_local(self, source: str) -> Fetched:
        """Read a local source: a regular file inside the base folder, within the cap."""
        raw = unquote(urlsplit(source).path) if source.startswith("file:") else source
        path = Path(raw).expanduser()
        path = (path if path.is_absolute() else self.base / path).resolve()
        fail = partial(Fetched, source, str(path))
        if not path.is_relative_to(self.base.resolve()):
            reason = f"local sources must be inside {self.base}: {path} is not"
            return fail(FetchOutcome.UNSUPPORTED, reason)
        kind = LOCAL_TYPES.get(path.suffix.lower(), "" if path.suffix else "text/plain")
        if not kind:
            return fail(FetchOutcome.UNSUPPORTED, f"unsupported file type {path.suffix!r}")
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                return fail(FetchOutcome.UNSUPPORTED, "not a regular file")
            with path.open("rb") as handle:
                body = handle.read(self.settings.max_bytes + 1)
        except OSError as exc:
            return fail(FetchOutcome.UNREACHABLE, f"cannot read {path}: {exc.strerror}")
        if len(body) > self.settings.max_bytes:
            return fail(
                FetchOutcome.TOO_LARGE, f"file larger than {self.settings.max_bytes:,} bytes"
            )
        return fail(
            FetchOutcome.OK, status=None, body=body, content_type=kind,
            fetched_at=dt.datetime.now(dt.UTC), sha256=hashlib.sha256(body).hexdigest(),
        )  # fmt: skip

    # ------------------------------------------------------------ URLs

    async def _fetch_url(self, url: str, *, api: bool = False) -> Fetched:
        last: Fetched | None = None
        for attempt in range(1, self.settings.retries + 1):
            try:
                return replace(await self._attempt(url, api=api), attempts=attempt)
            except _Retry as retry:
                last = replace(retry.fetched, attempts=attempt)
                if retry.wait is not None and retry.wait > self.settings.max_wait:
                    reason = (
                        f"{last.reason}; asked to retry after {retry.wait:.0f} s, more than we wait"
                    )
                    return replace(last, outcome=FetchOutcome.DEFERRED, reason=reason)
                if attempt < self.settings.retries:
                    await asyncio.sleep(self._backoff(attempt, retry.wait))
        assert last is not None
        return last

    def _backoff(self, attempt: int, asked: float | None) -> float:
        """Exponential backoff with jitter, never shorter than the server asked."""
        base = float(self.settings.backoff * 2 ** (attempt - 1))
        return max(asked or 0.0, base + random.uniform(0, base))  # jitter, not cryptography

    async def _attempt(self, url: str, *, api: bool = False) -> Fetched:
        try:
            return await self._follow(url, api=api)
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
            failed = Fetched(url, url, FetchOutcome.UNREACHABLE, _describe(exc))
            raise _Retry(failed, None) from None

    async def _follow(self, url: str, *, api: bool = False) -> Fetched:
        """GET a URL, following at most five redirects, each one checked again (private
        addresses allowed by CIDR only on the cited URL's port)."""
        with cited_port(_port(url)):
            return await self._follow_from(url, api=api)

    async def _follow_from(self, url: str, *, api: bool = False) -> Fetched:
        seen = {url}
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not api:
                policy = await self._policy(current)
                if not policy.allows(current):
                    return Fetched(url, current, FetchOutcome.ROBOTS, policy.reason)
            reply = await self._exchange(current, self.settings.max_bytes, page=True, api=api)
            fetched = self._answer(url, current, reply, api=api)
            location = reply.headers.get("location")
            if reply.status not in REDIRECT_STATUSES or not location:
                return fetched
            target = urljoin(current, location)
            problem = _url_problem(target)
            if problem:
                reason = f"redirect to {_without_credentials(target)}: {problem}"
                return replace(fetched, outcome=FetchOutcome.UNSUPPORTED, reason=reason)
            current = target
            if current in seen:
                return replace(
                    fetched, outcome=FetchOutcome.REDIRECTS, reason=f"redirect loop at {current}"
                )
            seen.add(current)
        return Fetched(url, current, FetchOutcome.REDIRECTS, f"more than {MAX_REDIRECTS} redirects")

    async def _exchange(self, current: str, cap: int, *, page: bool, api: bool = False) -> _Reply:
        """One GET through the cache: served while fresh, revalidated (304), or fetched."""
        assert self._cache is not None
        client = self._client_for(current)
        headers = {"Cache-Control": "no-cache"} if self.revalidate else {}
        if api:
            headers["Accept"] = "application/json"
        stored = self._cache.get(
            current, client.build_request("GET", current, headers=headers).headers
        )
        if self.offline:
            if stored is None:
                raise _NotCached(current)
            return _Reply.stored(stored)
        if stored is not None and not self.revalidate and stored.fresh():
            return _Reply.stored(stored)
        reply = await self._send(client, current, headers, stored, cap, page=page, api=api)
        if reply is None:  # a 304 for another version than the stored one: ask without conditions
            reply = await self._send(client, current, headers, None, cap, page=page, api=api)
        assert reply is not None
        return reply

    async def _send(
        self, client: httpx.AsyncClient, current: str, headers: dict[str, str],
        stored: Stored | None, cap: int, *, page: bool, api: bool,
    ) -> _Reply | None:  # fmt: skip
        """Send one GET (conditional on ``stored``); None for a 304 that does not select it."""
        assert self._cache is not None
        request = client.build_request("GET", current, headers=headers)
        if stored is not None:
            request.headers.update(stored.validators)
        async with self._turn(current), asyncio.timeout(self.settings.timeout):
            # The deadline runs from the host's turn: waiting in line is not the server's fault.
            self.requests += 1
            response = await client.send(request, stream=True)
            try:
                found = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code == 304 and stored is not None:
                    await _drain(response)
                    if not selects(stored.headers, found):
                        return None
                    return _Reply.stored(self._cache.refresh(stored, found), revalidated=True)
                kind, _ = media_type(found.get("content-type"))
                readable = API_TYPES if api else READABLE
                if response.status_code >= 300 or (page and kind and kind not in readable):
                    await _drain(response)  # nothing to read; keep the connection
                    if response.status_code in REDIRECT_STATUSES:  # so --offline can follow it
                        self._cache.put(current, response.status_code, found, b"", request.headers)
                    return _Reply(response.status_code, found)
                body = await read_capped(
                    response.aiter_raw(), found.get("content-encoding", ""), cap, truncate=not page
                )
                if cacheable(response.status_code, found):
                    self._cache.put(current, response.status_code, found, body, request.headers)
                else:  # the page now says it may not be kept: neither may its older copy
                    self._cache.forget(current)
                return _Reply(response.status_code, found, body)
            finally:
                await response.aclose()

    def _answer(self, url: str, current: str, reply: _Reply, *, api: bool = False) -> Fetched:
        """What one reply means for the source: a body, a redirect, a retry, or a failure."""
        status, headers = reply.status, reply.headers
        kind, charset = media_type(headers.get("content-type"))
        base = Fetched(
            url, current, FetchOutcome.OK, status=status, content_type=kind, charset=charset,
            fetched_at=_fetched_at(reply), from_cache=reply.from_cache,
            revalidated=reply.revalidated, etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
        )  # fmt: skip
        if status in REDIRECT_STATUSES and headers.get("location"):
            return base
        if status in RETRY_STATUSES:
            failed = replace(base, outcome=FetchOutcome.HTTP_ERROR, reason=f"HTTP {status}")
            raise _Retry(failed, retry_after(headers.get("retry-after")))
        if status >= 300:
            return replace(base, outcome=FetchOutcome.HTTP_ERROR, reason=f"HTTP {status}")
        if kind and kind not in (API_TYPES if api else READABLE):
            return replace(base, outcome=FetchOutcome.UNSUPPORTED, reason=f"content type {kind}")
        return replace(base, body=reply.body, sha256=hashlib.sha256(reply.body).hexdigest())

    # ------------------------------------------------------------ politeness and robots

    def _host(self, url: str) -> _Host:
        key = _origin(url)
        if key not in self._hosts:
            self._hosts[key] = _Host(delay=self.settings.delay)
        return self._hosts[key]

    def _turn(self, url: str) -> _Turn:
        return _Turn(self._host(url), self._slots)

    async def _policy(self, url: str) -> RobotsPolicy:
        """The origin's robots.txt policy, fetched once however many pages ask at once."""
        origin = _origin(url)
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


class _Turn:
    """Wait for a host's turn and a global slot; hold both for one request."""

    def __init__(self, host: _Host, slots: asyncio.Semaphore) -> None:
        self.host, self.slots = host, slots

    async def __aenter__(self) -> None:
        await self.host.lock.acquire()
        ready = False
        try:
            wait = self.host.ready_at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            await self.slots.acquire()
            ready = True
        finally:  # a cancelled wait must give the host back, or it is dead for the run
            if not ready:
                self.host.lock.release()

    async def __aexit__(self, *exc: object) -> None:
        self.slots.release()
        self.host.ready_at = time.monotonic() + self.host.delay
        self.host.lock.release()


def _url_problem(url: str) -> str | None:
    """Why a URL cannot be fetched over HTTP, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises for a port out of range
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme!r}"
    if not parts.hostname:
        return "no host in the URL"
    if "@" in parts.netloc:
        return "a URL with a user name or password is refused (credentials are never sent)"
    return None


def _without_credentials(url: str) -> str:
    """The URL with any user name and password replaced by ``…``, for messages."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="…@" + parts.netloc.rpartition("@")[2]).geturl()


def _port(url: str) -> int:
    """The URL's port, or its scheme's default."""
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


def _origin(url: str) -> str:
    """scheme://host:port, with numeric spellings of one address made one ("127.1")."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if re.fullmatch(r"[0-9a-fx.]+", host) and not re.fullmatch(r"[a-f.]+", host):
        with contextlib.suppress(OSError):
            host = socket.inet_ntoa(socket.inet_aton(host))  # no DNS: numbers only
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme.lower()}://{host}:{port}"


async def _drain(response: httpx.Response, limit: int = 65536) -> None:
    """Read a small unwanted body, so its connection can serve the next request."""
    length = response.headers.get("content-length", "")
    bodiless = response.status_code in (204, 304)  # these never carry a body
    if bodiless or (length.isdigit() and int(length) <= limit):
        await response.aread()


def _fetched_at(reply: _Reply) -> dt.datetime:
    """When the body was fetched: now, or the Date of a copy served from the cache."""
    date = reply.headers.get("date")
    if reply.from_cache and not reply.revalidated and date:
        try:
            return email.utils.parsedate_to_datetime(date).astimezone(dt.UTC)
        except (TypeError, ValueError):
            pass
    return dt.datetime.now(dt.UTC)


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text
