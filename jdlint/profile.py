"""The handbook's conventions as data: a built-in profile chosen by name, overridable key by key.

`profile.toml` is the `gitlab` profile, whole; every other built-in profile (`profiles/NAME.toml`)
lists only the keys in which it differs from it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from re import _constants, _parser  # the parsed form of a regex, to read the letters its matches start with
from typing import TYPE_CHECKING, Any

from jdlint import compiled, toml
from jdlint.fuzzy import within_two_edits

if TYPE_CHECKING:
    from jdlint.rule import Rule

DEFAULT_PROFILE = Path(__file__).with_name("profile.toml")
DEFAULT_NAME = "gitlab"
BUILT_IN = {
    DEFAULT_NAME: DEFAULT_PROFILE,
    "job-posting": Path(__file__).with_name("profiles") / "job-posting.toml",
    "minimal": Path(__file__).with_name("profiles") / "minimal.toml",
}
EXTEND = "extend-"  # `extend-KEY` in config adds to a list or table instead of replacing it
# A line that is only bold text, its colon in or after the bold: "**Requirements:**". Many pages
# head their sections so: the model reads such a line as a heading when it names a section.
BOLD_LABEL = re.compile(r"[ ]{0,3}(\*\*|__)(?P<label>[^*_\n]+?):?\1[ \t]*:?[ \t]*")
# An ATX heading line: "## Requirements".
ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}[ \t]+(?P<label>.*?)(?:[ \t]+#+)?[ \t]*")


@dataclass(frozen=True)
class Profile:
    name: str
    rules: list[str]
    lint_other_pages: bool
    section_aliases: dict[str, list[str]]
    required_sections: list[str]
    level_sections: list[str]
    specialty_sections: list[str]
    erb_partial_sections: dict[str, str]
    placeholders: dict[str, str]
    markers: dict[str, str]
    top_titles: list[str]
    base_urls: list[str]
    site_roots: list[str]
    title_synonyms: dict[str, str]
    abbreviations: dict[str, list[str]]
    grade_levels: dict[str, dict[str, Any]]
    people_manager_levels: list[str]
    job_family_layouts: list[str]
    other_layouts: list[str]
    required_requirements: list[str]
    prior_experience: list[str]
    optional_requirement: list[str]
    optional_markers: list[str]
    vacancy_phrases: list[str]
    vacancy_exempt_sections: list[str]
    location_requirements: list[str]
    gender_masculine_words: list[str]
    gender_feminine_words: list[str]
    gender_unrelated_words: list[str]
    gendered_terms: dict[str, str]
    age_coded_wording: dict[str, dict[str, Any]]
    physical_requirements: dict[str, dict[str, Any]]
    accommodation_statements: list[str]
    essential_duties_sections: list[str]
    ableist_language: dict[str, dict[str, Any]]
    hype_wording: dict[str, dict[str, Any]]
    equal_opportunity_statement: list[str]
    readability: dict[str, float]
    page_length: dict[str, int]
    pay_transparency: dict[str, Any]
    years_of_experience: dict[str, str]
    entry_level: dict[str, float]
    performance_indicator_count: dict[str, int]
    gender_coded_balance: dict[str, float]
    indicator_references: list[str]
    custom_rules: dict[str, dict[str, Any]]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Profile:
        return cls(**{key.replace("-", "_"): value for key, value in data.items()})

    @cached_property
    def user_rules(self) -> tuple[Rule, ...]:
        """The rules of `custom-rules`, built from their data."""
        if not self.custom_rules:  # most runs: the module is not imported at all
            return ()
        from jdlint.profile_rules import build_rules

        return build_rules(self.custom_rules)

    @cached_property
    def _aliases_longest_first(self) -> list[tuple[str, tuple[str, ...]]]:
        return sorted(
            ((alias, tuple(names)) for alias, names in self.section_aliases.items()),
            key=lambda item: -len(item[0]),
        )

    def section_names(self, heading: str) -> tuple[str, ...]:
        """The sections a heading names: the longest alias its normalised text ends with.

        A long one-word alias also matches a last word one or two typing slips away from it
        ("Responsbilities", "Requirments"): the section is there, only misspelt.
        """
        known = self._section_names_seen
        if heading not in known:
            # The scope goes first: "Base Requirements Across All Levels" is a requirements section.
            scoped = _SCOPE.sub("", heading)
            plain = normalise_heading(_ASIDES.sub("", scoped))
            known[heading] = (
                (scoped != heading and self._find_section_names(normalise_heading(scoped)))
                or self._find_section_names(normalise_heading(heading))
                or self._find_section_names(plain)
                or self._find_section_names(_OVERVIEW.sub("", plain))
            )
        return known[heading]

    @cached_property
    def _longest_alias_words(self) -> int:
        return max((len(alias.split()) for alias in self.section_aliases), default=0)

    @cached_property
    def _section_names_seen(self) -> dict[str, tuple[str, ...]]:
        return {}

    def _find_section_names(self, text: str) -> tuple[str, ...]:
        words = text.split()
        # The longest ending first; none longer than the longest alias (a very long heading would
        # otherwise be joined again from each of its words).
        for start in range(max(len(words) - self._longest_alias_words, 0), len(words)):
            names = self.section_aliases.get(" ".join(words[start:]))
            if names:
                return tuple(names)
        last = words[-1] if words else ""
        return self._misspelt_alias_names(last) if len(last) >= 10 else ()

    @cached_property
    def _misspellings_seen(self) -> dict[str, tuple[str, ...]]:
        return {}

    @cached_property
    def _long_one_word_aliases(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(alias, names) for alias, names in self._aliases_longest_first if " " not in alias and len(alias) >= 10]

    def _misspelt_alias_names(self, word: str) -> tuple[str, ...]:
        """The sections of the long one-word alias `word` is two typing slips away from, if any."""
        seen = self._misspellings_seen
        if word not in seen:
            close = (names for alias, names in self._long_one_word_aliases if within_two_edits(word, alias))
            seen[word] = next(close, ())
        return seen[word]

    @cached_property
    def placeholder_pattern(self) -> re.Pattern[str]:
        """Every placeholder regex in one: one search per line instead of one per regex."""
        return _alternation(self.placeholders.values(), re.IGNORECASE)

    @cached_property
    def marker_pattern(self) -> re.Pattern[str]:
        return _alternation(self.markers.values(), 0)

    @cached_property
    def synonym_patterns(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(k, re.IGNORECASE), v) for k, v in self.title_synonyms.items())

    @cached_property
    def top_title_patterns(self) -> list[re.Pattern[str]]:
        return [re.compile(regex, re.IGNORECASE) for regex in self.top_titles]

    def is_top_title(self, title: str) -> bool:
        return any(pattern.search(title) for pattern in self.top_title_patterns)

    @cached_property
    def _grade_levels(self) -> list[tuple[str, re.Pattern[str], float, float]]:
        return [
            (name, re.compile(level["pattern"], re.IGNORECASE), float(level["min"]), float(level["max"]))
            for name, level in self.grade_levels.items()
        ]

    def grade_range(self, title: str) -> tuple[str, float, float] | None:
        """(level name, lowest grade, highest grade) for the title's level word, if it has one:
        worked out once per title, as the rules ask of the same titles again and again."""
        known = self._grade_ranges_seen
        if title not in known:
            known[title] = self._find_grade_range(title)
        return known[title]

    @cached_property
    def _grade_ranges_seen(self) -> dict[str, tuple[str, float, float] | None]:
        return {}

    def _find_grade_range(self, title: str) -> tuple[str, float, float] | None:
        title = _SENIOR_ABBREVIATED.sub("Senior", title)
        qualifier = _LEVEL_QUALIFIER.search(title)
        if qualifier:  # "Security Analyst (Senior)" is a Senior Security Analyst
            title = f"{qualifier[1]} {title}"
        for name, pattern, low, high in self._grade_levels:
            if pattern.search(title):
                return name, low, high
        return None

    def is_people_manager(self, title: str) -> bool:
        """Whether the title's level word is one of the `people-manager-levels`."""
        level = self.grade_range(title)
        return level is not None and level[0] in self.people_manager_levels

    @cached_property
    def policy_patterns(self) -> dict[str, list[re.Pattern[str]]]:
        """The JD7 regex lists whose regexes a rule tries one by one, compiled case-insensitively."""
        return {
            key: [re.compile(regex, re.IGNORECASE) for regex in getattr(self, key.replace("-", "_"))]
            for key in ("required-requirements", "location-requirements")
        }

    @cached_property
    def vacancy_exempt_pattern(self) -> re.Pattern[str]:
        """The normalised headings under which vacancy language is in place (hiring, benefits)."""
        names = (rf"\b{re.escape(normalise_heading(name))}\b" for name in self.vacancy_exempt_sections)
        return re.compile("|".join(names) or r"(?!)")

    @cached_property
    def policy_alternations(self) -> dict[str, re.Pattern[str]]:
        """Each JD7 regex list as one regex: one search per line instead of one per regex. Each is
        compiled when a rule first asks for it: a page may need few of them."""
        return _CompiledOnUse(
            lambda key: _alternation(getattr(self, key.replace("-", "_")), re.IGNORECASE), _COMBINED_POLICY_LISTS
        )

    @cached_property
    def years_patterns(self) -> dict[str, re.Pattern[str]]:
        """`years-of-experience`'s regexes, each compiled on first use (most lines ask only for `count`)."""
        table = self.years_of_experience
        return _CompiledOnUse(lambda name: re.compile(table[name], re.IGNORECASE), table)

    @cached_property
    def gender_stem_pattern(self) -> re.Pattern[str]:
        """A gender-coded stem where a letter run starts, the longest first: `search` tells whether
        a line has a coded word at all, `match` which stem a word starts with. The stems form a
        prefix trie ("a(?:ctive|g(?:gress|ree)|…)"): a flat alternation of ~100 stems was tried one
        by one at every letter of every line."""
        stems = {stem.lower() for stem in (*self.gender_masculine_words, *self.gender_feminine_words)}
        return re.compile(rf"(?<![A-Za-z])(?:{trie_pattern(stems)})", re.IGNORECASE | re.ASCII)

    @cached_property
    def gender_stem_starts(self) -> re.Pattern[str]:
        """Every place a gender-coded stem starts, overlapping ones too (an empty match there)."""
        stems = self.gender_stem_pattern
        return re.compile(f"(?=(?:{stems.pattern}))", stems.flags)

    @cached_property
    def wording_phrases(self) -> WordingPhrases:
        """Every phrase of the language rules' category tables (`hype-wording` …), filed under the
        letters its matches start with and compiled on first use (see `WordingPhrases`)."""
        return WordingPhrases.build({key: getattr(self, key.replace("-", "_")) for key in WORDING_TABLES})

    @cached_property
    def gendered_terms_pattern(self) -> re.Pattern[str]:
        """The words and phrases of `gendered-terms` as whole words, the longest first (a trie:
        "he or she" before "he"); a space matches any run of spaces."""
        trie = trie_pattern(" ".join(term.lower().split()) for term in self.gendered_terms)
        spaced = trie.replace(re.escape(" "), r"\s+")
        return re.compile(rf"(?<![\w-])(?:{spaced})(?![\w-])", re.IGNORECASE)

    @cached_property
    def pay_patterns(self) -> dict[str, re.Pattern[str]]:
        """`pay-transparency`'s regexes compiled; its `vague` list as one regex."""
        table = self.pay_transparency
        return {
            "range": re.compile(table["range"], re.IGNORECASE),
            "amount": re.compile(table["amount"], re.IGNORECASE),
            "pay-words": re.compile(table["pay-words"], re.IGNORECASE),
            "unpaid": re.compile(table["unpaid"], re.IGNORECASE),
            "period": re.compile(table["period"], re.IGNORECASE),
            "vague": _alternation(table["vague"], re.IGNORECASE),
        }

    @cached_property
    def masculine_stems(self) -> frozenset[str]:
        return frozenset(stem.lower() for stem in self.gender_masculine_words)

    def gender_coding(self, word: str) -> bool | None:
        """Whether `word` (lower case) is masculine-coded (True), feminine-coded (False) or neither:
        worked out once per word, as a page's words recur."""
        known = self._gender_coding_seen
        if word not in known:
            stem = self.gender_stem_pattern.match(word)
            known[word] = stem.group() in self.masculine_stems if stem else None
        return known[word]

    @cached_property
    def _gender_coding_seen(self) -> dict[str, bool | None]:
        return {}


