"""SSRF guard: resolve a host once, refuse non-public addresses, connect to the checked one.

Policy (IANA special-purpose registries, checked explicitly; ``ip.is_global`` is not used,
it is True for NAT64 and 6to4 forms of 127.0.0.1):

- IPv4: loopback, private, link-local, carrier-grade NAT, "this network", IETF protocol
  assignments, documentation, benchmarking, multicast, broadcast and 240/4 are refused.
- IPv6: only 2000::/3 can be public; inside it Teredo (always), ORCHID and other IETF
  assignments, benchmarking and documentation are refused; outside it everything is
  refused (unique-local, link-local, site-local, multicast, discard, ...).
- Wrapped IPv4 is judged by the IPv4 inside: IPv4-mapped, NAT64 (64:ff9b::/96) and 6to4
  wrapping a public address are allowed; IPv4-compatible (deprecated) and local-use NAT64
  (64:ff9b:1::/48) are refused whatever they wrap.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

import anyio
import httpcore
import httpx

from factcheck.errors import BlockedAddressError, FetchError, UnresolvedHostError
from factcheck.fetch.streams import AsyncioBackend

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network
Allowed = IPNetwork | tuple[IPNetwork, int]  # a CIDR, or an address and the one port allowed
# The port of the URL being fetched (its redirects included): a CIDR of --allow-private
# opens that port only. None outside a fetch (an archive lookup): any port.
CITED_PORT: ContextVar[int | None] = ContextVar("cited_port", default=None)


@contextlib.contextmanager
def cited_port(port: int) -> Iterator[None]:
    """Within this block, allowed private networks are open on ``port`` only."""
    token = CITED_PORT.set(port)
    try:
        yield
    finally:
        CITED_PORT.reset(token)


# A name lookup: (host, port) → the addresses, as getaddrinfo gives them; raises
# socket.gaierror for a name that does not resolve. Tests inject one; nothing else does.
Lookup = Callable[[str, int], Awaitable[list[str]]]


async def system_lookup(host: str, port: int) -> list[str]:
    """The machine's resolver (getaddrinfo), run off the event loop."""
    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


