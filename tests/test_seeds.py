"""The seeds are the collection's data: byte for byte as published, described truly by the manifest."""

import hashlib

import pandas as pd
import pytest

import helpers
from conftest import SEEDS


@pytest.fixture(scope="module")
def manifest():
    return helpers.read_manifest()


def test_every_seed_file_is_in_the_manifest_and_nothing_else(manifest):
    assert sorted(manifest["id"]) == sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_seed_checksums_match_the_manifest(manifest):
    for row in manifest.itertuples():
        digest = hashlib.sha256((SEEDS / f"{row.id}.txt").read_bytes()).hexdigest()
        assert digest == row.sha256, f"seeds/{row.id}.txt was changed"


def test_manifest_word_counts_are_the_corpus_counts(manifest, corpus):
    counts = corpus.set_index("id")["n_words"]
    for row in manifest.itertuples():
        assert int(row.words) == counts[row.id], row.id


def test_fields_without_a_clue_are_printed_in_the_text(manifest, corpus):
    """An empty *_clue says "the article prints this": the loader must then find the same value in the text."""
    sources = helpers.metadata_sources(corpus).set_index(["id", "field"])
    for row in manifest.to_dict("records"):
        for field in helpers.reading.META_FIELDS:
            if row[f"{field}_clue"] == "":
                assert sources.loc[(row["id"], field), "source"] == "text", (row["id"], field)


def test_fields_not_in_the_text_say_where_they_came_from(manifest, corpus):
    sources = helpers.metadata_sources(corpus)
    not_printed = sources[sources["source"] != "text"]
    clues = manifest.set_index("id")
    for row in not_printed.itertuples():
        assert clues.loc[row.id, f"{row.field}_clue"], f"{row.id}: {row.field} has no clue in the manifest"


def test_manifest_published_dates_parse(manifest):
    for value in manifest["published"]:
        stamp, precision = helpers.reading.parse_published(value)
        assert isinstance(stamp, pd.Timestamp) and precision in {"minute", "day", "month"}
