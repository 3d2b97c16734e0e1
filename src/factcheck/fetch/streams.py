"""httpcore's network streams on plain asyncio, without the AnyIO layer in between.

httpcore's default backend goes through AnyIO, which opens a cancel scope and asks which
event loop runs for every read and every write: about a sixth of the CPU of a
revalidation, measured against loopback. factcheck runs on asyncio only, so these streams
use asyncio's own. They only move bytes: which address may be connected to is decided
before, by `guard.GuardedBackend`, which connects through `AsyncioBackend` to an address
it has checked.
"""

from __future__ import annotations

import asyncio
import select
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore

__all__ = ["AsyncioBackend", "AsyncioStream"]


def _within(timeout: float | None) -> str:
    """The end of a time-out's message: "within 10 s", or "in time" for the system's own."""
    return f"within {timeout:g} s" if timeout is not None else "in time"


class AsyncioStream(httpcore.AsyncNetworkStream):
    """One TCP connection (TLS once `start_tls` has run) as asyncio streams."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader, self._writer = reader, writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Up to ``max_bytes`` as they arrive; b"" once the peer has closed."""
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError:
            raise httpcore.ReadTimeout(f"no data {_within(timeout)}") from None
        except (OSError, ssl.SSLError) as exc:
            raise httpcore.ReadError(str(exc) or type(exc).__name__) from None

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Send ``buffer`` whole, waiting while the peer reads too slowly to take it."""
        if not buffer:
            return
        try:
            async with asyncio.timeout(timeout):
                self._writer.write(buffer)
                await self._writer.drain()
        except TimeoutError:
            raise httpcore.WriteTimeout(f"could not send {_within(timeout)}") from None
        except (OSError, ssl.SSLError) as exc:
            raise httpcore.WriteError(str(exc) or type(exc).__name__) from None

    async def aclose(self) -> None:
        """Close at once; nothing waits on a peer that does not answer the close."""
        self._writer.transport.abort()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Upgrade the connection to TLS, the certificate checked by ``ssl_context``."""
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except TimeoutError:
            await self.aclose()
            raise httpcore.ConnectTimeout(f"no TLS handshake {_within(timeout)}") from None
        except (OSError, ssl.SSLError) as exc:
            await self.aclose()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from None
        return self

    def get_extra_info(self, info: str) -> Any:
        """What httpcore asks of a connection: its TLS object, addresses, socket, and
        whether it is readable while idle (a server that closed it, or sent junk)."""
        if info == "ssl_object":
            return self._writer.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._writer.get_extra_info("sockname")
        if info == "server_addr":
            return self._writer.get_extra_info("peername")
        if info == "socket":
            return self._writer.get_extra_info("socket")
        if info == "is_readable":
            return self._idle_readable()
        return None

    def _idle_readable(self) -> bool:
        """Whether an idle connection has something to read: the peer's close, which the
        event loop may already have read off the socket, or bytes still on it."""
        if self._reader.at_eof() or self._writer.transport.is_closing():
            return True
        sock = self._writer.get_extra_info("socket")
        if sock is None or sock.fileno() < 0:
            return True
        poll = select.poll()
        poll.register(sock.fileno(), select.POLLIN)
        return bool(poll.poll(0))


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Connect with asyncio (to an address the guard has checked; see `guard`)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Open a TCP connection (asyncio sets TCP_NODELAY, as AnyIO does)."""
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=(local_address, 0) if local_address else None
                )
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"no connection {_within(timeout)}") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from None
        sock = writer.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Refused: only TCP connections are made."""
        raise httpcore.ConnectError(f"refused Unix socket {path!r}")

    async def sleep(self, seconds: float) -> None:
        """Wait on the event loop."""
        await asyncio.sleep(seconds)
