"""``report --format html``: one self-contained page to share with an editor or a CMS ticket.

No external asset and no script: the style sheet is inline, so the file reads the same
mailed, attached or opened from disk. Claims, quotes, reasons and URLs come from
articles and fetched pages, so every one is escaped; a source becomes a link only when it
is an http(s) address.
"""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import quote, urlsplit

from factcheck.models import Citation, Claim, ReportItem
from factcheck.report.citing import CONTROL, date_spans, decisive, found_how, link_target, where
from factcheck.report.data import Report

__all__ = ["ARCHIVE", "report_html"]

ARCHIVE = "https://web.archive.org/web/"  # a link per source to its archived copies
_STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
 color:#1d1d1f;background:#fff;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.1rem;margin:2rem 0 .5rem;word-break:break-all}
.meta{color:#555;font-size:.9rem;margin:.2rem 0 1rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.summary span{padding:.3rem .7rem;border-radius:1rem;font-weight:600}
.claim{border:1px solid #ddd;border-left:.45rem solid #999;border-radius:.4rem;
 padding:.7rem 1rem;margin:.8rem 0}
.claim.supported{border-left-color:#1a7f37}.claim.disputed{border-left-color:#cf222e}
.claim.unverified{border-left-color:#bf8700}
.verdict{font-weight:700;text-transform:uppercase;font-size:.85rem;letter-spacing:.03em;
 padding:.1rem .5rem;border-radius:.3rem;color:#fff}
.supported .verdict,.summary .supported{background:#1a7f37;color:#fff}
.disputed .verdict,.summary .disputed{background:#cf222e;color:#fff}
.unverified .verdict,.summary .unverified{background:#bf8700;color:#fff}
.summary .changed,.change{background:#8250df;color:#fff}
.change{padding:.1rem .5rem;border-radius:.3rem;font-size:.85rem;margin-left:.4rem}
.id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem;color:#555;
 margin-left:.4rem}
.text{font-size:1.05rem;margin:.5rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.4rem 0}
dt{color:#555}dd{margin:0}
blockquote{margin:.6rem 0;padding:.4rem .8rem;background:#f6f8fa;border-radius:.3rem}
mark{background:#ffd33d;padding:0 .1rem}
ol{margin:.4rem 0;padding-left:1.4rem;font-size:.9rem}li{margin:.2rem 0}
.url{word-break:break-all}.dim{color:#555}
"""


def _text(value: str) -> str:
    """Untrusted text as HTML text: escaped, control and bidi characters dropped."""
    return html.escape(CONTROL.sub("", value), quote=True)


def _web(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _href(url: str) -> str:
    """An http(s) URL as an attribute value: percent-encoded where it must be, then escaped."""
    return html.escape(quote(CONTROL.sub("", url), safe=":/?#@!$&'()*+,;=%~"), quote=True)


def _date(claim: Claim) -> str:
    date = claim.date
    if date is None or not date.resolved:
        return "undated"
    qualifier = f"{date.qualifier.value} " if date.qualifier.value else ""
    return _text(f"{qualifier}{date.text} ({date.precision.value})")


def _quote(citation: Citation) -> str:
    """The quoted sentence, the date the verdict rests on marked."""
    text, out, at = citation.quote, [], 0
    for start, end in date_spans(text, citation.found_date):
        out += [_text(text[at:start]), "<mark>", _text(text[start:end]), "</mark>"]
        at = end
    out.append(_text(text[at:]))
    return "“" + "".join(out) + "”"


def _archive_link(citation: Citation, archive: str | None) -> str:
    url = citation.final_url or citation.source
    if not archive or not _web(url):
        return ""
    when = citation.fetched_at.strftime("%Y%m%d%H%M%S") if citation.fetched_at else "*"
    return f' · <a href="{_href(archive + when + "/" + url)}">archived copies</a>'


def _source(citation: Citation, archive: str | None) -> str:
    """One citation: the full URL as a link, its stance, when it was fetched, an archive link."""
    url = citation.final_url or citation.source
    shown, target = _text(url), link_target(url)
    link = f"<code>{shown}</code>"
    if target is not None:
        link = f'<a class="url" href="{_href(target)}">{shown}</a>'
    what = [citation.stance.value]
    if citation.fetched_at is not None:
        what.append(f"fetched {citation.fetched_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC")
    if citation.status is not None:
        what.append(f"HTTP {citation.status}")
    detail = _text(", ".join(what) + found_how(citation))
    reason = f'<br><span class="dim">{_text(citation.reason)}</span>' if citation.reason else ""
    return f"<li>{link} — {detail}{_archive_link(citation, archive)}{reason}</li>"


def _change(item: ReportItem) -> str:
    if not (item.changed and item.previous is not None):
        return ""
    since = f" on {item.changed_at[:10]}" if item.changed_at else ""
    return f'<span class="change">changed{_text(since)}, was {item.previous.value}</span>'


def _claim(item: ReportItem, archive: str | None) -> str:
    result, claim = item.result, item.result.claim
    verdict = result.verdict.value
    manual = ' <span class="dim">(manual)</span>' if result.manual else ""
    line = f' <span class="dim">line {claim.line}</span>' if claim.line is not None else ""
    parts = [
        f'<article class="claim {verdict}" id="{_text(item.file + "#" + claim.id)}">',
        f'<div><span class="verdict">{verdict}</span>{manual}'
        f'<span class="id">{_text(claim.id)}</span>{line}{_change(item)}</div>',
        f'<p class="text">{_text(claim.text)}</p>',
        f"<dl><dt>Date</dt><dd>{_date(claim)}</dd><dt>Why</dt><dd>{_text(result.reason)}</dd>",
    ]
    if result.uncovered:
        parts.append(f"<dt>Not found</dt><dd>{_text(', '.join(result.uncovered))}</dd>")
    parts.append("</dl>")
    best = decisive(result)
    if best is not None and best.quote:
        cite = f' <span class="dim">({_text(where(best))})</span>'
        parts.append(f"<blockquote>{_quote(best)}{cite}</blockquote>")
    if result.citations:
        items = "".join(_source(c, archive) for c in result.citations)
        parts.append(f"<ol>{items}</ol>")
    parts.append("</article>")
    return "\n".join(parts)


def report_html(report: Report, *, archive: str | None = ARCHIVE) -> str:
    """The report as one HTML page: a summary, then each claims file's claims in order.

    Args:
        report: what ``load_report`` gave.
        archive: a Wayback-style prefix for each source's "archived copies" link
            (``prefix + YYYYMMDDhhmmss + "/" + url``), or None for no such link.
    """
    counts = report.counts
    badges = "".join(f'<span class="{v}">{n} {v}</span>' for v, n in counts.items())
    if report.changed:
        badges += f'<span class="changed">{report.changed} changed since the run before</span>'
    body = [
        "<header><h1>Fact check</h1>",
        f'<p class="meta">{len(report.items)} claims, as of run {report.run_id}, '
        f"started {_text(report.run_started)}</p>",
        f'<div class="summary">{badges}</div></header>',
    ]
    file = None
    for item in report.items:
        if item.file != file:
            body.append(("</section>" if file is not None else "") + "<section>")
            body.append(f"<h2>{_text(item.file)}</h2>")
            file = item.file
        body.append(_claim(item, archive))
    if file is not None:
        body.append("</section>")
    title = f"Fact check, run {report.run_id}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
