"""Built-in profiles chosen by name, overridden and extended key by key, and shown as TOML."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jdlint import config, profile_rules
from jdlint.cli import app
from jdlint.parse import parse
from jdlint.profile import BUILT_IN, load_profile, quick_search
from jdlint.source import decode

POSTINGS = Path(__file__).parent / "fixtures" / "postings"

# The real defects of the Acme posting, the only findings it may get under job-posting.
ACME_DEFECTS = {
    ("acme-backend-engineer.md", 14, "JD201"),  # {insert team}
    ("acme-backend-engineer.md", 22, "JD104"),  # an empty "Nice to have"
    ("acme-backend-engineer.md", 26, "JD601"),  # mojibake
    ("acme-backend-engineer.md", 28, "JD202"),  # TBD
}
# What the language rules of job-posting find in both postings: "passionate" asked of the candidate
# (JD711); its pay range needs no period (€80,000 can only be a year's pay); page length (JD713) is
# not judged unless selected.
POSTING_WORDING = {
    ("acme-backend-engineer.md", 20, "JD711"),
}


def run(*args: str, cwd: Path):
    """Run `jdlint ARGS` in `cwd`; (exit code, stdout, stderr)."""
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def findings(folder: Path, *options: str) -> set[tuple[str, int, str]]:
    """(file name, line, code) of every finding of `jdlint check` on `folder` as its own root."""
    _, out, _ = run("check", ".", "--no-cache", "--output-format", "json", *options, cwd=folder)
    return {(Path(d["path"]).name, d["line"], d["code"]) for d in json.loads(out or "[]")}


@pytest.fixture
def postings(tmp_path) -> Path:
    """Two companies' postings (Acme: "What you'll do / What we're looking for / Nice to have /
    Compensation"; Globex: "About the role / Responsibilities / Qualifications / Benefits / How to
    apply") and a README beside them."""
    return Path(shutil.copytree(POSTINGS, tmp_path / "postings"))


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


# Choosing a profile


def test_gitlab_is_the_default_profile_and_runs_every_rule_but_the_grade_table(tmp_path):
    loaded = config.load([tmp_path], root=tmp_path)
    enabled = {rule.code for rule in loaded.enabled_rules()}
    assert loaded.profile.name == "gitlab"
    assert "JD302" not in enabled and {"JD101", "JD301", "JD303", "JD304", "JD504", "JD706"} <= enabled


def test_job_posting_finds_only_the_real_defects_of_postings(postings):
    assert findings(postings, "--profile", "job-posting") == ACME_DEFECTS | POSTING_WORDING


def test_gitlab_profile_still_gives_postings_todays_findings(postings):
    found = findings(postings, "--profile", "gitlab")
    assert ACME_DEFECTS <= found
    assert {"JD101", "JD702", "JD703"} <= {code for name, _, code in found if name.startswith("globex")}


def test_profile_key_in_config_names_the_profile(postings):
    write(postings / ".jdlint.toml", 'profile = "job-posting"\n')
    assert findings(postings) == ACME_DEFECTS | POSTING_WORDING


def test_profile_table_names_the_profile_with_name(postings):
    write(postings / "pyproject.toml", '[tool.jdlint.profile]\nname = "job-posting"\n')
    assert findings(postings) == ACME_DEFECTS | POSTING_WORDING


def test_profile_option_replaces_the_profile_the_config_names(postings):
    write(postings / ".jdlint.toml", 'profile = "job-posting"\n')
    assert ("README.md", 3, "JD202") in findings(postings, "--profile", "minimal")


def test_unknown_profile_in_config_is_an_error_naming_the_choices(postings):
    write(postings / ".jdlint.toml", 'profile = "posting"\n')
    code, _, err = run("check", ".", cwd=postings)
    assert code == 2
    assert "unknown profile 'posting'" in err and "gitlab, job-posting, minimal" in err


def test_unknown_profile_option_is_an_error_naming_the_choices(postings):
    code, _, err = run("check", ".", "--profile", "posting", cwd=postings)
    assert code == 2
    assert "--profile: unknown profile 'posting'" in err and "gitlab, job-posting, minimal" in err


