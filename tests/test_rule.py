"""The rule catalogue: what a run knows of the rules without importing them."""

from __future__ import annotations

import importlib
import pkgutil

import jdlint.rules
import pytest

from jdlint.rule import REGISTRY, Severity, rule


def test_every_rule_module_imports_with_its_rules_listed_in_the_catalogue():
    for module in pkgutil.iter_modules(jdlint.rules.__path__):
        importlib.import_module(f"jdlint.rules.{module.name}")  # a rule the catalogue lacks raises


@pytest.mark.parametrize("listed", REGISTRY, ids=lambda listed: listed.code)
def test_each_rule_of_the_catalogue_is_checked_by_the_module_it_names(listed):
    assert listed.check.__module__ == f"jdlint.rules.{listed.module}"


def test_a_rule_the_catalogue_does_not_list_is_refused():
    with pytest.raises(ValueError, match="JD998"):
        rule("JD998", "not-listed", Severity.ERROR)(lambda page, context: iter(()))


def test_a_rule_the_catalogue_lists_with_another_severity_is_refused():
    with pytest.raises(ValueError, match="JD201"):
        rule("JD201", "placeholder-text", Severity.INFO)(lambda page, context: iter(()))
