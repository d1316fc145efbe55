"""Hostile input (design.md section 7, issue 9): whatever lands in a repository, jdlint says what it
could not lint, never crashes, never hangs, and never changes a file it was not asked to fix."""

from __future__ import annotations

import builtins
import errno
import gc
import json
import os
import re
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdlint import cache, engine, fix
from jdlint.cli import app
from jdlint.config import Config
from jdlint.engine import lint_text
from jdlint.handbook import HandbookIndex, entry_for
from jdlint.rule import Context, Rule, Severity
from jdlint.source import decode

CONFIG = Config(root=Path("."))
RULES = [rule for rule in CONFIG.enabled_rules() if not rule.by_engine]
FRONT_MATTER = "---\ntitle: Senior Analyst\nlayout: job_family_page\n---\n\n"


# Time: reading and every rule are linear in the page. Each case was super-linear once (the
# input of the larger size took minutes to hours); a quadratic one takes 16 times as long at four
# times the size, a linear one 4 times.


def _seconds(data: bytes) -> float:
    """The best of three runs of reading and checking `data` with every rule, in CPU time (other
    processes do not count); a new profile for each, as a profile remembers what it has seen."""
    best = float("inf")
    for _ in range(3):
        config = Config(root=Path("."))
        gc.collect()
        start = time.process_time()
        diagnostics, _ = lint_text(data, "page.md", config, RULES)
        best = min(best, time.process_time() - start)
        assert [d.message for d in diagnostics if d.code in ("JD000", "JD004")] == []
    return best


SMALL = 100
SCALING = {
    # model: each heading's parent and subtree were searched for again and again (cubic)
    "many headings": lambda n: (
        FRONT_MATTER + "".join(f"## Part {i}\n\nThe Analyst {i} is a grade 7.\n\n" for i in range(n))
    ),
    "many levels": lambda n: (
        FRONT_MATTER
        + "## Levels\n\n"
        + "".join(f"### Analyst {i}\n\n#### Job Grade\n\nThe Analyst {i} is a grade 7.\n\n" for i in range(n))
    ),
    # parse: the text so far was summed again at every link and line break of a paragraph
    "many links in one paragraph": lambda n: FRONT_MATTER + "[a](b)" * (n * 50),
    "many lines in one paragraph": lambda n: FRONT_MATTER + "a `b`\n" * (n * 4),
    # parse: each unclosed "<!--" searched the rest of the page for "-->"
    "unclosed comments": lambda n: FRONT_MATTER + "<!-- a " * (n * 20),
    # parse: each "](" searched the rest of the line for ")", each "<http://" for ">"
    "unclosed link targets": lambda n: FRONT_MATTER + "](a" * (n * 10),
    "unclosed autolinks": lambda n: FRONT_MATTER + "<http://a" * (n * 10),
    # JD201/JD202: every finding looked through every heading and reports-to line
    "many markers": lambda n: FRONT_MATTER + "TBD\n\n" * (n * 20),
    # JD302: the built-in senior-manager pattern ran ".*" to the end from each "Senior"
    "a level title of many 'Sr.'": lambda n: (
        "## Levels\n\n### " + "Sr., " * (n * 2) + "\n\nThe Senior Analyst is a grade 7.\n"
    ),
    # profile: a heading's words were joined again from each word, looking for a section name
    "a heading of many words": lambda n: FRONT_MATTER + "## Levels\n\n### Senior " + "Now, Bin " * (n * 40) + "\n",
    # a run of spaces was searched to its end from each of its spaces: level titles ("\\s*:$", and
    # "\\s*\\(" for a qualifier), career-ladder targets ("\\s+or\\s+")
    "a level title with a long run of spaces": lambda n: (
        FRONT_MATTER + "## Levels\n\n### Senior A" + " " * (n * 40) + "(b, Manager\n\nThe Senior A is a grade 7.\n"
    ),
    "a level title of many unclosed brackets": lambda n: (
        "---\ntitle: " + "( " * (n * 20) + "\n---\n\n## Levels\n\n### " + "( " * (n * 20) + "\n\nThe X is a grade 7.\n"
    ),
    "a career ladder with a long run of spaces": lambda n: (
        FRONT_MATTER + "## Career Ladder\n\nThe next step is the Senior A" + " " * (n * 40) + "Manager\n"
    ),
    # JD704: the titles and headings above each requirement line were joined for every line
    "a long title over many requirement lines": lambda n: (
        "---\ntitle: " + "Senior " * (n * 50) + "\n---\n\n## Requirements\n\n- the figure" + "  \n" * (n * 10) + "x\n"
    ),
    # model: a level name ran over every capitalised word to the end of the line, from each "Extends"
    "many 'Extends'": lambda n: FRONT_MATTER + "## Requirements\n\n- " + "Extends " * (n * 4),
}


@pytest.mark.parametrize("name", SCALING)
def test_time_grows_linearly_with_the_page(name):
    make = SCALING[name]
    small, large = _seconds(make(SMALL).encode()), _seconds(make(4 * SMALL).encode())
    assert large < 9 * max(small, 0.005), f"{name}: {small:.3f} s, then {large:.3f} s at four times the size"


