"""Glosses: the English translation of every paragraph of the seed articles, and of any span inside one.

The translations are data, in ``seeds/translations.csv`` (id, paragraph, english), made by hand
and described in ``seeds/translations.md``. A span (a quotation, a date) is glossed by the
paragraph that holds it: the paragraph is the smallest unit that was translated.
"""

from functools import lru_cache

import pandas as pd

from helpers.reading import SEEDS
from helpers.segmenting import paragraphs

TRANSLATIONS = "translations.csv"


@lru_cache(maxsize=1)
def _read():
    path = SEEDS / TRANSLATIONS
    try:
        table = pd.read_csv(path, dtype={"id": str, "english": str})
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ValueError(f"seeds/{TRANSLATIONS}: not a valid UTF-8 CSV file ({error})") from None
    missing = {"id", "paragraph", "english"} - set(table.columns)
    if missing:
        raise ValueError(f"seeds/{TRANSLATIONS}: missing the columns {sorted(missing)}")
    return table


def translations():
    """The glosses: one row per paragraph of the seed articles (id, paragraph, english)."""
    return _read().copy()


def glosses():
    """{(id, paragraph): english} for every translated paragraph."""
    return _read().set_index(["id", "paragraph"])["english"].to_dict()


def with_english(table, corpus):
    """``table`` with an ``english`` column: the gloss of the paragraph each row belongs to.

    A row belongs to a paragraph by ``id`` and ``paragraph``, or, for a span table (quotations,
    dates), by ``id``, ``start`` and ``end``: a span across paragraphs gets the glosses of all of
    them. Articles without a translation (your own, say) get an empty value.
    """
    english_of = glosses()
    if {"id", "paragraph"} <= set(table.columns):
        english = [english_of.get((doc_id, int(number))) for doc_id, number in zip(table["id"], table["paragraph"])]
    elif {"id", "start", "end"} <= set(table.columns):
        blocks = paragraphs(corpus[corpus["id"].isin(set(table["id"]))])
        english = []
        for doc_id, start, end in zip(table["id"], table["start"], table["end"]):
            held_in = blocks[(blocks["id"] == doc_id) & (blocks["start"] < end) & (blocks["end"] > start)]
            found = [english_of.get((doc_id, number)) for number in held_in["paragraph"]]
            english.append(" ".join(found) if found and None not in found else None)
    else:
        raise ValueError(f"with_english needs the columns id and paragraph, or id, start and end; got {list(table.columns)}")
    return table.assign(english=english)
