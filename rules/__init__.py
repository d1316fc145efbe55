"""The rule catalogue, installed as `jdlint.rules`: one module per rule family.

A rule is a decorated generator over a page's model; its docstring is its documentation, shown by
`jdlint explain CODE` and in the README's rule table. To add one, copy a neighbour and list it
below with what its decorator says: a run selects rules and weighs their findings from this list
alone, and imports a rule's module only to run or document it (a run answered from the cache
imports none).
"""

from jdlint.rule import REGISTRY, Rule, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
FIXABLE, BY_ENGINE = {"fixable": True}, {"by_engine": True}

# In the order the rules run: by module, then as each module defines them.
_CATALOGUE = {
    "encoding": [
        ("JD601", "mojibake", ERROR, FIXABLE),
        ("JD602", "replacement-character", ERROR),
        ("JD603", "control-character", WARNING, FIXABLE),
        ("JD604", "mixed-line-endings", WARNING, FIXABLE),
    ],
    "grades": [
        ("JD301", "missing-grade", WARNING),
        ("JD302", "grade-level-mismatch", WARNING),
        ("JD303", "grade-order", ERROR),
        ("JD304", "grade-conflict", ERROR),
    ],
    "ladders": [
        ("JD401", "unknown-next-step", ERROR),
        ("JD402", "undefined-ladder", WARNING),
        ("JD403", "next-step-not-higher", WARNING),
        ("JD404", "informal-next-step", WARNING),
    ],
    "placeholders": [
        ("JD201", "placeholder-text", ERROR),
        ("JD202", "unfinished-marker", WARNING),
    ],
    "policy": [
        ("JD701", "required-requirement-missing", WARNING),
        ("JD702", "years-of-experience", WARNING),
        ("JD703", "vacancy-language", WARNING),
        ("JD704", "location-requirement", WARNING),
        ("JD705", "performance-indicator-count", INFO),
        ("JD706", "gender-coded-wording", INFO),
    ],
    "reporting": [
        ("JD501", "conflicting-managers", ERROR),
        ("JD502", "unknown-manager", ERROR),
        ("JD503", "manager-not-senior", WARNING),
        ("JD504", "missing-reports-to", WARNING),
        ("JD505", "malformed-reports-to", ERROR),
        ("JD506", "reports-to-other-role", WARNING),
        ("JD507", "informal-manager", WARNING),
    ],
    "structure": [
        ("JD101", "missing-section", WARNING),
        ("JD102", "inheritance-wrong-section", ERROR),
        ("JD103", "inheritance-unknown-level", ERROR),
        ("JD104", "empty-section", WARNING),
        ("JD105", "title-mismatch", WARNING),
        ("JD106", "lost-bullet", WARNING, FIXABLE),
        ("JD107", "level-heading-depth", WARNING),
        ("JD108", "heading-skip", INFO),
        ("JD109", "section-of-another-level", WARNING),
        ("JD110", "duplicate-family", WARNING),
    ],
    "tool": [
        ("JD000", "internal-error", ERROR, BY_ENGINE),
        ("JD001", "undecodable-bytes", ERROR),
        ("JD002", "invalid-front-matter", ERROR),
        ("JD003", "unused-suppression", INFO, BY_ENGINE),
        ("JD004", "time-budget-exceeded", ERROR, BY_ENGINE),
    ],
}

REGISTRY.extend(
    Rule(code, name, severity, module=module, **(more[0] if more else {}))
    for module, rules in _CATALOGUE.items()
    for code, name, severity, *more in rules
)
