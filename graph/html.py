"""An offline, self-contained HTML network view of the graph model, drawn by pyvis/vis-network.

Safety: every text from the debate reaches the page either as JSON inside the script (Jinja's
`tojson` escapes <, >, & and ') or HTML-escaped in the header. vis-network 9.1.2 shows a string
`title` with `innerText`, so tooltips stay plain text. pyvis itself would switch to a popup that
sets `innerHTML` as soon as any title contains "href", and puts its heading in unescaped; so this
module renders pyvis' template itself with that popup and the heading turned off.

The page needs no network: vis-network is inlined, and the Bootstrap tags pyvis links from a CDN
are removed (nothing on the page uses them).

The argument layer: units are small nodes coloured by role (a post's central claim is a bigger
diamond), their border and a label mark show acceptance (✓ in, ✗ out, ? undecided); supports
are green and attacks red, and so are a comment's stance edges towards the post it replies to.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import datetime

import networkx as nx
from pyvis.network import Network

from argkg.graph.model import ACCEPTANCE, STANCES, UNIT_ROLES, EdgeKind, NodeKind, count_kinds
from argkg.graph.style import (
    ACCEPTANCE_COLOURS,
    ACTOR_TYPE_SHAPES,
    CENTRAL_CLAIM_SHAPE,
    DEFAULT_SHAPE,
    EDGE_STYLES,
    NODE_COLOURS,
    STANCE_STYLES,
    UNIT_ROLE_COLOURS,
    acceptance_colour,
    attention_received,
    edge_style,
    edge_weight,
    edge_width,
    node_colour,
    node_shape,
    node_sizes,
    truncate,
)

TOOLTIP_TEXT_LIMIT = 600
LABEL_LIMIT = 40
LAYOUT_SEED = 1  # vis-network places nodes randomly before physics: fixed for the same picture
# vis' "improved layout" clusters and runs Kamada-Kawai first: no cost at 300 nodes, slow on big.
IMPROVED_LAYOUT_MAX_NODES = 300

_VIS_SHAPES = {"disc": "dot", "square": "square", "triangle": "triangle", "diamond": "diamond"}
_LEGEND_SYMBOLS = {"disc": "●", "square": "■", "triangle": "▲", "diamond": "◆"}
_VIS_DASHES = {"solid": False, "dashed": [8, 6], "dotted": [2, 5]}

ACCEPTANCE_MARKS = {"in": "✓", "out": "✗", "undecided": "?"}
"""Prefixed to a unit's label, so acceptance shows without colour too."""
ACCEPTANCE_NAMES = {"in": "in (accepted)", "out": "out (rejected)", "undecided": "undecided"}
ROLE_NAMES = {"claim": "Claim", "premise": "Premise", "none": "No argumentative role"}
UNIT_FONT_SIZE = 10
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


def default_title(graph: nx.MultiDiGraph) -> str:
    titles = [d.get("title") or d["label"] for _, d in graph.nodes(data=True)
              if d["kind"] == NodeKind.DISCUSSION]
    return titles[0] if len(titles) == 1 else f"{len(titles)} debates"


# --- Nodes and edges ---------------------------------------------------------------------


def vis_nodes(graph: nx.MultiDiGraph) -> list[dict]:
    attention = attention_received(graph)
    sizes = node_sizes(graph, attention)
    nodes = []
    for node, data in graph.nodes(data=True):
        vis_node = {
            "id": node,
            "label": _one_line(data.get("label") or node, LABEL_LIMIT),
            "title": node_tooltip(data, attention[node]),
            "color": node_colour(data),
            "shape": _VIS_SHAPES[node_shape(data)],
            "size": sizes[node],
        }
        if data["kind"] == NodeKind.UNIT:
            vis_node.update(_unit_look(data))
        nodes.append(vis_node)
    return nodes


def _unit_look(data: dict) -> dict:
    """Acceptance as border colour and label mark; smaller text than posts and actors."""
    look = {"font": {"size": UNIT_FONT_SIZE}, "borderWidth": 3 if data.get("central") else 2}
    border = acceptance_colour(data)
    if border:
        look["color"] = {"background": node_colour(data), "border": border}
    mark = ACCEPTANCE_MARKS.get(data.get("acceptance") or "")
    if mark:
        look["label"] = f"{mark} " + _one_line(data.get("label") or "", LABEL_LIMIT - 2)
    return look


def vis_edges(graph: nx.MultiDiGraph) -> list[dict]:
    edges = []
    for u, v, data in graph.edges(data=True):
        style = edge_style(data)
        edge = {
            "from": u, "to": v, "title": edge_tooltip(data), "color": style.colour,
            "dashes": _VIS_DASHES[style.line], "width": edge_width(data),
        }
        if data["kind"] == EdgeKind.STANCE:
            edge["smooth"] = _STANCE_CURVE
        edges.append(edge)
    return edges


def _one_line(text: str, limit: int) -> str:
    return truncate(" ".join(str(text).split()), limit)


