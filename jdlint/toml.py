"""TOML reading with the standard library's tomllib, imported only for a document with something
in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class TOMLDecodeError(ValueError):
    """The document is not valid TOML; the message is the parser's."""


def load_file(path: Path) -> dict[str, Any]:
    with open(path, "rb") as file:
        return loads(file.read())


def loads(data: bytes) -> dict[str, Any]:
    """The table of a TOML document. An empty one (a `.jdlint.toml` that only marks the root) is
    read without importing the parser."""
    if not data.strip():
        return {}
    import tomllib  # not at the top: a run with no config to read never imports it

    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TOMLDecodeError(str(error)) from None
