"""datasette/metadata.json: it names what the database has, and its canned queries run.

The database is the one ``test_report_cli`` builds with two real check runs against
127.0.0.1, between which the treaty page changes its year (supported → disputed).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.test_report_cli import Project, project  # noqa: F401  (the fixture)

METADATA = Path(__file__).resolve().parent.parent / "datasette" / "metadata.json"


def _database() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(METADATA.read_text(encoding="utf-8"))
    database: dict[str, Any] = data["databases"]["factcheck"]  # datasette names it by file stem
    return database


def _query(db: Path, name: str, **params: object) -> list[dict[str, Any]]:
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    try:
        sql = _database()["queries"][name]["sql"]
        return [dict(row) for row in connection.execute(sql, params)]
    finally:
        connection.close()


def test_every_table_view_and_column_described_exists(project: Project) -> None:  # noqa: F811
    connection = sqlite3.connect(project.db)
    try:
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        for table, meta in _database()["tables"].items():
            assert table in names, table
            columns = {r[1] for r in connection.execute(f"PRAGMA table_info({table})")}
            assert set(meta.get("columns", {})) <= columns, table
    finally:
        connection.close()


def test_every_view_and_user_table_is_described(project: Project) -> None:  # noqa: F811
    connection = sqlite3.connect(project.db)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        names = {r[0] for r in rows if not re.match(r"sqlite_|_sqlite_|corpus_fts|meta$", r[0])}
    finally:
        connection.close()
    assert names == set(_database()["tables"])


def test_worse_this_week_lists_the_claim_that_went_to_disputed(project: Project) -> None:  # noqa: F811
    rows = _query(project.db, "worse_this_week")
    assert [(r["claim_id"], r["previous"], r["verdict"], r["kind"]) for r in rows] == [
        ("treaty", "supported", "disputed", "worse")
    ]


def test_worse_this_week_also_lists_a_dispute_that_lost_its_evidence(
    project: Project,  # noqa: F811
    tmp_path: Path,
) -> None:
    db = tmp_path / "f.db"
    with sqlite3.connect(project.db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    with sqlite3.connect(db) as connection:
        run = connection.execute(
            "INSERT INTO runs (command, started_at, status) VALUES ('recheck', ?, 'done')",
            (dt.datetime.now(dt.UTC).isoformat(),),
        ).lastrowid
        connection.execute(
            "INSERT INTO verdicts (run_id, file, claim_id, verdict, manual, changed, reason) "
            "VALUES (?, 'claims/story.toml', 'treaty', 'unverified', 0, 1, 'the page is gone')",
            (run,),
        )
    connection.close()
    rows = _query(db, "worse_this_week")
    assert (rows[0]["claim_id"], rows[0]["previous"], rows[0]["kind"]) == (
        "treaty",
        "disputed",
        "evidence lost",
    )


def test_needs_attention_lists_what_is_not_supported_disputed_first(project: Project) -> None:  # noqa: F811
    rows = _query(project.db, "needs_attention")
    verdicts = [r["verdict"] for r in rows]
    assert verdicts[0] == "disputed"
    assert "supported" not in verdicts
    assert {r["claim_id"] for r in rows} >= {"treaty", "nosrc", "canal"}


def test_claim_history_is_newest_first(project: Project) -> None:  # noqa: F811
    rows = _query(project.db, "claim_history", claim_id="treaty")
    assert [r["verdict"] for r in rows] == ["disputed", "supported"]


@pytest.mark.parametrize(
    ("urls", "expected"),
    [
        (["https://News.example/a", "https://news.example/b?x=1"], [("news.example", 2)]),
        (["http://host.example", "pages/local.html"], [("(local file)", 1), ("host.example", 1)]),
    ],
)
def test_dead_sources_are_grouped_by_domain(
    project: Project,  # noqa: F811
    tmp_path: Path,
    urls: list[str],
    expected: list[tuple[str, int]],
) -> None:
    db = tmp_path / "f.db"
    with sqlite3.connect(project.db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    connection = sqlite3.connect(db)
    with connection:
        run = connection.execute(
            "INSERT INTO runs (command, started_at, status) VALUES ('recheck', ?, 'done')",
            (dt.datetime.now(dt.UTC).isoformat(),),
        ).lastrowid
        connection.executemany(
            "INSERT INTO source_checks (run_id, url, state, failures) VALUES (?, ?, 'dead', 3)",
            [(run, url) for url in urls],
        )
    connection.close()
    rows = _query(db, "dead_sources_by_domain")
    assert sorted((r["domain"], r["sources"]) for r in rows) == expected
