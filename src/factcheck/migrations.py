"""The database schema as append-only named steps, applied on every open.

A shipped step is never edited: change the schema by appending a new one. ``meta`` records
how many steps the database has and which factcheck applied them, so that an older
factcheck can refuse a database it does not understand.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from factcheck import __version__

if TYPE_CHECKING:  # imported where steps are applied: reading a current database needs none
    from sqlite_utils import Database, Migrations

SET = "factcheck"  # the steps' migration set, as recorded in TABLE
TABLE = "_sqlite_migrations"  # where sqlite-utils records the steps a database has
NAMES: list[str] = []  # every step this factcheck knows, in order

Step = Callable[["Database"], None]
_STEPS: list[Step] = []


def _step(fn: Step) -> Step:
    """Register ``fn`` as the next step, named after the function."""
    NAMES.append(fn.__name__)
    _STEPS.append(fn)
    return fn


@functools.cache
def steps() -> Migrations:
    """The steps as sqlite-utils migrations (built on first use: sqlite-utils loads slowly)."""
    from sqlite_utils import Migrations

    migrations = Migrations(SET)
    for fn in _STEPS:
        migrations(name=fn.__name__)(fn)
    return migrations


@_step
def m001_tables(db: Database) -> None:
    """Runs, claims, sources, fetches, texts, citations, verdicts and meta."""
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"key"})
    db.table("runs").create(
        {
            "id": int,
            "command": str,
            "started_at": str,
            "finished_at": str,  # NULL until the run ends
            "status": str,  # running | done | failed
            "settings": str,  # JSON object
            "counts": str,  # JSON object
            "version": str,  # of factcheck
        },
        pk="id",
        not_null={"command", "started_at", "status"},
        defaults={"status": "running"},
    )
    db.table("claims").create(
        {
            "file": str,
            "claim_id": str,
            "text": str,
            "quote": str,
            "line": int,
            "date_text": str,
            "date_start": str,
            "date_end": str,
            "precision": str,
            "qualifier": str,
            "keywords": str,  # JSON array
            "first_seen_run": int,
            "last_seen_run": int,
        },
        pk=("file", "claim_id"),
        not_null={"file", "claim_id", "text", "first_seen_run", "last_seen_run"},
        foreign_keys=[("first_seen_run", "runs", "id"), ("last_seen_run", "runs", "id")],
    )
    db.table("sources").create(
        {"url": str, "first_seen_run": int},
        pk="url",
        not_null={"url", "first_seen_run"},
        foreign_keys=[("first_seen_run", "runs", "id")],
    )
    fetches = db.table("fetches").create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "final_url": str,
            "outcome": str,
            "reason": str,
            "status": int,
            "content_type": str,
            "fetched_at": str,
            "sha256": str,
            "etag": str,
            "last_modified": str,
            "from_cache": bool,
            "revalidated": bool,
            "attempts": int,
        },
        pk="id",
        not_null={"run_id", "url", "outcome"},
        foreign_keys=[("run_id", "runs", "id"), ("url", "sources", "url")],
    )
    fetches.create_index(["run_id", "url"], unique=True)
    fetches.create_index(["url", "run_id"])
    db.table("texts").create(
        {
            "sha256": str,
            "text": str,
            "title": str,
            "published": str,
            "error": str,
            "stored_at": str,
        },
        pk="sha256",
        not_null={"sha256", "text", "stored_at"},
    )
    citations = db.table("citations").create(
        {
            "id": int,
            "run_id": int,
            "file": str,
            "claim_id": str,
            "position": int,  # order among the claim's citations
            "source": str,
            "final_url": str,
            "stance": str,
            "reason": str,
            "quote": str,
            "start": int,
            "end": int,
            "score": float,
            "found_date": str,
            "status": int,
            "fetched_at": str,
            "sha256": str,
            "found_by": str,
        },
        pk="id",
        not_null={"run_id", "file", "claim_id", "source", "stance"},
        foreign_keys=[("run_id", "runs", "id")],
    )
    citations.create_index(["run_id", "file", "claim_id", "source", "start"], unique=True)
    citations.create_index(["file", "claim_id", "run_id"])
    citations.create_index(["source"])
    verdicts = db.table("verdicts").create(
        {
            "id": int,
            "run_id": int,
            "file": str,
            "claim_id": str,
            "verdict": str,
            "automatic": str,  # what the evidence said, when the editor's verdict wins
            "manual": bool,
            "reason": str,
            "note": str,  # the editor's note for a manual verdict
            "uncovered": str,  # JSON array
            "changed": bool,  # differs from this claim's previous verdict row
        },
        pk="id",
        not_null={"run_id", "file", "claim_id", "verdict", "manual", "changed"},
        foreign_keys=[("run_id", "runs", "id")],
    )
    verdicts.create_index(["file", "claim_id", "run_id"], unique=True)
    verdicts.create_index(["run_id"])


@_step
def m002_views(db: Database) -> None:
    """Views for Datasette: the latest verdict per claim, and verdict changes."""
    db.create_view(
        "latest_verdicts",
        """SELECT v.file, v.claim_id, c.text, c.quote, c.line, c.date_text, c.date_start,
  c.date_end, c.precision, c.qualifier, c.keywords, v.verdict, v.automatic, v.manual,
  v.reason, v.note, v.uncovered, v.changed, v.run_id, r.started_at, c.last_seen_run
