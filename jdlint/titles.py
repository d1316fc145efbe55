"""Job titles compared the way people read them, not the way they are spelled.

"VP, Online Sales & Self-Service", "Vice President Online Sales and Self Service" and
"vp online sales and self service job family" are one title: `normalise_title` maps them to the
same key. `names_level` decides whether a short name in prose ("the Manager", "Senior TAM")
refers to a given title.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SYNONYMS = (
    (r"&", " and "),
    (r"\bself[\s-]+service\b", "self service"),
    (r"\bsr\b\.?", "senior"),
    (r"\bjr\b\.?", "junior"),
    (r"\bvp\b", "vice president"),
    (r"\bsvp\b", "senior vice president"),
    (r"\bevp\b", "executive vice president"),
    (r"\bmgr\b\.?", "manager"),
    (r"\bdir\b\.?", "director"),
    (r"\bintermediate\b", " "),
    (r"\b(?:job\s+family|roles)\s*$", " "),
)
_COMPILED = [(re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in _SYNONYMS]
# A parenthesised qualifier (one level of brackets inside), with the space before it. Matched from
# the start of a space run and never past the next bracket: in a title of many unclosed "(" or
# long runs of spaces, each is searched once, not to the end of the title from every character.
_PARENTHESES = re.compile(r"(?<!\s)\s*\((?:[^()]|\([^()]*\))*\)")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SMALL_WORDS = re.compile(r"\b(?:the|of|for|a|an)\b")
# Titles recur: a run asks for the key of each title thousands of times (every reports-to line,
# every index lookup). The key depends only on the arguments, so it is remembered; bounded, as a
# language server lives long, and small, as most asks come again within a page or the next few:
# 65,536 remembered spared 2,300 of 140,000 computations more than 8,192 at the bench's 1,000
# documents, and held 38 MB more at its 5,000 (in each process).
_REMEMBERED_TITLES = 1 << 13


@lru_cache(maxsize=_REMEMBERED_TITLES)
def normalise_title(title: str, extra: tuple[tuple[re.Pattern[str], str], ...] = ()) -> str:
    """A comparison key: case, punctuation, '&'/'and', abbreviations and 'Job Family' folded.
    `extra` is the profile's synonyms (compiled patterns compare by their regex and flags)."""
    text = without_restated_abbreviation(title).lower()
    for pattern, replacement in (*_COMPILED, *extra):
        text = pattern.sub(replacement, text)
    text = _PUNCTUATION.sub(" ", text)
    text = _SMALL_WORDS.sub(" ", text)
    return " ".join(_singular(word) for word in text.split())


