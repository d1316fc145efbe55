"""Front matter and Markdown into blocks whose lines are lines of the original file."""

import datetime
import re
import subprocess
import sys
import textwrap

import pytest

from jdlint.parse import FrontMatterError, parse
from jdlint.source import decode

CORPUS_PAGES = [
    "sales/sales-strategy/index.html.md",
    "engineering/development/backend/index.html.md.erb",
    "legal/paralegal/index.html.md",
]


def parsed(markdown: str):
    return parse(decode(textwrap.dedent(markdown).lstrip("\n").encode()))


def blocks_of(page, kind):
    return [(block.line, block.text) for block in page.blocks if block.kind == kind]


# Lines in the original file


def test_front_matter_lines_are_counted_in_block_lines():
    page = parsed(
        """
        ---
        title: Analyst
        layout: job_family_page
        ---

        # Analyst

        Overview text.
        """
    )
    assert page.front_matter_end == 4
    assert blocks_of(page, "heading") == [(6, "Analyst")]
    assert blocks_of(page, "paragraph") == [(8, "Overview text.")]


def test_list_items_carry_their_line_and_text():
    page = parsed(
        """
        ---
        title: Analyst
        ---
        ## Requirements

        - Ability to use GitLab
        - Excellent English
        """
    )
    assert blocks_of(page, "list_item") == [(6, "Ability to use GitLab"), (7, "Excellent English")]


def test_multi_line_paragraph_spans_its_lines():
    page = parsed("first line\nsecond line\nthird line\n\nnext\n")
    first = page.blocks[0]
    assert (first.line, first.end_line) == (1, 3)


def test_crlf_file_has_the_same_block_lines_as_lf():
    text = "---\ntitle: A\n---\n\n## Job Grade\n\nThe A is a grade 7.\n\n- one\n- two\n"
    lf = parse(decode(text.encode()))
    crlf = parse(decode(text.replace("\n", "\r\n").encode()))
    assert [(b.kind, b.line, b.end_line) for b in crlf.blocks] == [(b.kind, b.line, b.end_line) for b in lf.blocks]


def test_lone_cr_line_breaks_count_as_lines():
    page = parse(decode(b"---\rtitle: A\r---\r# Heading\r"))
    assert page.front_matter == {"title": "A"}
    assert blocks_of(page, "heading") == [(4, "Heading")]


@pytest.mark.parametrize("relative", CORPUS_PAGES)
def test_corpus_heading_lines_point_at_hash_lines(job_families, relative):
    source = decode((job_families / relative).read_bytes())
    headings = parse(source).headings
    assert headings
    for heading in headings:
        line = source.line(heading.line)
        assert re.match(r" {0,3}#{1,6}\s", line), (heading.line, line)
        assert heading.text.split()[0].strip("*") in line


@pytest.mark.parametrize("relative", CORPUS_PAGES)
def test_corpus_list_item_lines_point_at_their_bullet(job_families, relative):
    source = decode((job_families / relative).read_bytes())
    items = [block for block in parse(source).blocks if block.kind == "list_item"]
    assert items
    for item in items:
        line = source.line(item.line)
        assert re.match(r"\s*(?:[-*+]|\d+[.)])(?:\s|$)", line), (item.line, line)


@pytest.mark.parametrize("relative", CORPUS_PAGES)
def test_corpus_paragraph_lines_hold_their_first_word(job_families, relative):
    source = decode((job_families / relative).read_bytes())
    for block in parse(source).blocks:
        words = re.findall(r"\w+", block.text)
        if block.kind == "paragraph" and words:
            assert words[0] in source.line(block.line), (block.line, block.text[:40])


def test_corpus_grade_sentence_line_is_the_real_line(job_families):
    source = decode((job_families / "sales/sales-strategy/index.html.md").read_bytes())
    page = parse(source)
    (line,) = [b.line for b in page.blocks if b.text.startswith("The Sales Strategy Manager is a grade")]
    assert source.line(line).startswith("The Sales Strategy Manager is a [grade 8]")


# Front matter


def test_front_matter_is_read_as_a_mapping():
    page = parsed(
        """
        ---
        title: "Director: Sales"
        layout: job_family_page
        ---
        """
    )
    assert page.front_matter == {"title": "Director: Sales", "layout": "job_family_page"}
    assert page.front_matter_error is None


