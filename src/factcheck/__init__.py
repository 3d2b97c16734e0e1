"""factcheck: extract dated claims from an article and check them against sources."""

from factcheck.models import Claim, DateExpr, Precision, Qualifier, Relation, Verdict

__version__ = "0.1.0"

__all__ = ["Claim", "DateExpr", "Precision", "Qualifier", "Relation", "Verdict", "__version__"]
