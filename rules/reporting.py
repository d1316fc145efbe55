"""JD5: reporting lines: one manager per level, who exists and sits above it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.handbook import role_grade
from jdlint.prose import per_page
from jdlint.rule import Context, Finding, Severity, did_you_mean, rule
from jdlint.titles import without_qualifiers

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page, ReportsTo, Role


def reporting_lines(page: Page, context: Context) -> list[tuple[Role, ReportsTo]]:
    """Every reports-to statement with the level it speaks of, worked out once per page and check
    (four rules read them).

    Statements under a level belong to it. Statements elsewhere belong to the level their subject
    names, or to the only level of a one-level page; the rest belong to no level. Statements in a
    specialties section are the specialty's, unless a level's heading stands there too. A
    statement naming the level itself as the manager ("A team of Technical Writers reports to the
    Technical Writing Manager", under that manager's level) tells who reports to it, not its line.
    """
    return per_page(page, context, _read_reporting_lines)


def _read_reporting_lines(page: Page, context: Context) -> list[tuple[Role, ReportsTo]]:
    family = page.family
    specialties = family.specialty_spans
    pairs = [
        (role, s)
        for role in family.roles
        for s in role.reports_to
        if not any(s.line in span and role.line not in span for span in specialties)
    ]
    for statement in family.reports_to:
        if any(statement.line in span for span in specialties):
            continue
        subject = _subject_title(statement.subject)
        named = [r for r in family.roles if subject and context.handbook.names_role(subject, r.title)]
        if len(named) == 1 or len(family.roles) == 1:
            pairs.append(((named or family.roles)[0], statement))
    pairs = [(role, s) for role, s in pairs if not _tells_who_reports_to(role, s, context)]
    return sorted(pairs, key=lambda pair: pair[1].line)


def _speaks_for_the_family(page: Page, context: Context) -> bool:
    """Whether a reports-to line of the family's overview, above its levels, names the family
    ("A Product Designer reports to a Product Design Manager" on the page "Product Designer"):
    every level then says whom it reports to. Only for that: which manager such a line means for
    a level above the one of that title (its grade, a conflict) is not said."""
    family = page.family
    first_level = min((role.line for role in family.roles), default=0)
    return any(
        statement.line < first_level and context.handbook.names_role(subject, family.title)
        for statement in family.reports_to
        if (subject := _subject_title(statement.subject))
    )


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ROLE_ITSELF = re.compile(r"^(?:(?:this|the)\s+(?:role|position|job|person|level)\b|(?:he|she|they)$)", re.IGNORECASE)


def _tells_who_reports_to(role: Role, statement: ReportsTo, context: Context) -> bool:
    """Whether the statement names the level as the manager of others ("UX Researchers report to
    the UX Research Manager" under that manager's level): its subject is someone else."""
    subject = statement.subject.strip()
    if _ROLE_ITSELF.match(subject):  # "This role reports to …", "The position reports to …"
        return False
    subject = _LEADING_ARTICLE.sub("", subject)
    index = context.handbook
    return (
        bool(statement.manager and subject)
        and index.names_role(statement.manager, role.title)
        and not index.names_role(subject, role.title)
    )


_ARTICLE_AND_TITLE = re.compile(r"(?:The|This|An?)\s+(.+)$")


def _subject_title(subject: str) -> str:
    """ "The Senior Analyst, Growth" -> "Senior Analyst, Growth"; '' for "This role" and the like."""
    from jdlint.model import leading_title

    match = _ARTICLE_AND_TITLE.match(subject.strip())
    return leading_title(match[1]) if match else ""


@rule("JD501", "conflicting-managers", Severity.ERROR)
def conflicting_managers(page: Page, context: Context) -> Iterator[Finding]:
    """One level that reports to two different managers.

    ## What it does
    Collects the reports-to statements of each level (under its heading, or elsewhere on the page
    naming it) and flags a second statement that names a different manager, after normalising
    spelling.

    ## Why is this bad?
    A person has one manager. Two reporting lines on one page mean one of them is stale.

    ## Example
    ```markdown
    The Senior Manager, Self-Service Sales reports to the Director, Self Service Growth.
    …
    The Senior Manager, Self-Service Sales reports to the VP, Self-Service.
    ```

    ## Use instead
    State the reporting line once, with the current manager.
    """
    index = context.handbook
    first: dict[int, ReportsTo] = {}
    for role, statement in reporting_lines(page, context):
        if not statement.manager:
            continue
        earlier = first.setdefault(id(role), statement)
        if earlier is statement or index.key(earlier.manager) == index.key(statement.manager):
            continue
        yield Finding(
            statement.line,
            f'"{role.title}" reports to "{statement.manager}" here but to "{earlier.manager}" at line {earlier.line}',
            hint="keep one reporting line",
        )


@rule("JD502", "unknown-manager", Severity.ERROR, fixable=True, cross_file=True)
def unknown_manager(page: Page, context: Context) -> Iterator[Finding]:
    """A reports-to line naming a manager title that exists nowhere in the handbook.

    ## What it does
    Checks the manager of every reports-to statement against all titles under the handbook root
    (after normalising "&"/"and", "VP"/"Vice President", "Sr."/"Senior", punctuation …) and the
    levels of the page. A linked manager must link to a page of the handbook (a URL, or a Hugo
    `ref`/`relref` shortcode), or to a heading of this page. The profile's `top-titles` (CEO,
    board) need no page. When a close title or page exists, the message suggests it. A manager
    named only by a level and a family's title is JD507's. In a partial copy of a handbook (more
    than a tenth of the links its reporting lines and ladders give to job pages lead to no page)
    only a manager close to a title or page the copy has is reported: any other may be on a page
    the copy lacks.

    ## Why is this bad?
    A reporting line to a role that does not exist is a typo or an outdated organisation chart.

    ## Example
    ```markdown
    The Senior Analyst reports to the Manager, Online Sales & Self Growth.
    ```

    ## Use instead
    ```markdown
    The Senior Analyst reports to the Manager, Online Sales & Self Service Growth.
    ```

    ## Fix safety
    The suggested title is written in place of the manager as an unsafe fix (`--unsafe-fixes`): it
    is the closest title, not necessarily the manager meant.
    """
    index = context.handbook
    titles = [role.title for role in page.family.roles] + [page.family.title]
    statements = page.family.all_reports_to()
    for statement in statements:
        if statement.malformed or not statement.manager:
            continue
        link = statement.link
        if link is not None:
            target = index.resolve_link(link.href, context.path, page.anchors)
            if target.kind == "document":
                continue
            broken = index.link_problem(f'manager "{statement.manager}"', link, target, context.path)
            if broken:
                yield Finding(link.line, broken[0], column=link.column, end_column=link.end_column, hint=broken[1])
                continue
        if index.is_unknown(statement.manager, titles):
            message, hint = index.unknown_title_message("manager", statement.manager)
            raw, column = page.source.line(statement.line), page.column_of(statement.line, statement.manager)
            meant = index.replacement_title(statement.manager)
            yield did_you_mean(statement.line, raw, statement.manager, meant, message, hint, column)


@rule("JD503", "manager-not-senior", Severity.WARNING, cross_file=True)
def manager_not_senior(page: Page, context: Context) -> Iterator[Finding]:
    """A manager whose grade is below the grade of the level that reports to them.

    ## What it does
    Looks up the manager's grade in the handbook index and flags a level graded above its
    manager. Equal grades are allowed (a Staff Engineer may report to an Engineering Manager of
    the same grade).

    ## Why is this bad?
    The reporting line or one of the grades is wrong.

    ## Example
    A grade-9 Senior Manager reporting to a grade-8 Manager.

    ## Use instead
    Correct the manager or the grades.
    """
    index = context.handbook
    for role, statement in reporting_lines(page, context):
        grade = role_grade(role)
        manager_grade = index.grade_of(statement.manager) if statement.manager else None
        if grade is not None and manager_grade is not None and manager_grade < grade:
            yield Finding(
                statement.line,
                f'"{role.title}" (grade {grade:g}) reports to "{statement.manager}" (grade {manager_grade:g})',
                hint="a manager is graded at least as high as the people reporting to them",
            )


@rule("JD504", "missing-reports-to", Severity.WARNING, cross_file=True)
def missing_reports_to(page: Page, context: Context) -> Iterator[Finding]:
    """A level, or a whole page, that does not say whom it reports to.

    ## What it does
    When some level of the page states whom it reports to, flags every other level that does not.
    A reports-to line of the page's overview, above its levels, that names the family ("A Product
    Designer reports to a Product Design Manager" on the page "Product Designer") speaks for
    every level.
    When no level does (and no sentence of the page names a manager), flags the page once: at its
    title when it describes one role, else at its first level that states a grade (a page whose
    levels state none is an overview, not a description of roles). Titles in the profile's
    `top-titles` (CEO, board) are exempt. In a family split over files, a level page is also
    flagged when another level page of the family states whom it reports to.

    ## Why is this bad?
    The template opens every level with its reporting line. Without it, readers of that level
    cannot tell where it sits, and the handbook's reporting lines cannot be checked.

    ## Example
    "The Analyst reports to the Manager, Data." under Analyst, and nothing under Senior Analyst.

    ## Use instead
    Open every level with "The <level> reports to the <manager>."
    """
    family = page.family
    roles = [r for r in family.roles if not context.profile.is_top_title(r.title)]
    reporting = {id(role) for role, _ in reporting_lines(page, context)}
    if _speaks_for_the_family(page, context):
        return
    if reporting or _levels_elsewhere_report(page, context):
        for role in roles:
            if id(role) not in reporting:
                yield Finding(
                    role.line,
                    f'level "{role.title}" does not say whom it reports to',
                    hint=f'add "The {role.title} reports to the …"',
                )
        return
    graded = [role for role in roles if role.grades]
    if graded and not family.reports_to:
        if family.single_role:
            message = f'the page names no manager for "{graded[0].title}"'
        else:
            message = "no level of this page names its manager"
        yield Finding(graded[0].line, message, hint='open every level with "The <level> reports to the <manager>."')


def _levels_elsewhere_report(page: Page, context: Context) -> bool:
    """Whether this is a level page (one level) of a family split over files whose other level
    pages say whom they report to. A page of several levels is judged on its own."""
    bundle = context.handbook.bundles.get(context.path)
    if bundle is None or bundle.is_family_page(context.path) or len(page.family.roles) != 1:
        return False
    return any(_one_level_reporting(entry) for entry in bundle.levels if entry.path != context.path)


def _one_level_reporting(entry) -> bool:
    return len(entry.roles) == 1 and entry.roles[0].reports_to


@rule("JD505", "malformed-reports-to", Severity.ERROR)
def malformed_reports_to(page: Page, context: Context) -> Iterator[Finding]:
    """A reports-to sentence that does not read as one ("report so the").

    ## What it does
    Flags a sentence about a role ("The <title> …", "This role …") whose words before the
    manager's title are one typing slip (a letter changed, added or dropped, two letters swapped,
    a word doubled) away from "reports to", "reports into" or "reports directly to": "report so
    the", "reports intot the", "resorts to the", "reprots to the". Real phrases further away
    ("reports on the", "reporting to the") are not reports-to lines and are left alone. Also
    flags a reports-to sentence that ends where the manager should be ("reports to.").

    ## Why is this bad?
    The sentence no longer says what it means, and readers (and jdlint) may take it for a
    different statement.

    ## Example
    ```markdown
    The Senior Manager, Self-Service Sales report so the Director, Growth.
    ```

    ## Use instead
    ```markdown
    The Senior Manager, Self-Service Sales reports to the Director, Growth.
    ```
    """
    statements = page.family.all_reports_to()
    for statement in statements:
        if statement.nameless:
            yield Finding(statement.line, "reports-to sentence names no manager", hint="name the manager's title")
        if statement.malformed:
            found = page.source.line(statement.line).find(statement.phrase)
            yield Finding(
                statement.line,
                f'malformed reports-to sentence: "{statement.phrase}"',
                column=found + 1 if found >= 0 else 1,
                end_column=found + 1 + len(statement.phrase) if found >= 0 else None,
                hint='write "reports to"',
            )


@rule("JD506", "reports-to-other-role", Severity.WARNING, fixable=True)
def reports_to_other_role(page: Page, context: Context) -> Iterator[Finding]:
    """A reports-to line whose subject is a role this page does not describe, or another level.

    ## What it does
    Flags "The <title> reports to …" when <title> is neither the page's title nor one of its
    levels (after normalising spelling; "The Senior Analyst" names "Senior Analyst, Growth"), with
    the nearest level as a suggestion; and a reports-to line under one level whose <title> is
    another level of the page.

    ## Why is this bad?
    It is usually text copied from another page: the reporting line described is someone else's.

    ## Example
    On the page "Senior Manager, Self-Service Sales":
    ```markdown
    The Senior Manager, Self-Service Customer Engagement reports to the Director, Growth.
    ```

    ## Use instead
    Name this page's role.

    ## Fix safety
    The nearest level is written in place of the subject as an unsafe fix (`--unsafe-fixes`): the
    line may be someone else's reporting line, copied, rather than a misspelling of this role.
    """
    family = page.family
    levels = [role.title for role in family.roles] + [family.title]
    # Any heading counts: a level jdlint could not read as one (broken nesting) still exists.
    headings = [h.text for h in page.parsed.headings]
    statements = family.all_reports_to()
    for statement in statements:
        subject = _subject_title(statement.subject)
        if subject and not _is_role_of_page(subject, levels + headings, headings, context):
            message = f'reports-to line speaks of "{subject}", which is not a role on this page'
            nearest = context.handbook.suggest(subject, among=levels)
            misspelt = nearest and context.handbook.misspelt_word(nearest, subject)
            if misspelt:  # the fix belongs on the title, not on the line that spells it right
                title_line = next((r.line for r in family.roles if r.title == nearest), family.title_line)
                yield Finding(
                    title_line,
                    f'reports-to line speaks of "{subject}", but the role on this page is titled "{nearest}"; '
                    f'the handbook writes "{misspelt[1]}", not "{misspelt[0]}"',
                    hint=f'correct the title "{nearest}"',
                )
            elif nearest:
                raw = page.source.line(statement.line)
                message, hint = f'{message}; did you mean "{nearest}"?', f'replace it with "{nearest}"'
                meant = context.handbook.replacement_title(subject, among=levels)
                yield did_you_mean(statement.line, raw, subject, meant, message, hint)
            else:
                yield Finding(statement.line, message, hint="name this page's role: " + "; ".join(levels))
    yield from _reports_to_lines_of_other_levels(page, context)


def _reports_to_lines_of_other_levels(page: Page, context: Context) -> Iterator[Finding]:
    """A reports-to line under one level that speaks of another level of the page (copied from
    the level above and not edited): the level's own reporting line is missing or wrong."""
    index = context.handbook
    roles = page.family.roles
    for role, statement in reporting_lines(page, context):
        subject = _subject_title(statement.subject)
        if not subject or statement not in role.reports_to or index.names_role(subject, role.title):
            continue
        other = next((r for r in roles if r is not role and index.names_role(subject, r.title)), None)
        if other is not None:
            yield Finding(
                statement.line,
                f'reports-to line under "{role.title}" speaks of "{subject}", another level of this page',
                hint=f'name "{role.title}", or move the line under "{other.title}"',
            )


def _is_role_of_page(subject: str, titles: list[str], headings: list[str], context: Context) -> bool:
    """Whether `subject` names one of `titles`: as written, without its bracketed qualifiers ("VP
    of UX (User Experience)"), or as a title and one of the page's specialties ("Director of
    Product, Growth" with a "Growth" heading)."""
    level, _, specialty = subject.rpartition(", ")
    names = [subject, without_qualifiers(subject)]
    if specialty and any(context.handbook.key(specialty) == context.handbook.key(h) for h in headings):
        names.append(level)
    return any(context.handbook.names_role(name, title) for name in names for title in titles)


@rule("JD507", "informal-manager", Severity.WARNING, cross_file=True)
def informal_manager(page: Page, context: Context) -> Iterator[Finding]:
    """A manager named by a level and a family's title instead of the level's own title.

    ## What it does
    Flags a reports-to line whose manager is no title in the handbook as written, but names a
    level of a family by its level word and the family's title: "Director, Self Service Growth"
    for the level "Director, Online Sales & Self Service Growth" of the family "Self-Service
    Growth". The message gives the handbook's title.

    ## Why is this bad?
    Readers, search and the org chart know the role by its title; an informal name hides which
    role is meant and drifts further when either title changes.

    ## Example
    ```markdown
    The Analyst reports to the Director, Self Service Growth.
    ```

    ## Use instead
    ```markdown
    The Analyst reports to the Director, Online Sales & Self Service Growth.
    ```
    """
    statements = page.family.all_reports_to()
    for statement in statements:
        if statement.manager and not statement.malformed and statement.link is None:
            informal = context.handbook.informal_title_message("manager", statement.manager)
            if informal:
                column = page.column_of(statement.line, statement.manager)
                yield Finding(statement.line, informal[0], column=column, hint=informal[1])
