"""Reading: from a folder of article files to a corpus DataFrame, one row per article."""

import codecs
import contextlib
import copy
import errno
import hashlib
import io
import os
import re
import stat
import warnings
from functools import lru_cache, partial
from pathlib import Path

import charset_normalizer
import pandas as pd
from babel.dates import get_month_names

from helpers import cleaning, segmenting
from helpers import _checks
from helpers._parallel import in_processes, processes
from helpers._data import DATA, HOME_VARIABLE, collection_home, read_csv

EXAMPLES = DATA / "examples"  # made-up pages of other outlets, for trying the rules
MANIFEST = "manifest.csv"
META_FIELDS = ["title", "outlet", "author", "published", "place"]
# C0 control characters other than tab, newline, carriage return and form feed: never in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A published date as a byline rule reads it: day, month (name or number) and year, then the time if printed.
_BYLINE_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:\s*(?P<month_name>[A-Za-z]{3,9})\.?\s*|/(?P<month>\d{1,2})/)(?P<year>\d{4})"
    r"(?:\s*[,|–-]?\s*(?:[Pp]ukul\s*)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?"
)
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2})(?:[ T](?P<hour>\d{2}):(?P<minute>\d{2}))?)?")


class ArticleError(ValueError):
    """An article file, or the folder of them, cannot be read. The message names the file and the problem."""


def seeds_folder():
    """The collection's ``seeds/``, found by ``helpers._data.collection_home``; ArticleError saying what to do if there is none."""
    home = collection_home()
    if home is None:
        raise ArticleError(
            f"seeds: no copy of the collection found, so no seeds/ to read (looked in {Path.cwd()}, the folders above it, "
            f"and beside the helpers package). Run from inside your clone of the collection, set {HOME_VARIABLE} to it "
            f"(os.environ[\"{HOME_VARIABLE}\"] = \"/path/to/baca-berita\"), or name a folder: load_corpus(\"my_articles\")"
        )
    return home / "seeds"


# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = [
    (b"\xff\xfe\x00\x00", "utf_32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf_32", "UTF-32"),
    (b"\xef\xbb\xbf", "utf_8_sig", "UTF-8"), (b"\xff\xfe", "utf_16", "UTF-16"), (b"\xfe\xff", "utf_16", "UTF-16"),
]
# The legacy encoding a reader of Indonesian news meets: Windows' Western code page, which reads ISO Latin-1
# byte for byte wherever Latin-1 has letters. Bytes in any other (KOI8-R, Shift JIS …) are refused, not guessed
# at: charset-normalizer's guess for a short text is often a neighbouring code page that garbles every accent.
LEGACY_ENCODING = "cp1252"
MAX_NON_ASCII_SHARE = 0.3  # of the letters: more, in cp1252, means the bytes were some other alphabet
MAX_REPLACED_BYTES = 3  # more bytes that are not UTF-8, beside valid UTF-8 letters, means two encodings in one file


def _decode(data, shown):
    """(text, encoding, warning) of one file's bytes; ArticleError, naming ``shown``, if they are not text.

    UTF-8, or UTF-8/16/32 with a byte-order mark; UTF-8 with a few bytes that are not UTF-8 is read as
    UTF-8 with those bytes replaced by U+FFFD, and ``warning`` says how many and where (else it is "").
    Anything else must be LEGACY_ENCODING, with letters mostly ASCII.
    """
    if not data.strip():
        raise ArticleError(f"{shown}: the file is empty")
    warning = ""
    for mark, encoding, name in _BOMS:
        if data.startswith(mark):
            text = _decode_marked(data, encoding, name, shown)
            if encoding != "utf_8_sig":
                warning = _not_latin_warning(text, name)
            break
    else:
        if b"\x00" in data:
            raise ArticleError(f"{shown}: {_nul_bytes(data)}")
        try:
            text, encoding = data.decode("utf-8"), "utf_8"
        except UnicodeDecodeError:
            text, encoding, warning = _decode_not_utf8(data, shown)
    if _CONTROL.search(text):
        raise ArticleError(f"{shown}: contains control characters such as NUL, so it is a binary file, not text")
    return text, encoding, warning


def _decode_marked(data, encoding, name, shown):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if error.reason == "truncated data":
            raise ArticleError(f"{shown}: starts with a {name} byte-order mark but ends in the middle of a character (cut short?)") from None
        raise ArticleError(f"{shown}: starts with a {name} byte-order mark but is not valid {name} at byte {error.start} "
                           "(binary data after the mark?)") from None


