"""Comparing: how similar articles are, what sets each apart, who speaks in each, and when things happened."""

import re
from collections import Counter
from functools import partial

import numpy as np
import pandas as pd

from helpers import _checks
from helpers._parallel import in_processes, processes
from helpers.annotating import CAPWORD, _roles, find_dates, find_entities, find_quotes
from helpers.reading import article_id
from helpers.segmenting import capturing, paragraphs, sentences, tokens
from helpers.translating import glosses, with_english
from helpers.vocabulary import stem, stopwords


def term_counts(corpus, drop_stopwords=True, use_stems=False, unit="id"):
    """Counts of each term per document: a long table (``unit``, term, count) of word tokens.

    ``unit`` is ``id`` (whole articles) or ``paragraph`` (then the document is (id, paragraph)).
    Terms are lower-case words, or their PySastrawi stems with ``use_stems``.
    """
    _checks.corpus(corpus, "term_counts")
    _checks.choice(unit, "term_counts", "unit", ("id", "paragraph"))
    table = tokens(corpus, stems=use_stems)
    words = table[table["kind"] == "word"]
    if drop_stopwords:
        words = words[~words["is_stopword"]]
    keys = ["id"] if unit == "id" else ["id", "paragraph"]
    return words.groupby([*keys, words["stem" if use_stems else "lower"].rename("term")]).size().rename("count").reset_index()


def tf_idf(counts, keys=("id",)):
    """TF-IDF weights from a long table of counts: tf × idf, with idf = ln((1 + N) / (1 + df)) + 1.

    tf is the term's share of its document's words; N the number of documents; df the number of
    documents the term occurs in. The smoothing (+1) keeps a term found in every document at
    weight tf rather than zero. Returns a table: documents as rows, terms as columns.
    """
    keys = list(keys)
    _checks.table(counts, "tf_idf", "counts", [*keys, "term", "count"], "helpers.comparing.term_counts(corpus)")
    matrix = counts.pivot_table(index=keys, columns="term", values="count", fill_value=0, aggfunc="sum")
    tf = matrix.div(matrix.sum(axis=1), axis=0)
    df = (matrix > 0).sum(axis=0)
    idf = np.log((1 + len(matrix)) / (1 + df)) + 1
    return tf * idf


def cosine(weights):
    """Cosine similarity of every pair of rows: dot product over the product of the lengths."""
    values = weights.to_numpy(dtype=float)
    lengths = np.linalg.norm(values, axis=1)
    lengths[lengths == 0] = 1.0
    unit = values / lengths[:, None]
    return pd.DataFrame(unit @ unit.T, index=weights.index, columns=weights.index)


# A dense table of this many articles squared is 72 MB of floats, and its term matrix more: past it, neighbours() instead.
SIMILARITY_MAX_ARTICLES = 3_000
# Cosines computed at once when looking for neighbours: a block of rows × every article, 80 MB of floats, so that two
# processes with jobs=2 hold no more than 160 MB together. The same blocks whatever jobs is: a matrix product's last
# bit depends on the shape of its block, and the table must not depend on jobs.
NEIGHBOUR_BLOCK_CELLS = 10_000_000
# Terms in at least this many articles, and in 1 in COMMON_TERM_SHARE, are multiplied as a dense matrix of at most
# DENSE_TERM_CELLS cells (measured on 10,000 articles: a sparse product costs some 10 times a dense one per term and article).
COMMON_TERM_MIN_ARTICLES = 50
COMMON_TERM_SHARE = 10
DENSE_TERM_CELLS = 25_000_000
# Past this many articles neighbours() is approximate by default: the exact search's time grows with the square of the corpus.
EXACT_MAX_ARTICLES = 20_000
# The approximate search: candidates share one of an article's APPROXIMATE_TERMS rarest terms among those found in at
# most this share of the articles (or APPROXIMATE_MIN_DF of them), and the best APPROXIMATE_CANDIDATES × k candidates of
# each article by that part of the cosine get their exact cosine.
APPROXIMATE_MAX_DF = 0.01
APPROXIMATE_MIN_DF = 20
APPROXIMATE_TERMS = 30
APPROXIMATE_CANDIDATES = 20
APPROXIMATE_BLOCK_ROWS = 1_000
ROW_DOT_PAIRS = 100_000  # candidate pairs rescored at once: their rows hold some 30 million values
PARALLEL_MIN_TEXTS = 2_000  # below this, starting a process costs more than counting in it saves


