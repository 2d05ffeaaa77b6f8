"""The model-to-RDF mapping, its serializations and the ontology that backs it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import networkx as nx
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespaces
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from argkg.errors import ArgkgError
from argkg.graph import ids
from argkg.graph.model import ACTOR_TYPES, EdgeKind, NodeKind, add_edge, add_node
from argkg.ontology.namespaces import (
    AIF,
    ARGKG,
    DEFAULT_BASE,
    NIF,
    PREFIXES,
    SCHEMA,
    SIOC,
    SIOCA,
    WD,
    bind_all,
)
from argkg.ontology.rdf import (
    ACTOR_CLASSES,
    STANCE_PROPERTIES,
    check_base,
    discussion_nquads,
    is_valid_iri,
    scheme_node_id,
    serialize,
    serialize_dataset,
    to_dataset,
    to_rdf,
)

ARTICLE = URIRef(DEFAULT_BASE + ids.post_id("tiny", "article"))
C1 = URIRef(DEFAULT_BASE + ids.post_id("tiny", "c1"))
C2 = URIRef(DEFAULT_BASE + ids.post_id("tiny", "c2"))
THREAD = URIRef(DEFAULT_BASE + ids.discussion_id("tiny"))
PUTIN = URIRef(DEFAULT_BASE + ids.actor_id("Wladimir Putin"))
NATO = URIRef(DEFAULT_BASE + ids.actor_id("NATO"))
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
EVIL = URIRef(DEFAULT_BASE + ids.actor_id(XSS))
C1_U0_ID = ids.unit_id(ids.post_id("tiny", "c1"), 0)
C2_U0_ID = ids.unit_id(ids.post_id("tiny", "c2"), 0)
C2_C1_STANCE = (ids.post_id("tiny", "c2"), ids.post_id("tiny", "c1"), str(EdgeKind.STANCE))
ARTICLE_U0 = URIRef(DEFAULT_BASE + ids.unit_id(ids.post_id("tiny", "article"), 0))
C1_U0 = URIRef(DEFAULT_BASE + C1_U0_ID)
C2_U0 = URIRef(DEFAULT_BASE + C2_U0_ID)
UNITS = {ARTICLE_U0, C1_U0, C2_U0}
UNSEEN = URIRef(DEFAULT_BASE + ids.unseen_text_id(ids.discussion_id("tiny"), XSS))
NEWER_SCHEMA_TERMS = {"PoliticalParty"}
"""schema.org terms newer than rdflib's copy of the vocabulary (schema.org 26, 2024)."""


@pytest.fixture
def rdf(tiny_graph) -> Graph:
    return to_rdf(tiny_graph)


# --- the thread ----------------------------------------------------------------------------


def test_posts_are_sioc_posts_in_one_thread(rdf):
    assert set(rdf.subjects(RDF.type, SIOC.Thread)) == {THREAD}
    assert set(rdf.subjects(RDF.type, SIOC.Post)) == {ARTICLE, C1, C2}
    contained = {(p, THREAD) for p in (ARTICLE, C1, C2)} | {(UNSEEN, THREAD)}
    assert set(rdf.subject_objects(SIOC.has_container)) == contained
    assert rdf.value(THREAD, DCTERMS.title) == Literal("Tiny debate")


def test_article_and_comments_carry_schema_types_and_positions(rdf):
    assert (ARTICLE, RDF.type, SCHEMA.Article) in rdf
    assert {(C1, RDF.type, SCHEMA.Comment), (C2, RDF.type, SCHEMA.Comment)} <= set(rdf)
    assert rdf.value(ARTICLE, DCTERMS.title) == Literal("Tiny debate")
    positions = {post: rdf.value(post, ARGKG.position).toPython() for post in (ARTICLE, C1, C2)}
    assert positions == {ARTICLE: 0, C1: 1, C2: 2}


def test_replies_point_to_what_they_answer(rdf):
    assert set(rdf.subject_objects(SIOC.reply_of)) == {(C1, ARTICLE), (C2, C1)}


def test_posts_have_creators_with_names(rdf):
    names = {post: str(rdf.value(rdf.value(post, SIOC.has_creator), SIOC.name))
             for post in (ARTICLE, C1, C2)}
    assert names == {ARTICLE: "Anna Autorin", C1: "Bernd B.", C2: f"Eve {XSS}"}
    for account in rdf.objects(None, SIOC.has_creator):
        assert (account, RDF.type, SIOC.UserAccount) in rdf


