"""What the job descriptions of a handbook have in common, measured for `jdlint init`.

Pages are read and parsed once, then modelled under a profile as `jdlint check` models them: the
built-in profile whose section names fit the handbook best is the start; the sections most
families have are its required ones, the headings they are written under its aliases, and the
grades stated for the titles' level words its grade table.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

from jdlint.discover import discover
from jdlint.families import assemble
from jdlint.handbook import entry_for, role_grade
from jdlint.model import Page, build
from jdlint.parse import ParsedPage, parse
from jdlint.profile import BUILT_IN, Profile, load_profile, normalise_heading
from jdlint.source import decode

REQUIRED_SHARE = 0.6  # a section this share of the families has is required of them all
COVERAGE = 0.90  # a level's grade range is the narrowest that holds this share of its grades
MIN_OBSERVATIONS = 3  # a level seen with fewer grades is too rare to measure
CLASSIFIED_SHARE = 0.5  # below this share of graded titles with a known level word, level words are looked for
MINIMAL = "minimal"


@dataclass(frozen=True)
class Document:
    path: str  # relative to the root, POSIX
    parsed: ParsedPage


@dataclass
class SectionUse:
    name: str
    families: int  # how many families have it
    headings: Counter[str] = field(default_factory=Counter)  # as written -> on how many pages


@dataclass
class LevelGrades:
    name: str
    pattern: str
    grades: list[float]
    found: bool = False  # a level word found in the titles, not one the profile knew

    @property
    def range(self) -> tuple[float, float]:
        return suggested_range(self.grades)


@dataclass
class Measurement:
    """What `measure` found, and the profile it starts from."""

    profile: str
    scores: dict[str, int]  # built-in profile -> how well its section names fit the handbook
    documents: int
    aliases: dict[str, list[str]]  # heading endings no built-in knows as written -> section names
    level_sections: list[str]  # sections of the handbook's own that its levels carry
    sections: list[SectionUse]
    families: int
    levels: list[LevelGrades]
    graded: int  # families that state a grade
    reporting: int  # families that say whom a role reports to
    ladders: int  # families that state a career ladder
    text: dict[str, list[float]] = field(default_factory=dict)  # metric of custom rules -> its value on each job page

    @property
    def required(self) -> list[str]:
        return [use.name for use in self.sections if use.families >= REQUIRED_SHARE * self.families]


def suggested_range(grades: list[float]) -> tuple[float, float]:
    """The narrowest [low, high] (grades seen) holding COVERAGE of the grades; of equally narrow
    ones, the one holding most."""
    counts = Counter(grades)
    values = sorted(counts)
    best = None
    for i, low in enumerate(values):
        total = 0
        for high in values[i:]:
            total += counts[high]
            if total >= COVERAGE * len(grades):
                rank = (high - low, -total)
                if best is None or rank < best[0]:
                    best = (rank, low, high)
                break
    return best[1], best[2]


def read_documents(root: Path) -> list[Document]:
    """Every document under `root`, parsed; unreadable ones are left out."""
    documents = []
    for path in discover([root], root):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        documents.append(Document(path.relative_to(root).as_posix(), parse(decode(data))))
    return documents


def modelled(documents: list[Document], profile: Profile) -> list[Page]:
    return [build(document.path, document.parsed, profile) for document in documents]


def job_families(pages: list[Page], profile: Profile) -> list[list[Page]]:
    """The job pages grouped by family: a folder's family page with its level pages, else one page."""
    jobs = [page for page in pages if page.family.is_job_family]
    bundles = assemble([entry_for(page, page.path) for page in jobs], profile)
    grouped: dict[str, list[Page]] = {}
    for page in jobs:
        bundle = bundles.get(page.path)
        grouped.setdefault(bundle.family_page.path if bundle else page.path, []).append(page)
    return list(grouped.values())


