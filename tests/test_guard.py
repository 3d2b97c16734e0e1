"""The SSRF guard: classification, allow lists, resolution, the backend and the transport."""

from __future__ import annotations

import socket
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network
from typing import Any

import anyio
import httpcore
import httpx
import pytest
from pytest_httpserver import HTTPServer

from factcheck.errors import BlockedAddressError, FetchError
from factcheck.fetch import guard
from factcheck.fetch.guard import (
    GuardedBackend,
    check_ip,
    classify,
    guarded_transport,
    resolve,
)

LOOPBACK = [ip_network("127.0.0.1/32")]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("93.184.216.34", None),
        ("1.1.1.1", None),
        ("2606:4700::1111", None),
        ("2a00:1450:4001::200e", None),
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "this network"),
        ("224.0.0.1", "multicast"),
        ("255.255.255.255", "broadcast"),
        ("192.0.2.1", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("240.0.0.1", "reserved"),
        ("192.0.0.8", "reserved"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("fc00::1", "unique-local"),
        ("fd12::1", "unique-local"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("2001:db8::1", "documentation"),
        ("3fff::1", "documentation"),
        ("2001:2::1", "benchmarking"),
        ("100::1", "reserved"),
        ("::ffff:127.0.0.1", "IPv4-mapped wrapping loopback"),
        ("::ffff:10.0.0.1", "IPv4-mapped wrapping private"),
        ("::127.0.0.1", "IPv4-compatible wrapping loopback"),
        ("64:ff9b::7f00:1", "NAT64 wrapping loopback"),
        ("64:ff9b:1::a00:1", "local-use NAT64 wrapping private"),
        ("2002:7f00:1::", "6to4 wrapping loopback"),
        ("2002:0a00:0001::", "6to4 wrapping private"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "teredo"),
        # wrapping a public IPv4: mapped, NAT64 and 6to4 reach it, so they are allowed ...
        ("::ffff:93.184.216.34", None),
        ("64:ff9b::5db8:d822", None),
        ("2002:5db8:d822::", None),
        # ... deprecated IPv4-compatible and local-use NAT64 are refused whatever they wrap
        ("::93.184.216.34", "IPv4-compatible"),
        ("64:ff9b:1::5db8:d822", "local-use NAT64"),
    ],
)
def test_classify(address: str, reason: str | None) -> None:
    assert classify(ip_address(address)) == reason


def test_is_global_is_not_enough() -> None:
    assert ip_address("64:ff9b::7f00:1").is_global
    assert classify(ip_address("64:ff9b::7f00:1")) is not None


def test_check_ip_message_names_reason_and_allowance() -> None:
    with pytest.raises(BlockedAddressError) as caught:
        check_ip(ip_address("10.0.0.1"), [])
    assert str(caught.value) == (
        "refused 10.0.0.1 (private); allow it with --allow-private 10.0.0.1/32"
    )


@pytest.mark.parametrize(
    ("address", "allow", "allowed"),
    [
        ("127.0.0.1", LOOPBACK, True),
        ("::ffff:127.0.0.1", LOOPBACK, True),
        ("127.0.0.2", LOOPBACK, False),
        ("::1", LOOPBACK, False),
        ("::1", [ip_network("::1/128")], True),
        ("fd12::1", [ip_network("fd00::/8")], True),
        ("93.184.216.34", [], True),
    ],
)
def test_check_ip_allow_list(address: str, allow: list[Any], allowed: bool) -> None:
    if allowed:
        check_ip(ip_address(address), allow)
    else:
        with pytest.raises(BlockedAddressError):
            check_ip(ip_address(address), allow)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("[::1]", "::1"),
        ("::1", "::1"),
    ],
)
async def test_resolve_literals_and_localhost(host: str, expected: str) -> None:
    assert ip_address(expected) in await resolve(host, 80)


@pytest.mark.anyio
async def test_resolve_failure_is_a_fetch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # No real lookup: the sandbox resolver is not on loopback. unshare -rn showed a resolver
    # with no network fails at once with EAI_AGAIN, which takes this same path.
    async def no_such_host(*args: object, **kwargs: object) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(anyio, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError, match=r"host name 'no-such-host\.invalid' does not resolve"):
        await resolve("no-such-host.invalid", 80)


@pytest.mark.anyio
async def test_resolve_rejects_a_bad_ipv6_literal_without_dns() -> None:
    with pytest.raises(FetchError, match="not a valid IPv6"):
        await resolve("[::1::2]", 80)


class Recorder(httpcore.AsyncNetworkBackend):
    """An inner backend that records connects, fails for `down`, else delegates to `real`."""

    def __init__(
        self, down: Iterable[str] = (), real: httpcore.AsyncNetworkBackend | None = None
    ) -> None:
        self.calls: list[str] = []
        self.down = set(down)
        self.real = real

    async def connect_tcp(
        self, host: str, port: int, *args: Any, **kwargs: Any
    ) -> httpcore.AsyncNetworkStream:
        self.calls.append(host)
        if host in self.down:
            raise httpcore.ConnectError(f"{host} is down")
        if self.real is not None:
            return await self.real.connect_tcp(host, port, *args, **kwargs)
        return httpcore.AsyncNetworkStream()


def resolving_to(*addresses: str) -> Any:
    async def fake(host: str, port: int, **kwargs: object) -> list[IPv4Address | IPv6Address]:
        return [ip_address(a) for a in addresses]

    return fake


@pytest.mark.anyio
@pytest.mark.parametrize(
    "addresses",
    [("10.0.0.1",), ("93.184.216.34", "10.0.0.1"), ("2606:4700::1111", "::ffff:127.0.0.1")],
)
async def test_refused_host_never_reaches_inner_connect(
    monkeypatch: pytest.MonkeyPatch, addresses: tuple[str, ...]
) -> None:
    monkeypatch.setattr(guard, "resolve", resolving_to(*addresses))
    inner = Recorder()
    with pytest.raises(BlockedAddressError, match=r"for internal\.example"):
        await GuardedBackend([], inner).connect_tcp("internal.example", 80)
    assert inner.calls == []


@pytest.mark.anyio
async def test_allowed_host_is_connected_by_ip() -> None:
    inner = Recorder()
    await GuardedBackend(LOOPBACK, inner).connect_tcp("localhost", 80)
    assert inner.calls == ["127.0.0.1"]


@pytest.mark.anyio
async def test_next_address_is_tried_when_one_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "resolve", resolving_to("93.184.216.34", "2606:4700::1111"))
    inner = Recorder(down={"93.184.216.34"})
    await GuardedBackend([], inner).connect_tcp("example.test", 80)
    assert inner.calls == ["93.184.216.34", "2606:4700::1111"]


@pytest.mark.anyio
async def test_unix_sockets_are_refused() -> None:
    inner = Recorder()
    with pytest.raises(BlockedAddressError):
        await GuardedBackend(LOOPBACK, inner).connect_unix_socket("/run/docker.sock")


def test_transport_internals_still_match() -> None:
    """Fails loudly if httpx stops keeping its httpcore pool in AsyncHTTPTransport._pool."""
    transport = guarded_transport(LOOPBACK)
    assert isinstance(transport._pool, httpcore.AsyncConnectionPool)
    backend = transport._pool._network_backend
    assert isinstance(backend, GuardedBackend)
    assert backend.allow == tuple(LOOPBACK)


@pytest.mark.anyio
async def test_allowed_loopback_server_answers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("ok")
    async with httpx.AsyncClient(transport=guarded_transport(LOOPBACK)) as client:
        response = await client.get(httpserver.url_for("/"))
    assert (response.status_code, response.text) == (200, "ok")


@pytest.mark.anyio
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0x7f000001"])
async def test_loopback_server_is_refused_without_allowance(
    httpserver: HTTPServer, host: str
) -> None:
    async with httpx.AsyncClient(transport=guarded_transport([])) as client:
        with pytest.raises(BlockedAddressError, match=r"refused 127\.0\.0\.1 \(loopback\)"):
            await client.get(f"http://{host}:{httpserver.port}/")
    assert httpserver.log == []


@pytest.mark.anyio
async def test_redirect_hop_is_checked(httpserver: HTTPServer) -> None:
    target = f"http://127.0.0.2:{httpserver.port}/"
    httpserver.expect_request("/").respond_with_data("", 302, {"Location": target})
    transport = guarded_transport(LOOPBACK)
    backend = transport._pool._network_backend
    assert isinstance(backend, GuardedBackend)
    backend.inner = recorder = Recorder(real=httpcore.AnyIOBackend())
    async with httpx.AsyncClient(transport=transport, follow_redirects=True) as client:
        with pytest.raises(BlockedAddressError, match=r"refused 127\.0\.0\.2"):
            await client.get(httpserver.url_for("/"))
    assert recorder.calls == ["127.0.0.1"]
