"""A change reported where it breaks: pages not given whose findings the change since the last
commit causes (jdlint.breakage), as pre-commit runs jdlint on the changed files only."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jdlint import config as configuration
from jdlint.discover import discover
from jdlint.engine import lint_paths

# A VP whom two pages link to in their reports-to lines, a family of two directors, a manager the
# account executive's ladder names by title, and a page with an old broken link of its own.
PAGES = {
    "job-families/sales/vp-sales/index.html.md": """\
        ---
        title: VP, Sales
        ---

        The VP, Sales reports to the CEO.

        ## Job Grade

        The VP, Sales is a grade 12.
        """,
    "job-families/sales/account-executive/index.html.md": """\
        ---
        title: Account Executive
        ---

        The Account Executive reports to the [VP, Sales](/job-families/sales/vp-sales/).

        ## Job Grade

        The Account Executive is a grade 7.

        ## Career Ladder

        The next step is to move to the Manager, Sales job family.
        Account Executives may also move to the [Sales Engineering](/job-families/sales/sales-engineer/) job family.
        """,
    "job-families/sales/sales-director/index.html.md": """\
        ---
        title: Sales Director
        ---

        ## Levels

        ### Director, Sales

        The Director, Sales reports to the [VP, Sales](/job-families/sales/vp-sales/).

        #### Director, Sales Job Grade

        The Director, Sales is a grade 10.

        ### Senior Director, Sales

        The Senior Director, Sales reports to the [VP, Sales](/job-families/sales/vp-sales/).

        #### Senior Director, Sales Job Grade

        The Senior Director, Sales is a grade 11.
        """,
    "job-families/sales/sales-manager/index.html.md": """\
        ---
        title: Manager, Sales
        ---

        The Manager, Sales reports to the Director, Sales.

        ## Job Grade

        The Manager, Sales is a grade 8.
        """,
    "job-families/sales/sdr/index.html.md": """\
        ---
        title: Sales Development Representative
        ---

        The Sales Development Representative reports to the Director, Sales.

        ## Job Grade

        The Sales Development Representative is a grade 5.

        ## Career Ladder

        The next step is to move to the [Account Executive](/job-families/sales/account-exec/) job family.
        """,
}
VP = "job-families/sales/vp-sales/index.html.md"
MOVED_VP = "job-families/sales/vp-of-sales/index.html.md"
DIRECTORS = "job-families/sales/sales-director/index.html.md"
MANAGER = "job-families/sales/sales-manager/index.html.md"


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=root, check=True, capture_output=True, text=True).stdout


def commit_all(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "pages")
    return root


@pytest.fixture
def committed(handbook) -> Path:
    """The handbook above, committed to a git repository of its own."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return commit_all(handbook(PAGES))


def elsewhere(root: Path, targets: list[str], use_cache: bool = False) -> list[tuple[str, int, str]]:
    """(folder, line, code) of the findings of linting `targets` that are not in the targets."""
    paths = [root / target for target in targets]
    settings = configuration.load(paths)
    report = lint_paths(discover(paths, settings.root), settings, use_cache=use_cache)
    given = {os.path.relpath(path) for path in paths}
    return sorted((Path(d.path).parent.name, d.line, d.code) for d in report.diagnostics if d.path not in given)


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_renaming_a_managers_folder_reports_the_pages_linking_to_it(committed):
    git(committed, "mv", "job-families/sales/vp-sales", "job-families/sales/vp-of-sales")
    found = elsewhere(committed, [MOVED_VP])
    assert found == [
        ("account-executive", 5, "JD502"),
        ("sales-director", 9, "JD502"),
        ("sales-director", 17, "JD502"),
    ]


def test_an_old_defect_of_a_page_not_given_is_not_reported(committed):
    # The account executive's ladder and the SDR's each link to a page that never existed.
    git(committed, "mv", "job-families/sales/vp-sales", "job-families/sales/vp-of-sales")
    found = elsewhere(committed, [MOVED_VP])
    assert ("account-executive", 14, "JD401") not in found
    assert not [f for f in found if f[0] == "sdr"]


def test_deleting_a_managers_title_reports_the_pages_naming_it(committed):
    director = (
        "### Director, Sales\n\nThe Director, Sales reports to the [VP, Sales](/job-families/sales/vp-sales/).\n\n"
    )
    grade = "#### Director, Sales Job Grade\n\nThe Director, Sales is a grade 10.\n\n"
    edit(committed, DIRECTORS, director + grade, "")
    assert elsewhere(committed, [DIRECTORS]) == [("sales-manager", 5, "JD502"), ("sdr", 5, "JD502")]


