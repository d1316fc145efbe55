"""The index over every document under the handbook root: titles, grades and page URLs.

Cross-file rules ask it three things: which roles or families a title names
(`HandbookIndex.resolve_title`), which document a link points at (`resolve_link`), and what
title was probably meant when none matches (`suggest`). It is built from one small `Entry` per
document, which is what the cache stores, so a one-file run judges that file against the whole
handbook without parsing it all again.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jdlint.discover import HugoSite
from jdlint.families import FAMILY_PAGES, Bundle, assemble
from jdlint.fuzzy import closest, edit_distance, similar
from jdlint.profile import Profile
from jdlint.titles import (
    ABBREVIATION,
    abbreviation_of,
    expand_acronyms,
    is_level_only,
    names_level,
    normalise_title,
    without_qualifiers,
    without_restated_abbreviation,
)

if TYPE_CHECKING:
    from jdlint.model import Family, Page, Section
    from jdlint.parse import Link

_TYPO_MIN_LENGTH = 6  # letters of a page's name before one typo in it is told from another name
_FEW_CANDIDATES = 20  # titles a suggestion may compare without narrowing them further
# A handbook is a partial copy when more than this share of its reporting lines' and ladders' links
# to job pages lead to no page, and at least this many do (see HandbookIndex.is_partial).
PARTIAL_SHARE = 0.1
PARTIAL_LINKS = 5
# What a file's path has that its URL has not: the file type, and the name of a folder's own page
# ("index.html.md" of the 2019 layout, Hugo's "_index.md" and "index.md").
_PAGE_SUFFIX = re.compile(r"(?:(?:^|/)_?index)?(?:\.html)?(?:\.md|\.markdown)(?:\.erb)?$|(?:^|/)index\.html$|\.html$")


@dataclass(frozen=True, slots=True)
class RoleEntry:
    title: str
    path: str  # relative to the root, POSIX
    line: int
    grade: float | None
    family: str
    sections: tuple[str, ...] = ()  # the level's sections (Role.section_names)
    reports_to: bool = False  # it says whom it reports to
    highest_grade: float | None = None  # when the level's grade sentence names two ("grade 8 or 9")


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index keeps of one document: its titles and grades, and what the other pages of
    a family split over files need to know of it (see `jdlint.families`)."""

    path: str
    family: str
    family_line: int
    roles: tuple[RoleEntry, ...]
    is_job_family: bool = True
    sections: tuple[str, ...] = ()  # the family's own sections (Family.section_names)
    weight: float | None = None  # front-matter `weight`: a level's place in its family
    links: tuple[str, ...] = ()  # of a family page (`_index.md`): its link targets, in order
    has_requirements: bool = False  # it lists requirements
    requirements_met: tuple[str, ...] = ()  # the profile's required requirements among them
    aliases: tuple[str, ...] = ()  # other URLs of the page (Hugo's front-matter `aliases`), as written
    layout: str = ""  # front-matter `layout`: a job-family layout makes a page outside the job folder a job page
    # What its reports-to lines and career ladders name, as written: managers and next steps, and
    # the links they give. They tell which pages a change to another page may break.
    referred_titles: tuple[str, ...] = ()
    referred_links: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return asdict(self)

    def as_link_target(self) -> Entry:
        """What the index keeps of a page that is no job page: its URLs, no titles or grades."""
        return Entry(self.path, "", 0, (), is_job_family=False, aliases=self.aliases)

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        roles = tuple(RoleEntry(**{**role, "sections": tuple(role["sections"])}) for role in data["roles"])
        lists = {key: tuple(value) for key, value in data.items() if isinstance(value, list) and key != "roles"}
        return cls(**{**data, **lists, "roles": roles})


def grade_number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def stated_grades(role) -> tuple[float, float] | None:
    """(lowest, highest) grade of the level's first grade sentence with a number; the two are equal
    unless the sentence names two grades ("grade 8 or 9")."""
    statement = next((s for s in role.grades if grade_number(s.grade) is not None), None)
    if statement is None:
        return None
    lowest = grade_number(statement.grade)
    return lowest, grade_number(statement.highest) or lowest


