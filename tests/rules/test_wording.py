"""JD706-JD714: inclusive, clear and lawful wording, read with the page's structure."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.config import Config
from jdlint.engine import lint_text
from jdlint.profile import load_profile
from jdlint.prose import blank
from jdlint.rules.wording import _gender_coded, _PageTitles
from test_policy import family, line_of  # pytest puts this folder on the path (rootdir-relative, no package)


@pytest.fixture
def corpus_page(job_families: Path):
    """Lint one page of the 2019-20 corpus alone with `select`."""

    def run(relative: str, select: tuple[str, ...]):
        return lint_file(job_families.parent, job_families / relative, select)

    return run


def lint_file(root: Path, path: Path, select: tuple[str, ...], text: str | None = None, profile: str = "gitlab"):
    """The diagnostics of one page (or of `text` as that page) with the handbook under `root`."""
    config = Config(root=root, select=select, profile=load_profile(name=profile))
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    data = path.read_bytes() if text is None else text.encode()
    diagnostics, _ = lint_text(data, str(path.relative_to(root)), config, rules)
    return diagnostics


def findings(lint, page: str, code: str) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in lint(page, (code,))]


def posting_lint(page: str, select: tuple[str, ...]):
    """Lint `page` under the job-posting profile."""
    return lint_file(Path.cwd(), Path.cwd() / "page.md", select, page, profile="job-posting")


# The exemptions every language rule shares (read through JD711, the rule with the most words)


def test_a_phrase_in_prose_is_reported(lint):
    page = family("- A rockstar with SQL")
    assert findings(lint, page, "JD711") == [(line_of(page, "rockstar"), 'job-title cliché "rockstar"')]


@pytest.mark.parametrize(
    "requirement",
    [
        '- Reads "rockstar" as a warning sign in a job ad',
        "- Knows the `ninja` build tool",
        "- Reads the [guide](https://example.com/rockstar-ninja-guru)",
        "> A rockstar ninja, said the old ad",
    ],
    ids=["quote", "code", "link target", "blockquote"],
)
def test_quotes_code_link_targets_and_blockquotes_are_not_read(lint, requirement):
    assert findings(lint, family(requirement), "JD711") == []


def test_headings_are_not_read(lint):
    assert findings(lint, family(Rockstar_Program="The Analyst runs the program."), "JD711") == []


def test_the_pages_own_role_titles_are_not_read(lint):
    page = family("- Ability to use GitLab", title="Support Hero")
    assert findings(lint, page + "The Support Hero answers tickets.\n", "JD711") == []


def test_a_role_title_of_the_handbook_is_not_read(handbook, lint_tree):
    root = handbook(
        {
            "hero.md": family(title="Support Hero"),
            "analyst.md": family("- Works with the Senior Support Hero on escalations"),
        }
    )
    assert [f for f in lint_tree(root, ("JD711",)) if f[0] == "analyst.md"] == []


def test_a_capitalised_word_inside_a_name_is_not_read(lint):
    assert findings(lint, family("- Runs the GitLab Heroes program"), "JD711") == []


def test_a_capitalised_word_after_the_first_word_of_a_sentence_is_read(lint):
    assert len(findings(lint, family("- Writes Java Script"), "JD711")) == 1


@pytest.mark.parametrize(
    "statement",
    [
        "We are an equal opportunity employer: women, men and people of every age are welcome.",
        "Applicants are considered without regard to race, sex, age or disability; he or she may ask.",
    ],
)
def test_an_equal_opportunity_paragraph_is_not_read(lint, statement):
    page = family(Overview=statement)
    assert findings(lint, page, "JD707") == [] and findings(lint, page, "JD708") == []


def test_the_section_under_an_equal_opportunity_heading_is_not_read(lint):
    page = family(Equal_Opportunity="- Young and old, he and she: everyone may apply.")
    assert findings(lint, page, "JD707") == [] and findings(lint, page, "JD708") == []


def test_a_section_is_suppressed_to_its_end(lint):
    page = family(Culture="<!-- jdlint-disable-section JD711 -->\n\n- A rockstar\n\n### Perks\n\n- A ninja")
    page += "## Hiring Process\n\n- A guru interviews you\n"
    assert [line for line, _ in findings(lint, page, "JD711")] == [line_of(page, "guru")]


# JD707 gendered-term


@pytest.mark.parametrize(
    ("text", "term", "neutral"),
    [
        ("- He/she owns the pricing model", "He/she", "They"),
        ("- Enables him or her to decide", "him or her", "them"),
        ("- Leads his or her team", "his or her", "their"),
        ("- Reports to the chairman of the board", "chairman", "chair"),
        ("- Plans the manpower of each project", "manpower", "staffing"),
        ("- Hey guys, this one is for you", "guys", "everyone"),
        ("- A top salesman", "salesman", "salesperson"),
        ("- Flies unmanned aircraft", "unmanned", "uncrewed"),
    ],
)
def test_gendered_terms_with_their_neutral_word(lint, text, term, neutral):
    page = family(text)
    (finding,) = lint(page, ("JD707",))
    assert finding.message == f'gendered term "{term}": write "{neutral}"'
    line = page.splitlines()[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == term
    assert finding.fix.applicability == "unsafe" and finding.fix.edits[0].content == neutral


def test_a_job_ad_is_told_of_a_lone_pronoun_and_her_gets_no_fix():
    (finding,) = posting_lint("# Analyst\n\n## Requirements\n\n- Helps her manager\n", ("JD707",))
    assert finding.message == 'gendered term "her"' and finding.fix is None


def test_a_lone_pronoun_about_someone_of_the_team_named_before_it_is_no_gendered_term():
    text = "# Analyst\n\n## Hiring process\n\nYou will meet our MLRO, then work through a case with her.\n"
    assert posting_lint(text, ("JD707",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Our new analyst owns the ledger, and he will report weekly.",  # "our" and no name: the role
        "The analyst owns the ledger. He reports to our CFO.",  # the person named after the pronoun
        "You will meet our MLRO. Then he will own the ledger.",  # named in another sentence
        "You will look after the pitches at Brookfield. He will plan the season.",  # a sentence's first word
    ],
)
def test_a_lone_pronoun_about_the_roles_holder_is_a_gendered_term(text):
    (finding,) = posting_lint(f"# Analyst\n\n## What you will do\n\n{text}\n", ("JD707",))
    assert finding.message.startswith('gendered term "')


def test_a_lone_pronoun_is_not_a_gendered_term_of_a_job_family(lint):
    """GitLab's pages write "they"; their lone pronouns were about things (a database "and his
    ecosystem"), so the gitlab profile lists only the pairs and the gendered job words."""
    assert lint(family("- Knows PostgreSQL and his ecosystem"), ("JD707",)) == []


