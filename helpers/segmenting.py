"""Segmenting: paragraphs, sentences and tokens of the clean text, as span tables.

Every table has ``id, start, end, text`` with ``start``/``end`` offsets into
the article's clean ``text``: ``corpus.text[start:end] == text`` always holds.
Paragraphs and sentences are numbered from 1 within each article, as a reader counts.
"""

import re
from functools import lru_cache

import pandas as pd

from helpers._data import read_word_list
from helpers.vocabulary import stem_words, stopwords

MAX_HEADING_WORDS = 12

# Tokens, tried in this order at each position. Hyphens and apostrophes join
# word parts, so reduplications (teman-teman), prefixed loans (meng-adopt) and
# names (Yu-Chuang) stay whole; a clitic stays with its word (blokirannya).
TOKEN_PATTERNS = {
    "url": r"https?://\S+[^\s.,;:!?)\]\"”’]|www\.[\w-]+(?:\.[\w-]+)+",
    "email": r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+",
    "domain": r"(?<![\w-])(?<![\w-]\.)[^\W_][\w-]*+(?:\.[\w-]++)*\.(?:com|net|org|co\.id|go\.id|ac\.id|or\.id|id)\b",
    "date": r"\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/])",
    "time": r"\d{1,2}:\d{2}\b",
    "number": r"\d+(?:[.,]\d+)*(?![^\W\d_])",
    "word": r"[^\W_]+(?:[-'’][^\W_]+)*",
    "punct": r"\.\.\.|…|[^\w\s]",
}
# E-mail addresses and domains are tried only where a run of their characters begins (the look-behinds),
# and possessive quantifiers give nothing back: trying them inside a long run (a.a.a.…) would be quadratic.
TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in TOKEN_PATTERNS.items()))

