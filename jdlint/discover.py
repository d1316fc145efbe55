"""Paths given on the command line -> the documents to lint."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path
from typing import NamedTuple

DOCUMENT_SUFFIXES = (".md", ".md.erb", ".markdown")
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".jdlint_cache"})


# Files and folders that make a directory a Hugo site (its configuration, in each format Hugo reads).
HUGO_CONFIGS = tuple(f"{name}.{ext}" for name in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json"))
HUGO_CONFIGS += ("config/_default",)


class HugoSite(NamedTuple):
    """Where the pages of a Hugo site lie, seen from the handbook root."""

    content: str = ""  # the root's folder of pages ("content") when the root is the site, else ""
    url_prefix: str = ""  # the root's own URL when the root lies inside a site's folder of pages


def hugo_site(root: Path) -> HugoSite:
    """The Hugo site the root is, or lies in: a directory with a Hugo config and a `content`
    folder beside it. A root that is such a site holds every page, so a link to a page it lacks
    is broken; a root inside `content` publishes at its folder's URL ("job-families/sales")."""
    for directory in (root, *root.parents):
        content = directory / "content"
        if content.is_dir() and any((directory / name).exists() for name in HUGO_CONFIGS):
            if directory == root:
                return HugoSite("content")
            return HugoSite("", root.relative_to(content).as_posix()) if root.is_relative_to(content) else HugoSite()
    return HugoSite()


class MissingPath(Exception):
    """A path given on the command line does not exist."""


def is_document(path: Path) -> bool:
    return path.name.lower().endswith(DOCUMENT_SUFFIXES)


def real_path(path: Path) -> Path:
    """The absolute path, symbolic links resolved. Never raises: `Path.resolve` raises
    RuntimeError on a symlink loop before Python 3.13; here the loop is left unresolved."""
    return Path(os.path.realpath(path))


def discover(
    paths: list[Path], root: Path, exclude: tuple[str, ...] = (), skipped: list[str] | None = None
) -> list[Path]:
    """Every document under `paths`, sorted, without duplicates.

    A file named on the command line is linted whatever its name; directories are searched for
    `*.md`, `*.md.erb` and `*.markdown`, skipping hidden and tool directories, symlinked
    directories and the `exclude` globs (matched against the path relative to the root and
    against the bare name). A symlinked document found there is read only when it leads to a
    file under the root or the directory searched; one that loops, leads nowhere or leads out is
    left out, with a note in `skipped`.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise MissingPath(str(path))
        if path.is_dir():
            for document in documents_under(path, root, exclude, skipped):
                found.setdefault(document)
        else:
            found.setdefault(path)
    return list(found)


def documents_under(
    directory: Path, root: Path, exclude: tuple[str, ...] = (), skipped: list[str] | None = None
) -> dict[Path, Path]:
    """The documents `discover` finds under `directory`, in order, each with its real path."""
    return {Path(path): Path(real) for path, real in walk(directory, root, exclude, skipped).items()}


def walk(
    directory: Path, root: Path, exclude: tuple[str, ...] = (), skipped: list[str] | None = None
) -> dict[str, str]:
    """`documents_under` in the strings os.scandir gives: for the engine, which lists the whole
    handbook on every run, where a `Path` per file would cost more than the walk. Only a
    symlinked document costs a system call to resolve: the directories walked are no symlinks, so
    a plain file's real path is the directory's real path and the rest of its own."""
    real_directory = real_path(directory)
    within = (real_path(root), real_directory)
    found: dict[str, str] = {}
    pending = [(str(directory), str(real_directory))]
    while pending:
        current, real_current = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            continue
        subdirectories = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if _walked(entry) and not _excluded(entry.path, root, exclude):
                    subdirectories.append((entry.path, os.path.join(real_current, entry.name)))
            elif entry.name.lower().endswith(DOCUMENT_SUFFIXES) and not _excluded(entry.path, root, exclude):
                if not entry.is_symlink():
                    found[entry.path] = os.path.join(real_current, entry.name)
                elif _followable(Path(entry.path), within, skipped):
                    found[entry.path] = os.path.realpath(entry.path)
        pending.extend(reversed(subdirectories))  # depth first, in name order, as os.walk
    return found


def _walked(entry: os.DirEntry) -> bool:
    """A directory searched: not hidden, not a tool's (symlinked ones are not directories here)."""
    return entry.name not in SKIPPED_DIRECTORIES and not entry.name.startswith(".")


def _followable(path: Path, within: tuple[Path, ...], skipped: list[str] | None) -> bool:
    """A file that is no symlink, or a symlink to a file under one of `within`."""
    if not path.is_symlink():
        return True
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as error:
        reason = f"symbolic link that cannot be followed ({error.strerror})"
    else:
        if any(target.is_relative_to(directory) for directory in within):
            return True
        reason = "symbolic link to a file outside the handbook root"
    if skipped is not None:
        skipped.append(f"{os.path.relpath(path)}: skipped: {reason}")
    return False


def _excluded(name: str, root: Path, exclude: tuple[str, ...]) -> bool:
    if not exclude:
        return False
    path = Path(name)
    try:
        relative = real_path(path).relative_to(root).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch(relative, pattern) or fnmatch(path.name, pattern) for pattern in exclude)
