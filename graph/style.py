"""The visual style every view shares: colours by node kind, edge styles, actor shapes, sizes.

The HTML page and the Gephi files take their look from here, so both show the same colours.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from argkg.graph.model import EdgeKind, NodeKind

# Okabe-Ito colours: they stay distinguishable for the common colour-vision deficiencies.
NODE_COLOURS = {
    NodeKind.DISCUSSION: "#555555",
    NodeKind.ARTICLE: "#D55E00",
    NodeKind.COMMENT: "#56B4E9",
    NodeKind.COMMENTER: "#009E73",
    NodeKind.ACTOR: "#E69F00",
}
UNKNOWN_COLOUR = "#999999"


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    line: str  # GEXF edge shape: solid, dashed or dotted


EDGE_STYLES = {
    EdgeKind.IN_DISCUSSION: EdgeStyle("#BBBBBB", "dotted"),
    EdgeKind.REPLIES_TO: EdgeStyle("#0072B2", "solid"),
    EdgeKind.AUTHORED_BY: EdgeStyle("#009E73", "dashed"),
    EdgeKind.MENTIONS: EdgeStyle("#E69F00", "solid"),
    EdgeKind.ACCOUNT_OF: EdgeStyle("#CC79A7", "dashed"),
}
UNKNOWN_EDGE_STYLE = EdgeStyle(UNKNOWN_COLOUR, "solid")

# Actors are told apart by shape (GEXF names; the HTML maps them to vis-network shapes):
# people, bodies of people, places, everything else.
ACTOR_TYPE_SHAPES = {
    "Person": "diamond",
    "Organization": "square",
    "Party": "square",
    "Institution": "square",
    "Media": "square",
    "Group": "square",
    "State": "triangle",
    "Region": "triangle",
    "City": "triangle",
}
DEFAULT_SHAPE = "disc"

_FIXED_SIZES = {NodeKind.DISCUSSION: 30.0, NodeKind.ARTICLE: 24.0}
_MIN_SIZE, _MAX_SIZE = 8.0, 60.0


def node_colour(data: dict) -> str:
    return NODE_COLOURS.get(data["kind"], UNKNOWN_COLOUR)


def edge_style(data: dict) -> EdgeStyle:
    return EDGE_STYLES.get(data["kind"], UNKNOWN_EDGE_STYLE)


def node_shape(data: dict) -> str:
    if data["kind"] != NodeKind.ACTOR:
        return DEFAULT_SHAPE
    return ACTOR_TYPE_SHAPES.get(data.get("actor_type") or "", DEFAULT_SHAPE)


def attention_received(graph: nx.MultiDiGraph) -> Counter[str]:
    """Replies a post received, posts a commenter wrote, mentions an actor got."""
    attention: Counter[str] = Counter()
    for _, target, data in graph.edges(data=True):
        if data["kind"] == EdgeKind.MENTIONS:
            attention[target] += edge_weight(data)
        elif data["kind"] in (EdgeKind.REPLIES_TO, EdgeKind.AUTHORED_BY):
            attention[target] += 1
    return attention


def node_sizes(graph: nx.MultiDiGraph, attention: Counter[str] | None = None) -> dict[str, float]:
    """Size by attention received (see attention_received)."""
    if attention is None:
        attention = attention_received(graph)
    return {node: _size(data["kind"], attention[node]) for node, data in graph.nodes(data=True)}


def _size(kind: str, attention: int) -> float:
    if kind in _FIXED_SIZES:
        return _FIXED_SIZES[kind]
    # Square root: a node mentioned 100 times should not dwarf the rest a hundredfold.
    return round(min(_MAX_SIZE, _MIN_SIZE + 4.0 * math.sqrt(attention)), 2)


def edge_weight(data: dict) -> int:
    """How often a post mentions an actor; 1 for every other edge."""
    if data["kind"] == EdgeKind.MENTIONS:
        return data.get("count") or 1
    return 1


def edge_width(data: dict) -> float:
    return round(1.0 + math.log2(edge_weight(data)), 2)


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary when one is near, marked with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"
