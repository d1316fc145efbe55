"""Configuration: where it is found, what each key changes, and how bad config is reported."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdlint import config
from jdlint.cli import app
from jdlint.config import ConfigError, from_mapping

# Flags JD101 (no sections at all) at line 3 and JD202 (TBD) at line 5, nothing else.
PAGE = "---\nlayout: job_family_page\ntitle: Technical Writer\n---\nTBD\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def check(*args: str, cwd: Path):
    """Run `jdlint check --output-format json ARGS` in `cwd`; (exit code, diagnostics, stderr)."""
    import os

    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["check", "--output-format", "json", *args])
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    diagnostics = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, diagnostics, result.stderr


def codes(diagnostics) -> set[str]:
    return {d["code"] for d in diagnostics}


@pytest.fixture
def handbook(tmp_path) -> Path:
    """A handbook root with one page two folders down."""
    write(tmp_path / "job-families" / "writing" / "page.md", PAGE)
    return tmp_path


# Finding the config


def test_pyproject_tool_jdlint_is_found_above_the_linted_file(handbook):
    write(handbook / "pyproject.toml", '[tool.jdlint]\nselect = ["JD202"]\n')
    _, diagnostics, _ = check(str(handbook / "job-families/writing/page.md"), cwd=handbook.parent)
    assert codes(diagnostics) == {"JD202"}


def test_dot_jdlint_toml_is_found_above_the_linted_file(handbook):
    write(handbook / ".jdlint.toml", 'select = ["JD202"]\n')
    _, diagnostics, _ = check(str(handbook / "job-families/writing/page.md"), cwd=handbook.parent)
    assert codes(diagnostics) == {"JD202"}


def test_pyproject_without_a_jdlint_table_is_passed_over(handbook):
    write(handbook / ".jdlint.toml", 'select = ["JD202"]\n')
    write(handbook / "job-families" / "pyproject.toml", '[project]\nname = "x"\n')
    assert config.find_config(handbook / "job-families" / "writing") == handbook / ".jdlint.toml"


def test_nearest_config_wins(handbook):
    write(handbook / ".jdlint.toml", 'select = ["JD202"]\n')
    write(handbook / "job-families" / ".jdlint.toml", 'select = ["JD101"]\n')
    _, diagnostics, _ = check("job-families/writing/page.md", cwd=handbook)
    assert codes(diagnostics) == {"JD101"}


def test_dot_jdlint_toml_beats_pyproject_in_the_same_folder(handbook):
    write(handbook / "pyproject.toml", '[tool.jdlint]\nselect = ["JD101"]\n')
    write(handbook / ".jdlint.toml", 'select = ["JD202"]\n')
    assert config.find_config(handbook) == handbook / ".jdlint.toml"


def test_config_folder_is_the_handbook_root(handbook):
    write(handbook / ".jdlint.toml", "")
    loaded = config.load([handbook / "job-families" / "writing" / "page.md"])
    assert (loaded.root, loaded.path) == (handbook.resolve(), handbook / ".jdlint.toml")


def test_explicit_config_option_is_used(handbook):
    write(handbook / "elsewhere" / "lint.toml", 'select = ["JD202"]\n')
    _, diagnostics, _ = check("--config", "elsewhere/lint.toml", "job-families", cwd=handbook)
    assert codes(diagnostics) == {"JD202"}


def test_without_config_every_rule_runs(handbook):
    _, diagnostics, _ = check("job-families", cwd=handbook)
    assert {"JD101", "JD202"} <= codes(diagnostics)


# The profile when no config names one

POSTING = "# Data Analyst\n\n## Requirements\n\n- SQL\n"


def loaded_profile(root: Path, *paths: str) -> tuple[str, str]:
    settings = config.load([root / path for path in paths] or [root], root=root)
    return settings.profile.name, settings.profile_reason


def test_a_handbook_with_a_job_families_folder_gets_the_gitlab_profile(handbook):
    assert loaded_profile(handbook)[0] == "gitlab"


def test_a_hugo_site_with_content_job_families_gets_the_gitlab_profile(tmp_path):
    write(tmp_path / "content" / "job-families" / "sales" / "_index.md", POSTING)
    assert loaded_profile(tmp_path)[0] == "gitlab"


def test_a_named_page_of_gitlabs_layout_gets_the_gitlab_profile(tmp_path):
    write(tmp_path / "writer.md", PAGE)
    assert loaded_profile(tmp_path, "writer.md")[0] == "gitlab"


def test_pages_that_name_gitlab_get_the_gitlab_profile(tmp_path):
    write(tmp_path / "analyst.md", POSTING + "- Ability to use GitLab\n")
    assert loaded_profile(tmp_path) == ("gitlab", "chosen: 1 of 1 job description sampled read as GitLab's")


def test_other_pages_get_the_job_posting_profile_and_say_why(tmp_path):
    write(tmp_path / "analyst.md", POSTING)
    write(tmp_path / "engineer.md", POSTING + "- Experience with GitLab CI\n")
    write(tmp_path / "designer.md", POSTING)
    name, why = loaded_profile(tmp_path)
    assert (name, why) == ("job-posting", "chosen: 1 of 3 job descriptions sampled read as GitLab's")


@pytest.mark.parametrize(
    "page",
    [
        "Head of Mathematics\n===================\n\nKey accountabilities\n--------------------\n\n- Teach\n",
        "# Business Manager\n\n**Reports to:** Headteacher\n\n**Main duties**\n\n- Budgets\n",
        "# Technician\n\nThe Technician reports to the Head of Science.\n",
    ],
    ids=["setext headings", "a reports-to label", "a reports-to sentence"],
)
def test_another_organisations_job_pages_are_known_as_the_model_knows_them(tmp_path, page):
    write(tmp_path / "vacancies" / "role.md", page)
    assert loaded_profile(tmp_path) == ("job-posting", "chosen: 0 of 1 job description sampled read as GitLab's")


def test_gitlabs_section_names_alone_do_not_make_a_page_gitlabs(tmp_path):
    """An insurer's framework may head a Job Grade and Performance Indicators too: GitLab's policy
    ("Ability to use GitLab", a Hiring Process) is not asked of it."""
    page = "# Claims Handler\n\n## Job Grade\n\nThe Claims Handler is a grade C2.\n\n## Performance Indicators\n\n- Cases closed\n\n## Requirements\n\n- Care\n"
    write(tmp_path / "framework" / "claims-handler.md", page)
    assert loaded_profile(tmp_path) == ("job-posting", "chosen: 0 of 1 job description sampled read as GitLab's")


def test_the_sample_is_of_the_pages_named(tmp_path):
    write(tmp_path / "gitlab" / "analyst.md", POSTING + "- Ability to use GitLab\n")
    write(tmp_path / "acme" / "analyst.md", POSTING)
    assert loaded_profile(tmp_path, "gitlab")[0] == "gitlab"
    assert loaded_profile(tmp_path, "acme")[0] == "job-posting"


def test_a_run_naming_no_job_page_gets_the_handbooks_profile(tmp_path):
    """A pre-commit run that names only a README lints it under the profile a whole run chooses."""
    write(tmp_path / "analyst.md", POSTING)
    write(tmp_path / "README.md", "# Careers\n\nOur open roles.\n")
    assert loaded_profile(tmp_path, "README.md") == loaded_profile(tmp_path)
    assert loaded_profile(tmp_path, "README.md")[0] == "job-posting"


def test_the_sample_leaves_out_what_the_run_leaves_out(tmp_path):
    """Pages of dependencies and excluded folders are not the handbook's: they choose nothing."""
    for folder in ("node_modules/gitlab-docs", "archive"):
        for name in ("a", "b"):
            write(tmp_path / folder / f"{name}.md", POSTING + "- Ability to use GitLab\n")
    write(tmp_path / "analyst.md", POSTING)
    write(tmp_path / ".jdlint.toml", 'exclude = ["archive"]\n')
    assert loaded_profile(tmp_path) == ("job-posting", "chosen: 0 of 1 job description sampled read as GitLab's")


