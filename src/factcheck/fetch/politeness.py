"""Politeness: one request at a time per host, a gap between them, a global cap.

`Turn` is held for one request: it waits for the host's turn (after its delay, which
robots.txt's Crawl-delay may lengthen) and for one of the client's global slots.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Host", "Turn", "Waiting"]

Waiting = Callable[[str, float, str], None]  # (host, seconds, why): a host holds a request back


@dataclass
class Host:
    """Politeness state of one host: one request at a time, a gap between them."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    ready_at: float = 0.0
    delay: float = 0.0
    name: str = ""  # host[:port], as a progress display names it


class Turn:
    """Wait for a host's turn and a global slot; hold both for one request."""

    def __init__(
        self, host: Host, slots: asyncio.Semaphore, on_wait: Waiting | None = None
    ) -> None:
        self.host, self.slots, self.on_wait = host, slots, on_wait

    async def __aenter__(self) -> None:
        await self.host.lock.acquire()
        ready = False
        try:
            wait = self.host.ready_at - time.monotonic()
            if wait > 0:
                if self.on_wait is not None:
                    self.on_wait(self.host.name, wait, "politeness")
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
