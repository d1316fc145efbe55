from pathlib import Path

import pytest

PAGE = """\
---
title: {title}
---

## Levels

### {level}

{reports}

The {level} is a grade {grade}.
"""


def page(title, level, grade, reports=""):
    return PAGE.format(title=title, level=level, grade=grade, reports=reports)


def messages(found):
    return [(f[1], f[2], f[3]) for f in found]


def test_seed_001_unknown_manager_with_suggestion(seed):
    (finding,) = [d for d in seed("001", ("JD502",)) if d.line == 13]
    assert finding.message == (
        'manager "Manager, Online Sales & Self Growth" is not a title in the handbook; '
        'did you mean "Manager, Online Sales & Self Service Growth"?'
    )


def test_manager_did_you_mean_is_an_unsafe_fix_at_the_name(seed):
    (finding,) = [d for d in seed("001", ("JD502",)) if d.line == 13]
    (edit,) = finding.fix.edits
    assert finding.fix.applicability == "unsafe"
    assert (edit.column, edit.end_column) == (finding.column, finding.end_column) == (71, 106)
    assert edit.content == "Manager, Online Sales & Self Service Growth"


def test_reports_to_another_role_did_you_mean_is_an_unsafe_fix_at_the_subject(lint):
    from jdlint.fix import apply_fixes
    from jdlint.source import decode

    text = page("Payroll", "Payroll Specialist", 6, "The Payrol Specialist reports to the Manager, Payroll.")
    (finding,) = lint(text, ("JD506",))
    fixed, _ = apply_fixes(decode(text.encode()), [finding.fix])
    assert finding.fix.applicability == "unsafe"
    assert fixed == text.replace("The Payrol Specialist", "The Payroll Specialist")


def test_a_title_with_its_abbreviation_spelled_out_is_the_pages_role(lint):
    reports = "The User Experience (UX) Research Manager reports to the Director, UX Research."
    assert lint(page("UX Research Management", "Manager, UX Research", 8, reports), ("JD506",)) == []


def test_another_role_abbreviated_alike_is_still_reported(lint):
    reports = "The User Experience (UX) Design Manager reports to the Director, UX Research."
    (finding,) = lint(page("UX Research Management", "Manager, UX Research", 8, reports), ("JD506",))
    assert '"User Experience (UX) Design Manager"' in finding.message


def test_a_name_with_markup_inside_gets_no_fix(lint):
    text = page("Payroll", "Payroll Specialist", 6, "The *Payrol* Specialist reports to the Manager, Payroll.")
    (finding,) = lint(text, ("JD506",))
    assert "did you mean" in finding.message and finding.fix is None


def test_seed_002_two_managers_and_malformed_line(seed):
    found = [(d.line, d.code) for d in seed("002", ("JD501", "JD505", "JD506"))]
    assert found == [(9, "JD506"), (15, "JD501"), (15, "JD505")]


def test_manager_in_another_file_spelled_differently(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page(
                "Analyst", "Senior Analyst", 7, "The Senior Analyst reports to the Sr. Manager, Data & Analytics."
            ),
            "b.md": page("Senior Manager, Data and Analytics", "Senior Manager, Data and Analytics", 9),
        }
    )
    assert lint_tree(root, ("JD502", "JD503")) == []


def test_manager_named_after_the_benchmark(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page("Analyst", "Analyst", 6, "The Analyst reports to the Alliances Director."),
            "b.md": page("Director, Alliances", "Director, Alliances", 10),
        }
    )
    assert lint_tree(root, ("JD502",)) == []


def test_top_titles_need_no_page(handbook, lint_tree):
    root = handbook(
        {"a.md": page("CFO", "Chief Financial Officer", 14, "The Chief Financial Officer reports to the CEO.")}
    )
    assert lint_tree(root, ("JD502",)) == []


def test_vague_manager_is_not_unknown(handbook, lint_tree):
    root = handbook({"a.md": page("A", "Analyst", 6, "The Analyst reports to a Senior Manager or Director.")})
    assert lint_tree(root, ("JD502",)) == []


