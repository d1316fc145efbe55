import textwrap

import pytest

FULL_LEVEL = """\
### Job Grade

The {title} is a grade {grade}.

### Responsibilities

- Do things

### Requirements

- Ability to use GitLab
"""

FAMILY_END = """\
## Performance Indicators

- One

## Career Ladder

The next step is the Manager job family.

## Hiring Process

- Screening call
"""


def level(title: str, grade: int, heading: str = "##") -> str:
    return f"{heading} {title}\n\n" + FULL_LEVEL.format(title=title, grade=grade)


def family(*levels: str, end: str = FAMILY_END) -> str:
    return "---\ntitle: Analyst\n---\n\n## Levels\n\n" + "\n".join(levels) + "\n" + end


def messages(diagnostics, code):
    return [(d.line, d.message) for d in diagnostics if d.code == code]


# missing-section


def test_seed_001_lacks_career_ladder(seed):
    assert messages(seed("001", ("JD101",)), "JD101") == [
        (2, 'job family "Self-Service Growth" has no "Career Ladder" section')
    ]


def test_complete_family_has_no_missing_section(lint):
    assert lint(family(level("Analyst", 6), level("Senior Analyst", 7)), ("JD101",)) == []


def test_one_level_without_requirements_is_named(lint):
    broken = level("Senior Analyst", 7).replace("### Requirements\n\n- Ability to use GitLab\n", "")
    page = family(level("Analyst", 6), broken)
    heading_line = page.splitlines().index("## Senior Analyst") + 1
    assert messages(lint(page, ("JD101",)), "JD101") == [
        (heading_line, 'level "Senior Analyst" has no "Requirements" section')
    ]


def test_inheritance_statement_satisfies_the_section(lint):
    inherits = level("Senior Analyst", 7).replace(
        "### Requirements\n\n- Ability to use GitLab\n", "Same requirements as the Analyst listed above.\n"
    )
    assert lint(family(level("Analyst", 6), inherits), ("JD101",)) == []


def test_family_level_section_covers_every_level(lint):
    page = family(
        "## Responsibilities\n\n- Shared\n",
        level("Analyst", 6).replace("### Responsibilities\n\n- Do things\n", ""),
    )
    assert lint(page, ("JD101",)) == []


def test_section_missing_everywhere_is_reported_once_for_the_family(lint):
    page = family(
        level("Analyst", 6), level("Senior Analyst", 7), end=FAMILY_END.replace("## Hiring Process", "## Other")
    )
    assert messages(lint(page, ("JD101",)), "JD101") == [(2, 'job family "Analyst" has no "Hiring Process" section')]


def test_deprecation_stub_of_the_family_layout_misses_no_section(lint):
    stub = "---\nlayout: job_family_page\ntitle: Apprentice\n---\n\nMoved to the [Academy](/academy/).\n"
    assert lint(stub, ("JD101",)) == []


def test_level_own_heading_aliases_count(lint):
    page = family(
        "### Analyst\n\n#### Analyst Job Grade\n\nThe Analyst is a grade 6.\n\n"
        "#### Analyst Responsibilities\n\n- a\n\n#### Analyst level requirements:\n\n- b\n"
    )
    assert lint(page, ("JD101",)) == []


def test_erb_partial_provides_performance_indicators(lint):
    page = family(level("Analyst", 6), end=FAMILY_END.replace("## Performance Indicators\n\n- One\n", ""))
    page += '\n<%= partial("job-families/sales/performance", :locals => { :roleName => "Analyst" }) %>\n'
    assert lint(page, ("JD101",)) == []


def test_specialties_are_not_levels(lint):
    page = family(level("Analyst", 6)) + "\n## Specialties\n\n### Growth\n\n#### Requirements\n\n- Growth data\n"
    assert lint(page, ("JD101",)) == []


# inheritance


