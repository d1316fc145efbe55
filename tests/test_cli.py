"""The `jdlint` command end to end: exit codes, JSON contract, options, messages."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import jdlint
from jdlint.cli import app

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix"}
ADDED_JSON_KEYS = {"help", "url"}  # after design.md's contract: added, nothing renamed or dropped
SEED_002 = "seeds/002_849c93c08d13e1de.md"
SEED_001 = "seeds/001_5f295f1efa1b999a.md"

ONLY_A_WARNING = """\
---
layout: job_family_page
title: Technical Writer
---
The Technical Writer writes documentation.
"""


def run(*args, env=None):
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, not an exit: show it
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def in_seeds_copy(tmp_path, seeds, monkeypatch):
    """A copy of the seeds in a folder of their own, as the working directory."""
    shutil.copytree(seeds, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def seed_json(in_seeds_copy):
    result = run("check", "--output-format", "json", "seeds")
    assert result.exit_code == 1
    return json.loads(result.stdout)


@pytest.fixture
def warning_only_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(ONLY_A_WARNING)
    return "page.md"


def codes_of(result):
    return {d["code"] for d in json.loads(result.stdout)}


# Exit codes


def test_seeds_exit_1(in_seeds_copy):
    assert run("check", "seeds").exit_code == 1


def test_clean_page_exits_0(clean_page):
    result = run("check", str(clean_page))
    assert result.exit_code == 0, result.output


def test_clean_page_has_no_findings_in_json(clean_page):
    assert json.loads(run("check", "--output-format", "json", str(clean_page)).stdout) == []


def test_missing_path_is_a_finding_and_the_other_paths_are_linted(clean_page):
    missing = clean_page.parent / "no-such-page.md"
    result = run("check", "--output-format", "json", str(missing), str(clean_page))
    diagnostics = json.loads(result.stdout)
    assert [(d["path"], d["code"], d["message"]) for d in diagnostics] == [
        (str(missing), "JD005", "no such file or directory")
    ]
    assert result.exit_code == 1


def test_missing_path_alone_is_reported_in_the_default_format(tmp_path):
    missing = tmp_path / "no-such-page.md"
    result = run("check", str(missing))
    assert f"{missing}:1:1: JD005 no such file or directory" in result.stdout
    assert result.exit_code == 1


def test_a_run_that_lints_nothing_warns_on_stderr_and_exits_0(tmp_path):
    (tmp_path / "notes.txt").write_text("not a page")
    result = run("check", str(tmp_path))
    assert "no job pages found under the given paths" in result.stderr
    assert result.exit_code == 0


def test_stdin_filename_alone_reads_standard_input(clean_page, monkeypatch):
    monkeypatch.chdir(clean_page.parent)
    (clean_page.parent / "other.md").write_text(ONLY_A_WARNING)
    result = CliRunner().invoke(
        app, ["check", "--output-format", "json", "--stdin-filename", "typed.md"], input=ONLY_A_WARNING + "TBD\n"
    )
    diagnostics = json.loads(result.stdout)
    assert {d["path"] for d in diagnostics} == {"typed.md"}
    assert "JD202" in {d["code"] for d in diagnostics}


def test_model_accepts_a_config_with_selection_and_severity(tmp_path, seed_file):
    (tmp_path / ".jdlint.toml").write_text('select = ["JD7"]\nignore = ["JD701"]\nseverity = { JD702 = "info" }\n')
    page = tmp_path / "page.md"
    page.write_bytes(seed_file("001").read_bytes())
    completed = subprocess.run(
        [sys.executable, "-m", "jdlint", "model", "page.md"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    assert "Self-Service Growth" in completed.stdout


def test_broken_config_exits_2_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".jdlint.toml").write_text("select = [\n")
    (tmp_path / "page.md").write_text(ONLY_A_WARNING)
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert ".jdlint.toml" in result.stderr


def test_unknown_config_key_exits_2_naming_the_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.jdlint]\nfrobnicate = true\n")
    (tmp_path / "page.md").write_text(ONLY_A_WARNING)
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert "frobnicate" in result.stderr and "pyproject.toml" in result.stderr


def test_explicit_config_that_does_not_exist_exits_2(warning_only_page):
    result = run("check", "--config", "nope.toml", warning_only_page)
    assert result.exit_code == 2
    assert "nope.toml" in result.stderr


def test_unknown_rule_selector_exits_2(warning_only_page):
    result = run("check", "--select", "JD999", warning_only_page)
    assert result.exit_code == 2
    assert "JD999" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["ladder", "does-not-exist.md"],
        ["check", "--config", "broken.toml", "page.md"],
        ["explain", "JD999"],
    ],
)
def test_errors_never_print_a_traceback_from_the_real_command(tmp_path, args):
    (tmp_path / "page.md").write_text(ONLY_A_WARNING)
    (tmp_path / "broken.toml").write_text("select = [")
    process = subprocess.run(
        [sys.executable, "-m", "jdlint", *args], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stderr + process.stdout
    assert process.stderr.startswith("jdlint: error:")


def test_exit_zero_with_findings(in_seeds_copy):
    result = run("check", "--exit-zero", "seeds")
    assert result.exit_code == 0
    assert "JD201" in result.stdout


def test_warning_fails_by_default(warning_only_page):
    assert run("check", warning_only_page).exit_code == 1


def test_fail_on_error_ignores_warnings(warning_only_page):
    result = run("check", "--fail-on", "error", warning_only_page)
    assert result.exit_code == 0
    assert "JD101" in result.stdout


def test_fail_on_error_still_fails_on_errors(in_seeds_copy):
    assert run("check", "--fail-on", "error", "seeds").exit_code == 1


# JSON output (design.md section 4)


def test_json_is_an_array_of_objects_with_the_contract_keys_and_the_added_ones(seed_json):
    assert seed_json
    assert all(set(diagnostic) == JSON_KEYS | ADDED_JSON_KEYS for diagnostic in seed_json)


def test_json_is_sorted_by_path_line_column_code(seed_json):
    keys = [(d["path"], d["line"], d["column"], d["code"]) for d in seed_json]
    assert keys == sorted(keys)


def test_json_lines_and_columns_are_one_based_and_in_the_file(seed_json, in_seeds_copy):
    for d in seed_json:
        length = len((in_seeds_copy / d["path"]).read_text().splitlines())
        assert 1 <= d["line"] <= d["end_line"] <= length
        assert d["column"] >= 1 and d["end_column"] >= 1


def test_json_paths_are_as_typed(seed_json):
    assert {d["path"] for d in seed_json} >= {SEED_001, SEED_002}


def test_json_severity_is_a_level_name(seed_json):
    assert {d["severity"] for d in seed_json} <= {"error", "warning", "info"}


def test_json_has_director_title_placeholder_in_seed_002(seed_json):
    (finding,) = [d for d in seed_json if (d["path"], d["line"], d["code"]) == (SEED_002, 15, "JD201")]
    assert "Director, Title" in finding["message"]
    assert finding["name"] == "placeholder-text"
    assert finding["severity"] == "error"
    line = Path(SEED_002).read_text(encoding="utf-8").splitlines()[14]
    assert line[finding["column"] - 1 : finding["end_column"] - 1] == "Director, Title"


def test_json_has_missing_career_ladder_in_seed_001(seed_json):
    assert any(d["path"] == SEED_001 and d["code"] == "JD101" and "Career Ladder" in d["message"] for d in seed_json)


def test_json_has_inheritance_in_wrong_section_in_seed_001(seed_json):
    assert any((d["path"], d["line"], d["code"]) == (SEED_001, 133, "JD102") for d in seed_json)


def test_json_fix_is_null_or_has_the_contract_shape(seed_json):
    for d in seed_json:
        fix = d["fix"]
        if fix is not None:
            assert set(fix) == {"applicability", "message", "edits"}
            assert fix["applicability"] in ("safe", "unsafe")
            assert all(set(e) == {"line", "column", "end_line", "end_column", "content"} for e in fix["edits"])


# Rule selection


def test_select_prefix_keeps_only_that_family(in_seeds_copy):
    codes = codes_of(run("check", "--output-format", "json", "--select", "JD2", "seeds"))
    assert "JD201" in codes and all(code.startswith("JD2") for code in codes)


def test_ignore_a_code(in_seeds_copy):
    codes = codes_of(run("check", "--output-format", "json", "--ignore", "JD101", "seeds"))
    assert "JD101" not in codes and "JD201" in codes


def test_select_by_rule_name(in_seeds_copy):
    assert codes_of(run("check", "--output-format", "json", "--select", "placeholder-text", "seeds")) == {"JD201"}


def test_select_takes_comma_separated_codes(in_seeds_copy):
    codes = codes_of(run("check", "--output-format", "json", "--select", "JD201,JD102", "seeds"))
    assert codes == {"JD201", "JD102"}


def test_command_line_select_specific_code_beats_ignored_prefix(in_seeds_copy):
    codes = codes_of(run("check", "--output-format", "json", "--select", "JD201", "--ignore", "JD2", "seeds"))
    assert codes == {"JD201"}


# Other outputs


def test_full_output_shows_location_code_and_caret(in_seeds_copy):
    out = run("check", "--select", "JD201", "seeds").stdout
    assert f"{SEED_002}:15:" in out and "JD201" in out
    assert "^^^^^^^^^^^^^^^" in out  # under "Director, Title"


def test_full_output_ends_with_a_summary(in_seeds_copy):
    *_, found, fixable = run("check", "seeds").stdout.strip().splitlines()
    assert found.startswith("Found ") and fixable.startswith("[*] ")


def test_quiet_prints_findings_without_summary(in_seeds_copy):
    out = run("check", "--quiet", "seeds").stdout
    assert "JD201" in out
    assert "Found" not in out


def test_clean_run_summary_says_all_passed(clean_page):
    assert "All checks passed" in run("check", str(clean_page)).stdout


def test_statistics_counts_findings_per_rule(in_seeds_copy):
    out = run("check", "--statistics", "--select", "JD201,JD102", "seeds").stdout
    rows = [line.split() for line in out.strip().splitlines()]
    assert ["2", "JD102", "inheritance-wrong-section"] in rows
    assert ["1", "JD201", "placeholder-text"] in rows
    assert SEED_002 not in out


def test_statistics_marks_the_rules_whose_findings_fix(in_seeds_copy):
    out = run("check", "--statistics", "--select", "JD106,JD201,JD601", "seeds").stdout
    assert out.splitlines() == [
        "     4  JD106  [-] lost-bullet",  # one of the four is an unsafe fix
        "     1  JD201  [ ] placeholder-text",
        "     1  JD601  [*] mojibake",
    ]


def test_statistics_in_json(in_seeds_copy):
    out = run("check", "--statistics", "--output-format", "json", "--select", "JD106,JD201", "seeds").stdout
    stats = json.loads(out)
    assert stats == [
        {"code": "JD106", "name": "lost-bullet", "count": 4, "fixable": 3},
        {"code": "JD201", "name": "placeholder-text", "count": 1, "fixable": 0},
    ]


def test_statistics_without_findings_says_so(clean_page):
    assert run("check", "--statistics", str(clean_page)).stdout.startswith("All checks passed!")


def test_statistics_keeps_the_exit_code(in_seeds_copy):
    assert run("check", "--statistics", "seeds").exit_code == 1


def test_rules_lists_every_code_with_its_name():
    out = run("rules").stdout
    assert any(line.split()[:2] == ["JD201", "placeholder-text"] for line in out.splitlines())
    assert any(line.split()[:2] == ["JD101", "missing-section"] for line in out.splitlines())


def test_explain_by_code():
    result = run("explain", "JD201")
    assert result.exit_code == 0
    assert "placeholder-text (JD201)" in result.stdout
    assert "What it does" in result.stdout


def test_explain_by_name_is_the_same_page():
    assert run("explain", "placeholder-text").stdout == run("explain", "JD201").stdout


def test_explain_unknown_rule_exits_2():
    result = run("explain", "JD999")
    assert result.exit_code == 2
    assert "JD999" in result.stderr


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version(option):
    result = run(option)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"jdlint {jdlint.__version__}"


def test_output_file_gets_the_findings_and_stdout_nothing(in_seeds_copy):
    result = run("check", "--output-format", "json", "--output-file", "findings.json", "seeds")
    findings = json.loads(Path("findings.json").read_text(encoding="utf-8"))
    assert result.exit_code == 1 and result.stdout == "" and {f["code"] for f in findings} >= {"JD201"}


def test_output_file_that_cannot_be_written_is_a_usage_error(in_seeds_copy):
    result = run("check", "--output-file", "no/such/folder/out.txt", "seeds")
    assert result.exit_code == 2 and "cannot write" in result.stderr


# Colour


def test_colour_when_forced(in_seeds_copy):
    assert "\x1b[" in run("check", "seeds", env={"FORCE_COLOR": "1", "NO_COLOR": None}).stdout


def test_no_colour_when_output_is_not_a_terminal(in_seeds_copy):
    assert "\x1b[" not in run("check", "seeds", env={"FORCE_COLOR": None, "NO_COLOR": None}).stdout


def test_no_colour_with_no_color_even_when_forced(in_seeds_copy):
    assert "\x1b[" not in run("check", "seeds", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_json_never_has_colour(in_seeds_copy):
    out = run("check", "--output-format", "json", "seeds", env={"FORCE_COLOR": "1", "NO_COLOR": None}).stdout
    assert "\x1b[" not in out


def test_console_script_runs(tmp_path):
    jdlint_command = shutil.which("jdlint")
    if jdlint_command is None:
        pytest.skip("console script not on PATH")
    process = subprocess.run([jdlint_command, "--version"], capture_output=True, text=True, timeout=60)
    assert process.returncode == 0 and process.stdout.startswith("jdlint ")


def test_the_command_builds_only_the_subcommand_its_arguments_name():
    from jdlint.cli import _for_subcommand

    assert [c.callback.__name__ for c in _for_subcommand("check").registered_commands] == ["check"]
    assert [c.callback.__name__ for c in _for_subcommand("rules").registered_commands] == ["list_rules"]
    profile = _for_subcommand("profile")
    assert (profile.registered_commands, [g.name for g in profile.registered_groups]) == ([], ["profile"])


@pytest.mark.parametrize("first", ["--help", "-V", "chek", ""])
def test_the_command_builds_every_subcommand_when_its_arguments_name_none(first):
    from jdlint.cli import _for_subcommand

    assert _for_subcommand(first) is app


def test_the_real_command_writes_all_its_output_and_exits_with_its_code(in_seeds_copy):
    for extra, code in (([], 1), (["--exit-zero"], 0)):
        process = subprocess.run(
            [sys.executable, "-m", "jdlint", "check", "--output-format", "json", *extra, "seeds"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert process.returncode == code
        assert {d["code"] for d in json.loads(process.stdout)} >= {"JD201"}


def test_a_json_run_answered_from_the_cache_imports_no_metadata_reader_rich_or_hashlib(tmp_path):
    (tmp_path / ".jdlint.toml").write_text("")
    page = tmp_path / "page.md"
    page.write_text(ONLY_A_WARNING)
    old = page.stat().st_mtime - 60  # not modified just before the run: the cache may vouch for it
    os.utime(page, (old, old))
    script = (
        "import sys; from jdlint.cli import app\n"
        "sys.argv = ['jdlint', 'check', '--output-format', 'json', 'page.md']\n"
        "try: app()\nexcept SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('importlib.metadata', 'rich', 'hashlib', 'jdlint.rules.'))))"
    )
    for _ in range(2):  # the first run fills the cache
        found = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert found.stdout.splitlines()[-1] == "[]"


# Bad input (design.md section 7)


def test_unreadable_file_exits_2_naming_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    result = run("check", "dangling.md")
    assert result.exit_code == 2
    assert "dangling.md" in result.stderr


def test_binary_file_is_skipped_with_a_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    result = run("check", "image.md")
    assert result.exit_code == 0
    assert "image.md" in result.stderr and "skipped" in result.stderr


def test_invalid_yaml_is_reported_at_its_line_and_the_body_still_linted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("---\nlayout: job_family_page\ntitle: a: b\n---\nTBD\n")
    found = {(d["code"], d["line"]) for d in json.loads(run("check", "--output-format", "json", "page.md").stdout)}
    assert {("JD002", 3), ("JD202", 5)} <= found


def test_undecodable_bytes_are_reported_with_the_byte_offset_and_the_rest_linted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_bytes(b"Zo\xeb writes.\n\nTBD\n")
    diagnostics = json.loads(run("check", "--output-format", "json", "--select", "JD0,JD2", "page.md").stdout)
    (undecodable,) = [d for d in diagnostics if d["code"] == "JD001"]
    assert (undecodable["line"], undecodable["column"]) == (1, 3)
    assert "byte offset 2" in undecodable["message"]
    assert ("JD202", 3) in {(d["code"], d["line"]) for d in diagnostics}


def test_checking_never_changes_the_linted_files(in_seeds_copy):
    before = {path: path.read_bytes() for path in (in_seeds_copy / "seeds").iterdir()}
    run("check", "seeds")
    assert {path: path.read_bytes() for path in (in_seeds_copy / "seeds").iterdir()} == before


def test_model_of_a_missing_file_exits_2(tmp_path):
    result = run("model", str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert "nope.md" in result.stderr


def test_model_of_a_level_page_shows_its_family_split_over_files_with_the_file_of_each_fact():
    folder = Path(__file__).resolve().parent / "fixtures" / "hugo" / "content" / "job-families" / "sales"
    result = run("model", str(folder / "web-store" / "manager.md"))
    lines = result.output.splitlines()
    assert lines[0].startswith("family: 'Web Store' (") and lines[0].endswith("split over 5 files")
    assert [line for line in lines if line.endswith("/manager.md")] and "reports to MALFORMED @21" in result.output


# Adopting it in a repository: which files, which settings


README_WITH_REQUIREMENTS = """\
# Handbook

