"""jdlint's benchmark: whole processes, timed against markdownlint-cli2 as the baseline.

Run from anywhere (the cases are built once under bench/.work/ and reused):

    python bench/run.py            # 7 interleaved runs of each case, 3 of each scale size
    python bench/run.py --quick    # 3 runs, 1 of each scale size
    python bench/run.py --runs 11 --scale-runs 5

The baseline is markdownlint-cli2 with its default rules (every rule on), installed from the npm
registry into bench/.work/node/ when missing and run with `node` directly. The real corpus
(../shared/corpus/gitlab-handbook/job-families beside the repository) is copied into a handbook
root (an empty .jdlint.toml and a git repository, so jdlint keeps its cache there) and replicated
to 1k, 5k, 10k and 20k documents, every title of copy N suffixed with " C00NN" wherever it occurs
(front matter, level headings, grade, reports-to and ladder sentences), so titles never collide
and the cross-file rules resolve within each copy. Five of its pages are copied into a plain
folder in the system's temporary folder (no git, no config: no cache), for a run that parses all
it lints.

Each case is a whole process (start-up included), output discarded; the cases take turns within
a round, in a shuffled order, and the table reports medians. Peak RSS is ru_maxrss from wait4 (the
largest single process of the tree) and, for the scale cases, the largest sum of PSS (RSS with
shared pages split between the processes sharing them) over the process tree, sampled from /proc
every 200 ms; the memory target is judged on the larger of the two. The results also go to
bench/.work/results.json. Timings are reported, never asserted: the machine may be busy.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / ".work"
CORPUS_SOURCE = REPO.parent / "shared" / "corpus" / "gitlab-handbook" / "job-families"
SIZES = (1000, 5000, 10000, 20000)
ONE_FILE = "job-families/sales/self-service-online-sales-growth/index.html.md"
JDLINT_ARGS = ["--exit-zero", "-q", "--output-format", "json"]
SCALE_TIMEOUT = 900  # seconds for one scale run; a run past it counts as missed
SAMPLE_EVERY = 0.2  # seconds between samples of the tree's memory: reading PSS costs CPU
# Python writes and uses bytecode as an installed package does (pip compiles it), even where the
# shell sets PYTHONDONTWRITEBYTECODE: without it every start compiles jdlint's sources again.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
MARK = b"\xee\x80\x80"  # U+E000, private use: where a copy's marker goes in the template


# ---------------------------------------------------------------- building the cases


def documents(root: Path) -> list[Path]:
    """The documents jdlint would lint under `root`, relative to it, in jdlint's order."""
    from jdlint.discover import documents_under

    return [path.relative_to(root) for path in documents_under(root, root)]


def make_root(root: Path) -> None:
    """An empty .jdlint.toml and a git repository: a handbook root where jdlint keeps a cache."""
    (root / ".jdlint.toml").touch()
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", str(root)], check=True)


def build_corpus() -> Path:
    """bench/.work/corpus/: a handbook root holding a copy of the real corpus (built once)."""
    root = WORK / "corpus"
    if not (root / ".complete").exists():
        if not CORPUS_SOURCE.is_dir():
            sys.exit(f"bench: the corpus is missing: {CORPUS_SOURCE}")
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(CORPUS_SOURCE, root / "job-families")
        make_root(root)
        (root / ".complete").touch()
    return root


