"""The argument view: units with their supports (green) and attacks (red), grouped per post.

Each post with units is a light box with its units packed in a disc under it, the central
claim (a bigger diamond) in the middle. A unit is coloured by role; its border and label mark show
acceptance (✓ in, ✗ out, ? undecided). The posts are laid out as their reply thread.
"""

from __future__ import annotations

from collections import Counter

from argkg.graph.model import ACCEPTANCE, UNIT_ROLES, EdgeKind, NodeKind, edges_of_kind
from argkg.graph.style import (
    ACCEPTANCE_COLOURS,
    CENTRAL_CLAIM_SHAPE,
    EDGE_STYLES,
    POST_BOX_COLOUR,
    UNIT_ROLE_COLOURS,
    edge_style,
    node_colour,
    node_shape,
)
from argkg.graph.views.describe import ACCEPTANCE_MARKS, edge_tooltip, one_line, plural
from argkg.graph.views.layout import radial_tree, sunflower, sunflower_radius
from argkg.graph.views.legend import line_item, ring_item, swatch_item, symbol_item, text_item
from argkg.graph.views.look import VIS_SHAPES, unit_look
from argkg.graph.views.records import ModelIndex, base_record
from argkg.graph.views.threads import Forest, reply_forest, stances
from argkg.graph.views.view import MAX_VIEW_NODES, View, numbered_edges

NAME = "arguments"
ROLE_FACETS = {"claim": "claim", "premise": "premise", "none": "no role"}
UNIT_SPACING = 20.0  # Vogel's spiral: neighbours about this far apart (a central claim is 12)
BOX_ROOM = 22.0  # above a post's disc, for the box with its name
RELATIONS = (EdgeKind.SUPPORTS, EdgeKind.ATTACKS)
# Reply lines between the post boxes start hidden: the layout already shows the thread.
REPLIES = "replies to"


def arguments_view(index: ModelIndex, limit: int = MAX_VIEW_NODES) -> View:
    graph = index.graph
    units = units_by_post(index)
    relations = [(u, v, d) for u, v, d in edges_of_kind(graph, *RELATIONS)]
    forest = reply_forest(graph)
    shown, notes = _within_limit(forest, units, relations, limit)
    room = {post: _disc_radius(len(units.get(post, ()))) + BOX_ROOM for post in shown.nodes()}
    centres = radial_tree(shown.children, shown.roots, room)
    post_stance = {post: s.stance for post, s in stances(graph).items()}
    nodes, placed = [], set()
    for post in shown.nodes():
        nodes += _post_nodes(index, post, units.get(post, []), centres[post],
                             post_stance.get(post))
        placed.update(units.get(post, []))
    edges = [_relation_edge(u, v, d) for u, v, d in relations if u in placed and v in placed]
    edges += [_reply_edge(child, above) for child, above in shown.parent.items()]
    argued = sum(1 for edge in edges if edge["facet"]["relation"] != REPLIES)
    summary = (f"{plural(len(placed), 'unit')} in {plural(len(shown.nodes()), 'post')} · "
               f"{plural(argued, 'support or attack', 'supports and attacks')}")
    return View(
        name=NAME, heading="Arguments",
        description="Argument units grouped per post, with supports, attacks, central claims "
                    "and acceptance.",
        summary=summary, nodes=nodes, edges=numbered_edges(edges), legend=_legend(), notes=notes,
        hidden_at_start=(REPLIES,))


def units_by_post(index: ModelIndex) -> dict[str, list[str]]:
    """Each post's units, its central claim first, then in text order."""
    units: dict[str, list[str]] = {}
    for node, data in index.graph.nodes(data=True):
        if data["kind"] == NodeKind.UNIT and data.get("post") in index.graph:
            units.setdefault(data["post"], []).append(node)
    for found in units.values():
        found.sort(key=lambda unit: (not index.data(unit).get("central"),
                                     index.data(unit).get("index", 0)))
    return units