def test_manager_below_the_role(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page(
                "Senior Manager, Sales",
                "Senior Manager, Sales",
                9,
                "The Senior Manager, Sales reports to the Manager, Sales.",
            ),
            "b.md": page("Manager, Sales", "Manager, Sales", 8),
        }
    )
    assert messages(lint_tree(root, ("JD503",))) == [
        (9, "JD503", '"Senior Manager, Sales" (grade 9) reports to "Manager, Sales" (grade 8)')
    ]


def test_manager_of_equal_grade_is_allowed(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page(
                "Staff Engineer", "Staff Engineer", 8, "The Staff Engineer reports to the Engineering Manager."
            ),
            "b.md": page("Engineering Manager", "Engineering Manager", 8),
        }
    )
    assert lint_tree(root, ("JD503",)) == []


def test_level_without_reports_to_when_others_have_one(lint):
    text = (
        page("Analyst", "Analyst", 6, "The Analyst reports to the Manager, Data.")
        + "\n### Senior Analyst\n\nThe Senior Analyst is a grade 7.\n"
    )
    assert [(d.code, d.message) for d in lint(text, ("JD504",))] == [
        ("JD504", 'level "Senior Analyst" does not say whom it reports to')
    ]


FAMILY_WITH_AN_OVERVIEW_LINE = (
    "---\ntitle: Data Analyst\n---\n\n## Data Analyst Roles\n\n{overview}\n\n"
    "## Levels\n\n### Data Analyst\n\nThe Data Analyst is a grade 6.\n\n"
    "### Senior Data Analyst\n\nThe Senior Data Analyst is a grade 7.\n"
)


def test_a_reporting_line_above_the_levels_naming_the_family_is_every_levels(lint):
    text = FAMILY_WITH_AN_OVERVIEW_LINE.format(overview="A Data Analyst reports to a Manager, Data.")
    assert lint(text, ("JD504",)) == []


def test_a_reporting_line_above_the_levels_naming_one_level_is_that_levels(lint):
    text = FAMILY_WITH_AN_OVERVIEW_LINE.format(overview="A Senior Data Analyst reports to a Manager, Data.")
    assert [d.message for d in lint(text, ("JD504",))] == ['level "Data Analyst" does not say whom it reports to']


def test_duties_are_not_reporting_lines(lint):
    text = page(
        "VP of Tax",
        "VP of Tax",
        12,
        "The VP of Tax reports to the CFO. The VP of Tax will regularly report to the Board.",
    )
    assert lint(text, ("JD501",)) == []


def test_direct_reports_are_not_a_reporting_line(lint):
    text = page("A", "Analyst", 6, "The Analyst reports to the CFO.") + "\n- Coach direct reports to the next level\n"
    assert lint(text, ("JD501", "JD506")) == []


def test_misspelt_reports_to_forms(lint):
    for typo in (
        "reprots to",
        "reports ot",
        "repors to",
        "reportsto",
        "reports tto",
        "reports directy to",
        "reports to to",
        "reoprts to",  # the one slip that leaves neither "rep" nor "ort" of "report"
        "eports to",
    ):
        text = page("A", "Analyst", 6, f"The Analyst {typo} the Manager, Data.")
        (finding,) = lint(text, ("JD505",))
        assert finding.message == f'malformed reports-to sentence: "{typo}"', typo


def test_misspelt_reports_to_points_at_the_phrase(lint):
    text = page("A", "Analyst", 6, "The Analyst rpeorts to the Manager, Data.")
    (finding,) = lint(text, ("JD505",))
    assert (finding.column, finding.end_column) == (13, 23)


def test_phrases_near_reports_to_are_not_typos(lint):
    sentences = (
        "The Analyst reports on the Quarterly Plan.",
        "The Analyst reported to the Manager, Data until last year.",
        "Team members reporting to the Manager, Data meet weekly.",
        "The Analysts report to you, the Manager.",
        "The Analyst imports to the Data Warehouse.",
        "We report so the Board can decide.",
    )
    for sentence in sentences:
        assert lint(page("A", "Analyst", 6, sentence), ("JD505",)) == [], sentence