def test_seed_001_requirements_inherited_under_responsibilities(seed):
    assert messages(seed("001", ("JD102",)), "JD102") == [
        (133, '"Same requirements as the Director" inherits requirements but stands under Responsibilities')
    ]


def test_inheritance_naming_both_sections_is_fine(lint):
    page = family(
        level("Analyst", 6),
        level("Senior Analyst", 7).replace("- Do things", "- Same responsibilities and requirements as the Analyst"),
    )
    assert lint(page, ("JD102", "JD103")) == []


def test_inheritance_naming_missing_level(lint):
    page = family(
        level("Analyst", 6),
        level("Senior Analyst", 7).replace("- Do things", "- Extends the Associate responsibilities"),
    )
    (finding,) = lint(page, ("JD103",))
    assert 'names a level "Associate"' in finding.message


def test_inheritance_with_a_misspelt_article_naming_a_missing_level(lint):
    page = family(
        level("Analyst", 6),
        level("Senior Analyst", 7).replace("- Do things", "- Extends that of teh Junior Analyst responsibilities"),
    )
    (finding,) = lint(page, ("JD103",))
    assert 'names a level "Junior Analyst"' in finding.message


def test_level_inheriting_from_itself(lint):
    page = family(
        level("Analyst", 6),
        level("Senior Analyst", 7).replace("- Do things", "- Same responsibilities as the Senior Analyst, and also:"),
    )
    (finding,) = lint(page, ("JD103",))
    assert finding.message.endswith('names the level it stands in, "Senior Analyst": it inherits from itself')


def test_level_inheriting_from_the_level_whose_qualifier_differs_is_not_itself(lint):
    page = family(
        level("Analyst (Intermediate)", 6),
        level("Analyst (Senior)", 7).replace("- Do things", "- Extends the Analyst (Intermediate) responsibilities"),
    )
    assert lint(page, ("JD103",)) == []


def test_inheritance_matches_levels_by_words_and_abbreviations(lint):
    page = family(
        level("Associate Technical Account Manager", 6),
        level("Technical Account Manager", 7).replace("- Do things", "- Extends the TAM (Associate) responsibilities"),
        level("Senior Technical Account Manager", 8).replace(
            "- Do things", "- Extends the responsibilities of a Technical Account Manager"
        ),
    )
    assert lint(page, ("JD103",)) == []


def test_prose_with_extends_is_not_inheritance(lint):
    page = family(
        level("Analyst", 6).replace(
            "- Do things", "- This senior level extends the role to include more responsibilities"
        ),
    )
    assert lint(page, ("JD102", "JD103")) == []


# empty-section


def test_empty_section_is_flagged(lint):
    page = family(level("Analyst", 6)).replace(
        "## Career Ladder\n\nThe next step is the Manager job family.\n", "## Career Ladder\n"
    )
    assert [m for _, m in messages(lint(page, ("JD104",)), "JD104")] == ['section "Career Ladder" is empty']


def test_levels_container_and_link_headings_are_not_empty(lint):
    page = family(level("Analyst", 6)) + "\n## [Video about the team](https://example.com/v)\n\n## Other\n\ntext\n"
    assert lint(page, ("JD104",)) == []


def test_section_with_only_html_is_not_empty(lint):
    page = '# Page\n\n## Video\n\n<iframe src="https://example.com"></iframe>\n\n## Next\n\ntext\n'
    assert lint(page, ("JD104",)) == []


def test_specialties_whose_specialties_follow_at_its_depth_are_told_so(lint):
    page = "# Page\n\n## Specialties\n\n## Growth\n\n- Grow\n"
    (finding,) = lint(page, ("JD104",))
    assert finding.message == (
        'heading "Specialties" has nothing under it: "Growth" after it is a heading of its own depth (##), '
        "so it is not inside it"
    )
    assert finding.hint == 'make the headings that belong under it ###, or delete "Specialties"'


