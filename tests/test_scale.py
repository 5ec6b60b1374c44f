"""Working at scale: neighbours instead of a dense table, a folder read and annotated a chunk at a time, jobs=N.

Speed itself is measured by benchmarks/run.py, never here: these tests check that the large-corpus paths give
the same answers as the small-corpus ones, and that bad input stops them cleanly.
"""

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import annotating, comparing, segmenting
from conftest import SEEDS

SENTENCES = [
    "Telkom memblokir layanan Netflix sejak Januari 2016.",
    "Indosat menutup dompet digital Cipika pada 2017.",
    "Menteri Keuangan Sri Mulyani datang ke Surabaya, Jawa Timur.",
    '"Kami akan membuka akses," kata Direktur Utama Telkom Alex Sinaga.',
    "Layanan video on demand makin banyak dipakai di Jakarta.",
    "Presiden Joko Widodo meresmikan jalan tol di Sumatera Utara.",
]


def small_corpus(n=24):
    """n short articles, each three of SENTENCES in a different order and mix, so that their similarities differ."""
    rng = np.random.default_rng(14)
    texts = {f"a{i:02d}": "Judul\n\n" + " ".join(rng.choice(SENTENCES, 3, replace=False)) for i in range(n)}
    texts["stopwords_only"] = "Judul\n\nDan yang itu ini ada."  # no term left: no neighbours
    return helpers.from_texts(texts, published="2020-02-01")


@pytest.mark.parametrize("use_stems", [False, True])
def test_neighbours_are_similaritys_top_k(use_stems):
    corpus = small_corpus()
    table = helpers.similarity(corpus, use_stems=use_stems)
    found = helpers.neighbours(corpus, k=4, use_stems=use_stems)
    assert list(found.columns) == ["id", "neighbour", "cosine", "rank"]
    for doc_id in corpus["id"]:
        row = table.loc[doc_id].drop(doc_id)
        expected = row[row > 0].sort_values(ascending=False, kind="stable").head(4)
        got = found[found["id"] == doc_id]
        assert got["cosine"].to_numpy() == pytest.approx(expected.to_numpy())
        assert got["rank"].tolist() == list(range(1, len(expected) + 1))
        # Articles with the same words tie: which of them is named may differ in the last bit, not its cosine.
        assert table.loc[doc_id, got["neighbour"]].to_numpy() == pytest.approx(got["cosine"].to_numpy())
    assert "stopwords_only" not in set(found["id"]) | set(found["neighbour"])


def test_neighbours_of_the_seeds_name_the_two_netflix_articles_each_others_closest(corpus):
    from conftest import LIPUTAN, TELKOM

    found = helpers.neighbours(corpus, k=1).set_index("id")["neighbour"]
    assert found[TELKOM] == LIPUTAN and found[LIPUTAN] == TELKOM


def test_neighbours_computed_in_several_blocks_are_the_same(monkeypatch):
    corpus = small_corpus()
    whole = helpers.neighbours(corpus, k=3)
    monkeypatch.setattr(comparing, "NEIGHBOUR_BLOCK_CELLS", 2 * len(corpus))  # two articles a block
    monkeypatch.setattr(comparing, "COMMON_TERM_MIN_ARTICLES", 2)  # and the common terms' dense product in use
    blocked = helpers.neighbours(corpus, k=3)
    assert blocked["id"].tolist() == whole["id"].tolist() and blocked["rank"].tolist() == whole["rank"].tolist()
    assert blocked["cosine"].to_numpy() == pytest.approx(whole["cosine"].to_numpy())
    table = helpers.similarity(corpus)  # a neighbour may differ only among equal cosines (the same words)
    assert [table.loc[a, b] for a, b in zip(blocked["id"], blocked["neighbour"])] == pytest.approx(blocked["cosine"].tolist())


@pytest.mark.parametrize("k", [0, -1, 2.5, True, "10"])
def test_neighbours_refuses_a_k_that_is_not_a_count(corpus, k):
    with pytest.raises(ValueError, match="neighbours: k is how many neighbours"):
        helpers.neighbours(corpus, k=k)


