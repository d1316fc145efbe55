"""`--format html`: one self-contained page (no external script, font or style) to look at the
whole handbook: departments, each a grid of family cards with their levels in page order and
grades, every level's reporting line and every family's next steps as links to the card they lead
to, broken links in red dashed boxes with their findings. A filter box narrows the cards by any
text (a title, a department, a file, a code such as JD502); hovering a card outlines the cards it
is linked with. Titles and paths link to the source file and line (or, with `--link-base`, to the
repository's web view or the published page). On a narrow screen (a phone) the header is not
sticky, and the filter, legend and departments fit its width.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path
from typing import TextIO

from jdlint.ladder import (
    NO_DEPARTMENT,
    UNDEFINED_LADDER,
    UNKNOWN_MANAGER,
    UNKNOWN_NEXT_STEP,
    Edge,
    Graph,
    Issue,
    Node,
    safe_id,
)
from jdlint.ladder_formats import source_link

_ARROW = {"ladder": "next step →", "reports": "↑"}
_FINDINGS = {
    UNKNOWN_NEXT_STEP: "unknown next steps",
    UNDEFINED_LADDER: "ladders not yet defined",
    UNKNOWN_MANAGER: "unknown managers",
}


def write(graph: Graph, stream: TextIO, color: bool = False, base: Path | None = None) -> None:
    stream.write(page(graph, base))


def page(graph: Graph, base: Path | None = None) -> str:
    parts = _Page(graph, base)
    body = [parts.header(), '<main id="main">']
    loose = graph.loose()
    if loose:
        body.append(parts.loose(loose))
    body += [parts.department(name, families) for name, families in graph.departments().items()]
    body.append('<p id="nothing" hidden>No family matches the filter.</p></main>')
    return _TEMPLATE.format(style=_STYLE, script=_SCRIPT, body="\n".join(body))


class _Page:
    def __init__(self, graph: Graph, base: Path | None) -> None:
        self.graph = graph
        self.base = base
        self._families = {family.path: family.label for family in graph.families()}
        self.related: dict[str, set[str]] = {}
        for edge in graph.edges:
            source, target = graph.owner(edge.source), graph.owner(edge.target)
            self.related.setdefault(source, set()).add(target)
            self.related.setdefault(target, set()).add(source)

    def header(self) -> str:
        graph = self.graph
        families = graph.families()
        levels = sum(len(graph.levels(family)) for family in families)
        codes = Counter(code for edge in graph.edges for code in edge.codes)
        codes.update(issue.code for family in families for issue in family.issues)
        broken = " · ".join(
            f'<a class="bad" href="#" data-filter="{c}" title="show them">{n} {_FINDINGS.get(c, "")} ({c})</a>'
            for c, n in sorted(codes.items())
        )
        departments = "".join(
            f'<a href="#{safe_id("department", name)}">{escape(_department_name(name))} <small>{len(fs)}</small></a>'
            for name, fs in graph.departments().items()
        )
        stats = " · ".join(
            [
                _count(len(families), "family", "families"),
                _count(levels, "level", "levels"),
                *([broken] if broken else []),
            ]
        )
        return f"""<header>