def _singular(word: str) -> str:
    """ "architects" -> "architect", so that a title's plural and singular spellings agree."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


@lru_cache(maxsize=_REMEMBERED_TITLES)
def names_level(name: str, title: str) -> bool:
    """Whether `name` ("Manager", "Senior TAM", "Intermediate") can mean the level titled `title`.

    True when every word of `name` is a word of the title, in any order ("CSM (Associate)" names
    "Associate Customer Success Manager"); an upper-case abbreviation in either may stand for the
    other's words it abbreviates ("TAM" for "Technical Account Manager", "FP&A" for "Financial
    Planning and Analysis").
    """
    name_words = set(normalise_title(expand_acronyms(name, title)).split())
    if not name_words:
        return "intermediate" in name.lower()
    return name_words <= set(normalise_title(expand_acronyms(title, name)).split())


def without_qualifiers(title: str) -> str:
    """The title without parenthesised qualifiers: "VP of Sales (Mid-Market and SMB)" -> "VP of Sales"."""
    return _PARENTHESES.sub("", title).strip()


# An upper-case abbreviation: "TAM", "FP&A", "CISO".
ABBREVIATION = re.compile(r"\b[A-Z](?:&?[A-Z]){1,5}\b")
# Words an abbreviation may pass over without a letter of its own ("Financial Planning and Analysis").
_PASSED_OVER = frozenset(["and", "of", "for", "the", "to", "&"])
_WORDS_AND_AMPERSANDS = re.compile(r"[A-Za-z]+|&")
_PLURAL_ABBREVIATION = re.compile(r"\b([A-Z]{2,5})s\b")


@lru_cache(maxsize=_REMEMBERED_TITLES)
def expand_acronyms(name: str, title: str) -> str:
    """`name` with each abbreviation of words of `title` written out in those words ("UX Research"
    beside "User Experience Researcher": "User Experience Research")."""
    words = _WORDS_AND_AMPERSANDS.findall(title)
    name = _PLURAL_ABBREVIATION.sub(r"\1", name)  # "CSMs" is the plural of "CSM"
    for acronym in set(ABBREVIATION.findall(name)):
        for start in range(len(words)):
            length = abbreviated(acronym, words[start:])
            if length:
                name = re.sub(
                    rf"(?<![\w&]){re.escape(acronym)}(?![\w&])", " ".join(words[start : start + length]), name
                )
                break
    return name


def abbreviated(acronym: str, words: list[str]) -> int:
    """How many of `words`, from the first, the upper-case `acronym` stands for: "FP&A" for
    "Financial Planning and Analysis" is 4; 0 when it stands for none."""
    used = 0
    for position, letter in enumerate(c for c in acronym if c.isalpha()):
        while position and used < len(words) and not _stands_for(letter, words[used]) and _passed_over(words[used]):
            used += 1
        if used == len(words) or not _stands_for(letter, words[used]):
            return 0
        used += 1
    return used


def _stands_for(letter: str, word: str) -> bool:
    """Whether an abbreviation's `letter` stands for `word`: its initial, capitalised unless the
    word is one an abbreviation may also pass over ("Go to Market": "GTM"); or an X for a word
    that opens with "Ex", as English writes it ("User Experience": "UX", "Extended Reality": "XR")."""
    if letter == "X" and word[:2] == "Ex":
        return True
    return word[0].upper() == letter and (word[0].isupper() or _passed_over(word))


def _passed_over(word: str) -> bool:
    return word.lower() in _PASSED_OVER


def abbreviation_of(title: str) -> str:
    """The abbreviation a title gives itself ("Chief Marketing Officer (CMO)"), else the initials of
    its words ("Principal Accounting Officer": "PAO"); '' for a one-word title. A bracketed
    abbreviation of other words ("Chief of Staff (CMSO)") is a qualifier, not the title's own."""
    restated = _restatements(title)
    if restated:
        return restated[0][1]
    words = [w for w in re.findall(r"[A-Za-z]+", without_qualifiers(title)) if w.lower() not in _PASSED_OVER]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def without_restated_abbreviation(title: str) -> str:
    """The title without a bracketed abbreviation of the words before it: "Chief Product Officer
    (CPO)" is "Chief Product Officer"."""
    if "(" not in title:
        return title
    for match in reversed(_restatements(title)):
        title = title[: match.start()] + title[match.end() :]
    return title


# Matched from the start of a space run: a long run of spaces is searched once, not from each space.
_BRACKETED = re.compile(r"(?<!\s)\s*\(([A-Z](?:&?[A-Z]){1,5})\)")


def _restatements(title: str) -> list[re.Match[str]]:
    """The bracketed abbreviations in `title` that abbreviate the words right before them."""
    found = []
    for match in _BRACKETED.finditer(title):
        words = _WORDS_AND_AMPERSANDS.findall(title, 0, match.start())
        if any(abbreviated(match[1], words[start:]) == len(words) - start for start in range(len(words))):
            found.append(match)
    return found


_LEVEL_WORDS = frozenset(
    [
        "associate",
        "junior",
        "senior",
        "staff",
        "principal",
        "lead",
        "manager",
        "director",
        "vice",
        "president",
        "chief",
        "group",
        "regional",
        "area",
        "level",
        "executive",
        "head",
        "or",
        "and",
        "intermediate",
    ]
)


def is_level_only(name: str) -> bool:
    """A name made only of level words ("Senior Manager", "Director-level"): no benchmark."""
    words = normalise_title(name).split()  # "Intermediate" normalises to no words at all
    return bool(name.strip()) and all(word in _LEVEL_WORDS for word in words)


def has_level_word(name: str) -> bool:
    """Whether the name holds a level word ("Senior", "Manager", "Intermediate")."""
    words = set(normalise_title(name).split()) - {"or", "and"}
    return bool(words & _LEVEL_WORDS) or bool(re.search(r"\bintermediate\b", name, re.I))


def title_work(title: str) -> str:
    """The words that name the work, level words and qualifiers aside:
    "Senior Director, Field Enablement (EMEA)" -> "field enablement"."""
    return " ".join(word for word in normalise_title(without_qualifiers(title)).split() if word not in _LEVEL_WORDS)
