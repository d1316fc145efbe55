#!/usr/bin/env python3
"""Measure which job grades go with which title level words in a job-family corpus.

What it measures
    Job-family pages state grades in sentences such as

        The Senior Manager, Sales Systems is a [grade 9](/handbook/...).
        The Business Systems Architect (Intermediate) is a [Grade 7](...).
        The Legal Intern is a grade 4.
        The Vice President of CSM is a job grade [12](...).
        The role is a [grade 7](...).      (title taken from the section heading)

    and, more rarely, in summary tables (``| Senior Renewals Manager | 7 |``).
    Every (title, grade, file, line) is extracted and the title is classified
    to one *level key* (senior, staff, manager, director, ...) with the
    ordered rules in ``LEVEL_RULES`` below (first match wins).

    Each statement also remembers the heading of the section it sits in
    ("#### Senior Manager, Renewals Job Grade").  When that heading names a
    different level than the sentence (a copy-pasted sentence: "The Manager,
    Renewals is a grade 9" under "Senior Manager, Renewals"), the section's
    level is used and the case is listed as a page defect.

    Per level the script prints count, min, max, the grade histogram, a
    suggested range (narrowest range covering >= COVERAGE of observations)
    and the outliers outside it with file:line, for a human to judge.
    Sentences mentioning "grade" and a digit that were not understood, and
    "Job Grade" headings whose section states no grade, are printed too, so
    coverage can be checked by eye.

How to run
    python scripts/measure_grades.py [CORPUS_DIR ...] [--toml] [--dump]

    CORPUS_DIR  the job-families folders to read; by default both corpora
                (the 2019-20 handbook and today's Hugo layout) in
                ../shared/corpus next to the repository
    --toml      print only the ``[grade-levels]`` table, as jdlint's
                profile.toml ships it
    --dump      also list every extracted statement with its level key

Every ``*.md`` and ``*.md.erb`` page is read, never written.  `jdlint init` measures a grade table
the same way from jdlint's own model of the pages; this script lists what a human should judge.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import re
import sys
from pathlib import Path

from jdlint.measure import COVERAGE, suggested_range  # the range `jdlint init` writes, measured alike

_SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEFAULT_CORPORA = (
    _SHARED_CORPUS / "gitlab-handbook" / "job-families",
    _SHARED_CORPUS / "gitlab-hugo" / "content" / "job-families",
)
PAGE_SUFFIXES = (".md", ".md.erb")

# --------------------------------------------------------------------------
# Level rules.  ORDER MATTERS: the first matching rule wins, so the most
# specific rules come first: executive ("Chief ...", "... Officer") before
# all; "Senior Vice President" before "Vice President"; "Senior Director"
# before "Director"; "Senior Manager" before "Manager" and before "Senior";
# the people-manager rules before the individual-contributor levels
# ("Senior Engineering Manager" is a senior manager, not a senior).
# Patterns are searched case-insensitively in the normalised title (see
# normalise_title: "Sr."/"Sr" -> "Senior", "Jr."/"Jr" -> "Junior",
# "Vice-President" -> "Vice President").  No match -> DEFAULT_LEVEL.
# --------------------------------------------------------------------------
FLAGS = re.IGNORECASE

# "X Manager" is a function manager without reports (Product Manager, Renewals
# Manager, ...): the handbook names people managers "Manager, X" / "Manager of X".
# The one convention beside it: engineering's people managers are "<X>
# Engineering Manager".  "General Manager" and "Country Manager" run a business
# unit: director level.  A function word seen on one or two pages is no
# convention and does not belong here: its grade is an outlier to judge.
PEOPLE_MANAGER = r"Engineering Manager\b"
VP = r"(?:Vice President|VP)\b"

LEVEL_RULES: list[tuple[str, str]] = [
    ("executive", r"^(?:Chief\b(?! of Staff)|(?:CEO|CFO|CTO|CMO|CRO|CISO|CLO|CPO|COO|CIO)\b)|\bOfficer\b"),
    ("chief-of-staff", r"\bChief of Staff\b"),
    ("senior-vice-president", rf"\b(?:Senior|Executive) {VP}|\b[SE]VP\b"),
    ("area-vice-president", rf"\b(?:Area|Regional) {VP}|\bAVP\b"),
    ("vice-president", rf"\b{VP}"),
    ("senior-director", r"\bSenior Director\b"),
    ("director", r"\bDirector\b|\b(?:General|Country) Manager\b"),
    ("fellow", r"\bFellow\b"),
    ("distinguished", r"\bDistinguished\b"),
    # Not ".*" after "Senior": from every "Senior" of a long title it would run to the end.
    ("senior-manager", rf"\bSenior Manager\b|\bSenior\b(?:(?!\bSenior\b).)*\b{PEOPLE_MANAGER}"),
    ("manager", rf"^Manager\b|\b{PEOPLE_MANAGER}"),
    ("principal", r"\bPrincipal\b"),
    ("staff", r"\bStaff\b"),
    ("lead", r"\bLead\b"),
    ("senior", r"\bSenior\b"),
    ("junior", r"\bJunior\b"),
    # A level word leads the title; "People Experience Associate" names the work, and
    # "Associate, Corporate Development" is a title of its own.
    ("associate", r"^Associate\b(?!,)"),
    ("intern", r"\bIntern(?:ship)?\b"),
    # The intermediate level has no level word ("Analyst", or "Analyst (Intermediate)"): every
    # title that no rule above matches.
    ("intermediate", r"^"),
]
DEFAULT_LEVEL = "intermediate"  # the last rule matches every title: this is only its name
MIN_OBSERVATIONS = 3  # a level seen less often is printed, but left out of the table: too few to measure

# --------------------------------------------------------------------------
# Extraction patterns (applied after markdown links were flattened, so
# "[grade 9](url)", "grade [9](url)" and "[9](url#gitlab-job-grades)" all
# read "grade 9").
# --------------------------------------------------------------------------
NUMBER = r"\d+(?:\.\d+)?"
# "is a grade 8", "is a job grade level 7", "is a grade #9", "maps to a grade 10"
GRADE_PHRASE = re.compile(
    r"\b(?:is|are|maps\s+to|will\s+be)\s+(?:an?\s+)?(?:job\s+)?"
    r"(?:grade|level)\b[\s:#]*(?:level\b[\s:#]*)?"
    rf"(?P<grade>{NUMBER}|TBD)\b",
    re.IGNORECASE,
)
TABLE_GRADE_CELL = re.compile(rf"^(?:(?:job\s+)?(?:grade|level)\s*[#:]?\s*)?(?P<grade>{NUMBER})$", re.IGNORECASE)
GRADE_MENTION = re.compile(r"\bgrade\b", re.IGNORECASE)  # + a digit = worth checking
DIGIT = re.compile(r"\d")
MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
BARE_URL_PAREN = re.compile(r"\(\s*(?:https?://|/handbook)[^)]*\)")
HEADING = re.compile(r"^\s*#{1,6}\s*(.*?)\s*#*\s*$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
SENTENCE_END = re.compile(r"[.!?]+\s+")
ABBREVIATIONS = {"sr", "jr", "mr", "ms", "dr", "vs", "e.g", "i.e", "etc", "st", "no"}
# Subjects that are no title ("This role is a grade 7"): use the section.
ANAPHORA = re.compile(r"^(?:this|the|that)?\s*(?:role|position|job|level)?$", re.I)
# Words removed from a heading to get the title it names ...
HEADING_NOISE = re.compile(
    r"\b(?:job\s+)?grades?\b|\bresponsibilities\b|\brequirements\b|\blevels?\s*$",
    re.IGNORECASE,
)
# ... and headings that name no title at all.
GENERIC_HEADING = re.compile(
    r"^(?:and|hiring process|career ladder|performance indicators?|specialt(?:y|ies)"
    r"|specialities|nice[- ]to[- ]haves?|segments?|on this page|overview|links"
    r"|location|compensation|additional|general|levels?|job family)?$",
    re.IGNORECASE,
)


@dataclasses.dataclass
class Statement:
    title: str  # as written in the sentence / table / heading
    grade: float | None  # None for "grade TBD"
    path: str
    line: int
    kind: str  # "sentence", "heading" (title from the section) or "table"
    section: str = ""  # title named by the section heading
    level: str = ""  # level used for the statistics
    title_level: str = ""  # level of the title as written

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def mismatched(self) -> bool:
        return self.level != self.title_level


@dataclasses.dataclass
class Unparsed:
    path: str
    line: int
    text: str


# ----------------------------------------------------------------- text utils
def flatten_links(text: str) -> str:
    """Replace markdown links by their text; a bare number linking to the
    job-grades page becomes "grade N"; bare "(/handbook/...)" URLs vanish."""

    def repl(m: re.Match) -> str:
        label, url = m.group(1), m.group(2)
        if "grade" in url.lower() and re.fullmatch(rf"\s*#?\s*{NUMBER}\s*", label):
            return "grade " + label.strip().lstrip("#").strip()
        return label

    text = MD_LINK.sub(repl, text)
    text = BARE_URL_PAREN.sub("", text)
    text = re.sub(r"\b((?:job\s+)?grade)\s+grade\b", r"\1", text, flags=re.I)
    text = re.sub(r"\{:[^}]*\}", "", text)  # kramdown attribute lists
    return text.replace("{", "").replace("}", "")  # template placeholders


def clean_inline(text: str) -> str:
    """Drop html tags, emphasis markers and redundant whitespace."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" :-–—,.")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; splits after . ! ? unless after "Sr." etc."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)$", text[start : m.start()])
        if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        out.append((start, text[start : m.end()].strip()))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:].strip()))
    return out