def test_similarity_on_a_large_corpus_points_to_neighbours(monkeypatch):
    corpus = small_corpus()
    monkeypatch.setattr(comparing, "SIMILARITY_MAX_ARTICLES", 10)
    with pytest.raises(ValueError, match=r"helpers\.neighbours\(corpus, k=10\)"):
        helpers.similarity(corpus)


def test_counts_agree_with_the_tables_they_replace(corpus):
    paragraphs = helpers.paragraphs(corpus)
    sentences = helpers.sentences(corpus, paragraphs)
    tokens = helpers.tokens(corpus, stems=False, sentences_table=sentences)
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        expected = (
            int(((paragraphs["id"] == doc_id) & (paragraphs["kind"] == "paragraph")).sum()),
            int((sentences["id"] == doc_id).sum()),
            int(((tokens["id"] == doc_id) & (tokens["kind"] != "punct")).sum()),
        )
        assert segmenting.counts(text) == expected


def write_articles(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"art_{i:02d}.txt").write_text(f"Judul {i}\n\n{SENTENCES[i % len(SENTENCES)]} {SENTENCES[(i + 1) % len(SENTENCES)]}\n",
                                                 encoding="utf-8")
    return folder


def test_iter_corpus_chunks_cover_the_folder_in_order(tmp_path):
    folder = write_articles(tmp_path / "news", 7)
    chunks = list(helpers.iter_corpus(folder, chunk=3))
    assert [len(c) for c in chunks] == [3, 3, 1]
    whole = helpers.load_corpus(folder)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)


def test_iter_corpus_names_a_bad_file_or_skips_it_with_a_warning(tmp_path):
    folder = write_articles(tmp_path / "news", 5)
    (folder / "art_03.txt").write_bytes(b"")
    with pytest.raises(helpers.ArticleError, match="art_03.txt"):
        list(helpers.iter_corpus(folder, chunk=2))
    with pytest.warns(UserWarning, match="art_03.txt.*skipped"):
        chunks = list(helpers.iter_corpus(folder, chunk=2, on_error="skip"))
    assert sorted(pd.concat(chunks)["id"]) == ["art_00", "art_01", "art_02", "art_04"]


READ_CHUNKED = {
    "iter_corpus": lambda folder, out, **arguments: next(helpers.iter_corpus(folder, **arguments)),
    "annotate_folder": lambda folder, out, **arguments: helpers.annotate_folder(folder, out, progress=False, **arguments),
}


@pytest.mark.parametrize("function", READ_CHUNKED)
@pytest.mark.parametrize("arguments, message", [
    ({"chunk": 0}, "chunk is how many articles"),
    ({"chunk": "100"}, "chunk is how many articles"),
    ({"jobs": 0}, "jobs is how many processes"),
    ({"jobs": "2"}, "jobs is how many processes"),
    ({"on_error": "ignore"}, 'on_error must be "raise" or "skip"'),
])
def test_chunked_reading_refuses_bad_arguments_naming_itself_before_writing(tmp_path, function, arguments, message):
    folder = write_articles(tmp_path / "news", 2)
    with pytest.raises(ValueError, match=f"{function}: {message}"):
        READ_CHUNKED[function](folder, tmp_path / "out.csv", **arguments)
    assert not list(tmp_path.glob("*.csv*"))


def test_annotate_folder_writes_what_annotate_gives_for_the_whole_folder(tmp_path):
    folder = write_articles(tmp_path / "news", 7)
    output = helpers.annotate_folder(folder, tmp_path / "out" / "spans.csv", chunk=3, progress=False)
    written = pd.read_csv(output, keep_default_na=False, na_values=[""])
    expected = helpers.annotate(helpers.load_corpus(folder))
    assert len(written) == len(expected) > 0
    assert list(written.columns) == list(expected.columns)
    for column in ["id", "start", "end", "text", "layer", "label"]:
        assert written[column].tolist() == expected[column].tolist()
    assert [p.name for p in output.parent.iterdir()] == ["spans.csv"]  # no temporary file left beside it


