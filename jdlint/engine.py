"""Run the rules over documents: read, parse, model, check, suppress."""

from __future__ import annotations

import functools
import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import jdlint.rules  # noqa: F401  (registers the catalogue)
from jdlint import workers
from jdlint.cache import IndexCache, digest, entry_from_text
from jdlint.config import Config
from jdlint.discover import GitRun, hugo_site, real_path, start_listing_ignored, walk
from jdlint.rule import REGISTRY, Context, Edit, Finding, Fix, Rule, Severity, did_you_mean

if TYPE_CHECKING:  # imported when a page is read or the index built, which a run answered from the cache never does
    from jdlint.handbook import Entry, HandbookIndex
    from jdlint.model import Page

_BY_CODE = {rule.code: rule for rule in REGISTRY}
TIME_BUDGET = 10.0  # seconds of rules per page; past it the remaining rules are skipped (JD004)
MAX_FIX_ROUNDS = 10  # fixes that enable further fixes converge long before this
KEPT_PAGES_BYTES = 64_000_000  # of parsed pages kept between indexing and checking, by all processes together
# Of pages kept packed instead, when those parsed would not fit: the 20,000 pages of the bench's
# largest handbook pack to about 140 MB (at 64 MB, more than half of them were parsed twice).
PACKED_PAGES_BYTES = 160_000_000
PARSED_PAGE_SIZE = 15  # times its text: a parsed page in memory
PACKED_PAGE_SIZE = 0.9  # times its text: a page packed (see `_Document.pack`)


class Diagnostic(NamedTuple):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    hint: str = ""
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def to_json(self) -> dict:
        """Everything but the path, which is shown relative to where jdlint runs."""
        data = self._asdict()
        del data["path"]
        data["severity"] = int(self.severity)
        data["fix"] = self.fix.to_json() if self.fix else None
        return data

    @classmethod
    def from_json(cls, data: dict, path: str) -> Diagnostic:
        fix = data.get("fix")
        if fix is not None:
            fix = Fix(fix["message"], tuple(Edit(**edit) for edit in fix["edits"]), fix["applicability"])
        return cls(**{**data, "path": path, "severity": Severity(data["severity"]), "fix": fix})


class Report:
    """The outcome of a run: diagnostics, files that could not be read, and what was skipped."""

    def __init__(
        self, diagnostics: list[Diagnostic] | None = None, lines: dict | None = None, rules: tuple[Rule, ...] = ()
    ) -> None:
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.errors: list[str] = []  # unreadable files: exit 2
        self.skipped: list[str] = []  # binary or huge files, with the reason
        self.files = 0
        # The lines of flagged files that are not as on disk: standard input, fixed files.
        self.lines: dict[str, tuple[str, ...]] = lines if lines is not None else {}
        self.paths: list[str] = []  # every linted file, as displayed
        self.fixed: dict[str, Counter[tuple[str, str]]] = {}  # path -> (code, name) -> fixes applied
        self.diffs: dict[str, str] = {}  # path -> unified diff, with --diff
        self.fixed_texts: dict[str, str] = {}  # path -> its text after the fixes
        self.unsafe_fixes = False  # whether unsafe fixes count as fixable (--unsafe-fixes)
        self.elsewhere: list[str] = []  # pages not given, with findings the change caused
        self.rules = rules  # the profile's own rules, for formats that describe each rule (SARIF)
        self._read: tuple[str, tuple[str, ...]] = ("", ())

    def lines_of(self, path: str) -> tuple[str, ...]:
        """The source lines of a flagged file, to show and fingerprint its findings. Files whose
        text is on disk are read again when asked, one at a time (reporters go file by file): a
        run over a large handbook does not hold every page's text until the report is written."""
        if path in self.lines:
            return self.lines[path]
        if self._read[0] != path:
            try:
                self._read = (path, _lines_of(Path(path).read_bytes()))
            except OSError:
                self._read = (path, ())
        return self._read[1]


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class FixMode(NamedTuple):
    unsafe: bool = False  # apply unsafe fixes too
    write: bool = True  # False: only compute the diff (`--diff`)


