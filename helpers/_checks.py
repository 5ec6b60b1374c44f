"""Checks at the door of the public functions: what was expected, what came instead, and a call that works.

A wrong argument caught here gives one sentence a learner can act on, instead of a traceback from
deep inside pandas or matplotlib (``unhashable type: 'numpy.ndarray'``).
"""

import pandas as pd

CORPUS_CALL = "corpus = helpers.load_corpus()"


def described(value):
    """A value in a few words, for messages: its type, and its columns, name or first item."""
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame with columns {', '.join(map(str, value.columns)) or '(none)'}"
    if isinstance(value, pd.Series):
        return f"a Series of {value.dtype}" + (f" named {value.name!r}" if value.name is not None else "")
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} item(s)" + (f", the first {value[0]!r:.60}" if value else "")
    return f"a {type(value).__name__} ({value!r:.60})"


def table(value, function, argument, columns, call):
    """``value`` if it is a DataFrame with ``columns``; TypeError or ValueError naming ``call``, a call that makes one."""
    wanted = f"a DataFrame with the columns {', '.join(columns)}"
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{function}: {argument} should be {wanted}, as {call} gives; got {described(value)}")
    missing = [column for column in columns if column not in value.columns]
    if missing:
        raise ValueError(f"{function}: {argument} should be {wanted}, as {call} gives; got {described(value)} "
                         f"(missing: {', '.join(missing)})")
    return value


def corpus(value, function, columns=("id", "text")):
    """``value`` if it is a corpus, one row per article; a span or token table is refused by name, a common mix-up."""
    if isinstance(value, pd.DataFrame) and {"start", "end"} <= set(value.columns):
        raise TypeError(f"{function}: expected the corpus, one row per article ({CORPUS_CALL}), got a table of spans "
                        f"or tokens ({described(value)}); call {function}(corpus, …)")
    return table(value, function, "corpus", list(columns), "helpers.load_corpus()")


def spans(value, function, argument, call):
    """``value`` if it is a span table: id, start, end, layer and label."""
    return table(value, function, argument, ["id", "start", "end", "layer", "label"], call)


def count(value, function, argument, meaning, example):
    """``value`` if it is a whole number of at least 1 (not True or False); ValueError saying what it counts, with ``example``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{function}: {argument} is {meaning}, a whole number of at least 1, such as {argument}={example}; got {value!r}")
    return value


def choice(value, function, argument, allowed):
    """``value`` if it is one of ``allowed``; ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{function}: {argument} must be one of {', '.join(map(repr, allowed))}, not {value!r}")
    return value
