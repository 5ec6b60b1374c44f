"""Any folder of .txt files loads, whatever its encoding; bad input gets a clear error naming the file."""

import hashlib
import os

import pytest

import helpers
from conftest import SEEDS, TELKOM

BLOG_TEXT = (SEEDS / "002_7883467f3c88f3a7.txt").read_text(encoding="utf-8")


def snapshot(folder):
    """Content and modification time of every file: to prove that loading changes nothing."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def load_one(folder, name, data):
    (folder / name).write_bytes(data)
    corpus = helpers.load_corpus(folder)
    return corpus.set_index("id").loc[name.removesuffix(".txt")]


def test_cp1252_with_curly_quotes_is_detected_and_decoded(tmp_path):
    blog = BLOG_TEXT.replace("\xa0", " ")  # cp1252 has NBSP too, but keep the check on the quotes
    row = load_one(tmp_path, "blog.txt", blog.encode("cp1252"))
    assert row["encoding"] == "cp1252"
    assert "“Saya harus mengatakan kalau sudah saatnya menyerah." in row["text"]


def test_utf8_with_bom_and_crlf_give_the_same_text_as_the_original(tmp_path):
    original = helpers.load_corpus().set_index("id").loc["002_7883467f3c88f3a7"]
    data = b"\xef\xbb\xbf" + BLOG_TEXT.replace("\n", "\r\n").encode("utf-8")
    row = load_one(tmp_path, "blog.txt", data)
    assert row["encoding"] == "utf_8_sig"
    assert not row["raw"].startswith("\ufeff")
    assert row["text"] == original["text"]
    assert row["n_paragraphs"] == original["n_paragraphs"]


def test_invisible_characters_inside_words_are_removed(tmp_path):
    row = load_one(tmp_path, "a.txt", "Teman\u200b-teman datang ke Jak\u200earta hari ini.\n".encode())
    assert row["text"] == "Teman-teman datang ke Jakarta hari ini."


def test_a_folder_without_manifest_uses_the_file_name_as_label(seed_copy):
    corpus = helpers.load_corpus(seed_copy)
    assert list(corpus["label"]) == list(corpus["id"])
    assert corpus.set_index("id").loc["001_1e8073a3fb3e5aad", "author"] == "Agustinus Mario Damar"


def test_missing_folder(tmp_path):
    with pytest.raises(helpers.ArticleError, match="no-such-folder: no such folder"):
        helpers.load_corpus(tmp_path / "no-such-folder")


def test_a_file_instead_of_a_folder(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Satu.")
    with pytest.raises(helpers.ArticleError, match="is a file, not a folder"):
        helpers.load_corpus(path)


def test_empty_folder(tmp_path):
    (tmp_path / "notes.md").write_text("not an article")
    with pytest.raises(helpers.ArticleError, match="has no .txt files"):
        helpers.load_corpus(tmp_path)


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b" \n\n \r\n", "the file is empty"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary file"),
        ("only furniture.txt", b"SCROLL TO CONTINUE WITH CONTENT\n(rns/rns)\n", "nothing is left"),
    ],
)
def test_bad_files_are_named_with_their_problem_and_left_unchanged(seed_copy, name, data, problem):
    (seed_copy / name).write_bytes(data)
    before = snapshot(seed_copy)
    with pytest.raises(helpers.ArticleError) as caught:
        helpers.load_corpus(seed_copy)
    message = str(caught.value)
    line = [line for line in message.splitlines() if name in line]
    assert line and problem in line[0]
    assert message.startswith("1 of 4 files could not be read")
    assert snapshot(seed_copy) == before


def test_every_bad_file_is_listed_at_once(seed_copy):
    (seed_copy / "a.txt").write_bytes(b"")
    (seed_copy / "b.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(helpers.ArticleError) as caught:
        helpers.load_corpus(seed_copy)
    assert "a.txt: the file is empty" in str(caught.value)
    assert "b.txt: " in str(caught.value)


def test_a_changed_seed_is_caught_by_its_manifest_checksum(tmp_path):
    for path in SEEDS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / f"{TELKOM}.txt").write_text("Sebuah artikel lain.\n", encoding="utf-8")
    with pytest.raises(helpers.ArticleError, match=f"{TELKOM}.txt: its checksum differs from manifest.csv"):
        helpers.load_corpus(tmp_path)


def test_loading_the_seeds_writes_nothing():
    before = snapshot(SEEDS)
    helpers.removed(helpers.load_corpus())
    assert snapshot(SEEDS) == before
    assert not any(name.startswith(".") or name.endswith((".bak", ".tmp")) for name in os.listdir(SEEDS))
