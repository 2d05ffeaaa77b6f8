"""An offline, self-contained HTML network view of the graph model, drawn by pyvis/vis-network.

Safety: every text from the debate reaches the page either as JSON inside the script (Jinja's
`tojson` escapes <, >, & and ') or HTML-escaped in the header. vis-network 9.1.2 shows a string
`title` with `innerText`, so tooltips stay plain text. pyvis itself would switch to a popup that
sets `innerHTML` as soon as any title contains "href", and puts its heading in unescaped; so this
module renders pyvis' template itself with that popup and the heading turned off.

The page needs no network: vis-network is inlined, and the Bootstrap tags pyvis links from a CDN
are removed (nothing on the page uses them).

This is the full view: every node and edge of the model on one page, laid out by physics in
the browser (fine up to a few hundred nodes). The three focused views, laid out in Python and
fast on big graphs, are `argkg.graph.views`; both share the text, shape and legend helpers
in views/describe.py, views/look.py and views/legend.py.

The argument layer: units are small nodes coloured by role (a post's central claim is a bigger
diamond), their border and a label mark show acceptance (✓ in, ✗ out, ? undecided); supports
are green and attacks red, and so are a comment's stance edges towards the post it replies to.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import networkx as nx
from pyvis.network import Network

from argkg.graph.model import ACCEPTANCE, STANCES, UNIT_ROLES, EdgeKind, NodeKind, count_kinds
from argkg.graph.style import (
    ACCEPTANCE_COLOURS,
    CENTRAL_CLAIM_SHAPE,
    EDGE_STYLES,
    NODE_COLOURS,
    STANCE_STYLES,
    UNIT_ROLE_COLOURS,
    attention_received,
    edge_style,
    edge_width,
    node_colour,
    node_shape,
    node_sizes,
)
from argkg.graph.views.describe import (
    ACCEPTANCE_MARKS,
    LABEL_LIMIT,
    ROLE_NAMES,
    TOOLTIP_TEXT_LIMIT,
    default_title,
    edge_tooltip,
    kind_name,
    node_tooltip,
    one_line,
    plural,
)
from argkg.graph.views.legend import (
    actor_items,
    legend_row,
    line_item,
    ring_item,
    swatch_item,
    symbol_item,
)
from argkg.graph.views.look import VIS_DASHES, VIS_SHAPES, unit_look
from argkg.graph.views.page import asset

# Re-exported: callers and tests read the tooltip limit and text functions from here too.
__all__ = ["TOOLTIP_TEXT_LIMIT", "default_title", "edge_tooltip", "node_tooltip", "render_html",
           "vis_edges", "vis_nodes", "vis_options"]

LAYOUT_SEED = 1  # vis-network places nodes randomly before physics: fixed for the same picture
# vis' "improved layout" clusters and runs Kamada-Kawai first: no cost at 300 nodes, slow on big.
IMPROVED_LAYOUT_MAX_NODES = 300

# A stance edge runs beside the reply between the same two posts: a slight curve keeps both
# visible. A fixed curve, unlike vis' "dynamic" one, adds no physics nodes (see vis_options).
_STANCE_CURVE = {"enabled": True, "type": "curvedCW", "roundness": 0.2}


def render_html(graph: nx.MultiDiGraph, title: str | None = None) -> str:
    """The whole page as text; the same graph always gives the same bytes."""
    net = Network(height="78vh", width="100%", directed=True, cdn_resources="in_line",
                  bgcolor="#ffffff", font_color="#222222")
    # pyvis' add_node/add_edge scan lists (quadratic); these lists are all its template reads.
    net.nodes = vis_nodes(graph)
    net.edges = vis_edges(graph)
    net.options = vis_options(len(net.nodes))
    page = _render_pyvis_template(net)
    return _finish_page(page, title or default_title(graph), graph)


# --- Nodes and edges ---------------------------------------------------------------------


def vis_nodes(graph: nx.MultiDiGraph) -> list[dict]:
    attention = attention_received(graph)
    sizes = node_sizes(graph, attention)
    nodes = []
    for node, data in graph.nodes(data=True):
        vis_node = {
            "id": node,
            "label": one_line(data.get("label") or node, LABEL_LIMIT),
            "title": node_tooltip(data, attention[node]),
            "color": node_colour(data),
            "shape": VIS_SHAPES[node_shape(data)],
            "size": sizes[node],
        }
        if data["kind"] == NodeKind.UNIT:
            vis_node.update(unit_look(data))
        nodes.append(vis_node)
    return nodes


def vis_edges(graph: nx.MultiDiGraph) -> list[dict]:
    edges = []
    for u, v, data in graph.edges(data=True):
        style = edge_style(data)
        edge = {
            "from": u, "to": v, "title": edge_tooltip(data), "color": style.colour,
            "dashes": VIS_DASHES[style.line], "width": edge_width(data),
        }
        if data["kind"] == EdgeKind.STANCE:
            edge["smooth"] = _STANCE_CURVE
        edges.append(edge)
    return edges


# --- vis-network options -------------------------------------------------------------------


def vis_options(node_count: int) -> dict:
    return {
        "layout": {"randomSeed": LAYOUT_SEED,
                   "improvedLayout": node_count <= IMPROVED_LAYOUT_MAX_NODES},
        "nodes": {"borderWidth": 1, "font": {"size": 12, "face": "sans-serif"}},
        # Straight edges: curved ones cost physics time and draw slower on big graphs.
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90,
                                 "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": stabilization_iterations(node_count),
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150,
                        "hideEdgesOnDrag": node_count > 2000},
    }


def stabilization_iterations(node_count: int) -> int:
    """Fewer layout rounds for big graphs, so the page settles in seconds.

    Measured in headless Chromium on 2 cores: a round costs about 27 µs per node (812 nodes:
    615 rounds took 16 s, 185 rounds 4 s, with no visible loss on a random graph).
    """
    return max(50, min(1000, 150_000 // max(node_count, 1)))


# --- The page ------------------------------------------------------------------------------


def _render_pyvis_template(net: Network) -> str:
    """pyvis' generate_html, minus its unsafe switches (see module docstring)."""
    nodes, edges, _heading, height, width, options = net.get_network_data()
    template = net.templateEnv.get_template(net.path)
    return template.render(
        nodes=nodes, edges=edges, options=options, height=height, width=width,
        bgcolor=net.bgcolor, cdn_resources=net.cdn_resources, physics_enabled=True,
        heading="", tooltip_link=False, select_menu=False, filter_menu=False,
        neighborhood_highlight=False, conf=False, use_DOT=False, dot_lang="", widget=False,
        notebook=False,
    )


