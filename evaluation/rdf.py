"""A build, read back from its RDF into a `Reading`.

The build is a directory holding graph.ttl (what `argkg build` writes) or one graph file
(.ttl, .jsonld, .nt). What is read, by the mapping of ontology/rdf.py:

    posts        sioc:Post with argkg:position; sioc:has_creator/sioc:name, dcterms:created,
                 sioc:reply_of, argkg:supports|attacks|neutralTowards (the stance),
                 schema:mentions (actors: rdfs:label, schema:alternateName)
    units        post argkg:hasUnit unit: nif:anchorOf (else aif:claimText), argkg:role,
                 argkg:position, nif:beginIndex/endIndex; post argkg:centralClaim unit
    relations    aif:RA-node (aif:Premise -> aif:Conclusion) is support,
                 aif:CA-node (aif:Conflicting -> aif:Conflicted) is attack
    quotes       unit argkg:quotes (a unit, or an argkg:UnseenText with nif:anchorOf)
    attributions unit argkg:attributedTo actor

Post-to-post argkg:quotes links are not read: they repeat what the unit links say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from argkg.errors import InputError
from argkg.evaluation.reading import (
    Actor,
    Attribution,
    Post,
    Quote,
    Reading,
    Relation,
    Unit,
    UnitRef,
)
from argkg.ontology.namespaces import AIF, ARGKG, NIF, SCHEMA, SIOC
from argkg.ontology.query import load_graph

STANCE_PREDICATES = ((ARGKG.supports, "support"), (ARGKG.attacks, "attack"),
                     (ARGKG.neutralTowards, "neutral"))
RELATION_NODES = ((AIF["RA-node"], AIF.Premise, AIF.Conclusion, "support"),
                  (AIF["CA-node"], AIF.Conflicting, AIF.Conflicted, "attack"))
GRAPH_FILE = "graph.ttl"


def read_build(path: Path) -> Reading:
    return reading_from_rdf(load_graph(graph_file(path)), str(path))


def graph_file(path: Path) -> Path:
    """The graph file of a build: the path itself, or graph.ttl in a build directory."""
    if not path.is_dir():
        return path
    if not (path / GRAPH_FILE).is_file():
        raise InputError(f"no {GRAPH_FILE} in this directory (is it an 'argkg build' output?)",
                         path=str(path))
    return path / GRAPH_FILE


@dataclass(frozen=True)
class _PlacedUnit:
    post: int
    unit: Unit

    @property
    def ref(self) -> UnitRef:
        return self.post, self.unit.index


def reading_from_rdf(graph: Graph, source: str) -> Reading:
    _check_one_thread(graph, source)
    positions = _post_positions(graph, source)
    units = _units(graph, positions, source)
    posts = tuple(_post(graph, iri, position, positions, units)
                  for iri, position in sorted(positions.items(), key=lambda item: item[1]))
    return Reading(posts=posts, quotes=_quotes(graph, units),
                   attributions=_attributions(graph, units), relations=_relations(graph, units))


def _check_one_thread(graph: Graph, source: str) -> None:
    threads = set(graph.subjects(RDF.type, SIOC.Thread))
    if len(threads) > 1:
        raise InputError(f"the build holds {len(threads)} discussions; evaluate one at a time",
                         path=source)


def _post_positions(graph: Graph, source: str) -> dict[Node, int]:
    positions = {}
    for post in graph.subjects(RDF.type, SIOC.Post):
        position = _integer(graph, post, ARGKG.position, source)
        if position is not None:
            positions[post] = position
    if not positions:
        raise InputError("no posts in the graph (sioc:Post with argkg:position)", path=source)
    return positions


def _integer(graph: Graph, subject: Node, predicate: URIRef, source: str) -> int | None:
    value = graph.value(subject, predicate)
    if value is None:
        return None
    number = value.toPython()
    if isinstance(number, bool) or not isinstance(number, int):
        raise InputError(f"{graph.qname(predicate)} of <{subject}> is not an integer: "
                         f"{str(value)!r}", path=source)
    return number


def _text(graph: Graph, node: Node) -> str:
    text = graph.value(node, NIF.anchorOf) or graph.value(node, AIF.claimText)
    return str(text) if text is not None else ""


def _optional_str(value: Node | None) -> str | None:
    return str(value) if value is not None else None


# --- posts -------------------------------------------------------------------------------


def _post(graph: Graph, iri: Node, position: int, positions: dict[Node, int],
          units: dict[Node, _PlacedUnit]) -> Post:
    own_units = sorted((placed.unit for placed in units.values() if placed.post == position),
                       key=lambda unit: unit.index)
    central = graph.value(iri, ARGKG.centralClaim)
    return Post(
        position=position,
        author=_author(graph, iri),
        created=_created(graph, iri),
        reply_to=positions.get(graph.value(iri, SIOC.reply_of)),
        stance=_stance(graph, iri),
        units=tuple(own_units),
        central=units[central].unit.text if central in units else None,
        actors=tuple(sorted((_actor(graph, actor) for actor in
                             set(graph.objects(iri, SCHEMA.mentions))),
                            key=lambda actor: actor.label)),
    )


def _author(graph: Graph, post: Node) -> str | None:
    account = graph.value(post, SIOC.has_creator)
    return _optional_str(graph.value(account, SIOC.name)) if account is not None else None


def _created(graph: Graph, post: Node) -> datetime | None:
    value = graph.value(post, DCTERMS.created)
    moment = value.toPython() if value is not None else None
    return moment if isinstance(moment, datetime) else None


def _stance(graph: Graph, post: Node) -> str | None:
    return next((stance for predicate, stance in STANCE_PREDICATES
                 if graph.value(post, predicate) is not None), None)


def _actor(graph: Graph, actor: Node) -> Actor:
    label = _optional_str(graph.value(actor, RDFS.label)) or str(actor)
    aliases = sorted({str(alias) for alias in graph.objects(actor, SCHEMA.alternateName)})
    return Actor(label, tuple(aliases))


# --- units -------------------------------------------------------------------------------


def _units(graph: Graph, positions: dict[Node, int], source: str) -> dict[Node, _PlacedUnit]:
    """Every unit of every post, numbered 0.. in each post by argkg:position, then offset."""
    placed = {}
    for post, position in positions.items():
        found = [(unit, _integer(graph, unit, ARGKG.position, source),
                  _integer(graph, unit, NIF.beginIndex, source))
                 for unit in set(graph.objects(post, ARGKG.hasUnit))]
        # Units without a position go last; the IRI breaks ties so the order is stable.
        found.sort(key=lambda f: (f[1] is None, f[1] or 0, f[2] or 0, str(f[0])))
        for index, (unit, _, start) in enumerate(found):
            placed[unit] = _PlacedUnit(position, Unit(
                index=index, text=_text(graph, unit),
                role=_optional_str(graph.value(unit, ARGKG.role)), start=start,
                end=_integer(graph, unit, NIF.endIndex, source)))
    return placed


def _quotes(graph: Graph, units: dict[Node, _PlacedUnit]) -> tuple[Quote, ...]:
    quotes = []
    for unit, quoted in graph.subject_objects(ARGKG.quotes):
        if unit not in units:
            continue
        if quoted in units:
            quotes.append(Quote(units[unit].post, units[quoted].unit.text, units[quoted].post))
        else:
            quotes.append(Quote(units[unit].post, _text(graph, quoted), None))
    return tuple(sorted(quotes, key=lambda q: (q.post, q.text)))


def _attributions(graph: Graph, units: dict[Node, _PlacedUnit]) -> tuple[Attribution, ...]:
    return tuple(sorted(
        (Attribution(units[unit].post, units[unit].unit.text, _actor(graph, speaker))
         for unit, speaker in graph.subject_objects(ARGKG.attributedTo) if unit in units),
        key=lambda a: (a.post, a.text, a.speaker.label)))


def _relations(graph: Graph, units: dict[Node, _PlacedUnit]) -> tuple[Relation, ...]:
    relations = set()
    for node_class, from_predicate, to_predicate, kind in RELATION_NODES:
        for node in graph.subjects(RDF.type, node_class):
            # AIF lets one RA node join several premises (a linked argument): one each.
            for source in graph.objects(node, from_predicate):
                for target in graph.objects(node, to_predicate):
                    if source in units and target in units:
                        relations.add(Relation(kind, units[source].ref, units[target].ref))
    return tuple(sorted(relations, key=lambda r: (r.kind, r.source, r.target)))
