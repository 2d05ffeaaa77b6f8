"""The record a view page keeps per node: what vis-network draws, plus what the details
panel, the search box and the filters read (facts, full text, author, time, source).

Debate text goes into these records as plain strings; the page turns them into JSON and its
script only ever shows them as text.
"""

from __future__ import annotations

from functools import cached_property

import networkx as nx

from argkg.graph.model import POST_KINDS, EdgeKind, NodeKind, edges_of_kind
from argkg.graph.style import attention_received, node_sizes
from argkg.graph.views.describe import epoch_ms, joined, node_facts, node_text, when


class ModelIndex:
    """Lookups every view needs, computed once per graph."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph

    @cached_property
    def attention(self):
        return attention_received(self.graph)

    @cached_property
    def sizes(self) -> dict[str, float]:
        return node_sizes(self.graph, self.attention)

    @cached_property
    def authored(self) -> dict[str, str]:
        """post -> the commenter account that wrote it."""
        return {post: account for post, account, _ in
                edges_of_kind(self.graph, EdgeKind.AUTHORED_BY)}

    def data(self, node: str) -> dict:
        return self.graph.nodes[node]

    def post_of(self, node: str) -> dict | None:
        """The post a post or unit belongs to."""
        data = self.data(node)
        if data["kind"] in POST_KINDS:
            return data
        post = data.get("post") if data["kind"] == NodeKind.UNIT else None
        return self.graph.nodes[post] if post in self.graph else None

    def source(self, node: str) -> str | None:
        """Where the node's text comes from, in words."""
        data = self.data(node)
        post = self.post_of(node)
        if post is None:
            return _SOURCES.get(data["kind"], lambda d: None)(data)
        debate = self.graph.nodes.get(post.get("discussion")) or {}
        origin = joined(debate.get("title"), debate.get("url") or debate.get("source"))
        if data["kind"] == NodeKind.UNIT and data.get("start") is not None:
            return joined(f"{post['label']}, characters {data['start']}–{data.get('end')}", origin)
        return origin


_SOURCES = {
    NodeKind.COMMENTER: lambda d: d.get("site") and f"account on {d['site']}",
    NodeKind.ACTOR: lambda d: (f"Wikidata {d['qid']}" if d.get("qid") else
                               "candidate, not in the gazetteer" if d.get("candidate") else None),
}


def base_record(index: ModelIndex, node: str) -> dict:
    """id, kind, facts, text, and author, time and source where the node has them."""
    data = index.data(node)
    record = {"id": node, "kind": data["kind"], "facts": node_facts(data, index.attention[node]),
              "text": node_text(data)}
    post = index.post_of(node)
    if post is not None:
        record["author"] = post.get("author")
        set_time(record, [post.get("published")])
    elif data["kind"] == NodeKind.COMMENTER:
        record["author"] = data.get("name") or data["label"]
    source = index.source(node)
    if source:
        record["source"] = source
    if data["kind"] == NodeKind.UNIT and source:
        # The source names the post and the characters; the facts' line with the post's id
        # says the same, less readably.
        post_id = str(data.get("post"))
        record["facts"] = [fact for fact in record["facts"] if not fact.startswith(post_id)]
    return record


def set_time(record: dict, moments) -> None:
    """`time` [earliest, latest] in ms for the filter and `when` for the panel, if known."""
    stamped = sorted(((stamp, moment) for moment in moments
                      if (stamp := epoch_ms(moment)) is not None), key=lambda pair: pair[0])
    if stamped:
        (first, earliest), (last, latest) = stamped[0], stamped[-1]
        record["time"] = [first, last]
        record["when"] = when(earliest) if first == last else f"{when(earliest)} – {when(latest)}"
