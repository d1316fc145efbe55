"""Shared fixtures: the repository's seeds, the real corpus (skipped when absent), small helpers."""

from __future__ import annotations

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
