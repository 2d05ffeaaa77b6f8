"""The graph model as RDF: SIOC for the thread, schema.org for actors, AIF and NIF for arguments.

Each model node becomes the IRI base + node id. The mapping, node kind by node kind:

    discussion  sioc:Thread       dcterms:title, schema:inLanguage, sioc:link (the page)
    article     sioc:Post, schema:Article   dcterms:title, schema:abstract (teaser), sioc:content,
                                  dcterms:created, argkg:position 0
    comment     sioc:Post, schema:Comment   sioc:content, dcterms:created, argkg:position
    commenter   sioc:UserAccount  sioc:name
    actor       argkg:Actor + the classes of ACTOR_CLASSES   rdfs:label@de,
                                  schema:alternateName@de, owl:sameAs wd:Q.., argkg:candidate
    unit        argkg:Unit (+ aif:I-node with aif:claimText for a claim or premise)
                                  nif:anchorOf, nif:beginIndex, nif:endIndex (offsets into the
                                  post's sioc:content), argkg:role, argkg:position (the index),
                                  argkg:acceptance
    unseen_text argkg:UnseenText  nif:anchorOf, sioc:has_container thread

and edge kind by edge kind:

    in_discussion  post sioc:has_container thread
    replies_to     post sioc:reply_of post
    authored_by    post sioc:has_creator account
    mentions       post schema:mentions actor, and an argkg:Mention with the details
    account_of     account sioc:account_of actor
    has_unit       post argkg:hasUnit unit
    central_claim  post argkg:centralClaim unit
    supports       an aif:RA-node <source>/ra/<target tail>: aif:Premise source,
                   aif:Conclusion target, argkg:scope, argkg:cue
    attacks        an aif:CA-node <source>/ca/<target tail>: aif:Conflicting source,
                   aif:Conflicted target, argkg:scope, argkg:cue
    stance         comment argkg:supports | argkg:attacks | argkg:neutralTowards post,
                   and comment argkg:stanceCue for each cue
    answers        comment argkg:respondsTo unit
    quotes         unit argkg:quotes unit | unseen text, and quoting post argkg:quotes
                   quoted post when the quoted unit is another post's
    attributed_to  unit argkg:attributedTo actor, and unit argkg:attributionCue cue

A discussion is a sioc:Thread, not a sioc:Forum: in SIOC a forum is a standing discussion
area holding many threads (a site's comment section), while one article with its comments
is one threaded conversation.

Support and attack become AIF scheme nodes, not plain triples, because AIF puts a relation
between two claims into a node of its own; scope and cue describe that node. Stances link
posts with argkg properties (sub-properties of SIOC's argumentation module), since a comment
takes a stance towards a whole post. The quotation offsets and scores of `quotes` edges and
the character spans of `attributed_to` edges stay in the model: like mention spans, they
only mean something together with the model's text.

As a dataset (TriG, N-Quads), each discussion's triples sit in a named graph of their own,
<base>graph/<discussion key>: the thread, its posts, units and scheme nodes, and the accounts
and actors they link to (so an actor named in two discussions is described in both graphs).
The default graph is left to statements about the named graphs (see ontology/provenance.py).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Literal as Choice
from urllib.parse import quote, urlsplit

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD, NamespaceManager
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer

from argkg.errors import ArgkgError
from argkg.graph.model import EdgeKind, NodeKind
from argkg.ontology.namespaces import (
    AIF,
    ARGKG,
    DEFAULT_BASE,
    NIF,
    SCHEMA,
    SIOC,
    WD,
    bind_all,
    new_rdf_graph,
)

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

ARGUMENTATIVE_ROLES = frozenset({"claim", "premise"})
"""Unit roles that make an AIF I-node: a proposition the argument uses. Role "none" (a
greeting, a joke) is a unit of the text but no part of an argument."""

STANCE_PROPERTIES = {
    "support": ARGKG.supports,
    "attack": ARGKG.attacks,
    "neutral": ARGKG.neutralTowards,
}
"""Model stance -> the property from the comment to the post it replies to."""

SERIALIZATION_FORMATS = ("turtle", "json-ld")

# An absolute IRI (RFC 3987) as far as characters go: a scheme, then no spaces, controls or
# the characters IRIs exclude, and '%' only as a percent-escape. rdflib's own check misses
# controls and stray '%', and rdflib accepts bad IRIs until serialize() fails on them.
_IRI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f%]|%[0-9A-Fa-f]{2})+"
)
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


# What may follow a checked base: the characters of an IRI's path, query and fragment.
_IRI_TAIL = re.compile(r"(?:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f%\[\]]|%[0-9A-Fa-f]{2})*")


def is_valid_iri(iri: str) -> bool:
    """Absolute, well-formed characters, at most one '#', a host for http(s) IRIs, and
    accepted by a strict IRI parser (oxigraph's: "http://a:b/" has no valid port)."""
    if not _IRI.fullmatch(iri) or iri.count("#") > 1:
        return False
    try:
        parts = urlsplit(iri)
        ox.NamedNode(iri)
    except ValueError:  # "http://[" and other broken authorities
        return False
    return parts.scheme.lower() not in ("http", "https") or bool(parts.hostname)


def check_base(base: str) -> None:
    """A base must be a valid IRI ending in '/' or '#', so that base + node id reads right."""
    if not is_valid_iri(base) or "#" in base[:-1] or not base.endswith(("/", "#")):
        raise ArgkgError(f"not a usable base IRI (absolute, ending in '/' or '#'): {base!r}")


def to_rdf(model: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of a graph model: no blank nodes, every IRI checked."""
    check_base(base)
    writer = _Writer(new_rdf_graph(base), base, model)
    for node_id, data in model.nodes(data=True):
        _NODE_WRITERS[data["kind"]](writer, node_id, data)
    for source, target, data in model.edges(data=True):
        _EDGE_WRITERS[data["kind"]](writer, source, target, data)
    return writer.rdf


class _Writer:
    """Adds triples to one RDF graph, minting node IRIs under one base."""

    terms: tuple[type, ...] = (URIRef, Literal)
    """What `add` takes as a finished term; anything else becomes a literal."""

    def __init__(self, rdf: Graph, base: str, model: nx.MultiDiGraph):
        self.rdf = rdf
        self.base = base  # checked by the caller (check_base)
        # Some edges need their ends' attributes (which post a quoted unit belongs to).
        self.model = model
        self._iris: dict[str, URIRef] = {}  # nodes recur in many edges; check each once

    def iri(self, node_id: str) -> URIRef:
        known = self._iris.get(node_id)
        if known is None:
            # The base is a valid IRI with its host: what follows it only needs valid
            # characters (urlsplit on every IRI was a tenth of the writing time).
            if not _IRI_TAIL.fullmatch(node_id) or (
                    "#" in node_id and (self.base + node_id).count("#") > 1):
                raise ValueError(f"not a valid IRI: {self.base + node_id!r}")
            known = self._iris[node_id] = URIRef(self.base + node_id)
        return known

    def literal(self, value: str | int | bool | datetime, language: str | None = None):
        return to_literal(value, language)

    def offset(self, offset: int):
        return offset_literal(offset)

    def add(self, subject: URIRef, predicate: URIRef, value) -> None:
        """Add one triple; None and empty strings mean "not known" and add nothing."""
        if value is None or value == "":
            return
        self.rdf.add((subject, predicate, value if isinstance(value, self.terms)
                      else self.literal(value)))

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


def offset_literal(offset: int) -> Literal:
    """A character offset as NIF types it."""
    return Literal(str(offset), datatype=XSD.nonNegativeInteger)


def page_iri(url: str | None) -> URIRef | None:
    """The page a discussion came from, escaped where needed; None if it is no usable IRI."""
    if not url:
        return None
    escaped = quote(url.strip(), safe=_URL_SAFE)
    # Web pages only: a javascript: or data: "page" would become a link in query tools.
    if not escaped.lower().startswith(("http://", "https://")):
        return None
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
    # An empty post still has content (the empty string): SHACL and readers expect one.
    w.rdf.add((post, SIOC.content, w.literal(data.get("text") or "")))
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
    w.add(actor, RDFS.label, w.literal(data["label"], ACTOR_LANGUAGE))
    for alias in data.get("aliases") or ():
        if alias != data["label"]:
            w.add(actor, SCHEMA.alternateName, w.literal(alias, ACTOR_LANGUAGE))
    if data.get("qid"):
        w.add(actor, OWL.sameAs, checked_iri(WD[data["qid"]]))
    if data.get("candidate"):
        w.add(actor, ARGKG.candidate, True)


def _write_unit(w: _Writer, node_id: str, data: dict) -> None:
    unit = w.iri(node_id)
    w.add_types(unit, ARGKG.Unit)
    if data.get("role") in ARGUMENTATIVE_ROLES:
        w.add_types(unit, AIF["I-node"])
        w.add(unit, AIF.claimText, data.get("text"))
    w.add(unit, NIF.anchorOf, data.get("text"))
    if data.get("start") is not None and data.get("end") is not None:
        w.add(unit, NIF.beginIndex, w.offset(data["start"]))
        w.add(unit, NIF.endIndex, w.offset(data["end"]))
    w.add(unit, ARGKG.role, data.get("role"))
    w.add(unit, ARGKG.position, data.get("index"))
    w.add(unit, ARGKG.acceptance, data.get("acceptance"))


def _write_unseen_text(w: _Writer, node_id: str, data: dict) -> None:
    unseen = w.iri(node_id)
    w.add_types(unseen, ARGKG.UnseenText)
    w.add(unseen, NIF.anchorOf, data.get("text"))
    if data.get("discussion"):
        w.add(unseen, SIOC.has_container, w.iri(data["discussion"]))


_NODE_WRITERS: dict[str, Callable[[_Writer, str, dict], None]] = {
    NodeKind.DISCUSSION: _write_discussion,
    NodeKind.ARTICLE: _write_article,
    NodeKind.COMMENT: _write_comment,
    NodeKind.COMMENTER: _write_commenter,
    NodeKind.ACTOR: _write_actor,
    NodeKind.UNIT: _write_unit,
    NodeKind.UNSEEN_TEXT: _write_unseen_text,
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


def scheme_node_id(source_unit: str, target_unit: str, scheme: str) -> str:
    """`post/d/c2/u0` + `post/d/c1/u0` + "ra" -> `post/d/c2/u0/ra/c1-u0`.

    One node per pair of units and scheme. The target is named relative to the source's
    discussion; unit ids end in `/u<index>`, so the dashed tail still names one unit.
    """
    discussion_posts = source_unit.rsplit("/", 2)[0] + "/"
    if target_unit.startswith(discussion_posts):
        tail = target_unit.removeprefix(discussion_posts)
    else:
        tail = target_unit.removeprefix("post/")
    return f"{source_unit}/{scheme}/{tail.replace('/', '-')}"


def _scheme_node(scheme: str, node_class: URIRef, from_source: URIRef, to_target: URIRef
                 ) -> Callable[[_Writer, str, str, dict], None]:
    """An edge writer for support or attack: an AIF scheme node between the two units."""
    def write(w: _Writer, source: str, target: str, data: dict) -> None:
        node = w.iri(scheme_node_id(source, target, scheme))
        w.add_types(node, node_class)
        w.add(node, from_source, w.iri(source))
        w.add(node, to_target, w.iri(target))
        w.add(node, ARGKG.scope, data.get("scope"))
        w.add(node, ARGKG.cue, data.get("cue"))
    return write


def _write_stance(w: _Writer, comment_id: str, post_id: str, data: dict) -> None:
    # A stance outside the table (a newer model) is left out rather than guessed.
    predicate = STANCE_PROPERTIES.get(data.get("stance"))
    if predicate is None:
        return
    comment = w.iri(comment_id)
    w.add(comment, predicate, w.iri(post_id))
    for cue in data.get("cues") or ():
        w.add(comment, ARGKG.stanceCue, cue)


def _write_quote(w: _Writer, unit_id: str, quoted_id: str, data: dict) -> None:
    w.add(w.iri(unit_id), ARGKG.quotes, w.iri(quoted_id))
    # Post to post as well, so "who quotes whom" needs no detour through units.
    quoting_post = w.model.nodes[unit_id].get("post")
    quoted_post = w.model.nodes[quoted_id].get("post")  # None for an unseen text
    if quoting_post and quoted_post and quoting_post != quoted_post:
        w.add(w.iri(quoting_post), ARGKG.quotes, w.iri(quoted_post))


def _write_attribution(w: _Writer, unit_id: str, actor_id: str, data: dict) -> None:
    unit = w.iri(unit_id)
    w.add(unit, ARGKG.attributedTo, w.iri(actor_id))
    w.add(unit, ARGKG.attributionCue, data.get("cue"))


_EDGE_WRITERS: dict[str, Callable[[_Writer, str, str, dict], None]] = {
    EdgeKind.IN_DISCUSSION: _link(SIOC.has_container),
    EdgeKind.REPLIES_TO: _link(SIOC.reply_of),
    EdgeKind.AUTHORED_BY: _link(SIOC.has_creator),
    EdgeKind.MENTIONS: _write_mention,
    EdgeKind.ACCOUNT_OF: _link(SIOC.account_of),
    EdgeKind.HAS_UNIT: _link(ARGKG.hasUnit),
    EdgeKind.CENTRAL_CLAIM: _link(ARGKG.centralClaim),
    EdgeKind.SUPPORTS: _scheme_node("ra", AIF["RA-node"], AIF.Premise, AIF.Conclusion),
    EdgeKind.ATTACKS: _scheme_node("ca", AIF["CA-node"], AIF.Conflicting, AIF.Conflicted),
    EdgeKind.STANCE: _write_stance,
    EdgeKind.ANSWERS: _link(ARGKG.respondsTo),
    EdgeKind.QUOTES: _write_quote,
    EdgeKind.ATTRIBUTED_TO: _write_attribution,
}


# --- datasets: one named graph per discussion ---------------------------------------------


def graph_iri(discussion_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """`discussion/<key>` -> <base>graph/<key>: the named graph that holds the discussion."""
    return checked_iri(base + "graph/" + discussion_id.removeprefix("discussion/"))


def to_dataset(model: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The RDF of a graph model with each discussion in a named graph of its own. The default
    graph stays empty: it is where statements about the named graphs go."""
    check_base(base)
    dataset = Dataset()
    # Exactly argkg's prefixes, as in new_rdf_graph: not rdflib's ~30 defaults.
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    bind_all(dataset, base)
    for discussion_id, part in discussion_parts(model):
        named = dataset.graph(graph_iri(discussion_id, base))
        named += to_rdf(part, base)
    return dataset


def discussion_parts(model: nx.MultiDiGraph) -> Iterator[tuple[str, nx.MultiDiGraph]]:
    """(discussion id, the part of the model its named graph shows) for every discussion.

    A part holds what belongs to the discussion (the discussion, its posts, units and
    unseen texts), the accounts and actors these link to, the actors behind those accounts,
    and every edge among them; nodes and edges in the model's order.
    """
    own: dict[str, set[str]] = {}
    for node, data in model.nodes(data=True):
        key = node if data["kind"] == NodeKind.DISCUSSION else data.get("discussion")
        if key:
            own.setdefault(key, set()).add(node)
    order = {node: index for index, node in enumerate(model)}
    for discussion_id, members in own.items():
        linked = {target for node in members for target in model.successors(node)} - members
        behind = {target for node in linked for target in model.successors(node)}
        yield discussion_id, _part(model, members | linked | behind, order)


def _part(model: nx.MultiDiGraph, nodes: set[str], order: dict[str, int]) -> nx.MultiDiGraph:
    part = nx.MultiDiGraph(**model.graph)
    ordered = sorted(nodes, key=order.__getitem__)
    for node in ordered:
        part.add_node(node, **model.nodes[node])
    for node in ordered:
        for _, target, key, data in model.out_edges(node, keys=True, data=True):
            if target in nodes:
                part.add_edge(node, target, key=key, **data)
    return part


# --- serialization -----------------------------------------------------------------------


def serialize(rdf_graph: Graph, format: Choice["turtle", "json-ld"] = "turtle") -> bytes:
    """UTF-8 Turtle or JSON-LD, byte-identical for the same graph."""
    if format == "turtle":
        return _turtle(rdf_graph)
    if format == "json-ld":
        return _json_ld(rdf_graph)
    raise ValueError(f"unknown RDF format {format!r} (one of: {', '.join(SERIALIZATION_FORMATS)})")


TURTLE_ORDER = (SIOC.Thread, SIOC.Post, ARGKG.Unit, AIF["RA-node"], AIF["CA-node"],
                ARGKG.UnseenText, SIOC.UserAccount, ARGKG.Actor, ARGKG.Mention)
"""Turtle lists the thread first, then posts, their units, the supports and attacks between
units, quoted texts from elsewhere, accounts, actors and mentions. Every subject has exactly
one of these classes: rdflib would write a subject with two of them twice."""


class _BoundPrefixesOnly:
    """rdflib's prefixed names, asked only about IRIs that may have one. rdflib files the
    namespace of every IRI it is asked about in a trie that it then scans linearly: a post's
    IRI is a namespace of its own, so writing took time quadratic in the number of posts
    (1,500 comments: two minutes). An IRI has a prefixed name only where a bound namespace
    leaves a local name without '/' or '#'; rdflib makes up prefixes only for predicates
    (gen_prefix), which are asked as before. So the output is the same."""

    _bound: tuple[str, ...] | None = None

    def get_pname(self, uri, gen_prefix: bool = True):
        if not gen_prefix and isinstance(uri, URIRef) and not self._may_have_pname(str(uri)):
            return None
        return super().get_pname(uri, gen_prefix)

    def _may_have_pname(self, iri: str) -> bool:
        if self._bound is None:
            self._bound = tuple(str(ns) for _, ns in self.store.namespaces())
        return any(iri.startswith(ns) and "/" not in iri[len(ns):] and "#" not in iri[len(ns):]
                   for ns in self._bound)


class _TurtleWriter(_BoundPrefixesOnly, TurtleSerializer):
    pass


class _TrigWriter(_BoundPrefixesOnly, TrigSerializer):
    pass


def _turtle(rdf_graph: Graph) -> bytes:
    # rdflib's Turtle writer sorts prefixes, predicates and objects, and the subjects of its
    # "top classes" by IRI; the remaining subjects it would order by reference count.
    serializer = _TurtleWriter(rdf_graph)
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


DATASET_FORMATS = ("trig", "nquads")

DATASET_ORDER = (PROV.Activity, PROV.SoftwareAgent, PROV.Collection, PROV.Entity,
                 *TURTLE_ORDER)
"""TriG lists, in the default graph, the build activity, the software, the collections and
entities it used or made; in each named graph, the order of TURTLE_ORDER. Every subject
again has exactly one of these classes."""


def serialize_dataset(dataset: Dataset, format: Choice["trig", "nquads"] = "trig") -> bytes:
    """UTF-8 TriG or N-Quads, byte-identical for the same dataset."""
    writer = {"trig": _trig, "nquads": _nquads}.get(format)
    if writer is None:
        raise ValueError(f"unknown dataset format {format!r} (one of: "
                         f"{', '.join(DATASET_FORMATS)})")
    return writer(dataset)


def _trig(dataset: Dataset) -> bytes:
    # Within a graph rdflib's TriG writer orders like its Turtle writer (see _turtle); the
    # graphs it writes in the store's order, so they are put in order here: the default
    # graph first, then the named graphs by IRI.
    serializer = _TrigWriter(dataset)
    serializer.topClasses = list(DATASET_ORDER)
    default = dataset.default_graph.identifier
    serializer.contexts.sort(key=lambda graph: (graph.identifier != default,
                                                str(graph.identifier)))
    out = io.BytesIO()
    serializer.serialize(out, encoding="utf-8")
    return out.getvalue()


def _nquads(dataset: Dataset) -> bytes:
    # One statement a line, so sorting the lines gives a canonical order (code point order
    # is UTF-8 byte order, as `LC_ALL=C sort` has it). rdflib leaves two spaces where a
    # default-graph statement has no graph name; one is enough.
    # split("\n"), not splitlines(): rdflib leaves \x0b, \x85, U+2028 ... raw in literals.
    lines = dataset.serialize(format="nquads").split("\n")
    quads = sorted(line[:-3] + " ." if line.endswith("  .") else line
                   for line in lines if line)
    return ("\n".join(quads) + "\n").encode("utf-8")


def discussion_nquads(model: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> list[str]:
    """The N-Quads lines of a model that holds one discussion, in that discussion's named
    graph, sorted: what a corpus build writes per discussion and loads in bulk. Written
    straight to lines, with no rdflib graph in between (several times faster)."""
    discussions = [n for n, d in model.nodes(data=True) if d["kind"] == NodeKind.DISCUSSION]
    if len(discussions) != 1:
        raise ValueError(f"expected one discussion, found {len(discussions)}")
    check_base(base)
    sink = _NQuadsSink(f"<{graph_iri(discussions[0], base)}>")
    writer = _NQuadsWriter(sink, base, model)
    for node_id, data in model.nodes(data=True):
        _NODE_WRITERS[data["kind"]](writer, node_id, data)
    for source, target, data in model.edges(data=True):
        _EDGE_WRITERS[data["kind"]](writer, source, target, data)
    return sorted(sink.lines)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _Rendered(str):
    """A literal already written as N-Quads text."""


class _NQuadsWriter(_Writer):
    """Writes literals straight as N-Quads text: making an rdflib Literal for each was the
    larger part of the writing time. The text is what rdflib's N-Quads writer gives."""

    terms = (URIRef, _Rendered)

    def literal(self, value: str | int | bool | datetime, language: str | None = None):
        if isinstance(value, bool):
            return _Rendered(f'"{"true" if value else "false"}"^^<{XSD.boolean}>')
        if isinstance(value, int):
            return _Rendered(f'"{value}"^^<{XSD.integer}>')
        if isinstance(value, datetime):
            return _Rendered(f'"{value.isoformat()}"^^<{XSD.dateTime}>')
        text = f'"{str(value).translate(_ESCAPES)}"'
        return _Rendered(f"{text}@{language}" if language else text)

    def offset(self, offset: int):
        return _Rendered(f'"{offset}"^^<{XSD.nonNegativeInteger}>')


class _NQuadsSink:
    """Takes triples as an rdflib graph would and keeps them as N-Quads lines (a set, as a
    graph is)."""

    def __init__(self, graph: str):
        self.graph = graph
        self.lines: set[str] = set()

    def add(self, triple) -> None:
        subject, predicate, value = triple
        self.lines.add(f"<{subject}> <{predicate}> {self._term(value)} {self.graph} .\n")

    def _term(self, value) -> str:
        # Literals come rendered by _NQuadsWriter; everything else is an IRI.
        return value if isinstance(value, _Rendered) else f"<{value}>"
