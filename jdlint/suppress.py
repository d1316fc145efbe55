"""Inline suppressions in HTML comments, which render invisibly.

    <!-- jdlint-disable-next-line JD201 -->
    <!-- jdlint-disable JD5 placeholder-text -->  …  <!-- jdlint-enable -->
    <!-- jdlint-disable-file -->
    <!-- jdlint-disable-section JD711 -->      (to the next heading as high as the one above it)

Codes are rule codes, prefixes or names, separated by spaces or commas; none means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jdlint.parse import Comment
    from jdlint.rule import Rule

# A directive is a whole word: "jdlint-disable-line" is no directive at all, not "disable" + "-line".
_DIRECTIVE = re.compile(
    r"jdlint-(disable-next-line|disable-file|disable-section|disable|enable)(?![\w-])(.*)", re.DOTALL
)


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
        return not self.codes or any(_names(c, code, name) for c in self.codes)

    def unknown_codes(self, rules: Iterable[Rule]) -> list[str]:
        """The codes of the comment that name no rule there is (a typo, a rule of another tool)."""
        rules = list(rules)
        return [c for c in self.codes if not any(_names(c, rule.code, rule.name) for rule in rules)]


def _names(selector: str, code: str, name: str) -> bool:
    """Whether a comment's code, prefix or rule name names the rule `code` (`name`)."""
    return name == selector or code.startswith(selector.upper())


def read_suppressions(
    comments: tuple[Comment, ...], last_line: int, headings: tuple[tuple[int, int], ...] = ()
) -> list[Suppression]:
    """The page's suppressions; `headings` are its (line, level) pairs, in order, for
    `disable-section`."""
    suppressions: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for line, end_line, text in comments:
        match = _DIRECTIVE.match(text)
        if not match:
            continue
        kind, codes = match[1], tuple(re.findall(r"[\w-]+", match[2]))
        if kind == "disable-next-line":
            suppressions.append(Suppression(line, codes, end_line + 1, end_line + 1))
        elif kind == "disable-section":
            suppressions.append(Suppression(line, codes, line, _section_end(line, headings, last_line)))
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


DIRECTIVES = (
    "jdlint-disable-next-line",
    "jdlint-disable-file",
    "jdlint-disable-section",
    "jdlint-disable",
    "jdlint-enable",
)
# The comment's first word, with a "disable"/"enable" written apart from it ("jdlint disable").
_HEAD = re.compile(r"\s*[\w:-]+(?:[\s_:]+(?:disable|enable)[\w-]*)?", re.IGNORECASE)


def misspelt_directives(comments: tuple[Comment, ...]) -> list[tuple[int, str, str]]:
    """(line, what the comment wrote, the directive it means, or '' when none is close) for comments
    that come close to a directive without being one ("jdlint-disabel", "jdlint disable", "JDLINT-DISABLE",
    "jdlint-disable-line"): silently ignored, they would leave the findings they meant to hide."""
    found = []
    for line, _, text in comments:
        head = _HEAD.match(text)
        if head is None or _DIRECTIVE.match(text):
            continue
        written = head[0].strip()
        spelt = re.sub(r"[\s_:]+", "-", written).lower()
        first, second = (spelt.split("-") + [""])[:2]
        # Another tool's directive ("textlint-disable", "eslint-disable") is not a near miss.
        if max(_likeness(first, "jdlint"), _likeness(first + second, "jdlint")) < 0.8:
            continue
        # "jdlint-disable-line" means the next line rather than the file, one letter away.
        meant = max(DIRECTIVES, key=lambda d: (d.rsplit("-", 1)[-1] == spelt.rsplit("-", 1)[-1], _likeness(spelt, d)))
        if _likeness(spelt, meant) >= 0.8:
            found.append((line, written, meant))
        elif spelt.startswith("jdlint-"):  # "jdlint-ignore": a directive of jdlint's, none close
            found.append((line, written, ""))
    return found


def _likeness(text: str, other: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, text, other).ratio()


def _section_end(line: int, headings: tuple[tuple[int, int], ...], last_line: int) -> int:
    """The last line of the section holding `line`: before the next heading as high as the one
    above it (any heading, for a comment above every heading)."""
    above = [level for number, level in headings if number < line]
    level = above[-1] if above else 6
    return next((number - 1 for number, depth in headings if number > line and depth <= level), last_line)
