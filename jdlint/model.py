"""The job model: a family with its roles, each fact with its line.

Built once per page from `ParsedPage.blocks`. How headings become roles:

* a heading that names no known section is a *role* when its part of the page states a grade
  (a "Job Grade" subsection or "… is a grade N") and no deeper such heading does, or when it sits
  directly under "Levels"; a "Role" heading is a role titled like the family;
* headings under "Specialties" are specialties, never roles, unless they state their own grade;
* a role heading followed by level sections at its own depth ("## Job Grade" after "## Senior
  Analyst"), or at a shallower one ("## Requirements" after "### Manager", when more levels follow
  or the section names the level), keeps them: they are marked `escaped` for the heading-depth
  rule; a kind of section no level above has ("## Performance Indicators" after the last level)
  stays the family's;
* a nested heading without subsections that repeats its level's title is that level's grade
  section; a "Job Grades" heading holding levels is not one; a "Role" block beside levels is one
  only when it grades a role of its own;
* a page without role headings is a single role: the family itself; a page of the family layout
  with no section, no grade and only a pointer elsewhere (a link, a partial) is a stub.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

from jdlint.parse import Block, Inline, Link, ParsedPage
from jdlint.profile import BOLD_LABEL, Profile
from jdlint.rule import plural
from jdlint.titles import (
    has_level_word,
    is_level_only,
    names_level,
    normalise_title,
    title_work,
    without_qualifiers,
)

# The manager runs to the end of the sentence; the dot of "Sr." or "Jr." does not end it. A
# sentence may open with the line ("Reporting to the VP of Sales, the Director …").
_REPORTS_TO = re.compile(
    r"(?:\breports?|(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))reporting)\s+(?:(?:directly|functionally|administratively|formally)\s+)?"
    r"(?:in)?to\b[\s:–—-]*(?P<manager>(?:[^.!?;]|(?<=Sr)\.|(?<=Jr)\.)*)",
    re.IGNORECASE,
)
_REPORT_WORD = re.compile("report", re.IGNORECASE)  # in every match of _REPORTS_TO: a cheap search first
# "direct reports to", "may regularly report to the Board": reporting *to* someone, not a line.
_NOT_A_REPORTING_LINE = re.compile(
    r"\b(?:direct|team\s+members?|who|that|may|might|can|could|should|must|regularly|"
    r"often|frequently|periodically)\s*$",
    re.IGNORECASE,
)
# After "reports to", nothing at all: "The Senior Analyst reports to."
_NO_MANAGER = re.compile(r"[,)]|$")
# "reports to and works closely with the Manager": the manager is the object both verbs share.
_SHARED_OBJECT = re.compile(r"(?:and|or)\s+(?:\w+\s+){1,3}?(?:to|with|for|by)\s+", re.IGNORECASE)
# What a reports-to line says between its subject and its manager: a phrase one typing slip away
# from one of these ("report so", "reports intot", "resorts to", "reprots to") is a reports-to line
# with a typo in it; a real phrase two slips away ("reports on", "reported to") is not.
_REPORTS_TO_PHRASES = frozenset(
    f"{verb} {adverb}{preposition}"
    for verb in ("report", "reports")
    for adverb in ("", "directly ", "functionally ", "administratively ", "formally ")
    for preposition in ("to", "into")
)
# Where a manager's title follows: an article and a capital ("… the Manager, Data").
_BEFORE_TITLE = re.compile(r"\s(?:the|an?|our)\s+(?=[A-Z])")
_WORDS_BEFORE = re.compile(r"(?<![\w-])(?:[a-z]+\s+){0,2}[a-z]+\Z")
# The subject of a reports-to sentence: a title, or "This role" and the like.
_SUBJECT = re.compile(r"(?P<article>(?:The|This|That|An?)\s+)?(?P<title>.*)", re.S)
_KIND = r"(?P<kind>responsibilit(?:ies|es|y)|r(?:e)?quirements?|performance\s+indicators)"
_KIND2 = r"(?:\s+(?:and|&)\s+(?:responsibilit(?:ies|es)|r(?:e)?quirements))?"
# A level's name: capitalised words, joined by a few lower-case connectors ("Director of CSM",
# "CSM (Associate)"); never "role to include more". At most a dozen words: unbounded, a line of
# capitalised words is searched to its end from each word.
_CAPITALISED = r"(?-i:[A-Z][\w.'’/-]*|\([A-Z][\w ]*\))"
_LEVEL = rf"(?P<level>{_CAPITALISED}(?:\s+(?:(?:of|and|&|for|in|the)\s+)*{_CAPITALISED}){{0,11}})"
_LEVEL_END = r"(?=\s+(?:listed|outlined|above|below|role|level|plus)\b|\s*[,.:;(]|\s*$)"
# The article before a level's name, or a short word misspelt for it ("thet", "teh").
_ARTICLE = r"(?:(?-i:[a-z]{1,4})\s+)?"


@cache  # compiled on the first block that may inherit: most pages have none
def _inheritance_patterns() -> list[re.Pattern[str]]:
    return [
        re.compile(rf"\bextends\s+(?:that\s+of\s+)?{_ARTICLE}{_LEVEL}\s+{_KIND}\b", re.IGNORECASE),
        re.compile(
            rf"\b(?:extends(?:\s+to)?|all\s+of|in\s+addition\s+to(?:\s+meeting)?)\s+the\s+{_KIND}{_KIND2}"
            rf"\s+of\s+{_ARTICLE}{_LEVEL}{_LEVEL_END}",
            re.IGNORECASE,
        ),
        re.compile(rf"\bsame\s+{_KIND}{_KIND2}\s+(?:as|of)\s+{_ARTICLE}{_LEVEL}{_LEVEL_END}", re.IGNORECASE),
    ]


# How each of those patterns starts: a block without it inherits nothing.
_MAY_INHERIT = re.compile(r"\b(?:extends|all\s+of|in\s+addition\s+to|same)\s", re.IGNORECASE)
_LADDER_UNDEFINED = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:have\s+|has\s+|had\s+)?(?:yet\s+)?(?:been\s+)?defined|(?:yet\s+)?to\s+be\s+"
    r"(?:defined|determined))\b",
    re.I,
)
_LADDER_MOVE = re.compile(
    r"\b(?:move|moving|progress|transition|advance|promotion)\s+(?:(?:laterally|sideways)\s+)?(?:in)?to\s+"
    r"(?P<targets>[^.;]+)"
    r"|\bnext\s+steps?\b[^.;]*?\b(?:is|are|would\s+be)\s+(?!to\b)(?:the\s+|an?\s+)?(?P<named>(?-i:[A-Z])[^.;]+)",
    re.I,
)
_ONWARD = re.compile(r"\b(?:next|move|moving|progress|promot|advance|transition|step)", re.I)
_LADDER_SUBJECT = re.compile(
    r"\bnext\s+(?:steps?|positions?|roles?|levels?)\s+(?:in|for|of|from)\s+(?:the\s+|an?\s+)?(?P<subject>[^.;]+)", re.I
)
# "or laterally to the Analyst family", "a lateral move to …": a step sideways, not up.
_FAMILY_AFTER = re.compile(r"\s*(?:job\s+)?famil", re.I)
_LATERAL = re.compile(r"\blateral(?:ly)?\b|\bsideways\b", re.I)
_LATERAL_LEAD = re.compile(
    r"(?:(?:move|moving)\s+)?(?:lateral(?:ly)?|sideways)\s+(?:moves?\s+)?(?:(?:in)?to\s+)?", re.I
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
_STEP_SEPARATOR = re.compile(r"(?<!\s)\s+(?:or|and/or)\s+")
# A sentence ends at ".", "!" or "?" before a capital; the dot of "Sr." or "Jr." does not end it.
_SENTENCE_END = re.compile(r"(?<!\bSr)(?<!\bJr)[.!?]\s+(?=[A-Z])")
_TITLE_WORD = r"(?-i:[A-Z][\w.'’/&-]*|\([A-Z][^()]*\))"
# A word that opens a sentence and is never part of a title: after a line break, it starts the
# sentence whose full stop is missing ("… reports to the Director, Sales\nThis role …").
_OPENER = (
    r"(?:The|This|That|These|Those|They|Their|It|Its|We|Our|You|Your|He|She|His|Her|A|An|In|On|At|As|"
    r"For|With|When|While|If|And|Or|But|Each|Every|All|Also|There|Here|Additionally|Currently)\b"
)
_NEXT_TITLE_WORD = rf"(?!(?<=\n){_OPENER}){_TITLE_WORD}"
_TITLE_WORDS = re.compile(
    rf"(?:{_TITLE_WORD}(?:(?:,\s+|\s+(?:(?:of|and|&|for|in|the|to)\s+)*){_NEXT_TITLE_WORD})*)"
    rf"(?:,\s+(?:and|&)\s+{_NEXT_TITLE_WORD}(?:\s+(?:(?:of|and|&|for|in|the|to)\s+)*{_NEXT_TITLE_WORD})*"
    r"(?=\s*(?:[.;:!?)]|,\s+[a-z]|$)))?"
)
# The level words a people manager's family title starts with: "Director of Sales", "VP, Sales".
_LEADING_LEVEL = re.compile(
    r"^(?:(?:Senior|Sr\.?|Group|Area|Regional)\s+)?(?:Manager|Director|Vice\s+President|VP|Head)(?:\s+of|,)?\s+", re.I
)
# A partial that renders a section of another file: ERB's "<%= partial("job-families/sales/performance") %>",
# or a Hugo shortcode named by a path, "{{% job-families/sales/performance %}}".
_ERB_PARTIAL = re.compile(
    r"<%=?\s*partial(?:\(\s*|\s+)[\"']([^\"']+)[\"']|\{\{[<%]\s*([\w.-]+(?:/[\w.-]+)+)\s*[^{}]*?[>%]\}\}"
)
# A grade sentence: "The Senior Analyst is a [grade 7](…)", "… is a job grade [level 5](…)", "… is a [Job Grade](…)
# Level 6", "… is a [6](…#gitlab-job-grades)" or "… a [Level 6](…#gitlab-job-grades)" (the link's target says it is
# a grade), "… grade TBD". Its subject opens with an article, is a clause after a comma ("For pay, the General
# Manager maps to a grade 10"), or is a title that opens the sentence ("Manager, Sales is a grade 8"). It may name
# two grades ("grade 8 or 9", "grades 8/9", "8–9", "a grade 11 or a grade 12"). Where grades are bands, the word is
# "band" ("The Data Engineer II is Band 3").
_GRADE_NUMBER = r"\d{1,2}(?:\.\d)?\b"
_SUBJECT_WORDS = r"(?:[^.!?]|(?<=Sr)\.|(?<=Jr)\.){1,160}?"
# At most a dozen words: unbounded, a long run of titles ("Sr. Manager, Sr. Manager, …") is read to
# its end from each of its sentence starts.
_SUBJECT_TITLE = rf"{_TITLE_WORD}(?:(?:,\s+|\s+(?:(?:of|and|&|for|in|the|to)\s+)*){_TITLE_WORD}){{0,11}}"
_GRADE = re.compile(
    rf"(?P<subject>(?<![\w,])(?-i:The|This|An?)\s{_SUBJECT_WORDS}|(?<=,\s)(?-i:the)\s{_SUBJECT_WORDS}"
    rf"|(?:^|(?<=[.!?:]\s)){_SUBJECT_TITLE})"
    r"\s+(?:is|are|will\s+be|can\s+be|maps?\s+to)\s+(?:an?\s+|at\s+)?\[?(?P<word>(?:job\s+)?(?:grade|band)s?\s*(?:level\s*)?)?\[?#?"
    rf"(?P<stated>(?:level\s+)?(?P<grade>{_GRADE_NUMBER})"
    rf"(?:\s*(?:[/–—-]|or|and|to)\s*(?:an?\s+)?(?:grade\s+)?{_GRADE_NUMBER})*)?",
    re.IGNORECASE,
)
_GRADE_WORD = re.compile(r"\b(?:grade|band)", re.IGNORECASE)
_NOT_IN_ANCHOR = re.compile(r"[^\w\s-]")
_SPACE = re.compile(r"\s")
# An anchor a page names itself: a heading's "{#id}" (kramdown, Hugo), an HTML element's id or name.
_NAMED_ANCHOR = re.compile(
    r"""\{:?\s*#([\w-]+)[^{}\n]*\}|<[a-z][^<>]*?\b(?:id|name)\s*=\s*["']?([^"'\s<>]+)""", re.IGNORECASE
)


