"""Pages → SourceText: decoding, extraction, worker isolation and the text store."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import ipaddress
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from factcheck.models import SourceText
from factcheck.reading import read_sources
from factcheck.settings import Settings
from factcheck.text import (
    Extractor,
    TextStore,
    decode,
    extract_text,
    extractor_version,
    html_to_text,
    markdown_date,
    markdown_to_text,
)
from factcheck.text.convert import byline_date

PAGES = Path(__file__).resolve().parent / "pages"
BRIDGE = (PAGES / "harbour-bridge-utf8.html").read_bytes()
CAFE = (PAGES / "zurich-cafe-cp1252.html").read_bytes()
KAMA = (PAGES / "kama-bridge-cp1251.html").read_bytes()
KAMA_UNDECLARED = KAMA.replace(b'<meta charset="windows-1251">\n', b"")
SIGNED = "Договор был подписан в июне 2024 года"
# 100,000 tiny paragraphs (2.4 MB): trafilatura needs ~4.5 s for this on a 2-core machine.
SLOW = b"<html><body>" + b"<p>word of text here</p>" * 100_000 + b"</body></html>"


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    """Two workers with a generous time limit."""
    with Extractor(workers=2, time_limit=30) as ex:
        yield ex


@pytest.fixture
def hasty() -> Iterator[Extractor]:
    """One worker, 0.3 s per page."""
    with Extractor(workers=1, time_limit=0.3) as ex:
        yield ex


def alive(pid: int) -> bool:
    """True if a process with this pid exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --- pages ----------------------------------------------------------------------------


def test_article_text_is_the_story_without_nav_or_footer() -> None:
    text = extract_text(BRIDGE, "text/html; charset=utf-8").text
    assert "The repair cost €41 million, about a third more than the council’s" in text
    assert "Sign up for our free newsletter" not in text
    assert "All rights reserved" not in text
    assert "Related stories" not in text


def test_article_paragraphs_are_separated_by_blank_lines() -> None:
    text = extract_text(BRIDGE, "text/html").text
    assert (
        "steel girders. Commuters queued from before dawn to be among the first to cross.\n\nThe repair"
        in text
    )


def test_article_title_and_publication_date() -> None:
    source = extract_text(BRIDGE, "text/html")
    assert source.title == "Harbour bridge reopens after two-year repair"
    assert source.published == dt.date(2024, 3, 14)  # published_time, not modified_time


def test_sha256_is_of_the_body_bytes() -> None:
    assert extract_text(BRIDGE, "text/html").sha256 == hashlib.sha256(BRIDGE).hexdigest()


def test_undeclared_cp1252_page() -> None:
    source = extract_text(CAFE, "text/html")
    assert source.title == "Neues Café am Limmatquai: Zürich bekommt ein Literaturcafé"
    assert "Das Café in Zürich bietet rund vierzig Plätze" in source.text
    assert "außer montags" in source.text


@pytest.mark.parametrize(
    ("body", "header"),
    [(KAMA, None), (KAMA_UNDECLARED, None), (KAMA_UNDECLARED, "utf-8"), (KAMA, "utf-8")],
    ids=["meta", "undeclared", "wrong-header", "wrong-header-right-meta"],
)
def test_cp1251_page(body: bytes, header: str | None) -> None:
    assert SIGNED in extract_text(body, "text/html", header).text


def test_plain_text_is_kept_as_is() -> None:
    body = "Line one.\n\n  Line two, «quoted».\n".encode()
    source = extract_text(body, "text/plain")
    assert (source.text, source.error) == ("Line one.\n\n  Line two, «quoted».\n", None)


def test_unsupported_content_type() -> None:
    source = extract_text(b"%PDF-1.7 ...", "application/pdf")
    assert (source.text, source.error) == ("", "unsupported content type 'application/pdf'")


def test_html_without_a_content_type_is_recognised() -> None:
    assert extract_text(BRIDGE, "").title == "Harbour bridge reopens after two-year repair"
    assert extract_text(b"hello", "").error == "unsupported content type (none given)"


@pytest.mark.parametrize("body", [b"", b"   \n", b"<html><body>\n</body></html>"])
def test_blank_html_has_no_main_text(body: bytes) -> None:
    assert extract_text(body, "text/html").error == "no main text found"


# --- decoding ---------------------------------------------------------------------------


def test_header_charset_wins_over_meta() -> None:
    body = '<meta charset="utf-8"><p>Привет</p>'.encode("koi8-r")
    assert "Привет" in decode(body, "koi8-r")