def role_grade(role) -> float | None:
    """The level's grade: the lowest when its sentence names two, as a level is hired from there."""
    grades = stated_grades(role)
    return grades[0] if grades else None


def entry_for(page: Page, path: str, profile: Profile | None = None) -> Entry:
    """The page's entry; without `profile`, it records no required requirements."""
    family = page.family
    roles = tuple(
        RoleEntry(
            role.title,
            path,
            role.line,
            role_grade(role),
            family.title,
            tuple(sorted(role.section_names())),
            bool(role.reports_to),
            _highest_grade(role),
        )
        for role in family.roles
    )
    requirements = [block.text for section in _requirement_sections(page) for block in _blocks_under(section)]
    patterns = zip(profile.required_requirements, profile.policy_patterns["required-requirements"]) if profile else ()
    met = tuple(regex for regex, pattern in patterns if any(pattern.search(text) for text in requirements))
    is_family_page = PurePosixPath(path).name in FAMILY_PAGES
    return Entry(
        path,
        family.title,
        family.title_line,
        roles,
        family.is_job_family,
        tuple(sorted(family.section_names())),
        _weight(page.parsed.front_matter.get("weight")),
        tuple(link.href for block in page.parsed.blocks for link in block.inline.links) if is_family_page else (),
        any(text.strip() for text in requirements),
        met,
        _aliases(page.parsed.front_matter.get("aliases")),
        _layout(page.parsed.front_matter.get("layout")),
        *_references(family),
    )


def _references(family: Family) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(titles, link targets) the family's reporting lines and career ladders name, each once."""
    statements = family.all_reports_to()
    titles = [s.manager for s in statements if s.manager]
    links = [s.link for s in statements if s.link is not None]
    for statement in family.ladder:
        titles += [*statement.targets, *(link.text for link in statement.links)]
        links += statement.links
    return tuple(dict.fromkeys(titles)), tuple(dict.fromkeys(link.href for link in links))


def _requirement_sections(page: Page) -> list[Section]:
    family = page.family
    sections = [*family.sections, *(section for role in family.roles for section in role.sections)]
    return [section for section in sections if "Requirements" in section.names]


def _blocks_under(section: Section):
    yield from section.blocks
    for child in section.children:
        yield from _blocks_under(child)


