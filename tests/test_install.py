"""The collection works wherever it is installed, and its set-up works in any folder and says what to do."""

import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import helpers
from conftest import ROOT
from helpers import _data, setup_lab

# Run in a fresh interpreter: where helpers is imported from, and what it finds from there.
PROBE = """
import json, helpers
from helpers import _data
report = {"helpers": helpers.__file__, "data": str(_data.DATA), "gazetteer": len(helpers.gazetteer()),
          "rules": len(helpers.boilerplate_rules())}
try:
    report["seeds"] = len(helpers.load_corpus())
except helpers.ArticleError as error:
    report["error"] = str(error)
print(json.dumps(report))
"""


def probe(cwd, pythonpath, home=None):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", _data.HOME_VARIABLE)}
    env["PYTHONPATH"] = str(pythonpath)
    if home is not None:
        env[_data.HOME_VARIABLE] = str(home)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The package installed non-editable with pip --target, from a copy of its sources (no network, no build isolation)."""
    top = tmp_path_factory.mktemp("installed")
    source = top / "source"
    source.mkdir()
    shutil.copytree(ROOT / "helpers", source / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    target = top / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(target), str(source)],
                   check=True, capture_output=True, timeout=300)
    shutil.rmtree(source)  # what is left must stand on its own
    elsewhere = top / "elsewhere"
    elsewhere.mkdir()
    return target, elsewhere


def test_a_non_editable_install_finds_its_own_data_and_says_how_to_find_the_seeds(installed):
    target, elsewhere = installed
    report = probe(elsewhere, target)
    assert Path(report["helpers"]).is_relative_to(target)
    assert Path(report["data"]).is_relative_to(target)
    assert report["gazetteer"] > 1000 and report["rules"] > 10
    assert "BACA_BERITA_HOME" in report["error"] and 'load_corpus("my_articles")' in report["error"]


def test_a_non_editable_install_reads_the_seeds_the_documented_ways(installed):
    target, elsewhere = installed
    assert probe(elsewhere, target, home=ROOT)["seeds"] == 3  # the environment variable
    assert probe(ROOT / "notebooks", target)["seeds"] == 3  # run from inside the clone, as a notebook is


def test_a_learners_copy_on_pythonpath_wins_and_its_data_edits_take_effect(tmp_path):
    copy = tmp_path / "learner copy"
    shutil.copytree(ROOT / "helpers", copy / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "seeds", copy / "seeds")
    (copy / "notebooks").mkdir()
    with open(copy / "helpers" / "data" / "gazetteer.csv", "a", encoding="utf-8") as gazetteer:
        gazetteer.write("Warung Sinar,ORG,,a made-up shop added by a learner\n")
    report = probe(copy / "notebooks", copy)
    assert Path(report["helpers"]).is_relative_to(copy)
    assert report["gazetteer"] == len(helpers.gazetteer()) + 1
    assert report["seeds"] == 3


def test_a_home_variable_that_names_no_collection_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv(_data.HOME_VARIABLE, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=rf"BACA_BERITA_HOME={tmp_path}: not a copy of the collection"):
        helpers.load_corpus()
    monkeypatch.setenv(_data.HOME_VARIABLE, str(ROOT))
    assert len(helpers.load_corpus()) == 3


# ------------------------------------------------------------ make, in a folder whose path has a space


@pytest.fixture
def spaced_copy(tmp_path):
    """The files make needs, in a folder whose path has spaces."""
    folder = tmp_path / "my courses" / "baca berita"
    (folder / "helpers").mkdir(parents=True)
    for name in ("Makefile", "requirements.txt", "pyproject.toml", "helpers/setup_lab.py"):
        shutil.copy(ROOT / name, folder / name)
    return folder


def run_make(folder, *arguments):
    """make in ``folder``, as a user types it: not as a sub-make of the ``make test`` that may be running these tests."""
    env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=folder, env=env, capture_output=True, text=True, timeout=60)


def make_dry_run(folder, target):
    done = run_make(folder, "-n", target)
    assert done.returncode == 0, done.stderr
    return [shlex.split(line) for line in done.stdout.splitlines() if line.strip()]


def test_make_lab_and_make_test_name_a_folder_with_spaces_as_one_argument(spaced_copy):
    (spaced_copy / ".venv").mkdir()
    (spaced_copy / ".venv" / ".installed").touch()  # set up already: only the command itself runs
    lab = make_dry_run(spaced_copy, "lab")[-1]
    assert lab[:2] == [".venv/bin/jupyter", "lab"]
    assert f"--ServerApp.root_dir={spaced_copy}" in lab
    assert make_dry_run(spaced_copy, "test")[-1] == [".venv/bin/python", "-m", "pytest"]


def test_make_install_sets_up_the_lab_settings(spaced_copy):
    commands = make_dry_run(spaced_copy, "install")
    assert [".venv/bin/python", "-m", "helpers.setup_lab"] in commands


def test_an_old_python_is_refused_with_the_command_that_picks_another(spaced_copy, tmp_path):
    old = tmp_path / "python3.9"  # the real interpreter, pretending to be 3.9 for make's version check
    old.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "import sys; sys.version_info = (3, 9, 18); '
                   f'sys.version = \'3.9.18\'; exec(sys.argv[1])" "$2"\n')
    old.chmod(0o755)
    done = run_make(spaced_copy, f"PYTHON={old}", "install")
    assert done.returncode != 0
    assert "3.9.18" in done.stderr and "make PYTHON=python3.12 lab" in done.stderr
    assert not (spaced_copy / ".venv").exists()


# ------------------------------------------------------------ the lab's settings


def test_setup_lab_writes_the_settings_and_keeps_what_else_is_there(tmp_path):
    config = tmp_path / "etc" / "jupyter" / "jupyter_lab_config.json"
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"ServerApp": {"port": 9999}, "LabApp": {"news_url": "https://example.org"}}))
    server, lab = setup_lab.install(tmp_path)
    assert json.loads(server.read_text()) == {"ServerApp": {"port": 9999}, **setup_lab.SERVER}
    assert json.loads(lab.read_text()) == setup_lab.LAB
    assert setup_lab.SERVER["LabApp"]["extension_manager"] == "readonly"


def free_port():
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


def test_jupyterlab_started_with_these_settings_cannot_install_extensions_or_fetch_news(tmp_path):
    setup_lab.install(tmp_path / "prefix")
    port, token = free_port(), "baca-berita-test"
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(tmp_path / "prefix" / "etc" / "jupyter"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert page, "JupyterLab did not start"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/api/news?token={token}", timeout=5) as response:
            news = json.load(response)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert '"can_install": false' in page and '"name": "read-only"' in page
    assert news == {"news": []}


# ------------------------------------------------------------ the README's hosted routes


def test_the_readme_binder_badge_and_link_open_the_start_notebook():
    readme = (ROOT / "README.md").read_text()
    badge = re.search(r"\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]\((\S+)\)", readme)
    assert badge, "a Binder badge at the top"
    link = urllib.parse.urlsplit(badge.group(1))
    assert (link.scheme, link.netloc) == ("https", "mybinder.org")
    assert re.fullmatch(r"/v2/gh/[\w.-]+/[\w.-]+/HEAD", link.path)
    notebook = urllib.parse.parse_qs(link.query)["urlpath"][0].removeprefix("lab/tree/")
    assert (ROOT / notebook).is_file()
    assert (ROOT / "postBuild").read_text().strip().endswith("python -m helpers.setup_lab")


def test_the_readme_nbgitpuller_link_clones_into_the_folder_pythonpath_names():
    readme = (ROOT / "README.md").read_text()
    found = re.findall(r"`(https://HUB/hub/user-redirect/git-pull\?\S+)`", readme)
    assert len(found) == 1, "one nbgitpuller link"
    link = urllib.parse.urlsplit(found[0])
    query = urllib.parse.parse_qs(link.query)
    assert sorted(query) == ["branch", "repo", "urlpath"]
    repository = urllib.parse.urlsplit(query["repo"][0])
    assert repository.scheme == "https" and repository.path.count("/") == 2
    name = repository.path.rsplit("/", 1)[1].removesuffix(".git")
    folder, _, notebook = query["urlpath"][0].removeprefix("lab/tree/").partition("/")
    assert folder == name, "nbgitpuller clones into a folder named after the repository"
    assert (ROOT / notebook).is_file()
    assert f"ENV PYTHONPATH=/home/jovyan/{name}" in readme
    hub = readme[readme.index("**A class larger than one laptop.**"):readme.index("## The articles")]
    assert "pip install -e ." not in hub and "-e ." not in hub, "the image installs the dependencies only"
