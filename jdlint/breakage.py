"""Findings a change causes in pages it does not touch.

pre-commit gives jdlint the files a commit changes. Renaming a page's folder, deleting a level or
changing a grade can break pages that are not among them: a reports-to line linking to the
manager's old URL, a ladder whose next step is now graded lower. They are found so:

1. "Before" is the last commit, git's HEAD: the versions there of the changed files given, and
   the documents deleted since (a renamed page is a deleted one and a new one). An old version's
   index entry comes from the cache (an earlier run recorded it, or stored it for that content),
   else from `git cat-file` and a parse. HEAD, not the cache's last state: it is what the commit
   changes, whatever runs came between, and it is there on a fresh clone, in CI and with
   `--no-cache`.
2. When no changed file's entry differs from its old one but for line numbers (most commits only
   edit text), no other page can be judged otherwise: done, after one `git diff`.
3. Otherwise the index is built as it was, and the pages to check again are those whose
   reports-to lines or ladders name a title, or link to a URL, that leads elsewhere now (moved,
   gone, regraded), whose own titles do, or that share a family folder with a changed page.
4. Those pages are checked with the cross-file rules against the index before and after; only
   the findings the change added are reported, so an old defect of a page nobody touched never
   blocks a commit.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from jdlint.cache import IndexCache, digest
from jdlint.discover import GitRun, found_under_root, git_toplevel

if TYPE_CHECKING:
    from jdlint.config import Config
    from jdlint.engine import Diagnostic, _Document
    from jdlint.handbook import Entry, HandbookIndex, RoleEntry  # imported only when a change is to be judged

GIT_TIMEOUT = 10  # seconds: a git that does not answer leaves the check out, it does not hang the run
# The working tree's differences from HEAD, NUL-separated, with HEAD's blob ids; a pathspec follows.
_DIFF_FROM_HEAD = ("diff", "--raw", "--no-color", "--no-abbrev", "--no-renames", "-z", "HEAD", "--")


def start_diff(root: Path) -> None:
    """Have git start the diff from HEAD that `caused_findings` reads, to work on it meanwhile."""
    checkout = _Checkout.of(root)
    if checkout:
        checkout.start_diff()


def caused_findings(
    documents: list[_Document], handbook: Callable[[], HandbookIndex], config: Config, cache: IndexCache | None
) -> list[Diagnostic]:
    """The findings that the targets' changes since HEAD, and the documents deleted since, cause in
    the other documents; `handbook()` is the index of the handbook as it is now."""
    checkout = _Checkout.of(config.root)
    changes = checkout.changes_since_head() if checkout else {}
    if not changes:
        return []
    now = {d.relative: d.index_entry(config, cache) for d in documents if d.is_target and d.relative in changes}
    deleted = [p for p, (how, _) in changes.items() if how == "D" and found_under_root(p, config.root, config.exclude)]
    blobs = {p: changes[p][1] for p in [*now, *deleted] if changes[p][0] != "A"}
    old = _entries_at_head(config, cache, checkout, blobs)
    altered = {path for path in [*now, *deleted] if _facts(old.get(path)) != _facts(now.get(path))}
    if not altered:
        return []
    after = handbook()
    before = _index_before(after, old, set(now) | set(deleted))
    others = {d.relative: d for d in documents if not d.is_target}
    suspects = _pages_to_check_again(before, after, altered)
    return [found for path in sorted(suspects) if path in others for found in _new(others[path], before, after, config)]


def _entries_at_head(
    config: Config, cache: IndexCache | None, checkout: _Checkout, blobs: dict[str, str]
) -> dict[str, Entry]:
    """The index entries of the paths of `blobs` (path -> its blob id in HEAD) as HEAD has them:
    recorded in the cache by an earlier run, or stored there for the same content, else parsed."""
    from jdlint.engine import Diagnostic, _skip_reason, read_page
    from jdlint.handbook import entry_for

    entries = {path: entry for path, blob in blobs.items() if cache and (entry := cache.entry_at_head(path, blob))}
    for path, data in checkout.versions_at_head([p for p in blobs if p not in entries]).items():
        entry = cache.stored_entry(path, digest(data)) if cache else None
        if entry is None and not _skip_reason(data, config.max_file_size):
            page, _ = read_page(data, path, config)
            entry = None if isinstance(page, Diagnostic) else entry_for(page, path, config.profile)
        if entry is not None:
            entries[path] = entry
            if cache:
                cache.put_entry_at_head(path, blobs[path], entry)
    return entries


class _Checkout:
    """The git working tree the handbook root lies in. git runs from its top, where a hook's
    GIT_DIR (".git", relative) leads to the repository; paths are given relative to the root."""

    def __init__(self, top: Path, root: Path) -> None:
        self.top = top
        self.prefix = "" if root == top else root.relative_to(top).as_posix() + "/"

    @classmethod
    def of(cls, root: Path) -> _Checkout | None:
        top = git_toplevel(root)
        return cls(top, root) if top else None

    def start_diff(self) -> None:
        """Have git start the diff that `changes_since_head` reads."""
        GitRun.start(self.top, *_DIFF_FROM_HEAD, self.prefix or ".")

    def changes_since_head(self) -> dict[str, tuple[str, str]]:
        """Each path below the root that differs from HEAD in the working tree: git's letter for
        how (A added, D deleted, M modified, T type changed, U unmerged) and its blob id in HEAD.
        {} before the first commit, or when git fails. A renamed file is a deletion and an addition."""
        fields = self._git(*_DIFF_FROM_HEAD, self.prefix or ".").split(b"\0")
        changes = {}
        for meta, path in zip(fields[::2], fields[1::2], strict=False):  # a last, empty field has no pair
            parts = meta.decode(errors="replace").split()  # ":100644 100644 <blob in HEAD> <blob now> M"
            name = os.fsdecode(path)
            if len(parts) == 5 and name.startswith(self.prefix):
                changes[name[len(self.prefix) :]] = parts[4][:1], parts[2]
        return changes

    def versions_at_head(self, paths: list[str]) -> dict[str, bytes]:
        """The bytes of `paths` in HEAD, by one `git cat-file --batch`."""
        paths = [path for path in paths if "\n" not in path]  # the batch protocol is line-based
        if not paths:
            return {}
        out = self._git(
            "cat-file", "--batch", data=b"".join(b"HEAD:" + os.fsencode(self.prefix + p) + b"\n" for p in paths)
        )
        versions, position = {}, 0
        for path in paths:
            end = out.find(b"\n", position)
            if end < 0:
                break
            header = out[position:end].split()  # "<id> blob <size>", or "<name> missing"
            position = end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                if header[1] == b"blob":
                    versions[path] = out[position : position + size]
                position += size + 1
        return versions

    def _git(self, *args: str, data: bytes | None = None) -> bytes:
        """What git prints (from the run `start_diff` began, for the diff), or b"" when it fails."""
        return GitRun.of(self.top, *args, data=data).output(timeout=GIT_TIMEOUT) or b""


def _facts(entry: Entry | None) -> Entry | None:
    """What other pages may be judged by: the entry without its line numbers and without what the
    page itself names (which only its own findings depend on)."""
    if entry is None:
        return None
    roles = tuple(replace(role, line=0) for role in entry.roles)
    return replace(entry, family_line=0, roles=roles, referred_titles=(), referred_links=())


def _index_before(after: HandbookIndex, old: dict[str, Entry], changed: set[str]) -> HandbookIndex:
    """The index with the changed documents as HEAD has them: in their places, the deleted ones last."""
    from jdlint.handbook import HandbookIndex

    entries = [old.get(path) if path in changed else entry for path, entry in after.entries.items()]
    entries += [entry for path, entry in old.items() if path not in after.entries]
    return HandbookIndex.build([entry for entry in entries if entry], after.profile, after.site)


def _pages_to_check_again(before: HandbookIndex, after: HandbookIndex, altered: set[str]) -> set[str]:
    """The pages whose cross-file findings the change of `altered` may change: those sharing a
    family folder with one, those sharing a title whose grades or pages changed, and those whose
    reporting lines' and ladders' titles and links lead to something else after than before."""
    meanings = _Meanings(before, after, altered)
    suspects = {
        e.path for index in (before, after) for p in altered if p in index.bundles for e in index.bundles[p].pages
    }
    suspects |= meanings.pages_sharing_changed_titles()
    names = {_last_segment(index.url_of_document(p)) for index in (before, after) for p in altered}
    names |= {p.rpartition("/")[2].split(".")[0] for p in altered}  # Hugo refs name a page by its file
    for entry in after.entries.values():
        links = [href for href in entry.referred_links if any(name in href for name in names)]
        if any(map(meanings.title_changed, entry.referred_titles)) or any(
            meanings.link_changed(href, entry.path) for href in links
        ):
            suspects.add(entry.path)
    return suspects - altered


def _last_segment(url: str) -> str:
    return url.rstrip("/").rpartition("/")[2]


class _Meanings:
    """Whether a title or a link leads to the same roles and families, with the same grades,
    before and after the change. Only what leads into an altered page can lead elsewhere now:
    the rest is the same entries in both indexes, so its meaning is never worked out."""

    def __init__(self, before: HandbookIndex, after: HandbookIndex, altered: set[str]) -> None:
        self.before, self.after, self.altered = before, after, altered
        self.titles: dict[str, bool] = {}

    def pages_sharing_changed_titles(self) -> set[str]:
        """The pages with a title (of a level or a family) that an altered page has or had, when
        the handbook's roles and families of that title differ before and after."""
        keys = {
            index.key(title)
            for index in (self.before, self.after)
            for path in self.altered
            if path in index.entries
            for title in (index.entries[path].family, *(role.title for role in index.entries[path].roles))
        }
        pages = set()
        for key in keys:
            was = [*self.before.roles.get(key, ()), *self.before.families.get(key, ())]
            now = [*self.after.roles.get(key, ()), *self.after.families.get(key, ())]
            if self._of(was) != self._of(now):
                pages |= {found.path for found in [*was, *now]}
        return pages

    def title_changed(self, name: str) -> bool:
        if name not in self.titles:
            was, now = self.before.resolve_title(name), self.after.resolve_title(name)
            touched = any(found.path in self.altered for found in [*was, *now])
            self.titles[name] = touched and self._of(was) != self._of(now)
        return self.titles[name]

    def link_changed(self, href: str, path: str) -> bool:
        was, now = self.before.resolve_link(href, path), self.after.resolve_link(href, path)
        if was != now:
            return True
        return was.kind == "document" and was.path in self.altered and self._page_changed(was.path)

    def _page_changed(self, path: str) -> bool:
        """Whether the page at `path` has other titles or grades after than before."""
        was, now = self.before.entries.get(path), self.after.entries.get(path)
        return (was and self._of([was])) != (now and self._of([now]))

    def _of(self, found: list[RoleEntry | Entry]) -> frozenset:
        return frozenset(_meaning(self.before, item) for item in found)


