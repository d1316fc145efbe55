"""TOML reading on every supported Python (tomllib from 3.11, tomli before), the parser imported
only for a document with something in it."""

from __future__ import annotations

import sys
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
    parser = _parser()
    try:
        return parser.loads(data.decode("utf-8"))
    except parser.TOMLDecodeError as error:
        raise TOMLDecodeError(str(error)) from None


def _parser():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def __getattr__(name: str):
    """`jdlint.toml.tomllib`: the parser itself, imported when first asked for."""
    if name == "tomllib":
        return _parser()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
