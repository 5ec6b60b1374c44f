"""The learned entity tagger (helpers.learning) and the CoNLL reader it learns from (helpers.conll)."""

import warnings

import pytest

import helpers
from helpers import learning
from helpers.conll import read_conll

# Floors a little below the dev-split F1 measured with the training parameters chosen by 5-fold
# cross-validation inside train (23 November 2026: ORG 0.83, PERSON 0.92, PLACE 0.80, all 0.854): a
# change that makes the tagger clearly worse fails here. "all" kept issue 10's 0.85 until 4 December
# 2026, when the gazetteer its features read grew (GeoNames' regions, CLDR's bracketed names, 27 spellings):
# dev 0.856 -> 0.847 (ORG 0.82, PERSON 0.91, PLACE 0.80), while cross-validation inside train prefers the
# larger gazetteer (0.825, against 0.821 without GeoNames' names), so the larger one stays.
DEV_FLOORS = {"ORG": 0.80, "PERSON": 0.89, "PLACE": 0.77, "all": 0.84}


@pytest.fixture(scope="session")
def train():
    return read_conll("train")


@pytest.fixture(scope="session")
def tagger(train):
    """Trained once for the whole session: training takes seconds."""
    return learning.train_tagger(train.tokens)


@pytest.fixture(scope="session")
def dev():
    return read_conll("dev")


def first_sentences(tokens, n):
    return tokens[tokens["sentence"] <= n]


def test_token_features_describe_the_word_its_shape_its_neighbours_and_the_word_lists():
    words = ["kata", "Presiden", "Joko", "Widodo", "di", "Jakarta", "."]
    features = learning.token_features(words, 2)  # Joko
    for expected in ["w=Joko", "lw=joko", "shape=Xxxx", "sshape=Xx", "p2=jo", "s3=oko", "cap",
                     "-1:lw=presiden", "-2:lw=kata", "+1:lw=widodo", "+2:sshape=x",
                     "role-1", "run=2/3", "run_before=kata", "run_after=di"]:
        assert expected in features, expected
    assert "first" not in features and "allcaps" not in features
    assert "gazetteer=B-PLACE" in learning.token_features(words, 5)  # Jakarta
    assert "role-2" in learning.token_features(words, 3)  # Widodo, two words after the role
    assert "punct" in learning.token_features(words, 6) and "last" in learning.token_features(words, 6)
    assert "first" in learning.token_features(words, 0) and "-1:edge" in learning.token_features(words, 0)


def test_features_of_hyphens_digits_capitals_cues_and_reporting_verbs():
    words = ["ujar", "Yu-Chuang", "dari", "PT", "Telkom", "Tbk", "2020"]
    assert "verb-1" in learning.token_features(words, 1)
    assert {"hyphen", "shape=Xx-Xxxxxx", "sshape=Xx-Xx"} <= set(learning.token_features(words, 1))
    assert {"allcaps", "org_cue_before"} <= set(learning.token_features(words, 3))
    assert {"-1:org_cue_before", "+1:org_cue_after"} <= set(learning.token_features(words, 4))
    assert {"digit", "shape=dddd"} <= set(learning.token_features(words, 6))


def test_training_is_deterministic(train):
    small = first_sentences(train.tokens, 150)
    sentences = read_conll("dev").articles.head(3)
    first, second = (learning.tag_entities(sentences, learning.train_tagger(small)) for _ in range(2))
    assert first.equals(second) and len(first) > 0


def test_a_saved_tagger_loads_and_tags_the_same(tagger, dev, tmp_path):
    path = tmp_path / "tagger.crfsuite"
    tagger.save(path)
    loaded = learning.load_tagger(path)
    assert loaded.fingerprint == tagger.fingerprint
    articles = dev.articles.head(5)
    assert learning.tag_entities(articles, loaded).equals(learning.tag_entities(articles, tagger))


def test_a_file_that_is_not_a_tagger_is_refused_by_name(tmp_path):
    path = tmp_path / "bogus.crfsuite"
    path.write_text("not a model", encoding="utf-8")
    with pytest.raises(ValueError, match="bogus.crfsuite: not a tagger"):
        learning.load_tagger(path)


@pytest.fixture
def cache(tmp_path, monkeypatch, tagger):
    """default_tagger with its cache in a temporary folder and training replaced by the session's tagger."""
    trained = []

    def fake_training(tokens):
        trained.append(len(tokens))
        return learning.Tagger(tagger.model, dict(tagger.fingerprint))

    monkeypatch.setattr(learning, "MODELS", tmp_path)
    monkeypatch.setattr(learning, "train_tagger", fake_training)
    learning.default_tagger.cache_clear()
    yield tmp_path / "entities.crfsuite", trained
    learning.default_tagger.cache_clear()


def test_a_missing_cache_is_trained_silently_and_then_reused(cache):
    path, trained = cache
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        learning.default_tagger()
        assert path.exists() and len(trained) == 1
        learning.default_tagger.cache_clear()
        learning.default_tagger()
    assert len(trained) == 1, "a current cache is trained again"


