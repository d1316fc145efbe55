"""One immutable configuration: defaults <- `[tool.jdlint]` or `.jdlint.toml` <- command line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise
from pathlib import Path
from typing import Any, NamedTuple

from jdlint import toml
from jdlint.discover import front_matter_layout, git_toplevel, is_document, layout_of, real_path, walk
from jdlint.profile import ATX_HEADING, BOLD_LABEL, BUILT_IN, DEFAULT_NAME, Profile, is_profile_key, load_profile
from jdlint.rule import REGISTRY, Rule, Severity, plural

CONFIG_FILES = (".jdlint.toml", "pyproject.toml")
KEYS = frozenset(
    {
        "select",
        "ignore",
        "extend-select",
        "severity",
        "exclude",
        "include",
        "force-exclude",
        "respect-gitignore",
        "extend-exclude",
        "per-file-ignores",
        "fail-on",
        "max-file-size",
        "profile",
    }
)
MAX_FILE_SIZE = 10 * 1024 * 1024  # bytes: a larger document is skipped with a warning
JOB_FOLDER = "job-families"  # where a handbook keeps its job pages, unless `include` says otherwise


class ConfigError(Exception):
    """A configuration the user must correct; the message names the file and the key."""


class Selection(NamedTuple):
    """One source's `select`, `extend-select` and `ignore`: the config file's, or the command line's."""

    select: tuple[str, ...] | None = None  # None: not given (an empty list selects nothing)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path | None = None
    root_reason: str = ""  # why the root is where it is, for --show-settings
    search_start: Path | None = None  # where the config file was looked for, upwards
    profile_reason: str = ""  # why the profile is the one in force, when no config or option named it
    select: tuple[str, ...] | None = None  # the config file's; none given: the profile's `rules`
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    command_line: Selection = Selection()  # laid over the config file's selection, as in ruff
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] | None = None  # globs of the job pages; None: see `job_pages`
    force_exclude: bool = False  # `exclude` and `include` apply to files named on the command line too
    respect_gitignore: bool = True
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    max_file_size: int = MAX_FILE_SIZE
    profile: Profile = field(default_factory=load_profile)
    _enabled: dict[tuple[str, ...], list[Rule]] = field(default_factory=dict, init=False, compare=False, repr=False)
    _found: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    def enabled_rules(self, extra_ignores: tuple[str, ...] = ()) -> list[Rule]:
        """The rules that run, less a file's `per-file-ignores`; worked out once per set."""
        if extra_ignores not in self._enabled:
            selections = (Selection(self.select, self.extend_select, self.ignore), self.command_line)
            enabled = resolve_selection(self.rules, self.profile_selection, selections)
            self._enabled[extra_ignores] = [
                rule
                for rule in self.rules
                if rule.code in enabled and not any(_matches(s, rule) for s in extra_ignores)
            ]
        return self._enabled[extra_ignores]

    @property
    def rules(self) -> list[Rule]:
        """Every rule there is under this config: the built-in ones and the profile's own."""
        return [*built_in_rules(), *self.profile.user_rules]

    @property
    def profile_selection(self) -> list[str]:
        """What runs when nothing is selected: the profile's `rules` and its custom rules."""
        return [*self.profile.rules, *(rule.code for rule in self.profile.user_rules)]

    @property
    def job_pages(self) -> str:
        """Which documents are job pages, in words (for --show-settings)."""
        if self.include is not None:
            return f"those matching include = {list(self.include)}"
        folder = self._job_folder
        if not folder:
            return "all (the handbook has no job-families folder)"
        layouts = " or ".join(self.profile.job_family_layouts)
        return f"those under {folder}/" + (f", and those of layout {layouts}" if layouts else "")

    def is_job_page(self, relative_path: str, layout: str = "") -> bool:
        """Whether the document at `relative_path` (from the root), of the front-matter `layout`,
        is a job page, to be linted and indexed with its titles; other documents are only link
        targets. Without `include`: the documents under the handbook's `job-families` folder or
        of one of the profile's `job-family-layouts`; every document when there is no such folder."""
        if self.include is not None:
            return _matches_glob(relative_path, self.include)
        folder = self._job_folder
        return not folder or relative_path.startswith(folder + "/") or layout in self.profile.job_family_layouts

    def is_job_page_file(self, relative_path: str, path: Path) -> bool:
        """`is_job_page` for a file on disk: its layout is read only when its path does not tell."""
        return self.is_job_page(relative_path) or (
            self.include is None and self.is_job_page(relative_path, front_matter_layout(path))
        )

    @property
    def _job_folder(self) -> str:
        """The handbook's job-families folder relative to the root: at the root or in a site root
        (`content/`, the profile's `site-roots`); '' when there is none or the root lies in one.
        Looked for once."""
        if "job-folder" not in self._found:
            candidates = ("", "content", *self.profile.site_roots)
            folders = [Path(site_root.strip("/"), JOB_FOLDER) for site_root in candidates]
            found = next((f.as_posix() for f in folders if (self.root / f).is_dir()), "")
            self._found["job-folder"] = "" if JOB_FOLDER in self.root.parts else found
        return self._found["job-folder"]

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code) or self.severity.get(rule.name) or rule.severity

    def ignores_for(self, relative_path: str) -> tuple[str, ...]:
        from fnmatch import fnmatch

        return tuple(
            code
            for pattern, codes in self.per_file_ignores.items()
            if fnmatch(relative_path, pattern)
            for code in codes
        )


