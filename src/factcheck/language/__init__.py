"""The shared English toolkit: sentences and clauses, names and event words, folding, and
knowledge of words from maintained data.

`claims/` reads articles with it, and `match`, `verify` and `discover` read sources with
it; nothing here knows about claims files, sources or verdicts.

- `sentences`: paragraphs → sentences → clauses; hedges, masks, parentheticals.
- `keywords`: stopwords, event stems, names (entities) and a claim's event words.
- `words`: folding, name variants and aliases, event classes, numbers and places.

Loaded on first use, and not re-exported here so that importing the package loads none:

- `lemmas`: lemma(word, pos) from lemminflect's dictionary (data/lemmas.sqlite);
- `wordnet`: relation(a, b) and event_class(lemma) from WordNet 3.0 (data/wordnet.sqlite);
- `countries`: country(name), capital_of(name), ambiguous(name) from pycountry and
  mledoze/countries (data/countries.tsv);
- `news_events`: classes(text) and class_of(word) from a curated lexicon
  (data/news_events.toml).
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
