"""Gephi files from the graph model: GEXF 1.3 (with colours, sizes and a timeline), GraphML, and
the two CSV tables of Gephi's spreadsheet import; and the model read back from the GraphML.

The GEXF is written with ElementTree rather than networkx `write_gexf`, which in 1.3 writes a
wrong XSI namespace, a `graph/@name` the schema rejects, `z="None"`, today's date, and raises on
None. Both writers return bytes that are identical for the same graph.

Colours, shapes and sizes come from `argkg.graph.style`, shared with the HTML view.

The argument layer travels as attributes: units carry role, acceptance, central, index and
their character offsets; supports and attacks scope and cue; stances stance and cues; quotes
exact, score and offsets. In GEXF and CSV the offsets `start`/`end` are renamed `char_start`/
`char_end`, as there `start`/`end` are times on Gephi's timeline; GraphML keeps the model's names.

Every edge has a weight (`edge_weight`: how often a post mentions an actor, 1 otherwise): GEXF's
own `weight`, a `weight` attribute in GraphML, a `Weight` column in CSV. On the timeline a post
starts when it was published and its units with it; everything else is always there.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date, datetime

import networkx as nx

from argkg.graph.model import NodeKind, new_graph
from argkg.graph.style import (
    edge_style,
    edge_weight,
    edge_width,
    node_colour,
    node_shape,
    node_sizes,
    truncate,
)

# --- Values that XML can carry ------------------------------------------------------------

# Characters XML 1.0 cannot hold at all, even escaped. Vertical tab and form feed separate lines
# in some exports, so they become newlines rather than vanish.
_XML_INVALID = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub("", text.translate(_XML_LINE_BREAKS))


def _iso(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


def _flatten(value: tuple | list) -> str:
    """('Putin', 'Präsident Putin') -> 'Putin | Präsident Putin'; spans ((0, 5),) -> '0-5'."""
    parts = ["-".join(map(str, v)) if isinstance(v, tuple | list) else str(v) for v in value]
    return " | ".join(parts)


def plain_value(value):
    """A value every XML graph format takes: bool, int, float or str; None for 'leave it out'."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime | date):
        return _iso(value)
    if isinstance(value, tuple | list):
        return xml_safe(_flatten(value)) if value else None
    if isinstance(value, dict):
        return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    return xml_safe(str(value))


# --- GEXF 1.3 ------------------------------------------------------------------------------

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_SCHEMA_LOCATION = f"{GEXF_NS} {GEXF_NS}/gexf.xsd"

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
GEXF_TEXT_LIMIT = 1000
# Without any `published` date the file still needs a fixed date to stay byte-identical.
FALLBACK_DATE = "2000-01-01"

# `label` travels as the node's own XML attribute. `text` is truncated, and its column title
# says so (Gephi shows titles; networkx' read_gexf uses them as attribute names).
_NODE_ATTRIBUTES_SKIPPED = frozenset({"label"})
TEXT_TITLE = f"text (truncated to {GEXF_TEXT_LIMIT} characters)"
_ATTRIBUTE_TITLES = {"text": TEXT_TITLE}
# Character offsets (units, quotes, attributions) under names that no GEXF reader takes for
# the timeline's start and end.
GEXF_RENAMED = {"start": "char_start", "end": "char_end"}


def timeline_starts(graph: nx.MultiDiGraph) -> dict[str, datetime]:
    """When each node appears on Gephi's timeline: a post when it was published, a unit with
    its post (else a comment's argument would float on the screen before the comment exists)."""
    starts = {node: data["published"] for node, data in graph.nodes(data=True)
              if isinstance(data.get("published"), datetime)}
    for node, data in graph.nodes(data=True):
        if data["kind"] == NodeKind.UNIT and data.get("post") in starts:
            starts[node] = starts[data["post"]]
    return starts


def _gexf_type(values: Iterable) -> str:
    """The narrowest GEXF type that holds every value of one attribute."""
    types = {type(v) for v in values}
    if types == {bool}:
        return "boolean"
    if types <= {int}:
        return "integer"
    if types <= {int, float}:
        return "double"
    return "string"


def _node_values(data: dict) -> dict:
    values = {}
    for key, raw in data.items():
        if key in _NODE_ATTRIBUTES_SKIPPED:
            continue
        value = plain_value(raw)
        if key == "text" and isinstance(value, str):
            value = truncate(value, GEXF_TEXT_LIMIT)
        if value is not None:
            values[GEXF_RENAMED.get(key, key)] = value
    return values


def _edge_values(data: dict) -> dict:
    values = {GEXF_RENAMED.get(key, key): plain_value(raw) for key, raw in data.items()}
    return {key: value for key, value in values.items() if value is not None}