@pytest.mark.parametrize(
    "text", ["- Knows the Hershey account", "- Chairs the chairmanship review", "- Shepherds releases"]
)
def test_gendered_words_are_whole_words(lint, text):
    assert lint(family(text), ("JD707",)) == []


def test_unsafe_fix_writes_the_neutral_word(tmp_path):
    from typer.testing import CliRunner

    from jdlint.cli import app

    page = tmp_path / "analyst.md"
    page.write_text(family("- He/she owns the model with the chairman"))
    result = CliRunner().invoke(
        app, ["check", str(page), "--root", str(tmp_path), "--select", "JD707", "--fix", "--unsafe-fixes", "--no-cache"]
    )
    assert result.exit_code == 0 and "- They owns the model with the chair" in page.read_text()


# JD708 age-coded-wording


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("- A digital native", "digital native"),
        ("- Joins a young and dynamic team", "young"),
        ("- A proven track record as a young and dynamic leader", "young"),
        ("- An energetic team player", "energetic"),  # a person, not the team they join
        ("- Flies with a young, friendly crew", "young"),
        ("- Energetic and organised", "Energetic"),
        ("- Must be high energy", "high energy"),
        ("- A recent college graduate", "recent college graduate"),
        ("- No more than 5 years of experience", "No more than 5 years"),
        ("- Up to three years of relevant experience", "Up to three years of relevant experience"),
        ("- A maximum of 3 years of experience", "maximum of 3 years"),
        ("- At most two years in sales", "At most two years"),
    ],
)
def test_age_coded_requirements(lint, text, phrase):
    (finding,) = lint(family(text), ("JD708",))
    assert phrase in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "- Thrives in a high energy environment",
        "- Writes for a young audience",
        "- Works with a young company",
        "- Builds positive relationships with young people",  # the people a school or charity serves
        "- Joins our energetic team",
        "- Keeps children and young persons safe",
        "- 2-4 years of experience",
    ],
)
def test_age_near_misses(lint, text):
    assert lint(family(text), ("JD708",)) == []


