"""A page's Markdown read with comrak (CommonMark in Rust, PyPI comrak-ext): its tree walked into
the blocks of `jdlint.parse`, the same blocks the markdown-it-py walk there reports.

comrak gives each node its first and last line and column; where markdown-it-py counts lines
differently, the walk follows markdown-it-py, so that both read a page alike (see `_item_end`).
"""

from __future__ import annotations

import re

import comrak
from comrak import (
    BlockQuote,
    Code,
    CodeBlock,
    Heading,
    HtmlBlock,
    HtmlInline,
    Image,
    Item,
    LineBreak,
    Link,
    List,
    ListDelimType,
    ListType,
    Paragraph,
    SoftBreak,
    Table,
    Text,
)

from jdlint.parse import CLOSE, HTML, OPEN, TABLE_DELIMITER_CELLS, TEXT

# What markdown-it-py trims off a block's text (JavaScript's `String.prototype.trim`, as
# `markdown_it.common.utils.MD_TRIM_CHARS`); CommonMark and comrak trim spaces and tabs only.
_TRIMMED = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"

_EXTENSIONS = comrak.ExtensionOptions(table=True)
# comrak turns its tree into Python objects recursively on the C stack: some 20,000 levels of
# nesting (block quotes, lists, emphasis, images) overflow it and end the process, which no
# `except` can catch. A page that could nest deeper than this is left to markdown-it-py.
_MAX_DEPTH = 1000
# A line whose start could open or continue half that many block containers: each takes a mark
# ("> ", "- ", "1. ") or indentation, and a tab indents two levels at most.
_DEEP_LINE = re.compile(rf"\n[ \t>*+\-0-9.)]{{{_MAX_DEPTH // 4}}}")  # "\n" first: 8 times as fast as "^"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # no emphasis or image spans one
# A ">" indented four columns or more: under a quote, markdown-it-py may go on with it there,
# comrak (as CommonMark says) does not.
_QUOTE_INDENTED = re.compile(r"\n(?: {4}| {0,3}\t)[ \t]*>")
# What may start a block that interrupts a paragraph: a fence, quote, heading, table, break or
# list item, or an HTML block of CommonMark's kinds 1 to 6.
_BLOCK_START = re.compile(
    r"[`~>#|*_+0-9-]|<(?:script|pre|style|textarea|!|\?|/?(?:address|article|aside|base|basefont|blockquote|body"
    r"|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame"
    r"|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup"
    r"|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$))",
    re.I,
)
# A link reference definition with text right under it (no blank line, no other definition):
# comrak puts the paragraph, and every line in it, on the definition's line.
_TEXT_UNDER_DEFINITION = re.compile(
    r"^[ \t>]*(?:[-*+][ \t]+|[0-9]+[.)][ \t]+)?\[[^\]\n]+\]:[^\n]*\n(?![ \t>]*(?:\n|\Z|\[[^\]\n]+\]:))", re.M
)
# How an HTML block that runs to a closing mark ends (CommonMark's kinds 1 to 5, the first in any
# case); kinds 6 and 7 end at a blank line.
_HTML_END = {1: ("</script>", "</pre>", "</style>", "</textarea>"), 2: ("-->",), 3: ("?>",), 4: (">",), 5: ("]]>",)}
# A line that could be a table's delimiter row ("|---|:-:|", "---"), with the line break before it.
_DELIMITER_ROW = re.compile(rf"\n[ \t>]*{TABLE_DELIMITER_CELLS}(?=\n|\Z)")
_LINK_END = object()  # on the walk's stack after a link's children


class Unsure(Exception):
    """The page has a shape comrak is known to read otherwise than markdown-it-py, which reads it
    instead. Generated pages showed them all (one page of the corpora has one, a lazy line).

    comrak 0.2.8's bugs: a code span after an unmatched run of backquotes ("a ``` b `c` d `e`":
    from the second span on, text); an inline comment after one never closed ("<!-- a <!---->");
    a list item's marker alone on its line, a line of spaces, then text (read as the item's); text
    right under a link reference definition (its lines counted from the definition's).

    Where the two read CommonMark differently (markdown-it-py's reading is what the findings were
    judged on): a code span or inline HTML over lines indented more than their block (comrak drops
    the indent, markdown-it-py keeps it); a table only one of them reads (GitHub's tables take a
    header row without "|" or indented as code, markdown-it-py's a list item's line as the header);
    a backslash and spaces before a line break; a fence never closed in a list item or quote, an HTML block
    never closed in a list item or quote, an empty quote in a quote (the last lines differ); a ">"
    indented as code (under a quote, markdown-it-py may go on with it); a line of a
    paragraph in a list item indented as code but less than the item's text (`_check_lazy_lines`).

    And nesting too deep for comrak (`_MAX_DEPTH`)."""


