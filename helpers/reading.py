"""Reading: from a folder of article files to a corpus DataFrame, one row per article."""

import hashlib
import re
import warnings
from functools import lru_cache
from pathlib import Path

import charset_normalizer
import pandas as pd
from babel.dates import get_month_names

from helpers import cleaning, segmenting
from helpers import _checks
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


def _decode(data, shown):
    """The text of one file's bytes and the encoding they were in; ArticleError, naming ``shown``, if not text."""
    if not data.strip():
        raise ArticleError(f"{shown}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf_16"
    try:
        text, encoding = data.decode("utf-8-sig"), "utf_8"
        if data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf_8_sig"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise ArticleError(f"{shown}: not text in any encoding charset-normalizer knows (a binary file?)") from None
        text, encoding = str(best), best.encoding
        if encoding != "cp1252" and _decodes_the_same(data, "cp1252", text):
            # Western and Central European code pages agree on most bytes; when they agree on
            # all of this file's, name the Western one a reader of Indonesian text expects.
            encoding = "cp1252"
    if _CONTROL.search(text):
        raise ArticleError(f"{shown}: contains control characters such as NUL, so it is a binary file, not text")
    return text, encoding


def _decodes_the_same(data, encoding, text):
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False


def read_manifest(folder=None):
    """The folder's manifest.csv as a DataFrame (empty if the folder has none).

    For the seeds it records what the text does not print, and for every such
    field a ``*_clue`` column saying what it was inferred from.
    """
    path = Path(folder or seeds_folder()) / MANIFEST
    if not path.exists():
        return pd.DataFrame(columns=["id"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


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
    """The folder, its .txt files relative to it (sorted), and how many files in subfolders were left out.

    Hidden folders (``.ipynb_checkpoints``, ``.git``) are never read or counted.
    """
    root = Path(folder) if folder is not None else seeds_folder()
    shown = str(folder) if folder is not None else "seeds"
    if not root.exists():
        raise ArticleError(f"{shown}: no such folder")
    if not root.is_dir():
        raise ArticleError(f"{shown}: is a file, not a folder of .txt articles")
    found = sorted(
        path.relative_to(root)
        for path in root.rglob("*")
        if path.suffix.lower() == ".txt" and path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )
    paths = [path for path in found if recursive or len(path.parts) == 1]
    skipped = len(found) - len(paths)
    if not paths:
        hint = f" ({skipped} in subfolders: pass recursive=True to read them)" if skipped else ""
        raise ArticleError(f"{shown}: the folder has no .txt files to read{hint}")
    return root, paths, skipped


def _warn_skipped(folder, skipped):
    if skipped:
        shown = str(folder) if folder is not None else "seeds"
        warnings.warn(f"{shown}: {skipped} .txt file(s) in subfolders were not read; pass recursive=True to read them too "
                      "(their ids are then their paths inside the folder, such as 2020/kompas_1)", stacklevel=3)


def outside_seeds(path):
    """``path`` as a Path, with its folder made; ValueError if it is inside seeds/, which is never written to."""
    path = Path(path)
    home = collection_home()
    if home is not None and path.resolve().is_relative_to((home / "seeds").resolve()):
        raise ValueError(f"{path}: will not write into seeds/, which holds the collection's source data")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


PRACTICE_FURNITURE = "Tonton juga video pilihan di kanal kami."  # made up: furniture no shipped rule knows


def make_practice_folder(folder):
    """Write a messy practice copy of the seeds into ``folder`` and return it as a Path.

    - the blog post (curly quotes, NBSP) re-encoded as cp1252 with CRLF line ends;
    - the Liputan6.com article as UTF-8 with a byte-order mark;
    - the detik article with one made-up line of page furniture ("Watch our selected videos too")
      inserted after its third paragraph, for practising a new cleaning rule;
    - an empty file and a non-text file (PNG bytes) named .txt.
    The seeds themselves are only read.
    """
    folder = outside_seeds(Path(folder) / "placeholder").parent
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


def file_report(folder=None, recursive=False):
    """One row per .txt file of a folder: file, bytes, encoding, status ("ok", or what is wrong with it).

    ``recursive`` as for ``load_corpus``: with True, files in subfolders too, named by their path in the folder.
    """
    root, paths, skipped = _files(folder, recursive)
    _warn_skipped(folder, skipped)
    rows = []
    for path in paths:
        encoding, status = None, "ok"
        try:
            raw, encoding = _decode((root / path).read_bytes(), path.as_posix())
            if not cleaning.clean(raw).blocks:
                status = "nothing is left after removing page furniture"
        except ArticleError as error:
            status = str(error).removeprefix(f"{path.as_posix()}: ")
        rows.append({"file": path.as_posix(), "bytes": (root / path).stat().st_size, "encoding": encoding, "status": status})
    return pd.DataFrame(rows)


def load_corpus(folder=None, on_error="raise", extra_rules=None, recursive=False):
    """Read every ``.txt`` file of a folder into a DataFrame, one row per article.

    ``folder`` defaults to the collection's ``seeds/``: in the folder named by the environment
    variable ``BACA_BERITA_HOME``, else in the clone of the collection the working directory is in,
    else beside the ``helpers`` package. Files are only read, never written. Files in subfolders
    are read with ``recursive=True`` (their ids are then their paths in the folder, ``2020/kompas_1``);
    without it, a warning says how many were left out.

    Columns: ``id`` (file stem), ``label`` (short name for tables and plots),
    ``title``, ``outlet``, ``author``, ``published`` (Timestamp or NaT, in the
    outlet's local time, WIB for the seeds), ``published_precision`` (minute,
    day or month), ``place`` (from the dateline), ``language``,
    ``n_paragraphs`` (body paragraphs, headings not counted), ``n_sentences``,
    ``n_words`` (tokens that are not punctuation), ``encoding`` (the file's),
    ``file``, ``text`` (the clean body, without the dateline: blocks separated by a blank line) and
    ``raw`` (the file as decoded).

    Metadata printed in the text wins; the folder's ``manifest.csv``, if any,
    fills the rest. Raises ``ArticleError`` naming every file that cannot be read;
    with ``on_error="skip"`` it loads the others instead (``file_report`` says why
    a file was left out). ``extra_rules`` adds cleaning rules for this load: a
    table with the columns of ``helpers/data/boilerplate.csv``, or a list of rows
    ``(rule, action, pattern, description)``.
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f'load_corpus: on_error must be "raise" or "skip", not {on_error!r}')
    extra_rules = cleaning.rule_table(extra_rules)
    root, paths, skipped = _files(folder, recursive)
    _warn_skipped(folder, skipped)
    manifest = read_manifest(root).set_index("id")
    rows, problems = [], []
    for path in paths:
        shown = _shown_name(folder, path)
        data = (root / path).read_bytes()  # read once: decoded here, and hashed against the manifest below
        try:
            raw, encoding = _decode(data, shown)
        except ArticleError as error:
            problems.append(str(error))
            continue
        doc_id = path.with_suffix("").as_posix()
        entry = manifest.loc[doc_id] if doc_id in manifest.index else None
        if entry is not None and entry.get("sha256") and entry["sha256"] != hashlib.sha256(data).hexdigest():
            problems.append(f"{shown}: its checksum differs from {MANIFEST}: the file was changed, or the manifest is out of date")
            continue
        cleaned = cleaning.clean(raw, extra_rules)
        if not cleaned.blocks:
            problems.append(f"{shown}: nothing is left after removing page furniture (is it an article?)")
            continue
        rows.append(_row(path, raw, encoding, cleaned, entry))
    if problems and (on_error == "raise" or not rows):
        raise ArticleError(f"{len(problems)} of {len(paths)} files could not be read:\n" + "\n".join(problems))
    corpus = pd.DataFrame(rows)
    return _add_counts(corpus)


def from_texts(texts, published=None):
    """A corpus from strings, {id: text}, cleaned and counted like ``load_corpus``: for trying rules on your own sentences.

    ``published`` (a date, for every text) anchors dates without a year. Raises ArticleError for
    a text that is empty or nothing but page furniture.
    """
    rows = []
    for doc_id, raw in texts.items():
        cleaned = cleaning.clean(raw)
        if not cleaned.blocks:
            raise ArticleError(f"{doc_id}: nothing is left after removing page furniture")
        entry = {"published": str(pd.Timestamp(published).date())} if published is not None else None
        rows.append(_row(Path(f"{doc_id}.txt"), raw, "str", cleaned, entry))
    return _add_counts(pd.DataFrame(rows))


def _row(path, raw, encoding, cleaned, entry):
    """One corpus row; ``path`` is the file's path inside its folder, and gives the id."""
    found, blocks = _metadata(cleaned)
    found = {key: value for key, (value, _) in found.items()}
    doc_id = path.with_suffix("").as_posix()
    row = {"id": doc_id, "label": doc_id}
    for key in ["label", *META_FIELDS, "language"]:
        row[key] = found.get(key) or (entry.get(key) if entry is not None else None) or row.get(key)
    row["published"], row["published_precision"] = parse_published(row["published"])
    row.update(encoding=encoding, file=path.as_posix(), text="\n\n".join(blocks), raw=raw)
    return row


def _add_counts(corpus):
    paragraphs = segmenting.paragraphs(corpus)
    sentences = segmenting.sentences(corpus, paragraphs)
    tokens = segmenting.tokens(corpus, stems=False, sentences_table=sentences)
    counts = pd.DataFrame(
        {
            "n_paragraphs": paragraphs[paragraphs["kind"] == "paragraph"].groupby("id").size(),
            "n_sentences": sentences.groupby("id").size(),
            "n_words": tokens[tokens["kind"] != "punct"].groupby("id").size(),
        }
    )
    corpus = corpus.join(counts, on="id")
    corpus[counts.columns] = corpus[counts.columns].fillna(0).astype(int)
    columns = ["id", "label", *META_FIELDS, "published_precision", "language", *counts.columns, "encoding", "file", "text", "raw"]
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
