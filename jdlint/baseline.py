"""Adopting jdlint on a handbook that already has findings: record them, then report only new ones.

A baseline entry names a finding by what it is about, not where it is: the rule, the file, and
the text of the flagged line with the nearest non-blank lines around it. A finding that only
moved (lines added above it) still matches; a new finding in an old file does not. Entries are a
multiset, so two identical findings need two entries.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePath

from jdlint.engine import Diagnostic, Report

VERSION = 2  # 1: `{key: count}` per file, still read


class BaselineError(Exception):
    """The baseline file cannot be read; the message names it."""


def _neighbour(lines: tuple[str, ...], index: int, step: int) -> str:
    index += step
    while 0 <= index < len(lines) and not lines[index].strip():
        index += step
    return lines[index].strip() if 0 <= index < len(lines) else ""


def key(diagnostic: Diagnostic, lines: tuple[str, ...]) -> str:
    index = diagnostic.line - 1
    text = lines[index].strip() if 0 <= index < len(lines) else ""
    parts = (
        diagnostic.code,
        text,
        _neighbour(lines, index, -1),
        _neighbour(lines, index, +1),
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _name(shown: str, folder: Path) -> str:
    """A file as the baseline in `folder` names it: relative to that folder, whatever the cwd."""
    return PurePath(os.path.relpath(os.path.abspath(shown), folder)).as_posix()


def write(report: Report, path: Path) -> int:
    """Record every finding of `report`, by file; return how many. Beside each key go the rule, the
    line and the message of the finding it was taken from, so that a reader of the file (or of its
    diff in review) sees what was accepted; only the key and the count are matched."""
    findings: dict[str, dict[str, dict]] = {}
    folder = path.resolve().parent
    for diagnostic in report.diagnostics:
        entries = findings.setdefault(_name(diagnostic.path, folder), {})
        found = key(diagnostic, report.lines_of(diagnostic.path))
        entry = entries.setdefault(
            found, {"code": diagnostic.code, "line": diagnostic.line, "message": diagnostic.message, "count": 0}
        )
        entry["count"] += 1
    data = {
        "version": VERSION,
        "tool": "jdlint",
        "findings": {
            name: [{"key": found, **entry} for found, entry in sorted(entries.items(), key=_by_line)]
            for name, entries in sorted(findings.items())
        },
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(report.diagnostics)


def _by_line(item: tuple[str, dict]) -> tuple:
    found, entry = item
    return (entry["line"], entry["code"], found)


def _read(path: Path) -> dict[str, Counter[str]]:
    """File name -> key -> count, from a baseline of this version (entries with their rule and
    message) or of version 1 (`{key: count}` per file)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    remaining = {}
    for name, entries in data["findings"].items():
        if isinstance(entries, dict):  # version 1
            remaining[str(name)] = Counter({str(k): int(v) for k, v in entries.items()})
        else:
            remaining[str(name)] = Counter({str(e["key"]): int(e["count"]) for e in entries})
    return remaining


@dataclass(frozen=True)
class Applied:
    known: int  # findings the baseline already had: not reported
    gone: int  # baseline entries that no longer occur: the file can be shrunk


def apply(report: Report, path: Path) -> Applied:
    """Drop from `report` the findings recorded in the baseline at `path`."""
    try:
        remaining = _read(path)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error.strerror or error}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BaselineError(f"{path}: not a jdlint baseline (write one with --write-baseline)") from None
    kept = []
    folder = path.resolve().parent
    for diagnostic in report.diagnostics:
        entries = remaining.get(_name(diagnostic.path, folder), Counter())
        found = key(diagnostic, report.lines_of(diagnostic.path))
        if entries[found] > 0:
            entries[found] -= 1
        else:
            kept.append(diagnostic)
    known = len(report.diagnostics) - len(kept)
    report.diagnostics[:] = kept
    # Only the files of this run can tell that an entry is gone (pre-commit lints a few).
    linted = {_name(shown, folder) for shown in report.paths}
    gone = sum(sum(remaining.get(name, Counter()).values()) for name in linted)
    return Applied(known, gone)