def _when(moment) -> str | None:
    if isinstance(moment, datetime):
        return moment.isoformat(sep=" ", timespec="minutes")
    return str(moment) if moment else None


def _joined(*parts) -> str | None:
    # False too stands for "not there" (the value of `flag and text` when the flag is off);
    # compared by identity, as 0 == False and a 0 is a value.
    present = [str(p) for p in parts if p is not None and p is not False and p != ""]
    return " · ".join(present) or None


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


# --- Tooltips: plain text, one list of lines per node kind ---------------------------------


def _article_lines(d: dict, attention: int) -> list:
    return [f"Article: {d.get('title') or d['label']}",
            _joined(d.get("author"), _when(d.get("published"))), "", _text(d)]


def _comment_lines(d: dict, attention: int) -> list:
    return [_joined(f"Comment {d.get('position', '')}".strip(), d.get("author")),
            _joined(_when(d.get("published")), _plural(attention, "reply", "replies")),
            "", _text(d)]


def _commenter_lines(d: dict, attention: int) -> list:
    return [f"Commenter: {d.get('name') or d['label']}", d.get("site"), _plural(attention, "post")]


def _actor_lines(d: dict, attention: int) -> list:
    aliases = d.get("aliases") or ()
    wikidata = d.get("qid") and f"Wikidata {d['qid']}"
    return [f"Actor: {d['label']}", _joined(d.get("actor_type"), wikidata),
            aliases and "Also: " + ", ".join(aliases),
            d.get("candidate") and "Candidate: not in the gazetteer",
            f"Mentioned {_plural(attention, 'time')}"]


def _discussion_lines(d: dict, attention: int) -> list:
    return [f"Debate: {d.get('title') or d['label']}", d.get("url"),
            _joined(d.get("source"), d.get("language"))]


def _unit_lines(d: dict, attention: int) -> list:
    role = ROLE_NAMES.get(d.get("role") or "", "Unit")
    acceptance = d.get("acceptance")
    where = d.get("start") is not None and f"characters {d['start']}–{d.get('end')}"
    return [f"{role}, central claim of its post" if d.get("central") else role,
            acceptance and f"Acceptance: {_acceptance_text(acceptance)}",
            _joined(d.get("post"), where), "", _text(d)]


def _acceptance_text(acceptance: str) -> str:
    mark = ACCEPTANCE_MARKS.get(acceptance)
    name = ACCEPTANCE_NAMES.get(acceptance, acceptance)
    return f"{mark} {name}" if mark else name


def _unseen_text_lines(d: dict, attention: int) -> list:
    return ["Quoted text, source not in the debate", "", _text(d)]


def _text(d: dict) -> str:
    return truncate((d.get("text") or "").strip(), TOOLTIP_TEXT_LIMIT)


_TOOLTIP_LINES = {
    NodeKind.ARTICLE: _article_lines,
    NodeKind.COMMENT: _comment_lines,
    NodeKind.COMMENTER: _commenter_lines,
    NodeKind.ACTOR: _actor_lines,
    NodeKind.DISCUSSION: _discussion_lines,
    NodeKind.UNIT: _unit_lines,
    NodeKind.UNSEEN_TEXT: _unseen_text_lines,
}


def node_tooltip(data: dict, attention: int) -> str:
    """Plain text; vis-network shows it with innerText, so markup in it stays visible text."""
    lines_for = _TOOLTIP_LINES.get(data["kind"], lambda d, _: [f"{d['kind']}: {d['label']}"])
    # Missing values (None, False, empty tuples) drop out; "" is a deliberate blank line.
    lines = [str(line) for line in lines_for(data, attention) if line or line == ""]
    return "\n".join(lines).strip()


def edge_tooltip(data: dict) -> str:
    """Plain text, like node tooltips: the edge kind and the evidence behind it."""
    name = str(data["kind"]).replace("_", " ")
    details = _EDGE_DETAILS.get(data["kind"])
    return _joined(*details(name, data)) if details else name


def _mention_details(name: str, d: dict) -> list:
    return [f"{name} ×{edge_weight(d)}", ", ".join(dict.fromkeys(d.get("surfaces") or ()))]


def _relation_details(name: str, d: dict) -> list:
    return [name, d.get("scope"), d.get("cue") and f"cue: {d['cue']}"]


def _stance_details(name: str, d: dict) -> list:
    cues = ", ".join(d.get("cues") or ())
    return [f"{name}: {d.get('stance')}", cues and f"cues: {cues}"]


def _quote_details(name: str, d: dict) -> list:
    exact = {True: "exact", False: "approximate"}.get(d.get("exact"))
    score = d.get("score")
    return [name, exact, score is not None and f"score {score:.2f}"]


def _attribution_details(name: str, d: dict) -> list:
    return [name, d.get("cue") and f"cue: {d['cue']}"]


