"""AIF JSON export: the mapping on the tiny graph, and the example build read by arguebuf."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from argkg.cli import main
from argkg.graph.aif import aif_json, to_aif
from argkg.graph.model import count_kinds, edges_of_kind, nodes_of_kind
from argkg.ontology.rdf import to_rdf
from argkg.pipeline import BuildOptions, build_graph, write_outputs

EXAMPLE = Path(__file__).parent / "data" / "cicero-nato-russland-2022-01.txt"


def by_type(document: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for node in document["nodes"]:
        found.setdefault(node["type"], []).append(node)
    return found


def paths(document: dict) -> set[tuple[str, str, str]]:
    """(from, via, to) as texts, for every path of two edges."""
    text = {n["nodeID"]: n["text"] for n in document["nodes"]}
    outgoing: dict[str, list[str]] = {}
    for edge in document["edges"]:
        outgoing.setdefault(edge["fromID"], []).append(edge["toID"])
    return {(text[start], text[via], text[end]) for start, vias in outgoing.items()
            for via in vias for end in outgoing.get(via, [])}


def check_structure(document: dict) -> None:
    """What OVA and AIFdb rely on: ids unique and resolvable, each node type wired as AIF
    says, every locution spoken by a listed participant."""
    nodes = {n["nodeID"]: n for n in document["nodes"]}
    assert len(nodes) == len(document["nodes"])
    assert len({e["edgeID"] for e in document["edges"]}) == len(document["edges"])
    sources, targets = Counter(), Counter()
    for edge in document["edges"]:
        sources[edge["fromID"]] += 1
        targets[edge["toID"]] += 1
        kinds = nodes[edge["fromID"]]["type"], nodes[edge["toID"]]["type"]
        assert kinds in {("L", "YA"), ("YA", "I"), ("I", "RA"), ("RA", "I"), ("I", "CA"),
                         ("CA", "I"), ("L", "TA"), ("TA", "L")}, kinds
    for node_id, node in nodes.items():
        if node["type"] in ("YA", "TA"):
            assert sources[node_id] == targets[node_id] == 1
        if node["type"] in ("RA", "CA"):
            assert sources[node_id] >= 1 and targets[node_id] >= 1
        if "timestamp" in node:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", node["timestamp"])
    people = {p["participantID"] for p in document["participants"]}
    spoken = {loc["nodeID"]: loc["personID"] for loc in document["locutions"]}
    assert set(spoken) == {n for n, node in nodes.items() if node["type"] == "L"}
    assert set(spoken.values()) <= people


# --- the mapping, on the tiny graph --------------------------------------------------------


@pytest.fixture
def tiny_aif(tiny_graph) -> dict:
    return to_aif(to_rdf(tiny_graph))


def test_units_become_i_nodes_said_by_their_author(tiny_aif):
    found = by_type(tiny_aif)
    assert [n["text"] for n in found["I"]] == ["Putin droht der Nato.",
                                               "Die Nato ist schuld & Russland auch.",
                                               found["I"][2]["text"]]
    assert found["L"][1]["text"] == "Bernd B.: Die Nato ist schuld & Russland auch."
    assert found["L"][1]["timestamp"] == "2022-01-08 18:19:00"
    assert {n["text"] for n in found["YA"]} == {"Asserting"}
    assert ("Bernd B.: Die Nato ist schuld & Russland auch.", "Asserting",
            "Die Nato ist schuld & Russland auch.") in paths(tiny_aif)
    check_structure(tiny_aif)


def test_supports_and_attacks_become_ra_and_ca_nodes(tiny_aif):
    found = by_type(tiny_aif)
    assert [n["text"] for n in found["RA"]] == ["Default Inference"]
    assert [n["text"] for n in found["CA"]] == ["Default Conflict"]
    premise = found["I"][2]["text"]
    assert (premise, "Default Inference", "Die Nato ist schuld & Russland auch.") \
        in paths(tiny_aif)
    assert ("Die Nato ist schuld & Russland auch.", "Default Conflict",
            "Putin droht der Nato.") in paths(tiny_aif)


def test_replies_become_transitions_between_locutions(tiny_aif):
    found = by_type(tiny_aif)
    assert len(found["TA"]) == 2
    transitions = {(start, end) for start, via, end in paths(tiny_aif)
                   if via == "Default Transition"}
    # c1 answers the article's unit it responds to; c2 (no unit known) the central claim of c1.
    bernd = "Bernd B.: Die Nato ist schuld & Russland auch."
    assert ("Anna Autorin: Putin droht der Nato.", bernd) in transitions
    assert any(start == bernd and end.startswith("Eve ") for start, end in transitions)


def test_participants_split_into_first_name_and_surname(tiny_aif):
    people = {(p["firstname"], p["surname"]) for p in tiny_aif["participants"]}
    assert {("Anna", "Autorin"), ("Bernd", "B.")} <= people
    assert len(people) == 3


def test_a_unit_without_a_role_still_becomes_an_i_node_when_it_is_linked(tiny_graph):
    tiny_graph.nodes["post/tiny/article/u0"]["role"] = "none"
    found = by_type(to_aif(to_rdf(tiny_graph)))
    assert len(found["I"]) == 3 and len(found["CA"]) == 1


def test_the_same_graph_gives_the_same_bytes(tiny_graph):
    assert aif_json(to_rdf(tiny_graph)) == aif_json(to_rdf(tiny_graph))


# --- the example build, through the command line, read by arguebuf -------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example's model, its build directory, and the AIF that `argkg export` wrote."""
    out = tmp_path_factory.mktemp("aif")
    result = build_graph([EXAMPLE], BuildOptions(timezone=ZoneInfo("Europe/Berlin")))
    write_outputs(result.graph, out / "build")
    exported = out / "debate.json"
    run = CliRunner().invoke(main, ["export", str(out / "build"), "--format", "aif",
                                    "-o", str(exported)])
    assert run.exit_code == 0, run.output
    return result.graph, out / "build", exported