# Edits to pyvis 0.3.2's template: (what, pattern, how many times it must match). A pyvis that
# changes its template fails here loudly instead of quietly linking a CDN again.
_BOOTSTRAP = r'"https://cdn\.jsdelivr\.net/npm/bootstrap@[^"]*"'
_REMOVALS = (
    ("Bootstrap stylesheet", rf"<link\s+href={_BOOTSTRAP}[^>]*>", 1),
    ("Bootstrap script", rf"<script\s+src={_BOOTSTRAP}[^>]*>\s*</script>", 1),
    ("empty pyvis heading", r"<center>\s*<h1></h1>\s*</center>", 2),
)
_NETWORK_CREATED = "network = new vis.Network(container, data, options);"

# Physics only lays the graph out: once stable it is switched off, so a big graph stops
# using the CPU and dragged nodes stay where they are put. The attribute tells tests it ran.
_FREEZE_AFTER_LAYOUT = """
                  network.once("stabilizationIterationsDone", function () {
                      network.setOptions({physics: false});
                      document.body.setAttribute("data-argkg-layout", "done");
                  });"""

_CSS = """
body { margin: 0; font-family: system-ui, sans-serif; color: #222; }
#argkg-header { padding: 0.5em 1em 0.6em; border-bottom: 1px solid #ddd; }
#argkg-header h1 { font-size: 1.3em; margin: 0 0 0.2em; }
#argkg-header p { margin: 0 0 0.4em; color: #555; }
.argkg-legend { list-style: none; margin: 0.2em 0 0; padding: 0; display: flex; flex-wrap: wrap;
                gap: 0.2em 1.2em; font-size: 0.9em; }
.argkg-legend-name { font-weight: 600; min-width: 4em; }
#mynetwork { float: none; box-sizing: border-box; }
"""


