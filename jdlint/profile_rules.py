"""Rules a profile defines as data (`[profile.custom-rules.CODE]`): phrases forbidden or required
within named sections, and measures of the text (words, share of words in bullets, words per
sentence) kept within bounds. They run, are selected, ignored and suppressed like built-in rules.

    [profile.custom-rules.SG101]
    name = "qualitative-qualification"
    message = 'qualitative word "{match}": name a skill the candidate can show'
    sections = ["Requirements"]          # section names after aliases; none: the whole page
    forbid = ['\\bexcellent\\b', '\\bpassionate\\b']
    unless = ['\\bexcellent\\s+written\\b'] # a line matching one of these is never reported

    [profile.custom-rules.SG201]
    name = "length"
    message = "{value} words; a posting has 600 to 700"
    metric = "words"                     # words | bullet-share | sentence-words | reading-ease
    min = 600
    max = 700
    skip-sections = ["Hiring Process"]
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
_KEYS = {"name", "message", "hint", "severity", "sections", "skip-sections", "forbid", "require", "unless"}
_KEYS |= {"metric", "min", "max"}
_REGEX_LISTS = ("forbid", "require", "unless")
_KINDS = ("forbid", "require", "metric")
_Scope = tuple[frozenset[str], frozenset[str]]  # (sections counted, none: all; sections skipped)


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
    if not _NAME.fullmatch(name):
        raise ValueError(f"{where}: 'name' must be kebab-case, like missing-salary-range")
    try:
        message.format(match="", section="", value=0)
    except (KeyError, IndexError, ValueError):
        raise ValueError(f"{where}: 'message' may use {{match}}, {{section}} and {{value}} only") from None
    try:
        severity = Severity.parse(_text(spec, "severity", where, required=False) or "warning")
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    if sum(1 for kind in _KINDS if spec.get(kind)) != 1:
        raise ValueError(f"{where}: give one of 'forbid', 'require' (lists of regexes) or 'metric'")
    return Rule(code, name, severity, _check(spec, where), _doc(spec, message))


def _check(spec: dict[str, Any], where: str):
    """The rule's check: a closure over its data, as the built-in rules are functions of the profile."""
    lists = {key: _any_of(_regexes(spec, key, where), f"{where}: {key}") for key in _REGEX_LISTS}
    sections = frozenset(_strings(spec, "sections", where))
    skipped = frozenset(_strings(spec, "skip-sections", where))
    message, hint = spec["message"], _text(spec, "hint", where, required=False)
    if spec.get("forbid"):
        return _forbidding(lists["forbid"], lists["unless"], (sections, skipped), message, hint)
    if spec.get("require"):
        return _requiring(lists["require"], lists["unless"], (sections, skipped), message, hint)
    return _measuring(_metric(spec, where), (sections, skipped), message, hint)


def _forbidding(pattern: re.Pattern[str], unless: re.Pattern[str], scope: _Scope, message, hint):
    def check(page: Page, context: Context) -> Iterator[Finding]:
        if not page.family.is_job_family:
            return
        sections = _resolved(scope, context)[0]
        for line in _lines(page, context, scope):
            if line.is_heading or unless.search(line.text):
                continue
            for match in pattern.finditer(line.text):
                section = next((name for name in line.sections if name in sections), "")
                yield Finding(
                    line.number,
                    message.format(match=match.group(), section=section, value=""),
                    column=match.start() + 1,
                    end_column=match.end() + 1,
                    hint=hint,
                )

    return check


def _requiring(pattern: re.Pattern[str], unless: re.Pattern[str], scope: _Scope, message, hint):
    """One finding when no line of the sections (of the page, without sections) matches: on the
    first heading of the sections, else on the page's title."""
    named = scope[0]

    def check(page: Page, context: Context) -> Iterator[Finding]:
        if not page.family.is_job_family:
            return
        lines = _lines(page, context, scope)
        if any(pattern.search(line.text) and not unless.search(line.text) for line in lines):
            return
        headings = (line.number for line in lines if line.is_heading and named)
        heading = next(headings, page.family.title_line)
        yield Finding(heading, message.format(match="", section=", ".join(sorted(named)), value=""), hint=hint)

    return check


def _lines(page: Page, context: Context, scope: _Scope):
    """The page's prose lines, as the JD7 rules read them, in the scope's sections."""
    from jdlint.prose import prose

    scope = _resolved(scope, context)
    return [line for line in prose(page, context) if _in_scope(line.sections, scope)]


def _resolved(scope: _Scope, context: Context) -> _Scope:
    """The scope with the sections its names name: a section given as the handbook heads it ("How
    to apply") is also the profile's section that heading is ("Hiring Process")."""
    sections, skipped = (
        frozenset(names) | {section for name in names for section in context.profile.section_names(name)}
        for names in scope
    )
    return sections, skipped


def _in_scope(names: frozenset[str], scope: _Scope) -> bool:
    """Under one of the scope's sections (any, when it names none) and under none it skips."""
    sections, skipped = scope
    return (not sections or bool(names & sections)) and not names & skipped


