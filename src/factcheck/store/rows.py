"""Rows and values: SQL helpers, times and canonical JSON (models ↔ rows is `codec`'s)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from factcheck.versions import extractor_version

if TYPE_CHECKING:
    from sqlite_utils import Database

    from factcheck.models import Citation, SourceText


def reading_of(extractor: str | None) -> str:
    """The extractor a text or citation names: its own, else this factcheck's.

    Only None means "this factcheck's": "" is the reading stored before m007 kept readings.
    """
    return extractor_version() if extractor is None else extractor


def keep_text(db: Database, text: SourceText) -> None:
    """Store a body's reading once per (sha256, extractor); a reading already kept stays."""
    row = {
        "sha256": text.sha256,
        "extractor": reading_of(text.extractor),
        "text": text.text,
        "title": text.title,
        "published": iso(text.published),
        "error": text.error,
        "stored_at": now(),
    }
    insert(db, "texts", row, "INSERT OR IGNORE")


def now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def when(value: str | None) -> dt.datetime | None:
    """A stored ISO 8601 time, or None."""
    return dt.datetime.fromisoformat(value) if value else None


def iso(value: dt.date | None) -> str | None:
    """ISO 8601 text of a date or datetime, or None."""
    return None if value is None else value.isoformat()


def to_json(value: object) -> str:
    """Canonical JSON (sorted keys; anything unknown as its str)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def insert(db: Database, table: str, row: Mapping[str, object], verb: str = "INSERT") -> None:
    """One row by plain SQL: sqlite-utils' insert inspects the table on every call."""
    names = ", ".join(row)
    marks = ", ".join(f":{k}" for k in row)
    db.execute(f"{verb} INTO {table} ({names}) VALUES ({marks})", dict(row))


def query(
    conn: sqlite3.Connection, sql: str, params: Mapping[str, object] | None = None
) -> Iterator[dict[str, Any]]:
    """Each row of a query as a dict by column name (as sqlite-utils' ``Database.query``,
    without loading it); the query names each column once."""
    cursor = conn.execute(sql, params or {})
    keys = [column[0] for column in cursor.description]
    return (dict(zip(keys, row, strict=True)) for row in cursor)


def unique(citations: tuple[Citation, ...]) -> list[Citation]:
    """The citations, keeping the first of any that quote the same place of one source."""
    first: dict[tuple[str, int], Citation] = {}
    for cite in citations:
        first.setdefault((cite.source, cite.start), cite)
    return list(first.values())
