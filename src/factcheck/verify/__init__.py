"""Evidence → a stance per source sentence → a verdict per claim. Pure rules, no I/O.

- `rules`: same event, stance per candidate sentence, verdict per claim.
- `readings`: the dates a source sentence gives, and the page's own date.
- `independence`: syndicated copies (near-identical texts) count as one source.
"""

from factcheck.verify.independence import Shingler
from factcheck.verify.rules import Evidence, Judged, Parts, checkable_parts, judge, stance

__all__ = ["Evidence", "Judged", "Parts", "Shingler", "checkable_parts", "judge", "stance"]