def read(body: str, blocks, line_offset: int) -> None:
    """Report the blocks of `body`, whose first line is line `line_offset` + 1 of the file, to
    `blocks` (a `jdlint.parse._Blocks`)."""
    if _may_nest_too_deeply(body):
        raise Unsure("nested too deeply for comrak")
    if ">" in body and _QUOTE_INDENTED.search("\n" + body):
        raise Unsure("a quote marker indented four columns")
    if "]:" in body and _TEXT_UNDER_DEFINITION.search(body):
        raise Unsure("text right under a link reference definition")
    body = body.replace("\0", "\ufffd")  # as CommonMark says and markdown-it-py does; comrak 0.2.8 keeps NUL
    # comrak 0.2.8 reads an empty ordered item ("1.") at the very end of the text as a paragraph;
    # with a line break after it, as a list item, as CommonMark says and markdown-it-py does.
    document = comrak.parse_document(body if body.endswith("\n") else body + "\n", _EXTENSIONS)
    try:
        _walk(document, body, blocks, line_offset)
    finally:
        _unlink(document)


def _unlink(document) -> None:
    """Let go of the tree: comrak-ext 0.2.8's nodes point to their parents, and the cycle
    collector cannot see those references, so a tree left linked is never freed (14 MB for
    every 177 pages read)."""
    stack = [document]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        node.parent = None


def _walk(document, body: str, blocks, line_offset: int) -> None:
    lines = _Lines(body.split("\n"))
    # As markdown-it-py counts: after the body's last line break, only text makes a line.
    last_line = len(lines) - (not lines[-1].strip(" \t"))
    # (node, lists it is in, the last line of its block quote or of the body, whether it is quoted,
    # the indent of its list item's text)
    stack = [(node, 0, last_line, False, 0) for node in reversed(document.children)]
    tables: set[int] = set()  # the lines of their delimiter rows
    item_ends: dict[tuple, int] = {}  # nested items that end together share the blank lines after them
    while stack:
        node, depth, container_end, quoted, indent = stack.pop()
        value = node.node_value
        kind = type(value)
        position = node.sourcepos
        first, last = position.start.line, position.end.line
        children = node.children
        if kind is Paragraph:
            if (depth or quoted) and last > first:
                _check_lazy_lines(lines, first, last, indent, quoted)
            pieces = _pieces(children, lines, line_offset)
            blocks.text("paragraph", depth, first + line_offset, last + line_offset, pieces)
        elif kind is Item:
            if children and children[0].sourcepos.start.line > first + 1:  # comrak 0.2.8: "-", "  ", "  text"
                raise Unsure("a list item that starts after a line of spaces")
            end = _item_end(first, last, lines, container_end, quoted, empty=not children, known=item_ends)
            blocks.list_item(first + line_offset, end + line_offset, depth, _marker(value.value))
            text_indent = indent + value.value.marker_offset + value.value.padding
            stack.extend((child, depth, container_end, quoted, text_indent) for child in reversed(children))
        elif kind is List:
            stack.extend((child, depth + 1, container_end, quoted, indent) for child in reversed(children))
        elif kind is Heading:
            heading = value.value
            last -= heading.setext  # a setext heading's text ends above its underline, as markdown-it-py counts
            pieces = _pieces(children, lines, line_offset)
            blocks.text("heading", heading.level, first + line_offset, last + line_offset, pieces)
        elif kind is BlockQuote:
            if quoted and not children:  # markdown-it-py's empty quote takes the blank lines after it
                raise Unsure("an empty block quote in a block quote")
            stack.extend((child, depth, last, True, indent) for child in reversed(children))
        elif kind is CodeBlock:
            if (depth or quoted) and value.value.fenced and not value.value.closed:
                raise Unsure(value.value.literal)
            blocks.code(first + line_offset, min(last, container_end) + line_offset)
        elif kind is HtmlBlock:
            last = _html_end(value.value, last, lines, container_end, nested=bool(depth or quoted))
            blocks.html(first + line_offset, last + line_offset, value.value.literal)
        elif kind is Table:
            _check_header(lines[first - 1], nested=bool(depth or quoted))
            tables.add(first + 1)
            for row in children:
                line = row.sourcepos.start.line + line_offset
                for cell in row.children:
                    blocks.text("table", depth, line, line, _pieces(cell.children, lines, line_offset))
    for row in _delimiter_rows(body):
        in_code = row + line_offset in blocks.code_lines and not lines[row - 2].lstrip().startswith(("```", "~~~"))
        if row not in tables and not in_code:  # a fence's first line is a table's header to markdown-it-py
            raise Unsure("a table only one parser reads")


