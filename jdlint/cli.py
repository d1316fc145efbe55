"""The `jdlint` command: a thin layer over config, discover, engine and report."""

from __future__ import annotations

import copy
import json
import os
import sys
from collections import Counter
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import NoReturn

import typer

from jdlint import __version__, compiled

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint job-family pages kept as Markdown in a handbook.",
)


def main() -> NoReturn:
    """The `jdlint` command (the console script, `python -m jdlint`): the app on the process's
    arguments, built for the one subcommand they name, and the process ended as it finishes.
    Regular expressions come compiled from earlier runs (see jdlint.compiled)."""
    compiled.load()
    try:
        _for_subcommand(sys.argv[1] if len(sys.argv) > 1 else "")(prog_name="jdlint")
    except SystemExit as done:
        _end_process(done.code)
    _end_process(0)


def _for_subcommand(name: str) -> typer.Typer:
    """The app with only the subcommand `name`, when a subcommand has that name: typer makes
    click's parameters for every command of an app before it parses the arguments, and a run
    uses one command's (`check` has most of them). Otherwise (`--help`, `--version`, a name
    that is no command) the whole app, which lists and suggests the others."""
    commands = [c for c in app.registered_commands if (c.name or c.callback.__name__.replace("_", "-")) == name]
    groups = [group for group in app.registered_groups if group.name == name]
    if not (commands or groups):
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return narrowed


def _end_process(code) -> NoReturn:
    """Exit with `code` as `sys.exit` would, but without the interpreter's teardown, which frees
    every object of every module one by one: a third of `python -c pass` once typer is loaded.
    Nothing is left to do by then (the cache is written, workers joined) but to flush the
    output, and to keep the regular expressions compiled for the next run; when flushing fails,
    or the code is a message, the interpreter exits as usual."""
    if code is None or isinstance(code, int):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        else:
            compiled.save()
            os._exit(code or 0)
    compiled.save()
    raise SystemExit(code)


class OutputFormat(str, Enum):
    full = "full"
    concise = "concise"
    grouped = "grouped"
    json = "json"
    json_lines = "json-lines"
    sarif = "sarif"
    gitlab = "gitlab"
    github = "github"
    junit = "junit"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _profile_option():
    return typer.Option(
        None,
        "--profile",
        help="Built-in profile: gitlab, job-posting or minimal [default: the config's, else chosen from the pages].",
    )


def _fail(message: str) -> typer.Exit:
    print(f"jdlint: error: {message}", file=sys.stderr)
    return typer.Exit(2)


