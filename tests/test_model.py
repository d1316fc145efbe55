"""The job model: which headings become roles, and the facts each role carries, with their lines."""

import textwrap

import pytest

from jdlint.model import build
from jdlint.parse import parse
from jdlint.profile import load_profile
from jdlint.source import decode

PROFILE = load_profile()


def model_of(data: bytes, path: str = "page.md"):
    return build(path, parse(decode(data)), PROFILE).family


def model_of_text(markdown: str):
    return model_of(textwrap.dedent(markdown).lstrip("\n").encode())


@pytest.fixture
def seed_model(seed_file):
    return lambda number: model_of(seed_file(number).read_bytes())


@pytest.fixture
def corpus_model(job_families):
    return lambda relative: model_of((job_families / relative).read_bytes(), relative)


def titles_and_grades(family):
    return [(role.title, [grade.grade for grade in role.grades]) for role in family.roles]


# Seeds


def test_seed_001_has_five_levels_graded_7_to_11(seed_model):
    family = seed_model("001")
    assert [role.title for role in family.roles] == [
        "Senior Analyst, Online Sales & Self Service Growth",
        "Manager, Online Sales & Self Service Growth",
        "Senior Manager, Online Sales & Self Service Growth",
        "Director, Online Sales & Self Service Growth",
        "Senior Director, Online Sales & Self Service Growth",
    ]
    assert [[g.grade for g in role.grades] for role in family.roles] == [["7"], ["8"], ["9"], ["10"], ["11"]]


def test_seed_001_specialities_are_not_levels(seed_model):
    family = seed_model("001")
    assert not any(role.title in ("New Business", "Growth") for role in family.roles)


def test_seed_001_requirements_inheritance_standing_in_responsibilities(seed_model):
    senior_director = seed_model("001").roles[-1]
    (statement,) = [s for s in senior_director.inheritance if s.line == 133]
    assert (statement.kind, statement.section, statement.level) == ("Requirements", "Responsibilities", "Director")


def test_seed_001_grade_lines_are_real_lines(seed_model, seed_file):
    lines = seed_file("001").read_text().splitlines()
    for role in seed_model("001").roles:
        for grade in role.grades:
            assert f"is a [grade {grade.grade}]" in lines[grade.line - 1]


def test_seed_003_is_a_single_role_page(seed_model):
    family = seed_model("003")
    assert family.single_role
    (role,) = family.roles
    assert role.title == "Director, Online Sales & Self Service Growth"
    assert [(g.grade, g.line) for g in role.grades] == [("10", 11)]


def test_seed_003_reports_to_keeps_its_link(seed_model):
    (statement,) = seed_model("003").roles[0].reports_to
    assert statement.manager == "VP, Online Sales and Self Service"
    assert statement.link.href.endswith("/vice-president-online-sales-and-self-service/")
    assert statement.line == 7


def test_seed_004_third_level_has_escaped_sections(seed_model):
    family = seed_model("004")
    assert len(family.roles) == 3
    third = family.roles[2]
    assert third.title == "Senior Analyst, Online Sales & Self Service Operations"
    escaped = {name for section in third.sections if section.escaped for name in section.names}
    assert {"Job Grade", "Responsibilities", "Requirements"} <= escaped


def test_seed_004_first_levels_have_no_escaped_sections(seed_model):
    first, second, _ = seed_model("004").roles
    assert not any(section.escaped for role in (first, second) for section in role.sections)


def test_seed_002_reports_so_the_is_malformed(seed_model):
    (role,) = seed_model("002").roles
    (statement,) = [s for s in role.reports_to if s.line == 15]
    assert statement.malformed


def test_seed_000_role_block_is_one_role(seed_model):
    family = seed_model("000")
    assert not family.single_role
    (role,) = family.roles
    assert (role.title, role.line) == ("Senior Manager, Online Sales & Self Service Product & Data Analytics", 8)
    assert [g.grade for g in role.grades] == ["9"]


def test_seed_000_career_ladder_inside_the_role_block_is_read(seed_model):
    family = seed_model("000")
    assert "Career Ladder" in family.section_names() | family.roles[0].section_names()
    assert [s.line for s in family.ladder] == [51]


def test_family_title_comes_from_front_matter_with_its_line(seed_model):
    family = seed_model("000")
    assert (family.title, family.title_line) == (
        "Senior Manager, Online Sales & Self Service Product & Data Analytics",
        3,
    )


