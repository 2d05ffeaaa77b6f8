"""The reply structure of the model: which post answers which, and with what stance.

Shared by the thread view (posts) and the argument view (units grouped by post, the posts
laid out as their thread).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from argkg.graph.model import POST_KINDS, EdgeKind, NodeKind, edges_of_kind


@dataclass(frozen=True)
class Stance:
    stance: str  # "support" | "attack" | "neutral"
    target: str  # the post the comment replies to
    cues: tuple[str, ...] = ()


@dataclass
class Forest:
    """Posts as reply trees: every article is a root, every comment hangs under the post it
    replies to. A comment whose target is missing hangs under its debate's article."""

    roots: list[str]
    children: dict[str, list[str]]
    parent: dict[str, str]

    def nodes(self) -> list[str]:
        return self.roots + [node for node in self.parent]

    def subtree_sizes(self) -> dict[str, int]:
        """How many posts each post's subtree holds, itself included."""
        sizes = dict.fromkeys(self.nodes(), 1)
        for node in reversed(_topdown(self)):
            if node in self.parent:
                sizes[self.parent[node]] += sizes[node]
        return sizes

    def keep(self, kept: Iterable[str]) -> Forest:
        """Only the kept posts: each hangs under its nearest kept ancestor (roots stay)."""
        kept = set(kept) | set(self.roots)
        parent = {}
        for node in _topdown(self):
            if node in kept and node in self.parent:
                above = self.parent[node]
                while above not in kept:
                    above = self.parent[above]
                parent[node] = above
        return _forest(self.roots, parent)


def _topdown(forest: Forest) -> list[str]:
    order, stack = [], list(reversed(forest.roots))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(forest.children.get(node, ())))
    return order


def _forest(roots: list[str], parent: dict[str, str]) -> Forest:
    children: dict[str, list[str]] = {}
    for child, above in parent.items():
        children.setdefault(above, []).append(child)
    return Forest(roots=roots, children=children, parent=parent)


def reply_forest(graph: nx.MultiDiGraph) -> Forest:
    posts = [(n, d) for n, d in graph.nodes(data=True) if d["kind"] in POST_KINDS]
    articles = {d.get("discussion"): n for n, d in posts if d["kind"] == NodeKind.ARTICLE}
    is_post = {n for n, _ in posts}
    replies = {u: v for u, v, _ in edges_of_kind(graph, EdgeKind.REPLIES_TO)
               if u != v and v in is_post}
    parent = {}
    for node, data in posts:
        if data["kind"] == NodeKind.COMMENT:
            target = replies.get(node) or articles.get(data.get("discussion"))
            if target is not None:
                parent[node] = target
    parent = _without_cycles(parent)
    # A comment with nothing to hang under is a tree of its own.
    roots = [n for n, d in posts if d["kind"] == NodeKind.ARTICLE or n not in parent]
    return _forest(roots, parent)


def _without_cycles(parent: dict[str, str]) -> dict[str, str]:
    """Reply chains end at an article; a malformed input could loop. A loop's first post
    reached (in input order) loses its parent and becomes a root."""
    clean = dict(parent)
    for start in parent:
        seen, node = set(), start
        while node in clean and node not in seen:
            seen.add(node)
            node = clean[node]
        if node in seen:
            del clean[node]
    return clean


def stances(graph: nx.MultiDiGraph) -> dict[str, Stance]:
    """Each comment's stance toward the post it replies to (the first, should there be two)."""
    found: dict[str, Stance] = {}
    for post, target, data in edges_of_kind(graph, EdgeKind.STANCE):
        found.setdefault(post, Stance(data.get("stance") or "neutral", target,
                                      tuple(data.get("cues") or ())))
    return found
