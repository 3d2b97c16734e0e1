"""Claim × source text → the sentences that may speak about the claim's event.

rapidfuzz finds candidates (token_set_ratio with its default processor, which separated
same-event from unrelated sentences best on our measurements); exact comparisons of
names, numbers, dates and negation are left to verify.py. Each candidate carries its
neighbouring sentences in the same paragraph, where a date left out of it may sit, and
the few sentences around it whatever the paragraph, where its names often are (many
sites print one sentence per paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from factcheck.language import split_sentences
from factcheck.models import CitedState, Claim

__all__ = ["Candidate", "candidates", "claim_query", "find_again", "likeness", "sentences"]

MAX_CANDIDATES = 8
STILL_THERE = 85.0  # ratio with a sentence of the page at which a cited one is still there
NEAR = 3  # sentences on each side that may hold the claim's names (any paragraph)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A source sentence that resembles the claim, with where it sits in the text."""

    sentence: str
    start: int
    end: int
    score: float
    before: str = ""  # the sentence before, in the same paragraph
    after: str = ""  # the sentence after, in the same paragraph
    near: tuple[str, ...] = ()  # the sentences around it, paragraphs aside (names may sit there)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a stored text (headings count as their own sentences)."""
    return [(a, b) for a, b in split_sentences(text) if text[a:b].strip()]


def claim_query(claim: Claim) -> str:
    """What a claim is matched with: its wording, without the ellipses of a clause."""
    return re.sub(r"[…]+", " ", claim.text).strip()


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n\n" not in text[a:b]


def candidates(
    claim: Claim, text: str, cutoff: float, limit: int = MAX_CANDIDATES
) -> list[Candidate]:
    """The sentences of ``text`` most like the claim, best first, at or above ``cutoff``.

    Args:
        claim: the claim; its text is the query.
        text: a source's stored text.
        cutoff: the lowest token_set_ratio (0-100) a sentence may score.
        limit: how many to keep.
    """
    spans = sentences(text)
    if not spans:
        return []
    choices = [text[a:b] for a, b in spans]
    found = process.extract(
        claim_query(claim),
        choices,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=cutoff,
        limit=limit,
    )
    out = []
    for _, score, index in found:
        a, b = spans[index]
        before = (
            choices[index - 1]
            if index > 0 and _same_paragraph(text, spans[index - 1][1], a)
            else ""
        )
        after = (
            choices[index + 1]
            if index + 1 < len(spans) and _same_paragraph(text, b, spans[index + 1][0])
            else ""
        )
        near = (*choices[max(0, index - NEAR) : index], *choices[index + 1 : index + 1 + NEAR])
        out.append(Candidate(text[a:b], a, b, float(score), before, after, near))
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())


def find_again(quote: str, text: str, cutoff: float = STILL_THERE) -> CitedState:
    """Whether a cited sentence is still in a page's new text: word for word, close, or gone.

    Args:
        quote: the sentence a citation quoted.
        text: the page's text now.
        cutoff: the lowest ratio (0-100) with one of the page's sentences that counts as a
            close variant.
    """
    quote, text = _squash(quote), _squash(text)
    if quote in text:
        return CitedState.PRESENT
    best = process.extractOne(
        quote,
        [text[a:b] for a, b in sentences(text)],
        scorer=fuzz.ratio,
        processor=utils.default_process,
        score_cutoff=cutoff,
    )
    return CitedState.GONE if best is None else CitedState.CHANGED


def likeness(old: str, new: str) -> float:
    """How alike two versions of a page are, 0-100: the share of their distinct words in
    common (linear in their length, where an edit distance on whole pages was quadratic)."""
    a, b = set(utils.default_process(old).split()), set(utils.default_process(new).split())
    return 100.0 * len(a & b) / len(a | b) if a | b else 100.0
