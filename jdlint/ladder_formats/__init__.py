"""Pictures of the ladder graph: one module per `jdlint ladder --format`, each a
`write(graph, stream, color, base)` function. `base` is the directory the picture is written to,
for relative links to the source files; None links to them by absolute `file://` URL. A graph
with a `link_base` links to a repository's web view or to the published pages instead."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from urllib.parse import quote

from jdlint.ladder import Graph, Node

FORMATS = ("tree", "mermaid", "dot", "html")


def writer(name: str):
    return importlib.import_module(f"jdlint.ladder_formats.{name}").write


def source_link(graph: Graph, node: Node, base: Path | None) -> str:
    """A link to the node's source, or '' for a node without one: its page on the published site,
    its file and line in the repository's web view (see `Graph.link_base`), or its file and line
    on disk."""
    if not node.path:
        return ""
    if graph.page_urls:
        return "/".join(filter(None, [graph.link_base, graph.page_urls.get(node.path, "")])) + "/"
    if graph.link_base:
        return f"{graph.link_base}/{quote(node.path)}#L{node.line}"
    source = (graph.root / node.path).resolve()
    if base is None:
        return f"{source.as_uri()}#L{node.line}"
    relative = Path(os.path.relpath(source, base.resolve())).as_posix()
    return f"{relative}#L{node.line}"
