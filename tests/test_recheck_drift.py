"""Re-check drift cases a review found: changes seen first elsewhere, pages that come back,
failures that are not death, corrections, archives, readings kept per extractor."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlite_utils import Database

from factcheck import judging, migrations
from factcheck import recheck as rc
from factcheck.check import check
from factcheck.discover import index_folders
from factcheck.models import SourceState, SourceText, Verdict
from factcheck.recheck import recheck
from factcheck.report import load_report
from factcheck.settings import Settings
from factcheck.store import Store
from factcheck.text import store as text_store
from factcheck.text.extractor import Extractor
from tests.recheck_fixtures import CLAIMS, LEAD, STORY, Page


def _with_archive(server: HTTPServer, settings: Settings) -> Settings:
    """A TimeGate on the test server whose copy of /story is the original page."""
    memento = server.url_for("/web/20250513/story")
    server.expect_request(re.compile(r"^/tg/.*")).respond_with_data(
        "", status=302, headers={"Location": memento}
    )
    server.expect_request("/web/20250513/story").respond_with_data(
        STORY.format(lead=LEAD), content_type="text/html"
    )
    return Settings(**{**vars(settings), "memento_timegate": server.url_for("/tg/")})


# A page change another run saw first (an editor's check, a recheck --claims) still reaches every claim citing it.


def test_other_files_claims_are_reverified(server, page, settings, tmp_path):
    a, b = tmp_path / "desk", tmp_path / "sport"
    a.mkdir()
    b.mkdir()
    (a / "a.toml").write_text(CLAIMS.format(url=server.url_for("/story")))
    (b / "b.toml").write_text(CLAIMS.format(url=server.url_for("/story")))
    check([a / "a.toml", b / "b.toml"], settings)
    page.lead = LEAD.replace("12 May", "19 May")  # the page changes
    check([a / "a.toml"], settings)  # an editor re-checks the desk's file only
    recheck(settings)  # the nightly job
    verdicts = {i.file[-6:]: i.result.verdict.value for i in load_report(settings.db).items}
    assert verdicts["b.toml"] != "supported", (
        "sport/b.toml still 'supported' on a page that now says 19 May"
    )


def test_partial_recheck_consumes_the_change(server, page, settings, tmp_path):
    a, b = tmp_path / "desk", tmp_path / "sport"
    a.mkdir()
    b.mkdir()
    (a / "a.toml").write_text(CLAIMS.format(url=server.url_for("/story")))
    (b / "b.toml").write_text(CLAIMS.format(url=server.url_for("/story")))
    check([a / "a.toml", b / "b.toml"], settings)
    page.lead = LEAD.replace("12 May", "19 May")
    recheck(settings, under=a)
    recheck(settings)
    verdicts = {i.file[-6:]: i.result.verdict.value for i in load_report(settings.db).items}
    assert verdicts["b.toml"] != "supported"


# A recheck killed after saving the new fetch but before re-verifying loses nothing: the next one re-verifies.


def test_killed_recheck(page, settings, claims, monkeypatch):
    check([claims], settings)
    page.lead = LEAD.replace("12 May", "19 May")

    def killed(self, *a, **k):
        raise KeyboardInterrupt  # SIGINT / OOM / reboot between fetch and verify

    monkeypatch.setattr(rc._Recheck, "_reverify", killed)
    with pytest.raises(KeyboardInterrupt):
        recheck(settings)
    monkeypatch.undo()
    monkeypatch.setenv("FACTCHECK_MEMENTO_TIMEGATE", "off")
    recheck(settings)
    assert load_report(settings.db).items[0].result.verdict.value != "supported"


# A soft 404 stays one while the page stays the same, and the dead_sources view keeps it.


def test_soft404_sticks(page, settings, claims):
    check([claims], settings)
    page.body = "<html><body><h1>Sorry</h1><p>We could not find that page. Try our search or the front page.</p></body></html>"
    first = recheck(settings).sources[0]
    second = recheck(settings).sources[0]
    with sqlite3.connect(settings.db) as conn:
        dead = conn.execute("SELECT state FROM dead_sources").fetchall()
    assert (first.state.value, first.newly_dead) == ("soft-404", True)
    assert (second.state.value, second.newly_dead) == ("soft-404", False)  # told once
    assert dead == [("soft-404",)]


# A new extractor's reading is kept beside the old one: every citation's offsets hold in the reading it names.

_READINGS = (
    "SELECT c.run_id, c.quote, c.start, c.end, t.text FROM citations c JOIN texts t "
    "ON t.sha256 = c.sha256 AND t.extractor = c.extractor WHERE c.quote != '' ORDER BY c.run_id"
)


def _upgrade_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new extractor release that reads every body with one more line at the top."""
    real = Extractor.extract

    def newer(
        self: Extractor, body: bytes, content_type: str, charset: str | None = None
    ) -> SourceText:
        t = real(self, body, content_type, charset)
        line = "Portvale Courier — weekend edition, page one.\n"
        return SourceText(t.sha256, line + t.text, t.title, t.published, t.error)

    monkeypatch.setattr(text_store, "extractor_version", lambda: "newer-extractor")
    monkeypatch.setattr(judging, "extractor_version", lambda: "newer-extractor")
    monkeypatch.setattr(judging, "_RULES", [])
    monkeypatch.setattr(Extractor, "extract", newer)


