"""Finding the collection's files: the package's own data files, and the folder of the collection itself.

Rules, word lists and the glossary belong to the package: they ship inside it (``helpers/data``) and
are found with ``importlib.resources``, wherever the package is installed. The articles (``seeds/``)
belong to the collection, not the package; ``collection_home`` says where they are looked for.
"""

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

# A folder on disk for every way the package is installed (editable, site-packages, pip --target).
DATA = resources.files("helpers") / "data"
HOME_VARIABLE = "BACA_BERITA_HOME"


def _is_collection(folder):
    return (folder / "seeds" / "manifest.csv").is_file() and (folder / "notebooks").is_dir()


def collection_home():
    """The folder of the collection (the one holding ``seeds/`` and ``notebooks/``), or None if there is none.

    Looked up at each call, in this order, never fixed at install time:

    1. the folder named by the environment variable ``BACA_BERITA_HOME``;
    2. the working directory or a folder above it (a notebook of the collection runs in its ``notebooks/``);
    3. the folder above the imported package (an editable install, or the package put on ``PYTHONPATH``).
    """
    named = os.environ.get(HOME_VARIABLE)
    if named:
        home = Path(named).expanduser()
        if not _is_collection(home):
            raise FileNotFoundError(f"{HOME_VARIABLE}={named}: not a copy of the collection (no seeds/manifest.csv and "
                                    "notebooks/ there); set it to the folder you cloned, or unset it")
        return home
    here = Path.cwd()
    beside_package = Path(__file__).resolve().parent.parent
    return next((folder for folder in (here, *here.parents, beside_package) if _is_collection(folder)), None)


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
