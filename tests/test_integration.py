"""How jdlint meets its users: standard input, baseline adoption, pre-commit, quiet pipes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def jdlint(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jdlint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(SEEDS, root)
    (root / ".jdlint.toml").write_text("", encoding="utf-8")
    return root


# Standard input


def test_stdin_is_judged_as_the_named_file_against_the_handbook(handbook):
    seed = next(handbook.glob("001_*.md"))
    text = seed.read_text(encoding="utf-8")
    piped = jdlint("check", "-", "--stdin-filename", seed.name, "--output-format", "json", cwd=handbook, stdin=text)
    on_disk = jdlint("check", seed.name, "--output-format", "json", cwd=handbook)
    assert json.loads(piped.stdout) == json.loads(on_disk.stdout) != []


def test_stdin_edit_is_seen_without_touching_the_file(handbook):
    seed = next(handbook.glob("003_*.md"))
    before = seed.read_bytes()
    edited = seed.read_text(encoding="utf-8") + "\nTBD\n"
    result = jdlint("check", "-", "--stdin-filename", seed.name, "--select", "JD202", cwd=handbook, stdin=edited)
    assert "JD202" in result.stdout and seed.read_bytes() == before


def test_stdin_fix_prints_the_fixed_text(handbook):
    result = jdlint(
        "check",
        "-",
        "--stdin-filename",
        "new.md",
        "--fix",
        "--select",
        "JD601",
        cwd=handbook,
        stdin="# Page\n\nThe teamâ€™s work\n",
    )
    assert result.stdout == "# Page\n\nThe team’s work\n"
    assert not (handbook / "new.md").exists()


def test_stdin_cannot_be_mixed_with_paths(handbook):
    result = jdlint("check", "-", "001.md", cwd=handbook, stdin="")
    assert result.returncode == 2 and "standard input" in result.stderr


# Baseline adoption on the real corpus


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    corpus = REPO / ".." / "shared" / "corpus" / "gitlab-handbook" / "job-families"
    if not corpus.is_dir():
        pytest.skip("corpus not found")
    root = tmp_path / "corpus"
    shutil.copytree(corpus, root / "job-families")
    (root / ".jdlint.toml").write_text("", encoding="utf-8")
    return root


def test_baseline_adoption_on_the_corpus(corpus_copy):
    written = jdlint("check", ".", "--no-cache", "--write-baseline", "baseline.json", cwd=corpus_copy)
    assert written.returncode == 0 and "wrote" in written.stderr
    assert jdlint("check", ".", "--no-cache", "--baseline", "baseline.json", "-q", cwd=corpus_copy).returncode == 0

    page = corpus_copy / "job-families" / "sales" / "sales-strategy" / "index.html.md"
    text = page.read_text(encoding="utf-8")
    closing = text.index("---", 3) + 4
    page.write_text(text[:closing] + "\n" * 10 + text[closing:], encoding="utf-8")
    moved = jdlint(
        "check", ".", "--no-cache", "--baseline", "baseline.json", "--output-format", "json", cwd=corpus_copy
    )
    assert json.loads(moved.stdout) == []

    page.write_text(page.read_text(encoding="utf-8") + "\nReports to the Director, Title.\n", encoding="utf-8")
    new = jdlint("check", ".", "--no-cache", "--baseline", "baseline.json", "--output-format", "json", cwd=corpus_copy)
    assert [(d["code"], d["message"]) for d in json.loads(new.stdout)] == [
        ("JD201", 'placeholder "Director, Title" left in the text')
    ]
    assert new.returncode == 1


def test_missing_baseline_is_an_error(handbook):
    result = jdlint("check", ".", "--baseline", "nope.json", cwd=handbook)
    assert result.returncode == 2 and "nope.json" in result.stderr


# Pipes stay quiet


def test_no_progress_bar_in_pipes(corpus_copy):
    result = jdlint("check", ".", "--no-cache", "--exit-zero", "--output-format", "json", cwd=corpus_copy)
    assert result.stderr == ""


# pre-commit, for real


def test_pre_commit_hook_installs_and_runs(tmp_path):
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    bad = next(SEEDS.glob("002_*.md"))
    (repo / "job-families").mkdir()
    shutil.copy(bad, repo / "job-families" / "bad.md")
    (repo / "README.md").write_text("# Handbook\n\n## Requirements\n\n- Hugo\n- TBD\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def hook(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [pre_commit, "try-repo", str(REPO), "jdlint", "--files", *files],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    failing = hook("job-families/bad.md")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "JD201" in failing.stdout and "Director, Title" in failing.stdout
    passing = hook("README.md")  # no job page: the hook's --force-exclude leaves it out
    assert passing.returncode == 0, passing.stdout + passing.stderr
