"""``factcheck report`` as text for other programs: JSON, Markdown and ClaimReview JSON-LD.

Quotes, claims and reasons come from articles and fetched pages, so they are hostile:
in Markdown they are escaped so they cannot break the table, open a link or carry HTML;
in JSON-LD ``</`` is escaped so the output can sit inside a ``<script>`` element.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlsplit

from factcheck.models import Citation, ClaimResult, ReportItem
from factcheck.report import check_json, decisive, found_how, where
from factcheck.report_data import Report

__all__ = ["claimreview_json", "markdown_escape", "report_json", "report_markdown"]


def report_json(report: Report) -> dict[str, object]:
    """The JSON of ``check --json``, each claim with its history added."""
    payload = check_json(report.run_id, [(i.file, i.result) for i in report.items], report.counts)
    claims = payload["claims"]
    assert isinstance(claims, list)
    for claim, item in zip(claims, report.items, strict=True):
        claim |= {
            "run_id": item.run_id, "checked_at": item.checked_at, "changed": item.changed,
            "previous_verdict": item.previous.value if item.previous else None,
            "changed_at": item.changed_at,
        }  # fmt: skip
    return payload


# ------------------------------------------------------------------ Markdown

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN = re.compile(r"([\\`*_\[\]|~#!])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# what GitHub-style Markdown turns into a link by itself: break it with an escape
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto|file):|\bwww\.|@")


def markdown_escape(text: str) -> str:
    """Untrusted text as one line of literal Markdown: no table break, link, HTML or code."""
    text = _CONTROL.sub("", " ".join(text.split()))
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
            _verdict_cell(item), _date_cell(result), markdown_escape(result.claim.text),
            markdown_escape(result.reason), " ".join(refs),
        ]  # fmt: skip
        out.append("| " + " | ".join(cells) + " |")
    if notes:
        out += ["", *notes]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ ClaimReview

RATING_NAME = {"supported": "Supported", "disputed": "Disputed", "unverified": "Unverified"}


def _temporal(result: ClaimResult) -> str | None:
    """The claim's date as an ISO 8601 interval ("2024-06-01/2024-06-30") or day."""
    date = result.claim.date
    if date is None or date.start is None or date.end is None:
        return None
    if date.start == date.end:
        return date.start.isoformat()
    return f"{date.start.isoformat()}/{date.end.isoformat()}"


def _review(item: ReportItem, author: dict[str, str] | None, url: str | None) -> dict[str, object]:
    result, claim = item.result, item.result.claim
    reviewed: dict[str, object] = {
        "@type": "Claim",
        "text": claim.text,
        "appearance": {"@type": "CreativeWork", "text": claim.quote or claim.text},
    }
    if (when := _temporal(result)) is not None:
        reviewed["temporalCoverage"] = when
    review: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "itemReviewed": reviewed,
        "reviewRating": {"@type": "Rating", "alternateName": RATING_NAME[result.verdict.value]},
        "reviewBody": result.reason,
        "datePublished": (item.changed_at or item.checked_at)[:10],
    }
    if url:
        review["url"] = f"{url.split('#', 1)[0]}#{quote(claim.id, safe='')}"
    if author:
        review["author"] = author
    return review


def claimreview_json(
    report: Report, *, author_name: str = "", author_url: str = "", url: str | None = None
) -> str:
    """One schema.org ClaimReview per claim, as a JSON-LD array safe inside ``<script>``.

    Args:
        report: the claims and verdicts.
        author_name: who publishes the fact checks (an Organization); left out when empty.
        author_url: their home page.
        url: the page the fact checks are published on; each review links to
            ``url#<claim id>``.
    """
    author: dict[str, str] | None = None
    if author_name:
        author = {"@type": "Organization", "name": author_name}
        if author_url:
            author["url"] = author_url
    reviews = [_review(item, author, url) for item in report.items]
    text = json.dumps(reviews, indent=2, ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
