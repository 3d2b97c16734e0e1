"""``report --format claimreview``: one schema.org ClaimReview per claim, as JSON-LD.

Claims and reasons come from articles and fetched pages, so they are hostile: ``</`` is
escaped so the output can sit inside a ``<script>`` element.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from factcheck.models import ClaimResult, ReportItem
from factcheck.report.data import Report

__all__ = ["claimreview_json"]

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