def _weight(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _layout(value: object) -> str:
    return value if isinstance(value, str) else ""


def _aliases(value: object) -> tuple[str, ...]:
    """Front-matter `aliases`: one URL or a list of them; anything else names no URL."""
    values = value if isinstance(value, list) else [value]
    return tuple(alias for alias in values if isinstance(alias, str) and alias.strip())


def _highest_grade(role) -> float | None:
    """The highest grade of a level whose grade sentence names two ("grade 8 or 9"), else None."""
    grades = stated_grades(role)
    return grades[1] if grades and grades[1] != grades[0] else None


def url_path(path: str, site_roots: list[str]) -> str:
    """The URL path a document is published under: "job-families/sales/foo" (a folder's own page,
    "foo/_index.md", at the folder's)."""
    for root in sorted(site_roots, key=len, reverse=True):
        if path.startswith(root.strip("/") + "/"):
            path = path[len(root.strip("/")) + 1 :]
            break
    return _PAGE_SUFFIX.sub("", path)


@dataclass(frozen=True)
class LinkTarget:
    # "document" | "missing" (no page of the handbook) | "missing-anchor" (no heading of this
    # page) | "outside" (not a job page of this handbook)
    kind: str
    path: str = ""  # of the document, for "document"
    url: str = ""  # looked for and not found, for "missing"


@dataclass
class HandbookIndex:
    profile: Profile
    site: HugoSite = HugoSite()
    entries: dict[str, Entry] = field(default_factory=dict)
    roles: dict[str, list[RoleEntry]] = field(default_factory=dict)
    families: dict[str, list[Entry]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # a page's own URL -> its path
    aliases: dict[str, str] = field(default_factory=dict)  # its other URLs -> its path
    names: dict[str, list[str]] = field(default_factory=dict)  # last segment of a URL -> those paths
    bundles: dict[str, Bundle] = field(default_factory=dict)  # path -> the family split over files it is part of

    @classmethod
    def build(cls, entries: list[Entry], profile: Profile, site: HugoSite = HugoSite()) -> HandbookIndex:
        index = cls(profile, site)
        for entry in entries:
            index.entries[entry.path] = entry
            url = index.url_of_document(entry.path)
            index.urls[url] = entry.path
            index.names.setdefault(url.rpartition("/")[2], []).append(entry.path)
            if entry.family:
                index.families.setdefault(index.key(entry.family), []).append(entry)
            for role in entry.roles:
                index.roles.setdefault(index.key(role.title), []).append(role)
        for entry in entries:
            folder = index.url_of_document(entry.path.rpartition("/")[0] + "/")
            for alias in entry.aliases:
                index.aliases.setdefault(_joined(folder, alias), entry.path)
        index.bundles = assemble(entries, profile)
        return index

    def url_of_document(self, path: str) -> str:
        """The URL path (no slashes around it) the document at `path` (or the folder, with a
        trailing "/") is published under."""
        roots = [*self.profile.site_roots, self.site.content] if self.site.content else self.profile.site_roots
        return _joined(self.site.url_prefix, url_path(path, roots))

    def key(self, title: str) -> str:
        return normalise_title(title, self.profile.synonym_patterns)

    def resolve_title(self, name: str) -> list[RoleEntry | Entry]:
        """Roles and families that `name` names: its spellings ("A/B, C" as "A, C" or "B, C"; "Sales
        Director" as "Director, Sales"), the same words written apart or together ("Helpdesk"),
        or "<level>, <family>" for that family's level of that rank ("Director, Self-Service
        Growth" for the family's "Director, Online Sales & Self Service Growth"), or a title
        without its bracketed qualifier ("Senior Director, Legal" for "… (US)")."""
        return self._spelt(name) or self._level_of_family(name)

    def informal_title_message(self, what: str, name: str) -> tuple[str, str] | None:
        """(message, hint) for a name that means a title of the handbook only by its level and its
        family's title ("Director, Self Service Growth" for the level "Director, Online Sales &
        Self Service Growth" of the family "Self-Service Growth"); None for a title as written."""
        if self._spelt(name):
            return None
        titles = {self.key(role.title): role.title for role in self._level_of_family(name)}
        if len(titles) != 1:
            return None
        (title,) = titles.values()
        return f'{what} "{name}" is no title; the handbook calls it "{title}"', f'replace it with "{title}"'

    def _spelt(self, name: str) -> list[RoleEntry | Entry]:
        """The roles and families `name` names as written, up to spelling and abbreviations."""
        alternatives = _alternatives(name)
        for candidate in alternatives:
            found = self._titled(candidate)
            if found:
                return found
        # An abbreviation may stand for several titles ("CPO"): it names each that exists.
        written_out = [entry for candidate in self._written_out(alternatives) for entry in self._titled(candidate)]
        # A title may be named without its qualifier ("Senior Director, Legal" for "… (US)").
        return list(dict.fromkeys(written_out)) or self._qualified.get(self.key(name), [])

    def _titled(self, name: str) -> list[RoleEntry | Entry]:
        """The roles and families titled `name`, its words written apart or together."""
        key = self.key(name)
        found: list[RoleEntry | Entry] = [*self.roles.get(key, ()), *self.families.get(key, ())]
        return found or self._compact.get(key.replace(" ", ""), [])

    def _written_out(self, names: list[str]) -> list[str]:
        """`names` with their known abbreviations written out ("VP, FP&A" as "VP, Financial
        Planning and Analysis"; "CPO" as "Chief Product Officer" and as "Chief People Officer")."""
        known = self._abbreviations
        found = list(names)
        for abbreviation in {a for name in names for a in ABBREVIATION.findall(name) if a in known}:
            pattern = re.compile(rf"(?<![\w&]){re.escape(abbreviation)}(?![\w&])")
            found = [pattern.sub(words, name) for name in found for words in known[abbreviation]]
        return [name for name in found if name not in names]

    @cached_property
    def _abbreviations(self) -> dict[str, list[str]]:
        """Abbreviation -> the titles it stands for: the profile's, and each family's own (a "(XYZ)"
        in its title, or its initials), built on first use."""
        found = {abbreviation: list(words) for abbreviation, words in self.profile.abbreviations.items()}
        for entries in self.families.values():
            title = entries[0].family
            abbreviation = abbreviation_of(title)
            if abbreviation and without_restated_abbreviation(title) not in found.setdefault(abbreviation, []):
                found[abbreviation].append(without_restated_abbreviation(title))
        return found

    def misspelt_word(self, title: str, written: str) -> tuple[str, str] | None:
        """When `title` and `written` differ in one word, and the handbook writes `written`'s word
        in at least three times as many titles as `title`'s: (title's word, written's word), so
        the title is the misspelt one ("Anaylst" on one page, "Analyst" on dozens)."""
        ours, theirs = self.key(title).split(), self.key(written).split()
        if len(ours) != len(theirs):
            return None
        differ = [(a, b) for a, b in zip(ours, theirs) if a != b]
        if len(differ) != 1:
            return None
        word, meant = differ[0]
        return (word, meant) if self._title_words[meant] >= 3 * max(self._title_words[word], 1) else None

    @cached_property
    def _title_words(self) -> Counter[str]:
        """How many of the handbook's titles each word stands in, built on first use."""
        return Counter(word for key in self.roles for word in set(key.split()))

    @cached_property
    def _qualified(self) -> dict[str, list[RoleEntry]]:
        """The roles whose titles hold a bracketed qualifier, keyed without it, built on first use."""
        qualified: dict[str, list[RoleEntry]] = {}
        for roles in self.roles.values():
            for role in roles:
                bare = without_qualifiers(role.title)
                if bare != role.title.strip():
                    qualified.setdefault(self.key(bare), []).append(role)
        return qualified

    @cached_property
    def _compact(self) -> dict[str, list[RoleEntry | Entry]]:
        """Titles keyed without spaces, built on first use."""
        compact: dict[str, list[RoleEntry | Entry]] = {}
        for key, roles in self.roles.items():
            compact.setdefault(key.replace(" ", ""), []).extend(roles)
        for key, entries in self.families.items():
            compact.setdefault(key.replace(" ", ""), []).extend(entries)
        return compact

    def _level_of_family(self, name: str) -> list[RoleEntry | Entry]:
        level, _, family = name.partition(",")
        if not family.strip() or not is_level_only(level):
            return []
        rank = self._level(level)
        return [
            role
            for entry in self.families.get(self.key(family), ())
            for role in entry.roles
            if rank and self._level(role.title) == rank
        ]

    def names_role(self, name: str, title: str) -> bool:
        """Whether `name`, a title as prose writes it ("Senior Analyst", "Country Manager"), means
        the role `title`: its words at the same level ("Manager, Deal Desk" is not "Senior Manager,
        Deal Desk"), or the title's words in another order ("Absence Management Manager"), an
        abbreviation in one written out in the other's words ("UX" beside "User Experience")."""
        if self._same_words(name, title):
            return True
        if (ABBREVIATION.search(name) or ABBREVIATION.search(title)) and self._same_words(
            expand_acronyms(name, title), expand_acronyms(title, name)
        ):
            return True
        return names_level(name, title) and self._level(name) == self._level(title)

    def _same_words(self, name: str, title: str) -> bool:
        return sorted(self.key(name).split()) == sorted(self.key(title).split())

    def names_something(self, name: str, page_titles: list[str]) -> bool:
        """Whether `name` is a title in the handbook, a level of this page, a top title, or only
        a level ("a Senior Manager", "Director-level"), which is vague but names no missing role."""
        return bool(
            is_level_only(name)
            or self.resolve_title(name)
            or any(self.key(name) == self.key(title) for title in page_titles)
            or self.profile.is_top_title(name)
        )

    def is_unknown(self, name: str, page_titles: list[str]) -> bool:
        """A title to report as naming nothing; a template placeholder ("Director, Title") is
        reported as a placeholder instead, once. In a partial copy of a handbook only a title close
        to one it has is: any other may be on a page the copy lacks."""
        if self.names_something(name, page_titles) or self.profile.placeholder_pattern.search(name):
            return False
        return not self.is_partial or self.suggest(name) is not None

    @cached_property
    def is_partial(self) -> bool:
        """Whether the pages under the root are a partial copy of a handbook: of the links that its
        reporting lines and career ladders give to its job pages, more than PARTIAL_SHARE lead to no
        page (at least PARTIAL_LINKS of them). In a whole handbook such links break one at a time."""
        kinds = [self.resolve_link(href, entry.path).kind for entry in self.entries.values() for href in entry.referred_links]
        missing = kinds.count("missing")
        return missing >= PARTIAL_LINKS and missing > PARTIAL_SHARE * (missing + kinds.count("document"))

    def unknown_title_message(self, what: str, name: str) -> tuple[str, str]:
        """(message, hint) for a title that names nothing, with a "did you mean" when one is close.
        When the close title is the one misspelt ("Adminstrator" where the handbook mostly writes
        "Administrator"), the message says so instead of proposing the misspelling."""
        suggestion = self.suggest(name)
        message = f'{what} "{name}" is not a title in the handbook'
        if not suggestion:
            return message, "name an existing job family or level, or link to its page"
        misspelt = self._misspellings(suggestion, name)
        if misspelt:
            where = self.resolve_title(suggestion)[0]
            line = where.line if isinstance(where, RoleEntry) else where.family_line
            words = ", ".join(f'"{wrong}" for "{right}"' for wrong, right in misspelt)
            return (
                f'{message}; it means "{suggestion}" ({where.path}:{line}), whose title writes {words}',
                f'correct the title "{suggestion}" where it is defined',
            )
        shown = _without_article(suggestion)  # the sentence has its own ("reports to the …")
        return f'{message}; did you mean "{shown}"?', f'replace it with "{shown}"'

    def replacement_title(self, name: str, among: list[str] | None = None) -> str | None:
        """The title to write instead of `name` (of `among`, when given), as the "did you mean" of
        `unknown_title_message` proposes it; None when there is none, or when the close title is the
        misspelt one ("Anaylst" where the handbook writes "Analyst"). A title that a page writes
        with its article ("The Senior Audit Manager") is written without it: in the text the name
        replaces, the sentence has its own ("reports to the …")."""
        suggestion = self.suggest(name, among)
        if not suggestion or self._misspellings(suggestion, name):
            return None
        return _without_article(suggestion)

    def _misspellings(self, title: str, name: str) -> list[tuple[str, str]]:
        """(word of `title`, word of `name`) for each word the two spell differently, when the
        handbook's titles use the name's spelling more often: then the title is the misspelt one.
        [] when the title's spellings are as common."""
        title_words = [w for w in re.findall(r"[\w'’-]+", title) if self.key(w) not in self.key(name).split()]
        name_words = [w for w in re.findall(r"[\w'’-]+", name) if self.key(w) not in self.key(title).split()]
        used = self._titles_by_word
        pairs = []
        for wrong in title_words:
            right = min(name_words, key=lambda word: edit_distance(word.lower(), wrong.lower()), default="")
            if not right or edit_distance(right.lower(), wrong.lower()) > 2:
                return []
            if len(used.get(self.key(right), ())) <= len(used.get(self.key(wrong), ())):
                return []
            pairs.append((wrong, right))
        return pairs

    def grade_of(self, name: str) -> float | None:
        grades = [r.grade for r in self.resolve_title(name) if isinstance(r, RoleEntry) and r.grade]
        return max(grades) if grades else None

    def suggest(self, name: str, among: list[str] | None = None) -> str | None:
        """The closest known title of the same level (of `among`, when given: titles as written),
        for a "did you mean"; None when none is close. Looked for once per name and `among`: a
        rule asks up to three times for the same name, and the pages of a handbook name the
        same unknown titles again and again."""
        asked = (name, None if among is None else tuple(among))
        suggestions = self._suggestions
        if asked not in suggestions:
            suggestions[asked] = self._closest_title(name, among)
        return suggestions[asked]

    @cached_property
    def _suggestions(self) -> dict[tuple[str, tuple[str, ...] | None], str | None]:
        return {}

    def _closest_title(self, name: str, among: list[str] | None) -> str | None:
        key = self.key(name)
        if among is None:
            titles, candidates, level_of = self._titles, self._candidates(key), self._level_of_key
        else:
            titles = {self.key(title): title for title in among}
            candidates, level_of = list(titles), lambda k: self._level(titles[k])
        level = self._level(name)
        same_level = [k for k in candidates if level_of(k) == level]
        # A misspelt level word ("Manger") hides the level: then only a very close title will do.
        match = closest(key, same_level, 84) or closest(key, candidates, 92)
        return titles[match] if match and not _swaps_a_word(key, match) else None

    def _candidates(self, key: str) -> list[str]:
        """The known titles (keys, in the index's order) that share the rarest known words of
        `key`: those sharing the rarest, narrowed by the next rarest while more than a few remain
        and some still share it. A title close enough to suggest shares most of its words, so a
        suggestion compares a few titles, not a share of the whole handbook."""
        by_word = self._titles_by_word
        known = sorted((len(by_word[word]), word) for word in set(key.split()) if word in by_word)
        found: set[str] = set()
        for _, word in known:
            narrowed = found & by_word[word] if found else by_word[word]
            if narrowed:
                found = narrowed
            if len(found) <= _FEW_CANDIDATES:
                break
        return sorted(found, key=self._title_order.__getitem__)

    @cached_property
    def _titles(self) -> dict[str, str]:
        """Every known title, key -> title as the handbook writes it most often (the first of the
        most used spellings); built on the first miss."""
        titles = [r.title for roles in self.roles.values() for r in roles]
        titles += [e.family for entries in self.families.values() for e in entries]
        spellings: dict[str, Counter[str]] = {}
        for title in titles:
            spellings.setdefault(self.key(title), Counter())[title] += 1
        return {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}

    @cached_property
    def _title_order(self) -> dict[str, int]:
        return {key: position for position, key in enumerate(self._titles)}

    @cached_property
    def _titles_by_word(self) -> dict[str, set[str]]:
        by_word: dict[str, set[str]] = {}
        for key in self._titles:
            for word in key.split():
                by_word.setdefault(word, set()).add(key)
        return by_word

    @cached_property
    def _url_sections(self) -> frozenset[str]:
        """The first folders of the handbook's page URLs ("job-families"): a link elsewhere leads
        out of the job pages, it is not a broken one. Built once, on the first link."""
        return frozenset(url.split("/")[0] for url in self.urls)

    def _level_of_key(self, key: str) -> str:
        """The level word of a known title, worked out once per title."""
        levels = self._levels
        if key not in levels:
            levels[key] = self._level(self._titles[key])
        return levels[key]

    @cached_property
    def _levels(self) -> dict[str, str]:
        return {}

    def _level(self, title: str) -> str:
        found = self.profile.grade_range(title)
        return found[0] if found else ""

    def resolve_link(self, href: str, from_path: str, anchors: Collection[str] = ()) -> LinkTarget:
        """What `href`, written on the page at `from_path` whose heading anchors are `anchors`,
        points at: a URL, or a Hugo ref or relref shortcode."""
        from jdlint.parse import hugo_ref_target  # loaded with the page that has the link

        ref = hugo_ref_target(href)
        if ref is not None:
            return self._resolve_ref(ref, from_path, anchors)
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            base = f"{parts.scheme}://{parts.netloc}"
            if base.rstrip("/") not in [u.rstrip("/") for u in self.profile.base_urls]:
                return LinkTarget("outside")
        elif parts.scheme or parts.netloc:
            return LinkTarget("outside")
        if not parts.path:
            return _in_page(parts.fragment, from_path, anchors)
        here = "" if parts.path.startswith("/") else self._link_base(from_path, parts.path)
        target = _PAGE_SUFFIX.sub("", _joined(here, parts.path))
        found = self.urls.get(target) or self.aliases.get(target)
        return LinkTarget("document", found) if found else self._not_found(target)

    def _link_base(self, from_path: str, path: str) -> str:
        """Where a relative link of the page at `from_path` starts: a file's path ("level-ii.md",
        "../benefits.md") from the page's folder, as on GitHub; a URL ("../bar/") from the page's
        URL, a folder ("…/foo/"), as the site serves it."""
        return self._folder_url(from_path) if _links_a_file(path) else self.url_of_document(from_path)

    def _folder_url(self, path: str) -> str:
        """The URL of the folder the document at `path` lies in."""
        return self.url_of_document(path.rpartition("/")[0] + "/")

    def _resolve_ref(self, ref: str, from_path: str, anchors: Collection[str]) -> LinkTarget:
        """What a Hugo ref names: a content path, absolute or relative to the page's folder, then
        from the site's top, else a page's name ("senior", "senior.md") wherever it is, if only one
        page has it. Hugo resolves by files, so an alias is no ref's target."""
        path, _, fragment = ref.strip().partition("#")
        if not path:
            return _in_page(fragment, from_path, anchors)
        path = _PAGE_SUFFIX.sub("", path) or ("/" if path.startswith("/") else ".")  # "_index.md": its folder
        folder = self._folder_url(from_path)
        tried = [_joined("", path)] if path.startswith("/") else [_joined(folder, path), _joined("", path)]
        found = next((self.urls[url] for url in tried if url in self.urls), None)
        if found is None and "/" not in path:
            named = self.names.get(path, [])
            found = named[0] if len(named) == 1 else None
            if found is None and not self.site.content:  # pages outside the root may have this name
                return LinkTarget("outside")
        return LinkTarget("document", found) if found else self._not_found(tried[0])

    def _not_found(self, url: str) -> LinkTarget:
        """A URL no page has: broken when it lies among the handbook's job pages."""
        return LinkTarget("missing", url=url) if url.split("/")[0] in self._url_sections else LinkTarget("outside")

    def broken_link(self, what: str, link: Link, from_path: str, anchors: Collection[str]) -> tuple[str, str] | None:
        """(message, hint) when `link`, the link of `what` ('next step "Sales"'), leads to no page
        of the handbook or no heading of its own page; None when it leads somewhere."""
        return self.link_problem(what, link, self.resolve_link(link.href, from_path, anchors), from_path)

    def link_problem(self, what: str, link: Link, target: LinkTarget, from_path: str = "") -> tuple[str, str] | None:
        """(message, hint) of `broken_link`, for a link already resolved to `target`, written on
        the page at `from_path` (never the page it suggests)."""
        if target.kind == "missing-anchor":
            return f"{what} links to {link.href}, which is no heading of this page", "fix the anchor or add the heading"
        if target.kind != "missing":
            return None
        message = f"{what} links to {link.href}, which is no page of the handbook"
        meant = self.suggest_url(target.url)
        if meant is not None and from_path and meant == self.url_of_document(from_path):
            meant = None
        if meant is None:
            return None if self.is_partial else (message, "fix the link target")
        target_text = self._as_written(meant, link.href, from_path)
        return f"{message}; did you mean {target_text}?", f"link to {target_text}"

    def _as_written(self, url: str, href: str, from_path: str) -> str:
        """The page at `url` as the link would name it: a file's path from the linking page's
        folder when it links a file ("../benefits.md"), else the site path ("/careers/benefits/")."""
        path = self.urls.get(url)
        if path and from_path and _links_a_file(urlsplit(href).path):
            return posixpath.relpath(path, posixpath.dirname(from_path))
        return f"/{url}/"

    def suggest_url(self, url: str) -> str | None:
        """The page a broken URL probably meant: the only page of the same name elsewhere (a page
        moved to another folder), else a page of the same folder whose name differs by a typo;
        None when none is close."""
        folder, _, name = url.rpartition("/")
        moved = self.names.get(name, [])
        if len(moved) == 1:
            return self.url_of_document(moved[0])
        if len(name) < _TYPO_MIN_LENGTH:  # "a" and "b" differ by one letter, but by no typo
            return None
        siblings = {u.rpartition("/")[2]: u for u in self.urls if u.rpartition("/")[0] == folder}
        match = closest(name, siblings, 85)
        return siblings[match] if match else None

    def linked_entries(self, href: str, from_path: str) -> list[Entry]:
        """The entry of the other document of the handbook that `href` leads to: one or none."""
        target = self.resolve_link(href, from_path)
        return [self.entries[target.path]] if target.kind == "document" and target.path != from_path else []


def _links_a_file(path: str) -> bool:
    """Whether a link's path names a Markdown file ("../benefits.md"), not a page's URL ("…/foo/",
    "index.html")."""
    return bool(_PAGE_SUFFIX.search(path)) and not path.endswith(".html")


def _in_page(fragment: str, from_path: str, anchors: Collection[str]) -> LinkTarget:
    """A link to "#fragment", a heading of the page itself."""
    return LinkTarget("document", from_path) if fragment in anchors else LinkTarget("missing-anchor")


def _joined(base: str, path: str) -> str:
    """URL path `path` read from folder `base` ("" for the site's top), without slashes around
    it: "job-families/sales" and "../marketing/x/" give "job-families/marketing/x"."""
    segments: list[str] = []
    for segment in ([] if path.startswith("/") else base.split("/")) + path.split("/"):
        if segment == "..":
            segments = segments[:-1]
        elif segment not in ("", "."):
            segments.append(segment)
    return "/".join(segments)


def _swaps_a_word(key: str, other: str) -> bool:
    """Whether `other` puts another word in place of one of `key`'s ("Protect Engineering Manager"
    for "Frontend Engineering Manager", "CEO" for "CFO"), rather than spelling it otherwise or
    adding or dropping words: a different role, however close the letters."""
    missing = set(key.split()) - set(other.split())
    added = set(other.split()) - set(key.split())
    return bool(missing) and any(not any(similar(word, new, 75) for word in missing) for new in added)


_TRAILING_LEVEL = re.compile(
    r"^(?P<benchmark>.+?)\s+(?P<level>(?:senior\s+|sr\.?\s+)?(?:director|manager|vice\s+president|vp))$", re.I
)


def _without_article(title: str) -> str:
    """ "The Senior Audit Manager" -> "Senior Audit Manager": a title some page writes with its article."""
    return re.sub(r"^the\s+", "", title, flags=re.IGNORECASE)


def _alternatives(name: str) -> list[str]:
    """Spellings of one title: "A/B, C" is "A, C" or "B, C"; "Sales Director" is "Director, Sales"."""
    names = [name]
    split = re.match(r"^([^,/]+)/([^,]+)(,.*)$", name)
    if split:
        names += [split[1] + split[3], split[2] + split[3]]
    trailing = _TRAILING_LEVEL.match(name)
    if trailing:
        names.append(f"{trailing['level']}, {trailing['benchmark']}")
    return names
