"""factcheck: extract dated claims from an article and check them against sources."""

from typing import TYPE_CHECKING

from factcheck.lazy import exports

if TYPE_CHECKING:
    from factcheck.models import Claim, DateExpr, Precision, Qualifier, Relation, Verdict

__version__ = "0.1.0"

# the models load when first used, so that --help and the CLI's start need none of them
__getattr__ = exports(
    __name__,
    {
        "models": "Claim DateExpr Precision Qualifier Relation Verdict",
    },
)

__all__ = ["Claim", "DateExpr", "Precision", "Qualifier", "Relation", "Verdict", "__version__"]
