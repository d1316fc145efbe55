"""`--output-format json-lines`: one JSON object per line, the objects of the `json` format."""

from __future__ import annotations

import json
from typing import TextIO

from jdlint.engine import Report
from jdlint.report.json import as_dict


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    for diagnostic in report.diagnostics:
        stream.write(json.dumps(as_dict(diagnostic), ensure_ascii=False) + "\n")
