"""GEXF 1.3 and GraphML: valid against the normative schema, readable back, typed, deterministic."""

from __future__ import annotations

import csv
import io
import os
import pickle
import subprocess
import sys
from collections import Counter
from datetime import datetime

import networkx as nx
import pytest

etree = pytest.importorskip("lxml.etree")

from conftest import DATA, XSS  # noqa: E402

from argkg.graph import ids  # noqa: E402
from argkg.graph.gephi import (  # noqa: E402
    EDGE_COLUMNS,
    FALLBACK_DATE,
    GEXF_TEXT_LIMIT,
    NODE_COLUMNS,
    TEXT_TITLE,
    csv_tables,
    edge_id,
    gexf_bytes,
    graphml_bytes,
    graphml_ready,
    model_from_graphml,
)
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node, new_graph  # noqa: E402
from argkg.graph.style import (  # noqa: E402
    ATTACK_COLOUR,
    NEUTRAL_COLOUR,
    SUPPORT_COLOUR,
    UNIT_ROLE_COLOURS,
    edge_style,
    node_colour,
)

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
C1 = ids.post_id("tiny", "c1")
C2 = ids.post_id("tiny", "c2")
ARTICLE_U0 = ids.unit_id(ids.post_id("tiny", "article"), 0)
C1_U0 = ids.unit_id(C1, 0)
C2_U0 = ids.unit_id(C2, 0)
UNSEEN = ids.unseen_text_id(ids.discussion_id("tiny"), XSS)


@pytest.fixture(scope="module")
def gexf_schema():
    return etree.RelaxNG(etree.parse(str(DATA / "gexf-1.3" / "gexf.rng")))


def assert_valid_gexf(data: bytes, schema) -> None:
    root = etree.fromstring(data)  # strict: control characters would fail here already
    # The RELAX NG grammar does not declare xsi:schemaLocation (see tests/data/gexf-1.3/README.md).
    root.attrib.pop(XSI_LOCATION, None)
    assert schema.validate(root), schema.error_log


def read_gexf(data: bytes) -> nx.MultiDiGraph:
    # networkx cannot read timeformat="dateTime" (KeyError, networkx issue #3246); "date" makes it
    # keep the times as strings, which is all these tests need. Gephi reads "dateTime" itself.
    readable = data.replace(b'timeformat="dateTime"', b'timeformat="date"', 1)
    return nx.read_gexf(io.BytesIO(readable))


def read_graphml(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True, edge_key_type=str)


def edge_kinds(graph) -> Counter:
    return Counter(d["kind"] for _, _, d in graph.edges(data=True))


def hex_colour(viz_colour) -> str:
    """An lxml viz:color element as '#RRGGBB'."""
    return "#{:02X}{:02X}{:02X}".format(*(int(viz_colour.get(c)) for c in "rgb"))


def gexf_edges(data: bytes) -> dict:
    """Edge id -> lxml <edge> element."""
    return {e.get("id"): e for e in etree.fromstring(data).iter(GEXF + "edge")}


@pytest.fixture
def awkward_graph():
    """Values the networkx writers choke on: control characters, None, tuples, no dates."""
    g = new_graph()
    disc = add_node(g, ids.discussion_id("odd"), NodeKind.DISCUSSION, "Odd\x0bdebate",
                    title="Odd", url=None, language=None, source="odd.json")
    post = add_node(g, ids.post_id("odd", "c1"), NodeKind.COMMENT, "c1", discussion=disc,
                    text="Zeile\x0bzwei\x00\x1f Ende", author=None, published=None, position=1)
    actor = add_node(g, ids.actor_id("X"), NodeKind.ACTOR, "X", actor_type=None, qid=None,
                     candidate=True, aliases=())
    add_edge(g, post, disc, EdgeKind.IN_DISCUSSION)
    add_edge(g, post, actor, EdgeKind.MENTIONS, count=3, surfaces=("X", "x"),
             spans=((0, 1), (5, 6)))
    return g


