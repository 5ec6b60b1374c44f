# Baca Berita: `make lab` to learn, `make test` to check. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# JupyterLab refuses to run as root (in a container, say) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# No announcements feed and no update check: the lab never reaches for the internet.
OFFLINE := --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate
# Serve the whole collection (notebooks link to ../seeds and ../helpers/data) and open the start notebook.
START := --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

.PHONY: install lab test execute nav handouts bench clean

install: $(INSTALLED)

$(INSTALLED): requirements.txt pyproject.toml tools/lab-overrides.json
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp tools/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

lab: install
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) $(OFFLINE) $(START)

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
