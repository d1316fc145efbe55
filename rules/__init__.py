"""The rule catalogue, installed as `jdlint.rules`: one module per rule family.

A rule is a decorated generator over a page's model; its docstring is its documentation, shown by
`jdlint explain CODE` and in the README's rule table. To add one, copy a neighbour and list it
below with what its decorator says: a run selects rules and weighs their findings from this list
alone, and imports a rule's module only to run or document it (a run answered from the cache
imports none).
"""

from jdlint.rule import REGISTRY, Rule, Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
FIXABLE, BY_ENGINE, CROSS_FILE = {"fixable": True}, {"by_engine": True}, {"cross_file": True}

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
        ("JD303", "grade-order", ERROR, CROSS_FILE),
        ("JD304", "grade-conflict", ERROR, CROSS_FILE),
    ],
    "ladders": [
        ("JD401", "unknown-next-step", ERROR, FIXABLE | CROSS_FILE),
        ("JD402", "undefined-ladder", WARNING),
        ("JD403", "next-step-not-higher", WARNING, CROSS_FILE),
        ("JD404", "informal-next-step", WARNING, CROSS_FILE),
    ],
    "placeholders": [
        ("JD201", "placeholder-text", ERROR),
        ("JD202", "unfinished-marker", WARNING),
    ],
    "policy": [
        ("JD701", "required-requirement-missing", WARNING, CROSS_FILE),
        ("JD702", "years-of-experience", WARNING),
        ("JD703", "vacancy-language", WARNING),
        ("JD704", "location-requirement", WARNING),
        ("JD705", "performance-indicator-count", INFO),
    ],
    "reporting": [
        ("JD501", "conflicting-managers", ERROR),
        ("JD502", "unknown-manager", ERROR, FIXABLE | CROSS_FILE),
        ("JD503", "manager-not-senior", WARNING, CROSS_FILE),
        ("JD504", "missing-reports-to", WARNING, CROSS_FILE),
        ("JD505", "malformed-reports-to", ERROR),
        ("JD506", "reports-to-other-role", WARNING, FIXABLE),
        ("JD507", "informal-manager", WARNING, CROSS_FILE),
    ],
    "structure": [
        ("JD101", "missing-section", WARNING, CROSS_FILE),
        ("JD102", "inheritance-wrong-section", ERROR),
        ("JD103", "inheritance-unknown-level", ERROR, CROSS_FILE),
        ("JD104", "empty-section", WARNING),
        ("JD105", "title-mismatch", WARNING),
        ("JD106", "lost-bullet", WARNING, FIXABLE),
        ("JD107", "level-heading-depth", WARNING),
        ("JD108", "heading-skip", INFO),
        ("JD109", "section-of-another-level", WARNING),
        ("JD110", "duplicate-family", WARNING, CROSS_FILE),
        ("JD111", "broken-link", WARNING, CROSS_FILE),
    ],
    "tool": [
        ("JD000", "internal-error", ERROR, BY_ENGINE),
        ("JD001", "undecodable-bytes", ERROR),
        ("JD002", "invalid-front-matter", ERROR),
        ("JD003", "unused-suppression", INFO, FIXABLE | BY_ENGINE),
        ("JD004", "time-budget-exceeded", ERROR, BY_ENGINE),
        ("JD005", "missing-path", ERROR, BY_ENGINE),
    ],
    "wording": [
        ("JD707", "gendered-term", WARNING, FIXABLE),
        ("JD708", "age-coded-wording", WARNING),
        ("JD709", "physical-requirement", WARNING),
        ("JD710", "ableist-language", WARNING),
        ("JD711", "hype-wording", WARNING),
        ("JD706", "gender-coded-wording", INFO),
        ("JD712", "hard-to-read", INFO),
        ("JD713", "page-length", INFO),
        ("JD714", "pay-transparency", WARNING),
    ],
}

REGISTRY.extend(
    Rule(code, name, severity, module=module, **(more[0] if more else {}))
    for module, rules in _CATALOGUE.items()
    for code, name, severity, *more in rules
)
