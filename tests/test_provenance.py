"""Named graphs per discussion (TriG, N-Quads) and the provenance of a build."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from argkg import __version__
from argkg.cli import main
from argkg.errors import ArgkgError
from argkg.extract.nlp import COMPONENTS
from argkg.ontology.namespaces import DEFAULT_BASE, SCHEMA, SIOC
from argkg.ontology.provenance import (
    SOURCE_DATE_EPOCH,
    SPDX,
    BuildRecord,
    SourceFile,
    build_time,
    describe_build,
)
from argkg.ontology.rdf import graph_iri, serialize_dataset, to_dataset, to_rdf
from argkg.pipeline import BuildOptions, file_sets

EPOCH = "1641600000"  # 2022-01-08T00:00:00Z
BUILT_AT = datetime(2022, 1, 8, tzinfo=UTC)
GRAPH_A = URIRef(DEFAULT_BASE + "graph/debate-a")
GRAPH_B = URIRef(DEFAULT_BASE + "graph/debate-b")


def discussion(key: str, title: str, comment: str) -> dict:
    return {"id": key, "language": "de",
            "article": {"title": title, "author": "Anna Autorin", "text": "Putin droht der Nato.",
                        "published": "2022-01-08T12:00:00+01:00"},
            "comments": [{"id": "c1", "author": "Bernd B.", "text": comment,
                          "published": "2022-01-08T13:00:00+01:00", "reply_to": None}]}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Two discussions in one JSON Lines file, built with fixed provenance times."""
    folder = tmp_path_factory.mktemp("provenance")
    source = folder / "two.jsonl"
    lines = [discussion("debate-a", "Erste Debatte", "Die Nato ist schuld, weil sie wächst."),
             discussion("debate-b", "Zweite Debatte", "Das stimmt nicht.")]
    source.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in lines) + "\n",
                      encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-q"],
                                env={SOURCE_DATE_EPOCH: EPOCH})
    assert result.exit_code == 0, result.output
    return source, out


def load(path: Path, rdf_format: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format=rdf_format)
    return dataset


@pytest.fixture(scope="module", params=[("graph.trig", "trig"), ("graph.nq", "nquads")])
def dataset(request, build):
    _, out = build
    name, rdf_format = request.param
    return load(out / name, rdf_format)


def named(dataset: Dataset, name: URIRef) -> Graph:
    return dataset.graph(name)


def activity_of(dataset: Dataset) -> URIRef:
    [activity] = dataset.default_graph.subjects(RDF.type, PROV.Activity)
    return activity


def setting(dataset: Dataset, activity: URIRef, name: str):
    meta = dataset.default_graph
    [value] = [meta.value(used, PROV.value) for used in meta.objects(activity, PROV.used)
               if meta.value(used, RDFS.label) == Literal(name)]
    return value


# --- named graphs ------------------------------------------------------------------------


def test_each_discussion_sits_in_a_named_graph_of_its_own(dataset):
    names = {g.identifier for g in dataset.graphs()} - {dataset.default_graph.identifier}
    assert names == {GRAPH_A, GRAPH_B}
    for name, other in ((GRAPH_A, "debate-b"), (GRAPH_B, "debate-a")):
        graph = named(dataset, name)
        [thread] = graph.subjects(RDF.type, SIOC.Thread)
        assert thread == URIRef(DEFAULT_BASE + "discussion/" + name.rsplit("/", 1)[1])
        posts = set(graph.subjects(RDF.type, SIOC.Post))
        assert len(posts) == 2 and all(graph.value(p, SIOC.has_container) == thread
                                       for p in posts)
        assert not any(other in str(term) for triple in graph for term in triple)


def test_the_named_graphs_together_are_graph_ttl(build, dataset):
    _, out = build
    turtle = Graph().parse(out / "graph.ttl", format="turtle")
    union = set(named(dataset, GRAPH_A)) | set(named(dataset, GRAPH_B))
    assert union == set(turtle)


def test_an_actor_named_in_both_discussions_is_described_in_both(dataset):
    nato = URIRef(DEFAULT_BASE + "actor/nato")
    for name in (GRAPH_A, GRAPH_B):
        assert (nato, RDFS.label, Literal("NATO", lang="de")) in named(dataset, name)


def test_turtle_and_json_ld_carry_no_provenance(build):
    _, out = build
    for name, rdf_format in (("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")):
        graph = Graph().parse(out / name, format=rdf_format)
        assert not any(str(term).startswith(str(PROV)) for triple in graph for term in triple)


# --- provenance --------------------------------------------------------------------------


def test_every_named_graph_was_generated_by_the_build_from_its_input(build, dataset):
    source, _ = build
    meta = dataset.default_graph
    activity = activity_of(dataset)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    for name in (GRAPH_A, GRAPH_B):
        assert (name, RDF.type, PROV.Entity) in meta
        assert meta.value(name, PROV.wasGeneratedBy) == activity
        file = meta.value(name, PROV.wasDerivedFrom)
        assert (activity, PROV.used, file) in meta
        assert meta.value(file, RDFS.label) == Literal("two.jsonl")
        checksum = meta.value(file, SPDX.checksum)
        assert meta.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(meta.value(checksum, SPDX.checksumValue)) == digest
        assert meta.value(checksum, SPDX.checksumValue).datatype == XSD.hexBinary