def test_text_is_the_posts_content(rdf):
    assert rdf.value(C1, SIOC.content) == Literal("Die Nato ist schuld & Russland auch.")
    assert rdf.value(C2, SIOC.content) == Literal(f"Unsinn {XSS} sagt Putin.")


def test_created_is_a_timezone_aware_xsd_datetime(rdf):
    created = rdf.value(ARTICLE, DCTERMS.created)
    assert created.datatype == rdflib_namespaces.XSD.dateTime
    assert str(created) == "2022-01-08T12:00:00+01:00"
    for post in (ARTICLE, C1, C2):
        moment = rdf.value(post, DCTERMS.created).toPython()
        assert isinstance(moment, datetime) and moment.utcoffset() is not None


def test_missing_values_add_no_triples(tiny_graph):
    tiny_graph.nodes[ids.post_id("tiny", "c1")]["published"] = None
    rdf = to_rdf(tiny_graph)
    assert rdf.value(C1, DCTERMS.created) is None
    assert rdf.value(ARTICLE, SCHEMA.abstract) is None  # teaser None in the fixture
    assert rdf.value(THREAD, SIOC.link) is None  # url None in the fixture


def test_discussion_url_becomes_an_escaped_link(tiny_graph):
    tiny_graph.nodes[ids.discussion_id("tiny")]["url"] = "https://example.org/a b?x=ä"
    link = to_rdf(tiny_graph).value(THREAD, SIOC.link)
    assert link == URIRef("https://example.org/a%20b?x=%C3%A4")


# --- actors and mentions -------------------------------------------------------------------


def test_posts_mention_actors(rdf):
    assert set(rdf.subject_objects(SCHEMA.mentions)) == {
        (ARTICLE, PUTIN), (ARTICLE, NATO), (C1, NATO), (C2, PUTIN), (C2, EVIL)}


def test_mention_details_sit_on_one_mention_node_per_post_and_actor(rdf):
    mentions = set(rdf.subjects(RDF.type, ARGKG.Mention))
    assert len(mentions) == 5
    pairs = {(rdf.value(m, ARGKG.inPost), rdf.value(m, ARGKG.ofActor)) for m in mentions}
    assert pairs == set(rdf.subject_objects(SCHEMA.mentions))
    evil = next(m for m in mentions if rdf.value(m, ARGKG.ofActor) == EVIL)
    assert str(evil) == DEFAULT_BASE + "post/tiny/c2/mention/" + str(EVIL).rsplit("/", 1)[1]
    assert rdf.value(evil, ARGKG.occurrences) == Literal(1)
    assert set(rdf.objects(evil, ARGKG.surfaceForm)) == {Literal(XSS)}


def test_actors_are_typed_from_the_table(rdf):
    assert set(rdf.subjects(RDF.type, ARGKG.Actor)) == {PUTIN, NATO, EVIL}
    assert set(rdf.objects(PUTIN, RDF.type)) == {ARGKG.Actor, SCHEMA.Person}
    assert set(rdf.objects(NATO, RDF.type)) == {ARGKG.Actor, SCHEMA.Organization}
    assert set(rdf.objects(EVIL, RDF.type)) == {ARGKG.Actor}  # actor_type Unknown


def test_every_actor_type_has_classes():
    assert set(ACTOR_CLASSES) == set(ACTOR_TYPES)


def test_schema_terms_exist_in_schema_org():
    used = {c for classes in ACTOR_CLASSES.values() for c in classes if c.startswith(SCHEMA)}
    used |= {SCHEMA.Article, SCHEMA.Comment, SCHEMA.mentions, SCHEMA.alternateName,
             SCHEMA.inLanguage, SCHEMA.abstract, SCHEMA.position}
    known = rdflib_namespaces.SDO.__annotations__
    unknown = {str(t) for t in used if t.removeprefix(str(SCHEMA)) not in known}
    assert unknown == {str(SCHEMA[t]) for t in NEWER_SCHEMA_TERMS}


def test_actors_have_german_labels_and_aliases(rdf):
    assert rdf.value(PUTIN, RDFS.label) == Literal("Wladimir Putin", lang="de")
    assert set(rdf.objects(PUTIN, SCHEMA.alternateName)) == {
        Literal("Putin", lang="de"), Literal("Präsident Putin", lang="de")}


def test_same_as_wikidata_only_for_actors_with_a_qid(rdf):
    assert set(rdf.subject_objects(OWL.sameAs)) == {(PUTIN, WD.Q7747), (NATO, WD.Q7184)}