class GradeStatement(NamedTuple):
    subject: str
    grade: str | None  # None: the sentence names no number ("is a grade TBD"); the lowest when it names two
    line: int
    highest: str | None = None  # the highest grade of a sentence naming two ("grade 8 or 9"), else None


class ReportsTo(NamedTuple):
    subject: str
    manager: str
    link: Link | None
    line: int
    malformed: bool = False  # "report so the …": the manager is read all the same
    phrase: str = ""  # the misspelt phrase of a malformed statement, as written ("report so")
    nameless: bool = False  # "reports to and acts as …": the sentence names no manager at all


class Inheritance(NamedTuple):
    kind: str  # the section it inherits: "Responsibilities", "Requirements", …
    level: str  # the level it names
    line: int
    text: str
    section: str  # the section it stands in, "" when outside any


class LadderStatement(NamedTuple):
    text: str
    line: int
    links: tuple[Link, ...]
    undefined: bool
    targets: tuple[str, ...] = ()  # next steps named without a link
    subject: str = ""  # the level or family the sentence gives the next step of, "" when unnamed
    lateral: frozenset[str] = frozenset()  # targets and link texts offered as sideways moves
    level: str = ""  # the level whose Career Ladder section holds the sentence, "" for the family's
    of_family: bool = False  # the subject is a job family ("… for the Analyst job family is …")

    @property
    def names_step(self) -> bool:
        """Whether the sentence offers a next step: names one, or links one while speaking of
        moving on (a link in "Currently, the Analyst reports to the [Manager](…)" is no step)."""
        return not self.undefined and bool(self.targets or (self.links and _ONWARD.search(self.text)))