def test_manager_named_by_level_and_family_is_informal(handbook, lint_tree):
    family = "---\ntitle: Self-Service Growth\n---\n\n## Levels\n\n### Director, Online Sales & Self Service Growth\n\nThe Director, Online Sales & Self Service Growth is a grade 10.\n"
    root = handbook(
        {
            "a.md": page("A", "Analyst", 6, "The Analyst reports to the Director, Self Service Growth."),
            "growth.md": family,
        }
    )
    assert [f[3] for f in lint_tree(root, ("JD502", "JD507"))] == [
        'manager "Director, Self Service Growth" is no title; '
        'the handbook calls it "Director, Online Sales & Self Service Growth"'
    ]


def test_seed_004_informal_manager_gets_the_handbook_title(lint_tree, tmp_path):
    import shutil

    root = tmp_path / "seeds"
    shutil.copytree(Path(__file__).resolve().parents[2] / "seeds", root)
    (root / ".jdlint.toml").write_text("")
    found = [(f[1], f[3]) for f in lint_tree(root, ("JD507",)) if f[0].startswith("004")]
    formal = '"Director, Online Sales & Self Service Growth"'
    assert [(line, message.endswith(formal)) for line, message in found] == [(11, True), (48, True)]


def test_compound_words_written_apart(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page(
                "A",
                "Partner Help Desk Specialist",
                6,
                "The Partner Help Desk Specialist reports to the Partner Helpdesk Manager.",
            ),
            "b.md": page("B", "Partner Help Desk Manager", 8),
        }
    )
    assert lint_tree(root, ("JD502",)) == []


def test_subject_naming_a_heading_of_the_page_is_not_another_role(lint):
    text = "---\ntitle: Payroll\n---\n\n## Levels\n\n### Payroll Specialist\n\nThe Payroll Specialist reports to the CFO.\n\n## Job Grade\n\nThe Payroll Specialist is a grade 6.\n"
    assert lint(text, ("JD506",)) == []


def test_manager_linked_to_a_heading_of_the_same_page(handbook, lint_tree):
    reports = "The Analyst reports to the [Manager, Data](#manager-data)."
    text = page("Data", "Analyst", 6, reports) + "\n### Manager, Data\n\nThe Manager, Data is a grade 8.\n"
    root = handbook({"a.md": text, "b.md": text.replace("#manager-data", "#manager-science")})
    assert [(f[0], f[2]) for f in lint_tree(root, ("JD502",))] == [("b.md", "JD502")]


# Links of today's Hugo layout


@pytest.mark.parametrize(
    "link",
    [
        "/job-families/sales/ops/",  # the family folder: its _index.md
        '{{< ref "/job-families/sales/ops" >}}',
        '{{< relref "_index.md#career-ladder" >}}',
        '{{% ref "../deal-desk.md" %}}',
        "/job-families/sales/desk/",  # an alias of the page
    ],
)
def test_a_manager_linked_to_a_hugo_page_resolves(hugo_tree, lint_tree, link):
    reports = f"The Senior Analyst, Sales Operations reports to the [Director, Sales Ops]({link})."
    assert lint_tree(hugo_tree(reports=reports), ("JD502",)) == []


def test_a_broken_hugo_ref_to_a_manager_is_reported_at_the_link_with_the_page_meant(hugo_tree, tree_diagnostics):
    reports = (
        'The Senior Analyst, Sales Operations reports to the [Director]({{< ref "/job-families/sales/dealdesk" >}}).'
    )
    (found,) = tree_diagnostics(hugo_tree(reports=reports), ("JD502",))
    assert (found.line, found.column, found.message) == (
        6,
        reports.index("[") + 1,
        'manager "Director" links to {{< ref "/job-families/sales/dealdesk" >}}, which is no page of the '
        "handbook; did you mean /job-families/sales/deal-desk/?",
    )


