"""Evidence → a stance per source sentence → a verdict per claim. Pure rules, no I/O.

A sentence supports a claim when it is about the same event and gives a date inside the
claim's. Same event: two thirds of the claim's names within a few sentences of it (names
compared folded: "U.S." = "US", "President's" = "Presidents'"; "X of the Y" checked as X
and Y), one of its event words (or a common rewording: "hits stores" for "released") in
the sentence's own paragraph, not negated the other way, and, for a claim without names,
a close wording. It contradicts only when it is clearly the same event (every name and
the claim's own event words in the sentence, a strong match, no unresolved "this year")
and gives an incompatible date. Everything else is weaker: a coarser date is compatible,
no date is a mention. A claim is supported only when a sentence supports it, none
contradicts, and the supporting sentences, with the sentences around them, also cover
the claim's names, numbers, quoted words and other dates. A wrong "supported" is the
worst outcome an editor can get, so every doubt ends in "unverified".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from factcheck.claims.keywords import STOPWORDS, entities, event_words
from factcheck.claims.sentences import mask_dates
from factcheck.dates import compare, find_dates, format_span
from factcheck.match import Candidate
from factcheck.models import (
    Citation,
    Claim,
    ClaimResult,
    DateExpr,
    Relation,
    SourceRead,
    Stance,
    Verdict,
)

__all__ = ["Evidence", "Parts", "checkable_parts", "judge", "stance"]

STRONG_SCORE = 70.0  # only a match this strong may contradict
ALIASES = [
    {"dprk", "north korea", "north korean", "democratic people's republic of korea", "pyongyang"},
    {"us", "u.s.", "usa", "united states", "america", "american", "washington"},
    {"uk", "u.k.", "united kingdom", "britain", "british"},
    {"eu", "european union"},
    {"un", "united nations"},
    {"russia", "russian", "russian federation", "moscow", "kremlin"},
    {"ukraine", "ukrainian", "kyiv", "kiev"},
    {"china", "chinese", "beijing", "prc"},
]
_NEGATION = re.compile(
    r"\b(?:not|no(?![-‐])|never|no longer|neither|nor|denied|denies|failed to|yet to|without)\b"
    r"|n[’']t\b",  # not "no-limits"
    re.IGNORECASE,
)
# Where a sentence turns to another statement: negation beyond it is not the event's.
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s+(?=(?:although|though|but|while|whereas|however|yet|and)\b)|\s[—–]\s",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*\d(?![\w])|(?<![\w.])\d(?![\w.,])")
_QUOTED = re.compile(r"[“\"]([^”\"]{2,80})[”\"]")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One source of a claim: how it was read, and its candidate sentences."""

    source: str
    read: SourceRead
    candidates: tuple[Candidate, ...] = ()
    found_by: str = "editor"


@dataclass(frozen=True, slots=True)
class Parts:
    """A claim's checkable parts besides its date."""

    names: tuple[str, ...]
    numbers: tuple[str, ...]
    quoted: tuple[str, ...]
    events: tuple[str, ...]  # the event words: "signed", "treaty"…
    negated: bool
    dates: tuple[DateExpr, ...] = ()  # the claim's other dates: "… and in cinemas on 9 May"


# ---------------------------------------------------------------- the claim's parts


def _plain_text(claim: Claim) -> str:
    return re.sub(r"[…]+", " ", claim.text)


