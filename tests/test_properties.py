"""Properties over generated input: reading never raises, and every line it reports is in the file."""

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdlint.config import Config
from jdlint.engine import FixMode, Report, check_page, lint_text, read_page
from jdlint.fix import apply_fixes
from jdlint.engine import _fix as engine_fix
from jdlint.handbook import HandbookIndex, entry_for
from jdlint.model import Page, build
from jdlint.parse import parse
from jdlint.report.json import write as write_json
from jdlint.rule import Context
from jdlint.source import decode, encode, split_lines

CONFIG = Config(root=Path("."))
RULES = [rule for rule in CONFIG.enabled_rules() if not rule.by_engine]
BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that mean something to Markdown, YAML, ERB or the line splitter, and some text.
MARKUP = st.text(alphabet="#-*+`~[]()<>%=!_:{}|\\/.,'\" \t\n\r\x0b\x0c\x85\u2028\ufeffaZ09é", max_size=300)


def facts_lines(page):
    """Every line the parsed page and its model claim something is at."""
    parsed, family = page.parsed, page.family
    yield family.title_line
    if parsed.front_matter_error:
        yield parsed.front_matter_error.line
    for block in parsed.blocks:
        yield block.line
        yield block.end_line
        yield from (link.line for link in block.inline.links)
        yield from (line for _, line in block.inline.line_starts)
    yield from (line for comment in parsed.html_comments for line in (comment.line, comment.end_line))
    yield from family.partial_sections.values()
    for statement in family.ladder:
        yield statement.line
    for role in family.roles:
        yield role.line
        for fact in (*role.grades, *role.reports_to, *role.inheritance, *role.sections):
            yield fact.line


def read(data: bytes):
    return build("page.md", parse(decode(data)), CONFIG.profile)


def assert_lines_in_file(page):
    count = len(page.source.lines)
    for line in facts_lines(page):
        assert 1 <= line <= count, (line, count)
    for block in page.parsed.blocks:
        assert block.line <= block.end_line


@BOUNDED
@given(st.binary(max_size=400))
def test_decode_never_raises_and_keeps_every_character(data):
    source = decode(data)
    assert "".join(line + ending for line, ending in zip(source.lines, source.line_endings, strict=True)) == source.text
    for error in source.decode_errors:
        assert 1 <= error.line <= len(source.lines)
        assert 1 <= error.column <= len(source.line(error.line))
        assert source.line(error.line)[error.column - 1] == "\ufffd"


@BOUNDED
@given(st.text(max_size=300))
def test_utf8_text_decodes_to_itself(text):
    source = decode(text.encode())
    if not text.startswith("\ufeff"):
        assert source.text == text and source.decode_errors == ()


@BOUNDED
@given(st.text(max_size=400))
def test_arbitrary_text_is_read_with_lines_in_the_file(text):
    assert_lines_in_file(read(text.encode()))


@BOUNDED
@given(MARKUP)
def test_markup_heavy_text_is_read_with_lines_in_the_file(text):
    assert_lines_in_file(read(text.encode()))


@BOUNDED
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_with_lines_in_the_file(data):
    assert_lines_in_file(read(data))


# Generated job pages for the whole engine

WORDS = st.sampled_from(
    ["Analyst", "Senior Analyst", "Manager, Sales", "Director, Title", "VP, Online Sales", "Intern", "Staff", "X"]
)
SECTIONS = st.sampled_from(
    [
        "Responsibilities",
        "Requirements",
        "Job Grade",
        "Senior Analyst Job Grade",
        "Performance Indicators",
        "Hiring Process",
        "Career Ladder",
        "Levels",
        "Specialties",
        "Role",
        "Nice-to-haves",
        "**Requirements:**",
        "[Manager](/jf/manager/)",
    ]
)


@st.composite
def front_matter(draw):
    title = draw(WORDS)
    return draw(
        st.sampled_from(
            [
                "",
                f"---\ntitle: {title}\nlayout: job_family_page\n---\n",
                f"---\ntitle: {title}: broken\n---\n",
                f"---\ntitle: {title}\n",
                "---\n- a list\n---\n",
                "---\n---\n",
            ]
        )
    )


@st.composite
def block(draw):
    who, manager, level = draw(WORDS), draw(WORDS), draw(WORDS)
    grade = draw(st.integers(min_value=0, max_value=20))
    kinds = [
        "#" * draw(st.integers(1, 6)) + " " + draw(st.one_of(SECTIONS, WORDS)),
        f"The {who} reports to the [{manager}](/job-families/{manager.lower()}/).",
        f"The {who} report so the {manager}.",
        f"The {who} reports to the {manager}.\nThe {who} is a [grade {grade}](/handbook/#gitlab-job-grades).",
        f"The {who} is a grade TBD.",
        f"- Same requirements as the {level} listed above and also:\n- Extends the {level} responsibilities",
        "- one\n  - nested `code\n  span` item\n- two {add title}",
        '<%= partial("job-families/sales/performance") %>',
        "<% if true %>\n## Hidden\n<% end %>",
        "```\n## Not a heading\nTBD\n```",
        "~~~\nunclosed fence",
        f"The next step is to move to the [{manager}](/jf/x/) job family.",
        "The career ladder is not yet defined.",
        "<!-- jdlint-disable-next-line JD2 -->",
        "<!-- jdlint-disable JD1 -->",
        "<!-- jdlint-enable -->",
        "<!-- jdlint-disabel JD2 --> TBD",  # a near miss of a directive: an unsafe fix
        "| a | b |\n|---|---|\n| The X is a grade 7. | reports to the Y |",
        "1. Call\n2. Meet\nReview\nDecide\n3. Offer\nStart",  # lost items of a counting list, inside and after it
        "- **A**: one two\nthree four.\n- **B**: five.\nSix seven.\n- **C**: eight",  # a list that wraps its items
        f"The {who}s reports to the {manager}s.",  # near misses: did-you-mean fixes
        draw(MARKUP),
    ]
    return draw(st.sampled_from(kinds))


