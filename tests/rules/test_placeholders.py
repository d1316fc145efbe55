import pytest


def codes_at(diagnostics):
    return [(d.code, d.line, d.column) for d in diagnostics]


def test_director_title_in_seed_002_reports_to_line(seed):
    (finding,) = [d for d in seed("002", ("JD201",)) if d.line == 15]
    assert finding.message == 'placeholder "Director, Title" left in the reports-to line'
    assert (finding.column, finding.end_column) == (54, 69)


@pytest.mark.parametrize(
    "text",
    [
        "{add a bulleted list of the hiring process steps here}",
        "{Insert Title of Job Here}",
        "{role name}",
        "The {Senior Manager, Data Stewardship} is a grade 9.",
        "The {Lead Site Planner} reports to the Director, Facilities.",
        "The {Head of Venue Safety & Access} owns the playbook.",
        "The next step is to move to the Title job family.",
        "The next step is the Job Title job family.",
        "Reports to the [Job Title].",
        "Send your CV to [Hiring Manager Name] by Friday.",
        "The salary is [insert salary] a year.",
        "Questions go to [Manager's Name].",
        "Lorem ipsum dolor sit amet.",
        "The Analyst reports to the Manager, Title.",
        "Pay: {hourly_rate} per hour.",  # a template's variable
        "You will join the {team.name} team.",
        "Salary: {SALARY}.",
        "Applications close at {{closing_date}}.",  # a bare snake_case name in double braces
        "Drafts notes for the [Practice Group] team.",  # any Title Case phrase in brackets
        "Reports to the head of [Team].",
    ],
)
def test_template_placeholders_are_flagged(lint, text):
    assert [d.code for d in lint(f"# Page\n\n{text}\n", ("JD201",))] == ["JD201"]


@pytest.mark.parametrize(
    "text",
    [
        "Use `{add …}` placeholders only in the template.",  # code span
        "See [the guide](https://example.com/{add}/x).",  # link target
        "{: .text-center}",  # kramdown attribute list
        "The Director, Title and Compensation partners the CFO.",  # a real title starting with 'Title'
        "The [Job Title](/handbook/titles/) page lists them.",  # a link, not a slot
        "See the [name][glossary] of each level.",  # a reference link
        "- [ ] Add the salary band",  # a task list's box
        "The [Salary Guide](https://example.com) and [Add-ons](https://example.com) pages.",  # links
        "We added {customer} data to the funnel.",  # braces, but no template word
        '{{< ref "/job-families/sales/planner" >}} and {{% include "x" %}}',  # Hugo shortcodes
        "{: #senior-planner .level}",  # kramdown attribute list
        "The {Planner} owns it.",  # one word: no title-like phrase
        "{Senior planner notes}",  # not in Title Case
        "The title job family names the role.",  # "title" as a common noun
        "## Pay {#pay-and-benefits}",  # a heading's anchor
        "Rates are in `{hourly_rate}` form.",  # code span
        "{{ .Title }} and {{< hourly_rate >}}",  # Hugo's templates and shortcodes
        "Posted on {{ page.date }} for {{ content }}",  # Liquid's own variables
        "Read the [Brand Standards]/handbook/brand/ first.",  # a link that lost its "(", not a slot
        "Sign the [Code of Conduct][coc] first.",  # a reference link
        "- [x] Done",
    ],
)
def test_near_misses_are_not_placeholders(lint, text):
    assert lint(f"# Page\n\n{text}\n", ("JD201",)) == []


def test_placeholder_in_fenced_code_is_ignored(lint):
    page = """\
    # Page

    ```markdown
    {add overview}
    ```
    """
    assert lint(page, ("JD201",)) == []


def test_placeholder_in_front_matter_title(lint):
    page = """\
    ---
    title: "{Insert Title of Job Here}"
    ---
    Text.
    """
    assert codes_at(lint(page, ("JD201",))) == [("JD201", 2, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "Performance indicators: TBD",
        "XXX fill this",
        "TODO: hiring steps",
        "The Planner is a grade To Be Determined.",
        "Performance indicators: to be determined.",
        "**Grade:** Support Staff Scale, Grade XX",  # a number left to fill in
        "Salary: £XX,XXX a year",  # one marker, not one a group of X's
    ],
)
def test_unfinished_markers_are_flagged(lint, text):
    assert [d.code for d in lint(f"# Page\n\n{text}\n", ("JD202",))] == ["JD202"]


@pytest.mark.parametrize(
    "text",
    [
        "The team is tbd-friendly.",
        "Toddler",
        "`TBD` is a marker",
        "<!-- TODO -->",
        "Targets are to be determined with the manager each quarter.",
        "Sizes S, M, L and XL",
        "Xx and xx are no markers",
    ],
)
def test_unfinished_marker_near_misses(lint, text):
    assert lint(f"# Page\n\n{text}\n", ("JD202",)) == []


def test_a_shortcut_reference_link_is_no_bracketed_slot(lint):
    page = "# Page\n\nSee [Benefits] and [Practice Group] today.\n\n[benefits]: /benefits\n"
    assert [(d.code, d.column) for d in lint(page, ("JD201",))] == [("JD201", 20)]