@dataclass
class Section:
    names: tuple[str, ...]  # canonical names; () for a heading that names no known section
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)  # content up to the next heading
    escaped: bool = False
    children: list[Section] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.heading.line if self.heading else (self.blocks[0].line if self.blocks else 1)

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""

    @property
    def is_empty(self) -> bool:
        return not self.blocks and not self.children


@dataclass
class Role:
    title: str
    line: int
    heading: Block | None = None
    sections: list[Section] = field(default_factory=list)
    grades: list[GradeStatement] = field(default_factory=list)
    reports_to: list[ReportsTo] = field(default_factory=list)
    inheritance: list[Inheritance] = field(default_factory=list)

    def section_names(self) -> set[str]:
        names = {name for section in self.sections for name in section.names}
        names.update(statement.kind for statement in self.inheritance)
        if self.grades:
            names.add("Job Grade")
        return names


@dataclass
class Family:
    title: str
    title_line: int
    overview: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # family-level, outside any role
    roles: list[Role] = field(default_factory=list)
    ladder: list[LadderStatement] = field(default_factory=list)
    partial_sections: dict[str, int] = field(default_factory=dict)  # section -> ERB line
    reports_to: list[ReportsTo] = field(default_factory=list)  # statements outside any level
    single_role: bool = False  # the page has no level headings: the family is its one role
    is_job_family: bool = True  # False for index pages, stubs and other pages without a job
    specialty_spans: tuple[range, ...] = ()  # lines of specialties and teams: their reporting lines are theirs

    def section_names(self) -> set[str]:
        names = {name for section in self.sections for name in section.names}
        return names | set(self.partial_sections)

    def all_section_names(self) -> set[str]:
        """Every section of the page: the family's and its levels'."""
        return self.section_names().union(*(role.section_names() for role in self.roles))

    def all_reports_to(self) -> list[ReportsTo]:
        """Every reports-to statement of the page: its levels', then those outside any level."""
        return [s for role in self.roles for s in role.reports_to] + self.reports_to


@dataclass
class Page:
    """What a rule sees: the path, the parsed page and the model built from it."""

    path: str
    parsed: ParsedPage
    family: Family
    blocks: list[Block]  # the parsed blocks, a bold label that names a section read as its heading

    @property
    def source(self):
        return self.parsed.source

    @property
    def headings(self) -> list[Block]:
        """The headings the sections hang from: bold section labels included (see `blocks`)."""
        return [block for block in self.blocks if block.kind == "heading"]

    @cached_property
    def anchors(self) -> frozenset[str]:
        """The anchors of the page: its headings', as the site makes them ("## Director, Sales" is
        "#director-sales", kramdown and GitLab alike for plain text; a repeated one "-1", "-2" …),
        and those it names itself: a heading's `{#id}`, an HTML element's `id` or `name`
        (`<a id="base-requirements"></a>`)."""
        made: Counter[str] = Counter()
        anchors = set()
        for heading in self.parsed.headings:
            anchor = _SPACE.sub("-", _NOT_IN_ANCHOR.sub("", heading.text.lower().strip()))
            anchors.add(f"{anchor}-{made[anchor]}" if made[anchor] else anchor)  # a repeat's: "-1", "-2" …
            made[anchor] += 1
        anchors.update(next(filter(None, match.groups())) for match in _NAMED_ANCHOR.finditer(self.parsed.source.text))
        return frozenset(anchors)

    def column_of(self, line: int, text: str, after: str = "") -> int:
        """The 1-based column where `text` starts on `line` (after where `after` starts, when it is
        found there), else 1. Only their first characters are looked for: plain text and the raw
        line part ways at the first link."""
        raw = self.source.line(line)
        found = raw.find(text[:20], max(raw.find(after[:20]), 0))
        return found + 1 if found >= 0 else 1


def build(path: str, parsed: ParsedPage, profile: Profile) -> Page:
    builder = _Builder(parsed, profile)
    return Page(path, parsed, builder.family(), builder.blocks)


