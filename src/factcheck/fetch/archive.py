"""Archive lookups (Memento, RFC 7089): what to ask a TimeGate, and what its answer means.

`memento` sends the request through the fetcher's guard and politeness
(`Fetcher.answer_to`) and reads the answer's headers: a redirect to the archived copy,
or the copy itself with its own location, and the datetime the archive gives it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from factcheck.fetch.urls import url_problem
from factcheck.models import Memento

if TYPE_CHECKING:  # the client imports this module
    from factcheck.fetch.client import Fetcher

__all__ = ["REDIRECT_STATUSES", "accept_datetime", "memento", "timegate_answer"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_LINK = re.compile(r'<([^>]*)>\s*((?:;\s*[\w-]+\s*=\s*(?:"[^"]*"|[^;,]*)\s*)*)')


def _links(headers: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """The targets of a Link header with their attributes (names in lower case)."""
    out = []
    for target, params in _LINK.findall(headers.get("link", "")):
        attrs = {k.lower(): v for k, v in re.findall(r'([\w-]+)\s*=\s*"?([^";]*)"?', params)}
        out.append((target, attrs))
    return out


def _link_target(headers: dict[str, str], rel: str) -> str | None:
    """The first Link target with relation ``rel``."""
    for target, attrs in _links(headers):
        if rel in attrs.get("rel", "").lower().split():
            return target
    return None


def _link_datetime(headers: dict[str, str], copy: str) -> str | None:
    """The ``datetime`` a TimeGate's Link header gives the memento at ``copy``, if any."""
    for target, attrs in _links(headers):
        if "memento" in attrs.get("rel", "").lower().split() and target == copy:
            return attrs.get("datetime")
    return None


def accept_datetime(when: dt.datetime) -> str:
    """The ``Accept-Datetime`` header asking for the copy nearest ``when``."""
    return email.utils.format_datetime(when.astimezone(dt.UTC), True)


def timegate_answer(gate: str, status: int, headers: dict[str, str]) -> Memento | None:
    """The archived copy a TimeGate's answer to ``gate`` points to; None if it gives none."""
    found = {k.lower(): v for k, v in headers.items()}
    if status in REDIRECT_STATUSES and found.get("location"):
        copy = urljoin(gate, found["location"])
    elif status == 200 and "memento-datetime" in found:
        # the TimeGate answered with the memento itself (RFC 7089, pattern 2.2): read it
        # again where it says it lives, since asking the gate again would need the header
        where = found.get("content-location") or _link_target(found, "memento")
        if not where:
            return None
        copy = urljoin(gate, where)
    else:
        return None
    return Memento(copy, found.get("memento-datetime") or _link_datetime(found, copy))


async def memento(fetcher: Fetcher, timegate: str, url: str, when: dt.datetime) -> Memento | None:
    """Ask a Memento TimeGate (RFC 7089) for the archived copy of ``url`` nearest ``when``.

    ``timegate`` is the TimeGate's prefix (the Wayback Machine's is
    ``https://web.archive.org/web/``); the original URL is appended to it. The request
    goes through the same SSRF guard and politeness; like a search API it does not
    consult robots.txt. Returns None when there is no copy or no usable answer.
    """
    gate = timegate + url
    if fetcher.offline or url_problem(gate):
        return None
    answer = await fetcher.answer_to(gate, {"Accept-Datetime": accept_datetime(when)})
    if answer is None:
        return None
    found = timegate_answer(gate, *answer)
    if found is None or url_problem(found.url):
        return None
    return found