def _not_latin_warning(text, name):
    """A warning when most letters are not in the Latin script: what bytes read in the wrong width look like (ASCII as CJK)."""
    letters = [char for char in text if char.isalpha()]
    if letters and sum(char < "\u0250" for char in letters) < len(letters) / 2:
        return f"most of its letters are not in the Latin script ({''.join(letters[:5])}…): is it really {name}?"
    return ""


def _nul_bytes(data):
    """What a file with NUL bytes and no byte-order mark is: UTF-16 without its mark, or binary."""
    for parity, order in ((1, "little"), (0, "big")):
        if data[parity::2].count(0) > 0.9 * (len(data) // 2) and data[1 - parity::2].count(0) < 0.1 * (len(data) // 2):
            return (f"looks like UTF-16 ({order}-endian) without a byte-order mark: every second byte is NUL. "
                    "Save it again as UTF-8")
    return "contains NUL bytes, so it is a binary file, not text"


def _decode_not_utf8(data, shown):
    """(text, encoding, warning) of bytes that are not all UTF-8: UTF-8 with a few bad bytes, or a legacy encoding."""
    text, bad = _utf8_replacing(data)
    valid_non_ascii = sum(1 for char in text if char > "\x7f") - len(bad)
    tail = data[bad[0]:]
    # A lone é at the end of a short cp1252 file looks cut short too: with no other UTF-8 to go by, it is cp1252.
    if len(bad) == 1 and _is_cut_character(tail) and (valid_non_ascii > 0 or len(tail) > 1):
        return text, "utf_8", f"the file ends in the middle of a character (cut short?); it was replaced with \ufffd (line {_line_of(data, bad[0])})"
    if valid_non_ascii > 0 and len(bad) <= MAX_REPLACED_BYTES:
        where = "; ".join(f"line {_line_of(data, at)}, byte {at}" for at in bad)
        count = "1 byte is not UTF-8 and was" if len(bad) == 1 else f"{len(bad)} bytes are not UTF-8 and were"
        return text, "utf_8", f"{count} replaced with \ufffd ({where})"
    if valid_non_ascii > 0:
        raise ArticleError(f"{shown}: mixes encodings: {valid_non_ascii} characters are UTF-8 but {len(bad)} bytes are not "
                           f"(the first on line {_line_of(data, bad[0])}). Save it again as UTF-8")
    try:
        text = data.decode(LEGACY_ENCODING)
    except UnicodeDecodeError:
        text = None
    letters = [char for char in text or "" if char.isalpha()]
    if text is not None and sum(char > "\x7f" for char in letters) <= MAX_NON_ASCII_SHARE * len(letters):
        return text, LEGACY_ENCODING, ""
    best = charset_normalizer.from_bytes(data).best()
    guess = f" (charset-normalizer guesses {best.encoding})" if best is not None else ""
    raise ArticleError(f"{shown}: not UTF-8, nor the Windows-1252/Latin-1 a reader of Indonesian news meets{guess}: "
                       "save it as UTF-8")


def _utf8_replacing(data):
    """The bytes read as UTF-8 with each bad byte sequence replaced by U+FFFD, and where each one starts."""
    bad = []

    def replace(error):
        bad.append(error.start)
        return "\ufffd", error.end

    codecs.register_error("helpers.reading.replace", replace)  # registered per call: the handler records into this call's list
    return data.decode("utf-8", errors="helpers.reading.replace"), bad


def _is_cut_character(tail):
    try:
        tail.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.reason == "unexpected end of data"
    return False


def _line_of(data, at):
    return data.count(b"\n", 0, at) + 1


def read_manifest(folder=None, shown=None):
    """The folder's manifest.csv as a DataFrame (empty if the folder has none).

    For the seeds it records what the text does not print, and for every such
    field a ``*_clue`` column saying what it was inferred from. It is decoded like an
    article (UTF-8, or cp1252 from a spreadsheet); ArticleError, naming it (``shown``),
    if it cannot be read as a table with an ``id`` column.
    """
    path = Path(folder or seeds_folder()) / MANIFEST
    shown = shown or str(path)
    if not path.exists():
        return pd.DataFrame(columns=["id"])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{shown}: cannot be read: {error.strerror or error}") from None
    text, _, _ = _decode(data, shown)
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ArticleError(f"{shown}: cannot be read as a table ({str(error).strip()})") from None
    if "id" not in table.columns:
        raise ArticleError(f"{shown}: has no id column (its columns: {', '.join(map(str, table.columns))}); "
                           "the id is the article's file name without .txt")
    return table


def _manifest_entries(table, shown=MANIFEST):
    """({id: the manifest row as a dict}, {id: what is wrong with its rows}): a row given twice, or a published value that is no date."""
    rows_of = {}
    for number, doc_id in enumerate(table["id"], start=2):  # as a spreadsheet numbers them: the header is row 1
        rows_of.setdefault(doc_id, []).append(number)
    problems = {}
    for doc_id, numbers in rows_of.items():
        if len(numbers) > 1:
            problems[doc_id] = f"{shown}, rows {' and '.join(map(str, numbers))}: the id {doc_id!r} is given twice, " \
                               "so which row describes the article cannot be told"
    if "published" in table.columns:
        for number, (doc_id, value) in enumerate(zip(table["id"], table["published"]), start=2):
            if value.strip() and parse_published(value)[1] is None and doc_id not in problems:
                problems[doc_id] = f"{shown}, row {number}: published {value!r} is not a date " \
                                   "(write it as 2020-02-24, 2020-02-24 15:22 or 24 Februari 2020)"
    return {row["id"]: row for row in table.to_dict("records")}, problems


@lru_cache(maxsize=None)
def month_numbers():
    """{Indonesian month name, lower case: month number}, wide and abbreviated, from CLDR via Babel."""
    months = {}
    for width in ("wide", "abbreviated"):
        months.update({name.lower(): number for number, name in get_month_names(width, locale="id").items()})
    return months


def article_id(corpus, article):
    """The id of the one article whose id or label is ``article``; KeyError if there is none."""
    found = corpus.loc[(corpus["id"] == article) | (corpus["label"] == article), "id"]
    if len(found) != 1:
        known = ", ".join(map(repr, corpus["label"].head(10))) + (", …" if len(corpus) > 10 else "")
        raise KeyError(f"no article with id or label {article!r}; the corpus's labels are {known}")
    return found.item()


@lru_cache(maxsize=None)
def published_month_numbers():
    """{month spelling, lower case: number}: CLDR's names (``month_numbers``) and the spellings of helpers/data/month_spellings.csv."""
    extra = read_csv("month_spellings.csv")
    return {**month_numbers(), **dict(zip(extra["spelling"].str.lower(), extra["month"].astype(int)))}


def parse_published(value):
    """A published date as (Timestamp, precision) from ISO text or an Indonesian date line; (NaT, None) if it is no date.

    ``2020-01-09 15:22`` → minute, ``2020-02-24`` → day, ``2017-06`` → month (the
    Timestamp is then the first of the month: check the precision before
    reading the day). ``09 Jan 2020, 15:22``, ``24 Februari 2020 | 14:30`` and
    ``24/02/2020, 14:30`` → minute; without a time → day. Month names come from
    CLDR (Indonesian) and ``helpers/data/month_spellings.csv``. A date that does not
    exist (31 Feb) or a month spelling no table knows is not a date.
    """
    if not value:
        return pd.NaT, None
    value = value.strip()
    parts = _ISO_DATE.fullmatch(value) or _BYLINE_DATE.fullmatch(value)
    if not parts:
        return pd.NaT, None
    parts = parts.groupdict()
    month = parts["month"] or published_month_numbers().get((parts.get("month_name") or "").lower())
    if month is None:
        return pd.NaT, None
    numbers = [int(month), int(parts["day"] or 1), int(parts["hour"] or 0), int(parts["minute"] or 0)]
    try:
        stamp = pd.Timestamp(int(parts["year"]), *numbers)
    except ValueError:
        return pd.NaT, None
    precision = "minute" if parts["hour"] else "day" if parts["day"] else "month"
    return stamp, precision


def format_published(stamp, precision):
    """A published Timestamp as text that claims no more than its precision: 2017-06, 2020-02-24, 2020-01-09 15:22."""
    if pd.isna(stamp):
        return None
    return stamp.strftime({"month": "%Y-%m", "day": "%Y-%m-%d"}.get(precision, "%Y-%m-%d %H:%M"))


def find_metadata(raw):
    """Metadata printed in the article itself: {field: (value, the line it was read from)}.

    Title, author, outlet and publication time come from the headline and the
    bylines and date lines (see ``helpers.cleaning``); outlet and place from a
    dateline such as ``Liputan6.com, Jakarta -`` at the start of the body.
    """
    return _metadata(cleaning.clean(raw))[0]


def _metadata(cleaned):
    """({field: (value, line)}, the body blocks without the dateline).

    Each field takes the first value the page prints, skipping a date that is no date.
    """
    found = {}
    for key, candidates in cleaned.found.items():
        usable = [(value, line) for value, line in candidates if key != "published" or parse_published(value)[1]]
        if usable:
            found[key] = usable[0]
    if "outlet" in found:
        found["outlet"] = (cleaning.outlet_name(found["outlet"][0]), found["outlet"][1])
    blocks = list(cleaned.blocks)
    dateline = cleaning.read_dateline(blocks[0]) if blocks else None
    if dateline:
        evidence = dateline.group(0).strip()
        if dateline.groupdict().get("outlet"):
            found["outlet"] = (cleaning.outlet_name(dateline["outlet"]), evidence)
        if dateline.groupdict().get("place"):
            place = dateline["place"]
            found["place"] = (place.title() if place.isupper() else place, evidence)
        blocks[0] = blocks[0][dateline.end():]
        blocks = [block for block in blocks if block]
    return found, blocks


def _shown_name(folder, path):
    """How to name a file in messages: relative to the folder the user gave (seeds/ by default); ``path`` is relative to it."""
    return str(Path("seeds" if folder is None else folder) / path)


def _files(folder, recursive=False):
    """(root, every entry named *.txt in any case, sorted, and how many in subfolders were left out).

    ArticleError if the folder itself is unusable. Hidden folders (``.ipynb_checkpoints``, ``.git``)
    are never read or counted.
    """
    if folder is not None and str(folder).strip() == "":
        raise ArticleError("the folder name is empty: give a folder, or nothing for the collection's seeds/")
    root = Path(folder) if folder is not None else seeds_folder()
    shown = str(folder) if folder is not None else "seeds"
    if not root.exists():
        raise ArticleError(f"{shown}: no such folder")
    if not root.is_dir():
        raise ArticleError(f"{shown}: is a file, not a folder of .txt articles")
    found = sorted(
        path for path in root.rglob("*")
        if path.suffix.lower() == ".txt" and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )
    paths = [path for path in found if recursive or path.parent == root]
    skipped = len(found) - len(paths)
    if not paths:
        hint = f" ({skipped} in subfolders: pass recursive=True to read them)" if skipped else ""
        raise ArticleError(f"{shown}: the folder has no .txt files to read{hint}")
    return root, paths, skipped


def _warn_skipped(folder, skipped, stacklevel=3):
    if skipped:
        shown = str(folder) if folder is not None else "seeds"
        warnings.warn(f"{shown}: {skipped} .txt file(s) in subfolders were not read; pass recursive=True to read them too "
                      "(their ids are then their paths inside the folder, such as 2020/kompas_1)", stacklevel=stacklevel)


def _article_id(root, path):
    """An article's id: its file name relative to the folder, without .txt (in any case)."""
    return path.relative_to(root).with_suffix("").as_posix()


def _entry_problem(path):
    """What makes a *.txt entry no file to read (a folder, a broken link, a pipe), or None. A pipe is never opened: reading one waits for ever."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a link that leads back to itself"
        return "is a link to a file that does not exist" if path.is_symlink() else f"cannot be read: {error.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe or a device)"
    return None


def _case_clashes(folder, root, paths):
    """{path: problem} for files whose ids differ only in case (a.txt and a.TXT): which one is meant cannot be told."""
    by_key = {}
    for path in paths:
        by_key.setdefault(_article_id(root, path).casefold(), []).append(path)
    clashes = {}
    for group in (group for group in by_key.values() if len(group) > 1):
        names = " and ".join(path.name for path in group)
        for path in group:
            clashes[path] = f"{_shown_name(folder, group[0].relative_to(root)).removesuffix(group[0].name)}{names}: their names differ only in case, " \
                            "so their ids would be the same: rename one"
    return clashes


def outside_seeds(path):
    """``path`` as a Path, with its folder made; ValueError if it is inside seeds/ or is a seed under another name.

    A hard link to a seed file (the same file, another name) counts as inside: its inode is compared.
    """
    path = Path(path)
    refusal = f"{path}: will not write into seeds/, which holds the collection's source data"
    home = collection_home()
    seeds = home / "seeds" if home is not None else None
    if seeds is not None and path.resolve().is_relative_to(seeds.resolve()):
        raise ValueError(refusal)
    if seeds is not None and path.exists():
        for seed in seeds.rglob("*"):
            if seed.is_file() and os.path.samefile(seed, path):
                raise ValueError(f"{refusal}: it is seeds/{seed.relative_to(seeds).as_posix()} under another name (a hard link)")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


PRACTICE_FURNITURE = "Tonton juga video pilihan di kanal kami."  # made up: furniture no shipped rule knows


def make_practice_folder(folder, overwrite=False):
    """Write a messy practice copy of the seeds into ``folder`` and return it as a Path.

    - the blog post (curly quotes, NBSP) re-encoded as cp1252 with CRLF line ends;
    - the Liputan6.com article as UTF-8 with a byte-order mark;
    - the detik article with one made-up line of page furniture ("Watch our selected videos too")
      inserted after its third paragraph, for practising a new cleaning rule;
    - an empty file and a non-text file (PNG bytes) named .txt.
    The seeds themselves are only read. A folder that already holds files is refused (they may be
    a learner's own) unless ``overwrite=True``.
    """
    folder = outside_seeds(Path(folder) / "placeholder").parent
    if folder.is_dir() and any(folder.iterdir()) and not overwrite:
        raise FileExistsError(f"{folder}: the folder is not empty, and its files could be overwritten: choose a new folder, "
                              "or pass overwrite=True")
    raws = {path.stem: path.read_text(encoding="utf-8") for path in sorted(seeds_folder().glob("*.txt"))}
    telkom, liputan, blog = raws.values()
    telkom_lines = telkom.split("\n")  # detik's paragraphs are single lines
    telkom = "\n".join(telkom_lines[:3] + [PRACTICE_FURNITURE] + telkom_lines[3:])
    files = {
        "blog cp1252 crlf.txt": blog.replace("\n", "\r\n").encode("cp1252"),
        "liputan6 bom.txt": b"\xef\xbb\xbf" + liputan.encode("utf-8"),
        "telkom.txt": telkom.encode("utf-8"),
        "empty.txt": b"",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


class _Folder:
    """A folder of articles as load_corpus and file_report read it: its files, its manifest, and every file's problem."""

    def __init__(self, folder, recursive=False):
        self.folder = folder
        self.root, self.paths, self.skipped = _files(folder, recursive)
        self.clashes = _case_clashes(folder, self.root, self.paths)
        self.manifest_problem, self.entries, self.row_problems = None, {}, {}
        if (self.root / MANIFEST).exists():
            try:
                shown = _shown_name(folder, Path(MANIFEST))
                self.entries, self.row_problems = _manifest_entries(read_manifest(self.root, shown), shown)
            except ArticleError as error:
                self.manifest_problem = str(error)

    def part(self, paths):
        """A copy that knows only ``paths`` (and their manifest rows): what a worker process is sent, not the whole folder's lists."""
        part = copy.copy(self)
        part.paths = list(paths)
        part.clashes = {path: self.clashes[path] for path in part.paths if path in self.clashes}
        ids = {_article_id(self.root, path) for path in part.paths}
        part.entries = {doc_id: entry for doc_id, entry in self.entries.items() if doc_id in ids}
        part.row_problems = {doc_id: problem for doc_id, problem in self.row_problems.items() if doc_id in ids}
        return part

    def read(self, path, extra_rules=None):
        """(id, raw, encoding, warning, cleaned, manifest entry) of one file; ArticleError naming it and its problem."""
        shown = _shown_name(self.folder, path.relative_to(self.root))
        problem = _entry_problem(path)
        if problem:
            raise ArticleError(f"{shown}: {problem}")
        if path in self.clashes:
            raise ArticleError(self.clashes[path])
        try:
            data = path.read_bytes()  # read once: decoded here, and hashed against the manifest below
        except OSError as error:
            raise ArticleError(f"{shown}: cannot be read: {error.strerror or error}") from None
        raw, encoding, warning = _decode(data, shown)
        doc_id = _article_id(self.root, path)
        if doc_id in self.row_problems:
            raise ArticleError(self.row_problems[doc_id])
        entry = self.entries.get(doc_id)
        if entry is not None and entry.get("sha256") and entry["sha256"] != hashlib.sha256(data).hexdigest():
            raise ArticleError(f"{shown}: its checksum differs from {MANIFEST}: the file was changed, or the manifest is out of date")
        cleaned = cleaning.clean(raw, extra_rules)
        if not cleaned.blocks:
            raise ArticleError(f"{shown}: nothing is left after removing page furniture (is it an article?)")
        return doc_id, raw, encoding, warning, cleaned, entry


def file_report(folder=None, recursive=False):
    """One row per .txt file of a folder: file, bytes, encoding, status ("ok", or what is wrong with it).

    A file read with a warning (bytes that are not UTF-8, replaced) has the status "ok, but …";
    a manifest.csv that cannot be used gets a row of its own. ``recursive`` as for ``load_corpus``:
    with True, files in subfolders too, named by their path in the folder.
    """
    articles = _Folder(folder, recursive)
    _warn_skipped(folder, articles.skipped)
    rows = []
    for path in articles.paths:
        encoding, status = None, "ok"
        try:
            _, _, encoding, warning, _, _ = articles.read(path)
            status = f"ok, but {warning}" if warning else status
        except ArticleError as error:
            status = str(error).removeprefix(f"{_shown_name(folder, path.relative_to(articles.root))}: ")
        size = path.stat().st_size if _entry_problem(path) is None else None
        rows.append({"file": path.relative_to(articles.root).as_posix(), "bytes": size, "encoding": encoding, "status": status})
    if articles.manifest_problem:
        status = articles.manifest_problem.removeprefix(f"{_shown_name(folder, Path(MANIFEST))}: ")
        rows.append({"file": MANIFEST, "bytes": (articles.root / MANIFEST).stat().st_size, "encoding": None, "status": status})
    return pd.DataFrame(rows)


def load_corpus(folder=None, on_error="raise", extra_rules=None, recursive=False, jobs=1):
    """Read every ``.txt`` file of a folder into a DataFrame, one row per article.

    ``folder`` defaults to the collection's ``seeds/``: in the folder named by the environment
    variable ``BACA_BERITA_HOME``, else in the clone of the collection the working directory is in,
    else beside the ``helpers`` package. Files are only read, never written. Files in subfolders
    are read with ``recursive=True`` (their ids are then their paths in the folder, ``2020/kompas_1``);
    without it, a warning says how many were left out.

    Columns: ``id`` (the file name without .txt), ``label`` (short name for tables and plots),
    ``title``, ``outlet``, ``author``, ``published`` (Timestamp or NaT, in the
    outlet's local time, WIB for the seeds), ``published_precision`` (minute,
    day or month), ``place`` (from the dateline), ``language``,
    ``n_paragraphs`` (body paragraphs, headings not counted), ``n_sentences``,
    ``n_words`` (tokens that are not punctuation), ``encoding`` (the file's),
    ``warnings`` (what reading the file had to repair, such as bytes that are not UTF-8; else ""),
    ``file``, ``text`` (the clean body, without the dateline: blocks separated by a blank line) and
    ``raw`` (the file as decoded).

    Metadata printed in the text wins; the folder's ``manifest.csv``, if any,
    fills the rest. Raises ``ArticleError`` naming every file that cannot be read
    (and every manifest row that cannot be used); with ``on_error="skip"`` it loads the
    others instead (``file_report`` says why a file was left out). ``extra_rules`` adds
    cleaning rules for this load: a table with the columns of ``helpers/data/boilerplate.csv``,
    or a list of rows ``(rule, action, pattern, description)``. ``jobs=2`` or more reads a large folder in that
    many processes, a share of the files each (the corpus is the same).
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f'load_corpus: on_error must be "raise" or "skip", not {on_error!r}')
    _checks.count(jobs, "load_corpus", "jobs", "how many processes to use", 2)
    extra_rules = cleaning.rule_table(extra_rules)
    articles = _Folder(folder, recursive)
    _warn_skipped(folder, articles.skipped)
    corpus, problems = _read_files(articles, articles.paths, extra_rules, jobs)
    problems = ([articles.manifest_problem] if articles.manifest_problem else []) + problems
    if problems and (on_error == "raise" or corpus is None):
        files = len(articles.paths) + (articles.root / MANIFEST).exists()
        raise ArticleError(f"{len(problems)} of {files} files could not be read:\n" + "\n".join(problems))
    return corpus


def iter_corpus(folder=None, chunk=1000, on_error="raise", extra_rules=None, recursive=False, jobs=1):
    """The articles of a folder as ``load_corpus`` reads them, ``chunk`` articles at a time: a corpus per chunk, in file order.

    For a folder too big to hold in memory at once: ``for corpus in helpers.iter_corpus("news", chunk=1000): …``.
    Arguments as for ``load_corpus`` (``jobs`` reads each chunk in that many processes). With ``on_error="raise"``
    a file that cannot be read stops the reading with an ArticleError naming it (the chunks before it have been
    given); with ``"skip"`` a warning names it and its problem, and reading goes on. A chunk with no readable file is not given.
    With ``jobs`` above 1 the worker processes read the next chunk while you use this one, and last until the loop
    ends: a loop left half done (``next(chunks)`` alone, say) keeps them until the iterator is closed or deleted.
    """
    _check_chunking("iter_corpus", chunk, on_error, jobs)
    extra_rules = cleaning.rule_table(extra_rules)
    yield from _chunks(folder, chunk, on_error, extra_rules, recursive, jobs)


def _check_chunking(function, chunk, on_error, jobs):
    """ValueError naming ``function`` for a ``chunk``, ``on_error`` or ``jobs`` that a chunked reading cannot use."""
    if on_error not in ("raise", "skip"):
        raise ValueError(f'{function}: on_error must be "raise" or "skip", not {on_error!r}')
    _checks.count(chunk, function, "chunk", "how many articles to read at a time", 1000)
    _checks.count(jobs, function, "jobs", "how many processes to use", 2)


def _chunks(folder, chunk, on_error, extra_rules, recursive, jobs, then=None):
    """``iter_corpus``'s chunks; with ``then`` (a function of a corpus), its result for each chunk instead, computed
    where the chunk is read (``annotate_folder`` annotates each share of a chunk in the process that read it).

    With ``jobs`` above 1, one pool of processes reads every chunk: starting two fresh processes for each chunk
    of 1,000 files cost some 0.4 s a chunk, and each loaded the word lists again.
    """
    articles = _Folder(folder, recursive)
    _warn_skipped(folder, articles.skipped, stacklevel=4)
    problems = [articles.manifest_problem] if articles.manifest_problem else []
    pooled = jobs > 1 and min(chunk, len(articles.paths)) >= PARALLEL_MIN_FILES
    with processes(jobs) if pooled else contextlib.nullcontext() as pool:
        readings = (_reading(articles, articles.paths[first : first + chunk], extra_rules, jobs, pool, then)
                    for first in range(0, len(articles.paths), chunk))
        for reading in _one_ahead(readings):  # the workers read the next chunk while this one is used
            result, more = reading()
            problems += more
            if problems and on_error == "raise":
                raise ArticleError("\n".join(problems))
            for problem in problems:
                warnings.warn(f"{problem} (skipped)", stacklevel=3)
            problems = []
            if result is not None:
                yield result


def _one_ahead(items):
    """The items of an iterable, each given once the next has been taken: for items whose work starts as they are made."""
    items = iter(items)
    previous = next(items, _NOTHING)
    for item in items:
        yield previous
        previous = item
    if previous is not _NOTHING:
        yield previous


_NOTHING = object()


def count_files(folder=None, recursive=False):
    """How many article files ``iter_corpus`` will read from a folder (for a progress bar's total)."""
    return len(_files(folder, recursive)[1])


# Below this many files, starting processes costs more than reading in them saves.
PARALLEL_MIN_FILES = 500


def _read_files(articles, paths, extra_rules, jobs=1):
    """(the corpus of the files of a ``_Folder`` that could be read, or None; problems). A file read with a warning
    is read, and the warning shown. With ``jobs`` above 1, a share of the files is read in each of that many processes."""
    return _reading(articles, paths, extra_rules, jobs)()


def _reading(articles, paths, extra_rules, jobs=1, pool=None, then=None):
    """``_read_files``, started: a function that gives its result. In ``pool``'s processes the reading is under way
    when this returns; otherwise it is done when the function is called. With ``then``, ``then(corpus)`` of each
    share is computed where the share is read, and given in the corpus' place, concatenated."""
    shares = None
    if jobs > 1 and len(paths) >= PARALLEL_MIN_FILES:
        # Each worker is sent the folder's lists for these files only: for a large folder read a chunk at a time,
        # sending every file's path with every chunk cost more than reading the chunk.
        shares = in_processes(partial(_read_share, articles.part(paths), extra_rules, then=then), paths, jobs, pool)

    def result():
        found = list(shares) if shares is not None else [_read_share(articles, extra_rules, paths, then)]
        for _, _, notes in found:
            for note in notes:
                warnings.warn(note, stacklevel=4)
        tables = [table for table, _, _ in found if table is not None]
        return (pd.concat(tables, ignore_index=True) if tables else None), [problem for _, problems, _ in found for problem in problems]

    return result


def _read_share(articles, extra_rules, paths, then=None):
    """(corpus or None, problems, warnings to show) of some files: what one process reads, warning nothing itself.
    With ``then``, ``then(corpus)`` in the corpus' place."""
    rows, problems, notes = [], [], []
    for path in paths:
        try:
            doc_id, raw, encoding, warning, cleaned, entry = articles.read(path, extra_rules)
        except ArticleError as error:
            problems.append(str(error))
            continue
        file_name = path.relative_to(articles.root).as_posix()
        if warning:
            notes.append(f"{_shown_name(articles.folder, Path(file_name))}: {warning}")
        rows.append(_row(doc_id, file_name, raw, encoding, warning, cleaned, entry))
    corpus = _add_counts(pd.DataFrame(rows)) if rows else None
    return (then(corpus) if then and corpus is not None else corpus), problems, notes


def from_texts(texts, published=None):
    """A corpus from strings, {id: text}, cleaned and counted like ``load_corpus``: for trying rules on your own sentences.

    The ids are the keys as given (non-empty strings). ``published`` (a date, for every text) anchors
    dates without a year. Raises ArticleError for a key or text of the wrong kind, and for a text that
    is empty or nothing but page furniture.
    """
    rows = []
    for doc_id, raw in texts.items():
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise ArticleError(f"{doc_id!r}: ids must be non-empty strings (the keys of the dict)")
        if not isinstance(raw, str):
            hint = ": decode it first, e.g. data.decode('utf-8')" if isinstance(raw, bytes) else ""
            raise ArticleError(f"{doc_id!r}: the text must be a string, not {type(raw).__name__}{hint}")
        cleaned = cleaning.clean(raw)
        if not cleaned.blocks:
            raise ArticleError(f"{doc_id}: nothing is left after removing page furniture")
        entry = {"published": str(pd.Timestamp(published).date())} if published is not None else None
        rows.append(_row(doc_id, None, raw, "str", "", cleaned, entry))
    return _add_counts(pd.DataFrame(rows))


def _row(doc_id, file_name, raw, encoding, warning, cleaned, entry):
    """One corpus row; ``file_name`` is the file's path inside its folder (None for a text given as a string)."""
    found, blocks = _metadata(cleaned)
    found = {key: value for key, (value, _) in found.items()}
    row = {"id": doc_id, "label": doc_id}
    for key in ["label", *META_FIELDS, "language"]:
        row[key] = found.get(key) or (entry.get(key) if entry is not None else None) or row.get(key)
    row["published"], row["published_precision"] = parse_published(row["published"])
    row.update(encoding=encoding, warnings=warning, file=file_name, text="\n\n".join(blocks), raw=raw)
    return row


COUNTS = ["n_paragraphs", "n_sentences", "n_words"]


def _add_counts(corpus):
    counts = pd.DataFrame([segmenting.counts(text) for text in corpus["text"]], columns=COUNTS, index=corpus.index, dtype=int)
    corpus = corpus.assign(**counts)
    columns = ["id", "label", *META_FIELDS, "published_precision", "language", *COUNTS, "encoding", "warnings", "file", "text", "raw"]
    corpus["published"] = pd.to_datetime(corpus["published"])
    return corpus[columns]


def with_article(table, corpus):
    """A copy of any table with an ``id`` column, with an ``article`` column after it: each row's short label."""
    _checks.table(table, "with_article", "table", ["id"], "helpers.annotate(corpus)")
    _checks.corpus(corpus, "with_article", ["id", "label"])
    table = table.copy()
    table.insert(table.columns.get_loc("id") + 1, "article", table["id"].map(corpus.set_index("id")["label"]))
    return table


def removed(corpus, extra_rules=None):
    """What cleaning took out of each article: id, label, line (in the raw file), text, rule, description.

    Pass the same ``extra_rules`` as to ``load_corpus``, if any.
    """
    _checks.corpus(corpus, "removed", ["id", "label", "raw"])
    extra_rules = cleaning.rule_table(extra_rules)
    cleaned = [cleaning.clean(raw, extra_rules) for raw in corpus["raw"]]
    table = cleaning.removed_table(corpus["id"], cleaned, extra_rules)
    table.insert(1, "label", table["id"].map(corpus.set_index("id")["label"]))
    return table


def metadata_sources(corpus):
    """Where each metadata value of the corpus came from: the text itself, the manifest, or nowhere.

    One row per article and field: id, label, field, value, source (``text``,
    ``manifest`` or ``missing``) and evidence (for ``text``, the line it was read from).
    """
    _checks.corpus(corpus, "metadata_sources", ["id", "label", "raw", *META_FIELDS, "published_precision"])
    rows = []
    for row in corpus.itertuples():
        found = find_metadata(row.raw)
        for name in META_FIELDS:
            value = getattr(row, name)
            if name == "published":
                value = format_published(value, row.published_precision)
            if name in found:
                source, evidence = "text", found[name][1]
            else:
                source, evidence = ("missing" if pd.isna(value) else "manifest"), ""
            rows.append({"id": row.id, "label": row.label, "field": name, "value": value, "source": source, "evidence": evidence})
    return pd.DataFrame(rows)