def test_another_companys_page_gets_no_gitlab_policy_findings(tmp_path):
    write(tmp_path / "analyst.md", POSTING)
    _, diagnostics, _ = check("analyst.md", cwd=tmp_path)
    assert not codes(diagnostics) & {"JD101", "JD701"}


@pytest.mark.parametrize("setting", ['profile = "gitlab"\n', "[profile]\nname = \"gitlab\"\n"])
def test_a_config_that_names_a_profile_keeps_it(tmp_path, setting):
    write(tmp_path / "analyst.md", POSTING)
    write(tmp_path / ".jdlint.toml", setting)
    assert loaded_profile(tmp_path) == ("gitlab", "")


def test_the_profile_option_overrides_the_choice(tmp_path):
    write(tmp_path / "analyst.md", POSTING)
    settings = config.load([tmp_path], root=tmp_path, profile="gitlab")
    assert (settings.profile.name, settings.profile_reason) == ("gitlab", "")


# What each key does


def test_severity_by_code_changes_the_reported_level(handbook):
    write(handbook / ".jdlint.toml", '[severity]\nJD202 = "error"\n')
    _, diagnostics, _ = check("job-families", cwd=handbook)
    assert {d["severity"] for d in diagnostics if d["code"] == "JD202"} == {"error"}