# Real pages of different shapes


def test_level_headings_with_level_job_grade_subsections(corpus_model):
    family = corpus_model("sales/sales-strategy/index.html.md")
    assert [role.title for role in family.roles] == [
        "Sales Strategy Manager",
        "Sales Strategy Senior Manager",
        "Director, Sales Strategy",
        "Senior Director, Sales Strategy",
    ]
    assert [[g.grade for g in role.grades] for role in family.roles] == [["8"], ["9"], ["10"], ["11"]]


def test_level_job_grade_heading_counts_as_the_job_grade_section(corpus_model):
    family = corpus_model("sales/sales-strategy/index.html.md")
    assert all({"Job Grade", "Responsibilities", "Requirements"} <= role.section_names() for role in family.roles)


def test_specialties_children_are_not_roles(corpus_model):
    family = corpus_model("sales/sales-strategy/index.html.md")
    assert not {"Channel", "Enterprise", "Commercial"} & {role.title for role in family.roles}


def test_erb_page_with_family_requirements_and_levels(corpus_model):
    family = corpus_model("engineering/development/backend/index.html.md.erb")
    assert family.title == "Backend Engineering Roles"
    assert titles_and_grades(family) == [
        ("Intern, Backend Engineer", ["5"]),
        ("Backend Engineer", ["6"]),
        ("Senior Backend Engineer", ["7"]),
        ("Staff Backend Engineer", ["8"]),
        ("Backend Engineering Manager", ["8"]),
    ]


def test_erb_page_family_level_sections_stay_on_the_family(corpus_model):
    family = corpus_model("engineering/development/backend/index.html.md.erb")
    assert {"Requirements", "Responsibilities", "Levels", "Career Ladder", "Hiring Process"} <= family.section_names()


def test_erb_page_specialty_subsections_do_not_make_roles(corpus_model):
    family = corpus_model("engineering/development/backend/index.html.md.erb")
    assert not {"Distribution", "Package", "Protect", "Secure"} & {role.title for role in family.roles}


def test_single_role_corpus_page(corpus_model):
    family = corpus_model("sales/director-customer-programs/index.html.md")
    assert family.single_role
    assert titles_and_grades(family) == [("Director of Customer Programs", ["10"])]
    (statement,) = family.roles[0].reports_to
    assert (statement.manager, statement.line) == ("Sr. Director, Sales Operations", 8)


def test_levels_under_levels_heading_in_a_paralegal_page(corpus_model):
    family = corpus_model("legal/paralegal/index.html.md")
    assert family.roles and not family.single_role
    assert all(role.heading is not None and role.heading.level == 3 for role in family.roles)


# Small pages: one behaviour each. `job_page` marks them as job-family pages by their layout.

LAYOUT = "---\nlayout: job_family_page\n---\n"


def job_page(markdown: str) -> str:
    return LAYOUT + textwrap.dedent(markdown).lstrip("\n")


def line_of(text: str, needle: str) -> int:
    (number,) = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return number


def model_of_page(text: str):
    return model_of(text.encode())


def test_page_without_level_headings_is_its_own_single_role():
    family = model_of_text(
        """
        ---
        title: Paralegal
        ---
        ## Job Grade

        The Paralegal is a grade 6.
        """
    )
    assert family.single_role
    assert [(r.title, r.line) for r in family.roles] == [("Paralegal", 2)]


def test_the_pages_grade_under_a_section_heading_makes_it_no_level():
    family = model_of_text(
        """
        ---
        title: Paralegal
        ---
        ## Responsibilities

        - Files briefs

        #### Compensation

        Paid by the calculator. The Paralegal is a grade 6.
        """
    )
    assert family.single_role and [(r.title, r.grades[0].grade) for r in family.roles] == [("Paralegal", "6")]


def test_a_level_heading_keeps_a_grade_sentence_copied_from_the_page_title():
    family = model_of_text(
        """
        ---
        title: Paralegal
        ---
        ## Levels

        ### Senior Paralegal

        The Paralegal is a grade 6.

        #### Responsibilities

        - Files briefs
        """
    )
    assert [role.title for role in family.roles] == ["Senior Paralegal"]


