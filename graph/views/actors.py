"""The actor view: who mentions whom. Commenters link to the actors their posts mention, the
edge as thick as the mentions are many; commenter and edge coloured by the commenter's
stance toward the article (from their comments that answer it) where it is known.

Commenters sit on a ring; an actor several of them mention sits inside it, at the weighted
centre of those who mention it (the most shared in the middle); an actor only one commenter
mentions sits just outside that commenter.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from argkg.graph.model import EdgeKind, NodeKind, edges_of_kind, nodes_of_kind
from argkg.graph.style import (
    EDGE_STYLES,
    MIXED_STANCE_COLOUR,
    NEUTRAL_COLOUR,
    NO_STANCE_COLOUR,
    NODE_COLOURS,
    STANCE_COLOURS,
    THREAD_ROOT_COLOUR,
    edge_weight,
    node_shape,
)
from argkg.graph.views.describe import joined, one_line, plural
from argkg.graph.views.layout import hubs_and_ring
from argkg.graph.views.legend import actor_items, line_item, ring_item, swatch_item, text_item
from argkg.graph.views.look import VIS_DASHES, VIS_SHAPES
from argkg.graph.views.records import ModelIndex, base_record, set_time
from argkg.graph.views.threads import stances
from argkg.graph.views.view import MAX_VIEW_NODES, View, numbered_edges

NAME = "actors"
AUTHOR = "wrote the article"
MIXED = "mixed"
UNKNOWN = "stance not found"
LABEL_ROOM = 14.0
# A commenter's stance and their edges' colour; UNKNOWN commenters are drawn as white discs.
_COLOURS = {**STANCE_COLOURS, MIXED: MIXED_STANCE_COLOUR, AUTHOR: THREAD_ROOT_COLOUR,
            UNKNOWN: "#BBBBBB"}


@dataclass
class Link:
    """A commenter's mentions of one actor, over all their posts."""

    count: int = 0
    posts: list[str] = field(default_factory=list)
    surfaces: dict[str, None] = field(default_factory=dict)  # an ordered set


def actors_view(index: ModelIndex, limit: int = MAX_VIEW_NODES) -> View:
    graph = index.graph
    links = mention_links(index)
    accounts = [(u, v) for u, v, _ in edges_of_kind(graph, EdgeKind.ACCOUNT_OF)]
    links, accounts, notes = _within_limit(links, accounts, limit)
    commenters = _ranked([c for c, _ in [*links, *accounts]], links, 0)
    actors = _ranked([a for _, a in [*links, *accounts]], links, 1)
    room = {node: index.sizes[node] + LABEL_ROOM for node in [*commenters, *actors]}
    weights = {pair: link.count for pair, link in links.items()}
    positions = hubs_and_ring(commenters, actors, weights, room)
    stance_of = commenter_stances(index)
    nodes = [_commenter_node(index, c, stance_of.get(c), positions[c]) for c in commenters]
    nodes += [_actor_node(index, a, positions[a]) for a in actors]
    edges = [_mention_edge(index, pair, link, stance_of.get(pair[0]))
             for pair, link in links.items()]
    edges += [_account_edge(pair) for pair in accounts]
    return View(
        name=NAME, heading="Actors",
        description="Commenters and the actors their posts mention, weighted by mentions, "
                    "coloured by the commenter's stance toward the article.",
        summary=f"{plural(len(commenters), 'commenter')} · {plural(len(actors), 'actor')} · "
                f"{plural(sum(weights.values()), 'mention')}",
        nodes=nodes, edges=numbered_edges(edges), legend=_legend(), notes=notes,
        needs_edge=(NodeKind.COMMENTER.value, NodeKind.ACTOR.value))


def mention_links(index: ModelIndex) -> dict[tuple[str, str], Link]:
    """(commenter, actor) -> Link, from each post's author and the actors it mentions."""
    authored = index.authored
    links: dict[tuple[str, str], Link] = {}
    for post, actor, data in edges_of_kind(index.graph, EdgeKind.MENTIONS):
        if post in authored:
            link = links.setdefault((authored[post], actor), Link())
            link.count += edge_weight(data)
            link.posts.append(post)
            link.surfaces.update(dict.fromkeys(data.get("surfaces") or ()))
    return links


def commenter_stances(index: ModelIndex) -> dict[str, str]:
    """A commenter's stance toward the article: the most frequent among their comments that
    answer it; 'mixed' on a tie; AUTHOR for whoever wrote an article."""
    graph, authored = index.graph, index.authored
    counts: dict[str, Counter] = {}
    for comment, stance in stances(graph).items():
        if comment in authored and graph.nodes[stance.target]["kind"] == NodeKind.ARTICLE:
            counts.setdefault(authored[comment], Counter())[stance.stance] += 1
    found = {account: _majority(tally) for account, tally in counts.items()}
    for article, _ in nodes_of_kind(graph, NodeKind.ARTICLE):
        if article in authored:
            found[authored[article]] = AUTHOR
    return found


