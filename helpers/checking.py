"""Checking annotations: reference annotations made by hand, and scores of predicted ones against them."""

from dataclasses import dataclass
from pathlib import Path

import re

import pandas as pd

from helpers import _checks
from helpers._html import HTMLResult
from helpers.reading import article_id, seeds_folder

KEY = ["id", "layer", "label", "start", "end"]
# Matched spans must also agree on these, per layer.
ATTRIBUTES = {"quotes": ["speaker"], "dates": ["date", "weekday_ok"]}


def read_reference(path=None):
    """The reference annotations (seeds/annotations.csv, see seeds/annotations.md) as a span table."""
    table = pd.read_csv(Path(path) if path else seeds_folder() / "annotations.csv", dtype={"date": str})
    table["weekday_ok"] = table["weekday_ok"].map({True: True, False: False, "True": True, "False": False})
    return table


def spans_for(corpus, article, phrases, layer, within=None):
    """Your own annotations as a span table: every whole-word occurrence of each (phrase, label) in one article.

    ``article`` is an id or a label; ``within`` (start, end) limits the search to part of the text,
    such as one paragraph. Raises KeyError for a phrase that does not occur there.
    """
    _checks.corpus(corpus, "spans_for", ["id", "label", "text"])
    if isinstance(phrases, str) or not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in phrases):
        raise TypeError(f"spans_for: phrases should be a list of (phrase, label) pairs, such as [(\"Siti Choiriana\", \"PERSON\")]; got {_checks.described(phrases)}")
    doc_id = article_id(corpus, article)
    text = corpus.loc[corpus["id"] == doc_id, "text"].item()
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
class Evaluation(HTMLResult):
    """What ``evaluate`` returns: the scores, and the spans behind them. Shown as the scores table; ``.save(path)`` writes it."""

    scores: pd.DataFrame
    misses: pd.DataFrame  # in the reference, not predicted
    false_alarms: pd.DataFrame  # predicted, not in the reference
    mismatches: pd.DataFrame  # found at the right place, but with another speaker, date or weekday flag
    title = "Baca Berita: scores"

    @property
    def html(self):
        return self.scores._repr_html_()


def evaluate(predicted, reference, match="exact"):
    """Precision, recall and F1 of predicted spans against reference spans, per layer and label.

    With ``match="exact"`` a prediction is correct when its article, layer, label, start and end
    all equal a reference span's. With ``match="lenient"`` it is correct when it has the same
    article, layer and label as a reference span and either covers it or lies inside it
    (*Presiden Joko Widodo* for *Joko Widodo*, *Widodo* for *Joko Widodo*): a looser test, for
    data annotated by other conventions. ``scores`` has one row per layer and label, and a row ``label == "all"``
    per layer: reference, predicted, correct (predictions that are right), found (reference spans
    some prediction is right about; the same as correct for exact matches), precision (correct /
    predicted), recall (found / reference), f1, and attributes_right: of the correct spans, how many also have the right
    speaker (quotes) or date and weekday flag (dates), where the prediction gives them.
    Only the layers of the reference are scored.
    """
    _checks.spans(predicted, "evaluate", "predicted", "helpers.annotate(corpus)")
    _checks.spans(reference, "evaluate", "reference", "helpers.read_reference()")
    _checks.choice(match, "evaluate", "match", ("exact", "lenient"))
    predicted = predicted[predicted["layer"].isin(reference["layer"].unique())].reset_index(drop=True)
    reference = reference.reset_index(drop=True)
    if match == "exact":
        found = _keys(reference).isin(_keys(predicted))
        correct_predictions = _keys(predicted).isin(_keys(reference))
    else:
        found, correct_predictions = _lenient_matches(predicted, reference)
    misses, false_alarms = reference[~found], predicted[~correct_predictions]

    compared = [name for names in ATTRIBUTES.values() for name in names if name in predicted.columns]
    matched = reference[found].merge(predicted[KEY + compared], on=KEY, how="left", suffixes=("", "_predicted"))
    if not compared:
        matched["attributes_right"] = True
    else:
        matched["attributes_right"] = [_attributes_agree(row, compared) for _, row in matched.iterrows()]
    mismatches = matched[~matched["attributes_right"]].drop(columns="attributes_right")

    rows = []
    for layer in reference["layer"].drop_duplicates():
        for label in [*sorted(reference.loc[reference["layer"] == layer, "label"].unique()), "all"]:
            def part(table, layer=layer, label=label):
                return table[(table["layer"] == layer) & ((table["label"] == label) if label != "all" else True)]
            rows.append(_score(layer, label, len(part(reference)), len(part(predicted)),
                               len(part(predicted[correct_predictions])), part(matched)))
    return Evaluation(pd.DataFrame(rows), misses.reset_index(drop=True), false_alarms.reset_index(drop=True),
                      mismatches.reset_index(drop=True))


def _keys(table):
    return pd.MultiIndex.from_frame(table[KEY])


def _lenient_matches(predicted, reference):
    """(reference spans found, predictions right) as boolean arrays: same article, layer and label, one span inside the other."""
    pairs = reference.reset_index().merge(predicted.reset_index(), on=["id", "layer", "label"], suffixes=("_ref", "_pred"))
    covers = (pairs["start_pred"] <= pairs["start_ref"]) & (pairs["end_pred"] >= pairs["end_ref"])
    inside = (pairs["start_pred"] >= pairs["start_ref"]) & (pairs["end_pred"] <= pairs["end_ref"])
    pairs = pairs[covers | inside]
    return reference.index.isin(pairs["index_ref"]), predicted.index.isin(pairs["index_pred"])


def _score(layer, label, reference, predicted, correct, matched):
    found = len(matched)
    precision = correct / predicted if predicted else float("nan")
    recall = found / reference if reference else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return dict(layer=layer, label=label, reference=reference, predicted=predicted, correct=correct, found=found,
                precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3),
                attributes_right=int(matched["attributes_right"].sum()))


def _attributes_agree(row, compared):
    for name in ATTRIBUTES.get(row["layer"], []):
        if name not in compared:
            continue
        ref, pred = row[name], row[f"{name}_predicted"]
        if not (pd.isna(ref) and pd.isna(pred)) and ref != pred:
            return False
    return True