def _matches(selector: str, rule: Rule) -> int:
    """How specifically `selector` names `rule`: 0 not at all; `ALL` 1, a prefix 1 + its length,
    the rule's code or name 100."""
    if selector == rule.name or selector.upper() == rule.code:
        return 100
    if selector.upper() == "ALL":
        return 1
    return 1 + len(selector) if rule.code.startswith(selector.upper()) else 0


def resolve_selection(rules: list[Rule], default: list[str], selections: tuple[Selection, ...]) -> set[str]:
    """The codes of the rules enabled, as ruff resolves its rule selection: starting from `default`, each
    selection in turn (config file, then command line) either replaces the set (it has `select`)
    or adds and removes rules (`extend-select`, `ignore`). Within one selection the most specific
    selector wins for each rule, and `ignore` wins a tie; an `ignore` beside an empty `select`
    carries over to the next selection."""
    enabled = {rule.code for rule in rules if any(_matches(s, rule) for s in default)}
    carried: tuple[str, ...] = ()
    for selection in selections:
        ignored = (*selection.ignore, *carried)
        carried = ()
        updates = _updates(rules, (*(selection.select or ()), *selection.extend_select), ignored)
        if selection.select is not None:
            enabled = {rule for rule, on in updates.items() if on}
            if not selection.select and not selection.extend_select:
                carried = selection.ignore
        else:
            enabled = {code for code in enabled if updates.get(code, True)} | {c for c, on in updates.items() if on}
    return enabled


def _updates(rules: list[Rule], selected: tuple[str, ...], ignored: tuple[str, ...]) -> dict[str, bool]:
    """Rule code -> on or off, for the rules one selection names: its most specific selector decides."""
    updates = {}
    for rule in rules:
        best = max(
            [(_matches(s, rule), False) for s in selected] + [(_matches(s, rule), True) for s in ignored],
            default=(0, False),
        )
        if best[0]:
            updates[rule.code] = not best[1]
    return updates


def built_in_rules() -> list[Rule]:
    import jdlint.rules  # noqa: F401  (the catalogue registers itself on import; `model` has not yet)

    return REGISTRY


def validate_selectors(selectors: tuple[str, ...] | list[str], where: str, rules: list[Rule] | None = None) -> None:
    """ConfigError unless every selector names one of `rules` (default: the built-in ones)."""
    for selector in selectors:
        if not any(_matches(selector, rule) for rule in rules or built_in_rules()):
            raise ConfigError(f"{where}: {selector!r} matches no rule code, prefix or name")