def test_a_manager_linked_to_no_heading_of_the_page_is_told_so(lint):
    text = page("Data", "Analyst", 6, "The Analyst reports to the [Manager, Data](#manager-data).")
    (found,) = lint(text, ("JD502",))
    assert (found.line, found.column) == (9, 28)
    assert found.message == 'manager "Manager, Data" links to #manager-data, which is no heading of this page'


def test_a_page_of_several_levels_beside_level_pages_is_judged_on_its_own(handbook, lint_tree):
    two_levels = (
        "---\ntitle: Support Leads\n---\n\n## Support Lead\n\nThe Support Lead is a grade 8.\n\n"
        "## Senior Support Lead\n\nThe Senior Support Lead is a grade 9.\n"
    )
    root = handbook(
        {
            "support/_index.md": "---\ntitle: Support\n---\n\n## Hiring Process\n\n- A call.\n",
            "support/agent.md": "---\ntitle: Support Agent\n---\n\nThe Support Agent reports to the Support Lead.\n\n"
            "The Support Agent is a grade 6.\n",
            "support/leads.md": two_levels,
        }
    )
    # Its levels are not told that the sibling level page has a reporting line; the page is told
    # once that none of its own levels has one.
    assert [(f[0], f[3]) for f in lint_tree(root, ("JD504",))] == [
        ("leads.md", "no level of this page names its manager")
    ]


def test_manager_title_ends_where_a_sentence_starts_on_the_next_line(handbook, lint_tree):
    reports = "The Analyst reports to the Director of Fraud Prevention\nThis role owns the fraud rules."
    root = handbook(
        {"a.md": page("A", "Analyst", 6, reports), "b.md": page("Fraud", "Director of Fraud Prevention", 10)}
    )
    assert lint_tree(root, ("JD502",)) == []


def test_manager_title_wrapped_over_two_lines_is_read_whole(handbook, lint_tree):
    reports = "The Analyst reports to the Director of Fraud\nPrevention and works with the Payments team."
    root = handbook(
        {"a.md": page("A", "Analyst", 6, reports), "b.md": page("Fraud", "Director of Fraud Prevention", 10)}
    )
    assert lint_tree(root, ("JD502",)) == []


def test_manager_named_by_abbreviation(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page("A", "Analyst", 6, "The Analyst reports to the COO."),
            "b.md": page("Chief Operating Officer", "Chief Operating Officer", 14),
        }
    )
    assert lint_tree(root, ("JD502",)) == []


def test_manager_with_its_abbreviation_in_brackets(handbook, lint_tree):
    root = handbook(
        {
            "a.md": page("A", "Analyst", 6, "The Analyst reports to the Chief Operating Officer (COO)."),
            "b.md": page("Chief Operating Officer", "Chief Operating Officer", 14),
        }
    )
    assert lint_tree(root, ("JD502",)) == []


def test_reports_to_another_role_suggests_the_nearest_level(lint):
    text = page("Payroll", "Payroll Specialist", 6, "The Payrol Specialist reports to the Manager, Payroll.")
    (finding,) = lint(text, ("JD506",))
    assert finding.message.endswith('did you mean "Payroll Specialist"?')
    assert finding.hint == 'replace it with "Payroll Specialist"'


def test_reports_to_another_role_lists_only_the_levels(lint):
    text = page("Payroll", "Payroll Specialist", 6, "The Benefits Analyst reports to the Manager, Payroll.")
    text += "\n## Responsibilities\n\n- Run payroll.\n"
    (finding,) = lint(text, ("JD506",))
    assert finding.hint == "name this page's role: Payroll Specialist; Payroll"


def test_reports_to_line_of_a_level_and_its_specialty(lint):
    reports = "The Payroll Specialist, Equity reports to the Manager, Payroll."
    text = page("Payroll", "Payroll Specialist", 6, reports) + "\n## Specialties\n\n### Equity\n\nStock plans.\n"
    assert lint(text, ("JD506",)) == []


