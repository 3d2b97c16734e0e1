"""Article → sentences → clauses → dated claims.

A claim is a clause that asserts a checkable fact anchored to a date. A sentence with
two dates ("Following the inauguration in January 2025, …, culminating in a summit on
August 15, 2025") gives two claims, each quoting its own clause. Hedged clauses ("may",
"could", "might") and questions are not claims.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sentencex import segment

from factcheck import text as textmod
from factcheck.dates import find_dates
from factcheck.errors import ArticleError
from factcheck.models import Claim, DateExpr

__all__ = ["Article", "extract_claims", "read_article", "split_sentences"]

HEDGES = re.compile(
    r"\b(?:may|might|could|would|should|perhaps|possibly|potentially|likely|unlikely|"
    r"probably|arguably|seemingly|presumably|supposedly|allegedly|reportedly|appears?\s+to|"
    r"seems?\s+to|if)\b",
    re.IGNORECASE,
)
# Words that open a new clause after a comma; "-ing" participles are added by rule.
CLAUSE_OPENERS = frozenset(
    """which while whereas although though but yet with where when who whom whose""".split()
)
NOT_CLAUSE_OPENERS = frozenset(
    """during including according regarding concerning notwithstanding something
    nothing anything everything king spring morning evening beijing""".split()
)
# Opening words of a sentence that are capitalised only because they open it.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing down
    during each even few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just me more
    most much my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up upon very was we
    were what when where which while who whom why will with would you your yet still
    many often since among amid via whose toward towards despite following within
    without across per parallel like unlike""".split()
)
# Verbs and nouns that name the event a date is anchored to; preferred as keywords.
EVENT_STEMS = """
    accord agree alliance annex appoint arrest attack ban battle begin began born
    ceasefire ceded charge clash collapse conference coup crash debate declar defeat
    deliver deploy die died elect exchange execut explod fire founded handover
    inaugurat incursion invade invasion kill launch meet meeting met negotiat
    offensive opened pact passed ratif recaptur referendum resign retook sanction
    seiz sign strike summit surrender talks treaty truce vote war withdr
""".split()
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_CAP_RUN = re.compile(
    r"(?<![\w-])(?:[A-Z][\w’'.-]*|[A-Z]{2,})(?:\s+(?:(?:of|the|de|del|da|von|van|bin|al)\s+)*"
    r"(?:[A-Z][\w’'.-]*))*"
)
_POSSESSIVE = re.compile(r"[’']s?$")
_MONTH_OR_DAY = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)


@dataclass(frozen=True, slots=True)
class Article:
    """An article's plain text and where it came from."""

    path: str
    text: str
    sha256: str
    published: dt.date | None = None


def read_article(path: str | Path) -> Article:
    """Read an article file (plain text, Markdown or HTML) into plain text.

    Raises:
        ArticleError: the file is missing, unreadable, empty or not text.
    """
    p = Path(path)
    if re.match(r"^[a-z][a-z0-9+.-]*://", str(path), re.IGNORECASE):
        raise ArticleError(
            "reading articles from URLs is not supported yet; save the page and pass the file",
            path=path,
        )
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ArticleError("article not found", path=path) from None
    except OSError as exc:
        raise ArticleError(f"cannot read article: {exc.strerror}", path=path) from None
    sha = hashlib.sha256(raw).hexdigest()
    suffix = p.suffix.lower()
    published = None
    if suffix in (".html", ".htm", ".xhtml"):
        page = textmod.html_to_text(textmod.decode(raw))
        body, published = page.text, page.published
    else:
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"not UTF-8 text (byte {exc.start})", path=path) from None
        if suffix in (".md", ".markdown"):
            body = textmod.markdown_to_text(body)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise ArticleError("article has no text", path=path)
    return Article(path=str(path), text=body, sha256=sha, published=published)


# ---------------------------------------------------------------- sentences


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Blocks of text separated by blank lines, with their offsets."""
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if m.group(0).strip():
            yield m.start(), m.group(0)


def _is_heading(block: str) -> bool:
    stripped = block.strip()
    return "\n" not in stripped and len(stripped.split()) <= 12 and stripped[-1] not in '.!?:;”"’)'


def _segment(text: str, reference: dt.date | None) -> list[tuple[int, int, list[DateExpr]]]:
    """Sentences as ``(start, end, dates)``; date offsets are relative to the sentence.

    Dates are found once per paragraph; sentence breaks that fall inside one
    ("15 Aug. | 2025") are dropped.
    """
    out: list[tuple[int, int, list[DateExpr]]] = []
    for base, block in _paragraphs(text):
        if _is_heading(block):
            lead = len(block) - len(block.lstrip())
            out.append((base + lead, base + len(block.rstrip()), []))
            continue
        dates = find_dates(block, reference)
        cursor = 0
        pieces: list[tuple[int, int]] = []
        for piece in segment("en", block):
            piece = piece.strip()
            if not piece:
                continue
            start = block.find(piece, cursor)
            if start < 0:  # the splitter normalised something: fall back to the rest
                start = cursor
            end = start + len(piece)
            if pieces and any(d.offset < start < d.stop for d in dates):
                pieces[-1] = (pieces[-1][0], end)
            else:
                pieces.append((start, end))
            cursor = end
        for a, b in pieces:
            inside = [replace(d, offset=d.offset - a) for d in dates if a <= d.offset < b]
            out.append((base + a, base + b, inside))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentence spans ``(start, end)``; headings are their own span."""
    return [(a, b) for a, b, _ in _segment(text, None)]


