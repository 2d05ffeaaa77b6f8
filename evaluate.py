"""Comparing a built graph with a gold reading (the format of tests/data/*.gold.json).

Actors are compared per post as sets: a found actor counts for a gold name when the name
is its label or one of its aliases (after folding case, ß and hyphens), so a gold "USA"
matches an actor labelled "Vereinigte Staaten" with the alias "USA".
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

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
    def precision(self) -> float:
        found = sum(len(s.found) for s in self.scores)
        return sum(s.correct for s in self.scores) / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = sum(len(s.gold) for s in self.scores)
        return sum(s.correct for s in self.scores) / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def fold(name: str) -> str:
    return "".join(ch for ch in name.casefold().replace("ß", "ss") if ch.isalnum())


def actor_scores(graph: nx.MultiDiGraph, gold: dict) -> Totals:
    """Per post (article, then comments in order): found actors against the gold lists."""
    posts = {d["position"]: node for node, d in nodes_of_kind(graph, "article", "comment")}
    mentioned: dict[str, list[str]] = {}
    for post, actor, _ in edges_of_kind(graph, "mentions"):
        mentioned.setdefault(post, []).append(actor)
    wanted = [("article", 0, gold["article"].get("actors", []))] + [
        (f"comment {c['n']}", c["n"], c.get("actors", [])) for c in gold["comments"]]
    scores = []
    for name, position, gold_names in wanted:
        actors = mentioned.get(posts.get(position), [])
        scores.append(_score(graph, name, actors, gold_names))
    return Totals(tuple(scores))


def _score(graph, post: str, actors: list[str], gold_names: list[str]) -> SetScore:
    remaining = {fold(g): g for g in gold_names}
    extra = []
    for actor in actors:
        data = graph.nodes[actor]
        forms = {fold(data["label"]), *(fold(a) for a in data.get("aliases") or ())}
        hit = next((key for key in remaining if key in forms), None)
        if hit:
            del remaining[hit]
        else:
            extra.append(data["label"])
    labels = tuple(graph.nodes[a]["label"] for a in actors)
    return SetScore(post, labels, tuple(gold_names), len(actors) - len(extra),
                    tuple(remaining.values()), tuple(extra))


def format_scores(totals: Totals) -> str:
    lines = [f"{'post':<12} {'P':>5} {'R':>5}  missed / extra"]
    for s in totals.scores:
        lines.append(f"{s.post:<12} {s.precision:5.2f} {s.recall:5.2f}  "
                     f"missed: {', '.join(s.missed) or '-'}; extra: {', '.join(s.extra) or '-'}")
    lines.append(f"{'all (micro)':<12} {totals.precision:5.2f} {totals.recall:5.2f}  "
                 f"F1 {totals.f1:.2f}")
    return "\n".join(lines)
