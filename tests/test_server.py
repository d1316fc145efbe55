"""`jdlint server` end to end: a real LSP client (pytest-lsp) drives the server over stdio."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from test_live import level_page  # noqa: E402  (pytest puts this folder on the path)

from jdlint.report.docs import rule_url  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PATIENCE = 60.0  # seconds before a test that waits for the server gives up: a guard, not a measure


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A handbook root (it holds the config) with the seeds and two pages that refer to each other."""
    (tmp_path / ".jdlint.toml").write_text("")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "pricing.md").write_text(level_page("Pricing", "Pricing Analyst", "Manager, Pricing"))
    (tmp_path / "manager.md").write_text(level_page("Pricing Management", "Manager, Pricing", "Director, Finance"))
    return tmp_path


# The installed command, not `python -m jdlint`: run from the checkout, that would import the source
# folder, which lacks the rules (they are installed as jdlint.rules from rules/).
JDLINT = shutil.which("jdlint", path=str(Path(sys.executable).parent)) or "jdlint"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[JDLINT, "server"]))
async def client(lsp_client: LanguageClient, handbook: Path):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params):  # the server asks to be told of changed files; this client tells it by hand
        return None

    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=handbook.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


def open_page(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    text = path.read_text() if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    return uri


def replace_text(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client: LanguageClient, uri: str, until=lambda found: True):
    """The diagnostics the server published last for `uri`, once they satisfy `until`."""

    async def published():
        while True:
            found = client.diagnostics.get(uri)
            if found is not None and until(found):
                return found
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(published(), PATIENCE)


def codes(found) -> list[str]:
    return [d.code for d in found]


def seed(handbook: Path, number: str) -> Path:
    (path,) = (handbook / "seeds").glob(f"{number}_*.md")
    return path


async def test_opened_seed_gets_its_findings_at_their_ranges(client: LanguageClient, handbook: Path):
    uri = open_page(client, seed(handbook, "002"))
    found = await diagnostics(client, uri, until=lambda found: "JD201" in codes(found))
    (placeholder,) = [d for d in found if d.code == "JD201"]
    # jdlint's 15:54-15:69, 1-based columns with an exclusive end, is LSP's 14:53-14:68
    assert placeholder.range == types.Range(start=types.Position(14, 53), end=types.Position(14, 68))
    assert placeholder.severity == types.DiagnosticSeverity.Error
    assert placeholder.source == "jdlint"
    assert (placeholder.code_description and placeholder.code_description.href) == rule_url("JD201")
    assert 'placeholder "Director, Title"' in placeholder.message


async def test_a_point_finding_covers_the_rest_of_its_line(client: LanguageClient, handbook: Path):
    path = seed(handbook, "002")
    uri = open_page(client, path)
    found = await diagnostics(client, uri, until=lambda found: "JD402" in codes(found))
    (ladder,) = [d for d in found if d.code == "JD402"]
    line = path.read_text().splitlines()[ladder.range.start.line]
    assert (ladder.range.start.character, ladder.range.end.character) == (0, len(line))


async def test_a_suppression_that_suppresses_nothing_is_marked_unnecessary(client: LanguageClient, handbook: Path):
    page = level_page("Pricing", "Pricing Analyst", "Manager, Pricing").replace(
        "- Price the plans", "<!-- jdlint-disable-next-line JD201 -->\n- Price the plans"
    )
    uri = open_page(client, handbook / "pricing.md", page)
    found = await diagnostics(client, uri, until=lambda found: "JD003" in codes(found))
    (unused,) = [d for d in found if d.code == "JD003"]
    assert list(unused.tags) == [types.DiagnosticTag.Unnecessary]
    assert unused.severity == types.DiagnosticSeverity.Information


async def test_a_form_feed_moves_no_finding_to_another_line(client: LanguageClient, handbook: Path):
    """Lines break where the protocol breaks them (CR LF, CR, LF), not at a form feed or U+2028."""
    path = seed(handbook, "002")
    lines = path.read_text().split("\n")
    lines[4] += "\x0c and\u2028more"
    uri = open_page(client, path, "\n".join(lines))
    found = await diagnostics(client, uri, until=lambda found: "JD402" in codes(found))
    (ladder,) = [d for d in found if d.code == "JD402"]
    assert ladder.range.start.line == 57
    assert ladder.range.end.character == len(lines[57])


async def code_actions(client: LanguageClient, uri: str, diagnostic: types.Diagnostic, only=None):
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
    )
    return await client.text_document_code_action_async(params)