FRONT_MATTER = re.compile(rb"\A---\r?\n(.*?\n)---", re.S)
FRONT_MATTER_TITLE = re.compile(rb"^title:[ \t]*[\"']?(.+?)[\"']?[ \t]*\r?$", re.M)
GRADE_SUBJECT = re.compile(rb"\b[Tt]he ([A-Z][^.\[\]\n]*?) (?:is|are) (?:a |an )?\[?(?:[Jj]ob )?[Gg]rade\b")
HEADING = re.compile(rb"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


def corpus_titles(texts: list[bytes]) -> list[bytes]:
    """Every title in the corpus: front-matter titles, grade-sentence subjects and the headings
    that are one of those (level headings), longest first so the longest title wins."""
    titles: set[bytes] = set()
    for text in texts:
        front_matter = FRONT_MATTER.match(text)
        title = front_matter and FRONT_MATTER_TITLE.search(front_matter.group(1))
        if title:
            titles.add(title.group(1).strip())
        titles.update(subject.strip() for subject in GRADE_SUBJECT.findall(text))
    for text in texts:
        titles.update(h.strip() for h in HEADING.findall(text) if h.strip() in titles)
    return sorted((t for t in titles if t[:1].isupper()), key=lambda t: (-len(t), t))


def copy_templates(root: Path, files: list[Path]) -> list[bytes]:
    """Each document with MARK after every title, ready for `template.replace(MARK, b" C0042")`."""
    texts = [(root / f).read_bytes() for f in files]
    alternatives = b"|".join(re.escape(t) for t in corpus_titles(texts))
    title = re.compile(rb"(?<![\w-])(?=[A-Z])(?:" + alternatives + rb")(?![\w-])")
    return [text if MARK in text else title.sub(lambda m: m.group(0) + MARK, text) for text in texts]


def build_five(corpus: Path) -> Path:
    """jdlint-bench-five/ in the system's temporary folder: five pages of the corpus (every 40th)
    in a plain folder, outside any git checkout and without config: jdlint keeps no cache there,
    so each run parses and checks all five (a run on a few pages of a repository without jdlint's
    cache)."""
    import tempfile

    root = Path(tempfile.gettempdir()) / "jdlint-bench-five"
    if not (root / ".complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        for number, relative in enumerate(documents(corpus)[::40][:5], start=1):
            shutil.copyfile(corpus / relative, root / f"page{number}.md")
        (root / ".complete").touch()
    return root


def build_copies(count: int, corpus: Path) -> list[Path]:
    """bench/.work/copies/C0000 … : enough marked copies of the corpus for `count` documents.
    Returns the documents of the copies, copy after copy, as paths relative to copies/."""
    files = documents(corpus)
    pool = WORK / "copies"
    copies = -(-count // len(files))
    templates = None
    for number in range(copies):
        name = f"C{number:04d}"
        if (pool / name / ".complete").exists():
            continue
        templates = templates or copy_templates(corpus, files)
        for relative, template in zip(files, templates, strict=True):
            target = pool / name / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(template.replace(MARK, f" {name}".encode()))
        (pool / name / ".complete").touch()
    return [Path(f"C{number:04d}") / f for number in range(copies) for f in files][:count]


def build_scale(size: int, corpus: Path) -> Path:
    """bench/.work/scale-N/: a handbook root of N documents, hard links into copies/."""
    root = WORK / f"scale-{size}"
    if (root / ".complete").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    for relative in build_copies(size, corpus):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(WORK / "copies" / relative, target)
        except OSError:
            shutil.copyfile(WORK / "copies" / relative, target)
    make_root(root)
    (root / ".complete").touch()
    return root


def markdownlint() -> list[str]:
    """The command that runs markdownlint-cli2 (installed into bench/.work/node/ if missing),
    with a config naming the default rules."""
    node_dir = WORK / "node"
    bin_link = node_dir / "node_modules" / ".bin" / "markdownlint-cli2"
    if not bin_link.exists():
        print("bench: installing markdownlint-cli2 into bench/.work/node/", file=sys.stderr)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(node_dir), "markdownlint-cli2"], check=True)
    config = WORK / "bench.markdownlint-cli2.jsonc"
    config.write_text('{\n  "config": { "default": true }\n}\n')
    return [shutil.which("node") or "node", str(bin_link.resolve()), "--config", str(config)]


def jdlint() -> list[str]:
    """The jdlint console script of this interpreter (not a pyenv shim), else `python -m jdlint`."""
    script = Path(sys.executable).parent / "jdlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "jdlint"]


# ---------------------------------------------------------------- measuring


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children
    maxrss_mb: float  # largest single process (ru_maxrss)
    tree_mb: float | None  # largest sampled sum of PSS over the process tree
    returncode: int


def process_memory(pid: int) -> int:
    """Bytes of `pid`: its proportional set size (forked workers share pages with their parent,
    which RSS would count twice), else its RSS."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def tree_memory(pid: int) -> int:
    """Bytes resident in `pid` and its descendants, now."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            total += process_memory(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            pass
    return total


def measure(argv: list[str], cwd: Path, sample_tree: bool = False, timeout: float | None = None) -> Sample:
    """Run `argv` once, output discarded: wall time, CPU time and peak memory, from wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONMENT
    )
    peak = [0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(SAMPLE_EVERY):
            peak[0] = max(peak[0], tree_memory(process.pid))

    watcher = threading.Thread(target=watch, daemon=True) if sample_tree else None
    if watcher:
        watcher.start()
    killer = threading.Timer(timeout, process.kill) if timeout else None
    if killer:
        killer.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    if killer:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Sample(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        peak[0] / 2**20 if sample_tree else None,
        process.returncode,
    )


@dataclass
class Case:
    name: str
    argv: list[str]
    cwd: Path
    documents: int = 1
    scale: bool = False
    expect_zero: bool = True  # jdlint with --exit-zero: anything else is a failed run
    samples: list[Sample] = field(default_factory=list)

    def median(self, attribute: str = "wall") -> float | None:
        values = [getattr(s, attribute) for s in self.samples if getattr(s, attribute) is not None]
        return statistics.median(values) if values else None

    def failed(self) -> bool:
        return self.expect_zero and any(s.returncode != 0 for s in self.samples)


def make_cases(corpus: Path, five: Path, scale_roots: dict[int, Path]) -> list[Case]:
    jd, mdl = jdlint(), markdownlint()
    check = jd + ["check"] + JDLINT_ARGS
    seed = sorted(REPO.glob("seeds/001_*.md"))[0].relative_to(REPO).as_posix()
    files = [f.as_posix() for f in documents(corpus)]
    one = ONE_FILE if (corpus / ONE_FILE).exists() else files[0]
    cases = [
        Case("python -c pass", [sys.executable, "-c", "pass"], REPO),
        Case("jdlint --version", jd + ["--version"], REPO),
        Case("jdlint, one seed", check + [seed], REPO),
        Case("jdlint, one corpus file, warm cache", check + [one], corpus),
        Case("jdlint, five pages in a plain folder (no cache)", check + ["."], five, 5),
        Case("jdlint, whole corpus, cold (--no-cache)", check + ["--no-cache", "job-families"], corpus, len(files)),
        Case("jdlint, whole corpus, warm cache", check + ["job-families"], corpus, len(files)),
        Case("markdownlint-cli2, one corpus file", mdl + [":" + one], corpus, expect_zero=False),
        Case("markdownlint-cli2, whole corpus", mdl + [":" + f for f in files], corpus, len(files), expect_zero=False),
    ]
    cases += [
        Case(f"jdlint, {size:,} documents, cold (--no-cache)", check + ["--no-cache", "."], root, size, True)
        for size, root in scale_roots.items()
    ]
    return cases


def warm_up(cases: list[Case]) -> None:
    """One untimed run of each small case (fills jdlint's cache and the OS page cache); for the
    scale cases only a read of every file."""
    for case in cases:
        if case.scale:
            read_files(case.cwd)
        else:
            measure(case.argv, case.cwd)


@functools.cache
def documents_of(root: Path) -> tuple[Path, ...]:
    return tuple(root / relative for relative in documents(root))


def read_files(root: Path) -> None:
    """Read every document under `root`, untimed: the kernel of a machine like the bench's gives
    back the memory of file pages unused for a minute or so, and a case would otherwise time the
    disk as often as jdlint (a CPU / wall well under 2 on two cores)."""
    for path in documents_of(root):
        path.read_bytes()


def run_rounds(cases: list[Case], runs: int, scale_runs: int) -> None:
    """`runs` rounds; each runs every case once, in a shuffled order (scale cases in the first
    `scale_runs` rounds only)."""
    for number in range(runs):
        order = [c for c in cases if not c.scale or number < scale_runs]
        random.Random(number).shuffle(order)
        for case in order:
            read_files(case.cwd)
            case.samples.append(
                measure(case.argv, case.cwd, sample_tree=case.scale, timeout=SCALE_TIMEOUT if case.scale else None)
            )
        print(f"bench: round {number + 1}/{runs} done", file=sys.stderr)


# ---------------------------------------------------------------- judging and reporting


def by_name(cases: list[Case]) -> dict[str, Case]:
    return {case.name: case for case in cases}


def targets(cases: list[Case]) -> list[dict]:
    """Each target of issue 19: the measured value, the limit, met or missed."""
    c = by_name(cases)
    floor = c["python -c pass"].median()
    one = c["jdlint, one corpus file, warm cache"].median()
    five = c["jdlint, five pages in a plain folder (no cache)"].median()
    cold = c["jdlint, whole corpus, cold (--no-cache)"].median()
    mdl_all = c["markdownlint-cli2, whole corpus"].median()
    rows = [
        ("one file, warm (pre-commit) vs python -c pass", one / floor, 6.0, "×"),
        ("five pages, no cache, vs python -c pass", five / floor, 10.0, "×"),
        ("whole corpus cold vs markdownlint-cli2", cold / mdl_all, 0.25, "×"),
    ]
    scale = {case.documents: case for case in cases if case.scale}
    if 10000 in scale:
        ten = scale[10000]
        rows += [
            ("10,000 documents, wall", ten.median(), 25.0, "s"),
            ("10,000 documents, peak memory of the process tree", peak_memory(ten), 200.0, "MB"),
        ]
    largest = max(scale, default=0)
    if 1000 in scale and largest > 1000:
        growth = (scale[largest].median() / largest) / (scale[1000].median() / 1000)
        rows.append((f"time per document, {largest // 1000}k / 1k (flat)", growth, 1.10, "×"))
    results = []
    for what, value, limit, unit in rows:
        met = value >= limit if unit == "≥" else value <= limit
        results.append({"target": what, "value": value, "limit": limit, "unit": unit, "met": met})
    return results


def peak_memory(case: Case) -> float:
    """The larger of the sampled tree sum and the largest single process, over all runs."""
    return max(max(s.tree_mb or 0, s.maxrss_mb) for s in case.samples)


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_end": load,
    }


def source_state() -> str:
    """jdlint's commit and a digest of its working-tree sources (the tree may change mid-run)."""
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    sources = hashlib.blake2b(digest_size=4)
    for pattern in ("jdlint/**/*.py", "jdlint/**/*.toml", "rules/**/*.py", "pyproject.toml"):
        for path in sorted(REPO.glob(pattern)):
            sources.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{head or 'unknown'}, sources {sources.hexdigest()}"


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.2f}"


def tables(cases: list[Case], results: list[dict], info: dict, runs: int, scale_runs: int) -> str:
    floor = by_name(cases)["python -c pass"].median()
    load = ", ".join(f"{x:.2f}" for x in info["load_average_at_end"] or ())
    out = [
        f"Machine: {info['nproc']} × {info['cpu']}, Python {info['python']}, {info['date']}"
        f" (load average at the end {load}); jdlint {info['jdlint']}",
        f"Medians of {runs} interleaved runs (scale: {scale_runs}); whole processes, output discarded.",
        "",
        "| case | median | min | × python -c pass | peak RSS |",
        "|---|---:|---:|---:|---:|",
    ]
    for case in (c for c in cases if not c.scale):
        flag = " (FAILED)" if case.failed() else ""
        out.append(
            f"| {case.name}{flag} | {fmt(case.median())} | {fmt(min(s.wall for s in case.samples))} "
            f"| {case.median() / floor:.1f} | {fmt(max(s.maxrss_mb for s in case.samples), 'MB')} |"
        )
    out += [
        "",
        "| documents | wall (median) | per document | CPU / wall | peak RSS, largest process | "
        "peak PSS, process tree |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for case in (c for c in cases if c.scale):
        flag = " (FAILED)" if case.failed() else ""
        out.append(
            f"| {case.documents:,}{flag} | {fmt(case.median())} | {case.median() / case.documents * 1000:.2f} ms "
            f"| {case.median('cpu') / case.median():.2f} | {fmt(max(s.maxrss_mb for s in case.samples), 'MB')} "
            f"| {fmt(max(s.tree_mb or 0 for s in case.samples), 'MB')} |"
        )
    out += ["", "| target | measured | limit | |", "|---|---:|---:|---|"]
    for r in results:
        value = fmt(r["value"], r["unit"]) if r["unit"] in ("s", "MB") else f"{r['value']:.2f}"
        limit = (
            fmt(r["limit"], r["unit"])
            if r["unit"] in ("s", "MB")
            else (f"≥ {r['limit']:.2f}" if r["unit"] == "≥" else f"≤ {r['limit']:.2f} ×")
        )
        limit = limit if limit.startswith(("≥", "≤")) else f"≤ {limit}"
        out.append(f"| {r['target']} | {value} | {limit} | {'met' if r['met'] else '**missed**'} |")
    return "\n".join(out)


def save(cases: list[Case], results: list[dict], info: dict) -> None:
    data = {
        "machine": info,
        "cases": [
            {
                "name": c.name,
                "argv": c.argv,
                "cwd": str(c.cwd),
                "documents": c.documents,
                "median_wall": c.median(),
                "median_cpu": c.median("cpu"),
                "failed": c.failed(),
                "samples": [asdict(s) for s in c.samples],
            }
            for c in cases
        ],
        "targets": results,
    }
    (WORK / "results.json").write_text(json.dumps(data, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs (1 of each scale size) instead of 7 (3)")
    parser.add_argument("--runs", type=int, help="interleaved runs of each case [7, --quick 3]")
    parser.add_argument("--scale-runs", type=int, help="runs of each scale size [3, --quick 1]")
    parser.add_argument(
        "--sizes",
        type=lambda s: tuple(int(x) for x in s.split(",")),
        default=SIZES,
        help="scale sizes, comma-separated [1000,5000,10000,20000]",
    )
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    scale_runs = min(runs, args.scale_runs or (1 if args.quick else 3))
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus()
    scale_roots = {size: build_scale(size, corpus) for size in args.sizes}
    cases = make_cases(corpus, build_five(corpus), scale_roots)
    source = source_state()
    warm_up(cases)
    run_rounds(cases, runs, scale_runs)
    results, info = targets(cases), machine()
    info["jdlint"] = source
    if source_state() != source:
        info["jdlint"] += " (CHANGED during the run: timings mix versions)"
    save(cases, results, info)
    print(tables(cases, results, info, runs, scale_runs))
    if any(c.failed() for c in cases):
        print("\nbench: some runs exited non-zero: their timings are not valid (see results.json)", file=sys.stderr)


if __name__ == "__main__":
    main()
