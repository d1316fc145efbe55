"""Bytes to text: BOMs, line endings and undecodable bytes."""

import codecs

import pytest

from jdlint.source import DecodeError, decode, encode


def test_utf8_bom_is_remembered_and_not_part_of_the_text():
    source = decode(codecs.BOM_UTF8 + b"# Title\n")
    assert (source.encoding, source.bom, source.text) == ("utf-8", codecs.BOM_UTF8, "# Title\n")


def test_utf16_le_with_bom_is_decoded():
    source = decode("# Zoë\nline two".encode("utf-16"))  # Python writes the native (LE) BOM
    assert source.encoding == "utf-16-le"
    assert source.bom == codecs.BOM_UTF16_LE
    assert source.lines == ("# Zoë", "line two")


def test_utf16_be_with_bom_is_decoded():
    source = decode(codecs.BOM_UTF16_BE + "a\r\nb".encode("utf-16-be"))
    assert (source.encoding, source.lines) == ("utf-16-be", ("a", "b"))


def test_file_without_bom_is_utf8():
    source = decode("café".encode())
    assert (source.encoding, source.bom, source.text) == ("utf-8", b"", "café")


@pytest.mark.parametrize("bom_text", [codecs.BOM_UTF8 + "é\r\n".encode(), "é\r\n".encode("utf-16")])
def test_encode_writes_back_the_same_bytes(bom_text):
    source = decode(bom_text)
    assert encode(source.text, source) == bom_text


def test_crlf_lines_are_split_without_their_ending():
    source = decode(b"one\r\ntwo\r\nthree")
    assert source.lines == ("one", "two", "three")
    assert source.line_endings == ("\r\n", "\r\n", "")


def test_lone_cr_is_a_line_break():
    assert decode(b"one\rtwo\rthree").lines == ("one", "two", "three")


def test_mixed_line_endings_are_each_kept():
    source = decode(b"a\nb\r\nc\rd")
    assert source.lines == ("a", "b", "c", "d")
    assert source.line_endings == ("\n", "\r\n", "\r", "")


def test_cr_lf_across_two_breaks_is_not_merged():
    # "\n\r" is two line breaks (LF, then a lone CR), not one.
    assert decode(b"a\n\rb").lines == ("a", "", "b")


def test_dominant_line_ending_wins():
    assert decode(b"a\r\nb\r\nc\nd").newline == "\r\n"


def test_text_without_line_break_defaults_to_lf():
    assert decode(b"just one line").newline == "\n"


def test_trailing_newline_adds_no_empty_line():
    assert decode(b"a\nb\n").lines == ("a", "b")


def test_empty_file_has_one_empty_line():
    assert decode(b"").lines == ("",)


def test_line_lookup_is_one_based_and_empty_past_the_end():
    source = decode(b"first\nsecond")
    assert (source.line(1), source.line(2), source.line(3), source.line(0)) == ("first", "second", "", "")


def test_valid_file_has_no_decode_errors():
    assert decode("naïve – “quotes”".encode()).decode_errors == ()


def test_invalid_byte_is_recorded_with_offset_line_and_column():
    source = decode(b"ab\ncd\xffef\n")
    assert source.decode_errors == (DecodeError(byte_offset=5, length=1, line=2, column=3),)


def test_rest_of_the_text_is_decoded_around_an_invalid_byte():
    source = decode(b"ab\ncd\xffef\ngh")
    assert source.lines == ("ab", "cd\ufffdef", "gh")


def test_column_counts_characters_not_bytes():
    # "café " is 6 bytes but 5 characters: the bad byte is the 6th character.
    (error,) = decode("café ".encode() + b"\xff").decode_errors
    assert (error.byte_offset, error.column) == (6, 6)


def test_each_invalid_run_is_recorded_separately():
    source = decode(b"\xffa\n\xc3(")
    assert [(e.byte_offset, e.line, e.column) for e in source.decode_errors] == [(0, 1, 1), (3, 2, 1)]
    assert source.text == "\ufffda\n\ufffd("


def test_truncated_multibyte_sequence_at_the_end_is_one_error():
    (error,) = decode(b"ok \xe2\x82").decode_errors
    assert (error.byte_offset, error.length, error.column) == (3, 2, 4)


@pytest.mark.parametrize("newline", [b"\r\n", b"\r", b"\n"])
def test_line_of_a_decode_error_counts_every_kind_of_line_break(newline):
    (error,) = decode(b"a" + newline + b"b" + newline + b"c\xff").decode_errors
    assert (error.line, error.column) == (3, 2)


def test_invalid_utf16_is_recorded_and_the_rest_decoded():
    lone_surrogate = b"\x00\xd8"
    source = decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + lone_surrogate + "\nc".encode("utf-16-le"))
    assert source.lines == ("ab\ufffd", "c")
    assert [(e.line, e.column) for e in source.decode_errors] == [(1, 3)]


def test_byte_offset_is_counted_from_the_start_of_the_file_with_a_bom():
    data = codecs.BOM_UTF8 + b"ab\xffc"
    (error,) = decode(data).decode_errors
    assert data[error.byte_offset] == 0xFF
