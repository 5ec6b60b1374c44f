"""Install the collection's JupyterLab settings into a Python environment: ``python -m helpers.setup_lab``.

Every route runs it (``make install``, the conda route, Binder's ``postBuild``, a JupyterHub image), so
JupyterLab behaves the same everywhere and never reaches for the network: no news feed, no update
check, and a read-only extension manager (it would otherwise search and install from PyPI). It writes
two files under the environment's prefix (``sys.prefix``, or the folder given as the only argument):

- ``etc/jupyter/jupyter_lab_config.json``: the lab server's settings (``SERVER``; JupyterLab reads
  no ``.d`` folder for these);
- ``share/jupyter/lab/settings/overrides.json``: the lab's default user settings (``LAB``).

Settings already in those files are kept; only the keys above are set.
"""

import json
import sys
from pathlib import Path

SERVER = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
    }
}
LAB = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
}


def install(prefix=sys.prefix):
    """Write the settings into the two files under ``prefix``, keeping what else they hold; return their paths."""
    prefix = Path(prefix)
    written = []
    for path, settings in [
        (prefix / "etc" / "jupyter" / "jupyter_lab_config.json", SERVER),
        (prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json", LAB),
    ]:
        try:
            merged = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        except ValueError as error:
            raise SystemExit(f"{path}: not valid JSON ({error}); fix or remove it, then run python -m helpers.setup_lab again") from None
        for section, values in settings.items():
            merged[section] = {**merged.get(section, {}), **values}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit("usage: python -m helpers.setup_lab [environment prefix, default: this Python's, sys.prefix]")
    for path in install(*sys.argv[1:]):
        print(f"wrote {path}")
