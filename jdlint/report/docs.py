"""Where the rules' documentation is published, for the formats that link a finding to it."""

from __future__ import annotations

import functools
import os
import sys

METADATA_FILES = ("METADATA", "PKG-INFO")  # in a .dist-info folder, in an .egg-info folder


@functools.cache
def home_page() -> str | None:
    """The project's home page as its package metadata declares it (`[project.urls]`), if it does."""
    for header in _metadata_headers():
        name, _, value = header.partition(":")
        if name.strip().lower() == "project-url":
            _, _, url = value.partition(",")
            if url.strip().startswith(("https://", "http://")):
                return url.strip()
    return None


def _metadata_headers() -> list[str]:
    """The header lines of jdlint's installed metadata, from the first folder of sys.path that
    holds it, as importlib.metadata finds it; [] when jdlint is not installed. Read here, not by
    importlib.metadata: importing it (and the email package it parses with) takes a sixth of a
    one-file run with a warm cache, to read one header."""
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:  # a zip file, or a folder gone
            continue
        for name in names:
            stem, _, suffix = name.rpartition(".")
            if suffix in ("dist-info", "egg-info") and stem.partition("-")[0].lower() == "jdlint":
                for metadata in METADATA_FILES:
                    try:
                        with open(os.path.join(folder or ".", name, metadata), encoding="utf-8") as handle:
                            text = handle.read()
                    except OSError:
                        continue
                    return text.partition("\n\n")[0].splitlines()
    return []


def rule_url(code: str) -> str | None:
    """The rule's row in the rule table of the home page's README ("…#jd201", the anchor the table
    gives each row); None without a declared home page, and for a handbook's own rules, which
    `jdlint explain CODE` documents."""
    home = home_page()
    if home is None or not code.startswith("JD"):
        return None
    return f"{home.split('#')[0]}#{code.lower()}"