def _check_lazy_lines(lines: _Lines, first: int, last: int, indent: int, quoted: bool) -> None:
    """Raise Unsure for a paragraph in a list item that goes on over a line indented four columns
    or more but less than the item's text ("   1. Step", "    ~~~"), or in a block quote over
    one indented four columns or more, that could start a block: comrak reads it on in the
    paragraph, as CommonMark says, markdown-it-py may start the block there (a fence, a list)."""
    for line in lines[first:last]:
        text = line.lstrip(" \t")
        columns = len(line[: len(line) - len(text)].expandtabs(4))
        if columns >= 4 and (quoted or columns < indent) and _BLOCK_START.match(text):
            raise Unsure(line)


def _html_end(html, last: int, lines: _Lines, container_end: int, nested: bool) -> int:
    """The last line of an HTML block as markdown-it-py counts it: one never closed runs to the
    end of the body, blank lines too (in a list or quote the two differ: markdown-it-py's)."""
    marks = _HTML_END.get(html.block_type)
    if not marks or any(mark in lines[last - 1].lower() for mark in marks):
        return last
    if nested:
        raise Unsure(html.literal)
    return container_end


def _check_header(header: str, nested: bool) -> None:
    """Raise Unsure for a table header markdown-it-py reads no table under: without a "|", or
    indented as code (at the top: in a list, what counts as code depends on the item)."""
    if "|" not in header or not nested and header[:4].expandtabs(4).startswith("    "):
        raise Unsure(header)


def _may_nest_too_deeply(body: str) -> bool:
    """Whether `body` might nest blocks and inlines past `_MAX_DEPTH`: half of it for the
    blocks (counted from the lines' starts), half for the inlines of one paragraph (emphasis
    marks and images, counted between blank lines)."""
    if _DEEP_LINE.search("\n" + body):
        return True
    half = _MAX_DEPTH // 2
    if body.count("*") + body.count("_") + 2 * body.count("![") < half:
        return False
    return any(part.count("*") + part.count("_") + 2 * part.count("![") >= half for part in _BLANK_LINE.split(body))


def _delimiter_rows(body: str):
    """The lines that could be a table's delimiter row under a line with a "|" in it: where
    comrak reads no table, markdown-it-py may (a delimiter row with no "|" under a one-column
    header, a list item's line as the header)."""
    counted, line = 0, 1  # lines are counted on from the row before: once over the body
    for row in _DELIMITER_ROW.finditer(body):
        header = body.rfind("\n", 0, row.start()) + 1
        if "|" in body[header : row.start()]:
            line += body.count("\n", counted, row.start())
            counted = row.start()
            yield line + 1


def _marker(item) -> str:
    """A list item's marker as markdown-it-py gives it: the bullet, or the number's delimiter."""
    if item.list_type == ListType.Bullet:
        return chr(item.bullet_char)
    return "." if item.delimiter == ListDelimType.Period else ")"


def _item_end(first: int, last: int, lines: _Lines, container_end: int, quoted: bool, empty: bool, known: dict) -> int:
    """The last line of a list item as markdown-it-py counts it: the blank lines after its
    content are the item's too, up to the next line with text in its block quote or body; an
    item with nothing after its marker takes the line after it if blank. `known`: the ends worked
    out before, as the blank lines after a hundred nested items are not read a hundred times."""
    blank = " \t>" if quoted else " \t"
    if empty and first < container_end and not lines[first].strip(blank):
        return first + 1
    last = min(last, container_end)  # comrak's item may end on the body's last line of spaces
    key = (last, container_end, quoted)
    if key not in known:
        end = last
        while end < container_end and not lines[end].strip(blank):
            end += 1
        known[key] = end
    return known[key]


