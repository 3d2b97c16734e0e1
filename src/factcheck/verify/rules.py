"""Evidence → a stance per source sentence → a verdict per claim. Pure rules, no I/O.

A sentence supports a claim when it is about the same event and gives a date inside the
claim's. Same event: two thirds of the claim's names within a few sentences of it (names
compared folded: "U.S." = "US", "President's" = "Presidents'"; "X of the Y" checked as X
and Y), one of its event words (or a common rewording: "hits stores" for "released")
within a few sentences, a name or event word in the sentence itself (a bare date line
states nothing), not negated the other way, and, for a claim without names, a close
wording. Event words and names are also found in other words (`verify.lexical`: the news
events lexicon, WordNet, country names). It contradicts only when the frames of claim and
sentence (`verify.frames`) compared step by step (`verify.same_event`) make it clearly the
same event (every event and name, no other place or instance, every number, no
unresolved "this year") and it gives the event an incompatible date. Only a date of the
event itself counts: a planned, moved-from, anniversary, recirculation or reporting date
neither supports nor contradicts, and a page giving the event several dates is not used. Everything else is weaker: a coarser date is compatible,
no date is a mention, unless the claim is dated to a year or coarser and the page that
tells of the event as done was published in it. A claim is supported only when a
sentence supports it, none contradicts, and the supporting sentences, with the sentences
around them, also cover the claim's numbers, quoted words and other dates, and the page
names the rest of its names (a story names a body once, then says "it"). A
wrong "supported" is the worst outcome an editor can get, so every doubt ends in
"unverified".
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from factcheck.dates import compare, effective_range, format_span
from factcheck.dates.lexicon import MAX_DATE
from factcheck.language.keywords import is_event
from factcheck.language.words import (
    has_event,
    has_event_in,
    haystack,
    mentions,
    mentions_in,
    number_in,
    placed_elsewhere,
)
from factcheck.match import Candidate
from factcheck.models import (
    Claim,
    DateExpr,
    Relation,
    SourceRead,
    Stance,
)
from factcheck.verify.clauses import (
    NEGATION,
    clause_at,
    negation_scope,
    negation_why,
    of_the_event,
)
from factcheck.verify.frames import (
    Frame,
    Role,
    claim_frame,
    describing_year,
    firm_date,
    roled_dates,
    set_aside,
    source_frame,
)
from factcheck.verify.lexical import (
    as_country,
    event_near,
    must_repeat,
    other_event,
)
from factcheck.verify.parts import Parts, checkable_parts, plain_text
from factcheck.verify.readings import dates_in, reported_date, source_dates
from factcheck.verify.same_event import Match, clearly_same, summary

__all__ = ["Evidence", "Judged", "Parts", "checkable_parts", "stance"]

STRONG_SCORE = 70.0  # a nameless claim needs a match this strong
CONTRADICT_SCORE = 55.0  # the frames decide a contradiction; this only keeps out the weakest


@dataclass(frozen=True, slots=True)
class Evidence:
    """One source of a claim: how it was read, and its candidate sentences."""

    source: str
    read: SourceRead
    candidates: tuple[Candidate, ...] = ()
    found_by: str = "editor"
    query: str | None = None  # the search that found the source
    copy_of: str | None = None  # an earlier source this one is a syndicated copy of


# ---------------------------------------------------------------- one sentence


@dataclass(frozen=True, slots=True)
class Judged:
    """What one sentence says about a claim: its stance, why, the date found, what it lacks."""

    stance: Stance
    reason: str
    found_date: str | None = None
    uncovered: tuple[str, ...] = ()
    match: Match | None = None  # how the sentence was found to tell of the claim's event
    shares_time: bool = False  # a compatible date that truly overlaps the claim's, not only
    # within the vagueness of its wording

    def why(self, *, short: bool = False) -> str:
        """The reason with the steps that matched: all in a citation, the notable in a verdict."""
        steps = summary(self.match, short=short) if self.match is not None else ""
        return f"{self.reason}; {steps}" if steps else self.reason


def _same_event(parts: Parts, candidate: Candidate) -> bool | None:
    """None if the candidate is about another event, else whether it is beside the names.

    Beside: none of the names is in its own paragraph ("He was released …"). Names and
    the event word may sit in the sentences around it, paragraphs aside (many sites print
    one sentence a paragraph), but the sentence itself must hold one of them.
    """
    own = (candidate.before, candidate.sentence, candidate.after)  # its paragraph
    context = haystack(*candidate.near, *own)  # each sentence folded once per text
    named = [
        n for n in parts.names if mentions_in(context, n) or as_country(n, (*candidate.near, *own))
    ]
    if parts.names and len(named) * 3 < len(parts.names) * 2:
        return None  # fewer than two thirds of the names: another story
    if (
        parts.events
        and not any(has_event_in((*own, *candidate.near), e) for e in parts.events)
        and not event_near(parts.events, (), (*own, *candidate.near))
    ):
        return None  # none of the claim's event words: another event
    if not _speaks_of(parts, candidate.sentence, named):
        return None  # a date line, a caption: the event is not its subject
    if not parts.names and candidate.score < STRONG_SCORE:
        return None  # nameless claim: only its own wording can tell the event
    return bool(parts.names) and not any(
        mentions_in(haystack(*own), n) or as_country(n, own) for n in named
    )


def _speaks_of(parts: Parts, sentence: str, named: list[str]) -> bool:
    """Whether the sentence itself holds one of the claim's names or event words.

    A line that is a date and little else ("6 June 2017", "By Ana Ruiz, 23 March 2018")
    matches any claim with that date, yet states nothing: the sentences around it do.
    """
    if not parts.names and not parts.events:
        return True
    folded = haystack(sentence)
    return (
        any(mentions_in(folded, n) or as_country(n, (sentence,)) for n in named)
        or any(has_event(sentence, e) for e in parts.events)
        or event_near(parts.events, (), (sentence,))
    )


def stance(
    claim: Claim,
    parts: Parts,
    candidate: Candidate,
    published: dt.date | None = None,
    page: str = "",
) -> Judged | None:
    """What one candidate sentence says about the claim; None when it is another event.

    A sentence with none of the names in its paragraph counts only when it gives a date
    inside the claim's; as a mere mention it is more likely about something else.
    ``page`` is the source's whole text, where the rest of a claim's names may be.
    """
    aside = _same_event(parts, candidate)
    if aside is None:
        return None
    assert claim.date is not None
    sentence = candidate.sentence
    wanted = _claim_frame(claim, parts).dates[0].role  # a claim of a planned date wants one
    roled = list(roled_dates(sentence, published))
    # a claim of what was said ("announced his retirement in October") is dated by when
    # it was said: "said on 14 October that he would retire"
    # (to support only: a thing said once is often said again, so another such date
    # contradicts nothing)
    dates = [r.date for r in roled if r.role is wanted]
    if wanted is Role.ACTUAL and _speech(parts.events):
        dates += [
            r.date
            for r in roled
            if r.role is Role.REPORT
            and r.cue != "dateline"
            and compare(claim.date, r.date).relation is Relation.INSIDE
        ]
    dates = of_the_event(parts.events, sentence, dates)
    where = ""
    clause = clause_at(sentence, dates)
    scope = negation_scope(clause, parts.events)
    negated = bool(NEGATION.search(scope))
    if parts.negated is not None and negated != parts.negated:
        return None if aside else Judged(Stance.MENTIONS, negation_why(clause, scope, claim.text))
    if not dates:
        near = roled_dates(f"{candidate.before} {candidate.after}", published)
        dates = [r.date for r in near if r.role is wanted]
        roled += near
        where = " (in the neighbouring sentence)"
    if not dates and (other := [r for r in roled if r.role is not wanted]):
        return (
            None
            if aside
            else Judged(Stance.MENTIONS, set_aside(other[0].role, other[0].cue, other[0].date.text))
        )
    results = [(compare(claim.date, d), d) for d in dates]
    # "the 2020 presidential cycle": a year that describes a noun dates no event, so it
    # supports nothing (as it contradicts nothing, see `firm_date`)
    inside = [
        (c, d)
        for c, d in results
        if c.relation is Relation.INSIDE and not describing_year(sentence, d)
    ]
    elsewhere = other_event(parts.events, sentence)  # "concluded the pact" ≠ "took effect"
    if inside and elsewhere is not None:
        comparison, found = inside[0]
        why = f"{comparison.reason}, but not clearly the same event ({elsewhere})"
        return None if aside else Judged(Stance.MENTIONS, why, format_span(found))
    if inside:
        comparison, found = inside[0]
        missing = _uncovered(parts, _surroundings(candidate), published, page)
        match = _compare(claim, parts, candidate, published)
        return Judged(
            Stance.SUPPORTS, comparison.reason + where, format_span(found), missing, match
        )
    if aside:
        return None
    if not dates:
        if published is None or reported_date(claim.date, sentence, published) is None:
            return Judged(Stance.MENTIONS, "the sentence gives no date")
        why = (
            f"the sentence gives no date, but the page reporting it was published on "
            f"{published.isoformat()}, within the claim's {claim.date.text!r}"
        )
        missing = _uncovered(parts, _surroundings(candidate), published)
        return Judged(Stance.SUPPORTS, why, published.isoformat(), missing)
    # "their first trophy since 1998" overlaps any later day, yet dates nothing of a
    # bounded claim: a date with no end is coarser, or another date, only for a claim
    # with none
    ended = [(c, d) for c, d in results if _bounded(d) or not _bounded(claim.date)]
    overlap = [(c, d) for c, d in ended if c.relation is Relation.OVERLAP]
    if overlap:
        comparison, found = overlap[0]
        shares = bool(
            found.start
            and found.end
            and claim.date.start
            and claim.date.end
            and found.start <= claim.date.end
            and claim.date.start <= found.end
        )
        return Judged(
            Stance.COMPATIBLE, comparison.reason + where, format_span(found), shares_time=shares
        )
    firm = [(c, d) for c, d in ended if firm_date(sentence, d, claim.date)]
    comparison, found = (firm or results)[0]
    if len({(d.start, d.end) for _, d in firm}) > 1:  # "in 2017, and another one in 2021"
        why = f"the sentence gives this kind of event several dates, the claim may mean another: {comparison.reason}"
        return Judged(Stance.MENTIONS, why, format_span(found))
    against = None if where or not firm else _clearly_same(claim, parts, candidate, published)
    if against is not None and against.same:
        return Judged(Stance.CONTRADICTS, comparison.reason, format_span(found), match=against)
    failed = against.failed if against is not None else None
    return Judged(
        Stance.MENTIONS,
        f"another date, but not clearly the same event: {comparison.reason}"
        + (f" ({failed})" if failed is not None else ""),
        format_span(found),
    )


def _bounded(date: DateExpr) -> bool:
    """Whether a date commits to an end: "since 1998" does not ("by October 2024" does,
    and bounds the event from above)."""
    return effective_range(date)[1] != MAX_DATE


_SPEECH = frozenset({"announce", "say", "declare", "state", "confirm", "reveal", "tell"})


def _speech(events: tuple[str, ...]) -> bool:
    """Whether the claim's event is something said: "announced", "declared", "said"."""
    from factcheck.language import lemmas

    return any(lemmas.lemma(w) in _SPEECH for e in events for w in e.split())


