"""Cleaning and metadata on Indonesian news pages: the development set (train) and two held-out sets written by others.

Each split is a folder of article pages ``<outlet>.txt``, the expected clean body of each as
``<outlet>.body.txt``, and ``expected.csv`` (file, outlet, place, published, author). The rules were
written looking at train only: held_out and held_out_2 (each written without seeing the rules, the second
measured once on the finished rules) measure whether they hold on pages they were not written for.
"""

from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import cleaning, reading

OUTLETS = Path(__file__).parent / "outlets"
SPLITS = ["train", "held_out", "held_out_2"]
MIN_PRECISION, MIN_RECALL, MIN_DATE_COVERAGE = 0.97, 0.98, 0.9
PRECISION_OF = {10: "day", 16: "minute"}  # length of an ISO value in expected.csv: 2020-01-09 or 2020-01-09 15:22


def words(text):
    """The set of lower-cased words of a text, as helpers.tokenize finds them (numbers, dates and punctuation left out)."""
    return {text[start:end].lower() for start, end, kind in helpers.tokenize(text) if kind == "word"}


@pytest.fixture(scope="module", params=SPLITS)
def split(request):
    """(expected.csv of the split, its corpus indexed by file, the folder)."""
    folder = OUTLETS / request.param
    if not folder.is_dir():
        pytest.skip(f"tests/outlets/{request.param}/ is absent: the held-out pages have not been written yet")
    expected = pd.read_csv(folder / "expected.csv", dtype=str, keep_default_na=False)
    # The expected bodies sit in the same folder and are read as articles too; only the pages are scored.
    corpus = helpers.load_corpus(folder).set_index("file").loc[expected["file"]]
    return expected, corpus, folder


def test_body_word_precision_and_recall(split):
    expected, corpus, folder = split
    true_positive = false_positive = false_negative = 0
    for file, text in zip(corpus.index, corpus["text"]):
        predicted, wanted = words(text), words((folder / file.replace(".txt", ".body.txt")).read_text(encoding="utf-8"))
        true_positive += len(predicted & wanted)
        false_positive += len(predicted - wanted)
        false_negative += len(wanted - predicted)
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, f"{folder.name}: precision {precision:.3f}, recall {recall:.3f}"


def test_published_dates_are_found_and_never_wrong(split):
    expected, corpus, folder = split
    printed = expected[expected["published"] != ""]
    found, wrong = 0, []
    for row in printed.itertuples():
        stamp, precision = corpus.loc[row.file, "published"], corpus.loc[row.file, "published_precision"]
        if pd.isna(stamp):
            continue
        wanted_precision = PRECISION_OF[len(row.published)]
        if reading.format_published(stamp, "day") != row.published[:10]:
            wrong.append((row.file, reading.format_published(stamp, precision), row.published))
        elif precision == wanted_precision or wanted_precision == "day":
            found += 1
        elif reading.format_published(stamp, wanted_precision) != row.published:
            wrong.append((row.file, reading.format_published(stamp, precision), row.published))
    assert not wrong, f"{folder.name}: wrong published dates {wrong}"
    assert found >= MIN_DATE_COVERAGE * len(printed), f"{folder.name}: {found} of {len(printed)} printed dates found"


def domain(outlet):
    """An outlet's domain from outlets.csv, however it is spelled (``TEMPO.CO``, ``Tempo.co``); "" for none."""
    if not isinstance(outlet, str) or not outlet:
        return ""
    table = cleaning.outlets().set_index("outlet")["domain"]
    return table.get(cleaning.outlet_name(outlet), outlet.lower())


@pytest.mark.parametrize("field", ["outlet", "place"])
def test_outlet_and_place_are_right(split, field):
    expected, corpus, folder = split
    same = domain if field == "outlet" else (lambda value: value if isinstance(value, str) else "")
    wrong = [(row.file, corpus.loc[row.file, field], getattr(row, field)) for row in expected.itertuples()
             if same(corpus.loc[row.file, field]) != same(getattr(row, field))]
    assert not wrong, f"{folder.name}: {wrong}"


def test_an_author_found_is_the_writer_never_the_editor(split):
    # Not every page prints a labelled byline (a bare name, or "Oleh :" on one line and the name on the next),
    # so an author may be missing; one that is found must be right.
    expected, corpus, folder = split
    wrong = [(row.file, author, row.author) for row, author in zip(expected.itertuples(), corpus["author"])
             if isinstance(author, str) and author != row.author]
    assert not wrong, f"{folder.name}: {wrong}"


# ------------------------------------------------------------ published dates in every common form


