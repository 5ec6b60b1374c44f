"""Finding and reading the files in helpers/data, which instructors may extend."""

from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def read_csv(name):
    """A CSV file of helpers/data, read as strings (empty cells become "")."""
    try:
        return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        # Instructors edit these files: name the file, and hint at the usual cause.
        raise ValueError(f"helpers/data/{name}: not a valid UTF-8 CSV file ({error}); quote cells that contain commas") from None


@lru_cache(maxsize=None)
def read_word_list(name):
    """The entries of a one-per-line list in helpers/data, skipping blank lines and # comments."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