def test_severity_by_name(handbook):
    write(handbook / ".jdlint.toml", '[severity]\nunfinished-marker = "info"\n')
    _, diagnostics, _ = check("job-families", cwd=handbook)
    assert {d["severity"] for d in diagnostics if d["code"] == "JD202"} == {"info"}


def test_severity_lowered_below_fail_level_gives_exit_0(handbook):
    write(handbook / ".jdlint.toml", 'select = ["JD202"]\n[severity]\nJD202 = "info"\n')
    exit_code, diagnostics, _ = check("job-families", cwd=handbook)
    assert (exit_code, codes(diagnostics)) == (0, {"JD202"})


def test_per_file_ignores_apply_to_matching_files_only(handbook):
    write(handbook / "drafts" / "draft.md", PAGE)
    write(handbook / ".jdlint.toml", '[per-file-ignores]\n"drafts/*" = ["JD202"]\n')
    _, diagnostics, _ = check("drafts", "job-families", cwd=handbook)
    with_tbd = {d["path"] for d in diagnostics if d["code"] == "JD202"}
    assert with_tbd == {"job-families/writing/page.md"}


def test_per_file_ignores_take_prefixes(handbook):
    write(handbook / ".jdlint.toml", '[per-file-ignores]\n"job-families/**" = ["JD1"]\n')
    _, diagnostics, _ = check("job-families", cwd=handbook)
    assert codes(diagnostics) == {"JD202"}


def test_exclude_skips_a_folder(handbook):
    write(handbook / "drafts" / "draft.md", PAGE)
    write(handbook / ".jdlint.toml", 'exclude = ["drafts"]\n')
    _, diagnostics, _ = check(".", cwd=handbook)
    assert {d["path"] for d in diagnostics} == {"job-families/writing/page.md"}


def test_exclude_takes_globs_on_file_names(handbook):
    write(handbook / "job-families" / "writing" / "notes.draft.md", PAGE)
    write(handbook / ".jdlint.toml", 'exclude = ["*.draft.md"]\n')
    _, diagnostics, _ = check(".", cwd=handbook)
    assert {d["path"] for d in diagnostics} == {"job-families/writing/page.md"}


def test_extend_exclude_adds_to_the_configs_exclude(handbook):
    write(handbook / "drafts" / "draft.md", PAGE)
    write(handbook / "job-families" / "writing" / "notes.draft.md", PAGE)
    write(handbook / ".jdlint.toml", 'exclude = ["drafts"]\n')
    _, diagnostics, _ = check(".", "--extend-exclude", "*.draft.md", cwd=handbook)
    assert {d["path"] for d in diagnostics} == {"job-families/writing/page.md"}


