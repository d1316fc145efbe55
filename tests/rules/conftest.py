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
