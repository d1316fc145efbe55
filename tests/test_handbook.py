"""The handbook index, its cache, and the single-file contract: a file is judged the same alone."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from jdlint import config as configuration
from jdlint.cache import CACHE_DIRECTORY
from jdlint.discover import HugoSite, discover
from jdlint.engine import lint_paths
from jdlint.handbook import HandbookIndex, url_path
from jdlint.profile import load_profile
from jdlint.titles import normalise_title

PAGE = """\
---
title: {title}
---

## Levels

### {title}

{reports}

The {title} is a grade {grade}.
"""


def write(root: Path, relative: str, title: str, grade: int, reports: str = "") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, grade=grade, reports=reports), encoding="utf-8")
    return path


def run(paths: list[Path], use_cache: bool = True) -> list[tuple[str, int, str, str]]:
    settings = configuration.load(paths)
    report = lint_paths(discover(paths, settings.root, settings.exclude), settings, use_cache=use_cache)
    return [(Path(d.path).name, d.line, d.code, d.message) for d in report.diagnostics]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    # Cross-file facts only: the pages written here state no reporting line of their own (JD504).
    (tmp_path / ".jdlint.toml").write_text('select = ["JD3", "JD5"]\nignore = ["JD504"]\n', encoding="utf-8")
    return tmp_path


# Title normalisation


@pytest.mark.parametrize(
    "spelling",
    [
        "VP Online Sales and Self Service",
        "VP, Online Sales and Self Service",
        "Vice President, Online Sales & Self-Service",
        "vice president online sales & self service job family",
    ],
)
def test_title_spellings_share_one_key(spelling):
    assert normalise_title(spelling) == "vice president online sale and self service"


def test_different_titles_keep_different_keys():
    assert normalise_title("Manager, Sales") != normalise_title("Senior Manager, Sales")


# Links


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("content/job-families/sales/foo/index.html.md.erb", "job-families/sales/foo"),
        ("content/job-families/sales/ops/_index.md", "job-families/sales/ops"),
        ("content/job-families/sales/ops/index.md", "job-families/sales/ops"),
        ("content/job-families/sales/ops/senior.md", "job-families/sales/ops/senior"),
        ("content/job-families/sales/ops/my_index.md", "job-families/sales/ops/my_index"),
        ("content/_index.md", ""),
    ],
)
def test_page_urls_drop_index_files_and_site_roots(path, url):
    assert url_path(path, ["content"]) == url


@pytest.mark.parametrize(
    ("href", "kind"),
    [
        ("/job-families/sales/vp/", "document"),
        ("https://about.gitlab.com/job-families/sales/vp/#vp-sales", "document"),
        ("../vp/", "document"),
        ("/job-families/sales/nobody/", "missing"),
        ("/handbook/hiring/", "outside"),
        ("https://example.com/job-families/sales/vp/", "outside"),
        ("#director-sales", "document"),
        ("#nobody", "missing-anchor"),
    ],
)
def test_links_resolve_through_their_target_path(href, kind):
    from jdlint.handbook import Entry

    entries = [
        Entry("job-families/sales/vp/index.html.md", "VP, Sales", 2, ()),
        Entry("job-families/sales/rep/index.html.md", "Rep", 2, ()),
    ]
    index = HandbookIndex.build(entries, load_profile())
    assert index.resolve_link(href, "job-families/sales/rep/index.html.md", {"director-sales"}).kind == kind


HUGO_PAGES = [
    "content/job-families/sales/ops/_index.md",
    "content/job-families/sales/ops/senior.md",
    "content/job-families/sales/ops/manager.md",
    "content/job-families/sales/deal-desk.md",
    "content/job-families/marketing/brand/index.md",
]


def _hugo_index(site: HugoSite = HugoSite(), aliases: tuple[str, ...] = ()) -> HandbookIndex:
    from jdlint.handbook import Entry

    entries = [Entry(path, path, 2, (), aliases=aliases if path.endswith("deal-desk.md") else ()) for path in HUGO_PAGES]
    return HandbookIndex.build(entries, load_profile(), site)


@pytest.mark.parametrize(
    ("href", "target"),
    [
        ("/job-families/sales/ops/", "content/job-families/sales/ops/_index.md"),
        ("/job-families/sales/ops", "content/job-families/sales/ops/_index.md"),
        ("https://handbook.gitlab.com/job-families/sales/ops/#director", "content/job-families/sales/ops/_index.md"),
        ("/job-families/marketing/brand/", "content/job-families/marketing/brand/index.md"),
        ("../", "content/job-families/sales/ops/_index.md"),  # from the URL ".../ops/senior/"
        ("../manager/", "content/job-families/sales/ops/manager.md"),
    ],
)
def test_a_folders_own_page_publishes_at_the_folders_url(href, target):
    found = _hugo_index().resolve_link(href, "content/job-families/sales/ops/senior.md")
    assert (found.kind, found.path) == ("document", target)


@pytest.mark.parametrize(
    ("ref", "target"),
    [
        ('{{< ref "/job-families/sales/ops" >}}', "content/job-families/sales/ops/_index.md"),
        ('{{< ref "/job-families/sales/ops/_index.md" >}}', "content/job-families/sales/ops/_index.md"),
        ('{{< relref "/job-families/sales/ops/manager.md#grade" >}}', "content/job-families/sales/ops/manager.md"),
        ('{{% ref "manager.md" %}}', "content/job-families/sales/ops/manager.md"),  # beside the page
        ('{{< relref "manager#job-grade" >}}', "content/job-families/sales/ops/manager.md"),
        ('{{< ref "../deal-desk" >}}', "content/job-families/sales/deal-desk.md"),  # from the page's folder
        ('{{< ref "job-families/sales/deal-desk.md" >}}', "content/job-families/sales/deal-desk.md"),
        ('{{< ref "brand" >}}', "content/job-families/marketing/brand/index.md"),  # by name, the only one
        ('{{< ref "#requirements" >}}', "content/job-families/sales/ops/senior.md"),
    ],
)
def test_a_hugo_ref_resolves_against_the_content_tree(ref, target):
    found = _hugo_index().resolve_link(ref, "content/job-families/sales/ops/senior.md", {"requirements"})
    assert (found.kind, found.path) == ("document", target)


@pytest.mark.parametrize(
    ("ref", "kind"),
    [
        ('{{< ref "/job-families/sales/nobody" >}}', "missing"),
        ('{{< ref "../nobody.md" >}}', "missing"),
        ('{{< ref "#nobody" >}}', "missing-anchor"),
        ('{{< ref "/handbook/hiring" >}}', "outside"),
        ('{{< ref "compensation-calculator#grades" >}}', "outside"),  # may be a page outside the root
    ],
)
def test_a_hugo_ref_to_no_page_is_broken_when_it_leads_among_the_job_pages(ref, kind):
    assert _hugo_index().resolve_link(ref, "content/job-families/sales/ops/senior.md").kind == kind


def test_a_hugo_ref_by_a_name_no_page_has_is_broken_when_the_root_is_the_whole_site():
    found = _hugo_index(HugoSite("content")).resolve_link(
        '{{< ref "nobody" >}}', "content/job-families/sales/ops/senior.md"
    )
    assert found.kind == "missing"


@pytest.mark.parametrize("alias", ["/job-families/sales/desk/", "desk", "../sales/desk"])
def test_front_matter_aliases_are_urls_of_the_page(alias):
    index = _hugo_index(aliases=(alias,))
    found = index.resolve_link("/job-families/sales/desk/", "content/job-families/sales/ops/senior.md")
    assert (found.kind, found.path) == ("document", "content/job-families/sales/deal-desk.md")


def test_an_alias_does_not_hide_a_page_at_that_url():
    index = _hugo_index(aliases=("/job-families/sales/ops/",))
    assert index.resolve_link("/job-families/sales/ops/", "x.md").path == "content/job-families/sales/ops/_index.md"


def test_a_root_inside_the_content_folder_publishes_at_its_folders_url():
    from jdlint.handbook import Entry

    index = HandbookIndex.build(
        [Entry("ops/_index.md", "Ops", 2, ())], load_profile(), HugoSite("", "job-families/sales")
    )
    assert index.resolve_link("/job-families/sales/ops/", "ops/senior.md").path == "ops/_index.md"


@pytest.mark.parametrize(
    ("url", "meant"),
    [
        ("job-families/finance/deal-desk", "job-families/sales/deal-desk"),  # the page moved
        ("job-families/sales/deal-dek", "job-families/sales/deal-desk"),  # a typo
        ("job-families/sales/ops/manger", "job-families/sales/ops/manager"),
        ("job-families/sales/ops/senior-manager", None),  # another level
        ("job-families/sales/opx", None),  # too short to tell a typo from another name
    ],
)
def test_a_broken_url_suggests_the_page_probably_meant(url, meant):
    assert _hugo_index().suggest_url(url) == meant


def _hugo_corpus_findings(corpus: Path, select: tuple[str, ...]):
    settings = configuration.with_options(configuration.load([corpus], None, corpus), select=select)
    return lint_paths(discover([corpus], settings.root), settings, use_cache=False).diagnostics


def test_links_to_family_folders_of_the_hugo_corpus_resolve(hugo_corpus):
    """Every link reported broken on the real pages leads to no page: no file, no folder's own page."""
    broken = [
        re.search(r"links to (\S+), which is no page", d.message)[1]
        for d in _hugo_corpus_findings(hugo_corpus, ("JD401", "JD502"))
        if "which is no page" in d.message
    ]
    assert broken
    for href in broken:
        page = hugo_corpus / "content" / urlsplit(href).path.strip("/")
        assert not any(p.is_file() for p in (page.with_suffix(".md"), page / "_index.md", page / "index.md")), href


