"""Argument graphs of the Argumentative Microtext Corpus (Peldszus & Stede), as XML:

    <arggraph id="micro_x" topic_id="..." stance="pro">
      <edu id="e1"><![CDATA[Text of the first segment.]]></edu>
      <adu id="a1" type="pro"/>
      <edge id="c1" src="e1" trg="a1" type="seg"/>     EDU -> the ADU it realises
      <edge id="c2" src="a2" trg="a1" type="sup"/>     ADU -> ADU: sup, exa, add, reb
      <edge id="c3" src="a3" trg="c2" type="und"/>     ADU -> edge: an undercut
    </arggraph>

`parse_arggraph` checks the structure and returns it as plain data (the evaluation reads
its gold from it); `read_amc` turns the text into a `Discussion` so that a microtext can
be built like any other input: one article, no comments.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from argkg.discussion import Article, Discussion
from argkg.errors import InputError
from argkg.extract.validate import check_post_lengths
from argkg.graph.ids import slug

SEGMENTATION = "seg"
ADU_RELATIONS = ("sup", "exa", "add", "reb")
"""Edge types that lead from one ADU to another."""
UNDERCUT = "und"
"""The edge type that leads from an ADU to another edge."""
EDGE_TYPES = (SEGMENTATION, *ADU_RELATIONS, UNDERCUT)


@dataclass(frozen=True)
class Edge:
    id: str
    src: str
    trg: str
    type: str


@dataclass(frozen=True)
class ArgGraph:
    id: str
    edus: dict[str, str]
    """EDU id -> its text, in document order."""
    adus: dict[str, str]
    """ADU id -> its type ("pro" or "opp"), in document order."""
    edges: tuple[Edge, ...]
    topic_id: str | None = None
    stance: str | None = None

    def edge(self, edge_id: str) -> Edge:
        return next(e for e in self.edges if e.id == edge_id)


def read_amc(text: str, source: str) -> Discussion:
    """A microtext as a discussion: the EDUs, joined with single spaces, are the article."""
    graph = parse_arggraph(text, source)
    article = Article(title=graph.id, text=" ".join(graph.edus.values()))
    check_post_lengths(article.text, (), source)
    return Discussion(id=slug(graph.id), article=article, source=source)


def parse_arggraph(text: str, source: str) -> ArgGraph:
    root = _parse_xml(text, source)
    if _local_name(root.tag) != "arggraph":
        raise InputError(f"expected an <arggraph> root element, found <{root.tag}>",
                         path=source)
    graph_id = _attribute(root, "id", source, "<arggraph>")
    edus = _edus(root, source)
    adus = _adus(root, source)
    edges = _edges(root, source)
    _check_unique([*edus, *adus, *(e.id for e in edges)], source)
    graph = ArgGraph(graph_id, edus, adus, edges, root.get("topic_id"), root.get("stance"))
    for edge in edges:
        _check_ends(graph, edge, source)
    return graph


def _parse_xml(text: str, source: str) -> ET.Element:
    try:
        return ET.fromstring(text)
    except UnicodeEncodeError as error:  # a lone surrogate: only a caller's str can hold one
        raise InputError(f"not valid text: {error.reason} (character {error.start})",
                         path=source)
    except ET.ParseError as error:
        line, column = error.position
        # The parser's message repeats the position; keep only what went wrong.
        problem = str(error).split(":", 1)[0]
        raise InputError(f"not valid XML: {problem}", path=source,
                         place=f"line {line} column {column + 1}")


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(root: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in root if _local_name(child.tag) == name]


def _attribute(element: ET.Element, name: str, source: str, place: str) -> str:
    value = (element.get(name) or "").strip()
    if not value:
        raise InputError(f"missing attribute {name!r}", path=source, place=place)
    return value


def _edus(root: ET.Element, source: str) -> dict[str, str]:
    edus = {}
    for number, element in enumerate(_children(root, "edu"), start=1):
        edu_id = _attribute(element, "id", source, f"<edu> number {number}")
        # CDATA sections are often pretty-printed over several lines: one space per gap.
        text = " ".join("".join(element.itertext()).split())
        if not text:
            raise InputError("the EDU has no text", path=source, place=f"<edu id={edu_id!r}>")
        edus[edu_id] = text
    if not edus:
        raise InputError("the argument graph has no <edu> elements", path=source)
    return edus


def _adus(root: ET.Element, source: str) -> dict[str, str]:
    return {_attribute(element, "id", source, f"<adu> number {number}"): element.get("type", "")
            for number, element in enumerate(_children(root, "adu"), start=1)}


def _edges(root: ET.Element, source: str) -> tuple[Edge, ...]:
    edges = []
    for number, element in enumerate(_children(root, "edge"), start=1):
        edge_id = _attribute(element, "id", source, f"<edge> number {number}")
        place = f"<edge id={edge_id!r}>"
        edge = Edge(edge_id, _attribute(element, "src", source, place),
                    _attribute(element, "trg", source, place),
                    _attribute(element, "type", source, place))
        if edge.type not in EDGE_TYPES:
            raise InputError(f"unknown edge type {edge.type!r} (one of: {', '.join(EDGE_TYPES)})",
                             path=source, place=place)
        edges.append(edge)
    return tuple(edges)


def _check_unique(ids: list[str], source: str) -> None:
    seen = set()
    for element_id in ids:
        if element_id in seen:
            raise InputError(f"the id {element_id!r} is used twice", path=source)
        seen.add(element_id)


def _check_ends(graph: ArgGraph, edge: Edge, source: str) -> None:
    """Each edge type joins particular kinds of element: say which end is wrong."""
    edge_ids = {e.id for e in graph.edges}
    if edge.type == SEGMENTATION:
        expected = (graph.edus, "an EDU"), (graph.adus, "an ADU")
    elif edge.type == UNDERCUT:
        expected = (graph.adus, "an ADU"), (edge_ids, "an edge")
    else:
        expected = (graph.adus, "an ADU"), (graph.adus, "an ADU")
    for end, (known, kind) in zip((edge.src, edge.trg), expected, strict=True):
        if end not in known:
            raise InputError(f"a {edge.type!r} edge needs {kind} here, but {end!r} is not one",
                             path=source, place=f"<edge id={edge.id!r}>")
