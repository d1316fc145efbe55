"""Where the rules' documentation is published, for the formats that link a finding to it."""

from __future__ import annotations

import functools


@functools.cache
def home_page() -> str | None:
    """The project's home page as its package metadata declares it (`[project.urls]`), if it does."""
    from importlib import metadata

    try:
        urls = metadata.metadata("jdlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        _, _, url = entry.partition(",")
        if url.strip().startswith(("https://", "http://")):
            return url.strip()
    return None


def rule_url(code: str) -> str | None:
    """The rule's row in the rule table of the home page's README ("…#jd201", the anchor the table
    gives each row); None without a declared home page, and for a handbook's own rules, which
    `jdlint explain CODE` documents."""
    home = home_page()
    if home is None or not code.startswith("JD"):
        return None
    return f"{home.split('#')[0]}#{code.lower()}"