def _declare_attributes(graph_el: ET.Element, cls: str, rows: list[dict]) -> None:
    """One typed <attribute> per key, in order of first appearance (stable for the same graph)."""
    seen: dict[str, list] = {}
    for row in rows:
        for key, value in row.items():
            seen.setdefault(key, []).append(value)
    attributes = ET.SubElement(graph_el, "attributes", {"class": cls, "mode": "static"})
    for key, values in seen.items():
        ET.SubElement(attributes, "attribute", {
            "id": key, "title": _ATTRIBUTE_TITLES.get(key, key), "type": _gexf_type(values),
        })


def _text(value) -> str:
    """A plain value as GEXF and Gephi's spreadsheet import spell it (booleans in lower case)."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _attvalues(parent: ET.Element, values: dict) -> None:
    if not values:
        return
    holder = ET.SubElement(parent, "attvalues")
    for key, value in values.items():
        ET.SubElement(holder, "attvalue", {"for": key, "value": _text(value)})


def _rgb(hex_colour: str) -> dict[str, str]:
    return {channel: str(int(hex_colour[i:i + 2], 16))
            for channel, i in (("r", 1), ("g", 3), ("b", 5))}


def _label(data: dict, fallback: str) -> str:
    # A label is xsd:token: one line; keep it short enough to draw.
    label = " ".join(xml_safe(str(data.get("label") or fallback)).split())
    return truncate(label, 120)


def _node_element(nodes_el: ET.Element, node: str, data: dict, values: dict, size: float,
                  start: datetime | None) -> None:
    attrs = {"id": xml_safe(node), "label": _label(data, node)}
    if start is not None:
        # What Gephi's timeline filters on (see timeline_starts).
        attrs["start"] = _iso(start)
    node_el = ET.SubElement(nodes_el, "node", attrs)
    _attvalues(node_el, values)
    ET.SubElement(node_el, "viz:color", _rgb(node_colour(data)))
    ET.SubElement(node_el, "viz:size", {"value": str(size)})
    ET.SubElement(node_el, "viz:shape", {"value": node_shape(data)})


def _edge_element(edges_el: ET.Element, u: str, v: str, key: str, data: dict, values: dict) -> None:
    edge_el = ET.SubElement(edges_el, "edge", {
        "id": edge_id(u, v, key),
        "source": xml_safe(u),
        "target": xml_safe(v),
        # Gephi reads `kind` as the edge type, which lets parallel edges of different kinds coexist.
        "kind": xml_safe(str(data["kind"])),
        "weight": str(float(edge_weight(data))),
    })
    _attvalues(edge_el, values)
    style = edge_style(data)
    ET.SubElement(edge_el, "viz:color", _rgb(style.colour))
    ET.SubElement(edge_el, "viz:thickness", {"value": str(edge_width(data))})
    ET.SubElement(edge_el, "viz:shape", {"value": style.line})


def edge_id(source: str, target: str, key: str) -> str:
    """Unique, as the model keys parallel edges by kind; Gephi drops edges whose id repeats."""
    return xml_safe(f"{source} {key} {target}")


def last_modified(graph: nx.MultiDiGraph) -> str:
    """The newest publication date: derived from the data, so the file never depends on today."""
    dates = [d["published"] for _, d in graph.nodes(data=True)
             if isinstance(d.get("published"), datetime)]
    return max(dates).date().isoformat() if dates else FALLBACK_DATE


def _meta(root: ET.Element, graph: nx.MultiDiGraph) -> None:
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": last_modified(graph)})
    ET.SubElement(meta, "creator").text = "argkg"
    ET.SubElement(meta, "description").text = (
        f"Debate graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    )


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """The graph as GEXF 1.3, valid against the normative RELAX NG schema."""
    # Names carry their prefixes and the root declares the namespaces: ElementTree's own
    # namespace handling rejects unprefixed attributes with default_namespace=, and
    # register_namespace() would change a process-wide registry.
    root = ET.Element("gexf", {
        "xmlns": GEXF_NS,
        "xmlns:viz": VIZ_NS,
        "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": GEXF_SCHEMA_LOCATION,
        "version": "1.3",
    })
    _meta(root, graph)
    graph_el = ET.SubElement(root, "graph", {
        "defaultedgetype": "directed", "mode": "dynamic", "timeformat": "dateTime",
    })
    node_rows = [(n, d, _node_values(d)) for n, d in graph.nodes(data=True)]
    edge_rows = [(u, v, k, d, _edge_values(d)) for u, v, k, d in graph.edges(keys=True, data=True)]
    _declare_attributes(graph_el, "node", [values for *_, values in node_rows])
    _declare_attributes(graph_el, "edge", [values for *_, values in edge_rows])
    sizes = node_sizes(graph)
    starts = timeline_starts(graph)
    nodes_el = ET.SubElement(graph_el, "nodes", {"count": str(len(node_rows))})
    for node, data, values in node_rows:
        _node_element(nodes_el, node, data, values, sizes[node], starts.get(node))
    edges_el = ET.SubElement(graph_el, "edges", {"count": str(len(edge_rows))})
    for u, v, key, data, values in edge_rows:
        _edge_element(edges_el, u, v, key, data, values)
    ET.indent(root)
    # Serialising to str and encoding once is about twice as fast as ElementTree's byte writer.
    return (XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


# --- GraphML -------------------------------------------------------------------------------


# Derived from the model when written, so not part of the model read back.
GRAPHML_DERIVED = ("weight",)


def graphml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose values GraphML can type: no None, lists, dicts or datetimes; and a weight
    on every edge, the name Gephi, igraph and networkx' algorithms look for."""
    ready = nx.MultiDiGraph()
    ready.graph.update(_plain_dict(graph.graph))
    for node, data in graph.nodes(data=True):
        ready.add_node(xml_safe(node), **_plain_dict(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        # networkx writes the key as the GraphML edge id, which must not repeat (see edge_id).
        ready.add_edge(xml_safe(u), xml_safe(v), key=edge_id(u, v, key),
                       **{**_plain_dict(data), "weight": edge_weight(data)})
    return ready


def _plain_dict(data: dict) -> dict:
    values = {key: plain_value(value) for key, value in data.items()}
    return {key: value for key, value in values.items() if value is not None}


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML; numeric types inferred so igraph reads mixed int/float columns."""
    buffer = io.BytesIO()
    nx.write_graphml(graphml_ready(graph), buffer, encoding="utf-8", infer_numeric_types=True)
    return buffer.getvalue()


def model_from_graphml(data: bytes) -> nx.MultiDiGraph:
    """The graph model back from the GraphML that `graphml_bytes` wrote: the same ids, kinds,
    edge keys and typed values, and `published` as a datetime again. List values stay in their
    written form ('Putin | Präsident Putin'), which every writer here passes on unchanged, so
    the files written from this model equal those written from the original."""
    read = nx.read_graphml(io.BytesIO(data), force_multigraph=True, edge_key_type=str)
    if "argkg_model" not in read.graph:
        raise ValueError("no argkg_model: this GraphML was not written by argkg")
    model = new_graph()
    model.graph.update({key: value for key, value in read.graph.items()
                        if key not in ("node_default", "edge_default")})
    for node, attrs in read.nodes(data=True):
        if "published" in attrs:
            attrs = {**attrs, "published": datetime.fromisoformat(attrs["published"])}
        model.add_node(node, **attrs)
    for u, v, attrs in read.edges(data=True):
        kept = {key: value for key, value in attrs.items() if key not in GRAPHML_DERIVED}
        model.add_edge(u, v, key=kept["kind"], **kept)
    return model


# --- CSV for Gephi's spreadsheet import -----------------------------------------------------

NODES_CSV, EDGES_CSV = "nodes.csv", "edges.csv"
# Gephi reads these columns itself (case does not matter): Id and Label of nodes; Source,
# Target, Type (direction), Id, Weight and Kind (the edge kind, which lets parallel edges of
# different kinds coexist, as in GEXF) of edges; and Timeset, the node's time on the timeline.
NODE_COLUMNS = ("Id", "Label", "Timeset")
EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Weight", "kind")


def csv_tables(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """nodes.csv and edges.csv, with the attributes of GEXF (text truncated alike) as columns.
    Gephi guesses each column's type from its first 25 rows: a column that is empty there (a
    unit's `index` below the posts) is read as text unless the import dialog is told else."""
    starts = timeline_starts(graph)
    nodes = [{"Id": xml_safe(node), "Label": _label(data, node),
              "Timeset": _timeset(starts.get(node)), **_node_values(data)}
             for node, data in graph.nodes(data=True)]
    edges = [{"Source": xml_safe(u), "Target": xml_safe(v), "Type": "Directed",
              "Id": edge_id(u, v, key), "Weight": float(edge_weight(data)), **_edge_values(data)}
             for u, v, key, data in graph.edges(keys=True, data=True)]
    return {NODES_CSV: _csv_bytes(NODE_COLUMNS, nodes), EDGES_CSV: _csv_bytes(EDGE_COLUMNS, edges)}


def _timeset(start: datetime | None) -> str | None:
    # An interval open to the future: the node stays once it has appeared, as in the GEXF.
    return f"<[{_iso(start)}, Infinity]>" if start is not None else None


def _csv_bytes(leading: tuple[str, ...], rows: list[dict]) -> bytes:
    """One row per dict; the leading columns first, then the rest in order of first appearance."""
    columns = list(leading)
    for row in rows:
        columns += [key for key in row if key not in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _text(row[c]) for c in columns])
    return buffer.getvalue().encode("utf-8")
