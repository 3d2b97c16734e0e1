"""Sentences and clauses: where claims start and end, and which ones are hedged."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from sentencex import segment

from factcheck.dates import find_dates
from factcheck.language.keywords import WORD
from factcheck.models import DateExpr

__all__ = ["Clause", "clauses", "hedged", "segment_text", "split_sentences"]

# Hedges, forecasts and denials: a clause holding one asserts no checkable fact.
# Case-sensitive on purpose: "Mayor May Johnson" holds no hedge.
HEDGES = re.compile(
    r"\b(?:may|might|could|would|should|shall|perhaps|possibly|potentially|likely|unlikely|"
    r"probably|arguably|seemingly|presumably|supposedly|allegedly|reportedly|"
    r"(?<!the\s)(?<!his\s)(?<!her\s)(?<!free\s)will|"  # not "the will of the people"
    r"(?<!than\s)(?:expects?|expected|expecting|forecasts?|forecasted|predicts?|predicted|"
    r"projected|anticipated)|"  # not "faster than expected"
    r"plans?\s+to|planned\s+to|aims?\s+to|intends?\s+to|hopes?\s+to|set\s+to|"
    r"scheduled\s+to|slated\s+(?:to|for)|poised\s+to|on\s+track\s+to|due\s+to\s+(?:be|re)?"
    r"(?:open|start|begin|close|end|finish|launch|arrive|take|vote|meet|sign)?\b|"
    r"believes?|believed|thinks?|unclear|uncertain|whether|denied|denies|deny|"
    r"rumou?red|appears?\s+to|seems?\s+to|if)\b"
)
CAPITAL_HEDGE = re.compile(  # not "May": "May resigned in July 2019" names Theresa May
    r"^\W*(?:Might|Could|Would|Should|Will|Perhaps|Possibly|Potentially|Probably|"
    r"Arguably|Reportedly|Allegedly|Presumably|If|Whether)\s+[a-z]"
)
# Words that open a new clause after a comma; "-ing" participles are added by rule.
CLAUSE_OPENERS = frozenset(
    """which while whereas although though but yet with where when who whom whose""".split()
)
NOT_CLAUSE_OPENERS = frozenset(
    """during including according regarding concerning notwithstanding something
    nothing anything everything king spring morning evening beijing""".split()
)
# ", and the court released him": a new subject after ", and" starts a new clause.
_NEW_SUBJECT = frozenset("the a an he she it they we his her its their this these those".split())
# A clause of these kinds shares the hedge of the clause before it.
_DEPENDENT = re.compile(r"^\W*(?:with\b|[a-z]+ing\b)")
_BREAK = re.compile(r"[;,][”\"’)]?\s+(?=([^\W\d_][\w’'-]*))")
# ", who may run again," — a relative clause closed by a comma before the verb goes on.
_PARENTHETICAL = re.compile(r",\s+(?:who|which|whom|whose)\b[^,;]*,(?=\s+[a-z])")
_BETWEEN_DATES = re.compile(r"(?:[,;]\s+|\s+(?:and|but)\s+)")
_INTRO = re.compile(r"(?:Following|After|Before|Since|During|Until)\s+[^,;]+?,")
_MONTHS = frozenset(
    """January February March April May June July August September October November
    December""".split()
)
_STOP = frozenset("the a an of in on at by to for from and his her its their".split())


@dataclass(frozen=True, slots=True)
class Clause:
    """A span of a sentence: ``sentence[start:end]``."""

    start: int
    end: int


# ---------------------------------------------------------------- sentences


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Blocks of text separated by blank lines, with their offsets."""
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if m.group(0).strip():
            yield m.start(), m.group(0)


def _is_heading(block: str) -> bool:
    """A short single line in title case with no closing punctuation."""
    stripped = block.strip()
    if stripped[-1] in '.!?:;”"’)' or "\n" in stripped or len(stripped.split(None, 12)) > 12:
        return False
    words = [w for w in WORD.findall(stripped)[1:] if len(w) > 3 and w not in _MONTHS]
    return not words or sum(w[0].isupper() for w in words) >= 0.6 * len(words)


# A sentence break right after one of these may cut a date in two: "15 Aug. | 2025".
_DATE_CUT = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|"
    r"Thurs|Fri|Sat|Sun)\.|(?<!\d)\d{1,2}\.)\s*$"  # a day ("15."), not a year ("2024.")
)
_CUT_REACH = 7  # a match ends the piece and is at most "Thurs." with the character before it


def _cuts_date(piece: str) -> bool:
    """True when a sentence break after ``piece`` may cut a date in two (see _DATE_CUT).

    Only the piece's last few characters can match: searching them alone is the same
    test, without scanning every sentence of a long page from its start.
    """
    return _DATE_CUT.search(piece.rstrip()[-_CUT_REACH:]) is not None


def _pieces(block: str) -> list[tuple[int, int]]:
    """The splitter's sentences as spans of the block."""
    cursor = 0
    pieces: list[tuple[int, int]] = []
    for piece in segment("en", block):
        piece = piece.strip()
        if not piece:
            continue
        start = block.find(piece, cursor)
        if start < 0:  # the splitter normalised something: fall back to the rest
            start = cursor
        pieces.append((start, start + len(piece)))
        cursor = start + len(piece)
    return pieces


