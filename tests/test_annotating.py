"""The annotating rules, on the seeds and on small made-up texts."""

import json
import re
from html import unescape

import pandas as pd
import pytest

import helpers
from conftest import BLOG, LIPUTAN, SEEDS, TELKOM

MARKS = r"<(sup|small)\b[^>]*>.*?</\1>"  # the label letters and speaker names show adds after spans


def made_up(*texts, published="2020-02-24"):
    """A corpus of made-up articles: just what the finders read."""
    return pd.DataFrame({
        "id": [f"t{i}" for i in range(len(texts))],
        "label": [f"t{i}" for i in range(len(texts))],
        "text": list(texts),
        "published": pd.to_datetime([published] * len(texts)),
    })


@pytest.fixture(scope="module")
def predicted(corpus):
    return helpers.annotate(corpus)


@pytest.fixture(scope="module")
def reference():
    return helpers.read_reference()


# ------------------------------------------------------------ on the seeds


def test_every_quote_speaker_and_every_date_is_right(predicted, reference):
    evaluation = helpers.evaluate(predicted, reference)
    scores = evaluation.scores.set_index(["layer", "label"])
    for layer in ["quotes", "dates"]:
        row = scores.loc[(layer, "all")]
        assert row["correct"] == row["reference"] == row["predicted"] == row["attributes_right"], layer
    assert evaluation.mismatches.empty


def test_entity_and_english_f1_meet_the_bar(predicted, reference):
    scores = helpers.evaluate(predicted, reference).scores.set_index(["layer", "label"])
    assert scores.loc[("entities", "all"), "f1"] >= 0.9
    assert scores.loc[("english", "all"), "f1"] >= 0.8


def test_a_titled_person_is_found_by_the_pattern(corpus):
    people = helpers.find_entities(corpus).query("label == 'PERSON'")
    assert "Kuek Yu-Chuang" in set(people["text"])  # "Managing Director Netflix Kuek Yu-Chuang"
    assert "Alex Rusli" in set(people["text"])  # "CEO Indosat, Alex Rusli"
    assert not set(helpers.gazetteer()["name"]) & set(people["text"]), "people must not come from the gazetteer"


def test_nickname_and_first_names_resolve_to_the_full_name(corpus):
    quotes = helpers.find_quotes(corpus)
    speakers = dict(zip(quotes["cue"] + "@" + quotes["id"], quotes["speaker"]))
    assert speakers[f"kata@{LIPUTAN}"] == "Siti Choiriana"  # "kata wanita karib disapa Ana ini"
    assert speakers[f"sambungnya@{TELKOM}"] == "Siti Choiriana"
    assert speakers[f"tambahnya@{BLOG}"] == "Alex Rusli"


def test_the_blog_states_a_weekday_the_calendar_contradicts(corpus):
    dates = helpers.find_dates(corpus).set_index("text")
    row = dates.loc["Senin kemarin tepatnya 16 Juni 2017"]
    assert row["date"] == "2017-06-16" and row["weekday_stated"] == "Senin" and row["weekday_ok"] is False


def test_english_is_what_the_dictionary_does_not_list(corpus):
    english = set(helpers.find_english(corpus)["text"])
    assert {"video on demand", "take down", "back to basic", "online", "e-commerce"} <= english
    assert not {"internet", "digital", "data", "B2B"} & english


@pytest.mark.parametrize("word", ["online", "streaming", "e-commerce", "sustainable", "broadband"])
def test_web_frequent_english_is_english(word):
    assert helpers.classify_word(word) == "english"


@pytest.mark.parametrize("word", ["internet", "media", "legal", "data", "aplikasi"])
def test_words_the_dictionary_lists_are_not_english(word):
    assert helpers.classify_word(word) != "english"


def test_every_span_slices_back_to_its_text(corpus, predicted):
    texts = corpus.set_index("id")["text"]
    for row in predicted.itertuples():
        assert texts[row.id][row.start : row.end] == row.text


# ------------------------------------------------------------ the reference annotations


def test_reference_offsets_match_their_text(corpus, reference):
    texts = corpus.set_index("id")["text"]
    for row in reference.itertuples():
        assert texts[row.id][row.start : row.end] == row.text, (row.id, row.layer, row.text)


