"""Build the student and instructor versions of the notebooks, and offline HTML handouts (make handouts).

From the committed notebooks, without running them again:

    build/student/NN_*.ipynb                solutions and instructor notes removed, a starter cell after each exercise, outputs cleared
    build/handouts/instructor/NN_*.html     everything, solutions and instructor notes included
    build/handouts/student/NN_*.html        without solutions and instructor notes
    build/handouts/index.html               the route, with links to both versions

The HTML uses tools/templates/baca: no script, no network, A4 print styles, a header and credits.
"""

import copy
import html
import re
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor

import notebooks as nbs

BUILD = nbs.ROOT / "build"
TEMPLATES = Path(__file__).resolve().parent / "templates"
STARTER = "# Your answer here\n"
INSTRUCTOR_ONLY = {"solution", "instructor"}  # cell tags the student versions leave out
LINK = re.compile(r"\]\((?!https?:|#)([^)\s]+)\)")


def credits():
    """One line crediting the articles' sources, from the seeds' manifest."""
    manifest = pd.read_csv(nbs.ROOT / "seeds" / "manifest.csv", dtype=str, keep_default_na=False)
    sources = []
    for row in manifest.itertuples():
        outlet = row.outlet or "an unnamed blog"
        by = f", by {row.author}" if row.author else ""
        sources.append(f"{outlet} ({row.published}{by})")
    return ("Articles quoted for teaching, copyright their publishers: " + "; ".join(sources)
            + ". Baca Berita notebooks and helpers.")


def student_version(nb):
    """The notebook without solutions and instructor notes: each exercise followed by an empty starter cell instead."""
    nb = copy.deepcopy(nb)
    # TagRemovePreprocessor must be enabled explicitly, or an .ipynb export keeps every cell.
    remover = TagRemovePreprocessor(remove_cell_tags=INSTRUCTOR_ONLY, enabled=True)
    nb, _ = remover.preprocess(nb, {})
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if "exercise" in nbs.tags(cell):
            cells.append(nbformat.v4.new_code_cell(STARTER, metadata={"tags": ["starter"]}, id=f"{cell.id}-starter"))
    nb.cells = cells
    return nb


def with_alt_text(nb):
    """Copy each figure's caption (the "*Figure N. …*" markdown cell after it) into its image's alt text."""
    nb = copy.deepcopy(nb)
    for cell, following in zip(nb.cells, nb.cells[1:]):
        caption = nbs.source(following).strip()
        if cell.cell_type != "code" or following.cell_type != "markdown" or not caption.startswith("*Figure"):
            continue
        alt = re.sub(r"[*_`]", "", caption.split("\n\n")[0]).replace("\n", " ")
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                output.setdefault("metadata", {}).setdefault("image/png", {})["alt"] = alt
    return nb


def relinked(nb, depth, notebook_suffix):
    """Markdown links rewritten for a copy ``depth`` folders below notebooks/'s parent, notebooks as ``notebook_suffix``."""
    nb = copy.deepcopy(nb)
    up = "../" * depth

    def fix(match):
        target = match.group(1)
        if target.startswith("../"):
            return f"]({up}{target[3:]})"
        return "](" + re.sub(r"\.ipynb(?=$|#)", notebook_suffix, target) + ")"

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK.sub(fix, nbs.source(cell))
    return nb


# A relative path in a string of a code cell ("../my_articles"): written from notebooks/, the folder the notebooks run in.
CODE_PATH = re.compile(r"""(?<=["'])\.\./""")


def paths_moved(nb, depth):
    """Relative paths in code strings rewritten for a copy ``depth`` folders below notebooks/'s parent, so that a
    student notebook run in build/student/ reads and writes the same folders as the notebook in notebooks/."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = CODE_PATH.sub("../" * depth, nbs.source(cell))
    return nb


def to_html(nb, path, version):
    number, title = nbs.title(nb)
    exporter = HTMLExporter(template_name="baca", extra_template_basedirs=[str(TEMPLATES)])
    resources = {
        "metadata": {"name": f"{number} · {title}"},
        "baca": {"number": number, "title": title, "time": nbs.time(nb), "version": version, "credits": credits()},
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def index_page(notebooks):
    rows = []
    for path, nb in notebooks:
        number, title = nbs.title(nb)
        goals = "".join(f"<li>{html.escape(goal)}</li>" for goal in nbs.objectives(nb))
        name = path.with_suffix(".html").name
        rows.append(
            f"<tr><td>{number}</td><td><strong>{html.escape(title)}</strong><ul>{goals}</ul></td>"
            f"<td>{html.escape(nbs.time(nb))}</td>"
            f'<td><a href="student/{name}">student</a><br><a href="instructor/{name}">instructor</a></td></tr>'
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Baca Berita · handouts</title>
<style>
  body {{ font: 1rem/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border-bottom: 1px solid #ddd; padding: 0.5rem; vertical-align: top; text-align: left; }}
  ul {{ margin: 0.3rem 0 0 1rem; padding: 0; }}
  @page {{ size: A4; margin: 16mm; }}
</style>
</head>
<body>
<h1>Baca Berita: the route</h1>
<p>Reading, annotating and comparing three Indonesian news articles. Student versions have the exercises without
their solutions; instructor versions have both.</p>
<table>
<thead><tr><th>No.</th><th>Notebook and what you will learn</th><th>Time</th><th>Versions</th></tr></thead>
<tbody>
{''.join(rows)}
</tbody>
</table>
<footer><p>{html.escape(credits())}</p></footer>
</body>
</html>
"""


def build(out=BUILD):
    """Write the student notebooks and the handouts under ``out``; return the number of notebooks."""
    notebooks = [(path, nbs.read(path)) for path in nbs.paths()]
    student_notebooks, handouts = out / "student", out / "handouts"
    student_notebooks.mkdir(parents=True, exist_ok=True)
    for path, nb in notebooks:
        student = student_version(nb)
        cleared, _ = ClearOutputPreprocessor().preprocess(copy.deepcopy(student), {})
        nbs.write(paths_moved(relinked(cleared, 2, ".ipynb"), 2), student_notebooks / path.name)
        html_name = path.with_suffix(".html").name
        to_html(relinked(with_alt_text(nb), 3, ".html"), handouts / "instructor" / html_name, "instructor version")
        to_html(relinked(with_alt_text(student), 3, ".html"), handouts / "student" / html_name, "student version")
    (handouts / "index.html").write_text(index_page(notebooks), encoding="utf-8")
    return len(notebooks)


def main():
    started = time.perf_counter()
    count = build()
    print(f"{count} notebooks: student notebooks in build/student/, handouts in build/handouts/ "
          f"({time.perf_counter() - started:.1f} s); open build/handouts/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