def test_stale_latin1_header_on_utf8_bytes() -> None:
    assert decode("São Paulo, café".encode(), "iso-8859-1") == "São Paulo, café"


def test_latin1_label_means_windows_1252() -> None:
    assert decode("“quoted” – €5".encode("cp1252"), "latin-1") == "“quoted” – €5"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>El niño de España comió jamón con el señor Muñoz.</p>".encode("cp1252"), "España"),
        (CAFE * 5, "Zürich"),  # long enough to be sampled: charset-normalizer says cp775
    ],
)
def test_detection_prefers_windows_1252_when_it_fits(body: bytes, expected: str) -> None:
    assert expected in decode(body)


def test_detection_keeps_central_european_pages() -> None:
    text = "<p>Vláda schválila rozpočet; opozice kritizuje škrty ve zdravotnictví.</p>" * 3
    assert decode(text.encode("cp1250")) == text


def test_bom_beats_a_wrong_header() -> None:
    assert decode("\ufeffZürich".encode("utf-8"), "cp1252") == "Zürich"


def test_undecodable_bytes_are_replaced_not_raised() -> None:
    assert isinstance(decode(b"\xff\xfe\x00", "no-such-charset"), str)


# --- the extractor --------------------------------------------------------------------


def test_extractor_gives_the_same_text_as_in_process(extractor: Extractor) -> None:
    assert extractor.extract(KAMA_UNDECLARED, "text/html", "utf-8") == extract_text(
        KAMA_UNDECLARED, "text/html", "utf-8"
    )


def test_extractor_from_several_threads(extractor: Extractor) -> None:
    bodies = [BRIDGE, CAFE, KAMA, KAMA_UNDECLARED] * 3
    results: list[SourceText | None] = [None] * len(bodies)

    def run(i: int) -> None:
        results[i] = extractor.extract(bodies[i], "text/html")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bodies))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [extract_text(b, "text/html") for b in bodies]


def test_plain_text_does_not_go_to_a_worker(extractor: Extractor) -> None:
    before = extractor.jobs
    assert extractor.extract(b"hello", "text/plain").text == "hello"
    assert extractor.jobs == before


def test_slow_page_times_out_promptly(hasty: Extractor) -> None:
    start = time.monotonic()
    source = hasty.extract(SLOW, "text/html")
    assert time.monotonic() - start < 5
    assert (source.text, source.error) == ("", "extraction timed out after 0.3s")


def test_extractor_works_after_a_time_out(hasty: Extractor) -> None:
    (old,) = hasty.pids
    hasty.extract(SLOW, "text/html")
    assert (
        hasty.extract(BRIDGE, "text/html").title == "Harbour bridge reopens after two-year repair"
    )
    assert not alive(old)


def test_a_worker_that_dies_is_replaced() -> None:
    with Extractor(workers=1, time_limit=30) as ex:
        (pid,) = ex.pids
        result: list[SourceText] = []
        busy = threading.Thread(target=lambda: result.append(ex.extract(SLOW, "text/html")))
        busy.start()
        while ex.jobs == 0:
            time.sleep(0.01)
        os.kill(pid, signal.SIGKILL)
        busy.join()
        assert result[0].error == "extraction worker died (exit code -9)"
        assert ex.extract(BRIDGE, "text/html").error is None
        assert ex.pids != [pid]


def test_workers_exit_when_the_extractor_closes() -> None:
    with Extractor(workers=2) as ex:
        pids = ex.pids
        ex.extract(BRIDGE, "text/html")
    assert not any(alive(pid) for pid in pids)


def test_closing_interrupts_a_page_in_progress() -> None:
    ex = Extractor(workers=1, time_limit=30)
    result: list[SourceText] = []
    busy = threading.Thread(target=lambda: result.append(ex.extract(SLOW, "text/html")))
    busy.start()
    while ex.jobs == 0:
        time.sleep(0.01)
    start = time.monotonic()
    ex.close()
    busy.join()
    assert time.monotonic() - start < 3
    assert result[0].error == "extractor closed"


def test_closed_extractor_refuses_work() -> None:
    ex = Extractor(workers=1)
    ex.close()
    with pytest.raises(RuntimeError, match="closed"):
        ex.extract(BRIDGE, "text/html")


# --- the store ------------------------------------------------------------------------


def test_store_round_trip(tmp_path: Path) -> None:
    store = TextStore(tmp_path)
    source = extract_text(BRIDGE, "text/html")
    store.put(source)
    assert store.get(source.sha256) == source
    assert (tmp_path / source.sha256[:2] / f"{source.sha256}.json").is_file()


