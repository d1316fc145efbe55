"""Shared fixtures: the repository's seeds, the real corpus (skipped when absent), small helpers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO / ".." / "shared" / "corpus" / "gitlab-handbook"
HUGO_CORPUS = REPO / ".." / "shared" / "corpus" / "gitlab-hugo"


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def seed_file():
    """The path of seed `number` ("001")."""

    def find(number: str) -> Path:
        (path,) = SEEDS.glob(f"{number}_*.md")
        return path

    return find


@pytest.fixture
def corpus() -> Path:
    """The real handbook corpus (read-only), or a clean skip where it is not checked out."""
    if not (CORPUS / "job-families").is_dir():
        pytest.skip(f"corpus not found at {CORPUS.resolve()}")
    return CORPUS.resolve()


@pytest.fixture
def hugo_corpus() -> Path:
    """The real pages of today's Hugo layout (read-only, `content/job-families/…`), or a clean skip."""
    if not (HUGO_CORPUS / "content" / "job-families").is_dir():
        pytest.skip(f"corpus not found at {HUGO_CORPUS.resolve()}")
    return HUGO_CORPUS.resolve()


@pytest.fixture
def job_families(corpus: Path) -> Path:
    return corpus / "job-families"


# A page with every required section, and nothing any rule should flag. Its manager and its next
# step have their own page beside it, so cross-document rules find them.
CLEAN_PAGE = """\
---
title: Technical Writer
---

The Technical Writer writes the documentation of the product.

The Technical Writer reports to the Manager, Technical Writing.

## Job Grade

The Technical Writer is a grade 7.

## Responsibilities

- Write and review documentation for new features
- Keep the style guide up to date

## Requirements

- Ability to use GitLab
- Excellent written English

## Performance Indicators

- Documentation pages updated each release
- Review turnaround time
- Documentation feedback score

## Hiring Process

- A screening call with a recruiter
- An interview with the hiring manager

## Career Ladder

The next step for the Technical Writer job family is to move to the Manager, Technical Writing job family.
"""

MANAGER_PAGE = """\
---
title: Manager, Technical Writing
---

The Manager, Technical Writing is a grade 8.
"""


@pytest.fixture
def clean_page(tmp_path: Path) -> Path:
    """A clean page in a small handbook of its own (tmp_path), beside its manager's page."""
    (tmp_path / "manager-technical-writing.md").write_text(MANAGER_PAGE)
    path = tmp_path / "technical-writer.md"
    path.write_text(CLEAN_PAGE)
    return path


def write_handbook(root: Path, pages: dict[str, str]) -> Path:
    """A small handbook of GitLab's kind: `pages` maps paths under the root to Markdown; a
    `.jdlint.toml` marks the root and names the gitlab profile, which pages of a few lines may not
    show (tests/test_config.py tests the choice)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".jdlint.toml").write_text('profile = "gitlab"\n', encoding="utf-8")
    for relative, text in pages.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def handbook_diagnostics(root: Path, select: tuple[str, ...], targets: list[str] | None = None, use_cache=False):
    """The diagnostics of linting `targets` (default: all) of the handbook at `root`."""
    from jdlint import config as configuration
    from jdlint.discover import discover
    from jdlint.engine import lint_paths

    paths = [root / t for t in targets] if targets else [root]
    settings = configuration.with_options(configuration.load(paths), select=select)
    return lint_paths(discover(paths, settings.root), settings, use_cache=use_cache).diagnostics


def lint_handbook(root: Path, select: tuple[str, ...], targets: list[str] | None = None, use_cache: bool = False):
    diagnostics = handbook_diagnostics(root, select, targets, use_cache)
    return [(Path(d.path).name if d.path else d.path, d.line, d.code, d.message) for d in diagnostics]


@pytest.fixture
def handbook(tmp_path):
    def make(pages: dict[str, str]) -> Path:
        return write_handbook(tmp_path / "handbook", pages)

    return make


@pytest.fixture(scope="session")
def lint_tree():
    return lint_handbook


@pytest.fixture(scope="session")
def diagnose_tree():
    """`lint_tree` with whole diagnostics (fixes included)."""
    return handbook_diagnostics


# A family of today's Hugo layout: the family page `_index.md` with a level page beside it, and a
# single-page family elsewhere. `{reports}` and `{ladder}` are the level's reports-to line and the
# family's career ladder, so a test can link them as it needs.
HUGO_FAMILY = {
    "content/job-families/sales/ops/_index.md": """\
        ---
        title: Sales Operations
        description: The Sales Operations job family.
        ---

        ## Career Ladder

        {ladder}
        """,
    "content/job-families/sales/ops/senior.md": """\
        ---
        title: Senior Analyst, Sales Operations
        weight: 2
        ---

        {reports}

        ## Job Grade

        The Senior Analyst, Sales Operations is a grade 7.
        """,
    "content/job-families/sales/deal-desk.md": """\
        ---
        title: Deal Desk
        aliases:
          - /job-families/sales/desk/
        ---

        ## Levels

        ### Director, Deal Desk

        The Director, Deal Desk is a grade 10.
        """,
}


def hugo_handbook(root: Path, reports: str = "", ladder: str = "") -> Path:
    """The Hugo family above under `root`, its level reporting as `reports` says, its ladder `ladder`."""
    pages = {
        path: textwrap.dedent(text).replace("{reports}", reports).replace("{ladder}", ladder)
        for path, text in HUGO_FAMILY.items()
    }
    return write_handbook(root, pages)


@pytest.fixture
def hugo_tree(tmp_path):
    """Makes the Hugo handbook above, with the reports-to line and the ladder a test gives."""
    return lambda reports="", ladder="": hugo_handbook(tmp_path / "hugo", reports, ladder)


@pytest.fixture
def tree_diagnostics():
    return handbook_diagnostics
