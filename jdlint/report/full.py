"""`--output-format full` (the default): each finding with its source line, a caret and a hint."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from jdlint.engine import Diagnostic, Report
from jdlint.rule import Severity, plural

_STYLES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "cyan": "36", "blue": "34"}
_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
SHOWN_WIDTH = 100  # characters of a source line shown around a finding


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    paint = _painter(color)
    for diagnostic in report.diagnostics:
        stream.write(_finding(diagnostic, report, paint))
    if not quiet:
        stream.write(summary(report, paint) + "\n")


def _painter(color: bool):
    def paint(text: str, *styles: str) -> str:
        if not color or not styles:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    return paint


def _finding(diagnostic: Diagnostic, report: Report, paint) -> str:
    lines = report.lines_of(diagnostic.path)
    style = _SEVERITY_STYLE[diagnostic.severity]
    location = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}:"
    code = paint(diagnostic.code, style, "bold")
    out = [f"{paint(location, 'bold')} {code} {marker(diagnostic, report, paint)}{diagnostic.message}\n"]
    if 1 <= diagnostic.line <= len(lines):
        width = 1
        if diagnostic.end_line == diagnostic.line and diagnostic.end_column > diagnostic.column:
            width = diagnostic.end_column - diagnostic.column
        text, start = _window(lines[diagnostic.line - 1].expandtabs(1), diagnostic.column - 1, width)
        gutter = " " * len(str(diagnostic.line))
        caret = " " * start + "^" * max(1, min(width, len(text) - start))
        out.append(f"{paint(gutter + ' |', 'blue')}\n")
        out.append(f"{paint(str(diagnostic.line) + ' |', 'blue')} {text}\n")
        out.append(
            f"{paint(gutter + ' |', 'blue')} {paint(caret, style)} {paint(diagnostic.severity.name.lower(), style)}\n"
        )
    if diagnostic.hint:
        out.append(f"{paint('  = help:', 'cyan')} {diagnostic.hint}\n")
    out.append("\n")
    return "".join(out)


def _window(text: str, column: int, width: int) -> tuple[str, int]:
    """The part of a long line worth showing around the 0-based `column` (a few hundred characters
    of one paragraph would wrap over the screen), "…" where it was cut; and where the column falls
    in it. A line of at most SHOWN_WIDTH characters is shown whole."""
    if len(text) <= SHOWN_WIDTH:
        return text, column
    start = max(0, min(column - SHOWN_WIDTH // 3, len(text) - SHOWN_WIDTH))
    end = start + SHOWN_WIDTH
    head, tail = ("…" if start else ""), ("…" if end < len(text) else "")
    return head + text[start:end] + tail, column - start + len(head)


def summary(report: Report, paint=lambda text, *styles: text) -> str:
    """The last line: "Found 12 findings (3 errors, 9 warnings) in 4 of 5 files." and, when some
    can be fixed, ruff's line about them: "[*] 2 fixable with the `--fix` option (1 hidden fix can be
    enabled with the `--unsafe-fixes` option)."""
    files = plural(report.files, "file")
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
    line = paint(f"Found {plural(total, 'finding')}", "bold") + f" ({', '.join(parts)}) in {flagged} of {files}."
    fixable = sum(1 for d in report.diagnostics if applicable(d, report))
    hidden = sum(1 for d in report.diagnostics if d.fix and not applicable(d, report))
    hint = f" ({plural(hidden, 'hidden fix', 'hidden fixes')} can be enabled with the `--unsafe-fixes` option)"
    if fixable:
        line += f"\n{paint('[*]', 'cyan')} {fixable} fixable with the `--fix` option{hint if hidden else ''}."
    elif hidden:
        line += f"\nNo fixes available{hint}."
    return line


def applicable(diagnostic: Diagnostic, report: Report) -> bool:
    """Whether --fix would apply the finding's fix: a safe one, or any with --unsafe-fixes."""
    fix = diagnostic.fix
    return fix is not None and (fix.applicability == "safe" or report.unsafe_fixes)


def marker(diagnostic: Diagnostic, report: Report, paint) -> str:
    """ruff's "[*] " before the message of a finding --fix would fix."""
    return paint("[*]", "cyan") + " " if applicable(diagnostic, report) else ""
