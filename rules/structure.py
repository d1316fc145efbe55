"""JD1: the page's structure: sections, levels and what levels inherit from each other."""

from __future__ import annotations

from collections.abc import Iterator

from jdlint.model import Page
from jdlint.rule import Context, Finding, Severity, rule
from jdlint.titles import names_level, normalise_title, without_qualifiers


@rule("JD101", "missing-section", Severity.WARNING)
def missing_section(page: Page, context: Context) -> Iterator[Finding]:
    """A required section is missing from the job family or from one of its levels.

    ## What it does
    Checks every section of the profile's `required-sections` (by default Responsibilities,
    Requirements, Job Grade, Performance Indicators, Hiring Process, Career Ladder). A section
    counts when the family has it, or when every level has it: under its own heading (aliases
    such as "Senior Analyst Job Grade" or "Staff level responsibilities" match), through a grade
    statement, through an inheritance statement ("Same requirements as the Manager listed above"),
    or through an ERB partial that renders it. When no level has it, one finding names the family;
    when some levels have it, each level without it is named.

    ## Why is this bad?
    Candidates and recruiters rely on every family answering the same questions. The handbook's
    own merge check refused pages without these sections.

    ## Example
    A family whose levels all lack a "Career Ladder" section.

    ## Use instead
    ```markdown
    ## Career Ladder

    The next step for the Analyst job family is to move to the Manager job family.
    ```

    ## Options
    `required-sections`, `section-aliases` and `erb-partial-sections` in the profile.
    """
    family = page.family
    if not family.is_job_family:
        return
    present = family.section_names()
    for name in context.profile.required_sections:
        if name in present:
            continue
        lacking = [role for role in family.roles if name not in role.section_names()]
        if len(lacking) == len(family.roles):
            yield Finding(
                family.title_line,
                f'job family "{family.title}" has no "{name}" section',
                hint=f'add a "## {name}" section',
            )
            continue
        for role in lacking:
            yield Finding(
                role.line,
                f'level "{role.title}" has no "{name}" section',
                hint=f'add "{name}" under this level, or "Same {name.lower()} as the … listed above"',
            )


@rule("JD102", "inheritance-wrong-section", Severity.ERROR)
def inheritance_wrong_section(page: Page, context: Context) -> Iterator[Finding]:
    """An inheritance statement that inherits another section than the one it stands in.

    ## What it does
    Flags "Same requirements as the Director listed above" under Responsibilities, and the like:
    a statement naming one section (responsibilities, requirements, performance indicators) inside
    a different one.

    ## Why is this bad?
    The level silently inherits the wrong list: the reader is told to look up the Director's
    requirements while reading responsibilities, and the Director's responsibilities are lost.

    ## Example
    ```markdown
    ### Responsibilities
    - Same requirements as the Director listed above and also:
    ```

    ## Use instead
    ```markdown
    ### Responsibilities
    - Same responsibilities as the Director listed above and also:
    ```
    """
    inheritable = {"Responsibilities", "Requirements", "Performance Indicators"}
    for role in page.family.roles:
        for statement in role.inheritance:
            if statement.section not in inheritable or statement.kind == statement.section:
                continue
            if statement.section.lower() in statement.text.lower():
                continue  # "Same responsibilities and requirements as …"
            yield Finding(
                statement.line,
                f'"{statement.text}" inherits {statement.kind.lower()} but stands under {statement.section}',
                column=_column(page, statement.line, statement.text),
                hint=f"say {statement.section.lower()} here, or move the line to {statement.kind}",
            )


