from __future__ import annotations

import os
from pathlib import Path

import pytest

from jdlint.discover import HugoSite, discover, documents_under, front_matter_layout, hugo_site


def make(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("# T\n", encoding="utf-8")


def test_documents_come_depth_first_in_name_order(tmp_path):
    make(tmp_path, ["b.md", "a/z.md", "a/b/c.md", "a/a.markdown", "c.md.erb", "notes.txt", ".hidden/x.md"])
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path], tmp_path)]
    assert found == ["b.md", "c.md.erb", "a/a.markdown", "a/z.md", "a/b/c.md"]


def test_real_paths_are_known_without_resolving_each_file(tmp_path):
    make(tmp_path / "real", ["a.md", "sub/b.md"])
    os.symlink(tmp_path / "real", tmp_path / "link")
    os.symlink(tmp_path / "real" / "sub" / "b.md", tmp_path / "real" / "c.md")
    found = documents_under(tmp_path / "link", tmp_path / "link")
    assert found == {
        tmp_path / "link" / "a.md": tmp_path / "real" / "a.md",
        tmp_path / "link" / "c.md": tmp_path / "real" / "sub" / "b.md",
        tmp_path / "link" / "sub" / "b.md": tmp_path / "real" / "sub" / "b.md",
    }
    assert all(Path(os.path.realpath(path)) == real for path, real in found.items())


# Hugo sites


@pytest.mark.parametrize("config", ["hugo.toml", "hugo.yaml", "config.toml", "config/_default/hugo.toml"])
def test_a_root_with_a_hugo_config_beside_content_is_the_whole_site(tmp_path, config):
    make(tmp_path, ["content/job-families/sales/_index.md", config])
    assert hugo_site(tmp_path) == HugoSite("content")


def test_a_root_inside_a_sites_content_publishes_at_its_folder(tmp_path):
    make(tmp_path, ["content/job-families/sales/_index.md", "hugo.yaml"])
    assert hugo_site(tmp_path / "content" / "job-families") == HugoSite("", "job-families")


@pytest.mark.parametrize("names", [["content/a.md"], ["hugo.toml", "pages/a.md"]])
def test_without_both_a_hugo_config_and_content_there_is_no_site(tmp_path, names):
    make(tmp_path, names)
    assert hugo_site(tmp_path) == HugoSite()


def _git_repository(root: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=root, check=True)


def test_files_git_ignores_are_not_found(tmp_path):
    make(tmp_path, ["page.md", "generated/out.md", "notes/keep.md", "notes/scratch.md"])
    (tmp_path / ".gitignore").write_text("generated/\n", encoding="utf-8")
    (tmp_path / "notes" / ".gitignore").write_text("scratch.md\n", encoding="utf-8")
    _git_repository(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path], tmp_path)]
    assert found == ["page.md", "notes/keep.md"]


def test_git_asked_at_the_start_of_a_run_is_never_left_running(tmp_path, monkeypatch):
    from jdlint.config import load
    from jdlint.discover import GitRun
    from jdlint.engine import lint_paths

    make(tmp_path, ["page.md", "other.md"])
    (tmp_path / ".jdlint.toml").write_text("", encoding="utf-8")
    _git_repository(tmp_path)
    monkeypatch.chdir(tmp_path)
    config = load([tmp_path / "page.md"], None, None, None)
    lint_paths([tmp_path / "page.md"], config)  # the diff is read: another page may break
    assert GitRun.started == {}
    lint_paths([tmp_path / "page.md", tmp_path / "other.md"], config)  # every page a target: it is not
    assert GitRun.started == {}


def test_gitignore_is_not_consulted_when_told_not_to(tmp_path):
    make(tmp_path, ["page.md", "generated/out.md"])
    (tmp_path / ".gitignore").write_text("generated/\n", encoding="utf-8")
    _git_repository(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path], tmp_path, gitignore=False)]
    assert found == ["page.md", "generated/out.md"]


def test_only_included_documents_are_found_in_a_directory(tmp_path):
    make(tmp_path, ["README.md", "job-families/sales/manager.md"])
    found = discover([tmp_path], tmp_path, include=lambda relative, path: relative.startswith("job-families/"))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["job-families/sales/manager.md"]


def test_a_named_file_is_found_whatever_include_and_exclude_say(tmp_path):
    make(tmp_path, ["README.md", "drafts/offer.md"])
    named = [tmp_path / "README.md", tmp_path / "drafts" / "offer.md"]
    assert discover(named, tmp_path, ("drafts",), include=lambda relative, path: False) == named


def test_force_exclude_leaves_out_named_files_as_a_directory_search_would(tmp_path):
    make(tmp_path, ["README.md", "drafts/offer.md", "job-families/a.md"])
    named = [tmp_path / "README.md", tmp_path / "drafts" / "offer.md", tmp_path / "job-families" / "a.md"]
    found = discover(
        named, tmp_path, ("drafts",), include=lambda relative, path: relative != "README.md", force_exclude=True
    )
    assert found == [tmp_path / "job-families" / "a.md"]


def test_missing_paths_are_collected_when_asked(tmp_path):
    make(tmp_path, ["a.md"])
    missing: list[Path] = []
    found = discover([tmp_path / "nope.md", tmp_path / "a.md"], tmp_path, missing=missing)
    assert (found, missing) == ([tmp_path / "a.md"], [tmp_path / "nope.md"])


def test_front_matter_layout_is_read_without_parsing(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\nlayout: 'job_family_page'\n---\nlayout: other\n", encoding="utf-8")
    assert front_matter_layout(page) == "job_family_page"


def test_a_layout_in_the_body_is_no_front_matter_layout(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\n---\nlayout: job_family_page\n", encoding="utf-8")
    assert front_matter_layout(page) == ""


def test_force_exclude_leaves_out_named_files_git_ignores(tmp_path):
    make(tmp_path, ["page.md", "generated/out.md"])
    (tmp_path / ".gitignore").write_text("generated/\n", encoding="utf-8")
    _git_repository(tmp_path)
    named = [tmp_path / "generated" / "out.md", tmp_path / "page.md"]
    assert discover(named, tmp_path, force_exclude=True) == [tmp_path / "page.md"]