def _codes(values: list[str] | None) -> tuple[str, ...] | None:
    """`--select JD1,JD201 --select JD3` -> ("JD1", "JD201", "JD3")."""
    if values is None:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _version(value: bool) -> None:
    if value:
        print(f"jdlint {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Lint job-family pages kept as Markdown in a handbook."""


@app.command()
def check(
    paths: list[Path] = typer.Argument(None, help="Files or directories to lint [default: .]"),
    select: list[str] | None = typer.Option(
        None, help="Rules to enable: codes, prefixes (JD3) or names, comma-separated."
    ),
    extend_select: list[str] | None = typer.Option(None, help="Rules to enable on top of the selection."),
    ignore: list[str] | None = typer.Option(None, help="Rules to disable."),
    extend_exclude: list[str] | None = typer.Option(
        None, help="Paths or glob patterns to leave out, on top of the config's exclude; comma-separated."
    ),
    output_format: OutputFormat = typer.Option(OutputFormat.full, help="How to print the findings."),
    exit_zero: bool = typer.Option(False, help="Exit 0 even when there are findings."),
    fail_on: Level | None = typer.Option(None, help="Lowest severity that makes the exit code 1 [default: warning]."),
    statistics: bool = typer.Option(False, help="Print a count of findings per rule instead of the findings."),
    output_file: Path | None = typer.Option(
        None, "--output-file", "-o", help="Write the findings to this file instead of standard output."
    ),
    root: Path | None = typer.Option(
        None, help="The handbook root [default: the config's directory, else the git top level]."
    ),
    config: Path | None = typer.Option(None, help="Config file (.jdlint.toml or pyproject.toml)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, no summary."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the index cache."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes, then report what remains."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too."),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a unified diff; change nothing."),
    show_fixes: bool = typer.Option(
        False, "--show-fixes", help="With --fix, list the fixes applied, by file and rule."
    ),
    stdin_filename: Path | None = typer.Option(
        None, help="Lint standard input as if it were this file of the handbook (the paths are ignored)."
    ),
    force_exclude: bool | None = typer.Option(
        None,
        "--force-exclude/--no-force-exclude",
        help="Apply exclude and include to files named on the command line too (as pre-commit names them).",
    ),
    show_settings: bool = typer.Option(False, help="Print the settings in force for these paths, and exit."),
    show_files: bool = typer.Option(False, help="Print the files that would be linted, and exit."),
    write_baseline: Path | None = typer.Option(
        None, help="Record today's findings in this file, for --baseline; exit 0."
    ),
    baseline: Path | None = typer.Option(None, help="Report only findings that this baseline file does not hold."),
    profile: str | None = _profile_option(),
) -> None:
    """Lint job-family pages, judged against every page under the handbook root."""
    from jdlint import config as configuration
    from jdlint.engine import FixMode, lint_paths, missing_path
    from jdlint.report import COLORED, writer
    from jdlint.rule import Severity

    targets = list(paths or [Path(".")])
    stdin: dict[Path, bytes] = {}
    if Path("-") in targets or stdin_filename:  # as ruff: --stdin-filename alone reads standard input
        if Path("-") in targets and len(targets) > 1:
            raise _fail("'-' (standard input) cannot be combined with other paths")
        for path in (p for p in paths or () if p != Path("-")):
            print(f"jdlint: warning: ignoring {path} in favour of standard input", file=sys.stderr)
        targets = [stdin_filename or Path("stdin.md")]
        stdin = {targets[0]: sys.stdin.buffer.read()}
    try:
        settings = configuration.load(targets, config, root, profile)
        settings = configuration.with_options(
            settings,
            select=_codes(select),
            extend_select=_codes(extend_select),
            ignore=_codes(ignore),
            fail_on=Severity.parse(fail_on.value) if fail_on else None,
            force_exclude=force_exclude,
            exclude=settings.exclude + _codes(extend_exclude) if extend_exclude else None,
        )
    except configuration.ConfigError as error:
        raise _fail(str(error)) from None
    _warn_of_shadowed_config(settings)
    not_followed: list[str] = []  # symlinks found in directories that loop or lead out of the root
    missing: list[Path] = []
    documents = targets if stdin else _documents(targets, settings, not_followed, missing)
    if show_settings or show_files:
        sys.stdout.write(configuration.describe(settings, documents) if show_settings else _file_list(documents))
        raise typer.Exit(0)

    fixes = FixMode(unsafe=unsafe_fixes, write=not (diff or stdin)) if fix or diff else None
    with _progress_bar(quiet) as progress:
        report = lint_paths(documents, settings, not no_cache, fixes, stdin, progress)
    report.skipped[:0] = not_followed
    if missing:
        report.diagnostics.extend(missing_path(str(path), settings) for path in missing)
        report.files += len(missing)
        report.paths.extend(map(str, missing))
        report.diagnostics.sort(key=lambda d: d.sort_key)
    elif not (report.files or report.errors or report.skipped):
        print("jdlint: warning: no job pages found under the given paths", file=sys.stderr)
    report.unsafe_fixes = unsafe_fixes
    if write_baseline:
        _write_baseline(report, write_baseline)
    if baseline:
        _apply_baseline(report, baseline, quiet)
    if stdin and fix and not diff:
        (text,) = report.fixed_texts.values() or [stdin[targets[0]].decode("utf-8", "replace")]
        sys.stdout.write(text)
        sys.stdout.flush()
    out = sys.stderr if stdin and fix else sys.stdout  # after a fixed text, findings go to stderr
    for message in report.skipped:
        print(f"jdlint: warning: {message}", file=sys.stderr)
    for message in report.errors:
        print(f"jdlint: error: {message}", file=sys.stderr)
    if report.elsewhere and not quiet:
        pages = ", ".join(report.elsewhere)
        print(
            f"jdlint: the change breaks pages not given (titles or URLs they name moved or changed): {pages}",
            file=sys.stderr,
        )

    if diff:
        _print_diffs(report)
        raise typer.Exit(2 if report.errors else 1 if report.diffs else 0)
    if report.fixed and not quiet:
        _print_fixed(report, show_fixes)
    with _output(output_file, out) as stream:
        if statistics:
            _print_statistics(report, stream, output_format.value)
        else:
            color = output_format.value in COLORED and _use_color(stream)
            writer(output_format.value)(report, stream, color=color, quiet=quiet)
    if report.errors:
        raise typer.Exit(2)
    failing = any(d.severity >= settings.fail_on for d in report.diagnostics)
    raise typer.Exit(1 if failing and not exit_zero else 0)


def _documents(targets: list[Path], settings, not_followed: list[str], missing: list[Path]) -> list[Path]:
    """The documents to lint under `targets`, as the settings choose them."""
    from jdlint.discover import discover

    return discover(
        targets,
        settings.root,
        settings.exclude,
        not_followed,
        include=settings.is_job_page_file,
        force_exclude=settings.force_exclude,
        missing=missing,
        gitignore=settings.respect_gitignore,
    )


def _file_list(documents: list[Path]) -> str:
    from jdlint.engine import display_path

    return "".join(f"{display_path(path)}\n" for path in sorted(documents))


def _warn_of_shadowed_config(settings) -> None:
    from jdlint.config import shadowed_config

    shadowed = shadowed_config(settings.path)
    if shadowed:
        print(
            f"jdlint: warning: {settings.path} and [tool.jdlint] in {shadowed} both configure jdlint; "
            f"{settings.path.name} wins and {shadowed.name} is ignored (as ruff ranks them)",
            file=sys.stderr,
        )


@contextmanager
def _output(path: Path | None, default):
    """Where the findings are written: the file `path` (created or replaced), else `default`."""
    if path is None:
        yield default
        default.flush()
        return
    try:
        stream = path.open("w", encoding="utf-8")
    except OSError as error:
        raise _fail(f"{path}: cannot write: {error.strerror or error}") from None
    with stream:
        yield stream


@contextmanager
def _progress_bar(quiet: bool):
    """A progress bar on stderr for long runs in a terminal; nothing in pipes, CI or --quiet. rich's
    progress display is imported and started only once a run turns out long (200+ documents)."""
    if quiet or os.environ.get("CI") or not sys.stderr.isatty():
        yield None
        return
    shown: list = []  # [(bar, task)] once started

    def advance(done: int, total: int) -> None:
        if total < 200:
            return
        if not shown:
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(transient=True, console=Console(stderr=True))
            bar.start()
            shown.append((bar, bar.add_task("reading the handbook", total=total)))
        bar, task = shown[0]
        bar.update(task, completed=done)

    try:
        yield advance
    finally:
        if shown:
            shown[0][0].stop()


def _write_baseline(report, path: Path) -> None:
    from jdlint import baseline
    from jdlint.rule import plural

    try:
        count = baseline.write(report, path)
    except OSError as error:
        raise _fail(f"{path}: cannot write baseline: {error.strerror or error}") from None
    print(f"jdlint: wrote {plural(count, 'finding')} to the baseline {path}", file=sys.stderr)
    raise typer.Exit(0)


def _apply_baseline(report, path: Path, quiet: bool) -> None:
    from jdlint import baseline
    from jdlint.rule import plural

    try:
        applied = baseline.apply(report, path)
    except baseline.BaselineError as error:
        raise _fail(str(error)) from None
    if not quiet and (applied.known or applied.gone):
        entries = plural(applied.gone, "baseline entry no longer occurs", "baseline entries no longer occur")
        gone = f"; {entries} (rewrite it to shrink it)" if applied.gone else ""
        print(f"jdlint: {plural(applied.known, 'known finding')} left out by the baseline{gone}", file=sys.stderr)


def _print_fixed(report, show_fixes: bool) -> None:
    """How many findings --fix fixed, and with --show-fixes which, by file and rule (as ruff lists them)."""
    from jdlint.rule import plural

    count = sum(sum(by_rule.values()) for by_rule in report.fixed.values())
    print(f"jdlint: fixed {plural(count, 'problem')} in {plural(len(report.fixed), 'file')}", file=sys.stderr)
    if show_fixes:
        for path in sorted(report.fixed):
            print(f"- {path}:", file=sys.stderr)
            for (code, name), times in sorted(report.fixed[path].items()):
                print(f"    {times} × {code} ({name})", file=sys.stderr)


def _print_diffs(report) -> None:
    from jdlint.rule import plural

    for path in sorted(report.diffs):
        sys.stdout.write(report.diffs[path])
    count = len(report.diffs)
    print(f"jdlint: would fix {plural(count, 'file')}" if count else "jdlint: nothing to fix", file=sys.stderr)


def _print_statistics(report, out, output_format: str) -> None:
    """A count of findings per rule, most first, as ruff's --statistics: with "[*]" before the rule
    whose findings --fix fixes ("[-]" some of them, "[ ]" none) when any can be fixed; as a JSON
    array with --output-format json; the summary line when there are no findings."""
    from jdlint.report.full import applicable, summary

    counts = Counter((d.code, d.name) for d in report.diagnostics)
    fixable = Counter((d.code, d.name) for d in report.diagnostics if applicable(d, report))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if output_format == "json":
        stats = [{"code": c, "name": n, "count": count, "fixable": fixable[c, n]} for (c, n), count in rows]
        print(json.dumps(stats, indent=2), file=out)
        return
    if not rows:
        print(summary(report), file=out)
    for (code, name), count in rows:
        marker = ""
        if fixable:
            marker = "[*] " if fixable[code, name] == count else "[-] " if fixable[code, name] else "[ ] "
        print(f"{count:6d}  {code}  {marker}{name}", file=out)


def _use_color(stream=None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return (stream or sys.stdout).isatty()


def _rules_here(profile: str | None) -> list:
    """The built-in rules and the custom rules of the profile in force here (the config found from
    the working directory)."""
    from jdlint import config as configuration

    try:
        return configuration.load([Path(".")], profile=profile).rules
    except configuration.ConfigError as error:
        raise _fail(str(error)) from None


@app.command("rules")
def list_rules(profile: str | None = _profile_option()) -> None:
    """List every rule: code, name, default severity, whether it fixes, and what it flags."""
    for rule in sorted(_rules_here(profile), key=lambda r: r.code):
        fix = "fix" if rule.fixable else "   "
        print(f"{rule.code}  {rule.name:28} {str(rule.severity):8} {fix}  {rule.summary}")


@app.command()
def explain(
    code: str = typer.Argument(..., help="A rule code (JD201) or name (placeholder-text)."),
    profile: str | None = _profile_option(),
) -> None:
    """Show a rule's documentation."""
    rule = next((r for r in _rules_here(profile) if code.upper() == r.code or code == r.name), None)
    if rule is None:
        raise _fail(f"no rule {code!r}; `jdlint rules` lists them") from None
    fix = "fixable with --fix" if rule.fixable else "not fixable"
    print(f"# {rule.name} ({rule.code})\n\nSeverity: {rule.severity}; {fix}.\n\n{rule.doc}")


@app.command()
def model(
    path: Path = typer.Argument(..., help="One job-family page."), profile: str | None = _profile_option()
) -> None:
    """Print what jdlint understood of a page: its family, levels and their facts."""
    from jdlint import config as configuration
    from jdlint.model import build, describe
    from jdlint.parse import parse
    from jdlint.source import decode

    try:
        settings = configuration.load([path], profile=profile)
        data = path.read_bytes()
    except configuration.ConfigError as error:
        raise _fail(str(error)) from None
    except OSError as error:
        raise _fail(f"{path}: cannot read: {error.strerror or error}") from None
    page = build(str(path), parse(decode(data)), settings.profile)
    print(_describe_family(path, page, settings.profile) or describe(page))


def _describe_family(path: Path, page, profile) -> str:
    """The account of the family `path` is part of when it is split over the files of its
    folder (`_index.md` and level pages); '' for a family of one page."""
    from jdlint.families import FAMILY_PAGES, assemble, describe
    from jdlint.handbook import entry_for
    from jdlint.model import build
    from jdlint.parse import parse
    from jdlint.source import decode

    if not any((path.parent / name).is_file() for name in FAMILY_PAGES):
        return ""
    pages = {str(path): page}
    for other in sorted(path.parent.glob("*.md")):
        if other.is_file() and other.resolve() != path.resolve():
            try:
                pages[str(other)] = build(str(other), parse(decode(other.read_bytes())), profile)
            except OSError:
                continue  # a page that cannot be read is left out of the account
    bundle = assemble([entry_for(p, name, profile) for name, p in pages.items()], profile).get(str(path))
    return describe(bundle, pages) if bundle else ""


class LadderFormat(str, Enum):
    tree = "tree"
    mermaid = "mermaid"
    dot = "dot"
    html = "html"


@app.command()
def ladder(
    paths: list[Path] = typer.Argument(None, help="Files or directories to draw [default: .]"),
    output_format: LadderFormat = typer.Option(
        LadderFormat.tree, "--format", help="tree (terminal), mermaid, dot (Graphviz) or html (a self-contained page)."
    ),
    family: str | None = typer.Option(
        None, help="Only the families whose title or path contains this text, and their neighbours."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    link_base: str = typer.Option(
        "",
        help="Link the sources to this URL: a repository's web view of the root (…/-/blob/main/), or one of the"
        " profile's base-urls for the published pages [default: the files].",
    ),
    root: Path | None = typer.Option(
        None, help="The handbook root [default: the config's directory, else the git top level]."
    ),
    config: Path | None = typer.Option(None, help="Config file (.jdlint.toml or pyproject.toml)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the index cache."),
    profile: str | None = _profile_option(),
) -> None:
    """Draw the career ladders and reporting lines; next steps and managers that resolve to nothing are marked."""
    from jdlint import config as configuration
    from jdlint.ladder import build_graph
    from jdlint.ladder_formats import writer

    targets = list(paths or [Path(".")])
    try:
        settings = configuration.load(targets, config, root, profile)
    except configuration.ConfigError as error:
        raise _fail(str(error)) from None
    not_followed: list[str] = []
    missing: list[Path] = []
    documents = _documents(targets, settings, not_followed, missing)
    if missing:
        raise _fail(f"{missing[0]}: no such file or directory")

    graph, report = build_graph(documents, settings, use_cache=not no_cache, family=family, link_base=link_base)
    for message in [*not_followed, *report.skipped]:
        print(f"jdlint: warning: {message}", file=sys.stderr)
    for message in report.errors:
        print(f"jdlint: error: {message}", file=sys.stderr)
    if family and not graph.families():
        raise _fail(f"no job family matches {family!r}")
    write = writer(output_format.value)
    if output is None:
        write(graph, sys.stdout, color=output_format is LadderFormat.tree and _use_color())
    else:
        try:
            with output.open("w", encoding="utf-8") as stream:
                write(graph, stream, base=output.parent)
        except OSError as error:
            raise _fail(f"{output}: cannot write: {error.strerror or error}") from None
    raise typer.Exit(2 if report.errors else 0)


@app.command()
def server() -> None:
    """Run the language server on standard input and output, for editors (needs the `lsp` extra)."""
    try:
        from jdlint.server import run
    except ImportError as error:
        if error.name not in ("pygls", "lsprotocol") and not (error.name or "").startswith(("pygls.", "lsprotocol.")):
            raise
        raise _fail("the language server needs pygls: pip install 'jdlint[lsp]'") from None
    run()


profile_app = typer.Typer(no_args_is_help=True, help="Show the profile: the handbook's conventions as data.")
app.add_typer(profile_app, name="profile")


@profile_app.command("show")
def show_profile(
    path: Path = typer.Argument(Path("."), help="Where the config is looked for, as for `check` [default: .]"),
    profile: str | None = _profile_option(),
    config: Path | None = typer.Option(None, help="Config file (.jdlint.toml or pyproject.toml)."),
) -> None:
    """Print the profile in force (built-in profile + config overrides) as a .jdlint.toml to copy and edit."""
    from jdlint import config as configuration
    from jdlint.profile import profile_toml

    try:
        settings = configuration.load([path], config, profile=profile)
    except configuration.ConfigError as error:
        raise _fail(str(error)) from None
    source = f"with the overrides of {settings.path}" if settings.path else "as built in"
    print(f'# jdlint profile "{settings.profile.name}", {source}. Written as a .jdlint.toml; in pyproject.toml')
    print("# the table is [tool.jdlint.profile]. A key given there replaces the built-in value.")
    sys.stdout.write(profile_toml(settings.profile))


@app.command()
def init(
    path: Path = typer.Argument(Path("."), help="The handbook to measure [default: .]"),
    stdout: bool = typer.Option(False, "--stdout", help="Print the config instead of writing PATH/.jdlint.toml."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing PATH/.jdlint.toml."),
) -> None:
    """Measure a handbook's job descriptions and write a commented .jdlint.toml for them."""
    from jdlint.init import write_config

    target = path / ".jdlint.toml"
    if not path.is_dir():
        raise _fail(f"{path}: not a directory")
    if target.exists() and not (stdout or force):
        raise _fail(f"{target} exists; --force overwrites it, --stdout prints the new one")
    text = write_config(path)
    if stdout:
        sys.stdout.write(text)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _fail(f"{target}: cannot write: {error.strerror or error}") from None
    print(f"jdlint: wrote {target}", file=sys.stderr)
