"""Loading the seeds: clean text, what was removed and why, metadata from the text first."""

import pandas as pd

import helpers
from conftest import BLOG, LIPUTAN, TELKOM

COLUMNS = ["id", "label", "title", "outlet", "author", "published", "text", "raw", "n_paragraphs", "n_sentences", "n_words"]


def test_one_row_per_article_with_the_documented_columns(corpus):
    assert list(corpus["id"]) == [TELKOM, LIPUTAN, BLOG]
    assert set(COLUMNS) <= set(corpus.columns)
    assert pd.api.types.is_datetime64_any_dtype(corpus["published"])


def test_default_folder_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(helpers.load_corpus()) == 3


def test_paragraph_counts(article):
    # 000 uses single newlines between paragraphs, the others blank lines; both must count alike.
    assert article(TELKOM)["n_paragraphs"] == 10
    assert article(LIPUTAN)["n_paragraphs"] == 11  # plus one subheading
    assert article(BLOG)["n_paragraphs"] == 6


def test_byline_gives_author_and_timestamp(article):
    liputan = article(LIPUTAN)
    assert liputan["author"] == "Agustinus Mario Damar"
    assert liputan["published"] == pd.Timestamp("2020-01-09 15:22")
    assert liputan["published_precision"] == "minute"


def test_title_line_and_dateline(article):
    assert article(LIPUTAN)["title"] == "Netflix Masih Bicara dengan Telkom soal Pemblokiran"
    assert article(LIPUTAN)["outlet"] == "Liputan6.com"
    assert article(LIPUTAN)["place"] == "Jakarta"
    assert article(BLOG)["title"] == "Bisnis Digital Indosat tidak lagi ikut persaingan."


def test_an_article_without_headline_gets_no_invented_title(article):
    # 000 starts with its first paragraph: that paragraph is body, not a title.
    assert pd.isna(article(TELKOM)["title"])
    assert article(TELKOM)["text"].startswith("Telkom mengungkapkan perkembangan terbaru")


def test_a_short_first_paragraph_opening_with_a_dateline_is_body_not_a_title():
    article = helpers.from_texts({"short_lead": (
        "JAKARTA, KOMPAS.com - Harga beras naik lagi pekan ini.\n\n"
        "Kenaikan itu terjadi di Pasar Induk Cipinang, Jakarta Timur, menurut pedagang.\n"
    )}).iloc[0]
    assert pd.isna(article["title"]) and (article["outlet"], article["place"]) == ("Kompas.com", "Jakarta")
    assert article["text"].startswith("Harga beras naik lagi")


def test_a_sentence_opening_with_a_hashtag_is_text_and_a_tag_list_still_ends_the_article():
    text = helpers.from_texts({"hashtags": (
        "Harga BBM Naik\n\n"
        "Pemerintah menaikkan harga BBM mulai hari ini di seluruh Indonesia, kata pejabat kementerian.\n\n"
        "#TolakKenaikanBBM langsung jadi trending di media sosial.\n\n"
        "Mahasiswa berencana berdemonstrasi pekan depan.\n\n"
        "# BBM\n#demo mahasiswa\n#Pertamina #subsidi #APBN #energi #harga\n"
    )}).iloc[0]["text"]
    assert "#TolakKenaikanBBM langsung" in text and text.endswith("berdemonstrasi pekan depan.")


def test_manifest_fills_what_the_text_does_not_print(article):
    assert article(TELKOM)["published"] == pd.Timestamp("2020-02-24")
    assert article(BLOG)["published_precision"] == "month"


def test_no_boilerplate_line_survives_cleaning(corpus):
    removed = helpers.removed(corpus)
    blocks = {row.id: set(row.text.split("\n\n")) for row in corpus.itertuples()}
    for row in removed.itertuples():
        assert row.text not in blocks[row.id], (row.id, row.rule, row.text)
    furniture = ["SCROLL TO CONTINUE", "![]()", "(rns/rns)", "(Dam/Ysl)", "POPULER", "Berita Terkini",
                 "Share This", "Leave a Reply", "Required fields", "oleh Agustinus", "(Liputan6.com/"]
    for text in corpus["text"]:
        assert not [piece for piece in furniture if piece in text]


def test_every_removed_line_names_a_documented_rule(corpus):
    removed = helpers.removed(corpus)
    assert set(removed["rule"]) <= set(helpers.boilerplate_rules()["rule"])
    assert removed["description"].notna().all()
    assert set(removed["rule"]) >= {"title", "standfirst", "byline", "photo_caption", "editor_initials",
                                   "scroll_placeholder", "image_placeholder", "popular_widget", "latest_news_widget",
                                   "share_widget", "comment_form"}


def test_cleaning_removes_only_whole_lines_and_invents_nothing(corpus):
    # Each body block is a whole raw line, or the end of one whose dateline ("Liputan6.com, Jakarta - ") became metadata.
    for row in corpus.itertuples():
        raw_lines = helpers.normalize(row.raw).split("\n")
        assert all(any(line == block or line.endswith(" " + block) for line in raw_lines) for block in row.text.split("\n\n"))


def test_subheading_is_kept_as_a_heading(corpus):
    paragraphs = helpers.paragraphs(corpus)
    headings = paragraphs[paragraphs["kind"] == "heading"]
    assert list(headings["text"]) == ["Siap Buka Akses Netflix, Asal..."]


def test_nbsp_is_a_space_and_does_not_split_or_join_words(corpus, article):
    assert "\xa0" in article(LIPUTAN)["raw"]  # the raw text keeps what the file has
    assert not corpus["text"].str.contains("\xa0").any()
    text = article(LIPUTAN)["text"]
    assert "Direktur Consumer Service IndiHome" in text  # NBSP between "Service" and "IndiHome"
    assert "Kita ini company publik" in text
    words = set(helpers.tokens(corpus)["text"])
    assert {"company", "publik", "sementara", "Netflix"} <= words
    assert not any("\xa0" in word or " " in word for word in words)


def test_curly_quotes_are_kept(article):
    assert "“Saya harus mengatakan" in article(BLOG)["text"]


def test_metadata_sources_say_where_each_value_came_from(corpus):
    sources = helpers.metadata_sources(corpus).set_index(["id", "field"])
    assert sources.loc[(LIPUTAN, "author"), "source"] == "text"
    assert sources.loc[(LIPUTAN, "author"), "evidence"].startswith("oleh Agustinus Mario Damar")
    assert sources.loc[(TELKOM, "published"), "source"] == "manifest"
    assert sources.loc[(BLOG, "author"), "source"] == "missing"