def test_old_citation_offsets_still_hold(page, settings, claims, monkeypatch):
    check([claims], settings)
    _upgrade_extractor(monkeypatch)
    check([claims], settings)
    with sqlite3.connect(settings.db) as conn:
        rows = conn.execute(_READINGS).fetchall()
    assert all(text[s:e] == q for _, q, s, e, text in rows)


def test_recheck_after_an_extractor_upgrade_keeps_the_current_citation_true(
    page, settings, claims, monkeypatch
):
    from factcheck.recheck import recheck

    check([claims], settings)
    _upgrade_extractor(monkeypatch)
    recheck(settings)
    with sqlite3.connect(settings.db) as conn:
        rows = conn.execute(_READINGS).fetchall()
    assert all(text[s:e] == q for _, q, s, e, text in rows)


# A verdict reached while extraction failed is not reused once extraction works.


def test_timed_out_extraction_is_not_reused(page, settings, claims, monkeypatch):
    real = Extractor.extract

    def timed_out(self, body, content_type, charset=None):
        return SourceText(
            hashlib.sha256(body).hexdigest(), "", error="extraction timed out after 10s"
        )

    monkeypatch.setattr(Extractor, "extract", timed_out)
    check([claims], settings).results[0][1]
    monkeypatch.setattr(Extractor, "extract", real)  # the worker is healthy again
    second = check([claims], settings).results[0][1]
    with Store.open(settings.db) as s:
        (
            s.text(second.citations[0].sha256)
            if second.citations and second.citations[0].sha256
            else None
        )
    assert second.verdict is Verdict.SUPPORTED


# A source declared dead that comes back is verified again.


def test_dead_page_comes_back(page, settings, claims):
    check([claims], settings)
    page.status = 404
    runs = [recheck(settings) for _ in range(3)]
    assert runs[-1].sources[0].state is SourceState.DEAD
    assert [c.after for c in runs[-1].changes] == [Verdict.UNVERIFIED]
    page.status = 200
    recheck(settings)
    assert load_report(settings.db).items[0].result.verdict is Verdict.SUPPORTED, (
        "stays unverified although the page is back"
    )


# One failed fetch during an editor's check does not stick once the page answers again.


def test_blip_during_check(page, settings, claims):
    check([claims], settings)
    page.status = 503
    assert check([claims], settings).results[0][1].verdict is Verdict.UNVERIFIED
    page.status = 200
    recheck(settings)
    assert load_report(settings.db).items[0].result.verdict is Verdict.SUPPORTED


# Only failures that say a page is gone (404, 410, 5xx, no answer) count towards death.