def _within_limit(forest: Forest, units: dict, relations: list, limit: int):
    """Above `limit` nodes (posts and units), the posts whose units take part in the most
    supports and attacks, with all their units; articles always."""
    # Posts without units have nothing to show here; the rest hang under their nearest
    # ancestor that has some (or the article).
    posts = [post for post in forest.nodes() if post in units or post in forest.roots]
    total = len(posts) + sum(len(units.get(post, ())) for post in posts)
    if total <= limit:
        return forest.keep(posts), []
    post_of = {unit: post for post, found in units.items() for unit in found}
    argued = Counter(post_of.get(end) for u, v, _ in relations for end in (u, v))
    order = {post: i for i, post in enumerate(posts)}
    ranked = sorted(posts, key=lambda p: (p not in forest.roots, -argued[p], order[p]))
    kept, budget = [], limit
    for post in ranked:
        cost = 1 + len(units.get(post, ()))
        if cost <= budget:
            kept.append(post)
            budget -= cost
    shown = forest.keep(kept)
    shown_units = sum(len(units.get(post, ())) for post in shown.nodes())
    all_units = sum(len(found) for found in units.values())
    return shown, [f"Large debate: showing the units of the {len(shown.nodes()):,} posts (of "
                   f"{len(posts):,} with units) whose units take part in the most supports and "
                   "attacks: "
                   f"{shown_units:,} of {all_units:,} units. Relations to units left out are "
                   "not drawn; a post hangs under its nearest shown ancestor."]


def _disc_radius(count: int) -> float:
    return sunflower_radius(count, UNIT_SPACING) + 14.0  # the central claim's size, a margin


def _post_nodes(index: ModelIndex, post: str, units: list[str], centre, stance: str | None):
    """The post's box above its disc, and its units in the disc."""
    data = index.data(post)
    facet = {"type": "post"} | ({"stance": stance} if stance else {})
    box = base_record(index, post)
    box.update(label=one_line(data["label"], 22), shape="box", color=POST_BOX_COLOUR,
               font={"size": 11}, x=centre[0], y=round(centre[1] - _disc_radius(len(units)), 1),
               facet=facet)
    nodes = [box]
    for unit, offset in zip(units, sunflower(len(units), UNIT_SPACING), strict=True):
        nodes.append(_unit_node(index, unit, (centre[0] + offset[0], centre[1] + offset[1]),
                                facet))
    return nodes


def _unit_node(index: ModelIndex, unit: str, at, post_facet: dict) -> dict:
    data = index.data(unit)
    record = base_record(index, unit)
    record.update(x=round(at[0], 1), y=round(at[1], 1), size=index.sizes[unit],
                  color=node_colour(data), shape=VIS_SHAPES[node_shape(data)])
    record.update(unit_look(data, label_limit=0))
    facet = {"type": ROLE_FACETS.get(data.get("role") or "none", "no role")}
    if data.get("acceptance"):
        facet["acceptance"] = data["acceptance"]
    record["facet"] = facet | {k: v for k, v in post_facet.items() if k == "stance"}
    return record


def _relation_edge(u: str, v: str, data: dict) -> dict:
    style = edge_style(data)
    return {"from": u, "to": v, "color": style.colour, "width": style.width,
            "title": edge_tooltip(data), "facet": {"relation": str(data["kind"])}}


def _reply_edge(child: str, above: str) -> dict:
    return {"from": child, "to": above, "color": "#CCCCCC", "width": 1, "dashes": [2, 5],
            "title": REPLIES, "facet": {"relation": REPLIES}}


def _legend() -> list[tuple[str, list[str]]]:
    roles = [swatch_item(UNIT_ROLE_COLOURS[role], ROLE_FACETS[role]) for role in UNIT_ROLES]
    central = symbol_item(UNIT_ROLE_COLOURS["claim"], CENTRAL_CLAIM_SHAPE,
                          "central claim (in the middle of its post)")
    acceptance = [ring_item(ACCEPTANCE_COLOURS[state], f"{ACCEPTANCE_MARKS[state]} {state}")
                  for state in ACCEPTANCE]
    relations = [line_item(EDGE_STYLES[kind].colour, "solid", str(kind)) for kind in RELATIONS]
    return [
        ("Units", [*roles, central]),
        ("Acceptance", acceptance),
        ("Posts", [symbol_item("#999999", "box", "a post's name, its units below it"),
                   line_item("#CCCCCC", "dotted", "replies to (off at first)")]),
        ("Edges", relations),
        ("Layout", [text_item("posts placed as their reply thread; stance filter: the stance "
                              "of a unit's post")]),
    ]
