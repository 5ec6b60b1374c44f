"""Plotting: small, readable figures. Each function takes ``ax=None`` and returns the Axes."""

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

# Okabe & Ito (2008): a palette that stays distinct for colour-blind readers and in greyscale.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def plot_counts(counts, ax=None, title=None, xlabel="count", color=PALETTE[0]):
    """Horizontal bars for a Series of counts, the largest at the top, each bar labelled with its value."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.35 * len(counts) + 1.2))
    ordered = counts.iloc[::-1]
    bars = ax.barh([str(index) for index in ordered.index], ordered.to_numpy(), color=color)
    ax.bar_label(bars, padding=2)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_title(title or "")
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.1)
    return ax