def find_config(start: Path) -> Path | None:
    """The nearest `.jdlint.toml`, or `pyproject.toml` with `[tool.jdlint]`, at or above `start`."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_jdlint_table(candidate)):
                return candidate
    return None


def _has_jdlint_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures jdlint; one that is not valid TOML is an error, as
    silently linting with the defaults would hide the user's configuration."""
    return "jdlint" in _read(pyproject).get("tool", {})


def _matches_glob(relative_path: str, patterns: tuple[str, ...]) -> bool:
    """As `exclude` matches: the path from the root, or the bare name."""
    from fnmatch import fnmatch

    name = relative_path.rpartition("/")[2]
    return any(fnmatch(relative_path, pattern) or fnmatch(name, pattern) for pattern in patterns)


def find_root(paths: list[Path], config_path: Path | None) -> tuple[Path, str]:
    """The handbook root, and why: the config's directory, else the git top level, else the
    common parent of the paths."""
    if config_path is not None:
        return config_path.parent.resolve(), f"the directory of the config file {config_path}"
    resolved = [real_path(p) for p in paths] or [Path.cwd()]
    common = Path(_common_parent(resolved))
    top = git_toplevel(common)
    return (top, "the git top level") if top else (common, "the common parent of the paths (no config, no git)")


def config_files(start: Path) -> list[Path]:
    """Every config file at or above `start`, nearest first: `.jdlint.toml`, and `pyproject.toml`
    with `[tool.jdlint]`."""
    return [
        directory / name
        for directory in (start, *start.parents)
        for name in CONFIG_FILES
        if (directory / name).is_file() and (name != "pyproject.toml" or _has_jdlint_table(directory / name))
    ]


def shadowed_config(used: Path | None) -> Path | None:
    """The `pyproject.toml` with `[tool.jdlint]` beside the `.jdlint.toml` in use, which it hides."""
    if used is None or used.name != ".jdlint.toml":
        return None
    pyproject = used.parent / "pyproject.toml"
    try:
        return pyproject if pyproject.is_file() and _has_jdlint_table(pyproject) else None
    except ConfigError:
        return None


def _common_parent(paths: list[Path]) -> str:
    import os

    parents = [str(p if p.is_dir() else p.parent) for p in paths]
    return os.path.commonpath(parents)


def load(
    paths: list[Path], config_path: Path | None = None, root: Path | None = None, profile: str | None = None
) -> Config:
    """The config for linting `paths`; `profile` names a built-in profile that replaces the one
    the config file names (its overrides still apply)."""
    start = real_path(root or Path(_common_parent([real_path(p) for p in paths] or [Path.cwd()])))
    if config_path is None:
        config_path = find_config(start)
    elif not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found")
    if profile is not None and profile not in BUILT_IN:
        raise ConfigError(f"--profile: unknown profile {profile!r} (built-in profiles: {', '.join(BUILT_IN)})")
    handbook_root, why = (real_path(root), "--root") if root else find_root(paths, config_path)
    data = _read(config_path) if config_path else {}
    if config_path and config_path.name == "pyproject.toml":
        data = data.get("tool", {}).get("jdlint", {})
    config = from_mapping(data, handbook_root, config_path, profile)
    chosen = ""
    if profile is None and "profile" not in data:
        chosen_profile, chosen = _profile_for(config, paths)
        if chosen_profile != config.profile.name:
            config = from_mapping(data, handbook_root, config_path, chosen_profile)
    return replace(config, root_reason=why, search_start=start, profile_reason=chosen)