def test_reports_to_line_of_a_level_with_a_bracketed_gloss(lint):
    text = page("Payroll", "VP of HR", 12, "The VP of HR (Human Resources) reports to the CEO.")
    assert lint(text, ("JD506",)) == []


def test_reports_to_sentence_naming_no_manager(lint):
    text = page("A", "Staff Analyst", 8, "The Staff Analyst reports to. They own the data models.")
    assert [d.message for d in lint(text, ("JD505",))] == ["reports-to sentence names no manager"]


def test_manager_shared_by_two_verbs(handbook, lint_tree):
    reports = "The Analyst reports to and works closely with the Manager, Treasury."
    root = handbook({"a.md": page("A", "Analyst", 6, reports), "b.md": page("B", "Manager, Treasury", 8)})
    assert lint_tree(root, ("JD502", "JD505")) == []


def test_reports_to_a_described_manager_names_one(lint):
    text = page("A", "Staff Analyst", 8, "The Staff Analyst reports to a people manager on the data team.")
    assert lint(text, ("JD505",)) == []


def test_reports_to_line_in_a_list(handbook, lint_tree):
    reports = "- This position reports to the Manager, Treasury."
    root = handbook({"a.md": page("A", "Analyst", 6, reports)})
    assert [f[3] for f in lint_tree(root, ("JD502",))] == ['manager "Manager, Treasury" is not a title in the handbook']


def test_a_duty_in_a_list_is_no_reports_to_line(handbook, lint_tree):
    root = handbook({"a.md": page("A", "Analyst", 6, "- Write reports to the Finance Committee each quarter.")})
    assert lint_tree(root, ("JD502", "JD501")) == []


def test_a_sentence_may_open_with_the_reporting_line(handbook, lint_tree):
    reports = "Reporting to the Manager, Treasury, the Analyst runs the cash forecast."
    root = handbook({"a.md": page("A", "Analyst", 6, reports)})
    assert [f[3] for f in lint_tree(root, ("JD502",))] == ['manager "Manager, Treasury" is not a title in the handbook']


def test_manager_title_ends_before_a_clause_joined_by_comma_and(handbook, lint_tree):
    reports = "The Analyst reports to the Director, Tax, and Tax Analysts report to the Analyst."
    root = handbook({"a.md": page("A", "Analyst", 6, reports), "b.md": page("B", "Director, Tax", 10)})
    assert lint_tree(root, ("JD502",)) == []


def test_manager_title_with_a_serial_comma(handbook, lint_tree):
    reports = "The Analyst reports to the VP, Tax, Treasury, and Payroll."
    root = handbook({"a.md": page("A", "Analyst", 6, reports), "b.md": page("B", "VP, Tax, Treasury, and Payroll", 12)})
    assert lint_tree(root, ("JD502",)) == []


def test_single_role_page_without_a_reporting_line(lint):
    text = "---\ntitle: Cash Analyst\n---\n\n## Job Grade\n\nThe Cash Analyst is a grade 6.\n"
    assert [(d.line, d.message) for d in lint(text, ("JD504",))] == [
        (2, 'the page names no manager for "Cash Analyst"')
    ]


def test_levels_without_any_reporting_line_are_reported_once(lint):
    text = page("Cash", "Cash Analyst", 6) + "\n### Senior Cash Analyst\n\nThe Senior Cash Analyst is a grade 7.\n"
    assert [(d.line, d.message) for d in lint(text, ("JD504",))] == [(7, "no level of this page names its manager")]


def test_page_without_a_grade_needs_no_reporting_line(lint):
    text = "---\ntitle: Cash Operations\n---\n\n## Responsibilities\n\n- Run the cash forecast.\n"
    assert lint(text, ("JD504",)) == []


def test_top_title_needs_no_reporting_line(lint):
    text = "---\ntitle: Chief Executive Officer\n---\n\n## Job Grade\n\nThe Chief Executive Officer is a grade 15.\n"
    assert lint(text, ("JD504",)) == []


