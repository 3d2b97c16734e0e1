"""Writing a claims file, merging into an edited one without losing the editor's work.

The file is handled one ``[[claims]]`` block at a time: a block whose claim did not
change is kept byte for byte, comments and all; a block that changed is re-read with
tomlkit, edited and written back; new claims are rendered and slotted in article order.
Which vanished claim a new one continues is `carry`'s; the write itself is `atomic`'s.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import Table

from factcheck import __version__
from factcheck.claims import Article
from factcheck.claimsfile import carry
from factcheck.claimsfile.atomic import replace_atomically
from factcheck.claimsfile.render import (
    EDITABLE_KEYS,
    POSITION_KEYS,
    claim_fields,
    fingerprint,
    header_comment,
    plain,
    render_claim,
    toml_value,
    unedited,
)
from factcheck.claimsfile.schema import parse_raw, read_source
from factcheck.errors import ClaimsFileError
from factcheck.models import Claim

__all__ = ["MergeResult", "write_claims"]

_COUNTS = (
    "added", "kept", "moved", "refreshed", "carried", "removed", "restored", "suggested", "redated",
)  # fmt: skip
_BLOCK = re.compile(r"^[ \t]*\[\[[ \t]*claims[ \t]*\]\][ \t]*(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a write did to the claims file."""

    path: str
    added: int = 0
    kept: int = 0
    moved: int = 0  # same claim, new position in the article
    refreshed: int = 0  # unedited text, date or keywords re-extracted differently
    carried: int = 0  # a lightly edited sentence that kept its claim's id
    removed: int = 0
    restored: int = 0
    suggested: int = 0  # existing claims that got new suggested sources
    redated: int = 0  # new claims that took the sources of the claim whose date changed
    changed: bool = True

    @property
    def updated(self) -> int:
        """Existing claims whose fields this write changed."""
        return self.moved + self.refreshed + self.carried + self.restored


