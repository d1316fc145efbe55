"""Long fuzzing run: generated job pages, damaged pages and random bytes through the whole engine.

    python scripts/fuzz.py --count 100000 --workers 2 --out fuzz-failures

Every document is checked for what tests/test_properties.py checks on a few hundred: no exception
and no JD000 (internal error) or JD004 (time budget); every finding inside the file; the JSON
output valid and encodable as UTF-8; `--fix` idempotent, with or without unsafe fixes, and safe
fixes keeping the page's headings. A document slower than --slow seconds is a failure too. Failing documents are written
to --out with what failed; the summary line counts documents and failures by kind. Exit status 0
when nothing failed.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

WORDS = ["Analyst", "Senior Analyst", "Manager, Sales", "Director, Title", "VP, Online Sales", "Intern", "Staff"]
WORDS += ["Sr. Engineer", "Chief of Staff", "X", "Zoë", "Self-Service & Data", "Principal (Trust)", "CEO"]
SECTIONS = ["Responsibilities", "Requirements", "Job Grade", "Senior Analyst Job Grade", "Performance Indicators"]
SECTIONS += ["Hiring Process", "Career Ladder", "Levels", "Specialties", "Role", "Nice-to-haves", "**Requirements:**"]
SECTIONS += ["[Manager](/jf/manager/)", "Responsbilities", "Job Grades", "Segment", "Compensation"]
MARKUP = "#-*+`~[]()<>%=!_:{}|\\/.,'\" \t\n\r\x0b\x0c\x85\u2028\ufeffaZ09é’“"
MOJIBAKE = ["teamâ€™s", "Ã©", "â€“", "Â£", "naÃ¯ve"]
CONTROL = ["\x00", "\x01", "\x1b", "\u200b", "\u202e", "\ufffd", "\x7f"]


def _words(rng: random.Random) -> str:
    return rng.choice(WORDS)


def _front_matter(rng: random.Random) -> str:
    title = _words(rng)
    return rng.choice(
        [
            "",
            f"---\ntitle: {title}\nlayout: job_family_page\n---\n",
            f"---\ntitle: {title}\n---\n",
            f"---\ntitle: {title}: broken\n---\n",
            f"---\ntitle: {title}\n",
            "---\n- a list\n---\n",
            "---\n---\n",
            "---\ntitle: !!python/object/apply:os.system ['true']\n---\n",
            "---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n---\n",
            f"---\ntitle: '{title}'\nlayout: other\n---\n",
            "---\ntitle: " + "[" * rng.randint(1, 300) + "\n---\n",
            "...\n",
        ]
    )


def _block(rng: random.Random) -> str:
    who, manager, level = _words(rng), _words(rng), _words(rng)
    grade = rng.randint(0, 20)
    kinds = [
        lambda: "#" * rng.randint(1, 7) + " " + rng.choice(SECTIONS + WORDS),
        lambda: f"The {who} reports to the [{manager}](/job-families/{manager.lower()}/).",
        lambda: f"The {who} report so the {manager}.",
        lambda: f"The {who} reports to the {manager}.\nThe {who} is a [grade {grade}](/handbook/#gitlab-job-grades).",
        lambda: f"The {who} is a grade {rng.choice(['TBD', str(grade), f'{grade}.5', ''])}.",
        lambda: f"- Same requirements as the {level} listed above and also:\n- Extends the {level} responsibilities",
        lambda: "- one\n  - nested `code\n  span` item\n- two {add title}",
        lambda: '<%= partial("job-families/sales/performance") %>',
        lambda: "<% if true %>\n## Hidden\n<% end %>",
        lambda: "```\n## Not a heading\nTBD\n```",
        lambda: "~~~\nunclosed fence",
        lambda: f"The next step is to move to the [{manager}](/jf/x/) job family.",
        lambda: f"The next step for the {who} job family is the {manager} job family.",
        lambda: "The career ladder is not yet defined.",
        lambda: rng.choice(["<!-- jdlint-disable-next-line JD2 -->", "<!-- jdlint-disable JD1 -->"]),
        lambda: rng.choice(["<!-- jdlint-enable -->", "<!-- jdlint-disable-file JD202 -->", "<!-- unclosed"]),
        lambda: "| a | b |\n|---|---|\n| The X is a grade 7. | reports to the Y |",
        lambda: f"- {rng.randint(1, 12)} years of experience\n- Ability to use GitLab\n- We are seeking a {who}",
        lambda: " ".join(rng.choice(MOJIBAKE + CONTROL + WORDS) for _ in range(rng.randint(1, 8))),
        lambda: "".join(rng.choice(MARKUP) for _ in range(rng.randint(0, 200))),
        lambda: "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 30))),
        lambda: "  " * rng.randint(0, 40) + "- " * rng.randint(1, 40) + "deep",
        lambda: ">" * rng.randint(1, 60) + " quoted TBD",
        lambda: f"{rng.choice(WORDS)}{' ' * rng.randint(1, 3000)}({rng.choice(WORDS)}",
    ]
    return rng.choice(kinds)()


def job_page(rng: random.Random, corpus_lines: list[bytes]) -> bytes:
    """A generated job page, encoded; sometimes damaged, sometimes spliced from the corpus, or bytes."""
    roll = rng.random()
    if roll < 0.05:
        return rng.randbytes(rng.randint(0, 2000))
    if roll < 0.15 and corpus_lines:
        start = rng.randrange(len(corpus_lines))
        data = b"".join(corpus_lines[start : start + rng.randint(1, 200)])
    else:
        newline = rng.choice(["\n", "\n", "\r\n", "\r"])
        text = "\n\n".join([_front_matter(rng), *(_block(rng) for _ in range(rng.randint(0, 30)))])
        text = text.replace("\n", newline)
        encoding = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"])
        data = text.encode(encoding, errors="replace")
    if rng.random() < 0.2:  # damage: flip, insert and drop bytes
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            if not damaged:
                break
            position = rng.randrange(len(damaged))
            action = rng.randrange(3)
            if action == 0:
                damaged[position] = rng.randrange(256)
            elif action == 1:
                damaged.insert(position, rng.randrange(256))
            else:
                del damaged[position]
        data = bytes(damaged)
    return data


def _headings(page) -> list[int]:
    return [block.level for block in page.parsed.blocks if block.kind == "heading"]


def check_document(data: bytes, slow: float) -> list[str]:
    """What is wrong with jdlint on `data`: a list of failure kinds, empty when all is well."""
    from jdlint.config import Config
    from jdlint.engine import Diagnostic, FixMode, Report, _fix, check_page, read_page
    from jdlint.handbook import HandbookIndex, entry_for
    from jdlint.report.json import write
    from jdlint.rule import Context
    from jdlint.source import encode

    config = _CONFIG or Config(root=Path("."))
    rules = [rule for rule in config.enabled_rules() if not rule.by_engine]
    failures = []
    start = time.perf_counter()
    page, lines = read_page(data, "page.md", config)
    if isinstance(page, Diagnostic):
        return [f"JD000 reading: {page.message[:120]}"]
    context = Context(config.profile, HandbookIndex.build([entry_for(page, "page.md")], config.profile), "page.md")
    diagnostics = check_page(page, context, config, rules)
    if time.perf_counter() - start > slow:
        failures.append(f"slow: {time.perf_counter() - start:.1f} s")
    for d in diagnostics:
        if d.code in ("JD000", "JD004"):
            failures.append(f"{d.code}: {d.message[:120]}")
        if not (1 <= d.line <= d.end_line <= len(lines) and d.column >= 1 and d.end_column >= 1):
            failures.append(
                f"{d.code} outside the file: {d.line}:{d.column}-{d.end_line}:{d.end_column} of {len(lines)}"
            )
    report = Report(diagnostics=diagnostics)
    out = io.StringIO()
    write(report, out)
    try:
        json.loads(out.getvalue())
        out.getvalue().encode("utf-8")
    except (ValueError, UnicodeError) as error:
        failures.append(f"JSON: {type(error).__name__}")
    for unsafe in (False, True):
        fixed = _fixed_text(page, data, diagnostics, context, config, rules, FixMode(unsafe=unsafe, write=False), _fix)
        if fixed is None:
            continue
        again_page, _ = read_page(encode(fixed, page.source), "page.md", config)
        if isinstance(again_page, Diagnostic):
            failures.append("fix: the fixed text cannot be read")
            continue
        if not unsafe and _headings(again_page) != _headings(page):  # unsafe fixes may change the structure
            failures.append("safe fix: headings changed")
        again = check_page(again_page, context, config, rules)
        twice = _fixed_text(again_page, b"", again, context, config, rules, FixMode(unsafe=unsafe, write=False), _fix)
        if twice is not None and twice != fixed:
            failures.append(f"{'unsafe' if unsafe else 'safe'} fix: not idempotent")
    return failures


def _fixed_text(page, data, diagnostics, context, config, rules, mode, fix) -> str | None:
    from jdlint.engine import Report

    report = Report()
    fix(Path("page.md"), page, data, diagnostics, context, config, rules, mode, report)
    return next(iter(report.fixed_texts.values()), None)


_CONFIG = None


def _worker(arguments: tuple[int, int, float, list[bytes]]) -> tuple[int, Counter, list[tuple[bytes, list[str]]]]:
    global _CONFIG
    from jdlint.config import Config

    seed, count, slow, corpus_lines = arguments
    _CONFIG = Config(root=Path("."))
    rng = random.Random(seed)
    kinds: Counter = Counter()
    examples: list[tuple[bytes, list[str]]] = []
    for _ in range(count):
        data = job_page(rng, corpus_lines)
        try:
            failures = check_document(data, slow)
        except Exception:  # noqa: BLE001 - a crash is what we are looking for
            failures = ["exception: " + traceback.format_exc().strip().splitlines()[-1][:160]]
        for failure in failures:
            kind = failure.split(":")[0]
            if kinds[kind] < 5:
                examples.append((data, failures))
            kinds[kind] += 1
    return count, kinds, examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="documents to generate")
    parser.add_argument("--workers", type=int, default=max(multiprocessing.cpu_count(), 1))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow", type=float, default=5.0, help="seconds a document may take")
    parser.add_argument("--corpus", type=Path, help="Markdown files to splice lines from")
    parser.add_argument("--out", type=Path, help="where to write failing documents")
    options = parser.parse_args()

    corpus_lines = []
    if options.corpus:
        for path in sorted(options.corpus.rglob("*.md*")):
            corpus_lines.extend(path.read_bytes().splitlines(keepends=True))
    chunks = 50
    per_chunk, extra = divmod(options.count, chunks)
    jobs = [
        (options.seed * 1_000_003 + number, per_chunk + (number < extra), options.slow, corpus_lines)
        for number in range(chunks)
    ]
    started = time.perf_counter()
    done, kinds, examples = 0, Counter(), []
    with multiprocessing.get_context("spawn").Pool(options.workers) as pool:
        for count, found, failing in pool.imap_unordered(_worker, jobs):
            done += count
            kinds.update(found)
            examples.extend(failing)
            print(f"\r{done} documents, {sum(kinds.values())} failures", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if options.out and examples:
        options.out.mkdir(parents=True, exist_ok=True)
        for number, (data, failures) in enumerate(examples):
            (options.out / f"{number:03d}.md").write_bytes(data)
            (options.out / f"{number:03d}.txt").write_text("\n".join(failures) + "\n", encoding="utf-8")
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{kind}: {count}" for kind, count in kinds.most_common()) or "no failures"
    print(f"fuzz: {done} documents in {seconds:.0f} s (seed {options.seed}): {summary}")
    return 1 if kinds else 0


if __name__ == "__main__":
    sys.exit(main())
