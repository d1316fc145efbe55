#!/usr/bin/env python3
"""The ledger of judged corpus findings: what a person said of each, and what jdlint says today.

    python scripts/ledger.py unjudged [--corpus NAME] [--rule CODE] [--sample N --seed S] [--tsv]
    python scripts/ledger.py stats
    python scripts/ledger.py add FILE.tsv
    python scripts/ledger.py prune

`unjudged` lists today's findings that no row of the ledger judges, each with its message and the
lines around it, for a person to judge (`--tsv`: as rows with the verdict and reason left blank,
to fill in and `add`). `stats` prints, per rule, today's findings on each corpus, the rows judged
and the precision they measure. `add` checks judged rows (the format of tests/ledger/verdicts.tsv)
and merges them into the ledger, one row per finding (see `merged`); a row judged false whose
finding is still reported is recorded in tests/ledger/unfixed.tsv, the false positives not fixed
yet. `prune` drops from that list those that are no longer reported, so that they can never come
back unnoticed.

A finding is known to the ledger by (corpus, path, line, code, key), the key being the first
double-quoted text of its message (`-` when there is none). The corpora are the folders of
../shared/corpus beside the repository, each linted as its own root, without the cache.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpus"
CORPUS_NAMES = ("gitlab-handbook", "gitlab-hugo")
LEDGER = REPO / "tests" / "ledger" / "verdicts.tsv"
UNFIXED = REPO / "tests" / "ledger" / "unfixed.tsv"
COLUMNS = ("corpus", "path", "line", "code", "key", "verdict", "reason")
IDENTITY = COLUMNS[:5]
VERDICTS = ("true", "false", "debatable")
CONTEXT = 3  # lines shown above and below a finding to judge it
NEAREST = 3  # findings of the same rule shown beside a true finding no longer reported
_QUOTED = re.compile(r'"([^"]*)"')

Identity = tuple[str, str, int, str, str]


def key_of(message: str) -> str:
    """The first double-quoted text of a message, or `-`: with the line, what tells apart two
    findings of one rule on one line."""
    quoted = _QUOTED.search(message)
    return quoted.group(1) if quoted else "-"


@dataclass(frozen=True)
class Row:
    corpus: str
    path: str
    line: int
    code: str
    key: str
    verdict: str
    reason: str

    @property
    def identity(self) -> Identity:
        return (self.corpus, self.path, self.line, self.code, self.key)

    def cells(self) -> list[str]:
        return [self.corpus, self.path, str(self.line), self.code, self.key, self.verdict, self.reason]


@dataclass(frozen=True)
class Finding:
    corpus: str
    path: str  # relative to the corpus folder
    line: int
    code: str
    message: str

    @property
    def identity(self) -> Identity:
        return (self.corpus, self.path, self.line, self.code, key_of(self.message))


class LedgerError(ValueError):
    """Rows that do not follow the ledger's format; the message lists every problem."""


# Reading and writing the ledger


def _records(path: Path) -> list[tuple[int, list[str]]]:
    """The lines of a tab-separated file after its header, each with its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line.split("\t")) for number, line in enumerate(lines[1:], start=2) if line.strip()]


def _header_problem(path: Path, columns: tuple[str, ...]) -> str | None:
    header = path.read_text(encoding="utf-8").partition("\n")[0].rstrip("\r")
    expected = "\t".join(columns)
    return None if header == expected else f"{path}:1: the header must be {expected!r}, not {header!r}"


def row_problems(cells: list[str], judged: bool = True) -> list[str]:
    """What is wrong with one row's cells; `judged=False` allows a blank verdict and reason."""
    if len(cells) != len(COLUMNS):
        return [f"{len(cells)} columns instead of {len(COLUMNS)}"]
    corpus, path, line, code, key, verdict, reason = cells
    problems = []
    if corpus not in CORPUS_NAMES:
        problems.append(f"corpus {corpus!r} is none of {', '.join(CORPUS_NAMES)}")
    if not path or path.startswith("/") or "\\" in path:
        problems.append(f"path {path!r} is not relative to the corpus folder")
    if not line.isdigit() or int(line) < 1:
        problems.append(f"line {line!r} is not a line number")
    if not re.fullmatch(r"JD\d{3}", code):
        problems.append(f"code {code!r} is not a rule code")
    if not key:
        problems.append("the key is empty (write - for a message with no quoted text)")
    if (verdict, reason) != ("", "") or judged:
        if verdict not in VERDICTS:
            problems.append(f"verdict {verdict!r} is none of {', '.join(VERDICTS)}")
        if not reason.strip():
            problems.append("the reason is empty")
    return problems