def test_reports_to_line_in_a_list_said_of_a_bare_title(handbook, lint_tree):
    reports = "- Treasury Analyst will report to the Manager, Treasury."
    root = handbook({"a.md": page("A", "Treasury Analyst", 6, reports)})
    assert [f[3] for f in lint_tree(root, ("JD502",))] == ['manager "Manager, Treasury" is not a title in the handbook']


def test_a_specialty_may_report_to_its_own_manager(lint):
    text = page("Engineering", "Backend Engineer", 7, "The Backend Engineer reports to the Engineering Manager.")
    text += "\n## Specialties\n\n### Billing\n\nThis role reports to the Billing Engineering Manager.\n"
    assert lint(text, ("JD501",)) == []


def test_reports_to_line_under_a_level_speaking_of_another_level(lint):
    text = page("Payroll", "Payroll Specialist", 6, "The Payroll Specialist reports to the Manager, Payroll.")
    text += "\n### Senior Payroll Specialist\n\nThe Payroll Specialist reports to the Manager, Payroll.\n"
    text += "\nThe Senior Payroll Specialist is a grade 7.\n"
    assert [(d.line, d.message) for d in lint(text, ("JD506",))] == [
        (
            15,
            'reports-to line under "Senior Payroll Specialist" speaks of "Payroll Specialist", another level of this page',
        )
    ]


TEAMS_OF_A_LEVEL_PAGE = """\
---
title: Senior Platform Engineer
---

The Senior Platform Engineer reports to the Manager, Platform.

The Senior Platform Engineer is a grade 7.

## Levels

### Senior

#### Senior Responsibilities

- Ships features.

### Build Tooling

This role will report to the Build Tooling Engineering Manager.

#### Requirements

- Knows compilers.

### Storage

This position reports to the Storage Lead.
"""


def test_teams_a_level_page_lists_under_levels_have_their_own_reporting_lines(lint):
    # "### Build Tooling" has no level word and no word of the page's title: a team, not a level.
    assert [f.code for f in lint(TEAMS_OF_A_LEVEL_PAGE, ("JD501", "JD504"))] == []


def test_who_reports_to_a_level_is_not_its_reporting_line(lint):
    text = """\
---
title: Widget Writing
---

## Manager, Widget Writing

The Widget Writing Manager reports to the Director, Widgets. A team of Widget Writers reports to the Widget Writing Manager.

### Job Grade

The Manager, Widget Writing is a grade 8.
"""
    assert [f.code for f in lint(text, ("JD501", "JD504"))] == []


def test_a_level_title_the_handbook_spells_otherwise_is_the_misspelt_side(handbook, tree_diagnostics):
    # "Anylst" stands in this page's title only; "Analyst" in three other titles of the handbook.
    root = handbook(
        {
            "audit.md": page(
                "Audit", "Senior Audit Anylst", 7, "The Senior Audit Analyst reports to the Manager, Audit."
            ),
            "a.md": page("Tax", "Tax Analyst", 6),
            "b.md": page("Data", "Data Analyst", 6),
            "c.md": page("Payroll", "Payroll Analyst", 6),
        }
    )
    (finding,) = tree_diagnostics(root, ("JD506",))
    assert finding.line == 7  # the level's heading, where the fix belongs
    assert finding.message.endswith('titled "Senior Audit Anylst"; the handbook writes "analyst", not "anylst"')
    assert finding.hint == 'correct the title "Senior Audit Anylst"'


def test_the_role_reporting_to_a_title_of_the_same_words_is_its_line(lint):
    # "Manager, Widget Writing" has the words of "Widget Writing Manager", but "The role" is the level.
    text = page("Widgets", "Widget Writing Manager", 7, "The role reports to the Manager, Widget Writing.")
    assert [f.code for f in lint(text, ("JD504",))] == []