_SENIOR_ABBREVIATED = re.compile(r"\bSr\b\.?")
_LEVEL_QUALIFIER = re.compile(r"\((Senior|Staff|Principal|Associate|Junior|Lead)\)", re.IGNORECASE)

# What a heading may add after the section's name: its scope ("for candidates", "across all
# levels", "(all levels)", whose "levels" names no Levels section); asides ("(PI)", a number as in
# "Job Grade 8"); "Nice-to-have's", an apostrophe in a plural. Each alternative starts where a run
# of spaces starts, so a long run is searched once, not from each of its spaces.
_SCOPE = re.compile(
    r"(?<!\s)\s+(?:for|across)\s.*$|(?<!\s)\s*\((?:(?:for|across)\s+)?(?:all|every|each)\s[^()]*\)", re.IGNORECASE
)
_ASIDES = re.compile(r"(?<!\s)\s*\([^()]*\)|(?<!\s)\s+\d+$|['’](?=s\b)")
# A last word that only says the section is told in brief: "Hiring process overview".
_OVERVIEW = re.compile(r"\s+(?:overview|summary|at a glance)$")


def trie_pattern(words) -> str:
    """A regex matching any of `words`, longest first, written as a prefix trie: at each letter
    only the branches that can still match are tried."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict) -> str:
    branches = [re.escape(char) + _trie_node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = "|".join(branches)
    if len(branches) > 1 or "" in node:
        body = f"(?:{body})"
    return body + "?" if "" in node else body  # greedy: the longer word is tried first


WORDING_TABLES = ("age-coded-wording", "physical-requirements", "ableist-language", "hype-wording")


class WordingPhrases:
    """The phrases of the wording tables, filed by the first (up to three) letters every match of
    each starts with. A line is read word by word: at each word only the phrases filed under its
    first letters are tried, in table order, where one alternation of all of them was tried at
    every word (a hundred phrases: most of the language rules' time). A phrase whose first letters
    cannot be told is tried at every word. A phrase is compiled when a word first calls for it: a
    page (a pre-commit run) calls for few of them."""

    def __init__(self, by_prefix: dict[str, list], anywhere: list) -> None:
        self.by_prefix = by_prefix  # letters -> [(order, table key, category index, regex)]
        self.anywhere = anywhere
        self.sizes = sorted({len(prefix) for prefix in by_prefix}, reverse=True)
        self._seen: dict[str, list] = {}  # a word's first letters -> its candidates, compiled
        self._compiled: dict[str, re.Pattern[str]] = {}
        # Where a word starts with letters a phrase is filed under (every word, with phrases filed
        # nowhere): found in one scan of the line, not word by word.
        heads = "[a-z0-9]" if anywhere or not by_prefix else trie_pattern(by_prefix)
        self.starts = re.compile(rf"(?<![a-z0-9])(?:{heads})")

    @classmethod
    def build(cls, tables: dict[str, dict[str, dict[str, Any]]]) -> WordingPhrases:
        by_prefix: dict[str, list] = {}
        anywhere = []
        order = 0
        for key, table in tables.items():
            for index, spec in enumerate(table.values()):
                for regex in spec.get("phrases", []):
                    phrase = (order, key, index, regex)
                    order += 1
                    prefixes = _literal_prefixes(regex)
                    if not prefixes or any(not prefix.isalnum() for prefix in prefixes):
                        anywhere.append(phrase)
                    for prefix in prefixes or ():
                        by_prefix.setdefault(prefix, []).append(phrase)
        return cls(by_prefix, anywhere)

    def candidates(self, word: str) -> list:
        """The phrases (order, table key, category index, pattern) that may match where `word`
        (lower case) starts, in table order."""
        head = word[:_PREFIX_SIZE]  # a word's end may be in it: no phrase is filed under that
        if head not in self._seen:
            filed = (phrase for size in self.sizes for phrase in self.by_prefix.get(head[:size], ()))
            phrases = sorted([*self.anywhere, *filed])
            self._seen[head] = [(order, key, index, self._pattern(regex)) for order, key, index, regex in phrases]
        return self._seen[head]

    def _pattern(self, regex: str) -> re.Pattern[str]:
        if regex not in self._compiled:
            self._compiled[regex] = re.compile(regex, re.IGNORECASE)
        return self._compiled[regex]


class QuickSearch:
    """`pattern.search`, tried only where a match can start: at the letters every match of it starts
    with (read from its parsed form, as for `WordingPhrases`), found in one scan of the text. A
    pattern that opens with lookbehinds ("experience" not after "candidate ", "customer " …) is
    otherwise tried at every character. The same match as `pattern.search`, always: the scan is used
    only where those letters are ASCII and the text has none of `FOLDS_TO_ASCII` (there,
    case-insensitive means lower-cased)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        prefixes = _literal_prefixes(pattern.pattern)
        known = bool(prefixes) and all(prefix and prefix.isascii() and "\0" not in prefix for prefix in prefixes)
        # A lookahead: every place a prefix starts, overlapping ones too.
        self.starts = re.compile(f"(?=(?:{trie_pattern(prefixes)}))") if known else None

    def search(self, text: str) -> re.Match[str] | None:
        if self.starts is None or FOLDS_TO_ASCII.search(text):
            return self.pattern.search(text)
        for head in self.starts.finditer(text.lower()):
            match = self.pattern.match(text, head.start())  # lookbehinds still see the text before
            if match:
                return match
        return None

    def matching(self, texts: list[str]) -> list[int]:
        """The positions of the texts `search` finds a match in, the places a match can start
        found in one scan of them all (joined by NUL, which no letter a match starts with is):
        a page's lines, most of them without a match, searched in one call, not one a line."""
        joined = "\0".join(texts)
        if self.starts is None or FOLDS_TO_ASCII.search(joined):
            return [position for position, text in enumerate(texts) if self.search(text)]
        found, position, start, end = [], 0, 0, len(texts[0]) if texts else 0
        for head in self.starts.finditer(joined.lower()):
            if head.start() < start:  # in a text already found
                continue
            while head.start() > end:  # the next text: past this one's end, and the NUL after it
                position, start = position + 1, end + 1
                end = start + len(texts[position])
            if self.pattern.match(texts[position], head.start() - start):
                found.append(position)
                start = end + 1
        return found


# The only characters outside ASCII that a case-insensitive regex takes for an ASCII letter ("ſ" for
# "s", the Kelvin sign for "k", the Turkish "ı" and "İ" for "i"); "İ" is also the only one that
# lower-cases to two. Without them, an ASCII string is found case-insensitively in the lower-cased
# text, at the same offsets.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


@lru_cache(maxsize=256)  # keyed by the pattern (its regex and flags): a profile's few, remembered
def quick_search(pattern: re.Pattern[str]) -> QuickSearch:
    return QuickSearch(pattern)


_PREFIX_SIZE = 3
_ZERO_WIDTH = {_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT}


def _literal_prefixes(regex: str) -> frozenset[str] | None:
    """Lower-case strings of up to three characters, one of which starts every match of `regex`
    (read from its parsed form, once: kept between runs; None when it does not parse)."""
    return compiled.remembered("literal prefixes", regex, lambda: _read_literal_prefixes(regex))


def _read_literal_prefixes(regex: str) -> frozenset[str] | None:
    try:
        return frozenset(_prefixes(list(_parser.parse(regex, re.IGNORECASE)), {""}))
    except (re.error, RecursionError):
        return None


def _prefixes(items: list, starts: set[str]) -> set[str]:
    """`starts` extended by the literal characters at the head of `items`, stopping at the first
    thing that is not a literal, a small class, a group or an alternation (all still prefixes)."""
    for index, (op, value) in enumerate(items):
        if all(len(start) >= _PREFIX_SIZE for start in starts) or len(starts) > 200:
            return starts
        if op in _ZERO_WIDTH:
            continue
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):  # one time round, or none
            low, _, repeated = value
            once = _prefixes(list(repeated), starts)
            return once if low else once | _prefixes(items[index + 1 :], starts)
        if op is _constants.SUBPATTERN:
            starts = _prefixes(list(value[-1]), starts)
        elif op is _constants.BRANCH:
            starts = set().union(*(_prefixes(list(branch), starts) for branch in value[1]))
        else:
            chars = _head_chars(op, value)
            if chars is None:
                return starts
            starts = {start + char if len(start) < _PREFIX_SIZE else start for start in starts for char in chars}
    return starts


