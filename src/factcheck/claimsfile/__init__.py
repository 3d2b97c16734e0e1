"""The claims file: TOML an editor reads, amends and commits.

Read with ``tomllib`` and validated field by field (errors name file, line and field);
merged block by block on re-extraction, so that the editor's sources, verdicts, notes,
``skip`` flags, corrections and comments survive.
"""

from factcheck.claimsfile.limits import require_claims
from factcheck.claimsfile.merge import MergeResult, write_claims
from factcheck.claimsfile.schema import load_claims, parse_claims

__all__ = ["MergeResult", "load_claims", "parse_claims", "require_claims", "write_claims"]