def test_store_misses_unknown_and_damaged_records(tmp_path: Path) -> None:
    store = TextStore(tmp_path)
    sha = "ab" * 32
    assert store.get(sha) is None
    store.path(sha).parent.mkdir()
    store.path(sha).write_text('{"text": ', encoding="utf-8")
    assert store.get(sha) is None


def test_store_refuses_a_key_that_is_not_a_sha256(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="sha256"):
        TextStore(tmp_path).get("../../etc/passwd")


def test_unchanged_page_is_extracted_once(extractor: Extractor, tmp_path: Path) -> None:
    store, before = TextStore(tmp_path), extractor.jobs
    first, fresh = extractor.extract_cached(store, CAFE, "text/html")
    again, fresh_again = extractor.extract_cached(store, CAFE, "text/html")
    assert (fresh, fresh_again, again) == (True, False, first)
    assert extractor.jobs == before + 1


def test_store_ignores_records_of_another_extractor(tmp_path: Path) -> None:
    source = extract_text(BRIDGE, "text/html")
    TextStore(tmp_path, version="older").put(source)
    assert TextStore(tmp_path).get(source.sha256) is None
    assert TextStore(tmp_path, version="older").get(source.sha256) == source


def test_store_ignores_records_that_name_no_extractor(tmp_path: Path) -> None:
    source = extract_text(BRIDGE, "text/html")
    store = TextStore(tmp_path)
    store.path(source.sha256).parent.mkdir()
    record = {"sha256": source.sha256, "text": source.text, "title": "Old title"}
    store.path(source.sha256).write_text(json.dumps(record), encoding="utf-8")
    assert store.get(source.sha256) is None


def test_changed_extractor_extracts_a_page_again_once(extractor: Extractor, tmp_path: Path) -> None:
    stale = replace(extract_text(CAFE, "text/html"), title="Stale title", published=None)
    TextStore(tmp_path, version="older").put(stale)
    store, before = TextStore(tmp_path), extractor.jobs
    first, fresh = extractor.extract_cached(store, CAFE, "text/html")
    again, fresh_again = extractor.extract_cached(store, CAFE, "text/html")
    assert (fresh, fresh_again, again) == (True, False, first)
    assert first.title != "Stale title"
    assert extractor.jobs == before + 1


def test_a_source_read_by_an_older_extractor_is_read_again(
    server: HTTPServer, tmp_path: Path
) -> None:
    settings = Settings(
        cache=tmp_path / "cache",
        delay=0,
        timeout=10,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )
    server.expect_request("/story").respond_with_data(BRIDGE, content_type="text/html")
    url = server.url_for("/story")
    stale = replace(extract_text(BRIDGE, "text/html"), title="Stale title")
    TextStore(settings.cache / "text", version="older").put(stale)
    first = read_sources([url], settings)[url]
    assert first.extracted
    assert first.text is not None
    assert first.text.title != "Stale title"
    again = read_sources([url], settings)[url]
    assert (again.extracted, again.text) == (False, first.text)


def test_extractor_version_follows_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    now = extractor_version()
    real = importlib.metadata.version

    def upgraded(name: str) -> str:
        return "999.0" if name == "trafilatura" else real(name)

    monkeypatch.setattr(importlib.metadata, "version", upgraded)
    extractor_version.cache_clear()
    try:
        assert extractor_version() != now
    finally:
        extractor_version.cache_clear()
    monkeypatch.undo()
    assert extractor_version() == now


def test_results_without_text_are_stored(extractor: Extractor, tmp_path: Path) -> None:
    store = TextStore(tmp_path)
    source, _ = extractor.extract_cached(store, b"%PDF-1.7", "application/pdf")
    assert store.get(source.sha256) == source


def test_time_out_is_not_stored(hasty: Extractor, tmp_path: Path) -> None:
    store = TextStore(tmp_path)
    source, fresh = hasty.extract_cached(store, SLOW, "text/html")
    assert (fresh, source.error) == (True, "extraction timed out after 0.3s")
    assert store.get(source.sha256) is None


# ---------------------------------------------------------------- Markdown and short pages

MARKDOWN = """---
title: Court round-up
date: 2025-06-30
---

# 2024 in review

The court fined [Acme](https://acme.example) on **3 March 2024**.

| 2020 | Merger |
|------|--------|

```
SELECT 2021;
```

See ![chart from 2022](c.png) and `run 2019`.
"""


