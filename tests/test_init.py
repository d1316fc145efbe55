"""`jdlint init`: a handbook's conventions measured and written as a commented .jdlint.toml."""

from __future__ import annotations

import functools
import json
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdlint import config
from jdlint.cli import app
from jdlint.init import _grade_table, write_config
from jdlint.measure import LevelGrades, Measurement, measure, suggested_range
from jdlint.profile import load_profile, profile_toml

HANDBOOKS = Path(__file__).parent / "fixtures" / "handbooks"
# Brightline writes postings: "About the role / What you'll do / What we're looking for / Nice to
# have / Compensation / How to apply", no grades, ladders or reporting lines. Its defects:
BRIGHTLINE_DEFECTS = {
    ("data-analyst.md", 2, "JD101"),  # no "Nice to have"
    ("sales-manager.md", 10, "JD601"),  # mojibake
    ("support-specialist.md", 17, "JD202"),  # TBD
    ("data-analyst.md", 26, "JD714"),  # "Competitive salary", no range
}
POSTING_SECTIONS = ["About the Role", "Compensation", "Hiring Process", "Requirements", "Responsibilities"]


def run(*args: str):
    """Run `jdlint ARGS`; (exit code, stdout, stderr)."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def findings(folder: Path) -> set[tuple[str, int, str]]:
    _, out, _ = run("check", str(folder), "--no-cache", "--output-format", "json")
    return {(Path(d["path"]).name, d["line"], d["code"]) for d in json.loads(out or "[]")}


def comments(text: str) -> str:
    """The config's comments as one line of prose."""
    return " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#") or "  # " in line)


@pytest.fixture
def brightline(tmp_path) -> Path:
    return Path(shutil.copytree(HANDBOOKS / "brightline", tmp_path / "brightline"))


@pytest.fixture
def kestrel(tmp_path) -> Path:
    """Kestrel: levels I to IV as headings of one page a family, "The Data Engineer II is Band 3",
    "Key responsibilities / Requirements / Reports to" under each level."""
    return Path(shutil.copytree(HANDBOOKS / "kestrel", tmp_path / "kestrel"))


# A posting-style handbook


def test_postings_start_from_the_job_posting_profile(brightline):
    assert measure(brightline).profile == "job-posting"


def test_postings_require_the_sections_most_of_them_have(brightline):
    assert sorted(measure(brightline).required) == sorted([*POSTING_SECTIONS, "Nice-to-haves"])


def test_the_readme_beside_the_postings_is_no_job_description(brightline):
    assert measure(brightline).families == 6


def test_under_init_config_postings_get_only_their_defects(brightline):
    code, _, _ = run("init", str(brightline))
    assert code == 0
    assert findings(brightline) == BRIGHTLINE_DEFECTS


def test_config_names_the_pages_that_are_no_job_description(brightline):
    assert "Job descriptions: 6 of the 7 pages" in comments(write_config(brightline))
    assert "; not: README.md." in comments(write_config(brightline))


def test_config_names_how_many_findings_the_handbook_has(brightline):
    assert "the handbook has 4 findings (JD101 1, JD202 1, JD601 1, JD714 1)" in comments(write_config(brightline))


def test_the_length_rule_to_uncomment_holds_the_pages_it_was_measured_on(brightline):
    text = write_config(brightline)
    rule = text[text.index("# [profile.custom-rules.HB201]") :]
    (brightline / ".jdlint.toml").write_text(text + "\n" + "\n".join(line[2:] for line in rule.splitlines()) + "\n")
    assert config.load([brightline]).profile.custom_rules["HB201"] == {
        "name": "length",
        "message": "{value} words; most pages have 117 to 169",
        "metric": "words",
        "min": 117,
        "max": 169,
    }
    assert not {finding for finding in findings(brightline) if finding[2] == "HB201"}


def test_no_grade_ladder_or_reporting_rule_without_those_facts(brightline):
    rules = tomllib.loads(write_config(brightline))["profile"]["rules"]
    assert not [rule for rule in rules if rule.startswith(("JD3", "JD4", "JD5"))]


