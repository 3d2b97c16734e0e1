"""The local corpus (FTS5) and the suggestions offered from it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from typing import Any

from factcheck.errors import StorageError
from factcheck.models import (
    CorpusDoc,
    CorpusHit,
    SourceText,
)
from factcheck.store.base import (
    StoreBase,
)
from factcheck.store.rows import (
    iso,
    keep_text,
    now,
    when,
)

__all__ = ["CorpusIndex"]


class CorpusIndex(StoreBase):
    """The corpus index and remembered suggestions."""

    def corpus_docs(self, under: str | None = None) -> dict[str, CorpusDoc]:
        """The indexed files (those whose path starts with ``under``), keyed by path."""
        where, params = (
            ("", []) if under is None else ("WHERE substr(path, 1, ?) = ?", [len(under), under])
        )
        with self._read() as db:
            rows = list(db.query(f"SELECT * FROM corpus_docs {where}", params))
        return {row["path"]: _corpus_doc(row) for row in rows}

    def index_doc(self, doc: CorpusDoc, text: SourceText) -> None:
        """Index (or re-index) one file and keep its text, in one unit of work."""
        row = dataclasses.asdict(doc) | {
            "published": iso(doc.published),
            "indexed_at": iso(doc.indexed_at) or now(),
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
            keep_text(db, text)

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

        ``match`` must be built by ``discover.query.fts_query``, which quotes every term.
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
                row["path"], row["sha256"], row["score"], row["title"], when(row["indexed_at"])
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
        at = now()
        rows = [{"file": file, "claim_id": c, "source": s, "offered_at": at} for c, s in pairs]
        with self._write() as db:
            db.table("suggestions").insert_all(rows, ignore=True)


def _corpus_doc(row: dict[str, Any]) -> CorpusDoc:
    """A corpus_docs row as a CorpusDoc."""
    published = dt.date.fromisoformat(row["published"]) if row["published"] else None
    return CorpusDoc(
        row["path"],
        row["sha256"],
        row["size"],
        row["mtime"],
        row["title"],
        published,
        when(row["indexed_at"]),
    )
