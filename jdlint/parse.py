"""Front matter and Markdown into blocks that keep their lines in the original file.

This is the one module that knows Markdown (with `jdlint.markdown_comrak`, the walk of comrak's
tree): comrak reads a page, markdown-it-py where comrak cannot, into the same blocks. Everything
downstream reads `ParsedPage.blocks`: headings, paragraphs, table cells and list items in
document order, each with 1-based lines counted from the top of the file (front-matter lines
included).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from jdlint.source import Source

MAX_FRONT_MATTER = 64 * 1024  # characters of YAML; real front matter is a few hundred
_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*")
_FRONT_MATTER_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*")
# A Hugo shortcode, "{{< youtube id >}}" or "{{% include "x" %}}": template text, never prose.
_SHORTCODE = r"\{\{[<%][\s\S]*?[>%]\}\}"
# Inline code, link destinations, HTML comments, ERB tags and shortcodes: text that is not prose.
_NOT_PROSE = re.compile(
    r"(`+)(?:[^`\n]|\n(?![ \t]*\n))*?\1"  # a code span, across line breaks but not blank lines
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"  # a link's target, one level of brackets in it
    r"|<!--[\s\S]*?(?:-->|\Z)|<%[\s\S]*?(?:%>|\Z)|<https?://[^<>\s]*>|" + _SHORTCODE
)
# A Hugo link shortcode, {{< ref "/job-families/sales/ops" >}} or {{% relref "senior.md#grade" %}}: the
# page it names, quoted, in backquotes or bare.
_HUGO_REF = re.compile(
    r"\{\{[<%][ \t]*(?:rel)?ref[ \t]+"
    r"(?:\"(?P<quoted>[^\"\n]*)\"|`(?P<raw>[^`\n]*)`|(?P<bare>[^\s\"`<>%{}]+))"
    r"[ \t]*[>%]\}\}"
)
# Where a link's target is written: after "](" or in a reference definition "[name]: ".
_REF_AS_TARGET = re.compile(r"(?P<before>\]\([ \t]*|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*)" + _HUGO_REF.pattern, re.M)
_REF_PLACEHOLDER = "jdlint-hugo-ref:"  # what markdown-it reads in place of a ref, which it cannot parse


def hugo_ref_target(href: str) -> str | None:
    """The page a Hugo ref or relref shortcode names ("/job-families/sales/ops#director"), None
    when `href` is no such shortcode."""
    found = _HUGO_REF.fullmatch(href.strip())
    return next((found[g] for g in ("quoted", "raw", "bare") if found[g] is not None), None) if found else None


class Link(NamedTuple):
    """A link as written: `href` is its target as in the file (a Hugo ref shortcode included);
    `column` is where its "[" is, 1 when it cannot be found on `line`."""

    text: str
    href: str
    line: int
    column: int = 1
    end_column: int | None = None  # just after its ")", when on the same line


class Inline(NamedTuple):
    """The plain text of one inline run (markup dropped, link text kept) with a map back to lines."""

    text: str
    links: tuple[Link, ...] = ()
    line_starts: tuple[tuple[int, int], ...] = ()  # (offset in text, source line), ascending

    def line_at(self, offset: int) -> int:
        """The source line of character `offset` of `text`."""
        index = bisect.bisect_right(self.line_starts, (offset, float("inf"))) - 1
        return self.line_starts[max(index, 0)][1]


class Block(NamedTuple):
    """A heading, paragraph, table cell or list item with its line span (inclusive)."""

    kind: str  # "heading" | "paragraph" | "table" | "list_item" | "html" | "code"
    line: int
    end_line: int
    inline: Inline = Inline("")
    level: int = 0  # heading level, or list nesting depth for items and text inside lists
    marker: str = ""  # list item bullet or number marker

    @property
    def text(self) -> str:
        return self.inline.text


class Comment(NamedTuple):
    """An HTML comment outside code: its first and last line and its text, trimmed."""

    line: int
    end_line: int
    text: str


class FrontMatterError(NamedTuple):
    line: int
    message: str


# The cells of a pipe table's delimiter row ("|---|:-:|"), after what opens the line (its indent,
# and in a block quote its ">"): markdown_comrak's walk looks for such rows too.
TABLE_DELIMITER_CELLS = r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*"
_TABLE_DELIMITER_ROW = re.compile(rf"[ \t]*{TABLE_DELIMITER_CELLS}")


@dataclass
class ParsedPage:
    source: Source
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_error: FrontMatterError | None = None
    front_matter_end: int = 0  # last line of the front matter block, 0 when there is none
    blocks: list[Block] = field(default_factory=list)
    code_lines: frozenset[int] = frozenset()  # lines inside fenced or indented code
    html_lines: frozenset[int] = frozenset()  # lines of raw HTML blocks
    html_comments: tuple[Comment, ...] = ()
    _prose: list[tuple[int, str]] | None = field(default=None, repr=False, compare=False)

    def front_matter_line(self, key: str) -> int:
        """The line where front-matter `key` is set, else the first line."""
        pattern = re.compile(rf"{re.escape(key)}\s*:")
        for number in range(2, self.front_matter_end):
            if pattern.match(self.source.line(number)):
                return number
        return 1

    def table_header(self, number: int) -> str:
        """The header row of the pipe table that line `number` is a row of; '' for a line of no
        table. Every row of a pipe table, its delimiter row among them, holds a "|"."""
        above = number
        while "|" in self.source.line(above) and above > 1:
            above -= 1
            if _TABLE_DELIMITER_ROW.fullmatch(self.source.line(above)):
                return self.source.line(above - 1)
        return ""

    def prose_lines(self) -> list[tuple[int, str]]:
        """(line number, text) of the body's prose lines, code and markup blanked to spaces; worked
        out once per page, as several rules read them.

        Blanking keeps columns: a match in the text is at the same column in the file.
        """
        if self._prose is None:
            skip = self.code_lines | self.html_lines
            numbers = [n for n in range(self.front_matter_end + 1, len(self.source.lines) + 1) if n not in skip]
            self._prose = []
            for run in _consecutive_runs(numbers):
                text = "\n".join(self.source.line(n) for n in run)
                blanked = _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
                self._prose.extend(zip(run, blanked.split("\n"), strict=True))
        return self._prose

    @property
    def headings(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "heading"]

    def has_the_blocks_of(self, text: str) -> bool:
        """Whether `text`, this page's text edited, parses into the same blocks: kinds, levels,
        markers, lines, code and HTML. A fix can ask whether it changes the page's structure."""
        other = parse(Source(text, self.source.encoding, self.source.bom))
        return _shape(other) == _shape(self)