def _head_chars(op, value) -> set[str] | None:
    """The characters a literal or a small class stands for, lower-cased; None for anything else."""
    if op is _constants.LITERAL:
        return {chr(value).lower()}
    if op is not _constants.IN:
        return None
    chars: set[str] = set()
    for kind, item in value:
        if kind is _constants.LITERAL:
            chars.add(chr(item).lower())
        elif kind is _constants.RANGE and item[1] - item[0] < 16:
            chars |= {chr(code).lower() for code in range(item[0], item[1] + 1)}
        else:
            return None
    return chars


class _CompiledOnUse(dict):
    """Patterns by name, each compiled by `compile(name)` when first looked up; only `names` exist."""

    def __init__(self, compile, names) -> None:
        super().__init__()
        self._compile = compile
        self._names = frozenset(names)

    def __missing__(self, name: str) -> re.Pattern[str]:
        if name not in self._names:
            raise KeyError(name)
        pattern = self[name] = self._compile(name)
        return pattern


def _alternation(regexes, flags: int) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{regex})" for regex in regexes) or "(?!)", flags)


# Emphasis, code, colons, dashes, slashes and other punctuation ("_" is a word character, and not
# kept): each a space, as are the spaces other than " ".
_NOT_HEADING_WORDS = re.compile(r"(?:[^\w&' ]|_)+")


