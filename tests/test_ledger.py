"""The judged ledger of corpus findings (tests/ledger/verdicts.tsv) keeps jdlint's precision: a
finding judged false must not come back, one judged true must not disappear. The findings are
those jdlint reports when the test runs, on each corpus of ../shared/corpus that is present."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import ledger  # noqa: E402


@pytest.fixture(scope="session", params=ledger.CORPUS_NAMES)
def corpus_findings(request) -> tuple[str, list]:
    """Today's findings on one corpus, linted once per session as its own root, no cache."""
    folder = ledger.corpus_folder(ledger.CORPORA, request.param)
    if folder is None:
        pytest.skip(f"corpus not found at {(ledger.CORPORA / request.param).resolve()}")
    return request.param, ledger.lint_corpus(request.param, folder)


def _regressions(corpus: str, findings: list):
    rows = [row for row in ledger.read_rows(ledger.LEDGER) if row.corpus == corpus]
    unfixed = {identity for identity in ledger.read_unfixed(ledger.UNFIXED) if identity[0] == corpus}
    return ledger.regressions(rows, findings, unfixed)


def test_no_finding_judged_false_comes_back(corpus_findings):
    corpus, findings = corpus_findings
    found = _regressions(corpus, findings)
    if found.came_back:
        pytest.fail(ledger.describe(ledger.Regressions(found.came_back, [], []), findings), pytrace=False)


def test_every_finding_judged_true_is_still_reported(corpus_findings):
    corpus, findings = corpus_findings
    found = _regressions(corpus, findings)
    if found.vanished:
        pytest.fail(ledger.describe(ledger.Regressions([], found.vanished, []), findings), pytrace=False)


def test_fixed_false_positives_leave_the_unfixed_list(corpus_findings):
    corpus, findings = corpus_findings
    found = _regressions(corpus, findings)
    if found.fixed:
        pytest.fail(ledger.describe(ledger.Regressions([], [], found.fixed), findings), pytrace=False)


# The ledger file itself


def test_the_ledger_is_well_formed():
    rows = ledger.read_rows(ledger.LEDGER)  # raises, listing every malformed line
    assert ledger.duplicates(rows) == [], "one row per (corpus, path, line, code, key)"


def test_every_unfixed_false_positive_is_judged_false_in_the_ledger():
    judged_false = {row.identity for row in ledger.read_rows(ledger.LEDGER) if row.verdict == "false"}
    assert sorted(ledger.read_unfixed(ledger.UNFIXED) - judged_false) == []


# How findings meet rows


def test_the_key_is_the_first_quoted_text_of_the_message():
    message = 'manager "Manager, Data" is not a title in the handbook; did you mean "Manager, Data Science"?'
    assert ledger.key_of(message) == "Manager, Data"
    assert ledger.key_of("the page has no reports-to line") == "-"


def _row(verdict: str, line: int = 9) -> object:
    return ledger.Row("gitlab-hugo", "content/a.md", line, "JD502", "Boss", verdict, "a reason")


def _finding(line: int = 9) -> object:
    return ledger.Finding("gitlab-hugo", "content/a.md", line, "JD502", 'manager "Boss" is not a title')


def test_a_false_finding_reported_again_is_a_regression():
    assert ledger.regressions([_row("false")], [_finding()], set()).came_back == [_row("false")]


def test_a_false_finding_not_fixed_yet_is_no_regression_until_it_is_fixed():
    unfixed = {_row("false").identity}
    assert not ledger.regressions([_row("false")], [_finding()], unfixed)
    assert ledger.regressions([_row("false")], [], unfixed).fixed == [_row("false").identity]


def test_a_true_finding_that_moved_is_reported_with_where_it_is_now():
    found = ledger.regressions([_row("true")], [_finding(line=12)], set())
    assert found.vanished == [_row("true")]
    assert "a reason" in ledger.describe(found, [_finding(line=12)])
    assert "now content/a.md:12" in ledger.describe(found, [_finding(line=12)])


def test_debatable_rows_are_not_asserted():
    assert not ledger.regressions([_row("debatable")], [_finding()], set())
    assert not ledger.regressions([_row("debatable")], [], set())


def test_a_fixed_false_positive_no_longer_counts_against_the_precision():
    unfixed_row = ledger.Row("gitlab-hugo", "content/b.md", 3, "JD502", "Boss", "false", "a reason")
    rows = [_row("true"), _row("false", line=10), unfixed_row, _row("debatable", line=11)]
    counts = ledger.verdict_counts(rows, {unfixed_row.identity})
    assert counts == {"JD502": {"true": 1, "false": 1, "fixed": 1, "debatable": 1}}


@pytest.mark.parametrize(
    ("true", "false", "shown"),
    [(19, 1, "95 % (19/20)"), (2, 1, "66 % (2/3)"), (0, 0, "–"), (4, 0, "100 % (4/4)")],
)
def test_precision_is_rounded_down_and_a_dash_when_nothing_is_judged(true, false, shown):
    assert ledger.precision(true, false) == shown


# The script's commands, on a small corpus of their own


