"""The report renderers on hand-made results: hostile text, highlighting, escaping."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.errors import InputError, SettingsError
from factcheck.models import (
    Citation,
    Claim,
    ClaimResult,
    DateExpr,
    Precision,
    Qualifier,
    ReportItem,
    Stance,
    Verdict,
)
from factcheck.report import (
    Report,
    claimreview_json,
    markdown_escape,
    match_files,
    render_report,
    report_markdown,
)
from factcheck.settings import load_settings

JUNE = DateExpr("June 2024", dt.date(2024, 6, 1), dt.date(2024, 6, 30), Precision.MONTH,
                Qualifier.IN)  # fmt: skip
HOSTILE = "[bold]Signed[/bold] | \x1b[31mred\x1b[0m \u202eevil <script>x</script><!-- [a](b)"
WHEN = dt.datetime(2026, 11, 2, 6, 30, tzinfo=dt.UTC)


def _item(quote: str = "They signed it in Pyongyang on 19 June 2024, aides said.",
          text: str = "Russia and North Korea signed a treaty in June 2024.",
          url: str = "https://news.example/treaty", reason: str = "found it",
          verdict: Verdict = Verdict.SUPPORTED, manual: bool = False) -> ReportItem:  # fmt: skip
    claim = Claim("treaty", text, quote=text, date=JUNE,
                  verdict=verdict if manual else None, note="phoned" if manual else None)  # fmt: skip
    cite = Citation(url, url, Stance.SUPPORTS, "inside", quote, 10, 60, 91.5, "2024-06-19",
                    200, WHEN, "ab" * 32)  # fmt: skip
    result = ClaimResult(claim, verdict, reason, (cite,))
    return ReportItem("c.toml", result, 3, "2026-11-02T06:30:00+00:00", True,
                      Verdict.UNVERIFIED, "2026-11-02T06:30:00+00:00")  # fmt: skip


def _report(*items: ReportItem) -> Report:
    return Report(Path("f.db"), 3, "2026-11-02T06:30:00+00:00", items)


def _table(report: Report, *, colour: bool = False, width: int = 100) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=colour,
                      color_system="standard" if colour else None)  # fmt: skip
    render_report(report, console)
    return console.export_text(styles=colour)


def test_table_is_exact_text() -> None:
    assert _table(_report(_item(manual=True))) == (
        "c.toml\n"
        "supported  treaty  (manual)  * changed on 2026-11-02, was unverified\n"
        "  date   in June 2024 = 2024-06-01..2024-06-30 (month)\n"
        "  claim  Russia and North Korea signed a treaty in June 2024.\n"
        "  why    found it\n"
        "  quote  “They signed it in Pyongyang on 19 June 2024, aides said.”\n"
        "  source news.example, fetched 2026-11-02, supports\n"
        "\n"
        "1 claims: 1 supported, 0 disputed, 0 unverified; 1 changed\n"
        "as of run 3, started 2026-11-02T06:30:00+00:00\n"
    )


def test_the_decisive_date_is_highlighted() -> None:
    out = _table(_report(_item()), colour=True)
    assert "Pyongyang on \x1b[1;7m19 June 2024\x1b[0m, aides said." in out
    assert out.count("\x1b[1;7m") == 1  # nothing else is highlighted


def test_hostile_text_never_reaches_the_terminal_as_markup_or_escapes() -> None:
    item = _item(quote=HOSTILE + " on 19 June 2024", text=HOSTILE, reason=HOSTILE)
    out = _table(_report(item), colour=True)
    assert "\x1b[31mred" not in out  # the page's escape is not passed through…
    assert "\\x1b[31mred\\x1b[0m" in out  # …it is shown
    assert "\u202e" not in out
    assert "\\u202eevil" in out
    assert "[bold]Signed[/bold] |" in out  # markup stays literal
    plain = _table(_report(item))
    assert "\x1b" not in plain


def test_table_wraps_at_80_columns_without_trailing_spaces() -> None:
    long = "Officials in Pyongyang and Moscow said " * 5 + "they signed it on 19 June 2024."
    out = _table(_report(_item(quote=long)), width=80)
    assert all(len(line) <= 80 for line in out.splitlines())
    assert all(line == line.rstrip() for line in out.splitlines())
    assert "  quote  “Officials in Pyongyang" in out


def _cells(row: str) -> list[str]:
    """A Markdown table row split on its unescaped pipes."""
    return re.split(r"(?<!\\)\|", row)


def test_markdown_keeps_hostile_text_inside_its_cell() -> None:
    item = _item(quote=HOSTILE, text=HOSTILE + "\nsecond line", reason="a | b\n| c")
    out = report_markdown(_report(item))
    row = next(line for line in out.splitlines() if line.startswith("| **"))
    assert len(_cells(row)) == 7  # five cells between the outer pipes
    assert "<" not in out.replace("(<https://news.example/treaty>)", "")
    assert not re.search(r"(?<!\\)\]\(", out.replace("](<https://news.example/treaty>)", ""))
    assert "\x1b" not in out
    assert (
        "[^1]: [news.example](<https://news.example/treaty>) (supports, fetched 2026-11-02)" in out
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("[x](https://evil.example)", "\\[x\\](https\\://evil.example)"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("one\ntwo\r\nthree", "one two three"),
        ("*bold* _it_ `code` ~~del~~", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~del\\~\\~"),
        ("see www.evil.example or me@evil.example", "see www\\.evil.example or me\\@evil.example"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert markdown_escape(text) == escaped


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("javascript:alert(1)", "javascript:alert(1)"),  # no link, just text
        ("https://a.example/x y>z|w", "[a.example](<https://a.example/x%20y%3Ez%7Cw>)"),
    ],
)
def test_markdown_links_only_web_addresses(url: str, link: str) -> None:
    out = report_markdown(_report(_item(url=url)))
    assert f"[^1]: {link} (supports" in out


def test_claimreview_escapes_script_endings_and_round_trips() -> None:
    item = _item(text=HOSTILE, verdict=Verdict.DISPUTED)
    out = claimreview_json(_report(item), author_name="Desk </script>", url="https://n.example/p")
    assert "</" not in out
    assert "<!--" not in out
    (review,) = json.loads(out)
    assert review["claimReviewed"] == HOSTILE
    assert review["author"] == {"@type": "Organization", "name": "Desk </script>"}
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Disputed"}
    assert review["url"] == "https://n.example/p#treaty"
    assert review["itemReviewed"]["temporalCoverage"] == "2024-06-01/2024-06-30"


def test_claims_file_matching_refuses_an_ambiguous_tail(tmp_path: Path) -> None:
    given = str(tmp_path / "x" / "claims" / "a.toml")
    assert match_files([given], ["claims/a.toml", "b.toml"]) == ["claims/a.toml"]
    with pytest.raises(InputError, match="could be any of"):
        match_files([given], ["claims/a.toml", "x/claims/a.toml"])


def test_author_settings_come_from_the_environment(tmp_path: Path) -> None:
    env = {"FACTCHECK_AUTHOR_NAME": "The Daily Example",
           "FACTCHECK_AUTHOR_URL": "https://daily.example/"}  # fmt: skip
    settings = load_settings(env=env, cwd=tmp_path)
    assert (settings.author_name, settings.author_url) == ("The Daily Example",
                                                           "https://daily.example/")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('author_url = "javascript:alert(1)"\n', "factcheck.toml:1: author_url: expected an http(s) URL"),
        ('author_url = "https://"\n', "factcheck.toml:1: author_url: expected an http(s) URL"),
        ('author_name = "Desk\\u001b[31m"\n', "factcheck.toml:1: author_name: must not contain control"),
        ("author_name = 3\n", "factcheck.toml:1: author_name: expected a string, got an integer"),
    ],
)  # fmt: skip
def test_bad_author_settings_name_file_line_and_key(tmp_path: Path, text: str, error: str) -> None:
    (tmp_path / "factcheck.toml").write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings(env={}, cwd=tmp_path)
    assert str(caught.value).removeprefix(f"{tmp_path}/").startswith(error)


def _found_item() -> ReportItem:
    item = _item()
    cite = item.result.citations[0]
    found = Citation(
        cite.source, cite.final_url, cite.stance, cite.reason, cite.quote, cite.start, cite.end,
        cite.score, cite.found_date, cite.status, cite.fetched_at, cite.sha256,
        found_by="corpus", query='"treaty" OR "June"', copy_of="https://wire.example/t",
    )  # fmt: skip
    result = ClaimResult(item.result.claim, item.result.verdict, "found it", (found,))
    return ReportItem(item.file, result, 3, item.checked_at, False, None, None)


def test_the_table_says_how_a_found_source_was_found() -> None:
    out = " ".join(_table(_report(_found_item())).split())
    assert (
        "source news.example, fetched 2026-11-02, supports, found by corpus, "
        "a syndicated copy of https://wire.example/t"
    ) in out


def test_markdown_footnotes_say_how_a_found_source_was_found() -> None:
    out = report_markdown(_report(_found_item()))
    assert "(supports, fetched 2026-11-02, found by corpus, a syndicated copy of " in out


def test_check_output_shows_control_characters_as_escapes() -> None:
    from factcheck.report import render_check

    item = _item(quote="Signed \x1b[2J\x1b]8;;http://evil.example\x07here\u202e on 19 June 2024.")
    console = Console(record=True, width=100, file=io.StringIO())
    render_check([("c.toml", item.result)], {"supported": 1}, console)
    out = console.export_text()
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\\x1b[2J" in out