def test_headings_whose_titles_report_to_someone_are_levels():
    family = model_of_text(
        """
        Communications
        ==============

        Officer (Level II)
        ------------------

        The Officer reports to the Senior Officer.

        Senior Officer (Level III)
        --------------------------

        The Senior Officer reports to the Director.

        About the team
        --------------

        The Director reports to the CEO.
        """
    )
    assert [(r.title, r.reports_to[0].manager) for r in family.roles] == [
        ("Officer (Level II)", "Senior Officer"),
        ("Senior Officer (Level III)", "Director"),
    ]


def test_headings_over_a_reports_to_label_are_levels():
    text = "# Grants\n\n## Grants Associate\n\n**Grade:** F4\n**Reports to:** Grants Manager\n\n"
    text += "## Grants Manager\n\n**Reports to:** Director of Finance\n\n## About us\n\nReporting to the CFO, we keep the books.\n"
    family = model_of_text(text)
    assert [(r.title, r.reports_to[0].manager) for r in family.roles] == [
        ("Grants Associate", "Grants Manager"),
        ("Grants Manager", "Director of Finance"),
    ]


def test_a_heading_repeating_the_pages_title_over_its_reporting_line_is_no_level():
    family = model_of_text("# Controller\n\n## Controller\n\nThe Controller reports to the CFO.\n")
    assert family.single_role and [r.title for r in family.roles] == ["Controller"]


def test_page_without_any_job_part_is_not_a_job_family():
    family = model_of_text("# Sales job families\n\n- [Account Executive](/ae/)\n")
    assert not family.is_job_family


def test_page_whose_roles_report_to_someone_is_a_job_family_without_sections():
    text = "# Communications\n\n## Officer (Level II)\n\nThe Officer reports to the Director.\n\n- Writes the newsletter\n"
    assert model_of_text(text).is_job_family


def test_a_table_of_levels_and_whom_they_report_to_is_no_job_page():
    text = "# Career framework\n\n| Grade | Title | Reports to |\n|---|---|---|\n| A1 | Assistant | Architect |\n"
    assert not model_of_text(text).is_job_family


def test_page_that_mentions_reports_in_a_list_is_not_one():
    text = "# Team rituals\n\n- Write reports to the Board every quarter\n- Plan the offsite\n"
    assert not model_of_text(text).is_job_family


def test_family_layout_page_that_only_points_elsewhere_is_not_a_job_family():
    text = job_page("The Apprentice level was retired in favour of the [Academy](/handbook/academy/).\n")
    assert not model_of_page(text).is_job_family


def test_family_layout_page_rendered_by_a_partial_is_not_a_job_family():
    text = job_page('<%= partial "includes/roles/tester" %>\n\nEvery tester triages issues.\n')
    assert not model_of_page(text).is_job_family


def test_family_layout_page_with_a_link_and_a_job_part_is_a_job_family():
    text = job_page("See the [Academy](/academy/).\n\n## Responsibilities\n\n- Teach\n")
    assert model_of_page(text).is_job_family


def test_family_layout_page_that_points_nowhere_is_a_job_family_without_sections():
    assert model_of_page(job_page("A page about testers, yet to be written.\n")).is_job_family


def test_heading_under_levels_with_sections_is_a_role_even_without_a_grade():
    family = model_of_page(
        job_page(
            """
            # Analysts
            ## Levels
            ### Analyst
            #### Responsibilities
            - Some work
            ### Senior Analyst
            #### Responsibilities
            - More work
            """
        )
    )
    assert [role.title for role in family.roles] == ["Analyst", "Senior Analyst"]


def test_grade_without_a_number_is_recorded_as_unknown():
    family = model_of_page(job_page("# Analyst\n\nThe Analyst is a grade TBD.\n"))
    assert [(g.subject, g.grade) for g in family.roles[0].grades] == [("The Analyst", None)]


def grade_read(sentence: str) -> list[tuple[str, str | None, str | None]]:
    """(subject, grade, highest) of each grade statement read from `sentence` under a Job Grade heading."""
    family = model_of_page(job_page(f"# Widget Maker\n\n## Job Grade\n\n{sentence}\n"))
    return [(g.subject, g.grade, g.highest) for role in family.roles for g in role.grades]


def test_grade_sentence_opened_by_a_title_without_article_is_read():
    assert grade_read("Manager, Widget Assembly is a [grade 8](/comp/#job-grades).") == [
        ("Manager, Widget Assembly", "8", None)
    ]


def test_title_subject_without_article_starts_at_the_sentence_start():
    assert grade_read("Our team grew this year. Staff Widget Maker is a grade 8.") == [
        ("Staff Widget Maker", "8", None)
    ]


