"""Apply fixes: edits from several rules in one pass, written back atomically.

A fixed file keeps its encoding, BOM, line endings (unless a fix is about them) and mode. It is
written through a temporary file in its own directory and `os.replace`, and only when its bytes
on disk are still the ones that were linted: a file another process changed in the meantime is
left alone and reported.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from jdlint.rule import Edit
from jdlint.source import Source, encode


def apply_edits(source: Source, edits: Iterable[Edit]) -> tuple[str, int]:
    """The text with the edits applied, and how many were; an edit overlapping an earlier one
    waits for the next round."""
    text = source.text
    starts = _line_starts(source)
    spans = sorted(
        (
            (_offset(starts, len(text), e.line, e.column), _offset(starts, len(text), e.end_line, e.end_column), e)
            for e in edits
        ),
        key=lambda span: (span[0], span[1]),
    )
    pieces: list[str] = []
    position = applied = 0
    for start, end, edit in spans:
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(edit.content)
        position = max(end, start)
        applied += 1
    pieces.append(text[position:])
    return "".join(pieces), applied


def _line_starts(source: Source) -> list[int]:
    starts, offset = [], 0
    for line, ending in zip(source.lines, source.line_endings, strict=True):
        starts.append(offset)
        offset += len(line) + len(ending)
    return starts


def _offset(starts: list[int], length: int, line: int, column: int) -> int:
    if line > len(starts):
        return length
    return min(starts[line - 1] + column - 1, length)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )


class ChangedOnDisk(Exception):
    """The file is no longer what was linted: another process wrote it."""


def write_atomically(path: Path, original: bytes, text: str, source: Source) -> None:
    """Replace `path` with `text` encoded like `source`, if the file still holds `original`: checked
    again right before the rename, so that another writer's change can slip in only in between."""
    if path.read_bytes() != original:
        raise ChangedOnDisk(str(path))
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".jdlint")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(encode(text, source))
        os.chmod(temporary, mode & 0o7777)
        if path.read_bytes() != original:
            raise ChangedOnDisk(str(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