def subject_to_title(subject: str) -> str:
    """'..., the General Manager of Meltano' -> 'General Manager of Meltano',
    'The Senior Revenue Programs Manager role' -> 'Senior Revenue Programs Manager'."""
    parts = re.split(r"(?:^|[,;:]\s*)\bthe\s+", subject, flags=re.IGNORECASE)
    title = parts[-1] if len(parts) > 1 else subject
    title = re.sub(r"^(?:the|our)\s+", "", title.strip(), flags=re.IGNORECASE)
    title = re.sub(r"\s+(?:role|position|job)$", "", title, flags=re.IGNORECASE)
    return clean_title(title)


def heading_title(heading: str) -> str:
    """'Senior Manager, Renewals Job Grade' -> 'Senior Manager, Renewals';
    generic headings ('Job Grade', 'Responsibilities', 'Levels') -> ''."""
    title = clean_title(HEADING_NOISE.sub("", heading))
    title = clean_title(re.sub(r"\blevel$", "", title, flags=re.I))  # "Senior level"
    return "" if GENERIC_HEADING.match(title) else title


# ---------------------------------------------------------------- page model
@dataclasses.dataclass
class Block:
    kind: str  # "para", "table" or "heading"
    lines: list[tuple[int, str]]  # (line number, normalised text)
    section: str  # title named by the closest preceding non-generic heading

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.lines)