def test_front_matter_of_plain_strings_is_read_without_yaml():
    code = (
        "import sys; from jdlint.parse import _load_yaml\n"
        "print(_load_yaml('title: \"Director: Sales\"\\nlayout: job_family_page\\nnote: it\\'s here'))\n"
        "print('yaml' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.splitlines() == [
        "({'title': 'Director: Sales', 'layout': 'job_family_page', 'note': \"it's here\"}, None)",
        "False",
    ]


@pytest.mark.parametrize(
    "text, read_as",
    [
        ("remote: yes", {"remote": True}),  # YAML 1.1's booleans
        ("Off: x", {False: "x"}),
        ("grade: 8", {"grade": 8}),
        ("date: 2020-01-02", {"date": datetime.date(2020, 1, 2)}),
        ("title: ~", {"title": None}),
        ("title: Analyst # was Clerk", {"title": "Analyst"}),
        ("title: 'it''s'", {"title": "it's"}),
        ('title: "a\\tb"', {"title": "a\tb"}),
        ("tags:\n- a\n- b", {"tags": ["a", "b"]}),
        ("a:\n  b: c", {"a": {"b": "c"}}),
    ],
)
def test_front_matter_beyond_plain_strings_is_read_by_yaml(text, read_as):
    from jdlint.parse import _load_yaml, _plain_front_matter

    assert _plain_front_matter(text) is None
    assert _load_yaml(text) == (read_as, None)


def test_front_matter_key_line_is_found():
    page = parsed("---\nlayout: x\ntitle: Analyst\n---\n")
    assert page.front_matter_line("title") == 3


def test_invalid_yaml_reports_the_line_in_the_file():
    page = parsed(
        """
        ---
        layout: job_family_page
        title: Director: Sales
        ---
        # Body
        """
    )
    assert isinstance(page.front_matter_error, FrontMatterError)
    assert page.front_matter_error.line == 3
    assert "YAML" in page.front_matter_error.message


def test_body_is_still_parsed_after_invalid_yaml():
    page = parsed("---\ntitle: a: b\n---\n# Body\n")
    assert page.front_matter == {}
    assert blocks_of(page, "heading") == [(4, "Body")]


def test_unterminated_front_matter_is_an_error_at_line_one():
    page = parsed("---\ntitle: Analyst\n\n# Analyst\n")
    assert page.front_matter_error == FrontMatterError(1, "front matter opened with '---' is never closed")


def test_unterminated_front_matter_leaves_the_body_parsed():
    page = parsed("---\ntitle: Analyst\n\n# Analyst\n")
    assert blocks_of(page, "heading") == [(4, "Analyst")]


def test_list_as_front_matter_is_an_error_not_a_mapping():
    page = parsed("---\n- one\n- two\n---\n# Body\n")
    assert page.front_matter == {}
    assert page.front_matter_error.line == 2
    assert "list" in page.front_matter_error.message


def test_empty_front_matter_is_no_error():
    page = parsed("---\n---\n# Body\n")
    assert (page.front_matter, page.front_matter_error, page.front_matter_end) == ({}, None, 2)


def test_front_matter_may_close_with_dots():
    assert parsed("---\ntitle: A\n...\n").front_matter == {"title": "A"}


def test_python_tags_in_front_matter_never_construct_objects(tmp_path):
    marker = tmp_path / "constructed"
    page = parsed(f"---\ntitle: !!python/object/apply:os.mkdir ['{marker}']\n---\n# Body\n")
    assert not marker.exists()
    assert page.front_matter == {}
    assert page.front_matter_error is not None and page.front_matter_error.line == 2


def test_deeply_nested_front_matter_does_not_raise():
    page = parsed("---\nx: " + "[" * 5000 + "\n---\n# Body\n")
    assert page.front_matter_error is not None
    assert blocks_of(page, "heading") == [(4, "Body")]


def test_horizontal_rule_later_in_the_page_is_not_front_matter():
    page = parsed("# Title\n\n---\n\ntext\n")
    assert (page.front_matter_end, page.front_matter_error) == (0, None)


# ERB


def test_erb_partial_is_opaque_text():
    page = parsed('## Performance Indicators\n\n<%= partial("job-families/sales/performance") %>\n')
    assert blocks_of(page, "paragraph") == [(3, '<%= partial("job-families/sales/performance") %>')]


