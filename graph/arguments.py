"""The argument layer into the graph model: units, their links, stances, quotes,
attributions, and each unit's acceptance under grounded semantics."""

from __future__ import annotations

import networkx as nx

from argkg.extract.arguments import ArgumentLayer, UnitRef
from argkg.graph import ids
from argkg.graph.acceptance import grounded_labels
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node

_LABEL_LENGTH = 60


def add_arguments(graph: nx.MultiDiGraph, layer: ArgumentLayer, posts: dict[str, str],
                  discussion_node: str, actor_node) -> None:
    """Add `layer` for the posts `posts` (post key -> node id); `actor_node(actor)` adds an
    actor and returns its node id."""
    def unit(ref: UnitRef) -> str:
        return ids.unit_id(posts[ref[0]], ref[1])

    for key, arguments in layer.posts.items():
        _add_units(graph, posts[key], arguments, discussion_node)
    for link in [link for a in layer.posts.values() for link in a.links] + layer.thread_links:
        kind = EdgeKind.SUPPORTS if link.kind == "support" else EdgeKind.ATTACKS
        scope = "internal" if link.source[0] == link.target[0] else "thread"
        add_edge(graph, unit(link.source), unit(link.target), kind, scope=scope, cue=link.cue)
    for stance in layer.stances:
        add_edge(graph, posts[stance.post], posts[stance.target], EdgeKind.STANCE,
                 stance=stance.stance, cues=tuple(stance.cues))
        if stance.target_unit is not None:
            add_edge(graph, posts[stance.post], unit((stance.target, stance.target_unit)),
                     EdgeKind.ANSWERS)
    for quote in layer.quotes:
        target = unit(quote.source) if quote.source else _unseen(graph, discussion_node,
                                                                 quote.text)
        add_edge(graph, unit((quote.post, quote.unit)), target, EdgeKind.QUOTES,
                 start=quote.start, end=quote.end, exact=quote.exact, score=quote.score)
    for said in layer.attributions:
        add_edge(graph, unit((said.post, said.unit)), actor_node(said.speaker),
                 EdgeKind.ATTRIBUTED_TO, cue=said.cue, start=said.start, end=said.end)
    _label_acceptance(graph, [unit((key, u.index)) for key, a in layer.posts.items()
                              for u in a.units])


def _add_units(graph, post: str, arguments, discussion_node: str) -> None:
    for u in arguments.units:
        node = add_node(graph, ids.unit_id(post, u.index), NodeKind.UNIT, _label(u.text),
                        discussion=discussion_node, post=post, index=u.index, start=u.start,
                        end=u.end, text=u.text, role=u.role, central=u.index == arguments.central,
                        acceptance=None)
        add_edge(graph, post, node, EdgeKind.HAS_UNIT)
    if arguments.central is not None:
        add_edge(graph, post, ids.unit_id(post, arguments.central), EdgeKind.CENTRAL_CLAIM)


def _unseen(graph, discussion_node: str, text: str) -> str:
    node = ids.unseen_text_id(discussion_node, text)
    if not graph.has_node(node):
        add_node(graph, node, NodeKind.UNSEEN_TEXT, _label(text), discussion=discussion_node,
                 text=text)
    return node


def _label_acceptance(graph, units: list[str]) -> None:
    arguing = [u for u in units if graph.nodes[u]["role"] != "none"]
    attacks = [(s, t) for s, t, k in graph.edges(arguing, keys=True)
               if k == EdgeKind.ATTACKS and t in graph and graph.nodes[t]["kind"] == "unit"]
    for unit, label in grounded_labels(arguing, attacks).items():
        graph.nodes[unit]["acceptance"] = label


def _label(text: str) -> str:
    return text if len(text) <= _LABEL_LENGTH else text[:_LABEL_LENGTH - 1].rstrip() + "…"
