import pytest

FAMILY = """\
---
title: {title}
---

## Levels

### {level}

The {level} is a grade {grade}.

## Career Ladder

{ladder}
"""


def family(title, level, grade, ladder):
    return FAMILY.format(title=title, level=level, grade=grade, ladder=ladder)


def test_seed_000_next_step_names_no_family_with_suggestion(lint_tree, tmp_path):
    import shutil
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    root = tmp_path / "seeds"
    shutil.copytree(seeds, root)
    (root / ".jdlint.toml").write_text("")
    found = [f for f in lint_tree(root, ("JD401",)) if f[0].startswith(("000", "003"))]
    assert [(f[0][:3], f[1], f[3]) for f in found] == [
        (
            "000",
            51,
            'next step "Director, Online Sales & Self Service" is not a title in the handbook; '
            'did you mean "Director, Online Sales & Self Service Growth"?',
        ),
        (
            "003",
            47,
            'next step "Senior Director, Online Sales & Self Service" is not a title in the handbook; '
            'did you mean "Senior Director, Online Sales & Self Service Growth"?',
        ),
    ]


def test_next_step_did_you_mean_is_an_unsafe_fix_at_the_name(handbook, diagnose_tree):
    root = handbook(
        {
            "a.md": "---\ntitle: Analyst, Payroll\n---\n\n## Career Ladder\n\n"
            "The next step is to move to the Manager, Payrol job family.\n",
            "b.md": "---\ntitle: Manager, Payroll\n---\n\nThe Manager, Payroll is a grade 8.\n",
        }
    )
    (finding,) = diagnose_tree(root, ("JD401",), ["a.md"])
    (edit,) = finding.fix.edits
    assert (finding.fix.applicability, edit.content) == ("unsafe", "Manager, Payroll")
    assert (edit.column, edit.end_column) == (33, 48)


def test_next_step_in_another_file_resolves(handbook, lint_tree):
    root = handbook(
        {
            "analyst.md": family(
                "Data Analyst", "Data Analyst", 6, "The next step is to move to the Manager, Data job family."
            ),
            "manager.md": family(
                "Manager, Data", "Manager, Data", 8, "The next step is to move to the Director, Data job family."
            ),
            "director.md": family("Director, Data", "Director, Data", 10, "The next steps have not yet been defined."),
        }
    )
    assert lint_tree(root, ("JD401", "JD403")) == []


def test_next_step_spelled_differently_resolves(handbook, lint_tree):
    root = handbook(
        {
            "a.md": family(
                "Analyst", "Analyst", 6, "The next step is to move to the VP Online Sales and Self-Service job family."
            ),
            "b.md": family(
                "Vice President, Online Sales & Self Service", "Vice President, Online Sales & Self Service", 12, ""
            ),
        }
    )
    assert lint_tree(root, ("JD401",)) == []


def test_next_step_named_without_its_qualifier_resolves(handbook, lint_tree):
    root = handbook(
        {
            "a.md": family("Counsel", "Counsel", 9, "The next step is the Senior Counsel, Legal."),
            "b.md": family("Senior Counsel, Legal (US)", "Senior Counsel, Legal (US)", 10, ""),
        }
    )
    assert lint_tree(root, ("JD401",)) == []


def test_next_step_that_differs_besides_a_qualifier_does_not_resolve(handbook, lint_tree):
    root = handbook(
        {
            "a.md": family("Counsel", "Counsel", 9, "The next step is the Senior Counsel, Privacy."),
            "b.md": family("Senior Counsel, Legal (US)", "Senior Counsel, Legal (US)", 10, ""),
        }
    )
    assert [f[3] for f in lint_tree(root, ("JD401",))] == [
        'next step "Senior Counsel, Privacy" is not a title in the handbook'
    ]


def test_linked_next_step_must_be_a_page(handbook, lint_tree):
    root = handbook(
        {
            "job-families/a/index.html.md": family(
                "Analyst", "Analyst", 6, "The next step is to move to the [Manager](/job-families/b/) job family."
            ),
            "job-families/c/index.html.md": family(
                "Other", "Other", 6, "The next step is to move to the [Analyst](/job-families/a/) job family."
            ),
        }
    )
    found = lint_tree(root, ("JD401",))
    assert [(f[1], f[3]) for f in found] == [
        (13, 'next step "Manager" links to /job-families/b/, which is no page of the handbook')
    ]


def test_undefined_ladder(handbook, lint_tree):
    root = handbook({"a.md": family("A", "Analyst", 6, "The next step for the Analyst job family is not yet defined.")})
    assert [f[2] for f in lint_tree(root, ("JD402",))] == ["JD402"]


def test_next_step_not_above(handbook, lint_tree):
    root = handbook(
        {
            "a.md": family(
                "Manager, Data", "Manager, Data", 8, "The next step is to move to the Data Analyst job family."
            ),
            "b.md": family("Data Analyst", "Data Analyst", 6, ""),
        }
    )
    (found,) = lint_tree(root, ("JD403",))
    assert found[3] == 'next step "Data Analyst" goes up to grade 6, not above this family\'s grade 8'