def _surroundings(candidate: Candidate) -> str:
    """The sentence with those around it: where a supported claim's parts must be found."""
    return " ".join((*candidate.near, candidate.before, candidate.sentence, candidate.after))


def _clearly_same(
    claim: Claim, parts: Parts, candidate: Candidate, published: dt.date | None
) -> Match | None:
    """The frame comparison that may let a different date contradict the claim; None when
    the sentence cannot contradict whatever the frames say."""
    if candidate.score < CONTRADICT_SCORE:
        return None
    # "this year" with no publication date to resolve it may be the event's own date
    if _unresolved(candidate.sentence, published):
        return None
    return _compare(claim, parts, candidate, published)


@functools.lru_cache(maxsize=16384)
def _unresolved(sentence: str, published: dt.date | None) -> bool:
    """Whether the sentence holds a relative date ("this year") nothing resolves."""
    return any(d.relative and not d.resolved for d in dates_in(sentence, published))


def _compare(claim: Claim, parts: Parts, candidate: Candidate, published: dt.date | None) -> Match:
    """The claim's frame against the sentence's, step by step."""
    # the claim's event words: "entered into force" ≠ "signed", "joined" ≠ "signed"; a
    # compound describing word among them ("high-profile") need not be repeated
    must = must_repeat([e for e in parts.events if _must_repeat(e)])
    # an ordinal may stand before any of the claim's event words: "first held in 2015"
    source = source_frame(
        candidate.sentence, published, tuple(dict.fromkeys([*must, *parts.events]))
    )
    around = (candidate.before, candidate.after, *candidate.near)
    return clearly_same(_claim_frame(claim, parts), source, around, must)