def test_model_takes_the_profile_option(postings):
    code, out, _ = run("model", "globex-support-specialist.md", "--profile", "job-posting", cwd=postings)
    assert code == 0 and "Responsibilities" in out and "Requirements" in out


# What each built-in profile judges


def test_job_posting_does_not_judge_other_markdown(postings):
    assert not any(name == "README.md" for name, _, _ in findings(postings, "--profile", "job-posting"))


def test_job_posting_judges_a_page_with_only_a_requirements_like_section(postings):
    write(postings / "intern.md", "# Intern\n\n## Who you are\n\n- Curious\n\n## Perks\n\nTBD\n")
    assert ("intern.md", 9, "JD202") in findings(postings, "--profile", "job-posting")


def test_job_posting_leaves_a_page_without_a_job_section_alone(postings):
    write(postings / "benefits.md", "# Benefits at Globex\n\n## Holidays\n\nTBD\n")
    assert not any(name == "benefits.md" for name, _, _ in findings(postings, "--profile", "job-posting"))


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("What you’ll do:", "Responsibilities"),
        ("In this role, you will", "Responsibilities"),
        ("What We're Looking For", "Requirements"),
        ("Minimum Qualifications", "Requirements"),
        ("Preferred qualifications", "Nice-to-haves"),
        ("Bonus points if you have", "Nice-to-haves"),
        ("About the role", "About the Role"),
        ("Compensation & Benefits", "Compensation"),
        ("Interview process", "Hiring Process"),
        ("Your profile", "Requirements"),
        ("Your tasks", "Responsibilities"),
        ("Key accountabilities", "Responsibilities"),  # British public-sector and school pages
        ("Main duties", "Responsibilities"),
        ("Person specification", "Requirements"),
        ("Essential", "Requirements"),
        ("Desirable criteria", "Nice-to-haves"),
    ],
)
def test_job_posting_knows_the_heading_variants_of_postings(heading, section):
    assert section in load_profile(name="job-posting").section_names(heading)


@pytest.mark.parametrize("heading", ["Company profile", "Skills you will grow", "Your interview experience"])
def test_job_posting_does_not_read_near_misses_as_job_sections(heading):
    names = load_profile(name="job-posting").section_names(heading)
    assert not {"Responsibilities", "Requirements"} & set(names)


def test_job_posting_finds_the_placeholders_of_posting_templates(postings):
    page = "# Ops\n\n## Responsibilities\n\n- Grow {company name}\n- Pay: [Salary Range]\n- See [Location](loc.md)\n"
    write(postings / "ops.md", page)
    found = findings(postings, "--profile", "job-posting")
    assert {line for name, line, code in found if name == "ops.md" and code.startswith("JD2")} == {5, 6}


def test_job_posting_finds_template_variables(postings):
    page = "# Ops\n\n## Responsibilities\n\n- Grow {{COMPANY_NAME}}\n- Read {{ page.title }} and {{ content }}\n"
    write(postings / "ops.md", page)
    found = findings(postings, "--profile", "job-posting")
    assert {line for name, line, code in found if name == "ops.md" and code.startswith("JD2")} == {5}


def test_job_posting_has_no_gitlab_policy_even_when_its_rules_are_selected(postings):
    found = findings(postings, "--profile", "job-posting", "--select", "JD701,JD703,JD704,JD3")
    assert found == set()


def test_minimal_requires_no_section(postings):
    found = findings(postings, "--profile", "minimal", "--select", "JD101")
    assert found == set()


# Overriding and extending


def test_override_replaces_one_key_and_keeps_the_profiles_others(postings):
    write(postings / ".jdlint.toml", '[profile]\nname = "job-posting"\nrequired-sections = ["Compensation"]\n')
    loaded = config.load([postings])
    assert loaded.profile.required_sections == ["Compensation"]
    assert loaded.profile.lint_other_pages is False  # still job-posting's


def test_extend_adds_to_a_table_and_keeps_the_built_in_entries(postings):
    write(postings / ".jdlint.toml", "[profile.extend-placeholders]\nmustache = '\\{\\{[^}]*\\}\\}'\n")
    write(postings / "ops.md", "# Ops\n\n## Responsibilities\n\n- Run {{team}}\n- Lead {insert team}\n")
    found = findings(postings, "--select", "JD201")
    assert {("ops.md", 5, "JD201"), ("ops.md", 6, "JD201")} <= found