# ---------------------------------------------------------------- clauses


def _clause_breaks(sentence: str) -> list[int]:
    """Offsets where a new clause starts: after ';' or after ', <opener>'."""
    breaks = [0]
    for m in re.finditer(r"[;,][”\"’)]?\s+(?=([^\W\d_][\w’'-]*))", sentence):
        word = m.group(1)
        lower = word.lower()
        if (
            sentence[m.start()] == ";"
            or lower in CLAUSE_OPENERS
            or (lower.endswith("ing") and word[0].islower() and lower not in NOT_CLAUSE_OPENERS)
        ):
            breaks.append(m.end())
    return breaks


def _intro_phrase_end(sentence: str, date: DateExpr) -> int | None:
    """End of an opening phrase that carries its own event: "Following X in 2025, …"."""
    m = re.match(r"(?:Following|After|Before|Since|During|Until)\s+[^,;]+?,", sentence)
    if not m or not (date.offset < m.end() - 1 <= date.stop + 1):
        return None
    content = [w for w in _WORD.findall(sentence[: date.offset]) if w.lower() not in STOPWORDS]
    return m.end() - 1 if len(content) >= 3 else None


def _clauses(sentence: str) -> list[tuple[int, int]]:
    breaks = [*_clause_breaks(sentence), len(sentence)]
    return [(a, b) for a, b in itertools.pairwise(breaks) if a < b]