def read_rows(path: Path, judged: bool = True) -> list[Row]:
    """The rows of a ledger-format file, or LedgerError listing every malformed line; rows with
    neither verdict nor reason (not judged yet) are left out when `judged` is False."""
    problems = [problem for problem in [_header_problem(path, COLUMNS)] if problem]
    rows = []
    for number, cells in _records(path):
        found = row_problems(cells, judged)
        problems.extend(f"{path}:{number}: {problem}" for problem in found)
        if not found and cells[5]:
            rows.append(Row(*cells[:2], int(cells[2]), *cells[3:]))
    if problems:
        raise LedgerError("\n".join(problems))
    return rows


def duplicates(rows: list[Row]) -> list[Identity]:
    counts = Counter(row.identity for row in rows)
    return sorted(identity for identity, count in counts.items() if count > 1)


def merged(rows: list[Row]) -> list[Row]:
    """One row per identity. Findings that share one (two missing sections of one family, say)
    judged alike are one row with both reasons; judged differently, they cannot be asserted
    either way, and their row is debatable, keeping every verdict in its reason."""
    groups: dict[Identity, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.identity, []).append(row)
    return [_merge(group) for group in groups.values()]


def _merge(group: list[Row]) -> Row:
    reasons = list(dict.fromkeys(row.reason for row in group))
    verdicts = {row.verdict for row in group}
    if len(verdicts) == 1:
        return Row(*group[0].identity, group[0].verdict, " / ".join(reasons))
    mixed = "; ".join(f"{row.verdict}: {row.reason}" for row in group)
    return Row(*group[0].identity, "debatable", f"findings sharing this key judged differently: {mixed}")