def test_a_table_given_whole_replaces_the_built_in_entries(postings):
    write(postings / ".jdlint.toml", "[profile.placeholders]\nmustache = '\\{\\{[^}]*\\}\\}'\n")
    write(postings / "ops.md", "# Ops\n\n## Responsibilities\n\n- Run {{team}}\n- Lead {insert team}\n")
    assert {line for name, line, _ in findings(postings, "--select", "JD201") if name == "ops.md"} == {5}


def test_extend_adds_to_a_list_what_it_lacks(postings):
    write(postings / ".jdlint.toml", '[profile]\nextend-required-sections = ["Requirements", "Salary"]\n')
    sections = config.load([postings]).profile.required_sections
    assert sections.count("Requirements") == 1 and sections[-1] == "Salary"


def test_extend_rules_turns_on_a_rule_the_profile_leaves_off(postings):
    write(postings / ".jdlint.toml", '[profile]\nname = "job-posting"\nextend-rules = ["JD702"]\n')
    assert ("acme-backend-engineer.md", 18, "JD702") in findings(postings)


def test_select_replaces_the_profiles_rules(postings):
    assert {code for _, _, code in findings(postings, "--profile", "job-posting", "--select", "JD2")} == {
        "JD201",
        "JD202",
    }


def test_extending_a_string_key_is_a_config_error(postings):
    write(postings / ".jdlint.toml", '[profile]\nextend-name = "minimal"\n')
    code, _, err = run("check", ".", cwd=postings)
    assert code == 2 and "'extend-name'" in err


def test_profile_rules_must_name_rules(postings):
    write(postings / ".jdlint.toml", '[profile]\nrules = ["JD9"]\n')
    code, _, err = run("check", ".", cwd=postings)
    assert code == 2 and "profile rules: 'JD9' matches no rule" in err


# `jdlint profile show`


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_profile_show_loads_back_as_the_same_profile(tmp_path, name):
    code, out, _ = run("profile", "show", "--profile", name, cwd=tmp_path)
    assert code == 0
    write(tmp_path / ".jdlint.toml", out)
    assert config.load([tmp_path]).profile == load_profile(name=name)


def test_profile_show_prints_the_overrides_and_loads_back(tmp_path):
    write(tmp_path / ".jdlint.toml", '[profile]\nname = "job-posting"\nextend-markers = { draft = "DRAFT" }\n')
    expected = config.load([tmp_path]).profile
    _, out, _ = run("profile", "show", cwd=tmp_path)
    assert "draft = 'DRAFT'" in out
    write(tmp_path / ".jdlint.toml", out)
    assert config.load([tmp_path]).profile == expected


# Rules a profile defines as data

QUALITATIVE = """\
[profile]
name = "job-posting"

[profile.custom-rules.SG101]
name = "qualitative-qualification"
message = 'qualitative word "{match}" in {section}'
sections = ["Requirements"]
forbid = ['\\bexcellent\\b', '\\bpassionate\\b']
unless = ['\\bexcellent\\s+written\\b']
"""

EQUAL_OPPORTUNITY = """
[profile.custom-rules.SG102]
name = "equal-opportunity-statement"
message = "no equal-opportunity statement"
severity = "info"
require = ['\\bequal\\s+opportunity\\b']
"""

# A posting with "passionate" in the pitch (not judged) and in its qualifications (judged), and
# "excellent written" (an exception) in its qualifications.
WRITER = """\
# Technical Writer

We are passionate about docs.

## What you'll do

- Write the API reference

## Qualifications

- Passionate about APIs
- Excellent written English
"""


def custom_findings(folder: Path, toml_text: str, *options: str) -> set[tuple[str, int, str]]:
    write(folder / ".jdlint.toml", toml_text)
    write(folder / "writer.md", WRITER)
    # The built-in language rules (JD7) of job-posting judge the page too: left out here.
    return {finding for finding in findings(folder, *options) if finding[0] == "writer.md" and finding[2][:3] != "JD7"}