@pytest.mark.parametrize(
    "erb",
    [
        "<%= partial('a', locals: { x: '# not a heading' }) %>",
        "<% if x %>\n## Heading\n<% end %>",
        "<%= unclosed",
        "%> <% <%= %> %>",
        "- <%= job_families('engineering') %>",
    ],
)
def test_erb_never_raises(erb):
    page = parsed(erb)
    assert all(1 <= block.line <= len(page.source.lines) for block in page.blocks)


def test_erb_is_blanked_from_prose():
    page = parsed("Text <%= partial('x') %> more\n")
    assert list(page.prose_lines()) == [(1, "Text " + " " * len("<%= partial('x') %>") + " more")]


# Prose lines: what text rules search


def test_fenced_code_is_not_prose():
    page = parsed("before\n\n```\nTBD in code\n```\n\nafter\n")
    assert [number for number, _ in page.prose_lines()] == [1, 2, 6, 7]


def test_indented_code_is_not_prose():
    page = parsed("before\n\n    indented TBD\n\nafter\n")
    assert 3 not in dict(page.prose_lines())


def test_code_span_is_blanked_and_columns_kept():
    line = "Use `{add title}` and then TBD here"
    ((_, prose),) = parsed(line + "\n").prose_lines()
    assert "{add" not in prose
    assert prose.index("TBD") == line.index("TBD")
    assert len(prose) == len(line)


def test_link_destination_is_blanked_but_link_text_kept():
    line = "See [the TBD page](https://example.com/TBD) now"
    ((_, prose),) = parsed(line + "\n").prose_lines()
    assert prose.count("TBD") == 1
    assert prose.index("now") == line.index("now")


def test_html_comment_is_blanked_from_prose():
    ((_, prose),) = parsed("Text <!-- TBD --> end\n").prose_lines()
    assert "TBD" not in prose and prose.endswith(" end")


def test_front_matter_is_not_prose():
    page = parsed("---\ntitle: TBD\n---\nbody\n")
    assert list(page.prose_lines()) == [(4, "body")]


def test_code_span_over_two_lines_is_not_prose():
    page = parsed("See `TBD\nfoo` here.\n")
    assert all("TBD" not in text for _, text in page.prose_lines())


# Links and inline text


def test_links_are_collected_with_text_href_and_line():
    page = parsed("Intro\nreports to the [VP, Sales](/job-families/sales/vp/) and [CRO](https://x.test/cro).\n")
    (block,) = page.blocks
    assert [(link.text, link.href, link.line) for link in block.inline.links] == [
        ("VP, Sales", "/job-families/sales/vp/", 2),
        ("CRO", "https://x.test/cro", 2),
    ]


def test_link_text_keeps_its_emphasis_text():
    (block,) = parsed("[**Senior** Analyst](/a)\n").blocks
    assert block.inline.links[0].text == "Senior Analyst"


def test_inline_text_drops_markup():
    (block,) = parsed("The **Analyst** is a [grade 7](/grades).\n").blocks
    assert block.text == "The Analyst is a grade 7."


def test_heading_level_is_recorded():
    page = parsed("# One\n\n### Three\n")
    assert [(b.text, b.level) for b in page.headings] == [("One", 1), ("Three", 3)]


def test_nested_list_items_record_their_depth():
    page = parsed("- outer\n  - inner\n")
    assert [(b.text, b.level) for b in page.blocks if b.kind == "list_item"] == [("outer", 1), ("inner", 2)]


def test_line_at_maps_offsets_of_a_multi_line_paragraph():
    (block,) = parsed("first line\nsecond [link](/a)\nthird line\n").blocks
    inline = block.inline
    assert [inline.line_at(inline.text.index(word)) for word in ("first", "second", "link", "third")] == [1, 2, 2, 3]


def test_line_at_counts_front_matter_lines():
    (block,) = parsed("---\ntitle: A\n---\nalpha\nbeta\n").blocks
    assert block.inline.line_at(block.text.index("beta")) == 5


def test_line_at_counts_hard_breaks():
    (block,) = parsed("one  \ntwo\\\nthree\n").blocks
    assert block.inline.line_at(block.text.index("three")) == 3


def test_line_at_after_a_code_span_over_two_lines():
    (block,) = parsed("a `b\nc` d\ne f\n").blocks
    assert block.inline.line_at(block.text.index("e f")) == 3


# HTML comments (suppressions are read from them)


def test_html_comment_lines_are_recorded():
    page = parsed("---\ntitle: A\n---\n<!-- block comment -->\n\ntext <!-- inline -->\n")
    assert [(c.line, c.text) for c in page.html_comments] == [(4, "block comment"), (6, "inline")]