def iter_blocks(raw_lines: list[str]):
    """Yield paragraphs, tables and headings.  Front matter, fenced code and
    ERB tags are skipped; a list item starts a new paragraph."""
    section = ""
    current: Block | None = None
    in_front = bool(raw_lines) and raw_lines[0].strip() == "---"
    in_fence = False
    for no, raw in enumerate(raw_lines, 1):
        stripped = raw.strip()
        if in_front:
            in_front = not (no > 1 and stripped == "---")
            continue
        if stripped.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence or stripped.startswith("<%"):
            continue
        kind = "table" if stripped.startswith("|") else "para"
        heading = HEADING.match(raw) if stripped.startswith("#") else None
        if current and (not stripped or heading or current.kind != kind or (kind == "para" and LIST_MARKER.match(raw))):
            yield current
            current = None
        if not stripped:
            continue
        text = clean_inline(flatten_links(stripped))
        if heading:
            text = clean_inline(flatten_links(heading.group(1)))
            yield Block("heading", [(no, text)], section)
            section = heading_title(text) or section
            continue
        if current is None:
            current = Block(kind, [], section)
        current.lines.append((no, LIST_MARKER.sub("", text, count=1)))
    if current:
        yield current


# ---------------------------------------------------------------- extraction
def parse_grade(text: str) -> float | None:
    return None if text.upper() == "TBD" else float(text)