def test_paywall_runs_count_toward_death(page, settings, claims):
    check([claims], settings)
    page.status = 403
    recheck(settings)
    recheck(settings)
    page.status = 404  # first real failure
    first_404 = recheck(settings).sources[0]
    assert first_404.state is SourceState.FAILING


def test_rate_limited_runs_count_toward_death(page, settings, claims):
    check([claims], settings)
    page.status = 429
    page.headers = {"Retry-After": "3600"}
    runs = [recheck(settings).sources[0] for _ in range(3)]
    assert runs[-1].state is not SourceState.DEAD


def test_offline_checks_count_toward_death(page, settings, claims, tmp_path):
    import shutil

    check([claims], settings)
    shutil.rmtree(settings.cache)  # e.g. a fresh cache folder / another machine
    for _ in range(2):
        check([claims], settings, offline=True)  # not-cached: nothing was asked of the site
    page.status = 503
    s = recheck(settings).sources[0]
    assert s.state is SourceState.FAILING


# An archived copy's text is stored, so its citation's sha256 resolves.


def test_archived_citation_text_is_stored(server, page, settings, claims):
    settings = Settings(**{**vars(settings), "memento_timegate": server.url_for("/tg/")})
    check([claims], settings)
    memento = server.url_for("/web/20250513/story")
    server.expect_request(re.compile(r"^/tg/.*")).respond_with_data(
        "", status=302, headers={"Location": memento}
    )
    server.expect_request("/web/20250513/story").respond_with_data(
        STORY.format(lead=LEAD.replace("12 May", "19 May")), content_type="text/html"
    )
    page.status = 410
    last = [recheck(settings) for _ in range(3)][-1]
    with sqlite3.connect(settings.db) as conn:
        cites = conn.execute(
            "SELECT source, final_url, sha256, reason FROM citations WHERE run_id = ?",
            [last.run_id],
        ).fetchall()
        conn.execute("SELECT url FROM fetches WHERE url LIKE '%/web/%'").fetchall()
    with Store.open(settings.db) as s:
        missing = [c for c in cites if c[2] and s.text(c[2]) is None]
    assert not missing, f"cited text not kept: {missing}"


# A recheck that starts while an editor's check runs leaves that check's claims to it.


def test_editor_fix_survives_a_concurrent_recheck(server, page, settings, claims):
    check([claims], settings)  # run 1: 12 May, supported
    page.lead = LEAD.replace("12 May", "19 May")  # the page now says 19 May
    claims.write_text(CLAIMS.format(url=server.url_for("/story")).replace("12 May", "19 May"))
    fetched, go = threading.Event(), threading.Event()
    from factcheck import check as checking

    real = checking._discover

    def blocking(*a, **k):  # called right after the check's run row is written, before any fetch
        if threading.current_thread() is not threading.main_thread():
            fetched.set()
            go.wait(30)
        return real(*a, **k)

    checking._discover = blocking
    progress = None
    editor = {}
    t = threading.Thread(
        target=lambda: editor.setdefault("s", check([claims], settings, progress=progress))
    )
    t.start()  # run 2: the editor's check
    assert fetched.wait(30)
    recheck(settings)  # run 3 starts while run 2 runs
    go.set()
    t.join(60)
    checking._discover = real
    item = load_report(settings.db).items[0]
    assert item.result.verdict is Verdict.SUPPORTED
    assert "19 May" in item.result.claim.text


# A rewritten page (a correction) that still speaks of the claim is changed, not a soft 404, and is read live.

CORRECTED = """<html><head><title>Portvale harbour (corrected)</title></head><body><article>
<p>Correction appended: an earlier version of this report gave the wrong day.</p>
<p>Mayor Ilsa Brandt cut the ribbon at the Portvale ferry terminal on 19 May 2025, a week later
than we first reported, after storms delayed the ceremony.</p>
<p>Harbourmaster Tomas Vey said the new berths can take two vessels at once, and that winter
timetables will add an early sailing to the mainland on weekdays. Fares are unchanged until spring.</p>
<p>The council's transport committee meets again next month to discuss parking near the quay,
where residents have complained about queues of cars blocking driveways on market days.</p>
<p>Readers can send corrections to the news desk using the form at the foot of every page.</p>
</article></body></html>"""


