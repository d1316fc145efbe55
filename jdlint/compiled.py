"""What jdlint compiles from its regular expressions, kept between runs as Python keeps bytecode.

jdlint's rules and model use a few hundred regular expressions, some of them tries of a hundred
words. Python compiles each one again in every process, in Python code: about 45 ms of a run over
five pages, and as much in each worker of a larger run; reading the letters a match starts with
(`profile.quick_search`) parses many of them once more. What compiling gives (the expression's
code for the regex engine, its groups) is numbers and strings: `save` writes them, with what was
`remembered`, beside jdlint's bytecode, and `load` puts the expressions into `re`'s own cache,
where `re.compile` finds them without a change at any call site.

The file is one per interpreter and regex-engine version, like a `.pyc`; it is written only where
bytecode would be (not under PYTHONDONTWRITEBYTECODE), atomically, and only when a run compiled
or computed something it lacks. A file that cannot be read as expected is ignored: everything is
then compiled as usual. The regex engine checks the code it is given (an invalid one raises), so
a damaged file cannot make an expression match otherwise than its text says.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Callable
from typing import Any

MAX_PATTERNS = 2000  # past it, a run keeps only what it used: user patterns change, the file does not grow
_kept: dict[str, dict] = {"patterns": {}}  # table -> {key: value}; "patterns": (regex, flags) -> form
_added = False  # something was remembered that the file lacks


def remembered(table: str, key: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, computed once for `key` and kept between runs (`key` and the value of types
    marshal writes: strings, numbers, tuples, sets, None)."""
    global _added
    values = _kept.setdefault(table, {})
    if key not in values:
        values[key] = compute()
        _added = True
    return values[key]


def load() -> None:
    """Read what earlier runs kept, and put their expressions into `re`'s cache (once a process)."""
    import _sre

    if any(_kept.values()):
        return
    try:
        with open(_file(), "rb") as file:
            kept = marshal.loads(file.read())  # marshal.load(file) reads in small pieces: 20 times slower
        for key, form in kept["patterns"].items():
            pattern, flags = key
            re._cache[str, pattern, flags] = _sre.compile(pattern, *form)  # the key re._compile looks up
        _kept.update(kept)
    except Exception:  # noqa: BLE001 - missing, damaged, another version's: compile as usual
        _kept.clear()
        _kept["patterns"] = {}


def save() -> None:
    """Write what is kept when this run added to it: the expressions now in `re`'s cache among it."""
    if sys.dont_write_bytecode:
        return
    patterns = _kept["patterns"]
    used = [(p, flags) for kind, p, flags in list(re._cache) if kind is str and not flags & re.DEBUG]
    new = [key for key in used if key not in patterns]
    if not (new or _added):
        return
    try:
        patterns.update({key: _compiled_form(*key) for key in new})
        if len(patterns) > MAX_PATTERNS:
            _kept["patterns"] = {key: patterns[key] for key in used}
        path = _file()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        partial = f"{path}.{os.getpid()}"
        with open(partial, "wb") as file:
            file.write(marshal.dumps(_kept))
        os.replace(partial, path)  # a run reading it meanwhile sees the old file or the new one
    except Exception:  # noqa: BLE001 - unwritable, or a value marshal cannot write: keep nothing
        return


def _file() -> str:
    import _sre

    folder = os.path.dirname(os.path.abspath(__file__))
    if sys.pycache_prefix:
        folder = os.path.join(sys.pycache_prefix, folder.lstrip(os.sep))
    else:
        folder = os.path.join(folder, "__pycache__")
    return os.path.join(folder, f"compiled.{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal")


def _compiled_form(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile hands the regex engine for `pattern`, after the pattern itself,
    as plain numbers and strings."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