def _index_of_families(titles: list[str]) -> HandbookIndex:
    from jdlint.handbook import Entry

    entries = [Entry(f"job-families/f{number}.md", title, 2, ()) for number, title in enumerate(titles)]
    return HandbookIndex.build(entries, load_profile())


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Manager, Solutons Architects", "Manager, Solutions Architects"),  # a misspelt word
        ("Manger, Solutions Architects", "Manager, Solutions Architects"),  # a misspelt level word
        ("Director, Solutions Architects", None),  # another level is no suggestion
        ("Manager, Field Marketing", None),  # nothing close
        ("Manager, Solutions Engineers", None),  # another word in place of one is another role
    ],
)
def test_suggestions_come_from_titles_sharing_rare_words(name, suggestion):
    fillers = [f"Manager, Widget Engineering {number}" for number in range(3000)]
    index = _index_of_families([*fillers, "Manager, Solutions Architects"])
    assert index.suggest(name) == suggestion


def test_a_suggestion_does_not_compare_every_title():
    fillers = [f"Manager, Widget Engineering {number}" for number in range(3000)]
    index = _index_of_families([*fillers, "Manager, Solutions Architects"])
    assert index._candidates(index.key("Manager, Solutons Architects")) == [index.key("Manager, Solutions Architects")]