def _shape(page: ParsedPage) -> tuple:
    blocks = [(block.kind, block.level, block.marker, block.line, block.end_line) for block in page.blocks]
    return blocks, page.code_lines, page.html_lines


def _consecutive_runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def parse(source: Source, reader: str | None = None) -> ParsedPage:
    """The page read from `source`: its Markdown by comrak, else by markdown-it-py (see
    `_read_markdown`). `reader`, "comrak" or "markdown-it", has that one read it, and what it
    raises is raised (tests compare the two)."""
    page = ParsedPage(source)
    body_start = _read_front_matter(page)
    body = "\n".join(source.lines[body_start:])
    _read_markdown(page, body, body_start, reader)
    return page


def _read_front_matter(page: ParsedPage) -> int:
    """Fill the page's front matter; return how many lines it takes (0 without front matter)."""
    lines = page.source.lines
    if not lines or not _FRONT_MATTER_OPEN.fullmatch(lines[0]):
        return 0
    close = next((i for i in range(1, len(lines)) if _FRONT_MATTER_CLOSE.fullmatch(lines[i])), None)
    if close is None:
        page.front_matter_error = FrontMatterError(1, "front matter opened with '---' is never closed")
        return 0
    page.front_matter_end = close + 1
    page.front_matter, page.front_matter_error = _load_yaml("\n".join(lines[1:close]))
    return close + 1


def _load_yaml(text: str) -> tuple[dict[str, Any], FrontMatterError | None]:
    """Safe YAML only: tags never construct objects. Front matter far beyond any real one is not
    parsed: the loader python-frontmatter picks, libyaml's, recurses in C (nesting deep enough
    crashes the process) and takes seconds per megabyte; PyYAML's own is quadratic in brackets."""
    too_deep = FrontMatterError(1, "front matter is nested too deeply to read")
    if len(text) > MAX_FRONT_MATTER:
        return {}, FrontMatterError(1, f"front matter is longer than {MAX_FRONT_MATTER // 1024} KiB and was not read")
    plain = _plain_front_matter(text)
    if plain is not None:
        return plain, None
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    if _bracket_depth(text) > 100:
        return {}, too_deep
    try:
        data = YAMLHandler().load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening '---'
        return {}, FrontMatterError(line, f"front matter is not valid YAML: {error.problem or error}")
    except yaml.YAMLError as error:
        return {}, FrontMatterError(1, f"front matter is not valid YAML: {error}")
    except RecursionError:
        return {}, too_deep
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, FrontMatterError(2, f"front matter is a {type(data).__name__}, not a mapping of keys")
    return data, None


