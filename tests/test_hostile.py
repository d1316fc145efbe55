"""Hostile input (design.md section 7, issue 9): whatever lands in a repository, jdlint says what it
could not lint, never crashes, never hangs, and never changes a file it was not asked to fix."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from jdlint.config import Config
from jdlint.engine import lint_text

CONFIG = Config(root=Path("."))
RULES = [rule for rule in CONFIG.enabled_rules() if not rule.by_engine]
FRONT_MATTER = "---\ntitle: Senior Analyst\nlayout: job_family_page\n---\n\n"


# Time: reading and every rule are linear in the page. Each case was super-linear once (the
# input of the larger size took minutes to hours); a quadratic one takes 16 times as long at four
# times the size, a linear one 4 times.


def _seconds(data: bytes) -> float:
    """The best of three runs of reading and checking `data` with every rule."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        start = time.perf_counter()
        diagnostics, _ = lint_text(data, "page.md", CONFIG, RULES)
        best = min(best, time.perf_counter() - start)
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
    small, large = (_seconds(("Caf\u00e9 " * n + "\n").encode("latin-1") * 4) for n in (1000, 4000))
    assert large < 9 * max(small, 0.005), f"{small:.3f} s, then {large:.3f} s at four times the size"
