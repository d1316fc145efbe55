"""`jdlint init`: a commented `.jdlint.toml` written from what a handbook's pages have in common.

The measuring is `jdlint.measure`; here its findings become a profile laid over the built-in one
they start from, each key with a comment that says what it was measured on, and the rules are
those whose conventions the handbook follows: a family of rules whose facts (grades, reporting
lines, career ladders) no page states is left out, and so is a rule that fires on most job pages,
for a rule every page breaks describes the handbook's convention, not a defect of its pages.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from jdlint.config import Config, built_in_rules, from_mapping
from jdlint.measure import REQUIRED_SHARE, Measurement, measure
from jdlint.profile import built_in_data, load_profile, toml_key, toml_string, toml_value

CONVENTION_SHARE = 0.5  # a rule firing on more than this share of the job pages describes the convention
CONVENTION_PAGES = 3  # ... when they are this many at least: on two pages, one defect is no convention
ALWAYS_DEFECTS = ("JD0", "JD2", "JD6")  # tool problems, placeholders, encoding: wrong under any convention
MEASURED = ("JD101",)  # its sections are those most families have: what it finds is the exception
OTHERS_SHOWN = 5  # pages named that are no job description
FACT_FAMILIES = {"JD3": "graded", "JD4": "ladders", "JD5": "reporting"}  # rule family -> what it reads
FACT_WORDS = {"graded": "state a grade", "ladders": "state a career ladder", "reporting": "say whom a role reports to"}


def write_config(root: Path) -> str:
    """The `.jdlint.toml` for the handbook under `root`, with its comments."""
    measured = measure(root)
    rules = _rules_by_use(measured)
    findings = _findings(root, _profile_table(measured, rules))
    conventions = _conventions(findings, rules, measured.documents)
    rules = [code for code in rules if code not in conventions]
    final = _findings(root, _profile_table(measured, rules)) if conventions else findings
    return _render(measured, rules, conventions, final)


def _rules_by_use(measured: Measurement) -> list[str]:
    """The codes of the rules to run: the start profile's, with the missing-section rule when
    sections are required, and each fact family as the handbook uses its facts (GitLab's choice
    of its rules when the start profile has none)."""
    gitlab = _codes(built_in_data("gitlab")["rules"])
    codes = _codes(load_profile(name=measured.profile).rules)
    if measured.required and "JD101" not in codes:
        codes.append("JD101")
    for prefix, fact in FACT_FAMILIES.items():
        used = getattr(measured, fact) > 0
        codes = [code for code in codes if used or not code.startswith(prefix)]
        if used and not any(code.startswith(prefix) for code in codes):
            codes += [code for code in gitlab if code.startswith(prefix)]
    return sorted(codes)


def _codes(selectors: list[str]) -> list[str]:
    config = from_mapping({"select": selectors}, Path("."))
    return [rule.code for rule in config.enabled_rules()]


def _profile_table(measured: Measurement, rules: list[str]) -> dict[str, Any]:
    table: dict[str, Any] = {"name": measured.profile, "rules": rules, "required-sections": measured.required}
    if measured.aliases:
        table["extend-section-aliases"] = measured.aliases
    if measured.level_sections:
        table["extend-level-sections"] = measured.level_sections
    if measured.graded:
        table["grade-levels"] = {name: grades for name, grades, _ in _grade_table(measured)}
    return table


def _grade_table(measured: Measurement) -> list[tuple[str, dict[str, Any], str]]:
    """(level, its pattern and grades, what they were measured on). When the titles use the start
    profile's level words, its levels seen too rarely to measure keep their built-in grades: the
    model reads levels by them."""
    rows = []
    for level in measured.levels:
        low, high = (int(grade) if grade == int(grade) else grade for grade in level.range)
        seen = f"n={len(level.grades)}, seen {min(level.grades):g}-{max(level.grades):g}"
        seen += ", a level word of the titles" if level.found else ""
        rows.append((level.name, {"pattern": level.pattern, "min": low, "max": high}, seen))
    if any(level.found for level in measured.levels):
        return rows
    measured_levels = {name: row for name, *row in rows}
    built_in = load_profile(name=measured.profile).grade_levels
    return [
        (name, *measured_levels[name]) if name in measured_levels else (name, grades, "too rare to measure: built in")
        for name, grades in built_in.items()
    ]


def _findings(root: Path, table: dict[str, Any]) -> tuple[Counter[str], Counter[str], list[str]]:
    """(findings by code, job pages with a finding by code, the pages that are no job description)
    under the profile table. Findings on other pages (an index, a README) say nothing of the
    conventions of job descriptions."""
    from jdlint.discover import discover
    from jdlint.engine import lint_paths

    config: Config = from_mapping({"profile": table}, root)
    report = lint_paths(discover([root], root), config, use_cache=False)
    others = _other_pages(root, config)
    where = {d.path: Path(d.path).resolve().relative_to(root.resolve()).as_posix() for d in report.diagnostics}
    by_code = Counter(d.code for d in report.diagnostics)
    pages = Counter(code for code, path in {(d.code, where[d.path]) for d in report.diagnostics} if path not in others)
    return by_code, pages, others


def _other_pages(root: Path, config: Config) -> list[str]:
    from jdlint.measure import modelled, read_documents

    return [page.path for page in modelled(read_documents(root), config.profile) if not page.family.is_job_family]


def _conventions(findings, rules: list[str], documents: int) -> dict[str, int]:
    """The rules that fire on most job pages -> on how many."""
    _, pages, others = findings
    jobs = documents - len(others)
    return {
        code: pages[code]
        for code in rules
        if not code.startswith(ALWAYS_DEFECTS + MEASURED)
        and pages[code] >= CONVENTION_PAGES
        and pages[code] > CONVENTION_SHARE * jobs
    }


def _render(measured: Measurement, rules: list[str], conventions: dict[str, int], final) -> str:
    by_code, _, others = final
    names = {rule.code: rule.name for rule in built_in_rules()}
    lines = [
        f"# jdlint configuration written by `jdlint init` from the {measured.documents} Markdown pages under this",
        "# folder. Every value below was measured on them; edit it as you see fit.",
        "#",
        *_summary(measured, others, by_code),
        "",
        "[profile]",
        *_comment(_profile_reason(measured)),
        f"name = {toml_string(measured.profile)}",
        "",
        *_comment(
            "The rules that run. Left out: "
            + "; ".join(_left_out(measured, conventions) or ["none"])
            + ". Add one back with `extend-rules` or `extend-select`."
        ),
        "rules = [",
        *(f"  {toml_string(selector)},  # {_selected(selector, names)}" for selector in _selectors(rules)),
        "]",
        "",
        *_comment(
            f"The sections at least {REQUIRED_SHARE:.0%} of the {measured.families} job families have"
            + (" (a grade statement counts as a Job Grade)" if measured.graded else "")
            + ": every family must have them (JD101). Seen less often: "
            + (", ".join(f"{u.name} ({u.families})" for u in _optional(measured)) or "nothing else")
            + "."
        ),
        "required-sections = [",
        *(
            f"  {toml_string(use.name)},  # {_headings(use)}"
            for use in measured.sections
            if use.name in measured.required
        ),
        "]",
    ]
    if measured.level_sections:
        lines += ["", *_comment(_LEVEL_SECTIONS), f"extend-level-sections = {toml_value(measured.level_sections)}"]
    if measured.aliases:
        lines += ["", *_comment(_ALIASES), "[profile.extend-section-aliases]"]
        lines += [f"{toml_key(text)} = {toml_value(names_)}" for text, names_ in measured.aliases.items()]
    if measured.graded:
        lines += ["", *_comment(_GRADES.format(graded=measured.graded, families=measured.families))]
        lines += ["[profile.grade-levels]"]
        lines += [f"{toml_key(name)} = {toml_value(grades)}  # {seen}" for name, grades, seen in _grade_table(measured)]
    if measured.text.get("words"):
        lines += ["", *_text_rule(measured.text)]
    return "\n".join(lines) + "\n"


def _text_rule(text: dict[str, list[float]]) -> list[str]:
    """The measures of the job pages' text, and a rule on their length to uncomment."""
    from jdlint.profile_rules import METRICS

    ranges = {name: _middle(values) for name, values in text.items() if values}
    shown = ", ".join(
        f"{name} {METRICS[name][1](low)} to {METRICS[name][1](high)}" for name, (low, high) in ranges.items()
    )
    low, high = ranges["words"]
    return [
        *_comment(
            f"The text of the job pages, from the tenth to the ninetieth percentile: {shown}. Rules of your"
            ' own can keep new pages there (see the README, "Profiles"); this one, on their length, is'
            " yours to uncomment:"
        ),
        "# [profile.custom-rules.HB201]",
        '# name = "length"',
        f'# message = "{{value}} words; most pages have {low:g} to {high:g}"',
        '# metric = "words"',
        f"# min = {low:g}",
        f"# max = {high:g}",
    ]


