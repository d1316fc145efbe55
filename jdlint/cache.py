"""The index entries of every document, on disk under the root, keyed by the document's bytes.

Like `.ruff_cache`: a folder that ignores itself in git. An entry is used only when the file's
content digest, jdlint's version and the profile are all the same as when it was written, so a
stale cache can cost time but never change a result. A cache that cannot be read is rebuilt; one
that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import fields
from pathlib import Path

from jdlint import __version__
from jdlint.handbook import Entry
from jdlint.profile import Profile

CACHE_DIRECTORY = ".jdlint_cache"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(profile: Profile) -> str:
    settings = {f.name: getattr(profile, f.name) for f in fields(profile)}
    return digest(f"{__version__}\n{json.dumps(settings, sort_keys=True)}".encode())


class IndexCache:
    def __init__(self, root: Path, profile: Profile) -> None:
        self.file = root / CACHE_DIRECTORY / "index.json"
        self.fingerprint = fingerprint(profile)
        self.stored = self._read()
        self.current: dict[str, dict] = {}

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("fingerprint") == self.fingerprint and isinstance(data.get("entries"), dict):
                return data["entries"]
        except (OSError, ValueError, AttributeError):
            pass
        return {}

    def get(self, path: str, content_digest: str) -> Entry | None:
        stored = self.stored.get(path)
        if not isinstance(stored, dict) or stored.get("digest") != content_digest:
            return None
        try:
            entry = Entry.from_json(stored["entry"])
        except (KeyError, TypeError, ValueError):
            return None
        self.current[path] = stored
        return entry

    def put(self, path: str, content_digest: str, entry: Entry) -> None:
        self.current[path] = {"digest": content_digest, "entry": entry.to_json()}

    def save(self) -> None:
        if self.current == self.stored:
            return
        payload = json.dumps({"fingerprint": self.fingerprint, "entries": self.current})
        try:
            self.file.parent.mkdir(exist_ok=True)
            ignore = self.file.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by jdlint\n*\n", encoding="utf-8")
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix="index.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
            os.replace(temporary, self.file)
        except OSError:
            pass  # a read-only checkout still lints, only slower next time