def segment_text(
    text: str, reference: dt.date | None, *, dates: bool = True
) -> list[tuple[int, int, list[DateExpr]]]:
    """Sentences as ``(start, end, dates)``; date offsets are relative to the sentence.

    Dates are found once per paragraph; sentence breaks that fall inside one
    ("15 Aug. | 2025") are dropped. Headings are sentences without dates. With
    ``dates=False`` (spans only) the grammar runs only on paragraphs with a break that
    could cut a date, which is most of the cost saved on long source pages.
    """
    out: list[tuple[int, int, list[DateExpr]]] = []
    for base, block in _paragraphs(text):
        if _is_heading(block):
            lead = len(block) - len(block.lstrip())
            out.append((base + lead, base + len(block.rstrip()), []))
            continue
        pieces = _pieces(block)
        risky = any(_cuts_date(block[a:b]) for a, b in pieces[:-1])
        found = find_dates(block, reference) if dates or risky else []
        merged: list[tuple[int, int]] = []
        for start, end in pieces:
            if merged and any(d.offset < start < d.stop for d in found):
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        for a, b in merged:
            inside = (
                [replace(d, offset=d.offset - a) for d in found if a <= d.offset < b]
                if found
                else []
            )
            out.append((base + a, base + b, inside))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentence spans ``(start, end)``; headings are their own span."""
    return [(a, b) for a, b, _ in segment_text(text, None, dates=False)]


# ---------------------------------------------------------------- clauses


def parentheticals(sentence: str) -> list[tuple[int, int]]:
    """Spans of ", who …," relative clauses that the sentence continues after."""
    return [(m.start(), m.end()) for m in _PARENTHETICAL.finditer(sentence)]


def clauses(sentence: str, dates: list[DateExpr]) -> list[Clause]:
    """Split a sentence into clauses: after ';', after ', <opener>', and between dates.

    A relative clause closed by a comma (", who may run again,") does not split the
    clause around it. Two dates left in one clause are parted at the last comma,
    semicolon, "and" or "but" between them.
    """
    inner = parentheticals(sentence)
    opening = {a for a, _ in inner}
    breaks = {0}
    for m in _BREAK.finditer(sentence):
        word = m.group(1)
        lower = word.lower()
        participle = lower.endswith("ing") and word[0].islower() and lower not in NOT_CLAUSE_OPENERS
        if m.start() in opening:
            continue
        subject = (
            lower in ("and", "but") and _first_word(sentence, m.end() + len(word)) in _NEW_SUBJECT
        )
        if sentence[m.start()] == ";" or lower in CLAUSE_OPENERS or participle or subject:
            breaks.add(m.end())
    for first, second in itertools.pairwise(dates):
        between = sentence[first.stop : second.offset]
        if any(first.stop <= b <= second.offset for b in breaks):
            continue
        cut = [m.start() for m in _BETWEEN_DATES.finditer(between)]
        if cut and not any(a < first.stop + cut[-1] < b for a, b in inner):
            breaks.add(first.stop + cut[-1])  # the separator opens the next clause; trim drops it
    ordered = [*sorted(breaks), len(sentence)]
    return [Clause(a, b) for a, b in itertools.pairwise(ordered) if a < b]


def _first_word(text: str, start: int) -> str:
    m = WORD.search(text, start)
    return m.group(0).lower() if m else ""


def mask_dates(text: str, dates: list[DateExpr]) -> str:
    """Blank out date expressions so their words ("May", "Jan", "2024") are not read."""
    return mask(text, [(d.offset, d.stop) for d in dates])


def mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (dates, parentheticals) so their words are not read."""
    for a, b in spans:
        sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    return sentence


def hedged(masked: str, clause: Clause) -> bool:
    """True when the clause hedges, forecasts or denies."""
    text = masked[clause.start : clause.end]
    return bool(HEDGES.search(text) or CAPITAL_HEDGE.match(text))


def dependent(sentence: str, clause: Clause) -> bool:
    """True for a participle or "with" clause, which leans on the clause before."""
    return bool(_DEPENDENT.match(sentence[clause.start : clause.end]))


def intro_phrase_end(sentence: str, date: DateExpr) -> int | None:
    """End of an opening phrase that carries its own event: "Following X in 2025, …"."""
    m = _INTRO.match(sentence)
    if not m or not (date.offset < m.end() - 1 <= date.stop + 1):
        return None
    content = [w for w in WORD.findall(sentence[: date.offset])[1:] if w.lower() not in _STOP]
    return m.end() - 1 if len(content) >= 2 else None


def too_short(sentence: str, a: int, b: int, date: DateExpr) -> bool:
    """A clause that is little more than its date borrows the next one."""
    rest = sentence[a : date.offset] + sentence[date.stop : b]
    return len([w for w in WORD.findall(rest) if w.lower() not in _STOP]) < 2


_LEADING = re.compile(r"(?:[\s,;]+|(?:and|but)\s+)+")


def trim(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, punctuation and a leading "and"/"but" from a clause span."""
    lead = _LEADING.match(sentence, start, end)
    if lead:
        start = lead.end()
    while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in ",;:.!—–-"):
        end -= 1
    return start, end
