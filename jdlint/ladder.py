"""The handbook's structure as a plain graph, for `jdlint ladder`: families with their levels,
career-ladder edges (next step), reporting lines, and the targets that resolve to nothing.

Targets resolve through the handbook index as the rules resolve them, and a target is broken
exactly when JD401 (unknown next step) or JD502 (unknown manager) reports it: the rules run here
on the same pages, with the same selection, per-file ignores and suppressions as `jdlint check`,
so the picture and the findings agree. The renderers in `jdlint.ladder_formats` only draw.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from jdlint import model
from jdlint.config import Config
from jdlint.engine import Diagnostic, Report, check_page, read_handbook
from jdlint.handbook import Entry, HandbookIndex, RoleEntry
from jdlint.parse import Link
from jdlint.rule import Context
from jdlint.rules.reporting import reporting_lines

# The findings a picture shows: targets that resolve to nothing, and ladders that stop.
UNKNOWN_NEXT_STEP, UNDEFINED_LADDER, UNKNOWN_MANAGER = "JD401", "JD402", "JD502"
_DRAWN = {UNKNOWN_NEXT_STEP, UNDEFINED_LADDER, UNKNOWN_MANAGER}
DEPARTMENT_FOLDER = "job-families"


@dataclass(frozen=True)
class Issue:
    """A finding drawn on the picture."""

    code: str
    path: str  # relative to the handbook root
    line: int
    message: str


@dataclass
class Node:
    id: str  # letters, digits and "_" only: safe as a Mermaid, DOT or HTML id
    kind: str  # "family" | "level" | "unknown" (reported by JD401/JD502) | "named" (no page: CEO, a level word)
    label: str
    path: str = ""  # the source file, relative to the handbook root
    line: int = 0
    grade: float | None = None
    family: str = ""  # a level's family node
    department: str = ""  # a family's first folder under job-families/
    issues: list[Issue] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return self.kind == "unknown"

    @property
    def grade_text(self) -> str:
        return f"grade {self.grade:g}" if self.grade is not None else "no grade"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # "ladder" (next step) | "reports" (reports to)
    path: str
    line: int
    codes: tuple[str, ...] = ()  # the findings on this edge; an edge with any is broken

    @property
    def label(self) -> str:
        return "next step" if self.kind == "ladder" else "reports to"


NO_DEPARTMENT = "(no department)"  # the heading of families outside any department folder


@dataclass
class Graph:
    """Nodes and edges, added through `add` and `connect`, which keep the lookups the renderers use."""

    root: Path
    # Where the links to page sources go: "" for the files themselves; else a repository's web view
    # of the root (`…/-/blob/main/`: the source path and "#L<line>" are added), or, when
    # `page_urls` is set, the site that publishes the pages (the page's URL is added).
    link_base: str = ""
    page_urls: dict[str, str] = field(default_factory=dict)  # source path -> its page's URL path
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    _levels: dict[str, list[Node]] = field(default_factory=dict, repr=False)
    _outgoing: dict[str, list[Edge]] = field(default_factory=dict, repr=False)

    def add(self, node: Node) -> Node:
        self.nodes[node.id] = node
        if node.kind == "level":
            self._levels.setdefault(node.family, []).append(node)
        return node

    def connect(self, edge: Edge) -> None:
        """Add `edge` unless the same two nodes are already joined by an edge of its kind."""
        outgoing = self._outgoing.setdefault(edge.source, [])
        if not any((e.target, e.kind) == (edge.target, edge.kind) for e in outgoing):
            outgoing.append(edge)
            self.edges.append(edge)

    def families(self) -> list[Node]:
        found = [n for n in self.nodes.values() if n.kind == "family"]
        return sorted(found, key=lambda n: (n.department, n.label.casefold(), n.path))

    def departments(self) -> dict[str, list[Node]]:
        grouped: dict[str, list[Node]] = {}
        for family in self.families():
            grouped.setdefault(family.department, []).append(family)
        return grouped

    def levels(self, family: Node) -> list[Node]:
        """A family's levels in the order of its page."""
        return self._levels.get(family.id, [])

    def loose(self) -> list[Node]:
        """Targets outside every family: unknown titles and titles no page holds."""
        found = [n for n in self.nodes.values() if n.kind in ("unknown", "named")]
        return sorted(found, key=lambda n: (not n.broken, n.label.casefold()))

    def edges_from(self, node: Node) -> list[Edge]:
        return self._outgoing.get(node.id, [])

    def owner(self, node_id: str) -> str:
        """The family a node belongs to: itself for a family, its family for a level."""
        node = self.nodes[node_id]
        return node.family or node.id


