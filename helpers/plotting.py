"""Plotting: small, readable figures. Each function takes ``ax=None`` and returns the Axes."""

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from helpers import _checks

# Okabe & Ito (2008): a palette that stays distinct for colour-blind readers and in greyscale.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def plot_counts(counts, ax=None, title=None, xlabel="count", color=PALETTE[0]):
    """Horizontal bars for a Series of counts, the largest at the top, each bar labelled with its value."""
    _counts(counts, "plot_counts", 'annotations["label"].value_counts()')
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.35 * len(counts) + 1.2))
    ordered = counts.iloc[::-1]
    bars = ax.barh([str(index) for index in ordered.index], ordered.to_numpy(), color=color)
    ax.bar_label(bars, padding=2)
    whole = pd.api.types.is_integer_dtype(counts)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=whole))  # counts get whole-number ticks
    ax.set_xlabel(xlabel)
    ax.set_title(title or "")
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.1)
    return ax


def _counts(counts, function, call):
    """``counts`` if it is a non-empty Series of numbers, such as ``call`` gives."""
    if not isinstance(counts, pd.Series) or not pd.api.types.is_numeric_dtype(counts) or pd.api.types.is_bool_dtype(counts):
        hint = "; count one column first" if isinstance(counts, pd.DataFrame) or isinstance(counts, pd.Series) else ""
        raise TypeError(f"{function}: expected a Series of numbers, one per bar, such as {call}; got {_checks.described(counts)}{hint}")
    if counts.empty:
        raise ValueError(f"{function}: the Series is empty, so there is nothing to plot")
    return counts


def _names(index, labels):
    return [labels.get(key, key) if labels is not None else key for key in index]


def plot_similarity(similarity, labels=None, ax=None, title="How similar the articles are (cosine of TF-IDF)"):
    """A heatmap of a square similarity table, each cell printed with its value; ``labels`` maps ids to names."""
    call = "helpers.similarity(corpus)"
    if isinstance(similarity, pd.DataFrame) and "text" in similarity.columns:
        raise TypeError(f"plot_similarity: expected the similarity table, {call}, not the corpus itself; "
                        "call plot_similarity(helpers.similarity(corpus))")
    if not isinstance(similarity, pd.DataFrame):
        raise TypeError(f"plot_similarity: expected a square DataFrame of similarities, such as {call}; got {_checks.described(similarity)}")
    if list(similarity.index) != list(similarity.columns) or not all(map(pd.api.types.is_numeric_dtype, similarity.dtypes)):
        raise ValueError(f"plot_similarity: expected a square table of numbers with the same articles as rows and columns, "
                         f"such as {call}; got {_checks.described(similarity)}")
    if labels is not None and not isinstance(labels, (dict, pd.Series)):
        raise TypeError(f"plot_similarity: labels should map ids to names, such as dict(zip(corpus['id'], corpus['label'])); "
                        f"got {_checks.described(labels)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.8, 4))
    image = ax.imshow(similarity.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1)
    names = _names(similarity.index, labels)
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
    ax.set_yticks(range(len(names)), names)
    for row in range(len(names)):
        for column in range(len(names)):
            value = similarity.iat[row, column]
            ax.text(column, row, f"{value:.2f}", ha="center", va="center", color="white" if value > 0.6 else "black")
    ax.figure.colorbar(image, ax=ax, label="cosine similarity (0 = no shared terms, 1 = same)")
    ax.set_title(title)
    return ax


def plot_terms(terms, article=None, ax=None, color=PALETTE[0], title=None):
    """Horizontal bars of one article's distinctive terms (a ``distinctive_terms`` table), by TF-IDF; ``article`` is its id."""
    _checks.table(terms, "plot_terms", "terms", ["id", "term", "tfidf"], "helpers.distinctive_terms(corpus)")
    ids = list(dict.fromkeys(terms["id"]))
    if article not in ids:
        shown = ", ".join(map(repr, ids[:5])) + (", …" if len(ids) > 5 else "")
        problem = "needs the article whose terms to plot" if article is None else f"has no terms of article {article!r}"
        raise ValueError(f"plot_terms: {problem}: call plot_terms(terms, article) with one of the ids in terms: {shown}"
                         + (f"; for example plot_terms(terms, {ids[0]!r})" if ids else ""))
    rows = terms[terms["id"] == article].set_index("term")["tfidf"]
    return plot_counts(rows.round(3), ax=ax, title=title or f"Distinctive terms of {article}",
                       xlabel="TF-IDF weight", color=color)


def plot_timeline(timeline, corpus=None, ax=None, title="Dates stated in the articles"):
    """Each article a row, each date it states a marker (circle: a day; square: only a month or year).

    With ``corpus``, a cross marks when each article was published, where the day is known. Dates are labelled with
    their ISO text, so a year-only date is not mistaken for 1 January.
    """
    _checks.table(timeline, "plot_timeline", "timeline", ["label", "date", "when", "precision"], "helpers.timeline(corpus)")
    if corpus is not None:
        _checks.corpus(corpus, "plot_timeline", ["label", "published", "published_precision"])
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.6))
    order = list(dict.fromkeys(timeline["label"])) if corpus is None else list(corpus["label"])
    for row, label in enumerate(order):
        colour = PALETTE[row % len(PALETTE)]
        events = timeline[timeline["label"] == label]
        for number, event in enumerate(events.itertuples()):
            marker = "o" if event.precision == "day" else "s"
            ax.plot(event.when, row, marker=marker, markersize=8, color=colour, linestyle="none")
            # Alternate labels above and below: dates weeks apart sit close on an axis of years.
            ax.annotate(event.date, (event.when, row), textcoords="offset points", xytext=(0, 9 if number % 2 == 0 else -17),
                        ha="center", fontsize=8)
        article = corpus[corpus["label"] == label] if corpus is not None else None
        if article is not None and article["published_precision"].item() in ("day", "minute"):
            ax.plot(article["published"].item(), row, marker="x", markersize=9, color=colour, linestyle="none")
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(-0.6, len(order) - 0.3)
    ax.set_xlabel("date" + ("  (o a day, ■ a month or year, × published)" if corpus is not None else ""))
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# Hatching tells bars apart in greyscale and for readers who cannot tell the colours apart.
HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]
MARKERS = ["o", "s", "^", "D", "v", "P"]