def test_specialty_whose_sections_follow_at_its_depth_is_told_so(lint):
    page = "# Page\n\n## Specialties\n\n#### Archives\n\n#### Requirements\n\n- Dust\n"
    (finding,) = lint(page, ("JD104",))
    assert finding.line == 5 and "has nothing under it" in finding.message


def test_empty_specialties_before_a_family_section_is_empty(lint):
    page = "# Page\n\n## Specialties\n\n## Performance Indicators\n\n- One\n"
    assert [d.message for d in lint(page, ("JD104",))] == ['section "Specialties" is empty']


# title-mismatch


def single_role(title: str, subject: str) -> str:
    return textwrap.dedent(f"""\
    ---
    title: {title}
    ---

    ## Job Grade

    The {subject} is a grade 8.
    """)


def test_title_differs_from_graded_role(lint):
    (finding,) = lint(single_role("Associate Frontend Engineer", "Associate Backend Engineer"), ("JD105",))
    assert '"Associate Backend Engineer"' in finding.message


def test_title_mismatch_points_at_the_grade_statement(lint):
    (finding,) = lint(single_role("Senior Data Engineer", "Staff Data Engineer"), ("JD105",))
    assert (finding.line, finding.column) == (7, 5)


def test_shorter_name_of_the_same_role_agrees(lint):
    page = single_role("Nordics Regional Sales Manager", "Regional Sales Manager")
    assert lint(page, ("JD105",)) == []


def test_abbreviated_title_agrees(lint):
    page = single_role("Director, Learning and Development", "Director, L&D")
    assert lint(page, ("JD105",)) == []


def test_shorter_name_at_another_level_differs(lint):
    page = single_role("Senior Payments Analyst", "Payments Analyst")
    assert [d.code for d in lint(page, ("JD105",))] == ["JD105"]


def test_title_spellings_that_agree(lint):
    page = single_role("VP, Online Sales & Self-Service", "Vice President Online Sales and Self Service (Intermediate)")
    assert lint(page, ("JD105",)) == []


def test_this_role_subject_is_not_compared(lint):
    page = single_role("Database Engineer", "role").replace("The role", "This role")
    assert lint(page, ("JD105",)) == []


def test_page_with_invalid_front_matter_is_not_told_its_missing_sections(lint):
    page = "---\nlayout: job_family_page\ntitle: Director: Sales\n---\n\n## Responsibilities\n\n- Sell.\n"
    assert [d.code for d in lint(page, ("JD0", "JD101"))] == ["JD002"]


# lost-bullet


def test_seed_lost_bullets(seed):
    lost = [(d.line, d.fix.applicability) for d in seed("002", ("JD106",)) if "lost its bullet" in d.message]
    assert lost == [(40, "safe"), (45, "safe")]
    assert [(d.line, d.fix.applicability) for d in seed("004", ("JD106",))] == [(25, "unsafe")]


def test_seed_002_hiring_trailer_is_a_paragraph_without_its_blank_line(seed):
    (trailer,) = [d for d in seed("002", ("JD106",)) if d.line == 68]
    assert trailer.fix.applicability == "safe" and "no blank line before it" in trailer.message


def test_sentence_glued_after_unpunctuated_items_is_a_paragraph_without_its_blank_line(lint):
    page = "# Page\n\n- Screening call\n- Team interviews\nMore about the process is on [our page](/hiring/).\n"
    (finding,) = lint(page, ("JD106",))
    assert (finding.line, finding.fix.applicability) == (5, "safe")
    assert finding.message.startswith('the paragraph "More about the process')
    assert "no blank line before it" in finding.message


def test_glued_paragraph_fix_adds_the_blank_line(lint):
    page = "# Page\n\n- Screening call\n- Team interviews\nMore about the process is on the hiring page.\n"
    (finding,) = lint(page, ("JD106",))
    fixed = _fixed(page, finding)
    assert fixed == page.replace("interviews\n", "interviews\n\n")