def test_grade_clause_after_a_comma_is_read():
    sentence = "For pay purposes, the General Manager of Widgets maps to a [grade 10](/comp/#job-grades) here."
    assert grade_read(sentence) == [("the General Manager of Widgets", "10", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Widget Lead can be a [grade 8 or a grade 9](/comp/#job-grades).",
        "The Widget Lead is a grade 8 or 9.",
        "The Widget Lead is grades 9/8.",
        "The Widget Lead is a grade 8 and 9.",
        "The Widget Lead is a grade 8–9.",
    ],
)
def test_two_grades_are_one_statement_from_the_lowest_to_the_highest(sentence):
    assert grade_read(sentence) == [("The Widget Lead", "8", "9")]


def test_level_number_linked_to_the_grades_is_a_grade():
    assert grade_read("The Widget Lead is a [Level 10](/comp/#job-grades).") == [("The Widget Lead", "10", None)]


def test_level_number_without_a_grades_link_is_not_a_grade():
    assert grade_read("The Widget Lead is a level 2 support contact.") == []


def test_a_grade_named_in_a_career_move_is_not_a_grade_statement():
    assert grade_read("Staff Widget Makers may move to a grade 8 or grade 9 manager role.") == []


def test_grade_on_the_second_line_of_a_paragraph_has_that_line():
    text = job_page("# Analyst\n\nSome intro text.\nThe Analyst is a grade 6.\n")
    assert [g.line for g in model_of_page(text).roles[0].grades] == [line_of(text, "grade 6")]


def test_reports_to_link_text_is_the_manager():
    text = job_page("# Analyst\n\nThe Analyst is a grade 6.\n\nThe Analyst reports to the [Manager, Data](/jf/md/).\n")
    (statement,) = model_of_page(text).roles[0].reports_to
    assert (statement.manager, statement.link.href, statement.line) == (
        "Manager, Data",
        "/jf/md/",
        line_of(text, "reports"),
    )


def test_direct_reports_are_not_a_reports_to_statement():
    text = job_page("# Manager\n\nThe Manager is a grade 8.\n\nHelp your direct reports to grow.\n")
    assert model_of_page(text).roles[0].reports_to == []


def test_same_responsibilities_as_is_an_inheritance():
    text = job_page(
        """
        ## Levels
        ### Manager
        The Manager is a grade 8.
        ### Senior Manager
        The Senior Manager is a grade 9.
        #### Responsibilities
        - Same responsibilities as the Manager listed above, and also:
        - More
        """
    )
    (statement,) = model_of_page(text).roles[1].inheritance
    assert (statement.kind, statement.level, statement.section, statement.line) == (
        "Responsibilities",
        "Manager",
        "Responsibilities",
        line_of(text, "Same responsibilities"),
    )


def test_extends_the_level_requirements_is_an_inheritance():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Analyst
            The Analyst is a grade 6.
            ### Senior Analyst
            The Senior Analyst is a grade 7.
            #### Requirements
            Extends the Analyst requirements.
            """
        )
    )
    (statement,) = family.roles[1].inheritance
    assert (statement.kind, statement.level) == ("Requirements", "Analyst")


def test_career_ladder_not_yet_defined():
    text = job_page("# A\n\n## Career Ladder\n\nThe career ladder is not yet defined.\n")
    assert [(s.line, s.undefined) for s in model_of_page(text).ladder] == [(line_of(text, "not yet"), True)]


def test_career_ladder_links_are_kept():
    text = job_page("# A\n\n## Career Ladder\n\nThe next step is the [Manager](/jf/manager/) job family.\n")
    (statement,) = model_of_page(text).ladder
    assert [link.href for link in statement.links] == ["/jf/manager/"]
    assert not statement.undefined


@pytest.mark.parametrize("shortcode", ["{{% job-families/sales/performance %}}", '{{< job-families/sales/performance role="AE" >}}'])
def test_hugo_shortcode_of_the_performance_partial_counts_as_the_family_section(shortcode):
    text = job_page(f"# A\n\n{shortcode}\n")
    family = model_of(text.encode())
    assert family.partial_sections == {"Performance Indicators": line_of(text, "job-families/sales")}


def test_a_hugo_shortcode_not_named_by_a_path_renders_no_section():
    assert model_of(job_page("# A\n\n{{% performance %}}\n").encode()).partial_sections == {}


def test_erb_performance_partial_counts_as_the_family_section():
    text = job_page('# A\n\n<%= partial("job-families/sales/performance") %>\n')
    family = model_of_page(text)
    assert family.partial_sections == {"Performance Indicators": line_of(text, "partial")}
    assert "Performance Indicators" in family.section_names()


def test_describe_via_cli_lists_levels_and_grades(seed_file):
    from typer.testing import CliRunner

    from jdlint.cli import app

    result = CliRunner().invoke(app, ["model", str(seed_file("001"))])
    assert result.exit_code == 0
    assert "roles: 5 levels" in result.output
    assert "inherits Requirements of 'Director' @133 (in Responsibilities)" in result.output


# Section names: common variants of a heading name the section; unrelated headings do not.


@pytest.mark.parametrize(
    ("heading", "names"),
    [
        ("Performance Indicators (PIs)", ("Performance Indicators",)),
        ("Hiring Process (every level)", ("Hiring Process",)),
        ("Requirements for applicants", ("Requirements",)),
        ("Responsibilities for the Staff level", ("Responsibilities",)),
        ("Career Ladder for Grade 7 engineers", ("Career Ladder",)),
        ("Nice-to-have's", ("Nice-to-haves",)),
        ("Manager, Data - Job Grade 9", ("Job Grade",)),
        ("Shared Requirements Across All Levels", ("Requirements",)),
        ("Levels for Site Reliability", ("Levels",)),
        ("Career Paths", ("Career Ladder",)),
        ("Requirements (nice to have)", ("Nice-to-haves",)),
        ("Requirements (all levels)", ("Requirements",)),  # a scope, not the Levels section
        ("Hiring process overview", ("Hiring Process",)),
    ],
)
def test_heading_with_a_qualifier_names_its_section(heading, names):
    assert PROFILE.section_names(heading) == names


@pytest.mark.parametrize(
    "heading",
    ["Levels of Autonomy", "Director for Requirements Engineering", "Analyst 2", "Hiring Manager Call", "Overview"],
)
def test_heading_that_only_contains_a_section_word_names_no_section(heading):
    assert PROFILE.section_names(heading) == ()


# Headings at the wrong depth: levels keep their sections, the family keeps its own.


def roles_and_sections(family):
    return [(role.title, [(s.title, s.escaped) for s in role.sections]) for role in family.roles]


def test_family_section_after_the_last_level_whose_sections_escaped_stays_the_family_s():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ## Clerk
            ### Job Grade
            The Clerk is a grade 5.
            ### Responsibilities
            - File
            ## Senior Clerk
            ## Job Grade
            The Senior Clerk is a grade 6.
            ## Responsibilities
            - File more
            ## Performance Indicators
            - Files filed
            ## Career Ladder
            The next step is the Manager job family.
            """
        )
    )
    assert roles_and_sections(family)[1] == ("Senior Clerk", [("Job Grade", True), ("Responsibilities", True)])
    assert "Performance Indicators" in family.section_names()