def similarity(corpus, drop_stopwords=True, use_stems=False):
    """Cosine similarity of the articles' TF-IDF vectors: a square DataFrame indexed by article id (1 = same words).

    An article with no terms left (only stopwords) keeps its row: 0 with every article, itself included.
    For more than ``SIMILARITY_MAX_ARTICLES`` articles the table would take gigabytes: use ``neighbours``.
    """
    _checks.corpus(corpus, "similarity")
    if len(corpus) > SIMILARITY_MAX_ARTICLES:
        raise ValueError(
            f"similarity: {len(corpus):,} articles would make a {len(corpus):,} × {len(corpus):,} table "
            f"({len(corpus) ** 2 * 8 / 1e9:.1f} GB of numbers); it is meant for up to {SIMILARITY_MAX_ARTICLES:,}. "
            "For a large corpus, helpers.neighbours(corpus, k=10) gives each article's k most similar ones"
        )
    weights = tf_idf(term_counts(corpus, drop_stopwords, use_stems)).reindex(pd.Index(corpus["id"], name="id"), fill_value=0.0)
    return cosine(weights).clip(upper=1.0)


def neighbours(corpus, k=10, drop_stopwords=True, use_stems=False, exact=None, jobs=1):
    """Each article's ``k`` most similar articles: id, neighbour, cosine, rank (1 = most similar).

    The cosines are those of ``similarity`` (the same TF-IDF weights), computed from a sparse matrix
    a block of articles at a time, so memory grows with the corpus, not with its square. Only articles
    that share a term count as neighbours (cosine above 0); equal cosines rank in corpus order.

    ``exact=True`` compares every pair of articles; its time grows with the square of the corpus.
    ``exact=False`` compares each article only with those sharing one of its rarest terms (its
    ``APPROXIMATE_TERMS`` rarest among the terms found in at most ``APPROXIMATE_MAX_DF`` of the articles, a cut
    like scikit-learn's ``max_df``) and keeps the exact cosines of the best of them: much faster on a large
    corpus, but a true neighbour that shares only common words with an article can be missed (the README
    gives its agreement with the exact search). The default, None, is exact
    up to ``EXACT_MAX_ARTICLES`` articles. ``jobs=2`` or more counts the words, and searches a share of the articles'
    neighbours, in each of that many processes.
    """
    _checks.corpus(corpus, "neighbours")
    _checks.count(k, "neighbours", "k", "how many neighbours per article", 10)
    _checks.count(jobs, "neighbours", "jobs", "how many processes to use", 2)
    if not (exact is None or isinstance(exact, bool)):
        raise ValueError(f"neighbours: exact is True (every pair), False (the approximate search) or None (exact up to "
                         f"{EXACT_MAX_ARTICLES:,} articles), not {exact!r}")
    ids = np.asarray(corpus["id"].tolist(), dtype=object)
    unit = _unit_tf_idf(corpus["text"].tolist(), drop_stopwords, use_stems, jobs)
    exact = len(ids) <= EXACT_MAX_ARTICLES if exact is None else exact
    rows_of, prepared, block = _exact_search(unit, k) if exact else _approximate_search(unit, k)
    if jobs > 1 and len(ids) >= PARALLEL_MIN_TEXTS:
        # Shares of whole blocks, so that each block is the one a single process would compute.
        blocks = -(-len(ids) // block)
        bounds = np.minimum(np.linspace(0, blocks, jobs + 1).round().astype(int) * block, len(ids))
        with processes(jobs, _keep, (prepared,)) as pool:
            found = list(pool.map(partial(_rows_of_kept, rows_of, block=block), bounds[:-1], bounds[1:]))
    else:
        found = [rows_of(prepared, 0, len(ids), block)]
    row, column, value = (np.concatenate(parts) for parts in zip(*found))
    table = pd.DataFrame({"id": ids[row], "neighbour": ids[column], "cosine": value})
    table["rank"] = table.groupby("id", sort=False).cumcount() + 1
    return table


# What a worker process of neighbours() is given as it starts (_keep is its initializer). Forked, a worker inherits
# the prepared matrices from its parent; spawned (Windows, macOS), it is sent a copy, and holds one of its own.
_KEPT = {}


def _keep(prepared):
    _KEPT["prepared"] = prepared


def _rows_of_kept(rows_of, first, last, block):
    return rows_of(_KEPT["prepared"], first, last, block)


def _exact_search(unit, k):
    """The exact search, every pair's cosine a block of rows at a time: (a function giving the (row, column, cosine)
    of rows first..last's top ``k``, a block of rows at a time; what that function reads, prepared once for every
    process; the rows of a block)."""
    n = unit.shape[0]
    # Terms in many articles make the sparse product nearly dense and slow: their part of every cosine is a
    # dense matrix product (BLAS), and only the rarer terms' part is sparse. The sum is the same dot product.
    frequency = np.bincount(unit.indices, minlength=unit.shape[1])
    common = np.flatnonzero(frequency >= max(COMMON_TERM_MIN_ARTICLES, n // COMMON_TERM_SHARE))
    common = common[np.argsort(-frequency[common], kind="stable")][: max(0, DENSE_TERM_CELLS // max(1, n))]
    rare = np.setdiff1d(np.arange(unit.shape[1]), common)
    rare_unit = unit[:, rare].tocsr()
    block = max(1, NEIGHBOUR_BLOCK_CELLS // max(1, n))
    return _exact_rows, (unit[:, common].toarray(), rare_unit, rare_unit.T.tocsr(), k), block


def _exact_rows(prepared, first, last, block):
    dense, rare_unit, rare_transposed, k = prepared
    found = [(np.array([], dtype=int), np.array([], dtype=int), np.array([]))]  # no rows, an empty table
    for start in range(first, last, block):
        stop = min(last, start + block)
        cosines = dense[start:stop] @ dense.T
        cosines += (rare_unit[start:stop] @ rare_transposed).toarray()
        rows = np.arange(len(cosines))
        cosines[rows, start + rows] = 0.0  # an article is not its own neighbour
        np.minimum(cosines, 1.0, out=cosines)
        found.append(_top(cosines, k, start))
    return tuple(np.concatenate(parts) for parts in zip(*found))


def _approximate_search(unit, k):
    """(a function giving the (row, column, cosine) of rows first..last's top ``k`` among the articles each shares one
    of its rarest terms with, what it reads, the rows of a block).

    An article's ``APPROXIMATE_TERMS`` rarest terms among the selective ones (found in at most ``APPROXIMATE_MAX_DF``
    of the articles) name its candidates, and their part of the cosine ranks them: a sparse product whose cost
    grows with those terms' articles, not with the corpus. The best ``APPROXIMATE_CANDIDATES`` × k candidates of
    each article then get their exact cosine, and the top ``k`` of those are kept.
    """
    from scipy import sparse

    n = unit.shape[0]
    frequency = np.bincount(unit.indices, minlength=unit.shape[1])
    selective = frequency <= max(APPROXIMATE_MIN_DF, APPROXIMATE_MAX_DF * n)
    row = np.repeat(np.arange(n), np.diff(unit.indptr))
    usable = selective[unit.indices]
    row, column, weight = row[usable], unit.indices[usable], unit.data[usable]
    order = np.lexsort((column, frequency[column], row))  # each article's terms, rarest first
    rarest = order[_first_per_row(row[order], APPROXIMATE_TERMS)]
    rarest_unit = sparse.csr_matrix((weight[rarest], (row[rarest], column[rarest])), shape=unit.shape)
    transposed = unit.T.tocsr()
    unit.sort_indices()  # rows multiplied term by term must list their terms in the same order
    return _approximate_rows, (rarest_unit, transposed, unit, k), APPROXIMATE_BLOCK_ROWS


def _approximate_rows(prepared, first, last, block):
    rarest_unit, transposed, unit, k = prepared
    found = [(np.array([], dtype=int), np.array([], dtype=int), np.array([]))]  # no rows, an empty table
    for start in range(first, last, block):
        shared = (rarest_unit[start : min(last, start + block)] @ transposed).tocoo()  # the rarest terms' part of each cosine
        row, column, value = shared.row, shared.col, shared.data
        keep = (start + row != column) & (value > 0)  # an article is not its own neighbour
        row, column = row[keep], column[keep]
        # The candidates' order among themselves does not matter, only which are kept: one sort of a single key.
        order = np.argsort(row * 4.0 - value[keep], kind="stable")  # by row, then highest value first (values are at most 1)
        order = order[_first_per_row(row[order], APPROXIMATE_CANDIDATES * k)]
        row, column = row[order], column[order]
        value = _dots(unit, start + row, column)
        row, column, value = _best_per_row(row, column, np.minimum(value, 1.0), k)
        found.append((row + start, column, value))
    return tuple(np.concatenate(parts) for parts in zip(*found))


def _best_per_row(row, column, value, k):
    """The ``k`` highest values of each row, best first, ties in column order, rows in order."""
    order = np.lexsort((column, -value, row))
    row, column, value = row[order], column[order], value[order]
    keep = _first_per_row(row, k)
    return row[keep], column[keep], value[keep]


def _dots(matrix, rows, columns):
    """The dot product of row ``rows[i]`` and row ``columns[i]`` of a sparse matrix (indices sorted), for each i."""
    dots = np.zeros(len(rows))
    for first in range(0, len(rows), ROW_DOT_PAIRS):
        pairs = slice(first, first + ROW_DOT_PAIRS)
        dots[pairs] = np.asarray(matrix[rows[pairs]].multiply(matrix[columns[pairs]]).sum(axis=1)).ravel()
    return dots


_WORD_TOKEN = capturing("word")  # findall gives each token's word, or "" for any other kind of token


def _unit_tf_idf(texts, drop_stopwords, use_stems, jobs=1):
    """The texts' TF-IDF vectors as ``tf_idf(term_counts(...))`` weighs them, each scaled to length 1: a sparse matrix, a row per text.

    Counted straight from each text's word tokens, with no token table: a text's tokens are its sentences' tokens.
    With ``jobs`` above 1 a share of the texts is counted in each of that many processes.
    """
    from scipy import sparse  # imported here: only neighbours needs it

    count = partial(_term_counts, drop_stopwords=drop_stopwords, use_stems=use_stems)
    parts = in_processes(count, texts, jobs) if jobs > 1 and len(texts) >= PARALLEL_MIN_TEXTS else [count(texts)]
    columns, indptr, indices, counts = _merged(parts)
    matrix = sparse.csr_matrix((counts, indices, indptr), shape=(len(texts), len(columns)))
    totals = np.asarray(matrix.sum(axis=1)).ravel()
    documents = int((totals > 0).sum())  # as in tf_idf: an article with no terms is no document
    frequency = np.bincount(matrix.indices, minlength=len(columns))
    idf = np.log((1 + documents) / (1 + frequency)) + 1
    weights = sparse.diags(1 / np.where(totals > 0, totals, 1)) @ matrix @ sparse.diags(idf)
    lengths = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    return (sparse.diags(1 / np.where(lengths > 0, lengths, 1)) @ weights).tocsr()


def _term_counts(texts, drop_stopwords, use_stems):
    """(terms in order of first use, row starts, term numbers, counts) of some texts: a sparse matrix's parts."""
    skip = stopwords() if drop_stopwords else frozenset()
    columns, indptr, indices, counts = {}, [0], [], []
    for text in texts:
        terms = {}
        words = Counter(_WORD_TOKEN.findall(text))
        words.pop("", None)  # the other kinds of token
        for word, count in words.items():
            lower = word.lower()
            if lower not in skip:
                term = stem(lower) if use_stems else lower
                terms[term] = terms.get(term, 0) + count
        indices += [columns.setdefault(term, len(columns)) for term in terms]
        counts += terms.values()
        indptr.append(len(indices))
    return list(columns), np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64), np.asarray(counts, dtype=float)


def _merged(parts):
    """The parts of ``_term_counts`` of consecutive shares of the texts as one: terms numbered as one pass would number them."""
    columns = {}
    indptr, indices, counts = [np.zeros(1, dtype=np.int64)], [], []
    for terms, part_indptr, part_indices, part_counts in parts:
        numbers = np.asarray([columns.setdefault(term, len(columns)) for term in terms], dtype=np.int64)
        indices.append(numbers[part_indices])
        counts.append(part_counts)
        indptr.append(part_indptr[1:] + indptr[-1][-1])
    return list(columns), np.concatenate(indptr), np.concatenate(indices), np.concatenate(counts)


def _top(cosines, k, first):
    """(row, column, cosine) of each row's ``k`` highest positive cosines, best first, ties in column order; rows offset by ``first``."""
    n = cosines.shape[1]
    # The k-th highest cosine of each row: every cosine as high is a candidate, so ties at the edge are all seen.
    threshold = np.partition(cosines, n - k, axis=1)[:, n - k] if n > k else np.zeros(len(cosines))
    row, column = np.nonzero((cosines >= threshold[:, None]) & (cosines > 0))
    value = cosines[row, column]
    order = np.lexsort((column, -value, row))
    row, column, value = row[order], column[order], value[order]
    keep = _first_per_row(row, k)
    return row[keep] + first, column[keep], value[keep]


def _first_per_row(row, k):
    """A mask of the first ``k`` entries of each row in a sorted array of row numbers."""
    starts = np.searchsorted(row, row, side="left")
    return np.arange(len(row)) - starts < k


def distinctive_terms(corpus, n=10, drop_stopwords=True, use_stems=False):
    """The ``n`` terms with the highest TF-IDF in each article: id, term, count, tfidf (ties by count, then term)."""
    _checks.corpus(corpus, "distinctive_terms")
    _checks.count(n, "distinctive_terms", "n", "how many terms per article", 10)
    counts = term_counts(corpus, drop_stopwords, use_stems)
    weights = tf_idf(counts).stack().rename("tfidf").reset_index()
    table = counts.merge(weights, on=["id", "term"])
    table = table.sort_values(["id", "tfidf", "count", "term"], ascending=[True, False, False, True])
    return table.groupby("id").head(n).reset_index(drop=True)


def introductions(corpus, entities=None):
    """How each article introduces each person: id, name, role (the title beside the first full mention).

    The role is the run of title words (helpers/data/person_roles.txt) and capitalised words
    right before the name ("Managing Director Netflix", "CEO Indosat,") or after *selaku*
    ("Siti Choiriana selaku Direktur Consumer Service Telkom Indonesia").
    """
    _checks.corpus(corpus, "introductions")
    _entities(entities, "introductions")
    entities = find_entities(corpus) if entities is None else entities
    people = entities[entities["label"] == "PERSON"]
    texts = dict(zip(corpus["id"], corpus["text"]))
    role_run = rf"(?i:{_roles().pattern})(?: (?:of|and|dan|{CAPWORD}))*"  # role words in any case, then Capitalised ones
    before_name = re.compile(rf"({role_run}),? $")
    after_name = re.compile(rf" selaku ({role_run})")
    rows = []
    for (doc_id, name), group in people.groupby(["id", "entity"], sort=False):
        text = texts[doc_id]
        role = None
        for mention in group.itertuples():
            before = before_name.search(text[max(0, mention.start - 120) : mention.start])
            after = after_name.match(text, mention.end)
            found = before or after
            if found:
                role = found.group(1)
                break
        rows.append((doc_id, name, role))
    return pd.DataFrame(rows, columns=["id", "name", "role"])


def quotes_with_dates(corpus, entities=None):
    """The quotations, each with the date stated in its attribution sentence (when the speaker spoke), if any."""
    _checks.corpus(corpus, "quotes_with_dates")
    _entities(entities, "quotes_with_dates")
    quotes = find_quotes(corpus, entities)
    dates = _by_article(find_dates(corpus), ["start", "end", "date"])
    sentence_at = _sentence_finder(corpus)
    spoke_on = []
    for doc_id, end in zip(quotes["id"], quotes["end"]):
        # The attribution after a quotation ends with its sentence: the sentence holding the closing mark.
        sentence = sentence_at(doc_id, end - 1, end)
        sentence_end = sentence[1] if sentence else end
        stated = [date for start, stop, date in dates.get(doc_id, []) if start >= end and stop <= sentence_end]
        spoke_on.append(stated[0] if stated else None)
    return quotes.assign(spoke_on=spoke_on)


def compare_voices(corpus, a, b, entities=None):
    """Who is named or quoted in two articles (ids or labels), and how each article introduces them.

    One row per person: name, then for each article the mentions, the quotations, the role it
    gives them and the date it says they spoke; ``found_in`` says whether the person is in a, b or both.
    """
    _checks.corpus(corpus, "compare_voices", ["id", "label", "text"])
    _entities(entities, "compare_voices")
    ids = [article_id(corpus, x) for x in (a, b)]
    pair = corpus[corpus["id"].isin(ids)]
    entities = find_entities(pair) if entities is None else entities[entities["id"].isin(ids)]
    people = entities[entities["label"] == "PERSON"]
    quotes = quotes_with_dates(pair, entities)
    roles = introductions(pair, entities)
    table = pd.DataFrame({"name": pd.unique(people["entity"])})
    for side, doc_id in zip(["a", "b"], ids):
        mentions = people[people["id"] == doc_id].groupby("entity").size()
        said = quotes[quotes["id"] == doc_id]
        table[f"mentions_{side}"] = table["name"].map(mentions).fillna(0).astype(int)
        table[f"quotes_{side}"] = table["name"].map(said.groupby("speaker").size()).fillna(0).astype(int)
        table[f"role_{side}"] = table["name"].map(roles[roles["id"] == doc_id].set_index("name")["role"])
        table[f"spoke_on_{side}"] = table["name"].map(said.dropna(subset=["spoke_on"]).groupby("speaker")["spoke_on"].first())
    present = table[["mentions_a", "mentions_b"]] > 0
    table["found_in"] = np.select([present.all(axis=1), present["mentions_a"]], ["both", "a"], "b")
    return table


def shared_entities(corpus, a, b, entities=None):
    """The entities (any label) of two articles: entity, label, and whether each article names it."""
    _checks.corpus(corpus, "shared_entities", ["id", "label", "text"])
    _entities(entities, "shared_entities")
    ids = [article_id(corpus, x) for x in (a, b)]
    entities = find_entities(corpus) if entities is None else entities
    entities = entities[entities["id"].isin(ids)]
    table = entities.groupby(["entity", "label"])["id"].agg(lambda found: set(found)).reset_index()
    table["in_a"] = table["id"].map(lambda found: ids[0] in found)
    table["in_b"] = table["id"].map(lambda found: ids[1] in found)
    return table.drop(columns="id").sort_values(["in_a", "in_b", "label", "entity"], ascending=[False, False, True, True], ignore_index=True)


def align_paragraphs(corpus, a, b, threshold=0.2, drop_stopwords=True, use_stems=True):
    """For each body paragraph of article a, the paragraph of article b that reports most nearly the same thing.

    Paragraphs are compared as TF-IDF vectors (stems, stopwords set aside), with idf computed over
    the paragraphs of both articles. Rows: paragraph_a, paragraph_b, score, text_a, text_b and
    their English glosses english_a, english_b, for every pair whose cosine is at least
    ``threshold``, best first.
    """
    _checks.corpus(corpus, "align_paragraphs", ["id", "label", "text"])
    ids = [article_id(corpus, x) for x in (a, b)]
    pair = corpus[corpus["id"].isin(ids)]
    counts = term_counts(pair, drop_stopwords, use_stems, unit="paragraph")
    blocks = paragraphs(pair)
    body = blocks.loc[blocks["kind"] == "paragraph", ["id", "paragraph"]]  # subheadings are not reports
    counts = counts.merge(body, on=["id", "paragraph"])
    scores = cosine(tf_idf(counts, keys=("id", "paragraph")))
    in_a = [key for key in scores.index if key[0] == ids[0]]
    in_b = [key for key in scores.index if key[0] == ids[1]]
    block = scores.loc[in_a, in_b]
    texts = blocks.set_index(["id", "paragraph"])["text"]
    english_of = glosses()
    rows = []
    for key_a in in_a:
        key_b = block.loc[key_a].idxmax()
        score = block.loc[key_a, key_b]
        if score >= threshold:
            rows.append((key_a[1], key_b[1], round(float(score), 3), texts[key_a], texts[key_b], english_of.get(key_a), english_of.get(key_b)))
    table = pd.DataFrame(rows, columns=["paragraph_a", "paragraph_b", "score", "text_a", "text_b", "english_a", "english_b"])
    return table.sort_values("score", ascending=False, ignore_index=True)


def timeline(corpus):
    """Every dated event the articles state, in time order: id, label, date (ISO), when, precision, text, sentence, english.

    ``when`` is a Timestamp at the start of the stated period (a year-only date sits on 1 January:
    read ``precision``); ``sentence`` is the sentence the date sits in, ``english`` the gloss of its
    paragraph. Impossible dates are left out.
    """
    _checks.corpus(corpus, "timeline", ["id", "label", "text", "published"])
    dates = find_dates(corpus)
    dates = with_english(dates[dates["date"].notna()], corpus)
    sentence_at = _sentence_finder(corpus)
    rows = []
    for date in dates.itertuples():
        precision = {4: "year", 7: "month", 10: "day"}[len(date.date)]
        sentence = sentence_at(date.id, date.start, date.end)[2]
        rows.append((date.id, date.date, pd.Timestamp(date.date), precision, date.text, sentence, date.english))
    table = pd.DataFrame(rows, columns=["id", "date", "when", "precision", "text", "sentence", "english"])
    table.insert(1, "label", table["id"].map(corpus.set_index("id")["label"]))
    return table.sort_values(["when", "id"], ignore_index=True)


def _entities(entities, function):
    """``entities`` if it is None (find them) or an entity span table."""
    if entities is not None:
        _checks.table(entities, function, "entities", ["id", "start", "end", "label", "entity"], "helpers.find_entities(corpus)")


def _by_article(table, columns):
    """{article id: [tuple of ``columns`` for each row]}: one split, instead of a DataFrame filter per lookup."""
    split = {}
    for doc_id, *values in zip(table["id"], *(table[c] for c in columns)):
        split.setdefault(doc_id, []).append(tuple(values))
    return split


def _sentence_finder(corpus):
    """A function (id, start, end) → (start, end, text) of the sentence holding that span, or None."""
    by_article = _by_article(sentences(corpus), ["start", "end", "text"])

    def sentence_at(doc_id, start, end):
        return next((s for s in by_article.get(doc_id, []) if s[0] <= start and end <= s[1]), None)

    return sentence_at