def test_markdown_keeps_prose_and_line_numbers_only() -> None:
    text = markdown_to_text(MARKDOWN)
    lines = text.split("\n")
    assert len(lines) == len(MARKDOWN.split("\n"))
    assert lines[7] == "The court fined Acme on 3 March 2024."
    for gone in ("2024 in review", "Merger", "SELECT", "chart from 2022", "run 2019", "title:"):
        assert gone not in text


def test_markdown_front_matter_gives_the_publication_date() -> None:
    assert markdown_date(MARKDOWN) == dt.date(2025, 6, 30)
    assert markdown_date("No front matter.") is None


def test_short_page_keeps_its_paragraphs_apart() -> None:
    html = (
        "<html><body><article><h1>Judge jailed</h1>"
        '<p class="byline">By Kim Park | Published April 2, 2025</p>'
        "<figure><figcaption>The courthouse in 2019.</figcaption></figure>"
        "<p>A former judge was jailed on Tuesday for taking bribes.</p>"
        "<p>He was arrested in May 2023 and convicted in January 2025.</p>"
        "</article></body></html>"
    )
    paragraphs = html_to_text(html).text.split("\n\n")
    assert "He was arrested in May 2023 and convicted in January 2025." in paragraphs
    assert not any("courthouse" in p and "arrested" in p for p in paragraphs)


@pytest.mark.parametrize(
    ("sentence", "encoding"),
    [
        ("<p>Il était naïf, déjà à Noël.</p>", "cp1252"),  # once read as Baltic cp1257
        ("<p>São Paulo tem uma população enorme.</p>", "cp1252"),
        ("<p>La reunión en España terminó sin acuerdo.</p>", "cp1252"),
        ("<p>Smlouva byla podepsána v Praze, řekl ministr zahraničí.</p>", "cp1250"),
    ],
)
def test_short_undeclared_legacy_pages_decode_right(sentence: str, encoding: str) -> None:
    assert decode(sentence.encode(encoding)) == sentence


BYLINES = [
    (["Tomas Reyes, 6 June 2025", "The bridge reopened on Tuesday."], "2025-06-06"),
    (["Published 4:23 p.m. ET Oct. 1, 2018 | Updated 4:27 p.m. ET Oct. 2, 2018"], "2018-10-01"),
    (["Updated: 23 Apr 2019 4:13 am Posted: 14 Apr 2019"], "2019-04-14"),  # posted wins
    (["Sat 23 Sep 2017 04.00 EDT"], "2017-09-23"),
    (["The council met on 6 June 2025 and voted to reopen the bridge to traffic."], None),
    (["## 26 July 1865", "Parliament sat in Wellington."], None),  # a heading dates a section
    (["2019", "In 2019 the club moved."], None),  # a year alone is no byline
    (["Updated 20 March 2025 · 14 March 2025"], "2025-03-14"),  # an update is no publication
    (["Date", "Fri 15 Feb 19", "The teams won."], "2019-02-15"),  # the weekday confirms '19
    (["Mon 15 Feb 19", "The teams won."], None),  # 15 February 2019 was a Friday
    (["August 25, 2019", "# Judges shortlisted", "By Ana Ruiz on March 2, 2017"], "2017-03-02"),
    (["August 25, 2019", "# Judges shortlisted", "The panel met on March 2, 2017."], "2019-08-25"),
]  # fmt: skip


@pytest.mark.parametrize(("paragraphs", "expected"), BYLINES)
def test_byline_date(paragraphs: list[str], expected: str | None) -> None:
    found = byline_date(paragraphs)
    assert (found.isoformat() if found else None) == expected


def test_byline_in_the_text_wins_over_a_date_marked_elsewhere_on_the_page() -> None:
    page = (
        "<html><body><article><h1>Bridge open</h1><p>Tomas Reyes, 6 June 2025</p>"
        "<p>The Morrow Bridge reopened to traffic on Tuesday after a year of repairs.</p>"
        "<p>A weight limit will stay in place until the autumn, the council said.</p></article>"
        '<aside><a href="/1">Night buses return</a> <span class="date">28 May 2025</span>'
        "</aside></body></html>"
    )
    assert html_to_text(page).published == dt.date(2025, 6, 6)


def test_metadata_wins_over_a_date_line_far_down_the_text() -> None:
    lines = "".join(f"<p>Paragraph {n} of the story says little of note.</p>" for n in range(8))
    page = (
        '<html><head><meta property="article:published_time" content="2025-06-06"></head>'
        f"<body><article><h1>Bridge open</h1>{lines}<p>2 May 2025</p></article></body></html>"
    )
    assert html_to_text(page).published == dt.date(2025, 6, 6)
