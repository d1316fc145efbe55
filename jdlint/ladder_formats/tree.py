"""`--format tree` (the default): departments, families and their levels as a rich tree, grades in
a column, each level's reporting line and each family's next steps under it, broken links in red."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TextIO

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from jdlint.engine import display_path
from jdlint.ladder import NO_DEPARTMENT, Edge, Graph, Node
from jdlint.rule import plural

_ARROW = {"ladder": "next step ──▶ ", "reports": "reports to ─▶ "}
_BROKEN_ARROW = {"ladder": "next step ╌╌▶ ", "reports": "reports to ╌▶ "}
_MAX_TITLE = 64  # longer titles push only their own grade to the right


def write(graph: Graph, stream: TextIO, color: bool = False, base: Path | None = None) -> None:
    # A terminal wraps at its width; a file or a pipe gets whole lines.
    width = None if stream.isatty() else 10_000
    console = Console(file=stream, width=width, force_terminal=color, no_color=not color, highlight=False)
    root = Tree(Text(_summary(graph), style="bold"))
    for department, families in graph.departments().items():
        branch = root.add(Text(department or NO_DEPARTMENT, style="bold magenta"))
        for family in families:
            _family(graph, branch, family)
    console.print(root)


def _family(graph: Graph, parent: Tree, family: Node) -> None:
    label = Text(family.label, style="bold")
    label.append(f"  {display_path(graph.root / family.path)}:{family.line}", style="dim")
    branch = parent.add(label)
    levels = graph.levels(family)
    width = min(max((len(level.label) for level in levels), default=0), _MAX_TITLE)
    for level in levels:
        row = Text(level.label.ljust(width))
        row.append(f"  {level.grade_text:<9}", style="cyan" if level.grade is not None else "yellow")
        where = "" if level.path == family.path else PurePosixPath(level.path).name  # a level page of its own
        row.append(f" {where}:{level.line}", style="dim")
        twig = branch.add(row)
        for edge in graph.edges_from(level):
            twig.add(_edge(graph, edge, family))
    for edge in graph.edges_from(family):
        branch.add(_edge(graph, edge, family))
    for issue in family.issues:
        branch.add(Text(f"✗ {issue.code} {issue.message} (line {issue.line})", style="red"))


def _edge(graph: Graph, edge: Edge, family: Node) -> Text:
    target = graph.nodes[edge.target]
    if target.broken:
        text = Text(_BROKEN_ARROW[edge.kind], style="red")
        text.append(f"✗ {target.label}", style="bold red")
        text.append(f"  {' '.join(edge.codes)} (line {edge.line})", style="red")
        return text
    text = Text(_ARROW[edge.kind], style="green" if edge.kind == "ladder" else "blue")
    text.append(_target_text(graph, target, family), style="dim" if target.kind == "named" else "")
    if target.kind == "named":
        text.append("  (no page)", style="dim")
    return text


def _summary(graph: Graph) -> str:
    families = graph.families()
    levels = sum(len(graph.levels(family)) for family in families)
    broken = sum(1 for edge in graph.edges if edge.codes)
    counts = (plural(len(families), "family", "families"), plural(levels, "level"), plural(broken, "broken link"))
    return "Career ladders and reporting lines: " + ", ".join(counts)


def _target_text(graph: Graph, node: Node, family: Node | None = None) -> str:
    """How an edge's target reads: "Director, Sales (grade 10)", with its family when that is
    another one than `family`."""
    if node.kind != "level":
        return node.label
    text = f"{node.label} ({node.grade_text})"
    owner = graph.nodes[node.family]
    return text if owner is family or owner.label == node.label else f"{text} in {owner.label}"