@rule("JD103", "inheritance-unknown-level", Severity.ERROR)
def inheritance_unknown_level(page: Page, context: Context) -> Iterator[Finding]:
    """An inheritance statement naming a level the page does not have.

    ## What it does
    Flags "Extends the Analyst requirements" or "Same responsibilities as the Manager listed above"
    when no level or heading of the page is called that ("Manager" names "Manager, Online Sales"; "Senior TAM"
    names "Senior Technical Account Manager").

    ## Why is this bad?
    The level inherits from nothing: its responsibilities or requirements are incomplete.

    ## Example
    A page with levels Analyst and Senior Analyst where Senior Analyst says "Extends the Associate
    requirements".

    ## Use instead
    Name a level that exists on the page, usually the one just below.
    """
    # Any heading counts: a level jdlint could not read as one (broken nesting) still exists.
    titles = [heading.text for heading in page.parsed.headings] + [page.family.title]
    titles += [role.title for role in page.family.roles]
    for role in page.family.roles:
        for statement in role.inheritance:
            if any(names_level(statement.level, title) for title in titles):
                continue
            yield Finding(
                statement.line,
                f'"{statement.text}" names a level "{statement.level}" that this page does not have',
                column=_column(page, statement.line, statement.level),
                hint="levels here: " + "; ".join(role.title for role in page.family.roles),
            )


@rule("JD104", "empty-section", Severity.WARNING)
def empty_section(page: Page, context: Context) -> Iterator[Finding]:
    """A heading with nothing under it.

    ## What it does
    Flags a heading followed directly by a heading of the same or a higher level, with no text,
    list, HTML or subsection in between. Level headings (whose content is judged by other rules),
    headings followed directly by a level heading (such as "Levels") and headings that are only a
    link are not flagged.

    ## Why is this bad?
    An empty "Requirements" section reads as "there are none" and hides that it was never written.

    ## Example
    ```markdown
    ### Requirements
    ### Performance Indicators
    ```

    ## Use instead
    Write the section, or delete its heading.
    """
    role_lines = {role.heading.line for role in page.family.roles if role.heading}
    blocks = page.parsed.blocks
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.line in role_lines or _is_link(block):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is None or (
            following.kind == "heading" and following.level <= block.level and following.line not in role_lines
        ):
            yield Finding(block.line, f'section "{block.text}" is empty', hint="write it, or delete the heading")


@rule("JD105", "title-mismatch", Severity.WARNING)
def title_mismatch(page: Page, context: Context) -> Iterator[Finding]:
    """The front-matter title disagrees with the role the page describes.

    ## What it does
    On a page that describes one role (no level headings), compares the front-matter `title` with
    the title the page gives the role in its grade statement ("The … is a grade N"), after
    normalising case, punctuation, "&"/"and", "VP"/"Vice President" and the like.

    ## Why is this bad?
    The page is listed and linked under one title and describes another: one of them is stale, and
    cross-references to either may point at the wrong role.

    ## Example
    ```markdown
    ---
    title: Senior Manager, Sales Systems
    ---
    The Director, Sales Systems is a grade 10.
    ```

    ## Use instead
    Make the title and the statements name the same role.
    """
    family = page.family
    for role in family.roles:
        if role.title != family.title:
            continue
        for statement in role.grades:
            subject = _title_subject(statement.subject)
            if subject and _key(subject) != _key(family.title):
                yield Finding(
                    family.title_line,
                    f'title "{family.title}" differs from the role this page grades, "{subject}" '
                    f"(line {statement.line})",
                    hint="make the front-matter title and the page name the same role",
                )
                return


def _key(title: str) -> str:
    return normalise_title(without_qualifiers(title))


def _title_subject(subject: str) -> str:
    """The title in "The <title>" subjects; '' for "This role" and other non-titles."""
    if not subject.lower().startswith("the "):
        return ""
    title = subject[4:].strip()
    words = title.split()
    return title if words and words[0][0].isupper() and words[-1].lower() not in ("role", "position") else ""


def _is_link(heading) -> bool:
    """A heading that is only a link is a way of showing a link, not a section to fill."""
    links = heading.inline.links
    return len(links) == 1 and links[0].text.strip() == heading.text.strip()


def _column(page: Page, line: int, text: str) -> int:
    found = page.source.line(line).find(text[:20])
    return found + 1 if found >= 0 else 1