def test_reference_quotes_have_speakers_and_dates_have_iso_values(reference):
    assert reference.loc[reference["layer"] == "quotes", "speaker"].notna().all()
    dates = reference[reference["layer"] == "dates"]
    assert dates["date"].str.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?").all()
    assert set(reference["layer"]) == set(helpers.annotating.LAYERS)


# ------------------------------------------------------------ made-up texts


def test_nya_cue_after_two_speakers_means_the_last_one():
    text = ('"Kami siap bekerja sama," ujar Budi Santoso.\n\n'
            'Direktur Utama PT Maju, Rina Wati, menanggapi hal itu.\n\n'
            '"Kami belum sepakat soal harga," tuturnya.')
    quotes = helpers.find_quotes(made_up(text))
    assert list(quotes["speaker"]) == ["Budi Santoso", "Rina Wati"]
    assert list(quotes["cue"]) == ["ujar", "tuturnya"]


def test_curly_quote_over_two_sentences():
    text = "“Harga naik. Kami tidak bisa menahannya,” kata Menteri Keuangan, Sri Mulyani, di Jakarta."
    quotes = helpers.find_quotes(made_up(text))
    assert quotes["text"].item() == "“Harga naik. Kami tidak bisa menahannya,”"
    assert quotes["speaker"].item() == "Sri Mulyani"


def test_a_role_and_a_name_with_nothing_between_them_is_a_known_limit():
    # Without a comma or a known organisation, the rule cannot tell where "Menteri Keuangan" ends:
    # "Keuangan" (finance) and "Sri" are both dictionary words, so only "Mulyani" is taken for the name.
    text = "“Harga naik,” kata Menteri Keuangan Sri Mulyani di Jakarta."
    assert helpers.find_quotes(made_up(text))["speaker"].tolist() == ["Mulyani"]


def test_a_long_quote_without_speaker_keeps_speaker_none_and_a_short_quoted_name_is_no_quote():
    text = 'Acara bernama "Buka Bersama" digelar. "Ini kutipan panjang yang tidak pernah menyebut siapa pembicaranya."'
    quotes = helpers.find_quotes(made_up(text))
    assert len(quotes) == 1 and quotes["speaker"].isna().all()


def test_year_less_date_takes_its_year_from_the_article_never_from_today():
    dates = helpers.find_dates(made_up("Ia datang Kamis (9/1) lalu.", published="2020-02-24"))
    assert dates["date"].item() == "2020-01-09" and dates["weekday_ok"].item() is True
    # Published on 5 January: 9 January would be in the future, so it is the year before.
    dates = helpers.find_dates(made_up("Ia datang Kamis (9/1) lalu.", published="2020-01-05"))
    assert dates["date"].item() == "2019-01-09" and dates["weekday_ok"].item() is False


def test_durations_and_bare_numbers_are_not_dates():
    text = "Mereka harus take down konten dalam 1X24 jam atau 2x24 jam, layanan 24/7, harga 15/20 ribu."
    assert helpers.find_dates(made_up(text)).empty


def test_an_impossible_date_is_flagged_not_invented():
    dates = helpers.find_dates(made_up("Rapat digelar Senin (31/2/2020)."))
    assert dates["date"].isna().all() and "no such day" in dates["problem"].item()


def test_month_and_year_only_and_year_only():
    dates = helpers.find_dates(made_up("Layanan ditutup Juni 2017. Netflix hadir sejak 2016."))
    assert list(dates["date"]) == ["2017-06", "2016"]


def test_show_escapes_html_in_the_article():
    corpus = made_up('Situs itu memuat <script>alert("x")</script> &amp; kata Budi.')
    html = helpers.show(corpus, "t0", helpers.annotate(corpus)).html
    assert "<script" not in html and "&lt;" in html
    shown = unescape(re.sub(r"<[^>]+>", "", re.sub(MARKS, "", html)))  # the text as written, "&amp;" included
    assert 'Situs itu memuat <script>alert("x")</script> &amp; kata Budi.' in shown
    assert "Budi<sup" in html  # and the label letter after the name