def test_a_young_energetic_team_player_is_two_findings(lint):
    found = lint(family("- We want a young, energetic team player who is keen to learn"), ("JD708",))
    assert [f.message for f in found] == ['age-coded wording "young"', 'age-coded requirement "energetic"']


def test_energetic_outside_requirements_is_not_a_requirement(lint):
    assert lint(family(Overview="The team is energetic about pricing."), ("JD708",)) == []


# JD709 physical-requirement


@pytest.mark.parametrize(
    "text",
    [
        "- Must be able to lift 50 pounds",
        "- Able to stand for long periods",
        "- Able-bodied",
        "- Lifting up to 25 kg",
        "- On your feet all day",
        "- In good physical condition",
    ],
)
def test_physical_requirements(lint, text):
    assert len(lint(family(text), ("JD709",))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "- Must be able to see the big picture",
        "- Must be able to stand up a new team",
        "- Must be able to walk a customer through the demo",
        "- Lifts conversion by 20 percent",
    ],
)
def test_physical_near_misses(lint, text):
    assert lint(family(text), ("JD709",)) == []


def test_reasonable_accommodation_anywhere_on_the_page_exempts_them(lint):
    page = family("- Must be able to lift 50 pounds", Hiring_Process="With or without reasonable accommodation.")
    assert lint(page, ("JD709",)) == []


def test_an_essential_duties_section_of_a_posting_is_exempt():
    page = "# Mover\n\n## Requirements\n\n- A license\n\n## Physical demands\n\n- Must be able to lift 50 pounds\n"
    assert posting_lint(page, ("JD709",)) == []


# JD710 ableist-language


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("- Finds the blind spots of a process", "blind spots"),
        ("- Handles a crazy workload", "crazy"),
        ("- Runs a sanity check before a release", "sanity check"),
    ],
)
def test_ableist_idioms(lint, text, phrase):
    (finding,) = lint(family(text), ("JD710",))
    assert finding.message == f'ableist idiom "{phrase}"'


@pytest.mark.parametrize("text", ["- Reviews accessibility for blind and deaf users", "- Supports dumb terminals"])
def test_ableist_near_misses(lint, text):
    assert lint(family(text), ("JD710",)) == []


# JD711 hype-wording


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("- A Salesforce ninja", "job-title cliché"),
        ("- We work hard, play hard", "bro-culture wording"),
        ("- A culture fit", "bro-culture wording"),
        ("- Friday beers", "hollow perk"),
        ("- Free snacks for the office", "hollow perk"),
        ("- Drives a paradigm shift", "visionary jargon"),
        ("- A thick skin", "competitive-environment wording"),
        ("- Hits the ground running", "new-starter pressure"),
        ("- Learns sink or swim", "new-starter pressure"),
        ("- Thrives in a meritocracy", "meritocracy claim"),
        ("- Finds synergies across teams", "visionary jargon"),
        ("- A drama-free team", '"drama-free" wording'),
        ("- No shit, just results", "profanity"),
        ("- Passionate about pricing", "passion as a requirement"),
        ("- Experience with COBOL", "legacy technology"),
        ("- Experience with Eclipse", "required editor"),
        ("- Writes Java Script", "misnamed technology"),
    ],
)
def test_each_category_of_hype(lint, text, label):
    (finding,) = lint(family(text), ("JD711",))
    assert finding.message.startswith(f"{label} ")


@pytest.mark.parametrize(
    "text",
    [
        "- Designs the hero image of the landing page",
        "- Builds the setup wizard",
        "- Fosters passion in others",
        "- Knows JavaScript and Ruby on Rails",
        "- Passes the class",
        "- Knows functional and object-oriented programming paradigms",
        "- Brews beer for our taproom",
        "- Ships games for PlayStation and Xbox",
        "- Juggles the calendars of three executives",
        "- Closes payroll under tight deadlines",
        "- Demonstrated passion for open source",
        "- Free lunch on site for every shift",  # a meal is a real benefit
    ],
)
def test_hype_near_misses(lint, text):
    assert lint(family(text), ("JD711",)) == []


