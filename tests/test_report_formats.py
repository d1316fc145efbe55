"""The output formats, each read back with a real parser, on the seeds and on the corpus.

SARIF is validated against the official SARIF 2.1.0 schema (tests/data/sarif-schema-2.1.0.json,
the OASIS errata01 schema, unchanged); JUnit is parsed with xml.etree; JSON with json.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from jdlint import config as configuration
from jdlint.cli import OutputFormat, app
from jdlint.discover import discover
from jdlint.engine import REGISTRY, Diagnostic, Report, lint_paths
from jdlint.report import COLORED, FORMATS, writer
from jdlint.report.github import escape_data, escape_property
from jdlint.rule import Edit, Fix, Severity

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
ANSI = "\x1b["


def lint(*paths: Path) -> Report:
    settings = configuration.load(list(paths))
    return lint_paths(discover(list(paths), settings.root, settings.exclude), settings, use_cache=False)


@functools.cache
def _cached_report(path: str, cwd: str) -> Report:
    return lint(Path(path))


def render(name: str, report: Report, color: bool = False, quiet: bool = False) -> str:
    stream = io.StringIO()
    writer(name)(report, stream, color=color, quiet=quiet)
    return stream.getvalue()


@pytest.fixture(params=["seeds", "corpus"])
def report(request) -> Report:
    """The report of the seeds, and of the whole corpus (skipped where it is absent); read-only."""
    path = request.getfixturevalue(request.param)
    result = _cached_report(str(path), os.getcwd())
    assert result.diagnostics, "the seeds and the corpus both have findings"
    return result


def synthetic(*diagnostics: Diagnostic, lines: dict | None = None, paths: list[str] | None = None) -> Report:
    result = Report(diagnostics=list(diagnostics), lines=lines or {})
    result.paths = paths if paths is not None else sorted({d.path for d in diagnostics})
    result.files = len(result.paths)
    return result


def finding(path="docs/a b.md", line=3, column=5, code="JD201", message="placeholder", **more) -> Diagnostic:
    fields = {"end_line": line, "end_column": column + 4, "name": "placeholder-text", "severity": Severity.ERROR}
    fields.update(more)
    return Diagnostic(path=path, line=line, column=column, code=code, message=message, **fields)


def position(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.column, d.code, d.message)


# Registration


def test_every_format_is_an_option_and_a_module():
    assert [f.value for f in OutputFormat] == list(FORMATS)
    for name in FORMATS:
        assert callable(writer(name))
    assert set(COLORED) == {"full", "concise", "grouped"}


# concise


def _summary_lines(text: str) -> tuple[list[str], list[str]]:
    """The findings' lines and the summary's: "Found …", then ruff's line on fixes when some are."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("Found ", "All checks passed")))
    return lines[:start], lines[start:]


def test_concise_is_one_line_per_finding_then_the_summary(report):
    lines, summary = _summary_lines(render("concise", report))
    pattern = re.compile(r"(.+?):(\d+):(\d+): (JD\d{3}) (?:\[\*\] )?(.*)")
    parsed = []
    for line in lines:
        match = pattern.fullmatch(line)
        assert match, line
        path, number, column, code, message = match.groups()
        parsed.append((path, int(number), int(column), code, message))
    assert parsed == [position(d) for d in report.diagnostics]
    assert summary[0].startswith("Found ") and len(summary) <= 2


def test_safe_fixes_are_marked_and_counted_as_ruff_does(report):
    lines, summary = _summary_lines(render("concise", report))
    safe = [d for d in report.diagnostics if d.fix and d.fix.applicability == "safe"]
    hidden = [d for d in report.diagnostics if d.fix and d.fix.applicability == "unsafe"]
    assert sum("[*]" in line for line in lines) == len(safe)
    assert summary[1] == (
        f"[*] {len(safe)} fixable with the `--fix` option "
        f"({len(hidden)} hidden fix{'es' if len(hidden) != 1 else ''} can be enabled with the `--unsafe-fixes` option)."
    )


