"""The handbook as an editor sees it, for `jdlint server`: every page under the root, the unsaved
text of open buffers in place of the disk, indexed in memory and checked one page at a time.

Nothing here speaks the Language Server Protocol (`jdlint.server` does): a page goes in as text
and comes out as the engine's diagnostics, or as its text with the fixes applied.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from jdlint.config import Config
from jdlint.discover import found_under_root, hugo_site, real_path
from jdlint.engine import Diagnostic, FixMode, Report, check_page, fix_in_rounds, read_handbook, read_page
from jdlint.handbook import Entry, HandbookIndex, entry_for
from jdlint.rule import Context


class LiveHandbook:
    """The documents under one config's root. An open page's entry in the index is its buffer's;
    any other page's is the disk's. The index is built again only when an entry changes, which
    typing inside a line does not do.

    A new line in a page moves the lines of its titles and nothing else: the page is checked at
    once against the index as it was (its own findings are placed by the page, not the index),
    and the index is built again for the next check that finds nothing changed, which the server
    runs once typing pauses."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.entries: dict[str, Entry] = {}  # relative path -> what the index knows of it
        self._index: HandbookIndex | None = None
        self._moved = False  # an entry's lines moved since the index was built

    def load(self) -> list[str]:
        """Index every document on disk (through the index cache, as `check` does); the messages
        about files that could not be read."""
        report = Report()
        index, _ = read_handbook([], self.config, use_cache=True, report=report)
        self.entries = dict(index.entries)
        self._index = None
        return [*report.errors, *report.skipped]

    @property
    def index(self) -> HandbookIndex:
        if self._index is None or self._moved:
            self._moved = False
            self._index = HandbookIndex.build(
                list(self.entries.values()), self.config.profile, hugo_site(self.config.root)
            )
        return self._index

    def relative(self, path: Path) -> str | None:
        """The path as the index knows it, or None for a file jdlint does not lint here: outside
        the root, or not a document the directory search finds there (a skipped folder, excluded)."""
        resolved = real_path(path)
        if not resolved.is_relative_to(self.config.root):
            return None
        relative = resolved.relative_to(self.config.root).as_posix()
        return relative if found_under_root(relative, self.config.root, self.config.exclude) else None

    def check(self, relative: str, text: str) -> tuple[list[Diagnostic], bool]:
        """The diagnostics of the page at `relative` whose text is `text`, and whether its entry in
        the index changed (then the pages that refer to it may have other findings now)."""
        page, _ = read_page(text.encode("utf-8"), relative, self.config)
        if isinstance(page, Diagnostic):
            return [page], False
        changed = self._put(relative, entry_for(page, relative, self.config.profile))
        index = self._index if self._moved and self._index is not None else self.index
        return self._check(page, relative, index), changed

    def fixed(self, relative: str, text: str) -> str:
        """The text with every safe fix applied, in rounds as `check --fix` applies them."""
        page, _ = read_page(text.encode("utf-8"), relative, self.config)
        if isinstance(page, Diagnostic):
            return text
        check = functools.partial(self._check, relative=relative, index=self.index)
        fixed, _, _ = fix_in_rounds(page, check(page), check, FixMode(unsafe=False), relative, self.config)
        return fixed.source.text

    def read_from_disk(self, relative: str) -> bool:
        """Take the page's entry from the file again (changed, created or deleted on disk, or its
        buffer closed); whether the index changed."""
        path = self.config.root / relative
        try:
            data = path.read_bytes()
        except OSError:
            return self.forget(relative)
        if len(data) > self.config.max_file_size:
            return self.forget(relative)
        page, _ = read_page(data, relative, self.config)
        if isinstance(page, Diagnostic):
            return self.forget(relative)
        return self._put(relative, entry_for(page, relative, self.config.profile))

    def forget(self, relative: str) -> bool:
        if self.entries.pop(relative, None) is None:
            return False
        self._index = None
        return True

    def _put(self, relative: str, entry: Entry) -> bool:
        """Take the page's entry; whether the other pages may have other findings now. When only
        its lines or the titles it names changed (typing into a reports-to line), the index, which
        reads neither, serves as it is until the next check that finds nothing changed."""
        known = self.entries.get(relative)
        if known == entry:
            return False
        self.entries[relative] = entry
        if known is not None and _as_indexed(known) == _as_indexed(entry):
            self._moved = True
            return replace(known, referred_titles=()) != replace(entry, referred_titles=())  # lines other pages name
        self._index = None
        return True

    def _check(self, page, relative: str, index: HandbookIndex) -> list[Diagnostic]:
        config = self.config
        rules = [rule for rule in config.enabled_rules(config.ignores_for(relative)) if not rule.by_engine]
        return check_page(page, Context(config.profile, index, relative), config, rules)


def _as_indexed(entry: Entry) -> Entry:
    """The entry without its line numbers and the titles the page names: what the index reads of
    it (pages are found by their own titles and URLs; what a page names only its own findings
    depend on)."""
    roles = tuple(replace(role, line=0) for role in entry.roles)
    return replace(entry, family_line=0, roles=roles, referred_titles=())
