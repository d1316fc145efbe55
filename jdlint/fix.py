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

from jdlint.rule import Edit, Fix
from jdlint.source import Source, encode


def apply_fixes(source: Source, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """The text with the fixes applied, and the fixes that were. A fix is applied whole or not at
    all: one with an edit overlapping an edit of a fix applied before it waits for the next round
    (half a fix, a bullet without the renumbering that goes with it, would be a new defect)."""
    text = source.text
    starts = _line_starts(source)
    taken: list[tuple[int, int, Edit]] = []
    applied: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: min(((e.line, e.column) for e in f.edits), default=(0, 0))):
        spans = [
            (_offset(starts, len(text), e.line, e.column), _offset(starts, len(text), e.end_line, e.end_column), e)
            for e in fix.edits
        ]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        taken.extend(spans)
        applied.append(fix)
    pieces: list[str] = []
    position = 0
    for start, end, edit in sorted(taken, key=lambda span: (span[0], span[1])):
        pieces.append(text[position:start])
        pieces.append(edit.content)
        position = max(end, start)
    pieces.append(text[position:])
    return "".join(pieces), applied


def _overlaps(span: tuple[int, int, Edit], other: tuple[int, int, Edit]) -> bool:
    """Two edits collide when their ranges share text, or when both insert at one place (their
    order would be a guess)."""
    (start, end, _), (other_start, other_end, _) = span, other
    return start < other_end and other_start < end or start == other_start


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
