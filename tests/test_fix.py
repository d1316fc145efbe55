"""--fix and --diff: what changes on disk, what does not, and properties of fixing."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdlint.config import Config
from jdlint.engine import FixMode, lint_paths
from jdlint.fix import ChangedOnDisk, apply_fixes, write_atomically
from jdlint.parse import parse
from jdlint.rule import Edit, Fix
from jdlint.source import decode

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def jdlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jdlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def seed_copy(tmp_path: Path, number: str) -> Path:
    (source,) = SEEDS.glob(f"{number}_*.md")
    target = tmp_path / f"seed{number}.md"
    shutil.copy(source, target)
    return target


def test_fix_on_seed_004_changes_exactly_line_82(tmp_path):
    page = seed_copy(tmp_path, "004")
    before = page.read_text(encoding="utf-8").splitlines(keepends=True)
    jdlint("check", "--fix", page.name, cwd=tmp_path)
    after = page.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [82]
    assert "team’s effectiveness" in after[81]


def test_second_fix_changes_nothing(tmp_path):
    page = seed_copy(tmp_path, "004")
    jdlint("check", "--fix", page.name, cwd=tmp_path)
    once = page.read_bytes()
    result = jdlint("check", "--fix", page.name, cwd=tmp_path)
    assert page.read_bytes() == once and "fixed" not in result.stderr


def test_fix_reports_what_remains(tmp_path):
    page = seed_copy(tmp_path, "004")
    result = jdlint("check", "--fix", "--output-format", "json", page.name, cwd=tmp_path)
    assert "JD601" not in result.stdout and "JD303" in result.stdout and result.returncode == 1


def test_show_fixes_lists_the_fixes_applied_by_file_and_rule(tmp_path):
    page = seed_copy(tmp_path, "002")
    result = jdlint("check", "--fix", "--show-fixes", page.name, cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "jdlint: fixed 3 problems in 1 file",
        "- seed002.md:",
        "    3 × JD106 (lost-bullet)",
    ]


def test_fixed_count_without_show_fixes_is_one_line(tmp_path):
    page = seed_copy(tmp_path, "004")
    result = jdlint("check", "--fix", page.name, cwd=tmp_path)
    assert result.stderr.splitlines() == ["jdlint: fixed 1 problem in 1 file"]


def test_diff_shows_the_line_and_changes_nothing(tmp_path):
    page = seed_copy(tmp_path, "004")
    before = page.read_bytes()
    result = jdlint("check", "--diff", page.name, cwd=tmp_path)
    assert page.read_bytes() == before
    assert result.returncode == 1
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-- Improve the self-service teamâ€™s effectiveness and efficiency and provide increased insights through "
        "data, automation, and analytics",
        "+- Improve the self-service team’s effectiveness and efficiency and provide increased insights through "
        "data, automation, and analytics",
    ]


def test_diff_with_nothing_to_fix_exits_0(tmp_path):
    page = seed_copy(tmp_path, "003")
    assert jdlint("check", "--diff", page.name, cwd=tmp_path).returncode == 0


def test_unsafe_fixes_only_when_asked(tmp_path):
    page = seed_copy(tmp_path, "004")
    jdlint("check", "--fix", "--select", "JD106", page.name, cwd=tmp_path)
    assert page.read_text(encoding="utf-8").splitlines()[24].startswith("Act as")
    jdlint("check", "--fix", "--unsafe-fixes", "--select", "JD106", page.name, cwd=tmp_path)
    assert page.read_text(encoding="utf-8").splitlines()[24].startswith("- Act as")


def test_fix_keeps_bom_line_endings_and_mode(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes("\ufeff# Page\r\n\r\nThe teamâ€™s work\r\n".encode("utf-8"))
    page.chmod(0o640)
    jdlint("check", "--fix", "--select", "JD601", page.name, cwd=tmp_path)
    assert page.read_bytes() == "\ufeff# Page\r\n\r\nThe team’s work\r\n".encode("utf-8")
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]  # no temporary file left behind


def test_file_with_undecodable_bytes_is_not_fixed(tmp_path):
    page = tmp_path / "page.md"
    data = b"# Page\n\nA \xff byte and " + "teamâ€™s\n".encode()
    page.write_bytes(data)
    result = jdlint("check", "--fix", page.name, cwd=tmp_path)
    assert page.read_bytes() == data and "not fixed" in result.stderr


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("teamâ€™s\n", encoding="utf-8")
    original = page.read_bytes()
    page.write_text("somebody else's edit\n", encoding="utf-8")
    source = decode(original)
    with contextlib.suppress(ChangedOnDisk):
        write_atomically(page, original, "team’s\n", source)
    assert page.read_text(encoding="utf-8") == "somebody else's edit\n"


def _fixes(*edits: Edit) -> list[Fix]:
    return [Fix("", (edit,)) for edit in edits]


def test_overlapping_edits_wait_for_the_next_round():
    source = decode(b"abcdef\n")
    text, applied = apply_fixes(source, _fixes(Edit(1, 2, 1, 4, "X"), Edit(1, 3, 1, 5, "Y"), Edit(1, 6, 1, 7, "Z")))
    assert (text, len(applied)) == ("aXdeZ\n", 2)


def test_a_fix_with_one_edit_overlapping_another_fix_waits_whole():
    source = decode(b"abcdef\n")
    first = Fix("", (Edit(1, 1, 1, 1, ">"), Edit(1, 3, 1, 4, "Y")))
    second = Fix("", (Edit(1, 6, 1, 6, "<"), Edit(1, 2, 1, 4, "X")))  # its second edit collides with the first fix
    text, applied = apply_fixes(source, [second, first])
    assert (text, applied) == (">abYdef\n", [first])


# Properties

_WORDS = st.sampled_from(["team", "teamâ€™s", "Zoë", "naÃ¯ve", "Analyst", "TBD", "reports", "\u200b", "–"])
_LINE = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_BLOCK = st.one_of(
    _LINE.map(lambda text: f"## {text}"),
    _LINE,
    st.lists(_LINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.lists(_LINE, min_size=2, max_size=4).map(lambda items: "- " + "\n".join(items)),  # lost bullets
)
_PAGE = st.lists(_BLOCK, min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n")
_ENDING = st.sampled_from(["\n", "\r\n"])


def _fix_once(tmp_path: Path, data: bytes, unsafe: bool = False) -> tuple[bytes, bytes]:
    page = tmp_path / "page.md"
    page.write_bytes(data)
    before = page.read_bytes()
    config = Config(root=tmp_path)
    lint_paths([page], config, use_cache=False, fixes=FixMode(unsafe=unsafe))
    return before, page.read_bytes()


def _structure(data: bytes) -> list[tuple[str, int, str]]:
    parsed = parse(decode(data))
    return [(b.kind, b.level, b.text) for b in parsed.blocks if b.kind == "heading"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_PAGE, ending=_ENDING, unsafe=st.booleans())
def test_fix_is_idempotent_and_keeps_headings(tmp_path, text, ending, unsafe):
    before, after = _fix_once(tmp_path, text.replace("\n", ending).encode("utf-8"), unsafe)
    _, again = _fix_once(tmp_path, after, unsafe)
    assert again == after
    assert [level for _, level, _ in _structure(after)] == [level for _, level, _ in _structure(before)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.lists(st.sampled_from(["team", "Analyst", "Zoë", "–", "grade 7"]), min_size=1, max_size=30).map(" ".join)
)
def test_fix_never_touches_a_file_without_fixable_findings(tmp_path, text):
    before, after = _fix_once(tmp_path, f"# Page\n\n{text}\n".encode())
    assert after == before