# A sentence may end after . ! ? or an ellipsis, with closing quotes or brackets
# after it, when white space and then a capital, a digit or an opening quote follow. Only the start of a
# run of end marks is tried, and the quantifiers are possessive: a row of dots costs one pass, not 2ⁿ.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s++[\"“‘(\[]?[A-Z0-9])")
_SPACE_RUN = re.compile(r"\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _blocks(text):
    """(start, end) of each block of a clean text; blocks are separated by blank lines."""
    start = 0
    for block in text.split("\n\n"):
        yield start, start + len(block)
        start += len(block) + 2


def is_heading(block, is_last=False):
    """A subheading: a short line starting with a capital, with no final full stop and no quotation.

    An ellipsis may end it ("Siap Buka Akses Netflix, Asal..."). The last block
    of an article is never a heading: nothing follows it.
    """
    if is_last or not block[:1].isupper() or any(q in block for q in "\"“”"):
        return False
    ends_open = block.endswith(("...", "…")) or not block.endswith((".", ",", ";", ":", "!", "?", ")"))
    return ends_open and len(block.split()) <= MAX_HEADING_WORDS


def paragraphs(corpus):
    """One row per block of each article: id, start, end, text, paragraph (1, 2, …) and kind (paragraph or heading)."""
    rows = []
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        spans = list(_blocks(text))
        for number, (start, end) in enumerate(spans, start=1):
            block = text[start:end]
            kind = "heading" if is_heading(block, is_last=number == len(spans)) else "paragraph"
            rows.append((doc_id, start, end, block, number, kind))
    return pd.DataFrame(rows, columns=["id", "start", "end", "text", "paragraph", "kind"])


@lru_cache(maxsize=None)
def _abbreviations():
    return frozenset(read_word_list("abbreviations.txt"))


def _ends_sentence(block, end):
    """Is the full stop just before ``end`` (a candidate boundary) really the end of a sentence?"""
    head = block[max(0, end - 80) : end].rstrip("\"”’')]")  # a window: the word before the full stop is short
    if head.endswith(("...", "…")) or not head.endswith("."):
        return True
    word = _WORD_BEFORE.search(head)
    if word is None:
        return True
    word = word.group(1)
    is_initial = len(word) == 1 and word.isupper()  # M. in "Agustinus M. Damar"
    return not (is_initial or word in _abbreviations() or word.split(".")[-1] in _abbreviations())


def split_sentences(block):
    """(start, end) of each sentence in one block of text.

    No split inside brackets, after an abbreviation or an initial, or inside
    numbers, dates and domains (no space follows their full stops). A quotation
    of several sentences is split into them, and the closing quote and the
    attribution after it (``," ujar Siti``) stay with the last one.
    """
    spans, start = [], 0
    # Brackets opened before the boundary and closed before its last character (a closing bracket
    # there still counts as inside), counted as the boundaries advance: linear in the block's length.
    opened = closed = opened_to = closed_to = 0
    for match in _BOUNDARY.finditer(block):
        end = match.end()
        opened, opened_to = opened + block.count("(", opened_to, end), end
        closed, closed_to = closed + block.count(")", closed_to, end - 1), end - 1
        if opened > closed or not _ends_sentence(block, end):
            continue
        spans.append((start, end))
        start = _SPACE_RUN.match(block, end).end()
    spans.append((start, len(block)))
    return [(s, e) for s, e in spans if block[s:e].strip()]


def sentences(corpus, paragraphs_table=None):
    """One row per sentence: id, start, end, text, paragraph, sentence (numbered through the article).

    ``paragraphs_table`` is ``paragraphs(corpus)``, if it is already at hand.
    """
    rows = []
    paras = paragraphs(corpus) if paragraphs_table is None else paragraphs_table
    numbers = {}
    columns = (paras[name].tolist() for name in ["id", "start", "text", "paragraph"])
    for doc_id, offset, text, paragraph in zip(*columns):  # plain lists: much faster than itertuples
        for start, end in split_sentences(text):
            numbers[doc_id] = numbers.get(doc_id, 0) + 1
            rows.append((doc_id, offset + start, offset + end, text[start:end], paragraph, numbers[doc_id]))
    return pd.DataFrame(rows, columns=["id", "start", "end", "text", "paragraph", "sentence"])


def tokenize(text):
    """(start, end, kind) of each token of a string; white space is never part of a token."""
    return [(m.start(), m.end(), m.lastgroup) for m in TOKEN.finditer(text)]


def tokens(corpus, stems=True, sentences_table=None):
    """One row per token: id, start, end, text, kind, paragraph, sentence, lower, is_stopword, and stem.

    ``kind`` is word, number, date, time, domain, url, email or punct.
    ``is_stopword`` uses the published list of Tala (2003) plus
    ``helpers/data/stopwords_extra.txt``; ``stem`` (words only) comes from
    PySastrawi, which also strips clitics such as -nya. Tokens never cross a sentence.
    ``sentences_table`` is ``sentences(corpus)``, if it is already at hand.
    """
    table = pd.DataFrame(token_columns(sentences(corpus) if sentences_table is None else sentences_table))
    table["lower"] = table["text"].str.lower()
    table["is_stopword"] = table["lower"].isin(stopwords()) & (table["kind"] == "word")
    if stems:
        words = table["kind"] == "word"
        table["stem"] = table["lower"].where(words).map(stem_words(table.loc[words, "lower"].unique()))
    return table


_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group


def token_columns(sentences_table):
    """The tokens of a sentence table as plain lists, {column: list}: id, start, end, text, kind, paragraph, sentence.

    What ``tokens`` builds its table from, and what a layer that walks the tokens reads without one.
    Per sentence, the matches' fields are taken by ``map`` over the match objects, not a Python loop per token.
    """
    columns = {name: [] for name in ["id", "start", "end", "text", "kind", "paragraph", "sentence"]}
    names = ["id", "start", "text", "paragraph", "sentence"]
    for doc_id, offset, text, paragraph, sentence in zip(*(sentences_table[c].tolist() for c in names)):
        matches = list(TOKEN.finditer(text))
        count = len(matches)
        columns["start"] += [offset + start for start in map(_START, matches)]
        columns["end"] += [offset + end for end in map(_END, matches)]
        columns["text"] += map(_GROUP, matches)
        columns["kind"] += [match.lastgroup for match in matches]
        columns["id"] += [doc_id] * count
        columns["paragraph"] += [paragraph] * count
        columns["sentence"] += [sentence] * count
    return columns


def capturing(kind):
    """The tokenizer with only tokens of ``kind`` captured: its ``findall`` gives each token's text if it is of that
    kind, else "". Walking a text in C this way is much cheaper than a match object per token, for counting."""
    return re.compile("|".join(f"({pattern})" if name == kind else f"(?:{pattern})" for name, pattern in TOKEN_PATTERNS.items()))


_PUNCT_TOKEN = capturing("punct")


def counts(text):
    """(body paragraphs, sentences, words) of one clean text: what ``paragraphs``, ``sentences`` and ``tokens``
    would count, without building their tables.

    Words are tokens that are not punctuation. A sentence boundary always falls in white space, which
    no token holds, so the whole text gives the same tokens as its sentences one by one.
    """
    spans = list(_blocks(text))
    n_paragraphs = n_sentences = 0
    for number, (start, end) in enumerate(spans, start=1):
        block = text[start:end]
        n_paragraphs += not is_heading(block, is_last=number == len(spans))
        n_sentences += len(split_sentences(block))
    found = _PUNCT_TOKEN.findall(text)  # the punctuation tokens' text, and "" for every other token
    return n_paragraphs, n_sentences, found.count("")