def _write_tsv(path: Path, columns: tuple[str, ...], records: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(columns), *("\t".join(record) for record in sorted(records, key=_sort_key))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _sort_key(record: list[str]) -> tuple:
    return (record[0], record[1], int(record[2]), *record[3:])


def write_rows(path: Path, rows: list[Row]) -> None:
    _write_tsv(path, COLUMNS, [row.cells() for row in rows])


def read_unfixed(path: Path) -> set[Identity]:
    """The false positives judged and not fixed yet: reported today, and allowed to be."""
    if not path.exists():
        return set()
    records = _records(path)
    malformed = [number for number, cells in records if len(cells) != len(IDENTITY) or not cells[2].isdigit()]
    header = _header_problem(path, IDENTITY)
    if header or malformed:
        raise LedgerError("\n".join([*filter(None, [header]), *(f"{path}:{n}: not a finding" for n in malformed)]))
    return {(corpus, page, int(line), code, key) for _, (corpus, page, line, code, key) in records}


def write_unfixed(path: Path, identities: set[Identity]) -> None:
    _write_tsv(path, IDENTITY, [[c, p, str(n), code, k] for c, p, n, code, k in identities])


# Today's findings


def corpus_folder(corpora: Path, name: str) -> Path | None:
    folder = corpora / name
    return folder if folder.is_dir() else None


def lint_corpus(name: str, folder: Path) -> list[Finding]:
    """Every finding on the corpus `folder`, linted as its own root without the cache, as
    `jdlint check FOLDER --root FOLDER --no-cache` finds them."""
    from jdlint import config as configuration
    from jdlint.discover import discover
    from jdlint.engine import lint_paths

    folder = folder.absolute()
    # Every rule, also those a profile leaves off by default, so their precision stays measured.
    settings = configuration.with_options(configuration.load([folder], None, folder), select=("JD",))
    report = lint_paths(discover([folder], settings.root, settings.exclude), settings, use_cache=False)
    return [
        Finding(name, Path(os.path.relpath(os.path.abspath(d.path), folder)).as_posix(), d.line, d.code, d.message)
        for d in report.diagnostics
    ]


def lint_corpora(corpora: Path, names: tuple[str, ...] = CORPUS_NAMES) -> dict[str, list[Finding]]:
    """The findings of each corpus present under `corpora`."""
    present = {name: corpus_folder(corpora, name) for name in names}
    return {name: lint_corpus(name, folder) for name, folder in present.items() if folder}


# What the ledger says of today's findings


@dataclass(frozen=True)
class Regressions:
    came_back: list[Row]  # judged false, reported today, and not a known unfixed one
    vanished: list[Row]  # judged true, no longer reported
    fixed: list[Identity]  # listed as unfixed, no longer reported

    def __bool__(self) -> bool:
        return bool(self.came_back or self.vanished or self.fixed)


def regressions(rows: list[Row], findings: list[Finding], unfixed: set[Identity]) -> Regressions:
    """How today's `findings` of some corpora disagree with the ledger's `rows` of those corpora."""
    reported = {finding.identity for finding in findings}
    return Regressions(
        came_back=[r for r in rows if r.verdict == "false" and r.identity in reported - unfixed],
        vanished=[r for r in rows if r.verdict == "true" and r.identity not in reported],
        fixed=sorted(unfixed - reported),
    )


def describe(found: Regressions, findings: list[Finding]) -> str:
    """The regressions for a person: each row with its reason, and for a vanished one what the
    page reports today under the same rule (the finding may only have moved or been reworded)."""
    parts = []
    if found.came_back:
        parts.append("Judged false, and reported again (fix the cause, never the ledger):")
        parts += [f"  {_place(row)}: {row.reason}" for row in found.came_back]
    if found.vanished:
        parts.append("Judged true, and no longer reported (a lost true finding; if it only moved or was")
        parts.append("reworded, judge the new finding and delete the old row):")
        for row in found.vanished:
            parts.append(f"  {_place(row)}: {row.reason}")
            now = [f for f in findings if (f.corpus, f.path, f.code) == (row.corpus, row.path, row.code)]
            nearest = sorted(now, key=lambda finding: abs(finding.line - row.line))[:NEAREST]
            parts += [f"      now {f.path}:{f.line} {f.message}" for f in sorted(nearest, key=lambda f: f.line)]
    if found.fixed:
        parts.append("Judged false and fixed: run `python scripts/ledger.py prune` so they cannot come back:")
        parts += [f"  {corpus}/{path}:{line} {code} {key!r}" for corpus, path, line, code, key in found.fixed]
    return "\n".join(parts)


def _place(row: Row) -> str:
    return f"{row.corpus}/{row.path}:{row.line} {row.code} {row.key!r}"


def precision(true: int, false: int) -> str:
    """true / (true + false), rounded down so that a figure never claims more than was measured,
    with the counts; `–` when nothing was judged true or false."""
    if true + false == 0:
        return "–"
    return f"{100 * true // (true + false)} % ({true}/{true + false})"


def verdict_counts(rows: list[Row], unfixed: set[Identity]) -> dict[str, Counter]:
    """Per rule code: how many rows are judged true, false (and still reported: listed as
    unfixed), false and fixed since, and debatable."""
    counts: dict[str, Counter] = {}
    for row in rows:
        fixed = row.verdict == "false" and row.identity not in unfixed
        counts.setdefault(row.code, Counter())["fixed" if fixed else row.verdict] += 1
    return counts


# Commands


def unjudged(args: argparse.Namespace) -> int:
    judged = {row.identity for row in read_rows(args.ledger)}
    names = (args.corpus,) if args.corpus else CORPUS_NAMES
    groups: dict[Identity, list[Finding]] = {}
    for findings in lint_corpora(args.corpora, names).values():
        for finding in findings:
            if finding.identity not in judged and (not args.rule or finding.code == args.rule):
                groups.setdefault(finding.identity, []).append(finding)
    chosen = sorted(groups)
    if args.sample is not None and args.sample < len(chosen):
        chosen = sorted(random.Random(args.seed).sample(chosen, args.sample))
    if args.tsv:
        print("\t".join(COLUMNS))
    for identity in chosen:
        print(_as_row(identity) if args.tsv else _for_judging(identity, groups[identity], args.corpora))
    print(f"{len(chosen)} of {len(groups)} unjudged findings", file=sys.stderr)
    return 0


def _as_row(identity: Identity) -> str:
    return "\t".join([*map(str, identity), "", ""])


def _for_judging(identity: Identity, findings: list[Finding], corpora: Path) -> str:
    corpus, path, line, code, key = identity
    lines = (corpora / corpus / path).read_text(encoding="utf-8", errors="replace").splitlines()
    shown = range(max(1, line - CONTEXT), min(len(lines), line + CONTEXT) + 1)
    return "\n".join(
        [
            f"== {corpus}\t{path}\t{line}\t{code}\t{key}",
            *(f"   {code} {finding.message}" for finding in findings),
            *(f"{'>' if number == line else ' '}{number:5} | {lines[number - 1]}" for number in shown),
            "",
        ]
    )


def stats(args: argparse.Namespace) -> int:
    rows = read_rows(args.ledger)
    findings = lint_corpora(args.corpora)
    counts = verdict_counts(rows, read_unfixed(args.unfixed))
    today = {name: Counter(f.code for f in found) for name, found in findings.items()}
    identities = {f.identity for found in findings.values() for f in found}
    waiting = Counter(identity[3] for identity in identities - {row.identity for row in rows})
    codes = sorted(set(counts) | set(waiting) | {code for found in today.values() for code in found})
    table = [["rule", *findings, "unjudged", "judged", *_KINDS, "precision", "as judged"]]
    for code in codes:
        reported = [found[code] for found in today.values()]
        table.append(_stats_row(code, reported, waiting[code], counts.get(code, Counter())))
    reported = [found.total() for found in today.values()]
    table.append(_stats_row("all", reported, waiting.total(), sum(counts.values(), Counter())))
    widths = [max(len(str(row[i])) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(str(cell).rjust(width) for cell, width in zip(row, widths)).rstrip())
    print(
        "\nprecision: of the judged findings still reported (false: not fixed yet); "
        "as judged: of every judged finding (fixed: judged false, no longer reported)"
    )
    return 0


_KINDS = ("true", "false", "fixed", "debatable")  # the counts of verdict_counts


def _stats_row(label: str, reported: list[int], unjudged_count: int, count: Counter) -> list:
    true, false, fixed, debatable = (count[kind] for kind in _KINDS)
    judged = [true + false + fixed + debatable, true, false, fixed, debatable]
    return [label, *reported, unjudged_count, *judged, precision(true, false), precision(true, false + fixed)]


def add(args: argparse.Namespace) -> int:
    try:
        incoming = merged(read_rows(args.file, judged=False))
        rows = read_rows(args.ledger) if args.ledger.exists() else []
    except (LedgerError, OSError) as error:
        print(f"ledger: nothing added:\n{error}", file=sys.stderr)
        return 2
    known = {row.identity: row for row in rows}
    conflicts = [row for row in incoming if row.identity in known and known[row.identity].verdict != row.verdict]
    if conflicts:
        lines = [f"  {_place(r)}: {r.verdict} here, {known[r.identity].verdict} in the ledger" for r in conflicts]
        print("ledger: nothing added; settle these first:\n" + "\n".join(lines), file=sys.stderr)
        return 2
    new = [row for row in incoming if row.identity not in known]
    write_rows(args.ledger, rows + new)
    _record_unfixed(args, [row for row in new if row.verdict == "false"])
    print(f"ledger: added {len(new)} rows ({len(incoming) - len(new)} already there)", file=sys.stderr)
    return 0


def _record_unfixed(args: argparse.Namespace, false_rows: list[Row]) -> None:
    """The new rows judged false whose finding is still reported, or whose corpus is absent and
    cannot tell, join the unfixed list."""
    if not false_rows:
        return
    findings = lint_corpora(args.corpora)
    reported = {f.identity for found in findings.values() for f in found}
    still = {row.identity for row in false_rows if row.corpus not in findings or row.identity in reported}
    if still:
        write_unfixed(args.unfixed, read_unfixed(args.unfixed) | still)
        print(f"ledger: {len(still)} of them are not fixed yet (listed in {args.unfixed})", file=sys.stderr)


def prune(args: argparse.Namespace) -> int:
    unfixed = read_unfixed(args.unfixed)
    findings = lint_corpora(args.corpora)
    present = set(findings)
    reported = {f.identity for fs in findings.values() for f in fs}
    kept = {identity for identity in unfixed if identity[0] not in present or identity in reported}
    write_unfixed(args.unfixed, kept)
    print(f"ledger: {len(unfixed) - len(kept)} false positives fixed, {len(kept)} not yet", file=sys.stderr)
    if kept != unfixed:
        print("ledger: the precision has changed: python scripts/rule_table.py --write README.md", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ledger", type=Path, default=LEDGER, help="the ledger (default: %(default)s)")
    parser.add_argument("--unfixed", type=Path, default=UNFIXED, help="the false positives not fixed yet")
    parser.add_argument("--corpora", type=Path, default=CORPORA, help="the folder of the corpora")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("unjudged", help="today's findings that no row judges, with their context")
    listing.add_argument("--corpus", choices=CORPUS_NAMES)
    listing.add_argument("--rule", metavar="CODE")
    listing.add_argument("--sample", type=int, metavar="N", help="only N findings, drawn at random")
    listing.add_argument("--seed", type=int, default=0, metavar="S", help="the draw's seed (default 0)")
    listing.add_argument("--tsv", action="store_true", help="rows to fill in and add, instead of context")
    listing.set_defaults(run=unjudged)
    commands.add_parser("stats", help="per rule: findings today, rows judged, precision").set_defaults(run=stats)
    adding = commands.add_parser("add", help="merge judged rows into the ledger")
    adding.add_argument("file", type=Path)
    adding.set_defaults(run=add)
    commands.add_parser("prune", help="forget the unfixed false positives now fixed").set_defaults(run=prune)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except LedgerError as error:
        print(f"ledger: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
