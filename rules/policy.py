"""JD7: handbook policy and language: what a permanent job-family page may ask for, and how it says it.

Every rule here reads prose only: `jdlint.prose` (code, link targets, comments and ERB blanked;
front matter never read), each line placed under the headings above it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.handbook import role_grade
from jdlint.profile import normalise_heading, quick_search
from jdlint.prose import Line, prose, without_quotes
from jdlint.rule import Context, Finding, Severity, rule

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page

_REQUIREMENTS = "Requirements"
_NICE_TO_HAVES = "Nice-to-haves"
_PERFORMANCE_INDICATORS = "Performance Indicators"


def _unfinished(text: str, profile) -> bool:
    """A template placeholder or an unfinished-work marker ("TBD")."""
    return bool(profile.marker_pattern.search(text) or profile.placeholder_pattern.search(text))


@rule("JD701", "required-requirement-missing", Severity.WARNING, cross_file=True)
def required_requirement_missing(page: Page, context: Context) -> Iterator[Finding]:
    """A job family whose requirements nowhere include a required bullet ("Ability to use GitLab").

    ## What it does
    Checks that at least one requirement of the family (its own Requirements section, a level's,
    or a specialty's) matches each regex of the profile's `required-requirements`. It is reported
    once per family, on the requirement that comes closest ("Willingness to learn and use GitLab")
    or else on the first Requirements heading. Pages with no Requirements section at all are left
    to `missing-section`. A family split over files (a folder's `_index.md` with one page per
    level) is one family: a requirement of any of its pages counts for all, and a missing one is
    reported on the family page when it lists requirements, else on the level pages.

    By default "Ability to use GitLab", "Able to use GitLab" and "Capability to use GitLab" count.
    "Willingness to learn and use GitLab" does **not**: it asks for less than the handbook's
    required bullet, which the handbook's own rule names word for word. A handbook that wants to
    accept it adds a regex.

    ## Why is this bad?
    Since October 2019 the handbook's merge check refused a job family whose requirements lacked
    "Ability to use GitLab": everyone works in GitLab, so it is a requirement of every role.

    ## Example
    ```markdown
    ## Requirements
    - Strong analytical skills
    - Willingness to learn and use GitLab
    ```

    ## Use instead
    ```markdown
    ## Requirements
    - Strong analytical skills
    - Ability to use GitLab
    ```

    ## Options
    `required-requirements` in the profile: a list of regexes (case-insensitive).
    """
    if not page.family.is_job_family:
        return
    in_requirements = [line for line in prose(page, context) if _REQUIREMENTS in line.sections]
    lines = [line for line in in_requirements if not line.is_heading]
    if not lines:
        return
    headings = [line for line in in_requirements if line.is_heading]
    profile = context.profile
    elsewhere = _requirements_elsewhere(context)
    for regex, pattern in zip(
        profile.required_requirements, profile.policy_patterns["required-requirements"], strict=True
    ):
        if regex in elsewhere or any(pattern.search(line.text) for line in lines):
            continue
        wanted = _readable(regex)
        near = _closest(lines, wanted)
        if near is not None:
            text = near.text.strip(" -*+\t0123456789.")
            column = near.text.find(text) + 1
            yield Finding(
                near.number,
                f'requirement "{text}" is not the required "{wanted}", and no other requirement of the family is',
                column=column,
                end_column=column + len(text),
                hint=f'write "{wanted}"',
            )
        else:
            line = headings[0].number if headings else lines[0].number
            yield Finding(
                line,
                f'no requirement of "{page.family.title}" says "{wanted}"',
                hint=f'add "- {wanted}" to the requirements',
            )


def _requirements_elsewhere(context: Context) -> set[str]:
    """For a family split over files, the required requirements its other files provide: a
    requirement of the family page holds for every level, one of a level for the family. A
    family page that lists requirements is where a missing one belongs: its levels are not told."""
    bundle = context.handbook.bundles.get(context.path)
    if bundle is None:
        return set()
    if not bundle.is_family_page(context.path) and bundle.family_page.has_requirements:
        return set(context.profile.required_requirements)
    return {regex for entry in bundle.others(context.path) for regex in entry.requirements_met}


def _readable(regex: str) -> str:
    """A regex of `required-requirements` as the words it asks for, for messages."""
    text = re.sub(r"\(\?:[^()]*\)[?*]", "", regex)  # optional groups
    text = re.sub(r"\(\?:([^|()]*)[^()]*\)", r"\1", text)  # a group: its first alternative
    text = re.sub(r"\\s[+*]?", " ", text)
    text = " ".join(re.sub(r"\\b|[\^$?]", "", text).split())
    return text[:1].upper() + text[1:]


def _closest(lines: list[Line], wanted: str) -> Line | None:
    """The line that comes closest to the wanted bullet: the one holding the longest run of its
    last words, at least two ("… use GitLab" in "Willingness to learn and use GitLab")."""
    words = re.findall(r"\w+", wanted.lower())
    best, longest = None, 1
    for line in lines:
        text = " " + " ".join(re.findall(r"\w+", line.text.lower())) + " "
        for size in range(len(words) - 1, longest, -1):
            if f" {' '.join(words[-size:])} " in text:
                best, longest = line, size
                break
    return best


@rule("JD702", "years-of-experience", Severity.WARNING)
def years_of_experience(page: Page, context: Context) -> Iterator[Finding]:
    """A specific number of years of experience, or any prior experience asked of an entry-level grade.

    ## What it does
    Flags a count of years read as experience: "5+ years", "2-4 years experience", "at least
    three years of experience", "Minimum of 7 years of contracts drafting". In requirement
    sections any such count is flagged; elsewhere only on a line that speaks of experience. A line
    is reported once, naming every count on it ("10+ years …, with 5+ years managing").
    Periods of time are not: "5 levels", "a 5 year plan", "in the last 2 years we grew", "2 years
    of law school".

    For a level at an entry-level grade (4 and 5 by default, from the level's grade statement),
    also flags every requirement that asks for prior experience ("Experience with Salesforce"),
    once per level, unless it is optional ("preferred", "a plus") or an alternative ("or
    equivalent experience").

    ## Why is this bad?
    The handbook asks for "relevant, progressive experience", defined, rather than a number of
    years: years measure time served, not ability, and put off candidates who have the skills in
    less time. Grades 4 and 5 are entry levels: they must be open to people without prior
    experience.

    ## Example
    ```markdown
    ## Requirements
    - 5+ years experience in SaaS operations
    ```

    ## Use instead
    ```markdown
    ## Requirements
    - Demonstrated progressive experience in SaaS operations, such as owning a process end to end
    ```

    ## Options
    `[years-of-experience]` (`count`, `followed-by`, `not-followed-by`, `not-after`),
    `prior-experience`, `optional-requirement` and `[entry-level]` `max-grade` in the profile.
    """
    if not page.family.is_job_family:
        return
    profile = context.profile
    years = profile.years_patterns
    experience = quick_search(profile.policy_alternations["prior-experience"])
    lines = [line for line in prose(page, context) if not line.is_heading]
    # Outside the requirements, only a line that speaks of experience is read: found in one scan.
    elsewhere = [i for i, line in enumerate(lines) if not {_REQUIREMENTS, _NICE_TO_HAVES} & line.sections]
    of_experience = {elsewhere[found] for found in experience.matching([lines[i].text for i in elsewhere])}
    unread = set(elsewhere) - of_experience
    flagged: set[int] = set()
    for position, line in enumerate(lines):
        if position in unread:
            continue
        counts = [
            match
            for match in years["count"].finditer(line.text)
            if not years["not-after"].search(line.text, 0, match.start())
            and years["followed-by"].match(line.text, match.end())
            and not years["not-followed-by"].match(line.text, match.end())
        ]
        if not counts:
            continue
        flagged.add(line.number)
        named = ", ".join(f'"{match.group().strip()}"' for match in counts)
        yield Finding(
            line.number,
            f"asks for a specific number of years: {named}",
            column=counts[0].start() + 1,
            end_column=counts[-1].end() + 1,
            hint="describe the experience that matters instead (relevant, progressive experience in …)",
        )
    yield from _entry_level_experience(page, context, lines, flagged)


def _entry_level_experience(page: Page, context: Context, lines: list[Line], flagged: set[int]):
    """One finding per entry-level level whose requirements ask for prior experience. The family's
    own requirements count as an entry level's when every graded level of the page is one."""
    profile = context.profile
    max_grade = float(profile.entry_level["max-grade"])
    graded = [grade for grade in map(role_grade, page.family.roles) if grade is not None]
    family_grade = max(graded) if graded and max(graded) <= max_grade else None
    experience = quick_search(profile.policy_alternations["prior-experience"])
    optional = profile.policy_alternations["optional-requirement"]
    asks: dict[tuple[str, float], list[int]] = defaultdict(list)  # (title, grade) -> lines
    for line in lines:
        if _REQUIREMENTS not in line.sections or _NICE_TO_HAVES in line.sections or line.number in flagged:
            continue
        grade = role_grade(line.role) if line.role else family_grade
        if grade is None or grade > max_grade:
            continue
        if experience.search(line.text) and not optional.search(line.text):
            asks[(line.role.title if line.role else page.family.title, grade)].append(line.number)
    for (title, grade), numbers in asks.items():
        others = ", ".join(map(str, numbers[1:]))
        also = f" (also on line{'s' * (len(numbers) > 2)} {others})" if others else ""
        yield Finding(
            numbers[0],
            f'"{title}" is grade {grade:g}, an entry level, but asks for prior experience{also}',
            hint="entry-level grades ask for no prior experience: ask for the skill, or mark it a plus",
        )


@rule("JD703", "vacancy-language", Severity.WARNING)
def vacancy_language(page: Page, context: Context) -> Iterator[Finding]:
    """Job-advert wording ("we are seeking", "exciting opportunity", "you will") on a job family.

    ## What it does
    Flags the phrases of the profile's `vacancy-phrases` in the page's prose and headings: by
    default "we are seeking", "we're hiring", "exciting opportunity", "we're looking for a(n)",
    "you will" and "you'll". Text in quotes, code and the sections of `vacancy-exempt-sections`
    (the Hiring Process, which rightly speaks to the candidate) is not searched. One finding per
    section (the text under one heading), on the first phrase, naming every phrase with its lines.

    ## Why is this bad?
    A job family is a permanent description of a role, read by the people in it and their
    managers as much as by candidates; it stays when the opening closes. Advert wording dates the
    page and addresses the wrong reader. "You will report to …" also hides the reporting line
    from the reports-to rules, which read "The <title> reports to …".

    ## Example
    ```markdown
    We are seeking an Analyst. As the Analyst, you will own the pricing model.
    ```

    ## Use instead
    ```markdown
    The Analyst owns the pricing model.
    ```

    ## Options
    `vacancy-phrases` (regexes, case-insensitive) and `vacancy-exempt-sections` in the profile.
    """
    if not page.family.is_job_family:
        return
    exempt = context.profile.vacancy_exempt_pattern
    phrases = context.profile.policy_alternations["vacancy-phrases"]
    sections: dict[tuple[str, ...], list[tuple[int, re.Match[str]]]] = defaultdict(list)
    for line in prose(page, context):
        if line.in_blockquote or not phrases.search(line.text):
            continue
        if any(exempt.search(normalise_heading(heading)) for heading in line.headings):
            continue
        text = without_quotes(line.text)
        sections[line.headings].extend((line.number, match) for match in phrases.finditer(text))
    for headings, found in sections.items():
        if not found:
            continue
        number, first = found[0]
        where = f' under "{headings[-1]}"' if headings else ""
        yield Finding(
            number,
            f"vacancy language {_phrases(found)}{where}: a job family describes a permanent role, not an opening",
            column=first.start() + 1,
            end_column=first.end() + 1,
            hint='describe the role in the third person ("The Analyst owns …")',
        )


def _phrases(found: list[tuple[int, re.Match[str]]]) -> str:
    """'"you will" (lines 4, 6), "we are seeking" (line 9)': each phrase once, as first written."""
    lines: dict[str, list[int]] = defaultdict(list)
    written: dict[str, str] = {}
    for number, match in found:
        key = " ".join(match.group().lower().split())
        written.setdefault(key, match.group())
        if number not in lines[key]:
            lines[key].append(number)
    if len(lines) == 1 and len(next(iter(lines.values()))) == 1:
        return f'"{found[0][1].group()}"'
    return ", ".join(
        f'"{written[key]}" (line{"s" * (len(numbers) > 1)} {", ".join(map(str, numbers))})'
        for key, numbers in lines.items()
    )


@rule("JD704", "location-requirement", Severity.WARNING)
def location_requirement(page: Page, context: Context) -> Iterator[Finding]:
    """A requirement that ties the job family to a place ("Based in San Francisco", "EMEA-based").

    ## What it does
    Flags the phrases of the profile's `location-requirements` in requirement sections: "based
    in", "located in", "reside in" followed by a place; "EMEA-based"; "work during US time zones".
    A regional role or specialty is not flagged: a place that the family's or level's title, or a
    heading above the line, also names ("Japan Country Manager", "#### Australia"), and any line
    under a specialty section.

    ## Why is this bad?
    GitLab is all-remote and hires in many countries: the handbook's rule is no location
    requirements in the family. Where a location is needed it belongs to a regional specialty,
    which says so in its heading.

    ## Example
    ```markdown
    ## Requirements
    - Based in San Francisco to attend in-person meetings
    ```

    ## Use instead
    Move the location to a regional specialty (`### San Francisco`), or drop it.

    ## Options
    `location-requirements` (regexes, case-insensitive; a group named `place` names the place) and
    `specialty-sections` in the profile.
    """
    family = page.family
    if not family.is_job_family:
        return
    specialties = set(context.profile.specialty_sections)
    for line in prose(page, context):
        if line.is_heading or _REQUIREMENTS not in line.sections or specialties & line.sections:
            continue
        for pattern in context.profile.policy_patterns["location-requirements"]:
            for match in pattern.finditer(line.text):
                place = re.findall(r"\b[A-Z]\w+", match.groupdict().get("place") or "")  # not "and"
                # Joined only for a match: per line, a long title made the rule quadratic.
                named = " ".join([family.title, line.role.title if line.role else "", *line.headings]).lower()
                if any(re.search(rf"\b{re.escape(word.lower())}\b", named) for word in place):
                    continue
                yield Finding(
                    line.number,
                    f'location requirement "{match.group().strip()}" in the family\'s requirements',
                    column=match.start() + 1,
                    end_column=match.end() + 1,
                    hint="drop it, or make it a regional specialty that names the place in its heading",
                )


@rule("JD705", "performance-indicator-count", Severity.INFO)
def performance_indicator_count(page: Page, context: Context) -> Iterator[Finding]:
    """A list of performance indicators with fewer than three or more than five items.

    ## What it does
    Counts the top-level items of each list in a Performance Indicators section. A group bullet
    counts as the items nested under it: a short label ("Specific to this role:"), or short names
    when every item of the list is one holding nested items ("Case handling", "Collaboration");
    beside plain items, an item with nested items is one indicator and its parts. Lists
    introduced by their own paragraph (one per level) or by their own sub-heading (one per
    specialty) are counted apart; empty bullets are not counted, and a list of only empty bullets
    is reported. A section rendered by an ERB partial is not counted, nor a list that is only a
    marker such as "TBD" (see `unfinished-marker`). An item or paragraph that points to another
    list ("[Sales KPIs](…)", "Same performance indicators as …"), speaks about the indicators
    ("Future performance indicators will include …") or is a note ("Note: …") is not an
    indicator, and the section may then have fewer; so may a section with an item that is only a
    link named as a list of measures ("[CSM-related metrics](…)").

    ## Why is this bad?
    The handbook asks for three to five indicators specific to the role: with one or two the
    role's success is under-described; with a dozen nobody knows which ones matter.

    ## Example
    ```markdown
    ## Performance Indicators
    - Revenue
    ```

    ## Use instead
    ```markdown
    ## Performance Indicators
    - [Net ARR vs. plan](…)
    - [Pipeline created](…)
    - [Win rate](…)
    ```

    ## Options
    `[performance-indicator-count]` `min` and `max` in the profile.
    """
    if not page.family.is_job_family:
        return
    profile = context.profile
    low, high = int(profile.performance_indicator_count["min"]), int(profile.performance_indicator_count["max"])
    references = profile.policy_alternations["indicator-references"]
    for scope in _indicator_sections(page, context):
        if any("<%" in page.parsed.source.line(n) for n in range(scope[0].line, scope[-1].end_line + 1)):
            continue  # an ERB partial renders them
        refers = any(references.search(block.text) for block in scope)
        for bullets in _lists(scope):
            if not any(item.text.strip() for item in bullets):
                yield Finding(bullets[0].line, "the performance indicators list has only empty bullets", hint=_ADD)
                continue
            indicators = [item for item in _indicators(bullets) if not references.search(item.text)]
            if not indicators or all(_unfinished(item.text, profile) for item in indicators):
                continue
            count = len(indicators)
            points_elsewhere = refers or any(map(_links_to_a_list, indicators))
            if count > high or (count < low and not points_elsewhere):
                yield Finding(
                    indicators[0].line,
                    f"{count} performance indicator{'s' * (count != 1)} listed; the handbook asks for {low} to {high}",
                    hint=_ADD if count < low else f"keep the {high} or fewer that best measure this role",
                )


_ADD = "add indicators specific to the role, linked to their definitions"


def _indicator_sections(page: Page, context: Context) -> Iterator[list]:
    """The content blocks of each Performance Indicators heading, up to the next heading that is
    not a plain sub-heading of it."""
    blocks = page.blocks
    for index, heading in enumerate(blocks):
        if heading.kind != "heading" or _PERFORMANCE_INDICATORS not in context.profile.section_names(heading.text):
            continue
        scope = []
        for block in blocks[index + 1 :]:
            if block.kind == "heading" and (block.level <= heading.level or context.profile.section_names(block.text)):
                break
            scope.append(block)
        if scope:
            yield scope


def _lists(scope: list) -> Iterator[list]:
    """The bullets of each list in `scope`, nested ones included. A heading ends a list: the lists
    under sub-headings (one per specialty) are counted apart."""
    run: list = []
    for block in [*scope, None]:
        if block is not None and block.kind != "heading" and (block.kind == "list_item" or block.level > 0):
            run.append(block)
            continue
        bullets = [b for b in run if b.kind == "list_item"]
        run = []
        if bullets:
            yield bullets


def _indicators(bullets: list) -> list:
    """The bullets of one list that name an indicator: empty bullets are none, a group bullet
    stands for the bullets nested under it."""
    items = [item for item in bullets if item.text.strip()]
    top = min(item.level for item in items)
    groups: list[tuple[object, list]] = []  # (top-level item, the items nested right under it)
    for item in items:
        if item.level == top:
            groups.append((item, []))
        elif item.level == top + 1 and groups:
            groups[-1][1].append(item)
    # Short names that each hold nested items ("Case handling", "Collaboration") name groups; beside
    # plain items, a name with nested items is one indicator and its parts ("Field satisfaction").
    grouped = all(nested and _is_short_name(parent) for parent, nested in groups)
    return [
        indicator
        for parent, nested in groups
        for indicator in (nested if nested and (grouped or _is_label(parent)) else [parent])
    ]


# What a link to another list of indicators is called: "CSM-related metrics", "Sales KPIs".
_LIST_OF_MEASURES = re.compile(r"\b(?:metrics|KPI[\x27’]?s|(?:performance\s+)?indicators|measures)$", re.IGNORECASE)


def _links_to_a_list(item) -> bool:
    """Whether the item is only a link whose text names a list of measures ("[CSM-related
    metrics](…)."): it may point to where more indicators are."""
    links = item.inline.links
    text = item.text.strip().rstrip(".;").strip()
    return len(links) == 1 and links[0].text.strip() == text and bool(_LIST_OF_MEASURES.search(text))


def _is_label(item) -> bool:
    text = item.text.strip()
    return text.endswith(":") and len(text.split()) <= 5


def _is_short_name(item) -> bool:
    text = item.text.strip()
    return len(text.split()) <= 6 and not text.endswith((".", ":"))
