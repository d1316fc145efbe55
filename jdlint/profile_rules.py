"""Rules a profile defines as data (`[profile.custom-rules.CODE]`): phrases forbidden, or required,
within named sections. They run, are selected, ignored and suppressed like the built-in rules.

    [profile.custom-rules.SG101]
    name = "qualitative-qualification"
    message = 'qualitative word "{match}": name a skill the candidate can show'
    sections = ["Requirements"]          # section names after aliases; none: the whole page
    forbid = ['\\bexcellent\\b', '\\bpassionate\\b']
    unless = ['\\bexcellent\\s+written\\b'] # a line matching one of these is never reported
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jdlint.rule import Context, Finding, Rule, Severity

if TYPE_CHECKING:
    from jdlint.model import Page

_CODE = re.compile(r"[A-Z]+[0-9]+")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_KEYS = {"name", "message", "hint", "severity", "sections", "forbid", "require", "unless"}
_REGEX_LISTS = ("forbid", "require", "unless")


def build_rules(definitions: dict[str, Any]) -> tuple[Rule, ...]:
    """One rule per definition; ValueError names the first thing wrong in one."""
    return tuple(_build(code, spec) for code, spec in definitions.items())


def _build(code: str, spec: Any) -> Rule:
    where = f"custom rule {code!r}"
    if not _CODE.fullmatch(code) or code.startswith("JD"):
        raise ValueError(f"{where}: a code is capital letters then digits (SG101), never starting with JD")
    if not isinstance(spec, dict):
        raise ValueError(f"{where} must be a table")
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    name, message = _text(spec, "name", where), _text(spec, "message", where)
    hint = _text(spec, "hint", where, required=False)
    if not _NAME.fullmatch(name):
        raise ValueError(f"{where}: 'name' must be kebab-case, like missing-salary-range")
    lists = {key: _regexes(spec, key, where) for key in _REGEX_LISTS}
    sections = _strings(spec, "sections", where)
    if bool(lists["forbid"]) == bool(lists["require"]):
        raise ValueError(f"{where}: give either 'forbid' or 'require' (a list of regexes)")
    try:
        message.format(match="", section="")
    except (KeyError, IndexError, ValueError):
        raise ValueError(f"{where}: 'message' may use {{match}} and {{section}} only") from None
    try:
        severity = Severity.parse(_text(spec, "severity", where, required=False) or "warning")
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    unless = _any_of(lists["unless"])
    if lists["forbid"]:
        check = _forbidding(_any_of(lists["forbid"]), unless, frozenset(sections), message, hint)
    else:
        check = _requiring(_any_of(lists["require"]), unless, sections, message, hint)
    return Rule(code, name, severity, check, _doc(spec, message))


def _forbidding(pattern: re.Pattern[str], unless: re.Pattern[str], sections: frozenset[str], message, hint):
    def check(page: Page, context: Context) -> Iterator[Finding]:
        if not page.family.is_job_family:
            return
        for line in _lines(page, context, sections):
            if line.is_heading or unless.search(line.text):
                continue
            for match in pattern.finditer(line.text):
                section = next((name for name in line.sections if name in sections), "")
                yield Finding(
                    line.number,
                    message.format(match=match.group(), section=section),
                    column=match.start() + 1,
                    end_column=match.end() + 1,
                    hint=hint,
                )

    return check


def _requiring(pattern: re.Pattern[str], unless: re.Pattern[str], sections: list[str], message, hint):
    """One finding when no line of the sections (of the page, without sections) matches: on the
    first heading of the sections, else on the page's title."""
    named = frozenset(sections)

    def check(page: Page, context: Context) -> Iterator[Finding]:
        if not page.family.is_job_family:
            return
        lines = _lines(page, context, named)
        if any(pattern.search(line.text) and not unless.search(line.text) for line in lines):
            return
        headings = (line.number for line in lines if line.is_heading and named)
        heading = next(headings, page.family.title_line)
        yield Finding(heading, message.format(match="", section=", ".join(sections)), hint=hint)

    return check


def _lines(page: Page, context: Context, sections: frozenset[str]):
    """The page's prose lines, as the JD7 rules read them, in one of `sections` (all: none named)."""
    from jdlint.rules.policy import _prose

    lines = _prose(page, context)
    return [line for line in lines if line.sections & sections] if sections else lines


def _any_of(regexes: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{regex})" for regex in regexes) or "(?!)", re.IGNORECASE)


def _doc(spec: dict[str, Any], message: str) -> str:
    """What `jdlint explain CODE` shows; its first paragraph is the summary `jdlint rules` lists."""
    summary = message.format(match="…", section=", ".join(spec.get("sections", [])) or "the page")
    definition = [
        f"- {key}: " + ", ".join(f"`{item}`" for item in spec[key]) for key in ("sections", *_REGEX_LISTS) if spec.get(key)
    ]
    return "\n".join([summary, "", "Defined in the profile's `custom-rules`:", *definition])


def _text(spec: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = spec.get(key, "")
    if not isinstance(value, str) or (required and not value):
        raise ValueError(f"{where}: {key!r} must be a{' non-empty' if required else ''} string")
    return value


def _strings(spec: dict[str, Any], key: str, where: str) -> list[str]:
    value = spec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: {key!r} must be a list of strings")
    return value


def _regexes(spec: dict[str, Any], key: str, where: str) -> list[str]:
    regexes = _strings(spec, key, where)
    for regex in regexes:
        try:
            re.compile(regex)
        except re.error as error:
            raise ValueError(f"{where}: {key} {regex!r} is not a valid regex: {error}") from None
    return regexes