def _profile_for(config: Config, paths: list[Path]) -> tuple[str, str]:
    """The built-in profile for a handbook whose config names none, and why. `gitlab` for pages
    laid out or written as GitLab's handbook writes them: a job-families folder, or most of the
    job descriptions among the pages named (a sample) naming GitLab, heading a Job Grade or
    having its job-family layout. `job-posting` for other job descriptions: it asks nothing of
    GitLab's own policy (grades, "Ability to use GitLab", career ladders) of another company's
    pages. The sample is of the pages named, else, when none of them describes a job, of the
    handbook's; a sample without job descriptions keeps the default: it has nothing of GitLab's
    policy to meet. A handbook of mixed pages whose runs name a few files names its profile in
    config. `config` is the configuration under the default profile."""
    if JOB_FOLDER in config.root.parts or config._job_folder:
        return DEFAULT_NAME, f"chosen: the handbook has a {JOB_FOLDER} folder"
    posting, layouts = load_profile(name=JOB_POSTING), config.profile.job_family_layouts

    def job_descriptions(among: list[Path]) -> list[str]:
        texts = map(_head_of, _sample_pages(among, config))
        return [text for text in texts if _describes_a_job(text, posting, layouts)]

    # Pages named that are no job descriptions (a README, a people-team page, as a pre-commit run
    # may name) are judged as the handbook they lie in would be: the same profile as a whole run.
    jobs = job_descriptions(paths) or job_descriptions([config.root])
    gitlabs = sum(bool(_GITLAB_SIGNS.search(text)) or layout_of(text) in layouts for text in jobs)
    why = f"chosen: {gitlabs} of {plural(len(jobs), 'job description')} sampled read as GitLab's"
    return (DEFAULT_NAME if gitlabs * 2 > len(jobs) or not jobs else JOB_POSTING), why


PROFILE_SAMPLE = 50  # pages read to choose a profile: enough to tell one handbook's kind
JOB_POSTING = "job-posting"
# What only GitLab's pages say (beside its job-family layout): its name. Its section headings ("Job
# Grade", "Performance Indicators") are not enough: another company's framework may use them too
# (an insurer's levels were told to add "Ability to use GitLab").
_GITLAB_SIGNS = re.compile(r"GitLab")


def _sample_pages(paths: list[Path], config: Config) -> Iterator[Path]:
    """Up to PROFILE_SAMPLE documents among `paths`, as the run finds them (`discover.walk`: the
    folders it skips, the paths excluded and those git ignores left out)."""
    found = (
        Path(document)
        for path in paths
        for document in (
            walk(path, config.root, config.exclude, gitignore=config.respect_gitignore)
            if path.is_dir()
            else ([path] if is_document(path) else [])
        )
    )
    return islice(found, PROFILE_SAMPLE)


def _head_of(path: Path) -> str:
    """The start of a page's text; '' when it is no regular file (a FIFO named like a page would
    block the read) or cannot be read."""
    if not path.is_file():
        return ""
    try:
        with path.open("rb") as file:
            text = file.read(256 * 1024).decode("utf-8", "replace")
    except OSError:
        return ""
    return text


def _describes_a_job(text: str, profile: Profile, layouts: list[str]) -> bool:
    """Whether a page heads a responsibilities or requirements section (an ATX or setext heading
    or a bold label, under any of `profile`'s names for them), says whom a role reports to (as
    the model reads a job page), or has one of the job-family `layouts`."""
    required = set(profile.required_sections)
    for line, below in pairwise([*text.splitlines(), ""]):
        label = ATX_HEADING.fullmatch(line) or BOLD_LABEL.fullmatch(line)
        name = label["label"] if label else line if _SETEXT_UNDERLINE.fullmatch(below) else ""
        if name.strip() and required & set(profile.section_names(name.strip())):
            return True
    return bool(_REPORTING_LINE.search(text)) or layout_of(text) in layouts


_SETEXT_UNDERLINE = re.compile(r"[ ]{0,3}(?:=+|-{2,})[ \t]*")
_REPORTING_LINE = re.compile(r"\breports?\s+(?:directly\s+)?(?:in)?to\b", re.IGNORECASE)