def test_extend_exclude_in_config(handbook):
    write(handbook / "drafts" / "draft.md", PAGE)
    write(handbook / "job-families" / "writing" / "notes.draft.md", PAGE)
    write(handbook / ".jdlint.toml", 'exclude = ["drafts"]\nextend-exclude = ["*.draft.md"]\n')
    _, diagnostics, _ = check(".", cwd=handbook)
    assert {d["path"] for d in diagnostics} == {"job-families/writing/page.md"}


def test_fail_on_error_in_config(handbook):
    write(handbook / ".jdlint.toml", 'fail-on = "error"\n')
    exit_code, diagnostics, _ = check("job-families", cwd=handbook)
    assert diagnostics and exit_code == 0


def test_command_line_fail_on_overrides_config(handbook):
    write(handbook / ".jdlint.toml", 'fail-on = "error"\n')
    exit_code, _, _ = check("--fail-on", "warning", "job-families", cwd=handbook)
    assert exit_code == 1


@pytest.mark.parametrize(
    ("file", "option", "expected"),
    [
        ('select = ["JD202"]', "--select=JD101", {"JD101"}),  # replaces the config's selection
        ('select = ["JD202"]', "--extend-select=JD101", {"JD101", "JD202"}),  # adds to it
        ('ignore = ["JD2"]', "--select=JD2", {"JD202"}),  # beats the config's ignore
    ],
)
def test_command_line_selection_is_laid_over_the_config(handbook, file, option, expected):
    write(handbook / ".jdlint.toml", file + "\n")
    _, diagnostics, _ = check(option, "job-families", cwd=handbook)
    assert codes(diagnostics) == expected


def test_profile_required_sections_override_changes_findings(handbook):
    write(handbook / ".jdlint.toml", '[profile]\nrequired-sections = ["Responsibilities"]\n')
    _, diagnostics, _ = check("--select", "JD101", "job-families", cwd=handbook)
    assert [d["message"] for d in diagnostics] == ['job family "Technical Writer" has no "Responsibilities" section']


def test_profile_in_pyproject_table(handbook):
    write(handbook / "pyproject.toml", '[tool.jdlint.profile]\nrequired-sections = ["Hiring Process"]\n')
    _, diagnostics, _ = check("--select", "JD101", "job-families", cwd=handbook)
    assert ["Hiring Process" in d["message"] for d in diagnostics] == [True]


def test_profile_placeholder_patterns_are_replaceable(handbook):
    write(handbook / "job-families" / "writing" / "page.md", PAGE + "Reports to {{manager}}.\n")
    write(handbook / ".jdlint.toml", "[profile.placeholders]\nmustache = '\\{\\{[^}]*\\}\\}'\n")
    _, diagnostics, _ = check("--select", "JD201", "job-families", cwd=handbook)
    assert [(d["line"], d["column"]) for d in diagnostics] == [(6, 12)]


def test_most_specific_selector_wins_select_code_over_ignored_prefix(handbook):
    write(handbook / ".jdlint.toml", 'select = ["JD201", "JD202"]\nignore = ["JD2"]\n')
    _, diagnostics, _ = check("job-families", cwd=handbook)
    assert codes(diagnostics) == {"JD202"}


def test_most_specific_selector_wins_ignored_code_over_selected_prefix(handbook):
    write(handbook / ".jdlint.toml", 'select = ["JD2", "JD1"]\nignore = ["JD202"]\n')
    _, diagnostics, _ = check("job-families", cwd=handbook)
    assert codes(diagnostics) == {"JD101"}


def test_selected_code_beats_ignored_prefix_in_rule_set():
    loaded = from_mapping({"select": ["JD201"], "ignore": ["JD2"]}, Path("."))
    assert [rule.code for rule in loaded.enabled_rules()] == ["JD201"]


def test_rule_names_work_as_selectors():
    loaded = from_mapping({"select": ["placeholder-text"]}, Path("."))
    assert [rule.code for rule in loaded.enabled_rules()] == ["JD201"]


# Bad config: exit 2 with the file and the key named


def test_unknown_key_names_the_key():
    with pytest.raises(ConfigError, match="'colour'"):
        from_mapping({"colour": True}, Path("."), Path("jd.toml"))


