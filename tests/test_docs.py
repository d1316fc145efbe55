"""The README and the rules' own documentation stay true to the code."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

import jdlint.engine  # noqa: F401  (registers the catalogue)
from jdlint.config import KEYS
from jdlint.discover import DOCUMENT_SUFFIXES
from jdlint.profile import PROFILE_KEYS
from jdlint.rule import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
INSTALL_AND_RUN = "pip install . && jdlint check seeds/"
INSTALL_AND_TEST = "pip install '.[test]' && pytest -q"


def _rule_table_script():
    spec = importlib.util.spec_from_file_location("rule_table", ROOT / "scripts" / "rule_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _readme_tokens():
    return MarkdownIt("commonmark").parse(README.read_text(encoding="utf-8"))


def test_readme_rule_table_is_current():
    script = _rule_table_script()
    assert script.readme_table(README.read_text(encoding="utf-8")) == script.rule_table(), (
        "the README's rule table is stale: run `python scripts/rule_table.py --write README.md`"
    )


def test_readme_opens_with_the_install_and_run_command_for_users():
    blocks = [t for t in _readme_tokens() if t.level == 0 and not t.type.endswith("_close")]
    fences = [t for t in blocks if t.type == "fence"]
    assert (fences[0].info, fences[0].content.strip()) == ("sh", INSTALL_AND_RUN)
    first = blocks.index(fences[0])
    assert [(t.type, t.tag) for t in blocks[:first]] == [("heading_open", "h1"), ("paragraph_open", "p")], (
        "the README opens with its title, one sentence for users, then the command"
    )


def test_readme_gives_the_test_command_to_contributors():
    readme = README.read_text(encoding="utf-8")
    assert INSTALL_AND_TEST in readme[readme.index("## Development") :]


def test_ci_runs_the_readmes_test_command():
    assert INSTALL_AND_TEST in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_describes_every_config_and_profile_key():
    readme = README.read_text(encoding="utf-8")
    configuration = readme[readme.index("## Configuration") : readme.index("## Inline suppressions")]
    described = {
        key for key in KEYS | PROFILE_KEYS if re.search(rf"`{key}`|^{key} =|[.\[]{key}\]", configuration, re.M)
    }
    assert sorted((KEYS | PROFILE_KEYS) - described) == [], "describe these keys in the README's Configuration"


def test_pre_commit_hook_takes_every_document_suffix():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "jdlint" and hook["entry"] == "jdlint check --force-exclude"
    for suffix in DOCUMENT_SUFFIXES:
        assert re.search(hook["files"], f"job-families/sales/index.html{suffix}"), suffix
    assert not re.search(hook["files"], "job-families/sales/index.html")
    assert "types" not in hook and "types_or" not in hook, "types would AND with files and drop .md.erb"


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda rule: rule.code)
def test_rule_is_documented_with_ruff_headings(rule):
    headings = re.findall(r"^## .+$", rule.doc, re.MULTILINE)
    assert "## What it does" in headings
    assert "## Why is this bad?" in headings
    assert rule.summary and not rule.summary.startswith("#"), "the docstring opens with a one-line summary"


def test_codes_are_jd_and_three_digits():
    assert [r.code for r in REGISTRY if not re.fullmatch(r"JD\d{3}", r.code)] == []


def test_names_are_kebab_case():
    assert [r.name for r in REGISTRY if not re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", r.name)] == []


def test_codes_and_names_are_unique():
    codes = [r.code for r in REGISTRY]
    names = [r.name for r in REGISTRY]
    assert len(set(codes)) == len(codes), sorted(c for c in codes if codes.count(c) > 1)
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)
