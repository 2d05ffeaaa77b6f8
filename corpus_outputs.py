"""A corpus build's outputs, from its shards: graph.nq (every discussion in its named graph),
the pyoxigraph store, and the actor network over all discussions (HTML, GEXF, GraphML).

The actor network aggregates: actors and commenters merge by node id across discussions,
edges add up, and above `MAX_ACTORS` / `MAX_COMMENTERS` only the most active are drawn
(the page says so). Everything is written to temporary names and renamed into place.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node, new_graph
from argkg.graph.summary import DiscussionSummary
from argkg.ontology.store import STORE_NAME, write_union_store

MAX_ACTORS = 300
MAX_COMMENTERS = 700


def write_corpus_outputs(shard_dir: Path, output_dir: Path) -> list[Path]:
    from argkg.corpus import read_summaries
    from argkg.graph.gephi import gexf_bytes, graphml_bytes
    from argkg.graph.html import render_html
    from argkg.pipeline import atomic_write

    nquads = _merge_shards(shard_dir, output_dir / "graph.nq")
    store = write_union_store(nquads, output_dir / STORE_NAME)
    network, title = actor_network(read_summaries(shard_dir))
    written = [nquads, store]
    for name, render in (("graph.html", lambda: render_html(network, title=title).encode()),
                         ("graph.gexf", lambda: gexf_bytes(network)),
                         ("graph.graphml", lambda: graphml_bytes(network))):
        written.append(atomic_write(output_dir / name, render()))
    return written


def _merge_shards(shard_dir: Path, target: Path) -> Path:
    """Every shard, in name order, streamed into one N-Quads file."""
    from argkg.pipeline import atomic_file

    with atomic_file(target) as out:
        for shard in sorted(shard_dir.glob("*.nq")):
            with open(shard, "rb") as source:
                shutil.copyfileobj(source, out)
    return target


def actor_network(summaries: Iterable[DiscussionSummary]) -> tuple[nx.MultiDiGraph, str]:
    """Commenters and actors over all discussions: who names whom how often. The summaries
    are streamed: memory holds the merged counts, not every discussion."""
    actors: dict[str, dict] = {}
    names: dict[str, str] = {}
    mentions: Counter = Counter()
    discussions = comments = 0
    for summary in summaries:
        discussions += 1
        comments += summary.comments
        for node, data in summary.actors.items():
            entry = actors.setdefault(node, dict(data, mentions=0))
            entry["mentions"] += data["mentions"]
        names.update(summary.commenters)
        mentions.update({(a, b): n for a, b, n in summary.mentions})
    kept_actors = _top(actors, lambda node: actors[node]["mentions"], MAX_ACTORS)
    activity: Counter = Counter()
    for (account, actor), n in mentions.items():
        if actor in kept_actors:
            activity[account] += n
    kept_people = _top(activity, activity.__getitem__, MAX_COMMENTERS)
    network = new_graph()
    for node in sorted(kept_actors):
        data = actors[node]
        add_node(network, node, NodeKind.ACTOR, data["label"], actor_type=data["actor_type"],
                 qid=data["qid"], candidate=data["candidate"], aliases=(),
                 mentions=data["mentions"])
    for account in sorted(kept_people):
        add_node(network, account, NodeKind.COMMENTER, names.get(account, account),
                 name=names.get(account, account), site=account.split("/")[1])
    for (account, actor), n in sorted(mentions.items()):
        if account in kept_people and actor in kept_actors:
            add_edge(network, account, actor, EdgeKind.MENTIONS, count=n, surfaces=(), spans=())
    return network, _title(discussions, comments, actors, kept_actors, activity, kept_people)


def _top(items, weight, limit: int) -> set[str]:
    return set(sorted(items, key=lambda key: (-weight(key), key))[:limit])


def _title(discussions, comments, actors, kept_actors, people, kept_people) -> str:
    title = (f"Actor network of {discussions:,} discussions ({comments:,} comments): "
             f"who names whom")
    if len(kept_actors) < len(actors) or len(kept_people) < len(people):
        title += (f"; showing the {len(kept_actors):,} most named of {len(actors):,} actors "
                  f"and the {len(kept_people):,} most active of {len(people):,} commenters")
    return title