def test_glued_paragraph_of_several_lines_is_reported_once(lint):
    page = "# Page\n\n- Screening call\n- Team interviews\nAll candidates hear from us.\nOffers go out by email.\n"
    assert [d.line for d in lint(page, ("JD106",))] == [5]


def test_sentence_pointing_elsewhere_after_sentence_items_is_a_paragraph(lint):
    page = "# Page\n\n- We call you.\n- You meet the team.\nFurther information is on our careers page.\n"
    (finding,) = lint(page, ("JD106",))
    assert finding.fix.applicability == "safe" and "no blank line before it" in finding.message


def test_sentence_pointing_elsewhere_between_items_is_a_paragraph(lint):
    page = "# Page\n\n- We call you\nLearn more about us on our site.\n\n- You meet the team\n"
    (finding,) = lint(page, ("JD106",))
    assert finding.line == 4 and "no blank line before it" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "- Plan the events.\n- Track the budget.\nReport on results to the team.",  # items are sentences too
        "- Plan the events\n- Track the budget\nReport on results to the team",  # not a sentence
    ],
)
def test_line_glued_after_the_last_item_like_the_items_is_a_lost_bullet(lint, text):
    (finding,) = lint(f"# Page\n\n{text}\n", ("JD106",))
    assert (finding.line, finding.fix.applicability) == (5, "unsafe") and "lost its bullet" in finding.message


def _fixed(page: str, finding) -> str:
    from jdlint.fix import apply_fixes
    from jdlint.source import decode

    return apply_fixes(decode(page.encode()), [finding.fix])[0]


def test_a_line_glued_after_an_item_ending_in_a_semicolon_lost_its_bullet(lint):
    text = "- Profile it:\n  - spikes in busy rooms;\nHitches when a level streams in;\n  - physics costs.\n"
    assert [d.line for d in lint(f"# Page\n\n{text}", ("JD106",))] == [5]


def test_a_bold_label_glued_to_a_list_of_bold_labels_lost_its_bullet(lint):
    text = "- **Sales**: Analysts move into sales.\n**Finance**: Some move on.\n- **Legal**: Few do.\n"
    assert [d.line for d in lint(f"# Page\n\n{text}", ("JD106",))] == [4]


def test_lost_bullet_in_a_list_that_wraps_its_items_is_not_a_safe_fix(lint):
    """The author wraps items without indenting: the capitalised line may be the item's next sentence."""
    page = (
        "# Page\n\n- Engineers often move to design when they\nenjoy shaping the product.\n"
        "- Engineers explain the product well.\nSales roles are a good way to use that.\n"
        "- Engineers solve problems for\ncustomers every day.\n"
    )
    (finding,) = lint(page, ("JD106",))
    assert (finding.line, finding.fix.applicability) == (6, "unsafe")


def test_lost_bullet_between_one_line_items_is_a_safe_fix(lint):
    page = "# Page\n\n- Plan the events.\n- Track the budget.\nReport on results.\n- Hire the vendors.\n"
    (finding,) = lint(page, ("JD106",))
    assert (finding.line, finding.fix.applicability) == (5, "safe")


def test_lost_item_of_a_counting_list_takes_the_next_number_and_renumbers_the_rest(lint):
    page = "# Page\n\n1. Call\n2. Meet\nReview\n3. Offer\n4. Start\n"
    (finding,) = lint(page, ("JD106",))
    assert _fixed(page, finding) == "# Page\n\n1. Call\n2. Meet\n3. Review\n4. Offer\n5. Start\n"


def test_lost_item_after_the_last_of_a_counting_list_takes_the_next_number(lint):
    page = "# Page\n\n1. Call\n2. Meet\n3. Offer\nStart\n"
    (finding,) = lint(page, ("JD106",))
    assert finding.fix.applicability == "unsafe"
    assert _fixed(page, finding) == "# Page\n\n1. Call\n2. Meet\n3. Offer\n4. Start\n"


