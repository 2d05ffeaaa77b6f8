"""The graph model as RDF: SIOC for the thread, schema.org for actors and mentions.

Each model node becomes the IRI base + node id. The mapping, node kind by node kind:

    discussion  sioc:Thread       dcterms:title, schema:inLanguage, sioc:link (the page)
    article     sioc:Post, schema:Article   dcterms:title, schema:abstract (teaser), sioc:content,
                                  dcterms:created, argkg:position 0
    comment     sioc:Post, schema:Comment   sioc:content, dcterms:created, argkg:position
    commenter   sioc:UserAccount  sioc:name
    actor       argkg:Actor + the classes of ACTOR_CLASSES   rdfs:label@de,
                                  schema:alternateName@de, owl:sameAs wd:Q.., argkg:candidate

and edge kind by edge kind:

    in_discussion  post sioc:has_container thread
    replies_to     post sioc:reply_of post
    authored_by    post sioc:has_creator account
    mentions       post schema:mentions actor, and an argkg:Mention with the details
    account_of     account sioc:account_of actor

A discussion is a sioc:Thread, not a sioc:Forum: in SIOC a forum is a standing discussion
area holding many threads (a site's comment section), while one article with its comments
is one threaded conversation.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Literal as Choice
from urllib.parse import quote, urlsplit

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer

from argkg.errors import ArgkgError
from argkg.graph.model import EdgeKind, NodeKind
from argkg.ontology.namespaces import ARGKG, DEFAULT_BASE, SCHEMA, SIOC, WD, new_rdf_graph

ACTOR_LANGUAGE = "de"
"""Language of actor names and aliases: the gazetteer and the extraction are German."""

ACTOR_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "Person": (SCHEMA.Person,),
    # PoliticalParty only came with schema.org 26 (2024): Organization too, for older consumers.
    "Party": (SCHEMA.Organization, SCHEMA.PoliticalParty),
    "Organization": (SCHEMA.Organization,),
    # Not GovernmentOrganization: a church or a university is an institution too.
    "Institution": (SCHEMA.Organization, ARGKG.Institution),
    "Media": (SCHEMA.NewsMediaOrganization,),
    "State": (SCHEMA.Country,),
    "Region": (SCHEMA.AdministrativeArea,),
    "City": (SCHEMA.City,),
    "Group": (ARGKG.Group,),
    # Not schema:Product, which is something offered for sale.
    "Artifact": (ARGKG.Artifact,),
    "Event": (SCHEMA.Event,),
    # Unknown type: argkg:Actor says all we know.
    "Unknown": (),
}
"""Model actor_type -> RDF classes besides argkg:Actor, which every actor has."""

SERIALIZATION_FORMATS = ("turtle", "json-ld")

# An absolute IRI (RFC 3987) as far as characters go: a scheme, then no spaces, controls or
# the characters IRIs exclude, and '%' only as a percent-escape. rdflib's own check misses
# controls and stray '%', and rdflib accepts bad IRIs until serialize() fails on them.
_IRI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f%]|%[0-9A-Fa-f]{2})+"
)
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def is_valid_iri(iri: str) -> bool:
    """Absolute, well-formed characters, at most one '#', and a host for http(s) IRIs."""
    if not _IRI.fullmatch(iri) or iri.count("#") > 1:
        return False
    parts = urlsplit(iri)
    return parts.scheme.lower() not in ("http", "https") or bool(parts.hostname)


def check_base(base: str) -> None:
    """A base must be a valid IRI ending in '/' or '#', so that base + node id reads right."""
    if not is_valid_iri(base) or "#" in base[:-1] or not base.endswith(("/", "#")):
        raise ArgkgError(f"not a usable base IRI (absolute, ending in '/' or '#'): {base!r}")


def to_rdf(model: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of a graph model: no blank nodes, every IRI checked."""
    check_base(base)
    writer = _Writer(new_rdf_graph(base), base)
    for node_id, data in model.nodes(data=True):
        _NODE_WRITERS[data["kind"]](writer, node_id, data)
    for source, target, data in model.edges(data=True):
        _EDGE_WRITERS[data["kind"]](writer, source, target, data)
    return writer.rdf