@functools.lru_cache(maxsize=1024)
def _claim_frame(claim: Claim, parts: Parts) -> Frame:
    assert claim.date is not None
    return claim_frame(
        plain_text(claim), claim.date, parts.names, parts.events, parts.numbers, parts.negated
    )


def _must_repeat(event: str) -> bool:
    """An event word a contradicting sentence must use too: all but compound adjectives."""
    return is_event(event) or "-" not in event


def _uncovered(
    parts: Parts, context: str, published: dt.date | None, page: str = ""
) -> tuple[str, ...]:
    """What a supporting sentence, with those around it, does not cover of the claim.

    A name may also be anywhere on the page (``page``): a story names its people and
    bodies once, then says "they" (the sentence itself must still tell of the event, at
    the claim's date, beside two thirds of the names). Numbers, quoted words and the
    claim's other dates must be near the sentence.
    """
    where = (context, page) if page else (context,)
    missing = [
        n for n in parts.names if not any(mentions(t, n) or as_country(n, (t,)) for t in where)
    ]
    if parts.dates:
        said = source_dates(context, published)
        missing += [
            d.text
            for d in parts.dates
            if not any(compare(d, s).relation is Relation.INSIDE for s in said)
        ]
    # named somewhere, but the source puts the event in another place of the same region
    missing += [f"{p}, {r}" for p, r in parts.places if placed_elsewhere(context, p, r)]
    missing += [n for n in parts.numbers if not number_in(context, n)]
    missing += [f"“{q}”" for q in parts.quoted if q.lower() not in context.lower()]
    return tuple(missing)