def _finish_page(page: str, heading: str, graph: nx.MultiDiGraph) -> str:
    for what, pattern, expected in _REMOVALS:
        page, found = re.subn(pattern, "", page)
        if found != expected:
            raise RuntimeError(
                f"pyvis template changed: {what} found {found} times, expected {expected}")
    page = _insert_once(page, "</head>", f"<title>{html.escape(heading)}</title>\n"
                                         f"<style>{_CSS}{asset('legend.css')}</style>\n",
                        before=True)
    page = _insert_once(page, "<body>", "\n" + header_html(graph, heading), before=False)
    page = _insert_once(page, _NETWORK_CREATED, _FREEZE_AFTER_LAYOUT, before=False)
    return "<!DOCTYPE html>\n" + page


def _insert_once(page: str, marker: str, addition: str, before: bool) -> str:
    if page.count(marker) != 1:
        raise RuntimeError(f"pyvis template changed: {marker!r} found {page.count(marker)} times")
    replacement = addition + marker if before else marker + addition
    return page.replace(marker, replacement)


def header_html(graph: nx.MultiDiGraph, heading: str) -> str:
    counts = count_kinds(graph) | argument_counts(graph)
    summary = (f"{plural(graph.number_of_nodes(), 'node')} · "
               f"{plural(graph.number_of_edges(), 'edge')}")
    return (f'<header id="argkg-header">\n<h1>{html.escape(heading)}</h1>\n'
            f"<p>{summary}</p>\n{legend_html(counts)}</header>\n")


def argument_counts(graph: nx.MultiDiGraph) -> Counter:
    """Units by role, acceptance and centrality, stance edges by stance: for the legend."""
    counts: Counter = Counter()
    for _, data in graph.nodes(data=True):
        if data["kind"] == NodeKind.UNIT:
            counts[f"role:{data.get('role')}"] += 1
            counts[f"acceptance:{data.get('acceptance')}"] += 1
            counts["central"] += bool(data.get("central"))
    for _, _, data in graph.edges(data=True):
        if data["kind"] == EdgeKind.STANCE:
            counts[f"stance:{data.get('stance')}"] += 1
    return counts


def legend_html(counts: Counter | dict) -> str:
    """Rows for node kinds (colour), actor types (shape), units (role colour, central claim,
    acceptance border) and edge kinds (line, stances by colour), with counts."""
    nodes = [swatch_item(NODE_COLOURS[kind], f"{kind_name(kind)} ({counts.get(kind, 0)})")
             for kind in NodeKind]
    actors = actor_items()
    rows = (("Nodes", nodes), ("Actors", actors), ("Units", _unit_items(counts)),
            ("Edges", _edge_items(counts)))
    return "".join(legend_row(name, items) for name, items in rows)


def _unit_items(counts: Counter | dict) -> list[str]:
    roles = [swatch_item(UNIT_ROLE_COLOURS[role],
                         f"{ROLE_NAMES[role].lower()} ({counts.get(f'role:{role}', 0)})")
             for role in UNIT_ROLES]
    central = symbol_item(UNIT_ROLE_COLOURS["claim"], CENTRAL_CLAIM_SHAPE,
                          f"central claim ({counts.get('central', 0)})")
    acceptance = [ring_item(ACCEPTANCE_COLOURS[state], f"{ACCEPTANCE_MARKS[state]} {state} "
                                                       f"({counts.get(f'acceptance:{state}', 0)})")
                  for state in ACCEPTANCE]
    return [*roles, central, *acceptance]


def _edge_items(counts: Counter | dict) -> list[str]:
    """Every edge kind; stance once per stance, as each has its own colour."""
    items = []
    for kind, style in EDGE_STYLES.items():
        if kind == EdgeKind.STANCE:
            items += [line_item(STANCE_STYLES[stance].colour, STANCE_STYLES[stance].line,
                                f"stance: {stance} ({counts.get(f'stance:{stance}', 0)})")
                      for stance in STANCES]
        else:
            items.append(line_item(style.colour, style.line,
                                   f"{kind_name(kind)} ({counts.get(kind, 0)})"))
    return items