def line_at(lines: list[tuple[int, str]], offset: int) -> int:
    """Line number of a character offset in the space-joined block text."""
    pos = 0
    for no, text in lines:
        pos += len(text) + 1
        if offset < pos:
            return no
    return lines[-1][0]


def mentions_grade(text: str) -> bool:
    return bool(GRADE_MENTION.search(text) and DIGIT.search(text))


def extract_paragraph(block: Block, path: str, out: list, missed: list) -> None:
    for start, sentence in split_sentences(block.text):
        matches = list(GRADE_PHRASE.finditer(sentence))
        for m in matches:
            title, kind = subject_to_title(sentence[: m.start()]), "sentence"
            if ANAPHORA.match(title):
                title, kind = block.section, "heading"
            no = line_at(block.lines, start + m.start("grade"))
            out.append(Statement(title, parse_grade(m["grade"]), path, no, kind, block.section))
        if not matches and mentions_grade(sentence):
            at = start + GRADE_MENTION.search(sentence).start()
            missed.append(Unparsed(path, line_at(block.lines, at), sentence))


def split_row(text: str) -> list[str]:
    return [c.strip() for c in text.strip().strip("|").split("|")]


def extract_table(block: Block, path: str, out: list, missed: list) -> None:
    """Rows whose grade column (header says Grade/Level, or the cell says
    'Grade N') holds a number; the title is the first cell."""
    header = split_row(block.lines[0][1])
    grade_cols = [i for i, c in enumerate(header) if re.search(r"grade|level", c, re.I)]
    for no, text in block.lines:
        cells = split_row(text)
        if all(re.fullmatch(r":?-*:?", c) for c in cells):
            continue
        cols = grade_cols or [i for i, c in enumerate(cells) if re.match(r"(?i)grade\s*#?\d", c)]
        hits = [TABLE_GRADE_CELL.match(cells[i]) for i in cols if 0 < i < len(cells)]
        hits = [m for m in hits if m]
        for m in hits:
            out.append(Statement(clean_title(cells[0]), float(m["grade"]), path, no, "table"))
        if not hits and mentions_grade(text):
            missed.append(Unparsed(path, no, " | ".join(cells)))


def extract_file(path: Path, root: Path) -> tuple[list[Statement], list[Unparsed], list[Unparsed]]:
    """Statements, unparsed grade mentions, and "Job Grade" sections that
    hold no grade statement at all."""
    rel = str(path)  # two corpora may hold the same relative path
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    out: list[Statement] = []
    missed: list[Unparsed] = []
    empty: list[Unparsed] = []
    grade_section, found_before = None, 0
    for block in [*iter_blocks(lines), None]:
        if block is None or block.kind == "heading":
            if grade_section and len(out) == found_before:
                empty.append(grade_section)
            grade_section, found_before = None, len(out)
        if block is None:
            break
        if block.kind == "para":
            extract_paragraph(block, rel, out, missed)
        elif block.kind == "table":
            extract_table(block, rel, out, missed)
        elif mentions_grade(block.text):
            missed.append(Unparsed(rel, block.lines[0][0], block.text))
        elif GRADE_MENTION.search(block.text):
            grade_section = Unparsed(rel, block.lines[0][0], block.text)
    return out, missed, empty


def drop_table_duplicates(stmts: list[Statement]) -> tuple[list[Statement], int]:
    """A summary-table row repeating a prose statement of the same page
    (same title and grade) is one observation, not two."""

    def key(s: Statement) -> tuple:
        return s.path, normalise_title(s.title).lower(), s.grade

    prose = {key(s) for s in stmts if s.kind != "table"}
    kept = [s for s in stmts if s.kind != "table" or key(s) not in prose]
    return kept, len(stmts) - len(kept)


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.name.endswith(PAGE_SUFFIXES) and p.is_file())


