"""Families split over files (today's handbook layout): a folder's `_index.md` with its level pages
is one family; the seeds' defects are found in that layout as in a single page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdlint.config import Config
from jdlint.families import assemble
from jdlint.handbook import Entry, RoleEntry

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hugo"
FAMILY = "content/job-families/sales/web-store"
HUGO_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "gitlab-hugo"
PROFILE = Config(root=Path.cwd()).profile


@pytest.fixture(scope="module")
def fixture_findings(lint_tree):
    return lint_tree(FIXTURE, ("JD",))


def _found(findings, name: str, code: str) -> list[str]:
    return [message for file, _, found, message in findings if file == name and found == code]


# The seeds' defects, written into a family split over files


def test_missing_section_is_told_on_the_level_page_that_lacks_it(fixture_findings):
    assert _found(fixture_findings, "director.md", "JD101") == [
        'level page "Director, Web Store" has no "Job Grade" section'
    ]


def test_placeholder_manager_is_found_on_a_level_page(fixture_findings):
    assert _found(fixture_findings, "manager.md", "JD201") == ['placeholder "Director, Title" left in the reports-to line']


def test_malformed_and_conflicting_reports_to_are_found_on_a_level_page(fixture_findings):
    assert _found(fixture_findings, "manager.md", "JD505") and _found(fixture_findings, "manager.md", "JD501")


def test_grade_mismatch_is_found_on_a_level_page(fixture_findings):
    assert _found(fixture_findings, "manager.md", "JD302")


def test_grade_order_runs_along_the_level_pages_by_weight(fixture_findings):
    assert _found(fixture_findings, "senior-analyst.md", "JD303") == [
        '"Senior Analyst, Web Store" is grade 6, below "Analyst, Web Store" '
        f'(grade 7, {FAMILY}/analyst.md), which comes before it by front-matter weight'
    ]


def test_broken_ladder_link_is_found_on_the_family_page(fixture_findings):
    assert _found(fixture_findings, "_index.md", "JD401")


def test_mojibake_is_found_on_a_level_page(fixture_findings):
    assert _found(fixture_findings, "analyst.md", "JD601")


def test_unknown_manager_is_found_on_a_level_page(fixture_findings):
    assert _found(fixture_findings, "senior-analyst.md", "JD502")


def test_inheritance_in_the_wrong_section_is_found_on_a_level_page(fixture_findings):
    assert _found(fixture_findings, "senior-analyst.md", "JD102")


def test_level_page_without_reports_to_is_told_when_its_sibling_levels_have_one(fixture_findings):
    assert _found(fixture_findings, "director.md", "JD504")


# What the family page and the level pages provide each other


def test_no_level_page_lacks_a_section_of_its_family_page(fixture_findings):
    missing = [m for file, _, code, m in fixture_findings if code == "JD101" and file != "director.md"]
    assert missing == []


def test_family_page_does_not_lack_the_sections_its_levels_have(fixture_findings):
    assert _found(fixture_findings, "_index.md", "JD101") == []


def test_family_requirement_holds_for_every_level(fixture_findings):
    assert [m for _, _, code, m in fixture_findings if code == "JD701"] == []


def test_inheritance_resolves_to_a_level_on_another_page(fixture_findings):
    assert [m for _, _, code, m in fixture_findings if code == "JD103"] == []


def test_linting_one_level_page_judges_it_with_its_family_from_the_cache(tmp_path, lint_tree):
    root = tmp_path / "hugo"
    shutil.copytree(FIXTURE, root)
    lint_tree(root, ("JD",), use_cache=True)  # the whole handbook once: the cache holds every page
    findings = lint_tree(root, ("JD1", "JD3"), targets=[f"{FAMILY}/senior-analyst.md"], use_cache=True)
    assert [(code, line) for _, line, code, _ in findings] == [("JD302", 10), ("JD303", 10), ("JD102", 15)]


# Assembling the family


def _entry(path: str, title: str, weight=None, links=(), is_job_family=True) -> Entry:
    role = RoleEntry(title, path, 2, None, title)
    return Entry(path, title, 2, (role,), is_job_family, weight=weight, links=links)


def test_levels_are_placed_by_the_family_pages_list_when_they_have_no_weight():
    family_page = _entry("f/_index.md", "Support", links=("/job-families/f/specialist/", "./agent.md"))
    pages = [family_page, _entry("f/agent.md", "Support Agent"), _entry("f/specialist.md", "Support Specialist")]
    assert [e.path for e in assemble(pages, PROFILE)["f/agent.md"].levels] == ["f/specialist.md", "f/agent.md"]


def test_levels_listed_with_hugo_refs_are_placed_by_that_list():
    links = ('{{< ref "specialist.md" >}}', '{{< relref "/job-families/f/agent" >}}')
    family_page = _entry("f/_index.md", "Support", links=links)
    pages = [family_page, _entry("f/agent.md", "Support Agent"), _entry("f/specialist.md", "Support Specialist")]
    assert [e.path for e in assemble(pages, PROFILE)["f/agent.md"].levels] == ["f/specialist.md", "f/agent.md"]


def test_levels_are_placed_by_their_level_words_when_nothing_else_places_them():
    pages = [_entry("f/_index.md", "Support"), _entry("f/b.md", "Senior Agent"), _entry("f/a.md", "Staff Agent")]
    bundle = assemble([*pages, _entry("f/c.md", "Associate Agent")], PROFILE)["f/a.md"]
    assert [e.path for e in bundle.levels] == ["f/c.md", "f/b.md", "f/a.md"] and bundle.order == "level words"


def test_a_folder_page_that_is_no_job_family_leaves_its_pages_families_of_their_own():
    pages = [_entry("f/_index.md", "Finance Roles", is_job_family=False), _entry("f/controller.md", "Controller")]
    assert assemble(pages, PROFILE) == {}


def test_the_2019_layout_index_page_groups_nothing():
    assert assemble([_entry("f/index.html.md", "Sales"), _entry("f/other.md", "Other")], PROFILE) == {}


# Real pages of today's layout


@pytest.fixture(scope="module")
def hugo_findings():
    if not (HUGO_CORPUS / "content" / "job-families").is_dir():
        pytest.skip("Hugo corpus not found")
    from jdlint.discover import discover
    from jdlint.engine import lint_paths

    root = HUGO_CORPUS.resolve()
    config = Config(root=root)
    report = lint_paths(discover([root], root), config, use_cache=False)
    return [(d.path, d.line, d.code, d.message) for d in report.diagnostics]


def test_real_level_pages_do_not_lack_their_family_pages_career_ladder(hugo_findings):
    backend = "engineering/development/backend/"
    assert [m for path, _, code, m in hugo_findings if backend in path and code == "JD101" and "Career" in m] == []


def test_real_level_page_is_not_told_the_family_pages_requirement_is_missing(hugo_findings):
    folder = "engineering/technical-program-management/"
    told = sorted(Path(path).name for path, _, code, _ in hugo_findings if folder in path and code == "JD701")
    assert told == ["_index.md"]


def test_a_family_that_weighs_its_most_senior_level_first_is_read_junior_first():
    pages = [_entry("f/_index.md", "Support"), _entry("f/a.md", "Director, Support", weight=1)]
    pages += [_entry("f/b.md", "Manager, Support", weight=2), _entry("f/c.md", "Associate Agent", weight=3)]
    bundle = assemble(pages, PROFILE)["f/a.md"]
    assert [e.path for e in bundle.levels] == ["f/c.md", "f/b.md", "f/a.md"]


def test_real_level_page_does_not_lack_the_sections_of_its_family_page(hugo_findings):
    level_page = "product/technical-program-manager/product-technical-program-management.md"
    assert [m for path, _, code, m in hugo_findings if path.endswith(level_page) and code == "JD101"] == []
