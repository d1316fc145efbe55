"""`--format mermaid`: a Mermaid `flowchart` that GitHub and GitLab draw inside a ```mermaid block.

Departments and families are subgraphs, levels are nodes in page order (tied by invisible links),
next steps are thick arrows, reporting lines thin ones, and a target that resolves to nothing is a
red dashed node reached by a red dotted arrow labelled with the finding's code. Node ids are short
("n12", in the order they are drawn): the graph's own, made of the source paths, would take most of
the text, and Mermaid refuses to draw a text longer than its `maxTextSize` (50,000 characters by
default, as GitHub and GitLab use it). Every label is quoted with Mermaid's entity codes, so "&",
",", quotes and brackets in titles are text. A picture over the limit is still written, with a
warning on stderr that names `--family` as the way to draw a part of the handbook.
"""

from __future__ import annotations

import sys
from itertools import pairwise
from pathlib import Path
from typing import TextIO

from jdlint.ladder import NO_DEPARTMENT, Edge, Graph, Node, safe_id

MAX_TEXT_SIZE = 50_000  # Mermaid's default maxTextSize: a longer text is drawn as an error message
_ARROWS = {"ladder": "==>", "reports": "-->"}
_ENTITIES = {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
_CLASSES = (
    "classDef level fill:#ffffff,stroke:#64748b",
    "classDef named fill:#f8fafc,stroke:#94a3b8,color:#475569",
    "classDef broken fill:#fef2f2,stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 4,color:#b91c1c",
)


def write(graph: Graph, stream: TextIO, color: bool = False, base: Path | None = None) -> None:
    text = "\n".join(lines(graph)) + "\n"
    stream.write(text)
    if len(text) > MAX_TEXT_SIZE:
        print(
            f"jdlint: warning: the Mermaid text has {len(text):,} characters, more than the {MAX_TEXT_SIZE:,} Mermaid"
            " draws by default (maxTextSize; GitHub and GitLab keep it): draw a part of the handbook with"
            " --family TEXT (a family's title or folder)",
            file=sys.stderr,
        )


def lines(graph: Graph) -> list[str]:
    ids = _ShortIds()
    out = ["flowchart LR", *(f"  {c}" for c in _CLASSES)]
    for department, families in graph.departments().items():
        out.append(f'  subgraph {ids[safe_id("d", department)]}["{label(department or NO_DEPARTMENT)}"]')
        for family in families:
            out.extend(_family(graph, family, ids))
        out.append("  end")
    for node in graph.loose():
        text = _broken_label(node) if node.broken else label(node.label)
        out.append(f'  {ids[node.id]}["{text}"]:::{"broken" if node.broken else "named"}')
    # `linkStyle` counts every link in order, the invisible ones that keep the levels in line too.
    first = sum(
        max(len(graph.levels(family)) - 1, 0) for families in graph.departments().values() for family in families
    )
    broken = []
    for number, edge in enumerate(graph.edges, start=first):
        out.append(f"  {_edge(edge, ids)}")
        if edge.codes:
            broken.append(str(number))
    if broken:
        out.append(f"  linkStyle {','.join(broken)} stroke:#dc2626,stroke-width:2px,color:#b91c1c")
    return out


class _ShortIds(dict):
    """The graph's ids -> "n1", "n2" … in the order they are first drawn."""

    def __missing__(self, graph_id: str) -> str:
        self[graph_id] = f"n{len(self) + 1}"
        return self[graph_id]


def _family(graph: Graph, family: Node, ids: _ShortIds) -> list[str]:
    levels = graph.levels(family)
    out = [f'    subgraph {ids[family.id]}["{label(family.label)}"]', "      direction TB"]
    out += [f'      {ids[level.id]}["{label(level.label)}<br/>{level.grade_text}"]:::level' for level in levels]
    out += [f"      {ids[a.id]} ~~~ {ids[b.id]}" for a, b in pairwise(levels)]
    out.append("    end")
    # `style`, not a class: Mermaid drops a class from a subgraph that is also an edge's end.
    out.append(f"    style {ids[family.id]} fill:#eef2ff,stroke:#4f46e5")
    return out


def _edge(edge: Edge, ids: _ShortIds) -> str:
    text, source, target = edge.label, ids[edge.source], ids[edge.target]
    if edge.codes:
        return f'{source} -. "{text} · {" ".join(edge.codes)}" .-> {target}'
    return f'{source} {_ARROWS[edge.kind]}|"{text}"| {target}'


def _broken_label(node: Node) -> str:
    codes = " ".join(sorted({issue.code for issue in node.issues}))
    return f"{label('✗ ' + node.label)}<br/>{codes}"


def label(text: str) -> str:
    """`text` as the inside of a quoted Mermaid label."""
    return "".join(_ENTITIES.get(c, c) for c in text)
