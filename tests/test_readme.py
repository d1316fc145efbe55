"""The README's samples and its adoption walk-through, run for real: what it shows is what jdlint does."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

import jdlint

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SEEDS = ROOT / "seeds"

# Committed beside the job pages: a README whose "Requirements" heading once made it a job page.
PROJECT_README = """\
# Handbook

The source of the company handbook.

## Requirements

- Hugo 0.120 or newer
- Node 20

## Editing

Open a merge request; the job pages are checked by jdlint.
"""


def _fence_after(marker: str) -> str:
    """The content of the first fenced block after `marker` in the README."""
    rest = README[README.index(marker) + len(marker) :]
    return rest.split("```", 2)[1].split("\n", 1)[1]


def _jdlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # The installed command: `python -m jdlint` in the checkout would import the source folder.
    command = shutil.which("jdlint", path=str(Path(sys.executable).parent)) or "jdlint"
    return subprocess.run([command, *args], cwd=cwd, capture_output=True, text=True)


def test_sample_output_is_a_real_run_of_the_seeds():
    sample = _fence_after("`jdlint check seeds/` on the five sample pages")
    run = _jdlint("check", "seeds/", "--no-cache", cwd=ROOT)
    *findings, summary = sample.strip().split("\n\n")
    assert run.stdout.strip().endswith("\n" + summary), "update the README's sample summary lines"
    for finding in findings:
        assert finding in run.stdout, f"the README shows a finding jdlint does not print:\n{finding}"


def test_postings_sample_is_a_real_run_under_the_chosen_profile():
    command = "$ jdlint check tests/fixtures/postings --output-format concise\n"
    sample = _fence_after("Postings of two companies")
    assert sample.startswith(command)
    run = _jdlint(*command[len("$ jdlint ") :].split(), "--no-cache", cwd=ROOT)
    shown = run.stdout.replace("tests/fixtures/postings/", "")
    assert shown == sample[len(command) :], "update the README's postings sample"


def test_release_tag_in_the_readme_is_the_version():
    tags = set(re.findall(r"rev: (\S+)", README)) | set(re.findall(r"git\+<URL of this repository>@([^\"'\s]+)", README))
    assert tags == {f"v{jdlint.__version__}"}


def _walkthrough_commands() -> list[str]:
    block = README.split("<!-- adoption-walkthrough:start -->")[1].split("<!-- adoption-walkthrough:end -->")[0]
    lines = block.split("```", 2)[1].split("\n")[1:]
    return [line for line in lines if line.strip()]


def _handbook_repository(root: Path) -> Path:
    """A git repository with five job pages under job-families/, a README and a draft, and the
    README's .jdlint.toml, all committed."""
    for page in sorted(SEEDS.glob("*.md")):
        (root / "job-families" / "sales").mkdir(parents=True, exist_ok=True)
        shutil.copy(page, root / "job-families" / "sales" / page.name)
    (root / "README.md").write_text(PROJECT_README, encoding="utf-8")
    (root / "drafts").mkdir()
    shutil.copy(next(SEEDS.glob("002_*.md")), root / "drafts" / "offer.md")
    (root / ".jdlint.toml").write_text(_fence_after("The config, `.jdlint.toml`"), encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "handbook"], cwd=root, check=True)
    return root


def test_adoption_walkthrough_runs_as_written(tmp_path):
    repository = _handbook_repository(tmp_path / "handbook")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    outputs = []
    for command in _walkthrough_commands():
        done = subprocess.run(["bash", "-c", command], cwd=repository, capture_output=True, text=True, env=env)
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
        outputs.append(done)
    settings, files = outputs[0].stdout, outputs[1].stdout
    assert f"config file used: {repository.resolve() / '.jdlint.toml'}" in settings
    assert "job pages: those matching include = ['job-families/**']" in settings
    assert "README.md" not in files and "drafts/" not in files and files.count("job-families/sales/") == 5
    assert json.loads((repository / "gl-code-quality.json").read_text()) == []
    assert json.loads((repository / "jdlint.sarif").read_text())["runs"][0]["results"] == []
    assert "no job pages found" in outputs[-1].stderr and "JD" not in outputs[-1].stdout


def test_walkthrough_baseline_still_fails_on_a_new_finding(tmp_path):
    repository = _handbook_repository(tmp_path / "handbook")
    _jdlint("check", "--write-baseline", ".jdlint-baseline.json", cwd=repository)
    page = next((repository / "job-families" / "sales").glob("001_*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nTBD\n", encoding="utf-8")
    result = _jdlint("check", "--baseline", ".jdlint-baseline.json", "--output-format", "concise", cwd=repository)
    assert (result.returncode, [line.split(": ")[1][:5] for line in result.stdout.splitlines()[:1]]) == (1, ["JD202"])


def test_readme_hook_config_names_the_shipped_hook_that_force_excludes(tmp_path):
    (config,) = yaml.safe_load(_fence_after("In `.pre-commit-config.yaml`"))["repos"]
    (hook,) = config["hooks"]
    (shipped,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == shipped["id"] and "--force-exclude" in shipped["entry"].split()
    repository = _handbook_repository(tmp_path / "handbook")
    _jdlint("check", "--write-baseline", ".jdlint-baseline.json", cwd=repository)
    command = [*shipped["entry"].split()[1:], *hook["args"], "README.md", "drafts/offer.md"]
    result = _jdlint(*command, cwd=repository)
    assert (result.returncode, "JD" in result.stdout) == (0, False)
