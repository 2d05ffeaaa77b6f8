"""AIF JSON, the exchange format of OVA and AIFdb, from a build's RDF.

It reads the RDF that ontology/rdf.py writes (so `argkg export` works on any finished build,
whatever the model it came from) and maps:

    I-node   every aif:I-node unit (a claim or premise), and any unit a support or attack
             links, so that no scheme node hangs loose; text: the unit's words
    L-node   the locution of each I-node, "<author>: <words>", with a locution naming the
             post's author as participant
    YA-node  "Asserting": L-node -> YA -> I-node
    RA-node  "Default Inference" for each aif:RA-node: premise -> RA -> conclusion
    CA-node  "Default Conflict" for each aif:CA-node: attacker -> CA -> attacked
    TA-node  "Default Transition" from the locution a comment answers to the comment's first
             locution: the answered unit (argkg:respondsTo) if it is an I-node, else the
             central claim of the post the comment replies to (sioc:reply_of), else that
             post's first I-node

Node ids are numbers in reading order (threads by IRI, posts by position, units by
position), so the same build always gives the same file. Timestamps are the post's local
time in AIFdb's "YYYY-MM-DD HH:MM:SS"; nodes of a post without a time have none. AIF has no
place for stances, quotes, actors or acceptance: those stay in the RDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from argkg.ontology.namespaces import AIF, ARGKG, NIF, SIOC

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
ANONYMOUS = "anonymous"


class _Scheme(NamedTuple):
    rdf_class: URIRef
    aif_type: str
    text: str
    source: URIRef
    """The property from the scheme node to the unit that supports or attacks."""
    target: URIRef


SCHEMES = (
    _Scheme(AIF["RA-node"], "RA", "Default Inference", AIF.Premise, AIF.Conclusion),
    _Scheme(AIF["CA-node"], "CA", "Default Conflict", AIF.Conflicting, AIF.Conflicted),
)


def aif_json(rdf: Graph) -> bytes:
    """The AIF JSON document of an argkg RDF graph, as UTF-8 bytes."""
    return (json.dumps(to_aif(rdf), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_aif(rdf: Graph) -> dict[str, list[dict]]:
    """{"nodes", "edges", "locutions", "participants"} of an argkg RDF graph."""
    posts = _posts(rdf)
    writer = _AifWriter()
    locutions: dict[Node, str] = {}  # unit -> its L-node
    propositions: dict[Node, str] = {}  # unit -> its I-node
    times: dict[str, str | None] = {}  # I-node -> its post's time
    related = {unit for scheme in SCHEMES for unit in _scheme_ends(rdf, scheme)}
    for post in posts:
        for unit in post.units:
            if unit in related or (unit, RDF.type, AIF["I-node"]) in rdf:
                propositions[unit], locutions[unit] = writer.assertion(
                    _text(rdf, unit), post.author, post.time)
                times[propositions[unit]] = post.time
    for scheme in SCHEMES:
        _write_schemes(rdf, writer, scheme, propositions, times)
    by_iri = {post.iri: post for post in posts}
    for post in posts:
        _write_transition(writer, post, by_iri, locutions)
    return writer.document()


# --- reading the RDF ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Post:
    iri: Node
    author: str
    time: str | None
    units: tuple[Node, ...]
    reply_of: Node | None
    responds_to: Node | None
    central: Node | None


def _posts(rdf: Graph) -> list[_Post]:
    """Every post in reading order: by thread, then by position."""
    def order(post: Node) -> tuple[str, int, str]:
        return (str(rdf.value(post, SIOC.has_container) or ""),
                _number(rdf.value(post, ARGKG.position)), str(post))

    return [_post(rdf, iri) for iri in sorted(rdf.subjects(RDF.type, SIOC.Post), key=order)]


def _post(rdf: Graph, iri: Node) -> _Post:
    account = rdf.value(iri, SIOC.has_creator)
    author = rdf.value(account, SIOC.name) if account is not None else None
    units = sorted(rdf.objects(iri, ARGKG.hasUnit),
                   key=lambda unit: (_number(rdf.value(unit, ARGKG.position)), str(unit)))
    return _Post(iri=iri, author=str(author) if author else ANONYMOUS,
                 time=_timestamp(rdf.value(iri, DCTERMS.created)), units=tuple(units),
                 reply_of=rdf.value(iri, SIOC.reply_of),
                 responds_to=rdf.value(iri, ARGKG.respondsTo),
                 central=rdf.value(iri, ARGKG.centralClaim))


def _number(value: Node | None) -> int:
    number = value.toPython() if value is not None else None
    return number if isinstance(number, int) else -1


def _timestamp(value: Node | None) -> str | None:
    moment = value.toPython() if value is not None else None
    return moment.strftime(TIMESTAMP_FORMAT) if isinstance(moment, datetime) else None


def _text(rdf: Graph, unit: Node) -> str:
    return str(rdf.value(unit, NIF.anchorOf) or rdf.value(unit, AIF.claimText) or "")


def _scheme_ends(rdf: Graph, scheme: _Scheme) -> set[Node]:
    return {end for node in rdf.subjects(RDF.type, scheme.rdf_class)
            for end in (*rdf.objects(node, scheme.source), *rdf.objects(node, scheme.target))}


# --- writing AIF -------------------------------------------------------------------------


@dataclass
class _AifWriter:
    """Numbers nodes and edges in the order they are written; one participant per name."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    locutions: list[dict] = field(default_factory=list)
    participants: dict[str, dict] = field(default_factory=dict)

    def node(self, node_type: str, text: str, time: str | None) -> str:
        node_id = str(len(self.nodes) + 1)
        node = {"nodeID": node_id, "text": text, "type": node_type}
        if time is not None:
            node["timestamp"] = time
        self.nodes.append(node)
        return node_id

    def edge(self, from_id: str, to_id: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": from_id,
                           "toID": to_id})

    def assertion(self, text: str, author: str, time: str | None) -> tuple[str, str]:
        """An I-node, the L-node that says it and the YA between: (I-node, L-node)."""
        locution = self.node("L", f"{author}: {text}", time)
        illocution = self.node("YA", "Asserting", time)
        proposition = self.node("I", text, time)
        self.edge(locution, illocution)
        self.edge(illocution, proposition)
        entry = {"nodeID": locution, "personID": self.participant(author)}
        if time is not None:
            entry["timestamp"] = time
        self.locutions.append(entry)
        return proposition, locution

    def participant(self, name: str) -> str:
        if name not in self.participants:
            # OVA shows "firstname surname"; the last word as surname reads right for most
            # names, and the two always join back into the name.
            first, _, last = name.rpartition(" ")
            if not first:  # one word, as most user names
                first, last = last, ""
            self.participants[name] = {"participantID": str(len(self.participants) + 1),
                                       "firstname": first, "surname": last}
        return self.participants[name]["participantID"]

    def document(self) -> dict[str, list[dict]]:
        return {"nodes": self.nodes, "edges": self.edges, "locutions": self.locutions,
                "participants": list(self.participants.values())}