def test_level_without_text_adopts_its_escaped_grade_even_naming_another_title():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Clerk
            The Clerk is a grade 5.
            ### Senior Clerk
            ### Job Grade
            The Junior Clerk is a grade 6.
            ### Requirements
            - Filing
            ## Career Ladder
            """
        )
    )
    assert roles_and_sections(family)[1] == ("Senior Clerk", [("Job Grade", True), ("Requirements", True)])


def test_level_whose_text_states_its_grade_adopts_the_sections_at_its_depth():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Clerk
            The Clerk is a grade 5.
            ### Responsibilities
            - File
            ### Senior Clerk
            The Senior Clerk is a grade 6.
            ### Responsibilities
            - File more
            """
        )
    )
    assert [len(role.sections) for role in family.roles] == [1, 1]


def test_grade_heading_repeating_the_level_title_is_the_level_s_section():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Senior Clerk
            The Senior Clerk reports to the Manager, Records.
            #### Senior Clerk
            The Senior Clerk is a grade 6.
            #### Senior Clerk Responsibilities
            - File
            """
        )
    )
    (role,) = family.roles
    assert (role.line, [r.manager for r in role.reports_to], [g.grade for g in role.grades]) == (
        5,
        ["Manager, Records"],
        ["6"],
    )


def test_level_keeps_a_section_shallower_than_itself_when_levels_follow():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Clerk
            The Clerk is a grade 5.
            ## Requirements
            - Filing
            ### Senior Clerk
            The Senior Clerk is a grade 6.
            #### Requirements
            - More filing
            """
        )
    )
    assert roles_and_sections(family) == [
        ("Clerk", [("Requirements", True)]),
        ("Senior Clerk", [("Requirements", False)]),
    ]