def test_time_grows_linearly_with_undecodable_bytes():
    """A Latin-1 file is mostly bytes that do not decode: each was decoded from again, and its
    line counted from the top of the file."""
    small, large = (_seconds(("Caf\u00e9 " * n + "\n").encode("latin-1") * 4) for n in (4000, 16000))
    assert large < 9 * max(small, 0.005), f"{small:.3f} s, then {large:.3f} s at four times the size"


# Each hostile file on its own, through the command line: exact findings, messages and exit code.


def run(*args: str):
    """`jdlint ARGS` in this process: (exit code, JSON findings or None, stderr lines)."""
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output + result.stderr
    in_json = "--output-format" in args and args[args.index("--output-format") + 1] == "json"
    findings = json.loads(result.stdout) if in_json and result.stdout.strip() else None
    return result.exit_code, findings, result.stderr.splitlines()


def check(path: str | Path, *options: str):
    """(exit code, [(code, line, column, message)], stderr lines) of `jdlint check` in JSON."""
    code, findings, stderr = run("check", "--no-cache", "--output-format", "json", *options, str(path))
    return code, [(d["code"], d["line"], d["column"], d["message"]) for d in findings or []], stderr


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


TBD = 'unfinished-work marker "TBD" left in the text'


# Encodings


def test_invalid_utf8_is_reported_at_each_byte_offset_and_the_rest_linted(here):
    (here / "page.md").write_bytes(b"---\ntitle: Zo\xeb Writer\n---\nZo\xeb writes.\n\nTBD\n")
    assert check("page.md", "--select", "JD0,JD2") == (
        1,
        [
            ("JD001", 2, 10, "1 byte at byte offset 13 is not valid utf-8"),
            ("JD001", 4, 3, "1 byte at byte offset 28 is not valid utf-8"),
            ("JD202", 6, 1, TBD),
        ],
        [],
    )


