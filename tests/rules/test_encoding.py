import pytest


def test_seed_004_mojibake_with_safe_fix(seed):
    (finding,) = seed("004", ("JD601",))
    assert (finding.line, finding.column, finding.end_column) == (82, 32, 35)
    assert finding.message == 'mojibake "â€™" should read "’"'
    (edit,) = finding.fix.edits
    assert (edit.line, edit.column, edit.end_column, edit.content, finding.fix.applicability) == (
        82,
        32,
        35,
        "’",
        "safe",
    )


@pytest.mark.parametrize("text", ["naÃ¯ve", "GitLabâ€™s", "Â£100 budget", "Ã©tÃ© team"])
def test_mojibake_forms(lint, text):
    assert [d.code for d in lint(f"# Page\n\n{text}\n", ("JD601",))] == ["JD601"]


@pytest.mark.parametrize(
    "text",
    ["Zoë Müller leads the team – with care’s", "Café, naïve, résumé", "Emoji 🎉 and “quotes”", "Ångström Ñandú"],
)
def test_correct_non_ascii_text_is_not_mojibake(lint, text):
    assert lint(f"# Page\n\n{text}\n", ("JD6",)) == []


def test_mojibake_in_code_is_left_alone(lint):
    assert lint("# Page\n\n```\nteamâ€™s\n```\n", ("JD601",)) == []


def test_replacement_character(lint):
    (finding,) = lint("# Page\n\nthe team\ufffds leads\n", ("JD602",))
    assert (finding.line, finding.column) == (3, 9)


def test_undecodable_bytes_are_not_also_replacement_characters(lint):
    from pathlib import Path

    from jdlint.config import Config
    from jdlint.engine import lint_text

    config = Config(root=Path.cwd(), select=("JD001", "JD602"))
    rules = [r for r in config.enabled_rules() if not r.by_engine]
    found, _ = lint_text(b"# Page\n\ncaf\xe9\n", "p.md", config, rules)
    assert [d.code for d in found] == ["JD001"]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\u200b", "\ufeff", "\x85"])
def test_control_characters(lint, char):
    (finding,) = lint(f"# Page\n\nab{char}cd\n", ("JD603",))
    assert finding.column == 3 and finding.fix.edits[0].content == ""


def test_tabs_are_not_control_characters(lint):
    assert lint("# Page\n\na\tb\n", ("JD603",)) == []


def test_mixed_line_endings():
    from pathlib import Path

    from jdlint.config import Config
    from jdlint.engine import lint_text

    config = Config(root=Path.cwd(), select=("JD604",))
    rules = [r for r in config.enabled_rules() if not r.by_engine]
    (finding,), _ = lint_text(b"# Page\r\n\r\ntext\nmore\r\n", "p.md", config, rules)
    assert finding.line == 3 and finding.message == "1 line ends with LF, the others with CRLF"


def test_consistent_line_endings_pass(lint):
    assert lint("# Page\r\n\r\ntext\r\n", ("JD604",)) == []