def _read(path: Path) -> dict[str, Any]:
    try:
        return toml.load_file(path)
    except (toml.TOMLDecodeError, UnicodeDecodeError) as error:  # TOML is UTF-8
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def from_mapping(data: dict[str, Any], root: Path, path: Path | None = None, profile: str | None = None) -> Config:
    where = str(path) if path else "configuration"
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")
    profile_data = _profile_table(data, where)
    unknown = sorted(key for key in profile_data if not is_profile_key(key))
    if unknown:
        raise ConfigError(f"{where}: unknown profile key {unknown[0]!r}")
    severity = _table(data, "severity", where)
    per_file_ignores = _table(data, "per-file-ignores", where)
    try:
        config = Config(
            root=root,
            path=path,
            select=_strings(data, "select", where) if "select" in data else None,
            extend_select=_strings(data, "extend-select", where),
            ignore=_strings(data, "ignore", where),
            severity={
                code: Severity.parse(_string(level, f"severity.{code}", where)) for code, level in severity.items()
            },
            include=_strings(data, "include", where) if "include" in data else None,
            force_exclude=_boolean(data, "force-exclude", False, where),
            respect_gitignore=_boolean(data, "respect-gitignore", True, where),
            exclude=_strings(data, "exclude", where) + _strings(data, "extend-exclude", where),
            per_file_ignores={pattern: _strings(per_file_ignores, pattern, where) for pattern in per_file_ignores},
            fail_on=Severity.parse(_string(data.get("fail-on", "warning"), "fail-on", where)),
            max_file_size=_size(data.get("max-file-size", MAX_FILE_SIZE), "max-file-size", where),
            profile=load_profile(profile_data, profile),
        )
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None
    known = config.rules
    for key in ("select", "extend-select", "ignore"):
        validate_selectors(_strings(data, key, where), f"{where}: {key}", known)
    rules = _strings({"rules": config.profile.rules}, "rules", f"{where}: profile")
    validate_selectors(rules, f"{where}: profile rules", known)
    validate_selectors(tuple(config.severity), f"{where}: severity", known)
    for pattern, codes in config.per_file_ignores.items():
        validate_selectors(codes, f"{where}: per-file-ignores {pattern!r}", known)
    return config


def _profile_table(data: dict[str, Any], where: str) -> dict[str, Any]:
    """`profile = "NAME"` picks a built-in profile; a `[profile]` table picks one with `name` and
    overrides its keys."""
    value = data.get("profile", {})
    if isinstance(value, str):
        return {"name": value}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'profile' must be a profile's name or a table")
    return value


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key!r} must be a table")
    return value


def _string(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key!r} must be a string (error, warning or info)")
    return value


def _boolean(data: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {key!r} must be true or false")
    return value


def _size(value: Any, key: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}: {key!r} must be a number of bytes (a whole number, 0 or more)")
    return value


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def with_options(config: Config, **options: Any) -> Config:
    """The config with command-line options laid over it (None means 'not given'): `select`,
    `extend_select` and `ignore` form the command line's selection, the others replace keys."""
    given = {key: value for key, value in options.items() if value is not None}
    selection = {key: given.pop(key) for key in Selection._fields if key in given}
    for key, selectors in selection.items():
        validate_selectors(selectors, f"--{key.replace('_', '-')}", config.rules)
    if selection:
        given["command_line"] = Selection(**selection)
    return replace(config, **given)


def describe(config: Config, documents: list[Path]) -> str:
    """The settings in force, for `check --show-settings`: where they come from and what they
    choose."""
    found = config_files(config.search_start) if config.search_start else []
    lines = [
        f"root: {config.root}",
        f"  because: {config.root_reason or 'given'}",
        f"config file used: {config.path or 'none (the defaults)'}",
        *(f"config file found, not used: {path}" for path in found if path != config.path),
        f"profile: {config.profile.name}",
        *([f"  because: {config.profile_reason}"] if config.profile_reason else []),
        f"job pages: {config.job_pages}",
        f"include: {list(config.include) if config.include is not None else 'not set'}",
        f"exclude: {list(config.exclude)}",
        f"force-exclude: {str(config.force_exclude).lower()}",
        f"respect-gitignore: {str(config.respect_gitignore).lower()}",
        f"fail-on: {config.fail_on}",
        f"rules enabled: {' '.join(sorted(rule.code for rule in config.enabled_rules()))}",
        *(f"per-file-ignores: {pattern} = {list(codes)}" for pattern, codes in config.per_file_ignores.items()),
        f"files to lint: {len(documents)}",
    ]
    return "".join(f"{line}\n" for line in lines)