def test_annotate_folder_leaves_nothing_partial_when_a_file_is_bad(tmp_path):
    folder = write_articles(tmp_path / "news", 7)
    (folder / "art_05.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    output = tmp_path / "out" / "spans.csv"
    with pytest.raises(helpers.ArticleError, match="art_05.txt"):
        helpers.annotate_folder(folder, output, chunk=2, progress=False)
    assert list(output.parent.iterdir()) == []  # the first chunks were annotated, but nothing is left
    output.write_text("an older file\n", encoding="utf-8")
    with pytest.raises(helpers.ArticleError):
        helpers.annotate_folder(folder, output, chunk=2, progress=False)
    assert output.read_text(encoding="utf-8") == "an older file\n"  # kept as it was
    with pytest.warns(UserWarning, match="art_05.txt"):
        helpers.annotate_folder(folder, output, chunk=2, on_error="skip", progress=False)
    assert "art_05" not in set(pd.read_csv(output)["id"]) and "art_06" in set(pd.read_csv(output)["id"])


def test_a_folder_read_and_annotated_by_one_pool_of_processes_is_the_same(tmp_path, monkeypatch):
    from helpers import reading

    folder = write_articles(tmp_path / "news", 9)
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 2)  # small enough for every chunk to be shared by two processes
    one = list(helpers.iter_corpus(folder, chunk=4))
    two = list(helpers.iter_corpus(folder, chunk=4, jobs=2))
    assert [len(c) for c in two] == [4, 4, 1]
    pd.testing.assert_frame_equal(pd.concat(two, ignore_index=True), pd.concat(one, ignore_index=True))
    serial = helpers.annotate_folder(folder, tmp_path / "one.csv", chunk=4, progress=False)
    parallel = helpers.annotate_folder(folder, tmp_path / "two.csv", chunk=4, jobs=2, progress=False)
    assert parallel.read_text(encoding="utf-8") == serial.read_text(encoding="utf-8")
    assert len(pd.read_csv(parallel)) > 9


def test_one_pool_of_processes_names_a_bad_file_or_skips_it(tmp_path, monkeypatch):
    from helpers import reading

    folder = write_articles(tmp_path / "news", 9)
    (folder / "art_06.txt").write_bytes(b"")
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 2)
    output = tmp_path / "out" / "spans.csv"
    with pytest.raises(helpers.ArticleError, match="art_06.txt: the file is empty"):
        helpers.annotate_folder(folder, output, chunk=4, jobs=2, progress=False)
    assert list(output.parent.iterdir()) == []
    with pytest.warns(UserWarning, match="art_06.txt.*skipped"):
        chunks = list(helpers.iter_corpus(folder, chunk=4, on_error="skip", jobs=2))
    assert [len(c) for c in chunks] == [4, 3, 1]


def test_annotate_folder_refuses_an_output_that_is_not_csv_or_is_in_seeds(tmp_path):
    folder = write_articles(tmp_path / "news", 2)
    with pytest.raises(ValueError, match=r"give a name ending in \.csv"):
        helpers.annotate_folder(folder, tmp_path / "spans.parquet")
    with pytest.raises(ValueError, match="will not write into seeds/"):
        helpers.annotate_folder(folder, SEEDS / "spans.csv")
    assert not (SEEDS / "spans.csv").exists()


def test_annotate_in_processes_gives_the_same_table(monkeypatch):
    corpus = small_corpus()
    monkeypatch.setattr(annotating, "PARALLEL_MIN_ARTICLES", 2)  # small enough to run in processes
    pd.testing.assert_frame_equal(helpers.annotate(corpus, jobs=2), helpers.annotate(corpus))


@pytest.mark.parametrize("jobs", [0, 1.5, "2", True])
def test_annotate_refuses_jobs_that_are_not_a_count(corpus, jobs):
    with pytest.raises(ValueError, match="jobs is how many processes"):
        helpers.annotate(corpus, jobs=jobs)


def mixed_corpus(seed_corpus, n=400):
    """n articles, each two seed paragraphs and three of three news sentences (the idner-news-2k train split),
    drawn as the benchmark draws them: articles that share a drawn paragraph are each other's true neighbours."""
    news = helpers.sentences(helpers.read_conll("train").articles)["text"].tolist()
    news = [" ".join(news[i : i + 3]) for i in range(0, len(news) - 2, 3)]
    seeds = [p for text in seed_corpus["text"] for p in text.split("\n\n")]
    rng = np.random.default_rng(14)
    texts = {f"m{i:03d}": "\n\n".join([*rng.choice(seeds, 2, replace=False), *rng.choice(news, 3, replace=False)]) for i in range(n)}
    return helpers.from_texts(texts, published="2020-02-01")