# A line of front matter as most pages write every line: a key, then a plain or quoted string.
_PLAIN_LINE = re.compile(
    r"""([A-Za-z][\w-]*):(?:[ ]+(?:"""
    r"""([A-Za-z](?:[^#:"'\[\]{}|>*&!%@`\\\t]|:(?! )|'|’)*)"""  # plain: a word first, no YAML indicator
    r"""|"([^"\\]*)"|'([^']*)'))?[ ]*"""  # quoted, no escapes
)
# What YAML 1.1 (PyYAML) reads as a boolean or null, not as a string, when unquoted.
_NOT_STRINGS = {"yes", "no", "true", "false", "on", "off", "null"}


def _plain_front_matter(text: str) -> dict[str, str | None] | None:
    """The front matter without a YAML parser when each line is `key: string` (plain words,
    "double" or 'single' quoted, without escapes) or blank: what PyYAML reads from such lines, so
    a run over such pages never imports it (a fifth of a short run). None for anything else: a
    list, a nested key, a number, a date, a comment, a word YAML reads as a boolean."""
    data: dict[str, str | None] = {}
    for line in text.split("\n"):
        if not line.strip(" "):
            continue
        match = _PLAIN_LINE.fullmatch(line)
        if not match or not line.isprintable():
            return None
        key, plain, double, single = match.groups()
        plain = plain and plain.rstrip(" ")
        if key.lower() in _NOT_STRINGS or plain is not None and (plain.endswith(":") or plain.lower() in _NOT_STRINGS):
            return None
        data[key] = next((v for v in (plain, double, single) if v is not None), None)
    return data


def _bracket_depth(text: str) -> int:
    """How deep flow collections ('[', '{') nest, brackets in strings counted too."""
    depth = deepest = 0
    for bracket in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


_PARSER = None
_COMRAK = None  # the comrak walk (jdlint.markdown_comrak), False when comrak-ext is not installed


def _read_markdown(page: ParsedPage, body: str, line_offset: int, reader: str | None) -> None:
    """Read `body` with comrak, or with markdown-it-py where comrak is not installed, fails on the
    page (a Rust panic is a BaseException) or is known to read it otherwise (`markdown_comrak.Unsure`)."""
    body, refs = _hide_refs(body)
    blocks = _Blocks(page.source, refs)
    if reader == "markdown-it" or not _read_with_comrak(body, blocks, line_offset, fall_back=reader is None):
        blocks = _Blocks(page.source, refs)
        _read_with_markdown_it(body, blocks, line_offset)
    blocks.fill(page)


def _read_with_comrak(body: str, blocks: _Blocks, line_offset: int, fall_back: bool) -> bool:
    """Whether comrak read `body` into `blocks`; without `fall_back`, what it raises is raised."""
    global _COMRAK
    if _COMRAK is None:
        try:
            from jdlint import markdown_comrak
        except ImportError:
            if not fall_back:
                raise
            markdown_comrak = False
        _COMRAK = markdown_comrak
    if not _COMRAK:
        return False
    try:
        _COMRAK.read(body, blocks, line_offset)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        if not fall_back:
            raise
        return False
    return True


def _markdown_parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    # Link targets as written (escapes and entities read), as comrak gives them: not
    # percent-encoded, and not dropped for a scheme a browser would refuse.
    parser.normalizeLink = parser.normalizeLinkText = lambda url: url
    parser.validateLink = lambda url: True
    return parser