def test_passion_outside_requirements_is_not_a_requirement(lint):
    assert lint(family(Overview="The team shares a passion for pricing."), ("JD711",)) == []


def test_passion_offered_as_a_plus_is_not_a_requirement(lint):
    assert lint(family(Nice_to_have="- Passionate about open source"), ("JD711",)) == []


def test_a_requirement_marked_optional_is_not_a_requirement(lint):
    assert lint(family("- BONUS: passionate about open source"), ("JD711",)) == []


def test_a_nice_to_have_list_under_requirements_is_not_a_requirement(lint):
    page = family("- Ability to use GitLab\n\n### Nice-to-haves\n\n- Passionate about open source")
    assert lint(page, ("JD711",)) == []


def test_a_company_adds_a_category_in_its_profile():
    profile = load_profile({"extend-hype-wording": {"jargon": {"label": "jargon", "phrases": [r"\bleverage\b"]}}})
    config = Config(root=Path.cwd(), select=("JD711",), profile=profile)
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(family("- Leverage the data").encode(), "page.md", config, rules)
    assert [d.message for d in diagnostics] == ['jargon "Leverage"']


@pytest.mark.parametrize("phrase", [r"\w+ninjas?\b", r"(?:code|data)[\s-]?ninjas?\b"])
def test_a_phrase_whose_first_letters_vary_is_still_found(phrase):
    profile = load_profile({"extend-hype-wording": {"ninja": {"label": "ninja", "phrases": [phrase]}}})
    config = Config(root=Path.cwd(), select=("JD711",), profile=profile)
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    diagnostics, _ = lint_text(family("- A true codeninja").encode(), "page.md", config, rules)
    assert [d.message for d in diagnostics] == ['ninja "codeninja"']


def test_a_wording_category_without_a_label_is_a_config_error():
    with pytest.raises(ValueError, match="needs phrases"):
        load_profile({"extend-hype-wording": {"jargon": {"phrases": ["x"]}}})


def test_an_age_coded_wish_is_reported_as_a_requirement_is(lint):
    page = "# Trainee\n\n## Requirements\n\n- Ideally a recent graduate, willing to relocate\n"
    (finding,) = lint(page, ("JD708",))
    assert finding.message == 'age-coded requirement "recent graduate"'


def test_a_passion_marked_optional_is_still_no_requirement(lint):
    assert lint("# Analyst\n\n## Requirements\n\n- Passion for maps is a plus\n", ("JD711",)) == []


# JD712 hard-to-read, JD713 page-length, JD714 pay-transparency (job-posting)

LONG_SENTENCE = (
    "The incumbent is responsible for the operationalisation of organisational capabilities regarding "
    "the institutionalisation of comprehensive interdepartmental communication methodologies, "
)


def test_a_hard_section_is_reported_at_its_heading():
    page = "# Analyst\n\n## Requirements\n\n- SQL\n\n## About the role\n\n" + LONG_SENTENCE * 8 + "finally.\n"
    (finding,) = posting_lint(page, ("JD712",))
    assert finding.line == line_of(page, "## About the role")
    assert "reading ease" in finding.message and "words a sentence" in finding.message


def test_a_plain_section_is_not_reported():
    plain = "We build the tools. You help us ship them. The team is small and kind. " * 10
    assert posting_lint(f"# Analyst\n\n## Requirements\n\n- SQL\n\n## About the role\n\n{plain}\n", ("JD712",)) == []


# Items of a list read one at a time, in the words of the trade: Flesch's reading ease, a measure of
# running prose, is read from a section's paragraphs (the sentence length from all of its text).
TRADE_WORDS = [
    "A recognised qualification in pharmaceutical microbiology or biotechnology.",
    "Experience of validating sterilisation equipment and environmental monitoring.",
    "Familiarity with regulatory documentation and laboratory information systems.",
    "Understanding of contamination investigations and corrective procedures.",
]