def _measuring(metric, scope: _Scope, message, hint):
    """One finding, on the page's title, when the measure of its text (of the sections, less the
    skipped ones) falls outside [min, max]."""
    (measure, shown), low, high = metric

    def check(page: Page, context: Context) -> Iterator[Finding]:
        if not page.family.is_job_family:
            return
        value = measure(_counted_blocks(page, context, scope))
        if value is not None and not low <= value <= high:
            yield Finding(page.family.title_line, message.format(match="", section="", value=shown(value)), hint=hint)

    return check


def _counted_blocks(page: Page, context: Context, scope: _Scope):
    """The page's paragraphs (a list item's text is one, at its depth) and table cells in the
    scope's sections, placed in sections as the prose lines are."""
    from jdlint.prose import prose

    placed = {line.number: line.sections for line in prose(page, context)}
    scope = _resolved(scope, context)
    return [
        block
        for block in page.parsed.blocks
        if block.kind in ("paragraph", "table") and _in_scope(placed.get(block.line, frozenset()), scope)
    ]


def _words(blocks) -> int:
    return sum(len(block.text.split()) for block in blocks)


def _bullet_share(blocks) -> float | None:
    """The share of the words that stand in lists."""
    total = _words(blocks)
    bulleted = _words([block for block in blocks if block.kind == "paragraph" and block.level > 0])
    return bulleted / total if total else None


def _sentence_words(blocks) -> float | None:
    """The mean number of words per sentence of the paragraphs (list items are not sentences)."""
    sentences = [s for b in blocks if b.kind == "paragraph" and not b.level for s in _SENTENCE_END.split(b.text)]
    lengths = [len(sentence.split()) for sentence in sentences if sentence.strip()]
    return round(sum(lengths) / len(lengths), 1) if lengths else None


def _reading_ease(blocks) -> float | None:
    """Flesch reading ease of the paragraphs and list items (a list item is a sentence of its own)."""
    return flesch_reading_ease([s for b in blocks if b.kind == "paragraph" for s in _SENTENCE_END.split(b.text)])


def flesch_reading_ease(sentences: list[str]) -> float | None:
    """Flesch reading ease of the sentences: 206.835 - 1.015 x words per sentence - 84.6 x
    syllables per word. 60 to 70 reads as plain English; below 30, as a legal text. Also JD712's."""
    sentences = [sentence for sentence in sentences if _WORD.search(sentence)]
    words = [word for sentence in sentences for word in _WORD.findall(sentence)]
    if not words:
        return None
    syllables = sum(map(syllable_count, words))
    return round(206.835 - 1.015 * len(words) / len(sentences) - 84.6 * syllables / len(words), 1)


def syllable_count(word: str) -> int:
    """The syllables of an English word, told by its groups of vowels: a final silent "e" ("make"),
    and "-ed" or "-es" that add no syllable ("worked", "makes"), do not count. Within one of the
    dictionary's count for most words; a readability score needs no more."""
    word = word.lower()
    count = len(_VOWEL_GROUPS.findall(word))
    silent = (word.endswith("e") and not word.endswith(("le", "ee", "ye"))) or _SILENT_ENDING.search(word)
    return max(count - bool(silent and count > 1), 1)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SILENT_ENDING = re.compile(r"(?<![td])ed$|(?<![sxzgc])(?<!ch)(?<!sh)es$")
METRICS = {  # name -> (measure, how a value is shown)
    "words": (_words, str),
    "bullet-share": (_bullet_share, "{:.0%}".format),
    "sentence-words": (_sentence_words, "{:g}".format),
    "reading-ease": (_reading_ease, "{:g}".format),
}


def _metric(spec: dict[str, Any], where: str):
    """((measure, shown), min, max) of a metric rule."""
    if spec["metric"] not in METRICS:
        raise ValueError(f"{where}: 'metric' is one of {', '.join(METRICS)}")
    bounds = [spec.get(key, default) for key, default in (("min", 0), ("max", float("inf")))]
    numbers = all(isinstance(bound, (int, float)) and not isinstance(bound, bool) for bound in bounds)
    if not numbers or not {"min", "max"} & set(spec):
        raise ValueError(f"{where}: a metric needs 'min', 'max' or both, as numbers")
    return METRICS[spec["metric"]], *bounds


def _any_of(regexes: list[str], where: str) -> re.Pattern[str]:
    """The list as one pattern; a list whose regexes cannot stand together (a group name used
    twice) is a config error, not a crash."""
    from jdlint.profile import _alternation

    try:
        return _alternation(regexes, re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"{where}: its regexes cannot be searched as one: {error}") from None


def _doc(spec: dict[str, Any], message: str) -> str:
    """What `jdlint explain CODE` shows; its first paragraph is the summary `jdlint rules` lists."""
    summary = message.format(match="…", section=", ".join(spec.get("sections", [])) or "the page", value="…")
    keys = [key for key in ("sections", "skip-sections", *_REGEX_LISTS) if spec.get(key)]
    definition = [f"- {key}: " + ", ".join(f"`{item}`" for item in spec[key]) for key in keys]
    definition += [f"- {key}: {spec[key]}" for key in ("metric", "min", "max") if key in spec]
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
