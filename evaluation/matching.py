"""One-to-one matching of found items to gold items.

Each found item may stand for at most one gold item and each gold item be claimed by at
most one found item, so a build cannot score twice with one good guess. Pairs are taken
best first (highest similarity), which is what an annotator comparing by eye would do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

F = TypeVar("F")
G = TypeVar("G")


def match(found: Sequence[F], gold: Sequence[G],
          similarity: Callable[[F, G], float]) -> dict[int, int]:
    """gold index -> found index for the pairs taken; a similarity of 0 never matches."""
    candidates = sorted(
        ((score, f, g) for f, item in enumerate(found) for g, wanted in enumerate(gold)
         if (score := similarity(item, wanted)) > 0),
        key=lambda c: (-c[0], c[2], c[1]))
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, f, g in candidates:
        if g not in taken and f not in used:
            taken[g] = f
            used.add(f)
    return taken