@pytest.mark.parametrize("line, published", [
    ("Senin, 15 Mei 2017 18:43 WIB", "2017-05-15 18:43"),
    ("15/05/2017, 18:43 WIB", "2017-05-15 18:43"),
    ("Kamis, 9 Jan 2020 15:22", "2020-01-09 15:22"),
    ("Diperbarui 09 Jan 2020, 15:22 WIB", "2020-01-09 15:22"),
    ("Minggu, 28 Desember 2014 | 10:15 WIB", "2014-12-28 10:15"),
    ("Senin 24 Feb 2020, 14:30 WIB", "2020-02-24 14:30"),
    ("24 Februari 2020 14:30 WIB", "2020-02-24 14:30"),
    ("Rabu, 09/01/2020 15:22 WIB", "2020-01-09 15:22"),
    ("Selasa, 25 Pebruari 2020 08:00 WITA", "2020-02-25 08:00"),
    ("Jumat, 13 Nopember 2020 19:05 WIT", "2020-11-13 19:05"),
    ("17 Agt 2019", "2019-08-17"),
    ("Sabtu, 21 Sept 2019 | 07:45 WIB", "2019-09-21 07:45"),
    ("Kompas.com - 24/02/2020, 14:30 WIB", "2020-02-24 14:30"),
])
def test_a_date_line_gives_the_published_time(line, published):
    corpus = helpers.from_texts({"a": f"Judul Berita Ini\n\n{line}\n\nWarga Bogor menyambut bus listrik baru.\n"})
    precision = "minute" if ":" in published else "day"
    assert reading.format_published(corpus["published"].item(), corpus["published_precision"].item()) == published
    assert corpus["published_precision"].item() == precision
    assert corpus["text"].item() == "Warga Bogor menyambut bus listrik baru."


@pytest.mark.parametrize("value", ["31 Februari 2020, 10:00", "12 Brumaire 2020", "30/02/2020", "24 Feb 2020, 25:10", "2020-13-01"])
def test_a_date_that_does_not_exist_is_no_date(value):
    assert reading.parse_published(value) == (pd.NaT, None)


def test_an_impossible_date_line_is_skipped_for_the_next_one_and_never_raises(tmp_path):
    page = "Judul Berita Ini\n\nSenin, 31 Februari 2020 10:00 WIB\nDiperbarui 24 Feb 2020, 14:30 WIB\n\nWarga Bogor menyambut bus listrik.\n"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    row = helpers.load_corpus(tmp_path).iloc[0]
    assert row["published"] == pd.Timestamp("2020-02-24 14:30")
    assert "31 Februari" not in row["text"]  # still removed as furniture
    sources = helpers.metadata_sources(helpers.load_corpus(tmp_path)).set_index("field")
    assert sources.loc["published", "evidence"] == "Diperbarui 24 Feb 2020, 14:30 WIB"


def test_the_byline_gives_the_writer_and_the_editor_is_no_author():
    page = "Judul Berita Ini\n\nEditor: Ruslan Hadi\nPenulis: Rina Puspita | Editor: Ade Kurniawan\n\nWarga Bogor menyambut bus listrik.\n"
    assert helpers.from_texts({"a": page})["author"].item() == "Rina Puspita"


@pytest.mark.parametrize("start, outlet, place", [
    ("Jakarta (ANTARA News) - ", "Antaranews.com", "Jakarta"),
    ("Jakarta (ANTARA) - ", "Antaranews.com", "Jakarta"),
    ("KOMPAS.com - ", "Kompas.com", None),
    ("JAKARTA, KOMPAS.com - ", "Kompas.com", "Jakarta"),
    ("TEMPO.CO, Jakarta - ", "Tempo.co", "Jakarta"),
    ("Liputan6.com, Jakarta - ", "Liputan6.com", "Jakarta"),
    ("Merdeka.com - ", "Merdeka.com", None),
    ("VIVA – ", "VIVA.co.id", None),
    ("VIVA.co.id – ", "VIVA.co.id", None),
    ("Suara.com - ", "Suara.com", None),
    ("Okezone - ", "Okezone.com", None),
    ("JAKARTA, okezone - ", "Okezone.com", "Jakarta"),
    ("REPUBLIKA.CO.ID, JAKARTA -- ", "Republika.co.id", "Jakarta"),
    ("TRIBUNNEWS.COM, JAKARTA - ", "Tribunnews.com", "Jakarta"),
    ("KapanLagi.com - ", "KapanLagi.com", None),
    ("Jakarta, detik -- ", "detik.com", "Jakarta"),
    ("Jakarta - ", None, "Jakarta"),
])
def test_a_dateline_is_read_and_taken_off_the_body(start, outlet, place):
    row = helpers.from_texts({"a": f"{start}Warga menyambut bus listrik baru.\n"}).iloc[0]
    assert row["text"] == "Warga menyambut bus listrik baru."
    assert (row["outlet"], row["place"]) == (outlet, place) or (pd.isna(row["outlet"]) and outlet is None and row["place"] == place)


