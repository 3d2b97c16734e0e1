"""The only door to SQLite: open (migrate, WAL), save runs, sources and results, read them.

Every write is one unit of work in its own ``BEGIN IMMEDIATE`` transaction, so a run
killed at any moment leaves whole units only, and re-saving a unit replaces it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from sqlite_utils import Database

from factcheck import __version__, migrations
from factcheck.errors import StorageError
from factcheck.models import (
    Citation,
    Claim,
    ClaimResult,
    CorpusDoc,
    CorpusHit,
    Fetched,
    SourceCheck,
    SourceText,
    Stance,
    Verdict,
)
from factcheck.text import extractor_version

__all__ = ["BUSY_TIMEOUT", "Store"]

BUSY_TIMEOUT = 30.0  # seconds a unit waits for another process's unit to finish

_FETCH_FIELDS = (
    *("url", "final_url", "outcome", "reason", "status", "content_type", "sha256", "etag"),
    *("last_modified", "from_cache", "revalidated", "attempts"),
)

_UPSERT_CLAIM = """
INSERT INTO claims (file, claim_id, text, quote, line, date_text, date_start, date_end,
  precision, qualifier, keywords, sources, first_seen_run, last_seen_run)
VALUES (:file, :claim_id, :text, :quote, :line, :date_text, :date_start, :date_end,
  :precision, :qualifier, :keywords, :sources, :run_id, :run_id)
ON CONFLICT (file, claim_id) DO UPDATE SET
  text = excluded.text, quote = excluded.quote, line = excluded.line,
  date_text = excluded.date_text, date_start = excluded.date_start,
  date_end = excluded.date_end, precision = excluded.precision,
  qualifier = excluded.qualifier, keywords = excluded.keywords, sources = excluded.sources,
  last_seen_run = excluded.last_seen_run
WHERE excluded.last_seen_run >= claims.last_seen_run
"""

_PREVIOUS = """
SELECT verdict FROM verdicts WHERE file = ? AND claim_id = ? AND run_id < ?
ORDER BY run_id DESC LIMIT 1
"""

# the claim's fields kept with each verdict, so a past verdict is shown with the claim it judged
_SNAPSHOT = (
    *("text", "quote", "line", "date_text", "date_start", "date_end", "precision"),
    *("qualifier", "keywords", "sources"),
)

_LATEST_RUN = "SELECT max(run_id) FROM verdicts WHERE file = ? AND claim_id = ?"

_DEATHS = ("unreachable", "timeout")  # outcomes that count towards a source's death


def is_death(outcome: str, status: int | None) -> bool:
    """True for a failed fetch that says the page is gone: 404, 410, 5xx, no answer."""
    if outcome == "http-error":
        return status is not None and (status in (404, 410) or status >= 500)
    return outcome in _DEATHS


_REUSABLE = """
SELECT run_id, verdict, automatic, reason, uncovered FROM verdicts
WHERE file = ? AND claim_id = ? AND basis = ? ORDER BY run_id DESC LIMIT 1
"""

_LATEST_CITATIONS = """
SELECT c.* FROM citations c
WHERE c.run_id = (
  SELECT max(v.run_id) FROM verdicts v WHERE v.file = c.file AND v.claim_id = c.claim_id
) {where}
ORDER BY c.file, c.claim_id, c.position
"""


def _busy(exc: sqlite3.OperationalError) -> bool:
    """True when the error says another connection holds a lock."""
    return exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _when(value: str | None) -> dt.datetime | None:
    """A stored ISO 8601 time, or None."""
    return dt.datetime.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    """ISO 8601 text of a date or datetime, or None."""
    return None if value is None else value.isoformat()


def _json(value: object) -> str:
    """Canonical JSON (sorted keys; anything unknown as its str)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _insert(db: Database, table: str, row: Mapping[str, object], verb: str = "INSERT") -> None:
    """One row by plain SQL: sqlite-utils' insert inspects the table on every call."""
    names = ", ".join(row)
    marks = ", ".join(f":{k}" for k in row)
    db.execute(f"{verb} INTO {table} ({names}) VALUES ({marks})", dict(row))


