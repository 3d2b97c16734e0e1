"""Article → sentences → clauses → dated claims.

A claim is a clause that asserts a checkable fact anchored to a date. A sentence with
two dates ("Following the inauguration in January 2025, …, culminating in a summit on
August 15, 2025") gives two claims, each quoting its own clause. Hedged clauses
("may", "could"), forecasts ("is expected to"), denials and questions are not claims.

Here: reading the article (`article`), extraction (`extract`) and ids (`ids`); the
sentences, clauses, names and event words come from `factcheck.language`.
"""

from factcheck.claims.article import Article, read_article
from factcheck.claims.extract import date_warnings, extract_claims
from factcheck.language.sentences import split_sentences

__all__ = ["Article", "date_warnings", "extract_claims", "read_article", "split_sentences"]
