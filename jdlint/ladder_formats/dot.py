"""`--format dot`: a Graphviz `digraph` (`dot -Tsvg ladders.dot -o ladders.svg`).

Departments and families are clusters; a family's first node names it and its levels follow in
page order (tied by invisible edges). Next steps are bold arrows, reporting lines thin ones, and a
target that resolves to nothing is a red dashed node reached by a red dashed arrow labelled with
the finding's code. Nodes carry a URL to their source file and line, which SVG output keeps.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import TextIO

from jdlint.ladder import NO_DEPARTMENT, Edge, Graph, Node
from jdlint.ladder_formats import source_link

_RED = "#dc2626"


def write(graph: Graph, stream: TextIO, color: bool = False, base: Path | None = None) -> None:
    stream.write("\n".join(lines(graph, base)) + "\n")


def lines(graph: Graph, base: Path | None = None) -> list[str]:
    out = [
        "digraph ladders {",
        '  graph [rankdir=LR, compound=true, fontname="Helvetica", nodesep=0.25, ranksep=0.6];',
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    for number, (department, families) in enumerate(graph.departments().items()):
        out.append(f"  subgraph cluster_d{number} {{")
        out.append(f'    label={quote(department or NO_DEPARTMENT)}; style=dashed; color="#94a3b8";')
        for family in families:
            out.extend(_family(graph, family, base))
        out.append("  }")
    for node in graph.loose():
        out.append(f"  {node.id} [{_attributes(_loose(node))}];")
    out.extend(f"  {_edge(edge)}" for edge in graph.edges)
    out.append("}")
    return out


def _family(graph: Graph, family: Node, base: Path | None) -> list[str]:
    levels = graph.levels(family)
    header = {"label": family.label, "shape": "tab", "fillcolor": "#eef2ff", "color": "#4f46e5"}
    out = [
        f"    subgraph cluster_{family.id} {{",
        '      style="rounded,filled"; fillcolor="#f8fafc"; color="#cbd5e1"; label="";',
        f"      {family.id} [{_attributes(header | _url(graph, family, base))}];",
    ]
    for level in levels:
        attributes = {"label": f"{level.label}\n{level.grade_text}"} | _url(graph, level, base)
        out.append(f"      {level.id} [{_attributes(attributes)}];")
    chain = [family, *levels]
    out += [f"      {a.id} -> {b.id} [style=invis];" for a, b in pairwise(chain)]
    out.append("    }")
    return out


def _loose(node: Node) -> dict[str, str]:
    if not node.broken:
        return {"label": node.label, "color": "#94a3b8", "fontcolor": "#475569"}
    codes = " ".join(sorted({issue.code for issue in node.issues}))
    return {
        "label": f"✗ {node.label}\n{codes}",
        "style": "rounded,dashed,filled",
        "fillcolor": "#fef2f2",
        "color": _RED,
        "fontcolor": _RED,
        "penwidth": "2",
        "tooltip": "\n".join(issue.message for issue in node.issues),
    }


def _edge(edge: Edge) -> str:
    attributes = {"label": edge.label}
    if edge.kind == "ladder":
        attributes["penwidth"] = "2"
    if edge.codes:
        attributes |= {"label": f"{attributes['label']}\n{' '.join(edge.codes)}", "color": _RED, "fontcolor": _RED}
        attributes["style"] = "dashed"
    return f"{edge.source} -> {edge.target} [{_attributes(attributes)}];"


def _url(graph: Graph, node: Node, base: Path | None) -> dict[str, str]:
    link = source_link(graph, node, base)
    return {"URL": link, "tooltip": f"{node.path}:{node.line}"} if link else {}


def _attributes(attributes: dict[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in attributes.items())


def quote(text: str) -> str:
    """`text` as a DOT double-quoted string: backslashes and quotes escaped, newlines as \\n."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
