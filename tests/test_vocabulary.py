"""Stopwords, stems, the glossary and the concordance."""

import re

import helpers
from conftest import TELKOM


def test_every_glossary_term_occurs_in_the_articles(corpus):
    texts = [helpers.normalize(raw) for raw in corpus["raw"]]
    for term in helpers.glossary()["term"]:
        pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)
        assert any(pattern.search(text) for text in texts), f"glossary term {term!r} is in no article"


def test_glossary_terms_are_unique_and_glossed():
    glossary = helpers.glossary()
    assert glossary["term"].is_unique
    assert (glossary["gloss"].str.strip() != "").all()


def test_concordance_offsets_and_context(corpus):
    hits = helpers.concordance(corpus, "kerja sama", width=20)
    texts = corpus.set_index("id")["text"]
    assert len(hits) == sum(text.count("kerja sama") for text in corpus["text"])
    for row in hits.itertuples():
        assert texts[row.id][row.start : row.end] == row.text
        assert texts[row.id][row.start - len(row.left) : row.start].replace("\n", " ") == row.left
        assert "\n" not in row.right


def test_concordance_matches_whole_words_in_any_case(corpus):
    hits = helpers.concordance(corpus, "KATA")
    assert set(hits["text"]) == {"kata"}  # not "mengatakan", not "katanya"
    assert (hits["id"] == TELKOM).any()


def test_stems_of_affixed_words():
    assert {helpers.stem(word) for word in ["diblokir", "memblokir", "pemblokiran", "blokirannya"]} == {"blokir"}
