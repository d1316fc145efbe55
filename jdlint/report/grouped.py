"""`--output-format grouped`: the findings under the name of their file, as ruff's grouped format."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from jdlint.engine import Report
from jdlint.report.full import _SEVERITY_STYLE, _painter, marker, summary


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    paint = _painter(color)
    for path, group in groupby(report.diagnostics, key=lambda d: d.path):
        diagnostics = list(group)
        line_width = max(len(str(d.line)) for d in diagnostics)
        column_width = max(len(str(d.column)) for d in diagnostics)
        stream.write(f"{paint(path, 'bold')}:\n")
        for d in diagnostics:
            position = f"{d.line:>{line_width}}:{d.column:<{column_width}}"
            code = paint(d.code, _SEVERITY_STYLE[d.severity], "bold")
            stream.write(f"  {paint(position, 'dim')} {code} {marker(d, report, paint)}{d.message}\n")
        stream.write("\n")
    if not quiet:
        stream.write(summary(report, paint) + "\n")