# ------------------------------------------------------------ classification
COMPILED_RULES = [(key, re.compile(pat, FLAGS)) for key, pat in LEVEL_RULES]


def normalise_title(title: str) -> str:
    t = re.sub(r"\bSr\b\.?", "Senior", title)
    t = re.sub(r"\bJr\b\.?", "Junior", t)
    t = re.sub(r"\bVice[- ]President\b", "Vice President", t, flags=re.I)
    return re.sub(r"\s+", " ", t).strip()


def match_level(title: str) -> str | None:
    """Level key of the first matching rule, None if no rule matches."""
    t = normalise_title(title)
    return next((key for key, rx in COMPILED_RULES if rx.search(t)), None)


def assign_level(s: Statement) -> None:
    """Level of the title; the section heading wins when it names another
    explicit level (the sentence was copy-pasted from a sibling section)."""
    s.title_level = match_level(s.title) or DEFAULT_LEVEL
    s.level = s.title_level
    section_level = match_level(s.section) if s.kind == "sentence" and s.section else None
    if section_level not in (None, DEFAULT_LEVEL, s.title_level):  # a heading without a level word names none
        s.level = section_level


# ------------------------------------------------------------------ analysis
def fmt(g: float | None) -> str:
    if g is None:
        return "TBD"
    return str(int(g)) if g == int(g) else str(g)


def level_order() -> list[str]:
    keys = [key for key, _ in LEVEL_RULES]
    return keys if DEFAULT_LEVEL in keys else keys + [DEFAULT_LEVEL]


def summarise(stmts: list[Statement]) -> dict[str, dict]:
    groups = collections.defaultdict(list)
    for s in stmts:
        if s.grade is not None:
            groups[s.level].append(s)
    summary = {}
    for key in level_order():
        items = groups.get(key)
        if not items:
            continue
        grades = [s.grade for s in items]
        lo, hi = suggested_range(grades)
        summary[key] = {
            "count": len(grades),
            "min": min(grades),
            "max": max(grades),
            "hist": collections.Counter(grades),
            "range": (lo, hi),
            "outliers": [s for s in items if not lo <= s.grade <= hi],
        }
    return summary


# ------------------------------------------------------------------- output
def print_header(stmts, n_files, n_dupes) -> None:
    kinds = collections.Counter(s.kind for s in stmts)
    print(f"Files read: {n_files}")
    print(
        f"Grade statements: {len(stmts)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}; "
        f"'heading' = title taken from the section heading); "
        f"{n_dupes} table rows dropped as repeats of prose statements"
    )
    for s in (s for s in stmts if s.grade is None):
        print(f"  no numeric grade: {s.where}: {s.title!r} is grade TBD")


def print_table(summary) -> None:
    print(f"\n{'level':<22}{'n':>4}{'min':>6}{'max':>6}  {'range':<9}histogram")
    for key, row in summary.items():
        hist = " ".join(f"{fmt(g)}:{n}" for g, n in sorted(row["hist"].items()))
        rng = f"{fmt(row['range'][0])}-{fmt(row['range'][1])}"
        print(f"{key:<22}{row['count']:>4}{fmt(row['min']):>6}{fmt(row['max']):>6}  {rng:<9}{hist}")
    unseen = [k for k in level_order() if k not in summary]
    if unseen:
        print(f"(no observation for: {', '.join(unseen)})")


def describe(s: Statement) -> str:
    extra = f"  [section: {s.section!r}]" if s.mismatched else ""
    return f"grade {fmt(s.grade):<4} {s.title!r}  {s.where}{extra}"


def print_outliers(summary) -> None:
    print(f"\nOutliers (outside the range covering >= {COVERAGE:.0%} of the level):")
    for key, row in summary.items():
        for s in row["outliers"]:
            print(f"  {key:<20} {describe(s)}")