def checkable_parts(claim: Claim) -> Parts:
    """Names, numbers, quoted words and the predicate a supporting sentence must cover."""
    text = _plain_text(claim)
    found = find_dates(text)
    masked = mask_dates(text, found)
    own = [
        d for d in found if claim.date and (d.start, d.end) == (claim.date.start, claim.date.end)
    ]
    anchor = own[0].offset if own else len(masked)
    others = [d for d in found if d.resolved and d not in own]
    names = [k for k in claim.keywords if any(c.isupper() for c in k)]
    if not claim.keywords:
        names = entities(masked, frozenset(), sentence_start=False)
    numbers = [n.replace(",", "") for n in _NUMBER.findall(masked)]
    quoted = [q.strip() for q in _QUOTED.findall(text)]
    events = [k for k in claim.keywords if not any(c.isupper() for c in k)]
    if not events:
        known = frozenset(w for n in names for w in n.split())  # "Paterson died…": a name
        events = event_words(masked, anchor, known)
    pieces = [piece for name in names for piece in _pieces(name)]
    return Parts(
        tuple(dict.fromkeys(pieces)), tuple(dict.fromkeys(numbers)), tuple(quoted),
        tuple(events[:2]), bool(_NEGATION.search(masked)), tuple(others),
    )  # fmt: skip


# ---------------------------------------------------------------- matching words


# Last words that make a name an institution, a place or an event, not a person's
# surname that may stand for the whole name.
_INSTITUTION_WORDS = frozenset(
    """academy agency airport army association authority award awards bank board bridge
    cathedral center centre championship church city club college commission committee
    company conference congress corporation council country county court cup day
    department district festival force foundation fund gallery galleries games group hall
    hospital house institute island kingdom lake league library ministry mountain museum
    navy office open park parliament party prize registry republic river road school
    series service show society square stadium state station street systems team theatre
    theater tournament tower trophy trust union university valley weekly week world year""".split()
)


