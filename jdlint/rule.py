"""What a rule is and what it yields. Rule modules import from here and nowhere else in the engine."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jdlint.handbook import HandbookIndex
    from jdlint.model import Page
    from jdlint.profile import Profile


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (line, column) up to, not including, (end_line, end_column)."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    message: str
    edits: tuple[Edit, ...]
    applicability: str = "safe"  # "safe" | "unsafe"


def plural(count: int, noun: str, nouns: str = "") -> str:
    """ "1 file", "2 files"; `nouns` for another plural ("1 line ends", "2 lines end")."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule found; the engine adds the path, code and severity."""

    line: int
    message: str
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    hint: str = ""
    fix: Fix | None = None


@dataclass(frozen=True)
class Context:
    """What rules may consult besides the page: the conventions and the whole handbook."""

    profile: Profile
    handbook: HandbookIndex
    path: str  # the page's path relative to the handbook root, as the index knows it
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # what rules work out once per check


Check = Callable[["Page", Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    doc: str
    fixable: bool = False
    by_engine: bool = False  # reported by the engine itself, never called
    cross_file: bool = False  # its findings depend on other documents, through the handbook index

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n")[0].replace("\n", " ").strip()


REGISTRY: list[Rule] = []


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    fixable: bool = False,
    by_engine: bool = False,
    cross_file: bool = False,
):
    """Register a check: `@rule("JD201", "placeholder-text", Severity.ERROR)`. A rule that reads other
    documents through `Context.handbook` (titles, grades, links, the files of its family) says
    `cross_file=True`: a change to one page re-checks the pages it may break with those rules."""

    def register(check: Check) -> Check:
        doc = inspect.getdoc(check) or ""
        REGISTRY.append(Rule(code, name, severity, check, doc, fixable, by_engine, cross_file))
        return check

    return register


def did_you_mean(
    line: int, raw: str, name: str, meant: str | None, message: str, hint: str, column: int = 1
) -> Finding:
    """A finding about `name` on `line` whose raw text is `raw`. When the raw text has `name`
    verbatim from `column` on, the finding spans it and, given the title `meant`, carries the
    unsafe fix that writes it there: unsafe because the suggestion is a guess at what the author
    meant. Where the name is not verbatim (markup inside it) no fix is offered: a fix never
    guesses its span."""
    start = raw.find(name, column - 1) if name else -1
    if start < 0:
        return Finding(line, message, column=column, hint=hint)
    end = start + 1 + len(name)
    fix = None
    if meant and meant != name:
        fix = Fix(f'replace with "{meant}"', (Edit(line, start + 1, line, end, meant),), "unsafe")
    return Finding(line, message, column=start + 1, end_column=end, hint=hint, fix=fix)