def _read_with_markdown_it(body: str, blocks: _Blocks, line_offset: int) -> None:
    global _PARSER
    if _PARSER is None:
        _PARSER = _markdown_parser()
    try:
        tokens = _PARSER.parse(body)
    except RecursionError:
        tokens = []  # pathological nesting: the page is still read as front matter only
    open_tokens: list = []
    list_depth = 0
    for token in tokens:
        first, last = _span(token, line_offset)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "list_item_open":
            blocks.list_item(first, last, list_depth, token.markup)
        elif token.type in ("fence", "code_block"):
            blocks.code(first, last)
        elif token.type == "html_block":
            blocks.html(first, last, token.content)
        elif token.type.endswith("_open"):
            open_tokens.append(token)
        elif token.type.endswith("_close") and open_tokens:
            open_tokens.pop()
        elif token.type == "inline" and token.map:
            kind, level = _inline_kind(open_tokens[-1] if open_tokens else None, list_depth)
            blocks.text(kind, level, first, last, list(_markdown_it_pieces(token, first)))


# What a walk of either parser hands over for the text of one block, in order, as (kind, value,
# first line, last line): TEXT is text as read (a line break is a space over two lines), HTML is
# inline HTML (read for comments), OPEN and CLOSE bracket a link, OPEN's value its target.
TEXT, HTML, OPEN, CLOSE = "text", "html", "open", "close"


class _Blocks:
    """The blocks, code and HTML lines and comments of a page, as a walk of either parser reports
    them in document order; `fill` hands them to the page."""

    def __init__(self, source: Source, refs: list[str]):
        self.source, self.refs = source, refs
        self.blocks: list[Block] = []
        self.code_lines: set[int] = set()
        self.html_lines: set[int] = set()
        self.comments: list[Comment] = []

    def list_item(self, first: int, last: int, level: int, marker: str) -> None:
        self.blocks.append(Block("list_item", first, last, level=level, marker=marker))

    def code(self, first: int, last: int) -> None:
        self.code_lines.update(range(first, last + 1))
        self.blocks.append(Block("code", first, last))

    def html(self, first: int, last: int, content: str) -> None:
        self.html_lines.update(range(first, last + 1))
        self.blocks.append(Block("html", first, last))
        self.comments.extend(_html_comments(content, first))

    def text(self, kind: str, level: int, first: int, last: int, pieces: list) -> None:
        if len(pieces) == 1 and pieces[0][0] is TEXT and pieces[0][2] == pieces[0][3]:
            inline = Inline(pieces[0][1], (), ((0, first),))  # most blocks: one run of text on one line
        else:
            inline = self._plain(pieces, first)
        self.blocks.append(Block(kind, first, last, inline, level))

    def fill(self, page: ParsedPage) -> None:
        _attach_item_text(self.blocks)
        page.blocks = self.blocks
        page.code_lines = frozenset(self.code_lines)
        page.html_lines = frozenset(self.html_lines)
        page.html_comments = tuple(self.comments)

    def _plain(self, pieces, first_line: int) -> Inline:
        """Plain text of a block's pieces: text and code kept, markup dropped, links collected with
        their targets as written (a Hugo ref `_hide_refs` replaced given back)."""
        parts: list[str] = []
        length = 0  # of the text in `parts`: summing it again at each piece is quadratic
        links: list[Link] = []
        line_starts: list[tuple[int, int]] = [(0, first_line)]
        open_link: tuple[str, int, int] | None = None  # (href, index in parts, line)
        searched = (0, 0)  # (line, offset) where the link before ends: the next one is looked for after it
        for kind, value, line, end_line in pieces:
            text = None
            if kind is TEXT:
                text = value
            elif kind is HTML:
                self.comments.extend(_html_comments(value, line))
                text = " " if end_line != line else None
            elif kind is OPEN:
                href = value
                if href.startswith(_REF_PLACEHOLDER):
                    href = self.refs[int(href[len(_REF_PLACEHOLDER) :])]
                open_link = (href, len(parts), line)
            elif open_link:
                href, start, link_line = open_link
                label = "".join(parts[start:])
                searched = searched if searched[0] == link_line else (link_line, 0)
                column, end_column, cursor = _link_columns(self.source.line(link_line), label, href, searched[1])
                searched = (link_line, cursor)
                links.append(Link(label, href, link_line, column, end_column))
                open_link = None
            if text is not None:
                parts.append(text)
                length += len(text)
            if end_line != line:
                line_starts.append((length, end_line))
        return Inline("".join(parts), tuple(links), tuple(line_starts))


