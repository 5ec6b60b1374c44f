"""Vocabulary: stopwords, stems, the glossary, the gazetteer of known names, and words in their context."""

import re
from functools import lru_cache

import pandas as pd

from helpers._data import read_csv, read_word_list


@lru_cache(maxsize=None)
def stopwords():
    """Indonesian stopwords: Tala's (2003) published list plus the collection's extra words."""
    return frozenset(read_word_list("stopwords_tala.txt")) | frozenset(read_word_list("stopwords_extra.txt"))


@lru_cache(maxsize=None)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=None)
def stem(word):
    """The PySastrawi stem of one word: ``pemblokiran`` → ``blokir``, ``teman-teman`` → ``teman``."""
    return _stemmer().stem(word)


def stem_words(words):
    """A {word: stem} dict for many words, each stemmed once."""
    return {word: stem(word) for word in words}


def glossary():
    """Key Indonesian terms of the articles with English glosses (helpers/data/glossary.csv)."""
    return read_csv("glossary.csv")


def gazetteer():
    """Known organisations and places (helpers/data/gazetteer.csv): name, label, note. People are not listed."""
    return read_csv("gazetteer.csv")


def concordance(corpus, term, width=40):
    """Every occurrence of ``term`` (a word or phrase, any case) with the text around it.

    One row per match: id, start, end, text (the match as written), left and
    right (up to ``width`` characters of context, on one line). The classic
    keyword-in-context view of corpus linguistics.
    """
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)
    rows = []
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        for match in pattern.finditer(text):
            left = text[max(match.start() - width, 0) : match.start()].replace("\n", " ")
            right = text[match.end() : match.end() + width].replace("\n", " ")
            rows.append((doc_id, match.start(), match.end(), match.group(0), left, right))
    return pd.DataFrame(rows, columns=["id", "start", "end", "text", "left", "right"])
