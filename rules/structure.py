"""JD1: the page's structure: sections, levels and what levels inherit from each other."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from jdlint.families import page_sections
from jdlint.rule import Context, Edit, Finding, Fix, Severity, rule
from jdlint.titles import names_level, normalise_title, without_qualifiers

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.families import Bundle
    from jdlint.model import Page, Role
    from jdlint.parse import Block


@rule("JD101", "missing-section", Severity.WARNING, cross_file=True)
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

    A family split over files (a folder's `_index.md` with one page per level) is judged as one:
    a section of the family page counts for every level page, a section some level page has
    counts for the family page, and a section no page of the family has is reported once, on the
    family page. A page whose front matter does not parse (JD002) is not checked: its title and
    layout are unknown until it does.

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
    # Front matter that does not parse hides the page's title and layout (JD002 says so): what
    # the page lacks is judged once it can be read, not reported of a family without a name.
    if not family.is_job_family or page.parsed.front_matter_error:
        return
    bundle = context.handbook.bundles.get(context.path)
    present = family.section_names() | (_sections_elsewhere(bundle, context) if bundle else set())
    what = "level page" if bundle and not bundle.is_family_page(context.path) else "job family"
    for name in context.profile.required_sections:
        if name in present:
            continue
        lacking = [role for role in family.roles if name not in role.section_names()]
        if len(lacking) == len(family.roles):
            yield Finding(
                family.title_line,
                f'{what} "{family.title}" has no "{name}" section',
                hint=f'add a "## {name}" section',
            )
            continue
        for role in lacking:
            yield Finding(
                role.line,
                f'level "{role.title}" has no "{name}" section',
                hint=f'add "{name}" under this level, or "Same {name.lower()} as the … listed above"',
            )


def _sections_elsewhere(bundle: Bundle, context: Context) -> set[str]:
    """What the other files of a family split over files provide for this page, so that each
    missing section is told once, where it belongs: to the family page, what some level page has
    (a level without it is told on its own page); to a level page, the family page's sections,
    and those no other level page has either (the family page is told)."""
    if bundle.is_family_page(context.path):
        return set().union(*(page_sections(entry) for entry in bundle.levels))
    in_levels = set().union(*(page_sections(entry) for entry in bundle.levels if entry.path != context.path))
    return set(bundle.family_page.sections) | (set(context.profile.required_sections) - in_levels)


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
                column=page.column_of(statement.line, statement.text),
                hint=f"say {statement.section.lower()} here, or move the line to {statement.kind}",
            )


@rule("JD103", "inheritance-unknown-level", Severity.ERROR, cross_file=True)
def inheritance_unknown_level(page: Page, context: Context) -> Iterator[Finding]:
    """An inheritance statement naming a level the page does not have.

    ## What it does
    Flags "Extends the Analyst requirements" or "Same responsibilities as the Manager listed above"
    when no level or heading of the page is called that ("Manager" names "Manager, Online Sales"; "Senior TAM"
    names "Senior Technical Account Manager"), and a level that names itself as the one it extends.
    On a level page of a family split over files, the levels of the family's other pages count too.

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
    bundle = context.handbook.bundles.get(context.path)
    titles += bundle.titles() if bundle else []
    levels_here = "levels here: " + "; ".join(role.title for role in page.family.roles)
    for role in page.family.roles:
        for statement in role.inheritance:
            column = page.column_of(statement.line, statement.level)
            if _names_itself(statement.level, role, page):
                yield Finding(
                    statement.line,
                    f'"{statement.text}" names the level it stands in, "{role.title}": it inherits from itself',
                    column=column,
                    hint=f"name the level it extends, usually the one below; {levels_here}",
                )
            elif not _names_levels(statement.level, titles):
                yield Finding(
                    statement.line,
                    f'"{statement.text}" names a level "{statement.level}" that this page does not have',
                    column=column,
                    hint=levels_here,
                )


def _names_levels(name: str, titles: list[str]) -> bool:
    """Whether `name` names a level of `titles`, or is two or more of them joined by "and" ("the
    Senior Manager and Manager Deal Desk responsibilities")."""
    parts = [name, *([] if " and " not in name else re.split(r"\s+and\s+|,\s+", name))]
    whole, *each = [any(names_level(part, title) for title in titles) for part in parts]
    return whole or (bool(each) and all(each))


