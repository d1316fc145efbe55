"""Job titles compared the way people read them, not the way they are spelled.

"VP, Online Sales & Self-Service", "Vice President Online Sales and Self Service" and
"vp online sales and self service job family" are one title: `normalise_title` maps them to the
same key. `names_level` decides whether a short name in prose ("the Manager", "Senior TAM")
refers to a given title.
"""

from __future__ import annotations

import re

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


def normalise_title(title: str, extra: tuple[tuple[re.Pattern[str], str], ...] = ()) -> str:
    """A comparison key: case, punctuation, '&'/'and', abbreviations and 'Job Family' folded."""
    text = title.lower()
    for pattern, replacement in (*_COMPILED, *extra):
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\b(?:the|of|for|a|an)\b", " ", text)
    return " ".join(_singular(word) for word in text.split())


def _singular(word: str) -> str:
    """ "architects" -> "architect", so that a title's plural and singular spellings agree."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def names_level(name: str, title: str) -> bool:
    """Whether `name` ("Manager", "Senior TAM", "Intermediate") can mean the level titled `title`.

    True when every word of `name` is a word of the title, in any order ("CSM (Associate)" names
    "Associate Customer Success Manager"); an upper-case abbreviation may stand for the title's
    words it abbreviates ("TAM" for "Technical Account Manager").
    """
    name_words = set(normalise_title(_expand_acronyms(name, title)).split())
    if not name_words:
        return "intermediate" in name.lower()
    return name_words <= set(normalise_title(title).split())


def without_qualifiers(title: str) -> str:
    """The title without parenthesised qualifiers: "VP of Sales (Mid-Market and SMB)" -> "VP of Sales"."""
    return re.sub(_PARENTHESES, "", title).strip()


def _expand_acronyms(name: str, title: str) -> str:
    words = re.findall(r"[A-Za-z]+", title)
    name = re.sub(r"\b([A-Z]{2,5})s\b", r"\1", name)  # "CSMs" is the plural of "CSM"
    for acronym in set(re.findall(r"\b[A-Z]{2,5}\b", name)):
        for start in range(len(words)):
            span = words[start : start + len(acronym)]
            if "".join(w[0] for w in span).upper() == acronym:
                name = re.sub(rf"\b{acronym}\b", " ".join(span), name)
                break
    return name


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


def function_word(title: str) -> str:
    """The noun that names the work, level words aside: "Staff Security Analyst, Trust" -> "analyst";
    '' for a people manager's title ("Director, Sales"), whose work is in the benchmark."""
    head = re.sub(_PARENTHESES, "", title).split(",")[0]
    words = [word for word in normalise_title(head).split() if word not in _LEVEL_WORDS]
    return words[-1] if words else ""