def test_lost_item_of_a_list_repeating_one_number_repeats_it(lint):
    page = "# Page\n\n1. Call\n1. Meet\nReview\n1. Offer\n"
    (finding,) = lint(page, ("JD106",))
    assert _fixed(page, finding) == "# Page\n\n1. Call\n1. Meet\n1. Review\n1. Offer\n"


@pytest.mark.parametrize(
    "text",
    [
        "- Strong analytical skills,\nand structured thinking\n- Next",  # runs on after a comma
        "- Work with the\nFinance team\n- Next",  # runs on after "the"
        "- Own the funnel\n  Indented continuation\n- Next",  # indented: intended continuation
        "- Own the funnel\nlower-case continuation\n- Next",
        # items that open with a bold label, one wrapped onto a line that opens otherwise
        "- **Sales**: Analysts move into sales.\nSales roles build on that.\n- **Finance**: Some move on.",
    ],
)
def test_continuations_are_not_lost_bullets(lint, text):
    assert lint(f"# Page\n\n{text}\n", ("JD106",)) == []


# level-heading-depth and heading-skip


def test_seed_004_sections_escape_their_level(seed):
    found = [(d.line, d.message.split('"')[1]) for d in seed("004", ("JD107",))]
    assert found == [
        (7, "Levels"),
        (75, "Job Grade"),
        (79, "Responsibilities"),
        (85, "Requirements"),
        (92, "Performance Indicators"),
    ]


def test_levels_below_the_levels_heading_pass(lint):
    assert (
        lint(
            family(level("Analyst", 6, "###"), level("Senior Analyst", 7, "###"))
            .replace("### Job", "#### Job")
            .replace("### Resp", "#### Resp")
            .replace("### Req", "#### Req"),
            ("JD107",),
        )
        == []
    )


def test_levels_beside_the_levels_heading_are_reported_there(lint):
    (finding,) = lint(family(level("Analyst", 6), level("Senior Analyst", 7)), ("JD107",))
    assert finding.line == 5 and finding.message.startswith('the levels after "Levels" are headings of its own depth')


def nested_level(title: str, grade: int, heading: str = "###") -> str:
    """A level whose sections are one heading deeper than it."""
    sections = "#" * (len(heading) + 1)
    return level(title, grade, heading).replace("### Job", f"{sections} Job").replace("### Resp", f"{sections} Resp")


def test_one_level_of_many_outside_levels_is_reported_as_a_level_at_the_wrong_depth(lint):
    levels = [nested_level("Analyst", 6), nested_level("Senior Analyst", 7), nested_level("Staff Analyst", 8)]
    page = family(*levels, nested_level("Manager, Analytics", 9, "##"), nested_level("Senior Manager, Analytics", 10))
    found = [(d.line, d.message) for d in lint(page, ("JD107",))]
    manager = page.split("\n").index("## Manager, Analytics") + 1
    assert found == [
        (manager, 'the level "Manager, Analytics" is a heading of depth 2 (##) where the page\'s other levels are ###')
    ]


def test_a_level_heading_too_deep_is_one_finding_with_its_sections(lint):
    levels = [nested_level("Analyst", 6), nested_level("Senior Analyst", 7)]
    page = family(*levels, level("Staff Analyst", 8, "####"))  # its sections ###: the level's due depth
    found = [(d.line, d.message) for d in lint(page, ("JD107",))]
    staff = page.split("\n").index("#### Staff Analyst") + 1
    assert found == [
        (staff, 'the level "Staff Analyst" is a heading of depth 4 (####) where the page\'s other levels are ###')
    ]
    assert lint(page, ("JD107",))[0].hint == "make it ###, and its sections ####"