def test_custom_rule_forbids_a_phrase_in_its_sections_only(postings):
    assert custom_findings(postings, QUALITATIVE) == {("writer.md", 11, "SG101")}


def test_custom_rule_sections_may_be_named_as_the_pages_head_them(postings):
    """'Qualifications' is a heading the job-posting profile reads as its Requirements section."""
    toml_text = QUALITATIVE.replace('sections = ["Requirements"]', 'sections = ["Qualifications"]')
    assert custom_findings(postings, toml_text) == {("writer.md", 11, "SG101")}


def test_custom_rule_leaves_out_the_sections_it_skips(postings):
    toml_text = QUALITATIVE.replace('sections = ["Requirements"]', 'skip-sections = ["Requirements"]')
    assert custom_findings(postings, toml_text) == {("writer.md", 3, "SG101")}


def test_custom_rule_message_names_the_match_and_the_section(postings):
    custom_findings(postings, QUALITATIVE)
    _, out, _ = run("check", "writer.md", "--output-format", "json", cwd=postings)
    custom = [d["message"] for d in json.loads(out) if d["code"] == "SG101"]
    assert custom == ['qualitative word "Passionate" in Requirements']


def test_custom_rule_requires_a_phrase_and_reports_the_page_title_without_it(postings):
    assert ("writer.md", 1, "SG102") in custom_findings(postings, QUALITATIVE + EQUAL_OPPORTUNITY)


def test_custom_rule_requirement_met_anywhere_on_the_page(postings):
    write(postings / ".jdlint.toml", QUALITATIVE + EQUAL_OPPORTUNITY)
    found = findings(postings)
    assert ("globex-support-specialist.md", 2, "SG102") not in found  # it says "equal opportunity"
    assert ("acme-backend-engineer.md", 2, "SG102") in found


def test_custom_rules_are_selected_ignored_and_given_a_severity(postings):
    toml_text = QUALITATIVE + EQUAL_OPPORTUNITY
    assert {code for _, _, code in custom_findings(postings, toml_text, "--select", "SG1")} == {"SG101", "SG102"}
    assert {code for _, _, code in custom_findings(postings, toml_text, "--ignore", "SG101")} == {"SG102"}
    write(postings / ".jdlint.toml", toml_text + '\n[severity]\nSG102 = "error"\n')
    _, out, _ = run("check", "writer.md", "--output-format", "json", "--select", "SG102", cwd=postings)
    assert [d["severity"] for d in json.loads(out)] == ["error"]


def test_custom_rule_is_suppressed_inline(postings):
    write(postings / ".jdlint.toml", QUALITATIVE)
    suppressed = WRITER.replace("- Passionate", "<!-- jdlint-disable-next-line SG101 -->\n- Passionate")
    write(postings / "writer.md", suppressed)
    assert not any(name == "writer.md" and code == "SG101" for name, _, code in findings(postings))


@pytest.mark.parametrize(
    ("definition", "complaint"),
    [
        ('JD901 = { name = "x", message = "m", forbid = ["a"] }', "never starting with JD"),
        ('SG1 = { name = "x", message = "m", forbid = ["a"], require = ["b"] }', "one of 'forbid', 'require'"),
        ('SG1 = { name = "x", message = "m", forbid = ["("] }', "not a valid regex"),
        ('SG1 = { name = "x", message = "{word}", forbid = ["a"] }', "{match}, {section} and {value} only"),
        ('SG1 = { name = "Bad Name", message = "m", forbid = ["a"] }', "kebab-case"),
        ('SG1 = { name = "x", message = "m", forbid = ["a"], level = "high" }', "unknown key 'level'"),
        ('SG1 = { name = "x", message = "m", forbid = ["(?P<w>a)", "(?P<w>b)"] }', "cannot be searched as one"),
    ],
)
def test_a_bad_custom_rule_is_a_config_error(postings, definition, complaint):
    write(postings / ".jdlint.toml", f"[profile.custom-rules]\n{definition}\n")
    code, _, err = run("check", ".", cwd=postings)
    assert code == 2 and complaint in err