def normalise_heading(text: str) -> str:
    text = text.replace("’", "'")  # "What you’ll do" is "What you'll do"
    return " ".join(_NOT_HEADING_WORDS.sub(" ", text.lower()).split())


def built_in_data(name: str) -> dict[str, Any]:
    """A built-in profile's keys: the gitlab profile's, with the named profile's file laid over them."""
    if name not in BUILT_IN:
        raise ValueError(f"unknown profile {name!r} (built-in profiles: {', '.join(BUILT_IN)})")
    data = {"name": name, **_built_in_file(DEFAULT_PROFILE)}
    return data if name == DEFAULT_NAME else _layered(data, _built_in_file(BUILT_IN[name]))


def _built_in_file(path: Path) -> dict[str, Any]:
    """The keys of a built-in profile file, from the JSON copy of it that lies in `__pycache__`
    beside it (as Python keeps a module's bytecode), named by the digest of the file's bytes:
    parsing the TOML costs more than the rest of the configuration of a run answered from the
    cache. The copy is made on first use; where it cannot be written the file is parsed each time."""
    import json

    data = path.read_bytes()
    copy = parsed_copy(path, data)
    try:
        return json.loads(copy.read_bytes())
    except (OSError, ValueError):
        pass
    parsed = toml.loads(data)
    _write_atomically(copy, json.dumps(parsed))
    return parsed