def _pieces(children, lines: _Lines, line_offset: int) -> list[tuple]:
    """The pieces (see `jdlint.parse.TEXT`) of a block's inline nodes, in order. A piece on one
    line carries no line (0): only where lines change and where links start is read."""
    pieces: list[tuple] = []
    add = pieces.append
    ends = (children[0], children[-1]) if children else (None, None)
    stack = list(reversed(children))
    while stack:
        node = stack.pop()
        if node is _LINK_END:
            add((CLOSE, None, 0, 0))
            continue
        value = node.node_value
        kind = type(value)
        if kind is Text:
            text = value.value
            if "`" in text or "<!--" in text:
                raise Unsure(text)
            if (node is ends[0] or node is ends[1]) and (text[:1] in _TRIMMED or text[-1:] in _TRIMMED):
                text = _trimmed(node, text, ends, lines)
            add((TEXT, text, 0, 0))
        elif kind is SoftBreak or kind is LineBreak:
            line = node.sourcepos.start.line
            written = lines[line - 1].rstrip(" ")
            if written.endswith("\\") and len(written) < len(lines[line - 1]):
                raise Unsure(written)
            kept = written[len(written.rstrip(" \t")) :]  # tabs before a line break: comrak drops them
            if kept:
                add((TEXT, kept, 0, 0))
            add((TEXT, " ", line + line_offset, line + line_offset + 1))
        elif kind is Code:
            first, last = _lines_of(node, lines)
            add((TEXT, value.value.literal, first + line_offset, last + line_offset))
        elif kind is Link:
            line = node.sourcepos.start.line + line_offset
            add((OPEN, value.value.url, line, line))
            stack.append(_LINK_END)
            stack.extend(reversed(node.children))
        elif kind is Image:
            add((TEXT, *_description(node, lines, line_offset)))
        elif kind is HtmlInline:
            first, last = _lines_of(node, lines)
            add((HTML, value.value, first + line_offset, last + line_offset))
        else:  # emphasis: its text
            stack.extend(reversed(node.children))
    if ends[0] is not None and (pieces[0][1] == "" or pieces[-1][1] == ""):
        _drop_blank_ends(pieces)
    return pieces


def _drop_blank_ends(pieces: list[tuple]) -> None:
    """Drop the line breaks around a line that `_trimmed` left empty at a block's start or end
    ("Text\n\u00a0"): markdown-it-py trims them off with it."""
    while pieces and pieces[-1][0] is TEXT and (pieces[-1][1] == "" or pieces[-1][2] != pieces[-1][3]):
        pieces.pop()
    while pieces and pieces[0][0] is TEXT and (pieces[0][1] == "" or pieces[0][2] != pieces[0][3]):
        del pieces[0]


def _lines_of(node, lines: _Lines) -> tuple[int, int]:
    """The first and last line of a code span or inline HTML. Over lines indented more than their
    block, comrak drops the indent, markdown-it-py keeps it: the page is markdown-it-py's."""
    first, last = node.sourcepos.start.line, node.sourcepos.end.line
    if any(lines[line][:1] in (" ", "\t") for line in range(first, last)):
        raise Unsure(lines[first - 1])
    return first, last


def _trimmed(node, text: str, ends: tuple, lines: _Lines) -> str:
    """The `text` of a block's first or last text node without the whitespace of `_TRIMMED` it
    starts or ends the block with as written in the file (a no-break space): markdown-it-py trims
    it off, comrak keeps all but spaces and tabs. Whitespace from an entity (`&nbsp;`) stays."""
    position = node.sourcepos  # what is written there is read as far as the text's whitespace goes
    if node is ends[0]:
        start, spaces = position.start, _spaces(text)
        written = lines.utf8(start.line)[start.column - 1 : start.column - 1 + 3 * spaces]
        text = text[min(spaces, _spaces(written.decode(errors="replace"))) :]
    if node is ends[1]:
        end, spaces = position.end, _spaces(text, at_end=True)
        written = lines.utf8(end.line)[max(end.column - 3 * spaces, 0) : end.column]
        text = text[: len(text) - min(spaces, _spaces(written.decode(errors="replace"), at_end=True))]
    return text


def _spaces(text: str, at_end: bool = False) -> int:
    """How many characters of `_TRIMMED` `text` starts (or ends) with."""
    return len(text) - len(text.rstrip(_TRIMMED) if at_end else text.lstrip(_TRIMMED))


def _description(image, lines: _Lines, line_offset: int) -> tuple[str, int, int]:
    """An image's description as written in the file (as markdown-it-py gives it), from after
    its "![" to the end of its last node, with its first and last line."""
    children = image.children
    if not children:
        return "", 0, 0
    start, end = image.sourcepos.start, children[-1].sourcepos.end
    if start.line == end.line:
        written = lines.utf8(start.line)[start.column + 1 : end.column]
    else:
        middle = (lines.utf8(number) for number in range(start.line + 1, end.line))
        written = b"\n".join([lines.utf8(start.line)[start.column + 1 :], *middle, lines.utf8(end.line)[: end.column]])
    return written.decode(), start.line + line_offset, end.line + line_offset


class _Lines(list):
    """The body's lines, each also as UTF-8 when first asked: comrak's columns count its bytes
    (its option to count characters takes quadratic time on a long line)."""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self._utf8: dict[int, bytes] = {}

    def utf8(self, number: int) -> bytes:
        """Line `number` (from 1) as UTF-8."""
        if number not in self._utf8:
            self._utf8[number] = self[number - 1].encode()
        return self._utf8[number]
