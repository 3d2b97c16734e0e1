"""The claims file: TOML an editor reads, amends and commits.

Read with ``tomllib`` and validated field by field (errors name file, line and field);
written with tomlkit so that re-extraction merges into an edited file without losing
the editor's sources, verdicts, notes, ``skip`` flags or comments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, InlineTable, Table

from factcheck import __version__
from factcheck.claims import Article
from factcheck.dates import parse_date
from factcheck.errors import ClaimsFileError
from factcheck.models import Claim, ClaimsFile, DateExpr, Precision, Qualifier, Verdict

__all__ = ["MergeResult", "load_claims", "write_claims"]

HEADER_KEYS = {"article", "article_sha256", "extracted_by", "claims"}
CLAIM_KEYS = {
    "id", "text", "quote", "line", "span", "date", "keywords", "sources", "skip",
    "verdict", "note", "removed",
}  # fmt: skip
DATE_KEYS = {"text", "start", "end", "precision", "qualifier"}
# Fields extraction owns: refreshed on every merge. Everything else is the editor's.
MACHINE_KEYS = ("quote", "line", "span")
CARRY_OVER_RATIO = 0.85


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
    return DateExpr(str(text), start, end, parsed["precision"], parsed["qualifier"])


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
    for key in ("quote", "note"):
        if key in raw:
            _expect(ctx, key, raw[key], str, "a string")
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
        skip=raw.get("skip", False),
        verdict=verdict,
        note=raw.get("note"),
        removed=raw.get("removed", False),
    )


def parse_claims(source: str, path: str) -> ClaimsFile:
    """Validate the text of a claims file; raise ClaimsFileError naming file, line, field."""
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
    return ClaimsFile(
        path=path,
        claims=tuple(claims),
        article=data.get("article"),
        article_sha256=data.get("article_sha256"),
        extracted_by=data.get("extracted_by"),
    )


def load_claims(path: str | Path) -> ClaimsFile:
    """Read and validate a claims file."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClaimsFileError("claims file not found", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimsFileError(f"cannot read claims file: {exc}", path=path) from None
    return parse_claims(source, str(path))


# ---------------------------------------------------------------- writing and merging


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a write did to the claims file."""

    path: str
    added: int = 0
    kept: int = 0
    moved: int = 0
    carried: int = 0
    removed: int = 0
    restored: int = 0
    changed: bool = True

    @property
    def total(self) -> int:
        """Claims in the file that the article still contains."""
        return self.added + self.kept + self.moved + self.carried + self.restored


def _date_table(date: DateExpr) -> InlineTable:
    table = tomlkit.inline_table()
    table.update(
        {
            "text": date.text,
            "start": date.start.isoformat() if date.start else "",
            "end": date.end.isoformat() if date.end else "",
            "precision": date.precision.value,
            "qualifier": date.qualifier.value,
        }
    )
    return table


def _claim_table(claim: Claim) -> Table:
    table = tomlkit.table()
    table["id"] = claim.id
    table["text"] = claim.text
    if claim.quote is not None:
        table["quote"] = claim.quote
    if claim.line is not None:
        table["line"] = claim.line
    if claim.span is not None:
        table["span"] = list(claim.span)
    if claim.date is not None and claim.date.resolved:
        table["date"] = _date_table(claim.date)
    table["keywords"] = list(claim.keywords)
    table["sources"] = tomlkit.array()
    return table


def _header(doc: tomlkit.TOMLDocument, article: Article, article_ref: str) -> None:
    doc["article"] = article_ref
    doc["article_sha256"] = article.sha256
    doc["extracted_by"] = f"factcheck {__version__}"


def _new_document(article: Article, article_ref: str, claims: list[Claim]) -> tomlkit.TOMLDocument:
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Claims from {article_ref}: review each one before checking."))
    doc.add(
        tomlkit.comment('Add sources = ["https://…"] (URLs or local files); fix wording or dates;')
    )
    doc.add(
        tomlkit.comment(
            'set skip = true to drop a claim; verdict = "supported|disputed|unverified"'
        )
    )
    doc.add(
        tomlkit.comment('records a manual verdict and needs a note = "how it was established".')
    )
    _header(doc, article, article_ref)
    aot = tomlkit.aot()
    for claim in claims:
        aot.append(_claim_table(claim))
    if claims:
        doc.add(tomlkit.nl())
        doc["claims"] = aot
    return doc


def _refresh(table: Table, claim: Claim) -> bool:
    """Update the machine-owned fields of an existing claim; True if any changed."""
    fresh = _claim_table(claim)
    changed = False
    for key in MACHINE_KEYS:
        if key in fresh and table.get(key) != fresh[key]:
            table[key] = fresh[key]
            changed = True
    return changed


def _closest(claim: Claim, vanished: Mapping[str, Table]) -> str | None:
    """The vanished claim whose quote this one is a light edit of, if any."""
    best, best_ratio = None, CARRY_OVER_RATIO
    for old_id, table in vanished.items():
        matcher = difflib.SequenceMatcher(None, str(table.get("quote", "")), claim.quote or "")
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = old_id, ratio
    return best


def _merge(doc: tomlkit.TOMLDocument, claims: list[Claim], path: str) -> MergeResult:
    aot = doc.get("claims")
    if aot is None:
        aot = tomlkit.aot()
        doc["claims"] = aot
    assert isinstance(aot, AoT)
    existing: dict[str, Table] = {str(t["id"]): t for t in aot}
    fresh_ids = {c.id for c in claims}
    vanished = {i: t for i, t in existing.items() if i not in fresh_ids and "quote" in t}
    counts = dict.fromkeys(("added", "kept", "moved", "carried", "removed", "restored"), 0)
    for claim in claims:
        table = existing.get(claim.id)
        key = "kept"
        if table is None and (old := _closest(claim, vanished)) is not None:
            table, key = vanished.pop(old), "carried"
        if table is None:
            aot.append(_claim_table(claim))
            counts["added"] += 1
            continue
        if table.get("removed") is True:
            del table["removed"]
            key = "restored"
        if _refresh(table, claim) and key == "kept":
            key = "moved"
        counts[key] += 1
    for table in vanished.values():
        if table.get("removed") is not True:
            table["removed"] = True
            counts["removed"] += 1
    return MergeResult(
        path=path, added=counts["added"], kept=counts["kept"], moved=counts["moved"],
        carried=counts["carried"], removed=counts["removed"], restored=counts["restored"],
    )  # fmt: skip


def _article_ref(article: Article) -> str:
    p = Path(article.path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.resolve().as_posix()


def write_claims(path: str | Path, article: Article, claims: list[Claim]) -> MergeResult:
    """Write claims to ``path``, merging into the file if it already exists.

    Existing claims keep everything an editor wrote; only their quote, line and span
    follow the article. Claims the article no longer contains get ``removed = true``.
    The file is replaced atomically, and left untouched when nothing changed or when
    the existing file does not validate.
    """
    target = Path(path)
    article_ref = _article_ref(article)
    if target.exists():
        source = target.read_text(encoding="utf-8")
        parse_claims(source, str(path))  # refuse to merge into a malformed file
        doc = tomlkit.parse(source)
        _header(doc, article, article_ref)
        result = _merge(doc, claims, str(path))
    else:
        source = None
        doc = _new_document(article, article_ref, claims)
        result = MergeResult(path=str(path), added=len(claims))
    rendered = tomlkit.dumps(doc)
    parse_claims(rendered, str(path))  # never write what we could not read back
    if rendered == source:
        return dataclasses.replace(result, changed=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(rendered)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)  # a no-op once the replace has happened
    return result
