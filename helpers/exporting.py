"""Exporting annotations for other tools: standoff CSV, and JSONL for annotation tools such as doccano."""

import json

from helpers.reading import outside_seeds as _writable


def to_standoff_csv(annotations, path):
    """Write a span table as standoff CSV (the spans apart from the text, by offsets). Returns the path."""
    path = _writable(path)
    annotations.to_csv(path, index=False, lineterminator="\n")
    return path


def to_jsonl(corpus, annotations, path):
    """Write one JSON object per article: ``{"id", "text", "label": [[start, end, label], …]}``. Returns the path.

    This is doccano's JSONL import format for sequence labelling: open it there and go on
    annotating by hand. Labels are the span table's ``label`` column (PERSON, QUOTE, EN…).
    """
    path = _writable(path)
    with open(path, "w", encoding="utf-8") as out:
        for doc_id, text in zip(corpus["id"], corpus["text"]):
            spans = annotations[annotations["id"] == doc_id].sort_values(["start", "end"])
            labels = [[int(s), int(e), str(label)] for s, e, label in zip(spans["start"], spans["end"], spans["label"])]
            out.write(json.dumps({"id": doc_id, "text": text, "label": labels}, ensure_ascii=False) + "\n")
    return path
