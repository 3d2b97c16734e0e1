"""The verdict of a claim from all its sources: each source's sentences judged one by one
(`rules.stance`), then weighed together. A claim is supported only when a sentence
supports it, none contradicts, and the supporting sentences cover its checkable parts; a
syndicated copy never adds support; a page giving the event several dates decides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from factcheck.match import Candidate
from factcheck.models import Citation, Claim, ClaimResult, Stance, Verdict
from factcheck.verify.rules import Evidence, Judged, Parts, checkable_parts, stance

__all__ = ["judge"]


def _cite(
    evidence: Evidence,
    stance: Stance,
    reason: str,
    candidate: Candidate | None = None,
    found_date: str | None = None,
) -> Citation:
    fetched = evidence.read.fetched
    if evidence.copy_of is not None:
        reason = f"syndicated copy of {evidence.copy_of}, not counted as another source: {reason}"
    return Citation(
        source=evidence.source,
        final_url=fetched.final_url,
        stance=stance,
        reason=reason,
        quote=candidate.sentence if candidate else "",
        start=candidate.start if candidate else 0,
        end=candidate.end if candidate else 0,
        score=round(candidate.score, 1) if candidate else 0.0,
        found_date=found_date,
        status=fetched.status,
        fetched_at=fetched.fetched_at,
        sha256=fetched.sha256,
        found_by=evidence.found_by,
        query=evidence.query,
        copy_of=evidence.copy_of,
        extractor=evidence.read.text.extractor if evidence.read.text else None,
    )


def _citations(claim: Claim, parts: Parts, evidence: Evidence) -> list[tuple[Citation, Judged]]:
    read, fetched = evidence.read, evidence.read.fetched
    if not fetched.ok or read.text is None or read.text.error:
        why = fetched.reason if not fetched.ok else (read.text.error if read.text else "no text")
        failed = Judged(Stance.UNAVAILABLE, f"{fetched.outcome.value}: {why}")
        return [(_cite(evidence, Stance.UNAVAILABLE, failed.reason), failed)]
    judged = [
        (c, stance(claim, parts, c, read.text.published, read.text.text))
        for c in evidence.candidates
    ]
    found = _recurring([(c, j) for c, j in judged if j is not None])
    return [(_cite(evidence, j.stance, j.why(), c, j.found_date), j) for c, j in found]


def _recurring(judged: list[tuple[Candidate, Judged]]) -> list[tuple[Candidate, Judged]]:
    """A page that gives the claim's kind of event two or more other dates, or another date
    beside the claim's, tells of an event that recurs ("changed to a warm phase" in 1925
    and 1977) or contradicts itself: it neither contradicts nor supports the claim."""
    against = {j.found_date for _, j in judged if j.stance is Stance.CONTRADICTS}
    agreeing = [
        j
        for _, j in judged
        if j.stance is Stance.SUPPORTS or (j.stance is Stance.COMPATIBLE and j.shares_time)
    ]
    if not against or (len(against) < 2 and not agreeing):
        return judged
    why = (
        "the page gives this kind of event several dates, the claim's among them"
        if agreeing
        else "the page gives this kind of event several other dates: the claim may mean another"
    )
    doubtful = (Stance.CONTRADICTS, Stance.SUPPORTS, Stance.COMPATIBLE)
    return [
        (
            c,
            replace(j, stance=Stance.MENTIONS, reason=f"{why}; {j.reason}")
            if j.stance in doubtful
            else j,
        )
        for c, j in judged
    ]


def judge(claim: Claim, evidence: Sequence[Evidence]) -> ClaimResult:
    """The claim's verdict from all its sources, with the citations behind it.

    An editor's manual verdict wins; the automatic one is kept beside it.
    """
    result = _automatic(claim, evidence)
    if claim.verdict is None:
        return result
    reason = f"manual verdict: {claim.note or 'no note'}"
    return ClaimResult(
        claim, claim.verdict, reason, result.citations, result.verdict, result.uncovered
    )


def _automatic(claim: Claim, evidence: Sequence[Evidence]) -> ClaimResult:
    if not evidence:
        return ClaimResult(
            claim, Verdict.UNVERIFIED, "no sources given: add sources = [...] to the claim"
        )
    if claim.date is None or not claim.date.resolved:
        reason = "the claim has no date to check: add one or fix its wording"
        return ClaimResult(claim, Verdict.UNVERIFIED, reason)
    parts = checkable_parts(claim)
    judged = [pair for e in evidence for pair in _citations(claim, parts, e)]
    citations = tuple(c for c, _ in judged)
    by = {s: [(c, j) for c, j in judged if c.stance is s] for s in Stance}
    contradicts = by[Stance.CONTRADICTS]
    # A syndicated copy may add a contradiction (doubt is safe) but never a support.
    supports = [(c, j) for c, j in by[Stance.SUPPORTS] if c.copy_of is None]
    copied = [c for c, _ in by[Stance.SUPPORTS] if c.copy_of is not None]
    if contradicts:
        against = ", ".join(sorted({c.source for c, _ in contradicts}))
        if supports:
            agree = ", ".join(sorted({c.source for c, _ in supports}))
            reason = f"sources disagree: {agree} support it, {against} contradict it"
        else:
            reason = f"contradicted by {against}: {contradicts[0][1].why(short=True)}"
        return ClaimResult(claim, Verdict.DISPUTED, reason, citations)
    if supports:
        # A part is missing only when no supporting sentence (with its neighbours) has it.
        nowhere = sorted(set.intersection(*(set(j.uncovered) for _, j in supports)))
        if not nowhere:
            reason = supports[0][1].why(short=True) + _independent(supports, copied)
            return ClaimResult(claim, Verdict.SUPPORTED, reason, citations)
        reason = f"partly confirmed: {', '.join(nowhere)} not found"
        return ClaimResult(claim, Verdict.UNVERIFIED, reason, citations, uncovered=tuple(nowhere))
    if copied:
        reason = (
            f"only a syndicated copy supports it ({copied[0].source}, a copy of "
            f"{copied[0].copy_of}), and a copy is not another source"
        )
        return ClaimResult(claim, Verdict.UNVERIFIED, reason, citations)
    if by[Stance.COMPATIBLE]:
        reason = f"only a coarser date was found: {by[Stance.COMPATIBLE][0][1].reason}"
        return ClaimResult(claim, Verdict.UNVERIFIED, reason, citations)
    if by[Stance.MENTIONS]:  # a sentence with another date says more than one with none
        dated = sorted(by[Stance.MENTIONS], key=lambda pair: pair[0].found_date is None)
        reason = f"no sentence settles the date: {dated[0][1].why(short=True)}"
        return ClaimResult(claim, Verdict.UNVERIFIED, reason, citations)
    if judged and len(by[Stance.UNAVAILABLE]) == len(judged):
        reasons = "; ".join(c.reason for c, _ in judged)
        return ClaimResult(
            claim, Verdict.UNVERIFIED, f"no source could be read: {reasons}", citations
        )
    return ClaimResult(
        claim, Verdict.UNVERIFIED, "no sentence in the sources matches the claim", citations
    )


def _independent(supports: list[tuple[Citation, Judged]], copied: list[Citation]) -> str:
    """How many independent sources support the claim, and which copies were not counted."""
    count = len({c.source for c, _ in supports})
    text = f" ({count} independent sources)" if count > 1 else ""
    if copied:
        names = ", ".join(sorted({f"{c.source} (copy of {c.copy_of})" for c in copied}))
        text += f"; syndicated copies not counted: {names}"
    return text
