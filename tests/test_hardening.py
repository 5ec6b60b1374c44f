"""Messy input: every case gives a correct result or a clear error naming the file, and never changes the input.

Plus property-based tests (hypothesis) of the invariants every layer relies on.
"""

import hashlib
import re
import string
from html import unescape

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from conftest import SEEDS


def only(folder, name, data):
    """Load a folder holding one file; return that article's row."""
    (folder / name).write_bytes(data)
    return helpers.load_corpus(folder).iloc[0]


def test_unbalanced_quote_runs_to_the_end_of_its_paragraph_only():
    # Single-newline paragraphs: a short first line before a blank line would be read as the headline.
    text = 'Budi datang ke kantor.\n"Kami siap bekerja sama dengan siapa saja, ujar Budi.\nParagraf berikutnya tenang.'
    corpus = helpers.from_texts({"q": text})
    quotes = helpers.find_quotes(corpus)
    clean = corpus["text"].item()
    assert len(quotes) == 1 and quotes["end"].item() == clean.index("\n\nParagraf")
    assert quotes["speaker"].isna().all()


def test_nbsp_zero_width_space_and_direction_marks_inside_words(tmp_path):
    row = only(tmp_path, "a.txt", "Peng\u200bguna me\u200enikmati\u00a0layanan Net\u200fflix.\n".encode())
    assert row["text"] == "Pengguna menikmati layanan Netflix."
    assert list(helpers.tokens(helpers.from_texts({"a": row["text"]}))["text"]) == ["Pengguna", "menikmati", "layanan", "Netflix", "."]


def test_file_names_with_spaces_and_non_ascii(tmp_path):
    for name in ["berita baru.txt", "kabar_ñusantara ü.txt"]:
        (tmp_path / name).write_text("Budi datang ke Jakarta.\n", encoding="utf-8")
    corpus = helpers.load_corpus(tmp_path)
    assert sorted(corpus["id"]) == ["berita baru", "kabar_ñusantara ü"]


def test_a_very_long_single_line_file_loads(tmp_path):
    sentence = "Telkom masih memblokir Netflix (sejak 2016), kata Direktur Utama PT Maju, Budi Santoso. "
    data = (sentence * (1_000_000 // len(sentence))).encode()
    row = only(tmp_path, "long.txt", data)
    assert len(row["text"]) > 990_000 and row["n_paragraphs"] == 1
    assert row["n_sentences"] == data.decode().count("Santoso.")


def test_script_and_entities_in_the_text_are_escaped_by_show():
    corpus = helpers.from_texts({"x": 'Situs memuat <script>alert(1)</script> &amp; <b>tebal</b> kata Budi.'})
    html = helpers.show(corpus, "x", helpers.annotate(corpus)).html
    assert "<script" not in html and "<b>" not in html
    shown = unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(sup|small)\b[^>]*>.*?</\1>", "", html)))  # the text as written, label letters aside
    assert "Situs memuat <script>alert(1)</script> &amp; <b>tebal</b> kata Budi." in shown


def test_a_latin1_file_is_read(tmp_path):
    row = only(tmp_path, "cafe.txt", "Kafé Netflix buka di Bandung.\n".encode("latin-1"))
    assert row["text"] == "Kafé Netflix buka di Bandung."


def test_loading_never_modifies_inputs(tmp_path):
    files = {"ok.txt": "Budi datang.\n".encode(), "bad.txt": b"\x00\x01\x02", "empty.txt": b""}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(helpers.ArticleError):
        helpers.load_corpus(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files


# ------------------------------------------------------------ properties

WORDS = st.sampled_from(["Telkom", "memblokir", "Netflix", "teman-teman", "Liputan6.com", "(24/2/2020)", "kata",
                         "Siti", "dll.", "\u00a0", "\u200b", "“Kami", "siap,”", '"Ya."', "Rp", "5.000", "...", "-nya"])
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", ". ", "\t"])
TEXTS = st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=60).map(lambda parts: "".join(w + s for w, s in parts))
PLAIN = st.text(alphabet=string.ascii_letters + string.digits + " .,;:!?\"'()-\n“”‘’\u00a0", min_size=1, max_size=300)


def corpus_of(text):
    if not helpers.cleaning.clean(text).blocks:
        return None
    return helpers.from_texts({"t": text}, published="2020-02-24")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, PLAIN))
def test_every_span_slices_back_to_its_text(text):
    corpus = corpus_of(text)
    if corpus is None:
        return
    clean = corpus["text"].item()
    tables = [helpers.paragraphs(corpus), helpers.sentences(corpus), helpers.tokens(corpus), helpers.annotate(corpus)]
    for table in tables:
        for start, end, span in zip(table["start"], table["end"], table["text"]):
            assert clean[start:end] == span


@settings(max_examples=60, deadline=None)
@given(st.one_of(TEXTS, PLAIN))
def test_cleaning_never_invents_text(text):
    cleaned = helpers.cleaning.clean(text)
    raw_lines = set(helpers.normalize(text).split("\n"))
    assert all(block in raw_lines for block in cleaned.blocks)
    kept_and_removed = len(cleaned.blocks) + len(cleaned.removed)
    assert kept_and_removed == sum(1 for line in helpers.normalize(text).split("\n") if line)


