"""Write the generated cells of every notebook: navigation links, and the route table of 00_start_here.

    python tools/nav.py           # rewrite the cells in place
    python tools/nav.py --check   # exit 1 if any notebook's generated cells are out of date

The navigation cells (tag ``nav``) come second and last in each notebook; the
route (tag ``route``) is the table of notebooks in 00_start_here.ipynb. Both are
rebuilt from the notebooks' own headers, so adding a notebook means running
this script (``make execute`` does) rather than editing links by hand.
"""

import sys

import nbformat

import notebooks as nbs

INDEX = "00_start_here.ipynb"


def nav_text(position, entries):
    """The markdown of the nav cell for the notebook at ``position`` in ``entries`` (path, number, title)."""
    links = []
    if position > 0:
        path, number, title = entries[position - 1]
        links.append(f"[← {number} · {title}]({path.name})")
    links.append(f"[Contents]({INDEX}#The-route)")
    if position + 1 < len(entries):
        path, number, title = entries[position + 1]
        links.append(f"[{number} · {title} →]({path.name})")
    return " | ".join(links)


def route_text(notebooks):
    """The route cell: its heading (the target of every Contents link) and the table of notebooks."""
    rows = ["## The route", "", "| Notebook | You will learn to | Time |", "| --- | --- | --- |"]
    for path, nb in notebooks:
        number, title = nbs.title(nb)
        goals = [goal.rstrip(".") for goal in nbs.objectives(nb)]
        learn = "; ".join([goals[0], *(goal[0].lower() + goal[1:] for goal in goals[1:])])
        rows.append(f"| [{number} · {title}]({path.name}) | {learn} | {nbs.time(nb)} |")
    return "\n".join(rows)


def generated(path, nb, entries, notebooks):
    """The notebook with its generated cells rebuilt (a copy; the input is not changed)."""
    nb = nbformat.from_dict(nb)
    position = [entry[0] for entry in entries].index(path)
    body = [cell for cell in nb.cells if "nav" not in nbs.tags(cell)]
    text = nav_text(position, entries)
    top = nbformat.v4.new_markdown_cell(text, metadata={"tags": ["nav"]}, id="nav-top")
    bottom = nbformat.v4.new_markdown_cell(text, metadata={"tags": ["nav"]}, id="nav-bottom")
    nb.cells = [body[0], top, *body[1:], bottom]
    for cell in nb.cells:
        if "route" in nbs.tags(cell):
            cell.source = route_text(notebooks)
    return nb


def build():
    """{path: (stored notebook, notebook with current generated cells)}."""
    notebooks = [(path, nbs.read(path)) for path in nbs.paths()]
    entries = [(path, *nbs.title(nb)) for path, nb in notebooks]
    return {path: (nb, generated(path, nb, entries, notebooks)) for path, nb in notebooks}


def main(argv):
    stale = []
    for path, (stored, current) in build().items():
        if stored != current:
            stale.append(path.name)
            if "--check" not in argv:
                nbs.write(current, path)
    if "--check" in argv and stale:
        print("generated cells out of date in: " + ", ".join(stale) + " (run: make nav)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
