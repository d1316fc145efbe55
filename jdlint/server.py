"""`jdlint server`: a language server over standard input and output (pygls, the `lsp` extra).

It checks the open Markdown pages that the config includes, on open, on change (debounced) and on
save, judged against the whole handbook held in memory with the unsaved text of open buffers in
place of the disk. When a page's entry in the index changes (a title, a grade, a reports-to line
typed in a buffer, or a file changed on disk), every other open page of that handbook is checked
again, so a page that refers to the changed one gets its new findings. Diagnostics are published
for open pages only, as ruff's server does: a closed page's findings are `jdlint check`'s to show.

Each fix is a code action (safe ones preferred), `source.fixAll.jdlint` applies the safe ones,
hover over a finding shows its rule's page, and the config is read again when `.jdlint.toml` or
`pyproject.toml` changes. The server's own errors go to the client's log, never end the server.
"""

from __future__ import annotations

import asyncio
import traceback
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import ServerTextPosition, ServerTextRange

from jdlint import __version__
from jdlint import config as configuration
from jdlint.engine import Diagnostic
from jdlint.live import LiveHandbook
from jdlint.rule import Edit, Severity

# Seconds after a change before its page is checked: the changes that come together (a paste, an
# edit with several cursors, those that arrive while another page is being checked) are checked once.
DEBOUNCE = 0.01
# Seconds of quiet before the other open pages are checked again after a change to the index: the
# page being typed into comes first, and they are checked once a burst of typing pauses.
DEPENDENTS_DEBOUNCE = 0.25
FIX_ALL = "source.fixAll.jdlint"
UNUSED_SUPPRESSION = "JD003"  # shown faded, as editors show code that does nothing
CONFIG_FILES = frozenset(configuration.CONFIG_FILES)
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
WATCHED = ("**/*.md", "**/*.markdown", "**/*.md.erb", "**/.jdlint.toml", "**/pyproject.toml")


