"""JD706–JD714: inclusive, clear and lawful wording, read with the page's structure.

Every rule here reads the same text, `_language()`: the page's prose (`jdlint.prose`: code, link
targets, comments and ERB blanked; front matter never read) less what is not the page's own
wording about the role:

- headings, blockquotes, and text in quotes (an example or a citation);
- the titles of the page's roles (the editor cannot choose "Chairman of the Board" as a word), and a
  title of any role in the handbook where a finding falls inside one;
- an equal-opportunity statement: a paragraph or list item matching the profile's
  `equal-opportunity-statement`, or everything under a heading matching it (it names the groups it
  welcomes, and is not gendered or age-coded wording).

A whole section is left out with `<!-- jdlint-disable-section CODES -->` under its heading. Every
word list is in the profile, so another company edits data, not code.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from jdlint.profile import FOLDS_TO_ASCII, quick_search
from jdlint.prose import Line, blank, per_page, prose, without_quotes
from jdlint.rule import Context, Edit, Finding, Fix, Severity, rule

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page
    from jdlint.profile import Profile

_REQUIREMENT_SECTIONS = frozenset({"Requirements", "Nice-to-haves"})


def _language(page: Page, context: Context) -> list[Line]:
    """The page's own wording, line by line, with the exemptions above applied."""
    return per_page(page, context, _read_language)


def _read_language(page: Page, context: Context) -> list[Line]:
    statement = context.profile.policy_alternations["equal-opportunity-statement"]
    blocks = [block for block in page.parsed.blocks if block.kind in ("paragraph", "list_item", "table")]
    if not quick_search(statement).search("\n".join(block.text for block in blocks)):  # most pages: one search
        blocks = []
    statement_lines = {
        number for block in blocks if statement.search(block.text) for number in range(block.line, block.end_line + 1)
    }
    titles = _PageTitles(page)
    under_statement: dict[tuple[str, ...], bool] = {}  # the headings above a line -> one names a statement
    lines = []
    for line in prose(page, context):
        if line.is_heading or line.in_blockquote or line.number in statement_lines:
            continue
        if line.headings not in under_statement:
            under_statement[line.headings] = any(statement.search(heading) for heading in line.headings)
        if under_statement[line.headings]:
            continue
        text = titles.blanked(without_quotes(line.text))
        lines.append(line if text == line.text else line._replace(text=text))
    return lines


def _language_text(page: Page, context: Context) -> str:
    """The page's wording as one text, its lines joined by NUL, which no pattern of a word or a
    phrase (words and spaces) matches across: to ask once whether any line has a match."""
    return per_page(page, context, _join_language)


def _join_language(page: Page, context: Context) -> str:
    return "\0".join(line.text for line in _language(page, context))


class _PageTitles:
    """The titles of the page's family and roles, to blank where a line names one: as whole words,
    in any case, the longest first, as the regex `pattern` finds them. Compiling that regex for every
    page was most of the cost of reading a page's language; where the titles are ASCII and the line
    has none of `FOLDS_TO_ASCII` (there, any case is lower case) plain text search finds the same,
    and the regex is compiled only for the other lines."""

    def __init__(self, page: Page) -> None:
        titles = {page.family.title, *(role.title for role in page.family.roles)} - {""}
        self.titles = sorted(titles, key=len, reverse=True)
        self.lowered = [title.lower() for title in self.titles] if all(map(str.isascii, self.titles)) else None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(map(re.escape, self.titles))
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])" if alternatives else "(?!)", re.IGNORECASE)

    def blanked(self, text: str) -> str:
        if self.lowered is None or FOLDS_TO_ASCII.search(text):
            return self.pattern.sub(blank, text)
        lowered = text.lower()
        ends: dict[int, int] = {}  # where a title starts -> where the longest there ends
        for title in self.lowered:
            start = lowered.find(title)
            while start >= 0:
                end = start + len(title)
                if not _in_word(text, start - 1) and not _in_word(text, end):
                    ends.setdefault(start, end)
                start = lowered.find(title, start + 1)
        pieces, cursor = [], 0
        for start in sorted(ends):  # left to right, none inside the one before, as a regex goes
            if start >= cursor:
                pieces += [text[cursor:start], " " * (ends[start] - start)]
                cursor = ends[start]
        return "".join(pieces) + text[cursor:] if pieces else text


