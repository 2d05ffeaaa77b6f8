"""The visual style every view shares: colours by node kind, edge styles, shapes, sizes.

The HTML page and the Gephi files take their look from here, so both show the same colours.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from argkg.graph.model import EdgeKind, NodeKind

# Okabe-Ito colours: they stay distinguishable for the common colour-vision deficiencies.
# Units are coloured by role (claims purple, premises yellow, the rest pale grey), so a unit
# node's colour is UNIT_ROLE_COLOURS[role]; NODE_COLOURS[unit] is the claim colour.
UNIT_ROLE_COLOURS = {"claim": "#CC79A7", "premise": "#F0E442", "none": "#DDDDDD"}
NODE_COLOURS = {
    NodeKind.DISCUSSION: "#555555",
    NodeKind.ARTICLE: "#D55E00",
    NodeKind.COMMENT: "#56B4E9",
    NodeKind.COMMENTER: "#009E73",
    NodeKind.ACTOR: "#E69F00",
    NodeKind.UNIT: UNIT_ROLE_COLOURS["claim"],
    NodeKind.UNSEEN_TEXT: "#000000",
}
UNKNOWN_COLOUR = "#999999"

# Agreement is green and conflict red (Okabe-Ito's bluish green and vermillion, which stay
# apart for red-green colour blindness), everywhere: supports, stances, acceptance.
SUPPORT_COLOUR = "#009E73"
ATTACK_COLOUR = "#D55E00"
NEUTRAL_COLOUR = "#999999"
ACCEPTANCE_COLOURS = {"in": SUPPORT_COLOUR, "out": ATTACK_COLOUR, "undecided": NEUTRAL_COLOUR}
# The views colour a comment by its stance toward what it replies to, and a commenter by their
# stance toward the article: the same three colours. A stance that was not found is an empty
# (white) disc; a commenter whose comments disagree with each other is blue.
STANCE_COLOURS = {"support": SUPPORT_COLOUR, "attack": ATTACK_COLOUR, "neutral": NEUTRAL_COLOUR}
NO_STANCE_COLOUR = "#FFFFFF"
MIXED_STANCE_COLOUR = "#0072B2"
# In the thread view the article is the root every reply hangs from; its usual vermillion is
# the colour of attack there, so it is drawn dark like the discussion.
THREAD_ROOT_COLOUR = "#555555"
# Post boxes in the argument view: light, so the units inside stay in front.
POST_BOX_COLOUR = "#F2F2F2"


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    line: str  # GEXF edge shape: solid, dashed or dotted
    width: float = 1.0  # before the weight: the argument's own edges are drawn bolder


EDGE_STYLES = {
    EdgeKind.IN_DISCUSSION: EdgeStyle("#BBBBBB", "dotted"),
    EdgeKind.REPLIES_TO: EdgeStyle("#0072B2", "solid"),
    EdgeKind.AUTHORED_BY: EdgeStyle("#009E73", "dashed"),
    EdgeKind.MENTIONS: EdgeStyle("#E69F00", "solid"),
    EdgeKind.ACCOUNT_OF: EdgeStyle("#CC79A7", "dashed"),
    # Units hang off their post in a thin, light fan that the eye can ignore.
    EdgeKind.HAS_UNIT: EdgeStyle("#DDDDDD", "solid", 0.5),
    EdgeKind.CENTRAL_CLAIM: EdgeStyle(UNIT_ROLE_COLOURS["claim"], "solid"),
    EdgeKind.SUPPORTS: EdgeStyle(SUPPORT_COLOUR, "solid", 2.0),
    EdgeKind.ATTACKS: EdgeStyle(ATTACK_COLOUR, "solid", 2.0),
    EdgeKind.STANCE: EdgeStyle(NEUTRAL_COLOUR, "solid", 2.0),
    EdgeKind.ANSWERS: EdgeStyle("#0072B2", "dotted"),
    EdgeKind.QUOTES: EdgeStyle("#555555", "dashed"),
    EdgeKind.ATTRIBUTED_TO: EdgeStyle("#E69F00", "dashed"),
}
# A stance edge takes the colour of its stance; EDGE_STYLES[stance] is the neutral one.
STANCE_STYLES = {
    "support": EdgeStyle(SUPPORT_COLOUR, "solid", 2.0),
    "attack": EdgeStyle(ATTACK_COLOUR, "solid", 2.0),
    "neutral": EDGE_STYLES[EdgeKind.STANCE],
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
# A post's central claim is a diamond, its other units discs; a text quoted from outside the
# debate is a square.
CENTRAL_CLAIM_SHAPE = "diamond"
UNSEEN_TEXT_SHAPE = "square"

# Units are parts of a post: drawn small, except the claim the post argues for.
_FIXED_SIZES = {NodeKind.DISCUSSION: 30.0, NodeKind.ARTICLE: 24.0, NodeKind.UNSEEN_TEXT: 6.0}
UNIT_SIZE, CENTRAL_CLAIM_SIZE = 6.0, 12.0
_MIN_SIZE, _MAX_SIZE = 8.0, 60.0


def node_colour(data: dict) -> str:
    if data["kind"] == NodeKind.UNIT:
        return UNIT_ROLE_COLOURS.get(data.get("role") or "", NODE_COLOURS[NodeKind.UNIT])
    return NODE_COLOURS.get(data["kind"], UNKNOWN_COLOUR)


def acceptance_colour(data: dict) -> str | None:
    """The colour of a unit's acceptance (in, out, undecided); None when it has none."""
    return ACCEPTANCE_COLOURS.get(data.get("acceptance") or "")


def edge_style(data: dict) -> EdgeStyle:
    if data["kind"] == EdgeKind.STANCE:
        return STANCE_STYLES.get(data.get("stance") or "", EDGE_STYLES[EdgeKind.STANCE])
    return EDGE_STYLES.get(data["kind"], UNKNOWN_EDGE_STYLE)


def node_shape(data: dict) -> str:
    if data["kind"] == NodeKind.ACTOR:
        return ACTOR_TYPE_SHAPES.get(data.get("actor_type") or "", DEFAULT_SHAPE)
    if data["kind"] == NodeKind.UNIT and data.get("central"):
        return CENTRAL_CLAIM_SHAPE
    if data["kind"] == NodeKind.UNSEEN_TEXT:
        return UNSEEN_TEXT_SHAPE
    return DEFAULT_SHAPE


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
    return {node: _size(data, attention[node]) for node, data in graph.nodes(data=True)}


def _size(data: dict, attention: int) -> float:
    kind = data["kind"]
    if kind == NodeKind.UNIT:
        return CENTRAL_CLAIM_SIZE if data.get("central") else UNIT_SIZE
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
    return round(edge_style(data).width + math.log2(edge_weight(data)), 2)


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary when one is near, marked with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"