class _Writer:
    """Adds triples to one RDF graph, minting node IRIs under one base."""

    def __init__(self, rdf: Graph, base: str):
        self.rdf = rdf
        self.base = base

    def iri(self, node_id: str) -> URIRef:
        return checked_iri(self.base + node_id)

    def add(self, subject: URIRef, predicate: URIRef, value) -> None:
        """Add one triple; None and empty strings mean "not known" and add nothing."""
        if value is None or value == "":
            return
        self.rdf.add((subject, predicate, value if isinstance(value, URIRef | Literal)
                      else to_literal(value)))

    def add_types(self, subject: URIRef, *classes: URIRef) -> None:
        for rdf_class in classes:
            self.rdf.add((subject, RDF.type, rdf_class))


def checked_iri(iri: str) -> URIRef:
    if not is_valid_iri(iri):
        raise ValueError(f"not a valid IRI: {iri!r}")
    return URIRef(iri)


def to_literal(value: str | int | bool | datetime, language: str | None = None) -> Literal:
    # The lexical forms are written out here rather than left to rdflib so that the output
    # does not depend on rdflib's conversions (isoformat keeps the model's UTC offset).
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(str(value), lang=language)


def page_iri(url: str | None) -> URIRef | None:
    """The page a discussion came from, escaped where needed; None if it is no usable IRI."""
    if not url:
        return None
    escaped = quote(url.strip(), safe=_URL_SAFE)
    return URIRef(escaped) if is_valid_iri(escaped) else None


# --- nodes -------------------------------------------------------------------------------


def _write_discussion(w: _Writer, node_id: str, data: dict) -> None:
    thread = w.iri(node_id)
    w.add_types(thread, SIOC.Thread)
    w.add(thread, DCTERMS.title, data.get("title"))
    w.add(thread, SCHEMA.inLanguage, data.get("language"))
    w.add(thread, SIOC.link, page_iri(data.get("url")))


def _write_post(w: _Writer, post: URIRef, data: dict) -> None:
    w.add_types(post, SIOC.Post)
    w.add(post, SIOC.content, data.get("text"))
    w.add(post, DCTERMS.created, data.get("published"))
    w.add(post, ARGKG.position, data.get("position"))


def _write_article(w: _Writer, node_id: str, data: dict) -> None:
    article = w.iri(node_id)
    _write_post(w, article, data)
    # schema:Article, not NewsArticle: the input may as well be an essay or a blog post.
    w.add_types(article, SCHEMA.Article)
    w.add(article, DCTERMS.title, data.get("title"))
    w.add(article, SCHEMA.abstract, data.get("teaser"))


def _write_comment(w: _Writer, node_id: str, data: dict) -> None:
    comment = w.iri(node_id)
    _write_post(w, comment, data)
    w.add_types(comment, SCHEMA.Comment)


def _write_commenter(w: _Writer, node_id: str, data: dict) -> None:
    account = w.iri(node_id)
    w.add_types(account, SIOC.UserAccount)
    w.add(account, SIOC.name, data.get("name") or data["label"])


def _write_actor(w: _Writer, node_id: str, data: dict) -> None:
    actor = w.iri(node_id)
    # An actor_type outside the table (a newer model) still gets exported, as argkg:Actor.
    w.add_types(actor, ARGKG.Actor, *ACTOR_CLASSES.get(data.get("actor_type"), ()))
    w.add(actor, RDFS.label, to_literal(data["label"], ACTOR_LANGUAGE))
    for alias in data.get("aliases") or ():
        if alias != data["label"]:
            w.add(actor, SCHEMA.alternateName, to_literal(alias, ACTOR_LANGUAGE))
    if data.get("qid"):
        w.add(actor, OWL.sameAs, checked_iri(WD[data["qid"]]))
    if data.get("candidate"):
        w.add(actor, ARGKG.candidate, True)


_NODE_WRITERS: dict[str, Callable[[_Writer, str, dict], None]] = {
    NodeKind.DISCUSSION: _write_discussion,
    NodeKind.ARTICLE: _write_article,
    NodeKind.COMMENT: _write_comment,
    NodeKind.COMMENTER: _write_commenter,
    NodeKind.ACTOR: _write_actor,
}


# --- edges -------------------------------------------------------------------------------


