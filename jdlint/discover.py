"""Paths given on the command line -> the documents to lint."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path

DOCUMENT_SUFFIXES = (".md", ".md.erb", ".markdown")
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".jdlint_cache"})


class MissingPath(Exception):
    """A path given on the command line does not exist."""


def is_document(path: Path) -> bool:
    return path.name.lower().endswith(DOCUMENT_SUFFIXES)


def discover(paths: list[Path], root: Path, exclude: tuple[str, ...] = ()) -> list[Path]:
    """Every document under `paths`, sorted, without duplicates.

    A file named on the command line is linted whatever its name; directories are searched for
    `*.md`, `*.md.erb` and `*.markdown`, skipping hidden and tool directories, symlinked
    directories and the `exclude` globs (matched against the path relative to the root and
    against the bare name).
    """
    found: dict[Path, None] = {}
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise MissingPath(str(path))
        if path.is_dir():
            for document in _walk(path, root, exclude):
                found.setdefault(document)
        else:
            found.setdefault(path)
    return list(found)


def _walk(directory: Path, root: Path, exclude: tuple[str, ...]):
    for current, directories, files in os.walk(directory):
        directories[:] = sorted(
            d
            for d in directories
            if d not in SKIPPED_DIRECTORIES
            and not d.startswith(".")
            and not _excluded(Path(current, d), root, exclude)
            and not Path(current, d).is_symlink()
        )
        for name in sorted(files):
            path = Path(current, name)
            if is_document(path) and not _excluded(path, root, exclude):
                yield path


def _excluded(path: Path, root: Path, exclude: tuple[str, ...]) -> bool:
    if not exclude:
        return False
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch(relative, pattern) or fnmatch(path.name, pattern) for pattern in exclude)
