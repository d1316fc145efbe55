"""`--output-format concise`: one line per finding, `path:line:col: CODE message`."""

from __future__ import annotations

from typing import TextIO

from jdlint.engine import Report
from jdlint.report.full import _SEVERITY_STYLE, _painter, marker, summary


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    paint = _painter(color)
    for d in report.diagnostics:
        location = paint(f"{d.path}:{d.line}:{d.column}:", "bold")
        code = paint(d.code, _SEVERITY_STYLE[d.severity], "bold")
        stream.write(f"{location} {code} {marker(d, report, paint)}{d.message}\n")
    if not quiet:
        stream.write(summary(report, paint) + "\n")
