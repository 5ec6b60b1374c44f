import shutil
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TELKOM, LIPUTAN, BLOG = "000_f75903f805d11646", "001_1e8073a3fb3e5aad", "002_7883467f3c88f3a7"


@pytest.fixture(scope="session")
def corpus():
    return helpers.load_corpus()


@pytest.fixture(scope="session")
def article(corpus):
    """One article's row by id."""
    return lambda doc_id: corpus.set_index("id").loc[doc_id]


@pytest.fixture
def seed_copy(tmp_path):
    """A copy of the seed articles (without the manifest) in a temporary folder, to break as a test likes."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder
