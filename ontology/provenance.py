"""Provenance of a build: which argkg, which settings and which files made each named graph.

A build is one prov:Activity. The default graph of graph.trig and graph.nq says:

    <base>graph/<key>        prov:Entity   prov:wasGeneratedBy the build, prov:wasDerivedFrom
                                           the input file the discussion was read from
    <base>activity/<digest>  prov:Activity  rdfs:label, prov:startedAtTime, prov:endedAtTime,
                                           prov:wasAssociatedWith the software, prov:used
                                           each input file, setting and collection of files
    <base>software/argkg/<version>  prov:SoftwareAgent, schema:SoftwareApplication
                                           rdfs:label "argkg", schema:softwareVersion
    <activity>/setting/<name>  prov:Entity  rdfs:label the option's name, prov:value its value:
                                           timezone, candidates, model, format, base-iri, and
                                           pipeline (the spaCy components, in order)
    <activity>/files/<name>  prov:Collection  rdfs:label, prov:hadMember each file:
                                           packaged-data (the gazetteers and lexicons argkg
                                           ships), actors and cues (the user's own files)
    <base>file/<sha256>      prov:Entity   rdfs:label the file's name, spdx:checksum
    <base>file/<sha256>/sha256  spdx:Checksum  spdx:algorithm spdx:checksumAlgorithm_sha256,
                                           spdx:checksumValue the digest (xsd:hexBinary)

The description goes in the default graph, not into the named graphs, because it is about
the graphs rather than part of what they say: a query over one discussion's graph, or over
the union of the named graphs, sees the discussion only, and `GRAPH ?g { ... } ?g
prov:wasGeneratedBy ?build` finds how a graph was made. This is the reading of the default
graph that SPARQL service descriptions and quad stores share.

Only standard terms are used (PROV-O, SPDX, schema.org, RDFS): any PROV tool reads the
description without argkg's ontology. A file is named by its content, so the same bytes are
the same entity in every build; only its name without the folder is recorded, so the output
neither depends on where the build ran nor shows local paths.

Times: a build records when it started and ended, in UTC to the second, so graph.trig and
graph.nq differ from build to build. SOURCE_DATE_EPOCH (the reproducible-builds.org
convention: seconds since 1970) fixes both times, and then two builds of the same input are
byte-identical. The other outputs carry no provenance and no times.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from argkg import __version__
from argkg.errors import ArgkgError
from argkg.extract.resources import data_path
from argkg.graph.model import NodeKind, nodes_of_kind
from argkg.ontology.namespaces import DEFAULT_BASE, SCHEMA, SPDX
from argkg.ontology.rdf import checked_iri, graph_iri, to_literal

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
PACKAGED_DATA_SUFFIXES = (".yaml", ".csv")
"""The packaged data files extraction reads (READMEs and licence texts steer nothing)."""

Setting = tuple[str, str | bool]


@dataclass(frozen=True)
class SourceFile:
    """A file a build read: its name (without the folder) and its content's SHA-256."""

    name: str
    sha256: str

    @classmethod
    def of(cls, path: Path, name: str | None = None) -> SourceFile:
        return cls(name or Path(path).name, file_sha256(Path(path)))


@dataclass(frozen=True)
class BuildRecord:
    """What the description of a build says, gathered while it ran."""

    started: datetime
    ended: datetime
    inputs: Mapping[str, SourceFile]
    """The input path as the discussions name it (their `source`) -> the file."""
    settings: tuple[Setting, ...] = ()
    file_sets: tuple[tuple[str, tuple[SourceFile, ...]], ...] = ()
    """(collection name, its files): packaged-data, actors, cues."""
    version: str = field(default=__version__)

    @property
    def digest(self) -> str:
        """Names the activity: the same build (same times too) gets the same IRI."""
        canonical = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


# --- recording ---------------------------------------------------------------------------


def build_time(environ: Mapping[str, str] = os.environ) -> datetime:
    """Now in UTC to the second, or the moment SOURCE_DATE_EPOCH names when it is set."""
    value = environ.get(SOURCE_DATE_EPOCH, "")
    if not value:
        return datetime.now(UTC).replace(microsecond=0)
    # The convention asks for a decimal integer and for an error, not a guess, otherwise.
    if not re.fullmatch(r"[0-9]+", value):
        raise ArgkgError(f"{SOURCE_DATE_EPOCH} must be whole seconds since 1970, not {value!r}")
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, ValueError, OSError):
        raise ArgkgError(f"{SOURCE_DATE_EPOCH} is out of range: {value!r}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_files(paths: Iterable[Path]) -> tuple[SourceFile, ...]:
    return tuple(SourceFile.of(path) for path in paths)


def packaged_data() -> tuple[SourceFile, ...]:
    """The gazetteers, lexicons and rules argkg ships, named by their place in the package."""
    folder = data_path()
    files = sorted(path for path in folder.rglob("*")
                   if path.is_file() and path.suffix in PACKAGED_DATA_SUFFIXES)
    return tuple(SourceFile.of(path, "extract/data/" + path.relative_to(folder).as_posix())
                 for path in files)


# --- describing --------------------------------------------------------------------------


def describe_build(dataset: Dataset, model: nx.MultiDiGraph, record: BuildRecord,
                   base: str = DEFAULT_BASE) -> None:
    """State in the dataset's default graph how each discussion's named graph was made."""
    dataset.bind("spdx", str(SPDX), override=True, replace=True)
    meta = dataset.default_graph
    activity = _describe_activity(meta, record, base)
    inputs = {source: _describe_file(meta, file, base) for source, file in record.inputs.items()}
    for file in inputs.values():
        meta.add((activity, PROV.used, file))
    for discussion_id, data in nodes_of_kind(model, NodeKind.DISCUSSION):
        named = graph_iri(discussion_id, base)
        meta.add((named, RDF.type, PROV.Entity))
        meta.add((named, PROV.wasGeneratedBy, activity))
        if data.get("source") in inputs:
            meta.add((named, PROV.wasDerivedFrom, inputs[data["source"]]))


def _describe_activity(meta: Graph, record: BuildRecord, base: str) -> URIRef:
    activity = checked_iri(f"{base}activity/{record.digest}")
    meta.add((activity, RDF.type, PROV.Activity))
    meta.add((activity, RDFS.label, Literal("argkg build")))
    meta.add((activity, PROV.startedAtTime, to_literal(record.started)))
    meta.add((activity, PROV.endedAtTime, to_literal(record.ended)))
    meta.add((activity, PROV.wasAssociatedWith, _describe_software(meta, record.version, base)))
    for name, value in record.settings:
        setting = checked_iri(f"{activity}/setting/{name}")
        meta.add((setting, RDF.type, PROV.Entity))
        meta.add((setting, RDFS.label, Literal(name)))
        meta.add((setting, PROV.value, to_literal(value)))
        meta.add((activity, PROV.used, setting))
    for name, files in record.file_sets:
        collection = checked_iri(f"{activity}/files/{name}")
        meta.add((collection, RDF.type, PROV.Collection))
        meta.add((collection, RDFS.label, Literal(name)))
        for file in files:
            meta.add((collection, PROV.hadMember, _describe_file(meta, file, base)))
        meta.add((activity, PROV.used, collection))
    return activity


def _describe_software(meta: Graph, version: str, base: str) -> URIRef:
    software = checked_iri(f"{base}software/argkg/{version}")
    meta.add((software, RDF.type, PROV.SoftwareAgent))
    meta.add((software, RDF.type, SCHEMA.SoftwareApplication))
    meta.add((software, RDFS.label, Literal("argkg")))
    meta.add((software, SCHEMA.softwareVersion, Literal(version)))
    return software


def _describe_file(meta: Graph, file: SourceFile, base: str) -> URIRef:
    entity = checked_iri(f"{base}file/{file.sha256}")
    checksum = checked_iri(f"{entity}/sha256")
    meta.add((entity, RDF.type, PROV.Entity))
    meta.add((entity, RDFS.label, Literal(file.name)))
    meta.add((entity, SPDX.checksum, checksum))
    meta.add((checksum, RDF.type, SPDX.Checksum))
    meta.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    meta.add((checksum, SPDX.checksumValue, Literal(file.sha256, datatype=XSD.hexBinary)))
    return entity
