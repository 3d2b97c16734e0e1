"""Terminal renderers (rich): extract, fetch, check, report and recheck as a person reads them.

Untrusted text (article, page, quote) never reaches rich as markup.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.style import Style
from rich.text import Text

from factcheck.dates import format_span
from factcheck.models import (
    Citation,
    Claim,
    ClaimResult,
    RecheckSummary,
    ReportItem,
    SourceCheck,
    SourceState,
    VerdictChange,
)
from factcheck.report.citing import date_spans, decisive, found_how, link_target
from factcheck.report.data import Report

if TYPE_CHECKING:
    from factcheck.models import SourceRead  # fetch's: a report loads no fetch models

__all__ = ["render_check", "render_extraction", "render_recheck", "render_report", "render_sources"]

VERDICT_STYLE = {"supported": "bold green", "disputed": "bold red", "unverified": "bold yellow"}
DATE_STYLE = "bold reverse"  # the date a quote's verdict rests on


def _date_line(claim: Claim) -> str:
    date = claim.date
    if date is None or date.start is None or date.end is None:
        return "undated"
    qualifier = f"{date.qualifier.value} " if date.qualifier.value else ""
    return f"{qualifier}{date.text} = {format_span(date)} ({date.precision.value})"


def _field(console: Console, label: str, value: str, width: int, style: str = "") -> None:
    """A labelled, wrapped, indented field; wrapped here so no line carries padding.

    The value is untrusted: control and bidi characters are shown as escapes.
    """
    lines = textwrap.wrap(_safe(value), width) or [""]
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
        title = " ".join((text.title or "").split())
        body = [p for p in paragraphs if " ".join(p.split()) != title]
        _field(console, "opens", body[0][:200] if body else "", width)  # the title is shown above


def render_check(
    results: Sequence[tuple[str, ClaimResult]], counts: dict[str, int], console: Console
) -> None:
    """The short report of a check run: verdict, claim, reason and the decisive quote."""
    width = max(30, min(console.width, 100) - 9)
    for _, result in results:
        claim = result.claim
        head = Text(f"{result.verdict.value:<10}", style=VERDICT_STYLE[result.verdict.value])
        head.append(f" {claim.id}", style="bold cyan")
        if result.manual:
            head.append("  (manual)", style="dim")
        console.print(head, soft_wrap=True)
        if claim.date is not None and claim.date.resolved:
            _field(console, "date", _date_line(claim), width)
        _field(console, "claim", claim.text, width)
        _field(console, "why", result.reason, width)
        citation = decisive(result)
        if citation is not None and citation.quote:
            rows = _decisive_rows(console, citation, width)
            console.print(Text("\n").join(rows), soft_wrap=True)
    shown = [f"{n} {what}" for what, n in counts.items() if n or what != "skipped"]
    console.print(Text(", ".join(shown), style="bold"), soft_wrap=True)


# ------------------------------------------------------------------ factcheck report

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _safe(text: str) -> str:
    """Untrusted text on one line, with control and bidi characters shown as escapes."""
    text = " ".join(text.split())
    return _UNSAFE.sub(
        lambda m: f"\\u{ord(m[0]):04x}" if ord(m[0]) > 0xFF else f"\\x{ord(m[0]):02x}", text
    )


def _highlighted(quote: str, found_date: str | None) -> Text:
    """The quote in curly quotes, the date the verdict rests on highlighted."""
    text = Text("“" + quote + "”")
    for start, end in date_spans(quote, found_date):
        text.stylize(DATE_STYLE, 1 + start, 1 + end)
    return text


def _wrapped(console: Console, label: str, value: Text, width: int) -> list[Text]:
    """A labelled field wrapped by rich (cell widths, styles kept), no trailing spaces."""
    rows = []
    for i, line in enumerate(value.wrap(console, width, overflow="fold") or [Text()]):
        row = Text()
        row.append(f"  {label:<6} " if i == 0 else " " * 9, style="dim")
        line.rstrip()
        rows.append(row.append_text(line))
    return rows


def _plain(console: Console, label: str, value: str, width: int, style: str = "") -> list[Text]:
    return _wrapped(console, label, Text(_safe(value), style=style), width)


def _source_line(citation: Citation) -> str:
    parts = []
    if citation.fetched_at is not None:
        parts.append(f"fetched {citation.fetched_at.date().isoformat()}")
    parts.append(citation.stance.value)
    return ", ".join(parts) + _safe(found_how(citation))


def _url(citation: Citation, label: str = "") -> Text:
    """The source's full address on one line, never wrapped, so it can be copied whole.

    A web address is also a terminal hyperlink where the terminal supports one.
    """
    url = _safe(citation.final_url or citation.source)
    row = Text(f"  {label:<6} " if label else " " * 9, style="dim")
    target = link_target(url)
    return row.append(url, style=Style(underline=True, link=target) if target else "underline")


def _decisive_rows(console: Console, citation: Citation, width: int) -> list[Text]:
    """The decisive quote with its date highlighted, then the source's address and stance."""
    quote = _highlighted(_safe(citation.quote), citation.found_date)
    rows = _wrapped(console, "quote", quote, width)
    rows.append(_url(citation, "source"))
    return rows + _plain(console, "", _source_line(citation), width, style="dim")