<h1>Career ladders and reporting lines</h1>
<p class="stats">{stats}</p>
<div class="controls">
<input id="filter" type="search" placeholder="Filter by title, department, file or code (JD502)…" autofocus>
<label><input id="only-broken" type="checkbox"> only families with findings</label>
<span id="count"></span>
</div>
<p class="legend"><span class="key ladder">next step →</span> <span class="key reports">↑ reports to</span>
<span class="key broken">resolves to nothing</span> <span class="key named">no page (top title or level)</span>
<span>grade <b class="grade g5">5</b><b class="grade g8">8</b><b class="grade g11">11</b>
<b class="grade g14">14</b> <b class="grade none">–</b> none</span>
</p>
<nav>{departments}</nav>
</header>"""

    def department(self, name: str, families: list[Node]) -> str:
        findings = sum(1 for family in families if self._has_findings(family))
        note = f' · <span class="bad">{findings} with findings</span>' if findings else ""
        cards = "\n".join(self.family(family) for family in families)
        title = escape(_department_name(name))
        return (
            f'<section class="department" id="{safe_id("department", name)}">'
            f"<h2>{title} <small>{_count(len(families), 'family', 'families')}{note}</small></h2>"
            f'<div class="grid">{cards}</div></section>'
        )

    def family(self, family: Node) -> str:
        graph = self.graph
        levels = graph.levels(family)
        words = [family.label, family.department, family.path]
        rows = []
        seen: set[str] = set()
        for level in levels:
            edges = graph.edges_from(level)
            words += [level.label, *(self._words(edge) for edge in edges)]
            rows.append(
                f'<li id="{level.id}">{_grade(level)}'
                f"<div>{self._link(level, level.label)}{self._edges(edges, family, seen)}</div></li>"
            )
        family_edges = graph.edges_from(family)
        words += [self._words(edge) for edge in family_edges]
        issues = "".join(
            f'<p class="issue"><code>{i.code}</code> {escape(i.message)} {self._source(i.path, i.line)}</p>'
            for i in family.issues
        )
        words += [issue.code for issue in family.issues]
        broken = ' data-broken=""' if self._has_findings(family) else ""
        related = " ".join(sorted(self.related.get(family.id, set()) - {family.id}))
        return (
            f'<article class="family{" broken" if broken else ""}" id="{family.id}"{broken}'
            f' data-related="{related}" data-text="{escape(" ".join(words).casefold())}">'
            f"<h3>{self._link(family, family.label)}</h3>"
            f'<p class="path">{self._link(family, f"{_short(family)}:{family.line}")}</p>'
            f'<ol class="levels">{"".join(rows)}</ol>{self._edges(family_edges, family, seen)}{issues}</article>'
        )

    def loose(self, nodes: list[Node]) -> str:
        broken = [node for node in nodes if node.broken]
        named = [node for node in nodes if not node.broken]
        boxes = []
        for node in broken:
            by_message: dict[str, list] = {}
            for issue in node.issues:
                by_message.setdefault(f"{issue.code} {issue.message}", []).append(issue)
            findings = "".join(
                f"<li>{escape(message)}<br>from {self._sources(issues)}</li>" for message, issues in by_message.items()
            )
            words = [node.label, *(f"{i.code} {i.path} {self._families.get(i.path, '')}" for i in node.issues)]
            boxes.append(
                f'<div class="unknown" id="{node.id}" data-broken="" data-text="{escape(" ".join(words).casefold())}">'
                f"<h4>✗ {escape(node.label)}</h4><ul>{findings}</ul></div>"
            )
        plain = ", ".join(f'<span id="{node.id}">{escape(node.label)}</span>' for node in named)
        named_note = f'<p class="named-list">Named but with no page (fine for top titles and bare levels): {plain}</p>'
        return (
            f'<details class="loose"><summary>{len(broken)} titles resolve to nothing'
            f" (named by {sum(len(n.issues) for n in broken)} links)</summary>"
            f'<div class="unknowns">{"".join(boxes)}</div>{named_note if named else ""}</details>'
        )

    def _edges(self, edges: list[Edge], family: Node, seen: set[str]) -> str:
        """The edges as a list; a finding's message is spelt out at its first link on the card."""
        items = []
        for edge in edges:
            target = self.graph.nodes[edge.target]
            kind = f'<span class="kind" title="{edge.label}">{_ARROW[edge.kind]}</span>'
            if target.broken:
                messages = {i.message for i in target.issues if i.path == edge.path and i.line == edge.line}
                why = " ".join(sorted(messages - seen))
                why = f'<span class="why">{escape(why)}</span>' if why else ""
                seen |= messages
                items.append(
                    f'<li class="{edge.kind} broken">{kind} <a class="node" href="#{target.id}"'
                    f' title="{escape(" ".join(sorted(messages)))}">✗ {escape(target.label)}</a>'
                    f" <code>{' '.join(edge.codes)}</code> {self._source(edge.path, edge.line)}"
                    f"{why}</li>"
                )
            elif target.kind == "named":
                items.append(
                    f'<li class="{edge.kind} named">{kind} <span class="node" title="no page holds this title">'
                    f"{escape(target.label)}</span></li>"
                )
            else:
                owner = self.graph.nodes[self.graph.owner(target.id)]
                elsewhere = owner is not family and owner.label != target.label
                where = f' <span class="in">in {escape(owner.label)}</span>' if elsewhere else ""
                badge = _grade(target) if target.kind == "level" else ""
                items.append(
                    f'<li class="{edge.kind}">{kind} {badge}<a class="node" href="#{target.id}">'
                    f"{escape(target.label)}</a>{where}</li>"
                )
        return f'<ul class="edges">{"".join(items)}</ul>' if items else ""

    def _words(self, edge: Edge) -> str:
        return " ".join([self.graph.nodes[edge.target].label, *edge.codes])

    def _has_findings(self, family: Node) -> bool:
        nodes = [family, *self.graph.levels(family)]
        return bool(family.issues) or any(edge.codes for node in nodes for edge in self.graph.edges_from(node))

    def _link(self, node: Node, text: str) -> str:
        href = source_link(self.graph, node, self.base)
        title = f"{node.path}:{node.line}"
        return f'<a href="{escape(href)}" title="{escape(title)}">{escape(text)}</a>'

    def _source(self, path: str, line: int, text: str = "") -> str:
        href = source_link(self.graph, Node("", "", "", path, line), self.base)
        title = f"{path}:{line}"
        return f'<a class="source" href="{escape(href)}" title="{escape(title)}">{escape(text or f"line {line}")}</a>'

    def _sources(self, issues: list[Issue]) -> str:
        """Where findings stand, by family: "Security Analyst: line 32, 56"."""
        by_path: dict[str, list[Issue]] = {}
        for issue in issues:
            by_path.setdefault(issue.path, []).append(issue)
        return "; ".join(
            f"{escape(self._families.get(path, path))}: "
            + ", ".join(self._source(path, i.line, str(i.line)) for i in found)
            for path, found in by_path.items()
        )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _grade(level: Node) -> str:
    """A level's grade as a badge, darker for higher grades."""
    if level.grade is None:
        return '<b class="grade none" title="no grade">–</b>'
    return f'<b class="grade g{min(max(int(level.grade), 1), 15)}" title="{level.grade_text}">{level.grade:g}</b>'