def plot_scores(scores, ax=None, value="f1", title="F1 per label and method"):
    """Grouped bars of a score per label, one bar per method: a table with columns method, label and ``value``.

    Methods and labels keep the order in which they first appear; each bar is labelled with its value.
    """
    _checks.table(scores, "plot_scores", "scores", ["method", "label", value],
                  'pd.concat([evaluation.scores.assign(method=name) for name, evaluation in evaluations.items()]) '
                  "(evaluations: {method name: helpers.evaluate(predicted, reference)})")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.6))
    methods, labels = list(dict.fromkeys(scores["method"])), list(dict.fromkeys(scores["label"]))
    width = 0.8 / len(methods)
    table = scores.set_index(["method", "label"])[value]
    for number, method in enumerate(methods):
        positions = [i + (number - (len(methods) - 1) / 2) * width for i in range(len(labels))]
        heights = [table.get((method, label), float("nan")) for label in labels]
        bars = ax.bar(positions, heights, width, label=method, color=PALETTE[number % len(PALETTE)],
                      hatch=HATCHES[number % len(HATCHES)], edgecolor="white")
        ax.bar_label(bars, fmt="%.2f", padding=2, fontsize=8)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylim(0, 1.1)
    ax.set_xlabel("label")
    ax.set_ylabel("F1" if value == "f1" else value)
    ax.set_title(title)
    ax.legend(title="method", loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_learning_curve(curve, ax=None, x="sentences", value="f1", title="F1 on the dev split by training size"):
    """One line per label, each with its own colour and marker: a table with columns ``x``, label and ``value``."""
    _checks.table(curve, "plot_learning_curve", "curve", [x, "label", value], "one row per training size and label")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.6))
    for number, (label, rows) in enumerate(curve.groupby("label", sort=False)):
        ax.plot(rows[x], rows[value], marker=MARKERS[number % len(MARKERS)], color=PALETTE[number % len(PALETTE)],
                label=label, linestyle="-" if label != "all" else "--")
    ax.set_xticks(sorted(curve[x].unique()))
    ax.set_ylim(0, 1)
    ax.set_xlabel(f"training {x}")
    ax.set_ylabel("F1" if value == "f1" else value)
    ax.set_title(title)
    ax.legend(title="label", loc="lower right", frameon=False)
    ax.grid(alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