class Store:
    """A factcheck database: one connection, safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Wrap an open connection; use :meth:`Store.open` instead."""
        self.path = path
        self._conn = conn
        self._db = Database(conn, execute_plugins=False)
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path) -> Self:
        """Open (or create) the database at ``path``, in WAL mode, migrated to this schema.

        Raises:
            StorageError: the file is not a SQLite database, belongs to another program,
                was written by a newer factcheck, or cannot be opened.
        """
        path = Path(path)
        if path.is_dir():
            raise StorageError("is a folder, not a database file", path=path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot open the database: {exc}", path=path) from None
        opened = False
        try:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                if exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_NOTADB:
                    raise StorageError(f"not a SQLite database ({exc})", path=path) from None
                raise StorageError(f"cannot open the database: {exc}", path=path) from None
            store = cls(conn, path)
            store._prepare()
            opened = True
        finally:
            if not opened:
                conn.close()
        return store

    def _prepare(self) -> None:
        """Refuse a foreign or newer schema, switch to WAL, apply pending migrations."""
        self._refuse_foreign()
        self._wal()
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a kill loses no commit
        if migrations.pending(self._db):
            with self._write() as db:
                self._refuse_foreign()  # again, now that no one else can be migrating
                migrations.apply(db)

    def _wal(self) -> None:
        """Switch to WAL; SQLite does not wait for a lock here, so retry until the timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        while self._conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                if time.monotonic() > deadline:
                    raise self._busy_error() from None
                time.sleep(0.05)

    def _busy_error(self) -> StorageError:
        """The error for a database another process kept locked past the timeout."""
        return StorageError(
            f"{self.path}: busy for over {BUSY_TIMEOUT:g} s; is another factcheck writing to it?"
        )

    def _refuse_foreign(self) -> None:
        """Raise when the database is not factcheck's or is newer than this factcheck."""
        applied = migrations.applied(self._db)
        unknown = [name for name in applied if name not in migrations.NAMES]
        meta = migrations.meta(self._db)
        schema = max(len(applied), int(meta.get("schema_version", "0") or 0))
        if unknown or schema > len(migrations.NAMES):
            by = f"{meta['migrated_by']}: " if "migrated_by" in meta else ""
            raise StorageError(
                f"{self.path} was written by a newer factcheck ({by}schema {schema}, "
                f"this one knows {len(migrations.NAMES)}); upgrade factcheck"
            )
        if not applied:
            tables = [
                t for t in self._db.table_names() if t != migrations.migrations.migrations_table
            ]
            if tables:
                raise StorageError(
                    f"{self.path} is a SQLite database but not factcheck's "
                    f"(it has tables {', '.join(sorted(tables))}); choose another database file"
                )

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One unit of work: BEGIN IMMEDIATE, COMMIT at the end, ROLLBACK on any exception."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                raise self._busy_error() from None
            try:
                yield self._db
                self._conn.execute("COMMIT")
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")

    @contextmanager
    def _read(self) -> Iterator[Database]:
        """A read-only transaction: every query inside sees the same snapshot."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self._db
            finally:
                self._conn.execute("ROLLBACK")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        """Use the store in a ``with`` block; it closes at the end."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()

    # writes: one unit each

    def start_run(self, command: str, settings: Mapping[str, object]) -> int:
        """Record a new run as ``running``; return its id."""
        row = {
            "command": command,
            "started_at": _now(),
            "status": "running",
            "settings": _json(dict(settings)),
            "version": __version__,
        }
        with self._write() as db:
            run_id = db.table("runs").insert(row).last_rowid
        assert run_id is not None
        return run_id

    def finish_run(
        self,
        run_id: int,
        counts: Mapping[str, int],
        status: Literal["done", "failed"] = "done",
    ) -> None:
        """Record the end of a run, its counts and how it ended."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                [_now(), status, _json(dict(counts)), run_id],
            )
            if cursor.rowcount == 0:
                raise StorageError(f"{self.path}: no run {run_id}")

    def save_source(self, run_id: int, fetched: Fetched, text: SourceText | None) -> None:
        """Record one fetch of a source in a run (replacing an earlier save) and its text.

        A text is stored once per sha256 and extractor: a new extractor's reading of the
        same body is kept beside the old one, and each citation names the one it quotes.
        """
        fetch = {k: getattr(fetched, k) for k in _FETCH_FIELDS}
        fetch |= {"run_id": run_id, "fetched_at": _iso(fetched.fetched_at)}
        with self._write() as db:
            source = {"url": fetched.url, "first_seen_run": run_id}
            _insert(db, "sources", source, "INSERT OR IGNORE")
            _insert(db, "fetches", fetch, "INSERT OR REPLACE")
            reading = None if text is None else (text.extractor or extractor_version())
            known = (
                text is None
                or db.execute(
                    "SELECT 1 FROM texts WHERE sha256 = ? AND extractor = ?", [text.sha256, reading]
                ).fetchone()
            )
            if text is not None and not known:
                row = {
                    "sha256": text.sha256,
                    "extractor": reading,
                    "text": text.text,
                    "title": text.title,
                    "published": _iso(text.published),
                    "error": text.error,
                    "stored_at": _now(),
                }
                _insert(db, "texts", row, "INSERT OR IGNORE")

    def save_result(
        self,
        run_id: int,
        file: str,
        result: ClaimResult,
        basis: str | None = None,
        *,
        if_latest: int | None = None,
    ) -> bool | None:
        """Record a claim's verdict and citations in a run, replacing an earlier save.

        Args:
            basis: the hash of what the verdict rests on (`pipeline.basis`), so that a
                later run can reuse it when nothing changed.
            if_latest: a re-check's condition: save only while the claim's latest verdict
                is still the one of this run; the claim's row is then left as it is.

        Returns:
            True when the verdict differs from the claim's verdict in the previous run
            that has one (a claim's first verdict is not a change); None when
            ``if_latest`` did not hold and nothing was saved.
        """
        claim, date = result.claim, result.claim.date
        claim_row = {
            "file": file,
            "claim_id": claim.id,
            "text": claim.text,
            "quote": claim.quote,
            "line": claim.line,
            "date_text": date.text if date else None,
            "date_start": _iso(date.start) if date else None,
            "date_end": _iso(date.end) if date else None,
            "precision": date.precision.value if date else None,
            "qualifier": date.qualifier.value if date else None,
            "keywords": _json(list(claim.keywords)),
            "sources": _json(list(claim.sources)),
            "run_id": run_id,
        }
        snapshot = {k: claim_row[k] for k in _SNAPSHOT}
        key = [run_id, file, claim.id]
        with self._write() as db:
            if if_latest is not None:
                latest = db.execute(_LATEST_RUN, [file, claim.id]).fetchone()[0]
                if latest != if_latest:
                    return None
            else:
                db.execute(_UPSERT_CLAIM, claim_row)
            db.execute("DELETE FROM citations WHERE run_id = ? AND file = ? AND claim_id = ?", key)
            for i, cite in enumerate(_unique(result.citations)):
                _insert(db, "citations", _citation_row(key, i, cite))
            previous = db.execute(_PREVIOUS, [file, claim.id, run_id]).fetchone()
            changed = previous is not None and previous[0] != result.verdict.value
            row = {
                "run_id": run_id,
                "file": file,
                "claim_id": claim.id,
                "verdict": result.verdict.value,
                "automatic": result.automatic.value if result.automatic else None,
                "manual": result.manual,
                "reason": result.reason,
                "note": claim.note,
                "uncovered": _json(list(result.uncovered)),
                "changed": changed,
                "basis": basis,
                "claim": _json(snapshot),
            }
            _insert(db, "verdicts", row, "INSERT OR REPLACE")
        return changed

    def reusable(
        self, file: str, claim: Claim, basis: str, fetched: Mapping[str, Fetched]
    ) -> ClaimResult | None:
        """The stored result reached on the same basis, with this run's fetch times.

        Args:
            file: the claims file.
            claim: the claim as it is now (its basis already covers what matters).
            basis: `pipeline.basis` of the claim now.
            fetched: this run's fetch of each of the claim's sources.
        """
        with self._read() as db:
            rows = list(db.query(_REUSABLE, [file, claim.id, basis]))
            if not rows:
                return None
            found = rows[0]
            cites = list(
                db.query(
                    "SELECT * FROM citations WHERE run_id = ? AND file = ? AND claim_id = ? "
                    "ORDER BY position",
                    [found["run_id"], file, claim.id],
                )
            )
        citations = [_stored_citation(cite, fetched.get(cite["source"])) for cite in cites]
        automatic = found["automatic"]
        return ClaimResult(
            claim, Verdict(found["verdict"]), found["reason"], tuple(citations),
            Verdict(automatic) if automatic else None, tuple(json.loads(found["uncovered"])),
        )  # fmt: skip

    # reads

    def latest_results(self, file: str | None = None) -> list[dict[str, Any]]:
        """The latest verdict of every claim (of one claims file), with its citations.

        Keys follow ``check --json``: ``id``, ``text``, ``date`` (``text``, ``start``,
        ``end``, ``precision``, ``qualifier``), ``verdict``, ``reason``, ``citations``
        (``url``, ``final_url``, ``quote``, ``start``, ``end``, ``stance``, …), plus
        ``file``, ``run_id``, ``automatic``, ``manual``, ``note``, ``uncovered``,
        ``changed``, ``quote``, ``line``, ``keywords`` and ``last_seen_run``.
        """
        where, params = ("WHERE file = ?", [file]) if file is not None else ("", [])
        with self._read() as db:
            rows = list(
                db.query(
                    f"SELECT * FROM latest_verdicts {where} "
                    "ORDER BY file, line IS NULL, line, claim_id",
                    params,
                )
            )
            cites = list(
                db.query(_LATEST_CITATIONS.format(where=where and "AND c.file = ?"), params)
            )
        by_claim: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for cite in cites:
            by_claim.setdefault((cite["file"], cite["claim_id"]), []).append(_citation_dict(cite))
        return [_result_dict(row, by_claim.get((row["file"], row["claim_id"]), [])) for row in rows]

    def previous_verdict(self, file: str, claim_id: str, before_run: int) -> Verdict | None:
        """The claim's verdict in the latest run before ``before_run`` that has one."""
        with self._read() as db:
            row = db.execute(_PREVIOUS, [file, claim_id, before_run]).fetchone()
        return None if row is None else Verdict(row[0])

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, with ``settings`` and ``counts`` decoded."""
        with self._read() as db:
            rows = list(db.query("SELECT * FROM runs ORDER BY id"))
        for row in rows:
            row["settings"] = json.loads(row["settings"] or "{}")
            row["counts"] = json.loads(row["counts"] or "{}")
        return rows

    def text(self, sha256: str) -> SourceText | None:
        """The stored text of the body with this sha256, if any."""
        with self._read() as db:
            rows = list(
                db.query(
                    "SELECT * FROM texts WHERE sha256 = ? "
                    "ORDER BY extractor = ? DESC, stored_at DESC, rowid DESC LIMIT 1",
                    [sha256, extractor_version()],
                )
            )
        if not rows:
            return None
        row = rows[0]
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        return SourceText(
            row["sha256"], row["text"], row["title"], published, row["error"], row["extractor"]
        )

    # report reads

    # the verdict row per claim as of a run (``:run``), with its history
    _AS_OF_CURRENT = """
    WITH last_check AS (  -- each file's latest finished check up to the run
      SELECT o.file, max(o.run_id) AS run_id FROM verdicts o JOIN runs ro ON ro.id = o.run_id
      WHERE ro.command = 'check' AND ro.status = 'done' AND o.run_id <= :run
      GROUP BY o.file
    ),
    cur AS (
      SELECT v.* FROM verdicts v LEFT JOIN last_check lc ON lc.file = v.file
      WHERE v.run_id = (
        SELECT max(l.run_id) FROM verdicts l
        WHERE l.file = v.file AND l.claim_id = v.claim_id AND l.run_id <= :run
      )
      AND v.run_id >= coalesce(lc.run_id, 0)
    )
    """

    _AS_OF = (
        _AS_OF_CURRENT
        + """
    SELECT cur.file, cur.claim_id, c.text, c.quote, c.line, c.date_text, c.date_start,
      c.date_end, c.precision, c.qualifier, c.keywords, c.sources, cur.verdict, cur.automatic,
      cur.manual, cur.claim AS snapshot,
      cur.reason, cur.note, cur.uncovered, cur.changed, cur.run_id, c.last_seen_run,
      r.started_at AS checked_at,
      (SELECT p.verdict FROM verdicts p
       WHERE p.file = cur.file AND p.claim_id = cur.claim_id AND p.run_id < cur.run_id
       ORDER BY p.run_id DESC LIMIT 1) AS previous_verdict,
      (SELECT rs.started_at FROM verdicts s JOIN runs rs ON rs.id = s.run_id
       WHERE s.file = cur.file AND s.claim_id = cur.claim_id AND s.run_id <= cur.run_id
         AND s.run_id > coalesce((
           SELECT max(d.run_id) FROM verdicts d
           WHERE d.file = cur.file AND d.claim_id = cur.claim_id AND d.run_id < cur.run_id
             AND d.verdict != cur.verdict), 0)
       ORDER BY s.run_id LIMIT 1) AS changed_at
    FROM cur
    JOIN claims c ON c.file = cur.file AND c.claim_id = cur.claim_id
    JOIN runs r ON r.id = cur.run_id
    WHERE 1 {where}
    ORDER BY cur.file, c.line IS NULL, c.line, cur.claim_id
    """
    )

    _AS_OF_CITATIONS = (
        _AS_OF_CURRENT
        + """
    SELECT c.* FROM citations c
    JOIN cur ON cur.file = c.file AND cur.claim_id = c.claim_id AND cur.run_id = c.run_id
    WHERE 1 {where}
    ORDER BY c.file, c.claim_id, c.position
    """
    )

    def verdict_files(self) -> list[str]:
        """Every claims file that has a verdict, as ``check`` recorded it, sorted."""
        with self._read() as db:
            return [row[0] for row in db.execute("SELECT DISTINCT file FROM verdicts ORDER BY 1")]

    def results_as_of(
        self, run_id: int | None = None, files: list[str] | None = None
    ) -> list[dict[str, Any]]:
        """Each claim's latest verdict in a run up to ``run_id`` (all runs when None).

        The rows are those of :meth:`latest_results`, plus ``previous_verdict`` (the
        claim's verdict in the run before, if any), ``changed_at`` (when the run that
        first gave the current verdict started) and ``checked_at`` (when the run of this
        verdict started). A claim left out of a later finished ``check`` of its claims
        file (removed or skipped there) is left out. ``files`` keeps only those files.
        """
        limit = run_id if run_id is not None else 2**62
        where, params = "", dict[str, object](run=limit)
        if files is not None:
            names = {f"f{i}": f for i, f in enumerate(files)}
            where = f"AND cur.file IN ({', '.join(':' + n for n in names)})"
            params |= names
        with self._read() as db:
            rows = list(db.query(self._AS_OF.format(where=where), params))
            cites = list(db.query(self._AS_OF_CITATIONS.format(where=where), params))
        by_claim: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for cite in cites:
            by_claim.setdefault((cite["file"], cite["claim_id"]), []).append(_citation_dict(cite))
        for row in rows:  # the claim as it was when this verdict was reached
            row |= json.loads(row.pop("snapshot") or "{}")
        history = ("previous_verdict", "changed_at", "checked_at")
        return [
            _result_dict(row, by_claim.get((row["file"], row["claim_id"]), []))
            | {k: row[k] for k in history}
            | {"sources": json.loads(row["sources"] or "null")}
            for row in rows
        ]

    # re-check

    def source_history(self, url: str, before_run: int) -> dict[str, Any]:
        """What earlier runs saw of a source.

        Returns:
            ``sha256``, ``fetched_at``, ``final_url`` and ``status`` of its last good
            fetch (None when there was none), ``failures``:
            how many runs in a row, up to ``before_run``, failed to fetch it, and ``state``:
            its state in the latest re-check before (or None).
        """
        with self._read() as db:
            rows = db.execute(
                "SELECT outcome, sha256, fetched_at, final_url, status FROM fetches "
                "WHERE url = ? AND run_id < ? ORDER BY run_id DESC",
                [url, before_run],
            )
            failures, good = 0, None
            for outcome, *fields in rows:
                if outcome == "ok":
                    good = fields
                    break
                failures += is_death(outcome, fields[3])  # others neither count nor reset
            state = db.execute(
                "SELECT state, detail FROM source_checks WHERE url = ? AND run_id < ? "
                "ORDER BY run_id DESC LIMIT 1",
                [url, before_run],
            ).fetchone()
        sha256, fetched_at, final_url, status = good or (None, None, None, None)
        return {
            "sha256": sha256,
            "fetched_at": _when(fetched_at),
            "final_url": final_url,
            "status": status,
            "failures": failures,
            "state": state[0] if state else None,
            "detail": state[1] if state else None,
        }

    def current_bases(self) -> dict[tuple[str, str], tuple[int, str | None]]:
        """The run and basis of each claim's latest verdict, keyed by (file, claim id)."""
        with self._read() as db:
            rows = db.execute(
                "SELECT v.file, v.claim_id, v.run_id, v.basis FROM verdicts v WHERE v.run_id = "
                "(SELECT max(l.run_id) FROM verdicts l "
                "WHERE l.file = v.file AND l.claim_id = v.claim_id)"
            )
            return {(f, c): (run, key) for f, c, run, key in rows}

    def files_being_checked(self, within: dt.timedelta = dt.timedelta(hours=6)) -> set[str]:
        """Claims files a ``check`` started less than ``within`` ago is still checking."""
        since = (dt.datetime.now(dt.UTC) - within).isoformat(timespec="seconds")
        with self._read() as db:
            rows = db.execute(
                "SELECT settings FROM runs WHERE command = 'check' AND status = 'running' "
                "AND started_at >= ?",
                [since],
            )
            return {
                f for (settings,) in rows for f in json.loads(settings or "{}").get("files", [])
            }

    def last_fetched(self) -> dict[str, dt.datetime]:
        """When each source was last fetched, by any run."""
        with self._read() as db:
            rows = db.execute("SELECT url, max(fetched_at) FROM fetches GROUP BY url")
            return {url: at for url, when in rows if (at := _when(when)) is not None}

    def save_source_check(self, run_id: int, check: SourceCheck) -> None:
        """Record what a re-check found at one source (replacing an earlier save)."""
        cited = [
            {"file": f, "claim_id": c, "quote": q, "state": s.value} for f, c, q, s in check.cited
        ]
        row = {
            "run_id": run_id,
            "url": check.url,
            "state": check.state.value,
            "failures": check.failures,
            "detail": check.detail,
            "cited": _json(cited),
            "archived_url": check.archived.url if check.archived else None,
            "archived_at": check.archived.datetime if check.archived else None,
        }
        with self._write() as db:
            _insert(db, "source_checks", row, "INSERT OR REPLACE")

    def source_checks(self, run_id: int) -> list[dict[str, Any]]:
        """The source checks of one re-check run, ``cited`` decoded."""
        with self._read() as db:
            rows = list(
                db.query("SELECT * FROM source_checks WHERE run_id = ? ORDER BY id", [run_id])
            )
        for row in rows:
            row["cited"] = json.loads(row["cited"] or "[]")
        return rows

    # corpus

    def corpus_docs(self, under: str | None = None) -> dict[str, CorpusDoc]:
        """The indexed files (those whose path starts with ``under``), keyed by path."""
        where, params = ("", []) if under is None else ("WHERE substr(path, 1, ?) = ?", [len(under), under])  # fmt: skip
        with self._read() as db:
            rows = list(db.query(f"SELECT * FROM corpus_docs {where}", params))
        return {row["path"]: _corpus_doc(row) for row in rows}

    def index_doc(self, doc: CorpusDoc, text: SourceText) -> None:
        """Index (or re-index) one file and keep its text, in one unit of work."""
        row = dataclasses.asdict(doc) | {
            "published": _iso(doc.published),
            "indexed_at": _iso(doc.indexed_at) or _now(),
        }
        with self._write() as db:
            old = db.execute("SELECT id FROM corpus_docs WHERE path = ?", [doc.path]).fetchone()
            if old is not None:
                db.execute("DELETE FROM corpus_fts WHERE rowid = ?", [old[0]])
                row["id"] = old[0]
            doc_id = db.table("corpus_docs").insert(row, replace=True).last_pk
            db.execute(
                "INSERT INTO corpus_fts (rowid, title, body) VALUES (?, ?, ?)",
                [doc_id, text.title or "", text.text],
            )
            db.table("texts").insert(
                {
                    "sha256": text.sha256, "extractor": text.extractor or extractor_version(),
                    "text": text.text, "title": text.title, "published": _iso(text.published),
                    "error": text.error, "stored_at": _now(),
                },
                ignore=True,
            )  # fmt: skip

    def corpus_count(self) -> int:
        """How many files the corpus index holds."""
        with self._read() as db:
            return int(db.execute("SELECT count(*) FROM corpus_docs").fetchone()[0])

    def touch_doc(self, path: str, mtime: float) -> None:
        """Record a new modification time for a file whose bytes did not change."""
        with self._write() as db:
            db.execute("UPDATE corpus_docs SET mtime = ? WHERE path = ?", [mtime, path])

    def remove_docs(self, paths: list[str]) -> None:
        """Take files out of the index (their stored texts stay for old citations)."""
        with self._write() as db:
            for path in paths:
                old = db.execute("SELECT id FROM corpus_docs WHERE path = ?", [path]).fetchone()
                if old is not None:
                    db.execute("DELETE FROM corpus_fts WHERE rowid = ?", [old[0]])
                    db.execute("DELETE FROM corpus_docs WHERE id = ?", [old[0]])

    def search_corpus(self, match: str, limit: int) -> list[CorpusHit]:
        """The best ``limit`` documents for an FTS5 MATCH expression, by BM25 (title x2).

        ``match`` must be built by ``discover.corpus.fts_query``, which quotes every term.
        """
        if not match:
            return []
        sql = (
            "SELECT d.path, d.sha256, d.title, d.indexed_at, bm25(corpus_fts, 2.0, 1.0) AS score "
            "FROM corpus_fts JOIN corpus_docs d ON d.id = corpus_fts.rowid "
            "WHERE corpus_fts MATCH ? ORDER BY score LIMIT ?"
        )
        with self._read() as db:
            try:
                rows = list(db.query(sql, [match, limit]))
            except sqlite3.OperationalError as exc:
                raise StorageError(f"{self.path}: corpus search failed: {exc}") from None
        return [
            CorpusHit(
                row["path"], row["sha256"], row["score"], row["title"], _when(row["indexed_at"])
            )
            for row in rows
        ]

    # suggestions

    def offered(self, file: str) -> set[tuple[str, str]]:
        """(claim id, source) pairs ``extract --suggest`` has offered in a claims file."""
        with self._read() as db:
            rows = db.execute(
                "SELECT claim_id, source FROM suggestions WHERE file = ?", [file]
            ).fetchall()
        return {(row[0], row[1]) for row in rows}

    def remember_offered(self, file: str, pairs: list[tuple[str, str]]) -> None:
        """Record that these (claim id, source) suggestions were written to a claims file."""
        now = _now()
        rows = [{"file": file, "claim_id": c, "source": s, "offered_at": now} for c, s in pairs]
        with self._write() as db:
            db.table("suggestions").insert_all(rows, ignore=True)


def _unique(citations: tuple[Citation, ...]) -> list[Citation]:
    """The citations, keeping the first of any that quote the same place of one source."""
    first: dict[tuple[str, int], Citation] = {}
    for cite in citations:
        first.setdefault((cite.source, cite.start), cite)
    return list(first.values())


_STORED = (
    *("source", "final_url", "reason", "quote", "start", "end", "score", "found_date"),
    *("status", "sha256", "found_by", "query", "copy_of", "extractor"),
)


def _stored_citation(row: dict[str, Any], now: Fetched | None) -> Citation:
    """A citations row as a Citation again, with the fetch time of ``now`` when given."""
    fetched_at = now.fetched_at if now is not None else _when(row["fetched_at"])
    return Citation(
        **{k: row[k] for k in _STORED}, stance=Stance(row["stance"]), fetched_at=fetched_at
    )


def _citation_row(key: list[Any], position: int, cite: Citation) -> dict[str, Any]:
    """A citations row for the claim ``key`` = [run_id, file, claim_id]."""
    run_id, file, claim_id = key
    row = dataclasses.asdict(cite) | {"fetched_at": _iso(cite.fetched_at)}
    row["extractor"] = cite.extractor or extractor_version()  # the reading its offsets are in
    return row | {"run_id": run_id, "file": file, "claim_id": claim_id, "position": position}


def _citation_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A citations row as the JSON a reader gets (``source`` becomes ``url``)."""
    keys = ("final_url", "quote", "start", "end", "stance", "found_date", "score")
    more = ("fetched_at", "sha256", "status", "reason", "found_by", "query", "copy_of")
    return {"url": row["source"], **{k: row[k] for k in keys + more}}


def _result_dict(row: dict[str, Any], citations: list[dict[str, Any]]) -> dict[str, Any]:
    """A latest_verdicts row and its citations as the JSON a reader gets."""
    date = None
    if row["date_text"] is not None:
        keys = ("text", "start", "end")
        date = {k: row[f"date_{k}"] for k in keys} | {k: row[k] for k in ("precision", "qualifier")}
    plain = ("file", "text", "quote", "line", "verdict", "automatic", "reason", "note", "run_id")
    return (
        {"id": row["claim_id"], "date": date}
        | {k: row[k] for k in (*plain, "last_seen_run")}
        | {k: bool(row[k]) for k in ("manual", "changed")}
        | {k: json.loads(row[k] or "[]") for k in ("keywords", "uncovered")}
        | {"citations": citations}
    )


def _corpus_doc(row: dict[str, Any]) -> CorpusDoc:
    """A corpus_docs row as a CorpusDoc."""
    published = dt.date.fromisoformat(row["published"]) if row["published"] else None
    return CorpusDoc(
        row["path"], row["sha256"], row["size"], row["mtime"], row["title"], published,
        _when(row["indexed_at"]),
    )  # fmt: skip