def test_with_unsafe_fixes_every_fix_is_marked_and_none_is_hidden(report):
    report.unsafe_fixes = True
    lines, summary = _summary_lines(render("concise", report))
    fixable = [d for d in report.diagnostics if d.fix]
    assert sum("[*]" in line for line in lines) == len(fixable)
    assert summary[1] == f"[*] {len(fixable)} fixable with the `--fix` option."


def test_concise_quiet_prints_the_findings_only(report):
    assert len(render("concise", report, quiet=True).splitlines()) == len(report.diagnostics)


# grouped


def test_grouped_lists_each_file_once_with_its_findings(report):
    text = render("grouped", report, quiet=True)
    parsed, headers, current = [], [], None
    for line in text.splitlines():
        if not line:
            continue
        item = re.fullmatch(r"  +(\d+):(\d+) +(JD\d{3}) (?:\[\*\] )?(.*)", line)
        if item:
            number, column, code, message = item.groups()
            parsed.append((current, int(number), int(column), code, message))
        else:
            assert line.endswith(":") and not line.startswith(" "), line
            current = line[:-1]
            headers.append(current)
    assert parsed == [position(d) for d in report.diagnostics]
    assert headers == sorted(set(headers), key=headers.index)  # each file once
    assert set(headers) == {d.path for d in report.diagnostics}


def test_grouped_ends_with_the_summary_unless_quiet(report):
    assert _summary_lines(render("grouped", report))[1][0].startswith("Found ")
    assert "Found " not in render("grouped", report, quiet=True)


# json-lines


def test_json_lines_are_the_objects_of_the_json_format(report):
    lines = render("json-lines", report).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(render("json", report))
    assert len(lines) == len(report.diagnostics)


# SARIF


