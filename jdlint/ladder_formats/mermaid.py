"""`--format mermaid`: a Mermaid `flowchart` that GitHub and GitLab draw inside a ```mermaid block.

Departments and families are subgraphs, levels are nodes in page order (tied by invisible links),
next steps are thick arrows, reporting lines thin ones, and a target that resolves to nothing is a
red dashed node reached by a red dotted arrow labelled with the finding's code. Node ids are the
graph's own (letters, digits, "_"); every label is quoted with Mermaid's entity codes, so "&", ",",
quotes and brackets in titles are text.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import TextIO

from jdlint.ladder import NO_DEPARTMENT, Edge, Graph, Node, safe_id

_ARROWS = {"ladder": "==>", "reports": "-->"}
_ENTITIES = {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
_CLASSES = (
    "classDef level fill:#ffffff,stroke:#64748b",
    "classDef named fill:#f8fafc,stroke:#94a3b8,color:#475569",
    "classDef broken fill:#fef2f2,stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 4,color:#b91c1c",
)


def write(graph: Graph, stream: TextIO, color: bool = False, base: Path | None = None) -> None:
    stream.write("\n".join(lines(graph)) + "\n")


def lines(graph: Graph) -> list[str]:
    out = ["flowchart LR", *(f"  {c}" for c in _CLASSES)]
    for department, families in graph.departments().items():
        out.append(f'  subgraph {safe_id("d", department)}["{label(department or NO_DEPARTMENT)}"]')
        for family in families:
            out.extend(_family(graph, family))
        out.append("  end")
    for node in graph.loose():
        text = _broken_label(node) if node.broken else label(node.label)
        out.append(f'  {node.id}["{text}"]:::{"broken" if node.broken else "named"}')
    # `linkStyle` counts every link in order, the invisible ones that keep the levels in line too.
    first = sum(
        max(len(graph.levels(family)) - 1, 0) for families in graph.departments().values() for family in families
    )
    broken = []
    for number, edge in enumerate(graph.edges, start=first):
        out.append(f"  {_edge(edge)}")
        if edge.codes:
            broken.append(str(number))
    if broken:
        out.append(f"  linkStyle {','.join(broken)} stroke:#dc2626,stroke-width:2px,color:#b91c1c")
    return out


def _family(graph: Graph, family: Node) -> list[str]:
    levels = graph.levels(family)
    out = [f'    subgraph {family.id}["{label(family.label)}"]', "      direction TB"]
    out += [f'      {level.id}["{label(level.label)}<br/>{level.grade_text}"]:::level' for level in levels]
    out += [f"      {a.id} ~~~ {b.id}" for a, b in pairwise(levels)]
    out.append("    end")
    # `style`, not a class: Mermaid drops a class from a subgraph that is also an edge's end.
    out.append(f"    style {family.id} fill:#eef2ff,stroke:#4f46e5")
    return out


def _edge(edge: Edge) -> str:
    text = edge.label
    if edge.codes:
        return f'{edge.source} -. "{text} · {" ".join(edge.codes)}" .-> {edge.target}'
    return f'{edge.source} {_ARROWS[edge.kind]}|"{text}"| {edge.target}'


def _broken_label(node: Node) -> str:
    codes = " ".join(sorted({issue.code for issue in node.issues}))
    return f"{label('✗ ' + node.label)}<br/>{codes}"


def label(text: str) -> str:
    """`text` as the inside of a quoted Mermaid label."""
    return "".join(_ENTITIES.get(c, c) for c in text)