class JdlintServer(LanguageServer):
    def __init__(self) -> None:
        # Whole texts, not increments: pygls applies an increment to the lines of str.splitlines,
        # which also breaks at form feeds and U+2028 (control characters JD603 exists to find),
        # so an edit below one would land on the wrong line. A page is a few kilobytes.
        super().__init__("jdlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.handbooks: dict[Path, LiveHandbook] = {}  # by root
        self.loading: dict[Path, asyncio.Future] = {}  # by root: its documents being indexed, then done
        self.invalid_configs: set[Path] = set()  # folders whose config could not be read
        self.findings: dict[str, list[tuple[types.Diagnostic, Diagnostic]]] = {}  # uri -> as last published
        self.pending: dict[str, asyncio.Task] = {}  # uri -> its debounced check

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=f"jdlint: {message}"))

    def error(self, what: str, error: BaseException) -> None:
        detail = "".join(traceback.format_exception(error)).rstrip()
        self.log(f"{what} failed: {type(error).__name__}: {error}\n{detail}", types.MessageType.Error)

    # ------------------------------------------------------------------ handbooks

    async def handbook_of(self, path: Path) -> tuple[LiveHandbook, str] | None:
        """The handbook `path` belongs to (loaded the first time, off the event loop) and its path
        there; None when jdlint does not lint it, or its config is invalid (logged)."""
        known = self.loaded_handbook(path)
        if known is not None:
            await self.loading[known[0].config.root]  # a page opened while the index is read waits for it
            return known
        start = next((root for root in self.workspace_roots() if path.is_relative_to(root)), path.parent)
        if start in self.invalid_configs:  # said once; read again when a config changes
            return None
        try:
            config = configuration.load([start])
        except configuration.ConfigError as error:
            self.invalid_configs.add(start)
            self.log(str(error), types.MessageType.Error)
            return None
        if config.root in self.handbooks:  # the root holds the file, which its config excludes
            return None
        handbook = self.handbooks[config.root] = LiveHandbook(config)
        self.log(f"indexing the handbook at {config.root}")
        loading = self.loading[config.root] = asyncio.get_running_loop().run_in_executor(None, handbook.load)
        try:
            messages = await loading
        except Exception:  # tried again by the next page that asks
            self.handbooks.pop(config.root, None)
            self.loading.pop(config.root, None)
            raise
        for message in messages:
            self.log(message, types.MessageType.Warning)
        relative = handbook.relative(path)
        return (handbook, relative) if relative is not None else None

    def loaded_handbook(self, path: Path) -> tuple[LiveHandbook, str] | None:
        """The handbook already loaded that `path` belongs to, and its path there."""
        for handbook in self.handbooks.values():
            relative = handbook.relative(path)
            if relative is not None:
                return handbook, relative
        return None

    def workspace_roots(self) -> list[Path]:
        uris = [folder.uri for folder in self.workspace.folders.values()] or [self.workspace.root_uri or ""]
        return [path for path in map(_path, uris) if path is not None]

    def reload_config(self) -> None:
        """Forget every handbook: each is loaded again, with the config as it is now, when an open
        page asks for it."""
        self.handbooks.clear()
        self.loading.clear()
        self.invalid_configs.clear()
        self.log("config changed: reloading")
        for uri in list(self.findings):
            self.schedule(uri, delay=0)

    # ------------------------------------------------------------------ checking

    def schedule(self, uri: str, delay: float = DEBOUNCE) -> None:
        pending = self.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            del self.pending[uri]
            await self.check(uri)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # the server outlives any page
            self.error(f"checking {uri}", error)

    async def check(self, uri: str) -> None:
        """Check an open page and publish its diagnostics; when its entry in the index changed,
        check the other open pages of its handbook too."""
        document = self.workspace.get_text_document(uri)
        path = _path(uri)
        found = await self.handbook_of(path) if path is not None else None
        if found is None or uri not in self.findings:  # not linted here, or closed meanwhile
            self.publish(uri, document.version, [])
            return
        handbook, relative = found
        if len(document.source.encode("utf-8", "replace")) > handbook.config.max_file_size:
            self.log(f"{relative}: skipped: larger than max-file-size", types.MessageType.Warning)
            self.publish(uri, document.version, [])
            return
        diagnostics, changed = handbook.check(relative, document.source)
        positions = _Positions(document)
        self.publish(uri, document.version, [(_lsp_diagnostic(positions, d), d) for d in diagnostics])
        if changed:  # itself too: the index may hold its entry's new lines only then
            self.check_open_pages(handbook)

    def check_open_pages(self, handbook: LiveHandbook) -> None:
        for uri in self.findings:
            path = _path(uri)
            if path is not None and handbook.relative(path) is not None:
                self.schedule(uri, DEPENDENTS_DEBOUNCE)

    def publish(self, uri: str, version: int | None, found: list[tuple[types.Diagnostic, Diagnostic]]) -> None:
        if uri in self.findings:
            self.findings[uri] = found
        params = types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=[lsp for lsp, _ in found])
        self.text_document_publish_diagnostics(params)


server = JdlintServer()


def _guarded(handler):
    """A handler whose errors go to the client's log instead of ending the request or the server."""

    async def guarded(ls: JdlintServer, params):
        try:
            return await handler(ls, params)
        except Exception as error:
            ls.error(handler.__name__, error)
            return None

    guarded.__name__ = handler.__name__
    return guarded


@server.feature(types.INITIALIZED)
@_guarded
async def initialized(ls: JdlintServer, params: types.InitializedParams) -> None:
    """Ask the client to report changes to pages and configs on disk, when it can."""
    workspace = ls.client_capabilities.workspace
    watching = workspace and workspace.did_change_watched_files
    if not (watching and watching.dynamic_registration):
        ls.log("the client does not report changed files: pages changed on disk are read again when opened")
        return
    watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
    registration = types.Registration(
        id="jdlint-watched-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
    )
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
    except Exception as error:  # the client said it could, then refused: the server goes on without
        ls.log(f"the client refused to report changed files: {error}", types.MessageType.Warning)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@_guarded