def _verbose(console: Console, citations: Sequence[Citation], width: int) -> list[Text]:
    """Every citation: stance, score, date found, quote, final URL, fetch and sha256."""
    rows = []
    for n, c in enumerate(citations, 1):
        head = f"{c.stance.value}, score {c.score:g}"
        if c.found_date:
            head += f", date {c.found_date}"
        rows += _plain(console, f"[{n}]", head, width, style="bold")
        if c.quote:
            rows += _wrapped(console, "", _highlighted(_safe(c.quote), c.found_date), width)
        rows.append(_url(c))  # never broken, so that it stays clickable
        fetched = [f"fetched {c.fetched_at.isoformat()}" if c.fetched_at else "not fetched"]
        fetched += [f"HTTP {c.status}"] if c.status is not None else []
        fetched += [f"sha256 {c.sha256}"] if c.sha256 else []
        rows += _plain(console, "", ", ".join(fetched), width, style="dim")
        if c.reason:
            rows += _plain(console, "", c.reason, width)
        if c.query:
            rows += _plain(console, "", f"found by {c.found_by} with the query {c.query}", width)
    return rows


def _item_head(item: ReportItem) -> Text:
    result = item.result
    head = Text(f"{result.verdict.value:<10}", style=VERDICT_STYLE[result.verdict.value])
    head.append(" ")
    head.append(_safe(result.claim.id), style="bold cyan")
    if result.manual:
        head.append("  (manual)", style="dim")
    if item.changed and item.previous is not None:
        since = f" on {item.changed_at[:10]}" if item.changed_at else ""
        head.append(f"  * changed{since}, was {item.previous.value}", style="bold magenta")
    return head


def _item_rows(console: Console, item: ReportItem, width: int, verbose: bool) -> list[Text]:
    """The lines of one claim's block."""
    result, claim = item.result, item.result.claim
    rows = list(_item_head(item).wrap(console, width + 9))
    if claim.date is not None and claim.date.resolved:
        rows += _plain(console, "date", _date_line(claim), width)
    rows += _plain(console, "claim", claim.text, width)
    rows += _plain(console, "why", result.reason, width)
    if verbose:
        return rows + _verbose(console, result.citations, width)
    citation = decisive(result)
    if citation is not None and citation.quote:
        rows += _decisive_rows(console, citation, width)
    return rows


