"""comrak reads a page into the same blocks as markdown-it-py, and markdown-it-py reads what
comrak cannot: where comrak is missing, fails (a Rust panic), or is known to read a shape otherwise
(`markdown_comrak.Unsure`)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jdlint
from jdlint import markdown_comrak
from jdlint import parse as parse_module
from jdlint.parse import parse
from jdlint.source import decode

REPO = Path(__file__).resolve().parents[1]


def source(markdown: str):
    return decode(textwrap.dedent(markdown).lstrip("\n").encode())


def shape(page):
    """All a page's Markdown gives the rules."""
    return page.blocks, page.code_lines, page.html_lines, page.html_comments


def read_alike(markdown: str):
    """The page as comrak reads it itself, after checking that markdown-it-py reads it alike."""
    text = source(markdown)
    page = parse(text, "comrak")
    assert shape(page) == shape(parse(text, "markdown-it"))
    return page


def blocks(page, kind=None):
    return [(b.kind, b.line, b.end_line, b.level, b.marker, b.text) for b in page.blocks if kind in (None, b.kind)]


# Each shape, read alike by both


def test_table_cells_are_blocks_on_their_row_with_missing_cells_empty():
    page = read_alike(
        """
        | Level | Grade |
        |-------|:-----:|
        | Analyst | 7 |
        | Senior \\| Staff |
        """
    )
    assert [(line, text) for _, line, _, _, _, text in blocks(page, "table")] == [
        (1, "Level"), (1, "Grade"), (3, "Analyst"), (3, "7"), (4, "Senior | Staff"), (4, ""),
    ]  # fmt: skip


def test_nested_list_items_carry_their_depth_and_marker():
    page = read_alike(
        """
        - Requirements
          * Ability to use GitLab
            1. First
            2) Second, a new list
        + Other
        """
    )
    assert [(line, level, marker) for _, line, _, level, marker, _ in blocks(page, "list_item")] == [
        (1, 1, "-"), (2, 2, "*"), (3, 3, "."), (4, 3, ")"), (5, 1, "+"),
    ]  # fmt: skip


def test_a_list_item_has_the_text_of_its_first_paragraph_and_the_blank_lines_after_it():
    page = read_alike(
        """
        - Lead the team
          across lines

          More about it.

        - Second


        After the list.
        """
    )
    assert blocks(page, "list_item") == [
        ("list_item", 1, 5, 1, "-", "Lead the team across lines"),
        ("list_item", 6, 8, 1, "-", "Second"),
    ]
    assert blocks(page, "paragraph")[-1] == ("paragraph", 9, 9, 0, "", "After the list.")


def test_an_empty_list_item_takes_one_blank_line():
    page = read_alike("-\n\n\n## Next\n")
    assert blocks(page, "list_item") == [("list_item", 1, 2, 1, "-", "")]


def test_a_code_span_across_lines_keeps_the_lines_of_the_text_after_it():
    page = read_alike("The `git\ncommit` command\nand more.\n")
    (block,) = page.blocks
    assert block.text == "The git commit command and more."
    assert block.inline.line_at(block.text.index("command")) == 2
    assert block.inline.line_at(block.text.index("more")) == 3


def test_html_blocks_and_inline_comments_with_their_lines():
    page = read_alike(
        """
        <!-- jdlint-disable-file -->

        <div>
        Hidden
        </div>

        Text <!-- a note
        over lines --> after.
        """
    )
    assert [(c.line, c.end_line, c.text) for c in page.html_comments] == [
        (1, 1, "jdlint-disable-file"), (7, 8, "a note\nover lines"),
    ]  # fmt: skip
    assert page.html_lines == frozenset({1, 3, 4, 5})
    assert blocks(page, "paragraph") == [("paragraph", 7, 8, 0, "", "Text   after.")]


def test_a_hugo_ref_as_a_link_target_keeps_the_shortcode():
    page = read_alike('See the [Manager]({{< ref "/job-families/sales/manager#grade" >}}) page.\n')
    ((link,),) = [block.inline.links for block in page.blocks]
    assert (link.text, link.href, link.column) == ("Manager", '{{< ref "/job-families/sales/manager#grade" >}}', 9)


