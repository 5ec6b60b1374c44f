# Baca Berita: `make lab` to learn, `make test` to check. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# JupyterLab refuses to run as root (in a container, say) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Serve the whole collection (notebooks link to ../seeds and ../helpers/data) and open the start notebook.
# Quoted: the folder's path may hold spaces.
START := --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

.PHONY: install lab test execute nav handouts bench clean

install: $(INSTALLED)

# setup_lab: no news feed, no update check, a read-only extension manager (the lab never reaches for the internet).
$(INSTALLED): requirements.txt pyproject.toml helpers/setup_lab.py
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, and $(PYTHON) is " + sys.version.split()[0] + ". Name a newer one, for example: make PYTHON=python3.12 lab") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m helpers.setup_lab
	touch $@

lab: install
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) $(START)

test: install
	$(PY) -m pytest

execute: install
	$(PY) tools/execute.py

nav: install
	$(PY) tools/nav.py

handouts: install
	$(PY) tools/handouts.py

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf build
