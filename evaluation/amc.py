"""A microtext's argument graph (Argumentative Microtext Corpus XML) as a gold `Reading`.

The microtext is the article (post 0, as extract/read_amc.py builds it); its ADUs are the
gold units, each with the text of its EDUs. Relations between ADUs become support or
attack between units:

    sup, exa   support from src to trg
    reb        attack on trg
    und        an undercut attacks an edge, the inference from a premise; a unit graph has
               no edges to attack, so it counts as an attack on that premise (the edge's src)
    add        src joins trg as a linked premise, so src stands in trg's relation to trg's
               target (joint support, or joint attack); where trg has none, src supports trg

The central claim is the root: the one ADU with no outgoing relation of any type (an ADU
with only an `add` edge is a premise, not a root). A graph with no root or several is an
error.
"""

from __future__ import annotations

from argkg.errors import InputError
from argkg.evaluation.reading import Post, Reading, Relation, Unit
from argkg.extract.read_amc import SEGMENTATION, UNDERCUT, ArgGraph, Edge, parse_arggraph

SUPPORT_TYPES = ("sup", "exa")
REBUT = "reb"
ADD = "add"


def read_gold_amc(text: str, source: str) -> Reading:
    return gold_from_arggraph(parse_arggraph(text, source), source)


def gold_from_arggraph(graph: ArgGraph, source: str) -> Reading:
    index = {adu: n for n, adu in enumerate(graph.adus)}
    root = root_adu(graph, source)
    units = tuple(Unit(index[adu], adu_text(graph, adu, source),
                       role="claim" if adu == root else "premise")
                  for adu in graph.adus)
    relations = tuple(Relation(kind, (0, index[src]), (0, index[trg]))
                      for kind, src, trg in adu_relations(graph))
    article = Post(position=0, units=units, central=units[index[root]].text)
    return Reading(posts=(article,), relations=relations, comments_annotated=False)


def adu_text(graph: ArgGraph, adu: str, source: str) -> str:
    """The texts of the EDUs that make up the ADU, in document order."""
    edus = {e.src for e in graph.edges if e.type == SEGMENTATION and e.trg == adu}
    if not edus:
        raise InputError("no EDU is segmented into this ADU", path=source,
                         place=f"<adu id={adu!r}>")
    return " ".join(text for edu, text in graph.edus.items() if edu in edus)


def root_adu(graph: ArgGraph, source: str) -> str:
    with_outgoing = {e.src for e in graph.edges if e.type != SEGMENTATION}
    roots = [adu for adu in graph.adus if adu not in with_outgoing]
    if len(roots) != 1:
        raise InputError(f"expected one root ADU (the central claim), found {len(roots)}"
                         + (f": {', '.join(roots)}" if roots else ""), path=source)
    return roots[0]


def adu_relations(graph: ArgGraph) -> list[tuple[str, str, str]]:
    """(kind, source ADU, target ADU) for every relation edge, in document order."""
    return [_resolve(graph, edge) for edge in graph.edges if edge.type != SEGMENTATION]


def _resolve(graph: ArgGraph, edge: Edge,
             seen: frozenset[str] = frozenset()) -> tuple[str, str, str]:
    if edge.type in SUPPORT_TYPES:
        return "support", edge.src, edge.trg
    if edge.type == REBUT:
        return "attack", edge.src, edge.trg
    if edge.type == UNDERCUT:
        return "attack", edge.src, graph.edge(edge.trg).src
    # ADD: take the partner's own relation (a cycle of adds ends in plain support).
    partner = next((e for e in graph.edges
                    if e.src == edge.trg and e.type != SEGMENTATION and e.id not in seen), None)
    if partner is None:
        return "support", edge.src, edge.trg
    kind, _, target = _resolve(graph, partner, seen | {edge.id})
    return kind, edge.src, target
