"""Run the rules over documents: read, parse, model, check, suppress."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from jdlint import model
from jdlint.config import Config
from jdlint.parse import parse
from jdlint.rule import REGISTRY, Context, Finding, Fix, Rule, Severity
from jdlint.source import decode
from jdlint.suppress import read_suppressions

import jdlint.rules  # noqa: F401  (registers the catalogue)

_BY_CODE = {rule.code: rule for rule in REGISTRY}
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    hint: str = ""
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)


@dataclass
class Report:
    """The outcome of a run: diagnostics, files that could not be read, and what was skipped."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # unreadable files: exit 2
    skipped: list[str] = field(default_factory=list)  # binary or huge files, with the reason
    files: int = 0
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # source lines of flagged files


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def lint_paths(paths: list[Path], config: Config) -> Report:
    report = Report()
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    for path in paths:
        shown = display_path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            report.errors.append(f"{shown}: cannot read: {error.strerror or error}")
            continue
        reason = _skip_reason(data)
        if reason:
            report.skipped.append(f"{shown}: skipped: {reason}")
            continue
        report.files += 1
        relative = _relative(path, config.root)
        enabled = {rule.code for rule in config.enabled_rules(config.ignores_for(relative))}
        active = [rule for rule in rules if rule.code in enabled]
        diagnostics, lines = lint_text(data, shown, config, active)
        if diagnostics:
            report.diagnostics.extend(diagnostics)
            report.lines[shown] = lines
    report.diagnostics.sort(key=lambda d: d.sort_key)
    return report


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _skip_reason(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary file (NUL byte)"
    return ""


def lint_text(
    data: bytes, path: str, config: Config, rules: list[Rule]
) -> tuple[list[Diagnostic], tuple[str, ...]]:
    """All diagnostics of one document, suppressions applied, and the document's lines."""
    context = Context(config.profile)
    source = decode(data)
    try:
        page = model.build(path, parse(source), config.profile)
    except Exception as error:  # a bug in jdlint must not stop the run
        return [_internal_error(path, "reading the page", error, config)], source.lines
    diagnostics: list[Diagnostic] = []
    for rule in rules:
        try:
            diagnostics.extend(_diagnostic(path, rule, f, config) for f in rule.check(page, context))
        except Exception as error:
            diagnostics.append(_internal_error(path, f"rule {rule.code} ({rule.name})", error, config))
    return _apply_suppressions(diagnostics, page, path, config), source.lines


def _diagnostic(path: str, rule: Rule, finding: Finding, config: Config) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=finding.line,
        column=finding.column,
        end_line=finding.end_line or finding.line,
        end_column=finding.end_column or finding.column,
        code=rule.code,
        name=rule.name,
        severity=config.severity_of(rule),
        message=finding.message,
        hint=finding.hint,
        fix=finding.fix,
    )


def _internal_error(path: str, where: str, error: Exception, config: Config) -> Diagnostic:
    message = f"internal error in {where}: {type(error).__name__}: {error}"
    return _diagnostic(path, _BY_CODE["JD000"], Finding(1, message), config)


def _apply_suppressions(
    diagnostics: list[Diagnostic], page: model.Page, path: str, config: Config
) -> list[Diagnostic]:
    suppressions = read_suppressions(page.parsed.html_comments, len(page.source.lines))
    if not suppressions:
        return diagnostics
    kept = []
    for diagnostic in diagnostics:
        covering = [s for s in suppressions if s.covers(diagnostic.code, diagnostic.name, diagnostic.line)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(diagnostic)
    unused = _BY_CODE["JD003"]
    if unused in config.enabled_rules():
        for suppression in suppressions:
            if not suppression.used:
                codes = " ".join(suppression.codes) or "every rule"
                finding = Finding(suppression.line, f"suppression of {codes} suppresses nothing")
                kept.append(_diagnostic(path, unused, finding, config))
    return kept
