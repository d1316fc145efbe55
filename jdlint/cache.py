"""The index entries of every document, and the findings of the last run on each, on disk under
the root, keyed by content: the document's bytes, and for findings also every document's bytes
and the rule settings.

Like `.ruff_cache`: a folder that ignores itself in git. An entry is used only when the file's
content digest, jdlint's own source code and the profile are all the same as when it was written,
so a stale cache can cost time but never change a result. A cache that cannot be read is rebuilt; one
that cannot be written is skipped. Its first line is the digest of the rest: a cache cut short,
garbled or edited by hand is ignored as a whole, never half believed.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from jdlint import __version__

try:  # hashlib's blake2b without hashlib, whose import loads OpenSSL's algorithms: a sixth of `python -c pass`
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without CPython's built-in module
    from hashlib import blake2b

if TYPE_CHECKING:
    from jdlint.handbook import Entry
    from jdlint.profile import Profile

CACHE_DIRECTORY = ".jdlint_cache"
FORMAT = 6  # of the entries and findings stored; a cache of another format is rebuilt
RACY_NS = 2_000_000_000  # a file modified this close before a run is hashed again by the next


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def source_files() -> list[Path]:
    """jdlint's own source, wherever it is installed: the package and its rules (a folder of their
    own in a checkout installed in editable mode)."""
    from importlib.util import find_spec

    rules = find_spec("jdlint.rules")  # finds the folder without importing the rules
    folders = {Path(__file__).parent, *map(Path, rules.submodule_search_locations if rules else ())}
    return sorted({path for folder in folders for path in _sources_under(folder)})


def _sources_under(folder: Path) -> list[Path]:
    found = []
    for entry in os.scandir(folder):
        if entry.is_dir() and entry.name != "__pycache__":
            found += _sources_under(Path(entry.path))
        elif entry.name.endswith((".py", ".toml")):
            found.append(Path(entry.path))
    return found


def code_digest() -> str:
    """A digest of jdlint's source files by path, size and modification time: a run of changed
    code (a rule edited in a checkout, another build or install of the same version) never takes
    the findings of another from the cache. Stamps, not content: about 50 files are looked at on
    every run, and an edit, a checkout or an install gives a file a new time."""
    hashed = blake2b(digest_size=16)
    for path in source_files():
        status = path.stat()
        hashed.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return hashed.hexdigest()


def fingerprint(profile: Profile) -> str:
    settings = {f.name: getattr(profile, f.name) for f in fields(profile)}
    return digest(f"{__version__}\n{code_digest()}\n{FORMAT}\n{json.dumps(settings, sort_keys=True)}".encode())


class IndexCache:
    def __init__(self, root: Path, profile: Profile) -> None:
        self.file = root / CACHE_DIRECTORY / "index.json"
        self.fingerprint = fingerprint(profile)
        self.started = time.time_ns()  # before this run reads any document
        self.trusted_before = 0  # a file modified since cannot be known by its size and time alone
        self.stored = self._read()
        self.current: dict[str, dict] = {}

    def _read(self) -> dict[str, dict]:
        if self._leads_elsewhere():
            return {}
        try:
            checksum, _, payload = self.file.read_bytes().partition(b"\n")
            if checksum != digest(payload).encode():
                return {}
            data = json.loads(payload)
            if data.get("fingerprint") == self.fingerprint and isinstance(data.get("entries"), dict):
                self.trusted_before = int(data.get("started", 0)) - RACY_NS
                return data["entries"]
        except (OSError, ValueError, AttributeError, TypeError):
            pass
        return {}

    def known_digest(self, path: str, stamp: tuple[int, int]) -> str | None:
        """The stored digest of `path` when its size and modification time are those it had when
        it was hashed, and it was not modified within RACY_NS of that run's start (the same size
        written twice within one tick of the file system's clock would not show), as git's index
        and ruff's cache judge files; otherwise None, and the file is read and hashed."""
        stored = self.stored.get(path)
        if not isinstance(stored, dict) or stored.get("stamp") != list(stamp) or stamp[1] >= self.trusted_before:
            return None
        known = stored.get("digest")
        return known if isinstance(known, str) else None

    def get(self, path: str, content_digest: str, stamp: tuple[int, int] | None = None) -> str | None:
        """The stored entry of `path` when its content is `content_digest`, as the JSON text the
        file holds it in: it is decoded (`entry_from_text`) only when the index is built, which a
        run answered from the cache never does. Each entry and each page's findings is a text of
        its own in the file, so that reading the cache decodes those a run needs, not every page's."""
        stored = self.stored.get(path)
        if not isinstance(stored, dict) or stored.get("digest") != content_digest:
            return None
        if not isinstance(stored.get("entry"), str):
            return None
        self.current[path] = {**stored, "stamp": list(stamp) if stamp else None}
        return stored["entry"]

    def stored_entry(self, path: str, content_digest: str) -> Entry | None:
        """The entry the last run stored for `path`, if it was of this content; kept for this run
        only by `get`. A page's version before a change is often known so, without parsing it."""
        stored = self.stored.get(path)
        if not isinstance(stored, dict) or stored.get("digest") != content_digest:
            return None
        try:
            return entry_from_text(stored["entry"])
        except (KeyError, ValueError):
            return None

    def put(self, path: str, content_digest: str, entry: Entry, stamp: tuple[int, int] | None = None) -> None:
        self.current[path] = {
            "digest": content_digest,
            "entry": json.dumps(entry.to_json()),
            "stamp": list(stamp) if stamp else None,
        }

    def entry_at_head(self, path: str, blob: str) -> Entry | None:
        """The entry of `path` as the last commit has it (git's blob id `blob`), if a run recorded it
        (see `jdlint.breakage`): a hook run again on the same change parses no old version."""
        record = self.stored.get(path)
        head = record.get("head") if isinstance(record, dict) else None
        if not isinstance(head, dict) or head.get("blob") != blob:
            return None
        from jdlint.handbook import Entry

        try:
            entry = Entry.from_json(head["entry"])
        except (KeyError, TypeError, ValueError):
            return None
        self.put_entry_at_head(path, blob, entry)
        return entry

    def put_entry_at_head(self, path: str, blob: str, entry: Entry) -> None:
        """Record the entry of `path` at the last commit, beside its entry now (a deleted page has
        only this one)."""
        self.current[path] = {**self.current.get(path, {}), "head": {"blob": blob, "entry": entry.to_json()}}

    def results(self, path: str, key: str) -> list[dict] | None:
        """The diagnostics of `path` computed under `key` (its content, the whole handbook's
        content and the rule settings), if a run stored them."""
        stored = self.current.get(path, {})
        if stored.get("results_key") != key or not isinstance(stored.get("results"), str):
            return None
        try:
            diagnostics = json.loads(stored["results"])
        except ValueError:
            return None
        return diagnostics if isinstance(diagnostics, list) else None

    def put_results(self, path: str, key: str, diagnostics: list[dict]) -> None:
        if path in self.current:
            self.current[path] = {**self.current[path], "results_key": key, "results": json.dumps(diagnostics)}

    def _leads_elsewhere(self) -> bool:
        """A cache folder or file that is a symlink (a checkout can hold one) is neither read nor
        written: jdlint writes nothing outside the root."""
        return self.file.parent.is_symlink() or self.file.is_symlink()

    def save(self) -> None:
        if self.current == self.stored:
            return
        import tempfile  # only a run that changed the cache writes it

        payload = json.dumps({"fingerprint": self.fingerprint, "started": self.started, "entries": self.current})
        try:
            self.file.parent.mkdir(exist_ok=True)
            if self._leads_elsewhere():
                return
            ignore = self.file.parent / ".gitignore"
            if not ignore.exists() and not ignore.is_symlink():
                ignore.write_text("# Created by jdlint\n*\n", encoding="utf-8")
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix="index.", suffix=".tmp")
        except OSError:
            return  # a read-only checkout still lints, only slower next time
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(f"{digest(payload.encode())}\n{payload}")
            os.replace(temporary, self.file)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def entry_from_text(text: str) -> Entry:
    """An entry as `IndexCache.get` gives it; ValueError when the text is no entry."""
    from jdlint.handbook import Entry

    try:
        return Entry.from_json(json.loads(text))
    except (KeyError, TypeError) as error:
        raise ValueError(f"not an index entry: {error}") from None