def test_explain_shows_a_custom_rule(postings):
    write(postings / ".jdlint.toml", QUALITATIVE)
    code, out, _ = run("explain", "SG101", cwd=postings)
    assert code == 0 and "# qualitative-qualification (SG101)" in out and "`\\bpassionate\\b`" in out


def test_sarif_describes_a_custom_rule(postings):
    write(postings / ".jdlint.toml", QUALITATIVE)
    _, out, _ = run("check", ".", "--output-format", "sarif", "--select", "SG101", cwd=postings)
    (run_,) = json.loads(out)["runs"]
    rules = run_["tool"]["driver"]["rules"]
    index = next(i for i, rule in enumerate(rules) if rule["id"] == "SG101")
    assert rules[index]["name"] == "qualitative-qualification"
    assert rules[index]["shortDescription"]["text"] == 'qualitative word "…" in Requirements'
    assert "`\\bpassionate\\b`" in rules[index]["help"]["text"]
    assert {result["ruleIndex"] for result in run_["results"]} == {index}


def test_profile_show_carries_the_custom_rules(tmp_path):
    write(tmp_path / ".jdlint.toml", QUALITATIVE + EQUAL_OPPORTUNITY)
    expected = config.load([tmp_path]).profile
    _, out, _ = run("profile", "show", cwd=tmp_path)
    write(tmp_path / ".jdlint.toml", out)
    assert config.load([tmp_path]).profile == expected


def metric_rule(metric: str, bounds: str, extra: str = "") -> str:
    return (
        '[profile]\nname = "job-posting"\n\n'
        f'[profile.custom-rules.SG201]\nname = "measure"\nmessage = "{{value}}"\n'
        f'metric = "{metric}"\n{bounds}\n{extra}'
    )


def metric_messages(postings: Path, toml_text: str) -> list[str]:
    write(postings / ".jdlint.toml", toml_text)
    write(postings / "writer.md", WRITER)
    _, out, _ = run("check", "writer.md", "--output-format", "json", "--select", "SG201", cwd=postings)
    return [d["message"] for d in json.loads(out or "[]")]


def test_metric_counts_the_words_of_the_page(postings):
    # 5 words in the pitch, 4 in the responsibilities, 3 + 3 in the qualifications.
    assert metric_messages(postings, metric_rule("words", "max = 14")) == ["15"]
    assert metric_messages(postings, metric_rule("words", "min = 15\nmax = 15")) == []


def test_metric_skips_the_sections_it_is_told_to(postings):
    toml_text = metric_rule("words", "min = 10", 'skip-sections = ["Requirements"]')
    assert metric_messages(postings, toml_text) == ["9"]


def test_metric_measures_the_share_of_words_in_bullets(postings):
    assert metric_messages(postings, metric_rule("bullet-share", "max = 0.5")) == ["67%"]


def test_metric_measures_words_per_sentence(postings):
    assert metric_messages(postings, metric_rule("sentence-words", "min = 6")) == ["5"]


@pytest.mark.parametrize(
    ("bounds", "complaint"),
    [("", "needs 'min', 'max' or both"), ('max = "ten"', "needs 'min', 'max' or both")],
)
def test_a_metric_without_numeric_bounds_is_a_config_error(postings, bounds, complaint):
    write(postings / ".jdlint.toml", metric_rule("words", bounds))
    code, _, err = run("check", ".", cwd=postings)
    assert code == 2 and complaint in err


def test_metric_measures_flesch_reading_ease(postings):
    # 4 sentences (a list item is one), 15 words, 29 syllables ("API" read as two):
    # 206.835 - 1.015 x 15 / 4 - 84.6 x 29 / 15 = 39.5.
    assert metric_messages(postings, metric_rule("reading-ease", "min = 60")) == ["39.5"]


def test_plain_words_in_short_sentences_read_easily():
    blocks = parse(decode(b"# Cat\n\nThe cat sat on the mat.\n")).blocks
    assert profile_rules._reading_ease(blocks) == 116.1  # 206.835 - 1.015 x 6 - 84.6 x 1


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("make", 1), ("table", 2), ("worked", 1), ("wanted", 2), ("makes", 1), ("boxes", 2), ("readability", 5)],
)
def test_syllables_are_counted_by_vowel_groups_less_silent_endings(word, syllables):
    assert profile_rules.syllable_count(word) == syllables