def test_unknown_profile_key_names_the_key(handbook):
    write(handbook / ".jdlint.toml", "[profile]\nrequired-section = []\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2
    assert "required-section" in stderr and ".jdlint.toml" in stderr


def test_unknown_selector_in_config_names_it(handbook):
    write(handbook / ".jdlint.toml", 'ignore = ["JD9"]\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "JD9" in stderr


def test_unknown_severity_level_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", '[severity]\nJD202 = "loud"\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "loud" in stderr


def test_select_that_is_not_a_list_of_strings_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", "select = [1]\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "select" in stderr


def test_invalid_toml_names_the_file(handbook):
    write(handbook / ".jdlint.toml", "select = [\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and ".jdlint.toml" in stderr and "TOML" in stderr


def test_invalid_pyproject_is_reported_not_skipped(handbook):
    write(handbook / "pyproject.toml", '[tool.jdlint]\nselect = ["JD202"\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "pyproject.toml" in stderr


def test_severity_that_is_not_a_table_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", 'severity = "error"\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "severity" in stderr


def test_severity_level_that_is_a_number_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", "[severity]\nJD202 = 3\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "JD202" in stderr


def test_fail_on_that_is_a_number_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", "fail-on = 3\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "fail-on" in stderr


def test_per_file_ignores_that_is_not_a_table_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", 'per-file-ignores = "JD202"\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "per-file-ignores" in stderr


def test_unknown_code_in_per_file_ignores_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", '[per-file-ignores]\n"drafts/*" = ["JD999"]\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "JD999" in stderr


def test_profile_list_given_as_a_string_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", '[profile]\nrequired-sections = "Responsibilities"\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "required-sections" in stderr


def test_invalid_placeholder_regex_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", "[profile.placeholders]\nbroken = '('\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "broken" in stderr


@pytest.mark.parametrize("name", ["gitlab", "job-posting", "minimal"])
def test_the_built_in_profiles_pass_the_checks_a_config_profile_gets(name):
    from jdlint.profile import check_patterns, load_profile

    check_patterns(load_profile(name=name))  # raises ValueError naming the bad key


def test_profile_given_as_a_number_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", "profile = 3\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "'profile' must be a profile's name or a table" in stderr


def test_extend_list_given_as_a_string_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", '[profile]\nextend-required-sections = "Salary"\n')
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "'extend-required-sections' must be a list" in stderr


def test_invalid_regex_in_an_extended_table_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", "[profile.extend-placeholders]\nbroken = '('\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "broken" in stderr


def test_unknown_key_after_extend_is_a_config_error(handbook):
    write(handbook / ".jdlint.toml", "[profile]\nextend-required-section = []\n")
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "unknown profile key 'extend-required-section'" in stderr


def test_the_selection_defaults_to_the_profiles_rules():
    codes = {rule.code for rule in from_mapping({"profile": "minimal"}, Path(".")).enabled_rules()}
    assert "JD202" in codes and not codes & {"JD301", "JD502", "JD701"}


def test_regexes_searched_as_one_may_not_share_a_group_name(handbook):
    phrases = "vacancy-phrases = ['(?P<who>we are) hiring', '(?P<who>join) us']\n"
    write(handbook / ".jdlint.toml", "[profile]\n" + phrases)
    exit_code, _, stderr = check("job-families", cwd=handbook)
    assert exit_code == 2 and "vacancy-phrases" in stderr and "searched as one" in stderr


# Rule selection, exactly as ruff resolves it: the config file's selection first, the command
# line's over it; `select` replaces the set, `extend-select` and `ignore` change it; within one
# source the most specific selector wins for each rule, and `ignore` wins a tie.

SELECTION_CASES = [
    # (config file, command line, some rules enabled, some disabled)
    ({}, {"ignore": ("ALL",)}, set(), {"JD101", "JD201", "JD701"}),
    ({"ignore": ["ALL"], "extend-select": ["JD201"]}, {}, {"JD201"}, {"JD101", "JD202", "JD701"}),
    ({"ignore": ["JD7"]}, {"select": ("JD7",)}, {"JD701", "JD702"}, {"JD101", "JD201"}),
    ({"ignore": ["JD7"]}, {}, {"JD101", "JD201"}, {"JD701", "JD702"}),
    ({"select": ["JD2"]}, {"extend_select": ("JD701",)}, {"JD201", "JD202", "JD701"}, {"JD101", "JD702"}),
    ({"select": ["JD2"]}, {"ignore": ("JD201",)}, {"JD202"}, {"JD201", "JD101"}),
    ({"ignore": ["JD201"]}, {"extend_select": ("JD2",)}, {"JD201", "JD202"}, set()),
    ({}, {"select": ("ALL",), "ignore": ("JD2",)}, {"JD101", "JD302", "JD701"}, {"JD201", "JD202"}),
    ({}, {"ignore": ("ALL",), "select": ("JD201",)}, {"JD201"}, {"JD202", "JD101"}),
    ({}, {"select": ("JD2",), "ignore": ("JD2",)}, set(), {"JD201", "JD202"}),
    ({}, {"select": ("JD201",), "ignore": ("JD2",)}, {"JD201"}, {"JD202"}),
    ({}, {"select": ("JD2",), "ignore": ("placeholder-text",)}, {"JD202"}, {"JD201"}),
    ({}, {"extend_select": ("JD302",)}, {"JD302", "JD101"}, set()),
    ({"select": [], "ignore": ["JD2"]}, {"extend_select": ("JD2", "JD1")}, {"JD101"}, {"JD201", "JD701"}),
    ({"select": ["JD1"]}, {"select": ("JD2",)}, {"JD201"}, {"JD101"}),
]


@pytest.mark.parametrize(("file", "command_line", "on", "off"), SELECTION_CASES)
def test_rule_selection_follows_ruff(file, command_line, on, off):
    loaded = config.with_options(from_mapping(file, Path(".")), **command_line)
    enabled = {rule.code for rule in loaded.enabled_rules()}
    assert (on - enabled, off & enabled) == (set(), set())


def test_ignore_all_on_the_command_line_runs_nothing(handbook):
    exit_code, diagnostics, _ = check("--ignore", "ALL", "job-families", cwd=handbook)
    assert (exit_code, diagnostics) == (0, [])


def test_per_file_ignores_remove_rules_whatever_the_selection(handbook):
    write(handbook / ".jdlint.toml", 'select = ["JD202"]\nper-file-ignores = { "job-families/*" = ["JD2"] }\n')
    _, diagnostics, _ = check("job-families", cwd=handbook)
    assert diagnostics == []


# Which documents are job pages


def test_job_pages_default_to_the_job_families_folder(tmp_path):
    (tmp_path / "content" / "job-families").mkdir(parents=True)
    loaded = from_mapping({}, tmp_path)
    assert [loaded.is_job_page(p) for p in ("content/job-families/a.md", "README.md", "content/about.md")] == [
        True,
        False,
        False,
    ]


def test_a_page_of_a_job_family_layout_is_a_job_page_outside_the_folder(tmp_path):
    (tmp_path / "job-families").mkdir()
    loaded = from_mapping({}, tmp_path)
    assert [loaded.is_job_page("team/lead.md", layout) for layout in ("job_family_page", "markdown_page")] == [
        True,
        False,
    ]


def test_every_page_is_a_job_page_in_a_handbook_without_a_job_families_folder(tmp_path):
    assert from_mapping({}, tmp_path).is_job_page("README.md")


def test_include_says_which_pages_are_job_pages(tmp_path):
    (tmp_path / "job-families").mkdir()
    loaded = from_mapping({"include": ["roles/**"]}, tmp_path)
    assert [loaded.is_job_page(p) for p in ("roles/a.md", "job-families/b.md")] == [True, False]


def test_force_exclude_must_be_true_or_false():
    with pytest.raises(ConfigError, match="'force-exclude' must be true or false"):
        from_mapping({"force-exclude": "yes"}, Path("."))
