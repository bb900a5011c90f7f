"""Generator of realistic, entirely fictitious French case studies (demo data and search benchmarks).

The text is built from sentence templates whose open slots are filled with words drawn from the plain-text
word lists of `fixtures/lexicon/`. Draws follow a Zipf law (weight 1 / (rank + q) ** s), so that, as in real
French prose, function words and a few dozen content words are very frequent while most of the several
thousand words are rare. Each domain has its own list, and its words are drawn almost only in the cases
tagged with that domain, so that a domain word's document frequency looks like a real topical word's.

Pure standard library: `manage.py load_demo --synthetic N` and the benchmark import it without Django.
Organisations, places and towns are invented from the lexicon; no real person or organisation is named.
"""

from bench.synthetic.french import adjective_forms, contract, elide, noun_gender, past_participle, slugify
from bench.synthetic.generation import fictitious_impacts, generate
from bench.synthetic.lexicon import LEXICON_DIR, Lexicon, load_lexicon
from bench.synthetic.phrases import fixed_phrases

__all__ = [
    "LEXICON_DIR",
    "Lexicon",
    "adjective_forms",
    "contract",
    "elide",
    "fictitious_impacts",
    "fixed_phrases",
    "generate",
    "load_lexicon",
    "noun_gender",
    "past_participle",
    "slugify",
]
