"""The anatomy of every notebook, and proof that the stored outputs come from a clean top-to-bottom run.

nbval (run by the same pytest command) re-executes the notebooks and compares outputs; these tests
catch what nbval cannot see, such as a notebook saved with cleared outputs, which nbval would pass.
"""

import json
import os
import re
import sys
import tempfile

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import nav  # noqa: E402
import notebooks as nbs  # noqa: E402

PATHS = nbs.paths()
IDS = [p.name for p in PATHS]
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module", params=PATHS, ids=IDS)
def notebook(request):
    return request.param, nbs.read(request.param)


def markdown(nb):
    return [nbs.source(c) for c in nb.cells if c.cell_type == "markdown"]


def test_notebooks_are_numbered_from_00_without_gaps():
    assert IDS, "no notebooks found"
    assert [name[:2] for name in IDS] == [f"{n:02d}" for n in range(len(IDS))]
    assert len(list(nbs.NOTEBOOKS.glob("*.ipynb"))) == len(IDS), "a notebook's name is not NN_slug.ipynb"


def test_kernel_is_python3(notebook):
    _, nb = notebook
    assert nb.metadata.kernelspec.name == "python3"


def test_one_h1_in_the_first_cell_with_the_file_number(notebook):
    path, nb = notebook
    h1s = [line for text in markdown(nb) for line in text.splitlines() if re.match(r"# \S", line)]
    number, title = nbs.title(nb)
    assert len(h1s) == 1 and nb.cells[0].cell_type == "markdown"
    assert number == path.name[:2] and title


def test_header_has_objectives_time_prerequisites_and_data(notebook):
    _, nb = notebook
    header = nbs.source(nb.cells[0])
    assert "you will learn to" in header
    assert len(nbs.objectives(nb)) >= 3
    assert re.search(r"\d+ minutes", nbs.time(nb) or "")
    assert "**Prerequisites:**" in header and "**Data:**" in header


def test_key_points_match_the_objectives(notebook):
    _, nb = notebook
    key_points = [text for text in markdown(nb) if text.startswith("## Key points")]
    assert len(key_points) == 1
    bullets = re.findall(r"^- ", key_points[0], re.MULTILINE)
    assert len(bullets) == len(nbs.objectives(nb))


def test_tags_come_from_the_allow_list(notebook):
    _, nb = notebook
    used = set().union(*(nbs.tags(c) for c in nb.cells))
    assert used <= nbs.allowed_tags(), used - nbs.allowed_tags()


def test_every_exercise_is_followed_by_a_collapsed_solution(notebook):
    path, nb = notebook
    exercises = [i for i, c in enumerate(nb.cells) if "exercise" in nbs.tags(c)]
    assert len(exercises) >= (1 if path.name.startswith("00") else 3)
    for i in exercises:
        assert nb.cells[i].cell_type == "markdown"
        solution = nb.cells[i + 1]
        assert solution.cell_type == "code" and "solution" in nbs.tags(solution), f"cell {i + 1}"
        # Collapsed, code and output: JupyterLab shows a collapsed cell's first line, so that is the marker.
        assert solution.metadata.get("jupyter", {}) == {"source_hidden": True, "outputs_hidden": True}
        assert nbs.source(solution).startswith("# Solution\n")
    solutions = [i for i, c in enumerate(nb.cells) if "solution" in nbs.tags(c)]
    assert solutions == [i + 1 for i in exercises], "a solution without an exercise"


def test_generated_cells_are_current():
    for path, (stored, current) in nav.build().items():
        assert stored == current, f"{path.name}: run `make nav` (or `make execute`)"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert nav.README_ROUTE.search(readme), "README.md has no ROUTE markers"
    assert nav.readme_with_route([(p, nbs.read(p)) for p in PATHS]) == readme, "README route: run `make nav`"


def test_saved_after_a_clean_top_to_bottom_run(notebook):
    """Execution counts 1..N: a notebook saved with cleared outputs, or run out of order, fails here."""
    _, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code" and nbs.source(c).strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert any(c.outputs for c in code)


def test_no_errors_warnings_or_machine_paths_in_outputs(notebook):
    _, nb = notebook
    machine_paths = [path.rstrip("/") + "/" for path in (str(ROOT), os.path.expanduser("~"), tempfile.gettempdir())]
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"cell {i}: {output.get('ename')}"
            assert output.get("name") != "stderr", f"cell {i} wrote to stderr: {output.get('text', '')[:200]}"
            text = json.dumps(output)
            assert not [path for path in machine_paths if path in text], f"cell {i} shows a path of this machine"
            assert not re.search(r"at 0x[0-9a-f]{6,}", text), f"cell {i} shows a memory address"


def test_no_unescaped_dollar_in_markdown(notebook):
    """nbconvert reads $…$ as maths (US$ 5 … US$ 10), and the offline handouts load no MathJax: write \\$."""
    _, nb = notebook
    for text in markdown(nb):
        assert not re.search(r"(?<!\\)\$", text), text[:80]


def test_no_downloads_or_installs_in_cells(notebook):
    _, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not re.search(r"^\s*[!%]\s*(pip|conda|wget|curl)\b|urlopen|requests\.get", nbs.source(cell), re.M)


def relative_links(text):
    return [link for link in LINK.findall(text) if not re.match(r"[a-z]+:", link)]


def anchors(path):
    """Heading anchors as JupyterLab and nbconvert make them: the heading text with spaces as hyphens."""
    nb = nbs.read(path)
    headings = re.findall(r"^#+ (.+)$", "\n".join(markdown(nb)), re.MULTILINE)
    return {heading.strip().replace(" ", "-") for heading in headings}


def test_every_relative_link_resolves(notebook):
    path, nb = notebook
    for text in markdown(nb):
        for link in relative_links(text):
            target, _, anchor = link.partition("#")
            resolved = (path.parent / target).resolve()
            assert resolved.exists(), f"{path.name}: broken link {link}"
            if anchor:
                assert anchor in anchors(resolved), f"{path.name}: no heading for #{anchor} in {target}"


def test_readme_links_resolve():
    for link in relative_links((ROOT / "README.md").read_text(encoding="utf-8")):
        assert (ROOT / link.partition("#")[0]).exists(), link