def test_only_candidates_are_marked(rdf):
    assert set(rdf.subject_objects(ARGKG.candidate)) == {(EVIL, Literal(True))}


def test_account_of_links_an_account_to_an_actor(tiny_graph):
    account = ids.commenter_id("local", "Anna Autorin")
    add_edge(tiny_graph, account, ids.actor_id("NATO"), EdgeKind.ACCOUNT_OF)
    rdf = to_rdf(tiny_graph)
    assert set(rdf.subject_objects(SIOC.account_of)) == {(URIRef(DEFAULT_BASE + account), NATO)}


# --- the argument layer --------------------------------------------------------------------

PREFIX_LINES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


def select(rdf: Graph, query: str) -> set[tuple]:
    """The solutions of a SPARQL SELECT, as Python values (IRIs stay URIRefs)."""
    return {tuple(term.toPython() if isinstance(term, Literal) else term for term in row)
            for row in rdf.query(PREFIX_LINES + query)}


def test_units_are_argkg_units_and_claims_and_premises_aif_i_nodes(rdf):
    assert set(rdf.subjects(RDF.type, ARGKG.Unit)) == UNITS
    assert set(rdf.subjects(RDF.type, AIF["I-node"])) == UNITS
    assert select(rdf, "SELECT ?u ?role ?i { ?u argkg:role ?role ; argkg:position ?i }") == {
        (ARTICLE_U0, "claim", 0), (C1_U0, "claim", 0), (C2_U0, "premise", 0)}
    assert rdf.value(C1_U0, AIF.claimText) == Literal("Die Nato ist schuld & Russland auch.")
    assert rdf.value(C2_U0, ARGKG.role) == Literal("premise")  # plain, not language-tagged


def test_a_unit_of_no_role_is_no_i_node_and_has_no_acceptance(tiny_graph):
    unit = tiny_graph.nodes[C2_U0_ID]
    unit.update(role="none", acceptance=None)
    rdf = to_rdf(tiny_graph)
    assert set(rdf.objects(C2_U0, RDF.type)) == {ARGKG.Unit}
    assert rdf.value(C2_U0, AIF.claimText) is None
    assert rdf.value(C2_U0, ARGKG.acceptance) is None
    assert rdf.value(C2_U0, ARGKG.role) == Literal("none")
    assert rdf.value(C2_U0, NIF.anchorOf) == Literal(unit["text"])


def test_unit_offsets_are_nif_indices_into_the_post_content(rdf):
    rows = select(rdf, """
        SELECT ?post ?unit ?content ?text ?begin ?end {
            ?post argkg:hasUnit ?unit ; sioc:content ?content .
            ?unit nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end .
        }""")
    assert {(post, unit) for post, unit, *_ in rows} == {
        (ARTICLE, ARTICLE_U0), (C1, C1_U0), (C2, C2_U0)}
    for _post, _unit, content, text, begin, end in rows:
        assert content[begin:end] == text
    begin = rdf.value(C2_U0, NIF.beginIndex)
    assert begin.datatype == rdflib_namespaces.XSD.nonNegativeInteger and begin.toPython() == 0
    assert rdf.value(C2_U0, NIF.endIndex).toPython() == len(f"Unsinn {XSS} sagt Putin.")


def test_acceptance_is_a_plain_literal_per_unit(rdf):
    assert set(rdf.subject_objects(ARGKG.acceptance)) == {
        (ARTICLE_U0, Literal("out")), (C1_U0, Literal("in")), (C2_U0, Literal("in"))}


def test_central_claims_are_linked_from_their_posts(rdf):
    assert set(rdf.subject_objects(ARGKG.centralClaim)) == {(ARTICLE, ARTICLE_U0), (C1, C1_U0)}
    assert set(rdf.subject_objects(ARGKG.hasUnit)) == {
        (ARTICLE, ARTICLE_U0), (C1, C1_U0), (C2, C2_U0)}


def test_support_is_an_aif_ra_node_between_premise_and_conclusion(rdf):
    rows = select(rdf, """
        SELECT ?ra ?premise ?conclusion ?scope ?cue {
            ?ra a aif:RA-node ; aif:Premise ?premise ; aif:Conclusion ?conclusion ;
                argkg:scope ?scope ; argkg:cue ?cue .
        }""")
    assert rows == {(URIRef(str(C2_U0) + "/ra/c1-u0"), C2_U0, C1_U0, "thread", "agreement")}