FROM verdicts v
JOIN claims c ON c.file = v.file AND c.claim_id = v.claim_id
JOIN runs r ON r.id = v.run_id
WHERE v.run_id = (
  SELECT max(l.run_id) FROM verdicts l WHERE l.file = v.file AND l.claim_id = v.claim_id
)""",
    )
    db.create_view(
        "verdict_changes",
        """SELECT v.run_id, r.started_at, v.file, v.claim_id, c.text,
  (SELECT p.verdict FROM verdicts p
   WHERE p.file = v.file AND p.claim_id = v.claim_id AND p.run_id < v.run_id
   ORDER BY p.run_id DESC LIMIT 1) AS previous,
  v.verdict, v.reason
FROM verdicts v
JOIN claims c ON c.file = v.file AND c.claim_id = v.claim_id
JOIN runs r ON r.id = v.run_id
WHERE v.changed = 1""",
    )


@_step
def m003_recheck(db: Database) -> None:
    """What reuse and the nightly re-check need: verdict bases, claim sources, source checks.

    Views for Datasette: the latest check of every source, dead sources, and the verdict
    changes of the last seven days.
    """
    db.table("verdicts").add_column("basis", str)  # pipeline.basis: reused when unchanged
    db.table("claims").add_column("sources", str)  # JSON array, as the claims file gave them
    checks = db.table("source_checks").create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "state": str,  # unchanged | changed | soft-404 | failing | dead | blocked | fresh
            "failures": int,  # consecutive runs whose fetch failed, this one included
            "detail": str,  # one line for a reader
            "cited": str,  # JSON: [{"file", "claim_id", "quote", "state"}]
            "archived_url": str,  # a Memento of the page, when it is dead
            "archived_at": str,  # the Memento-Datetime of that copy
        },
        pk="id",
        not_null={"run_id", "url", "state", "failures"},
        foreign_keys=[("run_id", "runs", "id")],
    )
    checks.create_index(["run_id", "url"], unique=True)
    checks.create_index(["url", "run_id"])
    db.create_view(
        "source_health",
        """SELECT s.url, s.state, s.failures, s.detail, s.archived_url, s.archived_at,
  s.run_id, r.started_at AS checked_at
FROM source_checks s JOIN runs r ON r.id = s.run_id
WHERE s.run_id = (SELECT max(l.run_id) FROM source_checks l WHERE l.url = s.url)""",
    )
    db.create_view(
        "dead_sources",
        """SELECT h.*, (SELECT count(DISTINCT c.file || '#' || c.claim_id) FROM citations c
  WHERE c.source = h.url) AS claims_citing
FROM source_health h WHERE h.state IN ('dead', 'blocked', 'soft-404')""",
    )
    db.create_view(
        "changes_last_week",
        """SELECT * FROM verdict_changes
WHERE started_at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', '-7 days')""",
    )