def test_a_list_of_long_words_is_not_judged_on_reading_ease():
    items = "".join(f"- {item}\n" for item in TRADE_WORDS * 4)
    assert posting_lint(f"# Analyst\n\n## Requirements\n\n- SQL\n\n## Essential\n\n{items}", ("JD712",)) == []


def test_a_paragraph_of_the_same_long_words_is():
    paragraph = " ".join(TRADE_WORDS * 4)
    page = f"# Analyst\n\n## Requirements\n\n- SQL\n\n## Essential\n\n{paragraph}\n"
    (finding,) = posting_lint(page, ("JD712",))
    assert finding.line == line_of(page, "## Essential") and "reading ease" in finding.message


def test_a_short_section_is_not_judged():
    page = f"# Analyst\n\n## Requirements\n\n- SQL\n\n## About the role\n\n{LONG_SENTENCE}done.\n"
    assert posting_lint(page, ("JD712",)) == []


def test_readability_and_length_are_off_in_the_gitlab_profile():
    enabled = {rule.code for rule in Config(root=Path.cwd()).enabled_rules()}
    assert {"JD706", "JD707", "JD711"} <= enabled and not {"JD712", "JD713", "JD714"} & enabled


def test_a_short_posting_is_reported_on_its_title():
    (finding,) = posting_lint("# Analyst\n\n## Requirements\n\n- SQL and Python\n", ("JD713",))
    assert (finding.line, finding.message) == (1, "3 words; a job post reads best at 300 to 700")


@pytest.mark.parametrize(
    "pay", ["$95,000 to $120,000 a year", "EUR 60k - 75k per annum", "£20–£25 an hour", "€80,000–€95,000 annually"]
)
def test_a_pay_range_with_currency_and_period_passes(pay):
    assert posting_lint(f"# Analyst\n\n## Requirements\n\n- SQL\n\n## Compensation\n\n{pay}\n", ("JD714",)) == []


def test_the_period_may_be_in_the_heading():
    page = "# Analyst\n\n## Requirements\n\n- SQL\n\n## Annual salary\n\n$95,000 to $120,000\n"
    assert posting_lint(page, ("JD714",)) == []


@pytest.mark.parametrize(
    "pay",
    [
        "**Salary**\n\n£28,500 per annum in the first year and £31,000 per annum in the second.",
        "## Pay\n\n£12.21 per hour, rising after three months.",
        "Your salary is $61,000 a year.",
    ],
)
def test_a_fixed_salary_or_rate_with_its_period_is_the_pay(pay):
    page = f"# Trainee\n\n## Requirements\n\n- A degree\n\n## Compensation\n\n{pay}\n"
    assert posting_lint(page, ("JD714",)) == []


@pytest.mark.parametrize(
    "salary", ['"£28,000 – £31,000 per year pro rata"', '"£38,000 – £45,000 base plus commission"', "$24 an hour"]
)
def test_pay_in_the_front_matter_is_the_pay(salary):
    page = f"---\ntitle: Coordinator\nsalary: {salary}\n---\n\n## Requirements\n\n- Excel\n\n## Benefits\n\n- Pension\n"
    assert posting_lint(page, ("JD714",)) == []


def test_a_volunteers_role_states_no_pay():
    page = "# Van Driver's Mate (volunteer)\n\n## Requirements\n\n- Lifts crates\n\n## How to apply\n\n- Email us\n"
    assert posting_lint(page, ("JD714",)) == []


def test_an_acronym_is_no_vague_pay():
    page = "# Scientist\n\n## Requirements\n\n- Design of experiments (DoE) software\n\n## Benefits\n\n- Pension\n"
    (finding,) = posting_lint(page, ("JD714",))
    assert finding.message == "no pay range with its currency and period"


def test_an_amount_that_is_no_pay_is_no_salary():
    page = "# Trainee\n\n## Requirements\n\n- A degree\n\n## Benefits\n\n- €1,000 a year learning budget\n"
    (finding,) = posting_lint(page, ("JD714",))
    assert finding.message == "no pay range with its currency and period"


def test_the_period_may_be_in_the_header_of_the_table():
    table = "| Class | Monthly (Step A to E) |\n|---|---:|\n| Clerk I | $3,100 – $3,900 |\n"
    assert posting_lint(f"# Clerk\n\n## Requirements\n\n- Typing\n\n## Salary\n\n{table}", ("JD714",)) == []