def test_next_step_may_start_lower_if_it_leads_higher(handbook, lint_tree):
    root = handbook(
        {
            "a.md": family("Analyst", "Senior Analyst", 7, "The next step is to move to the Data Science job family."),
            "b.md": family("Data Science", "Data Scientist", 6, "").replace(
                "## Career Ladder",
                "### Staff Data Scientist\n\nThe Staff Data Scientist is a grade 8.\n\n## Career Ladder",
            ),
        }
    )
    assert lint_tree(root, ("JD403",)) == []


def test_next_step_named_after_is(handbook, lint_tree):
    root = handbook({"a.md": family("A", "Analyst", 6, "The next step in the job family is the Nobody Manager.")})
    assert [f[3] for f in lint_tree(root, ("JD401",))] == ['next step "Nobody Manager" is not a title in the handbook']


def test_undefined_ladder_phrasings(handbook, lint_tree):
    for sentence in ("We do not yet have defined next steps.", "The next step is to be defined."):
        root = handbook({"a.md": family("A", "Analyst", 6, sentence)})
        assert [f[2] for f in lint_tree(root, ("JD402",))] == ["JD402"], sentence


def test_contributors_ladder_is_judged_from_their_grades(handbook, lint_tree):
    text = family(
        "Reps",
        "Sales Representative",
        7,
        "The next step for representatives is to move to the Sales Management job family.",
    )
    text = text.replace(
        "## Career Ladder", "### Manager, Sales\n\nThe Manager, Sales is a grade 9.\n\n## Career Ladder"
    )
    root = handbook({"a.md": text, "b.md": family("Sales Management", "Manager, Sales Development", 9, "")})
    assert lint_tree(root, ("JD403",)) == []


# Links of today's Hugo layout


@pytest.mark.parametrize(
    "link",
    [
        '{{< relref "../deal-desk.md" >}}',
        '{{< ref "/job-families/sales/deal-desk#levels" >}}',
        "/job-families/sales/deal-desk/",
        "../deal-desk/",
    ],
)
def test_a_next_step_linked_to_a_hugo_page_resolves(hugo_tree, lint_tree, link):
    ladder = f"The next step is to move to the [Deal Desk]({link}) job family."
    assert lint_tree(hugo_tree(ladder=ladder), ("JD401",)) == []


def test_a_broken_hugo_ref_to_a_next_step_is_reported_at_the_link(hugo_tree, tree_diagnostics):
    # A bare name no page under the root has may be a page of the site outside it: not reported.
    ladder = 'The next step is the [Manager]({{< ref "manager.md" >}}) or the [Desk]({{< ref "../deal-dsk" >}}).'
    (found,) = tree_diagnostics(hugo_tree(ladder=ladder), ("JD401",))
    assert (found.line, found.column, found.end_column) == (8, ladder.index("[Desk") + 1, len(ladder))
    assert found.message == (
        'next step "Desk" links to {{< ref "../deal-dsk" >}}, which is no page of the handbook; '
        "did you mean /job-families/sales/deal-desk/?"
    )


LEVELS = """\
---
title: {title}
---

## Levels
{levels}
## Career Ladder

{ladder}
"""


def levels_page(title, levels, ladder):
    """A family page whose `levels` are (title, grade) pairs."""
    text = "".join(f"\n### {level}\n\nThe {level} is a grade {grade}.\n" for level, grade in levels)
    return LEVELS.format(title=title, levels=text, ladder=ladder)


def test_undefined_top_of_a_ladder_that_names_its_steps(handbook, lint_tree):
    ladder = (
        "The next step for the Director, Payments is the Senior Director, Payments. "
        "The next step for the Senior Director, Payments is not yet defined."
    )
    page = levels_page("Payments Leadership", [("Director, Payments", 10), ("Senior Director, Payments", 11)], ladder)
    assert lint_tree(handbook({"a.md": page}), ("JD402",)) == []


def test_step_named_beside_an_undefined_sentence_is_checked(handbook, lint_tree):
    ladder = (
        "The next step for the Director, Payments is the Vice President, Payments. "
        "The next step after that is not yet defined."
    )
    page = levels_page("Payments Leadership", [("Director, Payments", 10)], ladder)
    found = lint_tree(handbook({"a.md": page}), ("JD401",))
    assert [f[3] for f in found] == ['next step "Vice President, Payments" is not a title in the handbook']


def test_link_in_a_sentence_about_reporting_is_no_step(handbook, lint_tree):
    ladder = "The next step is not yet defined. Currently, the Analyst reports to the [Manager, Data](/jf/data/)."
    root = handbook({"a.md": levels_page("Data", [("Analyst", 6)], ladder)})
    assert [f[2] for f in lint_tree(root, ("JD402",))] == ["JD402"]


