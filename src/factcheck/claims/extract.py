"""Article → dated claims: one per dated, unhedged clause."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from factcheck.claims.article import Article
from factcheck.claims.keywords import (
    claim_id,
    entities,
    event_words,
    known_capitalised,
    normalise_quote,
    slug_words,
)
from factcheck.claims.sentences import (
    Clause,
    clauses,
    dependent,
    hedged,
    intro_phrase_end,
    mask,
    parentheticals,
    segment_text,
    too_short,
    trim,
)
from factcheck.models import Claim, DateExpr

__all__ = ["extract_claims"]


def extract_claims(article: Article, reference: dt.date | None = None) -> list[Claim]:
    """Extract the dated, unhedged claims of an article, in article order.

    Args:
        article: the article's plain text.
        reference: resolves relative dates ("last month"); defaults to the article's
            publication date when one is known. Without one, claims anchored only to
            relative dates are left out.
    """
    text = article.text
    names = known_capitalised(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    claims: list[Claim] = []
    seen: dict[str, int] = {}  # normalised quote → how often it came before
    taken: set[str] = set()  # ids given so far
    for s_start, s_end, found in segment_text(text, reference or article.published):
        sentence = text[s_start:s_end]
        dates = [d for d in found if d.resolved]
        if not dates or sentence.rstrip().endswith("?"):
            continue
        for a, b, date in _dated_spans(sentence, found, dates):
            start = s_start + a
            line = bisect.bisect_right(line_starts, start)
            claim = _make_claim(names, sentence, a, b, date, found, seen, taken)
            claims.append(replace(claim, line=line, span=(start, s_start + b),
                                  date=replace(date, offset=s_start + date.offset)))  # fmt: skip
    return claims


def _dated_spans(
    sentence: str, found: list[DateExpr], dates: list[DateExpr]
) -> list[tuple[int, int, DateExpr]]:
    """The quote span of each claim in a sentence, with the date that anchors it."""
    inner = parentheticals(sentence)
    parts = clauses(sentence, found)
    spans: list[tuple[int, int, DateExpr]] = []
    used: set[int] = set()
    for date in dates:
        home = next((p for p in inner if p[0] < date.offset < p[1]), None)
        if home is not None:  # ", who resigned on 7 July 2025," is its own claim
            masked = mask(sentence, [(d.offset, d.stop) for d in found])
            if not hedged(masked, Clause(*home)):
                spans.append((*trim(sentence, *home), date))
            continue
        index = next(i for i, c in enumerate(parts) if c.start <= date.offset < c.end)
        if index in used:
            continue
        used.add(index)
        masked = mask(sentence, [(d.offset, d.stop) for d in found] + inner)
        flags = [hedged(masked, c) for c in parts]
        if flags[index] or (index and flags[index - 1] and dependent(sentence, parts[index])):
            continue
        a, b = parts[index].start, parts[index].end
        intro_end = intro_phrase_end(sentence, date) if index == 0 else None
        if intro_end is not None:
            b = intro_end
        elif index + 1 < len(parts) and too_short(sentence, a, b, date):
            b = parts[index + 1].end
        spans.append((*trim(sentence, a, b), date))
    return spans


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
    plain = mask(sentence, [(d.offset, d.stop) for d in found])[a:b]  # no "Jan", "Q4" names
    whole = sentence.strip().rstrip(".!")
    claim_text = sentence.strip() if quote == whole else _with_ellipses(sentence, a, b)
    keys = entities(plain, names, sentence_start=a == 0)
    if a > 0:  # a clause inside the sentence: its subject sits before it
        head = mask(sentence, [(d.offset, d.stop) for d in found])[:a]
        keys += [e for e in entities(head, names, sentence_start=True) if e not in keys][:2]
    event = event_words(plain, date.offset - a, names)
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