def test_most_levels_outside_levels_are_reported_at_the_levels_heading(lint):
    levels = [nested_level("Analyst", 6), nested_level("Manager, Analytics", 9, "##")]
    page = family(*levels, nested_level("Senior Manager, Analytics", 10, "##"))
    (finding,) = lint(page, ("JD107",))
    assert finding.line == 5 and finding.message.startswith('the levels after "Levels" are headings of its own depth')


def test_levels_shallower_than_the_levels_heading_are_said_to_be(lint):
    page = family(nested_level("Analyst", 6, "##"), nested_level("Senior Analyst", 7, "##")).replace(
        "## Levels", "### Levels"
    )
    (finding,) = lint(page, ("JD107",))
    assert finding.message.startswith('the levels after "Levels" are headings shallower (##) than it (###)')


@pytest.mark.parametrize("summary", ["| Level | Grade |\n| - | - |\n| Analyst | 6 |\n", "- [Analyst](#analyst)\n"])
def test_a_levels_heading_with_a_table_or_list_of_its_own_is_a_summary_beside_the_levels(lint, summary):
    page = family(level("Analyst", 6), level("Senior Analyst", 7)).replace("## Levels\n\n", f"## Levels\n\n{summary}\n")
    assert lint(page, ("JD107",)) == []


def test_heading_skip(lint):
    (finding,) = lint("# Page\n\n## A\n\n#### B\n\ntext\n", ("JD108",))
    assert finding.line == 5 and finding.message == 'heading level 4 right after level 2 ("A")'


# Families split over files: a folder's _index.md with one page per level

_LEVEL_PAGE = """\
---
title: {title}
---

The {title} reports to the Director, Support.

## Job Grade

The {title} is a grade {grade}.

## Responsibilities

- Answer tickets.

## Requirements

- Patience.
"""


def test_folder_page_that_is_no_job_family_leaves_its_pages_families_of_their_own(handbook, lint_tree):
    root = handbook(
        {
            "support/_index.md": "---\ntitle: Support Roles\n---\n\nThe roles of the support team.\n",
            "support/agent.md": _LEVEL_PAGE.format(title="Support Agent", grade=6),
        }
    )
    told = [f[3] for f in lint_tree(root, ("JD101",))]
    assert 'job family "Support Agent" has no "Career Ladder" section' in told


def test_section_no_page_of_the_family_has_is_told_once_on_the_family_page(handbook, lint_tree):
    root = handbook(
        {
            "support/_index.md": "---\ntitle: Support\n---\n\n## Hiring Process\n\n- A call.\n\n"
            "## Performance Indicators\n\n- CSAT\n",
            "support/agent.md": _LEVEL_PAGE.format(title="Support Agent", grade=6),
            "support/senior.md": _LEVEL_PAGE.format(title="Senior Support Agent", grade=7),
        }
    )
    assert [(f[0], f[3]) for f in lint_tree(root, ("JD101",))] == [
        ("_index.md", 'job family "Support" has no "Career Ladder" section')
    ]


def test_inheritance_naming_no_level_of_the_family_is_still_reported(handbook, lint_tree):
    senior = _LEVEL_PAGE.format(title="Senior Support Agent", grade=7).replace(
        "- Answer tickets.", "- Extends that of the Associate responsibilities."
    )
    root = handbook(
        {
            "support/_index.md": "---\ntitle: Support\n---\n\n## Career Ladder\n\nNot yet defined.\n",
            "support/agent.md": _LEVEL_PAGE.format(title="Support Agent", grade=6),
            "support/senior.md": senior,
        }
    )
    assert [(f[0], f[2]) for f in lint_tree(root, ("JD103",))] == [("senior.md", "JD103")]


# duplicate-family