def _majority(tally: Counter) -> str:
    (top, n), *rest = tally.most_common()
    return MIXED if rest and rest[0][1] == n else top


def _within_limit(links: dict, accounts: list, limit: int):
    """Above `limit` nodes, the commenters and actors with the most mentions."""
    degree: Counter = Counter()
    for (commenter, actor), link in links.items():
        degree[commenter] += link.count
        degree[actor] += link.count
    for pair in accounts:
        degree.update(dict.fromkeys(pair, 0))  # present, with no mentions of their own
    if len(degree) <= limit:
        return links, accounts, []
    order = {node: i for i, node in enumerate(degree)}
    kept = set(sorted(degree, key=lambda n: (-degree[n], order[n]))[:limit])
    links = {pair: link for pair, link in links.items() if set(pair) <= kept}
    accounts = [pair for pair in accounts if set(pair) <= kept]
    shown = len({end for pair in [*links, *accounts] for end in pair})
    return links, accounts, [
        f"Large debate: showing the {shown:,} commenters and actors (of {len(degree):,}) with "
        "the most mentions; mentions between the others are left out."]


def _ranked(nodes: list[str], links: dict, side: int) -> list[str]:
    """Distinct nodes, most mentions first (then first seen)."""
    weight: Counter = Counter()
    for pair, link in links.items():
        weight[pair[side]] += link.count
    unique = list(dict.fromkeys(nodes))
    order = {node: i for i, node in enumerate(unique)}
    return sorted(unique, key=lambda node: (-weight[node], order[node]))


def _commenter_node(index: ModelIndex, commenter: str, stance: str | None, at) -> dict:
    graph = index.graph
    record = base_record(index, commenter)
    posts = [post for post, _ in graph.in_edges(commenter) if
             graph.nodes[post]["kind"] in (NodeKind.ARTICLE, NodeKind.COMMENT)]
    set_time(record, [graph.nodes[post].get("published") for post in posts])
    category = stance or UNKNOWN
    colour = (_COLOURS[category] if category != UNKNOWN else
              {"background": NO_STANCE_COLOUR, "border": NEUTRAL_COLOUR})
    record.update(label=one_line(graph.nodes[commenter]["label"], 24), shape="dot",
                  color=colour, size=index.sizes[commenter], x=at[0], y=at[1],
                  facet={"type": "commenter", "stance": category})
    record["facts"].append(f"Stance toward the article: {category}")
    return record


def _actor_node(index: ModelIndex, actor: str, at) -> dict:
    graph = index.graph
    data = graph.nodes[actor]
    record = base_record(index, actor)
    posts = [post for post, _, kind in graph.in_edges(actor, keys=True) if kind == "mentions"]
    set_time(record, [graph.nodes[post].get("published") for post in posts])
    record.update(label=one_line(data["label"], 24), shape=VIS_SHAPES[node_shape(data)],
                  color=NODE_COLOURS[NodeKind.ACTOR], size=index.sizes[actor], x=at[0], y=at[1],
                  facet={"type": data.get("actor_type") or "Unknown"})
    return record


def _mention_edge(index: ModelIndex, pair: tuple[str, str], link: Link, stance) -> dict:
    graph = index.graph
    commenter, actor = (graph.nodes[node]["label"] for node in pair)
    counted = f"×{link.count} in {plural(len(link.posts), 'post')}"
    title = joined(f"{commenter} mentions {actor} {counted}", ", ".join(link.surfaces))
    edge = {"from": pair[0], "to": pair[1], "color": _COLOURS[stance or UNKNOWN],
            "width": round(1 + math.log2(link.count), 2), "title": title,
            "facet": {"relation": "mentions"}}
    set_time(edge, [graph.nodes[post].get("published") for post in link.posts])
    edge.pop("when", None)
    return edge


def _account_edge(pair: tuple[str, str]) -> dict:
    style = EDGE_STYLES[EdgeKind.ACCOUNT_OF]
    return {"from": pair[0], "to": pair[1], "color": style.colour,
            "dashes": VIS_DASHES[style.line], "width": 1,
            "title": "account of: the commenter is this actor",
            "facet": {"relation": "account of"}}


def _legend() -> list[tuple[str, list[str]]]:
    stance_items = [swatch_item(colour, stance) for stance, colour in STANCE_COLOURS.items()]
    return [
        ("Commenters", [*stance_items, swatch_item(MIXED_STANCE_COLOUR, MIXED),
                        swatch_item(THREAD_ROOT_COLOUR, AUTHOR), ring_item(NEUTRAL_COLOUR, UNKNOWN),
                        text_item("(stance toward the article; size: posts written)")]),
        ("Actors", [*actor_items(), text_item("size: mentions")]),
        ("Edges", [line_item(NEUTRAL_COLOUR, "solid", "mentions, in the commenter's colour, "
                             "thicker for more"),
                   line_item(EDGE_STYLES[EdgeKind.ACCOUNT_OF].colour, "dashed",
                             "account of (the commenter is this actor)")]),
    ]

