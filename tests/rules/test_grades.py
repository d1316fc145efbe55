"""JD3: job grades."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jdlint.config import Config
from jdlint.profile import load_profile

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpus"


def page(title: str, *levels: tuple[str, object]) -> str:
    body = "".join(f"## {name}\n\nThe {name} is a grade {grade}.\n\n" for name, grade in levels)
    return f"---\ntitle: {title}\n---\n\n## Levels\n\n{body}"


def test_seed_004_grades_fall_along_the_levels(seed):
    (finding,) = [d for d in seed("004", ("JD303",))]
    assert finding.line == 52 and "grade 6, below" in finding.message


def test_rising_grades_pass(lint):
    assert lint(page("Analyst", ("Analyst", 6), ("Senior Analyst", 7), ("Staff Analyst", 8)), ("JD303",)) == []


def test_equal_grades_for_different_level_words(lint):
    levels = (("Associate Field Planner", 6), ("Field Planner", 6), ("Senior Field Planner", 6))
    first, second = lint(page("Planner", *levels), ("JD303",))
    assert first.message == (
        '"Field Planner" is grade 6, the same as "Associate Field Planner" listed before it, though their level words differ'
    )
    assert second.message.startswith('"Senior Field Planner" is grade 6, the same as "Associate Field Planner"')


def test_an_intermediate_qualifier_is_the_level_without_a_word(lint):
    levels = (("Field Planner (Intermediate)", 6), ("Field Planner, Events", 6))
    assert lint(page("Planner", *levels), ("JD303",)) == []


def test_equal_grades_for_different_work_pass(lint):
    levels = (("Senior Billing Specialist", 6), ("Payroll Specialist", 6))
    assert lint(page("Specialists", *levels), ("JD303",)) == []


def test_equal_grades_of_a_people_manager_and_an_individual_contributor_pass(lint):
    levels = (("Staff Field Planner", 8), ("Manager, Field Planning", 8))
    assert lint(page("Planner", *levels), ("JD303",)) == []


def test_two_tracks_on_one_page_are_judged_apart(lint):
    levels = (("Staff Security Analyst", 8), ("Security Engineer", 6), ("Senior Security Engineer", 7))
    assert lint(page("Security", *levels), ("JD303",)) == []


def test_people_managers_are_a_track_apart_from_individual_contributors(lint):
    levels = (("Principal Widget Designer", 9), ("Manager, Widget Design", 8), ("Senior Manager, Widget Design", 9))
    assert lint(page("Widgets", *levels), ("JD303",)) == []


def test_individual_contributors_after_managers_start_their_own_track(lint):
    levels = (("Director, Widget Strategy", 10), ("Widget Analyst", 6), ("Senior Widget Analyst", 7))
    assert lint(page("Widgets", *levels), ("JD303",)) == []


def test_managers_of_another_benchmark_are_another_track(lint):
    levels = (("Manager, Widget Sales", 8), ("Senior Manager, Widget Sales", 9), ("Manager, Widget Analytics", 8))
    assert lint(page("Widgets", *levels), ("JD303",)) == []


def test_managers_of_one_benchmark_listed_senior_first_fall(lint):
    levels = (("Director, Widget Sales", 10), ("Manager, Widget Sales", 8))
    (finding,) = lint(page("Widgets", *levels), ("JD303",))
    assert '"Manager, Widget Sales" is grade 8, below "Director, Widget Sales"' in finding.message


def test_managers_of_a_narrower_benchmark_climb_the_same_ladder(lint):
    levels = (("Director, Widget Sales", 10), ("Manager, Widget Sales Programs", 8))
    (finding,) = lint(page("Widgets", *levels), ("JD303",))
    assert '"Manager, Widget Sales Programs" is grade 8, below "Director, Widget Sales"' in finding.message


def test_a_specialty_after_the_comma_stays_on_the_track(lint):
    levels = (("Senior Analyst, Widget Pricing", 7), ("Analyst, Widget Operations", 6))
    (finding,) = lint(page("Widgets", *levels), ("JD303",))
    assert '"Analyst, Widget Operations" is grade 6, below "Senior Analyst, Widget Pricing"' in finding.message


def test_other_work_before_the_function_word_is_another_track(lint):
    levels = (("Senior Gadget Program Manager", 9), ("Widget Program Manager", 6), ("Senior Widget Program Manager", 7))
    assert lint(page("Widgets", *levels), ("JD303",)) == []


def test_a_chief_of_staff_is_on_no_ladder(lint):
    levels = (("VP, Widgets", 12), ("Chief of Staff, Widgets", 11))
    assert lint(page("Widgets", *levels), ("JD303",)) == []


def test_grade_outside_the_level_range(lint):
    (finding,) = lint(page("Sales Systems", ("Senior Manager, Sales Systems", 7)), ("JD302",))
    assert finding.message == '"Senior Manager, Sales Systems" is grade 7, but senior manager titles are grade 9'
    assert "widen grade-levels.senior-manager" in finding.hint


def test_senior_title_below_the_measured_range(lint):
    (finding,) = lint(page("Billing", ("Senior Billing Clerk", 6)), ("JD302",))
    assert "senior titles are grade 7–8" in finding.message


def test_a_heading_without_level_word_is_judged_by_its_grade_sentence(lint):
    text = "---\ntitle: Rewards\n---\n\n## Levels\n\n### Rewards Leadership\n\n#### Job Grade\n\n"
    text += "The Senior Director, Rewards role is a grade 11.\n"
    assert lint(text, ("JD302",)) == []


def test_function_manager_has_no_level_word(lint):
    # "<Benchmark> Manager" names a function, not a people manager: not checked.
    assert lint(page("Venues", ("Venue Operations Manager", 6)), ("JD302",)) == []


def test_engineering_manager_is_a_people_manager(lint):
    (finding,) = lint(page("Storage", ("Storage Engineering Manager", 6)), ("JD302",))
    assert "manager titles are grade 8–9" in finding.message


def test_handbook_widens_a_level_in_config(lint):
    levels = dict(load_profile().grade_levels, senior={"pattern": r"\bSenior\b", "min": 6, "max": 9})
    config = Config(root=Path.cwd(), select=("JD302",), profile=load_profile({"grade-levels": levels}))
    assert lint(page("Billing", ("Senior Billing Clerk", 6)), config=config) == []


def test_shipped_grade_table_is_the_measured_one():
    if not all((CORPORA / name).is_dir() for name in ("gitlab-handbook", "gitlab-hugo")):
        pytest.skip("the corpora the table was measured on are not checked out")
    measured = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "measure_grades.py"), "--toml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert measured in (REPO / "jdlint" / "profile.toml").read_text(encoding="utf-8")


def test_grade_inside_the_level_range(lint):
    levels = (("Senior Manager, Sales Systems", 9), ("Director, Sales Systems", 10), ("VP, Sales", 12))
    assert lint(page("Sales Systems", *levels), ("JD302",)) == []


def test_title_without_level_word_is_the_intermediate_level(lint):
    (finding,) = lint(page("Analyst", ("Backend Engineer", 3)), ("JD302",))
    assert finding.message == '"Backend Engineer" is grade 3, but intermediate titles are grade 5–8'


def test_grade_without_number(lint):
    text = "---\ntitle: Designer\n---\n\n## Levels\n\n### Staff Designer\n\n#### Job Grade\n\nThe Staff Designer is a grade TBD.\n"
    (finding,) = lint(text, ("JD301",))
    assert finding.message == 'level "Staff Designer" states no grade number'


def test_grade_sentence_forms(lint):
    forms = [
        "The Analyst is a [grade 6](/handbook/comp/#gitlab-job-grades).",
        "The Analyst is a job grade [level 6](/handbook/comp/#gitlab-job-grades).",
        "The Analyst is a [6](/handbook/comp/#gitlab-job-grades).",
        "The Analyst is a grade #6.",
    ]
    for sentence in forms:
        text = f"---\ntitle: Analyst\n---\n\n## Levels\n\n### Analyst\n\n#### Job Grade\n\n{sentence}\n"
        assert lint(text, ("JD301",)) == [], sentence


def level_page(*levels: tuple[str, str, int]) -> str:
    """Levels whose grade sentence names a title of its own choosing: (heading, subject, grade)."""
    body = "".join(
        f"### {name}\n\n#### Job Grade\n\n{subject} is a grade {grade}.\n\n" for name, subject, grade in levels
    )
    return f"---\ntitle: Planning\n---\n\n## Levels\n\n{body}"


def test_grade_sentence_naming_another_level_of_the_page(lint):
    text = level_page(
        ("Director, Field Planning", "The Director, Field Planning", 10),
        ("Senior Director, Field Planning", "The Director, Field Planning", 11),
    )
    (finding,) = lint(text, ("JD304",))
    assert finding.line == 17
    assert finding.message == (
        'grade sentence under "Senior Director, Field Planning" gives "Director, Field Planning" grade 11, '
        'but "Director, Field Planning" is grade 10 at line 11'
    )


def test_abbreviated_subject_names_the_level_with_its_level_words(lint):
    text = level_page(
        ("Director of Field Planning Operations", "The Director of FPO", 10),
        ("Senior Director of Field Planning Operations", "The Director of FPO", 11),
    )
    (finding,) = lint(text, ("JD304",))
    assert '"Director of FPO" grade 11, but "Director of Field Planning Operations" is grade 10' in finding.message


def test_a_sentence_about_this_role_names_no_other_level(lint):
    levels = (
        ("Field Planner", "The role", 6),
        ("Senior Field Planner", "This role", 7),
        ("Staff Field Planner", "It", 8),
    )
    text = level_page(*levels)
    assert lint(text, ("JD304",)) == []


def test_grade_sentence_opened_by_the_title_states_the_grade(lint):
    text = "---\ntitle: Widgets\n---\n\n## Levels\n\n### Manager, Widgets\n\n#### Job Grade\n\nManager, Widgets is a grade 8.\n"
    assert lint(text, ("JD301",)) == []


def test_two_grades_fit_the_level_when_one_of_them_does(lint):
    assert lint(page("Widgets", ("Senior Manager, Widgets", "8 or 9")), ("JD302",)) == []


def test_two_grades_outside_the_level_are_reported_as_a_range(lint):
    (finding,) = lint(page("Widgets", ("Senior Manager, Widgets", "6 or 7")), ("JD302",))
    assert "is grade 6–7, but senior manager titles are grade 9" in finding.message


def test_two_grades_count_with_the_lowest_for_the_order(lint):
    (finding,) = lint(page("Widgets", ("Widget Maker", 7), ("Senior Widget Maker", "8 or 6")), ("JD303",))
    assert '"Senior Widget Maker" is grade 6, below "Widget Maker"' in finding.message


def test_a_title_graded_within_another_pages_two_grades_agrees(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page("Office", ("Chief of Staff to the COO", "11 or 12")),
            "b.md": page("Office", ("Chief of Staff to the COO", 12)),
        }
    )
    assert lint_tree(root, ("JD304",)) == []


def test_a_title_graded_outside_another_pages_two_grades_conflicts(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page("Office", ("Chief of Staff to the COO", "11 or 12")),
            "b.md": page("Office", ("Chief of Staff to the COO", 10)),
        }
    )
    found = lint_tree(root, ("JD304",))
    assert [(f[0], f[3]) for f in found] == [
        ("a.md", '"Chief of Staff to the COO" is grade 11–12 here but grade 10 at b.md:7'),
        ("b.md", '"Chief of Staff to the COO" is grade 10 here but grade 11–12 at a.md:7'),
    ]


def test_one_title_two_grades_across_files(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page("Enablement", ("Manager, Field Enablement", 8)),
            "b.md": page("Programs", ("Manager, Field Enablement", 9)),
        }
    )
    found = lint_tree(root, ("JD304",))
    assert [(f[0], f[3]) for f in found] == [
        ("a.md", '"Manager, Field Enablement" is grade 8 here but grade 9 at b.md:7'),
        ("b.md", '"Manager, Field Enablement" is grade 9 here but grade 8 at a.md:7'),
    ]


def test_same_title_other_spelling_same_grade(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page("A", ("Sr. Manager, Sales & Marketing", 9)),
            "b.md": page("B", ("Senior Manager, Sales and Marketing", 9)),
        }
    )
    assert lint_tree(root, ("JD304",)) == []


def test_grade_order_of_level_pages_follows_the_family_pages_list_of_levels(handbook, lint_tree):
    level = "---\ntitle: {0}\n---\n\n## Job Grade\n\nThe {0} is a grade {1}.\n"
    root = handbook(
        {
            "support/_index.md": "---\ntitle: Support\n---\n\n## Levels\n\n- [Agent](agent/)\n- [Lead](lead/)\n\n"
            "## Hiring Process\n\n- A call.\n",
            "support/agent.md": level.format("Support Agent", 7),
            "support/lead.md": level.format("Support Lead Agent", 6),
        }
    )
    assert [(f[0], f[2]) for f in lint_tree(root, ("JD303",))] == [("lead.md", "JD303")]


def test_level_pages_placed_by_level_words_compare_only_with_their_own_work(handbook, lint_tree):
    level = "---\ntitle: {0}\n---\n\n## Job Grade\n\nThe {0} is a grade {1}.\n"
    root = handbook(
        {
            "support/_index.md": "---\ntitle: Support\n---\n\n## Hiring Process\n\n- A call.\n",
            "support/senior.md": level.format("Senior Support Engineer", 9),
            "support/manager.md": level.format("Manager, Support", 8),
            "support/staff.md": level.format("Staff Support Engineer", 8),
        }
    )
    assert [(f[0], f[2]) for f in lint_tree(root, ("JD303",))] == [("staff.md", "JD303")]
