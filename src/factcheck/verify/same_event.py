"""Whether a source sentence tells of the claim's event: frames compared step by step.

Each step records what matched and how (`event: 'sworn in' ~ 'inauguration' (lexicon)`,
`participant: 'DPRK' = 'North Korea' (country names)`), so a verdict can say why it holds.
The steps, in order:

1. event: each of the claim's event words is said in the sentence, in its own word or in
   another wording of the same event;
2. participants: each of the claim's names is in the sentence or its paragraph (at least
   one in the sentence), spelt alike, by an alias or as the same country;
3. place: the sentence puts the event nowhere the claim does not ("met in Bali" against
   a claim of Woodside);
4. instance: the sentence does not set its event apart as another one of the kind ("their
   previous meeting", a "second inauguration" when the claim's date is before it);
5. numbers: each of the claim's numbers is in the sentence.

Only when every step holds is it clearly the same event, and a disjoint date may then
contradict the claim. A support needs less (see :mod:`factcheck.verify`), since the date
inside the claim's is itself evidence of the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.language.words import mentions, number_in
from factcheck.models import Qualifier
from factcheck.verify.frames import Frame
from factcheck.verify.lexical import Step, find_event, find_participant, other_event

__all__ = ["Match", "Step", "clearly_same", "summary"]


@dataclass(frozen=True, slots=True)
class Match:
    """The steps of one comparison and whether they make it clearly the same event."""

    steps: tuple[Step, ...]

    @property
    def same(self) -> bool:
        """Every step held."""
        return bool(self.steps) and all(s.ok for s in self.steps)

    @property
    def failed(self) -> Step | None:
        """The first step that did not hold."""
        return next((s for s in self.steps if not s.ok), None)


def _instance(claim: Frame, source: Frame) -> Step:
    """Whether the source sets its event apart from the claim's as another of the kind."""
    if source.earlier:
        return Step("instance", "", ok=False, how=f"the sentence speaks of a {source.earlier} one")
    if source.ordinal is None or claim.ordinal == source.ordinal:
        return Step("instance", "", how="no other instance named")
    claimed = claim.dates[0].date if claim.dates else None
    if source.ordinal == 1 and claimed is not None and claimed.qualifier is Qualifier.SINCE:
        return Step("instance", "", how="the first one starts what the claim dates")
    if claim.ordinal is not None:
        return Step(
            "instance",
            "",
            ok=False,
            how=f"the claim's instance is number {claim.ordinal}, the sentence's {source.ordinal}",
        )
    found = [d.date for d in source.dates]
    if claimed is None or claimed.start is None or not found or found[0].start is None:
        return Step("instance", "", ok=False, how="the sentence numbers its instance")
    # a "second" one: the claim may mean an earlier one; a "first": a later one
    earlier = claimed.start < found[0].start
    if (source.ordinal > 1 and earlier) or (source.ordinal == 1 and not earlier):
        which = "an earlier" if earlier else "a later"
        return Step(
            "instance",
            "",
            ok=False,
            how=f"the sentence numbers its instance; the claim may mean {which} one",
        )
    return Step("instance", "", how="numbered, but no other instance fits the claim's date")


def _place(claim: Frame, source: Frame, paragraph: str) -> Step:
    """A place of the claim that the paragraph never names, where the sentence names another."""
    missing = [p for p in claim.places if not mentions(paragraph, p)]
    if not missing:
        return Step("place", "", how="no other place")
    other = [
        p for p in source.places if not any(mentions(p, n) or mentions(n, p) for n in claim.names)
    ]
    if other:
        return Step(
            "place",
            missing[0],
            other[0],
            ok=False,
            how=f"the sentence puts it in {other[0]}, not {missing[0]}",
        )
    return Step("place", "", how="no other place")


def clearly_same(
    claim: Frame, source: Frame, around: Sequence[str], must_repeat: Sequence[str]
) -> Match:
    """The steps deciding whether the sentence is clearly about the claim's event.

    Args:
        claim: the claim's frame.
        source: the sentence's frame.
        around: the sentences before and after it in its paragraph, then those near it.
        must_repeat: the claim's event words the sentence must say (in any wording).
    """
    sentence = source.text
    steps: list[Step] = []
    if not must_repeat:
        return Match((Step("event", "", ok=False, how="the claim names no event"),))
    for word in must_repeat:
        steps.append(find_event(word, sentence) or Step("event", word, ok=False))
    if other := other_event(claim.events, sentence):
        steps.append(other)
    context = " ".join((*around, sentence))
    participants = [
        find_participant(n, sentence)
        or next((p for t in around if t and (p := find_participant(n, t)) is not None), None)
        for n in claim.names
    ]
    steps += [
        p or Step("participant", n, ok=False)
        for p, n in zip(participants, claim.names, strict=True)
    ]
    if claim.names and not any(find_participant(n, sentence) for n in claim.names):
        steps.append(Step("participant", "", ok=False, how="none of the names is in the sentence"))
    steps.append(_place(claim, source, context))
    steps.append(_instance(claim, source))
    steps += [
        Step("number", n, how="same number")
        if number_in(sentence, n)
        else Step("number", n, ok=False)
        for n in claim.numbers
    ]
    return Match(tuple(steps))


def summary(match: Match, *, short: bool = False) -> str:
    """The steps that matched, as a reason reads them; ``short`` keeps those not matched
    word for word (the interesting ones)."""
    shown = [s for s in match.steps if s.ok and s.claim]
    if short:
        shown = [
            s for s in shown if s.how not in ("same word", "same words", "same name", "same number")
        ]
    return "; ".join(str(s) for s in shown)
