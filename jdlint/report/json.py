"""`--output-format json`: one array of objects, as design.md section 4 fixes it."""

from __future__ import annotations

import json
from typing import TextIO

from jdlint.engine import Diagnostic, Report
from jdlint.report.docs import rule_url


def as_dict(diagnostic: Diagnostic) -> dict:
    fix = diagnostic.fix
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "end_line": diagnostic.end_line,
        "end_column": diagnostic.end_column,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "help": diagnostic.hint or None,
        "url": rule_url(diagnostic.code),
        "fix": None
        if fix is None
        else {
            "applicability": fix.applicability,
            "message": fix.message,
            "edits": [edit._asdict() for edit in fix.edits],
        },
    }


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    """The array written one object at a time, as `json.dump(..., indent=2)` would lay it out,
    without building it whole: a large handbook has tens of thousands of findings."""
    stream.write("[")
    for position, diagnostic in enumerate(report.diagnostics):
        text = json.dumps(as_dict(diagnostic), indent=2, ensure_ascii=False)
        stream.write(("," if position else "") + "\n  " + text.replace("\n", "\n  "))
    stream.write("\n]\n" if report.diagnostics else "]\n")
