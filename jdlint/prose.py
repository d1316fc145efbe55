"""The page's prose, line by line, each line placed under the headings above it.

What the policy and wording rules (JD7) and the custom rules read: `ParsedPage.prose_lines()`
(code, link targets, comments and ERB blanked; front matter never read), with URLs blanked too,
each line with the sections its headings name and the level it belongs to. Worked out once per
page and check (`per_page`), however many rules read it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page, Role
    from jdlint.rule import Context

_URL = re.compile(r"https?://\S+")
# Quoted text is an example or a citation, not the page's own voice. An apostrophe inside a word
# ("you'll", "GitLab’s") neither opens nor closes a quote.
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|(?<!\w)'(?:[^'\n]|'(?=\w))*'(?!\w)|(?<!\w)‘(?:[^’\n]|’(?=\w))*’(?!\w)")
_QUOTE_MARK = re.compile("[\"“'‘]")  # every quote starts with one: most lines have none


def blank(match: re.Match[str]) -> str:
    """Spaces in place of the match: what is left out keeps the columns of what follows."""
    return " " * len(match.group())


def without_quotes(text: str) -> str:
    """`text` with its quotations blanked."""
    return QUOTED.sub(blank, text) if _QUOTE_MARK.search(text) else text


class Line(NamedTuple):
    """A prose line of the body with the sections named by the headings above it."""

    number: int
    text: str
    sections: frozenset[str]
    headings: tuple[str, ...]  # the headings above it, outermost first
    role: Role | None  # the level it belongs to; None for the family's own text
    is_heading: bool
    in_blockquote: bool


def prose(page: Page, context: Context) -> list[Line]:
    """The page's prose lines in context."""
    return per_page(page, context, _read_prose)


def per_page(page: Page, context: Context, build):
    """`build(page, context)`, worked out once per page and check: the rules read the same lists.
    Kept in the check's context, never in the module: two checks that interleave (a language
    server's) would each read the other's page."""
    kept = context.memo.get(build)
    if kept is None or kept[0] is not page:  # a context outlives its page when --fix checks again
        kept = context.memo[build] = (page, build(page, context))
    return kept[1]


def _read_prose(page: Page, context: Context) -> list[Line]:
    parsed, family = page.parsed, page.family
    owner: dict[int, Role] = {}
    for role in family.roles:
        for heading in [role.heading, *(section.heading for section in role.sections)]:
            if heading is not None:
                owner[heading.line] = role
    single = family.roles[0] if family.single_role and family.roles else None
    headings = {line: h for h in page.headings for line in range(h.line, h.end_line + 1)}
    stack: list = []
    names: frozenset[str] = frozenset()
    titles: tuple[str, ...] = ()
    role = single
    lines = []
    for number, text in parsed.prose_lines():
        heading = headings.get(number)
        quoted = text.lstrip().startswith(">")
        if heading is not None and heading.line == number and not quoted:  # a quote's headings are its own
            while stack and stack[-1][0].level >= heading.level:
                stack.pop()
            stack.append((heading, context.profile.section_names(heading.text)))
            names = frozenset(name for _, section in stack for name in section)
            titles = tuple(h.text for h, _ in stack)
            role = single or owner.get(number)
        text = _URL.sub(blank, text)
        lines.append(Line(number, text, names, titles, role, heading is not None, quoted))
    return lines