async def did_open(ls: JdlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.findings[params.text_document.uri] = []
    await ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@_guarded
async def did_change(ls: JdlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@_guarded
async def did_save(ls: JdlintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@_guarded
async def did_close(ls: JdlintServer, params: types.DidCloseTextDocumentParams) -> None:
    """Clear the page's diagnostics; the index takes the page from the disk again."""
    uri = params.text_document.uri
    ls.findings.pop(uri, None)
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.publish(uri, None, [])
    path = _path(uri)
    found = ls.loaded_handbook(path) if path is not None else None
    if found is not None and found[0].read_from_disk(found[1]):
        ls.check_open_pages(found[0])


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@_guarded
async def did_change_watched_files(ls: JdlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A config changed: reload. A page changed on disk that is not open: its entry is read again,
    and the open pages of its handbook are checked again."""
    changed: dict[Path, LiveHandbook] = {}
    for event in params.changes:
        path = _path(event.uri)
        if path is None:
            continue
        if path.name in CONFIG_FILES:
            ls.reload_config()
            return
        if event.uri in ls.findings:  # the buffer, not the disk, is what the index knows of it
            continue
        for handbook in ls.handbooks.values():
            relative = handbook.relative(path)
            if relative is not None and handbook.read_from_disk(relative):
                changed[handbook.config.root] = handbook
    for handbook in changed.values():
        ls.check_open_pages(handbook)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
)
@_guarded
async def code_action(ls: JdlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Each fix of a finding in the range, and "fix all safe" when the page has a safe fix."""
    uri = params.text_document.uri
    found = ls.findings.get(uri, [])
    only = params.context.only
    document = ls.workspace.get_text_document(uri)
    actions = []
    if _asked(types.CodeActionKind.QuickFix, only):
        positions = _Positions(document)
        actions = [
            _fix_action(document.uri, positions, lsp, diagnostic)
            for lsp, diagnostic in found
            if diagnostic.fix is not None and _overlaps(lsp.range, params.range)
        ]
    if _asked(FIX_ALL, only) and _has_safe_fix(found):
        action = await _fix_all_action(ls, document)
        if action is not None:
            actions.append(action)
    return actions


@server.feature(types.TEXT_DOCUMENT_HOVER)
@_guarded
async def hover(ls: JdlintServer, params: types.HoverParams) -> types.Hover | None:
    """The pages of the rules of the findings under the cursor, the narrowest finding first."""
    here = types.Range(start=params.position, end=params.position)
    under = [(lsp, d) for lsp, d in ls.findings.get(params.text_document.uri, []) if _overlaps(lsp.range, here)]
    under.sort(key=lambda found: _extent(found[0].range))
    pages = []
    for _, diagnostic in under:
        rule = _rule_of(ls, params.text_document.uri, diagnostic.code)
        if rule is not None and rule.code not in {page[0] for page in pages}:
            fix = "fixable" if rule.fixable else "not fixable"
            pages.append((rule.code, f"**{rule.code} {rule.name}** ({rule.severity}; {fix})\n\n{rule.doc}"))
    if not pages:
        return None
    value = "\n\n---\n\n".join(page for _, page in pages)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value), range=under[0][0].range
    )


def _extent(span: types.Range) -> tuple[int, int]:
    return span.end.line - span.start.line, span.end.character - span.start.character


def _rule_of(ls: JdlintServer, uri: str, code: str):
    path = _path(uri)
    rules = next((h.config.rules for h in ls.handbooks.values() if path and h.relative(path)), None)
    return next((rule for rule in rules or configuration.built_in_rules() if rule.code == code), None)


def _fix_action(uri: str, positions: _Positions, lsp: types.Diagnostic, diagnostic: Diagnostic) -> types.CodeAction:
    fix = diagnostic.fix
    safe = fix.applicability == "safe"
    edits = [_text_edit(positions, edit) for edit in fix.edits]
    return types.CodeAction(
        title=f"{fix.message} ({diagnostic.code}, {'safe' if safe else 'unsafe'} fix)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp],
        is_preferred=safe,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


async def _fix_all_action(ls: JdlintServer, document) -> types.CodeAction | None:
    path = _path(document.uri)
    found = await ls.handbook_of(path) if path is not None else None
    if found is None:
        return None
    handbook, relative = found
    text = handbook.fixed(relative, document.source)
    if text == document.source:
        return None
    whole = types.Range(start=types.Position(line=0, character=0), end=_Positions(document).end())
    return types.CodeAction(
        title="Fix all safe jdlint findings",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={document.uri: [types.TextEdit(range=whole, new_text=text)]}),
    )


def _asked(kind: str, only: list[str] | None) -> bool:
    """Whether the client asks for actions of `kind`: kinds are hierarchical ("source" asks for
    "source.fixAll.jdlint"), and no `only` asks for every kind."""
    return not only or any(kind == wanted or kind.startswith(f"{wanted}.") for wanted in only)


def _has_safe_fix(found) -> bool:
    return any(d.fix is not None and d.fix.applicability == "safe" for _, d in found)


class _Positions:
    """jdlint's places (1-based lines, code-point columns, end exclusive) in the client's units,
    for one text of a document: its lines split once, where the protocol and jdlint split them
    (CR LF, CR, LF; not at the other breaks str.splitlines knows)."""

    def __init__(self, document) -> None:
        self.codec = document.position_codec
        self.lines = document.source.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def range(self, start: tuple[int, int], end: tuple[int, int]) -> types.Range:
        server_range = ServerTextRange(start=_server_position(start), end=_server_position(end))
        return self.codec.range_to_client_units(self.lines, server_range)

    def line_end(self, line: int) -> int:
        """The column just past the last character of `line`."""
        return len(self.lines[line - 1]) + 1 if 0 < line <= len(self.lines) else 1

    def end(self) -> types.Position:
        last = len(self.lines) - 1
        return self.codec.position_to_client_units(self.lines, ServerTextPosition(last, len(self.lines[last])))


def _server_position(place: tuple[int, int]) -> ServerTextPosition:
    return ServerTextPosition(line=max(place[0] - 1, 0), character=max(place[1] - 1, 0))


def _lsp_diagnostic(positions: _Positions, diagnostic: Diagnostic) -> types.Diagnostic:
    """A finding that marks a point (a level without a reports-to line, at its heading) covers the
    rest of its line: an editor underlines it and shows its hover anywhere there."""
    start = (diagnostic.line, diagnostic.column)
    end = (diagnostic.end_line, diagnostic.end_column)
    if end <= start:
        end = (diagnostic.line, max(positions.line_end(diagnostic.line), diagnostic.column + 1))
    return types.Diagnostic(
        range=positions.range(start, end),
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=_rule_page(diagnostic.code),
        source="jdlint",
        message=f"{diagnostic.message}\n{diagnostic.hint}" if diagnostic.hint else diagnostic.message,
        tags=[types.DiagnosticTag.Unnecessary] if diagnostic.code == UNUSED_SUPPRESSION else None,
    )


def _rule_page(code: str) -> types.CodeDescription | None:
    """The link to a built-in rule's documentation, as JSON and SARIF give it (none without a
    declared home page); a profile's own rules have none but their hover."""
    from jdlint.report.docs import rule_url

    url = rule_url(code)
    return types.CodeDescription(href=url) if url else None


def _text_edit(positions: _Positions, edit: Edit) -> types.TextEdit:
    return types.TextEdit(
        range=positions.range((edit.line, edit.column), (edit.end_line, edit.end_column)), new_text=edit.content
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _path(uri: str) -> Path | None:
    """The local path of a `file:` URI; None for any other (an untitled buffer, a remote file)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


def run() -> None:
    server.start_io()