def test_a_table_whose_header_names_no_period_is_reported():
    table = "| Class | Range |\n|---|---:|\n| Clerk I | $3,100 – $3,900 |\n"
    page = f"# Clerk\n\nPaid monthly in arrears.\n\n## Requirements\n\n- Typing\n\n## Salary\n\n{table}"
    (finding,) = posting_lint(page, ("JD714",))
    assert finding.line == line_of(page, "| Clerk I")


@pytest.mark.parametrize("pay", ["$4,000 to $5,000", "SEK 40,000 to 50,000", "¥300,000 to ¥400,000"])
def test_a_range_without_a_period_that_could_be_a_month_is_reported(pay):
    page = f"# Analyst\n\n## Requirements\n\n- SQL\n\n## Compensation\n\n{pay}, plus equity\n"
    (finding,) = posting_lint(page, ("JD714",))
    assert finding.message == f'pay range "{pay}" does not say per year, month or hour'


@pytest.mark.parametrize("pay", ["$95,000 to $120,000", "€70k–€85k", "CHF 110,000 - 130,000"])
def test_a_range_that_can_only_be_a_years_pay_needs_no_period(pay):
    page = f"# Analyst\n\n## Requirements\n\n- SQL\n\n## Compensation\n\n{pay}, plus equity\n"
    assert posting_lint(page, ("JD714",)) == []


def test_vague_pay_is_reported_with_its_other_lines():
    page = "# Analyst\n\n## Requirements\n\n- SQL\n\n## Compensation\n\nCompetitive salary.\n\nPay is DOE.\n"
    (finding,) = posting_lint(page, ("JD714",))
    assert finding.line == line_of(page, "Competitive")
    assert finding.message == f'pay given as "Competitive salary" without a range (also line {line_of(page, "DOE")})'


def test_a_post_without_pay_is_reported_on_the_title():
    page = "# Analyst\n\n## Requirements\n\n- SQL\n\n## How to apply\n\nSend us your CV.\n"
    (finding,) = posting_lint(page, ("JD714",))
    assert (finding.line, finding.message) == (1, "no pay range with its currency and period")


def test_a_role_description_that_is_no_post_is_not_asked_for_pay():
    """No pay, benefits, application or company section: a description of a role inside the
    company, with levels, which no pay-transparency law reads."""
    page = "# Analyst\n\n## Analyst I\n\n**Requirements:**\n\n- SQL\n\n## Analyst II\n\n- Leads reviews\n"
    assert posting_lint(page, ("JD714",)) == []


@pytest.mark.parametrize("pay", ["CA$88,000–CA$110,000 per year", "C$22 to C$26 an hour", "A$90k - A$110k annually"])
def test_a_dollar_with_its_country_is_a_currency(pay):
    assert posting_lint(f"# Analyst\n\n## Requirements\n\n- SQL\n\n## Compensation\n\n{pay}\n", ("JD714",)) == []


# JD706 gender-coded-wording

MASCULINE = (
    "The Analyst is a driven, competitive, analytical leader who leads decisive initiatives, champions "
    "ambitious objectives, makes confident decisions, leads with determination and defends the principles "
    "of an independent, assertive, dominant, self-reliant team."
)


def test_masculine_coded_page_is_reported_once(lint):
    page = family(Overview=MASCULINE + "\n\nThe Analyst supports the team.")
    (finding,) = lint(page, ("JD706",))
    line = line_of(page, "driven")
    assert finding.message.startswith(
        f"masculine-coded wording outweighs feminine-coded, 18 words against 1: leads ({line}), driven ({line}), "
    )
    assert finding.message.endswith(f"; feminine-coded: supports ({line_of(page, 'supports')})")
    assert (finding.line, finding.column) == (line, MASCULINE.index("driven") + 1)


def test_balanced_page_is_not_reported(lint):
    balanced = MASCULINE + " The Analyst supports, shares, understands, trusts, collaborates, commits, "
    balanced += "connects, nurtures, cooperates and is kind, honest, loyal, polite, warm and sympathetic."
    assert lint(family(Overview=balanced), ("JD706",)) == []


