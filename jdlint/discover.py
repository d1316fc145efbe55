"""Paths given on the command line -> the documents to lint."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
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
    paths: list[Path],
    root: Path,
    exclude: tuple[str, ...] = (),
    skipped: list[str] | None = None,
    *,
    include: Callable[[str, Path], bool] | None = None,
    force_exclude: bool = False,
    missing: list[Path] | None = None,
    gitignore: bool = True,
) -> list[Path]:
    """Every document to lint under `paths`, sorted, without duplicates.

    Directories are searched for `*.md`, `*.md.erb` and `*.markdown`, skipping hidden and tool
    directories, symlinked directories, files git ignores (`gitignore`), the `exclude` globs
    (matched against the path relative to the root and against the bare name) and the documents
    that `include` (given the path relative to the root, and the path) says are no job pages. A file named on
    the command line is linted whatever its name, unless `force_exclude`: then it is left out as
    the search would leave it out (as ruff's `--force-exclude`, for pre-commit, which names every
    Markdown file of a commit). A symlinked document found in a directory is read only when it
    leads to a file under the root or the directory searched; one that loops, leads nowhere or
    leads out is left out, with a note in `skipped`. A path that does not exist raises
    MissingPath, or is added to `missing` when that is given.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if not path.exists() and not path.is_symlink():
            if missing is None:
                raise MissingPath(str(path))
            missing.append(path)
        elif path.is_dir():
            for document in documents_under(path, root, exclude, skipped, gitignore):
                if include is None or include(relative_to_root(document, root), document):
                    found.setdefault(document)
        elif not force_exclude or not _left_out(path, root, exclude, include, gitignore):
            found.setdefault(path)
    return list(found)


def _left_out(path: Path, root: Path, exclude: tuple[str, ...], include, gitignore: bool) -> bool:
    """Whether searching its directory would leave out the file `path`."""
    real = real_path(path)
    folders = [folder for folder in real.parents if root in folder.parents]  # below the root
    ignored = git_ignored(_ignore_scope(real.parent, root)) if gitignore else frozenset()
    return (
        any(_excluded(str(name), root, exclude) for name in (real, *folders))
        or (include is not None and not include(relative_to_root(path, root), path))
        or any(str(name) in ignored for name in (real, *folders))
    )


def _ignore_scope(directory: Path, root: Path) -> Path:
    """Where to ask git for ignored files: the root for what lies in it, so that one run asks once."""
    real_root = real_path(root)
    return real_root if directory == real_root or real_root in directory.parents else directory


def relative_to_root(path: Path, root: Path) -> str:
    """The path relative to the root, POSIX; as given when it lies outside."""
    try:
        return real_path(path).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


_LAYOUT = re.compile(r"^layout:[ \t]*[\"']?([\w.-]+)", re.MULTILINE)


def front_matter_layout(path: Path) -> str:
    """The front matter's `layout:`, read from the start of the file without parsing it: '' when
    there is none or the file cannot be read."""
    try:
        with path.open("rb") as handle:
            return layout_of(handle.read(4096).decode("utf-8", "replace"))
    except OSError:
        return ""


def layout_of(text: str) -> str:
    """The `layout:` of the front matter `text` opens with; '' when there is none."""
    if not text.startswith("---"):
        return ""
    found = _LAYOUT.search(text.split("\n---", 1)[0])
    return found.group(1) if found else ""