def _names_itself(name: str, role, page: Page) -> bool:
    """Whether `name` can only mean `role`: its very title, or, on a page of several levels, a
    short name that fits no other level or heading."""
    if normalise_title(name) == normalise_title(role.title):  # "(Senior)" and "(Associate)" kept apart
        return True
    others = [r.title for r in page.family.roles if r is not role]
    others += [h.text for h in page.parsed.headings if not role.heading or h.line != role.heading.line]
    return (
        bool(others)
        and len(page.family.roles) > 1
        and names_level(name, role.title)
        and not any(names_level(name, title) for title in others)
    )


@rule("JD104", "empty-section", Severity.WARNING)
def empty_section(page: Page, context: Context) -> Iterator[Finding]:
    """A heading with nothing under it.

    ## What it does
    Flags a heading followed directly by a heading of the same or a higher level, with no text,
    list, HTML or subsection in between. Level headings (whose content is judged by other rules),
    headings followed directly by a level heading (such as "Levels") and headings that are only a
    link are not flagged. A title or a container ("Specialties", "Levels") followed by a heading
    of its own depth is told that its content sits at the wrong depth, not that it is missing.

    ## Why is this bad?
    An empty "Requirements" section reads as "there are none" and hides that it was never written.

    ## Example
    ```markdown
    ### Requirements
    ### Performance Indicators
    ```

    ```markdown
    ## Specialties
    ## Growth
    ```

    ## Use instead
    Write the section, or delete its heading; or make the headings that belong under it deeper:

    ```markdown
    ## Specialties
    ### Growth
    ```
    """
    role_lines = {role.heading.line for role in page.family.roles if role.heading}
    blocks = page.parsed.blocks
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.line in role_lines or _is_link(block):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and (
            following.kind != "heading" or following.level > block.level or following.line in role_lines
        ):
            continue
        if following is not None and following.level == block.level and _belongs_under(block, following, context):
            depth = "#" * block.level
            yield Finding(
                block.line,
                f'heading "{block.text}" has nothing under it: "{_excerpt(following.text)}" after it is a heading '
                f"of its own depth ({depth}), so it is not inside it",
                hint=f'make the headings that belong under it {depth}#, or delete "{_excerpt(block.text)}"',
            )
        else:
            yield Finding(block.line, f'section "{block.text}" is empty', hint="write it, or delete the heading")