def test_level_keeps_a_shallower_grade_section_with_deeper_sections_under_it():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Clerk
            The Clerk reports to the Manager, Records.
            ## Job Grade
            The Clerk is a grade 5.
            #### Clerk Responsibilities
            - File
            ### Senior Clerk
            #### Senior Clerk Job Grade
            The Senior Clerk is a grade 6.
            """
        )
    )
    assert roles_and_sections(family)[0] == ("Clerk", [("Job Grade", True), ("Clerk Responsibilities", False)])
    assert [r.manager for r in family.roles[0].reports_to] == ["Manager, Records"]


def test_last_level_keeps_shallower_sections_that_name_it():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Clerk
            #### Clerk Job Grade
            The Clerk is a grade 5.
            #### Senior Clerk
            ### Senior Clerk Job Grade
            The Senior Clerk is a grade 6.
            ### Responsibilities
            - File more
            ## Career Ladder
            """
        )
    )
    assert roles_and_sections(family)[1] == (
        "Senior Clerk",
        [("Senior Clerk Job Grade", True), ("Responsibilities", True)],
    )


def test_family_section_shallower_than_the_last_level_stays_the_family_s():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Clerk
            The Clerk is a grade 5.
            ### Senior Clerk
            The Senior Clerk is a grade 6.
            ## Performance Indicators
            - Files filed
            ## Career Ladder
            """
        )
    )
    assert "Performance Indicators" in family.section_names()


def test_level_among_specialties_whose_grade_escaped_is_a_level():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Clerk
            #### Job Grade
            The Clerk is a grade 5.
            ## Specialties
            ### Archives
            - Old files
            ### Head of Records
            ### Head of Records Job Grade
            The Head of Records is a grade 10.
            #### Responsibilities
            - Lead
            """
        )
    )
    assert [role.title for role in family.roles] == ["Clerk", "Head of Records"]


def test_level_nested_in_another_level_s_sections_keeps_its_own():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Manager
            ### Manager Job Grade
            The Manager is a grade 8.
            #### Responsibilities
            - Manage
            #### Director
            ### Director Job Grade
            The Director is a grade 10.
            """
        )
    )
    assert [(role.title, [g.grade for g in role.grades]) for role in family.roles] == [
        ("Manager", ["8"]),
        ("Director", ["10"]),
    ]


def test_job_grades_heading_above_levels_is_not_a_level():
    family = model_of_page(
        job_page(
            """
            ## Career Paths
            ### Job Grades
            #### Clerk
            ##### Job Grade
            The Clerk is a grade 5.
            #### Senior Clerk
            ##### Job Grade
            The Senior Clerk is a grade 6.
            """
        )
    )
    assert [role.title for role in family.roles] == ["Clerk", "Senior Clerk"]


def test_title_heading_with_its_sections_beside_it_is_a_single_role_page():
    family = model_of_page(
        job_page(
            """
            ## Records Clerk
            ## Job Grade
            The Records Clerk is a grade 5.
            ## Responsibilities
            - File
            """
        )
    )
    assert family.single_role


def test_level_adopts_sections_at_its_depth_headed_with_its_title_despite_a_misspelt_grade():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Records Clerk
            The Records Clerk reports to the Manager, Records.
            ### Records Clerk Job Grade
            The Recods Clerk is a grade 5.
            ### Records Clerk Responsibilities
            - File
            """
        )
    )
    assert roles_and_sections(family) == [
        ("Records Clerk", [("Records Clerk Job Grade", True), ("Records Clerk Responsibilities", True)])
    ]


def test_role_block_beside_levels_that_grades_a_role_is_a_level():
    family = model_of_page(
        job_page(
            """
            ## Levels
            ### Junior Clerk
            #### Job Grade
            The Junior Clerk is a grade 5.
            ## Role
            ### Job Grade
            The Records Clerk is a grade 6.
            """
        )
    )
    assert titles_and_grades(family) == [("Junior Clerk", ["5"]), ("Records Clerk", ["6"])]


def test_role_block_beside_levels_without_a_grade_introduces_the_family():
    family = model_of_page(
        job_page(
            """
            ## Role
            Clerks keep the records.
            ## Levels
            ### Junior Clerk
            #### Job Grade
            The Junior Clerk is a grade 5.
            """
        )
    )
    assert [role.title for role in family.roles] == ["Junior Clerk"]