def git_toplevel(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


class GitRun:
    """A git command started at once and read when its answer is needed, so that git works on
    another core meanwhile (each run's start-up is a few milliseconds of a short lint run). Run
    from `top`, the checkout's top, where a git hook's relative GIT_DIR (".git") means what it says.
    GIT_OPTIONAL_LOCKS=0: a status refresh must not take the index lock that a commit running its
    hooks may hold."""

    started: dict[tuple[Path, tuple[str, ...]], GitRun] = {}  # by `start`, for the first `of` to take

    def __init__(self, top: Path, args: tuple[str, ...], data: bytes | None = None) -> None:
        import subprocess

        environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        self.data = data
        pipe, stdin = subprocess.PIPE, subprocess.DEVNULL if data is None else subprocess.PIPE
        try:
            self.process = subprocess.Popen(
                ["git", *args], cwd=top, stdin=stdin, stdout=pipe, stderr=pipe, env=environment
            )
        except OSError:
            self.process = None

    @classmethod
    def start(cls, top: Path, *args: str) -> None:
        """Start `git args` now for a later `GitRun.of(top, *args)`."""
        cls.started.setdefault((top, args), cls(top, args))

    @classmethod
    def of(cls, top: Path, *args: str, data: bytes | None = None) -> GitRun:
        """The run of `git args` started earlier, else one started now."""
        return cls.started.pop((top, args), None) or cls(top, args, data)

    @classmethod
    def forget_started(cls) -> None:
        """End the runs started that nobody asked for (the run found it did not need them)."""
        while cls.started:
            _, run = cls.started.popitem()
            if run.process is not None:
                run.process.kill()
                run.process.communicate()

    def output(self, timeout: float) -> bytes | None:
        """What git printed; None when it failed, is missing or took longer than `timeout` seconds."""
        import subprocess

        if self.process is None:
            return None
        try:
            out, _ = self.process.communicate(self.data, timeout=timeout)
        except (OSError, subprocess.SubprocessError):
            self.process.kill()
            self.process.wait()
            return None
        return out if self.process.returncode == 0 else None


def _ignored_files_command(directory: Path, top: Path) -> tuple[str, ...]:
    relative = os.path.relpath(directory, top)
    return ("ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z", "--", relative)


def start_listing_ignored(root: Path) -> None:
    """Have git start listing what it ignores under the root, unless this process knows it: the
    walk asks for it later."""
    directory = real_path(root)
    top = git_toplevel(directory)
    if top is not None and directory not in _IGNORED:
        GitRun.start(top, *_ignored_files_command(directory, top))


_IGNORED: dict[Path, frozenset[str]] = {}  # what git_ignored found, by directory, for the process's life


def git_ignored(directory: Path) -> frozenset[str]:
    """The real paths of the files and folders under `directory` that git ignores (.gitignore
    files, .git/info/exclude, the user's excludes file), as git itself lists them; none outside a
    git checkout or without git. Tracked files are never ignored, as in git."""
    if directory not in _IGNORED:
        top = git_toplevel(directory)
        listed = GitRun.of(top, *_ignored_files_command(directory, top)).output(timeout=30) if top else None
        names = (listed or b"").decode("utf-8", "surrogateescape").split("\0")
        _IGNORED[directory] = frozenset(os.path.join(top, name.rstrip("/")) for name in names if name)
    return _IGNORED[directory]


def documents_under(
    directory: Path,
    root: Path,
    exclude: tuple[str, ...] = (),
    skipped: list[str] | None = None,
    gitignore: bool = True,
) -> dict[Path, Path]:
    """The documents `discover` finds under `directory`, in order, each with its real path."""
    return {Path(path): Path(real) for path, real in walk(directory, root, exclude, skipped, gitignore).items()}


def walk(
    directory: Path,
    root: Path,
    exclude: tuple[str, ...] = (),
    skipped: list[str] | None = None,
    gitignore: bool = True,
) -> dict[str, str]:
    """`documents_under` in the strings os.scandir gives: for the engine, which lists the whole
    handbook on every run, where a `Path` per file would cost more than the walk. Only a
    symlinked document costs a system call to resolve: the directories walked are no symlinks, so
    a plain file's real path is the directory's real path and the rest of its own."""
    real_directory = real_path(directory)
    within = (real_path(root), real_directory)
    ignored = git_ignored(_ignore_scope(real_directory, root)) if gitignore else frozenset()
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
            if ignored and os.path.join(real_current, entry.name) in ignored:
                continue
            if entry.is_dir(follow_symlinks=False):
                if _walked(entry.name) and not _excluded(entry.path, root, exclude):
                    subdirectories.append((entry.path, os.path.join(real_current, entry.name)))
            elif entry.name.lower().endswith(DOCUMENT_SUFFIXES) and not _excluded(entry.path, root, exclude):
                if not entry.is_symlink():
                    found[entry.path] = os.path.join(real_current, entry.name)
                elif _followable(Path(entry.path), within, skipped):
                    found[entry.path] = os.path.realpath(entry.path)
        pending.extend(reversed(subdirectories))  # depth first, in name order, as os.walk
    return found


def _walked(name: str) -> bool:
    """A directory searched: not hidden, not a tool's (symlinked ones are not directories here)."""
    return name not in SKIPPED_DIRECTORIES and not name.startswith(".")


def found_under_root(relative: str, root: Path, exclude: tuple[str, ...] = ()) -> bool:
    """Whether a document at `relative` (a POSIX path below `root`, on disk or not) is one that
    `documents_under(root)` finds: named as a document, in no folder it skips, not excluded."""
    parts = relative.split("/")
    paths = [root.joinpath(*parts[:depth]) for depth in range(1, len(parts) + 1)]
    return (
        is_document(paths[-1])
        and all(_walked(folder) for folder in parts[:-1])
        and not any(_excluded(str(path), root, exclude) for path in paths)
    )


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