# --- GEXF ----------------------------------------------------------------------------------


def test_gexf_is_valid_against_the_normative_schema(tiny_graph, awkward_graph, gexf_schema):
    assert_valid_gexf(gexf_bytes(tiny_graph), gexf_schema)
    assert_valid_gexf(gexf_bytes(awkward_graph), gexf_schema)


def test_gexf_header(tiny_graph):
    root = etree.fromstring(gexf_bytes(tiny_graph))
    assert root.tag == GEXF + "gexf" and root.get("version") == "1.3"
    assert root.nsmap["viz"] == "http://gexf.net/1.3/viz"
    assert root.get(XSI_LOCATION) == "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
    # The newest post (2022-01-09 00:05 Berlin), not today: the file never changes by itself.
    assert root.find(GEXF + "meta").get("lastmodifieddate") == "2022-01-09"
    graph = root.find(GEXF + "graph")
    assert graph.get("name") is None
    assert (graph.get("defaultedgetype"), graph.get("timeformat")) == ("directed", "dateTime")


def test_gexf_reads_back_with_networkx(tiny_graph):
    back = read_gexf(gexf_bytes(tiny_graph))
    assert back.number_of_nodes() == tiny_graph.number_of_nodes()
    assert back.number_of_edges() == tiny_graph.number_of_edges()
    assert edge_kinds(back) == edge_kinds(tiny_graph)
    c2 = back.nodes[ids.post_id("tiny", "c2")]
    assert c2["kind"] == "comment" and c2["author"] == f"Eve {XSS}" and c2["position"] == 2
    assert c2["start"] == c2["published"] == "2022-01-09T00:05:00+01:00"
    putin = back.nodes[ids.actor_id("Wladimir Putin")]
    assert putin["label"] == "Wladimir Putin" and putin["actor_type"] == "Person"
    assert putin["candidate"] is False and putin["aliases"] == "Putin | Präsident Putin"
    assert "start" not in putin  # actors have no time of their own


def test_gexf_viz_uses_the_shared_palette(tiny_graph):
    back = read_gexf(gexf_bytes(tiny_graph))
    for node, data in back.nodes(data=True):
        colour = data["viz"]["color"]
        expected = node_colour(tiny_graph.nodes[node])
        assert "#{:02X}{:02X}{:02X}".format(colour["r"], colour["g"], colour["b"]) == expected
        assert data["viz"]["size"] > 0
    root = etree.fromstring(gexf_bytes(tiny_graph))
    # Read with lxml: networkx' reader looks for viz:shape/@shape instead of @value.
    shapes = {n.get("id"): n.find(VIZ + "shape").get("value") for n in root.iter(GEXF + "node")}
    assert shapes[ids.actor_id("NATO")] == "square"
    assert shapes[ids.actor_id("Wladimir Putin")] == "diamond"
    model_edges = {edge_id(u, v, k): d for u, v, k, d in tiny_graph.edges(keys=True, data=True)}
    for edge in root.iter(GEXF + "edge"):
        style = edge_style(model_edges[edge.get("id")])
        assert edge.find(VIZ + "shape").get("value") == style.line
        assert hex_colour(edge.find(VIZ + "color")) == style.colour


def test_gexf_attributes_are_typed_and_titled(tiny_graph):
    root = etree.fromstring(gexf_bytes(tiny_graph))
    declared = {(a.getparent().get("class"), a.get("id")): (a.get("type"), a.get("title"))
                for a in root.iter(GEXF + "attribute")}
    assert declared[("node", "position")][0] == "integer"
    assert declared[("node", "candidate")][0] == "boolean"
    assert declared[("node", "published")][0] == "string"
    assert declared[("node", "text")][1] == TEXT_TITLE
    assert declared[("edge", "kind")][0] == "string"
    assert declared[("edge", "count")][0] == "integer"


