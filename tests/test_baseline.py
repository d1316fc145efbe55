"""Baseline adoption: record today's findings, then report only new ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jdlint import baseline
from jdlint.config import Config
from jdlint.discover import discover
from jdlint.engine import lint_paths

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(root: Path):
    return lint_paths(discover([root], root), Config(root=root), use_cache=False)


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(SEEDS, root)
    return root


def test_a_run_against_its_own_baseline_reports_nothing(handbook, tmp_path):
    file = tmp_path / "baseline.json"
    recorded = baseline.write(run(handbook), file)
    report = run(handbook)
    applied = baseline.apply(report, file)
    assert recorded > 0 and report.diagnostics == [] and applied == baseline.Applied(recorded, 0)


def test_findings_that_only_moved_are_still_known(handbook, tmp_path):
    file = tmp_path / "baseline.json"
    baseline.write(run(handbook), file)
    page = next(handbook.glob("002_*.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n\n", "---\n\n" + "\n" * 10, 1), encoding="utf-8")
    report = run(handbook)
    baseline.apply(report, file)
    assert report.diagnostics == []


def test_a_new_finding_in_an_old_file_is_reported(handbook, tmp_path):
    file = tmp_path / "baseline.json"
    baseline.write(run(handbook), file)
    page = next(handbook.glob("003_*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nThe team is TBD.\n", encoding="utf-8")
    report = run(handbook)
    baseline.apply(report, file)
    assert [(Path(d.path).name[:3], d.code) for d in report.diagnostics] == [("003", "JD202")]


def test_fixed_findings_are_counted_as_gone(handbook, tmp_path):
    file = tmp_path / "baseline.json"
    baseline.write(run(handbook), file)
    page = next(handbook.glob("002_*.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("Director, Title", "Director, Growth"), encoding="utf-8")
    applied = baseline.apply(run(handbook), file)
    assert applied.gone >= 1


def test_baseline_names_files_relative_to_itself(handbook, tmp_path, monkeypatch):
    file = tmp_path / "baseline.json"
    monkeypatch.chdir(handbook)
    baseline.write(lint_paths(discover([Path(".")], handbook), Config(root=handbook), use_cache=False), file)
    assert all(name.startswith("handbook/") for name in json.loads(file.read_text())["findings"])
    monkeypatch.chdir(tmp_path)
    report = run(handbook)
    baseline.apply(report, file)
    assert report.diagnostics == []


@pytest.mark.parametrize("content", ["", "{", '{"findings": 3}', "[]"])
def test_a_broken_baseline_is_an_error_naming_it(tmp_path, content, handbook):
    file = tmp_path / "baseline.json"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(baseline.BaselineError, match="baseline.json"):
        baseline.apply(run(handbook), file)


def test_each_entry_names_its_rule_line_and_message_beside_its_key(handbook, tmp_path):
    file = tmp_path / "baseline.json"
    report = run(handbook)
    baseline.write(report, file)
    entries = json.loads(file.read_text(encoding="utf-8"))["findings"]
    placeholder = next(d for d in report.diagnostics if d.code == "JD201")
    (entry,) = [e for e in entries[f"handbook/{Path(placeholder.path).name}"] if e["code"] == "JD201"]
    assert entry == {
        "key": entry["key"],
        "code": "JD201",
        "line": placeholder.line,
        "message": placeholder.message,
        "count": 1,
    }


def test_a_baseline_of_the_first_version_still_applies(handbook, tmp_path):
    file = tmp_path / "baseline.json"
    recorded = baseline.write(run(handbook), file)
    data = json.loads(file.read_text(encoding="utf-8"))
    findings = {name: {e["key"]: e["count"] for e in entries} for name, entries in data["findings"].items()}
    file.write_text(json.dumps({"version": 1, "tool": "jdlint", "findings": findings}), encoding="utf-8")
    report = run(handbook)
    assert baseline.apply(report, file) == baseline.Applied(recorded, 0) and report.diagnostics == []
