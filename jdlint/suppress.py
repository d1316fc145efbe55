"""Inline suppressions in HTML comments, which render invisibly.

    <!-- jdlint-disable-next-line JD201 -->
    <!-- jdlint-disable JD5 placeholder-text -->  …  <!-- jdlint-enable -->
    <!-- jdlint-disable-file -->

Codes are rule codes, prefixes or names, separated by spaces or commas; none means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jdlint.parse import Comment

# A directive is a whole word: "jdlint-disable-line" is no directive at all, not "disable" + "-line".
_DIRECTIVE = re.compile(r"jdlint-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*)", re.DOTALL)


@dataclass
class Suppression:
    line: int  # the comment's line
    codes: tuple[str, ...]  # () for every rule
    first: int
    last: int
    used: bool = field(default=False)

    def covers(self, code: str, name: str, line: int) -> bool:
        if not self.first <= line <= self.last:
            return False
        return not self.codes or any(name == c or code.startswith(c.upper()) for c in self.codes)


def read_suppressions(comments: tuple[Comment, ...], last_line: int) -> list[Suppression]:
    suppressions: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for line, end_line, text in comments:
        match = _DIRECTIVE.match(text)
        if not match:
            continue
        kind, codes = match[1], tuple(re.findall(r"[\w-]+", match[2]))
        if kind == "disable-next-line":
            suppressions.append(Suppression(line, codes, end_line + 1, end_line + 1))
        elif kind == "disable-file":
            suppressions.append(Suppression(line, codes, 1, last_line))
        elif kind == "disable":
            suppression = Suppression(line, codes, line, last_line)
            suppressions.append(suppression)
            open_ranges.append(suppression)
        else:
            for suppression in list(open_ranges):
                if not codes or set(codes) & set(suppression.codes):
                    suppression.last = line
                    open_ranges.remove(suppression)
    return suppressions