@functools.cache
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid_sarif(log: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_the_schema_is_the_official_one_and_it_bites():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    broken = json.loads(render("sarif", synthetic(finding())))
    broken["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    assert list(sarif_validator().iter_errors(broken))


def test_sarif_validates_against_the_schema(report):
    assert_valid_sarif(json.loads(render("sarif", report)))


def test_sarif_driver_lists_the_whole_catalogue(report):
    log = json.loads(render("sarif", report))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "jdlint" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(rule.code for rule in REGISTRY)
    by_code = {rule.code: rule for rule in REGISTRY}
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for descriptor in rules:
        rule = by_code[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.doc
        assert descriptor["help"] == {"text": rule.doc, "markdown": rule.doc}
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]


def test_sarif_results_point_at_their_rule_and_region(report):
    (run,) = json.loads(render("sarif", report))["runs"]
    rules = run["tool"]["driver"]["rules"]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    assert len(run["results"]) == len(report.diagnostics)
    for result, d in zip(run["results"], report.diagnostics, strict=True):
        assert result["ruleId"] == d.code == rules[result["ruleIndex"]]["id"]
        assert result["level"] == levels[d.severity]
        assert result["message"]["text"] == d.message
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = physical["artifactLocation"]["uri"]
        assert re.fullmatch(r"[A-Za-z0-9._~!$&'()*+,;=:@/%-]+", uri) and not uri.startswith("/")  # RFC 3986
        assert physical["region"] == {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
        }
    fingerprints = [r["partialFingerprints"]["jdlint/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_escapes_paths_and_carries_fixes():
    fix = Fix("replace it", (Edit(3, 5, 3, 9, "Director, Sales"),))
    log = json.loads(render("sarif", synthetic(finding(path="docs/a b&c.md", fix=fix))))
    assert_valid_sarif(log)
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "docs/a%20b%26c.md", "uriBaseId": "%SRCROOT%"}
    (change,) = result["fixes"][0]["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"] == {"text": "Director, Sales"}
    assert replacement["deletedRegion"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9}


def test_sarif_of_a_clean_run_is_valid_and_empty(clean_page):
    log = json.loads(render("sarif", lint(clean_page)))
    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


# GitLab Code Quality

GITLAB_SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def test_gitlab_issues_have_the_required_fields(report):
    issues = json.loads(render("gitlab", report))
    assert isinstance(issues, list) and len(issues) == len(report.diagnostics)
    for issue, d in zip(issues, report.diagnostics, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and d.message in issue["description"]
        assert issue["check_name"] == d.code
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] == GITLAB_SEVERITY[d.severity]
        assert issue["location"] == {"path": d.path.replace(os.sep, "/"), "lines": {"begin": d.line}}


def test_gitlab_fingerprints_are_unique(report):
    fingerprints = [issue["fingerprint"] for issue in json.loads(render("gitlab", report))]
    assert len(set(fingerprints)) == len(fingerprints)


def test_identical_findings_get_distinct_fingerprints():
    same = finding(line=3), finding(line=4)
    lines = {"docs/a b.md": ("", "", "TBD", "TBD")}
    issues = json.loads(render("gitlab", synthetic(*same, lines=lines)))
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def _insert_blank_lines_after_front_matter(path: Path, count: int = 10) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].strip() == "---"
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    path.write_text("".join(lines[: end + 1] + ["\n"] * count + lines[end + 1 :]), encoding="utf-8")


def _gitlab_by_path(folder: Path) -> dict[str, list[dict]]:
    by_path: dict[str, list[dict]] = {}
    for issue in json.loads(render("gitlab", lint(folder))):
        by_path.setdefault(issue["location"]["path"], []).append(issue)
    return by_path


def _assert_fingerprints_survive_blank_lines(folder: Path, page: Path) -> None:
    key = os.path.relpath(page).replace(os.sep, "/")
    before = _gitlab_by_path(folder)[key]
    _insert_blank_lines_after_front_matter(page)
    after = _gitlab_by_path(folder)[key]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert any(
        a["location"]["lines"]["begin"] == b["location"]["lines"]["begin"] + 10
        for a, b in zip(after, before, strict=True)
    )


def test_gitlab_fingerprints_survive_lines_inserted_above(tmp_path, seeds, seed_file, monkeypatch):
    shutil.copytree(seeds, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    page = Path("seeds") / seed_file("001").name  # its findings include a message naming a line
    _assert_fingerprints_survive_blank_lines(Path("seeds"), page)


def test_gitlab_fingerprints_survive_lines_inserted_above_on_the_corpus(tmp_path, corpus, monkeypatch):
    whole = _cached_report(str(corpus), os.getcwd())
    counts: dict[Path, int] = {}
    for d in whole.diagnostics:
        counts[Path(d.path).resolve()] = counts.get(Path(d.path).resolve(), 0) + 1
    busiest = max((path for path in counts if "job-families" in path.parts), key=lambda p: (counts[p], p))
    shutil.copytree(corpus / "job-families", tmp_path / "job-families")
    (tmp_path / ".jdlint.toml").write_text("")  # a project: the index is cached between the two runs
    monkeypatch.chdir(tmp_path)
    page = busiest.relative_to(corpus)
    _assert_fingerprints_survive_blank_lines(page, page)


# GitHub workflow commands

GITHUB_LINE = re.compile(
    r"::(error|warning|notice) file=([^,:\r\n]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),"
    r"title=([^,:\r\n]*)::([^\r\n]*)"
)


def unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: chr(int(m.group(1), 16)), text)


def test_github_lines_parse_back_to_the_findings(report):
    lines = render("github", report).splitlines()
    assert len(lines) == len(report.diagnostics)
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for line, d in zip(lines, report.diagnostics, strict=True):
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        level, path, number, column, end_line, end_column, title, message = match.groups()
        assert level == commands[d.severity]
        assert unescape(path) == d.path.replace(os.sep, "/")
        assert (int(number), int(column), int(end_line), int(end_column)) == (
            d.line,
            d.column,
            d.end_line,
            d.end_column,
        )
        assert unescape(title) == f"{d.code} {d.name}"
        assert unescape(message) == d.message


@pytest.mark.parametrize("text", ["100% done", "a:b,c", "two\r\nlines\n", "%0A is not a newline", "::error::x"])
def test_github_escaping_round_trips(text):
    assert unescape(escape_property(text)) == text
    assert unescape(escape_data(text)) == text
    assert not re.search(r"[:,\r\n]", escape_property(text))
    assert not re.search(r"[\r\n]", escape_data(text))


def test_github_command_with_awkward_path_and_message_parses():
    d = finding(path="docs/a,b:c.md", message="50% of it:\nstill, TBD", severity=Severity.INFO)
    (line,) = render("github", synthetic(d)).splitlines()
    match = GITHUB_LINE.fullmatch(line)
    assert match and match.group(1) == "notice"
    assert unescape(match.group(2)) == "docs/a,b:c.md"
    assert unescape(match.group(8)) == "50% of it:\nstill, TBD"


# JUnit XML


def test_junit_has_a_testcase_per_file_and_a_failure_per_finding(report):
    root = ET.fromstring(render("junit", report))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "jdlint"
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == int(root.get("tests")) == len(cases) == report.files
    failing = [case for case in cases if case.findall("failure")]
    assert int(suite.get("failures")) == int(root.get("failures")) == len(failing)
    assert {case.get("classname") for case in cases} == set(report.paths)
    failures = [(case.get("classname"), f) for case in cases for f in case.findall("failure")]
    assert len(failures) == len(report.diagnostics)
    for (path, failure), d in zip(failures, report.diagnostics, strict=True):
        assert path == d.path
        assert failure.get("type") == d.code
        assert failure.get("message") == d.message
        assert failure.text.startswith(f"{d.path}:{d.line}:{d.column}: {d.code}")


def test_junit_files_without_findings_are_passing_testcases(clean_page):
    report = lint(clean_page.parent)  # the clean page, and its manager's page (with findings)
    root = ET.fromstring(render("junit", report))
    (suite,) = root.findall("testsuite")
    cases = {Path(case.get("classname")).name: case for case in suite.findall("testcase")}
    assert set(cases) == {"technical-writer.md", "manager-technical-writing.md"} and suite.get("tests") == "2"
    assert len(cases["technical-writer.md"]) == 0
    assert suite.get("failures") == str(sum(1 for case in cases.values() if len(case)))


def test_junit_stays_well_formed_with_characters_xml_cannot_carry():
    d = finding(message="control \x01 and \x1b here, & <tags>")
    root = ET.fromstring(render("junit", synthetic(d, paths=["docs/a b.md", "docs/clean.md"])))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "control \\u0001 and \\u001b here, & <tags>"
    assert root.find("testsuite").get("tests") == "2" and root.find("testsuite").get("failures") == "1"


# Colour, and the command line


@pytest.mark.parametrize("name", FORMATS)
def test_colour_only_in_the_formats_for_people(name):
    report = synthetic(finding())
    assert (ANSI in render(name, report, color=True)) == (name in COLORED)
    assert ANSI not in render(name, report, color=False)


@pytest.fixture
def in_seeds_copy(tmp_path, seeds, monkeypatch):
    shutil.copytree(seeds, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


PARSERS = {
    "json": json.loads,
    "sarif": json.loads,
    "gitlab": json.loads,
    "json-lines": lambda text: [json.loads(line) for line in text.splitlines()],
    "junit": ET.fromstring,
    "github": lambda text: [GITHUB_LINE.fullmatch(line).groups() for line in text.splitlines()],
}


@pytest.mark.parametrize("name", FORMATS)
def test_command_line_prints_each_format(in_seeds_copy, name):
    result = CliRunner().invoke(app, ["check", "--output-format", name, "seeds"], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1, result.output
    assert (ANSI in result.stdout) == (name in COLORED)
    if name in PARSERS:
        assert PARSERS[name](result.stdout)


# help text and documentation URL


@pytest.fixture
def published(monkeypatch):
    """The package as if it declared its home page."""
    from jdlint.report import docs

    monkeypatch.setattr(docs, "home_page", lambda: "https://example.org/jdlint")


def test_json_carries_each_findings_help_and_its_rules_url(published):
    hinted = finding(hint="replace it with the real text")
    bare = finding(line=4, code="JD202", name="unfinished-marker")
    custom = finding(line=5, code="SG101", name="qualitative-qualification")
    objects = json.loads(render("json", synthetic(hinted, bare, custom)))
    assert [(o["help"], o["url"]) for o in objects] == [
        ("replace it with the real text", "https://example.org/jdlint#jd201"),
        (None, "https://example.org/jdlint#jd202"),
        (None, None),  # a handbook's own rule: `jdlint explain` documents it
    ]


def test_json_url_is_null_when_the_package_declares_no_home_page(monkeypatch):
    from jdlint.report import docs

    monkeypatch.setattr(docs, "home_page", lambda: None)
    (only,) = json.loads(render("json", synthetic(finding())))
    assert only["url"] is None


def test_sarif_carries_the_help_of_each_result_and_the_url_of_each_rule(published):
    log = json.loads(render("sarif", synthetic(finding(hint="replace it"), finding(line=4))))
    (run,) = log["runs"]
    assert [r.get("properties") for r in run["results"]] == [{"help": "replace it"}, None]
    descriptor = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "JD201")
    assert descriptor["helpUri"] == "https://example.org/jdlint#jd201"
    assert_valid_sarif(log)


# full: long lines


def test_full_cuts_a_long_line_around_the_finding_and_keeps_the_caret_under_it():
    line = "word " * 60 + "TBD " + "more " * 60
    column = line.index("TBD") + 1
    report = synthetic(finding(path="p.md", line=1, column=column, end_column=column + 3), lines={"p.md": (line,)})
    _, _, source, caret, *_ = render("full", report, quiet=True).splitlines()
    shown, marks = source.split(" | ", 1)[1], caret.split(" | ", 1)[1]
    assert shown.startswith("…") and shown.endswith("…") and len(shown) <= 102
    assert shown[marks.index("^") :].startswith("TBD") and marks.count("^") == 3


def test_full_shows_a_short_line_whole():
    report = synthetic(finding(path="p.md", line=1, column=5), lines={"p.md": ("The TBD line.",)})
    assert "1 | The TBD line.\n" in render("full", report, quiet=True)


def _installed(folder, name: str, headers: str) -> None:
    """A distribution's metadata folder under `folder`, as pip writes it."""
    (folder / name).mkdir(parents=True)
    (folder / name / "METADATA").write_text(f"Metadata-Version: 2.4\nName: jdlint\n{headers}\nThe README.\n")


@pytest.fixture
def metadata_path(tmp_path, monkeypatch):
    """sys.path as only `tmp_path`, with home_page asked afresh."""
    from jdlint.report import docs

    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    docs.home_page.cache_clear()
    yield tmp_path
    docs.home_page.cache_clear()


def test_home_page_is_the_first_web_project_url_of_the_installed_metadata(metadata_path):
    from jdlint.report import docs

    headers = "Project-URL: Issues, mailto:x@example.org\nProject-URL: Homepage, https://example.org/jdlint\n"
    _installed(metadata_path, "jdlint-1.2.dist-info", headers)
    _installed(metadata_path, "other-1.0.dist-info", "Project-URL: Homepage, https://example.org/other\n")
    assert docs.home_page() == "https://example.org/jdlint"


def test_home_page_is_none_when_the_metadata_declares_none_or_jdlint_is_not_installed(metadata_path):
    from jdlint.report import docs

    assert docs.home_page() is None
    _installed(metadata_path, "jdlint-1.2.dist-info", "Summary: a linter\n")
    docs.home_page.cache_clear()
    assert docs.home_page() is None


def test_home_page_reads_the_installed_metadata_as_importlib_metadata_does():
    from importlib import metadata

    from jdlint.report import docs

    urls = metadata.metadata("jdlint").get_all("Project-URL") or []
    web = [u.partition(",")[2].strip() for u in urls if u.partition(",")[2].strip().startswith(("https://", "http://"))]
    docs.home_page.cache_clear()
    assert docs.home_page() == (web[0] if web else None)
