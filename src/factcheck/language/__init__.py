"""The shared English toolkit: sentences and clauses, names and event words, folding.

`claims/` reads articles with it, and `match`, `verify` and `discover` read sources with
it; nothing here knows about claims files, sources or verdicts.

- `sentences`: paragraphs → sentences → clauses; hedges, masks, parentheticals.
- `keywords`: stopwords, event stems, names (entities) and a claim's event words.
- `words`: folding, name variants and aliases, event classes, numbers and places.
"""

from factcheck.language.keywords import STOPWORDS, entities, event_words, is_event
from factcheck.language.sentences import split_sentences
from factcheck.language.words import has_event, mentions

__all__ = [
    "STOPWORDS",
    "entities",
    "event_words",
    "has_event",
    "is_event",
    "mentions",
    "split_sentences",
]
