"""Positions computed in Python, so the browser draws at once instead of simulating physics.

Cheap, deterministic layouts, each linear or close to it in the number of nodes and
edges (networkx' spring layout is quadratic without scipy, and seconds at 2,000 nodes):

- radial_tree: a forest with each generation on a circle further out and every subtree in a
  wedge of its own (reply threads, and posts in the argument view);
- sunflower: points packed in a disc around a centre (the units of one post);
- hubs_and_ring: one group on a circle, ordered so that nodes with the same partners sit
  together, the other placed by who links to it: shared partners inside the circle, a
  node's own ones just outside it (commenters on the ring, the actors they mention);
- separate: overlapping nodes pushed apart, with a grid so each round stays linear.

Coordinates are vis-network's: x to the right, y downwards; angle 0 points right and angles
grow clockwise on screen.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence

Point = tuple[float, float]
TAU = 2 * math.pi
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_TOP = -math.pi / 2
_FOREST = object()  # the invisible root of a forest with more than one tree


def radial_tree(children: Mapping[Hashable, Sequence[Hashable]], roots: Sequence[Hashable],
                radius: Mapping[Hashable, float], gap: float = 12.0) -> dict[Hashable, Point]:
    """A position for every node reachable from `roots`; `radius` is the room a node needs.

    The root in the middle (several roots: around an empty middle), each generation on a
    circle further out, and every subtree in a wedge of its own, as wide as its share of the
    leaves: subtrees never cross, and a chain of replies runs straight outwards. A circle is
    one step beyond the last, or further where its generation is crowded, so the layout
    grows with the tree's depth and width only. (A balloon layout, every subtree in a circle
    of its own, doubles in size with each generation of a reply chain: 30 replies back and
    forth made it 10^10 wide, 1,000 overflowed floats.)
    """
    top = roots[0] if len(roots) == 1 else _FOREST

    def kids(node):
        return roots if node is _FOREST else children.get(node, ())

    def own(node) -> float:
        return 0.0 if node is _FOREST else radius[node]

    order = _preorder(top, kids)
    depth = {top: 0}
    for node in order:
        for child in kids(node):
            depth[child] = depth[node] + 1
    angle = _wedge_centres(order, kids, _leaf_counts(order, kids), top)
    distance = _generation_distances(order, depth, angle, own, gap)
    positions = {node: (distance[depth[node]] * math.cos(angle[node]),
                        distance[depth[node]] * math.sin(angle[node])) for node in order}
    positions.pop(_FOREST, None)
    return {node: _rounded(point) for node, point in positions.items()}


def _preorder(top, kids) -> list:
    order, stack = [], [top]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(kids(node)))
    return order


def _leaf_counts(order: list, kids) -> dict:
    leaves: dict = {}
    for node in reversed(order):  # children before their parent
        leaves[node] = sum(leaves[child] for child in kids(node)) or 1
    return leaves


def _wedge_centres(order: list, kids, leaves: dict, top) -> dict:
    """The direction of every node: the middle of its wedge. The top's wedge is the whole
    circle, starting at the top; each node's wedge is split among its children, in order,
    by their share of its leaves."""
    start, width, centre = {top: _TOP}, {top: TAU}, {top: _TOP + math.pi}
    for node in order:
        at = start[node]
        for child in kids(node):
            start[child] = at
            width[child] = width[node] * leaves[child] / leaves[node]
            centre[child] = at + width[child] / 2
            at += width[child]
    return centre


def _generation_distances(order: list, depth: dict, angle: dict, own, gap: float) -> list:
    """The radius of each generation's circle: clear of the previous generation, and wide
    enough that neighbours on it (the closest pairs) do not overlap."""
    generations: list[list] = []
    for node in order:
        if depth[node] == len(generations):
            generations.append([])
        generations[depth[node]].append(node)
    distances = [0.0]
    widest = [max(own(node) for node in generations[0])]
    for generation in generations[1:]:
        widest.append(max(own(node) for node in generation))
        clear = distances[-1] + widest[-2] + widest[-1] + gap
        distances.append(max(clear, _crowded_distance(generation, angle, 2 * widest[-1] + gap)))
    return distances


def _crowded_distance(generation: list, angle: dict, need: float) -> float:
    """The radius at which nodes `need` apart (centre to centre) fit at their angles."""
    if len(generation) < 2:
        return 0.0
    turns = sorted(angle[node] for node in generation)
    steps = [b - a for a, b in zip(turns, turns[1:], strict=False)]
    steps.append(TAU - (turns[-1] - turns[0]))
    closest = min(steps)
    # A chord: two points on a circle of radius r, `closest` apart in angle, are
    # 2 r sin(closest / 2) apart.
    return need / (2 * max(math.sin(min(closest, math.pi) / 2), 1e-9))


def sunflower(count: int, spacing: float, skip: int = 0) -> list[Point]:
    """Offsets of `count` points packed evenly in a disc (Vogel's spiral), nearest first;
    `skip` leaves the first places free, so the centre stays clear for a label."""
    return [_rounded((spacing * math.sqrt(k) * math.cos(k * GOLDEN_ANGLE),
                      spacing * math.sqrt(k) * math.sin(k * GOLDEN_ANGLE)))
            for k in range(skip, skip + count)]


def sunflower_radius(count: int, spacing: float, skip: int = 0) -> float:
    return spacing * math.sqrt(skip + count - 1) if count else 0.0


def hubs_and_ring(ring: Sequence[Hashable], hubs: Sequence[Hashable],
                  links: Mapping[tuple[Hashable, Hashable], float],
                  radius: Mapping[Hashable, float], gap: float = 10.0,
                  rounds: int = 4) -> dict[Hashable, Point]:
    """`ring` nodes on a circle, `hubs` placed by who links to them; `links` (ring node,
    hub) -> weight.

    The ring's order is improved a few rounds by the barycentre heuristic on a circle (each
    node moves to the weighted mean direction of its partners), so that nodes linking to the
    same hubs sit together. A hub linked from several ring nodes goes to their weighted
    centroid, inside the circle: the more widely shared, the nearer the middle. A hub linked
    from one ring node only joins a small cluster just outside that node. Last, overlapping
    hubs are pushed apart.
    """
    to_ring, to_hubs = _partners(links, 1), _partners(links, 0)
    hub_angle = _spread(hubs)
    for _ in range(rounds):
        ring_angle = _spread(_by_mean_angle(ring, to_hubs, hub_angle))
        hub_angle = _spread(_by_mean_angle(hubs, to_ring, ring_angle))
    order = _by_mean_angle(ring, to_hubs, hub_angle)
    widths = [2 * radius[n] + gap for n in order]
    # Wide enough for the ring nodes side by side, and for twice the hubs' area inside it.
    hub_area = sum((radius[n] + gap) ** 2 for n in hubs)
    distance = max(sum(widths) / TAU, math.sqrt(2 * hub_area), 50.0)
    positions = _on_circle(order, distance, widths)
    positions |= _shared_hubs(hubs, to_ring, positions)
    positions |= _own_hubs(hubs, to_ring, positions, radius, gap)
    return separate(positions, radius, fixed=set(ring), gap=gap)


_INSIDE = 0.85  # a centroid of two neighbours on the ring would sit on the ring: pull it in


def _shared_hubs(hubs, to_ring, positions) -> dict:
    placed = {}
    for hub in hubs:
        partners = [(p, w) for p, w in to_ring.get(hub, ()) if p in positions]
        if len(partners) > 1:
            total = sum(w for _, w in partners)
            x = sum(w * positions[p][0] for p, w in partners) / total
            y = sum(w * positions[p][1] for p, w in partners) / total
            placed[hub] = (_INSIDE * x, _INSIDE * y)
    return placed


def _own_hubs(hubs, to_ring, positions, radius, gap) -> dict:
    """Hubs with one ring partner (or none: they go to the middle) in a disc outside it."""
    own: dict = {}
    placed = {}
    for hub in hubs:
        partners = [p for p, _ in to_ring.get(hub, ()) if p in positions]
        if len(partners) == 1:
            own.setdefault(partners[0], []).append(hub)
        elif not partners:
            placed[hub] = (0.0, 0.0)
    for partner, group in own.items():
        spacing = 2 * max(radius[h] for h in group) + gap
        x, y = positions[partner]
        away = math.hypot(x, y) or 1.0
        reach = radius[partner] + gap + spacing * (0.5 + math.sqrt(len(group)))
        cx, cy = x + x / away * reach, y + y / away * reach
        for hub, (dx, dy) in zip(group, sunflower(len(group), spacing * 0.6), strict=True):
            placed[hub] = (cx + dx, cy + dy)
    return placed


def separate(positions: dict, radius: Mapping, fixed: set = frozenset(), gap: float = 4.0,
             rounds: int = 60) -> dict[Hashable, Point]:
    """Push overlapping nodes apart (those in `fixed` stay), a few rounds, using a grid so that
    each round only compares nodes in neighbouring cells."""
    points = {node: list(point) for node, point in positions.items()}
    cell = 2 * max(radius.values(), default=1.0) + gap
    nodes = list(points)
    for _ in range(rounds):
        grid: dict = {}
        for node in nodes:
            grid.setdefault(_cell(points[node], cell), []).append(node)
        if not _push_round(nodes, points, grid, cell, radius, fixed, gap):
            break
    return {node: _rounded(tuple(point)) for node, point in points.items()}


def _cell(point, size: float) -> tuple[int, int]:
    return (math.floor(point[0] / size), math.floor(point[1] / size))


def _push_round(nodes, points, grid, cell, radius, fixed, gap) -> bool:
    moved = False
    index = {node: i for i, node in enumerate(nodes)}
    for node in nodes:
        cx, cy = _cell(points[node], cell)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid.get((cx + dx, cy + dy), ()):
                    if index[other] > index[node]:
                        moved |= _push(node, other, points, radius, fixed, gap, index[other])
    return moved


def _push(a, b, points, radius, fixed, gap, salt: int) -> bool:
    need = radius[a] + radius[b] + gap
    ax, ay = points[a]
    bx, by = points[b]
    dx, dy = bx - ax, by - ay
    distance = math.hypot(dx, dy)
    if distance >= need or (a in fixed and b in fixed):
        return False
    if distance < 1e-6:  # on top of each other: part in a direction fixed by the order
        dx, dy, distance = math.cos(salt * GOLDEN_ANGLE), math.sin(salt * GOLDEN_ANGLE), 1.0
    overlap = need - distance
    share_a = 0.0 if a in fixed else (1.0 if b in fixed else 0.5)
    ux, uy = dx / distance, dy / distance
    points[a][0] -= ux * overlap * share_a
    points[a][1] -= uy * overlap * share_a
    points[b][0] += ux * overlap * (1 - share_a)
    points[b][1] += uy * overlap * (1 - share_a)
    return True


def _partners(links: Mapping[tuple, float], side: int) -> dict:
    """For side 0 (outer nodes) their inner partners with weights, for side 1 the reverse."""
    partners: dict = {}
    for pair, weight in links.items():
        partners.setdefault(pair[side], []).append((pair[1 - side], weight))
    return partners


def _spread(ordered: Sequence) -> dict:
    return {node: TAU * (i + 0.5) / len(ordered) for i, node in enumerate(ordered)}


def _by_mean_angle(nodes: Sequence, partners: dict, angle: dict) -> list:
    """`nodes` sorted by the weighted circular mean angle of their partners; stable."""
    def mean(item):
        index, node = item
        x = sum(w * math.cos(angle[p]) for p, w in partners.get(node, ()) if p in angle)
        y = sum(w * math.sin(angle[p]) for p, w in partners.get(node, ()) if p in angle)
        return (math.atan2(y, x) % TAU if x or y else TAU, index)
    return [node for _, node in sorted(enumerate(nodes), key=mean)]


def _on_circle(nodes: list, distance: float, widths: list[float]) -> dict:
    total = sum(widths) or 1.0
    positions, angle = {}, _TOP
    for node, width in zip(nodes, widths, strict=True):
        share = TAU * width / total
        point = (distance * math.cos(angle + share / 2), distance * math.sin(angle + share / 2))
        positions[node] = _rounded(point)
        angle += share
    return positions


def _rounded(point: Point) -> Point:
    # Rounded so the page's bytes do not depend on the last bits of floating point.
    return (round(point[0], 1), round(point[1], 1))