def table_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the database's tables (as sqlite-utils' ``Database.table_names``)."""
    return [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the steps the database has, in the order they were applied."""
    if TABLE not in table_names(conn):
        return []
    query = f"SELECT name FROM {TABLE} WHERE migration_set = ? ORDER BY rowid"
    return [row[0] for row in conn.execute(query, [SET])]


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the steps this factcheck knows and the database lacks."""
    done = set(applied(conn))
    return [name for name in NAMES if name not in done]


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    """The ``meta`` table as a dict; empty before the first step."""
    if "meta" not in table_names(conn):
        return {}
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def apply(db: Database, *, stop_before: str | None = None) -> None:
    """Apply the pending steps (all, or those before ``stop_before``) and update ``meta``."""
    if not pending(db.conn):
        return
    steps().apply(db, stop_before=stop_before)
    if "meta" in db.table_names():
        db.table("meta").insert_all(
            [
                {"key": "schema_version", "value": str(len(applied(db.conn)))},
                {"key": "migrated_by", "value": f"factcheck {__version__}"},
            ],
            replace=True,
        )


@_step
def m004_corpus(db: Database) -> None:
    """The local corpus (files and an FTS5 index) and how a citation's source was found."""
    docs = db.table("corpus_docs").create(
        {
            "id": int,  # the rowid of the document's row in corpus_fts
            "path": str,  # absolute
            "sha256": str,  # of the file's bytes
            "size": int,
            "mtime": float,
            "title": str,
            "published": str,
            "indexed_at": str,
        },
        pk="id",
        not_null={"path", "sha256", "indexed_at"},
    )
    docs.create_index(["path"], unique=True)
    db.execute(
        "CREATE VIRTUAL TABLE corpus_fts USING fts5("
        "title, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    citations = db.table("citations")
    citations.add_column("query", str)  # the search that found the source
    citations.add_column("copy_of", str)  # the source this one is a syndicated copy of


@_step
def m005_claim_snapshots(db: Database) -> None:
    """Each verdict keeps the claim as it judged it (JSON), so a past run reads true."""
    db.table("verdicts").add_column("claim", str)


@_step
def m006_suggestions(db: Database) -> None:
    """The sources ``extract --suggest`` offered each claim, so a rejected one stays away."""
    db.table("suggestions").create(
        {"file": str, "claim_id": str, "source": str, "offered_at": str},
        pk=("file", "claim_id", "source"),
        not_null={"offered_at"},
    )


@_step
def m007_text_readings(db: Database) -> None:
    """Every extractor's reading of a body is kept, and each citation names the one it quotes.

    ``texts`` was keyed by the body's sha256 alone, so a new extractor had either to leave
    new citations pointing into an old reading or to overwrite the reading old ones quote.
    """
    db.execute("ALTER TABLE texts RENAME TO texts_by_body")
    db.table("texts").create(
        {
            "sha256": str,
            "extractor": str,  # text.extractor_version() of the reading; "" before m007
            "text": str,
            "title": str,
            "published": str,
            "error": str,
            "stored_at": str,
        },
        pk=("sha256", "extractor"),
        not_null={"sha256", "extractor", "text", "stored_at"},
    )
    db.execute(
        "INSERT INTO texts (sha256, extractor, text, title, published, error, stored_at) "
        "SELECT sha256, '', text, title, published, error, stored_at FROM texts_by_body"
    )
    db.execute("DROP TABLE texts_by_body")
    db.table("citations").add_column("extractor", str)
    db.execute("UPDATE citations SET extractor = '' WHERE extractor IS NULL")


@_step
def m008_run_locks(db: Database) -> None:
    """Each run names the lock file its process holds (`store.liveness`), so a run whose
    process died can be told from one still working and closed as ``interrupted``."""
    db.table("runs").add_column("lock", str)


@_step
def m009_article_order_and_current_views(db: Database) -> None:
    """Claims keep their place in the claims file (``position``), so every view lists them
    in article order; ``latest_verdicts`` leaves out what ``report`` leaves out: a claim
    its file's latest check no longer checked (skipped or removed)."""
    db.table("claims").add_column("position", int)
    db.execute("DROP VIEW latest_verdicts")
    db.create_view(
        "latest_verdicts",
        """SELECT v.file, v.claim_id, c.text, c.quote, c.line, c.date_text, c.date_start,
  c.date_end, c.precision, c.qualifier, c.keywords, v.verdict, v.automatic, v.manual,
  v.reason, v.note, v.uncovered, v.changed, v.run_id, r.started_at, c.last_seen_run,
  c.position
FROM verdicts v
JOIN claims c ON c.file = v.file AND c.claim_id = v.claim_id
JOIN runs r ON r.id = v.run_id
WHERE v.run_id = (
  SELECT max(l.run_id) FROM verdicts l WHERE l.file = v.file AND l.claim_id = v.claim_id
)
AND v.run_id >= coalesce((
  SELECT max(o.run_id) FROM verdicts o JOIN runs ro ON ro.id = o.run_id
  WHERE o.file = v.file AND ro.command = 'check' AND ro.status = 'done'
), 0)
ORDER BY v.file, c.position IS NULL, c.position, c.line, v.claim_id""",
    )
