"""Helpers for the Baca Berita notebooks: reading, cleaning and segmenting Indonesian news articles.

Everything a notebook needs is importable from here: ``import helpers`` then
``helpers.load_corpus()``. Functions take and return pandas DataFrames.
"""

from helpers.cleaning import normalize
from helpers.cleaning import rules as boilerplate_rules
from helpers.plotting import PALETTE, plot_counts
from helpers.reading import ArticleError, load_corpus, metadata_sources, read_manifest, removed
from helpers.segmenting import paragraphs, sentences, tokenize, tokens
from helpers.vocabulary import concordance, glossary, stem, stopwords

__all__ = [
    "ArticleError",
    "boilerplate_rules",
    "concordance",
    "glossary",
    "load_corpus",
    "metadata_sources",
    "normalize",
    "PALETTE",
    "paragraphs",
    "plot_counts",
    "read_manifest",
    "removed",
    "sentences",
    "stem",
    "stopwords",
    "tokenize",
    "tokens",
]
