"""Reading a claims file: ``tomllib``, then every field validated with file, line, field."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.claimsfile.limits import MAX_FILE_CHARS, credentials_problem, too_long
from factcheck.dates import parse_date
from factcheck.errors import ClaimsFileError
from factcheck.models import Claim, ClaimsFile, DateExpr, Precision, Qualifier, Verdict

__all__ = ["load_claims", "parse_claims", "read_source"]

HEADER_KEYS = {"article", "article_sha256", "extracted_by", "claims"}
CLAIM_KEYS = {
    "id", "text", "quote", "line", "span", "date", "keywords", "sources", "skip",
    "verdict", "note", "removed", "extracted_hash", "suggested_sources",
}  # fmt: skip
DATE_KEYS = {"text", "start", "end", "precision", "qualifier"}


class _Locator:
    """Maps (claim index, field) to a line of the file; tomllib gives no positions."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.blocks = [
            i for i, line in enumerate(self.lines) if re.match(r"\s*\[\[\s*claims\s*\]\]", line)
        ]

    def line(self, index: int | None = None, key: str | None = None) -> int | None:
        if index is None:
            lo, hi = 0, self.blocks[0] if self.blocks else len(self.lines)
        elif index < len(self.blocks):
            lo = self.blocks[index]
            hi = self.blocks[index + 1] if index + 1 < len(self.blocks) else len(self.lines)
        else:
            return None
        if key is not None:
            pattern = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=")
            for i in range(lo, hi):
                if pattern.match(self.lines[i]):
                    return i + 1
        return lo + 1 if index is not None else None


@dataclass
class _Ctx:
    path: str
    where: _Locator
    index: int | None = None

    def fail(self, key: str | None, message: str, field: str | None = None) -> ClaimsFileError:
        label = field or key or ""
        if self.index is not None:
            label = f"claims[{self.index + 1}].{label}" if label else f"claims[{self.index + 1}]"
        return ClaimsFileError(
            message, path=self.path, line=self.where.line(self.index, key), field=label or None
        )


def _expect(ctx: _Ctx, key: str, value: object, kind: type | tuple[type, ...], name: str) -> None:
    if (
        isinstance(value, bool)
        and kind is not bool
        and bool not in (kind if isinstance(kind, tuple) else (kind,))
    ):
        raise ctx.fail(key, f"expected {name}, got a boolean")
    if not isinstance(value, kind):
        raise ctx.fail(key, f"expected {name}, got {type(value).__name__} {value!r}")


def _str_list(ctx: _Ctx, key: str, value: object) -> tuple[str, ...]:
    _expect(ctx, key, value, list, "an array of strings")
    assert isinstance(value, list)
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ctx.fail(key, f"expected non-empty strings, got {item!r}")
    return tuple(value)


def _iso(ctx: _Ctx, part: str, value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ctx.fail(
        "date", f"{part} must be an ISO date like 2024-06-01, got {value!r}", f"date.{part}"
    )


def _date(ctx: _Ctx, value: object) -> DateExpr:
    _expect(ctx, "date", value, dict, "a table like { start = ..., end = ..., precision = ... }")
    assert isinstance(value, dict)
    unknown = sorted(set(value) - DATE_KEYS)
    if unknown:
        raise ctx.fail(
            "date", f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(DATE_KEYS))})", "date"
        )
    for part in ("start", "end", "precision"):
        if part not in value:
            raise ctx.fail("date", "missing", f"date.{part}")
    start, end = _iso(ctx, "start", value["start"]), _iso(ctx, "end", value["end"])
    if end < start:
        raise ctx.fail("date", f"end {end} is before start {start}", "date.end")
    choices: dict[str, Callable[[str], Any]] = {"precision": Precision, "qualifier": Qualifier}
    parsed: dict[str, Any] = {}
    for part, enum in choices.items():
        raw = value.get(part, "")
        try:
            parsed[part] = enum(raw)
        except ValueError:
            allowed = ", ".join(repr(e.value) for e in enum)  # type: ignore[attr-defined]
            raise ctx.fail(
                "date", f"unknown {part} {raw!r} (allowed: {allowed})", f"date.{part}"
            ) from None
    text = value.get("text", "")
    _expect(ctx, "date", text, str, "a string for date.text")
    _same_range(ctx, str(text), start, end)
    return DateExpr(str(text), start, end, parsed["precision"], parsed["qualifier"])


def _same_range(ctx: _Ctx, text: str, start: dt.date, end: dt.date) -> None:
    """A date whose words name a range its start and end do not touch (an editor changed
    "March 2016" to "May 2016" and left the range) is refused: the check would judge the
    old date under the new words. A range that narrows or widens the words is an editor's
    fix ("June 2024" known to be 19 June) and is kept. Words that need a reference ("last
    year") are not read."""
    said = parse_date(text)
    if said is None or said.relative or said.start is None or said.end is None:
        return
    if said.end < start or end < said.start:
        raise ctx.fail(
            "date",
            f"its text {text!r} means {said.start}..{said.end}, but start and end say "
            f"{start}..{end}: change one to match the other",
            "date.text",
        )


