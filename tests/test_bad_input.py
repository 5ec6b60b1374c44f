"""Bad input, tried as a hostile user would: one error type naming the file, skip means skip, no silent garbling.

Every per-file problem is an ``ArticleError`` naming the file (and the row or line) and the problem;
``on_error="skip"`` loads the other files and ``file_report`` lists the bad one with its problem.
"""

import csv
import os
from pathlib import Path

import pandas as pd
import pytest

import helpers
from conftest import SEEDS

GOOD = "Judul Berita\n\nBudi datang ke Jakarta pada Senin untuk rapat.\n".encode()


def folder_with(tmp_path, files):
    """A folder holding ``files`` ({name: bytes}) and a good article, good.txt."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, data in {"good.txt": GOOD, **files}.items():
        (folder / name).write_bytes(data)
    return folder


def problem_of(folder, name):
    """The one file's problem: raised by load_corpus, skipped by on_error="skip", and listed by file_report."""
    with pytest.raises(helpers.ArticleError) as caught:
        helpers.load_corpus(folder)
    lines = [line for line in str(caught.value).splitlines() if name in line]
    assert lines, f"{name} is not named in: {caught.value}"
    assert "good" in set(helpers.load_corpus(folder, on_error="skip")["id"])
    report = helpers.file_report(folder).set_index("file")
    assert report.loc[name, "status"] != "ok"
    assert report.loc["good.txt", "status"] == "ok"
    return lines[0], report.loc[name, "status"]


# ------------------------------------------------------------ one error type


@pytest.mark.parametrize(
    "data, says",
    [
        (b"\xff\xfe" + "Budi datang ke Jakarta.".encode("utf-16-le") + b"B", "ends in the middle of a character"),
        (b"\xff\xfe" + bytes(range(256)) * 4, "not valid UTF-16"),
        (b"\xfe\xff" + "Budi".encode("utf-16-be") + b"\xdc\x00\xdc\x00", "not valid UTF-16"),
    ],
    ids=["utf-16 cut short", "utf-16 mark then binary", "utf-16-be lone surrogates"],
)
def test_a_broken_utf16_file_is_an_article_error(tmp_path, data, says):
    message, status = problem_of(folder_with(tmp_path, {"bad.txt": data}), "bad.txt")
    assert says in message and says in status


def test_a_file_that_cannot_be_read_is_an_article_error(tmp_path, monkeypatch):
    folder = folder_with(tmp_path, {"locked.txt": GOOD})
    read_bytes = Path.read_bytes

    def refuse(path):  # tests run as root in CI, where chmod 000 does not stop a read
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    message, status = problem_of(folder, "locked.txt")
    assert "cannot be read: Permission denied" in message and "Permission denied" in status


@pytest.mark.parametrize(
    "manifest, says",
    [
        (b"id,title\ngood,Judul\nx,y,z,w\n", "manifest.csv: cannot be read as a table"),
        (b"name,title\ngood,Judul\n", "manifest.csv: has no id column"),
        (b"id,title\ngood,Satu\ngood,Dua\n", "manifest.csv, rows 2 and 3: the id 'good' is given twice"),
        (b"id,published\ngood,kemarin\n", "manifest.csv, row 2: published 'kemarin' is not a date"),
        (b"id,published\ngood,2020-02-31\n", "manifest.csv, row 2: published '2020-02-31' is not a date"),
    ],
    ids=["malformed", "no id", "duplicate ids", "not a date", "no such day"],
)
def test_a_bad_manifest_is_an_article_error_naming_the_row(tmp_path, manifest, says):
    folder = folder_with(tmp_path, {"manifest.csv": manifest})
    with pytest.raises(helpers.ArticleError, match=says):
        helpers.load_corpus(folder)
    if "row" not in says:  # a bad table: the articles load without it (a bad row: test_a_bad_manifest_row_skips_only_its_article)
        assert list(helpers.load_corpus(folder, on_error="skip")["id"]) == ["good"]
    assert says.split(": ", 1)[1] in " ".join(helpers.file_report(folder)["status"])


def test_a_bad_manifest_row_skips_only_its_article(tmp_path):
    folder = folder_with(tmp_path, {"other.txt": GOOD, "manifest.csv": b"id,published\ngood,kemarin\nother,2020-02-24\n"})
    corpus = helpers.load_corpus(folder, on_error="skip")
    assert list(corpus["id"]) == ["other"] and corpus["published"].item() == pd.Timestamp("2020-02-24")


