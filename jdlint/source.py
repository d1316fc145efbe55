"""Bytes to text: remember the encoding, BOM, line endings and every byte that did not decode."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class DecodeError(NamedTuple):
    """A run of bytes that is not valid in the file's encoding."""

    byte_offset: int
    length: int
    line: int
    column: int


@dataclass(frozen=True)
class Source:
    """A document's text with enough about its bytes to write it back unchanged."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    decode_errors: tuple[DecodeError, ...] = ()
    lines: tuple[str, ...] = field(init=False)
    line_endings: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        lines, endings = split_lines(self.text)
        object.__setattr__(self, "lines", lines)
        object.__setattr__(self, "line_endings", endings)

    def line(self, number: int) -> str:
        """The text of 1-based line `number` without its line ending ('' past the end)."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    @property
    def newline(self) -> str:
        """The file's dominant line ending, '\\n' for a file without any; on a tie, the one that comes
        first (not whichever a set yields first, which changes from run to run)."""
        endings = [e for e in self.line_endings if e]
        return max(dict.fromkeys(endings), key=endings.count) if endings else "\n"


def split_lines(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split on CRLF, CR and LF alike (as CommonMark does), keeping each line's ending apart."""
    lines: list[str] = []
    endings: list[str] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(text[start : match.start()])
        endings.append(match.group())
        start = match.end()
    if start < len(text) or not lines:
        lines.append(text[start:])
        endings.append("")
    return tuple(lines), tuple(endings)


def decode(data: bytes) -> Source:
    """Decode `data`, honouring a BOM; undecodable bytes become U+FFFD and are recorded."""
    encoding, bom = "utf-8", b""
    for candidate_bom, candidate_encoding in _BOMS:
        if data.startswith(candidate_bom):
            encoding, bom = candidate_encoding, candidate_bom
            break
    body = data[len(bom) :]
    try:
        return Source(body.decode(encoding), encoding, bom)
    except UnicodeDecodeError:
        pass
    text, errors = _decode_recording_errors(body, encoding, offset=len(bom))
    return Source(text, encoding, bom, errors)


def _decode_recording_errors(body: bytes, encoding: str, offset: int) -> tuple[str, tuple[DecodeError, ...]]:
    """Decode, replacing bad bytes; byte offsets count from the start of the file (`offset`: BOM).

    One pass over the bytes and one over the text, however many bytes are bad: a Latin-1 file
    is mostly bad bytes."""
    _BAD_BYTES.clear()
    text = body.decode(encoding, _RECORD_BAD_BYTES)
    spans = tuple(_BAD_BYTES)
    errors: list[DecodeError] = []
    at = previous = scanned = line_start = 0
    line = 1
    for start, end in spans:
        at += len(body[previous:start].decode(encoding))  # the text before this U+FFFD
        for match in _LINE_BREAK.finditer(text, scanned, at):
            line, line_start = line + 1, match.end()
        errors.append(DecodeError(offset + start, end - start, line, at - line_start + 1))
        scanned, at, previous = at, at + 1, end
    return text, tuple(errors)


# The decoder's error handler records each bad run (start, end) and reads it as one U+FFFD.
_BAD_BYTES: list[tuple[int, int]] = []
_RECORD_BAD_BYTES = "jdlint-record-bad-bytes"


def _record_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _BAD_BYTES.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error(_RECORD_BAD_BYTES, _record_bad_bytes)


def encode(text: str, source: Source) -> bytes:
    """Encode `text` the way `source` was stored: same encoding, same BOM."""
    return source.bom + text.encode(source.encoding)
