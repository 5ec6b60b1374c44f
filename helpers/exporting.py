"""Exporting annotations for other tools: standoff CSV, and JSONL for annotation tools such as doccano; a whole folder's annotations to CSV.

Every export is written to a temporary file beside the target and then renamed over it, so a failed
export leaves the previous file as it was, never half a file; no path into seeds/ is written.
"""

import json
import os
import tempfile
from functools import partial

from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers.annotating import LAYERS, annotate, in_order
from helpers.reading import ArticleError, _chunks, _check_chunking, count_files
from helpers.reading import outside_seeds as _writable

# A cell starting with one of these is run as a formula by spreadsheets (OWASP's CSV injection rule);
# a leading apostrophe makes it plain text there.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _neutralised(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _write_atomically(path, write):
    """Call ``write(file)`` on a temporary file in ``path``'s folder, then rename it to ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(handle, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path


def to_standoff_csv(annotations, path):
    """Write a span table as standoff CSV (the spans apart from the text, by offsets). Returns the path.

    A text cell that a spreadsheet would run as a formula (starting with = + - @) gets a leading ``'``.
    """
    path = _writable(path)
    safe = _neutralised_table(annotations)
    return _write_atomically(path, lambda out: safe.to_csv(out, index=False, lineterminator="\n"))


def _neutralised_table(annotations):
    text_columns = [column for column in annotations.columns if not pd.api.types.is_numeric_dtype(annotations[column])]
    return annotations.assign(**{column: annotations[column].map(_neutralised) for column in text_columns})


def annotate_folder(folder, output, chunk=1000, on_error="raise", layers=LAYERS, extra_gazetteer=None, method="rules",
                    jobs=1, recursive=False, progress=None):
    """Annotate every article of a folder into a standoff CSV file, ``chunk`` articles at a time: memory stays bounded.

    The file holds ``annotate``'s span table for the whole folder, written as ``to_standoff_csv`` writes
    one: under a temporary name beside ``output``, renamed when every chunk is done, so that if anything
    goes wrong nothing partial is left under the output's name (a file already there stays as it was).
    ``on_error`` is ``iter_corpus``'s: ``"raise"`` stops at a file that cannot be read, naming it;
    ``"skip"`` warns, naming it, and goes on. ``progress`` shows a progress bar (tqdm) on standard
    error; by default when there is more than one chunk. ``jobs`` reads and annotates each chunk in that many processes.
    Returns the output's path.
    """
    _check_chunking("annotate_folder", chunk, on_error, jobs)
    output = Path(output)
    if output.suffix.lower() != ".csv":
        raise ValueError(f"annotate_folder: {output}: the output is a CSV file; give a name ending in .csv, such as \"annotations.csv\"")
    output = _writable(output)
    total = count_files(folder, recursive)
    show = total > chunk if progress is None else progress
    annotated = partial(annotate, layers=layers, extra_gazetteer=extra_gazetteer, method=method)

    def write(out):
        columns = None
        with tqdm(total=total, unit="article", disable=not show) as bar:
            for table in _chunks(folder, chunk, on_error, None, recursive, jobs, then=annotated):
                table = in_order(table)  # each share of a chunk was annotated apart
                columns = list(table.columns) if columns is None else columns
                _neutralised_table(table.reindex(columns=columns)).to_csv(out, header=out.tell() == 0, index=False, lineterminator="\n")
                bar.update(min(chunk, total - bar.n))
            bar.update(total - bar.n)  # a chunk whose files were all skipped gave no table to count
        if columns is None:
            raise ArticleError(f"annotate_folder: {folder}: no file could be read, so nothing was written")

    return _write_atomically(output, write)


def to_jsonl(corpus, annotations, path):
    """Write one JSON object per article: ``{"id", "text", "label": [[start, end, label], …]}``. Returns the path.

    This is doccano's JSONL import format for sequence labelling: open it there and go on
    annotating by hand. Labels are the span table's ``label`` column (PERSON, QUOTE, EN…).
    """
    path = _writable(path)

    def write(out):
        for doc_id, text in zip(corpus["id"], corpus["text"]):
            spans = annotations[annotations["id"] == doc_id].sort_values(["start", "end"])
            labels = [[int(s), int(e), str(label)] for s, e, label in zip(spans["start"], spans["end"], spans["label"])]
            out.write(json.dumps({"id": doc_id, "text": text, "label": labels}, ensure_ascii=False) + "\n")

    return _write_atomically(path, write)
