"""The one graph model: a typed networkx MultiDiGraph every output is derived from.

Nodes are keyed by a stable, relative identifier (see `argkg.graph.ids`); the RDF
mapping turns an identifier into an IRI by prefixing a base, so the same input
always gives the same keys and IRIs. Every node has `kind` and `label`; every
edge is stored under `key=<edge kind>` and also carries `kind`.

Node kinds and their attributes (values are str, int, bool, datetime or None;
tuples for the few list-valued attributes):

    discussion  title, url, language, source
    article     discussion, title, text, author, published, teaser, position=0
    comment     discussion, text, author, published, position (1-based order)
    commenter   name, site                      (the account that wrote posts)
    actor       actor_type, qid, candidate, aliases
    unit        discussion, post (the post's node id), index (0-based order in the post),
                start, end (character offsets into the post's `text`), text,
                role ("claim" | "premise" | "none"), central (bool),
                acceptance ("in" | "out" | "undecided"; None for role "none")
    unseen_text discussion, text   (a quoted passage whose source is not in the discussion)

Edge kinds:

    in_discussion  post -> discussion
    replies_to     comment -> article | comment
    authored_by    post -> commenter
    mentions       post -> actor      count, surfaces (tuple[str]), spans (tuple[(start, end)])
    account_of     commenter -> actor (a participant who is also mentioned as an actor)
    has_unit       post -> unit         (every unit of the post, in order)
    central_claim  post -> unit         (at most one per post)
    supports       unit -> unit         scope ("internal" | "thread"), cue (str)
    attacks        unit -> unit         scope ("internal" | "thread"), cue (str)
    stance         comment -> post it replies to   stance ("support" | "attack" | "neutral"),
                                        cues (tuple[str])
    answers        comment -> unit of the post it replies to (the unit it responds to)
    quotes         unit -> unit | unseen_text   start, end (offsets of the quotation in the
                                        quoting post's text), exact (bool), score (0..1)
    attributed_to  unit -> actor        cue (str), start, end (offsets of the attributed
                                        content in the post's text)

Unit ids are `<post id>/u<index>`; unseen_text ids `<discussion id>/unseen/<digest>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

import networkx as nx


class NodeKind(StrEnum):
    DISCUSSION = "discussion"
    ARTICLE = "article"
    COMMENT = "comment"
    COMMENTER = "commenter"
    ACTOR = "actor"
    UNIT = "unit"
    UNSEEN_TEXT = "unseen_text"


class EdgeKind(StrEnum):
    IN_DISCUSSION = "in_discussion"
    REPLIES_TO = "replies_to"
    AUTHORED_BY = "authored_by"
    MENTIONS = "mentions"
    ACCOUNT_OF = "account_of"
    HAS_UNIT = "has_unit"
    CENTRAL_CLAIM = "central_claim"
    SUPPORTS = "supports"
    ATTACKS = "attacks"
    STANCE = "stance"
    ANSWERS = "answers"
    QUOTES = "quotes"
    ATTRIBUTED_TO = "attributed_to"


POST_KINDS = frozenset({NodeKind.ARTICLE, NodeKind.COMMENT})

UNIT_ROLES = ("claim", "premise", "none")
STANCES = ("support", "attack", "neutral")
ACCEPTANCE = ("in", "out", "undecided")

ACTOR_TYPES = (
    "Person",
    "Organization",
    "Party",
    "State",
    "Region",
    "City",
    "Group",
    "Media",
    "Institution",
    "Artifact",
    "Event",
    "Unknown",
)


def new_graph() -> nx.MultiDiGraph:
    return nx.MultiDiGraph(argkg_model=1)


def add_node(graph: nx.MultiDiGraph, node_id: str, kind: NodeKind, label: str, **attrs) -> str:
    graph.add_node(node_id, kind=str(kind), label=label, **attrs)
    return node_id


def add_edge(graph: nx.MultiDiGraph, source: str, target: str, kind: EdgeKind, **attrs) -> None:
    graph.add_edge(source, target, key=str(kind), kind=str(kind), **attrs)


def nodes_of_kind(graph: nx.MultiDiGraph, *kinds: str) -> Iterator[tuple[str, dict]]:
    """(node id, attributes) of the given kinds, in insertion order."""
    wanted = {str(k) for k in kinds}
    return ((n, d) for n, d in graph.nodes(data=True) if d["kind"] in wanted)


def edges_of_kind(graph: nx.MultiDiGraph, *kinds: str) -> Iterator[tuple[str, str, dict]]:
    """(source, target, attributes) of the given kinds, in insertion order."""
    wanted = {str(k) for k in kinds}
    return ((u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] in wanted)


def count_kinds(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many nodes and edges of each kind: the numbers a build summary prints."""
    counts: dict[str, int] = {}
    for _, d in graph.nodes(data=True):
        counts[d["kind"]] = counts.get(d["kind"], 0) + 1
    for _, _, d in graph.edges(data=True):
        counts[d["kind"]] = counts.get(d["kind"], 0) + 1
    return counts
