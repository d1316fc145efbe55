"""JD6: text damaged in transit: mojibake, replacement and control characters, mixed line endings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.rule import Context, Edit, Finding, Fix, Severity, plural, rule

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page

# Characters that UTF-8 text read as Windows-1252 or Latin-1 starts its damage with ("â€™", "Ã©",
# "Â£"): a cheap filter, so that ftfy (slow to import) only sees lines that may be damaged.
_MOJIBAKE_HINT = re.compile(
    r"[ÂÃâÅÐÑ][\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
# C0 and C1 control characters other than tab, line feed and carriage return; DEL; a BOM or
# zero-width space inside the text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")


def _text_lines(page: Page) -> Iterator[tuple[int, str]]:
    """Every line but those of fenced or indented code, whose bytes are the author's business."""
    skip = page.parsed.code_lines
    for number, text in enumerate(page.source.lines, start=1):
        if number not in skip:
            yield number, text


@rule("JD601", "mojibake", Severity.ERROR, fixable=True)
def mojibake(page: Page, context: Context) -> Iterator[Finding]:
    """Text that was decoded with the wrong encoding ("teamâ€™s" for "team’s").

    ## What it does
    Finds runs of characters that are UTF-8 text read as Windows-1252 or Latin-1, using
    [ftfy](https://ftfy.readthedocs.io/), and offers the repaired text. Correct non-ASCII text
    ("Zoë Müller", "–", "’", emoji) is left alone.

    ## Why is this bad?
    It is printed as is on the page: readers see "teamâ€™s" and lose trust in the page.

    ## Example
    ```markdown
    - Improve the self-service teamâ€™s effectiveness
    ```

    ## Use instead
    ```markdown
    - Improve the self-service team’s effectiveness
    ```

    ## Fix safety
    Safe: only the damaged characters are replaced, by what ftfy decodes them to.
    """
    for number, text in _text_lines(page):
        if not _MOJIBAKE_HINT.search(text):
            continue
        from ftfy import fix_encoding

        repaired = fix_encoding(text)
        if repaired == text:
            continue
        start, end, replacement = _changed_span(text, repaired)
        yield Finding(
            number,
            f'mojibake "{text[start:end]}" should read "{replacement}"',
            column=start + 1,
            end_column=end + 1,
            hint="the text was saved in one encoding and read in another",
            fix=Fix(
                f'replace with "{replacement}"',
                (Edit(number, start + 1, number, end + 1, replacement),),
            ),
        )


def _changed_span(old: str, new: str) -> tuple[int, int, str]:
    """(start, end) in `old` and the replacement from `new`: the part between common ends."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    return start, end_old, new[start:end_new]


_REPLACEMENT = re.compile("\ufffd")


@rule("JD602", "replacement-character", Severity.ERROR)
def replacement_character(page: Page, context: Context) -> Iterator[Finding]:
    """A U+FFFD replacement character ("�") in the text.

    ## What it does
    Flags "�" characters stored in the file: what a character was is lost, some tool replaced it.
    (Bytes that do not decode at all are `undecodable-bytes`, JD001.)

    ## Why is this bad?
    The reader sees "�" where a letter or quote was. Only the author knows what it was.

    ## Example
    ```markdown
    - Work with the team�s leads
    ```

    ## Use instead
    ```markdown
    - Work with the team’s leads
    ```
    """
    undecodable = {(error.line, error.column) for error in page.source.decode_errors}
    for number, text in _text_lines(page):
        if "\ufffd" not in text:  # most lines: one scan for the character, no regex
            continue
        for match in _REPLACEMENT.finditer(text):
            if (number, match.start() + 1) not in undecodable:
                yield Finding(
                    number,
                    'replacement character "\ufffd": a character was lost here',
                    column=match.start() + 1,
                    end_column=match.end() + 1,
                    hint="write the character that was meant",
                )


@rule("JD603", "control-character", Severity.WARNING, fixable=True)
def control_character(page: Page, context: Context) -> Iterator[Finding]:
    """An invisible control character in the text.

    ## What it does
    Flags C0 and C1 control characters other than tab and line breaks, DEL, and zero-width spaces
    or byte-order marks inside the text, and offers to delete them.

    ## Why is this bad?
    They are invisible in an editor but break search, copy and paste, and some renderers.

    ## Fix safety
    Safe: the characters render as nothing. Unsafe on a page whose Markdown blocks they change:
    "\\x0c-" under a paragraph is text, "-" there underlines a heading; "#\\x0b" is text, "#" is
    a heading; a line of only a control character is not blank, an empty one is.
    """
    lines = [(number, text) for number, text in _text_lines(page) if _CONTROL.search(text)]
    safe = not lines or _same_blocks_without_controls(page, {number for number, _ in lines})
    for number, text in lines:
        for match in _CONTROL.finditer(text):
            code = f"U+{ord(match.group()):04X}"
            edit = Edit(number, match.start() + 1, number, match.end() + 1, "")
            yield Finding(
                number,
                f"invisible control character {code}",
                column=match.start() + 1,
                end_column=match.end() + 1,
                hint="delete it",
                fix=Fix(f"delete {code}", (edit,), "safe" if safe else "unsafe"),
            )


def _same_blocks_without_controls(page: Page, numbers: set[int]) -> bool:
    """Whether the page, its control characters deleted from lines `numbers`, has the same blocks."""
    source = page.source
    text = "".join(
        (_CONTROL.sub("", line) if number in numbers else line) + ending
        for number, (line, ending) in enumerate(zip(source.lines, source.line_endings, strict=True), start=1)
    )
    return page.parsed.has_the_blocks_of(text)


@rule("JD604", "mixed-line-endings", Severity.WARNING, fixable=True)
def mixed_line_endings(page: Page, context: Context) -> Iterator[Finding]:
    """Lines ending in different ways (CRLF and LF, or a lone CR) in one file.

    ## What it does
    Finds the file's most common line ending and flags the first line that ends otherwise,
    counting how many do; the fix makes every line end the common way.

    ## Why is this bad?
    Mixed endings make every diff of the file noisy, and a lone CR is a line break to some tools
    and not to others.

    ## Fix safety
    Safe: only line endings change.
    """
    source = page.source
    common = source.newline
    odd = [number for number, ending in enumerate(source.line_endings, start=1) if ending and ending != common]
    if not odd:
        return
    names = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}
    edits = tuple(Edit(number, len(source.line(number)) + 1, number + 1, 1, common) for number in odd)
    counts = Counter(source.line_endings[number - 1] for number in odd)  # LF and lone CR may both be odd
    odd_ones = ", ".join(
        f"{plural(count, 'line ends', 'lines end')} with {names[ending]}" for ending, count in counts.items()
    )
    yield Finding(
        odd[0],
        f"{odd_ones}, the others with {names[common]}",
        column=len(source.line(odd[0])) + 1,
        hint=f"end every line with {names[common]}",
        fix=Fix(f"end every line with {names[common]}", edits),
    )