def test_words_of_the_title_are_not_counted(lint):
    text = "The Lead Analyst reviews analyses. " * 8
    assert lint(family(title="Lead Analyst", Overview=text), ("JD706",)) == []


def test_self_confident_is_one_word(lint):
    page = family(Overview=MASCULINE.replace("self-reliant", "self-confident"))
    (finding,) = lint(page, ("JD706",))
    assert "18 words against" in finding.message  # not 19: "confident" is not counted again
    assert f"self-confident ({line_of(page, 'driven')})" in finding.message


def test_plural_of_a_title_word_is_not_counted(lint):
    text = "The Lead Analyst works with other analysts and leads. " * 12
    assert lint(family(title="Lead Analyst", Overview=text), ("JD706",)) == []


def test_names_inside_a_sentence_are_not_counted(lint):
    text = "The Buyer meets the Analytics Leadership Council and the Competitive Intelligence Group. " * 6
    assert lint(family(title="Buyer", Overview=text), ("JD706",)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Keeps supplier pricing confidential and guards the confidentiality of bids.",
        "Reports to the audit committee and the risk committees.",
        "Tracks the dependencies of each build and every dependency upgrade.",
        "Runs the warmup and the warm-up drills.",
        "Individual contributors and an individual contributor role.",
        "Writes for shareholders and each shareholder.",
        "Sets the team's objectives.",
        "Drafts vendor agreements and the master agreement.",
        "Handles any kind of request and all kinds of data.",
        "Owns lead generation and lead-gen reports.",
        "Assesses the competencies of the team against each competency.",
        "Writes test assertions for each assertion library.",
        "Shortens the lead time of orders.",
        "Chooses a vendor depending on price.",
        "Classifies sensitive data.",
    ],
)
def test_words_that_only_share_a_stem_are_not_counted(lint, sentence):
    page = family(Overview=f"{sentence}\n\n{MASCULINE}\n\nThe Analyst supports the team.")
    (finding,) = lint(page, ("JD706",))
    assert "18 words against 1:" in finding.message


def test_quoted_words_are_not_counted(lint):
    text = 'The Buyer reads the "driven, competitive, dominant, assertive, decisive" brief. ' * 3
    assert lint(family(title="Buyer", Overview=text), ("JD706",)) == []


def test_corpus_cmo_is_masculine_coded(corpus_page):
    (finding,) = corpus_page("marketing/chief-marketing-officer/index.html.md", ("JD706",))
    assert "18 words against 3" in finding.message


# Planted: each rule finds a phrase planted in a real page, on its line, and nothing else changes

PLANTED_PAGES = [
    ("corpus", "job-families/sales/technical-instructional-designer/index.html.md"),
    ("hugo_corpus", "content/job-families/engineering/cloud-native-engineer.md"),
]
PLANTS = [
    ("JD707", "; he or she reports to the chairman"),
    ("JD708", ", a digital native and a recent graduate"),
    ("JD709", "; must be able to lift 50 pounds"),
    ("JD710", ", without blind spots"),
    ("JD711", ", a rockstar who can hit the ground running"),
]


def first_requirement(lines: list[str]) -> int:
    """The index of the first bullet under a Requirements heading."""
    under = False
    for index, line in enumerate(lines):
        if line.startswith("#"):
            under = "Requirements" in line
        elif under and line.lstrip().startswith(("- ", "* ")):
            return index
    raise AssertionError("no requirement bullet")


@pytest.mark.parametrize(("fixture", "relative"), PLANTED_PAGES, ids=["2019-20", "hugo"])
@pytest.mark.parametrize(("code", "phrase"), PLANTS, ids=[code for code, _ in PLANTS])
def test_a_planted_phrase_is_found_on_its_line_and_nothing_else_changes(request, fixture, relative, code, phrase):
    root = request.getfixturevalue(fixture)
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    before = {(d.line, d.message) for d in lint_file(root, path, (code,))}
    index = first_requirement(lines)
    lines[index] = lines[index].rstrip() + phrase
    after = {(d.line, d.message) for d in lint_file(root, path, (code,), "\n".join(lines))}
    assert before <= after
    new = after - before
    assert new and {line for line, _ in new} == {index + 1}
    assert all(message.split('"')[1].lower() in phrase for _, message in new)


