"""Article → dated claims: one per dated, unhedged clause."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from factcheck.claims.article import Article
from factcheck.claims.ids import claim_id, normalise_quote
from factcheck.dates import impossible_dates
from factcheck.language.keywords import (
    entities,
    event_rank,
    event_words,
    known_capitalised,
    slug_words,
)
from factcheck.language.sentences import (
    Clause,
    clauses,
    dependent,
    hedged,
    intro_phrase_end,
    mask,
    mask_dates,
    parentheticals,
    segment_text,
    too_short,
    trim,
)
from factcheck.models import MAX_CLAIM_CHARS, Claim, DateExpr

__all__ = ["date_warnings", "extract_claims", "unresolved_dates"]


def extract_claims(article: Article, reference: dt.date | None = None) -> list[Claim]:
    """Extract the dated, unhedged claims of an article, in article order.

    Args:
        article: the article's plain text.
        reference: resolves relative dates ("last month"); defaults to the article's
            publication date when one is known. Without one, claims anchored only to
            relative dates are left out; with one, so are claims about its future.
    """
    text = article.text
    reference = reference or article.published
    names = known_capitalised(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    claims: list[Claim] = []
    seen: dict[str, int] = {}  # normalised quote → how often it came before
    taken: set[str] = set()  # ids given so far
    for s_start, s_end, found in segment_text(text, reference):
        sentence = text[s_start:s_end]
        dates = [d for d in found if d.resolved and not _future(d, reference)]
        if not dates or sentence.rstrip().endswith("?") or len(sentence) > MAX_CLAIM_CHARS:
            continue  # a question, or not a sentence at all: no claims file could hold it
        for a, b, date in _dated_spans(sentence, found, dates):
            start = s_start + a
            line = bisect.bisect_right(line_starts, start)
            claim = _make_claim(names, sentence, a, b, date, found, seen, taken)
            claims.append(
                replace(
                    claim,
                    line=line,
                    span=(start, s_start + b),
                    date=replace(date, offset=s_start + date.offset),
                )
            )
    return claims


def date_warnings(article: Article) -> list[tuple[int, str]]:
    """Written dates in the article that do not exist, as (line, date text)."""
    text = article.text
    return [(text.count("\n", 0, at) + 1, written) for at, written in impossible_dates(text)]


def unresolved_dates(article: Article, reference: dt.date | None = None) -> list[str]:
    """Relative dates ("last month", "on Friday") left unresolved for want of a publication date."""
    if reference or article.published:
        return []
    found = segment_text(article.text, None)
    return [d.text for _, _, dates in found for d in dates if d.relative and not d.resolved]


def _future(date: DateExpr, reference: dt.date | None) -> bool:
    """A date that starts after the article was published: a plan, not a fact yet."""
    return reference is not None and date.start is not None and date.start > reference


_NEGATION = re.compile(r"(?:\b(?:not|never|no)\b|n[’']t\b)(?:(?!\bbut\b)[^,;]){0,24}$")


def _anchor(sentence: str, clause: Clause, dates: list[DateExpr]) -> DateExpr | None:
    """The date a clause is about: one tied by a preposition and not negated, if any.

    "The 2019 budget was approved in March 2020" is about March 2020; "was not
    founded in 1999 but in 2001" about 2001.
    """
    inside = [d for d in dates if clause.start <= d.offset < clause.end]
    if not inside:
        return None

    def rank(d: DateExpr) -> tuple[bool, bool]:
        negated = bool(_NEGATION.search(sentence[clause.start : d.offset]))
        return (negated, d.qualifier.value == "")

    return min(inside, key=rank)


def _dated_spans(
    sentence: str, found: list[DateExpr], dates: list[DateExpr]
) -> list[tuple[int, int, DateExpr]]:
    """The quote span of each claim in a sentence, with the date that anchors it."""
    inner = parentheticals(sentence)
    parts = _merge_fragments(sentence, clauses(sentence, found), dates)
    dateless = mask_dates(sentence, found)  # the month "May 2024" is no hedge
    masked = mask(dateless, inner)
    flags = [hedged(masked, c) for c in parts]
    spans: list[tuple[int, int, DateExpr]] = []
    for home in inner:  # ", who resigned on 7 July 2025," is its own claim
        date = _anchor(sentence, Clause(*home), dates)
        if date is not None and not hedged(dateless, Clause(*home)):
            spans.append((*trim(sentence, *home), date))
    outside = [d for d in dates if not any(a < d.offset < b for a, b in inner)]
    for index, part in enumerate(parts):
        date = _anchor(sentence, part, outside)
        if (
            date is None
            or flags[index]
            or (index and flags[index - 1] and dependent(sentence, part))
        ):
            continue
        a, b = part.start, part.end
        intro_end = intro_phrase_end(sentence, date) if index == 0 else None
        if intro_end is not None:
            b = intro_end
        elif index + 1 < len(parts) and too_short(sentence, a, b, date):
            b = parts[index + 1].end
        spans.append((*trim(sentence, a, b), date))
    return sorted(spans, key=lambda span: span[0])


def _merge_fragments(sentence: str, parts: list[Clause], dates: list[DateExpr]) -> list[Clause]:
    """A last clause that is little more than its date ("but in 2001") joins the one before."""
    if len(parts) > 1:
        last = parts[-1]
        date = next((d for d in dates if last.start <= d.offset < last.end), None)
        rest = sentence[last.start : last.end].replace(date.text, "") if date else ""
        if date is not None and not re.search(
            r"\b(?!(?:and|but|or|not|in|on|at|by)\b)[^\W\d]{3,}", rest
        ):
            return [*parts[:-2], Clause(parts[-2].start, last.end)]
    return parts


def _make_claim(
    names: frozenset[str],
    sentence: str,
    a: int,
    b: int,
    date: DateExpr,
    found: list[DateExpr],
    seen: dict[str, int],
    taken: set[str],
) -> Claim:
    quote = sentence[a:b]
    dateless = mask_dates(sentence, found)  # no "Jan", "Q4" names
    plain = dateless[a:b]
    whole = sentence.strip().rstrip(".!")
    claim_text = sentence.strip() if quote == whole else _with_ellipses(sentence, a, b)
    keys = entities(plain, names, sentence_start=a == 0)
    if a > 0:  # a clause inside the sentence: its subject sits before it
        head = entities(dateless[:a], names, sentence_start=True)
        keys += [e for e in head if e not in keys][:2]
    event = event_words(plain, date.offset - a, names, event_rank)
    normalised = normalise_quote(quote)
    occurrence = seen.get(normalised, 0)
    seen[normalised] = occurrence + 1
    words = slug_words(plain, names, sentence_start=a == 0)
    claim_key = claim_id(quote, words, occurrence, taken)
    taken.add(claim_key)
    return Claim(
        id=claim_key,
        text=claim_text,
        quote=quote,
        date=date,
        keywords=tuple(event[:2] + keys),
    )


def _with_ellipses(sentence: str, a: int, b: int) -> str:
    quote = sentence[a:b]
    lead = "…" if sentence[:a].strip() else ""
    tail = sentence[b:].strip()
    end = "" if not tail else "." if re.fullmatch(r"[.!”\"’)]+", tail) else "…"
    return f"{lead}{quote}{end}"
