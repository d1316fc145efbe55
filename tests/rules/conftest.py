"""Lint a page given as text, with the built-in profile, and return its diagnostics."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from jdlint.config import Config
from jdlint.engine import lint_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def lint_page(markdown: str, select: tuple[str, ...] = ("JD",), config: Config | None = None):
    config = config or Config(root=Path.cwd(), select=select)
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(textwrap.dedent(markdown).encode(), "page.md", config, rules)
    return diagnostics


def lint_seed(number: str, select: tuple[str, ...] = ("JD",)):
    (path,) = SEEDS.glob(f"{number}_*.md")
    config = Config(root=SEEDS, select=select)
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(path.read_bytes(), path.name, config, rules)
    return diagnostics


@pytest.fixture
def lint():
    return lint_page


@pytest.fixture
def seed():
    return lint_seed


def write_handbook(root: Path, pages: dict[str, str]) -> Path:
    """A small handbook: `pages` maps paths under the root to Markdown; a `.jdlint.toml` marks the root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".jdlint.toml").write_text("", encoding="utf-8")
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


@pytest.fixture
def lint_tree():
    return lint_handbook


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