The source of the company handbook.

## Requirements

- Hugo 0.120 or newer
- Node 20

## Editing

Open a merge request; the job pages are checked by jdlint.
"""


@pytest.fixture
def repository(clean_page, monkeypatch):
    """A handbook root with a job page (and its manager) under job-families/, a README and a draft."""
    tmp_path = clean_page.parent
    (tmp_path / "job-families").mkdir()
    for page in (clean_page, tmp_path / "manager-technical-writing.md"):
        page.rename(tmp_path / "job-families" / page.name)
    (tmp_path / "README.md").write_text(README_WITH_REQUIREMENTS)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "offer.md").write_text(ONLY_A_WARNING + "TBD\n")
    (tmp_path / ".jdlint.toml").write_text('exclude = ["drafts/**"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_readme_beside_the_job_pages_is_not_linted(repository):
    result = run("check", "--output-format", "json", ".")
    assert {d["path"] for d in json.loads(result.stdout)} == {"job-families/manager-technical-writing.md"}


def test_force_exclude_skips_named_files_that_are_excluded_or_no_job_pages(repository):
    result = run("check", "--output-format", "json", "--force-exclude", "README.md", "drafts/offer.md")
    assert (json.loads(result.stdout), result.exit_code) == ([], 0)


def test_named_files_are_linted_without_force_exclude(repository):
    result = run("check", "--output-format", "json", "drafts/offer.md")
    assert "JD202" in {d["code"] for d in json.loads(result.stdout)}


def test_force_exclude_from_the_config(repository):
    (repository / ".jdlint.toml").write_text('exclude = ["drafts/**"]\nforce-exclude = true\n')
    assert json.loads(run("check", "--output-format", "json", "drafts/offer.md").stdout) == []
    assert json.loads(run("check", "--output-format", "json", "--no-force-exclude", "drafts/offer.md").stdout)


def test_titles_of_pages_that_are_no_job_pages_are_not_titles_of_the_handbook(repository):
    (repository / "job-families" / "manager-technical-writing.md").rename(repository / "team.md")
    result = run("check", "--output-format", "json", "--select", "JD502", ".")
    (finding,) = json.loads(result.stdout)
    assert finding["message"].startswith('manager "Manager, Technical Writing" is not a title in the handbook')


def test_show_files_lists_the_job_pages_to_lint(repository):
    result = run("check", "--show-files")
    assert result.stdout.splitlines() == [
        "job-families/manager-technical-writing.md",
        "job-families/technical-writer.md",
    ]


def test_show_settings_says_where_the_root_is_and_why(repository):
    (repository / "pyproject.toml").write_text("[tool.jdlint]\n")
    result = run("check", "--show-settings")
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        f"root: {repository.resolve()}",
        f"  because: the directory of the config file {repository.resolve() / '.jdlint.toml'}",
        f"config file used: {repository.resolve() / '.jdlint.toml'}",
        f"config file found, not used: {repository.resolve() / 'pyproject.toml'}",
    ]
    assert "profile: gitlab" in lines
    assert "job pages: those under job-families/, and those of layout job_family_page" in lines
    assert "exclude: ['drafts/**']" in lines and "files to lint: 2" in lines
    assert any(line.startswith("rules enabled: JD000 JD001") for line in lines)


def test_both_config_files_in_one_folder_warn_which_wins(repository):
    (repository / "pyproject.toml").write_text('[tool.jdlint]\nselect = ["JD1"]\n')
    result = run("check", "--output-format", "json", ".")
    assert ".jdlint.toml wins and pyproject.toml is ignored" in result.stderr


def test_a_page_of_the_job_family_layout_outside_the_folder_is_linted_and_indexed(repository):
    manager = repository / "job-families" / "manager-technical-writing.md"
    manager.rename(repository / "team.md")
    (repository / "team.md").write_text(MANAGER_PAGE_WITH_LAYOUT)
    result = run("check", "--output-format", "json", "--select", "JD502,JD101", ".")
    assert {(d["path"], d["code"]) for d in json.loads(result.stdout)} == {("team.md", "JD101")}


MANAGER_PAGE_WITH_LAYOUT = """\
---
title: Manager, Technical Writing
layout: job_family_page
---

The Manager, Technical Writing is a grade 8.
"""