def test_a_truncated_multibyte_sequence_is_one_finding_of_its_length(here):
    (here / "page.md").write_bytes("TBD \u20ac".encode()[:-1] + b"\n")  # the euro sign without its last byte
    assert check("page.md", "--select", "JD0,JD2") == (
        1,
        [("JD202", 1, 1, TBD), ("JD001", 1, 5, "2 bytes at byte offset 4 are not valid utf-8")],
        [],
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read_as_utf16(here, encoding):
    text = "---\ntitle: Writer\n---\n\nZo\u00eb: TBD\n"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    (here / "page.md").write_bytes(bom + text.encode(encoding))
    assert check("page.md", "--select", "JD0,JD2,JD6") == (1, [("JD202", 5, 6, TBD)], [])


def test_latin1_is_reported_line_by_line_and_the_rest_linted(here):
    (here / "page.md").write_bytes("# Caf\u00e9\n\nNa\u00efve r\u00e9sum\u00e9 TBD\n".encode("latin-1"))
    assert check("page.md", "--select", "JD0,JD2") == (
        1,
        [
            ("JD001", 1, 6, "1 byte at byte offset 5 is not valid utf-8"),
            ("JD001", 3, 3, "3 bytes in 3 places from byte offset 10 are not valid utf-8"),
            ("JD202", 3, 14, TBD),
        ],
        [],
    )


def test_binary_file_named_md_is_skipped_with_a_message(here):
    (here / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    assert check("image.md") == (0, [], ["jdlint: warning: image.md: skipped: binary file (NUL byte)"])


def test_nul_byte_near_the_top_makes_a_file_binary(here):
    (here / "page.md").write_bytes(b"# Page\n\nA \0 in it. TBD\n")
    assert check("page.md") == (0, [], ["jdlint: warning: page.md: skipped: binary file (NUL byte)"])


def test_nul_byte_deep_in_a_text_file_is_a_control_character(here):
    (here / "page.md").write_bytes(b"# Page\n\n" + b"text " * 2000 + b"\n\nA \0 TBD\n")
    assert check("page.md", "--select", "JD0,JD2,JD6") == (
        1,
        [("JD603", 5, 3, "invisible control character U+0000"), ("JD202", 5, 5, TBD)],
        [],
    )


# Front matter


def test_empty_file_has_no_findings(here):
    (here / "page.md").write_bytes(b"")
    assert check("page.md") == (0, [], [])


def test_front_matter_only(here):
    (here / "page.md").write_bytes(b"---\ntitle: Writer\n---\n")
    assert check("page.md") == (0, [], [])


def test_front_matter_only_on_a_job_family_page_misses_every_section(here):
    (here / "page.md").write_bytes(b"---\ntitle: Writer\nlayout: job_family_page\n---\n")
    code, findings, _ = check("page.md")
    assert code == 1 and {(c, line) for c, line, _, _ in findings} == {("JD101", 2)} and len(findings) == 6


def test_unterminated_front_matter(here):
    (here / "page.md").write_bytes(b"---\ntitle: Writer\n\nTBD\n")
    assert check("page.md", "--select", "JD0,JD2") == (
        1,
        [("JD002", 1, 1, "front matter opened with '---' is never closed"), ("JD202", 4, 1, TBD)],
        [],
    )


def test_invalid_yaml(here):
    (here / "page.md").write_bytes(b"---\nlayout: job_family_page\ntitle: Director: Sales\n---\nTBD\n")
    assert check("page.md", "--select", "JD0,JD2") == (
        1,
        [
            ("JD002", 3, 1, "front matter is not valid YAML: mapping values are not allowed in this context"),
            ("JD202", 5, 1, TBD),
        ],
        [],
    )


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!python/module:os",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    ],
)
def test_python_tags_in_yaml_are_invalid_front_matter_and_never_run(here, tag):
    marker = here / "executed"
    (here / "page.md").write_text(f"---\ntitle: {tag.format(marker=marker)}\n---\nTBD\n", encoding="utf-8")
    code, findings, stderr = check("page.md", "--select", "JD0,JD2")
    assert not marker.exists()
    assert code == 1 and stderr == []
    assert [(c, line) for c, line, _, _ in findings] == [("JD002", 2), ("JD202", 4)]
    assert findings[0][3].startswith("front matter is not valid YAML: could not determine a constructor for the tag")


def test_yaml_alias_bomb_is_read_in_bounded_time_and_memory(here):
    """A billion laughs: nine levels of nine aliases. Safe YAML shares the aliased lists instead of
    copying them, and nothing in jdlint walks a front-matter value it does not use."""
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    text = "---\n" + "\n".join(levels) + "\ntitle: *j\nlayout: *j\n---\n\nTBD\n"
    (here / "page.md").write_text(text, encoding="utf-8")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = check("page.md", "--select", "JD0,JD2")
        seconds, (_, peak) = time.perf_counter() - start, tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result == (1, [("JD202", 16, 1, TBD)], [])
    assert seconds < 10 and peak < 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("depth", "message"),
    [
        (5_000, "front matter is nested too deeply to read"),
        (30_000, "front matter is nested too deeply to read"),
        (1_000_000, "front matter is longer than 64 KiB and was not read"),
    ],
)
def test_deeply_nested_yaml_is_not_read_and_does_not_crash_the_process(tmp_path, depth, message):
    """libyaml recursed in C until the process died of a segmentation fault (at a depth of about
    100,000); PyYAML's own loader took seconds, quadratic in the depth. A real process, then."""
    (tmp_path / "page.md").write_text("---\ntitle: " + "[" * depth + "]" * depth + "\n---\nTBD\n", encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "jdlint", "check", "--no-cache", "--output-format", "json", "--select", "JD0,JD2", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (process.returncode, process.stderr) == (1, "")
    assert [(d["code"], d["line"], d["message"]) for d in json.loads(process.stdout)] == [
        ("JD002", 1, message),
        ("JD202", 4, TBD),
    ]


def test_yaml_nested_by_indentation_is_read(here):
    (here / "page.md").write_text(
        "---\n" + "".join(" " * depth + "a:\n" for depth in range(200)) + "title: Writer\n---\nTBD\n",
        encoding="utf-8",
    )
    assert check("page.md", "--select", "JD0,JD2") == (1, [("JD202", 204, 1, TBD)], [])


def test_front_matter_longer_than_64_kib_is_not_read(here):
    keys = "".join(f"key{number}: value\n" for number in range(6000))
    (here / "page.md").write_text(f"---\n{keys}title: Writer\n---\nTBD\n", encoding="utf-8")
    assert check("page.md", "--select", "JD0,JD2") == (
        1,
        [("JD002", 1, 1, "front matter is longer than 64 KiB and was not read"), ("JD202", 6004, 1, TBD)],
        [],
    )


def test_a_list_as_front_matter(here):
    (here / "page.md").write_bytes(b"---\n- a\n- b\n---\nTBD\n")
    assert check("page.md", "--select", "JD0,JD2") == (
        1,
        [("JD002", 2, 1, "front matter is a list, not a mapping of keys"), ("JD202", 5, 1, TBD)],
        [],
    )


# Structure at the limits


def test_3000_deep_nested_list(here):
    text = "".join("  " * depth + "- item\n" for depth in range(3000)) + "  " * 3000 + "- TBD\n"
    (here / "page.md").write_text(text, encoding="utf-8")
    assert check("page.md", "--select", "JD0,JD2") == (1, [("JD202", 3001, 6003, TBD)], [])


def test_3000_deep_nested_list_on_one_line(here):
    (here / "page.md").write_text("- " * 3000 + "TBD\n", encoding="utf-8")
    assert check("page.md", "--select", "JD0,JD2") == (1, [("JD202", 1, 6001, TBD)], [])


def test_10000_deep_block_quote(here):
    (here / "page.md").write_text(">" * 10000 + " TBD\n\nTBD after it\n", encoding="utf-8")
    assert check("page.md", "--select", "JD0,JD2") == (1, [("JD202", 1, 10002, TBD), ("JD202", 3, 1, TBD)], [])


@pytest.mark.parametrize(
    "line",
    [
        "word " * 400_000 + "TBD",  # plain prose
        "The " + "Senior Analyst, " * 125_000 + "TBD",  # capitalised words: titles, levels
        "reports to the " + "Sr. Manager, " * 150_000 + "TBD",  # a reports-to line that never ends
        "`a " * 600_000 + "TBD",  # code spans that never close
    ],
    ids=["prose", "titles", "reports-to", "backticks"],
)
def test_2mb_single_line(here, line):
    (here / "page.md").write_text(FRONT_MATTER + line + "\n", encoding="utf-8")
    start = time.perf_counter()
    code, findings, stderr = check("page.md", "--select", "JD0,JD2")
    assert time.perf_counter() - start < 20
    assert (code, stderr) == (1, []) and [(c, line) for c, line, _, _ in findings] == [("JD202", 6)]


def test_crlf_line_endings(here):
    (here / "page.md").write_bytes(b"# Page\r\n\r\nText\r\nTBD\r\n")
    assert check("page.md", "--select", "JD0,JD2,JD6") == (1, [("JD202", 4, 1, TBD)], [])


def test_lone_cr_line_endings(here):
    (here / "page.md").write_bytes(b"# Page\r\rText\rTBD\r")
    assert check("page.md", "--select", "JD0,JD2,JD6") == (1, [("JD202", 4, 1, TBD)], [])


def test_mixed_line_endings_are_counted_each_by_its_kind(here):
    (here / "page.md").write_bytes(b"# Page\r\n\r\nText\nTBD\rEnd\r\n")
    assert check("page.md", "--select", "JD0,JD2,JD6") == (
        1,
        [
            ("JD604", 3, 5, "1 line ends with LF, 1 line ends with CR, the others with CRLF"),
            ("JD202", 4, 1, TBD),
        ],
        [],
    )


def test_a_tie_of_line_endings_goes_the_same_way_in_every_process(tmp_path):
    """The dominant ending came from a set: on a tie, it changed with the hash seed."""
    script = "from jdlint.source import decode; print(repr(decode(b'a\\nb\\r\\nc\\nd\\r\\n').newline))"
    newlines = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            check=True,
        ).stdout.strip()
        for seed in range(8)
    }
    assert newlines == {repr("\n")}


