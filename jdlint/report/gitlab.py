"""`--output-format gitlab`: a GitLab Code Quality report (the `codequality` artifact of a job).

Each finding's fingerprint is stable when lines move (see `fingerprint.py`), so GitLab tells new
findings in a merge request from those already on the target branch.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TextIO

from jdlint.engine import Report
from jdlint.report.fingerprint import fingerprints
from jdlint.rule import Severity

# GitLab's levels are info, minor, major, critical and blocker; jdlint's three map to the first three.
SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    issues = [
        {
            "description": f"{d.code}: {d.message}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": SEVERITY[d.severity],
            "location": {"path": PurePath(d.path).as_posix(), "lines": {"begin": d.line}},
        }
        for d, fingerprint in zip(report.diagnostics, fingerprints(report), strict=True)
    ]
    json.dump(issues, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
