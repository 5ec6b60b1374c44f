"""Paragraphs, sentences and tokens that respect Indonesian news text, with offsets into the clean text."""

import pytest

import helpers
from conftest import BLOG, LIPUTAN, TELKOM


@pytest.fixture(scope="module")
def tables(corpus):
    return {
        "paragraphs": helpers.paragraphs(corpus),
        "sentences": helpers.sentences(corpus),
        "tokens": helpers.tokens(corpus),
    }


@pytest.mark.parametrize("name", ["paragraphs", "sentences", "tokens"])
def test_offsets_slice_back_to_the_span_text(corpus, tables, name):
    table = tables[name]
    assert list(table.columns[:4]) == ["id", "start", "end", "text"]
    texts = corpus.set_index("id")["text"]
    for row in table.itertuples():
        assert texts[row.id][row.start : row.end] == row.text


def sentences_of(tables, doc_id, paragraph):
    s = tables["sentences"]
    return list(s[(s["id"] == doc_id) & (s["paragraph"] == paragraph)]["text"])


def test_a_quote_of_three_sentences_keeps_its_attribution_and_date(tables):
    quote = sentences_of(tables, TELKOM, 3)
    assert quote[0] == '"Yang jelas kami intens dengan mereka untuk komunikasi.'
    assert len(quote) == 3
    assert quote[-1].endswith('dengan baik," ujar Siti di kawasan SCBD, Jakarta, Senin (24/2/2020).')


def test_domain_names_and_brackets_do_not_end_sentences(tables):
    first = sentences_of(tables, LIPUTAN, 1)
    assert first[0] == "Layanan Netflix hingga saat ini masih diblokir oleh Telkom Group."  # the dateline is metadata now
    # The full stop inside "(dibuka blokirannya), …" and the date "(9/1)" stay inside one sentence.
    last = sentences_of(tables, TELKOM, 10)
    assert last[-1].endswith("Kuek Yu-Chuang, Kamis (9/1) lalu.")


def test_curly_quote_sentences_and_an_unpunctuated_attribution(tables):
    quote = sentences_of(tables, BLOG, 4)
    assert quote == ["“Saya harus mengatakan kalau sudah saatnya menyerah.",
                     "Kami gak dapet value dari bisnis digital, jadinya kembali ke core bisnis saja,” ujar Alex"]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Hadir Prof. Budi dan Agustinus M. Damar, dll. Mereka datang."
    spans = helpers.segmenting.split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Hadir Prof. Budi dan Agustinus M. Damar, dll. Mereka datang."]
    text = "Harga naik. Rp. 5.000 sekarang. Ya."  # "Rp." (rupiah) does not end a sentence
    spans = helpers.segmenting.split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Harga naik.", "Rp. 5.000 sekarang.", "Ya."]


def test_sentences_never_cross_a_paragraph(tables):
    s, p = tables["sentences"], tables["paragraphs"]
    merged = s.merge(p, on=["id", "paragraph"], suffixes=("", "_p"))
    assert ((merged["start"] >= merged["start_p"]) & (merged["end"] <= merged["end_p"])).all()


def token(tables, text):
    rows = tables["tokens"][tables["tokens"]["text"] == text]
    assert len(rows), f"no token {text!r}"
    return rows.iloc[0]


@pytest.mark.parametrize(
    "text, kind",
    [("teman-teman", "word"), ("benar-benar", "word"), ("Yu-Chuang", "word"), ("meng-adopt", "word"),
     ("business-to-business", "word"), ("e-commerce", "word"), ("B2B", "word"), ("1X24", "word"),
     ("24/2/2020", "date"), ("9/1", "date"), ("2016", "number")],
)
def test_tokens_keep_indonesian_words_domains_and_dates_whole(tables, text, kind):
    assert token(tables, text)["kind"] == kind


def test_tokenize_made_up_cases():
    text = "Harga Rp 1.500,50 naik 10,5 persen pukul 15:22 di www.contoh.co.id, kata-kata-nya, tulis Liputan6.com."
    pieces = {text[s:e]: kind for s, e, kind in helpers.tokenize(text)}
    assert pieces["1.500,50"] == "number" and pieces["10,5"] == "number"
    assert pieces["15:22"] == "time"
    assert pieces["www.contoh.co.id"] == "url" and pieces["Liputan6.com"] == "domain"
    assert pieces["kata-kata-nya"] == "word"


def test_clitic_stays_on_its_word_and_the_stem_drops_it(tables):
    row = token(tables, "blokirannya")
    assert row["stem"] == "blokir"
    assert token(tables, "sambungnya")["stem"] == "sambung"
    assert token(tables, "teman-teman")["stem"] == "teman"


def test_stopwords_come_from_the_published_list(tables):
    assert token(tables, "yang")["is_stopword"]
    # Sastrawi's own list adds "kerja"; Tala's does not, so "kerja sama" (cooperation) survives.
    assert not token(tables, "kerja")["is_stopword"]
    assert len(helpers.stopwords()) >= 758


def test_tokens_never_contain_white_space(tables):
    assert not tables["tokens"]["text"].str.contains(r"\s").any()


def test_numbers_of_sentences_are_consecutive(corpus, tables):
    s = tables["sentences"]
    for doc_id, group in s.groupby("id"):
        assert list(group["sentence"]) == list(range(1, len(group) + 1))
    assert corpus.set_index("id")["n_sentences"].to_dict() == s.groupby("id").size().to_dict()