def test_the_activity_records_version_components_settings_and_times(dataset):
    meta = dataset.default_graph
    activity = activity_of(dataset)
    software = meta.value(activity, PROV.wasAssociatedWith)
    assert (software, RDF.type, PROV.SoftwareAgent) in meta
    assert meta.value(software, SCHEMA.softwareVersion) == Literal(__version__)
    pipeline = str(setting(dataset, activity, "pipeline")).split()
    assert set(COMPONENTS) <= set(pipeline)
    assert str(setting(dataset, activity, "timezone")) == "Europe/Berlin"
    assert setting(dataset, activity, "candidates").toPython() is True
    assert meta.value(activity, PROV.startedAtTime).toPython() == BUILT_AT
    assert meta.value(activity, PROV.endedAtTime).toPython() == BUILT_AT


def test_the_packaged_gazetteers_and_lexicons_are_recorded_with_their_checksums(dataset):
    meta = dataset.default_graph
    activity = activity_of(dataset)
    [collection] = [used for used in meta.objects(activity, PROV.used)
                    if meta.value(used, RDFS.label) == Literal("packaged-data")]
    labels = {str(meta.value(f, RDFS.label)) for f in meta.objects(collection, PROV.hadMember)}
    assert {"extract/data/discourse_markers.yaml", "extract/data/actors/de.yaml"} <= labels


def test_the_users_gazetteers_and_cue_files_are_recorded(tmp_path):
    actors, cues = tmp_path / "mine.yaml", tmp_path / "cues.yaml"
    actors.write_text("actors: []\n")
    cues.write_text("markers: {}\n")
    options = BuildOptions(timezone=ZoneInfo("UTC"), actor_files=(actors,), cue_files=(cues,))
    sets = dict(file_sets(options))
    assert sets["actors"] == (SourceFile("mine.yaml", hashlib.sha256(b"actors: []\n")
                                         .hexdigest()),)
    assert [f.name for f in sets["cues"]] == ["cues.yaml"]


def test_no_blank_nodes_anywhere(dataset):
    assert not any(isinstance(term, BNode) for quad in dataset.quads() for term in quad)


# --- determinism -------------------------------------------------------------------------


def test_two_builds_with_source_date_epoch_are_byte_identical(build, tmp_path):
    source, out = build
    env = dict(os.environ, PYTHONHASHSEED="4321", SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run([sys.executable, "-m", "argkg", "build", str(source), "-o", str(tmp_path),
                    "-q"], check=True, env=env, timeout=300)
    for name in ("graph.trig", "graph.nq"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_n_quads_are_sorted_lines_and_say_what_trig_says(build):
    _, out = build
    lines = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and all(line.endswith(" .") for line in lines)
    trig, nquads = load(out / "graph.trig", "trig"), load(out / "graph.nq", "nquads")
    assert set(trig.quads()) == set(nquads.quads())


def test_the_trig_starts_with_the_description_then_the_graphs_by_name(build):
    _, out = build
    text = (out / "graph.trig").read_text(encoding="utf-8")
    assert text.index("{\n") < text.index(f"<{GRAPH_A}> {{") < text.index(f"<{GRAPH_B}> {{")


def test_build_time_follows_source_date_epoch():
    assert build_time({SOURCE_DATE_EPOCH: EPOCH}) == BUILT_AT
    before = datetime.now(UTC).replace(microsecond=0)
    assert before <= build_time({}) <= datetime.now(UTC)
    for bad in ("yesterday", "-5", "1.5", "99999999999999999999"):
        with pytest.raises(ArgkgError, match=SOURCE_DATE_EPOCH):
            build_time({SOURCE_DATE_EPOCH: bad})


def test_a_bad_source_date_epoch_stops_the_build_before_anything_is_written(build, tmp_path):
    source, _ = build
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path / "o")],
                                env={SOURCE_DATE_EPOCH: "soon"})
    assert result.exit_code == 1 and SOURCE_DATE_EPOCH in result.output
    assert not (tmp_path / "o").exists()


def test_a_dataset_without_a_record_has_only_the_named_graphs(tiny_graph):
    dataset = to_dataset(tiny_graph)
    assert len(dataset.default_graph) == 0
    assert set(dataset.graph(graph_iri("discussion/tiny"))) == set(to_rdf(tiny_graph))
    assert serialize_dataset(dataset, "nquads") == serialize_dataset(to_dataset(tiny_graph),
                                                                     "nquads")
    with pytest.raises(ValueError, match="trig, nquads"):
        serialize_dataset(dataset, "turtle")


def test_the_activity_iri_changes_with_the_times(tiny_graph):
    def activity(moment: datetime) -> URIRef:
        dataset = to_dataset(tiny_graph)
        record = BuildRecord(started=moment, ended=moment,
                             inputs={"tiny.json": SourceFile("tiny.json", "ab" * 32)})
        describe_build(dataset, tiny_graph, record)
        return activity_of(dataset)

    assert activity(BUILT_AT) == activity(BUILT_AT) != activity(datetime(2023, 1, 1, tzinfo=UTC))