def _in_word(text: str, index: int) -> bool:
    """Whether text[index] is a word character (a letter, a digit, "_") or a hyphen; False off either end."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in "_-")


# A run of capitalised words, with the small words titles hold ("Director of Sales & Marketing"),
# looked for this far around a finding (a title is shorter; a line of findings stays linear).
_TITLE_REACH = 200
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.&'’-]*(?:,?\s+(?:(?:of|and|for|the|&)\s+)*[A-Z][\w.&'’-]*)*")


def _in_a_handbook_title(text: str, start: int, end: int, context: Context) -> bool:
    """Whether text[start:end] stands inside a run of capitalised words that names a role of the
    handbook ("a Support Hero", where that is a title): a title is not wording the editor chose."""
    for run in _CAPITALISED_RUN.finditer(text, max(0, start - _TITLE_REACH), end + _TITLE_REACH):
        if run.start() <= start and end <= run.end() and " " in run.group():
            return bool(context.handbook.resolve_title(run.group()))
    return False


def _in_a_title_or_name(text: str, match: re.Match[str], context: Context) -> bool:
    """Whether the match stands in a name or a role title of the handbook: not a word the editor chose."""
    return _in_a_name(text, match.start()) or _in_a_handbook_title(text, match.start(), match.end(), context)


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w.&'’-]*\s+$")


def _in_a_name(text: str, start: int) -> bool:
    """Whether the capitalised word at `start` follows another capitalised word that does not open
    the sentence: it is part of a name ("the GitLab Heroes"), not a word the editor chose. A word
    that opens a sentence follows none ("… at Brookfield. He will plan …")."""
    if not text[start].isupper() or start in _sentence_starts(text):
        return False
    before = _CAPITALISED_BEFORE.search(text, max(0, start - _TITLE_REACH), start)
    return before is not None and before.start() not in _sentence_starts(text)


@lru_cache(maxsize=16)  # a line with several findings is read once
def _sentence_starts(text: str) -> frozenset[int]:
    return frozenset(match.end() for match in _SENTENCE_START.finditer(text))


def _category_findings(page: Page, context: Context, key: str, skip=None, wishes=False) -> Iterator[Finding]:
    """A finding for each phrase of the wording table `key` (category -> phrases, label, hint,
    sections), outside the lines `skip` names and outside the sections a category is not for.
    With `wishes`, a line marked optional ("ideally", "preferred") in those sections counts too."""
    if not page.family.is_job_family:
        return
    table = list(getattr(context.profile, key.replace("-", "_")).values())
    for line, index, match in _phrases_found(page, context).get(key, ()):
        category = table[index]
        sections = category.get("sections")
        if (skip is not None and skip(line)) or (sections and not _asked_for(line, sections, context, wishes)):
            continue
        if _in_a_title_or_name(line.text, match, context):
            continue
        yield Finding(
            line.number,
            f'{category["label"]} "{match.group()}"',
            column=match.start() + 1,
            end_column=match.end() + 1,
            hint=category.get("hint", ""),
        )


def _asked_for(line: Line, sections: list[str], context: Context, wishes: bool = False) -> bool:
    """Whether the line asks for what it says: in one of `sections` (the nearest heading's), and,
    unless `wishes` count, not marked optional ("BONUS:", "preferred", "a plus"), which makes it
    no requirement."""
    if not _nearest_sections(line, context) & set(sections):
        return False
    return wishes or not context.profile.policy_alternations["optional-markers"].search(line.text)


def _nearest_sections(line: Line, context: Context) -> frozenset[str]:
    """The sections named by the nearest heading above the line that names one: a "Nice to have"
    list under "Requirements" is a list of pluses, not of requirements."""
    for heading in reversed(line.headings):
        names = context.profile.section_names(heading)
        if names:
            return frozenset(names)
    return line.sections


def _phrases_found(page: Page, context: Context) -> dict[str, list[tuple[Line, int, re.Match[str]]]]:
    """Table key -> (line, category index, match) of every phrase of the wording tables, read once
    per page for the four rules that use them: at each word, the phrases filed under its first
    letters, in table order; matches of one table do not overlap, as in one alternation."""
    return per_page(page, context, _find_phrases)


def _lower(text: str) -> str:
    """`text` in lower case, each character in place (a few, like "İ", lower to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _find_phrases(page: Page, context: Context) -> dict[str, list[tuple[Line, int, re.Match[str]]]]:
    phrases = context.profile.wording_phrases
    found: dict[str, list] = defaultdict(list)
    for line in _language(page, context):
        lowered = _lower(line.text)
        ends: dict[str, int] = {}  # table key -> where its last match on the line ended
        for head in phrases.starts.finditer(lowered):
            start = head.start()
            for _, key, index, pattern in phrases.candidates(lowered[start : start + 3]):
                if start < ends.get(key, 0):
                    continue
                match = pattern.match(line.text, start)
                if match:
                    found[key].append((line, index, match))
                    ends[key] = max(match.end(), start + 1)
    return found


@rule("JD707", "gendered-term", Severity.WARNING, fixable=True)
def gendered_term(page: Page, context: Context) -> Iterator[Finding]:
    """A gendered word or pronoun where a neutral one says the same ("he or she", "salesman", "guys").

    ## What it does
    Flags the words and phrases of the profile's `gendered-terms` in the page's prose: pronouns
    for the role holder ("he/she", "his or her"), gendered job words ("salesman", "chairman",
    "foreman"), "manpower", "man-hours", "guys", and joblint's facial-hair words ("bearded").
    Matched as whole words, case-insensitively. A lone "he", "his" or "her" only in the
    `job-posting` profile: read blind on GitLab's pages (which write "they"), the lone pronouns
    were about things ("PostgreSQL and his ecosystem"), 0 of 2 true; the pairs and job words
    were 18 of 18. A lone pronoun after "our <Title>" in its sentence ("meet our MLRO, then work
    through a case with her") speaks of that person, not the role's holder, and is not read.

    Not read (as for every language rule): headings, quotes, blockquotes, code, link targets,
    the titles of the page's roles and any role title of the handbook, an equal-opportunity
    statement (which rightly names women and men), and a section under
    `<!-- jdlint-disable-section JD707 -->`.

    ## Why is this bad?
    Gendered pronouns and job words tell candidates whom the writer pictured in the role. Stout &
    Dasgupta (2011, "When He Doesn't Mean You", Personality and Social Psychology Bulletin
    37(6):757–769) found that "he" used generically made women feel ostracised and less
    motivated; Horvath & Sczesny (2016, European Journal of Work and Organizational Psychology
    25(2):316–328) found that women were judged less fit for a role advertised in the masculine
    form. EEOC guidance (29 CFR 1604.5) holds that job notices expressing a sex preference
    violate Title VII; the UK Equality Act 2010 (s. 13, s. 39) and the EU Equal Treatment
    Directive 2006/54/EC forbid the same. Sources of the lists: joblint (rowanmanning/joblint,
    "Use of gendered word/pronoun", "Mention of facial hair") and alex (retext-equality).

    ## Example
    ```markdown
    - He/she reports to the chairman of the audit committee.
    ```

    ## Use instead
    ```markdown
    - They report to the chair of the audit committee.
    ```

    ## Fix safety
    The fix replaces the word with the profile's neutral one ("they", "their", "chair"); it is
    unsafe: the verb may need to agree ("he is" becomes "they is"), and "her" has no single
    replacement ("their" or "them"), so it offers none.

    ## Options
    `gendered-terms` (word or phrase -> replacement, `""` for none) and
    `equal-opportunity-statement` in the profile.
    """
    if not page.family.is_job_family:
        return
    terms = {term.lower(): neutral for term, neutral in context.profile.gendered_terms.items()}
    pattern = context.profile.gendered_terms_pattern
    search = quick_search(pattern).search
    if not search(_language_text(page, context)):  # most pages have none: one search, not one a line
        return
    for line in _language(page, context):
        if not search(line.text):
            continue
        for match in pattern.finditer(line.text):
            if _in_a_title_or_name(line.text, match, context) or _about_a_named_person(line.text, match):
                continue
            written = match.group()
            neutral = _same_case(terms[" ".join(written.lower().split())], written)
            start, end = match.start() + 1, match.end() + 1
            fix = Fix(f'replace with "{neutral}"', (Edit(line.number, start, line.number, end, neutral),), "unsafe")
            yield Finding(
                line.number,
                f'gendered term "{written}"' + (f': write "{neutral}"' if neutral else ""),
                column=start,
                end_column=end,
                hint=f'write "{neutral}"' if neutral else "write the role's title, or rephrase without it",
                fix=fix if neutral else None,
            )


_PRONOUNS = frozenset(["he", "she", "his", "him", "her", "hers", "himself", "herself"])
_OUR_PERSON = re.compile(r"\bour\s+[A-Z]")  # "our MLRO", "our Head of Compliance", "our Chief Editor"


def _about_a_named_person(text: str, match: re.Match[str]) -> bool:
    """Whether a lone pronoun speaks of someone the sentence named before it as one of the team
    ("… meet our MLRO, then work through two cases with her"): a person, not the role's holder."""
    if match.group().lower() not in _PRONOUNS:
        return False
    start = max((s for s in _sentence_starts(text) if s <= match.start()), default=0)
    return bool(_OUR_PERSON.search(text, start, match.start()))


def _same_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


@rule("JD708", "age-coded-wording", Severity.WARNING)
def age_coded_wording(page: Page, context: Context) -> Iterator[Finding]:
    """Wording that tells older (or younger) candidates they are not wanted ("digital native", "recent graduate").

    ## What it does
    Flags the phrases of the profile's `age-coded-wording`: anywhere, a generation asked for
    ("digital natives", "a young team", "youthful", "millennials"); in requirement sections,
    "energetic" and "high-energy", "recent graduate" and "class of 2024", and a maximum number
    of years of experience ("no more than 5 years", "overqualified"), asked for or only wished
    for ("Ideally a recent graduate": the preference is what the law forbids). A range of years
    ("2–4 years") is left to `years-of-experience`.

    Not read: headings, quotes, blockquotes, code, link targets, role titles, an
    equal-opportunity statement (which names age as a protected ground), a section under
    `<!-- jdlint-disable-section JD708 -->`.

    ## Why is this bad?
    The US Age Discrimination in Employment Act forbids job notices that indicate a preference
    based on age (29 U.S.C. § 623(e)); the EEOC's rule names "young", "recent college graduate"
    and "boy" or "girl" as such (29 CFR 1625.4). The UK Equality Act 2010 and the EU Employment
    Equality Directive 2000/78/EC treat age the same way. Burn, Button, Corella & Neumark (2022,
    "Does Ageist Language in Job Ads Predict Age Discrimination in Hiring?", Journal of Labor
    Economics 40(3):613–667) found that ads with age-related stereotypes called back fewer older
    applicants.

    ## Example
    ```markdown
    ## Requirements
    - Energetic recent graduate, a digital native
    ```

    ## Use instead
    ```markdown
    ## Requirements
    - Knowledge of statistics, as a degree in it gives; fluent with our analytics tools
    ```

    ## Options
    `age-coded-wording` in the profile: category -> `{ label, hint, phrases, sections }`.
    """
    yield from _category_findings(page, context, "age-coded-wording", wishes=True)


@rule("JD709", "physical-requirement", Severity.WARNING)
def physical_requirement(page: Page, context: Context) -> Iterator[Finding]:
    """A physical requirement ("must be able to lift 50 lbs", "able-bodied") without reasonable accommodation.

    ## What it does
    Flags the phrases of the profile's `physical-requirements`: lifting or carrying a weight,
    "must be able to stand/walk/see/hear", standing or sitting for long periods, "able-bodied",
    "physically fit", "perfect vision". A page that says "with or without reasonable
    accommodation" (`accommodation-statements`, anywhere on it) is not reported, nor lines under
    a section of `essential-duties-sections` (a posting's "Essential Duties", where the law
    expects the physical functions to be listed).

    Not read: headings, quotes, blockquotes, code, link targets, role titles, an
    equal-opportunity statement, a section under `<!-- jdlint-disable-section JD709 -->`.

    ## Why is this bad?
    The Americans with Disabilities Act (42 U.S.C. § 12112) forbids screening out a qualified
    person with a disability unless the requirement is job-related, an essential function
    (29 CFR 1630.2(n)) that cannot be done with reasonable accommodation. The EEOC's guidance
    ("Job Applicants and the ADA") and the UK Equality Act 2010 (s. 20, the duty to make
    adjustments) say the same. A physical test for a desk job keeps disabled people from
    applying at all.

    ## Example
    ```markdown
    - Must be able to lift 25 lbs and stand for long periods
    ```

    ## Use instead
    ```markdown
    - Moves 25 lb equipment cases at events, with or without reasonable accommodation
    ```

    ## Options
    `physical-requirements` (category -> `{ label, hint, phrases, sections }`),
    `accommodation-statements` and `essential-duties-sections` in the profile.
    """
    profile = context.profile
    accommodated = profile.policy_alternations["accommodation-statements"]
    if accommodated.search("\n".join(text for _, text in page.parsed.prose_lines())):
        return
    essential = set(profile.essential_duties_sections)
    yield from _category_findings(page, context, "physical-requirements", lambda line: bool(line.sections & essential))


@rule("JD710", "ableist-language", Severity.WARNING)
def ableist_language(page: Page, context: Context) -> Iterator[Finding]:
    """An ableist idiom in the page's prose ("crazy", "lame", "blind spot", "sanity check").

    ## What it does
    Flags the phrases of the profile's `ableist-language`: idioms that use a disability or an
    illness as a figure of speech ("crazy", "insane", "lame", "blind spot", "turn a blind eye",
    "tone-deaf", "crippling", "dumb", "OCD", "sanity check", "wheelchair-bound").

    Not read: headings, quotes, blockquotes, code, link targets, role titles, an
    equal-opportunity statement, a section under `<!-- jdlint-disable-section JD710 -->`.

    ## Why is this bad?
    Disabled readers are candidates too; idioms that make a disability stand for "wrong" or
    "weak" tell them the team thinks so. The lists follow alex (get-alex/alex, retext-equality's
    "ablist" patterns), the National Center on Disability and Journalism's Disability Language
    Style Guide, and the Conscious Style Guide's ableism section.

    ## Example
    ```markdown
    - Finds the blind spots in a crazy busy process
    ```

    ## Use instead
    ```markdown
    - Finds the gaps in a very busy process
    ```

    ## Options
    `ableist-language` in the profile: category -> `{ label, hint, phrases, sections }`.
    """
    yield from _category_findings(page, context, "ableist-language")


@rule("JD711", "hype-wording", Severity.WARNING)
def hype_wording(page: Page, context: Context) -> Iterator[Finding]:
    """Hype, culture and realism wording ("rockstar", "work hard, play hard", "hit the ground running").

    ## What it does
    Flags the phrases of the profile's `hype-wording`, one category per kind of problem, each
    category of joblint's rules covered: job-title clichés (rockstar, ninja, guru, wizard,
    superstar, hero), bro culture (bro, hardcore, "crush it", "work hard, play hard", "culture
    fit", "sexy"), hollow perks (beer, ping pong, foosball), a competitive environment
    ("cut-throat", "thick skin"), new-starter pressure ("hit the ground running", "sink or
    swim"), "meritocracy", visionary jargon (synergy, paradigm, blue sky),
    "drama-free", profanity, "passion" as a requirement, legacy technology and a required
    editor (in requirements), and misnamed technology ("Java script", "Ruby on Rail").

    "passion", legacy technology and editors are reported in requirement sections only
    (`sections` of their category; not in "Nice to have": passion offered as a plus is no
    requirement, nor is a line marked optional by the profile's `optional-markers`, such as
    "BONUS:" or "preferred"), and "demonstrated passion", which asks for the evidence, is not;
    the rest anywhere. joblint's "juggle" and "tight deadlines" are not in the list: read blind
    on GitLab's pages, they described the work of the role (an assistant's priorities, payroll's
    and events' dates), not pressure on a new starter (6 of 6 false or debatable). A word inside a name ("the GitLab Heroes", a capitalised word after another that
    does not open the sentence) or a role title of the handbook is not reported: the editor did
    not choose it.

    Not read: headings, quotes, blockquotes, code, link targets, role titles, an
    equal-opportunity statement, a section under `<!-- jdlint-disable-section JD711 -->`.

    ## Why is this bad?
    joblint (rowanmanning/joblint, archived) collected these from job posts that put candidates
    off: clichés devalue the work and read as unprofessional, bro-culture words and hollow perks
    signal a culture of one archetype, competitive and pressure wording excludes people with
    outside commitments, and jargon hides what the job is. Gaucher, Friesen & Kay (2011) found
    masculine-coded wording lowers women's sense of belonging; Textio's studies of job posts
    found "rockstar" and "ninja" among the phrases that draw fewer women. "Passion" asked as a
    requirement asks for a feeling; ask for what it would show.

    ## Example
    ```markdown
    ## Requirements
    - A passionate rockstar who can hit the ground running
    ```

    ## Use instead
    ```markdown
    ## Requirements
    - Has shipped and maintained a web service in production
    ```

    ## Options
    `hype-wording` in the profile: category -> `{ label, hint, phrases, sections }`; add or
    replace a category with `[tool.jdlint.profile.extend-hype-wording]`.
    """
    yield from _category_findings(page, context, "hype-wording")


@rule("JD706", "gender-coded-wording", Severity.INFO)
def gender_coded_wording(page: Page, context: Context) -> Iterator[Finding]:
    """A page whose masculine-coded words clearly outweigh its feminine-coded ones.

    ## What it does
    Counts the word stems of Gaucher, Friesen & Kay (2011) as gender-decoder lists them
    ("lead…", "analy…", "driven", "compet…" against "support…", "collab…", "understand…",
    "respon…"), matched as word prefixes in the page's prose. A word that starts with a stem
    without its sense is not counted (`gender-unrelated-words`: "confidentiality",
    "committee", "dependencies", "warmup", "competencies"). Words that are part of a title on the
    page ("Analyst", "Team Lead") or of a name ("the Leadership Team") are not counted: the
    editor cannot choose them. It reports the balance once per page, with every coded word and
    its lines, when masculine-coded words outnumber feminine-coded ones by at least
    `min-difference` and by a factor of at least `min-ratio` (by default 10 and 2: on the
    handbook's own job families that is about the 5% most skewed pages).

    Not read: headings, quotes, blockquotes, code, link targets, an equal-opportunity statement,
    a section under `<!-- jdlint-disable-section JD706 -->`.

    ## Why is this bad?
    Gaucher, Friesen & Kay ("Evidence That Gendered Wording in Job Advertisements Exists and
    Sustains Gender Inequality", J. Personality and Social Psychology 101(1):109–128) found that
    masculine-coded wording makes a job less appealing to women, who infer they would not
    belong; feminine-coded wording had no such effect on men. The handbook's CI failed pages on
    this balance.

    ## Example
    A page that asks for a "driven, competitive, analytical leader" to "lead decisive
    initiatives" and "champion" them, with nothing to balance it.

    ## Use instead
    Describe the same work with neutral or collaborative words: "works with the team to decide",
    "supports", "shares", "understands", where they are true.

    ## Options
    `gender-masculine-words`, `gender-feminine-words` (stems), `gender-unrelated-words`
    (regexes) and `[gender-coded-balance]` (`min-difference`, `min-ratio`) in the profile.
    """
    family = page.family
    if not family.is_job_family:
        return
    profile = context.profile
    titles = [family.title, *(role.title for role in family.roles)]
    title_words = {word.lower() for title in titles for word in _TITLE_WORD.findall(title)}
    unrelated = profile.policy_alternations["gender-unrelated-words"]
    unrelated_search = quick_search(unrelated).search  # most lines have none
    found: dict[bool, dict[str, list[int]]] = {True: defaultdict(list), False: defaultdict(list)}
    first = None
    for line in _language(page, context):
        if not profile.gender_stem_pattern.search(line.text):
            continue
        text = unrelated.sub(blank, line.text) if unrelated_search(line.text) else line.text
        for word, start, coded_masculine, whole in _gender_coded(text, profile):
            if (whole and _is_name_at(text, start)) or word in title_words or word.removesuffix("s") in title_words:
                continue
            found[coded_masculine][word].append(line.number)
            if coded_masculine and first is None:
                first = (line.number, start + 1, start + len(word) + 1)
    male = sum(map(len, found[True].values()))
    female = sum(map(len, found[False].values()))
    balance = profile.gender_coded_balance
    if male - female < float(balance["min-difference"]) or male < float(balance["min-ratio"]) * female:
        return
    line, column, end_column = first
    yield Finding(
        line,
        f"masculine-coded wording outweighs feminine-coded, {male} words against {female}: "
        f"{_words(found[True])}; feminine-coded: {_words(found[False]) or 'none'}",
        column=column,
        end_column=end_column,
        hint="say the same in neutral or collaborative words where they are true (works with, supports, decides with)",
    )


# Where a sentence's first word starts: after the line's start (and a list marker) or after a
# sentence's end, past any opening quotes, brackets or emphasis.
_SENTENCE_START = re.compile(r"(?:^\s*(?:(?:[-*+]|\d+[.)])\s+)?|[.!?:;]\s+)[^\w\s]*(?=[A-Za-z])")
_CAPITALISED_NEXT = re.compile(r"[\w-]*\s+[A-Z]")


def _is_name_at(text: str, start: int) -> bool:
    """Whether the word at `start` (a word's start, not a part's after its hyphen) is part of a
    name: a capitalised word inside a sentence ("the Engineering Analysts", "our Leadership Team"),
    or a sentence's first word when the next word is capitalised too ("Individual Contributor
    roles"). A name is not wording the editor chose."""
    if not text[start].isupper():
        return False
    return start not in _sentence_starts(text) or bool(_CAPITALISED_NEXT.match(text, start))


_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_TITLE_WORD = re.compile(r"[\w-]+")
_WORD_PART = re.compile(r"[A-Za-z]+")


def _gender_coded(text: str, profile: Profile) -> Iterator[tuple[str, int, bool, bool]]:
    """(word, offset, masculine-coded?, whole word?) of the gender-coded words of `text`. As in
    gender-decoder, a hyphenated word is one word when it is coded ("self-confident"), else its
    parts are words; only a whole word, or the first part, may be a name's.

    Only the places where a stem starts are read (a coded word or part starts with one): reading
    every word of the line was most of the rule's time."""
    for head in profile.gender_stem_starts.finditer(text):
        start = head.start()
        if not _is_letter(text[start]):  # a stem of the profile's own that no word can start with
            continue
        word_start = _word_start(text, start)
        word = _WORD.match(text, word_start).group().lower()
        coded = profile.gender_coding(word)
        if start == word_start and coded is not None:
            yield word, start, coded, True
        elif coded is None and "-" in word:
            part = _WORD_PART.match(text, start).group().lower()
            coded = profile.gender_coding(part)
            if coded is not None:
                yield part, start, coded, start == word_start


def _word_start(text: str, start: int) -> int:
    """Where the hyphenated word (`_WORD`) holding the letters at `start`, a letter run's start, starts."""
    while start >= 2 and text[start - 1] == "-" and _is_letter(text[start - 2]):
        start -= 1
        while start and _is_letter(text[start - 1]):
            start -= 1
    return start


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _words(found: dict[str, list[int]]) -> str:
    ranked = Counter({word: len(lines) for word, lines in found.items()}).most_common()
    return ", ".join(f"{word} ({', '.join(map(str, sorted(set(found[word]))))})" for word, _ in ranked)


@rule("JD712", "hard-to-read", Severity.INFO)
def hard_to_read(page: Page, context: Context) -> Iterator[Finding]:
    """A section of at least 100 words that is hard to read: low reading ease, or long sentences.

    ## What it does
    For each section (the text under one heading) of at least `min-section-words` words,
    computes the mean words per sentence (a list item or table cell is a sentence of its own)
    and, over its paragraphs when they hold that many words, the Flesch reading ease, 206.835 −
    1.015 × words per sentence − 84.6 × syllables per word (syllables counted by vowel groups,
    offline). It reports the section, at its heading, when the reading ease is below
    `min-reading-ease` (default 30) or the sentences average more than `max-sentence-words`
    (default 25). Flesch measured running prose: the items of a list are read one at a time, in
    the words of the trade ("laboratory", "qualification", "apprenticeship"), and a list of plain
    requirements scored "very difficult" on long words alone (judged false on another
    organisation's person specification). Off in the `gitlab` profile: a job family is a reference
    page read by the people in the role, and its sections are lists of terms of the trade.
    Measured there: 711 sections on the 2019-20 pages and 910 on today's score below 30, most
    sections of most pages; a finding on nearly every section is not one an editor acts on.

    The reading ease is the custom rules' `reading-ease` metric (`jdlint.profile_rules`), offline:
    textstat (the maintained library) took 0.7 s to import and, for English, downloads NLTK's CMU
    dictionary on first use.

    Not read: headings, quotes, blockquotes, code, link targets, role titles, an
    equal-opportunity statement, a section under `<!-- jdlint-disable-section JD712 -->`.

    ## Why is this bad?
    Flesch (1948, "A New Readability Yardstick", Journal of Applied Psychology 32(3):221–233)
    puts text scoring below 30 in the "very difficult" band, for college graduates; a job post
    written so shuts out candidates who could do the job. GOV.UK's style guide and the US
    Federal Plain Language Guidelines (plainlanguage.gov) ask for sentences of 25 words or
    fewer on average.

    ## Example
    A Responsibilities section of 150 words in four sentences of nominalised abstractions.

    ## Use instead
    Short sentences, one idea each, in the words the team uses when it talks.

    ## Options
    `[readability]` `min-section-words`, `min-reading-ease`, `max-sentence-words` in the profile.
    """
    if not page.family.is_job_family:
        return
    from jdlint.profile_rules import _SENTENCE_END, _WORD, flesch_reading_ease

    limits = context.profile.readability
    for heading_line, sentences in _sections_sentences(page, context, _SENTENCE_END).items():
        sentences = [(in_prose, sentence) for in_prose, sentence in sentences if _WORD.search(sentence)]
        count = sum(len(_WORD.findall(sentence)) for _, sentence in sentences)
        if count < limits["min-section-words"]:
            continue
        prose = [sentence for in_prose, sentence in sentences if in_prose]
        problems = []
        if sum(len(_WORD.findall(sentence)) for sentence in prose) >= limits["min-section-words"]:
            ease = flesch_reading_ease(prose)
            if ease < limits["min-reading-ease"]:
                problems.append(
                    f"reading ease {ease:.0f} (Flesch; {limits['min-reading-ease']:g} or more reads plainly)"
                )
        per_sentence = count / len(sentences)
        if per_sentence > limits["max-sentence-words"]:
            problems.append(f"{per_sentence:.0f} words a sentence ({limits['max-sentence-words']:g} or fewer)")
        if problems:
            yield Finding(
                heading_line,
                f"hard to read, {count} words: {' and '.join(problems)}",
                hint="split long sentences; prefer short, common words to abstract ones",
            )


_WORDS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


def _sections_sentences(
    page: Page, context: Context, sentence_end: re.Pattern[str]
) -> dict[int, list[tuple[bool, str]]]:
    """(in a paragraph?, sentence) of each section, keyed by its heading's line (the title's line
    for text above every heading): each paragraph, list item or table cell split where a sentence
    ends."""
    lines = {line.number: line for line in _language(page, context)}
    sections: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    heading = page.family.title_line
    for block in page.blocks:
        if block.kind == "heading":
            heading = block.line
        if block.kind not in ("paragraph", "list_item", "table") or block.line not in lines:
            continue
        text = " ".join(lines[n].text for n in range(block.line, block.end_line + 1) if n in lines)
        in_prose = block.kind == "paragraph" and block.level == 0  # in no list
        sections[heading].extend((in_prose, sentence) for sentence in sentence_end.split(text) if sentence.strip())
    return sections


@rule("JD713", "page-length", Severity.INFO)
def page_length(page: Page, context: Context) -> Iterator[Finding]:
    """A page much shorter or longer than a job post reads best (300 to 700 words by default).

    ## What it does
    Counts the words of the page's prose and reports, on its title, a count outside
    `[page-length]` `min-words` to `max-words`. Headings, quotes, code, link targets and an
    equal-opportunity statement are not counted. Off unless a profile or config selects it
    (`extend-rules = ["page-length"]`): a length outside the range is advice on a post that
    otherwise serves, not a defect every editor would fix. In the `gitlab` profile it would be
    wrong besides: a job family describes every level of a role on one page, and is long by
    design (measured: 110 of the 2019-20 pages and 125 of today's fall outside 300–700 words).

    ## Why is this bad?
    Textio's analysis of job posts found 300–700 words the best-performing length ("How to
    write your best job post ever", part 2); Appcast's study of 400,000 job seekers (2015,
    reported by ERE, "Long Job Descriptions and Titles Can Hurt You. And So Can Short Ones")
    found click-to-apply up to five times higher for descriptions of 2,000–10,000 characters than
    for shorter or longer ones.

    ## Example
    A posting of 90 words: a title, three bullets of duties and a salary.

    ## Use instead
    Say what the work is, what it needs, what it pays and how hiring goes, in 300 to 700 words.

    ## Options
    `[page-length]` `min-words`, `max-words` in the profile.
    """
    if not page.family.is_job_family:
        return
    count = sum(len(_WORDS.findall(line.text)) for line in _language(page, context))
    low, high = context.profile.page_length["min-words"], context.profile.page_length["max-words"]
    if not count or low <= count <= high:
        return
    yield Finding(
        page.family.title_line,
        f"{count} words; a job post reads best at {low} to {high}",
        hint="cut what a candidate does not need to decide" if count > high else "say more about the work and the team",
    )


@rule("JD714", "pay-transparency", Severity.WARNING)
def pay_transparency(page: Page, context: Context) -> Iterator[Finding]:
    """A job post without a pay range that gives its currency and period ("competitive salary", "DOE").

    ## What it does
    Looks for a pay range with its currency ("$52,000 to $60,000", "€80k–€95k") and, on the same
    line, in a heading above it or in the header of its table ("| Monthly |"), its period ("a
    year", "/hr", "annual"). It reports the first range without a period, unless its amounts can
    only be a year's pay (from 20,000 or 20k in dollars, euros, pounds or francs; not in yen,
    krona or rupees, where a month's pay can be). A fixed salary or rate is pay stated too: one
    amount with its currency and period, said to be pay on its line, in a heading above it or on
    the line before ("**Salary**", then "£28,500 per annum"; not "a €1,000 a year learning
    budget"), and so is a front-matter value that gives either (`salary: "£28,000 – £31,000 per
    year"`, as Jekyll careers pages keep it). A volunteer's role (its title matches `unpaid`:
    "volunteer", "unpaid") is not judged. Without a range or a fixed pay, it reports the pay named vaguely
    ("competitive salary", "DOE" in capitals, "depending on experience", "commensurate with
    experience"), once, with the other places; and without that either, the page's title, when
    the page is a post to candidates: it has a section of `posting-sections` (pay, benefits, how
    to apply, about the company, equal opportunity). A
    page without any describes a role inside the company, and no law asks it for pay. Off in the
    `gitlab` profile (job families link to the compensation
    calculator: selected there it reports 190 and 173 pages, none a defect of a job family); on
    in `job-posting`.

    Not read: headings (except for the period), quotes, blockquotes, code, link targets, an
    equal-opportunity statement, a section under `<!-- jdlint-disable-section JD714 -->`.

    ## Why is this bad?
    Pay-transparency laws require the range in the post: Colorado's Equal Pay for Equal Work Act
    (C.R.S. 8-5-201, since 2021: hourly or salary range), New York City's Local Law 32 of 2022
    (minimum and maximum annual salary or hourly wage), California Labor Code § 432.3 (SB 1162,
    2023), Washington RCW 49.58.110 (2023), and the EU Pay Transparency Directive 2023/970 (art. 5:
    the initial pay or its range before the interview; transposed by June 2026). "Competitive"
    and "DOE" say nothing a candidate can compare.

    ## Example
    ```markdown
    ## Compensation
    Competitive salary, depending on experience.
    ```

    ## Use instead
    ```markdown
    ## Compensation
    $95,000 to $120,000 a year, plus equity.
    ```

    ## Options
    `[pay-transparency]` `range`, `amount`, `pay-words`, `period`, `unpaid` (regexes), `vague` (a
    list of regexes) and `posting-sections` (section names) in the profile.
    """
    if not page.family.is_job_family:
        return
    patterns = context.profile.pay_patterns
    if patterns["unpaid"].search(page.family.title) or _front_matter_states_pay(page, patterns):
        return  # a volunteer's role has no pay to state; a posting may give it in its front matter
    lines = _language(page, context)
    ranges = [(line, match) for line in lines for match in patterns["range"].finditer(line.text)]
    if ranges:
        if any(_states_period(page, line, patterns["period"]) or _reads_as_yearly(match) for line, match in ranges):
            return
        line, match = ranges[0]
        yield Finding(
            line.number,
            f'pay range "{match.group().strip()}" does not say per year, month or hour',
            column=match.start() + 1,
            end_column=match.end() + 1,
            hint='add the period: "a year", "an hour"',
        )
        return
    if _states_fixed_pay(page, lines, patterns):
        return
    vague = [(line, match) for line in lines for match in patterns["vague"].finditer(line.text)]
    if vague:
        line, match = vague[0]
        also = sorted({other.number for other, _ in vague[1:]} - {line.number})
        yield Finding(
            line.number,
            f'pay given as "{match.group()}" without a range'
            + (f" (also line{'s' * (len(also) > 1)} {', '.join(map(str, also))})" if also else ""),
            column=match.start() + 1,
            end_column=match.end() + 1,
            hint="give the range with its currency and period, as pay-transparency laws require",
        )
        return
    posting = set(context.profile.pay_transparency.get("posting-sections", ()))
    if not posting & page.family.all_section_names():
        return
    yield Finding(
        page.family.title_line,
        "no pay range with its currency and period",
        hint='add the range, as pay-transparency laws require: "$95,000 to $120,000 a year"',
    )


def _front_matter_states_pay(page: Page, patterns: dict[str, re.Pattern[str]]) -> bool:
    """Whether a value of the front matter (a posting's `salary:` field, as Jekyll careers pages
    keep it) gives a range or an amount with its currency and period, as the text would."""
    for value in page.parsed.front_matter.values():
        if not isinstance(value, str):
            continue
        stated = patterns["period"].search(value)
        if any(stated or _reads_as_yearly(match) for match in patterns["range"].finditer(value)):
            return True
        if stated and patterns["amount"].search(value):
            return True
    return False


def _states_fixed_pay(page: Page, lines: list[Line], patterns: dict[str, re.Pattern[str]]) -> bool:
    """Whether a line gives one amount with its currency and period, said to be pay (on it, in a
    heading above or on the line before, "Salary" as a label): a fixed salary or rate."""
    for before, line in zip([None, *lines], lines, strict=False):
        if not patterns["amount"].search(line.text) or not _states_period(page, line, patterns["period"]):
            continue
        said = [line.text, *line.headings, before.text if before else ""]
        if any(patterns["pay-words"].search(text) for text in said):
            return True
    return False


def _states_period(page: Page, line: Line, period: re.Pattern[str]) -> bool:
    """Whether the range's line, a heading above it, or the header of its table ("| Monthly |")
    says the period."""
    texts = [line.text, *line.headings, page.parsed.table_header(line.number)]
    return any(period.search(text) for text in texts)


def _reads_as_yearly(match: re.Match[str]) -> bool:
    """Whether the range can only be a year's pay: from 20,000 (or 20k) in a currency whose
    monthly pay never runs so high. In yen, krona or rupees a month's pay can, so there the
    period must be said."""
    amount = _AMOUNT.search(match.group())
    if not amount or not _YEARLY_CURRENCY.search(match.group()):
        return False
    value = float(amount.group(1).replace(",", "")) * (1000 if amount.group(2) else 1)
    return value >= 20_000


_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?([kK])?")
_YEARLY_CURRENCY = re.compile(r"[$€£]|\b(?:USD|EUR|GBP|CAD|AUD|NZD|CHF)\b")
