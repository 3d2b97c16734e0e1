"""Source health between runs: a re-fetched source's state, and what it is read as next.

`source_check` compares one run's fetch of a source with what its claims cited and what
earlier runs saw of it (`SourceHistory`): unchanged, changed (and whether each cited
sentence is still there), a soft 404, failing, dead (only after `DEAD_AFTER` failed runs
in a row), or blocked (401/402/403 or robots.txt, which is not death). `evidence` says
what a source is read as when its claims are verified again. The decisions are pure;
the only thing read is a page's old text, through the function the caller passes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from factcheck.match import candidates, find_again, likeness
from factcheck.models import (
    CitedState,
    Claim,
    Fetched,
    FetchOutcome,
    ReportItem,
    SourceCheck,
    SourceHistory,
    SourceRead,
    SourceState,
    SourceText,
    Stance,
)
from factcheck.store import is_death

__all__ = [
    "DEAD_AFTER",
    "SOFT_404_LIKENESS",
    "OldText",
    "evidence",
    "failed_check",
    "is_soft_404",
    "last_good",
    "source_check",
]

DEAD_AFTER = 3  # failed runs in a row before a source is declared dead
SOFT_404_LIKENESS = 50.0  # below this a changed page with no cited sentence left is a soft 404
_BLOCKED = frozenset({401, 402, 403})
_DECISIVE = frozenset({Stance.SUPPORTS, Stance.CONTRADICTS})  # what a verdict rests on

# The stored text of a body by its sha256 (`Store.text`), None when none is kept.
OldText = Callable[[str], SourceText | None]


def source_check(
    url: str,
    read: SourceRead,
    before: SourceHistory,
    claims: Sequence[tuple[ReportItem, Claim]],
    old_text: OldText,
    match_cutoff: float,
) -> SourceCheck:
    """Compare this run's fetch of a source with what its claims cited and runs before.

    Args:
        url: the source.
        read: this run's fetch and text of it.
        before: what earlier runs saw of it.
        claims: the claims the run looks at, with their current verdicts (those citing
            ``url`` are enough: no other is looked at).
        old_text: the stored text of a body by its sha256.
        match_cutoff: the score a sentence needs to be a candidate for a claim.
    """
    fetched = read.fetched
    if not fetched.ok:
        return failed_check(url, fetched, before)
    cited_bodies = {
        c.sha256
        for item, _ in claims
        for c in item.result.citations
        if c.source == url and c.sha256
    }
    known: set[str | None] = set(cited_bodies) or {before.sha256}
    if fetched.sha256 in known:
        if before.state is SourceState.SOFT_404:  # still the same not-found page
            return SourceCheck(url, SourceState.SOFT_404, 0, before.detail or "")
        how = "not modified (304)" if fetched.revalidated else "same content"
        return SourceCheck(url, SourceState.UNCHANGED, 0, how)
    text = read.text.text if read.text is not None and not read.text.error else ""
    quoted = [
        (item.file, claim.id, c.quote, find_again(c.quote, text), c.stance in _DECISIVE)
        for item, claim in claims
        for c in item.result.citations
        if c.source == url and c.quote
    ]
    citing = [
        claim for item, claim in claims if any(c.source == url for c in item.result.citations)
    ]
    every = [(file, claim_id, quote, state) for file, claim_id, quote, state, _ in quoted]
    # told as drift of a claim: only the sentences its verdict rests on, not a mere mention
    cited = tuple((f, i, q, st) for f, i, q, st, decisive in quoted if decisive)
    if is_soft_404(text, every, citing, before, old_text, match_cutoff):
        detail = "a page that no longer says anything like what was cited"
        newly = before.state is not SourceState.SOFT_404
        return SourceCheck(url, SourceState.SOFT_404, 0, detail, cited, newly_dead=newly)
    return SourceCheck(url, SourceState.CHANGED, 0, f"content changed: {_drift(cited)}", cited)


def _drift(cited: Sequence[tuple[str, str, str, CitedState]]) -> str:
    """How many cited sentences are still there, changed or gone, in one line."""
    states = [state.value for *_, state in cited]
    counts = [(s, states.count(s)) for s in dict.fromkeys(states)]
    told = ", ".join(f"{n} cited sentence{'s' * (n > 1)} {s}" for s, n in counts)
    return told or "no verdict rests on a sentence of it"


def failed_check(url: str, fetched: Fetched, before: SourceHistory) -> SourceCheck:
    """A fetch that failed: blocked, failing, or dead after DEAD_AFTER deaths in a row."""
    if fetched.status in _BLOCKED or fetched.outcome is FetchOutcome.ROBOTS:
        return SourceCheck(url, SourceState.BLOCKED, before.failures, fetched.reason)
    if not is_death(fetched.outcome.value, fetched.status):  # deferred, too large…
        detail = f"{fetched.reason} (not counted towards death)"
        return SourceCheck(url, SourceState.FAILING, before.failures, detail)
    failures = before.failures + 1
    dead = failures >= DEAD_AFTER
    state = SourceState.DEAD if dead else SourceState.FAILING
    detail = f"{fetched.reason} ({failures} run{'s' * (failures > 1)} in a row)"
    newly = dead and before.state is not SourceState.DEAD
    return SourceCheck(url, state, failures, detail, newly_dead=newly)


def is_soft_404(
    text: str,
    cited: Sequence[tuple[str, str, str, CitedState]],
    citing: Sequence[Claim],
    before: SourceHistory,
    old_text: OldText,
    match_cutoff: float,
) -> bool:
    """True when a readable page has nothing left of its claims: no cited sentence, no
    sentence like any claim citing it, and little of its old text."""
    if not cited or any(state is not CitedState.GONE for *_, state in cited):
        return False
    if any(candidates(claim, text, match_cutoff) for claim in citing):
        return False  # a rewritten page (a correction) still speaks of the claim
    old = old_text(before.sha256) if before.sha256 else None
    return old is None or likeness(old.text, text) < SOFT_404_LIKENESS


def last_good(url: str, before: SourceHistory, old_text: OldText) -> SourceRead | None:
    """The source as its last good fetch read it, from the stored text."""
    sha256 = before.sha256
    text = old_text(sha256) if sha256 else None
    if text is None:
        return None
    fetched = Fetched(
        url,
        before.final_url or url,
        FetchOutcome.OK,
        status=before.status,
        fetched_at=before.fetched_at,
        sha256=sha256,
    )
    return SourceRead(fetched, text)


def evidence(
    url: str,
    check: SourceCheck | None,
    read: SourceRead | None,
    archived: SourceRead | None,
    before: SourceHistory,
    old_text: OldText,
) -> SourceRead:
    """What a source is read as when its claims are verified again.

    Args:
        url: the source.
        check: its state in this run; None when it was not fetched (a corpus hit).
        read: this run's read of it, if it was fetched.
        archived: the read of its archived copy, if one was found.
        before: what earlier runs saw of it.
        old_text: the stored text of a body by its sha256.
    """
    if archived is not None and check is not None and check.state is SourceState.DEAD:
        return archived  # a soft 404 is read live: a page that answers is the page
    keep = check is None or check.state in (
        SourceState.FRESH,
        SourceState.FAILING,
        SourceState.BLOCKED,
    )
    if keep and (good := last_good(url, before, old_text)) is not None:
        return good
    if read is not None:
        return read
    fetched = Fetched(url, url, FetchOutcome.NOT_CACHED, "no readable copy kept")
    return SourceRead(fetched, SourceText("", "", error="no readable copy kept"))