def test_a_cp1252_manifest_is_read_like_an_article(tmp_path):
    folder = folder_with(tmp_path, {"manifest.csv": "id,title\ngood,Kafé “Zürich”\n".encode("cp1252")})
    assert helpers.load_corpus(folder)["title"].item() == "Judul Berita"  # the text's own headline wins
    (tmp_path / "b").mkdir()
    folder = folder_with(tmp_path / "b", {"manifest.csv": "id,author\ngood,Siti Zürich\n".encode("cp1252")})
    assert helpers.load_corpus(folder)["author"].item() == "Siti Zürich"


def test_byline_dates_that_are_no_date_leave_published_empty(tmp_path):
    folder = folder_with(tmp_path, {"agt.txt": "Judul\n\nOleh Budi - 31 Feb 2020\n\nBudi datang ke Jakarta.\n".encode()})
    corpus = helpers.load_corpus(folder).set_index("id")
    assert pd.isna(corpus.loc["agt", "published"])


# ------------------------------------------------------------ no silent mis-decoding


def test_utf8_with_one_bad_byte_stays_utf8_and_says_where(tmp_path):
    text = "Judul\n\n“Kami siap bekerja,” kata Budi di Zürich.\n"
    folder = folder_with(tmp_path, {"a.txt": text.encode().replace(b"siap", b"si\xffap")})
    with pytest.warns(UserWarning, match=r"a\.txt: 1 byte is not UTF-8"):
        row = helpers.load_corpus(folder).set_index("id").loc["a"]
    assert row["encoding"] == "utf_8"
    assert "“Kami si\ufffdap bekerja,” kata Budi di Zürich." in row["text"]
    assert row["warnings"] == "1 byte is not UTF-8 and was replaced with \ufffd (line 3, byte 17)"
    with pytest.warns(UserWarning):
        assert len(helpers.find_quotes(helpers.load_corpus(folder))) == 1
    status = helpers.file_report(folder).set_index("file").loc["a.txt", "status"]
    assert status == "ok, but 1 byte is not UTF-8 and was replaced with \ufffd (line 3, byte 17)"


def test_a_file_cut_in_the_middle_of_a_character_says_so(tmp_path):
    data = "Budi datang ke Zürich hari ini.\n".encode().rstrip(b"\n") + "é".encode()[:1]
    with pytest.warns(UserWarning, match="ends in the middle of a character"):
        row = helpers.load_corpus(folder_with(tmp_path, {"a.txt": data})).set_index("id").loc["a"]
    assert row["encoding"] == "utf_8" and row["text"] == "Budi datang ke Zürich hari ini.\ufffd"
    assert "the file ends in the middle of a character" in row["warnings"]


@pytest.mark.parametrize("text", ["Budi makan crème brûlée di Zürich.", "Kafé Netflix buka di Bandung.", "Harga “naik” 5‰ — kata Budi."])
def test_a_short_cp1252_text_is_read_as_cp1252(tmp_path, text):
    row = helpers.load_corpus(folder_with(tmp_path, {"a.txt": text.encode("cp1252")})).set_index("id").loc["a"]
    assert (row["encoding"], row["text"]) == ("cp1252", text)


def test_utf32_with_its_mark_is_read(tmp_path):
    row = helpers.load_corpus(folder_with(tmp_path, {"a.txt": "Budi datang ke Zürich.\n".encode("utf-32")})).set_index("id").loc["a"]
    assert (row["encoding"], row["text"]) == ("utf_32", "Budi datang ke Zürich.")


def test_utf16_mark_before_cjk_pairs_is_flagged(tmp_path):
    data = b"\xff\xfe" + bytes(range(0x41, 0x5b)) * 8  # ASCII bytes read in pairs: CJK characters
    with pytest.warns(UserWarning, match="not in the Latin script"):
        row = helpers.load_corpus(folder_with(tmp_path, {"a.txt": data})).set_index("id").loc["a"]
    assert "most of its letters are not in the Latin script" in row["warnings"]


def test_utf16_without_a_mark_is_named_as_such(tmp_path):
    message, _ = problem_of(folder_with(tmp_path, {"a.txt": "Budi datang ke Jakarta.\n".encode("utf-16-le")}), "a.txt")
    assert "looks like UTF-16 (little-endian) without a byte-order mark" in message and "binary" not in message