PAGE = """\
---
title: Data Analyst
---

The Data Analyst reports to the Boss, Nobody.

The Data Analyst is a grade 6.
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "gitlab-hugo").mkdir()
    (tmp_path / "gitlab-hugo" / "analyst.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "verdicts.tsv").write_text("\t".join(ledger.COLUMNS) + "\n", encoding="utf-8")
    return tmp_path


def _run(workspace: Path, *args: str) -> int:
    options = ["--ledger", str(workspace / "verdicts.tsv"), "--unfixed", str(workspace / "unfixed.tsv")]
    return ledger.main([*options, "--corpora", str(workspace), *args])


def test_unjudged_lists_a_finding_with_the_lines_around_it(workspace, capsys):
    assert _run(workspace, "unjudged", "--rule", "JD502") == 0
    shown = capsys.readouterr().out
    assert "gitlab-hugo\tanalyst.md\t5\tJD502\tBoss, Nobody" in shown
    assert ">    5 | The Data Analyst reports to the Boss, Nobody." in shown
    assert "    2 | title: Data Analyst" in shown and "    8 |" not in shown


def _judged(workspace: Path, verdict: str) -> Path:
    judged = workspace / "judged.tsv"
    row = ["gitlab-hugo", "analyst.md", "5", "JD502", "Boss, Nobody", verdict, "no such title anywhere"]
    judged.write_text("\t".join(ledger.COLUMNS) + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    return judged


def test_a_judged_finding_is_no_longer_unjudged(workspace, capsys):
    assert _run(workspace, "add", str(_judged(workspace, "true"))) == 0
    assert _run(workspace, "unjudged", "--rule", "JD502", "--tsv") == 0
    assert capsys.readouterr().out.splitlines() == ["\t".join(ledger.COLUMNS)]


def test_add_records_a_false_positive_still_reported_as_unfixed(workspace):
    assert _run(workspace, "add", str(_judged(workspace, "false"))) == 0
    assert ledger.read_unfixed(workspace / "unfixed.tsv") == {("gitlab-hugo", "analyst.md", 5, "JD502", "Boss, Nobody")}


def test_add_rejects_a_malformed_row_and_writes_nothing(workspace, capsys):
    before = (workspace / "verdicts.tsv").read_text(encoding="utf-8")
    assert _run(workspace, "add", str(_judged(workspace, "wrong"))) == 2
    assert "verdict 'wrong'" in capsys.readouterr().err
    assert (workspace / "verdicts.tsv").read_text(encoding="utf-8") == before


def test_add_rejects_a_verdict_that_contradicts_the_ledger(workspace, capsys):
    assert _run(workspace, "add", str(_judged(workspace, "true"))) == 0
    assert _run(workspace, "add", str(_judged(workspace, "false"))) == 2
    assert "false here, true in the ledger" in capsys.readouterr().err


def test_add_skips_rows_left_blank_and_rows_already_there(workspace, capsys):
    judged = _judged(workspace, "true")
    with judged.open("a", encoding="utf-8") as out:
        out.write("gitlab-hugo\tanalyst.md\t7\tJD302\t-\t\t\n")
    assert _run(workspace, "add", str(judged)) == 0
    assert _run(workspace, "add", str(judged)) == 0
    assert [row.line for row in ledger.read_rows(workspace / "verdicts.tsv")] == [5]
    assert "added 0 rows (1 already there)" in capsys.readouterr().err


def test_findings_sharing_a_key_judged_alike_are_one_row_with_both_reasons():
    (row,) = ledger.merged([_row("true"), ledger.Row(*_row("true").identity, "true", "another reason")])
    assert (row.verdict, row.reason) == ("true", "a reason / another reason")


def test_findings_sharing_a_key_judged_differently_are_one_debatable_row():
    (row,) = ledger.merged([_row("true"), ledger.Row(*_row("true").identity, "false", "not so")])
    assert row.verdict == "debatable" and "true: a reason" in row.reason and "false: not so" in row.reason


def test_prune_forgets_a_false_positive_once_it_is_fixed(workspace):
    assert _run(workspace, "add", str(_judged(workspace, "false"))) == 0
    page = workspace / "gitlab-hugo" / "analyst.md"
    page.write_text(PAGE.replace("The Data Analyst reports to the Boss, Nobody.\n", ""), encoding="utf-8")
    assert _run(workspace, "prune") == 0
    assert ledger.read_unfixed(workspace / "unfixed.tsv") == set()


def test_stats_gives_each_rule_its_findings_and_precision(workspace, capsys):
    assert _run(workspace, "add", str(_judged(workspace, "true"))) == 0
    assert _run(workspace, "stats") == 0
    (jd502,) = [line.split() for line in capsys.readouterr().out.splitlines() if line.lstrip().startswith("JD502")]
    # found, unjudged, judged, true, false, fixed, debatable
    assert jd502[:8] == ["JD502", "1", "0", "1", "1", "0", "0", "0"]
    assert " ".join(jd502[8:]) == "100 % (1/1) 100 % (1/1)"