def test_manager_fix_writes_a_title_without_the_article_a_page_gave_it(handbook, diagnose_tree):
    root = handbook(
        {
            "a.md": page("Payroll", "Payroll Analyst", 6, "The Payroll Analyst reports to the Manager, Payrol."),
            "b.md": page("The Manager, Payroll", "The Manager, Payroll", 8),
        }
    )
    (finding,) = diagnose_tree(root, ("JD502",), ["a.md"])
    assert finding.message.endswith('did you mean "Manager, Payroll"?')  # the sentence has its "the"
    assert [e.content for e in finding.fix.edits] == ["Manager, Payroll"]


def test_no_fix_writes_a_page_title_the_handbook_spells_otherwise(handbook, diagnose_tree):
    """The page's title is the misspelt side ("Anaylst"): the subject spelt right stays."""
    analysts = {f"{n}.md": page(f"{n.title()} Analyst", f"{n.title()} Analyst", 6) for n in ("data", "sales", "ops")}
    text = page("Compliance", "Senior Compliance Anaylst", 7, "The Senior SOX Compliance Analyst reports to the CFO.")
    root = handbook({"a.md": text, **analysts})
    (finding,) = diagnose_tree(root, ("JD506",), ["a.md"])
    assert 'did you mean "Senior Compliance Anaylst"' in finding.message and finding.fix is None


# A partial copy of a handbook: titles that may be on the pages it lacks


def partial_copy(reports: str) -> dict[str, str]:
    """A handbook whose reporting lines link to job pages it does not have, but for one: a copy of
    some of a handbook's pages."""
    pages = {
        f"job-families/team-{n}.md": page(
            f"Team {n}", f"Analyst {n}", 6, f"The Analyst {n} reports to the [Lead {n}](/job-families/lead-{n}/)."
        )
        for n in range(5)
    }
    pages["job-families/b.md"] = page("Manager, Data", "Manager, Data", 8)
    pages["job-families/a.md"] = page("Data", "Analyst", 6, reports)
    return pages


def test_a_partial_copy_reports_no_title_it_may_lack(handbook, lint_tree):
    root = handbook(partial_copy("The Analyst reports to the Director, Data Platform."))
    assert lint_tree(root, ("JD502",)) == []


def test_a_partial_copy_still_reports_a_title_close_to_one_it_has(handbook, lint_tree):
    root = handbook(partial_copy("The Analyst reports to the Manager, Dta."))
    (finding,) = lint_tree(root, ("JD502",))
    assert finding[0] == "a.md" and 'did you mean "Manager, Data"?' in finding[3]


def test_a_whole_handbook_reports_a_title_it_lacks(handbook, lint_tree):
    pages = partial_copy("The Analyst reports to the Director, Data Platform.")
    pages.update({f"job-families/lead-{n}.md": page(f"Lead {n}", f"Lead {n}", 8) for n in range(5)})
    (finding,) = lint_tree(handbook(pages), ("JD502",))
    assert finding[0] == "a.md" and '"Director, Data Platform" is not a title in the handbook' in finding[3]


# Under job-posting (another organisation's pages): a level given two managers on one page is
# found, as on GitLab's; managers are not looked up in the handbook.


def test_a_posting_level_with_two_managers_is_reported():
    from test_wording import posting_lint  # pytest puts this folder on the path

    page = (
        "# Staff Engineer\n\n**Reports to:** Engineering Manager\n\n## Responsibilities\n\n- Leads design\n\n"
        "## Requirements\n\n- Go\n\nThe Staff Engineer reports to the Director of Engineering.\n"
    )
    assert [d.code for d in posting_lint(page, ("JD501",))] == ["JD501"]


def test_job_posting_runs_conflicting_managers_and_no_other_reporting_rule():
    from jdlint.config import Config
    from jdlint.profile import load_profile

    enabled = {rule.code for rule in Config(root=Path.cwd(), profile=load_profile(name="job-posting")).enabled_rules()}
    assert {code for code in enabled if code.startswith("JD5")} == {"JD501"}