@rule("JD105", "title-mismatch", Severity.WARNING)
def title_mismatch(page: Page, context: Context) -> Iterator[Finding]:
    """The front-matter title disagrees with the role the page describes.

    ## What it does
    On a page that describes one role (no level headings), compares the front-matter `title` with
    the title the page gives the role in its grade statement ("The … is a grade N"), and reports
    the grade statement that names another role. The two agree when they are spellings of one
    title ("&"/"and", "VP"/"Vice President", an abbreviation of its words) or when the statement
    uses a shorter name at the same level ("The Country Manager" on the page "Japan Country
    Manager").

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
    index = context.handbook
    for role in family.roles:
        if role.title != family.title:
            continue
        for statement in role.grades:
            subject = _title_subject(statement.subject)
            if subject and not index.names_role(without_qualifiers(subject), without_qualifiers(family.title)):
                yield Finding(
                    statement.line,
                    f'the grade statement names "{subject}", but the page\'s title is "{family.title}" '
                    f"(line {family.title_line})",
                    column=page.column_of(statement.line, subject),
                    hint="make the grade statement and the front-matter title name the same role",
                )
                return


def _title_subject(subject: str) -> str:
    """The title in "The <title>" subjects; '' for "This role" and other non-titles."""
    if not subject.lower().startswith("the "):
        return ""
    title = subject[4:].strip()
    words = title.split()
    return title if words and words[0][0].isupper() and words[-1].lower() not in ("role", "position") else ""


def _belongs_under(heading, following, context: Context) -> bool:
    """Whether `following` reads as content of the empty `heading` written at its depth: a title
    after a container ("## Specialties", "## Growth"), or a title, a container or a level's section
    after a title ("#### Growth", "#### Requirements")."""
    containers = {"Levels", "Role", *context.profile.specialty_sections}
    names = set(context.profile.section_names(heading.text))
    after = set(context.profile.section_names(following.text))
    if names:
        return names <= containers and not after
    return after <= containers or after <= set(context.profile.level_sections)


def _is_link(heading) -> bool:
    """A heading that is only a link is a way of showing a link, not a section to fill."""
    links = heading.inline.links
    return len(links) == 1 and links[0].text.strip() == heading.text.strip()


_MARKER = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap>\s+)")
_CONTINUES = re.compile(r"(?:[,:(&/\-–—]|\b(?:and|or|the|of|to|with|for|a|an|in|on|by|as|at|from))\s*$", re.I)


@rule("JD106", "lost-bullet", Severity.WARNING, fixable=True)
def lost_bullet(page: Page, context: Context) -> Iterator[Finding]:
    """A list item that lost its bullet, or a paragraph that lost its blank line, glued to the item
    before it.

    ## What it does
    Flags a line inside a list item that is not indented like the item's text (a "lazy
    continuation") and reads as an item of its own: it starts with a capital letter (or a bold
    label), the line before it does not run on into it (no trailing comma, "and", "of" …), and
    it opens as the list's items do: where every item opens with a bold label ("**Sales**: …"),
    a line without one is the next sentence of an item wrapped without indenting.

    After the list's last item, a full sentence (ending in ".", "!" or "?") glued to a list whose
    items are not sentences is a paragraph that lost the blank line before it, and is reported as
    such, once for the paragraph.

    ## Why is this bad?
    Markdown renders it as part of the item above: two requirements become one, or a note about
    the whole list becomes part of its last item, and the list says something else than its
    author meant.

    ## Example
    ```markdown
    - Experience leading a customer-facing team.
    Proven track record of driving change.
    - Great project management skills.
    ```

    ```markdown
    - Screening call
    - Team interviews
    More about the process is on the hiring page.
    ```

    ## Use instead
    ```markdown
    - Experience leading a customer-facing team.
    - Proven track record of driving change.
    - Great project management skills.
    ```

    ```markdown
    - Screening call
    - Team interviews

    More about the process is on the hiring page.
    ```

    ## Fix safety
    The bullet is safe when more items follow in the same list and no item of the list runs on
    over lines of its own; unsafe after the last item, where the line may instead be a paragraph
    that lost the blank line before it, and in a list whose author wraps items without indenting
    them, where it may be the next sentence of the item. In a numbered list that counts, the line
    takes the next number and the items after it are renumbered, so no number is written twice.
    The blank line before a paragraph is safe.
    """
    items = [b for b in page.parsed.blocks if b.kind == "list_item"]
    glued = _glued_lines(page, items)
    for block, item, opening, lines in glued:
        following = _items_after(item, items)
        # In a list whose author wraps items without indenting them, a glued line may be the next
        # sentence of its item rather than an item of its own: a bullet could change what it says.
        siblings = _list_of(item, items) + following
        wrapped = _wraps_items(item, siblings, glued)
        safety = "safe" if following and not wrapped else "unsafe"
        for number, reads_as_item in lines:
            if not reads_as_item or _unlike_items(page, number, siblings):
                continue
            indent = len(page.source.line(number)) - len(page.source.line(number).lstrip())
            if _is_glued_paragraph(page, block, number, [] if following else _list_of(item, items)):
                yield _glued_paragraph(page, number, indent)
                break
            yield _lost_bullet(page, number, indent, opening, (_list_of(item, items)[1:], following), safety)


def _glued_lines(page: Page, items: list) -> list[tuple]:
    """Each paragraph of a list item that runs over several lines, with its item, the item's
    opening marker and the paragraph's lines after the first, each with whether it reads as an
    item of its own: not indented like the item's text, starting with a capital letter, and not
    run on into from the line before (a trailing comma, "and", "of" …)."""
    glued = []
    for block in page.parsed.blocks:
        if block.kind != "paragraph" or block.level == 0 or block.end_line == block.line:
            continue
        item = next((i for i in reversed(items) if i.line <= block.line <= i.end_line), None)
        opening = _MARKER.match(page.source.line(item.line)) if item else None
        if opening is None:
            continue
        lines = [(n, _reads_as_item(page, n, opening.end())) for n in range(block.line + 1, block.end_line + 1)]
        glued.append((block, item, opening, lines))
    return glued


def _reads_as_item(page: Page, number: int, content_column: int) -> bool:
    text = page.source.line(number)
    indent = len(text) - len(text.lstrip())
    if indent >= content_column or not text.lstrip().lstrip("*_")[:1].isupper():  # a bold label too
        return False
    return not _CONTINUES.search(page.source.line(number - 1))


_BOLD_LEAD = re.compile(r"\*\*|__")


def _unlike_items(page: Page, number: int, siblings: list) -> bool:
    """Whether line `number` does not open as every item of its list does, when they all open
    with a bold label ("- **Product Marketing**: …"): then it is the next sentence of an item
    wrapped without indenting, not an item that lost its bullet."""
    openings = [_MARKER.sub("", page.source.line(item.line), count=1) for item in siblings]
    return (
        len(siblings) >= 2
        and all(_BOLD_LEAD.match(opening) for opening in openings)
        and not _BOLD_LEAD.match(page.source.line(number).lstrip())
    )


def _wraps_items(item, siblings: list, glued: list[tuple]) -> bool:
    """Whether an item of the list (`siblings`) continues its text on a line of its own."""
    return any(
        any(other is s for s in siblings) and not all(reads for _, reads in lines) for _, other, _, lines in glued
    )


def _lost_bullet(page: Page, number: int, indent: int, opening: re.Match, siblings: tuple, safety: str) -> Finding:
    marker, renumbered = _next_marker(page, opening, *siblings)
    bullet = opening["indent"] + marker + " "
    edits = (Edit(number, 1, number, indent + 1, bullet), *renumbered)
    return Finding(
        number,
        f'"{_excerpt(page.source.line(number).strip())}" lost its bullet: it is glued to the list item on line '
        f"{number - 1}",
        column=indent + 1,
        hint=f'start the line with "{marker} "',
        fix=Fix(f'add "{marker}"', edits, safety),
    )


def _next_marker(page: Page, opening: re.Match, before: list, following: list) -> tuple[str, tuple[Edit, ...]]:
    """The marker of the item the lost line becomes, and the edits that renumber the items after
    it: in an ordered list that counts ("3." then "4."), the line becomes "4." and the items after
    it move up by one, so that no number is written twice (after the last item, too); a list that
    repeats one number ("1." throughout, as Markdown allows) keeps it, and a bullet stays the same
    bullet. `before` and `following` are the list's other items, nearest first."""
    number = re.fullmatch(r"(\d+)([.)])", opening["marker"])
    if not number:
        return opening["marker"], ()
    first, delimiter = int(number[1]), number[2]
    after, earlier = _numbered(page, following), _numbered(page, before[:1])
    counts = after[0][2] == first + 1 if after else earlier[0][2] == first - 1 if earlier else True
    if not counts:
        return opening["marker"], ()
    edits = tuple(
        Edit(line, m.start("marker") + 1, line, m.end("marker") + 1, f"{value + 1}{delimiter}")
        for line, m, value in after
    )
    return f"{first + 1}{delimiter}", edits