def parsed_copy(path: Path, data: bytes) -> Path:
    """Where the JSON copy of the built-in profile file `path`, holding `data`, is kept."""
    from jdlint.cache import blake2b  # not hashlib's: see there

    return path.parent / "__pycache__" / f"{path.stem}.{blake2b(data, digest_size=8).hexdigest()}.json"


def _write_atomically(path: Path, text: str) -> None:
    """Write `path` whole or not at all; a read-only installation goes without."""
    import tempfile

    try:
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


PROFILE_KEYS = frozenset(name.replace("_", "-") for name in Profile.__dataclass_fields__)


def is_profile_key(key: str) -> bool:
    """A key `[tool.jdlint.profile]` may hold: a profile key, or `extend-` and one."""
    return key in PROFILE_KEYS or (key.startswith(EXTEND) and key[len(EXTEND) :] in PROFILE_KEYS)


def load_profile(overrides: dict[str, Any] | None = None, name: str | None = None) -> Profile:
    """The built-in profile `name` (else the one `overrides` names, else gitlab) with `overrides`
    laid over it key by key. ValueError names a bad key or an unknown profile."""
    overrides = dict(overrides or {})
    chosen = overrides.pop("name", None)
    if chosen is not None and not isinstance(chosen, str):
        raise ValueError("profile key 'name' must be a string")
    profile = Profile.from_mapping(_layered(built_in_data(name or chosen or DEFAULT_NAME), overrides))
    if overrides:  # the built-in profiles are checked by the tests, not at every start
        check_patterns(profile)
    return profile


