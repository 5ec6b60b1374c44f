"""Execute notebooks top to bottom in a fresh kernel and save them: the only way their outputs change.

    python tools/execute.py                       # every notebook
    python tools/execute.py notebooks/01_reading.ipynb

Generated cells and the README route are rebuilt first (tools/nav.py). A notebook that raises, or
writes to stderr (a warning a learner would see), is reported and not saved.
"""

import sys
import time
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import nav
import notebooks as nbs


def stderr_cells(nb):
    return [i for i, cell in enumerate(nb.cells) if any(out.get("name") == "stderr" for out in cell.get("outputs", []))]


def coalesce_streams(nb):
    """One output per run of printed text: the kernel may send a cell's prints in one message or several, by timing."""
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            if merged and out.get("output_type") == "stream" and merged[-1].get("output_type") == "stream" \
                    and merged[-1].get("name") == out.get("name"):
                merged[-1]["text"] += out["text"]
            else:
                merged.append(out)
        if "outputs" in cell:
            cell["outputs"] = merged


def execute(path, nb):
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        record_timing=False,  # timestamps in cell metadata would change every run
        resources={"metadata": {"path": str(nbs.NOTEBOOKS)}},
    )
    started = time.perf_counter()
    client.execute()
    return time.perf_counter() - started


def main(argv):
    chosen = {Path(arg).resolve() for arg in argv}
    failed = False
    nav.main([])  # generated cells and the README route first, so they are saved with the outputs
    for path in nbs.paths():
        if chosen and path not in chosen:
            continue
        nb = nbs.read(path)
        try:
            seconds = execute(path, nb)
        except CellExecutionError as error:
            print(f"{path.name}: a cell raised an error; not saved\n{error}")
            failed = True
            continue
        if stderr_cells(nb):
            print(f"{path.name}: cells {stderr_cells(nb)} wrote to stderr (a warning?); not saved")
            failed = True
            continue
        coalesce_streams(nb)
        nbs.write(nb, path)
        print(f"{path.name}: executed in {seconds:.1f} s and saved")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
