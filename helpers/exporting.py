"""Exporting annotations for other tools: standoff CSV, and JSONL for annotation tools such as doccano.

Every export is written to a temporary file beside the target and then renamed over it, so a failed
export leaves the previous file as it was, never half a file; no path into seeds/ is written.
"""

import json
import os
import tempfile

import pandas as pd

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
    text_columns = [column for column in annotations.columns if not pd.api.types.is_numeric_dtype(annotations[column])]
    safe = annotations.assign(**{column: annotations[column].map(_neutralised) for column in text_columns})
    return _write_atomically(path, lambda out: safe.to_csv(out, index=False, lineterminator="\n"))


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