def test_atx_and_setext_headings_with_their_levels_and_text_lines():
    page = read_alike(
        """
        # Analyst #

        Senior
        Analyst
        -------

        ### Job Grade
        """
    )
    assert blocks(page, "heading") == [
        ("heading", 1, 1, 1, "", "Analyst"),
        ("heading", 3, 4, 2, "", "Senior Analyst"),  # above its underline
        ("heading", 7, 7, 3, "", "Job Grade"),
    ]


def test_links_with_their_columns_on_a_line():
    line = 'The [Manager](/manager/) and the [[Director]](../director/ "title") and <https://example.com/a>.'
    page = read_alike(line + "\n")
    links = [(link.text, link.href, link.column, link.end_column) for link in page.blocks[0].inline.links]
    assert links == [
        ("Manager", "/manager/", 5, 25),
        ("[Director]", "../director/", 34, 68),
        ("https://example.com/a", "https://example.com/a", 1, None),  # an autolink has no "](": not placed
    ]


def test_a_link_target_is_as_written_not_percent_encoded():
    """markdown-it-py encoded targets ("label_name%5B%5D"), which the line then did not show."""
    line = "See the [board](https://example.com/boards?label_name[]=infra&x=caf\u00e9) for it."
    page = read_alike(line + "\n")
    (link,) = page.blocks[0].inline.links
    assert link.href == "https://example.com/boards?label_name[]=infra&x=caf\u00e9"
    assert (link.column, link.end_column) == (9, line.index(" for") + 1)


def test_an_image_gives_its_description_as_written():
    page = read_alike("Logo ![the *GitLab* &amp; tanuki\nlogo](logo.png) here.\n")
    (block,) = page.blocks
    assert block.text == "Logo the *GitLab* &amp; tanuki\nlogo here."
    assert block.inline.line_at(block.text.index("here")) == 2


def test_a_no_break_space_at_a_blocks_ends_is_trimmed_but_not_one_from_an_entity():
    page = read_alike("## Senior Manager\u00a0\n\n\u00a0Leads\u00a0the team &nbsp;\n")
    assert [block.text for block in page.blocks] == ["Senior Manager", "Leads\u00a0the team \u00a0"]


def test_a_tab_before_a_line_break_is_kept():
    page = read_alike("Lead\t\nthe team.\n")
    assert page.blocks[0].text == "Lead\t the team."


def test_an_html_block_never_closed_runs_to_the_end_of_the_page():
    page = read_alike("Text.\n\n<!-- a note\n\nmore\n\n\n")
    assert blocks(page, "html") == [("html", 3, 6, 0, "", "")]


# Shapes comrak reads otherwise: markdown-it-py reads them

UNSURE = {
    "a code span after an unmatched run of backquotes": "Type ``` then `git` and `commit`.\n",
    "an inline comment after one never closed": "Text <!-- draft <!----> here.\n",
    "a code span over lines indented more than its block": "The `git\n   commit` command.\n",
    "a table whose header has no pipe": "Level\n---|\n",
    "a table under a list item's line": "- Level | Grade\n|---|---|\n",
    "a fence never closed in a list item": "- item\n\n  ```\n  code\n\n\n",
    "a backslash and spaces before a line break": "a\\ \nb\n",
    "a list item's marker, a line of spaces, then text": "-\n  \n  Text\n",
    "an empty block quote in a block quote": ">- >\n\nText\n",
    "a quote marker indented as code under a quoted line": "> Quoted\n    > more\n",
    "a table header indented as code": "Text\n    | a |\n|---|\n",
    "text right under a link reference definition": "[handbook]: /handbook/\nSee the [handbook].\n",
    "a list item's line indented as code, less than its text": "   1. Step\n    ~~~\n",
    "a fence never closed in a quote": "> ```\n> code\n>\n",
    "nesting deep enough to overflow comrak's stack": "> " * 600 + "a\n",
}


@pytest.mark.parametrize("name", UNSURE)
def test_a_shape_comrak_reads_otherwise_is_read_by_markdown_it(name):
    text = decode(UNSURE[name].encode())
    with pytest.raises(markdown_comrak.Unsure):
        parse(text, "comrak")
    assert shape(parse(text)) == shape(parse(text, "markdown-it"))