def _fold(text: str) -> str:
    """Lower case without the marks names are spelt with or without.

    Apostrophes and possessives, dots of initials and hyphens go ("U.S." → "us",
    "President's" → "president"), and so does a plural -s, so that "Presidents' Trophy"
    and "President's Trophy" meet.
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    text = re.sub(r"'s\b|'|\.", "", text)
    words = re.findall(r"\w+", text)
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


@functools.lru_cache(maxsize=4096)
def _haystack(text: str) -> str:
    """A text folded for name lookups, with hyphenated words also written joined."""
    return f" {_fold(text)} {_fold(text.replace('-', ''))} "


def _demonym_stems(word: str) -> set[str]:
    """The country a demonym may come from: "Libyan" → Libya, "Japanese" → Japan."""
    if len(word) < 5 or not word.istitle() or not word.isalpha():
        return set()
    lower = word.lower()
    if lower.endswith("ese"):
        return {lower[:-3]}
    if lower.endswith("ian"):
        return {lower[:-1], lower[:-3] + "a"}
    if lower.endswith("an"):
        return {lower[:-1]}
    return set()


def _pieces(name: str) -> list[str]:
    """A name cut where it joins two: "Harbour FC of the Coastal Premier League"."""
    parts = re.split(
        r"(?<!\b[Mm]en)(?<!\b[Ww]omen)(?<!\b[Pp]eople)(?<!\b[Cc]hildren)[’']s\s+|\s+of\s+(?:the\s+)?",
        name,
    )
    return [p for p in parts if len(p) >= 3] if len(parts) > 1 else [name]


def _variants(name: str) -> set[str]:
    lower = name.lower().replace("’", "'")
    for group in ALIASES:
        if lower in group:
            return {_fold(v) for v in group | {lower}}
    words = name.split()
    found = {_fold(name)} | _demonym_stems(name)
    last = words[-1].lower()
    personal = (  # "Vladimir Putin", not "Supreme Court" or "Bank of England"
        1 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and len(last) >= 4
        and last not in STOPWORDS
        and last not in _INSTITUTION_WORDS
    )
    if personal:
        found.add(_fold(words[-1]))  # "Vladimir Putin" → "Putin"
    return {v for v in found if v}


def _mentions(text: str, name: str) -> bool:
    haystack = _haystack(text)
    return any(f" {v} " in haystack for v in _variants(name))


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "ion"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# General news predicates that are said in several ways (irregular forms included). A
# claim's event word in one class is found by any wording of that class.
_EVENT_CLASSES = [
    re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)
    for alternatives in (
        r"releas|launch|publish|debut|premier|air(?:s|ed|ing)?\b|hits?\s+(?:the\s+)?(?:stores|shelves)",
        r"die[ds]?\b|dying|death|dead\b|kill|pass(?:ed|es)?\s+away",
        r"appoint|named?\b|select|hire[ds]?\b|hiring|chos[eo]|nominat",
        r"win(?:s|ning)?\b|won\b|earn|victor",
        r"found(?:s|ed|ing|er)?\b|establish|creat|set\s+up",
        r"open(?:s|ed|ing)?\b|inaugurat",
        r"begin|began|begun|start|commenc",
        r"marri|marry|wed(?:s|ded|ding)?\b",
        r"born\b|birth",
        r"elect|vot",
        r"resign|step(?:s|ped)?\s+down|quit",
        r"announc|reveal|unveil",
        r"join|sign(?:s|ed|ing)?\b",
    )
]  # fmt: skip


def _has_event(text: str, word: str, *, loose: bool = True) -> bool:
    """Whether ``text`` speaks of the event ``word`` names (other wordings too, if loose)."""
    stem = _stem(word)[:5]
    if any(_stem(w).startswith(stem) for w in re.findall(r"[^\W\d_]+", text)):
        return True
    return loose and any(c.match(word) and c.search(text) for c in _EVENT_CLASSES)


def _number_in(text: str, number: str) -> bool:
    digits = [n.replace(",", "") for n in _NUMBER.findall(text)]
    return number in digits


# ---------------------------------------------------------------- one sentence


@dataclass(frozen=True, slots=True)
class _Judged:
    stance: Stance
    reason: str
    found_date: str | None = None
    uncovered: tuple[str, ...] = ()


def _dates(text: str, published: dt.date | None) -> list[DateExpr]:
    """The resolved dates of a source text, a yearless one read both ways.

    "on April 9" in a February article is read as last April by the date grammar (news
    reports the past), but a source may announce what is coming: the next April is a
    reading too.
    """
    found = [d for d in find_dates(text, published) if d.resolved]
    found += _bare_weekdays(text, published, found)
    return [r for d in found for r in _readings(d, published)]


# A weekday on its own ("re-elected Tuesday"), not in a name ("Good Friday", "Sunday
# Times") and not the start of a full date ("Tuesday, 15 October 2013").
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b(?![’']?s? +[A-Z])")
_NAMED_DAY = re.compile(
    r"(?:black|good|super|ash|bloody|easter|palm|cyber|holy|maundy|shrove|giving)\s+$",
    re.IGNORECASE,
)


def _in_a_name(text: str, at: int) -> bool:
    return bool(_NAMED_DAY.search(text[max(0, at - 10) : at]))


def _bare_weekdays(text: str, published: dt.date | None, found: list[DateExpr]) -> list[DateExpr]:
    """News style "re-elected Tuesday": a weekday without "on", against the publication."""
    if published is None:
        return []
    out = []
    for m in _WEEKDAY.finditer(text):
        if _in_a_name(text, m.start()) or any(
            d.offset - 3 <= m.end() and m.start() < d.offset + len(d.text) for d in found
        ):
            continue  # in a name, or the weekday of a full date
        (day,) = find_dates(f"on {m.group(0)}", published) or (None,)
        if day is not None and day.resolved:
            out.append(replace(day, offset=m.start()))
    return out


def _readings(date: DateExpr, published: dt.date | None) -> list[DateExpr]:
    if (
        published is None
        or not date.relative
        or date.start is None
        or date.end is None
        or re.search(r"\d{4}|'\d\d", date.text)  # it names its year
        or not (date.start.year == published.year - 1 and date.start.month > published.month)
    ):
        return [date]
    try:
        ahead = replace(date, start=date.start.replace(year=date.start.year + 1),
                        end=date.end.replace(year=date.end.year + 1))  # fmt: skip
    except ValueError:  # 29 February
        return [date]
    return [date, ahead]


def _same_event(parts: Parts, candidate: Candidate) -> bool | None:
    """None if the candidate is about another event, else whether it is beside the names.

    Beside: none of the names is in its own paragraph ("He was released …"). Names may sit in the sentences around it, paragraphs aside; the event word must be
    in the sentence or its paragraph.
    """
    paragraph = f"{candidate.before} {candidate.sentence} {candidate.after}"
    context = f"{candidate.near} {paragraph}"
    named = [n for n in parts.names if _mentions(context, n)]
    if parts.names and len(named) * 3 < len(parts.names) * 2:
        return None  # fewer than two thirds of the names: another story
    if parts.events and not any(_has_event(paragraph, e) for e in parts.events):
        return None  # none of the claim's event words: another event
    if not parts.names and candidate.score < STRONG_SCORE:
        return None  # nameless claim: only its own wording can tell the event
    return bool(parts.names) and not any(_mentions(paragraph, n) for n in named)


def stance(
    claim: Claim, parts: Parts, candidate: Candidate, published: dt.date | None = None
) -> _Judged | None:
    """What one candidate sentence says about the claim; None when it is another event.

    A sentence with none of the names in its paragraph counts only when it gives a date
    inside the claim's; as a mere mention it is more likely about something else.
    """
    aside = _same_event(parts, candidate)
    if aside is None:
        return None
    assert claim.date is not None
    sentence = candidate.sentence
    dates = _dates(sentence, published)
    where = ""
    if bool(_NEGATION.search(_clause_at(sentence, dates))) != parts.negated:
        why = "the sentence is negated where the claim is not, or the reverse"
        return None if aside else _Judged(Stance.MENTIONS, why)
    if not dates:
        dates = _dates(f"{candidate.before} {candidate.after}", published)
        where = " (in the neighbouring sentence)"
    results = [(compare(claim.date, d), d) for d in dates]
    inside = [(c, d) for c, d in results if c.relation is Relation.INSIDE]
    if inside:
        comparison, found = inside[0]
        context = f"{candidate.near} {candidate.before} {sentence} {candidate.after}"
        missing = _uncovered(parts, context, published)
        return _Judged(Stance.SUPPORTS, comparison.reason + where, format_span(found), missing)
    if aside:
        return None
    if not dates:
        return _Judged(Stance.MENTIONS, "the sentence gives no date")
    overlap = [(c, d) for c, d in results if c.relation is Relation.OVERLAP]
    if overlap:
        comparison, found = overlap[0]
        return _Judged(Stance.COMPATIBLE, comparison.reason + where, format_span(found))
    comparison, found = results[0]
    if not where and _clearly_same(parts, candidate, published):
        return _Judged(Stance.CONTRADICTS, comparison.reason, format_span(found))
    return _Judged(
        Stance.MENTIONS, f"another date, but not clearly the same event: {comparison.reason}"
    )


def _clearly_same(parts: Parts, candidate: Candidate, published: dt.date | None) -> bool:
    """Sure enough of the event to let a different date contradict the claim."""
    sentence = candidate.sentence
    return (
        candidate.score >= STRONG_SCORE
        and all(_mentions(sentence, n) for n in parts.names)
        # the claim's own words: "entered into force" ≠ "signed", and "joined" ≠ "signed"
        and all(_has_event(sentence, e, loose=False) for e in parts.events)
        # "this year" with no publication date to resolve it may be the event's own date
        and not any(d.relative and not d.resolved for d in find_dates(sentence, published))
    )


def _clause_at(sentence: str, dates: list[DateExpr]) -> str:
    """The clause holding the sentence's first date (the whole sentence when it has none)."""
    if not dates:
        return sentence
    at = dates[0].offset
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    return sentence[max(c for c in cuts if c <= at) : min(c for c in cuts if c > at)]


