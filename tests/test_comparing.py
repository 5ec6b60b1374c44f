"""Comparing articles: similarity, distinctive terms, voices, aligned paragraphs, the timeline, and their plots."""

import matplotlib

matplotlib.use("Agg")  # no window: tests draw off screen

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from conftest import LIPUTAN, TELKOM  # noqa: E402


def test_identical_texts_have_similarity_one_and_disjoint_texts_zero():
    corpus = helpers.from_texts({
        "a": "Telkom memblokir layanan Netflix sejak lama.",
        "b": "Telkom memblokir layanan Netflix sejak lama.",
        "c": "Indosat menutup dompet digital Cipika.",
    })
    sim = helpers.similarity(corpus)
    assert sim.loc["a", "b"] == pytest.approx(1.0)
    assert sim.loc["a", "c"] == pytest.approx(0.0)
    assert (sim.to_numpy().diagonal() == pytest.approx(1.0))


def test_similarity_is_symmetric_and_the_two_netflix_articles_are_closest(corpus):
    sim = helpers.similarity(corpus)
    assert (sim == sim.T).all().all()
    others = sim.loc[TELKOM].drop(TELKOM)
    assert others.idxmax() == LIPUTAN


def test_tf_idf_follows_the_formula_shown_in_the_notebook():
    import numpy as np
    import pandas as pd

    counts = pd.DataFrame({"id": ["x", "x", "y"], "term": ["a", "b", "a"], "count": [3, 1, 2]})
    weights = helpers.tf_idf(counts)
    # N = 2; "a" is in both (df 2), "b" in one (df 1)
    assert weights.loc["x", "a"] == pytest.approx(0.75 * (np.log(3 / 3) + 1))
    assert weights.loc["x", "b"] == pytest.approx(0.25 * (np.log(3 / 2) + 1))
    assert weights.loc["y", "b"] == 0


def test_distinctive_terms_are_ranked_per_article(corpus):
    terms = helpers.distinctive_terms(corpus, n=5)
    assert terms.groupby("id").size().eq(5).all()
    for _, group in terms.groupby("id"):
        assert group["tfidf"].is_monotonic_decreasing
    blog = terms[terms["id"] == "002_7883467f3c88f3a7"]["term"]
    assert "indosat" in set(blog)


def test_compare_voices_shows_how_each_outlet_titles_the_same_person(corpus):
    voices = helpers.compare_voices(corpus, "detik", "Liputan6").set_index("name")
    siti = voices.loc["Siti Choiriana"]
    assert siti["found_in"] == "both"
    assert siti["role_a"] == "Direktur Consumer Service Telkom Indonesia"
    assert siti["role_b"] == "Direktur Consumer Service IndiHome"
    assert voices.loc["Kuek Yu-Chuang", "found_in"] == "a" and voices.loc["Leigh Wong", "found_in"] == "b"
    # Both Netflix spokespeople are reported speaking on the same day.
    assert voices.loc["Kuek Yu-Chuang", "spoke_on_a"] == voices.loc["Leigh Wong", "spoke_on_b"] == "2020-01-09"


def test_shared_entities(corpus):
    shared = helpers.shared_entities(corpus, "detik", "Liputan6")
    both = set(shared.loc[shared["in_a"] & shared["in_b"], "entity"])
    assert {"Netflix", "Telkom", "IndiHome", "Siti Choiriana"} <= both


def test_align_paragraphs_pairs_the_introductions_of_siti(corpus):
    aligned = helpers.align_paragraphs(corpus, "detik", "Liputan6")
    best = aligned.iloc[0]
    assert "Siti Choiriana" in best["text_a"] and "Siti Choiriana" in best["text_b"]
    assert aligned["score"].between(0.2, 1).all()
    assert "Siap Buka Akses" not in " ".join(aligned["text_b"])  # subheadings are not aligned


def test_timeline_holds_every_valid_date_in_order(corpus):
    line = helpers.timeline(corpus)
    dates = helpers.find_dates(corpus)
    assert len(line) == dates["date"].notna().sum()
    assert line["when"].is_monotonic_increasing
    assert line["date"].iloc[0] == "2016" and line["precision"].iloc[0] == "year"
    assert all(row.text in row.sentence for row in line.itertuples())


def test_plots_return_the_axes_they_drew_on(corpus):
    labels = dict(zip(corpus["id"], corpus["label"]))
    for draw in [
        lambda ax: helpers.plot_similarity(helpers.similarity(corpus), labels, ax=ax),
        lambda ax: helpers.plot_terms(helpers.distinctive_terms(corpus), TELKOM, ax=ax),
        lambda ax: helpers.plot_timeline(helpers.timeline(corpus), corpus, ax=ax),
    ]:
        fig, ax = plt.subplots()
        assert draw(ax) is ax and ax.get_title()
        plt.close(fig)


def test_tf_idf_and_similarity_are_the_pandas_steps_notebook_04_shows(corpus):
    """The formula written out (tf = count / words, idf = ln((1 + N) / (1 + df)) + 1, cosine) gives the helpers' numbers."""
    import numpy as np

    counts = helpers.comparing.term_counts(corpus)
    matrix = counts.pivot_table(index="id", columns="term", values="count", fill_value=0)
    tf = matrix.div(matrix.sum(axis=1), axis=0)
    idf = np.log((1 + len(matrix)) / (1 + (matrix > 0).sum(axis=0))) + 1
    by_hand = tf * idf
    assert np.allclose(helpers.tf_idf(counts).loc[by_hand.index, by_hand.columns], by_hand)
    length = np.sqrt((by_hand**2).sum(axis=1))
    cosine = (by_hand @ by_hand.T) / np.outer(length, length)
    assert np.allclose(helpers.similarity(corpus).loc[cosine.index, cosine.columns], cosine)
    assert 0 < cosine.min().min() < cosine.max().max()