def test_gexf_units_carry_role_acceptance_and_offsets(tiny_graph):
    back = read_gexf(gexf_bytes(tiny_graph))
    premise = back.nodes[C2_U0]
    assert (premise["kind"], premise["role"], premise["acceptance"]) == ("unit", "premise", "in")
    assert premise["central"] is False and premise["index"] == 0 and premise["post"] == C2
    assert (premise["char_start"], premise["char_end"]) == (0, 74)
    # On the timeline a unit appears with its post (char_start above is its offset).
    assert premise["start"] == back.nodes[C2]["start"] == "2022-01-09T00:05:00+01:00"
    assert premise[TEXT_TITLE] == f"Unsinn {XSS} sagt Putin."
    assert back.nodes[C1_U0]["central"] is True
    unseen = back.nodes[UNSEEN]
    assert unseen["kind"] == "unseen_text" and unseen[TEXT_TITLE] == XSS


def test_gexf_argument_attributes_are_typed(tiny_graph):
    root = etree.fromstring(gexf_bytes(tiny_graph))
    declared = {(a.getparent().get("class"), a.get("id")): a.get("type")
                for a in root.iter(GEXF + "attribute")}
    expected = {
        ("node", "role"): "string", ("node", "acceptance"): "string",
        ("node", "central"): "boolean", ("node", "index"): "integer",
        ("node", "char_start"): "integer", ("node", "char_end"): "integer",
        ("edge", "stance"): "string", ("edge", "cues"): "string", ("edge", "scope"): "string",
        ("edge", "cue"): "string", ("edge", "exact"): "boolean", ("edge", "score"): "double",
        ("edge", "char_start"): "integer", ("edge", "char_end"): "integer",
    }
    assert {key: declared.get(key) for key in expected} == expected
    assert not {("node", "start"), ("edge", "start"), ("edge", "end")} & set(declared)


def test_gexf_argument_edges_carry_their_attributes_and_colours(tiny_graph):
    back = read_gexf(gexf_bytes(tiny_graph))
    edges = {(u, v, d["kind"]): d for u, v, d in back.edges(data=True)}
    assert edges[C2_U0, C1_U0, "supports"]["scope"] == "thread"
    assert edges[C1_U0, ARTICLE_U0, "attacks"]["cue"] == "schuld"
    assert edges[C1, ids.post_id("tiny", "article"), "stance"]["cues"] == "schuld"
    assert "cues" not in edges[C2, C1, "stance"]  # no cues: left out, not an empty string
    quote = edges[C2_U0, UNSEEN, "quotes"]
    assert (quote["exact"], quote["score"], quote["char_start"], quote["char_end"]) == (
        True, 1.0, 7, 71)
    attribution = edges[C2_U0, ids.actor_id("Wladimir Putin"), "attributed_to"]
    assert (attribution["cue"], attribution["char_end"]) == ("sagt", 71)
    # Parallel edges of two kinds between one post and its central claim both survive.
    assert {(C1, C1_U0, "central_claim"), (C1, C1_U0, "has_unit")} <= set(edges)
    viz = {edge_id: hex_colour(e.find(VIZ + "color"))
           for edge_id, e in gexf_edges(gexf_bytes(tiny_graph)).items()}
    assert viz[edge_id(C2_U0, C1_U0, "supports")] == SUPPORT_COLOUR
    assert viz[edge_id(C1_U0, ARTICLE_U0, "attacks")] == ATTACK_COLOUR
    assert viz[edge_id(C1, ids.post_id("tiny", "article"), "stance")] == ATTACK_COLOUR
    assert viz[edge_id(C2, C1, "stance")] == NEUTRAL_COLOUR


