"""Public functions check their arguments at the door: what they expected, what they got, and a call that works."""

import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from conftest import SEEDS, TELKOM  # noqa: E402


@pytest.fixture(scope="module")
def annotations(corpus):
    return helpers.annotate(corpus)


# ------------------------------------------------------------ plotting


def test_plot_counts_wants_a_series_of_counts(annotations):
    with pytest.raises(TypeError, match=r"plot_counts: expected a Series of numbers.*value_counts\(\); got a DataFrame with columns id, start"):
        helpers.plot_counts(annotations)
    with pytest.raises(TypeError, match=r"got a Series of (object|str).*count one column first"):
        helpers.plot_counts(annotations["label"])
    with pytest.raises(ValueError, match="empty"):
        helpers.plot_counts(annotations["label"].value_counts().iloc[:0])


def test_plot_similarity_wants_the_similarity_table_not_the_corpus(corpus):
    with pytest.raises(TypeError, match=r"not the corpus itself; call plot_similarity\(helpers.similarity\(corpus\)\)"):
        helpers.plot_similarity(corpus)
    with pytest.raises(ValueError, match=r"square table of numbers"):
        helpers.plot_similarity(helpers.similarity(corpus).iloc[:2])
    with pytest.raises(TypeError, match=r"labels should map ids to names"):
        helpers.plot_similarity(helpers.similarity(corpus), labels=["a", "b", "c"])


def test_plot_terms_asks_for_the_article_and_lists_the_ids(corpus):
    terms = helpers.distinctive_terms(corpus)
    with pytest.raises(ValueError, match=rf"plot_terms: needs the article whose terms to plot: .*'{TELKOM}'.*plot_terms\(terms, '{TELKOM}'\)"):
        helpers.plot_terms(terms)
    with pytest.raises(ValueError, match=r"has no terms of article 'netflix'"):
        helpers.plot_terms(terms, "netflix")
    with pytest.raises(ValueError, match=r"plot_terms: terms should be a DataFrame with the columns id, term, tfidf, as helpers.distinctive_terms\(corpus\)"):
        helpers.plot_terms(corpus, TELKOM)


def test_plot_timeline_scores_and_learning_curve_name_their_tables(corpus):
    with pytest.raises(ValueError, match=r"plot_timeline: timeline should be .*helpers.timeline\(corpus\).*missing: date, when, precision"):
        helpers.plot_timeline(corpus)
    scores = helpers.evaluate(helpers.find_entities(corpus), helpers.read_reference()).scores
    with pytest.raises(ValueError, match=r"plot_scores: scores should be a DataFrame with the columns method, label, f1.*missing: method"):
        helpers.plot_scores(scores)
    with pytest.raises(ValueError, match=r"plot_learning_curve: curve .*missing: sentences"):
        helpers.plot_learning_curve(scores)


# ------------------------------------------------------------ annotating, comparing, checking, rendering


def test_finders_want_the_corpus_not_a_span_table(corpus, annotations):
    for finder in [helpers.annotate, helpers.find_entities, helpers.find_quotes, helpers.find_dates, helpers.find_english,
                   helpers.similarity, helpers.distinctive_terms, helpers.timeline, helpers.introductions]:
        name = finder.__name__
        with pytest.raises(TypeError, match=rf"{name}: expected the corpus.*helpers.load_corpus\(\).*got a table of spans"):
            finder(annotations)
    with pytest.raises(TypeError, match=r"similarity: corpus should be a DataFrame with the columns id, text.*got a str \('seeds'\)"):
        helpers.similarity("seeds")


def test_arguments_beside_the_corpus_are_checked_too(corpus, annotations):
    with pytest.raises(ValueError, match=r"annotate: layers should be a list .*got 'entities'"):
        helpers.annotate(corpus, layers="entities")
    with pytest.raises(ValueError, match=r"distinctive_terms: n is how many terms.*got 0"):
        helpers.distinctive_terms(corpus, n=0)
    with pytest.raises(ValueError, match=r"find_quotes: entities should be .*helpers.find_entities\(corpus\).*missing: start, end, entity"):
        helpers.find_quotes(corpus, entities=corpus)
    with pytest.raises(KeyError, match=r"no article with id or label 'netflix'; the corpus's labels are 'detik', 'Liputan6', 'blog'"):
        helpers.compare_voices(corpus, "netflix", "detik")
    with pytest.raises(ValueError, match=r"evaluate: match must be one of 'exact', 'lenient', not 'loose'"):
        helpers.evaluate(annotations, helpers.read_reference(), match="loose")
    with pytest.raises(ValueError, match=r"evaluate: predicted should be .*helpers.annotate\(corpus\)"):
        helpers.evaluate(corpus, helpers.read_reference())
    with pytest.raises(ValueError, match=r"show: annotations should be .*helpers.annotate\(corpus\) gives; got a DataFrame with columns id, label, title"):
        helpers.show(corpus, "detik", corpus)
    with pytest.raises(TypeError, match=r"spans_for: phrases should be a list of \(phrase, label\) pairs"):
        helpers.spans_for(corpus, "detik", "Siti Choiriana", "entities")


