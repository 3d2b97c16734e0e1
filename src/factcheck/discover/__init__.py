"""Finding sources for claims: a local FTS5 corpus and web search providers.

- :mod:`~factcheck.discover.corpus`: ``factcheck index`` and ``check --corpus``;
- :mod:`~factcheck.discover.query`: a claim as an FTS5 query for the corpus;
- :mod:`~factcheck.discover.providers`: MediaWiki and SearXNG clients for ``--discover``;
- :mod:`~factcheck.discover.sources`: `find_sources`, the one entry point ``check`` and
  ``extract --suggest`` call.

Syndicated copies (`factcheck.verify.Shingler`) are told apart next to the verdict rules.
"""

from factcheck.discover.corpus import IndexSummary, index_folders
from factcheck.discover.providers import providers_for
from factcheck.discover.sources import (
    ArticleRef,
    Discovery,
    find_sources,
    remember_suggestions,
    suggest,
)

__all__ = [
    "ArticleRef",
    "Discovery",
    "IndexSummary",
    "find_sources",
    "index_folders",
    "providers_for",
    "remember_suggestions",
    "suggest",
]