def test_comment_inside_code_is_not_recorded():
    page = parsed("```\n<!-- jdlint-disable-file -->\n```\n")
    assert page.html_comments == ()


def test_comment_in_a_multi_line_html_block_gets_its_own_line():
    page = parsed("<div>\n\n</div>\n<!--\nfirst -->\n<!-- second -->\n")
    assert {c.text: c.line for c in page.html_comments} == {"first": 4, "second": 6}


def test_link_column_is_that_of_its_opening_bracket():
    (block,) = parsed("The [**VP**, Sales](/vp/) and the [CRO](/cro/) and [CRO](/cro/).\n").blocks
    assert [(link.column, link.end_column) for link in block.inline.links] == [(5, 26), (35, 47), (52, 64)]


# Hugo shortcodes


@pytest.mark.parametrize(
    "shortcode",
    [
        '{{< ref "/job-families/sales/ops" >}}',
        '{{% relref "../senior.md#job-grade" %}}',
        "{{< ref `staff` >}}",
        "{{<ref manager>}}",
    ],
)
def test_a_hugo_ref_as_a_link_target_is_a_link_to_the_shortcode(shortcode):
    (block,) = parsed(f"The Analyst reports to the [Director, Sales]({shortcode}).\n").blocks
    assert block.text == "The Analyst reports to the Director, Sales."
    assert [(link.text, link.href, link.column) for link in block.inline.links] == [("Director, Sales", shortcode, 28)]


def test_a_hugo_ref_in_a_reference_definition_is_a_link_target():
    page = parsed('Move to [Sales][next].\n\n[next]: {{< ref "/job-families/sales" >}}\n')
    assert [link.href for link in page.blocks[0].inline.links] == ['{{< ref "/job-families/sales" >}}']


def test_a_hugo_ref_outside_a_link_is_no_link():
    (block,) = parsed('See {{< ref "/job-families/sales" >}} for more.\n').blocks
    assert block.inline.links == ()


@pytest.mark.parametrize(
    ("href", "target"),
    [
        ('{{< ref "/job-families/sales/ops" >}}', "/job-families/sales/ops"),
        ("{{% relref `senior.md#grade` %}}", "senior.md#grade"),
        ("{{< ref staff >}}", "staff"),
        ('{{< youtube "abc" >}}', None),
        ("/job-families/sales/ops/", None),
    ],
)
def test_the_page_a_hugo_ref_names(href, target):
    from jdlint.parse import hugo_ref_target

    assert hugo_ref_target(href) == target


@pytest.mark.parametrize(
    "line",
    [
        'You will love it {{< youtube "you-will" >}} here.',
        '{{% include "includes/you-will-report.md" %}} here.',
        'A [grade 7]({{< ref "compensation#you-will" >}}) here.',
    ],
)
def test_shortcodes_are_not_prose_and_keep_columns(line):
    ((_, prose),) = parsed(line + "\n").prose_lines()
    assert prose.count("you") == 0 and prose.count("You") == line.count("You")
    assert prose.index("here") == line.index("here")


def test_every_hugo_ref_written_as_a_link_target_in_the_hugo_corpus_is_a_link(hugo_corpus):
    written = re.compile(r"\[[^\]]*\]\((\{\{[<%] *(?:rel)?ref [^)]*\}\})\)")
    seen = 0
    for path in (hugo_corpus / "content").rglob("*.md"):
        page = parse(decode(path.read_bytes()))
        links = {(link.line, link.column, link.href) for block in page.blocks for link in block.inline.links}
        for number, line in enumerate(page.source.lines, start=1):
            for found in written.finditer(line):
                assert (number, found.start() + 1, found[1]) in links, f"{path}:{number}"
                seen += 1
    assert seen


def test_front_matter_of_the_hugo_era_is_read_and_is_not_prose():
    """Held already before Hugo links were read; kept as the layout's own case."""
    page = parsed(
        """
        ---
        title: Senior Analyst, Sales Operations
        description: You will grow with us, an exciting opportunity.
        weight: 2
        manual_cookiebot: true
        aliases: [/job-families/sales/ops-analyst/]
        ---

        Body.
        """
    )
    assert page.front_matter_error is None
    assert page.front_matter["aliases"] == ["/job-families/sales/ops-analyst/"]
    assert [text for _, text in page.prose_lines() if text] == ["Body."]