def test_a_corrupt_cache_warns_and_is_trained_again(cache):
    path, trained = cache
    path.write_bytes(b"bogus")
    with pytest.warns(UserWarning, match="entities.crfsuite is corrupt"):
        learning.default_tagger()
    assert len(trained) == 1 and learning.load_tagger(path)


def test_a_cache_from_another_version_warns_and_is_trained_again(cache, tagger):
    path, trained = cache
    learning.Tagger(tagger.model, {**tagger.fingerprint, "feature_version": -1}).save(path)
    with pytest.warns(UserWarning, match="another version .*feature_version"):
        learning.default_tagger()
    assert len(trained) == 1 and learning.load_tagger(path).fingerprint["feature_version"] == learning.FEATURE_VERSION


def test_a_cache_from_before_a_word_list_edit_is_trained_again_silently(cache, tagger):
    path, trained = cache
    learning.Tagger(tagger.model, {**learning.fingerprint(learning.split_path("train")), "lexicon_sha256": "old"}).save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        learning.default_tagger()
    assert len(trained) == 1


def test_dev_scores_stay_above_their_floors(tagger, dev):
    scores = helpers.evaluate(learning.tag_entities(dev.articles, tagger), dev.spans).scores.set_index("label")["f1"]
    for label, floor in DEV_FLOORS.items():
        assert scores[label] >= floor, f"{label}: F1 {scores[label]:.3f} < {floor}"


def test_tagged_spans_point_into_the_article_text(tagger, corpus):
    spans = learning.tag_entities(corpus, tagger)
    assert list(spans.columns) == ["id", "start", "end", "text", "layer", "label", "entity"]
    texts = dict(zip(corpus["id"], corpus["text"]))
    assert all(texts[i][s:e] == t for i, s, e, t in zip(spans["id"], spans["start"], spans["end"], spans["text"]))
    assert set(spans["label"]) <= {"PERSON", "ORG", "PLACE"} and (spans["layer"] == "entities").all()
    assert "Siti Choiriana" in set(spans["text"])


def test_a_stray_inside_tag_starts_an_entity():
    assert learning.spans_from_tags(["O", "I-ORG", "I-ORG", "B-PERSON", "I-PLACE"]) == [(1, 3, "ORG"), (3, 4, "PERSON"), (4, 5, "PLACE")]


def test_training_needs_tagged_tokens(train):
    untagged = first_sentences(train.tokens, 5).assign(tag="O")
    with pytest.raises(ValueError, match="no entity tags"):
        learning.train_tagger(untagged)
    with pytest.raises(ValueError, match="missing: tag"):
        learning.train_tagger(untagged.drop(columns="tag"))


def test_conll_tokens_split_like_article_tokens(train):
    """A CoNLL token such as "(29/10/2013)" is split as an article's would be; a name keeps its tag."""
    sentences = learning._retokenized(first_sentences(train.tokens, 2))
    words, tags = sentences[1]
    assert words[-4:] == ["(", "29/10/2013", ")", "."]
    assert list(zip(words, tags))[words.index("Kalimantan")] == ("Kalimantan", "B-PLACE")


@pytest.mark.parametrize("content, message", [
    ("Jakarta\n", r"line 1: 'Jakarta' has no tag"),
    ("Jakarta PROPN B-CITY\n", r"line 1: 'B-CITY' is not an IOB tag"),
    ("di ADP O\nJakarta PROPN X-LOC\n", r"line 2: 'X-LOC' is not an IOB tag"),
    ("di ADP O\nJakarta PROPN I-LOC\n", r"line 2: 'I-LOC' continues no LOC entity"),
    ("", "no annotated sentences"),
    ("\n\n\n", "no annotated sentences"),
])
def test_bad_conll_files_are_refused_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad\.conll.*{message}"):
        read_conll(path)


def test_a_feature_of_your_own_is_used_in_training_and_tagging(train, dev):
    seen = []

    def ends_in_a(words, i):
        seen.append(words[i])
        return ["ends_in_a"] if words[i].endswith("a") else []

    small = learning.train_tagger(first_sentences(train.tokens, 100), extra_features=ends_in_a)
    trained_on = len(seen)
    learning.tag_entities(dev.articles.head(1), small)
    assert trained_on > 0 and len(seen) > trained_on
    assert "ends_in_a" in set(small.weights()["feature"])
    with pytest.raises(ValueError, match="cannot be saved"):
        small.save("unused.crfsuite")


def test_tagging_in_several_processes_gives_the_same_spans(tagger, dev, monkeypatch):
    monkeypatch.setattr(learning, "PARALLEL_MIN_SENTENCES", 1)
    monkeypatch.setattr(learning, "PARALLEL_CHUNK", 50)
    serial = learning.tag_entities(dev.articles, tagger)
    assert learning.tag_entities(dev.articles, tagger, jobs=2).equals(serial) and len(serial) > 100


@pytest.mark.parametrize("jobs", [0, 1.5, "2"])
def test_jobs_must_be_a_whole_number_of_processes(tagger, dev, jobs):
    with pytest.raises(ValueError, match="jobs must be"):
        learning.tag_entities(dev.articles, tagger, jobs=jobs)