def _short(family: Node) -> str:
    """The family's path from its department folder on: "account-executive/index.html.md"."""
    parts = family.path.split("/")
    return "/".join(parts[parts.index(family.department) + 1 :]) if family.department in parts[:-1] else family.path


def _department_name(name: str) -> str:
    """ "people-group" -> "People group"."""
    words = name.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:] if words else NO_DEPARTMENT


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jdlint ladder">
<title>Career ladders and reporting lines</title>
<style>{style}</style>
</head>
<body>
{body}
<script>{script}</script>
</body>
</html>
"""

_STYLE = """
:root { --red: #dc2626; --ink: #1e293b; --muted: #64748b; --line: #e2e8f0; --blue: #2563eb; --green: #15803d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #f8fafc; }
a { color: inherit; text-decoration: none; }
a:hover { text-decoration: underline; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
  padding: 10px 20px 6px; }
h1 { font-size: 18px; margin: 0 12px 0 0; display: inline; }
.stats { display: inline; color: var(--muted); margin: 0; }
.bad { color: var(--red); font-weight: 600; }
.controls { margin: 8px 0 4px; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
#filter { width: 420px; max-width: 100%; padding: 6px 10px; border: 1px solid #cbd5e1; border-radius: 6px;
  font: inherit; }
#count { color: var(--muted); }
.legend { margin: 2px 0; color: var(--muted); font-size: 12px; display: flex; flex-wrap: wrap; gap: 4px 14px;
  align-items: center; }
.key::before { content: ""; display: inline-block; width: 22px; margin-right: 5px; vertical-align: middle;
  border-top: 2px solid var(--green); }
.key.reports::before { border-top: 1px solid var(--blue); }
.key.broken::before { border-top: 2px dashed var(--red); }
.key.named::before { border-top: 1px dotted var(--muted); }
nav { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; padding-top: 4px; }
nav a { color: var(--blue); }
nav small { color: var(--muted); }
main { padding: 8px 20px 40px; }
h2 { font-size: 16px; margin: 18px 0 8px; }
.department { scroll-margin-top: 140px; }
h2 small { font-weight: normal; color: var(--muted); }
.grid { columns: 300px; column-gap: 10px; }
.family { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; margin: 0 0 10px;
  break-inside: avoid; scroll-margin-top: 140px; }
.family.broken { border-left: 4px solid var(--red); }
.family.related, .unknown.related { outline: 2px solid var(--blue); }
.family:target, .unknown:target, li:target { outline: 3px solid #f59e0b; }
h3 { font-size: 14px; margin: 0; }
.path { margin: 0 0 4px; font-size: 11px; color: var(--muted); word-break: break-all; }
.levels { list-style: none; margin: 0; padding: 0 0 0 4px; border-left: 2px solid var(--line); }
.levels > li { display: flex; gap: 8px; align-items: flex-start; padding: 3px 0 3px 0; margin-left: -15px;
  scroll-margin-top: 140px; }
.grade { flex: none; min-width: 26px; height: 20px; border-radius: 10px; text-align: center; font-size: 12px;
  line-height: 20px; color: #fff; background: #94a3b8; margin-left: 2px; }
.legend .grade { display: inline-block; margin-right: 3px; }
.grade.none { background: #fff; color: #b45309; border: 1px dashed #b45309; }
.g1, .g2, .g3, .g4, .g5 { background: #93c5fd; color: #1e3a8a; }
.g6 { background: #60a5fa; } .g7 { background: #3b82f6; } .g8 { background: #2563eb; }
.g9 { background: #1d4ed8; } .g10 { background: #4338ca; } .g11 { background: #6d28d9; }
.g12 { background: #7e22ce; } .g13, .g14, .g15 { background: #581c87; }
.edges { list-style: none; margin: 1px 0 2px; padding: 0; font-size: 12px; }
.edges li { color: var(--muted); }
.edges .ladder .kind { color: var(--green); font-weight: 600; }
.edges .reports .kind { color: var(--blue); }
.edges .node { color: var(--ink); }
.edges .grade { display: inline-block; min-width: 20px; height: 16px; line-height: 16px; font-size: 10px;
  margin-right: 4px; vertical-align: 1px; }
.edges .in { color: var(--muted); }
.family > .edges { margin-top: 6px; border-top: 1px solid var(--line); padding-top: 4px; }
.edges .broken .kind, .edges .broken code { color: var(--red); }
.edges .broken .node { color: var(--red); border: 1.5px dashed var(--red); border-radius: 4px; padding: 0 4px;
  background: #fef2f2; font-weight: 600; }
.edges .named .node { border-bottom: 1px dotted var(--muted); }
.why { display: block; color: #991b1b; font-size: 11px; }
.source { font-size: 11px; color: var(--muted); }
code { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; }
.issue { margin: 4px 0 0; font-size: 12px; color: #b45309; }
.issue code { color: #b45309; font-weight: 600; }
.loose { margin: 10px 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; }
.loose summary { cursor: pointer; font-weight: 600; color: var(--red); }
.unknowns { columns: 330px; column-gap: 8px; margin: 8px 0; }
.unknown { border: 2px dashed var(--red); border-radius: 8px; background: #fef2f2; padding: 4px 8px; margin: 0 0 8px;
  break-inside: avoid;
  scroll-margin-top: 140px; }
.unknown h4 { margin: 0; font-size: 13px; color: #991b1b; }
.unknown ul { margin: 2px 0 0; padding-left: 16px; font-size: 11px; color: #7f1d1d; }
.named-list { font-size: 12px; color: var(--muted); margin: 4px 0; }
[hidden] { display: none !important; }
/* A phone: a sticky header of title, filter, legend and departments took half the screen. It
   scrolls away instead, the departments are one row that scrolls sideways, and anchors need no
   room above them for it. */
@media (max-width: 640px) {
  header { position: static; padding: 8px 10px 4px; }
  h1 { display: block; font-size: 16px; }
  .stats { display: block; font-size: 12px; }
  #filter { width: 100%; }
  nav { flex-wrap: nowrap; overflow-x: auto; white-space: nowrap; padding-bottom: 4px; }
  main { padding: 6px 10px 30px; }
  .department, .family, .levels > li, .unknown { scroll-margin-top: 8px; }
}
"""

_SCRIPT = """
const filter = document.getElementById("filter");
const onlyBroken = document.getElementById("only-broken");
const cards = [...document.querySelectorAll(".family, .unknown")];
const families = cards.filter((c) => c.classList.contains("family"));
function apply() {
  const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
  let shown = 0;
  for (const card of cards) {
    const text = card.dataset.text;
    const visible = words.every((w) => text.includes(w)) && (!onlyBroken.checked || "broken" in card.dataset);
    card.hidden = !visible;
    if (visible && card.classList.contains("family")) shown++;
  }
  for (const section of document.querySelectorAll(".department")) {
    section.hidden = !section.querySelector(".family:not([hidden])");
  }
  const loose = document.querySelector(".loose");
  if (loose) {
    const matches = loose.querySelector(".unknown:not([hidden])");
    loose.hidden = words.length > 0 && !matches;
    if (words.length > 0 && matches) loose.open = true;
    const named = loose.querySelector(".named-list");
    if (named) named.hidden = words.length > 0;
  }
  document.getElementById("count").textContent = `showing ${shown} of ${families.length} families`;
  document.getElementById("nothing").hidden = shown > 0;
}
filter.addEventListener("input", apply);
onlyBroken.addEventListener("change", apply);
for (const link of document.querySelectorAll("[data-filter]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    filter.value = link.dataset.filter;
    apply();
  });
}
for (const card of families) {
  const related = card.dataset.related.split(" ").filter(Boolean).map((id) => document.getElementById(id));
  card.addEventListener("mouseenter", () => related.forEach((r) => r && r.classList.add("related")));
  card.addEventListener("mouseleave", () => related.forEach((r) => r && r.classList.remove("related")));
}
// A link to a card hidden by the filter clears the filter first.
document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href^="#"]:not([data-filter])');
  const target = link && document.getElementById(link.getAttribute("href").slice(1));
  if (target && target.closest("[hidden]")) { filter.value = ""; onlyBroken.checked = false; apply(); }
  const details = target && target.closest("details");
  if (details) details.open = true;
});
apply();
"""