def test_a_suggestion_is_looked_for_once_per_name(monkeypatch):
    index = _index_of_families(["Manager, Solutions Architects"])
    looked_for = []
    closest = index._closest_title
    monkeypatch.setattr(index, "_closest_title", lambda *asked: looked_for.append(asked) or closest(*asked))
    answers = [index.suggest("Manager, Solutons Architects") for _ in range(3)]
    assert answers == ["Manager, Solutions Architects"] * 3
    assert len(looked_for) == 1


def test_a_suggestion_among_some_titles_is_not_the_one_among_all():
    index = _index_of_families(["Manager, Solutions Architects", "Manager, Solution Architecture"])
    among = ["Manager, Solution Architecture"]
    assert index.suggest("Manager, Solutons Architects", among) == "Manager, Solution Architecture"
    assert index.suggest("Manager, Solutons Architects") == "Manager, Solutions Architects"
    assert index.suggest("Manager, Solutons Architects", among) == "Manager, Solution Architecture"


# Abbreviations


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("CLO", "Chief Legal Officer"),  # the profile's table
        ("VP, FP&A", "VP, Financial Planning and Analysis"),  # an abbreviation inside a title
        ("DRO", "Director, Revenue Operations"),  # the initials of a family's title
        ("QEL", "Quality Engineering Lead (QEL)"),  # the abbreviation a family's title gives itself
        ("Quality Engineering Lead", "Quality Engineering Lead (QEL)"),
    ],
)
def test_abbreviations_resolve_to_the_family_they_stand_for(name, family):
    families = [
        "Chief Legal Officer",
        "VP, Financial Planning and Analysis",
        "Director, Revenue Operations",
        "Quality Engineering Lead (QEL)",
    ]
    index = _index_of_families(families)
    assert [entry.family for entry in index.resolve_title(name)] == [family]


def test_a_bracketed_abbreviation_of_other_words_is_no_abbreviation_of_the_family():
    index = _index_of_families(["Chief of Staff (CRO)"])
    assert index.resolve_title("CRO") == []


@pytest.mark.parametrize(
    ("name", "title", "same"),
    [
        ("User Experience (UX) Research Manager", "Manager, UX Research", True),  # X for "Experience"
        ("UX Research Manager", "Manager, User Experience Research", True),
        ("Extended Reality Engineer", "XR Engineer", True),
        ("UX Design Manager", "Manager, UX Research", False),  # another role
        ("User Research Manager", "Manager, UX Research", False),  # "UX" is two words, not one
    ],
)
def test_an_x_abbreviates_a_word_that_opens_with_ex(name, title, same):
    assert _index_of_families([title]).names_role(name, title) is same


def test_an_ambiguous_abbreviation_names_every_family_it_may_stand_for():
    index = _index_of_families(["Chief Product Officer", "Chief People Officer"])
    assert sorted(entry.family for entry in index.resolve_title("CPO")) == [
        "Chief People Officer",
        "Chief Product Officer",
    ]


# The index sees the whole handbook from one file


def test_one_file_is_judged_against_the_whole_handbook(root):
    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Manager, Data.")
    write(root, "b.md", "Manager, Data", 8)
    assert run([analyst]) == []
    assert run([analyst], use_cache=False) == []


def test_findings_for_other_files_are_not_reported(root):
    analyst = write(root, "a.md", "Data Analyst", 6)
    write(root, "b.md", "Manager, Data", 8, "The Manager, Data reports to the Director, Nobody.")
    assert run([analyst]) == []
    assert [f[:3] for f in run([root])] == [("b.md", 9, "JD502")]


