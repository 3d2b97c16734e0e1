"""Terminal renderers. Untrusted text (article, page, quote) never reaches rich as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.models import Claim

__all__ = ["render_extraction"]


def _date_cell(claim: Claim) -> Text:
    date = claim.date
    if date is None or date.start is None or date.end is None:
        return Text("undated", style="dim")
    qualifier = f"{date.qualifier.value} " if date.qualifier.value else ""
    span = date.start.isoformat()
    if date.end != date.start:
        span += f"..{date.end.isoformat()}"
    cell = Text(qualifier + date.text, style="bold")
    cell.append(f"\n{span} ({date.precision.value})", style="dim")
    return cell


def render_extraction(claims: Sequence[Claim], console: Console, *, limit: int = 100) -> None:
    """Print the claims an extraction found: line, id, date and quote (the first ``limit``)."""
    if not claims:
        console.print(Text("No dated claims found."))
        return
    shown, rest = claims[:limit], len(claims) - limit
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=False)
    table.add_column("line", justify="right", style="dim", no_wrap=True)
    table.add_column("claim", overflow="fold", ratio=3)
    table.add_column("date", ratio=1, min_width=16)
    for claim in shown:
        cell = Text(claim.id, style="cyan")
        cell.append("\n")
        cell.append(claim.quote or claim.text)
        table.add_row(str(claim.line or ""), cell, _date_cell(claim))
    console.print(table)
    if rest > 0:
        console.print(Text(f"… and {rest:,} more in the claims file.", style="dim"))
