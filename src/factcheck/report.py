"""Terminal renderers. Untrusted text (article, page, quote) never reaches rich as markup."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from factcheck.models import Claim, SourceRead

__all__ = ["render_extraction", "render_sources", "source_json"]


def _date_line(claim: Claim) -> str:
    date = claim.date
    if date is None or date.start is None or date.end is None:
        return "undated"
    qualifier = f"{date.qualifier.value} " if date.qualifier.value else ""
    span = date.start.isoformat()
    if date.end != date.start:
        span += f"..{date.end.isoformat()}"
    return f"{qualifier}{date.text} = {span} ({date.precision.value})"


def _field(console: Console, label: str, value: str, width: int, style: str = "") -> None:
    """A labelled, wrapped, indented field; wrapped here so no line carries padding."""
    lines = textwrap.wrap(value, width) or [""]
    for i, line in enumerate(lines):
        row = Text(f"  {label:<6} " if i == 0 else " " * 9, style="dim")
        row.append(line, style=style)
        console.print(row, soft_wrap=True)


def render_extraction(claims: Sequence[Claim], console: Console, *, limit: int = 100) -> None:
    """Print claims as an editor reads them: id and line, then date and quote, indented.

    Plain lines with no padding, so the output reads the same at 80 columns, in a pipe
    and in a log. Only the first ``limit`` are shown; the file holds them all.
    """
    if not claims:
        console.print(Text("No dated claims found."))
        return
    width = max(30, min(console.width, 100) - 9)
    for claim in claims[:limit]:
        head = Text(claim.id, style="bold cyan")
        if claim.line is not None:
            head.append(f"  line {claim.line}", style="dim")
        if claim.skip:
            head.append("  skipped", style="yellow")
        console.print(head, soft_wrap=True)
        _field(console, "date", _date_line(claim), width, style="bold")
        _field(console, "quote", claim.quote or claim.text, width)
    rest = len(claims) - limit
    if rest > 0:
        console.print(Text(f"… and {rest:,} more in the claims file.", style="dim"))


def _how(read: SourceRead) -> str:
    fetched = read.fetched
    parts = [fetched.outcome.value]
    if fetched.status is not None:
        parts.append(str(fetched.status))
    if fetched.revalidated:
        parts.append("(cached copy confirmed by a 304)")
    elif fetched.from_cache:
        parts.append("(from the cache)")
    return " ".join(parts)


def render_sources(reads: dict[str, SourceRead], console: Console) -> None:
    """Print what fetching and reading each source gave: outcome, final URL, text."""
    width = max(30, min(console.width, 100) - 9)
    for source, read in reads.items():
        fetched = read.fetched
        head = Text(source, style="bold cyan")
        head.append("  ")
        head.append(_how(read), style="green" if fetched.ok else "red")
        console.print(head, soft_wrap=True)
        if fetched.final_url != source:
            _field(console, "final", fetched.final_url, width)
        if fetched.reason:
            _field(console, "reason", fetched.reason, width, style="red")
        text = read.text
        if text is None:
            continue
        if text.title:
            _field(console, "title", text.title, width)
        if text.published:
            _field(console, "date", text.published.isoformat(), width)
        if text.error:
            _field(console, "text", text.error, width, style="red")
            continue
        paragraphs = [p for p in text.text.split("\n\n") if p.strip()]
        size = f"{len(text.text):,} characters in {len(paragraphs)} paragraphs, sha256 {text.sha256[:12]}"
        _field(console, "text", size, width)
        _field(console, "opens", paragraphs[0][:200] if paragraphs else "", width)


def source_json(reads: dict[str, SourceRead]) -> list[dict[str, object]]:
    """The same, as plain data for ``--json``."""
    out: list[dict[str, object]] = []
    for source, read in reads.items():
        f, t = read.fetched, read.text
        out.append({
            "source": source, "final_url": f.final_url, "outcome": f.outcome.value,
            "reason": f.reason or None, "status": f.status, "from_cache": f.from_cache,
            "revalidated": f.revalidated,
            "fetched_at": f.fetched_at.isoformat() if f.fetched_at else None,
            "sha256": f.sha256, "etag": f.etag, "last_modified": f.last_modified,
            "title": t.title if t else None,
            "published": t.published.isoformat() if t and t.published else None,
            "text_error": t.error if t else None, "text": t.text if t else None,
        })  # fmt: skip
    return out
