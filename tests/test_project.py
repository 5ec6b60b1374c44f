"""The collection sets itself up the same way everywhere: pins agree, CI runs what the README says."""

import re
import subprocess

from conftest import ROOT


def pins_in_requirements():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    pins = dict(re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line).groups() for line in lines if line and not line.startswith("#"))
    return {name.lower(): version for name, version in pins.items()}


# conda-forge packages whose pip name differs: matplotlib-base is matplotlib without the Qt GUI.
CONDA_TO_PIP = {"matplotlib-base": "matplotlib"}


def pins_in_environment():
    text = (ROOT / "environment.yml").read_text()
    conda = re.findall(r"^\s+- ([A-Za-z0-9_.-]+)=([^=\s]+)$", text, re.MULTILINE)
    pip = re.findall(r"^\s+- ([A-Za-z0-9_.-]+)==(\S+)$", text, re.MULTILINE)
    return {CONDA_TO_PIP.get(name.lower(), name.lower()): version for name, version in conda + pip if name != "python"}


def test_every_requirement_is_pinned_exactly():
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==\d[\w.]*", line) for line in lines), lines


def test_environment_yml_and_requirements_txt_agree():
    assert pins_in_environment() == pins_in_requirements()
    assert "conda-forge" in (ROOT / "environment.yml").read_text()


def test_the_conda_route_uses_matplotlib_without_qt():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- matplotlib-base=", text, re.MULTILINE)
    assert not re.search(r"^\s+- matplotlib=", text, re.MULTILINE), "plain matplotlib pulls in Qt"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"^make test$", readme, re.MULTILINE)
    assert command, "the README names `make test` on a line of its own"
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == command.group(0)


def test_generated_and_private_files_are_not_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:  # not a git checkout (an unpacked archive): nothing to check
        return
    assert not [path for path in tracked if re.match(r"(build|\.venv)/|.*__pycache__|.*\.ipynb_checkpoints", path)]
