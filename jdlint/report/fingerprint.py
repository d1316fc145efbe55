"""Stable identities of findings, for the formats whose consumers track findings across runs
(GitLab Code Quality, SARIF): a finding keeps its fingerprint when lines are added above it."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import PurePath

from jdlint.engine import Report

_LINE_NUMBER = re.compile(r"\b(lines?) \d+")


def fingerprints(report: Report) -> list[str]:
    """One hex digest per diagnostic of `report`, in its order.

    The digest covers the path, the code, the message (with "line 12" read as "line #") and the
    text of the flagged line, never the line number, so it survives lines moving. Identical
    findings (same key) are told apart by an occurrence counter in file order, so every
    fingerprint of a run is unique.
    """
    seen: Counter[str] = Counter()
    digests = []
    for diagnostic in report.diagnostics:
        lines = report.lines_of(diagnostic.path)
        text = lines[diagnostic.line - 1].strip() if 1 <= diagnostic.line <= len(lines) else ""
        message = _LINE_NUMBER.sub(r"\1 #", diagnostic.message)
        key = "\0".join((PurePath(diagnostic.path).as_posix(), diagnostic.code, message, text))
        seen[key] += 1
        data = f"{key}\0{seen[key]}".encode("utf-8", "surrogatepass")
        digests.append(hashlib.sha256(data).hexdigest())
    return digests
