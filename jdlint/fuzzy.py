"""How alike two strings are: for a "did you mean" (a title, a page, a section heading).

Two measures, both counted in Python on short strings (a title, a word, a page's name):

- the ratio, the share of two strings' letters they have in common in order: 100 × 2 × (length
  of their longest common subsequence) / (their lengths added), rapidfuzz's `fuzz.ratio`. The
  subsequence is counted a whole machine word at a time (Hyyrö's bit-parallel algorithm), so a
  title is compared with a hundred others in well under a millisecond.
- `edit_distance`, the Levenshtein distance: letters inserted, deleted or changed.

They replace rapidfuzz, whose import cost a run that suggests anything about 10 ms, more than
all its comparisons; tests/test_fuzzy.py holds them equal to rapidfuzz's on generated strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def closest(query: str, choices: Iterable[str], cutoff: int) -> str | None:
    """The choice most like `query` (of the highest ratio), when its ratio is at least `cutoff`;
    the first of equals."""
    best, best_score = None, (cutoff, 100)
    for choice in choices:
        score = _score(query, choice)
        if _at_least(score, best_score) and (best is None or not _at_least(best_score, score)):
            best, best_score = choice, score
    return best


def similar(a: str, b: str, cutoff: int) -> bool:
    """Whether the ratio of `a` and `b` is at least `cutoff`."""
    return _at_least(_score(a, b), (cutoff, 100))


def _score(a: str, b: str) -> tuple[int, int]:
    """The ratio as a fraction (numerator, denominator), compared exactly: no float rounding
    decides whether a title is close enough."""
    total = len(a) + len(b)
    return (2 * _common_subsequence(a, b), total) if total else (1, 1)


def _at_least(score: tuple[int, int], other: tuple[int, int]) -> bool:
    return score[0] * other[1] >= other[0] * score[1]


def _common_subsequence(a: str, b: str) -> int:
    """The length of the longest common subsequence of `a` and `b` (Hyyrö 2004: a bit of `row`
    per letter of `a`, cleared where the subsequence so far takes that letter)."""
    if len(b) > len(a):
        a, b = b, a
    positions: dict[str, int] = {}
    for index, letter in enumerate(a):
        positions[letter] = positions.get(letter, 0) | 1 << index
    row = (1 << len(a)) - 1
    for letter in b:
        taken = row & positions.get(letter, 0)
        row = (row + taken) | (row - taken)
    return len(a) - (row & ((1 << len(a)) - 1)).bit_count()


def edit_distance(a: str, b: str) -> int:
    """The Levenshtein distance between `a` and `b`."""
    *_, last = _distance_rows(a, b)
    return last[-1]


def within_two_edits(a: str, b: str) -> bool:
    """Whether `edit_distance(a, b) <= 2`, given up as soon as every way is past it."""
    if abs(len(a) - len(b)) > 2:
        return False
    for row in _distance_rows(a, b):
        if min(row) > 2:
            return False
    return row[-1] <= 2


def _distance_rows(a: str, b: str) -> Iterator[list[int]]:
    """The rows of the edit distances of `a`'s prefixes to `b`'s (Wagner-Fischer), one per letter
    of `a` after the first row."""
    previous = list(range(len(b) + 1))
    yield previous
    for i, letter in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)))
        yield current
        previous = current
