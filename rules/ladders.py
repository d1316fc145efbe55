"""JD4: career ladders: next steps that exist, are defined, and lead up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.handbook import Entry, RoleEntry, role_grade
from jdlint.rule import Context, Finding, Severity, did_you_mean, rule

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import LadderStatement, Page, Role


@rule("JD401", "unknown-next-step", Severity.ERROR, fixable=True, cross_file=True)
def unknown_next_step(page: Page, context: Context) -> Iterator[Finding]:
    """A career-ladder next step that names no job family or level in the handbook.

    ## What it does
    Reads the Career Ladder section ("The next step … is to move to the <family> job family") and
    checks every next step against all job families and levels under the handbook root, after
    normalising spelling. A linked next step must link to a page of the handbook (a URL, or a
    Hugo `ref`/`relref` shortcode), or to a heading of this page. When a close title or page
    exists, the message suggests it. A step named only by a level and a family's title is
    JD404's. In a partial copy of a handbook (more than a tenth of the links its reporting lines
    and ladders give to job pages lead to no page) only a step close to a title or page the copy
    has is reported: any other may be on a page the copy lacks.

    ## Why is this bad?
    A ladder that points nowhere tells an employee there is a next step that does not exist.

    ## Example
    ```markdown
    The next step is to move to the Director, Online Sales & Self Service Job Family.
    ```
    when the family is called "Director, Online Sales & Self Service Growth".

    ## Use instead
    Name the family exactly, or link to its page.

    ## Fix safety
    The suggested title is written in place of the next step as an unsafe fix (`--unsafe-fixes`):
    it is the closest title, not necessarily the one meant.
    """
    index = context.handbook
    titles = [role.title for role in page.family.roles] + [page.family.title]
    for statement in page.family.ladder:
        for link in statement.links:
            broken = index.broken_link(f'next step "{link.text}"', link, context.path, page.anchors)
            if broken:
                yield Finding(link.line, broken[0], column=link.column, end_column=link.end_column, hint=broken[1])
        for target in statement.targets:
            if index.is_unknown(target, titles):
                message, hint = index.unknown_title_message("next step", target)
                column = page.column_of(statement.line, target, statement.text)
                raw = page.source.line(statement.line)
                meant = index.replacement_title(target)
                yield did_you_mean(statement.line, raw, target, meant, message, hint, column)


@rule("JD402", "undefined-ladder", Severity.WARNING)
def undefined_ladder(page: Page, context: Context) -> Iterator[Finding]:
    """A career ladder that says it is "not yet defined".

    ## What it does
    Flags a sentence of the Career Ladder section that says the next step has not been defined,
    on a page whose ladder names no next step at all. A ladder that names the steps between its
    levels and leaves only the top open ("The next step for the Director is the Senior Director.
    The next step for the Senior Director is not yet defined.") is defined.

    ## Why is this bad?
    Every job family is a step on some ladder; "not yet defined" is a placeholder that outlived
    the template.

    ## Example
    ```markdown
    The next step for the Renewals job family is not yet defined.
    ```

    ## Use instead
    Name the family a person moves to next, or the levels within this family.
    """
    ladder = page.family.ladder
    if any(statement.names_step for statement in ladder):
        return
    for statement in ladder:
        if statement.undefined:
            yield Finding(statement.line, "career ladder says it is not yet defined", hint="name the next step")


@rule("JD403", "next-step-not-higher", Severity.WARNING, cross_file=True)
def next_step_not_higher(page: Page, context: Context) -> Iterator[Finding]:
    """A next step that leads no higher than the level it is the next step of.

    ## What it does
    Compares the highest grade of the next-step family or level (from the handbook index) with
    the grade the ladder speaks from, and flags a next step whose top is not above it. The ladder
    speaks from the level it names ("The next step for the Senior Analyst is …") or whose Career
    Ladder section holds it; else from the family: its individual contributors' highest grade on a
    page that also has people-manager levels, or its highest grade. A next step may start at a
    lower grade (moving to another family often does), but it must lead somewhere higher. Steps
    to another level of the same page (the grade rules check their order) and moves offered as
    lateral ("or laterally to the … family") are not compared.

    ## Why is this bad?
    A career ladder leads up. A "next step" at the same or a lower grade is a sideways move
    presented as a promotion, or a sign that a grade is wrong.

    ## Example
    A family whose levels go up to grade 9, whose next step is a family of grades 7 and 8.

    ## Use instead
    Point the ladder at the family above, call the move lateral, or correct the grades.
    """
    index = context.handbook
    family_grades = _ladder_grades(page, context)
    for statement in page.family.ladder:
        speaker = _speaker(statement, page, context)
        grade = role_grade(speaker) if speaker else max(family_grades, default=None)
        if grade is None:
            continue
        above = f'"{speaker.title}" (grade {grade:g})' if speaker else f"this family's grade {grade:g}"
        named = {t: index.resolve_title(t) for t in statement.targets}
        named.update((link.text, index.linked_entries(link.href, context.path)) for link in statement.links)
        for name, entries in named.items():
            if name in statement.lateral or any(index.names_role(name, r.title) for r in page.family.roles):
                continue
            target_grades = _grades(entries)
            if target_grades and max(target_grades) <= grade:
                yield Finding(
                    statement.line,
                    f'next step "{name}" goes up to grade {max(target_grades):g}, not above {above}',
                    column=page.column_of(statement.line, name, statement.text),
                    hint="the next step should be a higher grade",
                )


def _speaker(statement: LadderStatement, page: Page, context: Context) -> Role | None:
    """The one graded level the ladder sentence speaks from: the level it names, else the level
    whose Career Ladder section holds it; None when it speaks for the family."""
    index = context.handbook
    family = page.family
    if statement.of_family or (statement.subject and index.key(statement.subject) == index.key(family.title)):
        return None
    named = [r for r in family.roles if statement.subject and index.names_role(statement.subject, r.title)]
    if not named and not family.single_role:
        named = [r for r in family.roles if r.title == statement.level]
    return named[0] if len(named) == 1 and role_grade(named[0]) is not None else None


@rule("JD404", "informal-next-step", Severity.WARNING, cross_file=True)
def informal_next_step(page: Page, context: Context) -> Iterator[Finding]:
    """A next step named by a level and a family's title instead of the level's own title.

    ## What it does
    Flags a career-ladder next step that is no title in the handbook as written, but names a
    level of a family by its level word and the family's title: "Director, Self Service Growth"
    for the level "Director, Online Sales & Self Service Growth" of the family "Self-Service
    Growth". The message gives the handbook's title.

    ## Why is this bad?
    An employee reading the ladder looks for the role by the name it gives; an informal name
    leads nowhere in the handbook's search and drifts further when either title changes.

    ## Example
    ```markdown
    The next step is to move to the Director, Self Service Growth role.
    ```

    ## Use instead
    Name the level by its title: "Director, Online Sales & Self Service Growth".
    """
    for statement in page.family.ladder:
        for target in statement.targets:
            informal = context.handbook.informal_title_message("next step", target)
            if informal:
                column = page.column_of(statement.line, target, statement.text)
                yield Finding(statement.line, informal[0], column=column, hint=informal[1])


def _ladder_grades(page: Page, context: Context) -> list[float]:
    """The grades the career ladder speaks from: the individual contributors' on a page that
    also has people-manager levels (its ladder is the contributors' way up), else every level's."""
    graded = [(role, role_grade(role)) for role in page.family.roles if role_grade(role) is not None]
    contributors = [grade for role, grade in graded if not context.profile.is_people_manager(role.title)]
    return contributors or [grade for _, grade in graded]


def _grades(entries: list[RoleEntry | Entry]) -> list[float]:
    grades = []
    for entry in entries:
        roles = entry.roles if isinstance(entry, Entry) else (entry,)
        grades.extend(role.grade for role in roles if role.grade is not None)
    return grades