def test_gexf_units_are_coloured_by_role_and_central_claims_are_diamonds(tiny_graph):
    root = etree.fromstring(gexf_bytes(tiny_graph))
    nodes = {n.get("id"): n for n in root.iter(GEXF + "node")}
    assert hex_colour(nodes[C2_U0].find(VIZ + "color")) == UNIT_ROLE_COLOURS["premise"]
    assert hex_colour(nodes[C1_U0].find(VIZ + "color")) == UNIT_ROLE_COLOURS["claim"]
    assert nodes[C1_U0].find(VIZ + "shape").get("value") == "diamond"
    assert nodes[C2_U0].find(VIZ + "shape").get("value") == "disc"
    sizes = {n: float(nodes[n].find(VIZ + "size").get("value")) for n in (C1_U0, C2_U0, C2)}
    assert sizes[C2_U0] < sizes[C1_U0] and sizes[C2_U0] < sizes[C2]


def test_gexf_edges_carry_kind_and_mention_weight(awkward_graph):
    back = read_gexf(gexf_bytes(awkward_graph))
    weights = {d["kind"]: d["weight"] for _, _, d in back.edges(data=True)}
    assert weights == {"mentions": 3.0, "in_discussion": 1.0}
    mention = next(d for _, _, d in back.edges(data=True) if d["kind"] == "mentions")
    assert mention["surfaces"] == "X | x" and mention["spans"] == "0-1 | 5-6"
    root = etree.fromstring(gexf_bytes(awkward_graph))
    assert {e.get("kind") for e in root.iter(GEXF + "edge")} == {"mentions", "in_discussion"}
    assert len({e.get("id") for e in root.iter(GEXF + "edge")}) == 2


def test_gexf_cleans_what_networkx_would_write_badly(awkward_graph):
    data = gexf_bytes(awkward_graph)
    assert b"None" not in data and b"\x00" not in data and b"\x0b" not in data
    assert b' z="' not in data
    back = read_gexf(data)
    post = back.nodes[ids.post_id("odd", "c1")]
    assert post[TEXT_TITLE] == "Zeile\nzwei Ende"  # vertical tab is a line break; NUL, \x1f go
    assert "author" not in post and "published" not in post
    assert back.nodes[ids.discussion_id("odd")]["label"] == "Odd debate"
    root = etree.fromstring(data)
    assert root.find(GEXF + "meta").get("lastmodifieddate") == FALLBACK_DATE


def test_gexf_timeline_starts_with_the_posts_and_their_units(tiny_graph):
    root = etree.fromstring(gexf_bytes(tiny_graph))
    starts = {n.get("id"): n.get("start") for n in root.iter(GEXF + "node")}
    assert starts[C1] == starts[C1_U0] == "2022-01-08T18:19:00+01:00"
    assert starts[ARTICLE_U0] == starts[ids.post_id("tiny", "article")]
    timeless = {ids.discussion_id("tiny"), ids.actor_id("NATO"), UNSEEN,
                ids.commenter_id("local", "Bernd B.")}
    assert all(starts[node] is None for node in timeless)


def test_gexf_truncates_long_text(tiny_graph):
    tiny_graph.nodes[ids.post_id("tiny", "c1")]["text"] = "Wort " * 1000
    back = read_gexf(gexf_bytes(tiny_graph))
    text = back.nodes[ids.post_id("tiny", "c1")][TEXT_TITLE]
    assert len(text) <= GEXF_TEXT_LIMIT and text.endswith("…")


# --- GraphML -------------------------------------------------------------------------------


def test_graphml_reads_back_with_kinds_and_types(tiny_graph):
    back = read_graphml(graphml_bytes(tiny_graph))
    assert back.number_of_nodes() == tiny_graph.number_of_nodes()
    assert back.number_of_edges() == tiny_graph.number_of_edges()
    assert edge_kinds(back) == edge_kinds(tiny_graph)
    c2 = back.nodes[ids.post_id("tiny", "c2")]
    assert c2["published"] == "2022-01-09T00:05:00+01:00" and c2["position"] == 2
    assert c2["text"] == tiny_graph.nodes[ids.post_id("tiny", "c2")]["text"]
    evil = back.nodes[ids.actor_id(XSS)]
    assert evil["candidate"] is True and "qid" not in evil and "aliases" not in evil


