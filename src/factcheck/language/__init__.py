"""Language: knowledge of words from maintained data, each loaded on first use.

- lemmas: lemma(word, pos) from lemminflect's dictionary (data/lemmas.sqlite)
- wordnet: relation(a, b) and event_class(lemma) from WordNet 3.0 (data/wordnet.sqlite)
- countries: country(name), capital_of(name), ambiguous(name) from pycountry and
  mledoze/countries (data/countries.tsv)
- news_events: classes(text) and class_of(word) from a curated lexicon
  (data/news_events.toml)

Nothing is re-exported here, so importing one module does not import the others.
"""