def test_a_page_nested_past_comrak_s_stack_does_not_end_the_process():
    """30,000 block quotes overflow the stack comrak converts its tree on (a segmentation fault
    that no `except` catches)."""
    code = "from jdlint.parse import parse; from jdlint.source import decode; parse(decode(b'> ' * 30000 + b'a'))"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=120).returncode == 0


# comrak failing or missing


class PanicException(BaseException):
    """What pyo3 raises for a Rust panic: a BaseException, not an Exception."""


def test_a_rust_panic_on_a_page_falls_back_to_markdown_it(monkeypatch):
    text = source("## Requirements\n\n- Ability to use GitLab\n")
    expected = shape(parse(text, "markdown-it"))

    def panic(*args):
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(markdown_comrak.comrak, "parse_document", panic)
    assert shape(parse(text)) == expected
    with pytest.raises(PanicException):
        parse(text, "comrak")


def test_an_interrupt_while_comrak_reads_is_not_swallowed(monkeypatch):
    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(markdown_comrak.comrak, "parse_document", interrupt)
    with pytest.raises(KeyboardInterrupt):
        parse(source("Text.\n"))


def test_without_comrak_installed_markdown_it_reads_every_page(monkeypatch):
    text = source("# Analyst\n\n| a | b |\n|---|---|\n| c | d |\n")
    expected = shape(parse(text))
    monkeypatch.setitem(sys.modules, "comrak", None)  # `import comrak` raises ImportError
    monkeypatch.delitem(sys.modules, "jdlint.markdown_comrak")
    monkeypatch.delattr(jdlint, "markdown_comrak")
    monkeypatch.setattr(parse_module, "_COMRAK", None)
    assert shape(parse(text)) == expected
    assert parse_module._COMRAK is False


# Every real page, and generated ones


def test_both_parsers_read_every_page_of_the_corpora_seeds_and_fixtures_alike(corpus, hugo_corpus, seeds):
    roots = [corpus, hugo_corpus, seeds, REPO / "tests" / "fixtures"]
    pages = [path for root in roots for path in sorted(root.rglob("*")) if path.name.endswith((".md", ".md.erb"))]
    unsure = []
    for path in pages:
        text = decode(path.read_bytes())
        expected = shape(parse(text, "markdown-it"))
        try:
            assert shape(parse(text, "comrak")) == expected, path
        except markdown_comrak.Unsure:
            unsure.append(path)
        assert shape(parse(text)) == expected, path
    assert len(pages) > 350
    assert len(unsure) <= len(pages) // 20, unsure  # comrak reads nearly all itself


# Markdown's characters with ASCII whitespace: the shapes that differ otherwise (markdown-it-py trims
# a block's text with JavaScript's whitespace, across lines) are in `markdown_comrak`'s docstrings.
MARKUP = st.text(alphabet="#-*+`~[]()<>%=!_:{}|\\/.,'\"& \t\n;aZ09\u00e9", max_size=300)
PIECES = st.lists(
    st.sampled_from(["- ", "1. ", "> ", "    ", "```", "<!-- c -->", "[a](b)", "![i](j)", "**", "`c`", "| a |\n|---|\n",
                     '{{< ref "a" >}}', "&amp;", "<div>", "\n", "\n\n", "Analyst", " ", "#"]),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(MARKUP, PIECES))
def test_both_parsers_read_generated_markdown_alike(text):
    page = decode(text.encode())
    assert shape(parse(page)) == shape(parse(page, "markdown-it"))


def test_the_whitespace_trimmed_off_a_blocks_ends_is_markdown_it_s():
    from markdown_it.common.utils import MD_TRIM_CHARS

    assert set(markdown_comrak._TRIMMED) == set(MD_TRIM_CHARS)


def test_a_read_page_leaves_no_comrak_node_behind():
    """comrak-ext's nodes point to their parents where the cycle collector cannot see it: a tree
    left linked was never freed, and a 10,000-page run held every page's tree."""
    import gc

    from jdlint.source import decode

    text = b"# Analyst\n\n## Requirements\n\n- SQL, *Python* and [dbt](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    for _ in range(3):
        parse(decode(text))
    gc.collect()
    assert not [o for o in gc.get_objects() if type(o).__name__ == "AstNode"]
