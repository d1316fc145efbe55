"""Pictures of the ladder graph: one module per `jdlint ladder --format`, each a
`write(graph, stream, color, base)` function. `base` is the directory the picture is written to,
for relative links to the source files; None links to them by absolute `file://` URL."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from jdlint.ladder import Graph, Node

FORMATS = ("tree", "mermaid", "dot", "html")


def writer(name: str):
    return importlib.import_module(f"jdlint.ladder_formats.{name}").write


def source_link(graph: Graph, node: Node, base: Path | None) -> str:
    """A link to the node's source file and line, or '' for a node without one."""
    if not node.path:
        return ""
    source = (graph.root / node.path).resolve()
    if base is None:
        return f"{source.as_uri()}#L{node.line}"
    relative = Path(os.path.relpath(source, base.resolve())).as_posix()
    return f"{relative}#L{node.line}"
