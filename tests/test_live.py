"""The language server's handbook (jdlint.live): an open page is checked against the index, which
is built again only when what it reads of a page changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint import handbook as handbook_module
from jdlint.config import load
from jdlint.live import LiveHandbook


def level_page(family: str, level: str, manager: str) -> str:
    return (
        f"---\ntitle: {family}\n---\n\nThe {family} team prices the plans.\n\n"
        f"## {level}\n\nThe {level} reports to the {manager}.\n\n"
        f"### Job Grade\n\nThe {level} is a grade 7.\n\n"
        "### Responsibilities\n\n- Price the plans\n\n### Requirements\n\n- Ability to use GitLab\n"
    )


@pytest.fixture
def live(tmp_path: Path, monkeypatch) -> LiveHandbook:
    (tmp_path / ".jdlint.toml").write_text("")
    (tmp_path / "pricing.md").write_text(level_page("Pricing", "Pricing Analyst", "Manager, Pricing"))
    (tmp_path / "manager.md").write_text(level_page("Pricing Management", "Manager, Pricing", "Director, Finance"))
    monkeypatch.chdir(tmp_path)
    handbook = LiveHandbook(load([tmp_path], None, None, None))
    handbook.load()
    return handbook


def findings(diagnostics) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.message) for d in diagnostics]


def count_builds(monkeypatch) -> list[int]:
    built = []
    build = handbook_module.HandbookIndex.build
    monkeypatch.setattr(handbook_module.HandbookIndex, "build", lambda *a, **k: built.append(1) or build(*a, **k))
    return built


def test_typing_into_a_manager_title_checks_against_the_index_as_it_is(live, monkeypatch):
    page = level_page("Pricing", "Pricing Analyst", "Manager, Pricing")
    live.check("pricing.md", page)
    built = count_builds(monkeypatch)
    typed = page.replace("Manager, Pricing", "Manager, Pricinng")
    diagnostics, changed = live.check("pricing.md", typed)
    assert (built, changed) == ([], False)  # no other page can find otherwise: it names, it is not named
    assert "JD502" in {d.code for d in diagnostics}
    fresh = LiveHandbook(live.config)
    fresh.load()
    assert findings(diagnostics) == findings(fresh.check("pricing.md", typed)[0])


def test_renaming_a_title_others_name_builds_the_index_again(live, monkeypatch):
    page = level_page("Pricing Management", "Manager, Pricing", "Director, Finance")
    live.check("manager.md", page)
    built = count_builds(monkeypatch)
    _, changed = live.check("manager.md", page.replace("Manager, Pricing", "Manager, Pricing Strategy"))
    assert (built, changed) == ([1], True)