def _claim(ctx: _Ctx, raw: object) -> Claim:
    _expect(ctx, "id", raw, dict, "a [[claims]] table")
    assert isinstance(raw, dict)
    unknown = sorted(set(raw) - CLAIM_KEYS)
    if unknown:
        raise ctx.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(CLAIM_KEYS))})")
    for key in ("id", "text"):
        if key not in raw:
            raise ctx.fail(None, "missing", key)
        _expect(ctx, key, raw[key], str, "a string")
        if not raw[key].strip():
            raise ctx.fail(key, "must not be empty")
    if not re.fullmatch(r"[\w.:-]+", raw["id"]):
        raise ctx.fail("id", f"{raw['id']!r}: use letters, digits and . _ : - only")
    for key in ("quote", "note", "extracted_hash"):
        if key in raw:
            _expect(ctx, key, raw[key], str, "a string")
    _check_limits(ctx, raw)
    for key in ("skip", "removed"):
        if key in raw:
            _expect(ctx, key, raw[key], bool, "true or false")
    if "line" in raw:
        _expect(ctx, "line", raw["line"], int, "a line number")
        if raw["line"] < 1:
            raise ctx.fail("line", f"must be 1 or more, got {raw['line']}")
    span = None
    if "span" in raw:
        value = raw["span"]
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
        )
        if not ok or value[1] < value[0]:
            raise ctx.fail("span", f"expected [start, end] character offsets, got {value!r}")
        span = (value[0], value[1])
    verdict = None
    if "verdict" in raw:
        try:
            verdict = Verdict(raw["verdict"])
        except ValueError:
            allowed = ", ".join(v.value for v in Verdict)
            raise ctx.fail(
                "verdict", f"unknown verdict {raw['verdict']!r} (allowed: {allowed})"
            ) from None
        if not str(raw.get("note", "")).strip():
            raise ctx.fail("verdict", "a manual verdict needs a note saying how it was established")
    date = _date(ctx, raw["date"]) if "date" in raw else parse_date(raw["text"])
    return Claim(
        id=raw["id"],
        text=raw["text"],
        quote=raw.get("quote"),
        line=raw.get("line"),
        span=span,
        date=date,
        keywords=_str_list(ctx, "keywords", raw["keywords"]) if "keywords" in raw else (),
        sources=_str_list(ctx, "sources", raw["sources"]) if "sources" in raw else (),
        suggested_sources=(
            _str_list(ctx, "suggested_sources", raw["suggested_sources"])
            if "suggested_sources" in raw
            else ()
        ),
        skip=raw.get("skip", False),
        verdict=verdict,
        note=raw.get("note"),
        removed=raw.get("removed", False),
    )


def _check_limits(ctx: _Ctx, raw: dict[str, Any]) -> None:
    """Refuse an over-long text, quote or note, and a source URL carrying credentials."""
    for key in ("text", "quote", "note"):
        problem = too_long(raw[key]) if isinstance(raw.get(key), str) else None
        if problem:
            raise ctx.fail(key, problem)
    for key in ("sources", "suggested_sources"):
        sources = raw.get(key)
        for source in sources if isinstance(sources, list) else ():
            problem = credentials_problem(source) if isinstance(source, str) else None
            if problem:
                raise ctx.fail(key, f"claim {raw['id']!r}: {problem}")


def parse_raw(source: str, path: str) -> tuple[dict[str, Any], ClaimsFile]:
    """Validate the text of a claims file; return its raw tables and the parsed file.

    Raises:
        ClaimsFileError: naming file, line and field of the first problem.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ClaimsFileError(
            f"invalid TOML: {message}", path=path, line=int(m.group(1)) if m else None
        ) from None
    ctx = _Ctx(path, _Locator(source))
    unknown = sorted(set(data) - HEADER_KEYS)
    if unknown:
        raise ctx.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(HEADER_KEYS))})")
    for key in ("article", "article_sha256", "extracted_by"):
        if key in data:
            _expect(ctx, key, data[key], str, "a string")
    raw_claims = data.get("claims", [])
    _expect(ctx, "claims", raw_claims, list, "an array of [[claims]] tables")
    claims: list[Claim] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_claims):
        ctx.index = i
        claim = _claim(ctx, raw)
        if claim.id in seen:
            raise ctx.fail("id", f"duplicate id {claim.id!r}")
        seen.add(claim.id)
        claims.append(claim)
    parsed = ClaimsFile(
        path=path,
        claims=tuple(claims),
        article=data.get("article"),
        article_sha256=data.get("article_sha256"),
        extracted_by=data.get("extracted_by"),
    )
    return data, parsed


def parse_claims(source: str, path: str) -> ClaimsFile:
    """Validate the text of a claims file; raise ClaimsFileError naming file, line, field."""
    return parse_raw(source, path)[1]


def read_source(path: str | Path) -> str:
    """The text of a claims file (a leading byte-order mark is dropped)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:  # keep CRLF as it is
            text = handle.read(MAX_FILE_CHARS + 1)
    except FileNotFoundError:
        raise ClaimsFileError("claims file not found", path=path) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ClaimsFileError(f"not UTF-8 text (byte {exc.start})", path=path, line=line) from None
    except IsADirectoryError:
        raise ClaimsFileError("is a folder, not a claims file", path=path) from None
    except OSError as exc:
        raise ClaimsFileError(f"cannot read claims file: {exc.strerror}", path=path) from None
    if len(text) > MAX_FILE_CHARS:
        raise ClaimsFileError(f"larger than {MAX_FILE_CHARS:,} characters", path=path)
    return text


def load_claims(path: str | Path) -> ClaimsFile:
    """Read and validate a claims file."""
    return parse_claims(read_source(path), str(path))