def _article_ref(article: Article) -> str:
    path = Path(article.path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _header_fields(article: Article) -> dict[str, str]:
    return {
        "article": _article_ref(article),
        "article_sha256": article.sha256,
        "extracted_by": f"factcheck {__version__}",
    }


def _new_file(article: Article, claims: list[Claim]) -> str:
    header = _header_fields(article)
    parts = [header_comment(header["article"])]
    parts += [f"{key} = {toml_value(value)}\n" for key, value in header.items()]
    parts += ["\n" + render_claim(claim_fields(claim)) for claim in claims]
    return "".join(parts)


# ---------------------------------------------------------------- merging


def _tomlkit_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        table = tomlkit.inline_table()
        table.update(value)
        return table
    return value


def _edit_block(
    block: str,
    changes: Mapping[str, Any],
    drop: tuple[str, ...] = (),
    note: list[str] | None = None,
) -> str:
    """Re-read one claim's block with tomlkit, change it, and write it back."""
    doc = tomlkit.parse(block)
    table = doc["claims"][0]
    assert isinstance(table, Table)
    for key, value in changes.items():
        old = table.get(key)
        if key == "suggested_sources" and isinstance(old, list) and value[: len(old)] == old:
            for item in value[len(old) :]:  # appended, keeping the editor's comments in it
                old.append(item)
        else:
            table[key] = _tomlkit_value(value)
    for key in drop:
        if key in table:
            del table[key]
    for line in note or []:
        table.add(tomlkit.comment(line))
    return tomlkit.dumps(doc)


def _with_old_sources(fields: Mapping[str, Any], raw: Mapping[str, Any]) -> str:
    """A new claim's block carrying the editor's sources (and edited keywords) of its old self."""
    carried = {**fields, "sources": list(raw.get("sources", []))}
    if "keywords" not in unedited(raw) and "keywords" in raw:
        carried["keywords"] = list(raw["keywords"])
        carried["extracted_hash"] = _rehash(raw, {k: carried.get(k) for k in EDITABLE_KEYS})
    old_date = (plain(raw.get("date")) or {}).get("text") or "its old date"
    new_date = (fields.get("date") or {}).get("text") or "a new date"
    comment = (
        f"# sources carried over from claim {raw['id']}: the article changed its date "
        f"from {toml_value(old_date)} to {toml_value(new_date)}\n"
    )
    block = render_claim(carried)
    at = block.index("\nsources = ") + 1
    return block[:at] + comment + block[at:]


def _new_suggestions(raw: Mapping[str, Any], fresh: Mapping[str, Any]) -> list[str]:
    """Suggested sources the claim has neither as a source nor as a suggestion yet."""
    known = {*raw.get("sources", []), *raw.get("suggested_sources", [])}
    return [s for s in fresh.get("suggested_sources", []) if s not in known]


def _update(block: str, raw: Mapping[str, Any], fresh: Mapping[str, Any]) -> tuple[str, str]:
    """Bring an existing claim's block up to date; return it and what kind of update it was."""
    changes = {k: fresh[k] for k in POSITION_KEYS if k in fresh and plain(raw.get(k)) != fresh[k]}
    if suggested := _new_suggestions(raw, fresh):  # added to the editor's list, never replacing
        changes["suggested_sources"] = [*raw.get("suggested_sources", []), *suggested]
    kind = "moved" if set(changes) & set(POSITION_KEYS) else "kept"
    untouched = unedited(raw)
    editable = {
        k: fresh[k] for k in EDITABLE_KEYS if k in untouched and plain(raw.get(k)) != fresh.get(k)
    }
    note: list[str] = []
    drop: tuple[str, ...] = ("removed",) if raw.get("removed") is True else ()
    if editable:
        stored = {k: raw.get(k) for k in EDITABLE_KEYS} | editable
        changes |= editable | {"extracted_hash": _rehash(raw, stored)}
        kind = "refreshed"
        if "date" in editable and "verdict" in raw:
            note, drop = _set_aside(raw, fresh), (*drop, "verdict", "note")
    if drop and "removed" in drop:
        kind = "restored"
    if not changes and not drop:
        return block, kind
    return _edit_block(block, changes, drop, note), kind


def _rehash(raw: Mapping[str, Any], stored: Mapping[str, Any]) -> str:
    """The fingerprint after a refresh: fields the editor changed keep their old hash."""
    old = str(raw.get("extracted_hash", "")).split("-")
    new = fingerprint(stored).split("-")
    keep = unedited(raw)
    return "-".join(n if k in keep else o for k, o, n in zip(EDITABLE_KEYS, old, new, strict=True))


def _set_aside(raw: Mapping[str, Any], fresh: Mapping[str, Any]) -> list[str]:
    """Comment out a manual verdict whose date just changed under it."""
    old, new = plain(raw.get("date")) or {}, fresh.get("date") or {}
    lines = [
        f"The article's date changed from {old.get('start')}..{old.get('end')} to "
        f"{new.get('start')}..{new.get('end')}: the verdict below was for the old one.",
        f"verdict = {toml_value(raw['verdict'])}",
    ]
    if "note" in raw:
        lines.append(f"note = {toml_value(raw['note'])}")
    return lines


def _split(source: str, raw_claims: list[Any], path: str) -> tuple[str, list[str]]:
    """The header and one text block per claim, checked against the parsed claims."""
    starts = [m.start() for m in _BLOCK.finditer(source)]
    header = source[: starts[0]] if starts else source
    blocks = [source[a:b] for a, b in itertools.pairwise([*starts, len(source)])]
    # One block per claim, each holding its claim's id: a "[[claims]]" line hidden in a
    # multi-line string would break the count or put an id in the wrong block.
    if len(blocks) != len(raw_claims) or not all(
        str(raw["id"]) in block for block, raw in zip(blocks, raw_claims, strict=False)
    ):
        line = next(
            (
                i + 1
                for i, text in enumerate(source.splitlines())
                if text.lstrip().startswith("claims")
            ),
            None,
        )
        raise ClaimsFileError(
            "re-extraction merges only into files that write each claim as a [[claims]] table",
            path=path,
            line=line,
            field="claims",
        )
    return header, blocks


def _new_header(header: str, article: Article) -> str:
    doc = tomlkit.parse(header)
    for key, value in _header_fields(article).items():
        doc[key] = value
    if "claims" in doc:  # "claims = []": the [[claims]] tables that follow replace it
        del doc["claims"]
    return tomlkit.dumps(doc)


def _join(parts: list[str]) -> str:
    """Concatenate blocks, keeping one blank line before every [[claims]]."""
    out: list[str] = []
    tail = ""  # the last two characters written so far
    for part in parts:
        if part.startswith("[[") and tail and tail != "\n\n":
            gap = "\n" if tail.endswith("\n") else "\n\n"
            out.append(gap)
            tail = (tail + gap)[-2:]
        out.append(part)
        tail = (tail + part)[-2:]
    return "".join(out)


def _check_article(data: Mapping[str, Any], article: Article, path: str, source: str) -> None:
    """Refuse to merge one article's claims into another article's file."""
    recorded = data.get("article")
    if recorded and recorded != _article_ref(article):
        line = next(
            (i + 1 for i, t in enumerate(source.splitlines()) if t.startswith("article")), None
        )
        raise ClaimsFileError(
            f"this file holds the claims of {recorded}, not of {_article_ref(article)}; "
            "write them elsewhere with -o, or correct its article line if the article moved",
            path=path,
            line=line,
            field="article",
        )


def _merge(
    source: str, article: Article, claims: list[Claim], path: str
) -> tuple[str, MergeResult]:
    data, _ = parse_raw(source, path)  # refuse to merge into a file that does not validate
    _check_article(data, article, path, source)
    raw_claims: list[dict[str, Any]] = data.get("claims", [])
    header, blocks = _split(source, raw_claims, path)
    fresh = {c.id: claim_fields(c) for c in claims}
    owner = {i: str(raw["id"]) for i, raw in enumerate(raw_claims) if raw["id"] in fresh}
    # Only claims extraction wrote can vanish; the editor's own claims are never removed.
    vanished: dict[int, Mapping[str, Any]] = {
        i: raw for i, raw in enumerate(raw_claims) if i not in owner and "extracted_hash" in raw
    }
    counts = dict.fromkeys(_COUNTS, 0)
    block_of: dict[str, int] = {cid: i for i, cid in owner.items()}
    for claim in claims:
        if (
            claim.id not in block_of
            and (i := carry.closest(claim, vanished, article.published)) is not None
        ):
            del vanished[i]
            owner[i], block_of[claim.id] = claim.id, i
    out = list(blocks)
    for i, cid in owner.items():
        fields = {**fresh[cid], "id": raw_claims[i]["id"]}
        counts["suggested"] += bool(_new_suggestions(raw_claims[i], fields))
        out[i], kind = _update(blocks[i], raw_claims[i], fields)
        carried = raw_claims[i]["id"] != cid
        counts["carried" if carried and kind != "kept" else kind] += 1
    removed_now = {i: raw for i, raw in vanished.items() if raw.get("removed") is not True}
    for i, raw in vanished.items():
        if raw.get("removed") is not True:  # its line and span now point at other words
            out[i] = _edit_block(blocks[i], {"removed": True}, drop=("line", "span"))
            counts["removed"] += 1
    # A claim whose date the article changed is a new claim, but the editor's sources
    # still bear on it (they may now dispute it): carry them over, saying so.
    redated = {
        claim.id: i
        for claim in claims
        if claim.id not in block_of
        and (i := carry.redated(claim, removed_now, article.published)) is not None
    }
    inserts: dict[int, list[str]] = {}
    # New claims go after the claim they follow in the article; those before every known
    # claim go just before the first one, and with no known claim at all, at the end.
    anchor = min(block_of.values()) - 1 if block_of else len(blocks) - 1
    for claim in claims:
        if claim.id in block_of:
            anchor = block_of[claim.id]
        elif claim.id in redated:
            old = raw_claims[redated[claim.id]]
            inserts.setdefault(anchor, []).append(_with_old_sources(fresh[claim.id], old))
            counts["added"] += 1
            counts["redated"] += 1
        else:
            inserts.setdefault(anchor, []).append(render_claim(fresh[claim.id]))
            counts["added"] += 1
    parts = [_new_header(header, article), *inserts.get(-1, [])]
    for i, block in enumerate(out):
        parts += [block, *inserts.get(i, [])]
    result = MergeResult(
        path,
        added=counts["added"],
        kept=counts["kept"],
        moved=counts["moved"],
        refreshed=counts["refreshed"],
        carried=counts["carried"],
        removed=counts["removed"],
        restored=counts["restored"],
        suggested=counts["suggested"],
        redated=counts["redated"],
    )
    return _join(parts), result


def write_claims(path: str | Path, article: Article, claims: list[Claim]) -> MergeResult:
    """Write claims to ``path``, merging into the file if it already exists.

    Existing claims keep everything an editor wrote. Their quote, line and span follow
    the article; their text, date and keywords too, each as long as nobody edited it.
    Claims extraction wrote that the article no longer has get ``removed = true``;
    hand-written claims are left alone. Nothing is written when nothing changed or when
    the existing file does not validate (or belongs to another article), and the file
    is replaced atomically with its permissions and line endings.
    """
    target = Path(path)
    if target.is_dir():
        raise ClaimsFileError("is a folder, not a claims file", path=path)
    if target.exists():
        source: str | None = read_source(target)
        assert source is not None
        rendered, result = _merge(source.replace("\r\n", "\n"), article, claims, str(path))
        if "\r\n" in source:
            rendered = rendered.replace("\n", "\r\n")
    else:
        source = None
        rendered, result = _new_file(article, claims), MergeResult(str(path), added=len(claims))
    if rendered == source:
        return dataclasses.replace(result, changed=False)
    parse_raw(rendered, str(path))  # never write what could not be read back
    replace_atomically(target, rendered)
    return result