def _write_schemes(rdf: Graph, writer: _AifWriter, scheme: _Scheme,
                   propositions: dict[Node, str], times: dict[str, str | None]) -> None:
    """One RA- or CA-node per RDF scheme node, in the order of the I-nodes it links."""
    def ends(node: Node, prop: URIRef) -> list[int]:
        return sorted(int(propositions[u]) for u in rdf.objects(node, prop) if u in propositions)

    found = sorted((ends(node, scheme.source), ends(node, scheme.target))
                   for node in rdf.subjects(RDF.type, scheme.rdf_class))
    for sources, targets in found:
        if not sources or not targets:
            continue
        # A support or attack is the move of the post that makes it: it takes that post's time.
        scheme_id = writer.node(scheme.aif_type, scheme.text, times.get(str(sources[0])))
        for source in sources:
            writer.edge(str(source), scheme_id)
        for target in targets:
            writer.edge(scheme_id, str(target))


def _write_transition(writer: _AifWriter, post: _Post, posts: dict[Node, _Post],
                      locutions: dict[Node, str]) -> None:
    """A TA from the locution the post answers to its own first locution, where both exist."""
    replied = posts.get(post.reply_of)
    own = [locutions[u] for u in post.units if u in locutions]
    if replied is None or not own:
        return
    candidates = [post.responds_to, replied.central, *replied.units]
    answered = next((locutions[u] for u in candidates if u in locutions), None)
    if answered is None:
        return
    transition = writer.node("TA", "Default Transition", post.time)
    writer.edge(answered, transition)
    writer.edge(transition, own[0])