@st.composite
def job_page(draw):
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    parts = [draw(front_matter()), *draw(st.lists(block(), max_size=25))]
    text = "\n\n".join(parts).replace("\n", newline)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])))


@BOUNDED
@given(job_page())
def test_generated_job_pages_are_read_with_lines_in_the_file(data):
    assert_lines_in_file(read(data))


@BOUNDED
@given(job_page())
def test_engine_never_fails_internally_on_job_pages(data):
    diagnostics, _ = lint_text(data, "page.md", CONFIG, RULES)
    assert [d.message for d in diagnostics if d.code == "JD000"] == []


@BOUNDED
@given(job_page())
def test_every_diagnostic_lies_in_the_file(data):
    diagnostics, lines = lint_text(data, "page.md", CONFIG, RULES)
    for d in diagnostics:
        assert 1 <= d.line <= d.end_line <= len(lines), (d.code, d.line, d.end_line, len(lines))
        assert d.column >= 1 and d.end_column >= 1


@BOUNDED
@given(MARKUP)
def test_engine_never_fails_internally_on_markup_soup(text):
    diagnostics, _ = lint_text(text.encode(), "page.md", CONFIG, RULES)
    assert [d.message for d in diagnostics if d.code == "JD000"] == []


@BOUNDED
@given(st.binary(max_size=2000))
def test_engine_never_fails_internally_on_random_bytes(data):
    diagnostics, lines = lint_text(data, "page.md", CONFIG, RULES)
    assert [d.message for d in diagnostics if d.code == "JD000"] == []
    assert all(1 <= d.line <= d.end_line <= len(lines) for d in diagnostics)


@BOUNDED
@given(job_page())
def test_json_output_of_job_pages_is_valid(data):
    diagnostics, _ = lint_text(data, "page.md", CONFIG, RULES)
    out = io.StringIO()
    write_json(Report(diagnostics=diagnostics), out)
    parsed = json.loads(out.getvalue().encode("utf-8"))
    assert [(d["line"], d["code"]) for d in parsed] == [(d.line, d.code) for d in diagnostics]


def _fixed(data: bytes, unsafe: bool) -> bytes:
    """The page after `--fix` (`--unsafe-fixes`), computed as --diff does, without the disk."""
    page, _ = read_page(data, "page.md", CONFIG)
    if not isinstance(page, Page):
        return data
    context = Context(CONFIG.profile, HandbookIndex.build([entry_for(page, "page.md")], CONFIG.profile), "page.md")
    report, diagnostics, mode = Report(), check_page(page, context, CONFIG, RULES), FixMode(unsafe, write=False)
    engine_fix(Path("page.md"), page, data, diagnostics, context, CONFIG, RULES, mode, report)
    return encode(report.fixed_texts["page.md"], page.source) if report.fixed_texts else data


def _heading_levels(data: bytes) -> list[int]:
    return [block.level for block in parse(decode(data)).blocks if block.kind == "heading"]


@BOUNDED
@given(job_page(), st.booleans())
def test_fix_on_job_pages_is_idempotent_and_safe_fixes_keep_the_headings(data, unsafe):
    once = _fixed(data, unsafe)
    assert _fixed(once, unsafe) == once
    if not unsafe:
        assert _heading_levels(once) == _heading_levels(data)


@BOUNDED
@given(job_page())
def test_every_fix_changes_nothing_outside_its_edits(data):
    """Applied alone, a fix leaves every line before its first edit and after its last as it was."""
    diagnostics, _ = lint_text(data, "page.md", CONFIG, RULES)
    source = decode(data)
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        fixed, applied = apply_fixes(source, [diagnostic.fix])
        assert applied == [diagnostic.fix]
        first = min(edit.line for edit in diagnostic.fix.edits)
        last = max(edit.end_line for edit in diagnostic.fix.edits)
        before, after = _lines(source.text), _lines(fixed)
        assert after[: first - 1] == before[: first - 1]
        unchanged_tail = len(before) - last
        assert after[len(after) - unchanged_tail :] == before[last:] or unchanged_tail <= 0


def _lines(text: str) -> list[str]:
    """The lines with their endings, split as jdlint splits them (CR, LF and CRLF only)."""
    return [line + ending for line, ending in zip(*split_lines(text), strict=True)]


@BOUNDED
@given(job_page())
def test_safe_fixes_are_idempotent(data):
    once = _fixed(data, unsafe=False)
    assert _fixed(once, unsafe=False) == once


# Front matter lines as pages write them, and near misses: quotes, colons, YAML's booleans and nulls.
FRONT_MATTER_LINE = st.builds(
    "{}:{}{}".format,
    st.sampled_from(["title", "Title", "job-family", "on", "No", "a_b", "9x"]),
    st.sampled_from(["", " ", "  "]),
    st.text(alphabet="aZyesnoOFTrulé’ :#'\"\\-[]{}&*!|>%@~.,/()09\t\x85\xa0", max_size=12)
    | st.sampled_from(["yes", "Off", "null", "~", "NULL", "y", "2020-01-01", "1e3", "0x1f", ".inf"]),
)


@given(st.lists(FRONT_MATTER_LINE | st.just(""), max_size=6))
@BOUNDED
def test_front_matter_read_without_yaml_is_what_yaml_reads(lines):
    import yaml

    from jdlint.parse import _plain_front_matter

    text = "\n".join(lines)
    plain = _plain_front_matter(text)
    if plain is not None:
        assert plain == (yaml.load(text, Loader=yaml.CSafeLoader) or {})