@pytest.mark.parametrize(("fixture", "relative"), PLANTED_PAGES, ids=["2019-20", "hugo"])
def test_planted_masculine_wording_tips_the_balance(request, fixture, relative):
    root = request.getfixturevalue(fixture)
    path = root / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lint_file(root, path, ("JD706",)) == []
    index = first_requirement(lines)
    planted = ", fearless, headstrong, aggressive, dominant, assertive, boastful, stubborn, reckless, hostile"
    lines[index] = lines[index].rstrip() + planted * 2
    (finding,) = lint_file(root, path, ("JD706",), "\n".join(lines))
    assert f"fearless ({index + 1})" in finding.message


@pytest.mark.parametrize(("fixture", "relative"), PLANTED_PAGES, ids=["2019-20", "hugo"])
def test_planted_vague_pay_in_a_posting(request, fixture, relative):
    root = request.getfixturevalue(fixture)
    path = root / relative
    text = path.read_text(encoding="utf-8") + "\n## Compensation\n\nA competitive salary.\n"
    (finding,) = lint_file(root, path, ("JD714",), text, profile="job-posting")
    assert (finding.line, finding.message) == (
        len(text.split("\n")) - 1,
        'pay given as "competitive salary" without a range',
    )


@pytest.mark.parametrize(("fixture", "relative"), PLANTED_PAGES, ids=["2019-20", "hugo"])
def test_a_planted_hard_section_in_a_posting(request, fixture, relative):
    root = request.getfixturevalue(fixture)
    path = root / relative
    original = path.read_text(encoding="utf-8")
    before = {d.line for d in lint_file(root, path, ("JD712",), profile="job-posting")}
    text = original + "\n## About the work\n\n" + LONG_SENTENCE * 8 + "finally.\n"
    after = {d.line for d in lint_file(root, path, ("JD712",), text, profile="job-posting")}
    assert after - before == {len(original.split("\n")) + 1}


# The page's titles are blanked by plain text search where the line is ASCII, by their regex elsewhere


@settings(max_examples=300, deadline=None)
@given(
    titles=st.lists(st.text(alphabet="abisAB -_é", min_size=1, max_size=6), min_size=1, max_size=4),
    line=st.text(alphabet="abisAIS -_.é\u212a\u017f\u0131\u0130", max_size=40),
)
def test_titles_are_blanked_where_their_regex_finds_them(titles, line):
    page = SimpleNamespace(family=SimpleNamespace(title=titles[0], roles=[SimpleNamespace(title=t) for t in titles]))
    page_titles = _PageTitles(page)
    assert page_titles.blanked(line) == page_titles.pattern.sub(blank, line)


def test_the_longest_title_is_blanked_in_any_case_and_only_as_whole_words():
    page = SimpleNamespace(family=SimpleNamespace(title="Analyst", roles=[SimpleNamespace(title="Senior Analyst")]))
    line = "A SENIOR analyst works with an Analyst-in-training and the analysts"
    blanked = "A " + " " * len("SENIOR analyst") + " works with an Analyst-in-training and the analysts"
    assert _PageTitles(page).blanked(line) == blanked


def _every_word_coded(text, profile):
    """JD706's reading of a line, word by word: the whole hyphenated word when it is coded, else its parts."""
    for match in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
        word = match.group().lower()
        if profile.gender_coding(word) is not None:
            yield word, match.start(), profile.gender_coding(word), True
        elif "-" in word:
            for part in re.finditer(r"[A-Za-z]+", word):
                coded = profile.gender_coding(part.group())
                if coded is not None:
                    yield part.group(), match.start() + part.start(), coded, part.start() == 0


_STEM_PROFILE = load_profile({"gender-masculine-words": ["lead", "self-confiden", "ab"], "gender-feminine-words": ["confiden"]})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["lead", "self", "confident", "ab", "-", " ", "x", "3", "L"]), max_size=12).map("".join))
def test_gender_coded_words_are_found_where_stems_start_as_word_by_word(text):
    assert list(_gender_coded(text, _STEM_PROFILE)) == list(_every_word_coded(text, _STEM_PROFILE))
