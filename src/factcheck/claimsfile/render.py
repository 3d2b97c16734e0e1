"""Writing claims as TOML text: fast, deterministic, and fingerprinted.

New claims are rendered here rather than through tomlkit, which builds documents
item by item and took 12 s for ten thousand claims. ``extracted_hash`` fingerprints
what extraction wrote (text, date, keywords), so a later merge can tell a claim an
editor changed from one only extraction ever touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from factcheck.models import Claim

__all__ = [
    "claim_fields",
    "fingerprint",
    "header_comment",
    "plain",
    "render_claim",
    "toml_value",
    "unedited",
]

# Fields extraction owns outright: they follow the article on every merge.
POSITION_KEYS = ("quote", "line", "span")
# Fields extraction wrote but an editor may correct: refreshed only while unedited.
EDITABLE_KEYS = ("text", "date", "keywords")
FIELD_ORDER = (
    "id",
    "text",
    "quote",
    "line",
    "span",
    "date",
    "keywords",
    "sources",
    "suggested_sources",
)


def toml_value(value: Any) -> str:
    """One TOML value: strings, integers, booleans, arrays and inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string, but for DEL, which TOML wants escaped.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def claim_fields(claim: Claim) -> dict[str, Any]:
    """The fields extraction writes for a claim, as plain TOML-ready values."""
    fields: dict[str, Any] = {"id": claim.id, "text": claim.text}
    if claim.quote is not None:
        fields["quote"] = claim.quote
    if claim.line is not None:
        fields["line"] = claim.line
    if claim.span is not None:
        fields["span"] = list(claim.span)
    date = claim.date
    if date is not None and date.start is not None and date.end is not None:
        fields["date"] = {
            "text": date.text,
            "start": date.start.isoformat(),
            "end": date.end.isoformat(),
            "precision": date.precision.value,
            "qualifier": date.qualifier.value,
        }
    fields["keywords"] = list(claim.keywords)
    fields["sources"] = []
    if claim.suggested_sources:  # found by search; an editor accepts one by moving it to sources
        fields["suggested_sources"] = list(claim.suggested_sources)
    fields["extracted_hash"] = fingerprint(fields)
    return fields


def plain(value: Any) -> Any:
    """A TOML value with dates turned into ISO strings, for comparisons."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def field_hash(value: Any) -> str:
    """Six hex digits of one field's canonical JSON."""
    canonical = json.dumps(plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:6]


def fingerprint(fields: Mapping[str, Any]) -> str:
    """Hashes of the editable fields as they stand: "text-date-keywords", six hex each."""
    return "-".join(field_hash(fields.get(key)) for key in EDITABLE_KEYS)


def unedited(raw: Mapping[str, Any]) -> set[str]:
    """The editable fields of a stored claim that still hold what extraction wrote."""
    stored = str(raw.get("extracted_hash", "")).split("-")
    if len(stored) != len(EDITABLE_KEYS):
        return set()  # hand-written, or a fingerprint we cannot read: all the editor's
    return {k for k, h in zip(EDITABLE_KEYS, stored, strict=True) if field_hash(raw.get(k)) == h}


def render_claim(fields: Mapping[str, Any]) -> str:
    """A ``[[claims]]`` table, fields in the usual order."""
    keys = [k for k in FIELD_ORDER if k in fields] + [k for k in fields if k not in FIELD_ORDER]
    return "[[claims]]\n" + "".join(f"{k} = {toml_value(fields[k])}\n" for k in keys)


def header_comment(article_ref: str) -> str:
    """The comment that opens a new claims file."""
    return (
        f"# Claims from {article_ref}: review each one before checking.\n"
        '# Add sources = ["https://…"] (URLs or local files); fix wording or dates;\n'
        '# set skip = true to drop a claim; verdict = "supported|disputed|unverified"\n'
        '# records a manual verdict and needs a note = "how it was established".\n'
        "# extracted_hash lets re-extraction tell your edits from its own: leave it be.\n"
    )