def test_family_defined_on_two_pages(handbook, lint_tree):
    text = (
        "---\ntitle: Billing Operations\n---\n\n## Levels\n\n### Billing Analyst\n\nThe Billing Analyst is a grade 6.\n"
    )
    root = handbook({"billing.md": text, "billing/_index.md": text.replace("Billing Operations", "Billing operations")})
    found = lint_tree(root, ("JD110",))
    assert sorted((f[0], f[1], f[3]) for f in found) == [
        ("_index.md", 2, 'job family "Billing operations" is defined again, with the same levels, in billing.md'),
        (
            "billing.md",
            2,
            'job family "Billing Operations" is defined again, with the same levels, in billing/_index.md',
        ),
    ]


def test_same_title_with_other_levels_is_no_copy(handbook, lint_tree):
    text = (
        "---\ntitle: Billing Operations\n---\n\n## Levels\n\n### Billing Analyst\n\nThe Billing Analyst is a grade 6.\n"
    )
    root = handbook({"a.md": text, "b.md": text.replace("Billing Analyst", "Billing Manager")})
    assert lint_tree(root, ("JD110",)) == []


def test_section_shallower_than_its_level_is_reported_with_the_depth_it_needs(lint):
    page = "## Levels\n\n### Clerk\n\nThe Clerk is a grade 5.\n\n## Requirements\n\n- Filing\n\n### Senior Clerk\n\n#### Job Grade\n\nThe Senior Clerk is a grade 6.\n"
    (finding,) = lint(page, ("JD107",))
    assert finding.line == 7
    assert finding.message == (
        '"Requirements" is a section of the level "Clerk" but its heading (##) is shallower than the level\'s (###)'
    )
    assert finding.hint == "make it #### so that it sits under the level"


def test_level_deeper_than_the_others_is_reported_once_with_its_sections_in_place(lint):
    head_clerk = "### Head Clerk\n\n### Job Grade\n\nThe Head Clerk is a grade 7.\n\n### Responsibilities\n\n- Lead\n"
    page = "# Clerks\n\n" + level("Clerk", 5) + level("Senior Clerk", 6) + head_clerk
    (finding,) = lint(page, ("JD107",))
    assert finding.line == page.splitlines().index("### Head Clerk") + 1
    assert (
        finding.message == 'the level "Head Clerk" is a heading of depth 3 (###) where the page\'s other levels are ##'
    )
    assert finding.hint == "make it ##, and its sections ###"


def test_heading_skip_after_a_level_section_written_too_shallow_is_left_to_level_depth(lint):
    page = "## Levels\n\n### Clerk\n\n## Job Grade\n\nThe Clerk is a grade 5.\n\n#### Responsibilities\n\n- File\n"
    assert [d.code for d in lint(page, ("JD107", "JD108"))] == ["JD107"]


def _levels_page(levels_depth, level_depth, sections_depth, summary=""):
    levels, level, sections = "#" * levels_depth, "#" * level_depth, "#" * sections_depth
    clerk = f"{level} Clerk\n\n{sections} Job Grade\n\nThe Clerk is a grade 5.\n\n{sections} Responsibilities\n\n- File\n\n"
    return f"# Clerks\n\n{levels} Levels\n\n{summary}" + clerk


def test_heading_skip_under_a_level_as_shallow_as_levels_is_left_to_level_depth(lint):
    # The sections sit where they would inside "Levels": the level heading is the one out of place.
    codes = [(d.code, d.line) for d in lint(_levels_page(2, 2, 4), ("JD107", "JD108"))]
    assert codes == [("JD107", 3)]


def test_heading_skip_to_sections_deeper_or_shallower_than_inside_levels_is_reported(lint):
    page = _levels_page(3, 2, 4)  # "Levels" is ###: inside it the sections would be #####
    job_grade = page.splitlines().index("#### Job Grade") + 1
    assert job_grade in [d.line for d in lint(page, ("JD108",))]


def test_heading_skip_under_levels_that_summarise_them_is_reported(lint):
    summary = "| Level | Grade |\n|---|---|\n| Clerk | 5 |\n\n"
    assert [d.code for d in lint(_levels_page(2, 2, 4, summary), ("JD107", "JD108"))] == ["JD108"]


