"""What a corpus view needs from one discussion, small enough to keep for every discussion:
its actors, who mentions them how often, and how each commenter stands toward the article.

Plain data in, plain data out (JSON), so summaries written by different workers and
machines merge by node id, the same ids the RDF uses.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

import networkx as nx

from argkg.graph.model import EdgeKind, NodeKind, edges_of_kind, nodes_of_kind


@dataclass
class DiscussionSummary:
    discussion: str
    title: str
    comments: int = 0
    actors: dict[str, dict] = field(default_factory=dict)
    """Actor node id -> {label, actor_type, qid, candidate, mentions}."""
    commenters: dict[str, str] = field(default_factory=dict)
    """Account node id -> name."""
    mentions: list[tuple[str, str, int]] = field(default_factory=list)
    """(account, actor, how often the account's posts name the actor)."""
    stances: list[tuple[str, str, int]] = field(default_factory=list)
    """(account, stance toward what it answers, how many comments)."""

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> DiscussionSummary:
        fields = json.loads(data)
        fields["mentions"] = [tuple(m) for m in fields["mentions"]]
        fields["stances"] = [tuple(s) for s in fields["stances"]]
        return cls(**fields)


def summarize(model: nx.MultiDiGraph) -> DiscussionSummary:
    """The summary of a model holding one discussion."""
    (discussion, data), = nodes_of_kind(model, NodeKind.DISCUSSION)
    summary = DiscussionSummary(discussion, data.get("title") or "")
    summary.comments = sum(1 for _ in nodes_of_kind(model, NodeKind.COMMENT))
    author = {post: account for post, account, _ in edges_of_kind(model, EdgeKind.AUTHORED_BY)}
    summary.commenters = {a: model.nodes[a]["label"] for a in sorted(set(author.values()))}
    counts: Counter = Counter()
    for post, actor, edge in edges_of_kind(model, EdgeKind.MENTIONS):
        node = model.nodes[actor]
        entry = summary.actors.setdefault(actor, {
            "label": node["label"], "actor_type": node.get("actor_type"),
            "qid": node.get("qid"), "candidate": bool(node.get("candidate")), "mentions": 0})
        entry["mentions"] += edge.get("count", 1)
        if post in author:
            counts[author[post], actor] += edge.get("count", 1)
    summary.mentions = sorted((a, b, n) for (a, b), n in counts.items())
    stances: Counter = Counter((author[c], e["stance"])
                               for c, _, e in edges_of_kind(model, EdgeKind.STANCE) if c in author)
    summary.stances = sorted((a, s, n) for (a, s), n in stances.items())
    return summary
