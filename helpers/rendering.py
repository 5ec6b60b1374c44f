"""Rendering: an article's text with its annotations highlighted, as static HTML.

No JavaScript and no <style> element (JupyterLab strips those from untrusted
outputs): every style is inline, so the page looks the same in JupyterLab and in
an exported HTML file. All article text is HTML-escaped.
"""

import html

import pandas as pd

from helpers import _checks
from helpers._html import HTMLResult
from helpers.plotting import PALETTE
from helpers.reading import article_id
from helpers.segmenting import paragraphs as split_paragraphs
from helpers.translating import glosses

# One visual channel per layer, so that overlapping layers stay readable: entities fill the background and get
# a box, quotes underline, dates get an outline, English is italic and dotted. Colour is never the only cue (a
# greyscale print must still tell the labels apart): each entity label has its own border style and prints its
# letter after the name, and each quotation prints its speaker after it.
STYLES = {
    ("entities", "PERSON"): "background:#f6dbe9;border:1.5px solid #6b2d4e;border-radius:3px",
    ("entities", "ORG"): "background:#d5e6f4;border:1.5px dashed #1c4a72;border-radius:3px",
    ("entities", "PLACE"): "background:#d4f0e4;border:2px dotted #1b5e43;border-radius:3px",
    ("quotes", "QUOTE"): f"border-bottom:2px solid {PALETTE[1]}",
    ("dates", "DATE"): f"outline:3px double {PALETTE[0]};outline-offset:1px",
    ("dates", "DATE?"): f"outline:2px dashed {PALETTE[5]};outline-offset:1px",
    ("english", "EN"): f"font-style:italic;text-decoration:underline dotted {PALETTE[2]};text-decoration-thickness:2px",
}
LEGEND = {
    ("entities", "PERSON"): "person",
    ("entities", "ORG"): "organisation",
    ("entities", "PLACE"): "place",
    ("quotes", "QUOTE"): "quotation",
    ("dates", "DATE"): "date",
    ("dates", "DATE?"): "date whose weekday the calendar contradicts",
    ("english", "EN"): "English",
}
# The letter printed after each entity, so the label reads without colour; a label not listed prints in full.
LETTERS = {"PERSON": "P", "ORG": "O", "PLACE": "L"}
LETTER_STYLE = "font-size:65%;font-weight:bold;font-style:normal;margin-left:1px"
SPEAKER_STYLE = "font-size:75%;font-style:normal;font-weight:bold;color:#333;margin-left:.25em;white-space:nowrap"


# A label no style above knows (a user's COMPANY, say): a grey box of its own, named in the legend by its label.
DEFAULT_STYLE = "background:#e6e6e6;border-radius:3px;box-shadow:inset 0 -2px 0 #9a9a9a"


class Highlighted(HTMLResult):
    """HTML of one highlighted article. Jupyter shows it as HTML; ``.html`` is the markup, ``.save(path)`` writes a page."""

    def __init__(self, html_text, description, title="Baca Berita"):
        self.html = html_text
        self.description = description
        self.title = title

    def __repr__(self):
        return self.description


def _style_key(span):
    if span["layer"] == "dates" and span.get("weekday_ok") is False:
        return ("dates", "DATE?")
    return (span["layer"], span["label"])


def _style(key):
    return STYLES.get(key, DEFAULT_STYLE)


def _letter(span):
    """The label letter printed at the end of an entity (empty for other layers)."""
    if span["layer"] != "entities":
        return ""
    letter = LETTERS.get(span["label"], str(span["label"]))
    return f'<sup style="{LETTER_STYLE}">{html.escape(letter, quote=False)}</sup>'


def _speaker(span):
    """The speaker printed after a quotation (empty for other layers): hover titles do not print."""
    if span["layer"] != "quotes":
        return ""
    speaker = span.get("speaker") if isinstance(span.get("speaker"), str) else "speaker not named"
    return f'<small lang="en" style="{SPEAKER_STYLE}">[{html.escape(speaker, quote=False)}]</small>'


def _title(span):
    """The hover text of a span: what it is and what the rule found out about it."""
    layer = span["layer"]
    if layer == "entities":
        name = span.get("entity")
        return f"{span['label']}" + (f": {name}" if isinstance(name, str) and name != span["text"] else "")
    if layer == "quotes":
        speaker = span.get("speaker") if isinstance(span.get("speaker"), str) else "speaker not named"
        cue = span.get("cue") if isinstance(span.get("cue"), str) else "no reporting verb"
        return f"quotation: {speaker} ({cue})"
    if layer == "dates":
        text = f"date: {span.get('date') or 'not a valid date'}"
        if isinstance(span.get("weekday_stated"), str):
            text += f"; stated as {span['weekday_stated']}: " + ("the calendar agrees" if span.get("weekday_ok") else "the calendar disagrees")
        return text
    if layer == "english":
        return "English" + (f" ({span['classes']})" if isinstance(span.get("classes"), str) else "")
    return str(span["label"])