def _layered(data: dict[str, Any], layer: dict[str, Any]) -> dict[str, Any]:
    """`data` with `layer` laid over it: `KEY` replaces the whole value, then `extend-KEY` adds to
    a list (what it lacks, in order) or a table (its entries replacing those of the same name)."""
    data = dict(data)
    for key, value in layer.items():
        if not key.startswith(EXTEND):
            _check_type(data[key], value, key)
            data[key] = value
    for key, value in layer.items():
        if key.startswith(EXTEND):
            extended = key[len(EXTEND) :]
            data[extended] = _extended(data[extended], value, key)
    return data


def _extended(current: Any, more: Any, key: str) -> Any:
    _check_type(current, more, key)
    if isinstance(current, dict):
        return {**current, **more}
    if isinstance(current, list):
        return [*current, *(item for item in more if item not in current)]
    raise ValueError(f"profile key {key!r}: only a list or a table can be extended")


def _check_type(current: Any, value: Any, key: str) -> None:
    expected = type(current)
    if not isinstance(value, expected):
        raise ValueError(f"profile key {key!r} must be a {_TYPE_NAMES[expected]}")


_TYPE_NAMES = {list: "list", dict: "table", str: "string", bool: "boolean (true or false)"}
_POLICY_REGEX_LISTS = (
    "required-requirements",
    "prior-experience",
    "optional-requirement",
    "optional-markers",
    "vacancy-phrases",
    "location-requirements",
    "indicator-references",
    "gender-unrelated-words",
    "accommodation-statements",
    "equal-opportunity-statement",
)
_COMBINED_POLICY_LISTS = (
    "prior-experience",
    "optional-requirement",
    "optional-markers",
    "vacancy-phrases",
    "indicator-references",
    "gender-unrelated-words",
    "accommodation-statements",
    "equal-opportunity-statement",
)
_POLICY_TABLE_KEYS = {
    "years-of-experience": {"count", "followed-by", "not-followed-by", "not-after"},
    "entry-level": {"max-grade"},
    "performance-indicator-count": {"min", "max"},
    "gender-coded-balance": {"min-difference", "min-ratio"},
    "readability": {"min-section-words", "min-reading-ease", "max-sentence-words"},
    "page-length": {"min-words", "max-words"},
    "pay-transparency": {"range", "amount", "pay-words", "unpaid", "period", "vague", "posting-sections"},
}