def test_a_file_of_mixed_encodings_is_named_as_such(tmp_path):
    data = ("Budi datang ke Zürich. " * 5 + "\n").encode() + ("Budi makan crème brûlée à la carte. " * 5 + "\n").encode("cp1252")
    message, _ = problem_of(folder_with(tmp_path, {"a.txt": data}), "a.txt")
    assert "mixes encodings" in message and "line 2" in message


def test_a_legacy_encoding_no_reader_of_indonesian_news_meets_is_refused(tmp_path):
    data = "Москва: Будь здоров, сказал Иван.\n".encode("koi8_r")
    message, _ = problem_of(folder_with(tmp_path, {"a.txt": data}), "a.txt")
    assert "not UTF-8" in message and "save it as UTF-8" in message


# ------------------------------------------------------------ identity and labels


def test_file_names_differing_only_in_case_are_refused_by_name(tmp_path):
    folder = folder_with(tmp_path, {"a.txt": GOOD, "a.TXT": GOOD})
    if len(list(folder.iterdir())) < 3:
        pytest.skip("a case-insensitive file system holds one of them only")
    with pytest.raises(helpers.ArticleError, match=r"a\.TXT and a\.txt: their names differ only in case"):
        helpers.load_corpus(folder)
    assert list(helpers.load_corpus(folder, on_error="skip")["id"]) == ["good"]


def test_ids_are_the_file_names_and_unique(tmp_path):
    folder = folder_with(tmp_path, {"b.txt": GOOD, "c.Txt": GOOD})
    corpus = helpers.load_corpus(folder)
    assert list(corpus["id"]) == ["b", "c", "good"] and corpus["id"].is_unique
    assert list(corpus["file"]) == ["b.txt", "c.Txt", "good.txt"]


def test_from_texts_keeps_its_keys_as_given():
    corpus = helpers.from_texts({"a/x": "Budi datang.", "b/x": "Siti pergi.", "1": "Ani tiba.", "x.txt": "Ana pulang."})
    assert list(corpus["id"]) == ["a/x", "b/x", "1", "x.txt"]
    html = helpers.show(corpus, "b/x", helpers.annotate(corpus)).html
    assert "Siti pergi." in html


@pytest.mark.parametrize("key", [1, "", "   ", None, ("a",)])
def test_from_texts_keys_must_be_non_empty_strings(key):
    with pytest.raises(helpers.ArticleError, match="ids must be non-empty strings"):
        helpers.from_texts({key: "Budi datang."})


@pytest.mark.parametrize("value, says", [(1, "int"), (None, "NoneType"), (b"Budi datang.", "bytes: decode it first"),
                                         (float("nan"), "float")])
def test_from_texts_values_must_be_strings(value, says):
    with pytest.raises(helpers.ArticleError, match=f"'x': the text must be a string, not {says}"):
        helpers.from_texts({"x": value})


def test_show_styles_a_label_it_does_not_know_and_lists_it():
    corpus = helpers.from_texts({"x": "Saham Maju Jaya naik di Jakarta."})
    extra = pd.DataFrame({"name": ["Maju Jaya"], "label": ["COMPANY"]})
    annotations = helpers.annotate(corpus, extra_gazetteer=extra)
    assert "COMPANY" in set(annotations["label"])
    html = helpers.show(corpus, "x", annotations).html
    assert html.count("COMPANY") >= 2  # the legend entry and the span's hover title
    assert helpers.rendering.DEFAULT_STYLE in html


@pytest.mark.parametrize("labels", [[None], [float("nan")], [""]])
def test_a_gazetteer_row_without_a_label_is_refused(labels):
    corpus = helpers.from_texts({"x": "Saham Maju Jaya naik."})
    with pytest.raises(ValueError, match="extra_gazetteer: row 0 has no label"):
        helpers.find_entities(corpus, extra_gazetteer=pd.DataFrame({"name": ["Maju Jaya"], "label": labels}))


# ------------------------------------------------------------ writes


