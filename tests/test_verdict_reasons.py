"""What a verdict says about how it was reached, end to end on local pages."""

from __future__ import annotations

import io
import ipaddress
from pathlib import Path

import pytest
from rich.console import Console

from factcheck.check import check
from factcheck.models import ClaimResult
from factcheck.report import check_json, render_check
from factcheck.settings import Settings

CASES = Path(__file__).parent / "cases"


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, page: str) -> ClaimResult:
    (tmp_path / "claims.toml").write_text(
        f'[[claims]]\nid = "c"\ntext = "{text}"\nsources = ["page.html"]\n', encoding="utf-8"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = Settings(
        db=tmp_path / "f.db", cache=tmp_path / "cache", delay=0, timeout=5, retries=1,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )  # fmt: skip
    summary = check([tmp_path / "claims.toml"], settings)
    return summary.results[0][1]


def test_reason_says_how_the_event_and_participants_matched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (CASES / "paraphrase-lifted-off" / "artemis.html").read_text(encoding="utf-8")
    result = _run(
        tmp_path, monkeypatch, "NASA launched the Artemis I mission on 16 November 2022.", page
    )
    assert result.verdict.value == "supported"
    assert "event: 'launched' ~ 'lifted off' (lexicon)" in result.reason
    treaty = (CASES / "alias-dprk-wrong-day" / "treaty.html").read_text(encoding="utf-8")
    claim = "The DPRK and Russia signed their partnership treaty on 18 June 2024."
    result = _run(tmp_path, monkeypatch, claim, treaty)
    assert result.verdict.value == "disputed"
    assert "participant: 'DPRK' = 'North Korea' (country names)" in result.reason
    cited = check_json(1, [("claims.toml", result)], {})["claims"]
    assert isinstance(cited, list)
    reasons = [c["reason"] for c in cited[0]["citations"]]
    assert any("participant: 'DPRK' = 'North Korea' (country names)" in r for r in reasons)


PAGE = """<html><head><title>Vela Space</title></head><body><article>
<h1>Vela Space launches 12 satellites from the Sora range</h1>
<p>Vela Space launched its new weather satellites from the Sora range on 9 May 2024, two days late.</p>
<p>The company builds its satellites in a former textile mill.</p>
</article></body></html>"""


def test_table_quotes_the_sentence_with_another_date_not_the_headline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the dated sentence lacks the claim's number, so it cannot contradict: unverified,
    # yet it is the sentence an editor needs to see, not the better-scoring headline
    result = _run(tmp_path, monkeypatch, "Vela Space launched 12 satellites on 9 May 2023.", PAGE)
    assert result.verdict.value == "unverified"
    assert "9 May 2024" in result.reason
    console = Console(record=True, width=100, color_system=None, file=io.StringIO())
    render_check([("claims.toml", result)], {}, console)
    shown = " ".join(console.export_text().split())
    assert "on 9 May 2024, two days late.” source " in shown
    assert "page.html fetched " in shown
    assert "from the Sora range”" not in shown


NEGATED = """<html><head><title>Portvale</title></head><body><article>
<p>Mayor Ilsa Brandt did not open the Portvale ferry terminal on 19 May 2025, as the
ceremony was called off in the storm.</p>
</article></body></html>"""

ASIDE = """<html><head><title>Portvale</title></head><body><article>
<p>Mayor Ilsa Brandt, a partner who does not surprise the council, opened the Portvale
ferry terminal on 19 May 2025.</p>
</article></body></html>"""


def test_a_negated_sentence_is_told_with_the_words_that_negate_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = "Mayor Ilsa Brandt opened the Portvale ferry terminal on 12 May 2025."
    result = _run(tmp_path, monkeypatch, claim, NEGATED)
    assert result.verdict.value == "unverified"  # a negated sentence never disputes
    [quoted] = [c for c in result.citations if c.quote]
    assert quoted.reason == (
        "the sentence says 'not' where the claim does not: “…Brandt did not open the…”"
    )


def test_a_not_in_an_aside_about_a_participant_negates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = "Mayor Ilsa Brandt opened the Portvale ferry terminal on 12 May 2025."
    result = _run(tmp_path, monkeypatch, claim, ASIDE)
    assert result.verdict.value == "disputed"  # the same opening, another day
    assert "19 May 2025" in result.reason
