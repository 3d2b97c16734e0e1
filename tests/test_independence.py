"""Syndicated copies count as one source when deciding a verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck import check as checking
from factcheck.discover import index_folders
from factcheck.settings import Settings
from factcheck.store import Store
from factcheck.verify import Shingler

CLAIMS = """\
[[claims]]
id = "treaty"
text = "Russia and North Korea signed a mutual defence treaty in June 2024."
keywords = ["signed", "treaty", "Russia", "North Korea"]
sources = [{sources}]
"""

BODY = [
    "Crowds lined the avenues of the capital as the motorcade passed through in the early "
    "afternoon, with portraits of both leaders hung from the lamp posts along the route.",
    "{treaty}",
    "Diplomats from neighbouring states said they would study the text closely before "
    "commenting, and several governments asked for a briefing at the next council session.",
    "Trade between the two countries has grown modestly in recent years, according to "
    "customs figures, though it remains small compared with either side's larger partners.",
    "The visit ended with a banquet, and the delegation flew home the following morning "
    "after a brief stop at a memorial on the outskirts of the city.",
]
UNDATED = "Russia and North Korea signed the mutual defence treaty in Pyongyang, officials said."
DATED = "Russia and North Korea signed the mutual defence treaty in Pyongyang on 19 June 2024."
OTHER = (
    "In a separate report filed from Seoul, our correspondent wrote that Russia and North "
    "Korea signed the treaty on 19 June 2024, after a day of talks behind closed doors. "
    "South Korean officials called the pact a threat and summoned the Russian ambassador, "
    "while analysts in Tokyo said the deal had been long in the making and reflected the "
    "war in Ukraine more than any new friendship between the two governments."
)


def story(treaty: str, masthead: str) -> str:
    """One wire story as a paper prints it: its own masthead, the same body."""
    return f"{masthead}\n\n" + "\n\n".join(p.format(treaty=treaty) for p in BODY)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settings(work: Path) -> Settings:
    return Settings(db=work / "factcheck.db", cache=work / "cache", delay=0)


def check(
    work: Path, sources: list[str], corpus: dict[str, str] | None = None
) -> checking.RunSummary:
    for name in sources:
        if not (work / name).exists():
            raise AssertionError(f"write {name} first")
    (work / "claims.toml").write_text(
        CLAIMS.format(sources=", ".join(f'"{s}"' for s in sources)), encoding="utf-8"
    )
    if corpus:
        folder = work.parent / f"{work.name}-corpus"
        folder.mkdir(exist_ok=True)
        for name, text in corpus.items():
            (folder / name).write_text(text, encoding="utf-8")
        with Store.open(settings(work).db) as store:
            index_folders([folder], settings(work), store)
    return checking.check([work / "claims.toml"], settings(work), corpus=bool(corpus))


# ---------------------------------------------------------------- telling copies apart


def test_copies_with_other_mastheads_are_found_and_other_stories_are_not() -> None:
    shingler = Shingler(0.8)
    texts = [
        ("a", "1", story(UNDATED, "The Morning Ledger — World")),
        ("b", "2", story(DATED, "Evening Courier | International news | Subscribe")),
        ("c", "3", OTHER),
        ("d", "4", story(UNDATED, "The Morning Ledger — World")[:400]),  # a cut-down copy
    ]
    assert shingler.copies(texts) == {"b": "a", "d": "a"}


def test_short_texts_are_never_called_copies() -> None:
    shingler = Shingler(0.8)
    assert shingler.copies([("a", "1", UNDATED), ("b", "2", UNDATED)]) == {}


# ---------------------------------------------------------------- the verdict rule


def test_a_copy_cannot_make_an_unverified_claim_supported(work: Path) -> None:
    (work / "original.txt").write_text(story(UNDATED, "Ledger"), encoding="utf-8")
    alone = check(work, ["original.txt"])
    assert alone.results[0][1].verdict.value == "unverified"
    (work / "copy.txt").write_text(story(DATED, "Courier"), encoding="utf-8")
    ((_, result),) = check(work, ["original.txt", "copy.txt"]).results
    assert result.verdict.value == "unverified"
    assert "only a syndicated copy supports it (copy.txt, a copy of original.txt)" in result.reason
    support = next(c for c in result.citations if c.stance.value == "supports")
    assert support.copy_of == "original.txt"
    assert support.reason.startswith("syndicated copy of original.txt")


def test_a_copy_from_the_corpus_cannot_either(work: Path) -> None:
    (work / "original.txt").write_text(story(UNDATED, "Ledger"), encoding="utf-8")
    ((_, result),) = check(
        work, ["original.txt"], corpus={"wire.txt": story(DATED, "Courier")}
    ).results
    assert result.verdict.value == "unverified"
    (copied,) = [
        c for c in result.citations if c.found_by == "corpus" and c.stance.value == "supports"
    ]
    assert copied.copy_of == "original.txt"


def test_the_same_story_twice_is_one_supporting_source(work: Path) -> None:
    (work / "a.txt").write_text(story(DATED, "Ledger"), encoding="utf-8")
    (work / "b.txt").write_text(story(DATED, "Courier"), encoding="utf-8")
    ((_, result),) = check(work, ["a.txt", "b.txt"]).results
    assert result.verdict.value == "supported"
    assert "independent sources" not in result.reason
    assert "syndicated copies not counted: b.txt (copy of a.txt)" in result.reason
    (work / "c.txt").write_text(OTHER, encoding="utf-8")
    ((_, result),) = check(work, ["a.txt", "b.txt", "c.txt"]).results
    assert "(2 independent sources)" in result.reason


def test_a_copy_may_still_dispute(work: Path) -> None:
    wrong = DATED.replace("19 June 2024", "19 June 2023")
    (work / "a.txt").write_text(story(DATED, "Ledger"), encoding="utf-8")
    (work / "b.txt").write_text(story(wrong, "Courier"), encoding="utf-8")
    ((_, result),) = check(work, ["a.txt", "b.txt"]).results
    assert result.verdict.value == "disputed"  # doubt from a copy is kept: the safe side


def test_the_json_and_the_database_say_which_is_a_copy(work: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    (work / "a.txt").write_text(story(DATED, "Ledger"), encoding="utf-8")
    (work / "b.txt").write_text(story(DATED, "Courier"), encoding="utf-8")
    (work / "claims.toml").write_text(CLAIMS.format(sources='"a.txt", "b.txt"'), encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", "claims.toml", "--json"])
    assert out.exit_code == 0, out.output
    cites = json.loads(out.output)["claims"][0]["citations"]
    assert {c["url"]: c["copy_of"] for c in cites} == {"a.txt": None, "b.txt": "a.txt"}
    with Store.open(work / "factcheck.db") as store:
        stored = store.current_items()[0].result.citations
    assert {c.source: c.copy_of for c in stored} == {"a.txt": None, "b.txt": "a.txt"}


def test_a_source_named_twice_is_not_a_copy_of_itself(work: Path) -> None:
    (work / "wire.txt").write_text(story(DATED, "Ledger"), encoding="utf-8")
    ((_, once),) = check(work, ["wire.txt"]).results
    ((_, twice),) = check(work, ["wire.txt", "wire.txt"]).results
    assert once.verdict.value == twice.verdict.value == "supported"
    assert all(c.copy_of is None for c in twice.citations)


def test_the_shingler_never_calls_a_source_its_own_copy() -> None:
    text = story(DATED, "Ledger")
    assert Shingler(0.8).copies([("a", "1", text), ("a", "1", text)]) == {}
