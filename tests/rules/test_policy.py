"""JD7: handbook policy and language."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.config import Config
from jdlint.engine import lint_text
from jdlint.profile import load_profile


def family(requirements: str = "- Ability to use GitLab", *, title: str = "Analyst", **sections: str) -> str:
    """A job-family page: front matter, an overview, a grade, requirements and any other sections
    (keyword = heading with underscores for spaces, value = its Markdown)."""
    extra = "".join(f"## {name.replace('_', ' ')}\n\n{text}\n\n" for name, text in sections.items())
    return (
        f"---\ntitle: {title}\n---\n\nThe {title} builds the pricing model.\n\n"
        f"## Job Grade\n\nThe {title} is a grade 7.\n\n## Requirements\n\n{requirements}\n\n{extra}"
    )


def line_of(page: str, text: str) -> int:
    """The line number of the first line of `page` that contains `text`."""
    return next(number for number, line in enumerate(page.splitlines(), 1) if text in line)


@pytest.fixture
def corpus_page(job_families: Path):
    """Lint one corpus page alone with `select`."""

    def run(relative: str, select: tuple[str, ...]):
        config = Config(root=job_families.parent, select=select)
        rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
        diagnostics, _ = lint_text((job_families / relative).read_bytes(), relative, config, rules)
        return diagnostics

    return run


CLEAN_CORPUS_PAGES = [
    "engineering/development/management/senior-manager/index.html.md",
    "sales/technical-instructional-designer/index.html.md",
]


@pytest.mark.parametrize("relative", CLEAN_CORPUS_PAGES)
def test_clean_corpus_pages_have_no_policy_findings(corpus_page, relative):
    assert corpus_page(relative, ("JD701", "JD702", "JD703", "JD704", "JD705")) == []


# JD701 required-requirement-missing


def test_seed_004_has_only_willingness_to_learn_gitlab(seed):
    (finding,) = seed("004", ("JD701",))
    assert (finding.line, finding.column) == (37, 3)
    assert finding.message.startswith(
        'requirement "Willingness to learn and use GitLab" is not the required "Ability to use GitLab"'
    )


def test_ability_to_use_gitlab_passes(lint):
    assert lint(family("- Strong analytical skills\n- Ability to use GitLab"), ("JD701",)) == []


def test_able_to_use_gitlab_passes(lint):
    assert lint(family("- Able to use GitLab for communication"), ("JD701",)) == []


def test_missing_requirement_is_reported_once_at_the_requirements_heading(lint):
    page = family("- Strong analytical skills", Levels="### Senior Analyst\n\n#### Requirements\n\n- Mentoring")
    (finding,) = lint(page, ("JD701",))
    assert finding.line == line_of(page, "## Requirements")
    assert finding.message == 'no requirement of "Analyst" says "Ability to use GitLab"'


def test_willingness_to_learn_and_use_gitlab_is_not_enough(lint):
    page = family("- Strong analytical skills\n- Willingness to learn and use GitLab")
    (finding,) = lint(page, ("JD701",))
    assert finding.line == line_of(page, "Willingness") and "Willingness to learn and use GitLab" in finding.message


def test_one_level_having_it_is_enough(lint):
    page = family(
        "- Strong analytical skills", Levels="### Senior Analyst\n\n#### Requirements\n\n- Ability to use GitLab"
    )
    assert lint(page, ("JD701",)) == []


def test_requirement_in_a_code_span_does_not_count(lint):
    assert [d.code for d in lint(family("- `Ability to use GitLab`"), ("JD701",))] == ["JD701"]


def test_requirement_under_responsibilities_does_not_count(lint):
    page = family("- Strong analytical skills", Responsibilities="- Ability to use GitLab")
    assert [d.code for d in lint(page, ("JD701",))] == ["JD701"]


def test_page_without_requirements_is_left_to_missing_section(lint):
    page = "---\ntitle: Analyst\n---\n\n## Job Grade\n\nThe Analyst is a grade 7.\n\n## Responsibilities\n\n- Model\n"
    assert lint(page, ("JD701",)) == []


def test_profile_can_accept_willingness(lint):
    profile = load_profile(
        {"required-requirements": [r"\b(?:ability\s+to|willingness\s+to\s+learn\s+and)\s+use\s+GitLab\b"]}
    )
    config = Config(root=Path.cwd(), select=("JD701",), profile=profile)
    assert lint(family("- Willingness to learn and use GitLab"), config=config) == []


def test_corpus_page_with_willingness_only(corpus_page):
    (finding,) = corpus_page("sales/area-vice-president-of-sales/index.html.md", ("JD701",))
    assert finding.line == 30 and "Willingness to learn and use GitLab" in finding.message


# JD702 years-of-experience


def test_seed_004_years_of_experience(seed):
    assert [(d.line, d.column) for d in seed("004", ("JD702",))] == [(29, 3), (64, 3), (88, 3)]


@pytest.mark.parametrize(
    ("requirement", "years"),
    [
        ("5+ years of experience in SaaS operations", "5+ years"),
        ("2-4 years experience in SaaS product operations", "2-4 years"),
        ("At least three years of experience managing a team", "three years"),
        ("Minimum of 7 years of contracts drafting and negotiation", "7 years"),
        ("Past experience (3 to 5 years) as an engineering manager", "3 to 5 years"),
        ("A minimum of 2 years' experience with security governance", "2 years"),
        ("5+ years corporate paralegal experience at a law firm", "5+ years"),
        ("5 years or more developing in Ruby", "5 years"),
        ("Chief Legal Officer of a public company for at least two years.", "two years"),
    ],
)
def test_specific_years_in_requirements(lint, requirement, years):
    (finding,) = lint(family(f"- Ability to use GitLab\n- {requirement}"), ("JD702",))
    assert finding.message == f'asks for a specific number of years: "{years}"'
    assert finding.end_column - finding.column == len(years)


@pytest.mark.parametrize(
    "requirement",
    [
        "Experience leading teams across 5 levels of seniority",
        "Own the 5 year plan for pricing",
        "In the last 2 years we grew the team tenfold",
        "Completed 2 years of law school",
        "Support the year-end close",
        "Author technical vision artifacts with >1 year time horizon",
        "Meet ARR goals in 3 years",
        "Relevant, progressive experience in SaaS operations",
    ],
)
def test_periods_of_time_are_not_years_of_experience(lint, requirement):
    assert lint(family(f"- Ability to use GitLab\n- {requirement}"), ("JD702",)) == []


def test_years_outside_requirements_need_the_word_experience(lint):
    page = family(
        Responsibilities="- Have at least 5 years of experience running PostgreSQL\n- Maintain a 3 year roadmap"
    )
    (finding,) = lint(page, ("JD702",))
    assert finding.line == line_of(page, "PostgreSQL") and '"5 years"' in finding.message


def test_years_in_a_code_span_are_not_read(lint):
    assert lint(family("- Ability to use GitLab\n- Configure `retention: 5 years` in the tool"), ("JD702",)) == []


def entry_level(requirements: str, grade: int = 5) -> str:
    return (
        "---\ntitle: Analyst\n---\n\n## Levels\n\n"
        f"### Associate Analyst\n\n#### Job Grade\n\nThe Associate Analyst is a grade {grade}.\n\n"
        f"#### Requirements\n\n{requirements}\n\n"
        "### Analyst\n\n#### Job Grade\n\nThe Analyst is a grade 6.\n\n"
        "#### Requirements\n\n- Experience with Salesforce\n- Ability to use GitLab\n"
    )


def test_entry_level_grade_asks_for_no_prior_experience(lint):
    page = entry_level(
        "- Experience with Salesforce\n- Demonstrated progressive experience in sales\n- Ability to use GitLab"
    )
    (finding,) = lint(page, ("JD702",))
    assert finding.line == line_of(page, "Experience with Salesforce")
    also = line_of(page, "Demonstrated")
    assert finding.message == (
        f'"Associate Analyst" is grade 5, an entry level, but asks for prior experience (also on line {also})'
    )


@pytest.mark.parametrize(
    "requirement",
    [
        "Experience with Salesforce is a plus",
        "SaaS experience preferred",
        "B.Sc. in Computer Science or equivalent experience",
        "Curiosity and a willingness to learn Salesforce",
        "A degree in supply chain or relevant experience",
        "Cares about a smooth candidate experience for every applicant",
        "Improves the customer experience of our users",
    ],
)
def test_entry_level_optional_experience_is_fine(lint, requirement):
    assert lint(entry_level(f"- {requirement}\n- Ability to use GitLab"), ("JD702",)) == []


def test_prior_experience_above_the_entry_grades_is_fine(lint):
    assert lint(entry_level("- Experience with Salesforce", grade=6), ("JD702",)) == []


def test_corpus_associate_frontend_engineer_asks_for_experience(corpus_page):
    (finding,) = corpus_page("engineering/development/frontend/associate/index.html.md", ("JD702",))
    assert finding.line == 20 and "grade 5, an entry level" in finding.message


def test_one_finding_per_line_names_every_count(lint):
    (finding,) = lint(family("- 9+ years in procurement, including 4 years leading buyers"), ("JD702",))
    assert finding.message == 'asks for a specific number of years: "9+ years", "4 years"'
    assert (finding.column, finding.end_column) == (3, 45)


# JD703 vacancy-language


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We are seeking a highly motivated Analyst.", "We are seeking"),
        ("This is an exciting opportunity to shape pricing.", "exciting opportunity"),
        ("As the Analyst, you will own the pricing model.", "you will"),
        ("You'll work with Product Management.", "You'll"),
        ("We're looking for an experienced leader.", "We're looking for an"),
        ("We're hiring for this role in every region.", "We're hiring"),
    ],
)
def test_vacancy_language(lint, text, phrase):
    (finding,) = lint(family(Overview=text), ("JD703",))
    assert finding.message.startswith(f'vacancy language "{phrase}"')


def test_vacancy_language_in_a_heading(lint):
    page = family(Responsibilities="### As an Analyst you will:\n\n- Model prices")
    (finding,) = lint(page, ("JD703",))
    assert finding.line == line_of(page, "you will")


@pytest.mark.parametrize(
    "text",
    [
        'Avoid wording such as "you will report to" in job families.',
        "> You will report to the Director.",
        "Never write `we are seeking` in a job family.",
        "The list shows the qualities we're looking for.",
        "The Analyst will report to the Director.",
    ],
)
def test_vacancy_near_misses(lint, text):
    assert lint(family(Overview=text), ("JD703",)) == []


def test_the_hiring_process_may_speak_to_the_candidate(lint):
    page = family(Hiring_Process="- Next, you will meet the hiring manager", Compensation="You'll see the calculator.")
    assert lint(page, ("JD703",)) == []


def test_one_finding_per_section_names_every_phrase(lint):
    text = "- You will model prices\n- You'll own the forecast\n- you will brief sales\n- Reviews margins"
    page = family(Responsibilities=text, Overview="We are seeking a pricing expert.")
    responsibilities, overview = lint(page, ("JD703",))
    assert overview.message.startswith('vacancy language "We are seeking" under "Overview"')
    first = line_of(page, "You will model")
    assert (responsibilities.line, responsibilities.column) == (first, 3)
    assert responsibilities.message.startswith(
        f'vacancy language "You will" (lines {first}, {first + 2}), "You\'ll" (line {first + 1}) under "Responsibilities"'
    )


def test_corpus_you_will_report_to(corpus_page):
    (finding,) = corpus_page("sales/sales-administrator/index.html.md.erb", ("JD703",))
    assert (finding.line, finding.column) == (6, 29)
    assert '"you will" (lines 6, 8, 10)' in finding.message


# JD704 location-requirement


@pytest.mark.parametrize(
    ("requirement", "phrase"),
    [
        ("Based in San Francisco, CA, USA to attend in-person meetings", "Based in San Francisco"),
        ("EMEA-based, with travel as needed", "EMEA-based"),
        ("Must be able to work during US and Canada timezones", "work during US and Canada timezones"),
        ("Must be located in the Washington DC metro area", "located in the Washington DC"),
    ],
)
def test_location_requirement(lint, requirement, phrase):
    (finding,) = lint(family(f"- Ability to use GitLab\n- {requirement}"), ("JD704",))
    assert finding.message == f'location requirement "{phrase}" in the family\'s requirements'


@pytest.mark.parametrize(
    "requirement",
    [
        "Experience managing partner relationships that are based in developing service offerings",
        "Knowledge of the enterprise landscape within EMEA",
        "Ability to collaborate across multiple time zones",
        "US citizenship is required",
    ],
)
def test_location_near_misses(lint, requirement):
    assert lint(family(f"- Ability to use GitLab\n- {requirement}"), ("JD704",)) == []


def test_a_regional_title_may_name_its_place(lint):
    page = family("- Reside in Japan and travel throughout the country", title="Japan Country Manager")
    assert lint(page, ("JD704",)) == []


def test_a_heading_above_may_name_the_place(lint):
    page = family("- Ability to use GitLab\n\n### Australia\n\n- Reside in Australia with the ability to travel")
    assert lint(page, ("JD704",)) == []


def test_specialties_may_be_regional(lint):
    page = family(Specialties="### Public Sector\n\n#### Requirements\n\n- Must be located in the Washington DC area")
    assert lint(page, ("JD704",)) == []


def test_location_outside_requirements_is_not_judged(lint):
    assert lint(family(Responsibilities="- Work with customers based in EMEA"), ("JD704",)) == []


def test_corpus_chief_of_staff_based_in_san_francisco(corpus_page):
    (finding,) = corpus_page("chief-executive-officer/chief-of-staff/index.html.md", ("JD704",))
    assert finding.line == 53


def test_corpus_japan_country_manager_is_regional(corpus_page):
    assert corpus_page("sales/japan-country-manager/index.html.md.erb", ("JD704",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "- Able to work in EU and international time zones",
        "- Must be able to work in APAC and global time zones",
        "- Able to work during EMEA time zones when needed",
        "- Must be able to work in US time zones, if required",
    ],
)
def test_working_hours_that_are_not_a_place(lint, text):
    assert lint(family(text), ("JD704",)) == []


def test_working_hours_in_one_region_are_a_place(lint):
    (finding,) = lint(family("- Must be able to work during APAC time zones with a four-hour overlap"), ("JD704",))
    assert '"work during APAC time zones"' in finding.message


# JD705 performance-indicator-count


def indicators(count: int) -> str:
    return "\n".join(f"- Indicator {n}" for n in range(1, count + 1))


@pytest.mark.parametrize("count", [1, 2, 6])
def test_indicator_count_outside_three_to_five(lint, count):
    (finding,) = lint(family(Performance_Indicators=indicators(count)), ("JD705",))
    assert finding.message.startswith(f"{count} performance indicator")
    assert finding.severity.name == "INFO"


@pytest.mark.parametrize("count", [3, 5])
def test_indicator_count_inside_three_to_five(lint, count):
    assert lint(family(Performance_Indicators=indicators(count)), ("JD705",)) == []


def test_nested_details_do_not_count(lint):
    text = "- Revenue vs. plan, measured:\n  - monthly\n  - quarterly\n- Pipeline\n- Win rate"
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


def test_a_label_stands_for_its_nested_indicators(lint):
    text = "- As with all roles in Sales, the Analyst participates in the [Sales KPIs](/kpis/).\n- Specific to this role:\n"
    text += "\n".join(f"    - Indicator {n}" for n in range(1, 7))
    (finding,) = lint(family(Performance_Indicators=text), ("JD705",))
    assert finding.message.startswith("6 performance indicators")


def test_a_reference_to_another_list_allows_fewer(lint):
    text = "As with all roles in Sales, the Analyst participates in the [Sales KPIs](/kpis/).\n\n- Win rate"
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


def test_each_introduced_list_is_counted_apart(lint):
    text = f"Analysts have these indicators:\n\n{indicators(3)}\n\nManagers have these indicators:\n\n{indicators(7)}"
    (finding,) = lint(family(Performance_Indicators=text), ("JD705",))
    assert finding.message.startswith("7 performance indicators")


def test_erb_partial_indicators_are_not_counted(lint):
    text = '- Win rate\n\n<%= partial("job-families/sales/performance", :locals => { :roleName => "Analyst" }) %>'
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


def test_tbd_is_left_to_unfinished_marker(lint):
    assert lint(family(Performance_Indicators="- TBD"), ("JD705",)) == []


def test_group_names_stand_for_their_nested_indicators(lint):
    text = "- Ticket handling\n  - First reply within a day\n  - Reopen rate\n  - Backlog age\n"
    text += "- Teamwork\n  - Peer review turnaround\n  - Handover quality\n  - Survey score"
    (finding,) = lint(family(Performance_Indicators=text), ("JD705",))
    assert finding.message.startswith("6 performance indicators")


def test_a_sentence_with_details_is_one_indicator(lint):
    text = "- Close the books within five working days.\n  - for each month\n  - for each quarter\n- Audit findings"
    text += "\n- Forecast accuracy"
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


def test_an_item_with_parts_beside_plain_items_is_one_indicator(lint):
    text = "- Win rate\n- Pipeline\n- Customer satisfaction\n  - reply time\n  - resolution time\n  - survey score"
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


def test_each_sub_headed_list_is_counted_apart(lint):
    text = "\n\n".join(f"### Region {n}\n\n{indicators(3)}" for n in range(1, 4))
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


@pytest.mark.parametrize(
    "note",
    [
        "Future performance indicators will cover partner deals and renewals",
        "KPIs are reviewed with the manager each quarter",
        "Note: targets differ per region",
    ],
)
def test_a_trailing_note_on_the_indicators_is_not_one(lint, note):
    text = f"{indicators(5)}\n- {note}"
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


def test_a_link_named_as_a_list_of_measures_may_stand_for_more_indicators(lint):
    text = "- Net retention\n- [Support-related metrics](https://example.com/support/metrics/)."
    assert lint(family(Performance_Indicators=text), ("JD705",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "- Net retention\n- Support metrics",  # named, not linked: an indicator
        "- Net retention\n- See the [support metrics](https://example.com/) for targets",  # more than the link
    ],
)
def test_a_list_of_measures_not_given_as_a_link_is_an_indicator(lint, text):
    (finding,) = lint(family(Performance_Indicators=text), ("JD705",))
    assert finding.message.startswith("2 performance indicators listed")


def test_a_link_named_as_a_list_of_measures_counts_towards_too_many(lint):
    text = indicators(5) + "\n- [Brand metrics](https://example.com/#brand-metrics)"
    (finding,) = lint(family(Performance_Indicators=text), ("JD705",))
    assert finding.message.startswith("6 performance indicators listed")


def test_empty_bullets_are_not_indicators(lint):
    (finding,) = lint(family(Performance_Indicators="- Win rate\n-\n-\n"), ("JD705",))
    assert finding.message.startswith("1 performance indicator listed")


def test_a_list_of_empty_bullets_is_reported(lint):
    (finding,) = lint(family(Performance_Indicators="-\n-\n"), ("JD705",))
    assert finding.message == "the performance indicators list has only empty bullets"


def test_corpus_label_and_reference(corpus_page):
    assert corpus_page("sales/vice-president-online-sales-and-self-service/index.html.md", ("JD705",)) == []


# The profile keys


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("vacancy-phrases", ["(unclosed"], "vacancy-phrases.1"),
        ("performance-indicator-count", {"min": 3}, "needs max"),
        ("years-of-experience", {"count": "x"}, "needs followed-by, not-after, not-followed-by"),
    ],
)
def test_bad_policy_profile_keys_are_config_errors(key, value, error):
    with pytest.raises(ValueError, match=error):
        load_profile({key: value})


def test_a_hiring_plan_is_not_the_hiring_process():
    # Headcount planning is not the steps a candidate goes through: no alias for it.
    profile = load_profile()
    assert profile.section_names("Hiring Plan") == ()
    assert profile.section_names("Field Planner Hiring Process") == ("Hiring Process",)


def test_required_requirement_of_a_level_page_holds_for_its_family_page(handbook, lint_tree):
    root = handbook(
        {
            "support/_index.md": "---\ntitle: Support\n---\n\n## Requirements\n\n- Patience.\n\n"
            "## Hiring Process\n\n- A call.\n",
            "support/agent.md": "---\ntitle: Support Agent\n---\n\nThe Support Agent is a grade 6.\n\n"
            "## Requirements\n\n- Ability to use GitLab\n",
        }
    )
    assert lint_tree(root, ("JD701",)) == []


def test_policy_rules_keep_no_page_once_its_check_is_over():
    """The prose lines the JD7 rules share live in the check's context: nothing of a page stays
    in module state, where a check interleaved with another (a language server's) would read it."""
    import gc
    import weakref

    from jdlint.engine import check_page, read_page
    from jdlint.handbook import HandbookIndex, entry_for
    from jdlint.rule import Context

    config = Config(root=Path.cwd(), select=("JD70", "JD710", "JD711"))  # the gitlab profile's JD7 rules
    page, _ = read_page(family("- Willingness to learn GitLab").encode(), "page.md", config)
    index = HandbookIndex.build([entry_for(page, "page.md", config.profile)], config.profile)
    diagnostics = check_page(page, Context(config.profile, index, "page.md"), config, config.enabled_rules())
    assert "JD701" in [d.code for d in diagnostics]
    kept = weakref.ref(page)
    del page, index
    gc.collect()
    assert kept() is None