def _numbered(page: Page, items: list) -> list[tuple[int, re.Match, int]]:
    """(line, marker match, number) of the items that are numbered."""
    markers = [(i.line, _MARKER.match(page.source.line(i.line))) for i in items]
    return [(line, m, int(m["marker"][:-1])) for line, m in markers if m and m["marker"][:-1].isdigit()]


def _items_after(item, items: list) -> list:
    """The items of `item`'s list at its level that come after it."""
    siblings = []
    for later in items[items.index(item) + 1 :]:
        if later.level < item.level:
            break
        if later.level == item.level:
            if later.line > (siblings[-1] if siblings else item).end_line + 2:
                break
            siblings.append(later)
    return siblings


def _glued_paragraph(page: Page, number: int, indent: int) -> Finding:
    return Finding(
        number,
        f'the paragraph "{_excerpt(page.source.line(number).strip())}" has no blank line before it: it is glued '
        f"to the list item on line {number - 1}",
        column=indent + 1,
        hint="add a blank line before it",
        fix=Fix("add a blank line", (Edit(number, 1, number, 1, page.source.newline),), "safe"),
    )


_SENTENCE_END = re.compile(r"[.!?][^\w\s]*$")  # closing brackets, quotes or emphasis may follow
# A sentence that sends the reader elsewhere is a note about the list, never one of its items.
_POINTS_ELSEWHERE = re.compile(
    r"\b(?:(?:more|additional|further)\s+(?:details|information|info)\b|can\s+be\s+found\b|"
    r"learn\s+more\b|see\s+(?:also\s+)?(?:the|our)\b)",
    re.I,
)


