"""`--output-format full` (the default): each finding with its source line, a caret and a hint."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from jdlint.engine import Diagnostic, Report
from jdlint.rule import Severity

_STYLES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "cyan": "36", "blue": "34"}
_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    paint = _painter(color)
    for diagnostic in report.diagnostics:
        stream.write(_finding(diagnostic, report.lines_of(diagnostic.path), paint))
    if not quiet:
        stream.write(summary(report, paint) + "\n")


def _painter(color: bool):
    def paint(text: str, *styles: str) -> str:
        if not color or not styles:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    return paint


def _finding(diagnostic: Diagnostic, lines: tuple[str, ...], paint) -> str:
    style = _SEVERITY_STYLE[diagnostic.severity]
    location = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}:"
    out = [f"{paint(location, 'bold')} {paint(diagnostic.code, style, 'bold')} {diagnostic.message}\n"]
    if 1 <= diagnostic.line <= len(lines):
        text = lines[diagnostic.line - 1].expandtabs(1)
        gutter = " " * len(str(diagnostic.line))
        width = 1
        if diagnostic.end_line == diagnostic.line and diagnostic.end_column > diagnostic.column:
            width = diagnostic.end_column - diagnostic.column
        caret = " " * (diagnostic.column - 1) + "^" * width
        out.append(f"{paint(gutter + ' |', 'blue')}\n")
        out.append(f"{paint(str(diagnostic.line) + ' |', 'blue')} {text}\n")
        out.append(
            f"{paint(gutter + ' |', 'blue')} {paint(caret, style)} {paint(diagnostic.severity.name.lower(), style)}\n"
        )
    if diagnostic.hint:
        out.append(f"{paint('  = help:', 'cyan')} {diagnostic.hint}\n")
    out.append("\n")
    return "".join(out)


def summary(report: Report, paint=lambda text, *styles: text) -> str:
    """ "Found 12 findings (3 errors, 9 warnings) in 4 of 5 files; 2 fixable with --fix."."""
    files = _plural(report.files, "file")
    total = len(report.diagnostics)
    if not total:
        return paint("All checks passed!", "bold") + f" ({files})"
    counts = Counter(d.severity for d in report.diagnostics)
    parts = [
        f"{counts[s]} {str(s) + ('s' if counts[s] != 1 and s != Severity.INFO else '')}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    flagged = len({d.path for d in report.diagnostics})
    line = paint(f"Found {_plural(total, 'finding')}", "bold") + f" ({', '.join(parts)}) in {flagged} of {files}"
    safe = sum(1 for d in report.diagnostics if d.fix and d.fix.applicability == "safe")
    unsafe = sum(1 for d in report.diagnostics if d.fix and d.fix.applicability != "safe")
    if safe:
        line += f"; {safe} fixable with --fix"
    if unsafe:
        line += f"; {unsafe} more with --fix --unsafe-fixes"
    return line + "."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
