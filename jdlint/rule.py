"""What a rule is and what it yields. Rule modules import from here and nowhere else in the engine.

Its value types are named tuples, not dataclasses: every run imports this module, and making a
dataclass takes a millisecond or so at import (a tenth of a one-file run's own work).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

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


class Edit(NamedTuple):
    """Replace the text from (line, column) up to, not including, (end_line, end_column)."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str


class Fix(NamedTuple):
    message: str
    edits: tuple[Edit, ...]
    applicability: str = "safe"  # "safe" | "unsafe"

    def to_json(self) -> dict:
        edits = [edit._asdict() for edit in self.edits]
        return {"message": self.message, "edits": edits, "applicability": self.applicability}


def plural(count: int, noun: str, nouns: str = "") -> str:
    """ "1 file", "2 files"; `nouns` for another plural ("1 line ends", "2 lines end")."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


class Finding(NamedTuple):
    """A problem a rule found; the engine adds the path, code and severity."""

    line: int
    message: str
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    hint: str = ""
    fix: Fix | None = None


class Context:
    """What rules may consult besides the page: the conventions and the whole handbook."""

    __slots__ = ("profile", "handbook", "path", "memo")

    def __init__(self, profile: Profile, handbook: HandbookIndex, path: str) -> None:
        self.profile, self.handbook = profile, handbook
        self.path = path  # the page's path relative to the handbook root, as the index knows it
        self.memo: dict = {}  # what rules work out once per check


Check = Callable[["Page", Context], Iterable[Finding]]


class Rule:
    """A rule: what selects it and weighs its findings, and its check, whose docstring documents it.

    A built-in rule is listed in the catalogue (`jdlint.rules`) with its `module`; the check is
    looked up there on first use, so a run whose findings all come from the cache imports no rule.
    """

    __slots__ = ("code", "name", "severity", "fixable", "by_engine", "cross_file", "module", "_check", "_doc")

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        check: Check | None = None,
        doc: str = "",
        fixable: bool = False,
        by_engine: bool = False,  # reported by the engine itself, never called
        cross_file: bool = False,  # its findings depend on other documents, through the handbook index
        module: str = "",  # of the catalogue's rules: where its check is, under jdlint.rules
    ) -> None:
        self.code, self.name, self.severity, self.fixable, self.by_engine = code, name, severity, fixable, by_engine
        self.cross_file, self.module, self._check, self._doc = cross_file, module, check, doc

    def __repr__(self) -> str:
        return f"Rule({self.code!r}, {self.name!r}, {self.severity!s})"

    @property
    def check(self) -> Check:
        if self._check is None:
            import importlib

            importlib.import_module(f"jdlint.rules.{self.module}")  # its decorators fill in the checks
            if self._check is None:
                raise LookupError(f"{self.code}: jdlint.rules.{self.module} has no check for it")
        return self._check

    @property
    def doc(self) -> str:
        self.check  # noqa: B018  (importing the module sets the documentation)
        return self._doc

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n")[0].replace("\n", " ").strip()


REGISTRY: list[Rule] = []  # the catalogue's rules, in order, once `jdlint.rules` is imported


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    fixable: bool = False,
    by_engine: bool = False,
    cross_file: bool = False,
):
    """Give a rule of the catalogue its check: `@rule("JD201", "placeholder-text", Severity.ERROR)`.
    The catalogue must say the same of it: a rule it lacks or describes otherwise is an error here.
    A rule that reads other documents through `Context.handbook` (titles, grades, links, the files
    of its family) says `cross_file=True`: a change to one page re-checks the pages it may break
    with those rules."""

    def register(check: Check) -> Check:
        import inspect  # with the rule modules, not on a run that only lists the catalogue

        listed = next((r for r in REGISTRY if r.code == code), None)
        said = (name, severity, fixable, by_engine, cross_file)
        if listed is None or _said_of(listed) != said:
            raise ValueError(f"{code} {name}: the rule catalogue (jdlint.rules) lists it otherwise, or not at all")
        listed._check, listed._doc = check, inspect.getdoc(check) or ""
        return check

    return register


def _said_of(listed: Rule) -> tuple:
    return listed.name, listed.severity, listed.fixable, listed.by_engine, listed.cross_file


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
