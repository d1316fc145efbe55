"""JD2: text left from templates that was never filled in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.profile import quick_search
from jdlint.rule import Context, Finding, Severity, rule

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page


@rule("JD201", "placeholder-text", Severity.ERROR)
def placeholder_text(page: Page, context: Context) -> Iterator[Finding]:
    """Template placeholder text left in the page.

    ## What it does
    Flags the placeholders of the job-family templates: braces such as `{add …}`, `{Insert …}`,
    `{role name}`; a template's variable in braces (`{hourly_rate}`, `{job.title}`, `{SALARY}`);
    a title that is only a template slot ("Director, Title"); slots in square
    brackets that are no link ("[Job Title]", "[Hiring Manager Name]", "[insert salary]", any
    short phrase in Title Case: "[Practice Group]"; a shortcut reference link is a link);
    "lorem ipsum". Code spans, fenced code, link targets and HTML comments are not searched.

    ## Why is this bad?
    The page is published with a hole in it: a reports-to line that names "Director, Title" tells
    a candidate nothing, and the editors' own instruction is to search for `{add` before committing.

    ## Example
    ```markdown
    The Senior Manager, Self-Service Sales reports to the Director, Title.
    ```

    ## Use instead
    ```markdown
    The Senior Manager, Self-Service Sales reports to the Director, Self-Service Growth.
    ```

    ## Options
    `[tool.jdlint.profile.placeholders]`: name = regex (case-insensitive).
    """
    yield from _scan(page, context.profile.placeholder_pattern, "placeholder")


@rule("JD202", "unfinished-marker", Severity.WARNING)
def unfinished_marker(page: Page, context: Context) -> Iterator[Finding]:
    """A marker of unfinished work: TBD, TBA, TBC, XXX, TODO, FIXME, "To Be Determined".

    ## What it does
    Flags these words in upper case in the page's prose (not in code, link targets or comments),
    X's left for a number ("Grade XX", "£XX,XXX", one finding), and "To Be Determined" (or Decided, Confirmed, Announced) spelled out: capitalised anywhere,
    in lower case where it ends the line ("Performance indicators: to be determined").

    ## Why is this bad?
    Job families are permanent pages that candidates read; "Performance indicators: TBD" is an
    open question published as an answer.

    ## Example
    ```markdown
    ## Performance Indicators
    TBD
    ```

    ## Use instead
    Write the content, or leave the section out until it exists and let `missing-section` remind
    you.

    ## Options
    `[tool.jdlint.profile.markers]`: name = regex (case-sensitive).
    """
    yield from _scan(page, context.profile.marker_pattern, "unfinished-work marker")


def _scan(page: Page, pattern: re.Pattern[str], what: str) -> Iterator[Finding]:
    """The matches of `pattern` on the lines where it has one: those lines are found in one scan
    of them all (`QuickSearch.matching`), as most have none."""
    places = _places(page)
    lines = list(_searchable_lines(page))
    for position in quick_search(pattern).matching([text for _, text in lines]):
        number, text = lines[position]
        for match in pattern.finditer(text):
            if _is_link_text(page, number, match.group()):
                continue
            where = "the front matter" if number <= page.parsed.front_matter_end else places.get(number, "the text")
            yield Finding(
                number,
                f'{what} "{match.group()}" left in {where}',
                column=match.start() + 1,
                end_column=match.end() + 1,
                hint="replace it with the real text, or delete it",
            )


def _is_link_text(page: Page, number: int, found: str) -> bool:
    """Whether `found`, "[Text]", is the text of a link on line `number`: a shortcut reference
    link ("[Benefits]", defined as "[benefits]: /benefits" elsewhere on the page)."""
    if not (found.startswith("[") and found.endswith("]")):
        return False
    return any(
        link.text == found[1:-1]
        for block in page.parsed.blocks
        if block.line <= number <= block.end_line
        for link in block.inline.links
    )


def _searchable_lines(page: Page) -> Iterator[tuple[int, str]]:
    parsed = page.parsed
    for number in range(2, parsed.front_matter_end):
        yield number, parsed.source.line(number)
    yield from parsed.prose_lines()


def _places(page: Page) -> dict[int, str]:
    """Line -> what it is, for the lines that are more than text: built once per page, as a
    search per finding is quadratic on a page full of placeholders."""
    places = {s.line: "the reports-to line" for role in page.family.roles for s in role.reports_to}
    places.update((heading.line, "a heading") for heading in page.parsed.headings)
    return places