def check_patterns(profile: Profile) -> None:
    """Compile every regex now, so that a bad one is a config error, not a crash in a rule."""
    patterns = {
        "placeholders": profile.placeholders,
        "markers": profile.markers,
        "top-titles": {str(i + 1): regex for i, regex in enumerate(profile.top_titles)},
        "title-synonyms": {regex: regex for regex in profile.title_synonyms},
        "erb-partial-sections": {regex: regex for regex in profile.erb_partial_sections},
        "grade-levels": {name: level.get("pattern", "") for name, level in profile.grade_levels.items()},
        "years-of-experience": profile.years_of_experience,
        **{
            key: {str(i + 1): regex for i, regex in enumerate(getattr(profile, key.replace("-", "_")))}
            for key in _POLICY_REGEX_LISTS
        },
    }
    for key, regexes in patterns.items():
        for name, regex in regexes.items():
            try:
                re.compile(regex)
            except (re.error, TypeError) as error:
                raise ValueError(f"profile {key}.{name}: {regex!r} is not a valid regex: {error}") from None
    for key in _COMBINED_POLICY_LISTS:
        try:
            _alternation(getattr(profile, key.replace("-", "_")), re.IGNORECASE)
        except re.error as error:  # a group name used twice, a backreference by number
            raise ValueError(f"profile {key}: its regexes cannot be searched as one: {error}") from None
    for key in WORDING_TABLES:
        _check_wording_table(key, getattr(profile, key.replace("-", "_")))
    for name, level in profile.grade_levels.items():
        if not {"pattern", "min", "max"} <= set(level):
            raise ValueError(f"profile key 'grade-levels': {name!r} needs pattern, min and max")
    profile.user_rules  # noqa: B018  (building them checks them)
    for key, needed in _POLICY_TABLE_KEYS.items():
        missing = needed - set(getattr(profile, key.replace("-", "_")))
        if missing:
            raise ValueError(f"profile key {key!r} needs {', '.join(sorted(missing))}")