def _hide_refs(body: str) -> tuple[str, list[str]]:
    """`body` with each Hugo ref written as a link's target replaced by a placeholder that
    markdown-it reads as a link (a shortcode's spaces and quotes are no valid target), and the
    refs replaced, in order: the link keeps the shortcode as its target."""
    refs: list[str] = []

    def hide(found: re.Match) -> str:
        refs.append(found.group()[len(found["before"]) :])
        return f"{found['before']}{_REF_PLACEHOLDER}{len(refs) - 1}"

    return (_REF_AS_TARGET.sub(hide, body), refs) if "{{" in body and "ref" in body else (body, refs)


def _span(token, line_offset: int) -> tuple[int, int]:
    if not token.map:
        return 0, 0
    start, end = token.map
    return start + line_offset + 1, max(end, start + 1) + line_offset


def _inline_kind(parent, list_depth: int) -> tuple[str, int]:
    parent_type = parent.type if parent is not None else ""
    if parent_type == "heading_open":
        return "heading", int(parent.tag[1])
    if parent_type in ("th_open", "td_open"):
        return "table", list_depth
    return "paragraph", list_depth


def _markdown_it_pieces(token, first_line: int):
    """The pieces (see TEXT) of an inline token's children.

    markdown-it turns a line break inside a code span into a space, so those are counted in the
    raw text of the paragraph, found from a cursor that follows breaks and code spans.
    """
    raw, cursor, line = token.content, 0, first_line
    for child in token.children or ():
        start = line
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            cursor = raw.find("\n", cursor) + 1 or cursor
            yield TEXT, " ", start, line
        elif child.type == "code_inline":
            run = re.compile(f"(?<!`){child.markup}(?!`)")  # its backquotes, not part of a longer run
            opening = run.search(raw, cursor)
            closing = run.search(raw, opening.end()) if opening else None
            if closing:
                line += raw.count("\n", opening.start(), closing.start())
                cursor = closing.end()
            yield TEXT, child.content, start, line
        elif child.type == "text":
            yield TEXT, child.content, start, line
        elif child.type == "image":  # its content is its description as written, line breaks kept
            line += child.content.count("\n")
            yield TEXT, child.content, start, line
        elif child.type == "html_inline":
            line += child.content.count("\n")
            found = raw.find(child.content, cursor)
            cursor = found + len(child.content) if found >= 0 else cursor  # a backquote in it opens no code span
            yield HTML, child.content, start, line
        elif child.type == "link_open":
            yield OPEN, str(child.attrs.get("href", "")), line, line
        elif child.type == "link_close":
            yield CLOSE, None, line, line


def _link_columns(raw: str, text: str, href: str, cursor: int) -> tuple[int, int | None, int]:
    """The 1-based columns of a link's "[" and just after its ")" on its line `raw`, looked for
    from offset `cursor`, and the offset to look for the next link from. A link the line does not
    show as written (a target markdown-it normalised, a link split over lines) is at (1, None);
    then the rest of the line is not searched again for the links after it (cursor -1): each
    search would read the rest of the line, so a line of such links would take quadratic time."""
    if cursor < 0:
        return 1, None, -1
    target = raw.find("](" + href, cursor)
    if target < 0:
        found = raw.find("[" + text, cursor) if text else -1
        return (found + 1, None, found + 1) if found >= 0 else (1, None, -1)
    depth, start = 0, target
    while start > cursor:  # back to the "[" that opens the link text, over nested brackets
        start -= 1
        if raw[start] == "]":
            depth += 1
        elif raw[start] == "[":
            if depth == 0:
                break
            depth -= 1
    close = raw.find(")", target + 2 + len(href))
    return start + 1, (close + 2 if close >= 0 else None), (close + 1 if close >= 0 else target + 2)


# An unclosed comment runs to the end: searching for "-->" again from each later "<!--" is quadratic.
_COMMENT = re.compile(r"<!--(.*?)(-->|\Z)", re.DOTALL)


def _html_comments(html: str, first_line: int) -> list[Comment]:
    return [
        Comment(
            first_line + html.count("\n", 0, match.start()),
            first_line + html.count("\n", 0, match.end()),
            match.group(1).strip(),
        )
        for match in _COMMENT.finditer(html)
        if match.group(2)
    ]


def _attach_item_text(blocks: list[Block]) -> None:
    """Give each list item the text of the paragraph that opens it."""
    for index, block in enumerate(blocks):
        if block.kind != "list_item":
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following and following.kind == "paragraph" and following.line == block.line:
            blocks[index] = Block("list_item", block.line, block.end_line, following.inline, block.level, block.marker)
