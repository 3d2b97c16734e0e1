"""Terminal renderers. Untrusted text (article, page, quote) never reaches rich as markup."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from factcheck.models import Claim

__all__ = ["render_extraction"]


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