# Cache


def test_cache_is_written_under_the_root_and_ignored_by_git(root):
    write(root, "a.md", "Data Analyst", 6)
    run([root])
    assert (root / CACHE_DIRECTORY / "index.json").is_file()
    assert (root / CACHE_DIRECTORY / ".gitignore").read_text().strip().endswith("*")


def test_no_cache_writes_nothing(root):
    write(root, "a.md", "Data Analyst", 6)
    run([root], use_cache=False)
    assert not (root / CACHE_DIRECTORY).exists()


def test_a_folder_that_is_no_project_gets_no_cache(tmp_path):
    write(tmp_path, "a.md", "Data Analyst", 6)
    run([tmp_path])
    assert not (tmp_path / CACHE_DIRECTORY).exists()


def test_a_file_changed_while_being_linted_is_linted_as_parsed_and_not_cached(root, monkeypatch):
    from jdlint import engine

    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Manager, Data.")
    write(root, "b.md", "Manager, Data", 8)
    read_documents = engine._read_documents

    def edited_after_the_digest(*args):
        documents = read_documents(*args)
        analyst.write_text(analyst.read_text().replace("Manager, Data", "Manager, Nobody"), encoding="utf-8")
        return documents

    monkeypatch.setattr(engine, "_read_documents", edited_after_the_digest)
    assert [f[:3] for f in run([analyst])] == [("a.md", 9, "JD502")]
    cached = json.loads((root / CACHE_DIRECTORY / "index.json").read_text().partition("\n")[2])["entries"]
    assert "a.md" not in cached and "b.md" in cached


def test_edited_grade_is_seen_through_the_cache(root):
    senior = write(root, "a.md", "Senior Manager, Data", 9, "The Senior Manager, Data reports to the Director, Data.")
    write(root, "b.md", "Director, Data", 10)
    assert run([senior]) == []
    write(root, "b.md", "Director, Data", 8)
    assert [f[2] for f in run([senior])] == ["JD503"]


def test_renamed_title_is_seen_through_the_cache(root):
    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Manager, Data.")
    write(root, "b.md", "Manager, Data", 8)
    assert run([analyst]) == []
    write(root, "b.md", "Manager, Data Science", 8)
    assert [f[2] for f in run([analyst])] == ["JD502"]


def test_deleted_file_is_seen_through_the_cache(root):
    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Manager, Data.")
    manager = write(root, "b.md", "Manager, Data", 8)
    assert run([analyst]) == []
    manager.unlink()
    assert [f[2] for f in run([analyst])] == ["JD502"]


@pytest.mark.parametrize("garbage", ["", "{not json", '{"fingerprint": 1, "entries": []}', '{"entries": {"b.md": 3}}'])
def test_corrupt_cache_is_ignored_and_rebuilt(root, garbage):
    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Manager, Data.")
    write(root, "b.md", "Manager, Data", 8)
    run([root])
    (root / CACHE_DIRECTORY / "index.json").write_text(garbage, encoding="utf-8")
    assert run([analyst]) == []
    assert json.loads((root / CACHE_DIRECTORY / "index.json").read_text().partition("\n")[2])["entries"]


def test_cache_from_another_profile_is_not_used(root):
    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Boss, Data.")
    run([root])
    (root / ".jdlint.toml").write_text('select = ["JD5"]\n[profile]\ntop-titles = ["boss"]\n', encoding="utf-8")
    assert run([analyst]) == []


def test_results_cached_by_other_code_are_not_used(root, monkeypatch):
    from jdlint import cache, engine

    source = root / "src" / "rules.py"
    source.parent.mkdir()
    source.write_text("# a rule\n", encoding="utf-8")
    monkeypatch.setattr(cache, "source_files", lambda: [source])
    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Boss, Nobody.")
    assert [f[2] for f in run([analyst])] == ["JD502"]  # stored in the cache
    monkeypatch.setattr(engine, "check_page", lambda *args: [])  # the rules as edited: they find nothing
    source.write_text("# a rule, edited\n", encoding="utf-8")
    assert run([analyst]) == []


def test_the_code_digest_covers_the_package_and_its_rules():
    import jdlint
    from jdlint.cache import source_files
    from jdlint.rule import REGISTRY

    sources = source_files()
    rule_modules = {Path(sys.modules[rule.check.__module__].__file__).resolve() for rule in REGISTRY}
    assert rule_modules <= {path.resolve() for path in sources}
    assert Path(jdlint.__file__).resolve() in {path.resolve() for path in sources}
    assert all(path.suffix in {".py", ".toml"} for path in sources)