def build_graph(
    paths: list[Path], config: Config, use_cache: bool = True, family: str | None = None, link_base: str = ""
) -> tuple[Graph, Report]:
    """The graph of the job-family pages among `paths`, judged against the whole handbook, and
    the report of files that could not be read. `family` narrows it to the families whose title
    or path contains that text, and their neighbours. `link_base` is where the links to the
    sources go: a repository's web view of the root, or one of the profile's `base-urls` for the
    published pages; "" for the files."""
    report = Report()
    index, pages = read_handbook(paths, config, use_cache, report)
    builder = _Builder(Graph(config.root), index, config)
    for relative, page in pages:
        if isinstance(page, model.Page) and page.family.is_job_family:
            builder.add_page(page, relative)
    graph = builder.graph
    if family:
        graph = _narrow(graph, lambda node: index.key(family) in index.key(node.label) or family in node.path)
    graph.link_base = link_base.rstrip("/")
    if graph.link_base in [url.rstrip("/") for url in config.profile.base_urls]:
        graph.page_urls = {path: index.url_of_document(path) for path in index.entries}
    return graph, report


class _Builder:
    def __init__(self, graph: Graph, index: HandbookIndex, config: Config) -> None:
        self.graph = graph
        self.index = index
        self.config = config

    def add_page(self, page: model.Page, path: str) -> None:
        entry = self.index.entries.get(path)
        if entry is None:
            return
        family = self._family(entry)
        context = Context(self.config.profile, self.index, path)
        rules = [r for r in self.config.enabled_rules(self.config.ignores_for(path)) if r.code in _DRAWN]
        findings = [d for d in check_page(page, context, self.config, rules) if d.code in _DRAWN]
        for diagnostic in findings:
            if diagnostic.code == UNDEFINED_LADDER:
                family.issues.append(Issue(diagnostic.code, path, diagnostic.line, diagnostic.message))
        for statement in page.family.ladder:
            for link in statement.links:
                self._connect(family.id, link.text, link, "ladder", path, link.line, findings)
            for target in statement.targets:
                self._connect(family.id, target, None, "ladder", path, statement.line, findings)
        levels = {(node.path, node.line): node.id for node in self.graph.levels(family)}
        placed = set()
        for role, statement in reporting_lines(page, context):
            placed.add(id(statement))
            source = levels.get((path, role.line), family.id)
            self._connect(source, statement.manager, statement.link, "reports", path, statement.line, findings)
        for statement in page.family.reports_to:  # outside any level, naming none of them
            if id(statement) not in placed:
                self._connect(family.id, statement.manager, statement.link, "reports", path, statement.line, findings)

    def _connect(
        self,
        source: str,
        name: str,
        link: Link | None,
        kind: str,
        path: str,
        line: int,
        findings: list[Diagnostic],
    ) -> None:
        if not name:
            return
        code, what = (UNKNOWN_NEXT_STEP, "next step") if kind == "ladder" else (UNKNOWN_MANAGER, "manager")
        # The finding is about `name` when it opens with it, not when it suggests it ("did you mean").
        subject = f'{what} "{name}" '
        reported = [d for d in findings if d.code == code and d.line == line and d.message.startswith(subject)]
        if reported:
            node = self._loose("u", "unknown", name)
            issues = [Issue(d.code, path, d.line, d.message) for d in reported]
            node.issues.extend(issue for issue in issues if issue not in node.issues)
            targets = [node.id]
        else:
            targets = self._resolve(name, link, path)
        codes = tuple(sorted({d.code for d in reported}))
        for target in targets:
            self.graph.connect(Edge(source, target, kind, path, line, codes))

    def _resolve(self, name: str, link: Link | None, path: str) -> list[str]:
        """The nodes `name` names: a linked page, else the roles and families of that title, else
        a node of its own for a title no page holds (a top title such as CEO, a bare level)."""
        linked = self.index.linked_entries(link.href, path) if link is not None else []
        if linked:
            return [self._node_for(linked[0]).id]
        found = self.index.resolve_title(name)
        if found:
            return [self._node_for(item).id for item in found]
        return [self._loose("t", "named", name).id]

    def _node_for(self, item: RoleEntry | Entry) -> Node:
        """The level a role entry names; the family an entry names, or its level when it has one."""
        if isinstance(item, Entry):
            family = self._family(item)
            levels = [n for n in self.graph.levels(family) if n.path == item.path]
            bundle = self.index.bundles.get(item.path)
            family_page = bundle is not None and bundle.is_family_page(item.path)
            return levels[0] if len(levels) == 1 and not family_page else family
        family = self._family(self.index.entries[item.path])
        return next(n for n in self.graph.levels(family) if (n.path, n.line) == (item.path, item.line))

    def _family(self, entry: Entry) -> Node:
        """The node of the family `entry` is part of, with its levels: of a family split over
        files, the family page's node, drawn once with the levels of all its files."""
        bundle = self.index.bundles.get(entry.path)
        owner = bundle.family_page if bundle else entry
        node_id = safe_id("f", owner.path)
        node = self.graph.nodes.get(node_id)
        if node is None:
            label = owner.family or PurePosixPath(owner.path).stem
            node = Node(node_id, "family", label, owner.path, owner.family_line, department=self._department(owner))
            self.graph.add(node)
            for role in bundle.level_roles() if bundle else entry.roles:
                level_id = safe_id("l", f"{role.path}:{role.line}")
                self.graph.add(Node(level_id, "level", role.title, role.path, role.line, role.grade, family=node_id))
        return node

    def _department(self, entry: Entry) -> str:
        """The first folder under job-families/, else the page's first folder under the root."""
        parts = (self.graph.root / entry.path).resolve().parts
        if DEPARTMENT_FOLDER in parts[:-1]:
            folders = parts[parts.index(DEPARTMENT_FOLDER) + 1 : -1]
        else:
            folders = PurePosixPath(entry.path).parts[:-1]
        return folders[0] if folders else ""

    def _loose(self, prefix: str, kind: str, name: str) -> Node:
        node_id = safe_id(prefix, self.index.key(name) or name)
        if node_id not in self.graph.nodes:
            self.graph.add(Node(node_id, kind, name))
        return self.graph.nodes[node_id]


def safe_id(prefix: str, text: str) -> str:
    """An id of letters, digits and underscores; distinct texts keep distinct ids (a short hash
    tells apart texts that only differ in punctuation)."""
    readable = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:60]
    return f"{prefix}_{readable}_{zlib.crc32(text.encode()):08x}"


def _narrow(graph: Graph, matches) -> Graph:
    """The families that `matches`, their edges, and the families and targets at the other end."""
    chosen = {f.id for f in graph.families() if matches(f)}
    edges = [e for e in graph.edges if graph.owner(e.source) in chosen or graph.owner(e.target) in chosen]
    keep = chosen | {graph.owner(node_id) for e in edges for node_id in (e.source, e.target)}
    narrowed = Graph(graph.root)
    for node_id, node in graph.nodes.items():
        if graph.owner(node_id) in keep:
            narrowed.add(node)
    for edge in edges:
        narrowed.connect(edge)
    return narrowed