def _is_glued_paragraph(page: Page, paragraph, number: int, items_before: list) -> bool:
    """Whether the glued lines from `number` on are a note about the list rather than one more
    item: sentences that send the reader elsewhere ("More about the process can be found on the
    hiring page."), or, after the list's last item (`items_before` given), sentences after items
    that are not."""
    glued = " ".join(page.source.line(n).strip() for n in range(number, paragraph.end_line + 1))
    if not _SENTENCE_END.search(glued):
        return False
    if _POINTS_ELSEWHERE.search(glued):
        return True
    item_ends = [i.text.strip() for i in items_before if i.line < paragraph.line]
    return bool(items_before) and not any(
        _SENTENCE_END.search(e) for e in [page.source.line(number - 1).strip(), *item_ends]
    )


def _list_of(item, items: list) -> list:
    """The items of `item`'s list at its level, up to and including it."""
    siblings = [item]
    for earlier in reversed(items[: items.index(item)]):
        if earlier.level < item.level:
            break
        if earlier.level == item.level:
            if earlier.end_line + 2 < siblings[-1].line:
                break
            siblings.append(earlier)
    return siblings


def _excerpt(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@rule("JD107", "level-heading-depth", Severity.WARNING)
def level_heading_depth(page: Page, context: Context) -> Iterator[Finding]:
    """Level headings, or a level's own sections, at the wrong heading depth.

    ## What it does
    Flags a level's section ("Job Grade", "Responsibilities" …) whose heading is as shallow as the
    level's own heading, or shallower, so that it leaves the level in the page's outline; a level
    heading written at another depth than the page's other levels, when its sections left it; and
    levels written at the depth of the "Levels" heading above them (or shallower) instead of below
    it, unless "Levels" has a table or list of its own: then it is a summary, and the levels its
    siblings. When fewer levels left "Levels" than stayed in it, each that left is reported as a
    level heading at the wrong depth ("## Manager" among "###" levels), not "Levels".

    ## Why is this bad?
    The page's outline, table of contents and anchors no longer say which level a section belongs
    to; readers (and jdlint) may take a level's requirements for the family's.

    ## Example
    ```markdown
    ## Senior Analyst
    ## Job Grade
    ```

    ## Use instead
    ```markdown
    ## Senior Analyst
    ### Job Grade
    ```
    """
    family = page.family
    levels_heading, shallow = _levels_left_out(page, context)
    usual = _usual_depth(family.roles)
    inside = [r for r in family.roles if levels_heading and r.heading and r.heading.level > levels_heading.level]
    if _a_few_left(shallow, inside, page) and usual is not None and usual > levels_heading.level:
        # Most levels sit inside "Levels": the few that do not are level headings at the wrong depth.
        yield from (_misplaced_level(role, usual) for role in shallow)
        shallow = []
    for role in family.roles:
        escaped = [section for section in role.sections if section.escaped and section.heading]
        if not (escaped and role.heading):
            continue
        misplaced = usual is not None and role.heading.level != usual and role not in shallow
        if misplaced:
            yield _misplaced_level(role, usual)  # its hint gives its sections' depth too
            continue
        section_depth = role.heading.level + 1
        for section in escaped:
            depth = section.heading.level
            than = "as shallow as" if depth == role.heading.level else "shallower than"
            yield Finding(
                section.line,
                f'"{section.title}" is a section of the level "{role.title}" but its heading ({"#" * depth}) is '
                f"{than} the level's ({'#' * role.heading.level})",
                hint=f"make it {'#' * section_depth} so that it sits under the level",
            )
    if shallow:
        depth, theirs = "#" * levels_heading.level, "#" * shallow[0].heading.level
        than = f"of its own depth ({depth})" if theirs == depth else f"shallower ({theirs}) than it ({depth})"
        yield Finding(
            levels_heading.line,
            f'the levels after "{levels_heading.text}" are headings {than}, so they are not '
            f'inside it (first: "{shallow[0].title}", line {shallow[0].line})',
            hint=f"make the level headings {depth}# and their sections deeper still",
        )


def _levels_left_out(page: Page, context: Context) -> tuple[Block | None, list[Role]]:
    """The "Levels" heading and the levels after it whose headings are as shallow or shallower,
    so not inside it; none when "Levels" has a table or list of its own, a summary whose levels
    are its siblings."""
    levels_heading = next((h for h in page.parsed.headings if "Levels" in context.profile.section_names(h.text)), None)
    if levels_heading is None:
        return None, []
    shallow = [  # a "Role" block is the template's own heading, not a level that left "Levels"
        r
        for r in page.family.roles
        if r.heading
        and r.line > levels_heading.line
        and r.heading.level <= levels_heading.level
        and "Role" not in context.profile.section_names(r.heading.text)
    ]
    if shallow and _summarises_levels(page, levels_heading):
        return levels_heading, []
    return levels_heading, shallow


def _a_few_left(shallow: list, inside: list, page: Page) -> bool:
    """Whether fewer levels left "Levels" than stayed in it, on a page where each level has one
    heading: under a heading of its title at another depth ("## Analyst" then "### Analyst", the
    grade's), which of the two is the level's is not clear."""
    headings = page.parsed.headings
    twice = any(
        before.text.strip().lower() == after.text.strip().lower() and before.level != after.level
        for before, after in pairwise(headings)
    )
    return bool(shallow) and len(shallow) < len(inside) and not twice


def _misplaced_level(role, usual: int) -> Finding:
    return Finding(
        role.line,
        f'the level "{role.title}" is a heading of depth {role.heading.level} ({"#" * role.heading.level}) '
        f"where the page's other levels are {'#' * usual}",
        hint=f"make it {'#' * usual}, and its sections {'#' * (usual + 1)}",
    )


def _summarises_levels(page: Page, heading) -> bool:
    """Whether the "Levels" heading has a table or list of its own before the next heading."""
    blocks = page.parsed.blocks
    for block in blocks[blocks.index(heading) + 1 :]:
        if block.kind == "heading":
            return False
        if block.kind in ("table", "list_item"):
            return True
    return False


def _usual_depth(roles) -> int | None:
    """The depth most level headings of the page have; None when no depth is the most common."""
    depths = Counter(role.heading.level for role in roles if role.heading)
    ranked = depths.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


@rule("JD108", "heading-skip", Severity.INFO)
def heading_skip(page: Page, context: Context) -> Iterator[Finding]:
    """A heading more than one level deeper than the heading before it.

    ## What it does
    Flags `####` right after `##`, and the like, unless the shallower heading is a level's section
    written too shallow (`### Analyst`, `## Job Grade`, `#### Responsibilities`), or a level
    written as shallow as "Levels" above it whose sections have the depth they would have inside
    it (`## Levels`, `## Analyst`, `#### Job Grade`): the culprit is that heading, and
    level-heading-depth (JD107) reports it.

    ## Why is this bad?
    The outline has a hole: screen readers and the table of contents show a level that does not
    exist, and it usually means a heading above was written at the wrong depth.

    ## Example
    ```markdown
    ## Senior Analyst
    #### Job Grade
    ```

    ## Use instead
    ```markdown
    ## Senior Analyst
    ### Job Grade
    ```
    """
    headings = page.parsed.headings
    # "### Level", "## Job Grade", "#### Responsibilities": the shallow section is out of place,
    # not the deep one, and level-heading-depth reports it; so is "## Level" after "## Levels".
    escaped = {section.line for role in page.family.roles for section in role.sections if section.escaped}
    levels_heading, left_out = _levels_left_out(page, context)
    left_out_lines = {role.heading.line for role in left_out}
    for before, heading in zip(headings, headings[1:], strict=False):
        # A section at the depth it would have were its level inside "Levels": the level is the culprit.
        in_place = before.line in left_out_lines and heading.level == levels_heading.level + 2
        if heading.level > before.level + 1 and before.line not in escaped and not in_place:
            yield Finding(
                heading.line,
                f'heading level {heading.level} right after level {before.level} ("{_excerpt(before.text)}")',
                hint=f"make it {'#' * (before.level + 1)}",
            )


@rule("JD109", "section-of-another-level", Severity.WARNING)
def section_of_another_level(page: Page, context: Context) -> Iterator[Finding]:
    """A level's section headed with another level's title.

    ## What it does
    Flags a section heading under one level that starts with the title of another level of the
    page: "Senior Analyst Responsibilities" under "Manager, Analysts", usually a copy of the level
    above whose heading was not renamed.

    ## Why is this bad?
    The outline and its anchors say the section belongs to the other level: readers (and links)
    land on the wrong level's responsibilities, and the copied list may be the other level's too.

    ## Example
    ```markdown
    ### Manager, Analysts
    #### Senior Analyst Responsibilities
    ```

    ## Use instead
    ```markdown
    ### Manager, Analysts
    #### Manager, Analysts Responsibilities
    ```
    """
    keys = [(role, normalise_title(role.title)) for role in page.family.roles if role.heading]
    for role, own in keys:
        # "Data Engineer Job Grade" under "Data Engineer (Junior)" names it without its qualifier
        own_names = (own, normalise_title(without_qualifiers(role.title)))
        for section in role.sections:
            if not (section.names and section.heading):
                continue
            heading = normalise_title(section.title)
            if any(_starts_with_words(heading, name) for name in own_names):
                continue
            other = next((r for r, key in keys if r is not role and _starts_with_words(heading, key)), None)
            if other is not None:
                yield Finding(
                    section.line,
                    f'"{section.title}" is a section of the level "{role.title}" but is headed with the title of '
                    f'the level "{other.title}" (line {other.line})',
                    hint=f'head it "{role.title} {" ".join(section.names)}", and check that its text is this level\'s',
                )


def _starts_with_words(text: str, prefix: str) -> bool:
    return text == prefix or text.startswith(prefix + " ")


@rule("JD110", "duplicate-family", Severity.WARNING, cross_file=True)
def duplicate_family(page: Page, context: Context) -> Iterator[Finding]:
    """A job family that another page of the handbook defines too: the same title, the same levels.

    ## What it does
    Looks up the page's family title in the handbook index and flags it when another document
    holds a family of the same title (after normalising spelling) with the same levels. A page
    that shares only the title (other levels, or a family and one of its level pages) is not a
    copy.

    ## Why is this bad?
    Two sources of truth: an edit lands on one page and the other goes stale, and links, ladders
    and reporting lines point at either. It happens when a family moves (an old single page left
    beside the new folder).

    ## Example
    `sales/analyst.md` and `sales/analyst/_index.md`, both titled "Sales Analyst" with the levels
    Sales Analyst and Senior Sales Analyst.

    ## Use instead
    Keep one page; remove the other or turn it into a redirect.
    """
    family = page.family
    index = context.handbook
    if not family.is_job_family or not family.title:
        return
    levels = sorted(index.key(role.title) for role in family.roles)
    copies = [
        entry.path
        for entry in index.families.get(index.key(family.title), ())
        if entry.path != context.path and sorted(index.key(role.title) for role in entry.roles) == levels
    ]
    if copies:
        yield Finding(
            family.title_line,
            f'job family "{family.title}" is defined again, with the same levels, in {", ".join(copies)}',
            hint="keep one page; remove the others or make them redirects",
        )


@rule("JD111", "broken-link", Severity.WARNING, cross_file=True)
def broken_link(page: Page, context: Context) -> Iterator[Finding]:
    """A link to a page of the handbook that does not exist, or to a heading the page lacks.

    ## What it does
    Resolves each link of the page as the site does (a relative or site path, a `.md` file, a
    Hugo `{{< ref >}}`), and reports one that leads among the handbook's pages to none of them,
    with the page of the same name elsewhere or of a name one typo away as a suggestion, and a
    link to `#anchor` that no heading of the page has. A link out of the handbook's pages (a
    website, the rest of a company handbook) is not judged; nor, in a partial copy of a
    handbook (most links to its pages lead nowhere), a link with no page close to it. The links
    of reporting lines and career ladders are left to `unknown-manager` and `unknown-next-step`.

    ## Why is this bad?
    A reader who follows it lands on a 404: the benefits page, the next level's description or
    the section it promised is not where the page says.

    ## Example
    ```markdown
    See our [benefits page](../benefits-and-perks.md).
    ```
    where the page is `../benefits.md`.

    ## Use instead
    ```markdown
    See our [benefits page](../benefits.md).
    ```
    """
    index = context.handbook
    # The links of reporting lines and ladders are their rules' to judge; a link is read once.
    seen = {(s.link.line, s.link.column) for s in page.family.all_reports_to() if s.link}
    seen |= {(link.line, link.column) for s in page.family.ladder for link in s.links}
    for block in page.parsed.blocks:
        for link in block.inline.links:
            if (link.line, link.column) in seen:
                continue
            seen.add((link.line, link.column))
            target = index.resolve_link(link.href, context.path, page.anchors)
            if target.kind == "missing" and index.is_partial:
                continue  # a partial copy lacks most pages: a page of the same name is no sure guess
            problem = index.link_problem(f'link "{link.text}"', link, target, context.path)
            if problem:
                yield Finding(link.line, problem[0], column=link.column, end_column=link.end_column, hint=problem[1])
