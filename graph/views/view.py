"""What one view hands to the page: its nodes and edges (positions included), filter groups,
legend, notes and vis-network options."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

MAX_VIEW_NODES = 2000
"""Above this many nodes a view shows a selection and says so. A view of 2,000 positioned
nodes opens in about a second in headless Chromium on two cores (bench/html_views.py), so
the limit keeps big debates readable more than it keeps them fast."""
# Beyond this many edges, edges are hidden while the user drags or zooms, so both stay fluid.
BUSY_EDGES = 3000

FACET_LABELS = {"type": "Show", "stance": "Stance", "acceptance": "Acceptance",
                "relation": "Edges"}
# Values in this order first (the rest in the order they first occur).
FACET_ORDER = ("article", "comment", "post", "claim", "premise", "no role", "commenter",
               "support", "attack", "neutral", "mixed", "wrote the article", "stance not found",
               "in", "out", "undecided")


@dataclass
class View:
    name: str  # the page is <name>.html
    heading: str
    description: str  # one sentence for the index page
    summary: str  # plain text, e.g. "22 posts · 21 replies"
    nodes: list[dict]
    edges: list[dict]
    legend: list[tuple[str, list[str]]]  # (row name, legend items as HTML; see legend.py)
    notes: list[str] = field(default_factory=list)  # plain text: what a big graph leaves out
    needs_edge: tuple[str, ...] = ()  # node kinds hidden by a filter that hides all their edges
    hidden_at_start: tuple[str, ...] = ()  # facet values whose box starts unticked
    options: dict | None = None

    def __post_init__(self):
        if self.options is None:
            self.options = static_options(len(self.edges))

    def facets(self) -> list[dict]:
        """The filter groups: every facet a node or edge carries, with its values' counts."""
        counts: dict[str, Counter] = {}
        for item in [*self.nodes, *self.edges]:
            for name, value in item.get("facet", {}).items():
                counts.setdefault(name, Counter())[value] += 1
        return [{"name": name, "label": FACET_LABELS.get(name, name),
                 "values": [{"value": v, "count": counts[name][v],
                             "on": v not in self.hidden_at_start} for v in _ordered(counts[name])]}
                for name in FACET_LABELS if name in counts]

    def payload(self) -> dict:
        """Everything the page script reads, as JSON-ready data."""
        return {"view": self.name, "nodes": self.nodes, "edges": self.edges,
                "facets": self.facets(), "needsEdge": list(self.needs_edge),
                "options": self.options}


def _ordered(values: Counter) -> list[str]:
    known = [value for value in FACET_ORDER if value in values]
    return known + [value for value in values if value not in known]


def static_options(edge_count: int) -> dict:
    """Nodes carry their positions: no physics, no layout run in the browser."""
    busy = edge_count > BUSY_EDGES
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {"borderWidth": 1, "font": {"size": 12, "face": "sans-serif"}},
        # Straight edges: curves cost drawing time on big graphs.
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": busy,
                        "hideEdgesOnZoom": busy},
    }


def numbered_edges(edges: list[dict]) -> list[dict]:
    """Edges get ids e0, e1, ... so that the page's filter can address them."""
    return [{"id": f"e{i}", **edge} for i, edge in enumerate(edges)]