def measure(root: Path) -> Measurement:
    documents = read_documents(root)
    scores = {name: _fit(documents, load_profile(name=name)) for name in BUILT_IN if name != MINIMAL}
    name = max(scores, key=lambda n: scores[n]) if any(scores.values()) else MINIMAL
    start = load_profile(name=name)
    aliases = _new_aliases(documents, start)
    level_sections = _level_sections(documents, start, aliases)
    profile = load_profile({"name": name, "extend-section-aliases": aliases, "extend-level-sections": level_sections})
    families = job_families(modelled(documents, profile), profile)
    pages = [page for family in families for page in family]
    return Measurement(
        name,
        scores,
        len(documents),
        aliases,
        level_sections,
        _sections(families, profile),
        len(families),
        grade_levels(pages, profile),
        _count(families, lambda page: any(role_grade(role) is not None for role in page.family.roles)),
        _count(families, lambda page: bool(page.family.all_reports_to())),
        _count(families, lambda page: bool(page.family.ladder) or "Career Ladder" in page.family.all_section_names()),
        text_measures(pages),
    )


def _fit(documents: list[Document], profile: Profile) -> int:
    """How well a profile fits: the sections its names recognise, page by page, and the pages that
    state grades, reporting lines or career ladders, each for a profile with rules that read it."""
    score = 0
    reads = {family for family in ("JD3", "JD4", "JD5") if any(rule.startswith(family) for rule in profile.rules)}
    for page in modelled(documents, profile):
        score += len({name for h in page.parsed.headings for name in profile.section_names(h.text)})
        if page.family.is_job_family:
            family = page.family
            score += "JD3" in reads and any(role.grades for role in family.roles)
            score += "JD5" in reads and bool(family.all_reports_to())
            score += "JD4" in reads and bool(family.ladder)
    return score


def _new_aliases(documents: list[Document], profile: Profile) -> dict[str, list[str]]:
    """Aliases for the headings of job pages that `profile` does not name: the section another
    built-in profile names them when `profile` has that section ("Interview Process" is the hiring
    process), else, for a heading most families have, a section of its own. A section `profile`
    lacks is not taken from another profile: its alias ("benefits") would make a section of
    headings that are titles ("Manager, Benefits") on pages of another convention."""
    others = [load_profile(name=name) for name in BUILT_IN if name not in (profile.name, MINIMAL)]
    known = _section_names(profile)
    families = job_families(modelled(documents, profile), profile)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    seen_in: Counter[str] = Counter()
    for family in families:
        for text in {_key(h) for page in family for h in _unnamed_headings(page, profile)} - {""}:
            seen_in[text] += 1
        for page in family:
            for heading in _unnamed_headings(page, profile):
                spellings[_key(heading)][heading.text.strip(" :")] += 1
    aliases = {}
    for text, count in seen_in.items():
        names = next((other.section_names(text) for other in others if other.section_names(text)), ())
        if names and set(names) <= known:
            aliases[text] = list(names)
        elif count >= REQUIRED_SHARE * len(families):
            aliases[text] = [spellings[text].most_common(1)[0][0]]
    return aliases


def _level_sections(documents: list[Document], profile: Profile, aliases: dict[str, list[str]]) -> list[str]:
    """The sections of its own a handbook writes under each level ("### Reports to" under "## Data
    Engineer II"): without them among `level-sections`, they would be the family's."""
    own = {text: names[0] for text, names in aliases.items() if names[0] not in _section_names(profile)}
    under_levels = {
        own[_key(section.heading)]
        for page in modelled(documents, profile)
        if len(page.family.roles) > 1
        for role in page.family.roles
        for section in role.sections
        if section.heading is not None and _key(section.heading) in own
    }
    return sorted(under_levels)


def _section_names(profile: Profile) -> set[str]:
    return {name for names in profile.section_aliases.values() for name in names}


def _key(heading) -> str:
    return normalise_heading(heading.text)


def _unnamed_headings(page: Page, profile: Profile):
    """The headings of a page that name no section of the profile, and are no level or title."""
    titles = {role.heading.line for role in page.family.roles if role.heading is not None}
    return [
        h for h in page.parsed.headings if h.level > 1 and h.line not in titles and not profile.section_names(h.text)
    ]