def render_report(report: Report, console: Console, *, verbose: bool = False) -> None:
    """The reviewer's report: claims grouped by claims file, verdicts, quotes, changes.

    Plain labelled lines wrapped to the console (at most 100 columns), so it reads the
    same at 80 columns and in a pipe; colour only where the console supports it.
    """
    width = max(30, min(console.width, 100) - 9)
    file = None
    for item in report.items:
        rows = []
        if item.file != file:
            file = item.file
            rows.append(Text(_safe(file), style="bold underline"))
        rows += _item_rows(console, item, width, verbose)
        console.print(Text("\n").join([*rows, Text()]), soft_wrap=True)  # one write per claim
    counts = ", ".join(f"{n} {verdict}" for verdict, n in report.counts.items())
    foot = Text(f"{len(report.items)} claims: {counts}", style="bold")
    if report.changed:
        foot.append(f"; {report.changed} changed", style="bold magenta")
    console.print(foot)
    console.print(Text(f"as of run {report.run_id}, started {report.run_started}", style="dim"))


# ------------------------------------------------------------------ factcheck recheck

_NOTABLE = (  # source states worth a line, most urgent first; the others are only counted
    SourceState.DEAD, SourceState.SOFT_404, SourceState.CHANGED, SourceState.BLOCKED,
    SourceState.FAILING,
)  # fmt: skip


def _change_rows(console: Console, change: VerdictChange, width: int) -> list[Text]:
    alarming = change.kind != "better"
    head = Text(f"{change.kind}  ", style="bold red" if alarming else "bold green")
    head.append(change.before.value, style=VERDICT_STYLE[change.before.value])
    head.append(" → ")
    head.append(change.after.value, style=VERDICT_STYLE[change.after.value])
    head.append(f"  {_safe(change.file)}  {_safe(change.claim_id)}")
    rows = [head, *_plain(console, "claim", change.text, width)]
    return rows + _plain(console, "why", change.reason, width)


def _source_rows(console: Console, check: SourceCheck, width: int) -> list[Text]:
    label = "died" if check.newly_dead else check.state.value
    head = Text(f"{label:<8}", style="bold red" if check.newly_dead else "bold")
    head.append(_safe(check.url))
    rows = [head, *_plain(console, "what", check.detail, width)]
    if check.archived is not None:
        when = f" of {check.archived.datetime}" if check.archived.datetime else ""
        rows += _plain(console, "copy", f"archived copy{when}: {check.archived.url}", width)
    for file, claim_id, quote, state in check.cited:
        if state.value != "present":
            rows += _plain(console, state.value, f"{file} {claim_id}: “{quote}”", width)
    return rows


def render_recheck(summary: RecheckSummary, console: Console) -> None:
    """Print what a re-check found: verdicts that moved, sources that died or changed."""
    width = min(console.width, 100) - 9
    counts = summary.counts
    states = ", ".join(f"{counts[s.value]} {s.value}" for s in SourceState if counts[s.value])
    head = Text(
        f"recheck run {summary.run_id}: {len(summary.sources)} sources ({states or 'none'}); "
        f"{summary.claims} claims, {summary.verified} verified again",
        style="bold",
    )
    console.print(head, soft_wrap=True)
    rows: list[Text] = []
    for change in [*summary.worse, *summary.evidence_lost, *summary.better]:
        rows += [Text(), *_change_rows(console, change, width)]
    order = sorted(
        (c for c in summary.sources if c.state in _NOTABLE),
        key=lambda c: (not c.newly_dead, _NOTABLE.index(c.state), c.url),
    )
    for check in order:
        rows += [Text(), *_source_rows(console, check, width)]
    for row in rows:
        console.print(row, soft_wrap=True)
    foot = (
        f"{len(summary.worse)} worse, {len(summary.evidence_lost)} evidence lost, "
        f"{len(summary.better)} better, {len(summary.died)} newly dead; "
        f"{summary.requests} requests"
    )
    console.print(Text(foot, style="bold red" if summary.failed else "bold"), soft_wrap=True)