def test_correction_is_not_a_soft_404(server, page, settings, claims):
    settings = _with_archive(server, settings)
    check([claims], settings)
    page.body = CORRECTED
    s = recheck(settings)
    assert s.sources[0].state is SourceState.CHANGED
    assert load_report(settings.db).items[0].result.verdict is not Verdict.SUPPORTED


# A verdict that holds on an archived copy is recorded with citations that say so.


def test_citation_says_archived(server, page, settings, claims):
    settings = _with_archive(server, settings)
    check([claims], settings)
    page.status = 410
    last = [recheck(settings) for _ in range(3)][-1]
    assert last.sources[0].archived is not None
    cite = load_report(settings.db).items[0].result.citations[0]
    assert cite.final_url == server.url_for("/web/20250513/story")
    assert cite.reason.startswith("archived copy")


# A database from before claims kept their sources: the claims file on disk gives them.

_OLD_TABLES = ("runs", "claims", "sources", "fetches", "texts", "citations", "verdicts")


def test_a_claim_stored_before_m003_keeps_all_its_sources(
    server: HTTPServer, page: Page, settings: Settings, tmp_path: Path
) -> None:
    other = Page("The harbour café reopened after the winter with a new menu.")
    server.expect_request("/other").respond_with_handler(other)
    claims = tmp_path / "claims.toml"
    claims.write_text(
        '[[claims]]\nid = "terminal"\n'
        'text = "Mayor Ilsa Brandt opened the Portvale ferry terminal on 12 May 2025."\n'
        f'sources = ["{server.url_for("/story")}", "{server.url_for("/other")}"]\n'
    )
    new_db = tmp_path / "new.db"
    check([claims], Settings(**{**vars(settings), "db": new_db}))
    old = Database(sqlite3.connect(settings.db, isolation_level=None))
    migrations.apply(old, stop_before="m003_recheck")  # the same data at schema m002
    with sqlite3.connect(new_db) as new:
        for table in _OLD_TABLES:
            cols = [r[1] for r in old.execute(f"PRAGMA table_info({table})").fetchall()]
            rows = new.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            old.execute("BEGIN")
            for row in rows:
                marks = ", ".join("?" * len(cols))
                old.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", row)
            old.execute("COMMIT")
    old.conn.close()
    summary = recheck(settings)
    assert sorted(s.url for s in summary.sources) == sorted(
        [server.url_for("/story"), server.url_for("/other")]
    )


# A claim with a corpus hit that no citation quotes is not verified again when nothing changed.


def test_an_uncited_corpus_hit_does_not_make_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = "The new ferry terminal in Portvale was opened by Mayor Ilsa Brandt on 12 May 2025.\n"
    (corpus / "x.txt").write_text("Portvale harbour news.\n\n" + story)
    (corpus / "z.txt").write_text("Portvale ferry timetable. Boats leave every hour in 2025.\n")
    (tmp_path / "y.txt").write_text(story)
    claims = tmp_path / "claims.toml"
    claims.write_text(
        '[[claims]]\nid = "a"\n'
        'text = "Mayor Ilsa Brandt opened the Portvale ferry terminal on 12 May 2025."\n'
        'sources = ["y.txt"]\n'
    )
    settings = Settings(db=tmp_path / "f.db", cache=tmp_path / "cache")
    with Store.open(settings.db) as store:
        index_folders([corpus], settings, store)
    check([claims], settings, corpus=True)
    first, second = recheck(settings), recheck(settings)
    assert (first.verified, second.verified) == (0, 0)
    with sqlite3.connect(settings.db) as conn:
        assert conn.execute("SELECT count(*) FROM verdicts").fetchone() == (1,)