def _meaning(index: HandbookIndex, found: RoleEntry | Entry) -> tuple:
    """What a rule reads of a role or family it resolved a name to: its title and its grades."""
    from jdlint.handbook import RoleEntry

    if isinstance(found, RoleEntry):
        return index.key(found.title), found.grade, found.highest_grade
    return index.key(found.family), frozenset(_meaning(index, role) for role in found.roles)


def _new(document: _Document, before: HandbookIndex, after: HandbookIndex, config: Config) -> list[Diagnostic]:
    """The findings of the cross-file rules on `document` against `after` that it did not have
    against `before`, told apart by rule and place (a message may name the change: "did you mean")."""
    from jdlint.engine import Diagnostic, _rules_for, check_page, display_path
    from jdlint.rule import Context

    rules = [rule for rule in _rules_for(document, config) if rule.cross_file]
    if not rules:
        return []
    document.shown = display_path(document.path)  # reported under its own path
    document.read(config)
    page = document.page
    document.forget()
    if isinstance(page, Diagnostic):
        return []

    def found(index: HandbookIndex) -> list[Diagnostic]:
        context = Context(config.profile, index, document.relative)
        # A suppression of a rule not run here is not unused (JD003).
        return [d for d in check_page(page, context, config, rules) if d.code != "JD003"]

    now = found(after)
    if not now:  # none now, so none new: the index before need not be asked
        return []
    known = Counter(map(_place, found(before)))
    new = []
    for diagnostic in now:
        if known[_place(diagnostic)]:
            known[_place(diagnostic)] -= 1
        else:
            new.append(diagnostic)
    return new


def _place(diagnostic: Diagnostic) -> tuple:
    return diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column