def _uncovered(parts: Parts, context: str, published: dt.date | None) -> tuple[str, ...]:
    missing = [n for n in parts.names if not _mentions(context, n)]
    if parts.dates:
        said = _dates(context, published)
        missing += [
            d.text
            for d in parts.dates
            if not any(compare(d, s).relation is Relation.INSIDE for s in said)
        ]
    missing += [n for n in parts.numbers if not _number_in(context, n)]
    missing += [f"“{q}”" for q in parts.quoted if q.lower() not in context.lower()]
    return tuple(missing)


# ---------------------------------------------------------------- the claim


def _cite(evidence: Evidence, stance: Stance, reason: str, candidate: Candidate | None = None,
          found_date: str | None = None) -> Citation:  # fmt: skip
    fetched = evidence.read.fetched
    return Citation(
        source=evidence.source, final_url=fetched.final_url, stance=stance, reason=reason,
        quote=candidate.sentence if candidate else "", start=candidate.start if candidate else 0,
        end=candidate.end if candidate else 0, score=round(candidate.score, 1) if candidate else 0.0,
        found_date=found_date, status=fetched.status, fetched_at=fetched.fetched_at,
        sha256=fetched.sha256, found_by=evidence.found_by,
    )  # fmt: skip


def _citations(claim: Claim, parts: Parts, evidence: Evidence) -> list[tuple[Citation, _Judged]]:
    read, fetched = evidence.read, evidence.read.fetched
    if not fetched.ok or read.text is None or read.text.error:
        why = fetched.reason if not fetched.ok else (read.text.error if read.text else "no text")
        judged = _Judged(Stance.UNAVAILABLE, f"{fetched.outcome.value}: {why}")
        return [(_cite(evidence, Stance.UNAVAILABLE, judged.reason), judged)]
    out = []
    for candidate in evidence.candidates:
        found = stance(claim, parts, candidate, read.text.published)
        if found is not None:
            citation = _cite(evidence, found.stance, found.reason, candidate, found.found_date)
            out.append((citation, found))
    return out


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
    supports, contradicts = by[Stance.SUPPORTS], by[Stance.CONTRADICTS]
    if contradicts:
        against = ", ".join(sorted({c.source for c, _ in contradicts}))
        if supports:
            agree = ", ".join(sorted({c.source for c, _ in supports}))
            reason = f"sources disagree: {agree} support it, {against} contradict it"
        else:
            reason = f"contradicted by {against}: {contradicts[0][1].reason}"
        return ClaimResult(claim, Verdict.DISPUTED, reason, citations)
    if supports:
        # A part is missing only when no supporting sentence (with its neighbours) has it.
        nowhere = sorted(set.intersection(*(set(j.uncovered) for _, j in supports)))
        if not nowhere:
            return ClaimResult(claim, Verdict.SUPPORTED, supports[0][1].reason, citations)
        reason = f"partly confirmed: {', '.join(nowhere)} not found"
        return ClaimResult(claim, Verdict.UNVERIFIED, reason, citations, uncovered=tuple(nowhere))
    if by[Stance.COMPATIBLE]:
        reason = f"only a coarser date was found: {by[Stance.COMPATIBLE][0][1].reason}"
        return ClaimResult(claim, Verdict.UNVERIFIED, reason, citations)
    if by[Stance.MENTIONS]:
        reason = f"matching sentences carry no usable date: {by[Stance.MENTIONS][0][1].reason}"
        return ClaimResult(claim, Verdict.UNVERIFIED, reason, citations)
    if judged and len(by[Stance.UNAVAILABLE]) == len(judged):
        reasons = "; ".join(c.reason for c, _ in judged)
        return ClaimResult(
            claim, Verdict.UNVERIFIED, f"no source could be read: {reasons}", citations
        )
    return ClaimResult(
        claim, Verdict.UNVERIFIED, "no sentence in the sources matches the claim", citations
    )