# Paths


def test_a_directory_named_like_a_document_is_searched(here):
    (here / "x.md").mkdir()
    (here / "x.md" / "page.md").write_text("TBD\n", encoding="utf-8")
    assert check("x.md", "--select", "JD2") == (1, [("JD202", 1, 1, TBD)], [])
    assert check(".", "--select", "JD2") == (1, [("JD202", 1, 1, TBD)], [])


def test_a_symlink_loop_in_a_directory_is_skipped_with_a_message(here):
    (here / "loop.md").symlink_to("loop.md")
    (here / "a.md").symlink_to("b.md")
    (here / "b.md").symlink_to("a.md")
    (here / "page.md").write_text("TBD\n", encoding="utf-8")
    assert check(".", "--select", "JD2") == (
        1,
        [("JD202", 1, 1, TBD)],
        [
            "jdlint: warning: a.md: skipped: symbolic link that cannot be followed (Too many levels of symbolic links)",
            "jdlint: warning: b.md: skipped: symbolic link that cannot be followed (Too many levels of symbolic links)",
            "jdlint: warning: loop.md: skipped: symbolic link that cannot be followed (Too many levels of symbolic links)",
        ],
    )


def test_a_symlink_loop_named_on_the_command_line_cannot_be_read(here):
    (here / "loop.md").symlink_to("loop.md")
    assert check("loop.md") == (2, [], ["jdlint: error: loop.md: cannot read: Too many levels of symbolic links"])


def test_a_dangling_symlink_in_a_directory_is_skipped_with_a_message(here):
    (here / "gone.md").symlink_to("nowhere.md")
    assert check(".") == (
        0,
        [],
        ["jdlint: warning: gone.md: skipped: symbolic link that cannot be followed (No such file or directory)"],
    )


def test_a_fifo_named_like_a_document_is_skipped_not_waited_on(here):
    os.mkfifo(here / "pipe.md")
    assert check(".") == (0, [], ["jdlint: warning: pipe.md: skipped: not a regular file"])
    assert check("pipe.md") == (0, [], ["jdlint: warning: pipe.md: skipped: not a regular file"])


def test_an_unreadable_file_exits_2_naming_it(here, monkeypatch):
    page = here / "secret.md"
    page.write_text("TBD\n", encoding="utf-8")
    page.chmod(0)
    if os.access(page, os.R_OK):  # root reads it all the same: make opening it fail as it would
        opening = Path.open

        def refuse(self, *args, **kwargs):
            if self.name == "secret.md":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return opening(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
        builtin_open = builtins.open

        def refuse_builtin(file, *args, **kwargs):  # the engine reads documents with open(path, "rb")
            if Path(str(file)).name == "secret.md":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
            return builtin_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refuse_builtin)
    try:
        assert check("secret.md") == (2, [], ["jdlint: error: secret.md: cannot read: Permission denied"])
    finally:
        page.chmod(0o644)


def test_a_missing_path_is_reported_at_its_name(here):
    assert check("nope.md") == (1, [("JD005", 1, 1, "no such file or directory")], [])


# Size