def test_attack_is_an_aif_ca_node_from_conflicting_to_conflicted(rdf):
    rows = select(rdf, """
        SELECT ?ca ?attacker ?attacked ?scope ?cue {
            ?ca a aif:CA-node ; aif:Conflicting ?attacker ; aif:Conflicted ?attacked ;
                argkg:scope ?scope ; argkg:cue ?cue .
        }""")
    assert rows == {(URIRef(str(C1_U0) + "/ca/article-u0"), C1_U0, ARTICLE_U0, "thread", "schuld")}


def test_scheme_node_ids_name_both_units_and_the_scheme():
    c2_u0, c1_u0 = ids.unit_id("post/d/c2", 0), ids.unit_id("post/d/c1", 0)
    assert scheme_node_id(c2_u0, c1_u0, "ra") == "post/d/c2/u0/ra/c1-u0"
    assert scheme_node_id(c2_u0, c1_u0, "ca") != scheme_node_id(c2_u0, c1_u0, "ra")
    # The same post key in another discussion keeps that discussion in the name.
    assert scheme_node_id(c2_u0, "post/e/c1/u0", "ra") == "post/d/c2/u0/ra/e-c1-u0"


def test_support_and_attack_between_the_same_units_stay_two_nodes(tiny_graph):
    add_edge(tiny_graph, C2_U0_ID, C1_U0_ID, EdgeKind.ATTACKS, scope="thread", cue="aber")
    rdf = to_rdf(tiny_graph)
    assert len(set(rdf.subjects(AIF.Conflicting, C2_U0))) == 1
    assert len(set(rdf.subjects(AIF.Premise, C2_U0))) == 1
    assert set(rdf.subjects(AIF.Conflicting, C2_U0)).isdisjoint(rdf.subjects(AIF.Premise, C2_U0))


def test_stances_link_comments_to_the_posts_they_reply_to(rdf):
    assert set(rdf.subject_objects(ARGKG.attacks)) == {(C1, ARTICLE)}
    assert set(rdf.subject_objects(ARGKG.neutralTowards)) == {(C2, C1)}
    assert not set(rdf.subject_objects(ARGKG.supports))
    assert set(rdf.subject_objects(ARGKG.stanceCue)) == {(C1, Literal("schuld"))}


@pytest.mark.parametrize("stance", sorted(STANCE_PROPERTIES))
def test_every_stance_has_its_property(tiny_graph, stance):
    tiny_graph.edges[C2_C1_STANCE]["stance"] = stance
    rdf = to_rdf(tiny_graph)
    assert (C2, STANCE_PROPERTIES[stance], C1) in rdf
    others = set(STANCE_PROPERTIES.values()) - {STANCE_PROPERTIES[stance]}
    assert not any((C2, p, C1) in rdf for p in others)


def test_an_unknown_stance_is_left_out(tiny_graph):
    tiny_graph.edges[C2_C1_STANCE]["stance"] = "?"
    rdf = to_rdf(tiny_graph)
    assert not any((C2, p, C1) in rdf for p in STANCE_PROPERTIES.values())


def test_stance_properties_specialise_sioc_argumentation(ontology):
    assert (ARGKG.supports, RDFS.subPropertyOf, SIOCA.supports) in ontology
    assert (ARGKG.attacks, RDFS.subPropertyOf, SIOCA.challenges) in ontology


def test_a_comment_responds_to_a_unit(rdf):
    assert set(rdf.subject_objects(ARGKG.respondsTo)) == {(C1, ARTICLE_U0)}


def test_a_quote_of_an_unseen_text(rdf):
    assert set(rdf.subject_objects(ARGKG.quotes)) == {(C2_U0, UNSEEN)}
    assert set(rdf.objects(UNSEEN, RDF.type)) == {ARGKG.UnseenText}
    assert rdf.value(UNSEEN, NIF.anchorOf) == Literal(XSS)
    assert rdf.value(UNSEEN, SIOC.has_container) == THREAD


def test_a_quote_of_another_posts_unit_also_links_the_posts(tiny_graph):
    add_edge(tiny_graph, C2_U0_ID, C1_U0_ID, EdgeKind.QUOTES, start=0, end=6, exact=False,
             score=0.8)
    rdf = to_rdf(tiny_graph)
    assert set(rdf.subject_objects(ARGKG.quotes)) == {(C2_U0, UNSEEN), (C2_U0, C1_U0), (C2, C1)}


