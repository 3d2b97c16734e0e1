"""A private HTTP cache (RFC 9111) in one SQLite file under ``cache/``.

Only what a fact-checker's fetches need: successful GET responses are stored with their
headers and decoded body, served while fresh, revalidated with their validators (ETag,
Last-Modified) when stale or when the caller insists (``Cache-Control: no-cache``), and
refreshed in place by a 304. ``no-store`` is never stored; ``no-cache`` is always
revalidated; ``Vary: *`` is not stored.

A 304 refreshes the stored response only when its validators select it (RFC 9111
§4.3.4, `validators.selects`); a stored response answers only a request that sends
the same values of the headers its ``Vary`` names; a response that may not be stored
(``no-store``, ``Vary: *``) also drops the older copy it replaces.

Why not hishel (2.0.0 read): its RFC state machine selects stored responses for a 304
as §4.3.4 says, but its async SQLite storage still goes through anysqlite, a worker
thread hop for every statement (about ninety a request; it doubled the cost of a cold
fetch and made a re-check of unchanged pages cost as much as downloading them,
benchmarks/bench_fetch.py); it keeps redirects only when RFC-cacheable, while
``--offline`` must be able to follow any redirect it saw; and as a transport it sits
between httpx and the guarded transport, so the capped decompression of
`body.read_capped` (which reads ``aiter_raw``) and the nightly re-check's
``no-cache`` revalidation would have to be rebuilt around its stream and state machine.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck.errors import StorageError
from factcheck.fetch.validators import selecting_headers, vary_matches

__all__ = ["HttpCache", "Stored", "cacheable", "directives"]

# Headers a 304 may update on the stored response (RFC 9111, section 4.3.4).
_KEPT_FROM_304 = ("cache-control", "date", "etag", "expires", "last-modified", "vary", "age")
HEURISTIC_FRACTION = 0.1  # of the time since Last-Modified, as RFC 9111 suggests
HEURISTIC_CAP = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored response: headers (lower-case names), decoded body, when it was received."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    received: float  # epoch seconds when the response (or its last 304) arrived
    request: dict[str, str | None] | None = None  # the request's values of the Vary headers
    sha256: str | None = None  # of the body, kept so that a 304 does not hash it again

    @property
    def validators(self) -> dict[str, str]:
        """The conditional request headers that revalidate this response."""
        found = {}
        if "etag" in self.headers:
            found["If-None-Match"] = self.headers["etag"]
        if "last-modified" in self.headers:
            found["If-Modified-Since"] = self.headers["last-modified"]
        return found

    def fresh(self, now: float | None = None) -> bool:
        """True while the response may be served without asking the origin."""
        rules = directives(self.headers.get("cache-control", ""))
        if "no-cache" in rules:
            return False
        now = time.time() if now is None else now
        age = _seconds(self.headers.get("age")) + max(0.0, now - self.received)
        return age < self._lifetime()

    def _lifetime(self) -> float:
        rules = directives(self.headers.get("cache-control", ""))
        if "max-age" in rules:
            return _seconds(rules["max-age"])
        date = _epoch(self.headers.get("date")) or self.received
        expires = self.headers.get("expires")
        if expires is not None:
            when = _epoch(expires)
            return max(0.0, when - date) if when is not None else 0.0  # invalid: already stale
        modified = _epoch(self.headers.get("last-modified"))
        if modified is not None and self.status == 200:
            return min(HEURISTIC_CAP, max(0.0, (date - modified) * HEURISTIC_FRACTION))
        return 0.0


def directives(value: str) -> dict[str, str]:
    """Cache-Control directives, lower-case, with their values ("" when none)."""
    found = {}
    for part in value.split(","):
        name, _, arg = part.strip().partition("=")
        if name:
            found[name.lower()] = arg.strip().strip('"')
    return found


def cacheable(status: int, headers: Mapping[str, str]) -> bool:
    """True for a response this private cache may store (pages, and redirects to them)."""
    rules = directives(headers.get("cache-control", ""))
    kept = status == 200 or (status in (301, 302, 303, 307, 308) and "location" in headers)
    return kept and "no-store" not in rules and headers.get("vary", "").strip() != "*"


def _seconds(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0


def _epoch(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None


WRITES_PER_COMMIT = 100  # writes committed together, at most
COMMIT_SECONDS = 0.5  # seconds a write waits for its commit (and holds the lock), at most


class HttpCache:
    """Stored responses by URL in ``path`` (SQLite, WAL); safe for several processes.

    Writes are committed together, `WRITES_PER_COMMIT` at most and none waiting over
    `COMMIT_SECONDS` (a timer commits them), so one commit per page is not what a
    re-check of unchanged pages costs; a killed process loses at most those writes,
    which only means asking the origin again. A write that fails (a full disk, a file
    gone read-only) raises StorageError naming the file and drops the writes not yet
    committed, so the cache stays whole.
    """

    def __init__(self, db: sqlite3.Connection, path: Path | None = None) -> None:
        self._db = db
        self.path = path
        self._lock = threading.Lock()  # the timer's thread commits too
        self._writes = 0  # in the open transaction
        self._timer: threading.Timer | None = None
        self._closed = False  # a timer that fires late finds nothing to commit

    @classmethod
    def open(cls, path: Path) -> HttpCache:
        """Open (or create) the cache file.

        Raises:
            StorageError: the folder or the file cannot be used as a cache.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS responses (url TEXT PRIMARY KEY, status INTEGER NOT NULL,"
                " headers TEXT NOT NULL, body BLOB NOT NULL, received REAL NOT NULL)"
            )
            _add_columns(db)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot use it as the HTTP cache: {exc}", path=path) from None
        return cls(db, path)

    def get(self, url: str, request: Mapping[str, str] | None = None) -> Stored | None:
        """The stored response for a URL, if any (and, given the request's headers, if its
        ``Vary`` lets it answer them)."""
        with self._lock:
            row = self._db.execute(
                "SELECT status, headers, body, received, request, sha256 FROM responses"
                " WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None:
            return None
        body = bytes(row[2])
        stored = Stored(
            url,
            row[0],
            json.loads(row[1]),
            body,
            row[3],
            json.loads(row[4]) if row[4] else None,
            row[5] or hashlib.sha256(body).hexdigest(),  # a row stored before it was kept
        )
        vary = stored.headers.get("vary", "")
        if request is not None and vary and not vary_matches(vary, stored.request or {}, request):
            return None
        return stored

    def put(
        self,
        url: str,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
        request: Mapping[str, str] | None = None,
    ) -> Stored:
        """Store a response (headers as received, body decoded); replaces any older one.

        Args:
            request: the headers of the request it answers; the values of those its
                ``Vary`` names are kept, so that only a like request gets it back.
        """
        kept = {k.lower(): v for k, v in headers.items()}
        kept.pop("content-encoding", None)  # the body is stored decoded
        kept.pop("content-length", None)
        chosen = selecting_headers(kept.get("vary", ""), request or {})
        stored = Stored(
            url, status, kept, body, time.time(), chosen, hashlib.sha256(body).hexdigest()
        )
        self._save(stored)
        return stored

    def refresh(self, stored: Stored, headers: Mapping[str, str]) -> Stored:
        """Apply a 304's headers to the stored response and restart its age.

        Only for a 304 whose validators select ``stored`` (`validators.selects`).
        """
        update = {k.lower(): v for k, v in headers.items() if k.lower() in _KEPT_FROM_304}
        fresh = replace(stored, headers={**stored.headers, **update}, received=time.time())
        self._run(  # the body is unchanged: leave it where it is (and keep its hash, which
            # a row from an older factcheck lacked, so that it is not hashed on every read)
            "UPDATE responses SET headers = ?, received = ?, sha256 = ? WHERE url = ?",
            (json.dumps(fresh.headers), fresh.received, fresh.sha256, fresh.url),
        )
        return fresh

    def forget(self, url: str) -> None:
        """Drop the stored response for a URL (a newer answer may not be stored)."""
        self._run("DELETE FROM responses WHERE url = ?", (url,))

    def _save(self, stored: Stored) -> None:
        self._run(
            "INSERT OR REPLACE INTO responses"
            " (url, status, headers, body, received, request, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                stored.url,
                stored.status,
                json.dumps(stored.headers),
                stored.body,
                stored.received,
                json.dumps(stored.request) if stored.request else None,
                stored.sha256,
            ),
        )

    def _run(self, sql: str, params: tuple[object, ...]) -> None:
        """One write, committed with the next few; a failure (full disk, read-only file) is
        a StorageError naming the file."""
        with self._failing():
            if not self._db.in_transaction:
                self._db.execute("BEGIN IMMEDIATE")
                self._timer = threading.Timer(COMMIT_SECONDS, self._commit_later)
                self._timer.daemon = True
                self._timer.start()
            self._db.execute(sql, params)
            self._writes += 1
            if self._writes >= WRITES_PER_COMMIT:
                self._end("COMMIT")

    def commit(self) -> None:
        """Commit the writes not committed yet, now."""
        with self._failing():
            self._end("COMMIT")

    @contextlib.contextmanager
    def _failing(self) -> Iterator[None]:
        """Hold the lock; on an SQLite error drop the pending writes and raise StorageError."""
        with self._lock:
            try:
                yield
            except sqlite3.Error as exc:
                self._end("ROLLBACK")  # the cache stays whole
                where = self.path if self.path is not None else "the HTTP cache"
                raise StorageError(f"cannot write to the HTTP cache: {exc}", path=where) from None

    def _commit_later(self) -> None:
        """The timer's commit: a failure drops the writes, and the next write tells of it."""
        with contextlib.suppress(StorageError):
            self.commit()

    def _end(self, verb: str) -> None:
        """COMMIT or ROLLBACK the open transaction, if any, and stop its timer."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._writes = 0
        if not self._closed and self._db.in_transaction:
            self._db.execute(verb)

    def close(self) -> None:
        """Commit what is pending and close the database."""
        try:
            self.commit()
        finally:
            with self._lock:
                self._closed = True
                self._db.close()


def _add_columns(db: sqlite3.Connection) -> None:
    """Give a cache file made by an older factcheck the columns it lacks: ``request``
    (before ``Vary`` was honoured) and ``sha256`` (before a body's hash was kept; its
    rows read None there, and their bodies are hashed when read)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(responses)")}
    for name in ("request", "sha256"):
        if name not in columns:
            db.execute(f"ALTER TABLE responses ADD COLUMN {name} TEXT")
