"""`argkg export` for network tools: GEXF, GraphML and Gephi's CSV tables, read back from a
build's graph.graphml; the GraphML checked with an independent reader (igraph)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from conftest import DATA

from argkg.cli import main
from argkg.graph.model import edges_of_kind, nodes_of_kind
from argkg.pipeline import BuildOptions, build_graph, write_outputs

EXAMPLE = DATA / "cicero-nato-russland-2022-01.txt"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example's model and its build directory."""
    out = tmp_path_factory.mktemp("export")
    result = build_graph([EXAMPLE], BuildOptions(timezone=ZoneInfo("Europe/Berlin")))
    write_outputs(result.graph, out / "build")
    return result.graph, out / "build"


def export(*args: str | Path):
    return CliRunner().invoke(main, ["export", *map(str, args)])


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_gexf_and_graphml_exports_equal_what_the_build_wrote(example, tmp_path):
    _, build = example
    for fmt in ("gexf", "graphml"):
        target = tmp_path / f"debate.{fmt}"
        result = export(build, "--format", fmt, "-o", target)
        assert result.exit_code == 0, result.output
        assert target.read_bytes() == (build / f"graph.{fmt}").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debate.gexf", "debate.graphml"]


def test_exported_gexf_is_valid_with_weights(example, tmp_path):
    etree = pytest.importorskip("lxml.etree")
    _, build = example
    assert export(build / "graph.graphml", "--format", "gexf", "-o", tmp_path / "g.gexf"
                  ).exit_code == 0
    root = etree.parse(str(tmp_path / "g.gexf")).getroot()
    root.attrib.pop("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    schema = etree.RelaxNG(etree.parse(str(DATA / "gexf-1.3" / "gexf.rng")))
    assert schema.validate(root), schema.error_log
    weights = [float(e.get("weight")) for e in root.iter("{http://gexf.net/1.3}edge")]
    assert min(weights) == 1.0 and max(weights) > 1.0  # an actor named more than once


def test_igraph_reads_the_exported_graphml(example, tmp_path):
    igraph = pytest.importorskip("igraph")
    model, build = example
    target = tmp_path / "debate.graphml"
    assert export(build, "--format", "graphml", "-o", target).exit_code == 0
    graph = igraph.Graph.Read_GraphML(str(target))
    assert graph.is_directed()
    assert (graph.vcount(), graph.ecount()) == (model.number_of_nodes(), model.number_of_edges())
    assert Counter(graph.vs["kind"]) == Counter(d["kind"] for _, d in model.nodes(data=True))
    assert Counter(graph.es["kind"]) == Counter(d["kind"] for _, _, d in model.edges(data=True))
    mentions = [e for e in graph.es if e["kind"] == "mentions"]
    assert [e["weight"] for e in mentions] == [d["count"] for *_, d in
                                               edges_of_kind(model, "mentions")]
    nato = graph.vs.find(id="actor/nato")
    assert (nato["label"], nato["actor_type"], nato["candidate"]) == ("NATO", "Organization",
                                                                     False)
    units = graph.vs.select(kind="unit")
    assert Counter(units["role"]) == Counter(d["role"] for _, d in nodes_of_kind(model, "unit"))


def test_csv_tables_for_gephi(example, tmp_path):
    model, build = example
    result = export(build, "--format", "csv", "-o", tmp_path / "tables")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["edges.csv", "nodes.csv"]
    nodes = read_csv(tmp_path / "tables" / "nodes.csv")
    edges = read_csv(tmp_path / "tables" / "edges.csv")
    assert list(nodes[0])[:4] == ["Id", "Label", "Timeset", "kind"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Weight", "kind"]
    node_ids = {row["Id"] for row in nodes}
    assert len(node_ids) == len(nodes) == model.number_of_nodes()
    assert len(edges) == model.number_of_edges()
    assert all(row["Source"] in node_ids and row["Target"] in node_ids for row in edges)
    assert Counter(row["kind"] for row in edges) == Counter(
        d["kind"] for _, _, d in model.edges(data=True))
    assert sum(float(row["Weight"]) for row in edges if row["kind"] == "mentions") == sum(
        d["count"] for *_, d in edges_of_kind(model, "mentions"))
    timed = [row for row in nodes if row["kind"] == "comment" and row["published"]]
    assert timed and all(row["Timeset"] == f"<[{row['published']}, Infinity]>" for row in timed)


def test_export_to_standard_output(example):
    _, build = example
    result = export(build, "--format", "gexf")
    assert result.exit_code == 0
    assert result.output.encode("utf-8") == (build / "graph.gexf").read_bytes()


def test_a_folder_without_graphml_fails_cleanly(tmp_path):
    result = export(tmp_path, "--format", "gexf", "-o", tmp_path / "a.gexf")
    assert result.exit_code == 2 and "graph.graphml" in result.output
    assert not (tmp_path / "a.gexf").exists()


def test_other_files_are_refused_as_input(example, tmp_path):
    _, build = example
    result = export(build / "graph.ttl", "--format", "graphml", "-o", tmp_path / "a.graphml")
    assert result.exit_code == 2 and "not a GraphML file" in result.output
    other = tmp_path / "other.graphml"
    other.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph '
                     'edgedefault="directed"><node id="a"/></graph></graphml>')
    result = export(other, "--format", "csv", "-o", tmp_path / "tables")
    assert result.exit_code == 2 and "argkg" in result.output
    assert not (tmp_path / "tables").exists()


def test_targets_must_fit_the_format(example, tmp_path):
    _, build = example
    no_directory = export(build, "--format", "csv")
    assert no_directory.exit_code == 2 and "-o" in no_directory.output
    (tmp_path / "file.csv").write_text("x")
    assert export(build, "--format", "csv", "-o", tmp_path / "file.csv").exit_code == 2
    assert export(build, "--format", "gexf", "-o", tmp_path).exit_code == 2
    assert (tmp_path / "file.csv").read_text() == "x"


def test_csv_reads_as_the_model_says(example, tmp_path):
    """Booleans and numbers are spelt as Gephi parses them."""
    _, build = example
    assert export(build, "--format", "csv", "-o", tmp_path).exit_code == 0
    nodes = read_csv(tmp_path / "nodes.csv")
    assert {row["candidate"] for row in nodes if row["kind"] == "actor"} <= {"true", "false"}
    assert all(row["position"].isdigit() for row in nodes if row["kind"] == "comment")
