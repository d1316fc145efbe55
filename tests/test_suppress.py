"""Inline suppressions in HTML comments: next line, ranges, whole file, and unused ones (JD003)."""

from pathlib import Path

import pytest

from jdlint.config import Config
from jdlint.engine import lint_text
from jdlint.parse import Comment
from jdlint.suppress import read_suppressions


def lint(text: str, select=("JD2", "JD003")):
    config = Config(root=Path("."), select=select)
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(text.encode(), "page.md", config, rules)
    return sorted((d.line, d.code) for d in diagnostics)


def test_unsuppressed_markers_are_reported():
    assert lint("TBD\n\nTBD\n") == [(1, "JD202"), (3, "JD202")]


def test_disable_next_line_suppresses_the_next_line_only():
    text = "<!-- jdlint-disable-next-line JD202 -->\nTBD\n\nTBD\n"
    assert lint(text) == [(4, "JD202")]


def test_disable_next_line_by_prefix():
    assert lint("<!-- jdlint-disable-next-line JD2 -->\nTBD\n") == []


def test_disable_next_line_by_name():
    assert lint("<!-- jdlint-disable-next-line unfinished-marker -->\nTBD\n") == []


def test_disable_next_line_without_codes_suppresses_every_rule():
    assert lint("<!-- jdlint-disable-next-line -->\nTBD {add title}\n") == []


def test_disable_next_line_with_comma_separated_codes():
    assert lint("<!-- jdlint-disable-next-line JD201, JD202 -->\nTBD {add title}\n") == []


def test_disable_next_line_for_another_rule_does_not_suppress():
    text = "<!-- jdlint-disable-next-line JD201 -->\nTBD\n"
    assert (2, "JD202") in lint(text)


def test_inline_comment_at_the_end_of_a_line_suppresses_the_next_line():
    assert lint("Some text. <!-- jdlint-disable-next-line JD202 -->\nTBD\n") == []


def test_disable_enable_range_with_a_code():
    text = "TBD\n\n<!-- jdlint-disable JD202 -->\n\nTBD\n\nTBD\n\n<!-- jdlint-enable -->\n\nTBD\n"
    assert lint(text) == [(1, "JD202"), (11, "JD202")]


def test_disable_range_by_prefix_and_name():
    text = "<!-- jdlint-disable JD201 unfinished-marker -->\n\nTBD {add title}\n\n<!-- jdlint-enable -->\n\nTBD\n"
    assert lint(text) == [(7, "JD202")]


def test_disable_without_enable_runs_to_the_end_of_the_file():
    assert lint("TBD\n\n<!-- jdlint-disable JD202 -->\n\nTBD\n\nTBD\n") == [(1, "JD202")]


def test_range_covers_only_the_named_rule():
    text = "<!-- jdlint-disable JD201 -->\n\nTBD {add title}\n\n<!-- jdlint-enable -->\n"
    assert lint(text) == [(3, "JD202")]


def test_enable_with_a_code_closes_only_that_range():
    text = (
        "<!-- jdlint-disable JD201 -->\n\n<!-- jdlint-disable JD202 -->\n\n"
        "<!-- jdlint-enable JD202 -->\n\nTBD {add title}\n"
    )
    assert lint(text, select=("JD2",)) == [(7, "JD202")]


def test_disable_file_suppresses_before_and_after_the_comment():
    assert lint("TBD\n\n<!-- jdlint-disable-file -->\n\nTBD\n") == []


def test_disable_file_with_a_code_keeps_other_rules():
    assert lint("TBD {add title}\n\n<!-- jdlint-disable-file JD202 -->\n") == [(1, "JD201")]


def test_directive_inside_a_code_block_is_ignored():
    assert lint("```\n<!-- jdlint-disable-file -->\n```\n\nTBD\n") == [(5, "JD202")]


def test_unused_next_line_suppression_is_reported_as_jd003_info():
    config = Config(root=Path("."), select=("JD2", "JD003"))
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(b"Intro.\n\n<!-- jdlint-disable-next-line JD201 -->\nAll fine.\n", "p.md", config, rules)
    (unused,) = diagnostics
    assert (unused.code, unused.name, unused.line, str(unused.severity)) == (
        "JD003",
        "unused-suppression",
        3,
        "info",
    )
    assert "JD201" in unused.message


def test_unused_range_is_reported():
    assert lint("<!-- jdlint-disable JD202 -->\n\nAll fine.\n\n<!-- jdlint-enable -->\n") == [(1, "JD003")]


def test_unused_file_suppression_is_reported():
    assert lint("<!-- jdlint-disable-file -->\n\nAll fine.\n") == [(1, "JD003")]


def test_used_suppression_is_not_reported():
    assert lint("<!-- jdlint-disable-next-line JD202 -->\nTBD\n") == []


def test_unused_suppression_is_not_reported_when_jd003_is_not_selected():
    assert lint("<!-- jdlint-disable-file -->\n\nAll fine.\n", select=("JD2",)) == []