def test_make_practice_folder_refuses_a_folder_with_files_unless_told(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "telkom.txt").write_text("my own notes", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not empty.*overwrite=True"):
        helpers.make_practice_folder(folder)
    assert (folder / "telkom.txt").read_text(encoding="utf-8") == "my own notes"
    helpers.make_practice_folder(folder, overwrite=True)
    assert (folder / "telkom.txt").read_text(encoding="utf-8") != "my own notes"


def test_exporters_refuse_a_hard_link_to_a_seed(tmp_path, monkeypatch):
    # A stand-in collection, found through BACA_BERITA_HOME: a test that fails must not write through to the real seeds.
    seeds = tmp_path / "home" / "seeds"
    seeds.mkdir(parents=True)
    (tmp_path / "home" / "notebooks").mkdir()
    for name in ("annotations.csv", "manifest.csv"):
        (seeds / name).write_bytes((SEEDS / name).read_bytes())
    monkeypatch.setenv("BACA_BERITA_HOME", str(tmp_path / "home"))
    link = tmp_path / "exports" / "annotations.csv"
    link.parent.mkdir()
    os.link(seeds / "annotations.csv", link)
    before = (seeds / "annotations.csv").read_bytes()
    corpus = helpers.from_texts({"x": "Budi datang."})
    with pytest.raises(ValueError, match="is seeds/annotations.csv under another name"):
        helpers.to_standoff_csv(helpers.annotate(corpus), link)
    with pytest.raises(ValueError, match="is seeds/annotations.csv under another name"):
        helpers.to_jsonl(corpus, helpers.annotate(corpus), link)
    assert (seeds / "annotations.csv").read_bytes() == before


def test_csv_export_neutralises_spreadsheet_formulas(tmp_path):
    table = pd.DataFrame({"id": ["x"] * 5, "start": range(5), "end": range(1, 6),
                          "text": ["=HYPERLINK(\"http://evil\")", "+1", "-2+3", "@SUM(A1)", "Budi"], "label": ["EN"] * 5})
    path = helpers.to_standoff_csv(table, tmp_path / "out.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    assert texts == ["'=HYPERLINK(\"http://evil\")", "'+1", "'-2+3", "'@SUM(A1)", "Budi"]


def test_a_failed_jsonl_export_leaves_no_partial_file(tmp_path):
    corpus = helpers.from_texts({"x": "Budi datang.", "y": "Siti pergi."})
    path = tmp_path / "out.jsonl"
    path.write_text("the previous export\n", encoding="utf-8")
    broken = pd.DataFrame({"id": ["x", "y"], "start": [0, "not a number"], "end": [4, 4], "label": ["PERSON", "PERSON"]})
    with pytest.raises(ValueError):
        helpers.to_jsonl(corpus, broken, path)
    assert path.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


# ------------------------------------------------------------ smaller items


def test_an_empty_folder_name_is_refused_not_read_as_the_working_directory():
    with pytest.raises(helpers.ArticleError, match="the folder name is empty"):
        helpers.load_corpus("")


def test_odd_entries_named_txt_are_listed_by_file_report(tmp_path):
    folder = folder_with(tmp_path, {})
    (folder / "folder.txt").mkdir()
    (folder / "broken.txt").symlink_to(folder / "missing")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    report = helpers.file_report(folder).set_index("file")["status"]
    assert report["folder.txt"] == "is a folder, not a file"
    assert report["broken.txt"] == "is a link to a file that does not exist"
    assert report["loop.txt"] == "is a link that leads back to itself"
    assert report["pipe.txt"] == "is not a regular file (a pipe or a device)"
    assert list(helpers.load_corpus(folder, on_error="skip")["id"]) == ["good"]


def test_a_curly_quotation_closed_by_a_straight_quote_is_not_cut_short():
    corpus = helpers.from_texts({"x": "“Kami bilang \"tidak\" kepada mereka semua,\" ujar Budi."})
    quotes = helpers.find_quotes(corpus)
    assert quotes["text"].tolist() == ["“Kami bilang \"tidak\" kepada mereka semua,\""]


def test_joiners_are_kept_and_direction_overrides_removed():
    emoji, persian = "👩\u200d💻", "می\u200cخواهم"
    assert helpers.normalize(f"Ia {emoji} dan {persian}.") == f"Ia {emoji} dan {persian}."
    assert helpers.normalize("Bu\u202edi da\u2066tang\u2069.") == "Budi datang."


def test_an_article_of_only_stopwords_stays_in_similarity():
    corpus = helpers.from_texts({"a": "Budi datang ke Jakarta.", "b": "Dan yang itu juga."})
    table = helpers.similarity(corpus)
    assert list(table.index) == ["a", "b"] and table.loc["b", "b"] == 0 and table.loc["a", "b"] == 0
