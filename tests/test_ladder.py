"""`jdlint ladder`: the graph agrees with the findings, and every format draws it (parsed back here)."""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jdlint import config as configuration
from jdlint.cli import app
from jdlint.discover import discover
from jdlint.engine import lint_paths
from jdlint.ladder import Graph, build_graph
from jdlint.ladder_formats import FORMATS, writer

UNKNOWN_MANAGER = "Manager, Online Sales & Self Growth"  # seed 001's manager, a title nowhere
SEED_001_GRADES = {
    "Senior Analyst, Online Sales & Self Service Growth": 7,
    "Manager, Online Sales & Self Service Growth": 8,
    "Senior Manager, Online Sales & Self Service Growth": 9,
    "Director, Online Sales & Self Service Growth": 10,
    "Senior Director, Online Sales & Self Service Growth": 11,
}
ODD_TITLE = 'R&D "Special" Ops, #1 <Team>'
ODD_MANAGER = 'Head of "Q&A", Tests'


def graph_of(*paths: Path, family: str | None = None) -> Graph:
    settings = configuration.load(list(paths))
    documents = discover(list(paths), settings.root, settings.exclude)
    graph, report = build_graph(documents, settings, use_cache=False, family=family)
    assert not report.errors
    return graph


def render(graph: Graph, name: str) -> str:
    stream = StringIO()
    writer(name)(graph, stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def seeds_graph() -> Graph:
    return graph_of(Path(__file__).resolve().parents[1] / "seeds")


@pytest.fixture
def odd_titles(tmp_path: Path) -> Path:
    """A two-page handbook whose titles hold every character that breaks a diagram's syntax."""
    folder = tmp_path / "job-families" / "r-and-d"
    folder.mkdir(parents=True)
    (folder / "ops.md").write_text(
        f"---\ntitle: '{ODD_TITLE}'\n---\n\n"
        f"The {ODD_TITLE} reports to the [{ODD_MANAGER}](/job-families/r-and-d/nowhere/).\n\n"
        f"## Job Grade\n\nThe {ODD_TITLE} is a grade 7.\n\n"
        '## Career Ladder\n\nThe next step is to move to the [Director, R&D "Special" Ops](director.md).\n'
    )
    (folder / "director.md").write_text(
        '---\ntitle: Director, R&D "Special" Ops\n---\n\nThe Director, R&D "Special" Ops is a grade 10.\n'
    )
    return tmp_path


# --- the graph ------------------------------------------------------------------------------------


def test_seed_001_unknown_manager_is_a_broken_node_with_its_finding(seeds_graph):
    (node,) = [n for n in seeds_graph.loose() if n.label == UNKNOWN_MANAGER]
    assert node.broken
    assert [(i.code, i.line) for i in node.issues] == [("JD502", 13)]
    assert 'did you mean "Manager, Online Sales & Self Service Growth"' in node.issues[0].message
    (edge,) = [e for e in seeds_graph.edges if e.target == node.id]
    source = seeds_graph.nodes[edge.source]
    assert (edge.kind, edge.codes, source.label) == ("reports", ("JD502",), next(iter(SEED_001_GRADES)))


def test_seed_families_list_their_levels_in_order_with_grades(seeds_graph):
    (family,) = [f for f in seeds_graph.families() if f.path.startswith("seeds/001_")]
    assert {level.label: level.grade for level in seeds_graph.levels(family)} == SEED_001_GRADES
    assert [level.label for level in seeds_graph.levels(family)] == list(SEED_001_GRADES)


def test_a_resolved_manager_is_an_edge_to_the_level_it_names(seeds_graph):
    # seed 004's levels report to "Director, Self Service Growth": seed 001's Director level.
    director = next(n for n in seeds_graph.nodes.values() if n.kind == "level" and n.grade == 10 and "001_" in n.path)
    sources = {seeds_graph.nodes[e.source].label for e in seeds_graph.edges if e.target == director.id}
    assert "Analyst, Online Sales & Self Service Operations" in sources


def drawn_and_found(graph: Graph, path: Path) -> tuple[set, set]:
    """The findings the picture draws (broken nodes, stopped ladders) and those `check` reports."""
    settings = configuration.load([path])
    report = lint_paths(discover([path], settings.root, settings.exclude), settings, use_cache=False)
    found = {(d.line, d.code, d.message) for d in report.diagnostics if d.code in ("JD401", "JD402", "JD502")}
    issues = [i for n in [*graph.loose(), *graph.families()] for i in n.issues]
    return {(i.line, i.code, i.message) for i in issues}, found


def test_the_picture_draws_exactly_the_findings_of_check(seeds_graph, seeds):
    drawn, found = drawn_and_found(seeds_graph, seeds)
    assert drawn == found and len(found) >= 7


def test_an_ignored_rule_draws_no_broken_node(seeds, tmp_path):
    settings = configuration.load([seeds])
    settings = configuration.with_options(settings, ignore=("JD502",))
    graph, _ = build_graph(discover([seeds], settings.root, settings.exclude), settings, use_cache=False)
    assert not [n for n in graph.loose() if n.broken and n.label == UNKNOWN_MANAGER]
    assert [n for n in graph.loose() if n.label == UNKNOWN_MANAGER and n.kind == "named"]


def test_family_narrows_to_matching_families_and_their_neighbours(seeds):
    graph = graph_of(seeds, family="self service growth")  # spelt as "Self-Service Growth"
    titles = {f.label for f in graph.families()}
    assert "Self-Service Growth" in titles
    assert "Online Sales & Self Service Operations" in titles  # reports to its Director
    assert "Senior Manager, Online Sales & Self Service Product & Data Analytics" not in titles
    assert UNKNOWN_MANAGER in {n.label for n in graph.loose()}


# --- Mermaid --------------------------------------------------------------------------------------

_MERMAID_SUBGRAPH = re.compile(r'subgraph (?P<id>\w+)\["(?P<label>[^"]*)"\]')
_MERMAID_NODE = re.compile(r'(?P<id>\w+)\["(?P<label>[^"]*)"\](?::::(?P<cls>\w+))?')
_MERMAID_EDGE = re.compile(
    r'(?P<a>\w+) (?:(?P<arrow>==>|-->)\|"(?P<label>[^"]*)"\||-\. "(?P<dotted>[^"]*)" \.->|~~~) (?P<b>\w+)'
)
_MERMAID_OTHER = re.compile(r"flowchart LR|classDef \w+ .+|direction TB|end|style \w+ .+|linkStyle [\d,]+ .+")


def parse_mermaid(text: str) -> dict:
    """Nodes, subgraphs and edges of our flowchart; any line outside that grammar fails the test."""
    graph = {"nodes": {}, "subgraphs": {}, "edges": [], "link_styles": []}
    for line in text.splitlines():
        line = line.strip()
        if match := _MERMAID_SUBGRAPH.fullmatch(line):
            graph["subgraphs"][match["id"]] = _mermaid_text(match["label"])
        elif match := _MERMAID_NODE.fullmatch(line):
            graph["nodes"][match["id"]] = (_mermaid_text(match["label"]), match["cls"])
        elif match := _MERMAID_EDGE.fullmatch(line):
            label = match["label"] if match["arrow"] else match["dotted"]
            graph["edges"].append((match["a"], match["b"], label, bool(match["dotted"])))
        elif line.startswith("linkStyle "):
            graph["link_styles"] += [int(n) for n in line.split()[1].split(",")]
        else:
            assert _MERMAID_OTHER.fullmatch(line), f"not Mermaid we write: {line!r}"
    return graph


def _mermaid_text(label: str) -> str:
    """Mermaid's entity codes (#amp;, #35;) back to text, and its line breaks to newlines."""
    entities = re.sub(r"#(\w+);", lambda m: f"&#{m[1]};" if m[1].isdigit() else f"&{m[1]};", label)
    return html.unescape(entities.replace("<br/>", "\n"))


def test_mermaid_is_a_flowchart_with_the_seed_nodes_and_edges(seeds_graph):
    graph = parse_mermaid(render(seeds_graph, "mermaid"))
    known = set(graph["nodes"]) | set(graph["subgraphs"])
    assert all(a in known and b in known for a, b, _, _ in graph["edges"])
    broken = {i for i, (label, cls) in graph["nodes"].items() if cls == "broken"}
    (manager,) = [i for i in broken if UNKNOWN_MANAGER in graph["nodes"][i][0]]
    assert graph["nodes"][manager][0] == f"✗ {UNKNOWN_MANAGER}\nJD502"
    ((source, label),) = [(a, lbl) for a, b, lbl, dotted in graph["edges"] if b == manager and dotted]
    assert label == "reports to · JD502"
    assert graph["nodes"][source][0] == "Senior Analyst, Online Sales & Self Service Growth\ngrade 7"
    # linkStyle numbers every link, the invisible ones too: the red ones are the broken ones.
    assert {i for i in graph["link_styles"]} == {i for i, e in enumerate(graph["edges"]) if e[3]}


def test_mermaid_lists_the_seed_levels_with_grades(seeds_graph):
    labels = {label for label, _ in parse_mermaid(render(seeds_graph, "mermaid"))["nodes"].values()}
    assert {f"{title}\ngrade {grade}" for title, grade in SEED_001_GRADES.items()} <= labels


def test_mermaid_ids_and_labels_survive_ampersands_commas_quotes(odd_titles):
    text = render(graph_of(odd_titles), "mermaid")
    graph = parse_mermaid(text)
    assert ODD_TITLE in graph["subgraphs"].values()
    assert f"✗ {ODD_MANAGER}\nJD502" in [label for label, _ in graph["nodes"].values()]
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", i) for i in [*graph["nodes"], *graph["subgraphs"]])


def test_mermaid_ids_are_short_whatever_the_paths(seeds_graph):
    # Ids made of the source paths took two thirds of the whole handbook's text, past Mermaid's limit.
    graph = parse_mermaid(render(seeds_graph, "mermaid"))
    ids = [*graph["nodes"], *graph["subgraphs"]]
    assert len(ids) > 20 and all(re.fullmatch(r"n[0-9]{1,4}", i) for i in ids)


def test_mermaid_over_its_text_limit_warns_and_names_family(seeds_graph, monkeypatch, capsys):
    from jdlint.ladder_formats import mermaid

    text = render(seeds_graph, "mermaid")
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(mermaid, "MAX_TEXT_SIZE", len(text) - 1)
    assert render(seeds_graph, "mermaid") == text
    warning = capsys.readouterr().err
    assert f"{len(text):,} characters" in warning and "--family" in warning


# --- DOT ------------------------------------------------------------------------------------------

_DOT_ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[\w.#]+)')
_DOT_NODE = re.compile(r"(?P<id>\w+) \[(?P<attributes>.*)\];")
_DOT_EDGE = re.compile(r"(?P<a>\w+) -> (?P<b>\w+) \[(?P<attributes>.*)\];")
_DOT_OTHER = re.compile(
    r"digraph ladders \{|subgraph cluster_\w+ \{|\}|(?:graph|node|edge) \[.*\];|(?:\w+=.+; )*\w+=.+;"
)


def parse_dot(text: str) -> dict:
    graph = {"nodes": {}, "edges": []}
    for line in text.splitlines():
        line = line.strip()
        if match := _DOT_EDGE.fullmatch(line):
            graph["edges"].append((match["a"], match["b"], _dot_attributes(match["attributes"])))
        elif (match := _DOT_NODE.fullmatch(line)) and match["id"] not in ("graph", "node", "edge"):
            graph["nodes"][match["id"]] = _dot_attributes(match["attributes"])
        else:
            assert _DOT_OTHER.fullmatch(line), f"not DOT we write: {line!r}"
    return graph


def _dot_attributes(text: str) -> dict[str, str]:
    unquote = {r"\\": "\\", r"\"": '"', r"\n": "\n"}
    found = {}
    for key, value in _DOT_ATTRIBUTE.findall(text):
        if value.startswith('"'):
            value = re.sub(r"\\[\\\"n]", lambda m: unquote[m.group()], value[1:-1])
        found[key] = value
    return found


def test_dot_is_a_digraph_with_the_seed_nodes_and_edges(seeds_graph):
    graph = parse_dot(render(seeds_graph, "dot"))
    assert all(a in graph["nodes"] and b in graph["nodes"] for a, b, _ in graph["edges"])
    (manager,) = [i for i, a in graph["nodes"].items() if a["label"] == f"✗ {UNKNOWN_MANAGER}\nJD502"]
    assert "dashed" in graph["nodes"][manager]["style"] and graph["nodes"][manager]["color"] == "#dc2626"
    ((source, attributes),) = [(a, attrs) for a, b, attrs in graph["edges"] if b == manager]
    assert attributes["label"] == "reports to\nJD502" and attributes["style"] == "dashed"
    assert graph["nodes"][source]["label"] == "Senior Analyst, Online Sales & Self Service Growth\ngrade 7"
    assert graph["nodes"][source]["URL"].endswith("#L9")
    labels = {a["label"] for a in graph["nodes"].values()}
    assert {f"{title}\ngrade {grade}" for title, grade in SEED_001_GRADES.items()} <= labels


def test_dot_quotes_titles_with_quotes_and_backslashes(odd_titles):
    graph = parse_dot(render(graph_of(odd_titles), "dot"))
    assert ODD_TITLE in {a["label"] for a in graph["nodes"].values()}
    assert f"✗ {ODD_MANAGER}\nJD502" in {a["label"] for a in graph["nodes"].values()}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_dot_renders_with_graphviz(seeds_graph, odd_titles):
    for graph in (seeds_graph, graph_of(odd_titles)):
        result = subprocess.run(["dot", "-Tsvg"], input=render(graph, "dot"), capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "<svg" in result.stdout and "Warning" not in result.stderr
    assert (
        html.escape(UNKNOWN_MANAGER, quote=False)
        in subprocess.run(["dot", "-Tsvg"], input=render(seeds_graph, "dot"), capture_output=True, text=True).stdout
    )


# --- HTML -----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Every src/href, every id, the text of each element by id, the tags and the styles."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: list[str] = []
        self.tags: set[str] = set()
        self.styles = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.add(tag)
        self.links += [value for key, value in attrs if key in ("src", "href", "srcset", "action") and value]
        if "id" in attributes:
            self.ids.append(attributes["id"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles += data


def parse_html(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def _external(link: str) -> bool:
    return bool(re.match(r"(?i)(?:https?:|ftp:|//)", link.strip()))


def test_html_is_self_contained(seeds_graph):
    page = parse_html(render(seeds_graph, "html"))
    assert page.links and not [link for link in page.links if _external(link)]
    assert not {"link", "iframe", "img", "object", "embed"} & page.tags
    assert "url(" not in page.styles and "@import" not in page.styles
    assert len(page.ids) == len(set(page.ids))


def test_html_marks_the_unknown_manager_and_lists_its_finding(seeds_graph):
    text = render(seeds_graph, "html")
    node = next(n for n in seeds_graph.loose() if n.label == UNKNOWN_MANAGER)
    box = text[text.index(f'id="{node.id}"') :].split("</div>", 1)[0]
    assert f"✗ {html.escape(UNKNOWN_MANAGER)}" in box and "JD502" in box and "did you mean" in box
    assert f'<a class="node" href="#{node.id}"' in text  # the level's reporting line leads to it


def test_html_levels_carry_grades_and_link_to_their_source_line(seeds_graph):
    text = render(seeds_graph, "html")
    (family,) = [f for f in seeds_graph.families() if f.path.startswith("seeds/001_")]
    text = text[text.index(f'id="{family.id}"') :].split("</article>", 1)[0]
    for title, grade in SEED_001_GRADES.items():
        row = re.search(
            rf'<b class="grade g{grade}" title="grade {grade}">{grade}</b><div><a href="([^"]+)"[^>]*>'
            rf"{re.escape(html.escape(title))}</a>",
            text,
        )
        assert row and re.fullmatch(r"file:///.+/seeds/001_\w+\.md#L\d+", row[1]), title


def test_html_written_to_a_file_links_to_sources_relatively(seeds, tmp_path):
    output = tmp_path / "out" / "ladder.html"
    output.parent.mkdir()
    result = CliRunner().invoke(app, ["ladder", str(seeds), "--format", "html", "--no-cache", "-o", str(output)])
    assert result.exit_code == 0, result.output
    links = [link for link in parse_html(output.read_text()).links if not link.startswith("#")]
    assert links and all(not link.startswith("file:") for link in links)
    first = links[0].split("#")[0]
    assert (output.parent / first).resolve().is_file()


def css_rules(styles: str) -> list[tuple[str, str, dict[str, str]]]:
    """(media query or "", selector, declarations) of each rule of a style sheet without nesting
    beyond one @media level."""
    rules = []
    styles = re.sub(r"/\*.*?\*/", "", styles, flags=re.S)
    for media, body in re.findall(r"@media([^{]*)\{((?:[^{}]*\{[^{}]*\})*)\s*\}", styles):
        rules += [(media.strip(), *rule) for rule in _plain_rules(body)]
    rules += [("", *rule) for rule in _plain_rules(re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}", "", styles))]
    return rules


def _plain_rules(styles: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", styles):
        declarations = dict(
            (name.strip(), value.strip()) for name, _, value in (d.partition(":") for d in body.split(";")) if value
        )
        found += [(selector.strip(), declarations) for selector in selectors.split(",")]
    return found


def style_at(rules, selector: str, screen_width: int) -> dict[str, str]:
    """The declarations for `selector` on a screen this wide: the plain rules, then those of the
    max-width media queries that hold there."""
    merged: dict[str, str] = {}
    for media, name, declarations in sorted(rules, key=lambda rule: bool(rule[0])):
        width = re.fullmatch(r"\(max-width:\s*(\d+)px\)", media)
        if name == selector and (not media or (width and int(width[1]) >= screen_width)):
            merged |= declarations
    return merged


PHONE, DESKTOP = 375, 1280  # pixels


@pytest.fixture(scope="module")
def html_styles(seeds_graph) -> list:
    return css_rules(parse_html(render(seeds_graph, "html")).styles)


def test_html_header_on_a_phone_scrolls_away(html_styles):
    # Sticky, the title, filter, legend and departments covered almost half of a phone's screen.
    assert style_at(html_styles, "header", DESKTOP).get("position") == "sticky"
    assert style_at(html_styles, "header", PHONE).get("position") != "sticky"


def test_html_on_a_phone_nothing_in_the_header_is_wider_than_the_screen(html_styles):
    for selector in ("#filter", ".controls", ".legend", "nav"):
        style = style_at(html_styles, selector, PHONE)
        width = re.fullmatch(r"(\d+)px", style.get("width", ""))
        assert not width or int(width[1]) <= PHONE or style.get("max-width") == "100%", selector
        if style.get("display") == "flex":  # a row of controls or keys: wraps, or scrolls sideways
            assert style.get("flex-wrap") == "wrap" or style.get("overflow-x") == "auto", selector


def test_html_with_a_link_base_links_to_the_repository_web_view(seeds):
    base = "https://gitlab.example/acme/handbook/-/blob/main/"
    result = CliRunner().invoke(app, ["ladder", str(seeds), "--format", "html", "--no-cache", "--link-base", base])
    assert result.exit_code == 0, result.output
    links = [link for link in parse_html(result.output).links if not link.startswith("#")]
    assert links and all(re.fullmatch(re.escape(base) + r"seeds/\w+\.md#L\d+", link) for link in links)


def test_html_with_a_published_base_url_links_to_the_pages(tmp_path):
    # https://handbook.gitlab.com is one of the gitlab profile's base-urls: where the pages are published.
    hugo = Path(__file__).resolve().parent / "fixtures" / "hugo"
    result = CliRunner().invoke(
        app, ["ladder", str(hugo), "--format", "dot", "--no-cache", "--link-base", "https://handbook.gitlab.com/"]
    )
    assert result.exit_code == 0, result.output
    urls = {a["URL"] for a in parse_dot(result.output)["nodes"].values() if "URL" in a}
    assert "https://handbook.gitlab.com/job-families/sales/web-store/analyst/" in urls
    assert all(url.startswith("https://handbook.gitlab.com/job-families/") and "#" not in url for url in urls)


# --- every format, through the command ------------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_marks_the_unknown_manager_of_seed_001(seeds, name):
    result = CliRunner().invoke(app, ["ladder", str(seeds), "--format", name, "--no-cache"])
    assert result.exit_code == 0, result.output
    text = result.output
    if name == "tree":
        (line,) = [line for line in text.splitlines() if UNKNOWN_MANAGER in line]
        assert "╌▶ ✗" in line and "JD502" in line
        assert re.search(r"Senior Director, Online Sales & Self Service Growth\s+grade 11", text)
    elif name == "mermaid":
        assert (f"✗ {UNKNOWN_MANAGER}\nJD502", "broken") in parse_mermaid(text)["nodes"].values()
    elif name == "dot":
        labels = {a["label"]: a for a in parse_dot(text)["nodes"].values()}
        assert labels[f"✗ {UNKNOWN_MANAGER}\nJD502"]["color"] == "#dc2626"
    else:
        assert f"<h4>✗ {html.escape(UNKNOWN_MANAGER)}</h4>" in text


def test_tree_aligns_the_grades_of_a_family(seeds):
    result = CliRunner().invoke(app, ["ladder", str(seeds), "--no-cache", "--family", "Self-Service Growth"])
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if "Self-Service Growth  " in line and "001_" in line)
    levels = [line for line in lines[start + 1 :] if any(title in line for title in SEED_001_GRADES)]
    rows = [line for line in levels if "reports to" not in line]
    assert len(rows) == len(SEED_001_GRADES)
    assert len({line.index(" grade ") for line in rows}) == 1


def test_unknown_family_is_a_usage_error(seeds):
    result = CliRunner().invoke(app, ["ladder", str(seeds), "--no-cache", "--family", "no such family"])
    assert result.exit_code == 2


@functools.cache
def corpus_graph(corpus: Path) -> Graph:
    return graph_of(corpus)


def test_the_corpus_picture_draws_exactly_the_findings_of_check(corpus):
    drawn, found = drawn_and_found(corpus_graph(corpus), corpus)
    assert drawn == found and len(found) > 50


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_renders_the_corpus(corpus, name):
    graph = corpus_graph(corpus)
    text = render(graph, name)
    families = graph.families()
    assert len(families) > 100 and any(n.broken for n in graph.loose())
    if name == "mermaid":
        parsed = parse_mermaid(text)
        assert {f.label for f in families} <= set(parsed["subgraphs"].values())
        assert len(parsed["subgraphs"]) == len(families) + len(graph.departments())
    elif name == "dot":
        assert len(parse_dot(text)["nodes"]) == len(graph.nodes)
    elif name == "html":
        page = parse_html(text)
        assert not [link for link in page.links if _external(link)]
        assert len(page.ids) == len(set(page.ids))
        assert len(text) < 2_000_000
        assert "engineering" in {f.department for f in families}
    else:
        assert all(f.label in text for f in families)


def test_a_next_step_named_in_another_findings_suggestion_stays_a_resolved_edge(tmp_path):
    (tmp_path / "analyst.md").write_text(
        "---\ntitle: Data Analyst\n---\n\nThe Data Analyst is a grade 6.\n\n"
        "## Career Ladder\n\nThe next step is Senior Data Analyst or Senior Data Analist.\n"
    )
    (tmp_path / "senior.md").write_text(
        "---\ntitle: Senior Data Analyst\n---\n\nThe Senior Data Analyst is a grade 7.\n"
    )
    graph = graph_of(tmp_path)
    broken = [n.label for n in graph.loose() if n.broken]
    assert broken == ["Senior Data Analist"]
    drawn, found = drawn_and_found(graph, tmp_path)
    assert drawn == found and len(found) == 1


HUGO_FAMILY = Path(__file__).resolve().parent / "fixtures" / "hugo"


def test_a_family_split_over_files_is_drawn_once_with_the_levels_of_all_its_files():
    graph = graph_of(HUGO_FAMILY)
    (family,) = graph.families()
    levels = [(Path(level.path).name, level.label) for level in graph.levels(family)]
    assert (Path(family.path).name, levels) == (
        "_index.md",
        [
            ("analyst.md", "Analyst, Web Store"),
            ("senior-analyst.md", "Senior Analyst, Web Store"),
            ("manager.md", "Manager, Web Store"),
            ("director.md", "Director, Web Store"),
        ],
    )


def test_a_level_page_reporting_line_leaves_its_own_level():
    graph = graph_of(HUGO_FAMILY)
    (family,) = graph.families()
    analyst = graph.levels(family)[0]
    assert [graph.nodes[e.target].label for e in graph.edges_from(analyst)] == ["Manager, Web Store"]


def test_tree_names_the_file_of_a_level_kept_on_a_page_of_its_own():
    tree = render(graph_of(HUGO_FAMILY), "tree")
    assert re.search(r"Senior Analyst, Web Store +grade 6 +senior-analyst\.md:2", tree)


def test_tree_summary_counts_in_the_singular_and_the_plural():
    from jdlint.ladder_formats.tree import _summary

    class OneOfEach:
        edges = [type("Edge", (), {"codes": ("JD502",)})()]

        def families(self):
            return ["A"]

        def levels(self, family):
            return ["Analyst"]

    assert _summary(OneOfEach()) == "Career ladders and reporting lines: 1 family, 1 level, 1 broken link"
