"""robots.txt per origin, by RFC 9309's rules, parsed with Protego."""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

__all__ = ["AGENT", "RobotsPolicy", "policy_for"]

AGENT = "factcheck"  # the product token robots.txt rules are matched against
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB


@dataclass(frozen=True, slots=True)
class RobotsPolicy:
    """What one origin's robots.txt lets us fetch."""

    rules: Protego | None
    allow_all: bool
    reason: str

    def allows(self, url: str) -> bool:
        """True when the URL may be fetched."""
        if self.rules is None:
            return self.allow_all
        return bool(self.rules.can_fetch(url, AGENT))

    def crawl_delay(self) -> float | None:
        """The Crawl-delay the origin asks of us, if any."""
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(AGENT)
        return float(delay) if delay is not None else None


def policy_for(status: int | None, body: bytes) -> RobotsPolicy:
    """The policy a robots.txt answer implies (RFC 9309, section 2.3.1).

    Args:
        status: the final HTTP status, or None when the server could not be reached.
        body: the robots.txt body for a 2xx answer.
    """
    if status is None:
        return RobotsPolicy(
            None, False, "robots.txt unreachable: assuming everything is disallowed"
        )
    if 200 <= status < 300:
        text = body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        return RobotsPolicy(Protego.parse(text), True, "disallowed by robots.txt")
    if 400 <= status < 500 and status != 429:  # 429 asks us to slow down: treat it as 5xx
        return RobotsPolicy(None, True, f"robots.txt answered {status}: everything allowed")
    return RobotsPolicy(
        None, False, f"robots.txt answered {status}: assuming everything is disallowed"
    )
