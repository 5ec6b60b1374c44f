"""Helpers for the Baca Berita notebooks: reading, annotating, checking and comparing Indonesian news articles.

Everything a notebook needs is importable from here: ``import helpers`` then
``helpers.load_corpus()``. Functions take and return pandas DataFrames.
"""

from helpers.annotating import annotate, classify_word, english_score, find_dates, find_english, find_entities, find_quotes
from helpers.checking import evaluate, read_reference, spans_for
from helpers.cleaning import normalize
from helpers.conll import read_conll
from helpers.comparing import (
    align_paragraphs,
    compare_voices,
    distinctive_terms,
    introductions,
    neighbours,
    quotes_with_dates,
    shared_entities,
    similarity,
    tf_idf,
    timeline,
)
from helpers.cleaning import rules as boilerplate_rules
from helpers.exercises import check
from helpers.exporting import annotate_folder, to_jsonl, to_standoff_csv
from helpers.learning import load_tagger, tag_entities, token_features, train_tagger
from helpers.plotting import PALETTE, plot_counts, plot_learning_curve, plot_scores, plot_similarity, plot_terms, plot_timeline
from helpers.reading import ArticleError, file_report, from_texts, iter_corpus, load_corpus, make_practice_folder, metadata_sources, read_manifest, removed, with_article
from helpers.rendering import published_as_stated, show, side_by_side
from helpers.segmenting import paragraphs, sentences, tokenize, tokens
from helpers.translating import translations, with_english
from helpers.vocabulary import (concordance, gazetteer, glossary, org_cues, place_cues, reporting_verbs, standard_words,
                                stem, stopwords)

__all__ = [
    "align_paragraphs",
    "annotate",
    "annotate_folder",
    "ArticleError",
    "boilerplate_rules",
    "check",
    "classify_word",
    "compare_voices",
    "concordance",
    "distinctive_terms",
    "english_score",
    "evaluate",
    "file_report",
    "find_dates",
    "find_english",
    "find_entities",
    "find_quotes",
    "from_texts",
    "gazetteer",
    "glossary",
    "introductions",
    "iter_corpus",
    "load_corpus",
    "load_tagger",
    "make_practice_folder",
    "metadata_sources",
    "neighbours",
    "normalize",
    "org_cues",
    "PALETTE",
    "place_cues",
    "reporting_verbs",
    "paragraphs",
    "plot_counts",
    "plot_learning_curve",
    "plot_scores",
    "plot_similarity",
    "plot_terms",
    "plot_timeline",
    "published_as_stated",
    "quotes_with_dates",
    "read_conll",
    "read_manifest",
    "read_reference",
    "removed",
    "sentences",
    "shared_entities",
    "show",
    "side_by_side",
    "similarity",
    "spans_for",
    "standard_words",
    "stem",
    "stopwords",
    "tag_entities",
    "tf_idf",
    "timeline",
    "to_jsonl",
    "to_standoff_csv",
    "token_features",
    "tokenize",
    "tokens",
    "train_tagger",
    "translations",
    "with_article",
    "with_english",
]
