"""Regular expressions and what is read from them, kept between runs (jdlint.compiled)."""

import os
import re
import subprocess
import sys
import textwrap

PATTERNS = [
    (r"(?P<title>[A-Z]\w+)(?:,\s+(?P<area>\w+))?", 0),
    (r"\breports?\s+to\b", re.IGNORECASE),
    (r"(?i)grade\s+(\d+)", 0),
    (r"^#{1,6}\s", re.MULTILINE),
    (r"(?<![a-z])(?:a(?:ctive|mbitious)|b(?:old|rave))", re.IGNORECASE | re.ASCII),
]
TEXT = "Grade 8: The Manager, Sales reports to the Director.\n## Active and bold, Ambitious"


def in_python(tmp_path, code: str, **environment) -> str:
    """Run `code` in a fresh interpreter whose kept file lies under tmp_path."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"), **environment}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(environment)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


COMPILE_AND_SAVE = f"""
    import re
    from jdlint import compiled
    compiled.load()
    for pattern, flags in {PATTERNS!r}:
        re.compile(pattern, flags)
    compiled.remembered("squares", 3, lambda: 9)
    compiled.save()
"""


def kept_files(tmp_path):
    return [name for _, _, names in os.walk(tmp_path / "pycache") for name in names if name.endswith(".marshal")]


def test_expressions_kept_by_one_run_are_taken_from_re_cache_by_the_next_and_match_alike(tmp_path):
    in_python(tmp_path, COMPILE_AND_SAVE)
    shown = in_python(
        tmp_path,
        f"""
        import re
        from re import _compiler
        from jdlint import compiled
        compiled.load()
        for pattern, flags in {PATTERNS!r}:
            kept, fresh = re.compile(pattern, flags), _compiler.compile(pattern, flags)
            assert kept is re._cache[str, pattern, flags] and kept is not fresh
            assert (kept.flags, kept.groups, kept.groupindex) == (fresh.flags, fresh.groups, fresh.groupindex)
            found = lambda p: [(m.span(), m.groups()) for m in p.finditer({TEXT!r})]
            assert found(kept) == found(fresh), pattern
        print(compiled.remembered("squares", 3, lambda: 0))
        """,
    )
    assert shown == "9\n"


def test_a_damaged_file_is_ignored_and_expressions_compile_as_usual(tmp_path):
    in_python(tmp_path, COMPILE_AND_SAVE)
    (name,) = kept_files(tmp_path)
    path = next((tmp_path / "pycache").rglob(name))
    data = bytearray(path.read_bytes())
    data[len(data) // 2 :] = b"\x00" * (len(data) - len(data) // 2)
    path.write_bytes(bytes(data))
    shown = in_python(
        tmp_path,
        """
        import re
        from jdlint import compiled
        compiled.load()
        print(re.compile(r"\\breports?\\s+to\\b", re.I).search("She Reports to him").group())
        """,
    )
    assert shown == "Reports to\n"


def test_invalid_code_for_the_regex_engine_is_refused_not_run(tmp_path):
    in_python(tmp_path, COMPILE_AND_SAVE)
    shown = in_python(
        tmp_path,
        f"""
        import marshal, pathlib, re
        from jdlint import compiled
        path = pathlib.Path(compiled._file())
        kept = marshal.loads(path.read_bytes())
        key = {PATTERNS[0]!r}
        flags, code, *rest = kept["patterns"][key]
        kept["patterns"] = {{key: (flags, [17, 3, 99, 1], *rest)}}
        path.write_bytes(marshal.dumps(kept))
        compiled.load()
        print((str, *key) in re._cache, compiled.remembered("squares", 3, lambda: 0))
        """,
    )
    assert shown == "False 0\n"


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path):
    in_python(tmp_path, COMPILE_AND_SAVE, PYTHONDONTWRITEBYTECODE="1")
    assert kept_files(tmp_path) == []
