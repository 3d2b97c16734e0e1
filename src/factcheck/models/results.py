"""A claim's result: each citation's stance and evidence, and the verdict."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from factcheck.models.claims import Claim, Verdict

__all__ = ["Citation", "ClaimResult", "Stance"]


class Stance(StrEnum):
    """What one source sentence says about a claim."""

    SUPPORTS = "supports"  # same event, a date inside the claim's, the claim's parts covered
    CONTRADICTS = "contradicts"  # same event, an incompatible date
    COMPATIBLE = "compatible"  # same event, a coarser or vaguer date: not enough alone
    MENTIONS = "mentions"  # same event, no usable date
    UNAVAILABLE = "unavailable"  # the source could not be read (the reason says why)


@dataclass(frozen=True, slots=True)
class Citation:
    """One source's evidence for one claim, with everything a reviewer needs to follow it."""

    source: str  # as the claims file gives it
    final_url: str
    stance: Stance
    reason: str  # one line
    quote: str = ""  # the sentence, exactly as in the stored text
    start: int = 0  # character offsets of the quote in the stored text
    end: int = 0
    score: float = 0.0
    found_date: str | None = None  # ISO range or date the sentence gives
    status: int | None = None  # HTTP status
    fetched_at: dt.datetime | None = None
    sha256: str | None = None  # of the body the text came from
    found_by: str = "editor"  # who named the source: editor, corpus, wikipedia…
    query: str | None = None  # the search that found the source, when one did
    copy_of: str | None = None  # the source this one is a syndicated copy of
    extractor: str | None = None  # which reading of the body the offsets point into


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """A claim's verdict, why, and the citations behind it."""

    claim: Claim
    verdict: Verdict
    reason: str
    citations: tuple[Citation, ...] = ()
    automatic: Verdict | None = None  # what the evidence said, when an editor's verdict wins
    uncovered: tuple[str, ...] = ()  # parts of the claim no supporting sentence covers

    @property
    def manual(self) -> bool:
        """True when the verdict is the editor's."""
        return self.claim.verdict is not None
