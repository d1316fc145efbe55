"""jdlint.fuzzy against rapidfuzz, which it replaced: the same suggestions, the same distances."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from jdlint.fuzzy import closest, edit_distance, similar, within_two_edits

# Few letters, so that generated strings share many; a space and a letter outside ASCII too.
_WORDS = st.text("abcr é", max_size=40)


@given(_WORDS, st.lists(_WORDS, max_size=8), st.sampled_from([0, 50, 75, 84, 85, 92, 100]))
@settings(max_examples=500, deadline=None)
@example("a" * 21 + "bbbb", ["a" * 21 + "cccc"], 84)  # a ratio of exactly 84: at the cutoff is close enough
@example("a" * 23 + "bb", ["a" * 23 + "cc", "a" * 23 + "dd"], 92)  # two equal: the first
@example("", [""], 84)
def test_the_closest_choice_is_rapidfuzzs(query, choices, cutoff):
    theirs = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    assert closest(query, choices, cutoff) == (theirs[0] if theirs else None)


@given(_WORDS, _WORDS, st.sampled_from([0, 75, 84, 100]))
@settings(max_examples=300, deadline=None)
@example("abcd", "abce", 75)  # exactly 75
def test_similar_is_a_ratio_at_least_the_cutoff(a, b, cutoff):
    assert similar(a, b, cutoff) == (fuzz.ratio(a, b) >= cutoff)


def test_a_long_title_is_compared_past_a_machine_words_letters():
    title = "senior manager, " * 8 + "field marketing"
    assert closest(title.replace("field", "feild"), [title, title + " emea"], 92) == title


@given(st.text("abcr", max_size=14), st.text("abcr", max_size=14))
@settings(max_examples=300, deadline=None)
def test_edit_distance_is_levenshteins(a, b):
    assert edit_distance(a, b) == Levenshtein.distance(a, b)
    assert within_two_edits(a, b) == (Levenshtein.distance(a, b) <= 2)