# The single-file contract on the real corpus


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory) -> Path:
    corpus = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "gitlab-handbook"
    if not (corpus / "job-families").is_dir():
        pytest.skip("corpus not found")
    copy = tmp_path_factory.mktemp("handbook") / "gitlab-handbook"
    shutil.copytree(corpus / "job-families", copy / "job-families")
    (copy / ".jdlint.toml").write_text("", encoding="utf-8")
    return copy


def by_file(findings):
    grouped = defaultdict(list)
    for finding in findings:
        grouped[finding[0]].append(finding)
    return grouped


def test_single_file_runs_match_the_whole_run(corpus_copy):
    whole = lint_paths_relative(corpus_copy, [corpus_copy], use_cache=False)
    documents = sorted(corpus_copy.rglob("index.html.md*"))
    sample = documents[::7]  # about thirty pages, every department
    cold = lint_paths_relative(corpus_copy, sample, use_cache=True)  # writes the cache
    assert cold == [f for f in whole if f[0] in {relative(corpus_copy, p) for p in sample}]
    flagged = [document for document in sample if any(f[0] == relative(corpus_copy, document) for f in whole)]
    assert len(flagged) >= len(sample) // 2, "most of the sample has findings, so that the runs compare something"
    for document in sample:
        alone = lint_paths_relative(corpus_copy, [document], use_cache=True)
        assert alone == [f for f in whole if f[0] == relative(corpus_copy, document)], document
    for document in flagged[:3]:
        alone = lint_paths_relative(corpus_copy, [document], use_cache=False)
        assert alone and alone == [f for f in whole if f[0] == relative(corpus_copy, document)], document