def test_family_sections_grading_a_role_beside_levels_are_its_base_level():
    family = model_of_text(
        """
        ---
        title: Records Clerk
        ---
        ## Job Grade
        The Records Clerk is a grade 6.
        ## Levels
        ### Senior Records Clerk
        #### Job Grade
        The Senior Records Clerk is a grade 7.
        """
    )
    assert titles_and_grades(family) == [("Records Clerk", ["6"]), ("Senior Records Clerk", ["7"])]


def test_family_grade_of_a_level_of_the_same_title_is_that_level_s():
    family = model_of_text(
        """
        ---
        title: Senior Records Clerk
        ---
        ## Job Grade
        The Senior Records Clerk is a grade 7.
        ## Levels
        ### Senior
        #### Responsibilities
        - File
        """
    )
    assert titles_and_grades(family) == [("Senior Records Clerk", ["7"])]


def test_a_team_under_levels_is_no_level_but_a_heading_with_a_level_word_is():
    text = """\
---
title: Senior Platform Engineer
---

## Levels

### Senior

#### Senior Responsibilities

- Ships features.

### Build Tooling

#### Requirements

- Knows compilers.

### Staff Platform Engineer

#### Staff Responsibilities

- Leads features.

### Platform Engineer, Storage

#### Requirements

- Knows disks.
"""
    family = model_of_text(text)
    assert [role.title for role in family.roles] == [
        "Senior Platform Engineer",
        "Staff Platform Engineer",
        "Platform Engineer, Storage",
    ]


def test_the_full_stop_after_a_manager_title_is_not_part_of_it():
    family = model_of_text(
        """\
        ---
        title: Widgets
        ---

        The Analyst, Widgets reports so the Director, Widgets.

        The Analyst, Widgets is a grade 6.
        """
    )
    assert [s.manager for s in family.roles[0].reports_to] == ["Director, Widgets"]


def test_a_band_is_the_grade_of_a_handbook_that_speaks_of_bands():
    family = model_of_text("---\ntitle: Data Engineer\n---\n\n## Data Engineer II\n\nThe Data Engineer II is Band 3.\n")
    (role,) = family.roles
    assert [(g.grade, g.line) for g in role.grades] == [("3", 7)]


# Bold labels: "**Requirements:**" heads a section as "## Requirements" does


def section_titles(family):
    """The family's sections that name one, with their headings' text."""
    return [(section.names, section.title) for section in family.sections if section.names]


def test_a_bold_label_that_names_a_section_heads_it():
    family = model_of_text(
        """
        # Data Analyst

        **Responsibilities:**

        - Build the monthly reporting pack

        __Requirements__:

        - Three years of SQL
        """
    )
    assert section_titles(family) == [(("Responsibilities",), "Responsibilities"), (("Requirements",), "Requirements")]
    assert [block.text for block in family.sections[-1].blocks if block.kind == "list_item"] == ["Three years of SQL"]


def test_a_bold_label_is_one_level_below_the_heading_it_follows():
    family = model_of_text(
        """
        # Support

        ## Support Engineer

        The Support Engineer is a grade 6.

        **Requirements**

        - Two years in support

        ## Senior Support Engineer

        The Senior Support Engineer is a grade 7.
        """
    )
    engineer = family.roles[0]
    assert engineer.title == "Support Engineer"
    assert "Requirements" in engineer.section_names()
    assert "Requirements" not in family.roles[1].section_names()


@pytest.mark.parametrize(
    "paragraph",
    [
        "**Be a leader in the data community**",  # names no section: a motto, not a label
        "**Requirements:** three years of SQL",  # text after the label: a sentence
        "Our **Requirements** are short",
        "**Requirements\nand more**",  # two lines
    ],
)
def test_bold_text_that_is_no_section_label_stays_prose(paragraph):
    family = model_of_text("# Data Analyst\n\n## Responsibilities\n\n- Build reports\n\n" + paragraph + "\n")
    assert section_titles(family) == [(("Responsibilities",), "Responsibilities")]


def test_a_bold_label_inside_a_list_stays_a_list_item():
    family = model_of_text("# Data Analyst\n\n## Responsibilities\n\n- **Requirements**\n- Build reports\n")
    assert section_titles(family) == [(("Responsibilities",), "Responsibilities")]