_V4_DENY = tuple(
    (IPv4Network(net), reason)
    for net, reason in (
        ("0.0.0.0/32", "unspecified"),
        ("0.0.0.0/8", "this network"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "reserved"),  # IETF protocol assignments
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "reserved"),  # deprecated 6to4 relay anycast
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"),
    )
)
_V6_DENY = tuple(
    (IPv6Network(net), reason)
    for net, reason in (
        ("2001::/32", "teredo"),
        ("2001:2::/48", "benchmarking"),
        ("2001:db8::/32", "documentation"),
        ("2001::/23", "reserved"),  # IETF protocol assignments, ORCHID
        ("3fff::/20", "documentation"),
        ("fc00::/7", "unique-local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("ff00::/8", "multicast"),
    )
)
_V6_GLOBAL_UNICAST = IPv6Network("2000::/3")
# (prefix, name, shift of the IPv4 inside, allowed when that IPv4 is public)
_WRAPPERS = tuple(
    (IPv6Network(net), name, shift, transparent)
    for net, name, shift, transparent in (
        ("::ffff:0:0/96", "IPv4-mapped", 0, True),
        ("::/96", "IPv4-compatible", 0, False),
        ("64:ff9b::/96", "NAT64", 0, True),
        ("64:ff9b:1::/48", "local-use NAT64", 0, False),
        ("2002::/16", "6to4", 80, True),
    )
)


def _unwrap(ip: IPv6Address) -> tuple[str, IPv4Address, bool] | None:
    """The (wrapping name, IPv4 inside, transparent) of a wrapped IPv4, or None."""
    if int(ip) <= 1:  # :: and ::1 are not IPv4-compatible addresses
        return None
    for net, name, shift, transparent in _WRAPPERS:
        if ip in net:
            return name, IPv4Address(int(ip) >> shift & 0xFFFFFFFF), transparent
    return None


def classify(ip: IPAddress) -> str | None:
    """None for a public unicast address, else a short reason it is refused."""
    if isinstance(ip, IPv4Address):
        return next((reason for net, reason in _V4_DENY if ip in net), None)
    if int(ip) <= 1:
        return "loopback" if int(ip) else "unspecified"
    wrapped = _unwrap(ip)
    if wrapped is not None:
        name, inner, transparent = wrapped
        reason = classify(inner)
        if reason is not None:
            return f"{name} wrapping {reason}"
        return None if transparent else name
    reason = next((reason for net, reason in _V6_DENY if ip in net), None)
    return reason if reason or ip in _V6_GLOBAL_UNICAST else "reserved"


def check_ip(ip: IPAddress, allow: Sequence[IPNetwork], *, host: str | None = None) -> None:
    """Raise BlockedAddressError unless ip is public or inside an allowed network."""
    reason = classify(ip)
    if reason is None:
        return
    candidates: list[IPAddress] = [ip]
    wrapped = _unwrap(ip) if isinstance(ip, IPv6Address) else None
    if wrapped is not None:
        candidates.append(wrapped[1])
    if any(address in net for address in candidates for net in allow):
        return
    bare = str(ip).partition("%")[0]
    named = f" for {host}" if host and host.strip("[]") != str(ip) else ""
    raise BlockedAddressError(
        f"refused {ip} ({reason}){named}; allow it with --allow-private {bare}/{ip.max_prefixlen}"
    )


async def resolve(
    host: str, port: int, *, timeout: float | None = None, lookup: Lookup | None = None
) -> list[IPAddress]:
    """Every address host resolves to (literal IPs in any form the C resolver reads), in order.

    Raises:
        UnresolvedHostError: the name does not resolve.
        FetchError: the lookup timed out or the name is not a valid host name.
    """
    name = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if ":" in name:  # an IPv6 literal; never hand it to DNS
        try:
            return [ip_address(name.replace("%25", "%"))]
        except ValueError:
            raise FetchError(f"not a valid IPv6 address: {host!r}") from None
    try:
        with anyio.fail_after(timeout):
            found = await (lookup or system_lookup)(name, port)
    except TimeoutError:
        raise FetchError(f"cannot resolve {host!r}: timed out after {timeout} s") from None
    except socket.gaierror as exc:
        why = exc.strerror or str(exc)
        raise UnresolvedHostError(f"host name {host!r} does not resolve ({why})") from exc
    except (OSError, ValueError) as exc:  # idna raises UnicodeError
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise FetchError(f"cannot resolve {host!r}: {detail}") from exc
    addresses = list(dict.fromkeys(ip_address(address) for address in found))
    if not addresses:
        raise FetchError(f"cannot resolve {host!r}: no addresses")
    return addresses


def check_endpoint(
    ip: IPAddress, port: int, allow: Sequence[Allowed], *, host: str | None = None
) -> None:
    """Raise BlockedAddressError unless ip is public, or allowed on this port.

    A ``host:port`` entry opens that one port; a CIDR entry opens the port of the URL
    being fetched (`CITED_PORT`), so a cited page cannot redirect to another port.
    """
    if classify(ip) is None:
        return
    if any(isinstance(a, tuple) and ip in a[0] and port == a[1] for a in allow):
        return
    networks = [a for a in allow if not isinstance(a, tuple)]
    cited = CITED_PORT.get()
    if cited is None or port == cited:
        check_ip(ip, networks, host=host)
        return
    if any(ip in net for net in networks):
        bare = str(ip).partition("%")[0]
        shown = f"[{bare}]" if ":" in bare else bare
        raise BlockedAddressError(
            f"refused {ip} port {port}: --allow-private opens port {cited} of the cited URL "
            f"there; allow this one with --allow-private {shown}:{port}"
        )
    check_ip(ip, (), host=host)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """A network backend that connects only to addresses check_ip allows."""

    def __init__(
        self,
        allow: Sequence[Allowed] = (),
        inner: httpcore.AsyncNetworkBackend | None = None,
        lookup: Lookup | None = None,
    ) -> None:
        self.allow = tuple(allow)
        self.inner = inner if inner is not None else AsyncioBackend()
        self.lookup = lookup

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve host once, check every address, connect to the first that answers."""
        addresses = await resolve(host, port, timeout=timeout, lookup=self.lookup)
        for ip in addresses:
            check_endpoint(ip, port, self.allow, host=host)
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for ip in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(ip), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Refuse: Unix sockets bypass the address check."""
        raise BlockedAddressError(f"refused Unix socket {path!r}")

    async def sleep(self, seconds: float) -> None:
        """Delegate to the inner backend."""
        await self.inner.sleep(seconds)


def guarded_transport(
    allow: Sequence[Allowed] = (),
    *,
    verify: ssl.SSLContext | bool = True,
    http1: bool = True,
    http2: bool = False,
    limits: httpx.Limits | None = None,
    retries: int = 0,
    lookup: Lookup | None = None,
) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection, redirect hops included, goes through the guard."""
    limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20)
    ssl_context = httpx.create_ssl_context(verify=verify, trust_env=False)
    transport = httpx.AsyncHTTPTransport(
        verify=ssl_context, trust_env=False, http1=http1, http2=http2, limits=limits
    )
    # httpx 0.28 has no hook for a network backend; swap the pool it built (no proxy given).
    if not isinstance(getattr(transport, "_pool", None), httpcore.AsyncConnectionPool):
        raise RuntimeError("httpx.AsyncHTTPTransport no longer keeps its pool in ._pool")
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        http1=http1,
        http2=http2,
        retries=retries,
        network_backend=GuardedBackend(allow, lookup=lookup),
    )
    return transport
