"""The GitHub Action (`action.yml`) and the GitLab CI/CD component (`templates/jdlint.yml`): their
commands, with the inputs filled in as the platforms fill them, run here in a repository of pages.

The action's install step is run for real once (a virtual environment, jdlint installed from this
checkout: the package index is needed for its dependencies); the other runs reuse it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from jdlint import __version__

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A handbook repository with the seeds, which have findings."""
    root = tmp_path / "handbook"
    shutil.copytree(SEEDS, root / "pages")
    (root / ".jdlint.toml").write_text("")
    return root


def action_steps() -> list[dict]:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    return action["runs"]["steps"]


def filled(text: str, values: dict[str, str]) -> str:
    """`${{ inputs.x }}` and `${{ github.x }}` (or GitLab's `$[[ inputs.x ]]`) replaced by their values."""
    return re.sub(r"\$(?:\{\{|\[\[)\s*([\w.-]+)\s*(?:\}\}|\]\])", lambda m: values[m.group(1)], text)


def run_step(step: dict, values: dict[str, str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    assert step["shell"] == "bash"
    step_env = {key: filled(str(value), values) for key, value in step.get("env", {}).items()}
    assert "${{" not in step["run"]  # inputs reach the script through the environment only
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=cwd, env={**env, **step_env}, capture_output=True, text=True
    )


def action_inputs(**given: str) -> dict[str, str]:
    inputs = yaml.safe_load((REPO / "action.yml").read_text())["inputs"]
    return {f"inputs.{name}": given.get(name, spec.get("default", "")) for name, spec in inputs.items()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of the action's install step, run as GitHub runs it: jdlint from this checkout."""
    runner_temp = tmp_path_factory.mktemp("runner")
    github_path = runner_temp / "github_path"
    values = {**action_inputs(), "github.action_path": str(REPO)}
    env = {**os.environ, "RUNNER_TEMP": str(runner_temp), "GITHUB_PATH": str(github_path)}
    result = run_step(action_steps()[0], values, REPO, env)
    assert result.returncode == 0, result.stderr
    (bin_folder,) = github_path.read_text().split()
    return Path(bin_folder)


def test_action_installs_a_version_from_the_index(installed: Path, tmp_path: Path):
    """`version: X` asks pip for jdlint==X (here the one already installed: nothing is fetched)."""
    github_path = tmp_path / "github_path"
    values = {**action_inputs(version=__version__), "github.action_path": "/nonexistent"}
    env = {**os.environ, "RUNNER_TEMP": str(installed.parent.parent), "GITHUB_PATH": str(github_path)}
    result = run_step(action_steps()[0], values, tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert github_path.read_text().split() == [str(installed)]


def run_action(installed: Path, repository: Path, **inputs: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}"}
    return run_step(action_steps()[1], action_inputs(**inputs), repository, env)


def test_action_annotates_the_findings_and_fails(installed: Path, repository: Path):
    result = run_action(installed, repository)
    assert result.returncode == 1
    assert "::error file=pages/002_849c93c08d13e1de.md,line=15,col=54," in result.stdout
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in result.stdout.splitlines())


def test_action_passes_its_paths_and_args(installed: Path, repository: Path):
    result = run_action(
        installed, repository, paths="pages/002_849c93c08d13e1de.md", args="--select JD201 --fail-on error"
    )
    assert result.returncode == 1
    assert [line.split("::")[1].split(",")[0] for line in result.stdout.splitlines()] == [
        "error file=pages/002_849c93c08d13e1de.md"
    ]
    clean = run_action(installed, repository, paths="pages/003_b3420d3dec5a0b3d.md", args="--select JD201")
    assert (clean.returncode, clean.stdout) == (0, "")


def component() -> tuple[dict, dict]:
    spec, jobs = yaml.safe_load_all((REPO / "templates" / "jdlint.yml").read_text())
    return spec["spec"]["inputs"], jobs["jdlint"]


def run_component(installed: Path, repository: Path, **given: str) -> tuple[subprocess.CompletedProcess, dict]:
    inputs, job = component()
    missing = [name for name, spec in inputs.items() if "default" not in spec and name not in given]
    assert not missing, f"mandatory inputs not given: {missing}"
    values = {f"inputs.{name}": given.get(name, spec.get("default")) for name, spec in inputs.items()}
    variables = {key: filled(str(value), values) for key, value in job["variables"].items()}
    script = "\n".join(filled(line, values) for line in job["script"])
    env = {**os.environ, **variables, "PATH": f"{installed}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-e", "-c", script], cwd=repository, env=env, capture_output=True, text=True)
    return result, json.loads(filled(json.dumps(job), values))


def test_component_publishes_a_code_quality_report_and_fails(installed: Path, repository: Path):
    result, job = run_component(installed, repository, version=__version__)
    assert result.returncode == 1, result.stderr
    assert job["artifacts"] == {"when": "always", "reports": {"codequality": "gl-code-quality.json"}}
    report = json.loads((repository / "gl-code-quality.json").read_text())
    placeholder = next(issue for issue in report if issue["check_name"] == "JD201")
    assert placeholder["location"] == {"path": "pages/002_849c93c08d13e1de.md", "lines": {"begin": 15}}
    assert {"description", "fingerprint", "severity"} <= placeholder.keys()


def test_component_passes_its_paths_args_and_report_name(installed: Path, repository: Path):
    result, job = run_component(
        installed,
        repository,
        version=__version__,
        paths="pages/003_b3420d3dec5a0b3d.md",
        args="--select JD201",
        report="quality.json",
    )
    assert result.returncode == 0, result.stderr
    assert job["artifacts"]["reports"]["codequality"] == "quality.json"
    assert json.loads((repository / "quality.json").read_text()) == []