def _middle(values: list[float]) -> tuple[float, float]:
    """The tenth and ninetieth percentiles of sorted values (the lowest and highest of a few)."""
    last = len(values) - 1
    return values[int(0.1 * last)], values[-(-9 * last // 10)]


def _selectors(codes: list[str]) -> list[str]:
    """The codes, a family's prefix ("JD2") standing for all of its rules."""
    selectors = []
    for code in codes:
        prefix = code[:3]
        family = [rule.code for rule in built_in_rules() if rule.code.startswith(prefix)]
        whole = set(family) <= set(codes)
        if not (whole and prefix in selectors):
            selectors.append(prefix if whole else code)
    return selectors


def _selected(selector: str, names: dict[str, str]) -> str:
    return names.get(selector) or f"every {selector} rule"


def _summary(measured: Measurement, others: list[str], by_code: Counter[str]) -> list[str]:
    facts = [f"{getattr(measured, fact)} {FACT_WORDS[fact]}" for fact in FACT_FAMILIES.values()]
    total = sum(by_code.values())
    findings = f" ({', '.join(f'{code} {count}' for code, count in sorted(by_code.items()))})" if total else ""
    shown = ", ".join(others[:OTHERS_SHOWN]) + (
        f" and {len(others) - OTHERS_SHOWN} more" if others[OTHERS_SHOWN:] else ""
    )
    return _comment(
        f"Job descriptions: {measured.documents - len(others)} of the {measured.documents} pages (a page is"
        " one when a heading names a section of `required-sections` below, or it states a grade)"
        + (f"; not: {shown}" if others else "")
        + f". They form {measured.families}"
        f" families: {', '.join(facts)}. Under this configuration the handbook has"
        f" {total} finding{'' if total == 1 else 's'}{findings}; `jdlint check` lists them."
    )


def _profile_reason(measured: Measurement) -> str:
    fits = ", ".join(f"{name} {score}" for name, score in measured.scores.items())
    if not any(measured.scores.values()):
        return (
            f'Starts from the built-in profile "{measured.profile}": no other built-in profile names a heading of'
            " these pages. Keys not given here are that profile's: `jdlint profile show` prints them all."
        )
    return (
        f'Starts from the built-in profile "{measured.profile}", whose section names fit these pages best'
        f" (sections recognised, plus the pages whose grades, reporting lines and ladders its rules read: {fits})."
        " Keys not given here are that profile's: `jdlint profile show` prints them all."
    )


def _left_out(measured: Measurement, conventions: dict[str, int]) -> list[str]:
    unused = [f"{prefix} (0 families {FACT_WORDS[fact]})" for prefix, fact in FACT_FAMILIES.items()]
    unused = [text for text, fact in zip(unused, FACT_FAMILIES.values(), strict=True) if not getattr(measured, fact)]
    names = {rule.code: rule.name for rule in built_in_rules()}
    return unused + [
        f"{code} {names[code]} (it fires on {count} job pages: the handbook's convention)"
        for code, count in conventions.items()
    ]


def _optional(measured: Measurement):
    return [use for use in measured.sections if use.name not in measured.required]


def _headings(use) -> str:
    return (
        "headed " + ", ".join(f'"{text}" {count}' for text, count in use.headings.most_common(3))
        if use.headings
        else "stated, not headed"
    )


def _comment(text: str, width: int = 100) -> list[str]:
    import textwrap

    return ["# " + line for line in textwrap.wrap(text, width - 2, break_on_hyphens=False)]


_ALIASES = (
    "Headings the start profile does not know, and the sections they are: another built-in profile's"
    " name for one of its sections, or a heading most families have."
)
_LEVEL_SECTIONS = "Sections of the handbook's own that each level carries under its heading."
_GRADES = (
    "The grades stated for each level word of the titles ({graded} of the {families} families state"
    " grades): the narrowest range that holds 90% of a level's grades, so the rest are findings to"
    " judge. The first pattern that matches a title wins."
)