def test_suppression_lines_count_front_matter():
    text = "---\ntitle: A\n---\n<!-- jdlint-disable-next-line JD202 -->\nTBD\nTBD\n"
    assert lint(text) == [(6, "JD202")]


def test_suppression_works_with_crlf_line_endings():
    text = "<!-- jdlint-disable-next-line JD202 -->\r\nTBD\r\n\r\nTBD\r\n"
    assert lint(text) == [(4, "JD202")]


def test_read_suppressions_parses_kinds_and_codes():
    comments = (
        Comment(2, 2, "jdlint-disable-next-line JD201"),
        Comment(4, 4, "jdlint-disable JD5, placeholder-text"),
        Comment(9, 9, "jdlint-enable"),
    )
    suppressions = read_suppressions(comments, last_line=20)
    assert [(s.line, s.codes, s.first, s.last) for s in suppressions] == [
        (2, ("JD201",), 3, 3),
        (4, ("JD5", "placeholder-text"), 4, 9),
    ]


def test_ordinary_comments_are_not_suppressions():
    assert read_suppressions((Comment(1, 1, "note to editors: jdlint is great"),), last_line=5) == []


def test_next_line_suppression_after_a_multi_line_code_span():
    text = "A `x\ny` z\nw <!-- jdlint-disable-next-line JD202 -->\nTBD\n"
    assert lint(text) == []


def test_unknown_directive_does_not_silence_the_rest_of_the_file():
    text = "<!-- jdlint-disable-line JD202 -->\n\nSome text.\n\nTBD\n"
    assert (5, "JD202") in lint(text)


def test_disable_next_line_in_a_wrapped_comment_covers_the_line_after_the_comment():
    assert lint("<!-- jdlint-disable-next-line\n     JD202 -->\nTBD\n") == []


def messages(text: str) -> list[str]:
    config = Config(root=Path("."), select=("JD2", "JD003"))
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(text.encode(), "page.md", config, rules)
    return [d.message for d in diagnostics if d.code == "JD003"]


def test_an_unknown_code_is_reported_as_unknown_not_as_suppressing_nothing():
    assert messages("<!-- jdlint-disable-next-line JD999 -->\nAll fine.\n") == [
        'suppression names "JD999", which is no rule'
    ]


def test_an_unknown_code_beside_a_used_one_is_reported():
    assert messages("<!-- jdlint-disable-next-line JD202, placeholdr-text -->\nTBD\n") == [
        'suppression names "placeholdr-text", which is no rule'
    ]


@pytest.mark.parametrize(
    ("comment", "meant"),
    [
        ("jdlint-disabel JD202", "jdlint-disable"),
        ("jdlint disable JD202", "jdlint-disable"),
        ("jdlint_disable_file", "jdlint-disable-file"),
        ("JDLINT-ENABLE", "jdlint-enable"),
        ("jdlint-disable-line JD202", "jdlint-disable-next-line"),
        ("jd-lint-disble-next-line JD2", "jdlint-disable-next-line"),
    ],
)
def test_a_misspelt_directive_is_reported_with_the_directive_meant(comment, meant):
    (message,) = messages(f"<!-- {comment} -->\nTBD\n")[:1]
    assert message.endswith(f'is not a jdlint directive; did you mean "{meant}"?')


def test_a_jdlint_word_that_is_no_directive_is_reported():
    assert messages("<!-- jdlint-ignore JD202 -->\nTBD\n") == ['"jdlint-ignore" is not a jdlint directive']


@pytest.mark.parametrize(
    "comment", ["textlint-disable", "eslint-disable-next-line", "markdownlint-disable MD013", "TODO: disable this"]
)
def test_other_tools_directives_and_notes_are_not_near_misses(comment):
    assert messages(f"<!-- {comment} -->\nTBD\n") == []


def test_a_misspelt_directive_gets_the_directive_meant_as_an_unsafe_fix():
    from jdlint.fix import apply_fixes
    from jdlint.source import decode

    text = "Intro. <!-- jdlint-disabel JD202 -->\nTBD\n"
    config = Config(root=Path("."), select=("JD2", "JD003"))
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(text.encode(), "page.md", config, rules)
    (finding,) = [d for d in diagnostics if d.code == "JD003"]
    fixed, _ = apply_fixes(decode(text.encode()), [finding.fix])
    assert finding.fix.applicability == "unsafe" and fixed == text.replace("disabel", "disable")


def test_disable_section_runs_to_the_next_heading_as_high_as_its_own():
    text = "## A\n\n<!-- jdlint-disable-section JD202 -->\n\nTBD\n\n### A.1\n\nTBD\n\n## B\n\nTBD\n"
    assert lint(text) == [(13, "JD202")]


def test_disable_section_above_every_heading_runs_to_the_first_heading():
    assert lint("<!-- jdlint-disable-section JD202 -->\nTBD\n\n# Title\n\nTBD\n") == [(6, "JD202")]
