"""`--output-format github`: GitHub Actions workflow commands, shown as annotations on the diff.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`, escaped as the
Actions toolkit escapes: `%`, CR and LF everywhere, and `:` and `,` in property values too.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from jdlint.engine import Report
from jdlint.rule import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    for d in report.diagnostics:
        properties = {
            "file": PurePath(d.path).as_posix(),
            "line": d.line,
            "col": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
            "title": f"{d.code} {d.name}",
        }
        props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
        stream.write(f"::{COMMAND[d.severity]} {props}::{escape_data(d.message)}\n")
