"""Terminal output, compared as exact text."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console

from factcheck.models import Claim, DateExpr, Precision, Qualifier
from factcheck.report import render_extraction

TREATY = Claim(
    id="treaty-russia-7d0bb1",
    text="…prompting Russia to invoke its mutual defense treaty, signed in June 2024.",
    quote="prompting Russia to invoke its mutual defense treaty with the Democratic People’s "
    "Republic of Korea (DPRK), signed in June 2024 [sic]",
    line=13,
    date=DateExpr(
        "June 2024", dt.date(2024, 6, 1), dt.date(2024, 6, 30), Precision.MONTH, Qualifier.IN
    ),
)
HAND = Claim(id="hand", text="Putin visited Pyongyang.", skip=True)


def _render(claims: list[Claim], limit: int = 100) -> str:
    console = Console(record=True, width=80, color_system=None, file=io.StringIO())
    render_extraction(claims, console, limit=limit)
    return console.export_text()


def test_extraction_is_printed_as_plain_wrapped_lines() -> None:
    assert _render([TREATY, HAND]) == (
        "treaty-russia-7d0bb1  line 13\n"
        "  date   in June 2024 = 2024-06-01..2024-06-30 (month)\n"
        "  quote  prompting Russia to invoke its mutual defense treaty with the\n"
        "         Democratic People’s Republic of Korea (DPRK), signed in June 2024 [sic]\n"
        "hand  skipped\n"
        "  date   undated\n"
        "  quote  Putin visited Pyongyang.\n"
    )


def test_long_extractions_are_cut_with_a_count() -> None:
    assert _render([TREATY, HAND], limit=1).endswith("… and 1 more in the claims file.\n")


def test_markup_in_untrusted_text_is_printed_as_is() -> None:
    claim = Claim(id="x", text="[bold]Signed[/bold] in 2024 [link=http://evil]here[/link]")
    assert "[bold]Signed[/bold] in 2024 [link=http://evil]here[/link]" in _render([claim])


def test_check_report_is_exact_text() -> None:
    from factcheck.models import Citation, ClaimResult, Stance, Verdict
    from factcheck.report import render_check

    web = Citation(
        source="https://news.example/treaty", final_url="https://www.news.example/treaty",
        stance=Stance.SUPPORTS, reason="r", quote="They signed it on 19 June 2024.", score=90.0,
    )  # fmt: skip
    local = Citation(source="examples/t.html", final_url="/abs/examples/t.html", stance=Stance.CONTRADICTS,
                     reason="r", quote="They signed it in 2023.", score=95.0)  # fmt: skip
    results = [
        ("c.toml", ClaimResult(TREATY, Verdict.SUPPORTED, "found it", (web,))),
        ("c.toml", ClaimResult(HAND, Verdict.DISPUTED, "contradicted", (local,))),
    ]
    console = Console(record=True, width=80, color_system=None, file=io.StringIO())
    render_check(results, {"supported": 1, "disputed": 1, "unverified": 0}, console)
    assert console.export_text() == (
        "supported  treaty-russia-7d0bb1\n"
        "  date   in June 2024 = 2024-06-01..2024-06-30 (month)\n"
        "  claim  …prompting Russia to invoke its mutual defense treaty, signed in June\n"
        "         2024.\n"
        "  why    found it\n"
        "  quote  “They signed it on 19 June 2024.”\n"
        "  source https://www.news.example/treaty\n"
        "         supports\n"
        "disputed   hand\n"
        "  claim  Putin visited Pyongyang.\n"
        "  why    contradicted\n"
        "  quote  “They signed it in 2023.”\n"
        "  source /abs/examples/t.html\n"
        "         contradicts\n"
        "1 supported, 1 disputed, 0 unverified\n"
    )