def test_a_quote_inside_one_post_does_not_link_the_post_to_itself(tiny_graph):
    post = ids.post_id("tiny", "c1")
    later = add_node(tiny_graph, ids.unit_id(post, 1), NodeKind.UNIT, "Nato",
                     discussion=ids.discussion_id("tiny"), post=post, index=1, start=4, end=8,
                     text="Nato", role="none", central=False, acceptance=None)
    add_edge(tiny_graph, later, ids.unit_id(post, 0), EdgeKind.QUOTES, start=4, end=8,
             exact=True, score=1.0)
    rdf = to_rdf(tiny_graph)
    assert (C1, ARGKG.quotes, C1) not in rdf
    assert (URIRef(DEFAULT_BASE + later), ARGKG.quotes, C1_U0) in rdf


def test_reported_speech_is_attributed_to_an_actor(rdf):
    assert set(rdf.subject_objects(ARGKG.attributedTo)) == {(C2_U0, PUTIN)}
    assert rdf.value(C2_U0, ARGKG.attributionCue) == Literal("sagt")


def test_argument_vocabularies_are_bound_to_their_usual_prefixes(rdf):
    text = serialize(rdf, "turtle").decode("utf-8")
    assert "@prefix aif: <http://www.arg.dundee.ac.uk/aif#> ." in text
    assert f"@prefix nif: <{NIF}> ." in text
    assert "a aif:I-node," in text


# --- IRIs ----------------------------------------------------------------------------------


def test_no_blank_nodes_and_every_iri_valid(rdf):
    terms = {term for triple in rdf for term in triple}
    assert not any(isinstance(t, BNode) for t in terms)
    iris = [t for t in terms if isinstance(t, URIRef)]
    assert iris and all(is_valid_iri(t) for t in iris)


@pytest.mark.parametrize("iri", ["https://w3id.org/argkg/id/a%C3%A4", "urn:x:y",
                                 "http://ä.de/ö#f"])
def test_valid_iris(iri):
    assert is_valid_iri(iri)


@pytest.mark.parametrize("iri", ["actor/nato", "https://x.org/a b", "https://x.org/%zz",
                                 "https://x.org/<a>", "https:///path", "https://x.org/a#b#c",
                                 "https://x.org/\x1b[31m", ""])
def test_invalid_iris(iri):
    assert not is_valid_iri(iri)


def test_another_base_prefixes_every_node(tiny_graph):
    rdf = to_rdf(tiny_graph, base="https://example.org/kg/")
    nodes = {s for s in rdf.subjects()}
    assert nodes and all(str(s).startswith("https://example.org/kg/") for s in nodes)


@pytest.mark.parametrize("base", ["https://example.org/kg", "example.org/kg/", "https://x.org/a b/",
                                  "https://x.org/a#b#"])
def test_unusable_base_is_an_error(base):
    with pytest.raises(ArgkgError, match="base IRI"):
        check_base(base)


# --- serializations ------------------------------------------------------------------------


@pytest.mark.parametrize("rdf_format", ["turtle", "json-ld"])
def test_serializations_parse_back_to_the_same_graph(rdf, rdf_format):
    data = serialize(rdf, rdf_format)
    assert data.endswith(b"\n")
    assert isomorphic(Graph().parse(data=data.decode("utf-8"), format=rdf_format), rdf)


def test_turtle_is_readable_utf8_with_argkg_prefixes(rdf):
    text = serialize(rdf, "turtle").decode("utf-8")
    assert "@prefix sioc: <http://rdfs.org/sioc/ns#> ." in text
    assert '"Präsident Putin"@de' in text
    assert text.index("a sioc:Thread") < text.index("a sioc:Post") < text.index("a argkg:Mention")
    # Units follow the posts they belong to; supports and attacks follow the units.
    assert (text.index("a sioc:Post") < text.index("argkg:Unit ;") < text.index("a aif:RA-node")
            < text.index("a aif:CA-node") < text.index("a argkg:UnseenText")
            < text.index("a sioc:UserAccount"))


def test_json_ld_compacts_with_the_used_prefixes_only(rdf):
    import json
    document = json.loads(serialize(rdf, "json-ld"))
    assert document["@context"]["schema"] == str(SCHEMA)
    assert document["@context"]["aif"] == str(AIF)
    assert "amo" not in document["@context"] and "rdf" not in document["@context"]
    ids_in_order = [node["@id"] for node in document["@graph"]]
    assert ids_in_order == sorted(ids_in_order)


def test_unknown_serialization_format_is_refused(rdf):
    with pytest.raises(ValueError, match="turtle"):
        serialize(rdf, "rdf/xml")


