"""Checking annotations: reference annotations made by hand, and scores of predicted ones against them."""

from dataclasses import dataclass
from pathlib import Path

import re

import pandas as pd

from helpers.reading import SEEDS

KEY = ["id", "layer", "label", "start", "end"]
# Matched spans must also agree on these, per layer.
ATTRIBUTES = {"quotes": ["speaker"], "dates": ["date", "weekday_ok"]}


def read_reference(path=None):
    """The reference annotations (seeds/annotations.csv, see seeds/annotations.md) as a span table."""
    table = pd.read_csv(Path(path) if path else SEEDS / "annotations.csv", dtype={"date": str})
    table["weekday_ok"] = table["weekday_ok"].map({True: True, False: False, "True": True, "False": False})
    return table


def spans_for(corpus, article, phrases, layer, within=None):
    """Your own annotations as a span table: every whole-word occurrence of each (phrase, label) in one article.

    ``article`` is an id or a label; ``within`` (start, end) limits the search to part of the text,
    such as one paragraph. Raises KeyError for a phrase that does not occur there.
    """
    row = corpus[(corpus["id"] == article) | (corpus["label"] == article)]
    doc_id, text = row["id"].item(), row["text"].item()
    start, end = within or (0, len(text))
    rows = []
    for phrase, label in phrases:
        pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
        found = [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]
        if not found:
            raise KeyError(f"{phrase!r} does not occur in {doc_id} between offsets {start} and {end}")
        rows += [(doc_id, s, e, text[s:e], layer, label) for s, e in found]
    return pd.DataFrame(rows, columns=["id", "start", "end", "text", "layer", "label"])


@dataclass
class Evaluation:
    """What ``evaluate`` returns: the scores, and the spans behind them."""

    scores: pd.DataFrame
    misses: pd.DataFrame  # in the reference, not predicted
    false_alarms: pd.DataFrame  # predicted, not in the reference
    mismatches: pd.DataFrame  # found at the right place, but with another speaker, date or weekday flag

    def _repr_html_(self):
        return self.scores._repr_html_()


def evaluate(predicted, reference):
    """Precision, recall and F1 of predicted spans against reference spans, per layer and label.

    A prediction is correct when its article, layer, label, start and end all equal a reference
    span's (exact match). ``scores`` has one row per layer and label, and a row ``label == "all"``
    per layer: reference, predicted, correct, precision (correct / predicted), recall (correct /
    reference), f1, and attributes_right: of the correct spans, how many also have the right
    speaker (quotes) or date and weekday flag (dates).
    """
    predicted = predicted[predicted["layer"].isin(reference["layer"].unique())]
    merged = reference.merge(predicted, on=KEY, how="outer", suffixes=("_ref", "_pred"), indicator=True)
    misses = _side(merged[merged["_merge"] == "left_only"], "_ref")
    false_alarms = _side(merged[merged["_merge"] == "right_only"], "_pred")
    both = merged[merged["_merge"] == "both"].copy()
    both["attributes_right"] = [_attributes_agree(row) for _, row in both.iterrows()]
    mismatches = _side(both[~both["attributes_right"]], "_ref", keep_predicted=True)

    rows = []
    for (layer, label), group in _with_totals(merged, both):
        rows.append(_score(layer, label, group))
    scores = pd.DataFrame(rows)
    return Evaluation(scores, misses, false_alarms, mismatches)


def _with_totals(merged, both):
    attribute_ok = both.set_index(KEY)["attributes_right"]
    merged = merged.join(attribute_ok, on=KEY)
    for layer, by_layer in merged.groupby("layer", sort=False):
        for label, by_label in by_layer.groupby("label"):
            yield (layer, label), by_label
        yield (layer, "all"), by_layer


def _score(layer, label, group):
    reference = int(group["_merge"].isin(["both", "left_only"]).sum())
    predicted = int(group["_merge"].isin(["both", "right_only"]).sum())
    correct = int((group["_merge"] == "both").sum())
    precision = correct / predicted if predicted else float("nan")
    recall = correct / reference if reference else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    right = int(group.loc[group["_merge"] == "both", "attributes_right"].sum())
    return dict(layer=layer, label=label, reference=reference, predicted=predicted, correct=correct,
                precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3), attributes_right=right)


def _attributes_agree(row):
    for name in ATTRIBUTES.get(row["layer"], []):
        ref, pred = row[f"{name}_ref"], row[f"{name}_pred"]
        if not (pd.isna(ref) and pd.isna(pred)) and ref != pred:
            return False
    return True


def _side(rows, suffix, keep_predicted=False):
    """The rows of one side of the merge, with that side's column names."""
    columns = {c: c.removesuffix(suffix) for c in rows.columns if c.endswith(suffix)}
    table = rows[KEY + list(columns)].rename(columns=columns)
    if keep_predicted:
        for layer_attributes in ATTRIBUTES.values():
            for name in layer_attributes:
                table[f"predicted_{name}"] = rows[f"{name}_pred"]
    return table.reset_index(drop=True)
