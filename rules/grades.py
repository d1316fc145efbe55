"""JD3: job grades: stated, fitting the title's level, rising along the ladder, one per title."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jdlint.handbook import RoleEntry, grade_number, role_grade, stated_grades
from jdlint.rule import Context, Finding, Severity, rule
from jdlint.titles import title_work, without_qualifiers

if TYPE_CHECKING:  # the model is imported when a page is read, not to list the rules
    from jdlint.model import Page, Role


def _grade_text(grade: float) -> str:
    return f"{grade:g}"


def _range_text(low: float, high: float) -> str:
    return _grade_text(low) if low == high else f"{_grade_text(low)}–{_grade_text(high)}"


def _grade_line(role, grade: float) -> int:
    """The line of the sentence that states `grade` for `role`."""
    return next(statement.line for statement in role.grades if grade_number(statement.grade) == grade)


@rule("JD301", "missing-grade", Severity.WARNING)
def missing_grade(page: Page, context: Context) -> Iterator[Finding]:
    """A level whose grade statement names no grade.

    ## What it does
    Flags a level that has a "Job Grade" section or a grade sentence, but no number in it
    ("is a grade TBD", "is a [grade](…)"). A level with no Job Grade at all is reported by
    `missing-section` instead.

    ## Why is this bad?
    The grade sets the compensation band: a page without it cannot be used to hire.

    ## Example
    ```markdown
    The Staff Brand Designer is a grade TBD.
    ```

    ## Use instead
    ```markdown
    The Staff Brand Designer is a [grade 8](/handbook/total-rewards/compensation/#gitlab-job-grades).
    ```
    """
    for role in page.family.roles:
        has_section = any("Job Grade" in section.names for section in role.sections)
        if role_grade(role) is None and (role.grades or (has_section and not page.family.single_role)):
            line = role.grades[0].line if role.grades else role.line
            yield Finding(line, f'level "{role.title}" states no grade number', hint='write "is a grade N"')


@rule("JD302", "grade-level-mismatch", Severity.WARNING)
def grade_level_mismatch(page: Page, context: Context) -> Iterator[Finding]:
    """A grade outside the grades that titles of the same level word carry (off by default).

    ## What it does
    Looks up the title's level word (Senior Manager, Director, Staff, Associate …) in the
    profile's `grade-levels` table and flags a grade outside its range: a "Senior Manager" at
    grade 7, a "Director" at grade 9. A title without a level word ("Backend Engineer", or
    "Backend Engineer (Intermediate)") is the intermediate level, the table's last row. When the
    level's heading names no level word but its grade sentence names a title that does, the
    sentence's title is judged.

    The table shipped with jdlint is measured, not chosen: it is the unedited output of
    `scripts/measure_grades.py --toml` over GitLab's job families (the 2019-20 pages and today's
    Hugo pages). For each level word it holds the narrowest range of grades that covers 90% of
    the grades stated for titles with that word; a level seen fewer than three times is left out.
    So on GitLab's own handbook the other 10% are reported: grades that differ from what the
    handbook does elsewhere, for an editor to judge (a wrong grade, a wrong title, or a ladder
    that rightly differs, such as sales ICs a grade above their peers).

    Off by default in the `gitlab` profile (turn it on with `extend-select = ["JD302"]`): read
    blind, 1 of 18 of its findings on GitLab's pages was a wrong grade. The outliers of a table
    measured over a whole handbook are mostly families whose whole ladder sits a grade lower
    (Specialist 5, Senior 6, Lead 7) or manager titles with a word in front ("Senior Managing
    Editor"), not defects; a wrong grade within a family shows as a grade that falls or repeats
    along its levels (JD303) or as one title with two grades (JD304), which are on.

    "X Manager" is not a level word: the handbook names people managers "Manager, X" and function
    managers without reports "X Manager"; only "<X> Engineering Manager", engineering's name for a
    people manager, counts as one.

    ## Why is this bad?
    Either the title or the grade is wrong, and either way the offer will be.

    ## Example
    ```markdown
    The Senior Manager, Sales Systems is a grade 7.
    ```

    ## Use instead
    ```markdown
    The Senior Manager, Sales Systems is a grade 9.
    ```

    ## Options
    `[tool.jdlint.profile.grade-levels]`: level = { pattern, min, max }, patterns tried in order,
    the first match wins; a title that matches none is not checked. The key replaces the whole
    built-in table: to widen one level, copy the table from `jdlint/profile.toml` and change that
    level's `min` or `max`.

    A sentence that names two grades ("grade 8 or 9") fits when either grade, or one between
    them, is in the level's range.
    """
    levels = {context.handbook.key(role.title) for role in page.family.roles}
    for role in page.family.roles:
        for statement in role.grades:
            grade = grade_number(statement.grade)
            title = _judged_title(role.title, statement.subject, levels, context)
            level = context.profile.grade_range(title) if title else None
            if grade is None or level is None:
                continue
            name, low, high = level
            highest = grade_number(statement.highest) or grade
            if highest < low or grade > high:
                yield Finding(
                    statement.line,
                    f'"{title}" is grade {_range_text(grade, highest)}, but {name.replace("-", " ")} titles are '
                    f"grade {_range_text(low, high)}",
                    hint=f"correct the grade or the title; if this ladder rightly differs, widen grade-levels.{name} "
                    "in the profile",
                )


def _judged_title(heading: str, subject: str, levels: set[str], context: Context) -> str | None:
    """The title whose level a grade sentence is judged by: the level's own, unless that names no
    level word ("Compensation", "Leadership" above several levels) and the sentence names a title
    that does ("The Senior Manager, Rewards is a grade 9"). None when that title is another level
    of the page: it is judged there, and two grades for it are `grade-conflict`'s."""
    level_of, plain = context.profile.grade_range, context.profile.grade_range("Intermediate")
    named = re.sub(r"\s+(?:role|position|job)$", "", _subject(subject), flags=re.IGNORECASE)
    if named.islower() or level_of(heading) not in (None, plain) or level_of(named) in (None, plain):
        return heading
    return None if context.handbook.key(named) in levels else named


@rule("JD303", "grade-order", Severity.ERROR, cross_file=True)
def grade_order(page: Page, context: Context) -> Iterator[Finding]:
    """Grades that fall along a family's levels.

    ## What it does
    Levels are listed junior first, so each level's grade must be at least the grade of every
    earlier level of its track on the page. Flags a level whose grade is lower than an earlier
    one's. A page may hold several tracks, each judged alone:

    - individual contributors of one work, the title before any comma without its level words
      ("Security Analyst", "Senior Security Analyst, Trust"; not "Security Engineer");
    - people managers (a level of the profile's `people-manager-levels`) of one benchmark, or of
      a narrower one ("Manager, Brand Design Programs" climbs to "Director, Brand Design"; not
      "Manager, Brand Analytics"), never compared with individual contributors ("Principal Brand
      Designer" at 9 may come before "Manager, Brand Design" at 8);
    - a chief of staff serves an executive and is not a people-manager level: "Chief of Staff,
      Product" is not compared with "VP, Product".

    A sentence that names two grades ("grade 8 or 9") counts with the lowest.

    It also flags a level at the same grade as an earlier level of the same work whose level words
    differ ("Associate Account Executive", "Account Executive" and "Senior Account Executive" all
    grade 8): a higher level of the same title carries a higher grade. A title without a level word
    is the intermediate level; people managers are not compared this way.

    In a family split over files (a folder's `_index.md` with one page per level), a level page
    is compared with the levels the family places before it: by their front-matter `weight`,
    else by the order the family page links to them, else by their titles' level words (then
    only levels of the same work are compared: "Senior Engineer" with "Staff Engineer", not with
    "Manager, Support").

    ## Why is this bad?
    Either the levels are out of order, or a grade is wrong: readers take the order as the ladder.
    Two levels at one grade are one level with two names.

    ## Example
    Senior Analyst (grade 7), then Analyst (grade 6), then Senior Analyst (grade 7).

    ## Use instead
    List Analyst (6) before Senior Analyst (7).

    ## Options
    `[tool.jdlint.profile] people-manager-levels`: the `grade-levels` that manage people.
    """
    tracks: dict[tuple[str, str], tuple[float, str]] = {}  # track -> highest (grade, title) so far
    levels: dict[tuple[str, float], dict[object, str]] = defaultdict(dict)  # (work, grade) -> level -> title
    for role in page.family.roles:
        grade = role_grade(role)
        if grade is None:
            continue
        track = _track(role.title, context.profile)
        highest = max((best for other, best in tracks.items() if _one_ladder(track, other)), default=None)
        level, work = _level_and_work(role.title, context)
        twins = levels[(work, grade)]
        if highest and grade < highest[0]:
            yield Finding(
                _grade_line(role, grade),
                f'"{role.title}" is grade {_grade_text(grade)}, below "{highest[1]}" '
                f"(grade {_grade_text(highest[0])}) listed before it",
                hint="list levels junior first, or correct the grade",
            )
        elif track[0] == "individual" and twins and level not in twins:
            yield Finding(
                _grade_line(role, grade),
                f'"{role.title}" is grade {_grade_text(grade)}, the same as "{next(iter(twins.values()))}" '
                "listed before it, though their level words differ",
                hint="a higher level of the same work has a higher grade: correct the grade or the title",
            )
        twins.setdefault(level, role.title)
        tracks[track] = max(tracks.get(track, (grade, role.title)), (grade, role.title))
    yield from _falling_across_files(page, context)


def _falling_across_files(page: Page, context: Context) -> Iterator[Finding]:
    """A one-level page of a family split over files, graded below a level the family places
    before it (by weight, its list of levels or level words), on the same track. Placed by level
    words alone, a level is compared only with levels of its own work: the words say nothing of
    where an individual contributor stands beside a people manager."""
    bundle = context.handbook.bundles.get(context.path)
    place = bundle.places.get(context.path) if bundle else None
    if place is None or len(page.family.roles) != 1:
        return
    role = page.family.roles[0]
    grade = role_grade(role)
    if grade is None:
        return
    track = _track(role.title, context.profile)
    before = [
        level.roles[0]
        for level in bundle.levels
        if bundle.places.get(level.path, place) < place and len(level.roles) == 1 and level.roles[0].grade is not None
    ]
    rivals = [r for r in before if _one_ladder(track, _track(r.title, context.profile))]
    highest = max(rivals, key=lambda r: r.grade, default=None)
    if highest and grade < highest.grade:
        yield Finding(
            _grade_line(role, grade),
            f'"{role.title}" is grade {_grade_text(grade)}, below "{highest.title}" '
            f"(grade {_grade_text(highest.grade)}, {highest.path}), which comes before it by {bundle.order}",
            hint="correct the grade, or the order of the levels",
        )


def _level_and_work(title: str, context: Context) -> tuple[str | None, str]:
    """The title's level in the profile's grade table and the title without it ("Staff Solutions
    Architect" -> "staff", "solutions architect"). A title without a level word is the
    intermediate level: "Analyst" is "Analyst (Intermediate)"."""
    profile = context.profile
    level = profile.grade_range(title) or profile.grade_range("Intermediate")
    if level is None:
        return None, context.handbook.key(without_qualifiers(title))
    work = re.sub(profile.grade_levels[level[0]]["pattern"], " ", re.sub(r"\bSr\b\.?", "Senior", title), flags=re.I)
    return level[0], context.handbook.key(without_qualifiers(work))


def _one_ladder(track: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two tracks are one ladder: the same kind and work, where a manager's benchmark may
    narrow the other's (the "Manager, Field Enablement Programs" climbs to "Director, Field Enablement")."""
    if track[0] != other[0]:
        return False
    if track[0] == "individual":
        return track[1] == other[1]
    words, other_words = set(track[1].split()), set(other[1].split())
    return words <= other_words or other_words <= words


def _track(title: str, profile) -> tuple[str, str]:
    """The ladder a level climbs. People managers climb by benchmark ("Senior Director, Field
    Enablement" -> ("manager", "field enablement")); individual contributors by the work before
    any comma, whatever their specialty after it ("Staff Security Analyst, Trust" ->
    ("individual", "security analyst")), or by the words after it when none precede it ("Chief of
    Staff, Product" -> ("individual", "product"))."""
    if profile.is_people_manager(title):
        return "manager", title_work(title)
    return "individual", title_work(without_qualifiers(title).split(",")[0]) or title_work(title)


@rule("JD304", "grade-conflict", Severity.ERROR, cross_file=True)
def grade_conflict(page: Page, context: Context) -> Iterator[Finding]:
    """One title with different grades, on this page or across the handbook.

    ## What it does
    Compares each level's grade with every other level of the same title (after normalising
    spelling: "Sr."/"Senior", "&"/"and", "VP"/"Vice President" …) anywhere under the handbook
    root, and flags disagreement, naming where the other grade is stated. A sentence that names
    two grades ("grade 8 or 9") agrees with any grade from the lowest to the highest.

    On one page it also reads whom each grade sentence names: a level whose grade sentence names
    another level of the page ("The Director of Sales is a grade 11" under the Senior Director,
    while the Director is grade 10) gives that title a second grade. The other level is the one
    whose title the sentence names, or whose own grade sentence names the same title with the
    level words of its own title.

    ## Why is this bad?
    A title has one grade. Two pages that disagree leave recruiting and compensation to guess.

    ## Example
    `sales/a.md`: "The Manager, Field Enablement is a grade 8." and `sales/b.md`: "… is a grade 9."

    ## Use instead
    Make both pages state the same grade, or make the titles differ.
    """
    yield from _grades_of_other_levels(page, context)
    for role in page.family.roles:
        grades = stated_grades(role)
        if grades is None:
            continue
        grade, highest = grades
        others = [
            entry
            for entry in context.handbook.roles.get(context.handbook.key(role.title), ())
            if isinstance(entry, RoleEntry)
            and entry.grade is not None
            and ((entry.highest_grade or entry.grade) < grade or entry.grade > highest)
            and not (entry.path == context.path and entry.line == role.line)
        ]
        if others:
            other = others[0]
            yield Finding(
                _grade_line(role, grade),
                f'"{role.title}" is grade {_range_text(grade, highest)} here but grade '
                f"{_range_text(other.grade, other.highest_grade or other.grade)} at {other.path}:{other.line}",
                hint="one title, one grade",
            )


def _grades_of_other_levels(page: Page, context: Context) -> Iterator[Finding]:
    """Grade sentences under one level whose subject is another level of the page, with another
    grade. The levels a subject may name are looked up by title and by level word, not compared
    one by one: a page of many levels stays linear."""
    key, level_of = context.handbook.key, context.profile.grade_range
    grade_of = {id(role): role_grade(role) for role in page.family.roles}
    roles = [role for role in page.family.roles if grade_of[id(role)] is not None]
    position = {id(role): i for i, role in enumerate(roles)}
    by_title: dict[str, list[Role]] = defaultdict(list)
    by_level: dict[object, list[Role]] = defaultdict(list)
    for role in roles:
        by_title[key(role.title)].append(role)
        by_level[level_of(role.title)].append(role)
    for role in roles:
        for statement in role.grades:
            grade, subject = grade_number(statement.grade), _subject(statement.subject)
            if grade is None or not subject or subject.islower() or key(subject) == key(role.title):  # "This role"
                continue
            others = list(by_title.get(key(subject), ()))
            if level_of(subject) != level_of(role.title):
                others += [
                    o for o in by_level.get(level_of(subject), ()) if any(_names(s, subject, key) for s in o.grades)
                ]
            rivals = (o for o in others if o is not role and grade_of[id(o)] != grade)
            other = min(rivals, key=lambda o: position[id(o)], default=None)  # the first on the page
            if other is not None:
                yield Finding(
                    statement.line,
                    f'grade sentence under "{role.title}" gives "{subject}" grade {_grade_text(grade)}, '
                    f'but "{other.title}" is grade {_grade_text(grade_of[id(other)])} at line '
                    f"{_grade_line(other, grade_of[id(other)])}",
                    hint=f'name "{role.title}" in its grade sentence, or correct the grade',
                )


def _subject(text: str) -> str:
    return re.sub(r"^(?:the|this|that|our|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _names(statement, subject: str, key) -> bool:
    return key(_subject(statement.subject)) == key(subject)
