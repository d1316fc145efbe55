"""JD0: problems reading the page itself. The rest of the page is still linted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.rule import Context, Finding, Severity, rule

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page


@rule("JD000", "internal-error", Severity.ERROR, by_engine=True)
def internal_error(page: Page, context: Context) -> Iterator[Finding]:
    """A rule, or jdlint's reading of the page, failed with an exception.

    ## What it does
    Reports, on the file being linted, that jdlint itself failed, naming the rule and the error.
    The other rules and files are still checked.

    ## Why is this bad?
    It is a bug in jdlint, not in the page. Please report it with the page that triggers it.
    """
    return iter(())


@rule("JD001", "undecodable-bytes", Severity.ERROR)
def undecodable_bytes(page: Page, context: Context) -> Iterator[Finding]:
    """Bytes that are not valid in the file's encoding (UTF-8 unless a BOM says otherwise).

    ## What it does
    Reports each line with bytes that do not decode, with how many and the byte offset of the
    first. jdlint reads them as U+FFFD and lints the rest of the page.

    ## Why is this bad?
    The handbook is built as UTF-8: undecodable bytes render as "�" or break the build. They usually
    come from pasting text saved in another encoding (Windows-1252, Latin-1).

    ## Example
    A file saved as Latin-1 containing `Zoë` (byte `0xEB`).

    ## Use instead
    Re-save the file as UTF-8.
    """
    by_line: dict[int, list] = {}
    for error in page.source.decode_errors:
        by_line.setdefault(error.line, []).append(error)
    for line, errors in by_line.items():
        count = sum(error.length for error in errors)
        first = errors[0]
        where = f"at byte offset {first.byte_offset}"
        if len(errors) > 1:
            where = f"in {len(errors)} places from byte offset {first.byte_offset}"
        yield Finding(
            line,
            f"{count} {'byte' if count == 1 else 'bytes'} {where} {'is' if count == 1 else 'are'} "
            f"not valid {page.source.encoding}",
            column=first.column,
            end_column=errors[-1].column + 1,
            hint="re-save the file as UTF-8",
        )


@rule("JD002", "invalid-front-matter", Severity.ERROR)
def invalid_front_matter(page: Page, context: Context) -> Iterator[Finding]:
    """Front matter that is not a valid YAML mapping.

    ## What it does
    Reports YAML front matter that does not parse, is not closed, or is not a mapping of keys,
    at the line where the YAML parser stopped. The Markdown body is still linted.

    ## Why is this bad?
    The site generator drops or rejects the page: its title and layout are lost.

    ## Example
    ```markdown
    ---
    title: Director: Sales
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: "Director: Sales"
    ---
    ```
    """
    error = page.parsed.front_matter_error
    if error:
        yield Finding(error.line, error.message)


@rule("JD003", "unused-suppression", Severity.INFO, fixable=True, by_engine=True)
def unused_suppression(page: Page, context: Context) -> Iterator[Finding]:
    """A `jdlint-disable` comment that suppresses nothing.

    ## What it does
    Reports an inline suppression comment (`<!-- jdlint-disable-next-line JD201 -->`,
    `<!-- jdlint-disable … -->`, `<!-- jdlint-disable-file … -->`) for which no enabled rule had a
    finding to suppress; a code in one that names no rule (`JD999`, `placeholdr-text`); and a
    comment that comes close to a directive without being one (`jdlint-disabel`, `jdlint disable`,
    `jdlint-disable-line`), with the directive it probably means.

    ## Why is this bad?
    A stale suppression hides the next real problem on that line and tells readers something that
    is no longer true. A misspelt directive or code suppresses nothing, silently.

    ## Use instead
    Delete the comment, or spell the directive and the codes as `jdlint rules` lists them.

    ## Fix safety
    The directive meant is written over a misspelt one as an unsafe fix: it changes which
    findings are suppressed.
    """
    return iter(())


@rule("JD004", "time-budget-exceeded", Severity.ERROR, by_engine=True)
def time_budget_exceeded(page: Page, context: Context) -> Iterator[Finding]:
    """Checking the page took longer than the time budget; the rules not yet run were skipped.

    ## What it does
    jdlint gives each page 10 seconds of rule checking. When a page uses it up, the rules still
    to run are skipped and this finding names them, on line 1. A job page takes milliseconds: only
    a pathological page (hundreds of thousands of headings, links or findings) gets here.

    ## Why is this bad?
    The page was not fully checked: findings of the skipped rules may be missing. The budget keeps
    one such page from hanging a pre-commit hook or a CI job.

    ## Use instead
    Split the page, or find what makes it so large (generated content, a pasted data dump).
    """
    return iter(())


@rule("JD005", "missing-path", Severity.ERROR, by_engine=True)
def missing_path(page: Page, context: Context) -> Iterator[Finding]:
    """A file or directory named on the command line that does not exist.

    ## What it does
    Reports each path given to `jdlint check` that is neither a file nor a directory, at line 1 of
    that path; the other paths are linted all the same (as ruff reports E902). It is always
    reported, whatever the selection.

    ## Why is this bad?
    A mistyped path in a CI job or a hook would otherwise lint nothing and pass for ever.

    ## Use instead
    Correct the path, or remove it from the command.
    """
    return iter(())
