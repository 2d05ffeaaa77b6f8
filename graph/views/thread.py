"""The thread view: the article and its comments as a reply tree, coloured by stance.

A comment is green, red or grey by its stance toward the post it replies to (`stance`
edges), white where none was found; its reply edge has the same colour. The article sits in
the middle, each generation of replies on a circle further out, every reply thread in a
wedge of its own; replies clockwise in posting order.
"""

from __future__ import annotations

from argkg.graph.model import EdgeKind, NodeKind
from argkg.graph.style import (
    EDGE_STYLES,
    NEUTRAL_COLOUR,
    NO_STANCE_COLOUR,
    STANCE_COLOURS,
    THREAD_ROOT_COLOUR,
)
from argkg.graph.views.describe import joined, one_line, plural
from argkg.graph.views.layout import radial_tree
from argkg.graph.views.legend import line_item, ring_item, swatch_item, symbol_item, text_item
from argkg.graph.views.records import ModelIndex, base_record
from argkg.graph.views.threads import Forest, Stance, reply_forest, stances
from argkg.graph.views.view import MAX_VIEW_NODES, View, numbered_edges

NAME = "thread"
NO_STANCE = "stance not found"
LABEL_LIMIT = 24
LABEL_ROOM = 34  # a label is wider than its dot: room for it before the next circle


def thread_view(index: ModelIndex, limit: int = MAX_VIEW_NODES) -> View:
    forest = reply_forest(index.graph)
    found = stances(index.graph)
    shown, notes = _within_limit(forest, limit)
    room = {post: index.sizes[post] + LABEL_ROOM for post in shown.nodes()}
    positions = radial_tree(shown.children, shown.roots, room)
    hidden = _hidden_replies(forest, shown)
    nodes = [_post_node(index, post, found.get(post), positions[post], hidden[post])
             for post in shown.nodes()]
    edges = [_reply_edge(child, above, found.get(child)) for child, above in shown.parent.items()]
    posts = len(forest.nodes())
    return View(
        name=NAME, heading="Reply thread",
        description="The article and its comments as a reply tree, coloured by each "
                    "comment's stance toward the post it answers.",
        summary=f"{plural(posts, 'post')} · {plural(len(forest.parent), 'reply', 'replies')}",
        nodes=nodes, edges=numbered_edges(edges), legend=_legend(), notes=notes)


def _within_limit(forest: Forest, limit: int) -> tuple[Forest, list[str]]:
    """Above `limit` posts, the posts with the biggest reply subtrees. An ancestor's subtree
    is bigger than its descendant's, so the posts kept still form whole trees."""
    everything = forest.nodes()
    if len(everything) <= limit:
        return forest, []
    sizes = forest.subtree_sizes()
    order = {post: i for i, post in enumerate(everything)}
    ranked = sorted(everything, key=lambda post: (-sizes[post], order[post]))
    shown = forest.keep(ranked[:limit])
    left_out = len(everything) - len(shown.nodes())
    return shown, [f"Large debate: showing {len(shown.nodes()):,} of {len(everything):,} posts, "
                   f"those with the most replies below them. {left_out:,} posts are left out "
                   "(mostly replies nobody answered); a post's details count the replies "
                   "not shown."]


def _hidden_replies(forest: Forest, shown: Forest) -> dict[str, int]:
    full, kept = forest.subtree_sizes(), shown.subtree_sizes()
    return {post: full[post] - kept[post] for post in kept}


def _post_node(index: ModelIndex, post: str, stance: Stance | None, at, hidden: int) -> dict:
    data = index.data(post)
    record = base_record(index, post)
    record.update(x=at[0], y=at[1], size=index.sizes[post])
    if data["kind"] == NodeKind.ARTICLE:
        record.update(label=one_line(data.get("title") or data["label"], 40), shape="hexagon",
                      color=THREAD_ROOT_COLOUR, facet={"type": "article"})
    else:
        record.update(label=one_line(data["label"], LABEL_LIMIT), shape="dot",
                      color=_stance_colour(stance),
                      facet={"type": "comment", "stance": stance.stance if stance else NO_STANCE})
        record["facts"].append(_stance_fact(index, stance))
    if hidden:
        record["facts"].append(f"{plural(hidden, 'reply', 'replies')} below not shown")
    return record


def _stance_colour(stance: Stance | None):
    if stance is None:
        return {"background": NO_STANCE_COLOUR, "border": NEUTRAL_COLOUR}
    return STANCE_COLOURS.get(stance.stance, NEUTRAL_COLOUR)


def _stance_fact(index: ModelIndex, stance: Stance | None) -> str:
    if stance is None:
        return f"Stance: {NO_STANCE}"
    target = index.data(stance.target)["label"]
    cues = ", ".join(stance.cues)
    return joined(f"Stance toward {one_line(target, 60)}: {stance.stance}",
                  cues and f"cues: {cues}")


def _reply_edge(child: str, above: str, stance: Stance | None) -> dict:
    reply = EDGE_STYLES[EdgeKind.REPLIES_TO]
    if stance is None:
        return {"from": child, "to": above, "color": reply.colour, "width": 1,
                "title": "replies to", "facet": {"relation": "replies to"}}
    return {"from": child, "to": above, "color": STANCE_COLOURS.get(stance.stance, reply.colour),
            "width": 2, "title": f"replies to · stance: {stance.stance}",
            "facet": {"relation": "replies to"}}


def _legend() -> list[tuple[str, list[str]]]:
    stance_items = [swatch_item(colour, stance) for stance, colour in STANCE_COLOURS.items()]
    return [
        ("Comments", [*stance_items, ring_item(NEUTRAL_COLOUR, NO_STANCE),
                      text_item("size: replies received")]),
        ("Article", [symbol_item(THREAD_ROOT_COLOUR, "hexagon", "the article, in the middle")]),
        ("Edges", [line_item(EDGE_STYLES[EdgeKind.REPLIES_TO].colour, "solid",
                             "replies to (coloured by the reply's stance)")]),
        ("Layout", [text_item("replies on circles further out, generation by generation, "
                              "each thread in its own wedge; clockwise in posting order")]),
    ]