def test_arguebuf_reads_as_many_claims_supports_and_attacks_as_argkg_found(example, caplog):
    arguebuf = pytest.importorskip("arguebuf")
    from arguebuf.model.scheme import Attack, Support

    model, _, exported = example
    # arguebuf has no dialogue layer: it skips L-, YA- and TA-nodes and logs each edge to one.
    with caplog.at_level(logging.ERROR):
        graph = arguebuf.load.file(exported)
    counts = count_kinds(model)
    # Claims and premises; and a unit of another role that a support or attack links.
    linked = {end for u, v, _ in edges_of_kind(model, "supports", "attacks") for end in (u, v)}
    propositions = [unit for unit, data in nodes_of_kind(model, "unit")
                    if data["role"] in ("claim", "premise") or unit in linked]
    schemes = [node.scheme for node in graph.scheme_nodes.values()]
    assert len(graph.atom_nodes) == len(propositions)
    assert sum(isinstance(s, Support) for s in schemes) == counts.get("supports", 0)
    assert sum(isinstance(s, Attack) for s in schemes) == counts.get("attacks", 0)
    assert len(graph.atom_nodes) > 0 and counts.get("supports", 0) > 0


def test_the_example_export_is_well_formed_aif(example):
    model, _, exported = example
    document = json.loads(exported.read_text(encoding="utf-8"))
    check_structure(document)
    found = by_type(document)
    assert len(found["L"]) == len(found["YA"]) == len(found["I"])
    replies = count_kinds(model)["replies_to"]
    assert 0 < len(found["TA"]) <= replies


def test_export_to_standard_output_equals_the_file(example):
    _, build, exported = example
    result = CliRunner().invoke(main, ["export", str(build / "graph.ttl")])
    assert result.exit_code == 0
    assert result.output.encode("utf-8") == exported.read_bytes()


def test_export_of_a_folder_without_a_build_fails_cleanly(tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path), "-o", str(tmp_path / "a.json")])
    assert result.exit_code == 2 and "graph.ttl" in result.output
    assert not (tmp_path / "a.json").exists()