def test_ladder_sentence_naming_a_level_compares_with_that_level(handbook, lint_tree):
    levels = [("Billing Analyst", 6), ("Senior Billing Analyst", 7), ("Staff Billing Analyst", 9)]
    ladder = "The next step for the Billing Analyst is to move to the Revenue Accounting job family."
    root = handbook(
        {
            "a.md": levels_page("Billing", levels, ladder),
            "b.md": levels_page("Revenue Accounting", [("Revenue Accountant", 8)], ""),
        }
    )
    assert lint_tree(root, ("JD403",)) == []


def test_level_career_ladder_section_compares_with_that_level(handbook, lint_tree):
    page = levels_page("Billing", [("Billing Analyst", 6), ("Staff Billing Analyst", 9)], "").replace(
        "\n### Staff", "\n#### Billing Analyst Career Ladder\n\nMove to the Revenue Accounting job family.\n\n### Staff"
    )
    root = handbook({"a.md": page, "b.md": levels_page("Revenue Accounting", [("Revenue Accountant", 8)], "")})
    assert lint_tree(root, ("JD403",)) == []


def test_next_level_of_the_same_page_is_not_compared(handbook, lint_tree):
    levels = [("Payments Analyst", 6), ("Payments Operations Lead", 8)]
    ladder = "The next step in the job family is the Payments Operations Lead."
    assert lint_tree(handbook({"a.md": levels_page("Payments", levels, ladder)}), ("JD403",)) == []


def test_lateral_move_is_not_compared(handbook, lint_tree):
    ladder = (
        "The next step is to move to the [Senior Manager, Treasury](/job-families/b/) job family, "
        "or laterally to the [Revenue Accountant](/job-families/c/) job family."
    )
    root = handbook(
        {
            "job-families/a/index.md": levels_page("Treasury", [("Manager, Treasury", 8)], ladder),
            "job-families/b/index.md": levels_page("Treasury Leadership", [("Senior Manager, Treasury", 9)], ""),
            "job-families/c/index.md": levels_page("Revenue Accounting", [("Revenue Accountant", 8)], ""),
        }
    )
    assert lint_tree(root, ("JD403",)) == []


def test_lateral_move_must_still_exist(handbook, lint_tree):
    ladder = "The next step is a lateral move to the Cash Operations job family."
    root = handbook({"a.md": levels_page("Treasury", [("Manager, Treasury", 8)], ladder)})
    assert [f[3] for f in lint_tree(root, ("JD401",))] == ['next step "Cash Operations" is not a title in the handbook']


def test_ladder_sentence_naming_a_job_family_speaks_for_all_its_levels(handbook, lint_tree):
    levels = [("Billing Analyst", 6), ("Senior Billing Analyst", 8)]
    ladder = "The next step for the Billing Analyst job family is to move to the Revenue Accounting job family."
    root = handbook(
        {
            "a.md": levels_page("Billing", levels, ladder),
            "b.md": levels_page("Revenue Accounting", [("Revenue Accountant", 8)], ""),
        }
    )
    assert [f[2] for f in lint_tree(root, ("JD403",))] == ["JD403"]


def test_next_step_named_by_abbreviation(handbook, lint_tree):
    ladder = "The next step for the Director, Security is the CISO role."
    root = handbook(
        {
            "a.md": levels_page("Security", [("Director, Security", 10)], ladder),
            "b.md": levels_page("Chief Information Security Officer", [("Chief Information Security Officer", 13)], ""),
        }
    )
    assert lint_tree(root, ("JD401", "JD403")) == []


def test_next_step_named_by_level_and_family_is_informal(handbook, lint_tree):
    ladder = "The next step is to move to the Director, Payments Growth role."
    root = handbook(
        {
            "a.md": levels_page("Payments", [("Manager, Payments", 8)], ladder),
            "b.md": levels_page("Payments Growth", [("Director, Online Payments Growth", 10)], ""),
        }
    )
    assert [f[2:] for f in lint_tree(root, ("JD401", "JD404"))] == [
        (
            "JD404",
            'next step "Director, Payments Growth" is no title; the handbook calls it "Director, Online Payments Growth"',
        )
    ]


def test_a_partial_copy_reports_no_next_step_it_may_lack(handbook, lint_tree):
    """Most of the copy's ladders link to families it does not have: a step it lacks, named or
    linked, may be on a page left out of the copy."""
    pages = {
        f"job-families/t{n}/index.html.md": family(
            f"Team {n}", f"Analyst {n}", 6, f"The next step is to move to the [Lead {n}](/job-families/lead-{n}/) job family."
        )
        for n in range(5)
    }
    pages["job-families/a/index.html.md"] = family("Analyst", "Analyst", 6, "The next step is the Data Platform Director.")
    assert lint_tree(handbook(pages), ("JD401",)) == []