def test_an_unknown_metric_is_a_config_error(postings):
    write(postings / ".jdlint.toml", metric_rule("readability", "max = 1"))
    code, _, err = run("check", ".", cwd=postings)
    assert code == 2 and "'metric' is one of words, bullet-share, sentence-words, reading-ease" in err


def test_job_posting_runs_only_its_rules_on_the_corpus(corpus):
    _, out, _ = run("check", ".", "--no-cache", "--output-format", "json", "--profile", "job-posting", cwd=corpus)
    codes = {d["code"] for d in json.loads(out)}
    its_rules = ("JD0", "JD104", "JD106", "JD108", "JD111", "JD2", "JD501", "JD6", "JD706", "JD707", "JD708", "JD709", "JD71")
    assert codes and all(code.startswith(its_rules) for code in codes)


def test_a_baseline_holds_custom_rule_findings(postings):
    write(postings / ".jdlint.toml", QUALITATIVE)
    write(postings / "writer.md", WRITER)
    run("check", ".", "--no-cache", "--write-baseline", "baseline.json", cwd=postings)
    assert ("writer.md", 11, "SG101") in findings(postings)
    assert findings(postings, "--baseline", "baseline.json") == set()


def test_a_built_in_profile_is_parsed_once_then_read_from_its_copy(monkeypatch):
    from jdlint import profile, toml

    expected = profile.built_in_data("job-posting")  # parses the files and leaves their copies
    monkeypatch.setattr(toml, "loads", lambda data: pytest.fail("parsed again"))
    assert profile.built_in_data("job-posting") == expected


def test_a_garbled_copy_of_a_built_in_profile_is_replaced(monkeypatch):
    from jdlint import profile

    expected = profile.built_in_data("minimal")
    copy = profile.parsed_copy(BUILT_IN["minimal"], BUILT_IN["minimal"].read_bytes())
    copy.write_text("{garbled", encoding="utf-8")
    assert profile.built_in_data("minimal") == expected
    assert copy.read_text(encoding="utf-8") != "{garbled"


# A quick search finds what the pattern's own search finds


_QUICK_PATTERNS = [
    re.compile(r"(?<!candidate\s)(?<!user\s)\bexperience[ds]?\b|\btrack\s+record\b", re.IGNORECASE),
    re.compile(r"\bTBD\b|(?<!\w)to do", 0),
    re.compile(r"^lead|s(?=k)", re.IGNORECASE),
    re.compile(r"[a-c]x|\d+\s*years?", re.IGNORECASE),
]


@settings(max_examples=300, deadline=None)
@given(
    pattern=st.sampled_from(_QUICK_PATTERNS),
    text=st.text(alphabet="experinctadoklsTBDXyr8 é\u017f\u212a\u0131\u0130", max_size=30),
)
def test_a_quick_search_finds_what_the_pattern_finds(pattern, text):
    found, quick = pattern.search(text), quick_search(pattern).search(text)
    assert (found and (found.span(), found.group())) == (quick and (quick.span(), quick.group()))


@settings(max_examples=300, deadline=None)
@given(
    pattern=st.sampled_from(_QUICK_PATTERNS),
    texts=st.lists(st.text(alphabet="experinctadoklsTBDXyr8 é\u017f\u212a\u0131\u0130", max_size=20), max_size=6),
)
def test_a_quick_search_of_many_texts_finds_those_the_pattern_finds(pattern, texts):
    assert quick_search(pattern).matching(texts) == [i for i, text in enumerate(texts) if pattern.search(text)]


def test_a_quick_search_matches_after_a_lookbehind_and_in_any_case():
    pattern = load_profile().policy_alternations["prior-experience"]
    assert quick_search(pattern).search("Candidate experience; EXPERIENCE with Go").start() == 22


def test_gender_coding_is_each_profiles_own():
    other = load_profile({"gender-masculine-words": ["lead"], "gender-feminine-words": ["support"]})
    assert (load_profile().gender_coding("driven"), other.gender_coding("driven")) == (True, None)