def test_graphml_keeps_the_argument_layer_typed(tiny_graph):
    back = read_graphml(graphml_bytes(tiny_graph))
    premise = back.nodes[C2_U0]
    assert (premise["role"], premise["acceptance"], premise["central"]) == ("premise", "in", False)
    assert (premise["start"], premise["end"], premise["index"]) == (0, 74, 0)
    assert "acceptance" in back.nodes[ARTICLE_U0] and back.nodes[C1_U0]["central"] is True
    quote = back.edges[C2_U0, UNSEEN, edge_id(C2_U0, UNSEEN, "quotes")]
    assert (quote["exact"], quote["score"], quote["start"]) == (True, 1.0, 7)
    stance = back.edges[C1, ids.post_id("tiny", "article"),
                        edge_id(C1, ids.post_id("tiny", "article"), "stance")]
    assert (stance["stance"], stance["cues"]) == ("attack", "schuld")


def test_graphml_edges_carry_their_weight(awkward_graph, tiny_graph):
    back = read_graphml(graphml_bytes(awkward_graph))
    assert {d["kind"]: d["weight"] for _, _, d in back.edges(data=True)} == {
        "mentions": 3, "in_discussion": 1}
    assert all("weight" not in d for _, _, d in awkward_graph.edges(data=True))  # only a copy
    assert sum(d["weight"] for _, _, d in read_graphml(graphml_bytes(tiny_graph)).edges(
        data=True)) == tiny_graph.number_of_edges()


def test_graphml_edge_ids_are_unique(tiny_graph):
    root = etree.fromstring(graphml_bytes(tiny_graph))
    edge_ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == tiny_graph.number_of_edges()


def test_graphml_copy_holds_only_plain_values(tiny_graph, awkward_graph):
    for graph in (tiny_graph, awkward_graph):
        ready = graphml_ready(graph)
        values = [v for _, d in ready.nodes(data=True) for v in d.values()]
        values += [v for _, _, d in ready.edges(data=True) for v in d.values()]
        assert all(type(v) in (str, int, float, bool) for v in values)
    assert isinstance(tiny_graph.nodes[ids.post_id("tiny", "c1")]["published"], datetime)


def test_graphml_from_awkward_values_parses(awkward_graph):
    back = read_graphml(graphml_bytes(awkward_graph))
    assert back.nodes[ids.post_id("odd", "c1")]["text"] == "Zeile\nzwei Ende"


# --- The model read back from GraphML ------------------------------------------------------


def test_model_from_graphml_writes_the_same_files(tiny_graph, awkward_graph):
    for graph in (tiny_graph, awkward_graph):
        back = model_from_graphml(graphml_bytes(graph))
        assert gexf_bytes(back) == gexf_bytes(graph)
        assert graphml_bytes(back) == graphml_bytes(graph)
        assert csv_tables(back) == csv_tables(graph)


def test_model_from_graphml_restores_keys_kinds_and_times(tiny_graph):
    back = model_from_graphml(graphml_bytes(tiny_graph))
    assert list(back.nodes) == list(tiny_graph.nodes)
    assert list(back.edges(keys=True)) == list(tiny_graph.edges(keys=True))
    assert back.graph == tiny_graph.graph
    assert back.nodes[C2]["published"] == tiny_graph.nodes[C2]["published"]
    assert back.nodes[ids.actor_id("Wladimir Putin")]["aliases"] == "Putin | Präsident Putin"
    assert all("weight" not in d for _, _, d in back.edges(data=True))


def test_model_from_graphml_refuses_other_graphml():
    buffer = io.BytesIO()
    nx.write_graphml(nx.path_graph(3), buffer)
    with pytest.raises(ValueError, match="argkg"):
        model_from_graphml(buffer.getvalue())