def print_mismatches(stmts) -> None:
    bad = [s for s in stmts if s.mismatched]
    print(f"\nSentence title vs. section heading disagree on the level (section level used): {len(bad)}")
    for s in bad:
        print(f"  {s.title_level} -> {s.level}: grade {fmt(s.grade)} {s.title!r} under {s.section!r}  {s.where}")


def print_unparsed(missed, empty) -> None:
    print(f"\nUnparsed sentences mentioning 'grade' and a digit: {len(missed)}")
    for u in missed:
        print(f"  {u.path}:{u.line}: {u.text[:160]}")
    print(f"\n'Grade' headings whose section states no grade: {len(empty)}")
    for u in empty:
        print(f"  {u.path}:{u.line}: {u.text[:160]}")


def print_dump(stmts) -> None:
    print("\nAll statements (level, grade, title, place, kind):")
    order = {k: i for i, k in enumerate(level_order())}
    for s in sorted(stmts, key=lambda s: (order[s.level], s.grade or 0, s.title)):
        print(f"  {s.level:<22} {fmt(s.grade):<4} {s.title!r}  {s.where} [{s.kind}]")


def toml_string(text: str) -> str:
    """TOML literal string (no escapes needed) unless it holds a quote."""
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def print_toml(summary) -> None:
    print("[grade-levels]")
    print('# level key = { pattern = "regex matching the title", min = N, max = M }')
    print("# ORDER MATTERS: patterns are tried top to bottom and the FIRST match wins,")
    print("# so specific levels (Senior Manager, Senior Director, Senior Vice President,")
    print("# Chief/Officer) must stay above the generic ones (Senior, Manager, Director, ...).")
    print("# TOML tables keep key order when parsed with tomllib (Python dicts are ordered).")
    print("# Patterns: Python re, searched case-insensitively in the title after")
    print("# normalising Sr./Sr -> Senior, Jr./Jr -> Junior, Vice-President -> Vice President.")
    print("# The last level matches every title that has no level word: the intermediate level.")
    print(f"# min/max: narrowest grade range covering >= {COVERAGE:.0%} of the corpus observations;")
    print(f"# a level observed fewer than {MIN_OBSERVATIONS} times is left out (commented).")
    for key, rule in LEVEL_RULES:
        pattern = toml_string(rule)
        row = summary.get(key)
        if row is None or row["count"] < MIN_OBSERVATIONS:
            seen = f"n={row['count']}" if row else "no observation"
            print(f"# {key} = {{ pattern = {pattern}, min = ?, max = ? }}  # {seen}")
            continue
        lo, hi = row["range"]
        print(
            f"{key} = {{ pattern = {pattern}, min = {fmt(lo)}, max = {fmt(hi)} }}"
            f"  # n={row['count']}, seen {fmt(row['min'])}-{fmt(row['max'])}"
        )


# --------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=list(DEFAULT_CORPORA))
    ap.add_argument("--toml", action="store_true", help="print the TOML table only")
    ap.add_argument("--dump", action="store_true", help="list every statement")
    args = ap.parse_args(argv)
    files = [(path, corpus) for corpus in args.corpus for path in corpus_files(corpus)]
    if not files:
        print(f"no {' / '.join(PAGE_SUFFIXES)} pages under {', '.join(map(str, args.corpus))}", file=sys.stderr)
        return 1
    stmts, missed, empty = [], [], []
    for f, corpus in files:
        found, not_found, no_grade = extract_file(f, corpus)
        stmts += found
        missed += not_found
        empty += no_grade
    stmts, n_dupes = drop_table_duplicates(stmts)
    for s in stmts:
        assign_level(s)
    summary = summarise(stmts)
    if args.toml:
        print_toml(summary)
        return 0
    print_header(stmts, len(files), n_dupes)
    print_table(summary)
    print_outliers(summary)
    print_mismatches(stmts)
    print_unparsed(missed, empty)
    if args.dump:
        print_dump(stmts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