def _sections(families: list[list[Page]], profile: Profile) -> list[SectionUse]:
    uses: dict[str, SectionUse] = {}
    for family in families:
        for name in set().union(*(page.family.all_section_names() for page in family)):
            uses.setdefault(name, SectionUse(name, 0)).families += 1
        for page in family:
            for heading in page.parsed.headings:
                for name in profile.section_names(heading.text):
                    uses.setdefault(name, SectionUse(name, 0)).headings[heading.text.strip(" :")] += 1
    return sorted((use for use in uses.values() if use.families), key=lambda use: (-use.families, use.name))


def _count(families: list[list[Page]], has) -> int:
    return sum(1 for family in families if any(has(page) for page in family))


def grade_levels(pages: list[Page], profile: Profile) -> list[LevelGrades]:
    """The grades stated for each level word of the titles: when few titles have one of the
    profile's level words, first the words the titles share, junior first; then the profile's, in
    its order (the first that matches a title wins)."""
    graded = [(role.title, grade) for page in pages for role in page.family.roles if (grade := role_grade(role))]
    known = {name: level["pattern"] for name, level in profile.grade_levels.items()}
    catch_all = {name for name, pattern in known.items() if re.fullmatch(pattern, "")}
    classified = [title for title, _ in graded if (profile.grade_range(title) or ("",))[0] not in {"", *catch_all}]
    found = _level_words(graded) if len(classified) < CLASSIFIED_SHARE * len(graded) else []
    known = {name: pattern for name, pattern in known.items() if name not in {level.name for level in found}}
    grades: dict[str, list[float]] = defaultdict(list)
    for title, grade in graded:
        level = next((level.name for level in found if re.search(level.pattern, title, re.IGNORECASE)), None)
        if level is None:  # a level word of the profile's, unless one found in the titles took its name
            level = (profile.grade_range(title) or (None,))[0]
            level = level if level in known else None
        if level is not None:
            grades[level].append(grade)
    levels = [LevelGrades(level.name, level.pattern, grades[level.name], True) for level in found]
    levels += [LevelGrades(name, pattern, grades[name]) for name, pattern in known.items() if name in grades]
    return [level for level in levels if len(level.grades) >= MIN_OBSERVATIONS]


def _level_words(graded: list[tuple[str, float]]) -> list[LevelGrades]:
    """Words that open or close titles of several families and carry nearly one grade ("II" in
    "Data Engineer II" and "QA Engineer II"), junior first."""
    by_word: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for title, grade in graded:
        words = re.sub(r"\([^()]*\)", "", title).split()
        if len(words) > 1:
            by_word[("first", words[0])].append((" ".join(words[1:]), grade))
            by_word[("last", words[-1])].append((" ".join(words[:-1]), grade))
    levels = []
    for (place, word), uses in by_word.items():
        grades = [grade for _, grade in uses]
        low, high = suggested_range(grades)
        if len(grades) >= MIN_OBSERVATIONS and len({rest for rest, _ in uses}) > 1 and high - low <= 1:
            pattern = rf"^{re.escape(word)}\b" if place == "first" else rf"\b{re.escape(word)}$"
            levels.append(LevelGrades(word.lower(), pattern, grades, True))
    return sorted(levels, key=lambda level: (median(level.grades), level.name))


def text_measures(pages: list[Page]) -> dict[str, list[float]]:
    """Each metric custom rules measure, on each page's paragraphs, list items and table cells, as
    a rule without sections counts them: for a rule that keeps new pages like most."""
    from jdlint.profile_rules import METRICS

    counted = [[block for block in page.parsed.blocks if block.kind in ("paragraph", "table")] for page in pages]
    measures = {name: [measure(blocks) for blocks in counted] for name, (measure, _) in METRICS.items()}
    return {name: sorted(value for value in values if value is not None) for name, values in measures.items()}