def _reversed_copy(model: nx.MultiDiGraph) -> nx.MultiDiGraph:
    copy = nx.MultiDiGraph(**model.graph)
    copy.add_nodes_from(reversed(list(model.nodes(data=True))))
    copy.add_edges_from(reversed(list(model.edges(keys=True, data=True))))
    return copy


@pytest.mark.parametrize("rdf_format", ["turtle", "json-ld"])
def test_same_model_gives_the_same_bytes(tiny_graph, rdf_format):
    first = serialize(to_rdf(tiny_graph), rdf_format)
    assert serialize(to_rdf(tiny_graph), rdf_format) == first
    assert serialize(to_rdf(_reversed_copy(tiny_graph)), rdf_format) == first


_SERIALIZE_IN_SUBPROCESS = """
import pickle, sys
from argkg.ontology.rdf import serialize, to_rdf
model = pickle.load(open(sys.argv[1], "rb"))
rdf = to_rdf(model)
sys.stdout.buffer.write(serialize(rdf, "turtle") + b"\\0" + serialize(rdf, "json-ld"))
"""


@pytest.mark.parametrize("seed", ["1", "4242"])
def test_same_bytes_under_another_hash_seed(tiny_graph, tmp_path, seed):
    model_file = tmp_path / "model.pickle"
    model_file.write_bytes(pickle.dumps(tiny_graph))
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", _SERIALIZE_IN_SUBPROCESS, str(model_file)],
                         env=env, capture_output=True, check=True).stdout
    rdf = to_rdf(tiny_graph)
    assert out == serialize(rdf, "turtle") + b"\0" + serialize(rdf, "json-ld")


# --- the ontology --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    text = (resources.files("argkg.ontology") / "argkg.ttl").read_text(encoding="utf-8")
    return bind_all(Graph().parse(data=text, format="turtle"))


def _declared_terms(ontology: Graph) -> set[URIRef]:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    return {s for s, kind in ontology.subject_objects(RDF.type)
            if kind in kinds and str(s).startswith(str(ARGKG))}


def _english(ontology: Graph, term: URIRef, predicate: URIRef) -> list[Literal]:
    return [o for o in ontology.objects(term, predicate) if getattr(o, "language", None) == "en"]


def test_every_argkg_term_in_the_export_is_declared_with_label_and_comment(tiny_graph, ontology):
    add_edge(tiny_graph, ids.commenter_id("local", "Bernd B."), ids.actor_id("NATO"),
             EdgeKind.ACCOUNT_OF)
    used = {t for triple in to_rdf(tiny_graph) for t in triple
            if isinstance(t, URIRef) and t.startswith(str(ARGKG))}
    assert used, "the export uses argkg terms"
    for term in used:
        assert term in _declared_terms(ontology), f"{term} is not declared in argkg.ttl"
        assert _english(ontology, term, RDFS.label), f"{term} has no English rdfs:label"
        assert _english(ontology, term, RDFS.comment), f"{term} has no English rdfs:comment"


def test_the_argkg_namespace_lists_exactly_the_declared_terms(ontology):
    in_python = {ARGKG[name] for name in ARGKG.__annotations__}
    assert in_python == _declared_terms(ontology)


def test_argkg_classes_used_for_actor_types_are_declared(ontology):
    argkg_classes = {c for classes in ACTOR_CLASSES.values() for c in classes
                     if c.startswith(str(ARGKG))}
    for rdf_class in argkg_classes:
        assert (rdf_class, RDF.type, OWL.Class) in ontology
        assert (rdf_class, RDFS.subClassOf, ARGKG.Actor) in ontology


def test_direct_n_quads_are_what_rdflib_writes(tiny_graph):
    """The corpus build writes N-Quads without rdflib: the bytes must be rdflib's."""
    assert "".join(discussion_nquads(tiny_graph)).encode("utf-8") == serialize_dataset(
        to_dataset(tiny_graph), "nquads")


def test_direct_n_quads_of_the_example_are_what_rdflib_writes():
    from argkg.pipeline import BuildOptions, build_graph

    page = Path(__file__).parent / "data" / "cicero-nato-russland-2022-01.txt"
    model = build_graph([page], BuildOptions(ZoneInfo("Europe/Berlin"))).graph
    direct = "".join(discussion_nquads(model)).encode("utf-8")
    assert direct == serialize_dataset(to_dataset(model), "nquads")
    assert direct.count(b"\n") > 1000
