"""``report --format markdown``: a table with footnoted quotes, for a CMS or a pull request.

Quotes, claims and reasons come from articles and fetched pages, so they are hostile:
they are escaped so they cannot break the table, open a link or carry HTML.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from factcheck.models import Citation, ClaimResult, ReportItem
from factcheck.report.citing import CONTROL, decisive, found_how, where
from factcheck.report.data import Report

__all__ = ["markdown_escape", "report_markdown"]

_MARKDOWN = re.compile(r"([\\`*_\[\]|~#!])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# what GitHub-style Markdown turns into a link by itself: break it with an escape
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto|file):|\bwww\.|@")


def markdown_escape(text: str) -> str:
    """Untrusted text as one line of literal Markdown: no table break, link, HTML or code."""
    text = CONTROL.sub("", " ".join(text.split()))
    text = re.sub(r"[&<>]", lambda m: _HTML[m[0]], text)
    text = _MARKDOWN.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)


def _link(citation: Citation) -> str:
    """The source as a Markdown link when it is a web address; as escaped text otherwise."""
    url = citation.final_url or citation.source
    label = markdown_escape(where(citation))
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return label
    safe = quote(url, safe=":/?#@!$&'()*+,;=%~")  # spaces, <, >, |, [, ], \\ percent-encoded
    return f"[{label}](<{safe}>)"


def _date_cell(result: ClaimResult) -> str:
    date = result.claim.date
    if date is None or not date.resolved:
        return "undated"
    return markdown_escape(date.text)


def _verdict_cell(item: ReportItem) -> str:
    cell = f"**{item.result.verdict.value}**"
    if item.result.manual:
        cell += " (manual)"
    if item.changed and item.previous is not None:
        cell += f" (changed; was {item.previous.value})"
    return cell


def _footnote(number: int, citation: Citation) -> str:
    what = [citation.stance.value]
    if citation.fetched_at is not None:
        what.append(f"fetched {citation.fetched_at.date().isoformat()}")
    line = (
        f"[^{number}]: {_link(citation)} ({', '.join(what)}{markdown_escape(found_how(citation))})"
    )
    if citation.quote:
        line += f": “{markdown_escape(citation.quote)}”"
    elif citation.reason:
        line += f": {markdown_escape(citation.reason)}"
    return line


def report_markdown(report: Report, *, verbose: bool = False) -> str:
    """A Markdown table of claims per claims file, with the citations as footnotes.

    Only the decisive citation of each claim is footnoted, or every one with ``verbose``.
    """
    counts = ", ".join(f"{n} {v}" for v, n in report.counts.items())
    out = [f"Fact check as of run {report.run_id} ({report.run_started}): {counts}."]
    notes: list[str] = []
    file = None
    for item in report.items:
        if item.file != file:
            file = item.file
            out += ["", f"### {markdown_escape(file)}", ""]
            out += ["| Verdict | Date | Claim | Why | Sources |", "|---|---|---|---|---|"]
        result = item.result
        cited = list(result.citations) if verbose else [c for c in [decisive(result)] if c]
        refs = []
        for citation in cited:
            notes.append(_footnote(len(notes) + 1, citation))
            refs.append(f"[^{len(notes)}]")
        cells = [
            _verdict_cell(item),
            _date_cell(result),
            markdown_escape(result.claim.text),
            markdown_escape(result.reason),
            " ".join(refs),
        ]
        out.append("| " + " | ".join(cells) + " |")
    if notes:
        out += ["", *notes]
    return "\n".join(out) + "\n"
