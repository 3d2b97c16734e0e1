"""A keep-alive HTTP/1.1 server on 127.0.0.1, in a thread, that notes each request's client
port, so a test can tell whether the client kept its connection or opened a new one."""

from __future__ import annotations

import contextlib
import http.server
import ssl
import threading
from collections.abc import Iterator


class PortsNoted(http.server.BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive; each GET's client port is noted, then `answer` replies."""

    protocol_version = "HTTP/1.1"
    ports: list[int]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.ports.append(self.client_address[1])
        self.answer()

    def answer(self) -> None:
        raise NotImplementedError


@contextlib.contextmanager
def serving(
    handler: type[PortsNoted], tls: ssl.SSLContext | None = None
) -> Iterator[tuple[int, list[int]]]:
    """Serve ``handler`` (over TLS with ``tls``) until the block ends: its port, and the
    client port of each request, in order."""
    ports: list[int] = []
    noted = type("Handler", (handler,), {"ports": ports})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), noted)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd.server_address[1], ports
    finally:
        httpd.shutdown()
        httpd.server_close()