async def test_code_action_fixes_the_finding(client: LanguageClient, handbook: Path):
    path = seed(handbook, "004")
    uri = open_page(client, path)
    found = await diagnostics(client, uri, until=lambda found: "JD601" in codes(found))
    (mojibake,) = [d for d in found if d.code == "JD601"]
    actions = await code_actions(client, uri, mojibake)
    (fix,) = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.diagnostics[0].code == "JD601"]
    assert fix.is_preferred and "safe fix" in fix.title
    text = apply(path.read_text(), fix.edit.changes[uri])
    replace_text(client, uri, 2, text)
    after = await diagnostics(client, uri, until=lambda found: "JD601" not in codes(found))
    assert "JD702" in codes(after)  # the rest is still reported


async def test_an_unsafe_fix_says_so_and_is_not_preferred(client: LanguageClient, handbook: Path):
    uri = open_page(client, seed(handbook, "004"))
    found = await diagnostics(client, uri, until=lambda found: "JD106" in codes(found))
    (lost_bullet,) = [d for d in found if d.code == "JD106"]
    (fix,) = await code_actions(client, uri, lost_bullet, only=[types.CodeActionKind.QuickFix])
    assert "unsafe fix" in fix.title and not fix.is_preferred


async def test_fix_all_applies_every_safe_fix(client: LanguageClient, handbook: Path):
    path = seed(handbook, "002")
    uri = open_page(client, path)
    await diagnostics(client, uri, until=lambda found: "JD106" in codes(found))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.jdlint"
    replace_text(client, uri, 2, apply(path.read_text(), fix_all.edit.changes[uri]))
    after = await diagnostics(client, uri, until=lambda found: "JD106" not in codes(found))
    assert "JD201" in codes(after)


async def test_changing_a_manager_title_in_a_buffer_updates_the_page_that_reports_to_it(
    client: LanguageClient, handbook: Path
):
    pricing = open_page(client, handbook / "pricing.md")
    assert "JD502" not in codes(await diagnostics(client, pricing))
    manager_path = handbook / "manager.md"
    manager = open_page(client, manager_path)
    await diagnostics(client, manager)
    renamed = manager_path.read_text().replace("Manager, Pricing", "Manager, Pricing Strategy")
    replace_text(client, manager, 2, renamed)
    found = await diagnostics(client, pricing, until=lambda found: "JD502" in codes(found))
    (unknown,) = [d for d in found if d.code == "JD502"]
    assert '"Manager, Pricing"' in unknown.message
    assert not (handbook / "manager.md").read_text().count("Strategy")  # the disk is left alone


async def test_closing_an_unsaved_buffer_gives_the_index_the_page_on_disk_again(client: LanguageClient, handbook: Path):
    pricing = open_page(client, handbook / "pricing.md")
    manager_path = handbook / "manager.md"
    manager = open_page(client, manager_path, manager_path.read_text().replace("Manager, Pricing", "Head of Pricing"))
    await diagnostics(client, pricing, until=lambda found: "JD502" in codes(found))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=manager))
    )
    await diagnostics(client, pricing, until=lambda found: "JD502" not in codes(found))


async def test_a_page_opened_while_the_handbook_is_indexed_is_checked_against_all_of_it(
    client: LanguageClient, handbook: Path
):
    first = open_page(client, seed(handbook, "002"))
    pricing = open_page(client, handbook / "pricing.md")  # reports to a title of manager.md
    await diagnostics(client, first)
    found = await diagnostics(client, pricing)
    assert "JD502" not in codes(found)


async def test_a_page_changed_on_disk_updates_the_open_pages(client: LanguageClient, handbook: Path):
    pricing = open_page(client, handbook / "pricing.md")
    assert "JD502" not in codes(await diagnostics(client, pricing))
    manager = handbook / "manager.md"
    manager.write_text(manager.read_text().replace("Manager, Pricing", "Head of Pricing"))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=manager.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await diagnostics(client, pricing, until=lambda found: "JD502" in codes(found))


