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


def lint_handbook(root: Path, select: tuple[str, ...], targets: list[str] | None = None, use_cache: bool = False):
    from jdlint import config as configuration
    from jdlint.discover import discover
    from jdlint.engine import lint_paths

    paths = [root / t for t in targets] if targets else [root]
    settings = configuration.with_options(configuration.load(paths), select=select)
    report = lint_paths(discover(paths, settings.root), settings, use_cache=use_cache)
    return [(Path(d.path).name if d.path else d.path, d.line, d.code, d.message) for d in report.diagnostics]


@pytest.fixture
def handbook(tmp_path):
    def make(pages: dict[str, str]) -> Path:
        return write_handbook(tmp_path / "handbook", pages)

    return make


@pytest.fixture
def lint_tree():
    return lint_handbook
