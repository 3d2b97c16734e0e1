"""Language: knowledge of words from maintained data (lemmas, WordNet, countries, news events)."""