# section-of-another-level


def test_section_headed_with_another_level_s_title(lint):
    page = family(
        level("Analyst", 6),
        level("Manager, Analysts", 8).replace("### Responsibilities", "### Analyst Responsibilities"),
    )
    (finding,) = lint(page, ("JD109",))
    assert finding.line == page.splitlines().index("### Analyst Responsibilities") + 1
    assert finding.message == (
        '"Analyst Responsibilities" is a section of the level "Manager, Analysts" but is headed with the title '
        'of the level "Analyst" (line 7)'
    )


@pytest.mark.parametrize(
    ("title", "heading"),
    [("Senior Analyst", "### Senior Analyst Responsibilities"), ("Analyst (Senior)", "### Analyst Responsibilities")],
)
def test_section_headed_with_its_own_level_s_title(lint, title, heading):
    page = family(level("Analyst", 6), level(title, 7).replace("### Responsibilities", heading))
    assert lint(page, ("JD109",)) == []


def test_inheritance_from_two_levels_joined_by_and(lint):
    text = """\
---
title: Widget Desk
---

## Levels

### Manager, Widget Desk

The Manager, Widget Desk is a grade 8.

### Senior Manager, Widget Desk

The Senior Manager, Widget Desk is a grade 9.

### Director, Widget Desk

The Director, Widget Desk is a grade 10.

#### Director, Widget Desk Responsibilities

- Extends that of the Senior Manager and Manager Widget Desk responsibilities
- Extends that of the Senior Manager and Staff Widget Desk responsibilities
"""
    findings = lint(text, ("JD103",))
    assert [f.line for f in findings] == [22]  # "Staff" is no level here


# broken-link

_POSTING = """\
# {title}

## Responsibilities

- Runs the shift

## Requirements

- Food safety

{more}
"""


def _postings(handbook, more: str):
    return handbook(
        {
            "careers/benefits.md": "# Benefits\n\nHolidays and a pension.\n",
            "careers/roles/cook.md": _POSTING.format(title="Cook", more=more),
            "careers/roles/head-cook.md": _POSTING.format(title="Head Cook", more="The Head Cook leads the kitchen."),
        }
    )


@pytest.mark.parametrize(
    "link",
    [
        "See our [benefits](../benefits.md).",  # a file's path from the page's folder, as on GitHub
        "Next: the [Head Cook](head-cook.md).",
        "Read the [requirements](#requirements) first.",
        "Read the [shift notes](#shift-notes).\n\n<a id=\"shift-notes\"></a>\n\nNotes.",
        "See [our site](https://example.com/careers/) and [the team](/about/).",  # out of the handbook
    ],
)
def test_a_link_that_leads_somewhere_is_no_finding(handbook, lint_tree, link):
    assert lint_tree(_postings(handbook, link), ("JD111",)) == []


def test_a_link_to_a_missing_page_is_reported_with_the_closest(handbook, lint_tree):
    root = _postings(handbook, "Next: the [Head Cook](head-cooks.md).")
    assert lint_tree(root, ("JD111",)) == [
        (
            "cook.md",
            11,
            "JD111",
            'link "Head Cook" links to head-cooks.md, which is no page of the handbook; '
            "did you mean head-cook.md?",
        )
    ]


def test_a_link_to_a_missing_heading_is_reported(handbook, lint_tree):
    root = _postings(handbook, "Read the [specialties](#specialties) first.")
    assert [message for *_, message in lint_tree(root, ("JD111",))] == [
        'link "specialties" links to #specialties, which is no heading of this page'
    ]


def test_a_repeated_headings_anchor_is_numbered(lint):
    page = "# Cook\n\n## Duties\n\n- Cooks\n\n## Duties\n\n- Cleans\n\nSee the [second](#duties-1).\n"
    assert lint(page, ("JD111",)) == []