def lint_paths(
    paths: list[Path],
    config: Config,
    use_cache: bool = True,
    fixes: FixMode | None = None,
    stdin: dict[Path, bytes] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Lint `paths`, judging them against every document under the handbook root.

    `stdin` gives the content of some paths instead of the disk (an editor's unsaved buffer);
    `progress(done, total)` is called as documents are read. A target whose content, handbook
    and rule settings are those of the last run is not parsed again: its findings come from the
    cache.
    """
    _start_git(paths, config, stdin)
    try:
        return _lint_paths(paths, config, use_cache, fixes, stdin, progress)
    finally:
        GitRun.forget_started()  # what git was asked and this run turned out not to need


def _lint_paths(
    paths: list[Path],
    config: Config,
    use_cache: bool,
    fixes: FixMode | None,
    stdin: dict[Path, bytes] | None,
    progress: Callable[[int, int], None] | None,
) -> Report:
    report = Report(rules=config.profile.user_rules)
    cache = IndexCache(config.root, config.profile) if use_cache and _is_project(config) else None
    documents = _read_documents(paths, config, report, stdin or {}, progress, cache)
    for document in documents:
        document.entry = cache.get(document.relative, document.digest, document.stamp) if cache else None
    pending = [d for d in documents if d.entry is None]
    checked: dict[int, bytes] = {}  # a pickled (diagnostics, lines, changed) of each target checked by the workers
    index = None
    if workers.worth_it(len(pending)) and not fixes:
        keeping = _PageKeeping(pending, workers.processes_for(len(pending)), shared=True)
        try:
            index, by_position = workers.index_and_check(
                pending,
                read=lambda document: _entry(document, config, keeping),
                build_index=lambda entries: _index(documents, pending, entries, cache, config),
                check=lambda document, index: (
                    _pickled(_diagnose(keeping.placed(document), index, config, forget=True))
                    if document.is_target
                    else None
                ),
                hand_over=keeping.block is not None,
            )
            checked = {id(pending[position]): result for position, result in by_position.items()}
        except (OSError, RuntimeError, EOFError):  # no processes to be had, or one failed: do it here
            index, checked = None, {}
    if index is None:  # built when a target is not in the cache: a warm run reads no page at all
        keeping = _PageKeeping(pending, 1)
        handbook = functools.cache(
            lambda: _index(documents, pending, [_entry(d, config, keeping) for d in pending], cache, config)
        )
    else:
        handbook = functools.cache(lambda: index)
    keys = (f"{d.relative}\0{d.digest}\0{d.is_target or config.is_job_page(d.relative)}" for d in documents)
    handbook_key = digest("\n".join(keys).encode())
    for document in (d for d in documents if d.is_target):
        report.files += 1
        report.paths.append(document.shown)
        diagnostics, lines = _check_document(
            document, handbook, handbook_key, config, cache, fixes, report, checked.get(id(document))
        )
        document.forget()
        report.diagnostics.extend(diagnostics)
        if diagnostics and (document.stdin is not None or document.shown in report.fixed_texts):
            report.lines[document.shown] = lines
    if not stdin and not all(d.is_target for d in documents):  # an editor's buffer speaks for itself only
        _report_breakage(documents, handbook, config, cache, report)
    if cache:
        cache.save()
    report.diagnostics.sort(key=lambda d: d.sort_key)
    return report


def _start_git(paths: list[Path], config: Config, stdin: dict[Path, bytes] | None) -> None:
    """Start what git will be asked, so that it works on another core while this run reads: the
    files it ignores, for the walk; its diff from HEAD, unless the targets are the whole handbook
    or an editor's buffer, for `_report_breakage`."""
    from jdlint import breakage

    if config.respect_gitignore:
        start_listing_ignored(config.root)
    if not stdin and not any(config.root.is_relative_to(real_path(path)) for path in paths):
        breakage.start_diff(config.root)


def _report_breakage(documents, handbook, config, cache, report) -> None:
    """Add the findings that the targets' changes since the last commit cause in other pages."""
    from jdlint.breakage import caused_findings

    caused = caused_findings(documents, handbook, config, cache)
    report.diagnostics.extend(caused)
    report.elsewhere = sorted({d.path for d in caused})
    report.files += len(report.elsewhere)


class _Document:
    """A document of the handbook. Its bytes are read to take its digest (unless the cache knows
    the file by its size and modification time) and again when it is parsed, so a large
    handbook's text is never all held at once; text from standard input is kept."""

    __slots__ = ("path", "shown", "relative", "digest", "size", "is_target", "stdin", "stamp")
    __slots__ += ("entry", "data", "page", "lines", "changed", "packed")

    def __init__(
        self,
        path: str,
        shown: str,
        relative: str,
        digest: str,
        size: int,  # of the bytes read for the digest
        is_target: bool,
        stdin: bytes | None = None,  # the text given on standard input instead of the file's
        stamp: tuple[int, int] | None = None,  # (size, modification time in ns) when its digest was taken
    ) -> None:
        self.path, self.shown, self.relative, self.digest, self.size = path, shown, relative, digest, size
        self.is_target, self.stdin, self.stamp = is_target, stdin, stamp
        self.entry: Entry | str | None = None  # a str: the JSON text the cache keeps it in
        self.data = b""  # the bytes parsed, held with the page
        self.page: Page | Diagnostic | None = None  # once parsed
        self.lines: tuple[str, ...] = ()
        self.changed = False  # on disk since its digest was taken: linted as parsed, nothing cached
        self.packed: bytes | memoryview = b""  # the page and its bytes, pickled, compressed: see `pack`

    def read(self, config: Config) -> None:
        if self.packed:
            self._unpack()
        elif self.page is None:
            self.data = self.stdin if self.stdin is not None else self._read_again(config)
            self.page, self.lines = read_page(self.data, self.shown, config)

    def pack(self) -> None:
        """Keep the parsed page as compressed bytes until it is checked, less than the size of its
        text where the page takes fifteen times that: to be unpacked costs a fifth of being parsed
        again. The page's `Source` (its text again, and again as lines) is left out, to be decoded
        again from the bytes packed with it, whose text the page's blocks repeat: the two compress
        together. A page that cannot be pickled is forgotten, to be parsed again."""
        import pickle

        parsed = getattr(self.page, "parsed", None)  # a JD000 diagnostic in place of a page has none
        if parsed is not None:
            parsed.source = None  # the page is forgotten below: it need not be put back
        try:
            packed = _pickled((self.data, self.page))
        except (pickle.PicklingError, TypeError, AttributeError):
            packed = b""
        self.forget()
        self.packed = packed

    def _unpack(self) -> None:
        """The page as packed, with its `Source` decoded again from its bytes."""
        from jdlint.source import decode

        self.data, self.page = _unpickled(self.packed)
        self.packed = b""
        source = decode(self.data)
        if hasattr(self.page, "parsed"):
            self.page.parsed.source = source
        self.lines = source.lines

    def _read_again(self, config: Config) -> bytes:
        try:
            data, _ = _read(self.path, os.stat(self.path), config.max_file_size)
        except OSError:
            data = b""
        self.changed = self.changed or digest(data) != self.digest
        return data

    def index_entry(self, config: Config, cache: IndexCache | None) -> Entry | None:
        """The document's index entry, decoded when the cache gave it as text (see `IndexCache.get`);
        one that does not read as an entry is made again from the page."""
        if isinstance(self.entry, str):
            try:
                self.entry = entry_from_text(self.entry)
            except ValueError:
                self.entry, changed = _entry(self, config)
                self.changed = self.changed or changed
                if cache and self.entry is not None and not self.changed:
                    cache.put(self.relative, self.digest, self.entry, self.stamp)
        return self.entry

    def forget(self) -> None:
        """Drop the parsed page (it takes about fifteen times the size of the text) and the bytes."""
        self.page, self.lines, self.data, self.packed = None, (), b"", b""

    @property
    def kept_lines(self) -> tuple[str, ...]:
        """The lines the report keeps: only those of a text that is not on disk (standard input)."""
        return () if self.stdin is None else self.lines


def _read_documents(paths, config, report, stdin, progress, cache=None) -> list[_Document]:
    """Every readable document under the root and the targets, with its digest: taken from the
    cache when the file's size and modification time are those the cache knows, else read.
    Unreadable, binary and huge targets are reported; such documents elsewhere are left out."""
    resolved_targets = {path: real_path(path) for path in paths}
    targets = {str(resolved) for resolved in resolved_targets.values()}
    stdin = {str(real_path(path)): data for path, data in stdin.items()}
    candidates = _handbook_documents(config, resolved_targets)
    root = os.path.join(config.root, "")  # with its separator, to take from the front of a path
    documents = []
    for done, (path, resolved) in enumerate(candidates.items(), start=1):
        if progress:
            progress(done, len(candidates))
        is_target = resolved in targets
        shown = display_path(path) if is_target else path  # others are never shown
        relative = _relative(resolved, path, root)
        if resolved in stdin:
            data = stdin[resolved]
            documents.append(_Document(path, shown, relative, digest(data), len(data), is_target, data))
            continue
        try:
            status = os.stat(path)
            stamp = (status.st_size, status.st_mtime_ns)
            known = cache.known_digest(relative, stamp) if cache else None
            if known:
                documents.append(_Document(path, shown, relative, known, status.st_size, is_target, stamp=stamp))
                continue
            data, reason = _read(path, status, config.max_file_size)
        except OSError as error:
            if is_target:
                report.errors.append(f"{shown}: cannot read: {error.strerror or error}")
            continue
        reason = reason or _skip_reason(data, config.max_file_size)
        if reason:
            if is_target:
                report.skipped.append(f"{shown}: skipped: {reason}")
            continue
        documents.append(_Document(path, shown, relative, digest(data), len(data), is_target, stamp=stamp))
    return documents


def _entry(document: _Document, config: Config, keeping: _PageKeeping | None = None) -> tuple[Entry | None, bool]:
    """The document's index entry, and whether it changed on disk since its digest was taken. A
    target's parsed page is kept to be checked as `keeping` decides; without it, packed."""
    document.read(config)
    from jdlint.handbook import entry_for

    page = document.page
    entry = None if isinstance(page, Diagnostic) else entry_for(page, document.relative, config.profile)
    if not document.is_target:
        document.forget()
    elif keeping:
        keeping.keep(document)
    else:
        document.pack()
    return entry, document.changed


class _PageKeeping:
    """What a process does with the targets' pages it parsed for the index until they are checked
    (each worker keeps the pages of its own share): keeps them as they are when all of them fit its
    share of KEPT_PAGES_BYTES; else packs them, about nine tenths of their text, while they fit its
    share of PACKED_PAGES_BYTES; and drops the rest, to be parsed again when checked. So memory
    stays bounded however large the handbook, and a page is parsed twice only past the budget.

    With `shared`, packed pages go to one block of memory that forked processes share rather than
    copy (an anonymous mmap), each process writing in its own part and noting where in a table
    shared likewise: the workers that read hand them over so to the workers that check them (see
    `workers.index_and_check`), whatever process forked when."""

    def __init__(self, pending: list[_Document], processes: int, shared: bool = False) -> None:
        share = sum(d.size for d in pending if d.is_target) / processes
        self.as_parsed = share * PARSED_PAGE_SIZE <= KEPT_PAGES_BYTES // processes
        self.part = PACKED_PAGES_BYTES // processes  # bytes of each process, for pages packed
        self.room = self.part  # of them, still free in this process
        self.block = None
        if shared and self.part and not self.as_parsed:
            self.block = _shared_block(PACKED_PAGES_BYTES)
            self.places = _shared_block(16 * len(pending)).cast("q")  # each document's start and size in it
            self.positions = {id(document): position for position, document in enumerate(pending)}
            self.taken_to = self.freed_to = -1  # where the run of pages taken out ends; up to where it is freed

    def keep(self, document: _Document) -> None:
        if self.as_parsed:
            return
        if document.size * PACKED_PAGE_SIZE <= self.room:
            document.pack()
        size = len(document.packed)
        if not size or size > self.room:
            document.forget()  # parsed again when checked
            return
        start = workers.worker_number * self.part + self.part - self.room
        self.room -= size
        if self.block is not None:
            self.block[start : start + size] = document.packed
            position = self.positions[id(document)]
            self.places[2 * position], self.places[2 * position + 1] = start, size
            document.forget()  # in the block now, for the process that checks it

    def placed(self, document: _Document) -> _Document:
        """The document, with its page as packed in the shared block by the process that read it,
        taken out of the block (see `_give_back`)."""
        if self.block is not None:
            position = self.positions[id(document)]
            start, size = self.places[2 * position], self.places[2 * position + 1]
            if size:
                document.packed = bytes(self.block[start : start + size])
                self._give_back(start, start + size)
        return document

    def _give_back(self, start: int, end: int) -> None:
        """Free the block's memory pages that lie wholly within the run of pages this process has
        taken out one after another, `start` to `end` the last: no other process reads them (a
        checker takes the pages of its share in the order its reader put them there), so the
        block empties as checking goes on instead of staying full to the end."""
        import contextlib
        import mmap

        if start != self.taken_to:  # not right after the last one taken: a run starts here
            self.freed_to = -(-start // mmap.PAGESIZE) * mmap.PAGESIZE
        self.taken_to = end
        whole = end // mmap.PAGESIZE * mmap.PAGESIZE
        if whole > self.freed_to and hasattr(mmap, "MADV_REMOVE"):  # Linux
            with contextlib.suppress(OSError):  # memory that cannot be given back is only kept
                self.block.obj.madvise(mmap.MADV_REMOVE, self.freed_to, whole - self.freed_to)
            self.freed_to = whole


def _shared_block(size: int) -> memoryview:
    import mmap

    return memoryview(mmap.mmap(-1, size))


def _index(documents, pending, entries, cache, config) -> HandbookIndex:
    """The index of every document, once the pending ones have their (new) entries."""
    for document, (entry, changed) in zip(pending, entries, strict=True):
        document.entry = entry
        document.changed = document.changed or changed
        if cache and entry is not None and not document.changed:
            cache.put(document.relative, document.digest, entry, document.stamp)
    from jdlint.handbook import HandbookIndex

    known = [d for d in documents if d.index_entry(config, cache)]
    entries = [d.entry if _is_indexed_whole(d, config) else d.entry.as_link_target() for d in known]
    return HandbookIndex.build(entries, config.profile, hugo_site(config.root))


def _is_indexed_whole(document: _Document, config: Config) -> bool:
    """A job page, or a page being linted, is indexed with its titles; other Markdown of the
    handbook (READMEs, other handbook pages) only as a link target."""
    return document.is_target or config.is_job_page(document.relative, document.entry.layout)


def _rules_for(document: _Document, config: Config) -> list[Rule]:
    return [rule for rule in config.enabled_rules(config.ignores_for(document.relative)) if not rule.by_engine]


def _diagnose(document: _Document, index: HandbookIndex, config: Config, forget: bool = False):
    """Parse (if not yet) and check one target: its diagnostics, the lines the report keeps and
    whether it changed on disk since its digest was taken."""
    document.read(config)
    if isinstance(document.page, Diagnostic):
        diagnostics = [document.page]
    else:
        context = Context(config.profile, index, document.relative)
        diagnostics = check_page(document.page, context, config, _rules_for(document, config))
    lines = document.kept_lines
    if forget:
        document.forget()
    return diagnostics, lines, document.changed


def _pickled(result) -> bytes:
    """`result` pickled and compressed (fast, zlib's level 1), as a packed page is kept and a checked
    page's (diagnostics, lines, changed) held until the report is made: a quarter of the memory
    they take as objects, where a large handbook's every page is held at once (10,000 documents:
    about 20 MB of findings as objects)."""
    import pickle
    import zlib

    return zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpickled(result: bytes):
    import pickle
    import zlib

    return pickle.loads(zlib.decompress(result))


def _check_document(document, handbook, handbook_key, config, cache, fixes, report, diagnosed=None):
    """The diagnostics and lines of one target: from the cache, from a worker (`diagnosed`, as
    `_pickled`), or parsed and checked here against `handbook()`, the index; then fixed, when asked."""
    rules = _rules_for(document, config)
    settings = ",".join(f"{rule.code}:{config.severity_of(rule)}" for rule in rules)
    key = digest(f"{handbook_key}|{document.digest}|{settings}".encode())
    stored = cache.results(document.relative, key) if cache else None
    if stored is not None:
        diagnostics = [Diagnostic.from_json(d, document.shown) for d in stored]
        # With --fix or --diff, a page with nothing to fix is done; one with fixes is read to fix it,
        # starting from the findings stored, unless it changed on disk since its digest was taken.
        if not (fixes and any(_fixable(d, fixes) for d in diagnostics)):
            return diagnostics, _lines_of(document.stdin) if diagnostics and document.stdin is not None else ()
        document.read(config)
        lines = document.kept_lines
    if stored is None or document.changed:
        diagnostics, lines, changed = _unpickled(diagnosed) if diagnosed else _diagnose(document, handbook(), config)
        document.changed = document.changed or changed
        cached = document.entry is not None and not document.changed
        if cache and cached and all(d.code != "JD004" for d in diagnostics):  # not cut short
            cache.put_results(document.relative, key, [d.to_json() for d in diagnostics])
    if fixes and any(_fixable(d, fixes) for d in diagnostics) and not isinstance(document.page, Diagnostic):
        context = Context(config.profile, handbook(), document.relative)
        return _fix(document.path, document.page, document.data, diagnostics, context, config, rules, fixes, report)
    return diagnostics, lines


def read_handbook(paths: list[Path], config: Config, use_cache: bool, report: Report):
    """The handbook index, and each target's page (or the JD000 that says why there is none) with
    its path relative to the root, in path order, one at a time: for tools that draw the handbook
    rather than lint it."""
    cache = IndexCache(config.root, config.profile) if use_cache and _is_project(config) else None
    documents = _read_documents(paths, config, report, {}, None, cache)
    for document in documents:
        document.entry = cache.get(document.relative, document.digest, document.stamp) if cache else None
    pending = [d for d in documents if d.entry is None]
    keeping = _PageKeeping(pending, 1)
    index = _index(documents, pending, [_entry(d, config, keeping) for d in pending], cache, config)
    if cache:
        cache.save()
    targets = sorted((d for d in documents if d.is_target), key=lambda d: Path(d.path))
    return index, _pages(targets, config)


def _pages(documents: list[_Document], config: Config):
    for document in documents:
        document.read(config)
        yield document.relative, document.page
        document.forget()


def _lines_of(data: bytes) -> tuple[str, ...]:
    from jdlint.source import decode  # not on a run that shows no line

    return decode(data).lines


def _fixable(diagnostic: Diagnostic, fixes: FixMode) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability == "safe" or fixes.unsafe)


def fix_in_rounds(page, diagnostics, check, fixes: FixMode, shown: str, config: Config):
    """Apply the fixes `fixes` allows in rounds until none is left (a fix may enable another):
    the fixed page, its diagnostics, and (code, name) -> fixes applied. `check(page)` gives a
    page's diagnostics."""
    from jdlint.fix import apply_fixes
    from jdlint.source import encode

    current, applied = page, Counter()
    for _ in range(MAX_FIX_ROUNDS):
        rule_of = {id(d.fix): (d.code, d.name) for d in diagnostics if _fixable(d, fixes)}
        if not rule_of:
            break
        text, done = apply_fixes(current.source, [d.fix for d in diagnostics if id(d.fix) in rule_of])
        applied.update(rule_of[id(fix)] for fix in done)
        fixed, _ = read_page(encode(text, current.source), shown, config)
        if isinstance(fixed, Diagnostic):
            break
        current = fixed
        diagnostics = check(current)
    return current, diagnostics, applied


def _fix(path, page, data, diagnostics, context, config, rules, fixes, report):
    """Apply fixes in rounds until none is left; write the result or record its diff.

    Returns the diagnostics and lines of the fixed text (what remains to be done by hand).
    """
    from jdlint.fix import ChangedOnDisk, unified_diff, write_atomically

    shown = display_path(path)
    if page.source.decode_errors:
        report.skipped.append(f"{shown}: not fixed: it has bytes that do not decode (JD001)")
        return diagnostics, page.source.lines
    current, diagnostics, applied = fix_in_rounds(
        page, diagnostics, lambda fixed: check_page(fixed, context, config, rules), fixes, shown, config
    )
    if current is page:
        return diagnostics, page.source.lines
    report.fixed_texts[shown] = current.source.text
    if fixes.write:
        try:
            write_atomically(Path(path), data, current.source.text, page.source)
        except ChangedOnDisk:
            report.errors.append(f"{shown}: changed by another process while being fixed; not written")
            return check_page(page, context, config, rules), page.source.lines
    else:
        report.diffs[shown] = unified_diff(shown, page.source.text, current.source.text)
    report.fixed[shown] = applied
    return diagnostics, current.source.lines


def _is_project(config: Config) -> bool:
    """A root that is a project (config file or git checkout) keeps a cache; any other folder is
    only read: jdlint never leaves files in a directory it was merely pointed at."""
    return config.path is not None or (config.root / ".git").exists()


def _handbook_documents(config: Config, targets: dict[Path, Path]) -> dict[str, str]:
    """Every document under the root, then the `targets` (path -> real path) that lie outside it;
    each with its real path, as strings (see `discover.walk`)."""
    if not config.root.is_dir():
        documents = {}
    else:
        documents = walk(config.root, config.root, config.exclude, gitignore=config.respect_gitignore)
    known = set(documents.values())
    for target, resolved in targets.items():
        if str(resolved) not in known:
            documents.setdefault(str(target), str(resolved))
    return documents


def _relative(resolved: str, path: str, root: str) -> str:
    """The path relative to `root` (which ends with a separator), POSIX; as given outside it."""
    relative = resolved[len(root) :] if resolved.startswith(root) else path
    return relative.replace(os.sep, "/") if os.sep != "/" else relative


def _read(path: str, status: os.stat_result, limit: int) -> tuple[bytes, str]:
    """The bytes of a regular file, or none and why it is skipped: a FIFO or a device named like a
    document would block or never end. Past `limit`, one byte more than the limit is enough."""
    if not stat.S_ISREG(status.st_mode):
        return b"", "not a regular file"
    with Path(path).open("rb") as handle:
        return handle.read(limit + 1), ""


def _skip_reason(data: bytes, limit: int) -> str:
    if len(data) > limit:
        return f"larger than max-file-size ({limit} bytes)"
    if b"\0" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary file (NUL byte)"
    return ""


def read_page(data: bytes, path: str, config: Config) -> tuple[Page | Diagnostic, tuple[str, ...]]:
    """The page's model, or the JD000 diagnostic that says why it could not be built."""
    from jdlint.model import build  # with the parser: a run that reads no page never imports them
    from jdlint.parse import parse
    from jdlint.source import decode

    source = decode(data)
    try:
        return build(path, parse(source), config.profile), source.lines
    except Exception as error:  # a bug in jdlint must not stop the run
        return _internal_error(path, "reading the page", error, config), source.lines


def check_page(page: Page, context: Context, config: Config, rules: list[Rule]) -> list[Diagnostic]:
    """All diagnostics of one page, suppressions applied. Rules past the time budget are skipped:
    a page no rule can get through in time gets one clear finding (JD004), not a hang. A page that
    is no job description is not judged at all when the profile says so (`lint-other-pages`)."""
    if not (page.family.is_job_family or context.profile.lint_other_pages):
        return []
    diagnostics: list[Diagnostic] = []
    deadline = time.monotonic() + TIME_BUDGET
    for position, rule in enumerate(rules):
        if time.monotonic() > deadline:
            skipped = ", ".join(r.code for r in rules[position:])
            message = f"checking this file took longer than {TIME_BUDGET:g} s; rules not run: {skipped}"
            diagnostics.append(_diagnostic(page.path, _BY_CODE["JD004"], Finding(1, message), config))
            break
        try:
            diagnostics.extend(_diagnostic(page.path, rule, f, config) for f in rule.check(page, context))
        except Exception as error:
            diagnostics.append(_internal_error(page.path, f"rule {rule.code} ({rule.name})", error, config))
    return sorted(_apply_suppressions(diagnostics, page, page.path, config), key=lambda d: d.sort_key)


def lint_text(
    data: bytes, path: str, config: Config, rules: list[Rule], index: HandbookIndex | None = None
) -> tuple[list[Diagnostic], tuple[str, ...]]:
    """Diagnostics of one document given as bytes, against `index` (by default: itself alone)."""
    page, lines = read_page(data, path, config)
    if isinstance(page, Diagnostic):
        return [page], lines
    if index is None:
        from jdlint.handbook import HandbookIndex, entry_for

        index = HandbookIndex.build([entry_for(page, path, config.profile)], config.profile)
    return check_page(page, Context(config.profile, index, path), config, rules), lines


def _diagnostic(path: str, rule: Rule, finding: Finding, config: Config) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=finding.line,
        column=finding.column,
        end_line=finding.end_line or finding.line,
        end_column=finding.end_column or finding.column,
        code=rule.code,
        name=rule.name,
        severity=config.severity_of(rule),
        message=finding.message,
        hint=finding.hint,
        fix=finding.fix,
    )


def missing_path(path: str, config: Config) -> Diagnostic:
    """JD005 for a path given to lint that does not exist."""
    return _diagnostic(path, _BY_CODE["JD005"], Finding(1, "no such file or directory"), config)


def _internal_error(path: str, where: str, error: Exception, config: Config) -> Diagnostic:
    message = f"internal error in {where}: {type(error).__name__}: {error}"
    return _diagnostic(path, _BY_CODE["JD000"], Finding(1, message), config)


def _apply_suppressions(diagnostics: list[Diagnostic], page: Page, path: str, config: Config) -> list[Diagnostic]:
    from jdlint.suppress import read_suppressions

    comments = page.parsed.html_comments
    headings = tuple((heading.line, heading.level) for heading in page.parsed.headings)
    suppressions = read_suppressions(comments, len(page.source.lines), headings)
    kept = []
    for diagnostic in diagnostics:
        covering = [s for s in suppressions if s.covers(diagnostic.code, diagnostic.name, diagnostic.line)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(diagnostic)
    unused = _BY_CODE["JD003"]
    if comments and unused in config.enabled_rules():
        findings = _suppression_findings(suppressions, comments, page.source, config)
        kept.extend(_diagnostic(path, unused, finding, config) for finding in findings)
    return kept


def _suppression_findings(suppressions, comments, source, config: Config) -> Iterator[Finding]:
    """JD003: suppressions that suppress nothing, codes that name no rule, and comments that
    come close to a directive without being one (with the directive meant as an unsafe fix: it
    changes what is suppressed)."""
    from jdlint.suppress import DIRECTIVES, misspelt_directives

    for suppression in suppressions:
        unknown = suppression.unknown_codes(config.rules)
        for code in unknown:
            message = f'suppression names "{code}", which is no rule'
            yield Finding(suppression.line, message, hint="`jdlint rules` lists them")
        if not suppression.used and len(unknown) < len(suppression.codes or [None]):
            codes = " ".join(c for c in suppression.codes if c not in unknown) or "every rule"
            yield Finding(suppression.line, f"suppression of {codes} suppresses nothing", hint="delete the comment")
    for line, written, meant in misspelt_directives(comments):
        message = f'"{written}" is not a jdlint directive'
        if meant:
            message, hint = f'{message}; did you mean "{meant}"?', f'write "{meant}"'
            yield did_you_mean(line, source.line(line), written, meant, message, hint)
        else:
            yield Finding(line, message, hint=f"write one of {', '.join(DIRECTIVES)}")