def _link(predicate: URIRef) -> Callable[[_Writer, str, str, dict], None]:
    """An edge writer that turns the edge into the one triple source-predicate-target."""
    def write(w: _Writer, source: str, target: str, data: dict) -> None:
        w.add(w.iri(source), predicate, w.iri(target))
    return write


def mention_id(post_id: str, actor_id: str) -> str:
    """`post/d/c2` + `actor/nato` -> `post/d/c2/mention/nato`: one mention per post and actor."""
    return f"{post_id}/mention/{actor_id.removeprefix('actor/')}"


def _write_mention(w: _Writer, post_id: str, actor_id: str, data: dict) -> None:
    # The plain link is what most queries want; the Mention node keeps the count and the
    # words used (the evidence a reader checks). Character spans are left out: they only
    # mean something together with the model's text normalisation.
    post, actor = w.iri(post_id), w.iri(actor_id)
    w.add(post, SCHEMA.mentions, actor)
    mention = w.iri(mention_id(post_id, actor_id))
    w.add_types(mention, ARGKG.Mention)
    w.add(mention, ARGKG.inPost, post)
    w.add(mention, ARGKG.ofActor, actor)
    w.add(mention, ARGKG.occurrences, data.get("count"))
    for surface in data.get("surfaces") or ():
        w.add(mention, ARGKG.surfaceForm, surface)


_EDGE_WRITERS: dict[str, Callable[[_Writer, str, str, dict], None]] = {
    EdgeKind.IN_DISCUSSION: _link(SIOC.has_container),
    EdgeKind.REPLIES_TO: _link(SIOC.reply_of),
    EdgeKind.AUTHORED_BY: _link(SIOC.has_creator),
    EdgeKind.MENTIONS: _write_mention,
    EdgeKind.ACCOUNT_OF: _link(SIOC.account_of),
}


# --- serialization -----------------------------------------------------------------------


def serialize(rdf_graph: Graph, format: Choice["turtle", "json-ld"] = "turtle") -> bytes:
    """UTF-8 Turtle or JSON-LD, byte-identical for the same graph."""
    if format == "turtle":
        return _turtle(rdf_graph)
    if format == "json-ld":
        return _json_ld(rdf_graph)
    raise ValueError(f"unknown RDF format {format!r} (one of: {', '.join(SERIALIZATION_FORMATS)})")


TURTLE_ORDER = (SIOC.Thread, SIOC.Post, SIOC.UserAccount, ARGKG.Actor, ARGKG.Mention)
"""Turtle lists the thread first, then posts, accounts, actors and mentions."""


def _turtle(rdf_graph: Graph) -> bytes:
    # rdflib's Turtle writer sorts prefixes, predicates and objects, and the subjects of its
    # "top classes" by IRI; the remaining subjects it would order by reference count.
    serializer = TurtleSerializer(rdf_graph)
    serializer.topClasses = list(TURTLE_ORDER)
    out = io.BytesIO()
    serializer.serialize(out, encoding="utf-8")
    return out.getvalue()


def _json_ld(rdf_graph: Graph) -> bytes:
    # rdflib's JSON-LD writer follows the store's iteration order, so the document is put in
    # a canonical order here: nodes by @id, keys by name, and (unordered) values sorted.
    text = rdf_graph.serialize(format="json-ld", context=_json_ld_context(rdf_graph))
    document = json.loads(text)
    if "@graph" in document:
        document["@graph"] = sorted((_sorted_values(n) for n in document["@graph"]),
                                    key=lambda node: node["@id"])
    else:
        document = _sorted_values(document)
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _json_ld_context(rdf_graph: Graph) -> dict[str, str]:
    """The bound prefixes that compact a predicate, a class or a datatype of this graph."""
    vocabulary = (set(rdf_graph.predicates()) - {RDF.type}) | set(rdf_graph.objects(None, RDF.type))
    vocabulary |= {o.datatype for o in rdf_graph.objects() if isinstance(o, Literal) and o.datatype}
    return {
        prefix: str(namespace)
        for prefix, namespace in sorted(rdf_graph.namespaces())
        if any(term.startswith(namespace) for term in vocabulary)
    }


def _sorted_values(node: dict) -> dict:
    def canonical(value):
        if isinstance(value, list):
            return sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value
    return {key: canonical(value) for key, value in node.items()}