def test_files_over_max_file_size_are_skipped_with_a_message(here):
    (here / ".jdlint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    (here / "small.md").write_text("TBD\n" + "x" * 95 + "\n", encoding="utf-8")  # 100 bytes
    (here / "large.md").write_text("TBD\n" + "x" * 96 + "\n", encoding="utf-8")  # 101 bytes
    assert check(".", "--select", "JD2") == (
        1,
        [("JD202", 1, 1, TBD)],
        ["jdlint: warning: large.md: skipped: larger than max-file-size (100 bytes)"],
    )


def test_the_default_size_limit_is_10_mib(here):
    (here / "huge.md").write_bytes(b"TBD " * (10 * 1024 * 1024 // 4) + b"\n")
    assert check("huge.md") == (
        0,
        [],
        ["jdlint: warning: huge.md: skipped: larger than max-file-size (10485760 bytes)"],
    )


@pytest.mark.parametrize("value", ['"1MB"', "-1", "true", "1.5"])
def test_max_file_size_must_be_a_number_of_bytes(here, value):
    (here / ".jdlint.toml").write_text(f"max-file-size = {value}\n", encoding="utf-8")
    (here / "page.md").write_text("TBD\n", encoding="utf-8")
    code, _, stderr = run("check", "page.md")
    assert code == 2
    assert stderr == [
        f"jdlint: error: {here / '.jdlint.toml'}: 'max-file-size' must be a number of bytes (a whole number, 0 or more)"
    ]


# Config


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (".jdlint.toml", b"select = [\n", "not valid TOML"),
        (".jdlint.toml", b"\xff\xfe\x00garbage", "not valid TOML"),
        (".jdlint.toml", b"select = 3\n", "'select' must be a list of strings"),
        ("pyproject.toml", b"[tool.jdlint\n", "not valid TOML"),
    ],
)
def test_a_broken_config_exits_2_naming_it(here, name, content, problem):
    (here / name).write_bytes(content)
    (here / "page.md").write_text("TBD\n", encoding="utf-8")
    code, findings, stderr = run("check", "--output-format", "json", "page.md")
    assert (code, findings) == (2, None) and len(stderr) == 1
    assert stderr[0].startswith(f"jdlint: error: {here / name}: {problem}")


# The time budget


def test_a_page_past_the_time_budget_gets_jd004_and_the_remaining_rules_are_skipped(monkeypatch):
    monkeypatch.setattr(engine, "TIME_BUDGET", 0.05)

    def slow(page, context):
        time.sleep(0.1)
        return iter(())

    rules = [Rule("JD999", "slow-rule", Severity.ERROR, slow, ""), *(r for r in RULES if r.code in ("JD201", "JD202"))]
    page, _ = engine.read_page(b"TBD\n", "page.md", CONFIG)
    context = Context(CONFIG.profile, HandbookIndex.build([entry_for(page, "page.md")], CONFIG.profile), "page.md")
    assert [(d.code, d.line, d.message) for d in engine.check_page(page, context, CONFIG, rules)] == [
        ("JD004", 1, "checking this file took longer than 0.05 s; rules not run: JD201, JD202")
    ]


def test_the_time_budget_is_reported_through_the_command_line(here, monkeypatch):
    monkeypatch.setattr(engine, "TIME_BUDGET", -1)
    (here / "page.md").write_text("TBD\n", encoding="utf-8")
    assert check("page.md", "--select", "JD202") == (
        1,
        [("JD004", 1, 1, "checking this file took longer than -1 s; rules not run: JD202")],
        [],
    )


def test_findings_cut_short_by_the_time_budget_are_not_cached(here, monkeypatch):
    (here / ".jdlint.toml").write_text('select = ["JD202"]\n', encoding="utf-8")
    (here / "page.md").write_text("TBD\n", encoding="utf-8")
    monkeypatch.setattr(engine, "TIME_BUDGET", -1)
    assert run("check", "--output-format", "json", "page.md")[1][0]["code"] == "JD004"
    monkeypatch.setattr(engine, "TIME_BUDGET", 10.0)
    assert [d["code"] for d in run("check", "--output-format", "json", "page.md")[1]] == ["JD202"]


# Everything at once: one directory holding every hostile file


def _hostile_suite(root: Path, large: bool) -> None:
    files = {
        "invalid-utf8.md": b"---\ntitle: Zo\xeb Writer\n---\nZo\xeb writes.\n\nTBD\n",
        "utf16.md": "---\ntitle: Writer\n---\n\nTBD\n".encode("utf-16"),
        "latin1.md": "# Caf\u00e9\n\nNa\u00efve TBD\n".encode("latin-1"),
        "image.md": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "nul.md": b"# Page\n\nA \0 nul\n",
        "empty.md": b"",
        "front-matter-only.md": b"---\ntitle: Writer\n---\n",
        "unterminated.md": b"---\ntitle: Writer\n\nTBD\n",
        "invalid-yaml.md": b"---\ntitle: a: b\n---\nTBD\n",
        "python-tag.md": b"---\ntitle: !!python/object/apply:os.system ['touch executed']\n---\nTBD\n",
        "alias-bomb.md": (
            "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
            + "title: *i\n---\nTBD\n"
        ).encode(),
        "list.md": b"---\n- a\n- b\n---\nTBD\n",
        "deep-yaml.md": ("---\ntitle: " + "[" * 30000 + "]" * 30000 + "\n---\n").encode(),
        "crlf.md": b"# Page\r\n\r\nTBD\r\n",
        "cr.md": b"# Page\r\rTBD\r",
        "mixed.md": b"# Page\r\n\r\nText\nTBD\rEnd\r\n",
        "deep-list-inline.md": ("- " * 3000 + "TBD\n").encode(),
        "deep-quote.md": (">" * 10000 + " TBD\n").encode(),
        "unclosed.md": (FRONT_MATTER + "<!-- ](a <http://a `b <% [" * 2000).encode(),
    }
    if large:
        files["deep-list.md"] = "".join("  " * depth + "- item\n" for depth in range(3000)).encode()
        files["long-line.md"] = (FRONT_MATTER + "word " * 400_000 + "TBD\n").encode()
        files["huge.md"] = b"TBD " * (10 * 1024 * 1024 // 4 + 1)
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "x.md").mkdir()
    (root / "x.md" / "inside.md").write_bytes(b"TBD\n")
    (root / "loop.md").symlink_to("loop.md")
    (root / "dangling.md").symlink_to("nowhere.md")
    (root / "outside.md").symlink_to(Path(sys.executable).resolve())  # a file that exists, out of the root
    os.mkfifo(root / "pipe.md")


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every path under `root`: its kind, size, modification time and content (or link target)."""
    state = {}
    for current, directories, files in os.walk(root):
        for name in directories + files:
            path = Path(current, name)
            info = path.lstat()
            if path.is_symlink():
                content = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = path.read_bytes()
            else:
                content = None
            state[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, content)
    return state


def test_the_whole_hostile_suite_in_one_directory(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    _hostile_suite(suite, large=True)
    before = _snapshot(tmp_path)
    process = subprocess.run(
        [sys.executable, "-m", "jdlint", "check", "--output-format", "json", "."],
        cwd=suite,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert _snapshot(tmp_path) == before, "a check changed the disk"
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    findings = json.loads(process.stdout)
    assert [f for f in findings if f["code"] == "JD000"] == []
    assert {f["path"] for f in findings} >= {"invalid-utf8.md", "latin1.md", "mixed.md", "x.md/inside.md"}
    assert sorted(process.stderr.splitlines()) == [
        "jdlint: warning: dangling.md: skipped: symbolic link that cannot be followed (No such file or directory)",
        "jdlint: warning: huge.md: skipped: larger than max-file-size (10485760 bytes)",
        "jdlint: warning: image.md: skipped: binary file (NUL byte)",
        "jdlint: warning: loop.md: skipped: symbolic link that cannot be followed (Too many levels of symbolic links)",
        "jdlint: warning: nul.md: skipped: binary file (NUL byte)",
        "jdlint: warning: outside.md: skipped: symbolic link to a file outside the handbook root",
        "jdlint: warning: pipe.md: skipped: not a regular file",
    ]
    assert not (suite / "executed").exists()


@pytest.mark.parametrize(
    "output_format", ["full", "concise", "grouped", "json-lines", "sarif", "gitlab", "github", "junit"]
)
def test_the_hostile_suite_in_every_output_format(here, output_format):
    _hostile_suite(here, large=False)
    before = _snapshot(here)
    code, _, stderr = run("check", "--no-cache", "--output-format", output_format, ".")
    assert code == 1 and all(line.startswith("jdlint: warning: ") for line in stderr)
    assert _snapshot(here) == before


def test_diff_on_the_hostile_suite_changes_nothing(here):
    _hostile_suite(here, large=False)
    before = _snapshot(here)
    code, _, _ = run("check", "--no-cache", "--diff", ".")
    assert code == 1 and _snapshot(here) == before


# Concurrent runs: two terminals, or pre-commit running hooks in parallel


REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def jdlint_process(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "jdlint", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=120)
    return process.returncode, stdout, stderr


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """The seeds and some generated families, with a config: a project, so runs keep a cache."""
    root = tmp_path / "handbook"
    root.mkdir()
    for seed in SEEDS.glob("*.md"):
        (root / seed.name).write_bytes(seed.read_bytes())
    for number in range(40):
        (root / f"family-{number}.md").write_text(
            f"---\ntitle: Analyst {number}\n---\n\nThe Analyst {number} reports to the Manager, Data.\n\n"
            f"## Job Grade\n\nThe Analyst {number} is a grade {number % 10 + 3}.\n",
            encoding="utf-8",
        )
    (root / ".jdlint.toml").write_text('profile = "gitlab"\n', encoding="utf-8")  # of GitLab's kind
    return root


def _cache_entries(root: Path) -> dict:
    checksum, _, payload = (root / ".jdlint_cache" / "index.json").read_bytes().partition(b"\n")
    assert checksum == cache.digest(payload).encode()
    return json.loads(payload)["entries"]


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_runs_share_the_cache_without_corrupting_it_or_each_other(handbook, processes):
    reference = finish(jdlint_process("check", "--no-cache", "--output-format", "json", ".", cwd=handbook))
    assert reference[0] == 1 and json.loads(reference[1])
    for round_ in range(3):  # cold, warm, and after an edit that changes every page's findings
        if round_ == 2:
            page = handbook / "family-0.md"
            page.write_text(page.read_text(encoding="utf-8") + "\nTBD\n", encoding="utf-8")
            reference = finish(jdlint_process("check", "--no-cache", "--output-format", "json", ".", cwd=handbook))
        running = [jdlint_process("check", "--output-format", "json", ".", cwd=handbook) for _ in range(processes)]
        assert [finish(process) for process in running] == [reference] * processes
        assert set(_cache_entries(handbook)) == {path.name for path in handbook.glob("*.md")}
    assert finish(jdlint_process("check", "--output-format", "json", ".", cwd=handbook)) == reference
    leftovers = sorted(path.name for path in (handbook / ".jdlint_cache").iterdir())
    assert leftovers == [".gitignore", "index.json"], "no temporary file left behind"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"\x00\xff" * 100,  # garbage
        lambda data: data.replace(b'"line": 1', b'"line": "1"'),  # valid JSON, wrong types
        lambda data: data.replace(b"grade", b"grave"),  # valid JSON, a key gone
        lambda data: data.partition(b"\n")[2],  # the format before the checksum line
        lambda data: b"",
    ],
    ids=["truncated", "garbage", "wrong-types", "missing-key", "old-format", "empty"],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(handbook, damage):
    reference = finish(jdlint_process("check", "--output-format", "json", ".", cwd=handbook))
    index = handbook / ".jdlint_cache" / "index.json"
    index.write_bytes(damage(index.read_bytes()))
    assert finish(jdlint_process("check", "--output-format", "json", ".", cwd=handbook)) == reference
    assert set(_cache_entries(handbook)) == {path.name for path in handbook.glob("*.md")}


def test_two_fixes_of_the_same_file_at_once_write_it_once(handbook):
    page = handbook / "mixed.md"
    page.write_bytes(b"# Page\r\n\r\nThe team\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s work\nEnd\r\n")
    once = handbook.parent / "once"
    once.mkdir()
    (once / "mixed.md").write_bytes(page.read_bytes())
    finish(jdlint_process("check", "--fix", "--no-cache", "mixed.md", cwd=once))
    fixed = (once / "mixed.md").read_bytes()
    assert fixed != page.read_bytes()
    running = [jdlint_process("check", "--fix", "mixed.md", cwd=handbook) for _ in range(2)]
    for code, _, stderr in map(finish, running):
        assert "Traceback" not in stderr
        assert code in (0, 1) or (code == 2 and "changed by another process while being fixed" in stderr)
    assert page.read_bytes() == fixed


def test_fix_keeps_a_change_another_process_made_meanwhile(handbook, monkeypatch):
    """The other process writes between jdlint's reading of the file and its writing of the fix."""
    page = handbook / "page.md"
    page.write_bytes(b"# Page\n\nThe team\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s work\n")
    theirs = b"# Page\n\nSomebody else's edit\n"
    applying = fix.apply_fixes

    def edit_meanwhile(*args, **kwargs):
        page.write_bytes(theirs)
        return applying(*args, **kwargs)

    monkeypatch.setattr(fix, "apply_fixes", edit_meanwhile)
    monkeypatch.chdir(handbook)
    code, _, stderr = run("check", "--fix", "--select", "JD601", "page.md")
    assert page.read_bytes() == theirs
    assert (code, stderr) == (2, ["jdlint: error: page.md: changed by another process while being fixed; not written"])


# Found by fuzzing (scripts/fuzz.py)


@pytest.mark.parametrize(
    ("data", "unsafe"),
    [
        (b"Text\r\x0c-\n", b"Text\r-\n"),  # "-" under a paragraph: a heading
        (b"Text\n\x01=\n", b"Text\n=\n"),  # "=" likewise
        (b"#\x0b\n", b"#\n"),  # "#" alone: an empty heading
        (b"a\n\x0b\nb\n", b"a\n\nb\n"),  # a blank line: two paragraphs
        (b"1\x0c. one\n", b"1. one\n"),  # a numbered list item
        (b"\x0b\t_\r=\n", b"\t_\r=\n"),  # a tab-indented line: code, and "=" no underline
        ("\u201c\r- \x0b\n".encode(), "\u201c\r- \n".encode()),  # a list item becomes an underline
        (">#\u0085\n".encode(), b">#\n"),  # a heading inside a block quote
    ],
)
def test_deleting_a_control_character_that_changes_the_markdown_is_an_unsafe_fix(here, data, unsafe):
    (here / "page.md").write_bytes(data)
    run("check", "--no-cache", "--fix", "--select", "JD603", "page.md")
    assert (here / "page.md").read_bytes() == data
    run("check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "JD603", "page.md")
    assert (here / "page.md").read_bytes() == unsafe


def test_deleting_a_control_character_inside_the_text_is_a_safe_fix(here):
    (here / "page.md").write_bytes("# Zo\x0c\u00eb\n\n- \u200bitem\n".encode())
    run("check", "--no-cache", "--fix", "--select", "JD603", "page.md")
    assert (here / "page.md").read_bytes() == "# Zo\u00eb\n\n- item\n".encode()


def test_the_fuzz_script_runs(tmp_path):
    process = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "fuzz.py"), "--count", "200", "--workers", "1", "--seed", "9"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert re.fullmatch(r"fuzz: 200 documents in \d+ s \(seed 9\): no failures\n", process.stdout)


def test_fix_keeps_a_change_made_while_it_writes(tmp_path, monkeypatch):
    """The other process writes after the first check, while the fixed text goes to its temporary file."""
    page = tmp_path / "page.md"
    page.write_bytes(b"team\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s\n")
    original, theirs = page.read_bytes(), b"somebody else's edit\n"
    chmod = os.chmod

    def edit_meanwhile(*args, **kwargs):
        page.write_bytes(theirs)
        return chmod(*args, **kwargs)

    monkeypatch.setattr(fix.os, "chmod", edit_meanwhile)
    with pytest.raises(fix.ChangedOnDisk):
        fix.write_atomically(page, original, "team\u2019s\n", decode(original))
    assert page.read_bytes() == theirs
    assert [path.name for path in tmp_path.iterdir()] == ["page.md"]


# Isolation: reads only under the root and the paths given, writes only its cache


def test_a_symlink_out_of_the_root_is_neither_linted_nor_indexed(tmp_path, monkeypatch):
    root, outside = tmp_path / "handbook", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (outside / "manager.md").write_text("---\ntitle: Manager, Data\n---\n\nTBD\n", encoding="utf-8")
    (root / "manager.md").symlink_to(outside / "manager.md")
    (outside / "folder").mkdir()
    (outside / "folder" / "page.md").write_text("TBD\n", encoding="utf-8")
    (root / "folder").symlink_to(outside / "folder")
    (root / "analyst.md").write_text(
        "---\ntitle: Data Analyst\n---\n\nThe Data Analyst reports to the Manager, Data.\n\n"
        "## Job Grade\n\nThe Data Analyst is a grade 6.\n",
        encoding="utf-8",
    )
    (root / ".jdlint.toml").write_text('select = ["JD2", "JD502"]\n', encoding="utf-8")
    monkeypatch.chdir(root)
    code, findings, stderr = check(".")
    assert code == 1
    assert [(c, line) for c, line, _, _ in findings] == [("JD502", 5)]  # the manager's page was not read
    assert stderr == ["jdlint: warning: manager.md: skipped: symbolic link to a file outside the handbook root"]
    code, _, stderr = run("ladder", "--no-cache", ".")
    assert code == 0
    assert stderr == ["jdlint: warning: manager.md: skipped: symbolic link to a file outside the handbook root"]


def test_a_run_writes_nothing_but_its_cache(handbook):
    outside = handbook.parent / "elsewhere"
    outside.mkdir()
    (outside / "page.md").write_text("TBD\n", encoding="utf-8")
    before = _snapshot(handbook.parent)
    code, _, stderr = finish(
        jdlint_process("check", "--config", ".jdlint.toml", ".", str(outside / "page.md"), cwd=handbook)
    )
    assert code == 1 and "Traceback" not in stderr
    after = _snapshot(handbook.parent)
    del before["handbook"], after["handbook"]  # the folder's time changes as the cache folder is made in it
    assert {path: state for path, state in after.items() if not path.startswith("handbook/.jdlint_cache")} == before
    assert {path for path in after if path.startswith("handbook/.jdlint_cache")} == {
        "handbook/.jdlint_cache",
        "handbook/.jdlint_cache/.gitignore",
        "handbook/.jdlint_cache/index.json",
    }


@pytest.mark.parametrize("planted", [".jdlint_cache", ".jdlint_cache/.gitignore", ".jdlint_cache/index.json"])
def test_a_symlink_planted_in_the_cache_folder_is_not_written_through(handbook, planted):
    """A checkout could hold `.jdlint_cache` (or a file in it) as a symlink to somewhere else."""
    elsewhere = handbook.parent / "elsewhere"
    elsewhere.mkdir()
    (handbook / ".jdlint_cache").mkdir()
    target = elsewhere if planted == ".jdlint_cache" else elsewhere / "target"
    if planted == ".jdlint_cache":
        (handbook / ".jdlint_cache").rmdir()
    (handbook / planted).symlink_to(target)
    reference = finish(jdlint_process("check", "--no-cache", "--output-format", "json", ".", cwd=handbook))
    assert finish(jdlint_process("check", "--output-format", "json", ".", cwd=handbook)) == reference
    assert list(elsewhere.iterdir()) == []


def test_nothing_in_a_page_or_the_config_is_executed(here):
    marker = here / "executed"
    (here / ".jdlint.toml").write_text(f'[profile.placeholders]\nshell = "$(touch {marker})"\n', encoding="utf-8")
    (here / "page.md").write_text(
        f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n\n'
        f'<%= system("touch {marker}") %>\n\n<% `touch {marker}` %>\n\n<script>fetch("x")</script>\n\n'
        f"```sh\ntouch {marker}\n```\n",
        encoding="utf-8",
    )
    code, _, stderr = run("check", "--no-cache", "page.md")
    assert code == 1 and stderr == [] and not marker.exists()