# ------------------------------------------------------------ bad rule tables


@pytest.mark.parametrize("row, problem", [
    ({"rule": "broken", "action": "drop", "pattern": "(unclosed", "description": "x"}, "bad regular expression"),
    ({"rule": "broken", "action": "remove", "pattern": "x", "description": "x"}, "unknown action 'remove'"),
    ({"rule": "broken", "action": "drop", "pattern": "", "description": "x"}, "the pattern is empty"),
])
def test_a_bad_extra_rule_names_the_table_the_row_and_the_problem(seed_copy, row, problem):
    fine = {"rule": "fine", "action": "drop", "pattern": "x", "description": "x"}
    with pytest.raises(ValueError, match=rf"extra_rules, row 2 \(rule 'broken'\): {problem}"):
        helpers.load_corpus(seed_copy, extra_rules=pd.DataFrame([fine, row]))


def test_extra_rules_with_missing_columns_or_not_a_table(seed_copy):
    with pytest.raises(ValueError, match="extra_rules: missing column.*pattern, description"):
        helpers.load_corpus(seed_copy, extra_rules=pd.DataFrame({"rule": ["x"], "action": ["drop"]}))
    for wrong in [[("promo", "drop", "Tonton.*")], {"rule": "promo", "action": "drop"}, "Tonton.*"]:
        with pytest.raises(TypeError, match=r"extra_rules: expected a DataFrame with columns rule, action, pattern, description "
                                            r"or a list of rows .*got .*; for example extra_rules=\[\("):
            helpers.load_corpus(seed_copy, extra_rules=wrong)


def test_extra_rules_as_a_list_of_rows_work_like_a_table(seed_copy):
    (seed_copy / "promo.txt").write_text("Judul\n\nIsi berita yang panjang sekali di sini.\nTonton juga video pilihan.\n", encoding="utf-8")
    assert "Tonton" in helpers.load_corpus(seed_copy).set_index("id").loc["promo", "text"]
    rows = [("video_promo", "drop", r"Tonton juga video.*", "a video prompt")]
    as_rows = helpers.load_corpus(seed_copy, extra_rules=rows)
    as_table = helpers.load_corpus(seed_copy, extra_rules=pd.DataFrame(rows, columns=["rule", "action", "pattern", "description"]))
    pd.testing.assert_frame_equal(as_rows, as_table)
    assert "Tonton" not in as_rows.set_index("id").loc["promo", "text"]
    assert "video_promo" in set(helpers.removed(as_rows, extra_rules=rows)["rule"])
    with pytest.raises(ValueError, match=r"extra_rules, row 1 \(rule 'x'\): unknown action 'remove'"):
        helpers.load_corpus(seed_copy, extra_rules=[("x", "remove", "Tonton.*", "")])


@pytest.fixture
def own_data(tmp_path, monkeypatch):
    """helpers/data as a copy to break, with the cached tables forgotten before and after."""
    import shutil

    from helpers import _data

    shutil.copytree(_data.DATA, tmp_path / "data")
    monkeypatch.setattr(_data, "DATA", tmp_path / "data")
    caches = [_data.read_csv, cleaning._compiled_rules]
    for cache in caches:
        cache.cache_clear()
    yield tmp_path / "data"
    for cache in caches:
        cache.cache_clear()


def test_a_bad_row_in_boilerplate_csv_names_the_file_the_row_and_the_problem(own_data, seed_copy):
    path = own_data / "boilerplate.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'my_rule,drop,"[unclosed",A broken rule,any\n', encoding="utf-8")
    rows = len(pd.read_csv(path))
    with pytest.raises(ValueError, match=rf"helpers/data/boilerplate.csv, row {rows} \(rule 'my_rule'\): bad regular expression"):
        helpers.load_corpus(seed_copy)


def test_boilerplate_csv_without_a_column_names_the_file(own_data, seed_copy):
    table = pd.read_csv(own_data / "boilerplate.csv", dtype=str, keep_default_na=False)
    table.drop(columns="action").to_csv(own_data / "boilerplate.csv", index=False)
    with pytest.raises(ValueError, match="helpers/data/boilerplate.csv: missing column.*action"):
        helpers.load_corpus(seed_copy)


def test_every_shipped_rule_says_what_it_applies_to():
    rules = helpers.boilerplate_rules()
    assert (rules["applies_to"] != "").all() and rules["rule"].is_unique
    known = set(cleaning.outlets()["domain"]) | {"any"}
    assert set(rules["applies_to"]) <= known
