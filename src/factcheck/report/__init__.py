"""Renderers of what the store and the runs hand back; they read, never fetch or judge.

- `table`: the terminal view (rich) of extract, fetch, check, report and recheck;
- `jsonshape`: the JSON of check, report, recheck and fetch, written in one place;
- `markdown`, `html` and `claimreview`: ``report --format markdown``, ``html`` and
  ``claimreview``;
- `data`: what ``factcheck report`` shows, read from the database (`load_report`);
- `citing`: the decisive citation, where it is from and how it was found.

Each name is imported from its module when first used (`factcheck.lazy`), so a command
loads only the renderers it prints with.
"""

from typing import TYPE_CHECKING

from factcheck.lazy import exports

if TYPE_CHECKING:
    from factcheck.report.citing import date_value, decisive, found_how, where
    from factcheck.report.claimreview import claimreview_json
    from factcheck.report.data import Report, load_report, match_files
    from factcheck.report.html import report_html
    from factcheck.report.jsonshape import check_json, recheck_json, report_json, source_json
    from factcheck.report.markdown import markdown_escape, report_markdown
    from factcheck.report.progress import ReadingProgress
    from factcheck.report.table import (
        render_check,
        render_extraction,
        render_recheck,
        render_report,
        render_sources,
    )

__getattr__ = exports(
    __name__,
    {
        "citing": "date_value decisive found_how where",
        "claimreview": "claimreview_json",
        "data": "Report load_report match_files",
        "html": "report_html",
        "jsonshape": "check_json recheck_json report_json source_json",
        "markdown": "markdown_escape report_markdown",
        "progress": "ReadingProgress",
        "table": "render_check render_extraction render_recheck render_report render_sources",
    },
)

__all__ = [
    "ReadingProgress",
    "Report",
    "check_json",
    "claimreview_json",
    "date_value",
    "decisive",
    "found_how",
    "load_report",
    "markdown_escape",
    "match_files",
    "recheck_json",
    "render_check",
    "render_extraction",
    "render_recheck",
    "render_report",
    "render_sources",
    "report_html",
    "report_json",
    "report_markdown",
    "source_json",
    "where",
]