def _check_wording_table(key: str, table: dict[str, Any]) -> None:
    """A wording table is category -> { phrases, label, hint, sections }, its phrases regexes."""
    for name, spec in table.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("phrases"), list) or not spec.get("label"):
            raise ValueError(f"profile key {key!r}: {name!r} needs phrases (a list of regexes) and a label")
        for regex in spec["phrases"]:
            try:
                re.compile(regex)
            except (re.error, TypeError) as error:
                raise ValueError(f"profile {key}.{name}: {regex!r} is not a valid regex: {error}") from None


def profile_toml(profile: Profile, table: str = "profile") -> str:
    """The profile as the `[profile]` table of a `.jdlint.toml`: every key, so that loading it back
    gives the same profile."""
    values = {name.replace("_", "-"): getattr(profile, name) for name in Profile.__dataclass_fields__}
    lines = [f"[{table}]"]
    tables = {key: value for key, value in values.items() if isinstance(value, dict)}
    lines += [f"{toml_key(key)} = {_toml_long_value(value)}" for key, value in values.items() if key not in tables]
    for key, value in tables.items():  # after the plain keys: a TOML table runs to the next one
        lines += ["", f"[{table}.{toml_key(key)}]"]
        lines += [f"{toml_key(name)} = {toml_value(item)}" for name, item in value.items()]
    return "\n".join(lines) + "\n"


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def _toml_long_value(value: Any) -> str:
    """A value on one line, or a long list one item a line, so that it can be read and edited."""
    line = toml_value(value)
    if isinstance(value, list) and len(line) > 100:
        return "[\n" + "".join(f"  {toml_value(item)},\n" for item in value) + "]"
    return line


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"


def toml_string(text: str) -> str:
    """A literal string ('…', no escapes: regexes stay readable) where TOML allows one."""
    if "'" not in text and not re.search(r"[\x00-\x1f\x7f]", text):
        return f"'{text}'"
    import json

    return json.dumps(text, ensure_ascii=False)  # JSON's escapes are TOML's basic-string escapes
