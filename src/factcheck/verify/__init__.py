"""Evidence → a stance per source sentence → a verdict per claim. Pure rules, no I/O.

- `rules`: what a claim's checkable parts are, and the stance of one candidate sentence.
- `verdict`: a claim's verdict from all its sources' stances (`judge`).
- `frames`, `same_event`, `lexical`: event frames and their comparison in other words.
- `readings`: the dates a source sentence gives, and the page's own date.
- `independence`: syndicated copies (near-identical texts) count as one source.
"""

from factcheck.verify.independence import Shingler
from factcheck.verify.rules import Evidence, Judged, Parts, checkable_parts, stance
from factcheck.verify.verdict import judge

__all__ = ["Evidence", "Judged", "Parts", "Shingler", "checkable_parts", "judge", "stance"]
