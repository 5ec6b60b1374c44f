"""Every Indonesian passage of the seeds has an English gloss that keeps its numbers and names."""

import re

import pandas as pd
import pytest

import helpers
from conftest import SEEDS

NUMBER = re.compile(r"\d+")


@pytest.fixture(scope="module")
def glossed(corpus):
    """The paragraphs of the seeds, each with its gloss."""
    return helpers.with_english(helpers.paragraphs(corpus), corpus)


@pytest.fixture(scope="module")
def translated_words():
    """Capitalised words the glosses translate (day and month names, country names…), each with its English."""
    table = pd.read_csv(SEEDS / "translated_words.csv", dtype=str)
    return dict(zip(table["indonesian"], table["english"]))


def test_every_paragraph_has_exactly_one_translation(corpus):
    keys = helpers.paragraphs(corpus)[["id", "paragraph"]]
    glosses = helpers.translations()
    assert not glosses.duplicated(["id", "paragraph"]).any()
    assert sorted(map(tuple, keys.to_numpy())) == sorted(map(tuple, glosses[["id", "paragraph"]].to_numpy()))
    assert glosses["english"].str.strip().str.len().gt(0).all()


def test_every_quotation_has_a_translation(corpus):
    quotes = helpers.with_english(helpers.find_quotes(corpus), corpus)
    assert len(quotes) > 0 and quotes["english"].notna().all()


def test_every_translation_keeps_the_numbers_of_its_paragraph(glossed):
    for row in glossed.itertuples():
        missing = [n for n in NUMBER.findall(row.text) if n not in NUMBER.findall(row.english)]
        assert not missing, f"{row.id} paragraph {row.paragraph}: the gloss lacks {missing}"


def names_in(corpus):
    """(id, paragraph, text) of every capitalised word a gloss must keep.

    Mid-sentence in a paragraph, a capital marks a name (or a title, or a day or month name).
    At the start of a sentence, and anywhere in a title-case subheading, it marks nothing, so
    there a word counts only if the entity rules find it inside a name.
    """
    tokens = helpers.tokens(corpus)
    words = tokens[(tokens["kind"] == "word") & tokens["text"].str[0].str.isupper()]
    first_words = tokens[tokens["kind"] == "word"].drop_duplicates(["id", "sentence"])  # after any opening quotation mark
    openings = set(map(tuple, first_words[["id", "start"]].to_numpy()))
    blocks = helpers.paragraphs(corpus)
    headings = set(map(tuple, blocks.loc[blocks["kind"] == "heading", ["id", "paragraph"]].to_numpy()))
    entities = helpers.find_entities(corpus)
    spans = {}
    for doc_id, start, end in zip(entities["id"], entities["start"], entities["end"]):
        spans.setdefault(doc_id, []).append((start, end))
    keep = []
    for row in words.itertuples():
        in_a_name = any(start <= row.start and row.end <= end for start, end in spans.get(row.id, []))
        capital_says_nothing = (row.id, row.start) in openings or (row.id, row.paragraph) in headings
        keep.append(in_a_name or not capital_says_nothing)
    return words.loc[keep, ["id", "paragraph", "text"]]


def test_every_translation_keeps_the_names_of_its_paragraph(corpus, glossed, translated_words):
    english = glossed.set_index(["id", "paragraph"])["english"]
    problems = []
    for row in names_in(corpus).itertuples():
        gloss = english[(row.id, row.paragraph)]
        kept = re.search(rf"(?<!\w){re.escape(row.text)}(?!\w)", gloss)
        rendered = row.text in translated_words and translated_words[row.text] in gloss
        if not (kept or rendered):
            problems.append(f"{row.id} paragraph {row.paragraph}: {row.text}")
    assert not problems, problems


def test_the_names_check_can_fail(corpus):
    """A gloss that drops a name is caught: the check is not vacuous."""
    names = names_in(corpus)
    assert {"Siti", "Choiriana", "Netflix", "Telkom", "Indosat"} <= set(names["text"])


def test_side_by_side_escapes_the_text_and_says_when_a_gloss_is_missing():
    own = helpers.from_texts({"own": 'Harga <b>naik</b> & "turun".'})
    markup = helpers.side_by_side(own, "own").html
    assert "&lt;b&gt;naik&lt;/b&gt; &amp;" in markup and "<b>" not in markup
    assert "(no gloss)" in markup


def test_side_by_side_shows_the_chosen_paragraphs_with_their_glosses(corpus):
    markup = helpers.side_by_side(corpus, "blog", paragraphs=[4]).html
    assert "Saya harus mengatakan" in markup and "I have to say" in markup
    assert "Indosat Ooredoo (Indosat)" not in markup
    with pytest.raises(ValueError, match="no paragraph"):
        helpers.side_by_side(corpus, "blog", paragraphs=[99])


def test_alignment_and_timeline_tables_carry_the_glosses(corpus):
    aligned = helpers.align_paragraphs(corpus, "detik", "Liputan6")
    assert len(aligned) > 0 and aligned[["english_a", "english_b"]].notna().all().all()
    events = helpers.timeline(corpus)
    assert len(events) > 0 and events["english"].notna().all()
    first = events.iloc[0]
    assert first["english"] == helpers.translations().set_index(["id", "paragraph"]).loc[(first["id"], 8), "english"]