async def test_config_change_is_read_again(client: LanguageClient, handbook: Path):
    uri = open_page(client, seed(handbook, "002"))
    await diagnostics(client, uri, until=lambda found: "JD201" in codes(found))
    (handbook / ".jdlint.toml").write_text('ignore = ["JD201"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=(handbook / ".jdlint.toml").as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await diagnostics(client, uri, until=lambda found: found and "JD201" not in codes(found))


async def test_an_invalid_config_is_logged_and_the_server_goes_on(client: LanguageClient, handbook: Path):
    (handbook / ".jdlint.toml").write_text("select = [\n")
    uri = open_page(client, seed(handbook, "002"))
    assert not await diagnostics(client, uri)
    published = client.protocol.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    replace_text(client, uri, 2, seed(handbook, "002").read_text() + "\n")
    await asyncio.wait_for(asyncio.wrap_future(published), PATIENCE)
    assert sum("not valid TOML" in m.message for m in client.log_messages) == 1  # said once, not at each change
    (handbook / ".jdlint.toml").write_text("")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=(handbook / ".jdlint.toml").as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await diagnostics(client, uri, until=lambda found: "JD201" in codes(found))


async def test_hover_over_a_finding_shows_its_rule(client: LanguageClient, handbook: Path):
    uri = open_page(client, seed(handbook, "002"))
    found = await diagnostics(client, uri, until=lambda found: "JD201" in codes(found))
    (placeholder,) = [d for d in found if d.code == "JD201"]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=placeholder.range.start)
    )
    assert hover.contents.value.startswith("**JD201 placeholder-text**")
    assert "## What it does" in hover.contents.value


async def test_a_profiles_own_rule_has_a_hover_but_no_link(client: LanguageClient, handbook: Path):
    (handbook / ".jdlint.toml").write_text(
        '[profile.custom-rules.SG101]\nname = "buzzword"\nmessage = "buzzword {match}"\nforbid = ["frobnicate"]\n'
    )
    page = level_page("Pricing", "Pricing Analyst", "Manager, Pricing") + "\nThe team likes frobnicate.\n"
    uri = open_page(client, handbook / "pricing.md", page)
    found = await diagnostics(client, uri, until=lambda found: "SG101" in codes(found))
    (buzzword,) = [d for d in found if d.code == "SG101"]
    assert buzzword.code_description is None
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=buzzword.range.start)
    )
    assert hover.contents.value.startswith("**SG101 buzzword**")


async def test_malformed_messages_do_not_end_the_server(client: LanguageClient, handbook: Path):
    uri = open_page(client, seed(handbook, "002"))
    await diagnostics(client, uri, until=lambda found: "JD201" in codes(found))
    send_raw(client, b"{not json")
    send_raw(client, b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": 3}}')
    send_raw(client, b'{"jsonrpc": "2.0", "id": 999, "method": "textDocument/hover", "params": {"position": []}}')
    send_raw(client, b'{"jsonrpc": "2.0", "id": 998, "method": "no/suchMethod", "params": null}')
    replace_text(client, uri, 2, seed(handbook, "001").read_text())
    await diagnostics(client, uri, until=lambda found: "JD502" in codes(found))


def send_raw(client: LanguageClient, body: bytes) -> None:
    """A message as bytes, past the client's checks."""
    client.protocol.writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


async def test_huge_buffers_do_not_end_the_server(client: LanguageClient, handbook: Path):
    huge = open_page(client, handbook / "huge.md", "word " * 2_200_000)  # past max-file-size (10 MiB)
    assert not await diagnostics(client, huge)
    long = open_page(client, handbook / "long.md", "# Notes\n\n" + "A line of notes, TBD.\n" * 5_000)
    found = await diagnostics(client, long, until=lambda found: len(found) == 5_000)
    assert set(codes(found)) == {"JD202"}
    uri = open_page(client, seed(handbook, "002"))
    await diagnostics(client, uri, until=lambda found: "JD201" in codes(found))


async def test_closing_a_page_clears_its_findings(client: LanguageClient, handbook: Path):
    uri = open_page(client, seed(handbook, "002"))
    await diagnostics(client, uri, until=lambda found: found)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await diagnostics(client, uri, until=lambda found: not found)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """The text with LSP edits applied (positions in UTF-16 code units, as the client said)."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def test_the_command_line_does_not_import_the_server():
    code = "import sys, jdlint.cli; assert 'pygls' not in sys.modules and 'jdlint.server' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_server_without_pygls_says_which_extra_to_install():
    code = "import sys; sys.modules['pygls'] = None; from jdlint.cli import app; app(['server'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert "pip install 'jdlint[lsp]'" in result.stderr