@settings(max_examples=60, deadline=None)
@given(st.one_of(TEXTS, PLAIN))
def test_tokens_never_cross_a_paragraph_or_a_sentence(text):
    corpus = corpus_of(text)
    if corpus is None:
        return
    tokens, sentences, paragraphs = helpers.tokens(corpus), helpers.sentences(corpus), helpers.paragraphs(corpus)
    spans = sentences.merge(paragraphs, on=["id", "paragraph"], suffixes=("", "_p"))
    assert ((spans["start"] >= spans["start_p"]) & (spans["end"] <= spans["end_p"])).all()
    merged = tokens.merge(sentences, on=["id", "sentence"], suffixes=("", "_s"))
    assert len(merged) == len(tokens)
    assert ((merged["start"] >= merged["start_s"]) & (merged["end"] <= merged["end_s"])).all()


def test_the_seeds_are_unchanged_by_all_of_this():
    manifest = pd.read_csv(SEEDS / "manifest.csv", dtype=str)
    for row in manifest.itertuples():
        assert hashlib.sha256((SEEDS / f"{row.id}.txt").read_bytes()).hexdigest() == row.sha256


# ------------------------------------------------------------ your own folder (notebook 05)


@pytest.fixture
def practice(tmp_path):
    before = {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    folder = helpers.make_practice_folder(tmp_path / "practice")
    assert {p.name: p.read_bytes() for p in SEEDS.iterdir()} == before, "the seeds were written to"
    return folder


def test_file_report_names_every_problem_without_stopping(practice):
    report = helpers.file_report(practice).set_index("file")
    assert report.loc["empty.txt", "status"] == "the file is empty"
    assert "binary" in report.loc["photo.txt", "status"]
    assert report.loc["blog cp1252 crlf.txt", "encoding"] == "cp1252"
    assert (report.drop(index=["empty.txt", "photo.txt"])["status"] == "ok").all()


def test_on_error_skip_loads_the_readable_files_and_raise_stops(practice):
    with pytest.raises(helpers.ArticleError, match="2 of 5 files could not be read"):
        helpers.load_corpus(practice)
    corpus = helpers.load_corpus(practice, on_error="skip")
    assert sorted(corpus["id"]) == ["blog cp1252 crlf", "liputan6 bom", "telkom"]
    original = helpers.load_corpus().set_index("label")["text"]
    assert corpus.set_index("id").loc["blog cp1252 crlf", "text"] == original["blog"]
    with pytest.raises(ValueError, match="on_error"):
        helpers.load_corpus(practice, on_error="ignore")


def test_extra_rules_clean_a_new_outlets_furniture_and_removed_names_them(practice):
    promo = helpers.reading.PRACTICE_FURNITURE
    assert promo in helpers.load_corpus(practice, on_error="skip").set_index("id").loc["telkom", "text"]
    rules = pd.DataFrame([{"rule": "video_promo", "action": "drop", "pattern": r"Tonton juga video.*", "description": "promo"}])
    corpus = helpers.load_corpus(practice, on_error="skip", extra_rules=rules)
    assert promo not in corpus.set_index("id").loc["telkom", "text"]
    removed = helpers.removed(corpus, extra_rules=rules)
    assert removed.loc[removed["rule"] == "video_promo", "text"].tolist() == [promo]


def test_extra_gazetteer_adds_organisations_for_one_call():
    example = helpers.from_texts({"x": "Warung Sinar dan Kedai Mentari bersaing di Jakarta."})  # made-up shops
    extra = pd.DataFrame({"name": ["Warung Sinar", "Kedai Mentari"], "label": ["ORG", "ORG"]})
    organisations = lambda table: set(table.loc[table["label"] == "ORG", "text"])  # noqa: E731
    assert not organisations(helpers.find_entities(example))
    assert organisations(helpers.find_entities(example, extra_gazetteer=extra)) == {"Warung Sinar", "Kedai Mentari"}
    assert "Warung Sinar" not in set(helpers.gazetteer()["name"]), "the gazetteer file is unchanged"


def test_extra_gazetteer_as_a_list_of_rows_is_the_same_as_a_table():
    example = helpers.from_texts({"x": "Warung Sinar dan Kedai Mentari bersaing di Jakarta."})  # made-up shops
    table = pd.DataFrame({"name": ["Warung Sinar", "Kedai Mentari"], "label": ["ORG", "ORG"]})
    rows = [("Warung Sinar", "ORG"), ("Kedai Mentari", "ORG", "Kedai Mentari")]
    pd.testing.assert_frame_equal(helpers.find_entities(example, extra_gazetteer=rows),
                                  helpers.find_entities(example, extra_gazetteer=table))
    assert set(helpers.annotate(example, extra_gazetteer=rows).query("label == 'ORG'")["text"]) == {"Warung Sinar", "Kedai Mentari"}


def test_extra_gazetteer_that_is_not_a_table_says_what_is_expected():
    with pytest.raises(TypeError, match=r"DataFrame with the columns name and label.*list of rows.*got a dict.*For example"):
        helpers.find_entities(helpers.from_texts({"x": "Bulog datang."}), extra_gazetteer={"Bulog": "ORG"})
    with pytest.raises(TypeError, match=r"got a list of 1 item\(s\), the first 'Bulog'"):
        helpers.find_entities(helpers.from_texts({"x": "Bulog datang."}), extra_gazetteer=["Bulog"])
    with pytest.raises(ValueError, match="missing column"):
        helpers.find_entities(helpers.from_texts({"x": "Bulog datang."}), extra_gazetteer=pd.DataFrame({"name": ["Bulog"]}))


def test_the_practice_folder_is_never_made_inside_seeds():
    with pytest.raises(ValueError, match="will not write into seeds"):
        helpers.make_practice_folder(SEEDS / "practice")
    assert not (SEEDS / "practice").exists()
