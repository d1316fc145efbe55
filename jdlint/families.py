"""Families that span files: a folder's family page (`_index.md`, or a leaf bundle's `index.md`)
with the level pages beside it (`associate.md`, `senior.md`, `manager.md`), as today's handbook
keeps them.

Pages are modelled one at a time; this step, above them, groups the index entries of one folder
into a `Bundle`, so that a rule judging one level page sees the family page and the other levels
as the index knows them (from the cache, in the pre-commit case) without reading them again. A
folder is one family only when its family page is a job-family page itself: a folder page that
only introduces the separate families under it leaves them families of their own.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jdlint.handbook import Entry, RoleEntry
    from jdlint.model import Page
    from jdlint.profile import Profile

FAMILY_PAGES = ("_index.md", "index.md")
LEVEL_WORDS = "level words"  # the order of levels when the family gives none: their titles' level words


class Bundle:
    """One family kept as a folder. A plain class: a run served from the cache imports this
    module, and a dataclass costs its creation at import."""

    __slots__ = ("family_page", "levels", "places", "order")

    def __init__(self, family_page: Entry, levels: tuple[Entry, ...], places: dict[str, tuple], order: str) -> None:
        self.family_page = family_page
        self.levels = levels  # the level pages, those the family places first, junior first
        self.places = places  # path -> the level's place on the family's ladder; equal places tie
        self.order = order  # how the family states that place, for messages

    @property
    def pages(self) -> tuple[Entry, ...]:
        return (self.family_page, *self.levels)

    def others(self, path: str) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.pages if entry.path != path)

    def is_family_page(self, path: str) -> bool:
        return self.family_page.path == path

    def level_roles(self) -> list[RoleEntry]:
        """The family's levels, file by file in the family's order; a family page that describes
        no level of its own (it is its one role) adds none."""
        page = self.family_page
        own = [r for r in page.roles if (r.title, r.line) != (page.family, page.family_line)]
        return [*own, *(role for entry in self.levels for role in entry.roles)]

    def titles(self) -> list[str]:
        """Every title of the family: its pages' and their levels'."""
        return [title for entry in self.pages for title in (entry.family, *(role.title for role in entry.roles))]


def assemble(entries: list[Entry], profile: Profile) -> dict[str, Bundle]:
    """The bundle of each page that belongs to one, by path."""
    folders: dict[PurePosixPath, list[Entry]] = {}
    for entry in entries:
        folders.setdefault(PurePosixPath(entry.path).parent, []).append(entry)
    bundles: dict[str, Bundle] = {}
    for pages in folders.values():
        family_page = next((e for e in pages if PurePosixPath(e.path).name in FAMILY_PAGES), None)
        levels = [e for e in pages if e is not family_page and e.is_job_family]
        if family_page is None or not family_page.is_job_family or not levels:
            continue
        places, order = _places(levels, family_page, profile)
        levels.sort(key=lambda e: (e.path not in places, places.get(e.path, ()), e.path))
        bundle = Bundle(family_page, tuple(levels), places, order)
        for entry in bundle.pages:
            bundles[entry.path] = bundle
    return bundles


def page_sections(entry: Entry) -> set[str]:
    """The sections a page has for all it describes: its family's, and those every level has."""
    shared = set.intersection(*(set(role.sections) for role in entry.roles)) if entry.roles else set()
    return set(entry.sections) | shared


def _places(levels: list[Entry], family_page: Entry, profile: Profile) -> tuple[dict[str, tuple], str]:
    """Each level's place in the order the family gives: their front-matter `weight`, else the
    family page's links to them (its list of levels), else their titles' level words. A level
    the chosen order does not place has no place: where it stands is unknown."""
    ranks = {e.path: rank for e in levels if (rank := _level_rank(e, profile)) is not None}
    weights = {e.path: (e.weight,) for e in levels if e.weight is not None}
    if len(weights) > 1:
        return _junior_first(weights, ranks), "front-matter weight"
    listed = {e.path: (position,) for e in levels if (position := _listed_at(family_page, e)) is not None}
    if len(listed) > 1:
        return _junior_first(listed, ranks), f"the list of levels in {PurePosixPath(family_page.path).name}"
    return ranks, LEVEL_WORDS


def _junior_first(places: dict[str, tuple], ranks: dict[str, tuple]) -> dict[str, tuple]:
    """`places` read junior first: turned round when the level words of the levels it places
    mostly run the other way (a family that lists its most senior level first)."""
    ranked = [(places[path], rank) for path, rank in ranks.items() if path in places]
    pairs = [(a, b) for a in ranked for b in ranked if a[0] < b[0] and a[1] != b[1]]
    falling = sum(1 for a, b in pairs if a[1] > b[1])
    if falling * 2 <= len(pairs):
        return places
    return {path: tuple(-value for value in place) for path, place in places.items()}


def _listed_at(family_page: Entry, level: Entry) -> int | None:
    """The position of the family page's first link to `level`'s page, if it links to it."""
    from jdlint.parse import hugo_ref_target  # the parser is imported when a page is read

    stem = PurePosixPath(level.path).name.split(".")[0]
    for position, href in enumerate(family_page.links):
        target = (hugo_ref_target(href) or href).split("#")[0].split("?")[0].rstrip("/")
        if target and target.rsplit("/", 1)[-1].split(".")[0] == stem:
            return position
    return None


def _level_rank(entry: Entry, profile: Profile) -> tuple[float, float] | None:
    """Where a one-level page's level word places it (its grade range); None without one."""
    if len(entry.roles) != 1:
        return None
    found = profile.grade_range(entry.roles[0].title)
    return (found[1], found[2]) if found else None


def describe(bundle: Bundle, pages: dict[str, Page]) -> str:
    """`jdlint model` of a family split over files: the family once, then what each of its files
    holds (`pages` by the paths of the bundle's entries), levels in the family's order."""
    from jdlint.model import describe as describe_page

    family = bundle.family_page
    out = [
        f"family: {family.family!r} ({family.path}:{family.family_line}), split over {len(bundle.pages)} files",
        f"levels ({'by ' + bundle.order if bundle.places else 'order unknown'}):",
        *(f"  - {role.title!r} ({role.path}:{role.line})" for role in bundle.level_roles()),
    ]
    for entry in bundle.pages:
        out += ["", describe_page(pages[entry.path])]
    return "\n".join(out)