def test_pages_no_built_in_profile_knows_start_from_minimal(tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# Meeting notes\n\n## Agenda\n\n- Budget\n\n## Decisions\n\nNone yet.\n")
    assert measure(tmp_path).profile == "minimal"
    assert 'profile "minimal": no other built-in profile names a heading' in comments(write_config(tmp_path))


# A handbook of levels I-IV with bands


def test_band_numbers_make_a_grade_table_of_the_level_words(kestrel):
    levels = {level.name: (level.pattern, level.range) for level in measure(kestrel).levels}
    assert levels == {
        "i": (r"\bI$", (2, 2)),
        "ii": (r"\bII$", (3, 3)),
        "iii": (r"\bIII$", (4, 4)),
        "iv": (r"\bIV$", (5, 5)),
    }


def test_a_word_many_titles_end_with_at_many_grades_is_no_level_word(kestrel):
    assert "engineer" not in {level.name for level in measure(kestrel).levels}


def test_heading_variant_is_an_alias_of_the_section(kestrel):
    measured = measure(kestrel)
    (responsibilities,) = [use for use in measured.sections if use.name == "Responsibilities"]
    assert "Responsibilities" in measured.required and set(responsibilities.headings) == {"Key responsibilities"}


def test_heading_every_family_has_is_a_required_section_of_its_own(kestrel):
    measured = measure(kestrel)
    assert measured.aliases == {"reports to": ["Reports to"]} and "Reports to" in measured.required


def test_a_section_of_its_own_under_each_level_is_a_level_section(kestrel):
    assert measure(kestrel).level_sections == ["Reports to"]


def test_another_profiles_name_for_a_known_section_is_an_alias_not_a_level_section(kestrel):
    page = kestrel / "qa-engineer.md"
    page.write_text(page.read_text().replace("### Requirements", "### What we're looking for"))
    measured = measure(kestrel)
    assert measured.aliases["what we're looking for"] == ["Requirements"]
    assert measured.level_sections == ["Reports to"]


def test_rule_that_fires_on_most_pages_is_left_out_as_the_convention(kestrel):
    # GitLab's "Ability to use GitLab" is no requirement of Kestrel's: every family would get it.
    text = write_config(kestrel)
    assert "JD701" not in tomllib.loads(text)["profile"]["rules"]
    assert "JD701 required-requirement-missing (it fires on 6 job pages" in comments(text)


def test_findings_on_pages_that_are_no_job_description_tell_no_convention(kestrel):
    for number in range(4):  # notes that skip a heading level: JD108 on 4 pages, beside 6 job pages
        (kestrel / f"notes-{number}.md").write_text("# Team notes\n\n### Agenda\n\nThe roadmap.\n")
    assert "heading-skip" not in comments(write_config(kestrel))


def test_rules_of_the_facts_the_handbook_states_are_kept(kestrel):
    rules = tomllib.loads(write_config(kestrel))["profile"]["rules"]
    assert {"JD301", "JD5"} <= set(rules) and not any(rule.startswith("JD4") for rule in rules)


def test_under_init_config_a_clean_handbook_passes(kestrel):
    run("init", str(kestrel))
    assert findings(kestrel) == set()


def test_a_band_out_of_order_is_found_after_init(kestrel):
    run("init", str(kestrel))
    page = kestrel / "qa-engineer.md"
    page.write_text(page.read_text().replace("The QA Engineer III is Band 4.", "The QA Engineer III is Band 2."))
    assert findings(kestrel) == {("qa-engineer.md", 47, "JD303")}


def test_a_defect_on_one_of_two_pages_is_no_convention(tmp_path):
    postings = Path(shutil.copytree(Path(__file__).parent / "fixtures" / "postings", tmp_path / "postings"))
    run("init", str(postings))
    assert ("acme-backend-engineer.md", 22, "JD104") in findings(postings)  # an empty "Nice to have"


# The command


def test_init_writes_a_config_that_check_uses(brightline):
    run("init", str(brightline))
    loaded = config.load([brightline])
    assert loaded.path == brightline / ".jdlint.toml" and loaded.profile.name == "job-posting"


def test_init_does_not_overwrite_a_config(brightline):
    (brightline / ".jdlint.toml").write_text("# mine\n")
    code, _, err = run("init", str(brightline))
    assert code == 2 and "--force" in err
    assert (brightline / ".jdlint.toml").read_text() == "# mine\n"


def test_init_force_overwrites_a_config(brightline):
    (brightline / ".jdlint.toml").write_text("# mine\n")
    code, _, _ = run("init", str(brightline), "--force")
    assert code == 0 and "[profile]" in (brightline / ".jdlint.toml").read_text()


def test_init_of_a_file_is_a_usage_error(brightline):
    code, _, err = run("init", str(brightline / "backend-engineer.md"))
    assert code == 2 and "not a directory" in err


def test_init_stdout_prints_and_writes_nothing(brightline):
    code, out, _ = run("init", str(brightline), "--stdout")
    assert code == 0 and tomllib.loads(out)["profile"]["name"] == "job-posting"
    assert not (brightline / ".jdlint.toml").exists()


def test_profile_show_under_the_written_config_round_trips(kestrel):
    run("init", str(kestrel))
    profile = config.load([kestrel]).profile
    shown = tomllib.loads(profile_toml(profile))["profile"]
    assert load_profile(shown) == profile


def test_readme_shows_what_init_writes(brightline):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ head -26 .jdlint.toml\n", 1)[1].split("$ jdlint check .", 1)[0]
    assert write_config(brightline).startswith(shown)


def test_levels_too_rare_to_measure_keep_the_profiles_grades():
    senior = LevelGrades("senior", r"\bSenior\b", [7.0, 7.0, 8.0])
    measured = Measurement("gitlab", {}, 3, {}, [], [], 3, [senior], graded=3, reporting=0, ladders=0)
    table = {name: (grades["min"], grades["max"], seen) for name, grades, seen in _grade_table(measured)}
    assert table["senior"] == (7, 8, "n=3, seen 7-8")
    assert table["intern"] == (4, 5, "too rare to measure: built in")


def test_grade_range_holds_ninety_percent_of_the_grades():
    assert suggested_range([7.0] * 9 + [9.0]) == (7.0, 7.0)
    assert suggested_range([7.0] * 8 + [8.0, 9.0]) == (7.0, 8.0)


# The GitLab corpora: init reproduces the built-in profile

measured_once = functools.cache(measure)  # a corpus takes seconds to measure; the tests only read it


@pytest.mark.parametrize("name", ["gitlab-handbook", "gitlab-hugo"])
def test_corpus_requires_the_built_in_sections(name, request):
    measured = measured_once(request.getfixturevalue("corpus" if name == "gitlab-handbook" else "hugo_corpus"))
    assert measured.profile == "gitlab"
    assert sorted(measured.required) == sorted(load_profile().required_sections)


@pytest.mark.parametrize("name", ["gitlab-handbook", "gitlab-hugo"])
def test_corpus_grades_lie_within_a_grade_of_the_built_in_table(name, request):
    # The built-in table was measured on both layouts together; one layout alone may be narrower.
    measured = measured_once(request.getfixturevalue("corpus" if name == "gitlab-handbook" else "hugo_corpus"))
    built_in = load_profile().grade_levels
    for level in measured.levels:
        low, high = level.range
        assert built_in[level.name]["min"] - 1 <= low and high <= built_in[level.name]["max"] + 1, level.name


def test_both_corpora_together_give_the_built_in_grade_table(corpus, hugo_corpus):
    built_in = load_profile().grade_levels
    levels = measure(corpus.parent).levels
    assert len(levels) >= len(built_in) - 2
    for level in levels:
        low, high = level.range
        assert abs(low - built_in[level.name]["min"]) <= 1 and abs(high - built_in[level.name]["max"]) <= 1
