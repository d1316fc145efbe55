"""One immutable configuration: defaults <- `[tool.jdlint]` or `.jdlint.toml` <- command line."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jdlint import toml
from jdlint.discover import real_path
from jdlint.profile import BUILT_IN, Profile, is_profile_key, load_profile
from jdlint.rule import REGISTRY, Rule, Severity

CONFIG_FILES = (".jdlint.toml", "pyproject.toml")
KEYS = frozenset(
    {
        "select",
        "ignore",
        "extend-select",
        "severity",
        "exclude",
        "extend-exclude",
        "per-file-ignores",
        "fail-on",
        "max-file-size",
        "profile",
    }
)
MAX_FILE_SIZE = 10 * 1024 * 1024  # bytes: a larger document is skipped with a warning


class ConfigError(Exception):
    """A configuration the user must correct; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path | None = None
    select: tuple[str, ...] = ()  # none given: the profile's `rules`
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    max_file_size: int = MAX_FILE_SIZE
    profile: Profile = field(default_factory=load_profile)
    _enabled: dict[tuple[str, ...], list[Rule]] = field(default_factory=dict, init=False, compare=False, repr=False)

    def enabled_rules(self, extra_ignores: tuple[str, ...] = ()) -> list[Rule]:
        """The rules that run, with a file's `per-file-ignores` added; worked out once per set."""
        if extra_ignores not in self._enabled:
            selected = [*(self.select or self.profile_selection), *self.extend_select]
            ignored = [*self.ignore, *extra_ignores]
            self._enabled[extra_ignores] = [rule for rule in self.rules if _is_enabled(rule, selected, ignored)]
        return self._enabled[extra_ignores]

    @property
    def rules(self) -> list[Rule]:
        """Every rule there is under this config: the built-in ones and the profile's own."""
        return [*built_in_rules(), *self.profile.user_rules]

    @property
    def profile_selection(self) -> list[str]:
        """What runs when nothing is selected: the profile's `rules` and its custom rules."""
        return [*self.profile.rules, *(rule.code for rule in self.profile.user_rules)]

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
    """How specifically `selector` names `rule`: 0 not at all, else the length of the match."""
    if selector == rule.name:
        return 100
    if selector.upper() == "ALL":
        return 1
    return len(selector) if rule.code.startswith(selector.upper()) else 0


def _is_enabled(rule: Rule, selected: list[str], ignored: list[str]) -> bool:
    """The most specific selector wins, as in ruff: `--select JD201 --ignore JD2` keeps JD201."""
    best_select = max((_matches(s, rule) for s in selected), default=0)
    best_ignore = max((_matches(s, rule) for s in ignored), default=0)
    return best_select > 0 and best_select > best_ignore


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


def git_toplevel(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def find_root(paths: list[Path], config_path: Path | None) -> Path:
    """The handbook root: the config's directory, else the git top level, else the common parent."""
    if config_path is not None:
        return config_path.parent.resolve()
    resolved = [real_path(p) for p in paths] or [Path.cwd()]
    common = Path(_common_parent(resolved))
    return git_toplevel(common) or common


def _common_parent(paths: list[Path]) -> str:
    import os

    parents = [str(p if p.is_dir() else p.parent) for p in paths]
    return os.path.commonpath(parents)


def load(
    paths: list[Path], config_path: Path | None = None, root: Path | None = None, profile: str | None = None
) -> Config:
    """The config for linting `paths`; `profile` names a built-in profile that replaces the one
    the config file names (its overrides still apply)."""
    if config_path is None:
        start = root or Path(_common_parent([real_path(p) for p in paths] or [Path.cwd()]))
        config_path = find_config(real_path(start))
    elif not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found")
    if profile is not None and profile not in BUILT_IN:
        raise ConfigError(f"--profile: unknown profile {profile!r} (built-in profiles: {', '.join(BUILT_IN)})")
    handbook_root = real_path(root) if root else find_root(paths, config_path)
    data = _read(config_path) if config_path else {}
    if config_path and config_path.name == "pyproject.toml":
        data = data.get("tool", {}).get("jdlint", {})
    return from_mapping(data, handbook_root, config_path, profile)


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
            select=_strings(data, "select", where),
            extend_select=_strings(data, "extend-select", where),
            ignore=_strings(data, "ignore", where),
            severity={
                code: Severity.parse(_string(level, f"severity.{code}", where)) for code, level in severity.items()
            },
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
    """The config with command-line options laid over it (None means 'not given')."""
    given = {key: value for key, value in options.items() if value is not None}
    for key in ("select", "extend_select", "ignore"):
        if key in given:
            validate_selectors(given[key], f"--{key.replace('_', '-')}", config.rules)
    return replace(config, **given)