def test_show_nests_overlapping_spans_and_names_the_speaker(corpus, predicted):
    html = helpers.show(corpus, "Liputan6", predicted).html
    assert 'title="quotation: Siti Choiriana (kata)"' in html
    assert "[Siti Choiriana]</small> kata wanita" in html  # printed after the quotation, not only in the hover title
    assert 'lang="id"' in html
    assert repr(helpers.show(corpus, "Liputan6", predicted)).startswith(LIPUTAN)


def test_show_tells_entity_labels_apart_without_colour(corpus, predicted):
    """Greyscale keeps line styles and letters, not hues: each label has its own border style and letter."""
    styles = {label: helpers.rendering.STYLES[("entities", label)] for label in ["PERSON", "ORG", "PLACE"]}
    borders = {re.search(r"border:[^;]*\b(solid|dashed|dotted|double)\b", style).group(1) for style in styles.values()}
    assert len(borders) == len(styles)
    html = helpers.show(corpus, "Liputan6", predicted, layers=["entities"]).html
    text = html.split('lang="id"', 1)[1]  # after the legend
    letters = re.findall(r">([A-Z])</sup></span>", text)
    assert set(letters) == set(helpers.rendering.LETTERS.values())
    entities = predicted[(predicted["id"] == LIPUTAN) & (predicted["layer"] == "entities")]
    assert len(letters) == len(entities)  # one letter per entity, however many segments overlaps cut it into