def test_lowering_a_grade_reports_the_ladder_it_breaks(committed):
    edit(committed, MANAGER, "is a grade 8", "is a grade 7")
    assert elsewhere(committed, [MANAGER]) == [("account-executive", 13, "JD403")]


def test_deleting_a_page_reports_the_pages_that_name_it(committed):
    (committed / MANAGER).unlink()
    assert elsewhere(committed, ["job-families/sales/sdr/index.html.md"]) == [("account-executive", 13, "JD401")]


def test_deleting_an_excluded_page_breaks_nothing(handbook):
    # The index never held it: the account executive's ladder named no page before either.
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = handbook(PAGES)
    (root / ".jdlint.toml").write_text('exclude = ["job-families/sales/sales-manager"]\n', encoding="utf-8")
    commit_all(root)
    (root / MANAGER).unlink()
    assert elsewhere(root, ["job-families/sales/sdr/index.html.md"]) == []


def test_an_edit_that_moves_no_title_grade_or_url_checks_no_other_page(committed, monkeypatch):
    from jdlint import breakage

    monkeypatch.setattr(breakage, "_pages_to_check_again", lambda *args: pytest.fail("another page was checked"))
    edit(committed, VP, "The VP, Sales reports", "The VP, Sales leads the sales team.\n\nThe VP, Sales reports")
    assert elsewhere(committed, [VP]) == []


def test_a_hook_run_again_on_the_same_change_asks_git_for_no_old_version(committed, monkeypatch):
    from jdlint import breakage

    git(committed, "mv", "job-families/sales/vp-sales", "job-families/sales/vp-of-sales")
    first = elsewhere(committed, [MOVED_VP], use_cache=True)
    asked = lambda checkout, paths: pytest.fail(f"git was asked for {paths}") if paths else {}  # noqa: E731
    monkeypatch.setattr(breakage._Checkout, "versions_at_head", asked)
    assert elsewhere(committed, [MOVED_VP], use_cache=True) == first != []


@pytest.mark.parametrize("hook", [False, True])
def test_a_handbook_in_a_folder_of_a_larger_repository_is_judged_against_its_head(
    handbook, tmp_path, hook, monkeypatch
):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = handbook(PAGES)  # tmp_path/handbook
    (tmp_path / "README.md").write_text("# The site\n", encoding="utf-8")
    commit_all(tmp_path)
    git(root, "mv", "job-families/sales/vp-sales", "job-families/sales/vp-of-sales")
    if hook:  # git runs a hook with GIT_DIR relative to the top of the working tree
        monkeypatch.setenv("GIT_DIR", ".git")
    assert [found[0] for found in elsewhere(root, [MOVED_VP])] == [
        "account-executive",
        "sales-director",
        "sales-director",
    ]


def test_outside_a_git_checkout_only_the_given_pages_are_reported(handbook):
    root = handbook(PAGES)
    edit(root, MANAGER, "is a grade 8", "is a grade 7")
    assert elsewhere(root, [MANAGER]) == []


def jdlint(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "jdlint", *args], cwd=cwd, input=stdin, capture_output=True, text=True, env=environment
    )


def test_the_hook_fails_on_a_page_the_change_breaks_and_says_why(committed):
    git(committed, "mv", "job-families/sales/vp-sales", "job-families/sales/vp-of-sales")
    result = jdlint("check", MOVED_VP, "--select", "JD5", "--output-format", "concise", cwd=committed)
    assert result.returncode == 1
    assert "account-executive/index.html.md:5:" in result.stdout
    assert "the change breaks pages not given" in result.stderr


def test_standard_input_reports_only_its_own_findings(committed):
    text = (committed / MANAGER).read_text(encoding="utf-8").replace("is a grade 8", "is a grade 7")
    result = jdlint(
        "check", "-", "--stdin-filename", MANAGER, "--output-format", "json", "--no-cache", cwd=committed, stdin=text
    )
    assert {d["path"] for d in json.loads(result.stdout)} <= {MANAGER}


# Which rules are re-run on the pages a change may break


def whole_index(root: Path, use_cache: bool = False):
    from jdlint.engine import Report, read_handbook

    settings = configuration.load([root], root=root)
    return settings, read_handbook([], settings, use_cache=use_cache, report=Report())[0]


