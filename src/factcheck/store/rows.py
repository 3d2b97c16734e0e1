"""Rows and values: how dataclasses become rows and rows become what readers get."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from factcheck.models import Citation, Fetched, SourceText, Stance
from factcheck.versions import extractor_version


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


def unique(citations: tuple[Citation, ...]) -> list[Citation]:
    """The citations, keeping the first of any that quote the same place of one source."""
    first: dict[tuple[str, int], Citation] = {}
    for cite in citations:
        first.setdefault((cite.source, cite.start), cite)
    return list(first.values())


_STORED = (
    *("source", "final_url", "reason", "quote", "start", "end", "score", "found_date"),
    *("status", "sha256", "found_by", "query", "copy_of", "extractor"),
)


def stored_citation(row: dict[str, Any], now: Fetched | None) -> Citation:
    """A citations row as a Citation again, with the fetch time of ``now`` when given."""
    fetched_at = now.fetched_at if now is not None else when(row["fetched_at"])
    return Citation(
        **{k: row[k] for k in _STORED}, stance=Stance(row["stance"]), fetched_at=fetched_at
    )


_CITATION_FIELDS = tuple(field.name for field in dataclasses.fields(Citation))


def citation_row(key: list[Any], position: int, cite: Citation) -> dict[str, Any]:
    """A citations row for the claim ``key`` = [run_id, file, claim_id]."""
    run_id, file, claim_id = key
    # field by field: dataclasses.asdict deep-copies each value, a third of a re-check's
    # bookkeeping when every verdict is reused
    row = {name: getattr(cite, name) for name in _CITATION_FIELDS}
    row["fetched_at"] = iso(cite.fetched_at)
    row["extractor"] = reading_of(cite.extractor)  # the reading its offsets are in
    return row | {"run_id": run_id, "file": file, "claim_id": claim_id, "position": position}


def citation_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A citations row as the JSON a reader gets (``source`` becomes ``url``)."""
    keys = ("final_url", "quote", "start", "end", "stance", "found_date", "score")
    more = ("fetched_at", "sha256", "status", "reason", "found_by", "query", "copy_of")
    return {"url": row["source"], **{k: row[k] for k in keys + more}}


def result_dict(row: dict[str, Any], citations: list[dict[str, Any]]) -> dict[str, Any]:
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
