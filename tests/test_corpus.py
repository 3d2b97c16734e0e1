"""The local corpus: FTS5 query building, incremental indexing, and check --corpus."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from factcheck import check as checking
from factcheck.dates import parse_date
from factcheck.discover.corpus import (
    claim_query,
    date_terms,
    fts_query,
    index_folders,
    query_terms,
    search,
)
from factcheck.models import Claim
from factcheck.settings import Settings
from factcheck.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CLAIMS = ROOT / "claims" / "two-cheers-for-the-russian-diplomatic-revolution.toml"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "factcheck.db", cache=tmp_path / "cache", delay=0)


@pytest.fixture
def store(settings: Settings) -> Store:
    return Store.open(settings.db)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- query building

HOSTILE = [
    'He said "NEAR" and left',
    "cats AND dogs OR NOT birds",
    "NEAR(treaty signed, 5)",
    "prefix* ^start col:value",
    "(unbalanced ((parens",
    '"',
    "'single' — quotes; and: colons",
    "-minus +plus {braces} [brackets]",
    "\x00nul and\ttab",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_term_is_one_quoted_phrase(text: str) -> None:
    query = fts_query([text, "treaty"])
    assert query.endswith('"treaty"')
    assert re.fullmatch(r'"[\w ]+"(?: OR "[\w ]+")*', query), query


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_claim_text_neither_breaks_nor_steers_the_search(
    text: str, store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "treaty.txt", "The treaty was signed in June 2024 in Pyongyang.")
    write(
        corpus,
        "operators.txt",
        "Near the river, cats and dogs or not birds: prefix start col value.",
    )
    index_folders([corpus], settings, store)
    claim = Claim("c", f"{text} treaty signed in June 2024", keywords=(text, "treaty"))
    hits = [f.source for f in search(store, claim, 5)]  # raises StorageError if syntax broke
    assert any(h.endswith("treaty.txt") for h in hits)


def test_operator_words_are_searched_as_words(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", "Only this file mentions the word near and the word not.")
    write(corpus, "b.txt", "This file is about something else entirely.")
    index_folders([corpus], settings, store)
    claim = Claim("c", "x", keywords=("NEAR", "NOT"))
    assert [Path(f.source).name for f in search(store, claim, 5)] == ["a.txt"]


def test_query_holds_keywords_then_month_near_year() -> None:
    text = "Russia and North Korea signed a treaty in June 2024."
    claim = Claim("c", text, date=parse_date(text), keywords=("treaty", "North Korea", "Russia"))
    assert query_terms(claim) == ["treaty", "North Korea", "Russia"]
    assert date_terms(claim) == [("June", "2024")]
    assert claim_query(claim) == '"treaty" OR "North Korea" OR "Russia" OR NEAR("June" "2024", 3)'


@pytest.mark.parametrize(
    ("written", "found"),
    [("on 19 June 2024", True), ("on June 19, 2024", True), ("in June 2024", True),
     ("in June 2023, and then again late in 2024", False), ("in June; by 2024 it was over", True)],
)  # fmt: skip
def test_the_date_group_finds_the_date_however_written(
    written: str, found: bool, store: Store, settings: Settings, tmp_path: Path
) -> None:
    write(tmp_path / "corpus", "a.txt", f"Something happened {written}.")
    index_folders([tmp_path / "corpus"], settings, store)
    text = "It happened in June 2024."
    claim = Claim("c", text, date=parse_date(text), keywords=("nothing-shared",))
    assert bool(store.search_corpus(claim_query(claim), 3)) is found


def test_a_hit_sharing_too_few_of_the_claims_terms_is_no_source(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    write(tmp_path / "corpus", "weak.txt", "Russia was mentioned in June 2024, nothing else.")
    write(tmp_path / "corpus", "good.txt", "Russia and North Korea signed a treaty in June 2024.")
    index_folders([tmp_path / "corpus"], settings, store)
    text = "Russia and North Korea signed a treaty in June 2024."
    claim = Claim("c", text, date=parse_date(text), keywords=("treaty", "North Korea", "Russia"))
    assert [Path(f.source).name for f in search(store, claim, 5)] == ["good.txt"]


@pytest.mark.parametrize("name", ["README.md", "LICENSE.txt", "changelog.md", "Code-of-Conduct.md"])
def test_a_folders_own_notes_are_not_indexed(
    name: str, store: Store, settings: Settings, tmp_path: Path
) -> None:
    write(tmp_path / "corpus", name, "Russia and North Korea signed a treaty in June 2024.")
    write(tmp_path / "corpus", "story.txt", "Russia and North Korea signed a treaty in June 2024.")
    done = index_folders([tmp_path / "corpus"], settings, store)
    assert done.added == 1
    assert [(Path(p).name, why) for p, why in done.failed] == [
        (name, "a project's own notes (README, LICENSE…), not an article")
    ]


def test_a_year_claim_searches_its_year() -> None:
    text = "The attack happened in 2024."
    assert date_terms(Claim("c", text, date=parse_date(text))) == [("2024",)]


def test_query_without_keywords_uses_names_and_event_words() -> None:
    text = "Vladimir Putin visited Pyongyang in June 2024."
    terms = query_terms(Claim("c", text, date=parse_date(text)))
    assert {"Vladimir Putin", "Pyongyang"} <= set(terms)


# ---------------------------------------------------------------- incremental indexing


def test_index_adds_skips_updates_and_removes(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    keep = write(corpus, "keep.txt", "The bridge opened in March 1932 in Sydney.")
    change = write(corpus, "sub/change.md", "The treaty was signed in June 2024.")
    gone = write(
        corpus,
        "gone.html",
        "<html><body><p>The summit was held in Anchorage in August 2025, officials said.</p></body></html>",
    )
    write(corpus, "skipped.pdf", "not a type we index")
    write(corpus, ".hidden.txt", "hidden files are left out")
    first = index_folders([corpus], settings, store)
    assert (first.added, first.updated, first.unchanged, first.removed) == (3, 0, 0, 0)
    assert set(store.corpus_docs()) == {str(p.resolve()) for p in (keep, change, gone)}

    again = index_folders([corpus], settings, store)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 3, 0)

    os.utime(keep, (1, 1))  # touched, bytes unchanged: still skipped by hash
    change.write_text("The treaty was signed in July 2024 after all.", encoding="utf-8")
    gone.unlink()
    third = index_folders([corpus], settings, store)
    assert (third.added, third.updated, third.unchanged, third.removed) == (0, 1, 1, 1)
    docs = store.corpus_docs()
    assert str(gone.resolve()) not in docs
    assert docs[str(keep.resolve())].mtime == 1

    july = Claim("c", "x", keywords=("July",))
    assert [Path(f.source).name for f in search(store, july, 5)] == ["change.md"]
    anchorage = Claim("c", "x", keywords=("Anchorage",))
    assert search(store, anchorage, 5) == []  # the deleted file's words left the index


def test_index_of_one_folder_leaves_another_folders_files(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    a = write(tmp_path / "a", "one.txt", "Alpha text about a harbour.")
    b = write(tmp_path / "ab", "two.txt", "Beta text about a harbour.")  # "a" is a prefix of "ab"
    index_folders([tmp_path / "a", tmp_path / "ab"], settings, store)
    a.unlink()
    summary = index_folders([tmp_path / "a"], settings, store)
    assert summary.removed == 1
    assert set(store.corpus_docs()) == {str(b.resolve())}


def test_a_file_that_gives_no_text_is_reported_not_indexed(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "empty.txt", "   \n")
    summary = index_folders([corpus], settings, store)
    assert summary.added == 0
    assert [Path(p).name for p, _ in summary.failed] == ["empty.txt"]


def test_index_cli_reports_counts_and_rejects_a_missing_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    write(tmp_path / "corpus", "a.txt", "The bridge opened in March 1932.")
    db = str(tmp_path / "x.db")
    ok = CliRunner().invoke(cli, ["index", str(tmp_path / "corpus"), "--db", db])
    assert ok.exit_code == 0, ok.output
    assert "indexed 1 new, 0 changed, 0 unchanged, 0 removed" in ok.output
    bad = CliRunner().invoke(cli, ["index", str(tmp_path / "nowhere"), "--db", db])
    assert bad.exit_code == 1
    assert "nowhere: not a folder" in bad.output


# ---------------------------------------------------------------- check --corpus on the sample


def _verdicts(summary: checking.RunSummary) -> dict[str, str]:
    return {r.claim.id: r.verdict.value for _, r in summary.results}


def test_corpus_reaches_the_hand_given_verdicts_on_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    (work / "claims").mkdir()
    given = work / "claims" / "given.toml"
    shutil.copy(SAMPLE_CLAIMS, given)
    bare = work / "claims" / "bare.toml"
    text = SAMPLE_CLAIMS.read_text(encoding="utf-8")
    bare.write_text(re.sub(r"(?m)^sources = .*$", "sources = []", text), encoding="utf-8")
    corpus = tmp_path / "archive"  # outside the working folder: read from the index
    corpus.mkdir()
    for page in (ROOT / "examples").glob("*.html"):
        shutil.copy(page, corpus / page.name)
    monkeypatch.chdir(work)
    settings = Settings(db=work / "factcheck.db", cache=work / "cache", delay=0)

    by_hand = checking.check([given], settings, offline=True)
    with Store.open(settings.db) as store:
        assert index_folders([corpus], settings, store).added == len(list(corpus.iterdir()))
    without = checking.check([bare], settings, offline=True)
    found = checking.check([bare], settings, offline=True, corpus=True)

    assert _verdicts(found) == _verdicts(by_hand)
    assert _verdicts(without) != _verdicts(by_hand)  # the corpus is what made the difference
    supported = [r for _, r in found.results if r.verdict.value == "supported"]
    assert supported
    for result in supported:
        assert result.citations
        assert {c.found_by for c in result.citations} == {"corpus"}
        assert all(c.query and '"' in c.query for c in result.citations)
    with Store.open(settings.db) as store:
        cited = store.current_items([str(bare)])
    assert {c.found_by for r in cited for c in r.result.citations} == {"corpus"}


def test_a_link_to_a_file_outside_the_folder_is_not_indexed(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    secret = write(tmp_path / "private", "secret.txt", "Payroll figures for March 2024.")
    corpus = tmp_path / "corpus"
    write(corpus, "ok.txt", "The treaty was signed in June 2024.")
    (corpus / "link.txt").symlink_to(secret)
    summary = index_folders([corpus], settings, store)
    assert summary.added == 1
    assert [(Path(p).name, why.startswith("a link to outside")) for p, why in summary.failed] == [
        ("link.txt", True)
    ]


def test_check_corpus_with_an_empty_index_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    monkeypatch.chdir(tmp_path)
    claims = write(
        tmp_path, "c.toml", '[[claims]]\nid = "t"\ntext = "A treaty was signed in June 2024."\n'
    )
    summary = checking.check([claims], settings, corpus=True)
    assert any("corpus is empty" in w for w in summary.warnings)
    assert summary.results[0][1].verdict.value == "unverified"


def test_the_report_says_how_a_source_was_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    archive = tmp_path / "archive"
    write(archive, "wire.txt", "Russia and North Korea signed the defence treaty on 19 June 2024.")
    write(
        tmp_path / "work",
        "c.toml",
        '[[claims]]\nid = "t"\ntext = "Russia and North Korea signed a defence treaty in June 2024."\n',
    )
    monkeypatch.chdir(tmp_path / "work")
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(archive)]).exit_code == 0
    out = runner.invoke(cli, ["check", "c.toml", "--corpus"])
    assert out.exit_code == 0, out.output
    assert "supported" in out.output
    assert "wire.txt fetched" in " ".join(out.output.split())
    assert "supports, found by corpus" in " ".join(out.output.split())


def test_a_folder_given_twice_or_nested_is_indexed_once(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    write(tmp_path / "corpus", "sub/a.txt", "The treaty was signed in June 2024.")
    write(tmp_path / "corpus", "b.txt", "The bridge opened in March 1932.")
    corpus = tmp_path / "corpus"
    summary = index_folders([corpus, corpus / "sub", corpus], settings, store)
    assert (summary.added, summary.unchanged) == (2, 0)
    assert store.corpus_count() == 2


def test_a_claim_with_nothing_but_a_date_finds_nothing(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    write(tmp_path / "corpus", "a.txt", "Something else happened in June 2024.")
    index_folders([tmp_path / "corpus"], settings, store)
    claim = Claim("c", "x", date=parse_date("in June 2024"), keywords=("--",))
    assert search(store, claim, 3) == []


# ---------------------------------------------------------------- the article is not its own source

DRAFT = (
    "Russia and North Korea signed a mutual defence treaty on 19 June 2024, binding each "
    "side to help the other. Our reporter in Seoul heard officials there describe the pact "
    "as a danger to the region, while diplomats elsewhere waited to read the full text "
    "before they would comment on what it changes for the peninsula and its neighbours.\n"
)


def test_check_corpus_never_cites_the_article_or_a_copy_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "archive", "draft.txt", DRAFT)  # a newsroom indexing its own archive
    write(tmp_path / "archive", "reposted.txt", "Reposted from our partners\n\n" + DRAFT)
    runner = CliRunner()
    assert runner.invoke(cli, ["extract", "archive/draft.txt", "-o", "c.toml"]).exit_code == 0
    assert runner.invoke(cli, ["index", "archive"]).exit_code == 0
    settings = Settings(db=tmp_path / "factcheck.db", cache=tmp_path / "cache", delay=0)
    summary = checking.check([tmp_path / "c.toml"], settings, corpus=True)
    treaty = next(r for _, r in summary.results if "treaty" in r.claim.text)
    assert treaty.verdict.value == "unverified"
    assert treaty.citations == ()


def test_the_article_is_left_out_by_its_bytes_when_it_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    draft = write(tmp_path / "archive", "draft.txt", DRAFT)
    other = write(
        tmp_path / "archive",
        "wire.txt",
        "Russia and North Korea signed a mutual "
        "defence treaty on 19 June 2024 in Pyongyang, officials said.",
    )
    import hashlib

    sha = hashlib.sha256(draft.read_bytes()).hexdigest()
    write(
        tmp_path,
        "c.toml",
        f'article = "gone/draft.txt"\narticle_sha256 = "{sha}"\n\n[[claims]]\nid = "t"\n'
        'text = "Russia and North Korea signed a mutual defence treaty in June 2024."\n',
    )
    settings = Settings(db=tmp_path / "factcheck.db", cache=tmp_path / "cache", delay=0)
    with Store.open(settings.db) as store:
        index_folders([tmp_path / "archive"], settings, store)
    ((_, result),) = checking.check([tmp_path / "c.toml"], settings, corpus=True).results
    assert {c.source for c in result.citations} == {other.relative_to(tmp_path).as_posix()}


# ---------------------------------------------------------------- a file that stops passing the scan


def test_a_file_grown_past_the_cap_leaves_the_index(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    path = write(corpus, "a.txt", "Russia and North Korea signed a treaty in June 2024.")
    index_folders([corpus], settings, store)
    path.write_text("The treaty story was retracted. " + "x" * 3000, encoding="utf-8")
    small = Settings(db=settings.db, cache=settings.cache, max_bytes=1000)
    summary = index_folders([corpus], small, store)
    assert [(Path(p).name, why) for p, why in summary.failed] == [
        ("a.txt", "larger than 1,000 bytes")
    ]
    assert summary.removed == 1
    assert store.corpus_docs() == {}
    assert search(store, Claim("c", "x", keywords=("Russia",)), 5) == []


def test_a_file_replaced_by_a_link_outside_leaves_the_index(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    path = write(corpus, "a.txt", "Russia and North Korea signed a treaty in June 2024.")
    index_folders([corpus], settings, store)
    secret = write(tmp_path / "private", "s.txt", "Payroll figures for March 2024.")
    path.unlink()
    path.symlink_to(secret)
    summary = index_folders([corpus], settings, store)
    assert summary.removed == 1
    assert store.corpus_count() == 0


# ---------------------------------------------------------------- odd names and links


def test_a_name_that_is_not_utf8_is_reported_and_the_rest_indexed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    corpus = tmp_path / "corpus"
    write(corpus, "good.txt", "Russia and North Korea signed a treaty in June 2024.")
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as handle:  # a latin-1 name
        handle.write(b"The cafe opened in March 2023.")
    db = str(tmp_path / "x.db")
    for _ in range(2):  # and again: the re-run must not trip over it either
        out = CliRunner().invoke(cli, ["index", str(corpus), "--db", db])
        assert out.exit_code == 0, out.output
        assert "caf\\xe9.txt: not indexed: name is not UTF-8" in out.output
        assert "1 not indexed" in out.output
    with Store.open(Path(db)) as store:
        assert [Path(p).name for p in store.corpus_docs()] == ["good.txt"]


def test_a_symlink_loop_is_reported_and_the_rest_indexed(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "ok.txt", "Russia signed a treaty in June 2024.")
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    summary = index_folders([corpus], settings, store)
    assert summary.added == 1
    assert sorted(Path(p).name for p, _ in summary.failed) == ["a.txt", "b.txt"]


def test_index_keeps_only_a_few_files_in_flight(
    store: Store, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from factcheck.discover import corpus as corpus_module

    for i in range(40):
        write(tmp_path / "corpus", f"d{i:02}.txt", f"Document {i} says the bridge opened in 1932.")
    lock, counts = threading.Lock(), {"read": 0, "stored": 0, "most": 0}
    real_extract, real_index = corpus_module.extract_text, store.index_doc

    def extract(body: bytes, kind: str) -> object:
        with lock:
            counts["read"] += 1
            counts["most"] = max(counts["most"], counts["read"] - counts["stored"])
        return real_extract(body, kind)

    def index(doc: object, text: object) -> None:
        time.sleep(0.005)  # a slow writer: readers must not race ahead of it
        real_index(doc, text)  # type: ignore[arg-type]
        with lock:
            counts["stored"] += 1

    monkeypatch.setattr(corpus_module, "extract_text", extract)
    monkeypatch.setattr(store, "index_doc", index)
    assert index_folders([tmp_path / "corpus"], settings, store, workers=2).added == 40
    assert counts["most"] <= 2 * 2 + 1


def test_a_document_many_claims_hit_is_read_once(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    from factcheck.discover import find_sources

    write(tmp_path / "corpus", "big.txt", "Russia and North Korea signed a treaty in June 2024.")
    index_folders([tmp_path / "corpus"], settings, store)
    claims = [
        Claim(f"c{i}", "x", date=parse_date("in June 2024"), keywords=("treaty", "Russia"))
        for i in range(3)
    ]
    found = find_sources(claims, settings, store, corpus=True).found
    reads = [found[f"c{i}"][0].read for i in range(3)]
    assert all(r is not None and r.text is not None for r in reads)
    assert len({id(r.text) for r in reads if r is not None}) == 1


def test_a_link_to_a_file_in_the_corpus_is_indexed_once(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    real = write(corpus, "z-real.txt", "Russia and North Korea signed a treaty in June 2024.")
    (corpus / "a-link.txt").symlink_to(real)  # sorted before the file it points at
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b-link.txt").symlink_to(real)
    summary = index_folders([corpus], settings, store)
    assert summary.added == 1
    assert list(store.corpus_docs()) == [str(real)]
    claim = Claim("c", "x", keywords=("treaty",))
    assert [Path(f.source).name for f in search(store, claim, 5)] == ["z-real.txt"]


@pytest.mark.parametrize(
    "body",
    [
        bytes(range(256)) * 20,  # a binary file
        b"PK\x03\x04" + b"\x00" * 50 + b"treaty signed in June 2024" + b"\x00" * 50,
        ("\x01\x02\x03\x04\x05\x06\x07\x0e\x0f" * 30 + " a few words in June 2024").encode(),
    ],
)
def test_a_binary_file_named_txt_is_not_indexed(
    store: Store, settings: Settings, tmp_path: Path, body: bytes
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "photo.txt").write_bytes(body)
    write(corpus, "ok.txt", "Ordinary text:\ttabs,\r\nline ends and a form\ffeed are fine.")
    summary = index_folders([corpus], settings, store)
    assert summary.added == 1
    assert [(Path(p).name, why) for p, why in summary.failed] == [("photo.txt", "not text")]
