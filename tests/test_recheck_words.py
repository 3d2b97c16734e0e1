"""How a re-check names what moved: a lost dispute is not an improvement (issue 16.6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factcheck.check import check
from factcheck.models import CitedState, SourceState, Stance, Verdict
from factcheck.recheck import recheck
from factcheck.settings import Settings
from tests.recheck_fixtures import LEAD, Page

WRONG_DAY = LEAD.replace("12 May", "19 May")
NO_DATE = "The new ferry terminal in Portvale was opened by Mayor Ilsa Brandt last spring."


def _recheck_cli(settings: Settings, tmp_path: Path, *extra: str) -> tuple[int, str]:
    (tmp_path / "factcheck.toml").write_text(f'cache = "{settings.cache}"\ndelay = 0\n')
    args = ["recheck", "--db", str(settings.db), "--allow-private", "127.0.0.1/32", *extra]
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=tmp_path, text=True, capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    return done.returncode, done.stdout


def test_a_dispute_whose_page_no_longer_says_it_is_evidence_lost(
    page: Page, settings: Settings, claims: Path, tmp_path: Path
) -> None:
    page.lead = WRONG_DAY
    [(_, first)] = check([claims], settings).results
    assert first.verdict is Verdict.DISPUTED
    page.lead = NO_DATE
    code, out = _recheck_cli(settings, tmp_path)
    assert code == 3  # the editor's wrong date lost its flag: the nightly job says so
    [head] = [line for line in out.splitlines() if line.startswith("evidence lost  ")]
    assert head == f"evidence lost  disputed → unverified  {claims}  terminal"
    assert "0 worse, 1 evidence lost, 0 better, 0 newly dead" in out
    assert "better  " not in out


def test_evidence_lost_in_json_and_told_once(
    page: Page, settings: Settings, claims: Path, tmp_path: Path
) -> None:
    page.lead = WRONG_DAY
    check([claims], settings)
    page.lead = NO_DATE
    code, out = _recheck_cli(settings, tmp_path, "--json")
    assert code == 3
    shown = json.loads(out)
    assert shown["better"] == []
    assert shown["worse"] == []
    [lost] = shown["evidence_lost"]
    assert (lost["before"], lost["after"], lost["kind"]) == (
        "disputed",
        "unverified",
        "evidence lost",
    )
    assert shown["counts"]["evidence_lost"] == 1
    assert shown["counts"]["better"] == 0
    again = recheck(settings)  # the verdict did not move again: nothing more to tell
    assert again.changes == ()
    assert not again.failed


def test_a_corrected_page_is_better_and_no_alarm(
    page: Page, settings: Settings, claims: Path
) -> None:
    page.lead = WRONG_DAY
    check([claims], settings)
    page.lead = LEAD
    summary = recheck(settings)
    [change] = summary.better
    assert (change.before, change.after, change.kind) == (
        Verdict.DISPUTED, Verdict.SUPPORTED, "better",
    )  # fmt: skip
    assert summary.evidence_lost == []
    assert not summary.failed


MENTION = (
    "Mayor Ilsa Brandt called the opening of the Portvale ferry terminal the proudest day of"
    " her term."
)


def test_a_sentence_that_only_mentioned_the_event_is_not_drift_of_the_claim(
    page: Page, settings: Settings, claims: Path
) -> None:
    page.lead = f"{LEAD}</p><p>{MENTION}"
    [(_, first)] = check([claims], settings).results
    stances = {c.quote: c.stance for c in first.citations}
    assert stances == {LEAD: Stance.SUPPORTS, MENTION: Stance.MENTIONS}
    page.lead = LEAD  # the mention goes; the sentence the verdict rests on stays
    [source] = recheck(settings).sources
    assert source.state is SourceState.CHANGED
    assert [(quote, state) for _, _, quote, state in source.cited] == [(LEAD, CitedState.PRESENT)]
    assert source.detail == "content changed: 1 cited sentence present"
    page.lead = f"{WRONG_DAY}</p><p>{MENTION}"  # now it is the decisive one that changed
    [source] = recheck(settings).sources
    assert [(quote, state) for _, _, quote, state in source.cited] == [(LEAD, CitedState.CHANGED)]


def test_a_page_no_verdict_rests_on_says_so_when_it_changes(
    page: Page, settings: Settings, claims: Path
) -> None:
    page.lead = MENTION  # the claim is only mentioned: unverified, nothing decisive cited
    [(_, first)] = check([claims], settings).results
    assert first.verdict is Verdict.UNVERIFIED
    assert first.reason == "no sentence settles the date: the sentence gives no date"
    page.lead = f"{MENTION} The ferry timetable changes in June."
    [source] = recheck(settings).sources
    assert source.cited == ()
    assert source.detail == "content changed: no verdict rests on a sentence of it"
