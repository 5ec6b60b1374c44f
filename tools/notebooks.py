"""What the tools and tests know about the collection's notebooks: where they are and how they are built."""

import csv
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAME = re.compile(r"(\d\d)_[a-z0-9_]+\.ipynb")
H1 = re.compile(r"^# (\d\d) · (.+)$", re.MULTILINE)
TIME = re.compile(r"\*\*Time:\*\*\s*([^·\n]+?)\s*(?:·|$)", re.MULTILINE)


def paths():
    """The numbered notebooks, in order."""
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if NAME.fullmatch(p.name))


def read(path):
    return nbformat.read(path, as_version=4)


def write(nb, path):
    nbformat.write(nb, path)


def allowed_tags():
    with open(NOTEBOOKS / "tags.csv", encoding="utf-8") as f:
        return {row["tag"] for row in csv.DictReader(f)}


def source(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def tags(cell):
    return set(cell.get("metadata", {}).get("tags", []))


def title(nb):
    """(number, title) from the notebook's H1 in its first cell."""
    match = H1.search(source(nb.cells[0]))
    return (match.group(1), match.group(2)) if match else (None, None)


def objectives(nb):
    """The numbered objectives of the header ("In this notebook you will learn to" 1. … 2. …)."""
    header = source(nb.cells[0])
    return re.findall(r"^\d+\. (.+)$", header, re.MULTILINE)


def time(nb):
    match = TIME.search(source(nb.cells[0]))
    return match.group(1).strip() if match else None
