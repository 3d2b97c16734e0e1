"""The asyncio network streams under the guarded transport, against real loopback servers:
plain HTTP, TLS checked against a test CA, time-outs, and a server that drops an idle
connection."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Iterator
from ipaddress import ip_network
from typing import Any

import httpcore
import httpx
import pytest
import trustme

from factcheck.fetch.guard import GuardedBackend, guarded_transport
from factcheck.fetch.streams import AsyncioBackend

from .keepalive import PortsNoted, serving

LOOPBACK = [ip_network("127.0.0.1/32")]
BODY = b"<p>The bridge reopened on 3 May.</p>" * 200  # several reads' worth


class _Pages(PortsNoted):
    """/page answers BODY; /close answers it and then closes the connection."""

    def answer(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
        if self.path == "/close":
            self.close_connection = True


@pytest.fixture
def plain() -> Iterator[tuple[str, list[int]]]:
    with serving(_Pages) as (port, ports):
        yield f"http://127.0.0.1:{port}", ports


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls(ca: trustme.CA) -> Iterator[tuple[str, list[int]]]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    with serving(_Pages, context) as (port, ports):
        yield f"https://localhost:{port}", ports


def _get(
    url: str, *paths: str, verify: ssl.SSLContext | bool = True, pause: float = 0.0
) -> list[httpx.Response]:
    """GET each path in turn on one guarded transport (one client, so one connection pool),
    ``pause`` seconds apart."""

    async def run() -> list[httpx.Response]:
        transport = guarded_transport(LOOPBACK, verify=verify)
        responses = []
        async with httpx.AsyncClient(transport=transport, timeout=5) as client:
            for path in paths:
                responses.append(await client.get(url + path))
                await asyncio.sleep(pause)
        return responses

    return asyncio.run(run())


def test_the_guarded_transport_connects_through_asyncio_streams() -> None:
    backend = guarded_transport(LOOPBACK)._pool._network_backend
    assert isinstance(backend, GuardedBackend)
    assert isinstance(backend.inner, AsyncioBackend)


def test_a_body_of_many_reads_arrives_whole_on_one_kept_connection(
    plain: tuple[str, list[int]],
) -> None:
    url, ports = plain
    responses = _get(url, "/page", "/page", "/page")
    assert [r.content for r in responses] == [BODY] * 3
    assert len(set(ports)) == 1


def test_a_connection_the_server_closed_is_not_used_again(plain: tuple[str, list[int]]) -> None:
    """After "/close" the server hangs up; the idle connection reads as closed, so the
    next request opens a new one instead of failing on the dead one. (The pause lets the
    close arrive: a request sent before it would meet it on the way, with any client.)"""
    url, ports = plain
    responses = _get(url, "/close", "/page", "/page", pause=0.1)
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert ports[1] != ports[0]
    assert ports[2] == ports[1]


def test_tls_with_a_trusted_certificate(ca: trustme.CA, tls: tuple[str, list[int]]) -> None:
    url, ports = tls
    trusted = ssl.create_default_context()
    ca.configure_trust(trusted)
    responses = _get(url, "/page", "/page", "/page", verify=trusted, pause=0.05)
    assert [r.content for r in responses] == [BODY] * 3
    assert len(set(ports)) == 1  # one handshake: what arrives after it is not taken for a close


def test_tls_with_a_certificate_nobody_vouches_for_is_refused(tls: tuple[str, list[int]]) -> None:
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        _get(tls[0], "/page", verify=ssl.create_default_context())


def test_tls_for_another_name_is_refused(ca: trustme.CA) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("elsewhere.example").configure_cert(context)
    trusted = ssl.create_default_context()
    ca.configure_trust(trusted)
    with (
        serving(_Pages, context) as (port, _),
        pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        _get(f"https://localhost:{port}", "/page", verify=trusted)


@pytest.fixture
def silent() -> Iterator[int]:
    """A server that accepts connections and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.mark.parametrize(
    ("scheme", "error"),
    [("http", httpx.ReadTimeout), ("https", httpx.ConnectTimeout)],  # TLS: no handshake
)
def test_a_silent_server_is_a_timeout(silent: int, scheme: str, error: type[Exception]) -> None:
    async def run() -> Any:
        transport = guarded_transport(LOOPBACK)
        async with httpx.AsyncClient(transport=transport, timeout=0.3) as client:
            return await client.get(f"{scheme}://127.0.0.1:{silent}/")

    with pytest.raises(error):
        asyncio.run(run())


def test_a_closed_port_is_a_connect_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(httpx.ConnectError):
        _get(f"http://127.0.0.1:{port}", "/")


def test_unix_sockets_are_refused_by_the_streams_too() -> None:
    async def run() -> Any:
        return await AsyncioBackend().connect_unix_socket("/run/docker.sock")

    with pytest.raises(httpcore.ConnectError, match="refused"):
        asyncio.run(run())
