"""suggested_sources: validated, rendered, kept through re-extraction, never in sources."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.claims import Article, extract_claims
from factcheck.claimsfile import load_claims, parse_claims, write_claims
from factcheck.cli import cli
from factcheck.errors import ClaimsFileError

ARTICLE = """Treaty news

Russia and North Korea signed a defence treaty in June 2024. Troops were sent by October 2024.
"""


def _article() -> Article:
    return Article("a.txt", ARTICLE, "sha-1")


def _write(path: Path, suggestions: dict[int, list[str]] | None = None) -> None:
    claims = extract_claims(_article())
    for i, found in (suggestions or {}).items():
        claims[i] = dataclasses.replace(claims[i], suggested_sources=tuple(found))
    write_claims(path, _article(), claims)


def test_suggested_sources_are_read() -> None:
    text = '[[claims]]\nid = "t"\ntext = "Signed in June 2024."\nsuggested_sources = ["a.html"]\n'
    (claim,) = parse_claims(text, "c.toml").claims
    assert claim.suggested_sources == ("a.html",)
    assert claim.sources == ()


def test_a_bad_suggested_sources_names_file_line_and_field() -> None:
    text = '[[claims]]\nid = "t"\ntext = "Signed in June 2024."\nsuggested_sources = "a.html"\n'
    with pytest.raises(ClaimsFileError) as error:
        parse_claims(text, "c.toml")
    assert str(error.value).startswith("c.toml:4: claims[1].suggested_sources: expected an array")


def test_a_new_file_renders_suggestions_apart_from_sources(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path, {0: ["https://example.org/treaty", "archive/wire.txt"]})
    text = path.read_text()
    assert (
        'sources = []\nsuggested_sources = ["https://example.org/treaty", "archive/wire.txt"]'
        in text
    )
    claims = load_claims(path).claims
    assert claims[0].suggested_sources == ("https://example.org/treaty", "archive/wire.txt")
    assert claims[0].sources == ()
    assert claims[1].suggested_sources == ()


def test_suggestions_survive_re_extraction_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path, {0: ["archive/wire.txt"]})
    edited = path.read_text().replace(
        'suggested_sources = ["archive/wire.txt"]',
        'suggested_sources = [\n  "archive/wire.txt",  # looks right, ask the desk\n]',
    )
    path.write_text(edited)
    _write(path)  # a plain re-extraction: no suggestions this time
    assert path.read_text() == edited


def test_new_suggestions_are_appended_once_and_never_repeat_a_source(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path, {0: ["archive/wire.txt"]})
    accepted = path.read_text().replace(
        "sources = []", 'sources = ["https://example.org/treaty"]', 1
    )
    accepted = accepted.replace(
        'suggested_sources = ["archive/wire.txt"]',
        'suggested_sources = [\n  "archive/wire.txt",  # looks right, ask the desk\n]',
    )
    path.write_text(accepted)
    second = ["https://example.org/treaty", "archive/wire.txt", "archive/other.txt"]
    _write(path, {0: second, 1: []})
    merged = path.read_text()
    assert '"archive/wire.txt",  # looks right, ask the desk' in merged
    claim = load_claims(path).claims[0]
    assert claim.sources == ("https://example.org/treaty",)
    assert claim.suggested_sources == ("archive/wire.txt", "archive/other.txt")
    untouched = accepted.split("[[claims]]")[2]
    assert untouched in merged  # the other claim's block is kept byte for byte
    before = merged
    _write(path, {0: second})
    assert path.read_text() == before  # nothing new: nothing written


def test_extract_suggest_fills_suggested_sources_from_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "treaty.txt").write_text(
        "Russia and North Korea signed a defence treaty on 19 June 2024.", encoding="utf-8"
    )
    (archive / "bridge.txt").write_text("A bridge opened in 1932.", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["index", "archive"]).exit_code == 0
    out = runner.invoke(cli, ["extract", "article.txt", "-o", "claims.toml", "--suggest"])
    assert out.exit_code == 0, out.output
    treaty = next(c for c in load_claims("claims.toml").claims if "treaty" in c.text)
    assert treaty.suggested_sources[0] == "archive/treaty.txt"
    assert "archive/bridge.txt" not in treaty.suggested_sources  # it shares no term
    assert treaty.sources == ()


def test_extract_suggest_without_a_database_warns_and_writes_no_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    out = CliRunner().invoke(cli, ["extract", "article.txt", "-o", "claims.toml", "--suggest"])
    assert out.exit_code == 0, out.output
    assert "no corpus" in out.output
    assert not (tmp_path / "factcheck.db").exists()
    assert "suggested_sources" not in (tmp_path / "claims.toml").read_text()


def test_extract_suggest_never_suggests_the_article_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "article.txt").write_text(ARTICLE, encoding="utf-8")  # the paper's own archive
    (archive / "treaty.txt").write_text(
        "Russia and North Korea signed a defence treaty on 19 June 2024.", encoding="utf-8"
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["index", "archive"]).exit_code == 0
    out = runner.invoke(cli, ["extract", "archive/article.txt", "-o", "c.toml", "--suggest"])
    assert out.exit_code == 0, out.output
    treaty = next(c for c in load_claims("c.toml").claims if "treaty" in c.text)
    assert treaty.suggested_sources == ("archive/treaty.txt",)


def _suggest_twice_setup(tmp_path: Path, suggest: bool = True) -> CliRunner:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(
        "Russia and North Korea signed a defence treaty on 19 June 2024.", encoding="utf-8"
    )
    (archive / "c.txt").write_text(
        "A blog says Russia and North Korea signed a treaty in June 2024.", encoding="utf-8"
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["index", "archive"]).exit_code == 0
    more = ["--suggest"] if suggest else []
    out = runner.invoke(cli, ["extract", "article.txt", "-o", "claims.toml", *more])
    assert out.exit_code == 0, out.output
    return runner


def test_a_rejected_suggestion_does_not_come_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = _suggest_twice_setup(tmp_path)
    path = tmp_path / "claims.toml"
    text = path.read_text(encoding="utf-8")
    treaty = next(c for c in load_claims(path).claims if "treaty" in c.text)
    assert set(treaty.suggested_sources) == {"archive/a.txt", "archive/c.txt"}
    edited = re.sub(r"(?m)^suggested_sources = .*$", "suggested_sources = []  # c: a blog", text)
    edited = edited.replace("sources = []", 'sources = ["archive/a.txt"]', 1)
    path.write_text(edited, encoding="utf-8")
    out = runner.invoke(cli, ["extract", "article.txt", "-o", "claims.toml", "--suggest"])
    assert out.exit_code == 0, out.output
    assert path.read_text(encoding="utf-8") == edited  # byte for byte: nothing new to offer
    (tmp_path / "archive" / "d.txt").write_text(
        "Officials said Russia and North Korea signed the treaty in June 2024.", encoding="utf-8"
    )
    assert runner.invoke(cli, ["index", "archive"]).exit_code == 0
    out = runner.invoke(cli, ["extract", "article.txt", "-o", "claims.toml", "--suggest"])
    treaty = next(c for c in load_claims(path).claims if "treaty" in c.text)
    assert treaty.suggested_sources == ("archive/d.txt",)  # only what was never offered


def test_a_new_claims_file_gets_every_suggestion_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = _suggest_twice_setup(tmp_path)
    (tmp_path / "claims.toml").unlink()  # started over: nothing in it was rejected
    out = runner.invoke(cli, ["extract", "article.txt", "-o", "claims.toml", "--suggest"])
    assert out.exit_code == 0, out.output
    treaty = next(c for c in load_claims("claims.toml").claims if "treaty" in c.text)
    assert set(treaty.suggested_sources) == {"archive/a.txt", "archive/c.txt"}


def test_suggestions_are_not_remembered_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = _suggest_twice_setup(tmp_path, suggest=False)
    path = tmp_path / "claims.toml"
    good = path.read_text(encoding="utf-8")  # an existing file without suggestions
    path.write_text(good.replace('article = "article.txt"', 'article = "other.txt"'))
    out = runner.invoke(cli, ["extract", "article.txt", "-o", "claims.toml", "--suggest"])
    assert out.exit_code == 1  # refused: the file names another article
    path.write_text(good, encoding="utf-8")
    out = runner.invoke(cli, ["extract", "article.txt", "-o", "claims.toml", "--suggest"])
    assert out.exit_code == 0, out.output
    treaty = next(c for c in load_claims(path).claims if "treaty" in c.text)
    assert set(treaty.suggested_sources) == {"archive/a.txt", "archive/c.txt"}
