#!/usr/bin/env python3
"""The README's rule table, generated from the rule catalogue so that it cannot drift.

    python scripts/rule_table.py                    # print the table
    python scripts/rule_table.py --check README.md  # exit 1 if the README's table is stale
    python scripts/rule_table.py --write README.md  # rewrite the README's table in place

The table sits between `<!-- rules-table:start -->` and `<!-- rules-table:end -->`; the summary of
a rule is the first paragraph of its docstring, as `jdlint rules` shows it. Its precision is read
from the judged ledger alone (tests/ledger/verdicts.tsv and unfixed.tsv; see scripts/ledger.py): of the
rule's judged findings still reported, those judged true over those judged true or false, rounded
down; "–" when there are none. It needs no corpus, so the table is the same on every machine.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # ledger.py beside it, also when a test loads this
import ledger  # noqa: E402

START = "<!-- rules-table:start -->"
END = "<!-- rules-table:end -->"


def rule_table() -> str:
    import jdlint.engine  # noqa: F401  (registers the catalogue)
    from jdlint.rule import REGISTRY

    counts = ledger.verdict_counts(ledger.read_rows(ledger.LEDGER), ledger.read_unfixed(ledger.UNFIXED))
    rows = ["| Code | Name | Severity | Fixable | Precision | Summary |", "|---|---|---|---|---|---|"]
    for rule in sorted(REGISTRY, key=lambda r: r.code):
        summary = rule.summary.replace("|", "\\|")
        fixable = "yes" if rule.fixable else "no"
        judged = counts.get(rule.code, {})
        measured = ledger.precision(judged.get("true", 0), judged.get("false", 0))
        anchor = f'<a id="{rule.code.lower()}"></a>'  # the URL of the rule in JSON and SARIF output
        rows.append(f"| {anchor}{rule.code} | `{rule.name}` | {rule.severity} | {fixable} | {measured} | {summary} |")
    return "\n".join(rows) + "\n"


def _span(text: str) -> tuple[int, int]:
    """Where the table between the markers starts and ends in `text`."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"no {START} … {END} markers")
    return start + len(START), end


def readme_table(text: str) -> str:
    start, end = _span(text)
    return text[start:end].strip("\n") + "\n"


def with_table(text: str, table: str) -> str:
    start, end = _span(text)
    return text[:start] + "\n\n" + table + "\n" + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", metavar="README", type=Path, help="exit 1 if README's table is stale")
    action.add_argument("--write", metavar="README", type=Path, help="rewrite README's table")
    args = parser.parse_args(argv)

    table = rule_table()
    readme = args.check or args.write
    if readme is None:
        sys.stdout.write(table)
        return 0
    try:
        text = readme.read_text(encoding="utf-8")
        current = readme_table(text)
    except (OSError, ValueError) as error:
        print(f"rule_table: {readme}: {error}", file=sys.stderr)
        return 2
    if current == table:
        return 0
    if args.write:
        readme.write_text(with_table(text, table), encoding="utf-8")
        print(f"rule_table: rewrote the rule table in {readme}", file=sys.stderr)
        return 0
    sys.stderr.writelines(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            table.splitlines(keepends=True),
            f"{readme} (rule table)",
            "generated from the rules",
        )
    )
    print(
        f"rule_table: {readme}'s rule table is stale; run: python scripts/rule_table.py --write {readme}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