_EDGE_DETAILS = {
    EdgeKind.MENTIONS: _mention_details,
    EdgeKind.SUPPORTS: _relation_details,
    EdgeKind.ATTACKS: _relation_details,
    EdgeKind.STANCE: _stance_details,
    EdgeKind.QUOTES: _quote_details,
    EdgeKind.ATTRIBUTED_TO: _attribution_details,
}


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
.argkg-swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 50%;
                margin-right: 0.35em; vertical-align: -0.1em; }
.argkg-symbol { margin-right: 0.35em; }
.argkg-ring { background: #fff; border: 3px solid; box-sizing: border-box; }
.argkg-line { display: inline-block; width: 2em; margin-right: 0.35em; border-top-width: 3px;
              vertical-align: 0.25em; }
#mynetwork { float: none; box-sizing: border-box; }
div.vis-tooltip { white-space: pre-wrap; max-width: 36em; font-family: system-ui, sans-serif;
                  font-size: 13px; }
"""


def _finish_page(page: str, heading: str, graph: nx.MultiDiGraph) -> str:
    for what, pattern, expected in _REMOVALS:
        page, found = re.subn(pattern, "", page)
        if found != expected:
            raise RuntimeError(
                f"pyvis template changed: {what} found {found} times, expected {expected}")
    page = _insert_once(page, "</head>", f"<title>{html.escape(heading)}</title>\n"
                                         f"<style>{_CSS}</style>\n", before=True)
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
    summary = (f"{_plural(graph.number_of_nodes(), 'node')} · "
               f"{_plural(graph.number_of_edges(), 'edge')}")
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
    nodes = [_swatch_item(NODE_COLOURS[kind], f"{_name(kind)} ({counts.get(kind, 0)})")
             for kind in NodeKind]
    actors = [_symbol_item(NODE_COLOURS[NodeKind.ACTOR], shape, types)
              for shape, types in _actor_shape_groups()]
    rows = (("Nodes", nodes), ("Actors", actors), ("Units", _unit_items(counts)),
            ("Edges", _edge_items(counts)))
    return "".join(_legend_row(name, items) for name, items in rows)


def _name(kind: str) -> str:
    return kind.replace("_", " ")


def _unit_items(counts: Counter | dict) -> list[str]:
    roles = [_swatch_item(UNIT_ROLE_COLOURS[role],
                          f"{ROLE_NAMES[role].lower()} ({counts.get(f'role:{role}', 0)})")
             for role in UNIT_ROLES]
    central = _symbol_item(UNIT_ROLE_COLOURS["claim"], CENTRAL_CLAIM_SHAPE,
                           f"central claim ({counts.get('central', 0)})")
    acceptance = [_ring_item(ACCEPTANCE_COLOURS[state], f"{ACCEPTANCE_MARKS[state]} {state} "
                                                        f"({counts.get(f'acceptance:{state}', 0)})")
                  for state in ACCEPTANCE]
    return [*roles, central, *acceptance]


def _edge_items(counts: Counter | dict) -> list[str]:
    """Every edge kind; stance once per stance, as each has its own colour."""
    items = []
    for kind, style in EDGE_STYLES.items():
        if kind == EdgeKind.STANCE:
            items += [_line_item(STANCE_STYLES[stance].colour, STANCE_STYLES[stance].line,
                                 f"stance: {stance} ({counts.get(f'stance:{stance}', 0)})")
                      for stance in STANCES]
        else:
            items.append(_line_item(style.colour, style.line,
                                    f"{_name(kind)} ({counts.get(kind, 0)})"))
    return items


def _legend_row(name: str, items: list[str]) -> str:
    return (f'<ul class="argkg-legend"><li class="argkg-legend-name">{name}:</li>\n'
            + "\n".join(items) + "\n</ul>\n")


def _actor_shape_groups() -> list[tuple[str, str]]:
    """(shape, the actor types drawn with it), ending with ('disc', 'other actors')."""
    types_by_shape: dict[str, list[str]] = {}
    for actor_type, shape in ACTOR_TYPE_SHAPES.items():
        types_by_shape.setdefault(shape, []).append(actor_type)
    groups = [(shape, ", ".join(types)) for shape, types in types_by_shape.items()]
    return groups + [(DEFAULT_SHAPE, "other actors")]


def _swatch_item(colour: str, text: str) -> str:
    return (f'<li><span class="argkg-swatch" style="background:{colour}"></span>'
            f"{html.escape(text)}</li>")


def _symbol_item(colour: str, shape: str, text: str) -> str:
    return (f'<li><span class="argkg-symbol" style="color:{colour}">'
            f"{_LEGEND_SYMBOLS[shape]}</span>{html.escape(text)}</li>")


def _ring_item(colour: str, text: str) -> str:
    return (f'<li><span class="argkg-swatch argkg-ring" style="border-color:{colour}"></span>'
            f"{html.escape(text)}</li>")


def _line_item(colour: str, line: str, text: str) -> str:
    return (f'<li><span class="argkg-line" style="border-top-style:{line};border-color:{colour}">'
            f"</span>{html.escape(text)}</li>")