def relative(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def lint_paths_relative(root: Path, paths: list[Path], use_cache: bool):
    settings = configuration.load(paths)
    report = lint_paths(discover(paths, settings.root), settings, use_cache=use_cache)
    return [(relative(root, Path(d.path)), d.line, d.column, d.code, d.message) for d in report.diagnostics]


def test_warm_results_equal_a_run_without_cache(corpus_copy):
    settings = configuration.load([corpus_copy])
    documents = discover([corpus_copy], settings.root)
    cold = lint_paths(documents, settings, use_cache=False).diagnostics
    lint_paths(documents, settings, use_cache=True)  # writes entries and results
    warm = lint_paths(documents, settings, use_cache=True).diagnostics
    assert cold, "the corpus has findings, so that the runs compare something"
    assert warm == cold and any(d.fix for d in warm)


def test_results_follow_a_change_elsewhere_in_the_handbook(root):
    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Manager, Data.")
    manager = write(root, "b.md", "Manager, Data", 8)
    assert run([root]) == run([root]) == []
    manager.write_text(manager.read_text().replace("Manager, Data", "Manager, Science"), encoding="utf-8")
    assert [f[:3] for f in run([analyst])] == [("a.md", 9, "JD502")]


def test_one_process_and_several_give_the_same_results(corpus_copy, monkeypatch):
    from jdlint import workers

    settings = configuration.load([corpus_copy])
    documents = discover([corpus_copy], settings.root)
    assert workers.worth_it(len(documents)) or workers.available_cores() == 1
    several = lint_paths(documents, settings, use_cache=False)
    monkeypatch.setenv("JDLINT_NO_WORKERS", "1")
    one = lint_paths(documents, settings, use_cache=False)
    assert one.diagnostics, "the corpus has findings, so that the runs compare something"
    assert several.diagnostics == one.diagnostics and several.lines == one.lines


@pytest.mark.parametrize("processes", ["one", "several"])
@pytest.mark.parametrize("kept", ["packed", "dropped"])
def test_pages_kept_packed_or_dropped_past_the_memory_budget_give_the_same_results(
    corpus_copy, monkeypatch, processes, kept
):
    from jdlint import engine
    from jdlint import parse as parser

    settings = configuration.load([corpus_copy])
    documents = discover([corpus_copy], settings.root)
    if processes == "one":
        monkeypatch.setenv("JDLINT_NO_WORKERS", "1")
    as_parsed = lint_paths(documents, settings, use_cache=False)
    assert as_parsed.diagnostics, "the corpus has findings, so that the runs compare something"
    parse, parsed = parser.parse, []
    monkeypatch.setattr(parser, "parse", lambda source: parsed.append(source) or parse(source))
    if kept == "packed":
        monkeypatch.setattr(engine, "PARSED_PAGE_SIZE", 10**9)  # no page fits as parsed, all packed
    else:
        monkeypatch.setattr(engine, "KEPT_PAGES_BYTES", 0)  # none fits: each target is parsed again
        monkeypatch.setattr(engine, "PACKED_PAGES_BYTES", 0)
    again = lint_paths(documents, settings, use_cache=False)
    assert again.diagnostics == as_parsed.diagnostics
    if processes == "one":  # the workers' parses are not seen here
        assert len(parsed) == len(documents) * (1 if kept == "packed" else 2)


def _pending(sizes: list[int]):
    from jdlint.engine import _Document

    return [_Document(f"/{n}.md", f"{n}.md", f"{n}.md", "", size, is_target=True) for n, size in enumerate(sizes)]


def test_the_page_budget_is_shared_between_the_processes(monkeypatch):
    from jdlint import engine

    monkeypatch.setattr(engine, "KEPT_PAGES_BYTES", 3000)
    monkeypatch.setattr(engine, "PACKED_PAGES_BYTES", 6000)
    pending = _pending([100, 100, 50])  # not a target's: 50 bytes
    pending[2].is_target = False
    for processes in (1, 2):
        keeping = engine._PageKeeping(pending, processes)
        assert keeping.room == 6000 / processes  # for pages packed
        assert keeping.as_parsed  # the targets parsed: 15 times 200 bytes, in all processes together
    pending[2].is_target = True
    assert not engine._PageKeeping(pending, 2).as_parsed


def test_pages_are_packed_while_the_budget_lasts_then_dropped(monkeypatch):
    from jdlint import engine

    monkeypatch.setattr(engine, "KEPT_PAGES_BYTES", 1000)  # not all as parsed
    monkeypatch.setattr(engine, "PACKED_PAGES_BYTES", 1000)
    monkeypatch.setattr(engine._Document, "pack", lambda document: setattr(document, "packed", b"x" * 480))
    pending = _pending([400, 400, 400])
    keeping = engine._PageKeeping(pending, 1)
    kept = []
    for document in pending:
        document.page = "a page"  # as parsed
        keeping.keep(document)
        kept.append("dropped" if document.page is None and not document.packed else len(document.packed))
    assert kept == [480, 480, "dropped"]  # 480 more would pass 1000: parsed again when checked


def test_pages_packed_in_the_shared_block_are_found_there_by_the_process_that_checks(monkeypatch):
    from jdlint import engine, workers

    monkeypatch.setattr(engine, "PACKED_PAGES_BYTES", 2000)
    monkeypatch.setattr(engine, "PARSED_PAGE_SIZE", 10**9)  # packed, not kept as parsed
    monkeypatch.setattr(engine._Document, "pack", lambda d: setattr(d, "packed", f"page of {d.relative}".encode()))
    pending = _pending([10, 10, 10])
    keeping = engine._PageKeeping(pending, 2, shared=True)
    for number, document in ((0, pending[0]), (1, pending[1]), (0, pending[2])):  # worker 1 writes in its half
        monkeypatch.setattr(workers, "worker_number", number)
        document.page = "a page"
        keeping.keep(document)
        assert (document.page, document.packed) == (None, b"")  # in the block, not in the process
    assert [bytes(keeping.placed(d).packed) for d in pending] == [b"page of 0.md", b"page of 1.md", b"page of 2.md"]


def test_the_shared_block_gives_back_the_memory_of_the_pages_taken_out(monkeypatch):
    import mmap

    from jdlint import engine

    page = mmap.PAGESIZE
    monkeypatch.setattr(engine, "PACKED_PAGES_BYTES", 8 * page)  # 4 memory pages for each of 2 processes
    monkeypatch.setattr(engine, "PARSED_PAGE_SIZE", 10**9)
    monkeypatch.setattr(
        engine._Document, "pack", lambda d: setattr(d, "packed", d.relative[0].encode() * (page * 5 // 4))
    )
    pending = _pending([10, 10, 10])
    keeping = engine._PageKeeping(pending, 2, shared=True)
    for document in pending:  # by worker 0, one after another
        document.page = "a page"
        keeping.keep(document)
    assert bytes(keeping.placed(pending[0]).packed) == b"0" * (page * 5 // 4)
    assert bytes(keeping.block[:page]) == bytes(page)  # wholly the first page's: given back
    assert bytes(keeping.placed(pending[1]).packed) == b"1" * (page * 5 // 4)  # shared a memory page with it: kept
    assert bytes(keeping.placed(pending[2]).packed) == b"2" * (page * 5 // 4)
    assert bytes(keeping.block[: 3 * page]) == bytes(3 * page)


def test_a_checked_page_is_held_pickled_until_the_report_and_read_back_as_it_was():
    from jdlint import engine
    from jdlint.rule import Edit, Fix, Severity

    fix = Fix("use the title", (Edit(3, 5, 3, 9, "Manager"),), "safe")
    diagnostic = engine.Diagnostic("a.md", 3, 5, 3, 9, "JD502", "unknown-manager", Severity.ERROR, "m", "h", fix)
    result = ([diagnostic], ("line",), False)
    held = engine._pickled(result)
    assert isinstance(held, bytes)
    assert engine._unpickled(held) == result


def _packed_document(root: Path, text: str):
    from jdlint import engine

    path = root / "a.md"
    path.write_text(text, encoding="utf-8")
    data = path.read_bytes()
    document = engine._Document(str(path), "a.md", "a.md", engine.digest(data), len(data), is_target=True)
    settings = configuration.load([root])
    document.read(settings)
    as_parsed = (document.page.source, document.lines, document.data)
    document.pack()
    return document, settings, as_parsed


def test_a_packed_page_is_unpacked_with_its_text_as_parsed(root):
    document, settings, as_parsed = _packed_document(root, PAGE.format(title="Data Analyst", grade=6, reports=""))
    assert document.page is None and document.packed
    document.read(settings)
    assert (document.page.source, document.lines, document.data) == as_parsed
    assert [role.title for role in document.page.family.roles] == ["Data Analyst"]
    assert not document.changed


def test_a_packed_page_is_checked_as_parsed_when_its_file_changed_since(root):
    document, settings, as_parsed = _packed_document(root, PAGE.format(title="Data Analyst", grade=6, reports=""))
    (root / "a.md").write_text(PAGE.format(title="Data Scientist", grade=7, reports=""), encoding="utf-8")
    document.read(settings)
    assert [role.title for role in document.page.family.roles] == ["Data Analyst"]
    assert (document.page.source, document.lines, document.data) == as_parsed


@pytest.mark.parametrize("hand_over", [False, True])
def test_workers_check_against_the_index_built_from_what_they_read(hand_over):
    from jdlint import workers

    index, checked = workers.index_and_check(
        list(range(6)),
        read=lambda item: (item * 10, os.getpid()),
        build_index=lambda read: ([value for value, _ in read], {pid for _, pid in read}),
        check=lambda item, index: (index[0][item] + 1, os.getpid() in index[1]) if item % 2 else None,
        hand_over=hand_over,
    )
    assert index[0] == [0, 10, 20, 30, 40, 50]
    # Handed over, the pages are checked by other processes than those that read them.
    assert checked == {1: (11, not hand_over), 3: (31, not hand_over), 5: (51, not hand_over)}


def test_handed_over_the_first_share_is_checked_here_and_the_others_by_workers():
    from jdlint import workers

    processes = workers.processes_for(6)
    _, checked = workers.index_and_check(
        list(range(6)), lambda item: item, lambda read: read, lambda item, index: os.getpid(), hand_over=True
    )
    here = {position for position, pid in checked.items() if pid == os.getpid()}
    assert here == set(range(0, 6, processes))
    assert len(set(checked.values())) == processes


@pytest.mark.parametrize("hand_over", [False, True])
def test_a_failing_worker_is_reported_not_hidden(hand_over):
    from jdlint import workers

    def read(item):
        raise ValueError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        workers.index_and_check(
            list(range(4)), read, lambda entries: None, lambda item, index: None, hand_over=hand_over
        )


def test_a_failing_checker_is_reported_not_hidden():
    from jdlint import workers

    def check(item, index):
        if os.getpid() != parent:  # in a worker: the first share is checked here
            raise ValueError("bang")

    parent = os.getpid()

    with pytest.raises(RuntimeError, match="bang"):
        workers.index_and_check(list(range(4)), lambda item: item, lambda read: None, check, hand_over=True)


def _age(paths: list[Path], seconds: int) -> None:
    for path in paths:
        status = path.stat()
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - seconds * 10**9))


def _reads(monkeypatch) -> list[str]:
    from jdlint import engine

    read, names = engine._read, []
    monkeypatch.setattr(engine, "_read", lambda path, *rest: names.append(os.path.basename(path)) or read(path, *rest))
    return names


def test_files_the_cache_knows_by_size_and_time_are_not_read_again(root, monkeypatch):
    pages = [write(root, "a.md", "Data Analyst", 6), write(root, "b.md", "Manager, Data", 8)]
    _age(pages, 60)
    assert run([root]) == []
    reads = _reads(monkeypatch)
    assert run([root]) == [] and reads == []
    pages[1].write_text(pages[1].read_text().replace("grade 8", "grade 9"), encoding="utf-8")
    assert run([pages[1]]) == [] and set(reads) == {"b.md"}  # hashed, then parsed; a.md neither


def test_a_file_modified_just_before_the_run_is_read_again(root, monkeypatch):
    write(root, "a.md", "Data Analyst", 6)
    assert run([root]) == []  # written within the last moments: its size and time prove nothing
    reads = _reads(monkeypatch)
    assert run([root]) == [] and reads == ["a.md"]  # hashed; the findings come from the cache


def test_a_warm_run_leaves_the_cache_file_alone(root):
    pages = [write(root, "a.md", "Data Analyst", 6), write(root, "b.md", "Manager, Data", 8)]
    _age(pages, 60)
    run([root])
    cache = root / CACHE_DIRECTORY / "index.json"
    before = cache.stat().st_mtime_ns
    os.utime(cache, ns=(before - 10**9, before - 10**9))
    run([root])
    assert cache.stat().st_mtime_ns == before - 10**9


def test_a_run_answered_from_the_cache_imports_neither_rules_nor_parser_nor_index(root):
    import subprocess

    pages = [write(root, "a.md", "Data Analyst", 6), write(root, "b.md", "Manager, Data", 8)]
    _age(pages, 60)
    run([root])
    script = (
        "import sys; from jdlint.cli import app; sys.argv = ['jdlint', 'check', '-q', 'a.md']\n"
        "try: app()\nexcept SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('jdlint.rules.', 'jdlint.handbook', "
        "'jdlint.model', 'jdlint.parse', 'markdown_it', 'yaml'))))"
    )
    found = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True)
    assert found.stdout.splitlines()[-1] == "[]"


def test_a_cached_entry_that_reads_as_no_entry_is_made_again_from_its_page(root):
    from jdlint.cache import digest

    analyst = write(root, "a.md", "Data Analyst", 6, "The Data Analyst reports to the Manager, Data.")
    write(root, "b.md", "Manager, Data", 8)
    assert run([root]) == []
    file = root / CACHE_DIRECTORY / "index.json"
    data = json.loads(file.read_text().partition("\n")[2])
    data["entries"]["b.md"]["entry"] = "{}"
    del data["entries"]["a.md"]  # so that the index is built
    payload = json.dumps(data)
    file.write_text(f"{digest(payload.encode())}\n{payload}", encoding="utf-8")
    assert run([analyst]) == []


def test_a_suggestion_is_the_spelling_the_handbook_uses_most():
    index = _index_of_families(["VP, Field Sales", "Vice President, Field Sales", "Vice President, Field Sales"])
    assert index.suggest("Vice Presdent, Field Sales") == "Vice President, Field Sales"


def test_a_misspelt_reference_gets_the_title_as_the_fix():
    index = _index_of_families(["Director, Fleet Coordinator", "Fleet Coordinator", "Senior Fleet Coordinator"])
    message, _ = index.unknown_title_message("manager", "Director, Fleet Cordinator")
    assert message.endswith('did you mean "Director, Fleet Coordinator"?')


def test_a_misspelt_title_is_not_proposed_as_the_fix():
    index = _index_of_families(["Director, Fleet Cordinator", "Fleet Coordinator", "Senior Fleet Coordinator"])
    message, hint = index.unknown_title_message("manager", "Director, Fleet Coordinator")
    assert message == (
        'manager "Director, Fleet Coordinator" is not a title in the handbook; it means "Director, Fleet Cordinator" '
        '(job-families/f0.md:2), whose title writes "Cordinator" for "Coordinator"'
    )
    assert hint == 'correct the title "Director, Fleet Cordinator" where it is defined'


def test_fix_and_diff_take_pages_with_nothing_to_fix_from_the_cache(tmp_path, monkeypatch):
    from jdlint.engine import FixMode

    (tmp_path / ".jdlint.toml").write_text('select = ["JD6"]\n', encoding="utf-8")
    clean, mangled = tmp_path / "clean.md", tmp_path / "mangled.md"
    clean.write_text("# Page\n\nThe team’s work.\n", encoding="utf-8")
    mangled.write_text("# Page\n\nThe teamâ€™s work.\n", encoding="utf-8")
    _age([clean, mangled], 60)
    settings = configuration.load([tmp_path])
    documents = discover([tmp_path], settings.root, settings.exclude)
    lint_paths(documents, settings)  # warm
    reads = _reads(monkeypatch)
    report = lint_paths(documents, settings, fixes=FixMode(write=False))
    assert reads == ["mangled.md"] and list(report.diffs) == [os.path.relpath(mangled)]


def test_fix_from_the_stored_findings_equals_a_fix_without_cache(tmp_path):
    from jdlint.engine import FixMode

    shutil.copytree(Path(__file__).resolve().parents[1] / "seeds", tmp_path / "seeds")
    root = tmp_path / "seeds"
    (root / ".jdlint.toml").write_text("", encoding="utf-8")
    _age(list(root.glob("*.md")), 60)
    settings = configuration.load([root])
    documents = discover([root], settings.root, settings.exclude)
    lint_paths(documents, settings)  # warm
    mode = FixMode(unsafe=True, write=False)
    warm, cold = lint_paths(documents, settings, fixes=mode), lint_paths(documents, settings, False, mode)
    assert warm.diffs and warm.diffs == cold.diffs and warm.diagnostics == cold.diagnostics


def test_a_title_key_follows_each_profiles_synonyms_in_one_process():
    plain = HandbookIndex.build([], load_profile())
    ops = HandbookIndex.build([], load_profile({"title-synonyms": {r"\bops\b": "operations"}}))
    assert (plain.key("VP, Ops") == plain.key("VP, Operations"), ops.key("VP, Ops") == ops.key("VP, Operations")) == (
        False,
        True,
    )
