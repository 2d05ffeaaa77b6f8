"""Actors mentioned per post, compared as sets.

A found actor counts for a gold name when the name is its label or one of its aliases
(after folding case, ß and hyphens), so a gold "USA" matches an actor labelled
"Vereinigte Staaten" with the alias "USA". Each gold name is counted once; a second found
actor for the same name is an extra.

`actor_scores` works on the networkx model (the gold test builds the example in process);
`reading_actor_scores` on a `Reading`, for `argkg evaluate`. Both use `score_post`.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from argkg.evaluation.reading import Actor, Reading
from argkg.evaluation.text import fold
from argkg.graph.model import edges_of_kind, nodes_of_kind


@dataclass(frozen=True)
class SetScore:
    post: str
    found: tuple[str, ...]
    gold: tuple[str, ...]
    correct: int
    missed: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.correct / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / len(self.gold) if self.gold else 1.0


@dataclass(frozen=True)
class Totals:
    scores: tuple[SetScore, ...]

    @property
    def found(self) -> int:
        return sum(len(s.found) for s in self.scores)

    @property
    def gold(self) -> int:
        return sum(len(s.gold) for s in self.scores)

    @property
    def correct(self) -> int:
        return sum(s.correct for s in self.scores)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_post(post: str, actors: list[Actor], gold_names: list[str]) -> SetScore:
    remaining = {fold(g): g for g in gold_names}
    extra = []
    for actor in actors:
        forms = {fold(name) for name in actor.names}
        hit = next((key for key in remaining if key in forms), None)
        if hit:
            del remaining[hit]
        else:
            extra.append(actor.label)
    return SetScore(post, tuple(a.label for a in actors), tuple(gold_names),
                    len(actors) - len(extra), tuple(remaining.values()), tuple(extra))


def post_name(position: int) -> str:
    return "article" if position == 0 else f"comment {position}"


def reading_actor_scores(build: Reading, gold: Reading) -> Totals | None:
    """Per gold post with an actor list; None when the gold lists no actors at all."""
    scores = []
    for wanted in gold.posts:
        if wanted.actors is None:
            continue
        found = build.post(wanted.position)
        scores.append(score_post(post_name(wanted.position),
                                 list(found.actors or ()) if found else [],
                                 [a.label for a in wanted.actors]))
    return Totals(tuple(scores)) if scores else None


def actor_scores(graph: nx.MultiDiGraph, gold: dict) -> Totals:
    """Per post (article, then comments in order): found actors against the gold lists."""
    posts = {d["position"]: node for node, d in nodes_of_kind(graph, "article", "comment")}
    mentioned: dict[str, list[str]] = {}
    for post, actor, _ in edges_of_kind(graph, "mentions"):
        mentioned.setdefault(post, []).append(actor)
    wanted = [(0, gold["article"].get("actors", []))] + [
        (c["n"], c.get("actors", [])) for c in gold["comments"]]
    return Totals(tuple(
        score_post(post_name(position), [_model_actor(graph, a) for a in
                                         mentioned.get(posts.get(position), [])], names)
        for position, names in wanted))


def _model_actor(graph: nx.MultiDiGraph, node: str) -> Actor:
    data = graph.nodes[node]
    return Actor(data["label"], tuple(data.get("aliases") or ()))


def format_scores(totals: Totals) -> str:
    lines = [f"{'post':<12} {'P':>5} {'R':>5}  missed / extra"]
    for s in totals.scores:
        lines.append(f"{s.post:<12} {s.precision:5.2f} {s.recall:5.2f}  "
                     f"missed: {', '.join(s.missed) or '-'}; extra: {', '.join(s.extra) or '-'}")
    lines.append(f"{'all (micro)':<12} {totals.precision:5.2f} {totals.recall:5.2f}  "
                 f"F1 {totals.f1:.2f}")
    return "\n".join(lines)