def show(corpus, article, annotations, layers=None):
    """One article's clean text with annotations highlighted: overlapping spans allowed, a legend, hover titles.

    ``article`` is an id or a label; ``annotations`` a span table with ``layer`` and ``label``
    (``helpers.annotate(corpus)``, the reference annotations, or your own); ``layers`` limits it.
    """
    _checks.corpus(corpus, "show", ["id", "label", "text"])
    _checks.spans(annotations, "show", "annotations", "helpers.annotate(corpus)")
    if layers is not None and (isinstance(layers, str) or not all(isinstance(layer, str) for layer in layers)):
        raise TypeError(f"show: layers should be a list of layer names, such as layers=[\"entities\"]; got {layers!r}")
    doc_id = article_id(corpus, article)
    text = corpus.loc[corpus["id"] == doc_id, "text"].item()
    spans = annotations[annotations["id"] == doc_id]
    if layers is not None:
        spans = spans[spans["layer"].isin(layers)]
    spans = [dict(span) for _, span in spans.iterrows()]
    body = _highlight(text, spans)
    known = list(STYLES)
    used = sorted({_style_key(s) for s in spans}, key=lambda key: (known.index(key), "") if key in known else (len(known), str(key)))
    legend = " ".join(_legend_entry(key) for key in used)
    markup = (
        '<div style="max-width:46em">'
        f'<p style="font-size:90%;margin:0 0 .6em 0">{legend or "no annotations"}</p>'
        f'<div lang="id" style="white-space:pre-wrap;line-height:1.75">{body}</div></div>'
    )
    return Highlighted(markup, f"{doc_id}: {len(text)} characters, {len(spans)} highlighted spans", title=f"{doc_id}: annotations")


def _legend_entry(key):
    """One legend item, styled and marked as the spans it names are."""
    sample = {"layer": key[0], "label": key[1], "speaker": "speaker"}
    name = html.escape(LEGEND.get(key, str(key[1])), quote=False)
    return f'<span style="{_style(key)};padding:0 3px">{name}{_letter(sample)}</span>{_speaker(sample)}'


PUBLISHED_FORMATS = {"minute": "%Y-%m-%d %H:%M", "day": "%Y-%m-%d", "month": "%Y-%m"}


def published_as_stated(corpus):
    """Each article's publication time as text, only as precise as it is known ("2017-06", not "2017-06-01 00:00")."""
    _checks.corpus(corpus, "published_as_stated", ["published", "published_precision"])
    return pd.Series(
        [stamp.strftime(PUBLISHED_FORMATS[precision]) if pd.notna(stamp) else None
         for stamp, precision in zip(corpus["published"], corpus["published_precision"])],
        index=corpus.index, name="published", dtype=object,
    )


def side_by_side(corpus, article, paragraphs=None):
    """One article's paragraphs beside their English glosses, as static HTML (a two-column table).

    ``article`` is an id or a label; ``paragraphs`` a list of paragraph numbers (all by default).
    A paragraph without a gloss says so rather than showing nothing.
    """
    _checks.corpus(corpus, "side_by_side", ["id", "label", "text"])
    doc_id = article_id(corpus, article)
    blocks = split_paragraphs(corpus[corpus["id"] == doc_id])
    if paragraphs is not None:
        unknown = sorted(set(paragraphs) - set(blocks["paragraph"]))
        if unknown:
            raise ValueError(f"{doc_id} has paragraphs 1 to {blocks['paragraph'].max()}; there is no paragraph {unknown}")
        blocks = blocks[blocks["paragraph"].isin(paragraphs)]
    english_of = glosses()
    cell = "padding:.3em .6em;vertical-align:top;text-align:left;border-top:1px solid #ccc"
    rows = []
    for block in blocks.itertuples():
        english = english_of.get((doc_id, block.paragraph))
        english_html = html.escape(english, quote=False) if english else "<em>(no gloss)</em>"
        weight = "font-weight:bold;" if block.kind == "heading" else ""
        rows.append(
            f'<tr><td style="{cell};color:#555">{block.paragraph}</td>'
            f'<td lang="id" style="{cell};{weight}">{html.escape(block.text, quote=False)}</td>'
            f'<td lang="en" style="{cell};{weight}font-style:italic">{english_html}</td></tr>'
        )
    head = "".join(f'<th style="{cell};border-top:none">{name}</th>' for name in ["¶", "Indonesian", "English gloss"])
    markup = (
        '<table style="border-collapse:collapse;table-layout:fixed;width:100%;max-width:60em">'
        '<colgroup><col style="width:2.5em"><col><col></colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return Highlighted(markup, f"{doc_id}: {len(rows)} paragraph{'' if len(rows) == 1 else 's'} beside {'its' if len(rows) == 1 else 'their'} English gloss{'' if len(rows) == 1 else 'es'}",
                       title=f"{doc_id}: with English glosses")


def _highlight(text, spans):
    """Escaped text in segments, each wrapped in one element per span that covers it, outermost first."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    order = sorted((s for s in spans if s["start"] < s["end"]), key=lambda s: (s["start"], -s["end"]))
    covering, opened, pieces = [], 0, []  # covering: the spans open over this segment, outermost first (a sweep, not a scan per segment)
    for left, right in zip(cuts, cuts[1:]):
        covering = [s for s in covering if s["end"] > left]
        while opened < len(order) and order[opened]["start"] <= left:
            covering.append(order[opened])
            opened += 1
        segment = html.escape(text[left:right], quote=False)
        for span in reversed(covering):
            title = html.escape(_title(span), quote=True)
            ends = span["end"] == right  # the marks go once, after the span's last segment
            inside, after = (_letter(span), _speaker(span)) if ends else ("", "")
            segment = f'<span style="{_style(_style_key(span))}" title="{title}">{segment}{inside}</span>{after}'
        pieces.append(segment)
    return "".join(pieces)
