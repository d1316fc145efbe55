"""Output formats: one module each, every one a `write(report, stream, color, quiet)` function."""

from __future__ import annotations

import importlib

FORMATS = ("full", "concise", "grouped", "json", "json-lines", "sarif", "gitlab", "github", "junit")
COLORED = ("full", "concise", "grouped")  # the formats for people; colour never applies to the others


def writer(name: str):
    module = importlib.import_module(f"jdlint.report.{name.replace('-', '_')}")
    return module.write