def _trim(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and trailing punctuation from a clause span."""
    while start < end and sentence[start].isspace():
        start += 1
    while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in ",;:.!—–-"):
        end -= 1
    return start, end


# ---------------------------------------------------------------- keywords and ids


def known_capitalised(text: str) -> frozenset[str]:
    """Words written capitalised in mid-sentence somewhere in the text: names."""
    words = re.findall(r"(?<=[a-z,;:’'\"”)]\s)([A-Z][\w’'-]*)", text)
    return frozenset(_POSSESSIVE.sub("", w) for w in words)


def entities(clause: str, names: frozenset[str], *, sentence_start: bool) -> list[str]:
    """Capitalised names in a clause: "Vladimir Putin", "Anchorage", "DPRK"."""
    found: list[str] = []
    for m in _CAP_RUN.finditer(clause):
        words = m.group(0).split()
        if sentence_start and m.start() == 0 and _POSSESSIVE.sub("", words[0]) not in names:
            words = words[1:]
        while words and (words[0].lower() in STOPWORDS or _MONTH_OR_DAY.match(words[0])):
            words = words[1:]
        while words and (words[-1].lower() in STOPWORDS or _MONTH_OR_DAY.match(words[-1])):
            words = words[:-1]
        if not words:
            continue
        name = _POSSESSIVE.sub("", " ".join(words)).strip(".")
        parts = name.split("-") if len(words) == 1 and "-" in name else [name]
        for part in parts:
            if len(part) > 1 and part not in found:
                found.append(part)
    return found


def event_words(clause: str, date: DateExpr, date_offset: int) -> list[str]:
    """Up to three words naming the event, preferring known event verbs and nouns."""
    candidates = []
    for m in _WORD.finditer(clause):
        word = m.group(0)
        lower = word.lower().strip("’'")
        if word[0].isupper() or lower in STOPWORDS or len(lower) < 4:
            continue
        if date_offset <= m.start() < date_offset + len(date.text):
            continue
        distance = abs(m.start() - date_offset)
        is_event = any(lower.startswith(stem) for stem in EVENT_STEMS)
        candidates.append((not is_event, distance, lower))
    chosen: list[str] = []
    for _, _, word in sorted(candidates):
        if word not in chosen:
            chosen.append(word)
    return chosen[:3]


def _slug(words: list[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:40].rstrip("-") or "claim"


def _normalise_quote(quote: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", quote)).strip().lower()


def claim_id(quote: str, words: list[str], occurrence: int = 0) -> str:
    """A readable, stable id: slug of key words + hash of the normalised quote."""
    payload = {"quote": _normalise_quote(quote)}
    if occurrence:
        payload["occurrence"] = str(occurrence)
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{_slug(words)}-{hashlib.sha256(canonical.encode()).hexdigest()[:6]}"


# ---------------------------------------------------------------- extraction


def extract_claims(article: Article, reference: dt.date | None = None) -> list[Claim]:
    """Extract the dated, unhedged claims of an article, in article order.

    Args:
        article: the article's plain text.
        reference: resolves relative dates ("last month"); defaults to the article's
            publication date when one is known. Without one, claims anchored only to
            relative dates are left out.
    """
    text = article.text
    reference = reference or article.published
    names = known_capitalised(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for s_start, s_end, found in _segment(text, reference):
        sentence = text[s_start:s_end]
        if sentence.rstrip().endswith("?"):
            continue
        dates = [d for d in found if d.resolved]
        if not dates:
            continue
        clauses = _clauses(sentence)
        masked = _mask(sentence, found)  # the month "May 2024" is no hedge
        hedged = [bool(HEDGES.search(masked[a:b])) for a, b in clauses]
        used: set[int] = set()
        for date in dates:
            index = next(i for i, (a, b) in enumerate(clauses) if a <= date.offset < b)
            if index in used or hedged[index] or _inherits_hedge(sentence, clauses, hedged, index):
                continue
            used.add(index)
            a, b = clauses[index]
            intro_end = _intro_phrase_end(sentence, date) if index == 0 else None
            if intro_end is not None:
                b = intro_end
            elif index + 1 < len(clauses) and _too_short(sentence, a, b, date):
                b = clauses[index + 1][1]
            a, b = _trim(sentence, a, b)
            line = bisect.bisect_right(line_starts, s_start + a)
            claims.append(_make_claim(names, s_start, line, sentence, a, b, date, clauses, seen))
    return claims


def _mask(sentence: str, dates: list[DateExpr]) -> str:
    """Blank out date expressions so their words are not read as anything else."""
    for d in dates:
        sentence = sentence[: d.offset] + " " * len(d.text) + sentence[d.stop :]
    return sentence


def _too_short(sentence: str, a: int, b: int, date: DateExpr) -> bool:
    """A clause that is little more than its date borrows the next one."""
    rest = sentence[a : date.offset] + sentence[date.stop : b]
    return len([w for w in _WORD.findall(rest) if w.lower() not in STOPWORDS]) < 2


def _inherits_hedge(
    sentence: str, clauses: list[tuple[int, int]], hedged: list[bool], i: int
) -> bool:
    """A dependent clause (", pointing to …") shares the hedge of the clause before."""
    if i == 0 or not hedged[i - 1]:
        return False
    first = _WORD.match(sentence[clauses[i][0] :])
    return bool(
        first and first.group(0).lower() not in ("but", "while", "whereas", "yet", "though")
    )


def _make_claim(
    names: frozenset[str],
    s_start: int,
    line: int,
    sentence: str,
    a: int,
    b: int,
    date: DateExpr,
    clauses: list[tuple[int, int]],
    seen: dict[str, int],
) -> Claim:
    quote = sentence[a:b]
    whole = sentence.strip().rstrip(".!")
    claim_text = sentence.strip() if quote == whole else _with_ellipses(sentence, a, b)
    keys = entities(quote, names, sentence_start=a == 0)
    if a > 0:  # a dependent clause: its subject sits in the clause before
        first = clauses[0]
        context = entities(sentence[first[0] : first[1]], names, sentence_start=True)
        keys += [e for e in context if e not in keys][:2]
    event = event_words(quote, date, date.offset - a)
    nearest = sorted(keys, key=lambda k: abs(quote.find(k) - (date.offset - a)))
    slug_words = (event[:1] + nearest[:1]) or keys[:2] or ["claim"]
    normalised = _normalise_quote(quote)
    occurrence = seen.get(normalised, 0)
    seen[normalised] = occurrence + 1
    start = s_start + a
    return Claim(
        id=claim_id(quote, slug_words, occurrence),
        text=claim_text,
        quote=quote,
        span=(start, start + len(quote)),
        line=line,
        date=replace(date, offset=s_start + date.offset),
        keywords=tuple(event[:2] + keys),
    )


def _with_ellipses(sentence: str, a: int, b: int) -> str:
    quote = sentence[a:b]
    lead = "…" if sentence[:a].strip() else ""
    tail = sentence[b:].strip()
    end = "" if not tail else "." if re.fullmatch(r"[.!”\"’)]+", tail) else "…"
    return f"{lead}{quote}{end}"