# --- CSV for Gephi's spreadsheet import ----------------------------------------------------


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_csv_headers_are_the_ones_gephi_reads(tiny_graph):
    tables = csv_tables(tiny_graph)
    assert set(tables) == {"nodes.csv", "edges.csv"}
    node_header = tables["nodes.csv"].decode("utf-8").splitlines()[0].split(",")
    edge_header = tables["edges.csv"].decode("utf-8").splitlines()[0].split(",")
    assert node_header[:4] == ["Id", "Label", "Timeset", "kind"] == [*NODE_COLUMNS, "kind"]
    assert edge_header[:6] == list(EDGE_COLUMNS) == [
        "Source", "Target", "Type", "Id", "Weight", "kind"]
    assert {"actor_type", "role", "acceptance", "published", "char_start"} <= set(node_header)
    assert {"stance", "scope", "count", "char_start"} <= set(edge_header)
    # Gephi refuses a column whose name repeats in another case.
    for header in (node_header, edge_header):
        assert len({name.lower() for name in header}) == len(header)


def test_csv_edges_join_nodes_and_carry_weights(tiny_graph, awkward_graph):
    for graph in (tiny_graph, awkward_graph):
        tables = csv_tables(graph)
        nodes, edges = read_csv(tables["nodes.csv"]), read_csv(tables["edges.csv"])
        ids_ = {row["Id"] for row in nodes}
        assert len(ids_) == len(nodes) == graph.number_of_nodes()
        assert len(edges) == graph.number_of_edges()
        assert all(row["Source"] in ids_ and row["Target"] in ids_ for row in edges)
        assert len({row["Id"] for row in edges}) == len(edges)
        assert {row["Type"] for row in edges} == {"Directed"}
    weights = {row["kind"]: row["Weight"] for row in read_csv(csv_tables(awkward_graph)[
        "edges.csv"])}
    assert weights == {"mentions": "3.0", "in_discussion": "1.0"}


def test_csv_values_are_typed_and_timed(tiny_graph):
    nodes = {row["Id"]: row for row in read_csv(csv_tables(tiny_graph)["nodes.csv"])}
    assert nodes[C2]["Timeset"] == nodes[C2_U0]["Timeset"] == (
        "<[2022-01-09T00:05:00+01:00, Infinity]>")
    assert nodes[ids.actor_id("NATO")]["Timeset"] == ""
    premise = nodes[C2_U0]
    assert (premise["role"], premise["acceptance"], premise["central"]) == ("premise", "in",
                                                                              "false")
    assert (premise["index"], premise["char_start"], premise["char_end"]) == ("0", "0", "74")
    # Text stays text: the CSV is data, not markup.
    assert nodes[ids.actor_id(XSS)]["Label"] == XSS
    assert nodes[C2]["author"] == f"Eve {XSS}"


# --- Determinism ---------------------------------------------------------------------------


def test_same_graph_same_bytes(tiny_graph):
    assert gexf_bytes(tiny_graph) == gexf_bytes(tiny_graph)
    assert graphml_bytes(tiny_graph) == graphml_bytes(tiny_graph)
    assert csv_tables(tiny_graph) == csv_tables(tiny_graph)


def test_same_bytes_in_another_process(tiny_graph, tmp_path):
    """No dependence on hash randomisation or the clock in another interpreter."""
    pickled = tmp_path / "graph.pickle"
    pickled.write_bytes(pickle.dumps(tiny_graph))
    code = ("import pickle, sys; from argkg.graph.gephi import gexf_bytes, graphml_bytes; "
            "g = pickle.load(open(sys.argv[1], 'rb')); "
            "sys.stdout.buffer.write(gexf_bytes(g) + b'\\0' + graphml_bytes(g))")
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    out = subprocess.run([sys.executable, "-c", code, str(pickled)], env=env,
                         capture_output=True, check=True, timeout=120).stdout
    assert out == gexf_bytes(tiny_graph) + b"\0" + graphml_bytes(tiny_graph)