# Pages that name each other in every way a cross-file rule reads: a manager graded below the
# level, a next step no higher, one title graded twice, a family twice, a next step named by a
# level and a family's title only.
NAMING_EACH_OTHER = {
    "analyst.md": """\
        ---
        title: Data Analyst
        ---

        The Data Analyst reports to the Manager, Data.

        ## Job Grade

        The Data Analyst is a grade 6.

        ## Career Ladder

        The next step is to move to the Data Science job family.
        Analysts may also move to the Director, Data Platform job family.
        """,
    "manager.md": """\
        ---
        title: Manager, Data
        ---

        The Manager, Data is a grade 5.
        """,
    "science.md": """\
        ---
        title: Data Science
        ---

        ## Levels

        ### Junior Data Scientist

        The Junior Data Scientist is a grade 5.
        """,
    "science-copy.md": """\
        ---
        title: Data Science
        ---

        ## Levels

        ### Junior Data Scientist

        The Junior Data Scientist is a grade 5.
        """,
    "analyst-elsewhere.md": """\
        ---
        title: Data Analyst
        ---

        The Data Analyst is a grade 7.
        """,
    "platform.md": """\
        ---
        title: Data Platform
        ---

        ## Levels

        ### Director, Data Platform Engineering

        The Director, Data Platform Engineering is a grade 10.
        """,
}


@pytest.mark.parametrize("folder", ["seeds", "tests/fixtures/hugo", "naming each other"])
def test_rules_not_marked_cross_file_judge_a_page_by_itself(folder, handbook):
    """A rule that reads other pages without saying `cross_file=True` would miss the breakage a
    change causes through it: on pages that link and report to each other, the rules not so
    marked find the same against the whole handbook as against the page alone."""
    from jdlint.engine import lint_text
    from jdlint.rule import REGISTRY

    if folder == "naming each other":
        root = handbook(NAMING_EACH_OTHER)
    else:
        root = Path(__file__).resolve().parents[1] / folder
    settings, index = whole_index(root)
    rules = [rule for rule in REGISTRY if not rule.cross_file and not rule.by_engine]
    assert len(index.entries) > 3
    for path in index.entries:
        data = (root / path).read_bytes()
        alone, _ = lint_text(data, path, settings, rules)
        together, _ = lint_text(data, path, settings, rules, index)
        assert [(d.line, d.code) for d in alone] == [(d.line, d.code) for d in together], path


# The real pages, as a git repository: the page most others link to moves


def most_linked_page(root: Path) -> str:
    """The document the reporting lines and ladders of the most other pages link to."""
    from collections import Counter

    _, index = whole_index(root, use_cache=True)  # after a run: from the cache
    linked = Counter()
    for entry in index.entries.values():
        targets = {index.resolve_link(href, entry.path) for href in entry.referred_links}
        linked.update(t.path for t in targets if t.kind == "document" and t.path != entry.path)
    return linked.most_common(1)[0][0]


def move(root: Path, page: str) -> list[str]:
    """Rename `page`'s folder when it is the folder's own page, else its file, as `git mv` does;
    the paths of the documents moved."""
    folder, _, name = page.rpartition("/")
    if name.startswith(("index.", "_index.")):
        parent, _, leaf = folder.rpartition("/")
        git(root, "mv", folder, f"{parent}/moved-{leaf}")
        return sorted(p.relative_to(root).as_posix() for p in discover([root / parent / f"moved-{leaf}"], root))
    git(root, "mv", page, f"{folder}/moved-{name}")
    return [f"{folder}/moved-{name}"]


def places(root: Path, *args: str) -> set[tuple]:
    """(path, line, column, code) of the findings of the rules that read other pages."""
    from jdlint.rule import REGISTRY

    cross_file = ",".join(rule.code for rule in REGISTRY if rule.cross_file)
    found = json.loads(jdlint("check", *args, "--select", cross_file, "--output-format", "json", cwd=root).stdout)
    return {(d["path"], d["line"], d["column"], d["code"]) for d in found}


@pytest.mark.parametrize("corpus_fixture", ["corpus", "hugo_corpus"])
def test_moving_the_most_linked_page_of_the_corpus_is_caught(corpus_fixture, request, tmp_path):
    """The hook given the moved page reports, in the other pages, exactly the findings that a run
    over the whole handbook has after the move and did not have before."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    source = request.getfixturevalue(corpus_fixture)
    root = shutil.copytree(source.parent if source.name == "job-families" else source, tmp_path / "handbook")
    (root / ".jdlint.toml").write_text("", encoding="utf-8")
    commit_all(root)
    before = places(root, ".")
    moved = move(root, most_linked_page(root))
    caused = {found for found in places(root, *moved) if found[0] not in moved}
    expected = {found for found in places(root, ".") - before if found[0] not in moved}
    assert caused == expected != set()
