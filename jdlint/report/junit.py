"""`--output-format junit`: JUnit XML, the test-report format CI servers read.

One testsuite "jdlint"; one testcase per linted file (name and classname: its path), with one
`<failure>` per finding; a file without findings is a passing testcase. `tests` counts the
testcases and `failures` the testcases that failed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from jdlint.engine import Diagnostic, Report

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write(report: Report, stream: TextIO, color: bool = False, quiet: bool = False) -> None:
    root = as_xml(report)
    ET.indent(root)
    stream.write(ET.tostring(root, encoding="unicode", xml_declaration=True))
    stream.write("\n")


def as_xml(report: Report) -> ET.Element:
    findings: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in report.diagnostics:
        findings[diagnostic.path].append(diagnostic)
    paths = sorted(set(report.paths) | set(findings))
    counts = {"tests": str(len(paths)), "failures": str(len(findings)), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "jdlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "jdlint", **counts})
    for path in paths:
        case = ET.SubElement(suite, "testcase", {"name": _xml(path), "classname": _xml(path)})
        for d in findings.get(path, ()):
            failure = ET.SubElement(case, "failure", {"message": _xml(d.message), "type": d.code})
            failure.text = _xml(f"{d.path}:{d.line}:{d.column}: {d.code} {d.name} ({d.severity}): {d.message}")
    return root


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