class _Builder:
    def __init__(self, parsed: ParsedPage, profile: Profile) -> None:
        self.parsed = parsed
        self.profile = profile
        self.blocks = _with_section_labels(parsed, profile)
        self.headings = [block for block in self.blocks if block.kind == "heading"]
        self.names = [profile.section_names(h.text) for h in self.headings]
        self.content = self._content_by_heading()
        self.parents, self.subtree_ends = _heading_tree([h.level for h in self.headings])
        self.after_specialty_sibling = self._after_specialty_sibling()
        self.grade_stated: dict[int, bool] = {}
        self.adopted: dict[int, list[int]] = {}
        # A block is read for its grade and reporting sentences by several questions (does a heading
        # state a grade, which level owns it, the family's own lines): each block once.
        self.grades_by_block: dict[int, list[GradeStatement]] = {}
        self.reports_to_by_block: dict[int, list[ReportsTo]] = {}
        self.levels_at = next((i for i, names in enumerate(self.names) if "Levels" in names), None)
        self.top_level = min((h.level for h in self.headings), default=0)

    def family(self) -> Family:
        title = self.parsed.front_matter.get("title")
        if isinstance(title, str) and title.strip():
            family = Family(title.strip(), self.parsed.front_matter_line("title"))
        else:
            first = next((h for h in self.headings if h.level == 1), None)
            family = Family(first.text if first else "", first.line if first else 1)
        family.overview = self.content[-1]
        if not self._is_job_family(family):
            family.is_job_family = False
            return family
        self.page_title = family.title
        roles = self._role_indexes()
        owner = self._owners(roles)
        sections = [Section(self.names[i], h, self.content[i]) for i, h in enumerate(self.headings)]
        for i, section in enumerate(sections):
            section.escaped = owner[i] is not None and self.headings[i].level <= self.headings[owner[i]].level
            parent = self._parent(i)
            if parent is not None and not section.escaped:
                sections[parent].children.append(section)
        role_of = {}
        for index in roles:
            role = Role(
                self._role_title(index, family, len(roles) > 1), self.headings[index].line, self.headings[index]
            )
            role_of[index] = role
            family.roles.append(role)
        for i, section in enumerate(sections):
            if i in role_of:
                role_of[i].sections.append(section) if section.names else None
                self._read_facts(role_of[i], section.blocks, "")
            elif owner[i] is not None:
                role_of[owner[i]].sections.append(section)
                self._read_facts(role_of[owner[i]], section.blocks, _first(section.names))
            else:
                family.sections.append(section)
        if family.roles:
            base = self._base_level(family)
            for blocks in [family.overview, *(section.blocks for section in family.sections)]:
                family.reports_to.extend(s for b in blocks for s in self._reports_to_of(b))
            if base is not None:
                taken = {(s.line, s.manager) for s in base.reports_to}
                family.reports_to = [s for s in family.reports_to if (s.line, s.manager) not in taken]
        else:
            family.single_role = True
            role = Role(family.title, family.title_line, sections=list(family.sections))
            for section in [Section((), None, family.overview), *family.sections]:
                self._read_facts(role, section.blocks, _first(section.names))
            family.roles.append(role)
        family.specialty_spans = self._specialty_spans(set(roles))
        family.ladder = self._ladder(sections, family.roles)
        family.partial_sections = self._partials()
        return family

    def _base_level(self, family: Family) -> Role | None:
        """The level the family's own sections grade on a page that has levels besides ("## Job
        Grade: The Analyst is a grade 6", then "## Levels" with the Senior and Staff Analysts):
        added to the levels, or its grade given to the level of the same title."""
        level_sections = set(self.profile.level_sections)
        own = [section for section in family.sections if level_sections & set(section.names)]
        base = Role(family.title, own[0].line if own else family.title_line, sections=own)
        for section in [Section((), None, family.overview), *own]:
            self._read_facts(base, section.blocks, _first(section.names))
        graded = [g for g in base.grades if g.grade and g.subject.startswith("The ")]
        if not graded:
            return None
        base.title = leading_title(_strip_article(graded[0].subject)) or family.title
        same = next((r for r in family.roles if normalise_title(r.title) == normalise_title(base.title)), None)
        if same is not None:
            same.grades[:0] = base.grades
            return None
        family.roles.insert(sum(1 for r in family.roles if r.line < base.line), base)
        return base

    def _is_job_family(self, family: Family) -> bool:
        """A job-family page by its layout, or, without one, by having a job page's parts (a
        required section, a grade, a role's reporting line: a career framework's levels may be
        bare lists under their titles): index pages, stubs and notes ("moved to …") have neither
        and are not judged as job families.

        A page of the family layout that has no section, no grade and only points elsewhere
        ("deprecated in favor of [the internship](…)", a partial that renders another page) is a
        stub all the same: its job is written on the page it points to.
        """
        layout = self.parsed.front_matter.get("layout")
        if isinstance(layout, str) and layout in self.profile.job_family_layouts:
            return any(self.names) or self._has_job_parts(family) or not self._points_elsewhere()
        if isinstance(layout, str) and layout in self.profile.other_layouts:
            return False
        return self._has_job_parts(family)

    def _has_job_parts(self, family: Family) -> bool:
        required = set(self.profile.required_sections)
        return (
            any(required & set(names) for names in self.names)
            or any(self._states_grade(i) for i in range(len(self.headings)))
            or any(_GRADE_WORD.search(b.text) and _GRADE.search(b.text) for b in family.overview)
            or bool(self._partials())
            or any(self._reports_to_of(block) for block in self.parsed.blocks if block.kind == "paragraph")
        )

    def _points_elsewhere(self) -> bool:
        return any(block.inline.links or _ERB_PARTIAL.search(block.text) for block in self.parsed.blocks)

    def _content_by_heading(self) -> dict[int, list[Block]]:
        """Blocks after each heading up to the next; key -1 holds what precedes the first heading."""
        content: dict[int, list[Block]] = {-1: []}
        current = -1
        heading_index = {id(h): i for i, h in enumerate(self.headings)}
        for block in self.blocks:
            if block.kind == "heading":
                current = heading_index[id(block)]
                content[current] = []
            else:
                content[current].append(block)
        return content

    def _parent(self, index: int) -> int | None:
        return self.parents[index]

    def _ancestors(self, index: int):
        parent = self._parent(index)
        while parent is not None:
            yield parent
            parent = self._parent(parent)

    def _subtree_end(self, index: int) -> int:
        return self.subtree_ends[index]

    def _after_specialty_sibling(self) -> list[bool]:
        """Per heading: whether an earlier sibling (same parent, same depth) names a specialties section."""
        specialties = set(self.profile.specialty_sections)
        seen: set[tuple[int | None, int]] = set()
        flags = []
        for i, heading in enumerate(self.headings):
            key = (self.parents[i], heading.level)
            flags.append(key in seen)
            if specialties & set(self.names[i]):
                seen.add(key)
        return flags

    def _is_plain(self, index: int) -> bool:
        """A heading that names no section and is not a specialty: inside a specialties section,
        or after a sibling heading that names one ("### Sales Analyst Specialties", "### Growth").
        A heading there that states its own grade is a level all the same."""
        if self.names[index]:
            return False
        specialties = set(self.profile.specialty_sections)
        ancestors = self._ancestors(index)
        in_specialties = any(specialties & set(self.names[a]) for a in ancestors) or self.after_specialty_sibling[index]
        return not in_specialties or any(map(self._states_grade, self._span(index)[1:]))

    def _span(self, index: int) -> list[int]:
        """The heading, its subtree and the level sections it adopts."""
        return [*range(index, self._subtree_end(index)), *self._adopted(index)]

    def _adopted(self, index: int) -> list[int]:
        """The level sections after heading `index` that escaped its subtree, when they are its own."""
        if index not in self.adopted:
            run = self._escaped_run(index)
            after_levels = self.levels_at is not None and index > self.levels_at
            if after_levels:
                adopts = self._adopts(index, run)
            else:  # a heading at the top of the outline is the page's title, its sections the page's own
                on_top = self.headings[index].level == self.top_level
                adopts = not on_top and any(self._names_heading(j, index) for j in run[:1])
            self.adopted[index] = run if adopts else []
        return self.adopted[index]

    def _escaped_run(self, index: int) -> list[int]:
        """The level sections right after heading `index` that are not inside it: at its own depth
        after a heading without subsections ("## Senior Analyst" then "## Job Grade"), or shallower
        ("### Manager" then "## Requirements"), each with the headings deeper than the level under it.

        Shallower sections are the level's only when more levels follow them or the first of them
        names the level; after the last level, a kind of section that no level before it has (a
        "## Performance Indicators" after "## Senior Analyst" when the levels above have only
        grades and responsibilities) is the family's.
        """
        level = self.headings[index].level
        level_sections = set(self.profile.level_sections)
        childless = self._subtree_end(index) == index + 1
        blocks: list[list[int]] = []
        seen: set[str] = set()
        j = self._subtree_end(index)
        while j < len(self.headings) and (
            self.headings[j].level < level or childless and self.headings[j].level == level
        ):
            names = set(self.names[j])
            if not names or not names <= level_sections or names & seen:
                break
            seen |= names
            block = [j]
            j += 1
            while j < len(self.headings) and self.headings[j].level > level:
                block.append(j)
                j += 1
            blocks.append(block)
        if j < len(self.headings) and not self.names[j]:  # more levels follow
            return [k for block in blocks for k in block]
        run: list[int] = []
        for block in blocks:
            shallower = self.headings[block[0]].level < level
            if (
                shallower
                and not any(self.headings[k].level < level for k in run)
                and not self._names_heading(block[0], index)
            ):
                break
            if not shallower and not set(self.names[block[0]]) <= self._level_sections_before(index):
                break
            run += block
        return run

    def _names_heading(self, section: int, index: int) -> bool:
        """Whether section heading `section` starts with heading `index`'s title ("### Director,
        Sales Job Grade" after "#### Director, Sales"), or its grade sentence names that level."""
        title = self.headings[index].text
        return normalise_title(self.headings[section].text).startswith(normalise_title(title)) or any(
            names_level(re.sub(r"^(?:The|This)\s+", "", subject), title) for subject in self._grade_subjects([section])
        )

    def _level_sections_before(self, index: int) -> set[str]:
        """The kinds of level section written between the "Levels" heading (or the top) and heading
        `index`; every kind when there are none (the first level sets the pattern)."""
        return self._level_sections_seen[index] or set(self.profile.level_sections)

    @cached_property
    def _level_sections_seen(self) -> list[set[str]]:
        """Per heading, the kinds of level section before it and after "Levels": one pass."""
        level_sections = set(self.profile.level_sections)
        start = self.levels_at + 1 if self.levels_at is not None else 0
        seen: set[str] = set()
        per_heading = []
        for i, names in enumerate(self.names):
            per_heading.append(set(seen))
            if i >= start:
                seen |= level_sections.intersection(names)
        return per_heading

    def _grade_subjects(self, headings) -> list[str]:
        """The subjects of the grade sentences that say "grade" or "band" (and so need the word)."""
        texts = [b.text for j in headings for b in self.content[j] if _GRADE_WORD.search(b.text)]
        return [m["subject"] for text in texts for m in _GRADE.finditer(text) if m["word"]]

    def _grades_of(self, block: Block) -> list[GradeStatement]:
        key = id(block)  # the blocks live as long as the builder
        if key not in self.grades_by_block:
            self.grades_by_block[key] = _grade_statements(block)
        return self.grades_by_block[key]

    def _reports_to_of(self, block: Block) -> list[ReportsTo]:
        key = id(block)
        if key not in self.reports_to_by_block:
            self.reports_to_by_block[key] = _reports_to(block)
        return self.reports_to_by_block[key]

    def _states_grade(self, index: int) -> bool:
        if index not in self.grade_stated:
            self.grade_stated[index] = "Job Grade" in self.names[index] or self._grade_sentence(index)
        return self.grade_stated[index]

    def _grade_sentence(self, index: int) -> bool:
        return any(self._grades_of(block) for block in self.content[index])

    def _specialty_spans(self, roles: set[int]) -> tuple[range, ...]:
        """The lines of specialties: a specialties section, and a heading that is no level and names
        no section under "Levels" or a specialties section (a team a level page lists). "This role
        reports to the Runner Engineering Manager" there is the specialty's line, not the level's."""
        specialties = set(self.profile.specialty_sections)
        holders = specialties | {"Levels"}
        spans = []
        for i, heading in enumerate(self.headings):
            parent = self._parent(i)
            team = i not in roles and not self.names[i] and parent is not None and holders & set(self.names[parent])
            if specialties & set(self.names[i]) or team:
                end = self._subtree_end(i)
                last = self.headings[end].line if end < len(self.headings) else len(self.parsed.source.lines) + 1
                spans.append(range(heading.line, last))
        return tuple(spans)

    def _reads_as_level(self, index: int) -> bool:
        """Whether a heading under "Levels" that states no grade reads as a level: it has a level
        word or a word of the page's title. Teams a level page lists there ("### Distribution:Build",
        "### Runner", each with its own requirements) are specialties, not levels."""
        text = self.headings[index].text
        return has_level_word(text) or bool(set(title_work(text).split()) & set(title_work(self.page_title).split()))

    def _role_indexes(self) -> list[int]:
        candidates: list[int] = []
        spans: dict[int, list[int]] = {}
        for i in range(len(self.headings)):
            if "Role" in self.names[i]:
                candidates.append(i)
                spans[i] = list(range(i, self._subtree_end(i)))
                continue
            if not self._is_plain(i):
                continue
            span = self._span(i)
            parent = self._parent(i)
            under_levels = parent is not None and "Levels" in self.names[parent] and self._reads_as_level(i)
            graded = any(map(self._states_grade, span)) and not self._grades_only_the_page(i, span)
            if (under_levels and any(self.names[j] for j in span[1:])) or graded or self._reports_as_itself(i):
                candidates.append(i)
                spans[i] = span
        # A heading whose grade is stated only inside deeper levels (a page title above its
        # levels) is not itself a level; one with its own Job Grade is, even if levels nest in it.
        # A nested heading without subsections that repeats its level's title ("#### Senior
        # Manager, Sales" holding only the grade of "### Senior Manager, Sales") is that level's
        # grade section, not a level.
        spans = {i: span for i, span in spans.items() if not self._repeats_enclosing_title(i, spans)}
        candidates = [i for i in candidates if i in spans]
        # A "Job Grades" heading above levels holds them: its name states no grade of its own.
        roles = []
        for i in candidates:
            inner = [c for c in spans[i] if c in spans and c != i]
            nested = {j for c in inner for j in spans[c]}
            holders = {a for c in inner for a in self._ancestors(c)}
            own = [j for j in spans[i] if j not in nested]
            if not nested or any(self._grade_sentence(j) if j in holders else self._states_grade(j) for j in own):
                roles.append(i)
        # A "Role" block beside level headings introduces the family; it is not a level, unless
        # it grades a role of its own (the base level, written as the family's "Role").
        levels = [i for i in roles if "Role" not in self.names[i]]
        graded_blocks = [i for i in roles if "Role" in self.names[i] and self._role_block_subject(i)]
        return sorted(levels + graded_blocks) if levels else roles

    def _reports_as_itself(self, index: int) -> bool:
        """Whether a line right under heading `index` says whom the heading's title reports to
        ("Communications Officer (Level II)", then "The Communications Officer reports to …", or
        a "Reports to:" label): a level of a career framework that states no grade it can read.
        A clause without a subject ("Reporting to the VP, you will …") may be the page's."""
        title = normalise_title(without_qualifiers(self.headings[index].text))
        if title == normalise_title(self.page_title):
            return False  # the page's own title over its single role's reporting line
        for block in self.content[index]:
            if _REPORTS_TO_LABEL.search(_with_line_breaks(block.inline)):
                return True
            subjects = [_strip_article(s.subject) for s in self._reports_to_of(block)]
            if any(normalise_title(without_qualifiers(subject)) == title for subject in subjects):
                return True
        return False

    def _grades_only_the_page(self, index: int, span: list[int]) -> bool:
        """Whether heading `index` does not read as a level and each grade sentence under it is
        said of the page's title ("The Legal Intern is a grade 4" under "Compensation"): the
        page's own grade, written in one of its sections. A level's heading ("Senior", "Senior
        Analyst") keeps a grade copied from the level before, which grade rules report."""
        if self._reads_as_level(index):
            return False
        page = normalise_title(self.page_title)
        subjects = [g.subject for j in span for block in self.content[j] for g in self._grades_of(block)]
        return bool(subjects) and all(normalise_title(_strip_article(subject)) == page for subject in subjects)

    def _role_block_subject(self, index: int) -> str:
        """The title a "Role" block's own grade sentence names ("The Community Advocate is a grade
        5"), '' when it grades none."""
        own = range(index, self._subtree_end(index))
        subjects = [s for s in self._grade_subjects(own) if re.match(r"(?-i:The)\s", s)]
        return leading_title(_strip_article(subjects[0])) if subjects else ""

    def _repeats_enclosing_title(self, index: int, spans: dict[int, list[int]]) -> bool:
        if self._subtree_end(index) != index + 1:
            return False
        title = normalise_title(self.headings[index].text)
        return any(a in spans and normalise_title(self.headings[a].text) == title for a in self._ancestors(index))

    def _adopts(self, index: int, run: list[int]) -> bool:
        """Whether the escaped level sections after heading `index` are its own: when the heading
        has no text of its own, when the first of them is headed with its title or their grade
        sentence names it, or when its own text states its grade or reporting line (a level whose
        subsections lost their depth)."""
        if not run:
            return False
        if not self.content[index] or self._names_heading(run[0], index):
            return True
        subjects = self._grade_subjects(run)
        if subjects:
            title = self.headings[index].text
            return any(names_level(re.sub(r"^(?:The|This)\s+", "", s), title) for s in subjects)
        return self._states_grade(index) or any(self._reports_to_of(b) for b in self.content[index] if b.level == 0)

    def _owners(self, roles: list[int]) -> list[int | None]:
        """The level each heading belongs to; a level nested in another's extent keeps its own
        sections (later levels claim first)."""
        owner: list[int | None] = [None] * len(self.headings)
        for role in reversed(roles):
            for j in self._extent(role):
                if owner[j] is None:
                    owner[j] = role
        return owner

    def _extent(self, role: int) -> list[int]:
        """The headings a level owns: its subtree up to the first section that belongs to the family
        (Career Ladder, Hiring Process, Specialties) or the first heading shallower than the
        level's own first section (family sections nested too deep); then its adopted sections."""
        family_only = set(self.profile.required_sections) - set(self.profile.level_sections)
        family_only |= set(self.profile.specialty_sections)
        headings = [*range(role + 1, self._subtree_end(role))]
        depth = self.headings[headings[0]].level if headings else 0
        for position, j in enumerate(headings):
            if family_only & set(self.names[j]) or self.headings[j].level < depth:
                return headings[:position]
        adopted = self._adopted(role)
        cut = next((p for p, j in enumerate(adopted) if family_only & set(self.names[j])), len(adopted))
        return headings + adopted[:cut]

    def _role_title(self, index: int, family: Family, among_levels: bool) -> str:
        """The level's title; a heading that is only a level word ("Senior") joins the family's; a
        "Role" block is the family's, or, among levels, the role its grade sentence names."""
        if "Role" in self.names[index]:
            return (among_levels and self._role_block_subject(index)) or family.title
        title = re.sub(r"(?<!\s)\s*:$", "", self.headings[index].text.strip().strip("*").strip())
        if not (is_level_only(title) and family.title):
            return title
        if title.lower() == "intermediate":
            return f"{family.title} ({title})"
        if normalise_title(family.title).startswith(normalise_title(title) + " "):
            return family.title  # "### Senior" on the "Senior Backend Engineer" page
        benchmark = _LEADING_LEVEL.sub("", family.title)
        if benchmark != family.title:  # "Senior Director" on "Director of Professional Services"
            return f"{title}, {benchmark}"
        return f"{title} {family.title}"

    def _read_facts(self, role: Role, blocks: list[Block], section: str) -> None:
        for block in blocks:
            if block.kind == "list_item":
                continue  # its paragraph follows as its own block
            text = block.text
            role.grades.extend(self._grades_of(block))
            role.reports_to.extend(self._reports_to_of(block))
            if not _MAY_INHERIT.search(text):
                continue
            for pattern in _inheritance_patterns():
                for match in pattern.finditer(text):
                    role.inheritance.append(
                        Inheritance(
                            _section_kind(match["kind"]),
                            match["level"].strip(),
                            block.inline.line_at(match.start()),
                            match.group(),
                            section,
                        )
                    )

    def _ladder(self, sections: list[Section], roles: list[Role]) -> list[LadderStatement]:
        """The Career Ladder sentences, each with the level whose heading the section is under."""
        role_at = {id(role.heading): role.title for role in roles if role.heading is not None}
        statements = []
        for i, section in enumerate(sections):
            if "Career Ladder" not in section.names:
                continue
            levels = (role_at[id(self.headings[a])] for a in self._ancestors(i) if id(self.headings[a]) in role_at)
            level = next(levels, "")
            for block in section.blocks:
                if block.kind in ("paragraph", "table") and block.text.strip():
                    statements.extend(_ladder_statements(block, level))
        return statements

    def _partials(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for block in self.parsed.blocks:
            for match in _ERB_PARTIAL.finditer(block.text):
                for pattern, section in self.profile.erb_partial_sections.items():
                    if re.fullmatch(pattern, match[1] or match[2]):
                        found.setdefault(section, block.line)
        return found


def _with_section_labels(parsed: ParsedPage, profile: Profile) -> list[Block]:
    """The page's blocks with each bold label that names a section read as a heading one level
    below the heading it follows: many pages head their sections "**Requirements:**" rather than
    "## Requirements". A bold line naming no section (a sales pitch, a team's motto) stays prose,
    as does one inside a list, a table or a longer paragraph."""
    blocks, depth = list(parsed.blocks), 1
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            depth = block.level
        elif block.kind == "paragraph" and block.level == 0 and block.line == block.end_line:
            label = BOLD_LABEL.fullmatch(parsed.source.line(block.line))
            if label and profile.section_names(label["label"].strip()):
                text = Inline(label["label"].strip(), (), ((0, block.line),))
                blocks[index] = Block("heading", block.line, block.end_line, text, min(depth + 1, 6))
    return blocks


def _heading_tree(levels: list[int]) -> tuple[list[int | None], list[int]]:
    """Each heading's parent (the nearest earlier heading of a lower level) and the end of its
    subtree (the next heading of its level or higher), in one pass: linear in the headings."""
    parents: list[int | None] = []
    ends = [len(levels)] * len(levels)
    stack: list[int] = []
    for i, level in enumerate(levels):
        while stack and levels[stack[-1]] >= level:
            ends[stack.pop()] = i
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    return parents, ends


def _ladder_statements(block: Block, level: str) -> list[LadderStatement]:
    """One statement per sentence: "The next step for the Analyst is the Senior Analyst. The next
    step for the Senior Analyst is not yet defined." names a step, and only its top is open."""
    link_offsets = _link_offsets(block.inline)
    statements = []
    for start, sentence in _sentences(block.text):
        links = [(link, offset - start) for link, offset in link_offsets if 0 <= offset - start < len(sentence)]
        undefined = bool(_LADDER_UNDEFINED.search(sentence))
        named = [] if undefined or links else _ladder_targets(sentence)
        steps = named or [(offset, link.text) for link, offset in links]
        speaker, of_family = _ladder_speaker(sentence)
        statements.append(
            LadderStatement(
                sentence,
                block.inline.line_at(start),
                tuple(link for link, _ in links),
                undefined,
                tuple(name for _, name in named),
                speaker,
                _lateral(sentence, steps),
                level,
                of_family,
            )
        )
    return statements


def _ladder_speaker(sentence: str) -> tuple[str, bool]:
    """The title a ladder sentence gives the next step of ("The next step for the Analyst …"), and
    whether it names a job family ("… for the Analyst job family …") rather than a level."""
    subject = _LADDER_SUBJECT.search(sentence)
    speaker = leading_title(subject["subject"]) if subject else ""
    if not speaker:
        return "", False
    of_family = bool(re.search(r"\bfamily$", speaker, re.I) or _FAMILY_AFTER.match(subject["subject"], len(speaker)))
    return _without_family_word(speaker), of_family


def _lateral(sentence: str, steps: list[tuple[int, str]]) -> frozenset[str]:
    """The steps (offset, name) offered as sideways moves: a lateral word between the step before
    and this one ("… the Senior Analyst, or laterally to the Data Engineer job family")."""
    ends = [0, *(offset + len(name) for offset, name in steps)][: len(steps)]
    return frozenset(
        name
        for (offset, name), previous in zip(steps, ends, strict=True)
        if _LATERAL.search(sentence, previous, offset)
    )


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of `text`."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append((start, text[start : match.start() + 1]))
        start = match.end()
    if text[start:].strip():
        found.append((start, text[start:]))
    return found


def _link_offsets(inline: Inline) -> list[tuple[Link, int]]:
    """Each link with the offset of its text in the inline text (links come in text order)."""
    found, cursor = [], 0
    for link in inline.links:
        offset = inline.text.find(link.text, cursor)
        offset = cursor if offset < 0 else offset
        found.append((link, offset))
        cursor = offset + len(link.text)
    return found


def _ladder_targets(sentence: str) -> list[tuple[int, str]]:
    """(offset, title) of each next step a career-ladder sentence names without a link."""
    targets = []
    for match in _LADDER_MOVE.finditer(sentence):
        group = "targets" if match["targets"] else "named"
        parts = _STEP_SEPARATOR.split(match[group])
        cuts = [0, *(m.end() for m in _STEP_SEPARATOR.finditer(match[group]))]
        for cut, part in zip(cuts, parts, strict=True):
            lead = _LATERAL_LEAD.match(_strip_article(part))
            title = _without_family_word(leading_title(_strip_article(part)[lead.end() if lead else 0 :]))
            if title:
                targets.append((match.start(group) + cut, title))
    return targets


def _without_family_word(title: str) -> str:
    """ "Data Analyst Job Family" -> "Data Analyst": the word says what kind of step it is."""
    return re.sub(r"(?<!\s)\s+(?:Job\s+Family|Family|Role|Level)$", "", title, flags=re.I)


def leading_title(text: str) -> str:
    """The capitalised title at the start of `text`: "VP of Sales and works with …" -> "VP of Sales".
    A list of functions may end with ", and" where the title ends ("VP of Strategy, Operations,
    and Enablement."), not where a clause goes on ("VP of UX, and Directors of UX report to …")."""
    match = _TITLE_WORDS.match(text.strip())
    # A title word may hold a dot ("Sr."), but the full stop after the title is not part of it.
    return _FULL_STOP_AT_END.sub("", match.group().strip()) if match else ""


_FULL_STOP_AT_END = re.compile(r"(?<!\bSr)(?<!\bJr)\.$")


def _grade_statements(block: Block) -> list[GradeStatement]:
    """The grade sentences of a block: those that say "grade", or whose number links to the grades."""
    if not _GRADE_WORD.search(block.text) and not any("grade" in link.href.lower() for link in block.inline.links):
        return []  # neither can be: the sentence's "grade" would be found, and so would the link
    statements = []
    for match in _GRADE.finditer(block.text):
        if match["word"] or _links_to_grades(block, match["stated"]):
            numbers = sorted(re.findall(_GRADE_NUMBER, match["stated"] or ""), key=float)
            lowest, highest = (numbers[0], numbers[-1]) if numbers else (None, None)
            line = block.inline.line_at(match.start())
            statements.append(GradeStatement(match["subject"], lowest, line, highest if highest != lowest else None))
    return statements


def _links_to_grades(block: Block, stated: str | None) -> bool:
    """Whether the grade's text ("6", "Level 6") is a link to the grades."""
    links = block.inline.links
    return bool(stated) and any(
        link.text.strip().lower() == stated.lower() and "grade" in link.href.lower() for link in links
    )


def _first(names: tuple[str, ...]) -> str:
    return names[0] if names else ""


def _section_kind(word: str) -> str:
    word = word.lower()
    if word.startswith("resp"):
        return "Responsibilities"
    if word.startswith("perf"):
        return "Performance Indicators"
    return "Requirements"


def _reports_to(block: Block) -> list[ReportsTo]:
    """The reports-to statements of a block. In a list, only those said of a role ("- This
    position reports to …", "- Reports to the VP"): "- Write reports to the Board" is a duty."""
    statements = _statements_of_reporting(block)
    return [s for s in statements if s.malformed or block.level == 0 or _is_subject(s.subject)]


def _statements_of_reporting(block: Block) -> list[ReportsTo]:
    statements = []
    text = _with_line_breaks(block.inline)
    for start, phrase, manager_start in _misspelt_reports_to(text):
        manager = leading_title(text[manager_start:])
        subject = _subject_before(text, start)
        statements.append(ReportsTo(subject, manager, None, block.inline.line_at(start), True, phrase))
    for match in _REPORTS_TO.finditer(text) if _REPORT_WORD.search(text) else ():
        subject = _subject_before(text, match.start())
        if _NOT_A_REPORTING_LINE.search(subject):
            continue
        manager_start = match.start("manager")
        link = next(
            (
                link
                for link in block.inline.links
                if text.find(link.text, manager_start) == manager_start + _article(match["manager"])
            ),
            None,
        )
        named = _strip_article(match["manager"])
        shared = _SHARED_OBJECT.match(named)
        named = _strip_article(named[shared.end() :]) if shared else named
        manager = link.text if link else leading_title(named)
        nameless = not manager.strip() and bool(_NO_MANAGER.match(named))
        line = block.inline.line_at(match.start())
        statements.append(ReportsTo(subject, manager.strip(), link, line, nameless=nameless))
    return statements


def _with_line_breaks(inline: Inline) -> str:
    """The inline text with its soft line breaks kept as "\n": a title does not run on into a
    sentence that starts on the next line without a full stop."""
    if len(inline.line_starts) < 2:
        return inline.text
    text = list(inline.text)
    for offset, _ in inline.line_starts[1:]:
        if 0 < offset <= len(text) and text[offset - 1] == " ":
            text[offset - 1] = "\n"
    return "".join(text)


def _misspelt_reports_to(text: str) -> list[tuple[int, str, int]]:
    """(offset, phrase, manager offset) of each reports-to phrase with one typing slip in it, said
    of a title ("The Senior Analyst report so the Manager, Data")."""
    if "rep" not in text and "ort" not in text and "reoprt" not in text:
        return []  # one slip in "report" leaves its "rep" or its "ort" whole, unless it swaps "po"
    found = []
    for match in _BEFORE_TITLE.finditer(text):
        words = _WORDS_BEFORE.search(text, max(match.start() - 40, 0), match.start())
        if not words:
            continue
        starts = [words.start() + word.start() for word in _NON_SPACE.finditer(words.group())]
        for start in reversed(starts):
            phrase = " ".join(text[start : match.start()].split())
            if phrase in _REPORTS_TO_PHRASES:
                break
            if _is_misspelt_reports_to(phrase):
                if _is_subject(_subject_before(text, start)):
                    found.append((start, phrase, match.end()))
                break
    return found


_NON_SPACE = re.compile(r"\S+")
_DOUBLED_WORD = re.compile(r"\b(\w+)(?:\s+\1\b)+")


@lru_cache(maxsize=4096)  # the same few words stand before most titles ("responsible for the")
def _is_misspelt_reports_to(phrase: str) -> bool:
    undoubled = _DOUBLED_WORD.sub(r"\1", phrase)  # "reports to to"
    if undoubled != phrase and undoubled in _REPORTS_TO_PHRASES:
        return True
    return any(_one_slip_apart(phrase, known) for known in _REPORTS_TO_PHRASES)


def _one_slip_apart(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with one letter changed, added, dropped, or two neighbours swapped."""
    if typed == meant or abs(len(typed) - len(meant)) > 1:
        return False
    same = 0
    while same < min(len(typed), len(meant)) and typed[same] == meant[same]:
        same += 1
    if len(typed) == len(meant):
        swapped = typed[same : same + 2] == meant[same : same + 2][::-1]
        return typed[same + 1 :] == meant[same + 1 :] or (swapped and typed[same + 2 :] == meant[same + 2 :])
    longer, shorter = (typed, meant) if len(typed) > len(meant) else (meant, typed)
    return longer[same + 1 :] == shorter[same:]


def _is_subject(subject: str) -> bool:
    """Whether a sentence opening names a role: "The Senior Analyst", "This role", a title of two
    words or more ("Inside Sales Representative will …"), or nothing (a bullet that starts with
    the verb); not a verb ("Write reports to …")."""
    match = _SUBJECT.fullmatch(re.sub(r"\s+(?:will|would|shall)$", "", subject))
    title = match["title"] if match else ""
    if not title or title in _ROLE_WORDS:
        return True
    return leading_title(title) == title and bool(match["article"] or " " in title)


_ROLE_WORDS = ("role", "position", "person")


def _subject_before(text: str, end: int) -> str:
    """The sentence up to `end`: what a reports-to phrase at `end` is said of."""
    starts = [match.end() for match in _SENTENCE_BREAK.finditer(text, 0, end)]
    return " ".join(text[starts[-1] if starts else 0 : end].split())


def _article(manager: str) -> int:
    match = _ARTICLE_WORD.match(manager)
    return match.end() if match else 0


_ARTICLE_WORD = re.compile(r"(?:the|a|an|our)\s+", re.IGNORECASE)


# "Reports to:" as a label opening a line: "**Grade:** F4" and "**Reports to:** …" under a level.
_REPORTS_TO_LABEL = re.compile(r"^[ \t]*reports?\s+to\s*:", re.IGNORECASE | re.MULTILINE)


def _strip_article(name: str) -> str:
    """ "the Manager." -> "Manager"; a doubled article ("the the Manager") goes too."""
    while _article(name):
        name = name[_article(name) :]
    return name.strip().rstrip(".").strip()


def describe(page: Page) -> str:
    """A readable account of the model, for `jdlint model FILE`."""
    family = page.family
    out = [f"{page.path}", f"family: {family.title!r} (line {family.title_line})"]
    if family.sections or family.partial_sections:
        names = ", ".join(f"{s.title or '-'} @{s.line}" for s in family.sections if s.names)
        out.append(f"  family sections: {names}")
        for name, line in family.partial_sections.items():
            out.append(f"  {name} from an ERB partial @{line}")
    for statement in family.ladder:
        targets = [*(f"[{link.text}]({link.href})" for link in statement.links), *statement.targets]
        state = "not yet defined" if statement.undefined else "; ".join(targets) or "-"
        lateral = f" (lateral: {'; '.join(sorted(statement.lateral))})" if statement.lateral else ""
        speaker = statement.subject or statement.level
        out.append(f"  career ladder @{statement.line}{f' for {speaker!r}' if speaker else ''}: {state}{lateral}")
    for statement in family.reports_to:
        manager = "MALFORMED" if statement.malformed else repr(statement.manager)
        out.append(f"  outside any level: {statement.subject!r} reports to {manager} @{statement.line}")
    kind = "single role (the page itself)" if family.single_role else plural(len(family.roles), "level")
    out.append(f"roles: {kind}")
    for role in family.roles:
        out.append(f"  - {role.title!r} @{role.line}")
        for section in role.sections:
            escaped = " (escaped: wrong heading depth)" if section.escaped else ""
            out.append(f"      section {'/'.join(section.names)} @{section.line}{escaped}")
        for grade in role.grades:
            stated = f"{grade.grade}–{grade.highest}" if grade.highest else grade.grade or "?"
            out.append(f"      grade {stated} @{grade.line} ({grade.subject})")
        for statement in role.reports_to:
            manager = "MALFORMED" if statement.malformed else repr(statement.manager)
            link = f" -> {statement.link.href}" if statement.link else ""
            out.append(f"      reports to {manager}{link} @{statement.line}")
        for statement in role.inheritance:
            out.append(
                f"      inherits {statement.kind} of {statement.level!r} @{statement.line}"
                f" (in {statement.section or '-'})"
            )
    return "\n".join(out)
