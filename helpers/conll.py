"""Reading CoNLL files: sentences annotated one token a line, as public NER data sets are shared.

The collection ships the train and dev splits of idner-news-2k (``helpers/data/idner-news-2k``):
real Indonesian news sentences whose people, organisations and places were tagged by hand.
``read_conll`` turns such a file into the collection's tables, so that the rules of
``annotating`` can run on its sentences and ``evaluate`` can score them like anything else.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers._data import DATA

SPLITS = DATA / "idner-news-2k"
# The data set's labels, and the collection's names for them.
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}


@dataclass
class Conll:
    """What ``read_conll`` returns: three tables about the same text."""

    articles: pd.DataFrame  # id, text (sentences joined by blank lines), n_sentences: a corpus the finders accept
    tokens: pd.DataFrame  # id, sentence, start, end, text, tag (IOB with the collection's labels: B-PERSON, I-ORG, O)
    spans: pd.DataFrame  # id, start, end, text, layer ("entities"), label: the gold annotations


def split_path(split):
    """The path of a vendored idner-news-2k split: ``"train"`` or ``"dev"``."""
    if split not in ("train", "dev"):
        raise ValueError(f'split must be "train" or "dev", not {split!r}')
    return SPLITS / f"{split}.txt"


def read_conll(path, sentences_per_article=20):
    """The sentences of a CoNLL file (``token [POS] TAG`` a line, blank line between sentences) as tables.

    ``path`` is a file, or ``"train"`` / ``"dev"`` for the vendored idner-news-2k splits. Each
    sentence's tokens are joined by single spaces, so offsets are exact; every
    ``sentences_per_article`` sentences make one pseudo-article (the data set keeps no article
    boundaries), so rules that look across sentences, such as later mentions of a name, have a
    context to work in. Labels become the collection's: PER → PERSON, LOC → PLACE, ORG → ORG.

    Raises ValueError naming the file and line for an empty file, a line without a tag, a tag that
    is not IOB (``B-X``, ``I-X`` or ``O``), an unknown label, or an ``I-`` tag that continues nothing.
    """
    path = split_path(path) if path in ("train", "dev") else Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot be read as a UTF-8 text file ({error})") from None
    sentences = _sentences(lines, path)
    if not sentences:
        raise ValueError(f"{path}: no annotated sentences in the file")
    article_rows, token_rows, span_rows = [], [], []
    for first in range(0, len(sentences), sentences_per_article):
        doc_id = f"{path.stem}-{first // sentences_per_article + 1:03d}"
        group = sentences[first : first + sentences_per_article]
        offset, parts, spans = 0, [], []
        for number, sentence in enumerate(group, start=first + 1):
            for word, tag in sentence:
                start, end = offset, offset + len(word)
                token_rows.append((doc_id, number, start, end, word, tag))
                if tag.startswith("B-"):
                    spans.append([start, end, tag[2:]])
                elif tag.startswith("I-"):
                    spans[-1][1] = end
                offset = end + 1
            parts.append(" ".join(word for word, _ in sentence))
            offset += 1  # the blank line between sentences: "\n\n" where a space would have been
        text = "\n\n".join(parts)
        span_rows += [(doc_id, start, end, text[start:end], "entities", label) for start, end, label in spans]
        article_rows.append((doc_id, text, len(group)))
    return Conll(
        articles=pd.DataFrame(article_rows, columns=["id", "text", "n_sentences"]),
        tokens=pd.DataFrame(token_rows, columns=["id", "sentence", "start", "end", "text", "tag"]),
        spans=pd.DataFrame(span_rows, columns=["id", "start", "end", "text", "layer", "label"]),
    )


def _sentences(lines, path):
    """[[(word, tag with the collection's label), ...], ...], checking every line."""
    sentences, current = [], []
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            if current:
                sentences.append(current)
            current = []
            continue
        if len(fields) < 2:
            raise ValueError(f"{path}, line {number}: {line.strip()!r} has no tag (expected 'token [POS] TAG')")
        word, tag = fields[0], fields[-1]
        if tag != "O":
            prefix, _, label = tag.partition("-")
            if prefix not in ("B", "I") or label not in LABELS:
                raise ValueError(f"{path}, line {number}: {tag!r} is not an IOB tag (B-X, I-X or O, X one of {', '.join(LABELS)})")
            previous = current[-1][1] if current else "O"
            if prefix == "I" and previous[2:] != LABELS[label]:
                raise ValueError(f"{path}, line {number}: {tag!r} continues no {label} entity (an I- tag needs a B- or I- tag before it)")
            tag = f"{prefix}-{LABELS[label]}"
        current.append((word, tag))
    if current:
        sentences.append(current)
    return sentences