def test_exports_round_trip(tmp_path, corpus, predicted):
    csv = helpers.to_standoff_csv(predicted, tmp_path / "spans.csv")
    assert len(pd.read_csv(csv)) == len(predicted)
    lines = helpers.to_jsonl(corpus, predicted, tmp_path / "spans.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert len(lines) == len(corpus)
    assert all(first["text"][s:e] for s, e, _ in first["label"])


def test_exports_refuse_to_write_into_seeds(predicted):
    with pytest.raises(ValueError, match="will not write into seeds"):
        helpers.to_standoff_csv(predicted, SEEDS / "oops.csv")
    assert not (SEEDS / "oops.csv").exists()


def test_evaluate_counts_misses_false_alarms_and_wrong_speakers(reference):
    quotes = reference[reference["layer"] == "quotes"].copy()
    predicted = quotes.iloc[1:].copy()  # one miss
    predicted.loc[predicted.index[0], "speaker"] = "Somebody Else"  # one wrong speaker
    predicted = pd.concat([predicted, quotes.iloc[:1].assign(start=0, end=5)])  # one false alarm
    evaluation = helpers.evaluate(predicted, quotes)
    row = evaluation.scores.set_index("label").loc["QUOTE"]
    assert (row["reference"], row["predicted"], row["correct"]) == (11, 11, 10)
    assert row["attributes_right"] == 9
    assert len(evaluation.misses) == 1 and len(evaluation.false_alarms) == 1
    assert evaluation.mismatches["speaker_predicted"].item() == "Somebody Else"


def test_from_texts_cleans_like_load_corpus():
    corpus = helpers.from_texts({"mine": "Budi datang.\nSCROLL TO CONTINUE WITH CONTENT\nIa pulang.\n"}, published="2020-01-01")
    assert corpus["text"].item() == "Budi datang.\n\nIa pulang."
    assert corpus["published"].item() == pd.Timestamp("2020-01-01") and corpus["n_paragraphs"].item() == 2


def test_spans_for_finds_every_whole_word_occurrence(corpus):
    # "Siti Choiriana" once, "Siti" alone twice: three whole-word occurrences.
    spans = helpers.spans_for(corpus, "detik", [("Siti", "PERSON")], "entities")
    texts = corpus.set_index("id")["text"]
    assert len(spans) == 3 and all(texts[r.id][r.start : r.end] == "Siti" for r in spans.itertuples())
    with pytest.raises(KeyError, match="does not occur"):
        helpers.spans_for(corpus, "detik", [("Budi", "PERSON")], "entities")


def test_evaluate_takes_spans_without_attribute_columns_and_names_missing_ones(corpus, reference):
    mine = helpers.spans_for(corpus, "detik", [("Siti", "PERSON")], "entities")
    scores = helpers.evaluate(mine, reference[reference["layer"] == "entities"]).scores
    # "Siti" inside the reference span "Siti Choiriana" is no exact match: 2 of the 3 are correct.
    assert scores.set_index("label").loc["PERSON", "correct"] == 2
    with pytest.raises(ValueError, match="missing: layer"):
        helpers.evaluate(mine.drop(columns="layer"), reference)


def test_word_classes():
    assert helpers.classify_word("company") == "english"
    assert helpers.classify_word("internet") == "shared"
    assert helpers.classify_word("layanan") == "indonesian"
    assert helpers.classify_word("addres") == "rare"


# ---------------------------------------------------------------- beyond the seeds
# The entity rules were written on idner-news-2k's train split and the seeds; dev.txt measures
# them on news they were not written for. Floors sit a little below the measured scores (dev,
# 4 December 2026: recall PERSON 0.851, ORG 0.79, PLACE 0.868; precision 0.851), so a rule change that
# only fits the seeds fails here. PLACE's floor is the target, 0.85; precision's sits under its
# target (0.85), met by one span, so that one span more or less does not turn the suite red.


@pytest.fixture(scope="module")
def dev_scores():
    dev = helpers.read_conll("dev")
    scores = helpers.evaluate(helpers.find_entities(dev.articles), dev.spans, match="lenient").scores
    return scores.set_index("label")


@pytest.mark.parametrize("label, recall", [("PERSON", 0.83), ("ORG", 0.76), ("PLACE", 0.85)])
def test_entity_recall_on_news_the_rules_were_not_written_for(dev_scores, label, recall):
    assert dev_scores.loc[label, "recall"] >= recall


def test_entity_precision_on_news_the_rules_were_not_written_for(dev_scores):
    assert dev_scores.loc["all", "precision"] >= 0.84


def test_entity_scores_on_the_split_the_rules_were_written_on():
    # Train (4 December 2026): recall PERSON 0.845, ORG 0.79, PLACE 0.84; precision 0.888. Beside the dev floors
    # above, a large gap between the two splits would say the rules fit train's sentences, not news.
    train = helpers.read_conll("train")
    scores = helpers.evaluate(helpers.find_entities(train.articles), train.spans, match="lenient").scores.set_index("label")
    assert scores.loc["PERSON", "recall"] >= 0.82 and scores.loc["ORG", "recall"] >= 0.76
    assert scores.loc["PLACE", "recall"] >= 0.82 and scores.loc["all", "precision"] >= 0.87


def test_english_on_the_seeds_follows_the_dictionary_test(predicted, reference):
    scores = helpers.evaluate(predicted, reference).scores.set_index(["layer", "label"])
    assert scores.loc[("english", "all"), "recall"] >= 0.85 and scores.loc[("english", "all"), "precision"] >= 0.85


def test_places_come_from_bps_and_cldr_with_aliases():
    places = helpers.gazetteer().set_index("name")
    assert places.loc["Aceh Singkil", "entity"] == places.loc["Kabupaten Aceh Singkil", "entity"] == "Aceh Singkil"
    assert places.loc["AS", "entity"] == places.loc["Amerika Serikat", "entity"] == "Amerika Serikat"
    assert places.loc["Tiongkok", "label"] == places.loc["Kairo", "label"] == "PLACE"


def test_people_are_found_by_pattern_on_made_up_news():
    text = ("Gubernur Jawa Tengah Rahmat Sutisna meninjau banjir di Kabupaten Demak. Menurut Kepala BPBD "
            "Demak, Sulastri Wijayanti, air mulai surut. Komisi Pemberantasan Korupsi (KPK) juga hadir. "
            "Sutisna menilai KPK perlu mengawasi dana bantuan, kata juru bicara Partai Amanat Nasional.")
    entities = helpers.find_entities(made_up(text)).set_index("text")
    assert entities.loc["Rahmat Sutisna", "label"] == "PERSON" and entities.loc["Sutisna", "entity"] == "Rahmat Sutisna"
    assert entities.loc["Sulastri Wijayanti", "label"] == "PERSON"
    assert entities.loc["Kabupaten Demak", "label"] == "PLACE" and entities.loc["Kabupaten Demak", "entity"] == "Demak"
    assert "Jawa Tengah" not in entities.index  # "Gubernur Jawa Tengah": the province describes the governor
    assert entities.loc["Komisi Pemberantasan Korupsi", "label"] == "ORG"
    assert set(entities.loc["KPK", "entity"]) == {"Komisi Pemberantasan Korupsi"}
    assert entities.loc["Partai Amanat Nasional", "label"] == "ORG"


@pytest.mark.parametrize("text, place, marked", [
    ("Serangan militer Israel berlanjut.", "Israel", False),  # the Israeli military
    ("Roket ditembakkan ke Israel pada Senin.", "Israel", True),
    ("Warga belajar bahasa Inggris setiap pagi.", "Inggris", False),
    ("Menteri Kebudayaan Yunani hadir dalam acara itu.", "Yunani", False),
    ("Israel melancarkan operasi baru pada Senin.", "Israel", False),  # a state acting, not a location
    ("London adalah kota termahal di Eropa.", "London", True),
    ("Pasukan bergerak ke arah Pakistan.", "Pakistan", True),
    ("Rombongan menyeberang ke kota Medan.", "Medan", True),
    ("Juru bicara itu menegaskan bahwa Israel harus mundur.", "Israel", False),  # acts, after a clause opener
    ("Relawan dari Jakarta dan Israel tiba kemarin.", "Israel", True),  # listed after dan: still a location
    ("Kerugian di pihak Israel belum diketahui.", "Israel", False),  # the Israeli side
    ("Wartawan menunggu di gedung DPR sejak pagi.", "DPR", True),  # the building: a place, not the parliament
    ("Banjir besar melanda Bulawayo pekan lalu.", "Bulawayo", True),  # a GeoNames city, in no other list
    ("Rob merendam kawasan pesisir Kota Pekalongan.", "Kota Pekalongan", True),  # after a place noun: a location
    ("Menurut dia, Jepang ingin menambah investasi.", "Jepang", False),  # acts, after a comma
    ("Dewan itu mendesak Rusia menarik pasukannya.", "Rusia", False),  # the object that then acts
    ("Presiden mengunjungi Singapura pekan lalu.", "Singapura", True),  # after a verb: where the visit goes
    ("Duta Besar Jepang untuk Malaysia Hiroshi Tanaka hadir.", "Jepang", False),  # in a title: whose the role is
    ("Duta Besar Jepang untuk Malaysia Hiroshi Tanaka hadir.", "Malaysia", True),  # … and after untuk, where
    ("Berkas itu diserahkan di Kantor Badan Pengawas Pemilu kemarin.", "Kantor Badan Pengawas Pemilu", True),  # the office
    ("Pemberontak menguasai Tolmaria, wilayah yang disengketakan.", "Tolmaria", True),  # a place noun after a comma
    ("Kelompok anti-Rusia berdemo di pusat kota.", "Rusia", False),  # a stance, not a location
    ("Banjir besar melanda Myanmar pekan lalu.", "Myanmar", True),  # CLDR's Myanmar (Burma), read without the brackets
    ("Badai itu melanda Queensland dan Texas.", "Queensland", True),  # a GeoNames region
    ("Para menteri luar negeri Jepang dan Korea Selatan bertemu.", "Korea Selatan", False),  # listed after one that describes
    ("Lomba itu diikuti siswa se-Jawa Timur.", "Jawa Timur", True),
    ("Ia berasal dari negara bagian Sarvania di utara.", "Sarvania", True),
])
def test_a_place_is_marked_where_it_names_a_location(text, place, marked):
    entities = helpers.find_entities(made_up(text))
    assert (place in set(entities.loc[entities["label"] == "PLACE", "text"])) is marked


def test_unknown_names_listed_with_a_place_or_in_an_address_are_places():
    text = ("Ia makan di Warung Sederhana, Cikarangbaru, Jakarta Pusat, pada Senin. TPS dibuka di Medan dan "
            "Tanjungraya.")
    places = set(helpers.find_entities(made_up(text)).query("label == 'PLACE'")["text"])
    assert {"Cikarangbaru", "Tanjungraya"} <= places


@pytest.mark.parametrize("text, name, label", [
    ("Saham perusahaan Solvarin naik tajam pekan ini.", "Solvarin", "ORG"),  # a company
    ("Laporan itu dikutip kantor berita Jepang Kyodara.", "Kyodara", "ORG"),  # a news agency, a nationality between
    ("Para ahli menemukan spesies Kalomentis di hutan itu.", "Kalomentis", None),  # a species: no entity
    ("Angkatan laut menguji rudal Bendarak di lepas pantai.", "Bendarak", None),  # a missile
    ("Hewan Solenodon ini memiliki air liur beracun.", "Solenodon", None),  # a kind noun opening the sentence
    ("Tawaran Georgia-Pacific itu ditolak pemegang saham.", "Tawaran Georgia-Pacific", None),  # an affixed noun starts no name
    ("Kapal itu terjebak Badai Tropis Marenka di utara.", "Badai Tropis Marenka", None),  # a kind noun opens the name
    ("Bantuan datang dari warga Tolawe kemarin.", "Tolawe", None),  # a people, or a place's residents
    ("Ia meluncurkan memoar berjudul “Sarumpaet Pulang” kemarin.", "Sarumpaet Pulang", None),  # a title in quotes
    ("Dana itu disimpan di Solvaris, sebuah bank di Swiss.", "Solvaris", "ORG"),  # a kind noun after a comma
    ("Pasukan Tolmaria telah merebut bandara itu.", "Tolmaria", "ORG"),  # a force
    ("Bentrokan pecah antara tentara dan pemberontak Kaluri.", "Kaluri", None),  # rebels of a people
    ("Ia bekerja untuk Organisasi Pangan Dunia sejak 2010.", "Organisasi Pangan Dunia", "ORG"),  # the kind noun opens it
])
def test_a_kind_noun_says_what_a_name_after_it_names(text, name, label):
    entities = helpers.find_entities(made_up(text)).set_index("text")
    if label is None:
        assert name not in entities.index or entities.loc[name, "label"] != "PERSON"
    else:
        assert entities.loc[name, "label"] == label


@pytest.mark.parametrize("text, expected", [
    ("Menteri ESDM Arifin Tasrif hadir.", [("Arifin Tasrif", "PERSON")]),  # a name of dictionary words after an acronym
    ("Pemerintah Jepang dan Indonesia sepakat.", [("Pemerintah Jepang", "ORG"), ("Indonesia", "PLACE")]),  # two, not one
    ("Investor asing tertarik pada Blok Masela.", [("Blok Masela", "PLACE")]),  # an oil and gas block
    ("Direktur Eksekutif Institute for Essential Services Reform (IESR) Fabby Tumiwa menilai positif.",
     [("Institute for Essential Services Reform", "ORG"), ("IESR", "ORG"), ("Fabby Tumiwa", "PERSON")]),
])
def test_titles_names_and_lists_as_a_news_agency_writes_them(text, expected):
    entities = helpers.find_entities(made_up(text))
    assert [tuple(row) for row in entities[["text", "label"]].values.tolist()] == expected


def test_a_syllabic_acronym_in_brackets_names_the_organisation_before_it():
    text = "Kepolisian Resor Kota Besar (Polrestabes) Makassar menangkap AR. PT Pertamina (Persero) menaikkan harga."
    entities = helpers.find_entities(made_up(text))
    assert set(entities.loc[entities["text"] == "Polrestabes", "entity"]) == {"Kepolisian Resor Kota Besar"}
    assert "Persero" not in set(entities["text"])  # a legal form in brackets, a dictionary word: no alias


def test_an_acronym_in_brackets_after_a_person_names_that_person():
    entities = helpers.find_entities(made_up("Presiden Susilo Bambang Yudhoyono (SBY) hadir. SBY lalu pulang."))
    assert set(entities.loc[entities["text"] == "SBY", "entity"]) == {"Susilo Bambang Yudhoyono"}


def test_common_words_running_into_a_place_name_an_institution():
    entities = helpers.find_entities(made_up("Bantuan datang dari Palang Merah Indonesia dan Ikatan Dokter Indonesia."))
    assert entities[["text", "label"]].values.tolist() == [["Palang Merah Indonesia", "ORG"], ["Ikatan Dokter Indonesia", "ORG"]]


@pytest.mark.parametrize("text, name", [
    ("Partai itu lalu mengusulkan Sutrisno Haiti sebagai calon.", "Sutrisno Haiti"),  # a country as a surname
    ("Dukungan mengalir kepada Rahmat Suryadharma Darwin.", "Rahmat Suryadharma Darwin"),  # a city as a surname
])
def test_a_known_name_that_ends_a_persons_name_is_the_surname(text, name):
    entities = helpers.find_entities(made_up(text))
    assert entities[["text", "label"]].values.tolist() == [[name, "PERSON"]]


def test_a_name_the_article_calls_a_person_stays_a_person_after_ke_or_dari():
    text = "Jaksa Rudolf Sarumpaet menerima berkas itu. Uang itu lalu diserahkan ke Sarumpaet."
    entities = helpers.find_entities(made_up(text))
    assert set(entities.loc[entities["text"] == "Sarumpaet", "label"]) == {"PERSON"}


@pytest.mark.parametrize("row, problem", [
    (("rudal", "before", "WEAPON"), r"row 3 \('rudal'\): label 'WEAPON' is none of ORG, PLACE, -"),
    (("rudal", "after", "-"), r"row 3 \('rudal'\): position 'after' is none of before, last, pair"),
    (("Kabinet", "pair", "-"), r"row 3 \('Kabinet'\): a noun before a name must be a lower-case word"),
    (("Rudal", "before", "-"), r"row 3 \('Rudal'\): a noun before a name must be a lower-case word"),
])
def test_a_bad_kind_noun_row_names_the_file_and_row(monkeypatch, row, problem):
    bad = pd.DataFrame([("perusahaan", "before", "ORG", ""), (*row, "")], columns=["noun", "position", "label", "note"])
    monkeypatch.setattr(helpers.vocabulary, "read_csv", lambda name: bad)
    with pytest.raises(ValueError, match=r"helpers/data/kind_nouns\.csv, " + problem):
        helpers.vocabulary.kind_nouns()


@pytest.mark.parametrize("text, name, label", [
    ("Ia menerima Ramon Magsaysay Award tahun lalu.", "Ramon Magsaysay Award", None),  # an award
    ("Pameran digelar di Kemang Convention Center pekan ini.", "Kemang Convention Center", "PLACE"),
    ("Harga saham Pioneer Electronic turun.", "Pioneer Electronic", "ORG"),  # an English organisation cue at the end
])
def test_the_last_word_of_a_name_can_say_what_it_names(text, name, label):
    entities = helpers.find_entities(made_up(text))
    found = entities.loc[entities["text"] == name, "label"]
    assert (set(found) == {label}) if label else "PERSON" not in set(found)


@pytest.mark.parametrize("text, word", [
    ("Harga naik hingga Rp100 per liter.", "Rp100"),
    ("Pilpres digelar tahun depan.", "Pilpres"),
    ("Ia menolak tuduhan terhadap anggota Dewan itu.", "Dewan"),
    ("Suratkabar itu terbit pagi ini.", "Suratkabar"),  # two dictionary words run together
    ("Ketidaksiap-siagaan petugas dikritik warga.", "Ketidaksiap"),  # the run stops at a hyphen inside the word
    ("Ia maju sebagai calon gubernur pada Pilkada 2018.", "Pilkada"),  # a preposition after a role: no name follows
    ("Kata Pemilu itu disebut berkali-kali, ujar Pansel kemarin.", "Pansel"),  # a speaker cue admits no common_capitalised word
    ("Ia menulis di akun Twitter @ Sarumpaet kemarin.", "Sarumpaet"),  # a handle (tokenized as idner-news-2k writes it)
    ("Pasca Pemilu 2024 harga naik.", "Pasca Pemilu"),
])
def test_amounts_acronyms_and_cue_words_are_not_people(text, word):
    people = helpers.find_entities(made_up(text)).query("label == 'PERSON'")
    assert word not in set(people["text"])


@pytest.mark.parametrize("text, expected", [
    # two leaders joined by a hyphen, after a noun for what they lead: a government or a camp, not a person
    ("Program itu dicanangkan pemerintahan Suharjo-Kusnadi tahun lalu.", []),
    ("Pasangan Suharjo-Kusnadi meraih suara terbanyak.", [("Suharjo-Kusnadi", "PERSON")]),
    # an acronym nobody introduced, before a place: that place's branch of an institution
    ("Gugatan itu didaftarkan ke PN Surabaya kemarin.", [("PN Surabaya", "ORG")]),
    ("Pada abad XIX Surabaya menjadi kota pelabuhan.", [("Surabaya", "PLACE")]),  # a Roman numeral is no acronym
    # a name in brackets is another name for the one before it, or for lower-case words: no one
    ("Ia bertemu Presiden Joko Widodo (Jokowi) kemarin. Jokowi lalu pulang.",
     [("Joko Widodo", "PERSON"), ("Jokowi", "PERSON"), ("Jokowi", "PERSON")]),
    ("Data itu dari badan pusat statistik daerah (Bapesda).", []),
    # an acronym of three letters or more opens an organisation's name, unless unexplained names follow it
    ("Harga gas ditetapkan BPGN Migas pekan lalu.", [("BPGN Migas", "ORG")]),
    # a capital inside a word: a brand or a company, unless a surname particle comes before it
    ("Harga saham SolvaTech naik, kata McAllister.", [("SolvaTech", "ORG"), ("McAllister", "PERSON")]),
    # three or more common English words are a title or an event, not a person
    ("Mereka menonton Operation Desert Storm semalam.", []),
])
def test_pairs_branches_brackets_and_english_phrases(text, expected):
    entities = helpers.find_entities(made_up(text))
    assert [tuple(row) for row in entities[["text", "label"]].values.tolist()] == expected


def test_names_nobody_explains_after_an_acronym_are_a_person_not_the_organisation():
    entities = helpers.find_entities(made_up("Pendukung ZDP Morgan Tsvangirai berkumpul."))
    assert set(entities.loc[entities["text"].str.contains("Morgan Tsvangirai"), "label"]) == {"PERSON"}


def test_an_acronym_that_spells_a_longer_name_than_the_gazetteer_knows_takes_the_longer_name():
    entities = helpers.find_entities(made_up("Petugas Badan Narkotika Nasional Provinsi (BNNP) menyita sabu. BNNP lalu menahan dua orang."))
    assert entities[["text", "label", "entity"]].values.tolist() == [
        ["Badan Narkotika Nasional Provinsi", "ORG", "Badan Narkotika Nasional Provinsi"],
        ["BNNP", "ORG", "Badan Narkotika Nasional Provinsi"], ["BNNP", "ORG", "Badan Narkotika Nasional Provinsi"]]


def test_a_later_mention_that_completes_a_role_is_the_role():
    text = "Kami menolak, ujar Agung. Nama calon Jaksa Agung belum diumumkan."
    entities = helpers.find_entities(made_up(text))
    assert entities[["text", "label"]].values.tolist() == [["Agung", "PERSON"]]


def test_a_thing_after_a_comma_opens_the_next_clause_and_leaves_the_name_a_person():
    entities = helpers.find_entities(made_up("Menurut Sulastri Wijayanti, binatang ini langka."))
    assert entities[["text", "label"]].values.tolist() == [["Sulastri Wijayanti", "PERSON"]]


def test_a_geonames_place_that_is_a_given_name_starts_a_persons_name():
    entities = helpers.find_entities(made_up("Ia mengutip Nelson Mandela dan Victoria Sarumpaet dalam pidatonya."))
    assert entities[["text", "label"]].values.tolist() == [["Nelson Mandela", "PERSON"], ["Victoria Sarumpaet", "PERSON"]]


@pytest.mark.parametrize("text", ["Menteri Kebudayaan Darsono Wiratmaja hadir.", "Direktur Pemasaran Darsono Wiratmaja hadir."])
def test_an_affixed_portfolio_after_a_role_is_the_title_not_the_name(text):
    entities = helpers.find_entities(made_up(text))
    assert entities[["text", "label"]].values.tolist() == [["Darsono Wiratmaja", "PERSON"]]