def test_reading_and_vocabulary_entry_points_check_the_corpus_too(corpus, annotations):
    with pytest.raises(TypeError, match=r"removed: expected the corpus"):
        helpers.removed(annotations)
    with pytest.raises(ValueError, match=r"metadata_sources: corpus should be .*missing: raw"):
        helpers.metadata_sources(corpus.drop(columns="raw"))
    with pytest.raises(TypeError, match=r"with_article: expected the corpus"):
        helpers.with_article(annotations, annotations)
    with pytest.raises(ValueError, match=r"concordance: term should be a word or phrase.*got \['Netflix'\]"):
        helpers.concordance(corpus, ["Netflix"])


# ------------------------------------------------------------ HTML results


def test_show_and_evaluate_give_html_that_can_be_saved_as_a_page(corpus, annotations, tmp_path):
    shown = helpers.show(corpus, "detik", annotations)
    page = shown.save(tmp_path / "out" / "telkom.html")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and shown.html in text and '<meta charset="utf-8">' in text
    assert "<script" not in text
    evaluation = helpers.evaluate(annotations, helpers.read_reference())
    assert evaluation.html == evaluation._repr_html_() and "precision" in evaluation.html
    assert evaluation.save(tmp_path / "scores.html").read_text(encoding="utf-8").count("<table") == 1
    glossed = helpers.rendering.side_by_side(corpus, "detik", paragraphs=[1])
    assert glossed.html in glossed.save(tmp_path / "glossed.html").read_text(encoding="utf-8")
    with pytest.raises(TypeError, match=r"side_by_side: expected the corpus"):
        helpers.rendering.side_by_side(annotations, "detik")
    with pytest.raises(ValueError, match="will not write into seeds"):
        shown.save(SEEDS / "telkom.html")
    assert not (SEEDS / "telkom.html").exists()


# ------------------------------------------------------------ subfolders


@pytest.fixture
def nested(seed_copy):
    (seed_copy / "2020").mkdir()
    (seed_copy / "2020" / "again.txt").write_bytes((seed_copy / f"{TELKOM}.txt").read_bytes())
    (seed_copy / ".ipynb_checkpoints").mkdir()  # Jupyter's own copies: never articles
    (seed_copy / ".ipynb_checkpoints" / "x-checkpoint.txt").write_bytes((seed_copy / f"{TELKOM}.txt").read_bytes())
    return seed_copy


def test_files_in_subfolders_are_counted_when_skipped_and_read_when_asked(nested):
    with pytest.warns(UserWarning, match=r"1 \.txt file\(s\) in subfolders were not read; pass recursive=True"):
        flat = helpers.load_corpus(nested)
    assert len(flat) == 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        deep = helpers.load_corpus(nested, recursive=True)
        report = helpers.file_report(nested, recursive=True)
    assert "2020/again" in set(deep["id"]) and len(deep) == 4
    assert deep.set_index("id").loc["2020/again", "file"] == "2020/again.txt"
    assert deep.set_index("id").loc["2020/again", "text"] == flat.set_index("id").loc[TELKOM, "text"]
    assert "2020/again.txt" in set(report["file"])


def test_a_folder_with_articles_only_in_subfolders_says_to_read_them(tmp_path):
    (tmp_path / "2020").mkdir()
    (tmp_path / "2020" / "a.txt").write_bytes((SEEDS / f"{TELKOM}.txt").read_bytes())
    with pytest.raises(helpers.ArticleError, match=r"no \.txt files to read \(1 in subfolders: pass recursive=True"):
        helpers.load_corpus(tmp_path)
    assert list(helpers.load_corpus(tmp_path, recursive=True)["id"]) == ["2020/a"]


def test_the_seeds_load_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(helpers.load_corpus()) == 3
    assert pd.api.types.is_datetime64_any_dtype(helpers.load_corpus()["published"])