# The approximate search's agreement with the exact one on mixed_corpus (0.91 of the exact top 5 found): a floor under it.
APPROXIMATE_RECALL_FLOOR = 0.9


def test_approximate_neighbours_find_most_of_the_exact_ones(corpus, monkeypatch):
    mixed = mixed_corpus(corpus)
    exact = helpers.neighbours(mixed, k=5, exact=True)
    # Terms in at most 8 of the 400 articles are selective, the news paragraphs' but not the seeds' (in some 16 each):
    # the approximate search leaves out most pairs, as it does on a large corpus.
    monkeypatch.setattr(comparing, "APPROXIMATE_MIN_DF", 8)
    approximate = helpers.neighbours(mixed, k=5, exact=False)
    pairs = lambda table: set(zip(table["id"], table["neighbour"]))  # noqa: E731
    recall = len(pairs(exact) & pairs(approximate)) / len(pairs(exact))
    assert recall >= APPROXIMATE_RECALL_FLOOR
    # What it finds, it finds with the exact cosine, and ranks as the exact search would.
    both = approximate.merge(exact, on=["id", "neighbour"], suffixes=("", "_exact"))
    assert both["cosine"].to_numpy() == pytest.approx(both["cosine_exact"].to_numpy())
    assert (approximate.groupby("id")["cosine"].diff().dropna() <= 0).all()


def test_approximate_neighbours_are_the_default_past_the_exact_limit(monkeypatch):
    corpus = small_corpus()
    monkeypatch.setattr(comparing, "EXACT_MAX_ARTICLES", 10)
    monkeypatch.setattr(comparing, "APPROXIMATE_MIN_DF", 2)
    assert helpers.neighbours(corpus, k=3).equals(helpers.neighbours(corpus, k=3, exact=False))
    assert not helpers.neighbours(corpus, k=3).equals(helpers.neighbours(corpus, k=3, exact=True))


@pytest.mark.parametrize("exact", ["yes", 1.0])
def test_neighbours_refuses_an_exact_that_is_not_true_false_or_none(corpus, exact):
    with pytest.raises(ValueError, match="neighbours: exact is True"):
        helpers.neighbours(corpus, exact=exact)


@pytest.mark.parametrize("exact", [True, False])
def test_neighbours_counted_and_searched_in_two_processes_are_the_same(corpus, monkeypatch, exact):
    mixed = mixed_corpus(corpus, n=300)
    monkeypatch.setattr(comparing, "PARALLEL_MIN_TEXTS", 10)
    monkeypatch.setattr(comparing, "APPROXIMATE_MIN_DF", 3)  # selective terms exist in 300 articles
    monkeypatch.setattr(comparing, "APPROXIMATE_BLOCK_ROWS", 70)  # several blocks in each process's share
    monkeypatch.setattr(comparing, "NEIGHBOUR_BLOCK_CELLS", 70 * len(mixed))  # of either search
    monkeypatch.setattr(comparing, "COMMON_TERM_MIN_ARTICLES", 2)  # and the common terms' dense product in use
    serial = helpers.neighbours(mixed, k=10, exact=exact)
    # Equal to the last bit: with blocks of another shape in each process, some cosines differed by 5.6e-17.
    assert helpers.neighbours(mixed, k=10, exact=exact, jobs=2).equals(serial) and len(serial) > 1000


def test_a_folder_read_in_two_processes_is_the_same_corpus(tmp_path, monkeypatch):
    from helpers import reading

    for number, text in enumerate(helpers.load_corpus()["raw"].tolist() * 3):
        (tmp_path / f"article_{number}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"")
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 2)
    one = helpers.load_corpus(tmp_path, on_error="skip")
    two = helpers.load_corpus(tmp_path, on_error="skip", jobs=2)
    assert one.equals(two) and len(two) == 9
    with pytest.raises(helpers.ArticleError, match="broken.txt: the file is empty"):
        helpers.load_corpus(tmp_path, jobs=2)
