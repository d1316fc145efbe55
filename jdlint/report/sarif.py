"""`--output-format sarif`: SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, IDEs).

One run; its driver lists the whole rule catalogue and the profile's own rules (each rule's
documentation is its help), and each result points at its rule by id and index, carries its
region (1-based lines, columns counted in code points, end column exclusive) and a stable
partial fingerprint.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import TextIO
from urllib.parse import quote

from jdlint import __version__
from jdlint.engine import REGISTRY, Diagnostic, Report
from jdlint.report.docs import home_page, rule_url
from jdlint.report.fingerprint import fingerprints
from jdlint.rule import Fix, Severity

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "jdlint/v1"


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    json.dump(as_sarif(report), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def as_sarif(report: Report) -> dict:
    rules = sorted([*REGISTRY, *report.rules], key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {"name": "jdlint", "version": __version__, "semanticVersion": __version__}
    uri = home_page()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [_descriptor(rule) for rule in rules]
    pairs = zip(report.diagnostics, fingerprints(report), strict=True)
    results = [_result(d, index.get(d.code), fingerprint) for d, fingerprint in pairs]
    notifications = [{"level": "error", "message": {"text": m}} for m in report.errors] + [
        {"level": "warning", "message": {"text": m}} for m in report.skipped
    ]
    invocation: dict = {"executionSuccessful": not report.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _descriptor(rule) -> dict:
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc, "markdown": rule.doc},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.code[:3]], "fixable": rule.fixable},
    }
    url = rule_url(rule.code)
    if url:
        descriptor["helpUri"] = url
    return descriptor


def _result(d: Diagnostic, rule_index: int | None, fingerprint: str) -> dict:
    artifact = artifact_location(d.path)
    result: dict = {"ruleId": d.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result.update(
        {
            "level": LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": _region(d.line, d.column, d.end_line, d.end_column),
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
    )
    # What to do about this finding; the rule's page is its descriptor's help (and helpUri).
    if d.hint:
        result["properties"] = {"help": d.hint}
    if d.fix is not None:
        result["fixes"] = [_fix(d.fix, artifact)]
    return result


def artifact_location(path: str) -> dict:
    """A relative path as a URI relative to the source root; an absolute one as a file URI."""
    if PurePath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(PurePath(path).as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    start_line, start_column = max(line, 1), max(column, 1)
    end_line = max(end_line, start_line)
    end_column = max(end_column, 1) if end_line > start_line else max(end_column, start_column)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _fix(fix: Fix, artifact: dict) -> dict:
    replacements = [
        {
            "deletedRegion": _region(e.line, e.column, e.end_line, e.end_column),
            "insertedContent": {"text": e.content},
        }
        for e in fix.edits
    ]
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
    }
