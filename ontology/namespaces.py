"""The RDF namespaces argkg uses, defined once, and the prefixes every graph is bound with.

Vocabularies whose terms argkg writes are `DefinedNamespace`s listing exactly those terms,
so a misspelt term fails at import time instead of producing a silently wrong IRI. ARGKG
lists the terms declared in `argkg.ttl` (a test keeps the two in step).

schema.org is used with `https://schema.org/`: it is the canonical namespace since
schema.org 12.0 (2021), the one its term pages and vocabulary files use, and the one rdflib
binds to `schema:` by default, so queries written with rdflib's prefixes match. (Wikidata's
RDF still writes `http://schema.org/`; a federated query must bridge the two.)
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD, DefinedNamespace

DEFAULT_BASE = "https://w3id.org/argkg/id/"
"""Where node IRIs live unless the user picks another base: base + node id."""


class SIOC(DefinedNamespace):
    """SIOC Core: online community content (posts, threads, user accounts)."""

    _NS = Namespace("http://rdfs.org/sioc/ns#")
    _fail = True

    Thread: URIRef
    Post: URIRef
    UserAccount: URIRef
    has_container: URIRef
    has_creator: URIRef
    reply_of: URIRef
    content: URIRef
    name: URIRef
    account_of: URIRef
    link: URIRef


class ARGKG(DefinedNamespace):
    """The argkg ontology (ontology/argkg.ttl): only what SIOC and schema.org do not say."""

    _NS = Namespace("https://w3id.org/argkg/ns#")
    _fail = True

    Actor: URIRef
    Group: URIRef
    Institution: URIRef
    Artifact: URIRef
    Mention: URIRef
    position: URIRef
    candidate: URIRef
    inPost: URIRef
    ofActor: URIRef
    occurrences: URIRef
    surfaceForm: URIRef
    # The argument layer
    Unit: URIRef
    UnseenText: URIRef
    role: URIRef
    acceptance: URIRef
    hasUnit: URIRef
    centralClaim: URIRef
    scope: URIRef
    cue: URIRef
    supports: URIRef
    attacks: URIRef
    neutralTowards: URIRef
    stanceCue: URIRef
    respondsTo: URIRef
    quotes: URIRef
    attributedTo: URIRef
    attributionCue: URIRef


class AIF(DefinedNamespace):
    """The Argument Interchange Format ontology: information (I-) and scheme (RA-, CA-) nodes."""

    _NS = Namespace("http://www.arg.dundee.ac.uk/aif#")
    _fail = True
    # AIF's class names hold a hyphen, which no Python attribute can: AIF["I-node"].
    _extras = ["I-node", "RA-node", "CA-node"]

    claimText: URIRef
    Premise: URIRef
    Conclusion: URIRef
    Conflicting: URIRef
    Conflicted: URIRef


class NIF(DefinedNamespace):
    """NIF 2.0 Core: strings anchored in a text by character offsets."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    String: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef


class SIOCA(DefinedNamespace):
    """The SIOC argumentation module: only the properties argkg's stances specialise."""

    _NS = Namespace("http://rdfs.org/sioc/argument#")
    _fail = True

    supports: URIRef
    challenges: URIRef


# schema.org is too large (and grows too often) to list; its terms are checked by the tests.
class SPDX(DefinedNamespace):
    """SPDX 2.3 terms for a file's checksum."""

    _NS = Namespace("http://spdx.org/rdf/terms#")
    _fail = True

    checksum: URIRef
    Checksum: URIRef
    algorithm: URIRef
    checksumValue: URIRef
    checksumAlgorithm_sha256: URIRef


SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
# The Argument Model Ontology (Toulmin): bound for queries and alignments, not written.
AMO = Namespace("http://purl.org/spar/amo/")

PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "sioc": str(SIOC),
    "sioca": str(SIOCA),
    "schema": str(SCHEMA),
    "aif": str(AIF),
    "amo": str(AMO),
    "nif": str(NIF),
    "wd": str(WD),
    "argkg": str(ARGKG),
}
"""Prefix -> namespace, in the order they are bound."""

DATA_PREFIX = "id"
"""The prefix of the data base (`id:actor/nato`): only for display, since Turtle cannot
abbreviate local names with a slash in them."""


def new_rdf_graph(base: str = DEFAULT_BASE) -> Graph:
    """An empty rdflib graph with exactly argkg's prefixes bound (not rdflib's ~30 defaults)."""
    graph = Graph(bind_namespaces="none")
    bind_all(graph, base)
    return graph


def bind_all(graph: Graph, base: str = DEFAULT_BASE) -> Graph:
    """Bind argkg's prefixes on `graph`, replacing other bindings of the same prefixes."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind(DATA_PREFIX, base, override=True, replace=True)
    return graph
