"""Opening the HTML views of a big graph in headless Chromium: layout computed in Python
against vis-network's physics in the browser.

    python bench/html_views.py [--nodes 5000] [--edges 20000] [--timeout 180]

Builds a synthetic debate of about that size with the model helpers (an article, comments in
reply trees, commenters, actors, argument units with supports and attacks), renders the views
and opens each in headless Chromium, over the DevTools protocol (the client in
tests/test_views_browser.py; needs websocket-client, the `test` extra). Every page is opened
twice in the same browser:

- as rendered: positions in the page, physics off;
- the baseline: the same page with the positions taken out and physics on, as graph.html
  lays out the full model (forceAtlas2Based, stabilisation rounds by graph size, then off).

"ready" is performance.now() when the network has drawn with its final layout (the page
sets data-argkg-ready; it counts from navigation start, so it includes parsing the inline
vis-network and the data). "redraw" and "filter" then time one synchronous redraw and one
filter change with redraw: what the user waits for when panning or filtering. A view that
the node limit (MAX_VIEW_NODES) cut is also measured whole, as "<view> (all)".
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from argkg.graph import ids
from argkg.graph.html import vis_options
from argkg.graph.model import (
    ACTOR_TYPES,
    EdgeKind,
    NodeKind,
    add_edge,
    add_node,
    new_graph,
)
from argkg.graph.views import build_views
from argkg.graph.views.describe import default_title
from argkg.graph.views.page import view_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_views_browser import CHROMIUM, Chromium  # noqa: E402

BUDGET_MS = 5000
WORDS = ("Nato Russland Ukraine Putin Biden Sicherheit Frieden Krieg Verhandlung Grenze "
         "Westen Osten Europa Bündnis Drohung Diplomatie Sanktionen Gas Truppen Manöver "
         "Verantwortung Interesse Geschichte Vertrag Zusage Erweiterung").split()
START = datetime(2022, 1, 8, 12, 0, tzinfo=timezone(timedelta(hours=1)))


# --- A synthetic debate ------------------------------------------------------------------------

@dataclasses.dataclass
class Shape:
    """How a graph of `nodes` nodes and about `edges` edges divides into kinds."""

    nodes: int
    edges: int

    @property
    def comments(self) -> int:
        return int(self.nodes * 0.45)

    @property
    def commenters(self) -> int:
        return int(self.nodes * 0.12)

    @property
    def actors(self) -> int:
        return int(self.nodes * 0.04)

    @property
    def units(self) -> int:
        return self.nodes - 2 - self.comments - self.commenters - self.actors


def synthetic_graph(shape: Shape, seed: int = 5):
    rng = random.Random(seed)
    g = new_graph()
    disc = add_node(g, ids.discussion_id("bench"), NodeKind.DISCUSSION, "Bench debate",
                    title="Bench debate", url=None, language="de", source="synthetic")
    accounts = [add_node(g, ids.commenter_id("bench", f"user{i}"), NodeKind.COMMENTER,
                         f"user{i}", name=f"user{i}", site="bench")
                for i in range(shape.commenters)]
    actors = [add_node(g, ids.actor_id(f"actor{i}"), NodeKind.ACTOR, f"Actor {i}",
                       actor_type=ACTOR_TYPES[i % len(ACTOR_TYPES)], qid=None, candidate=False,
                       aliases=()) for i in range(shape.actors)]
    posts = [_post(g, rng, disc, "article", 0, accounts[0])]
    for i in range(1, shape.comments + 1):
        posts.append(_post(g, rng, disc, f"c{i}", i, _zipf_pick(rng, accounts)))
        _reply(g, rng, posts)
    _units(g, rng, disc, posts, shape.units)
    _mentions(g, rng, posts, actors, shape.edges - g.number_of_edges())
    return g


def _post(g, rng, disc, key, position, account):
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80))) + "."
    kind = NodeKind.ARTICLE if position == 0 else NodeKind.COMMENT
    post = add_node(g, ids.post_id("bench", key), kind, f"#{position} {g.nodes[account]['name']}",
                    discussion=disc, text=text, author=g.nodes[account]["name"],
                    published=START + timedelta(minutes=3 * position), position=position,
                    **({"title": "Bench debate", "teaser": None} if position == 0 else {}))
    add_edge(g, post, disc, EdgeKind.IN_DISCUSSION)
    add_edge(g, post, account, EdgeKind.AUTHORED_BY)
    return post


def _reply(g, rng, posts):
    """Half the comments answer the article, the rest a recent comment; with a stance."""
    comment = posts[-1]
    target = posts[0] if rng.random() < 0.5 else posts[max(1, len(posts) - 1 -
                                                           int(rng.expovariate(0.05)))]
    if target == comment:
        target = posts[0]
    add_edge(g, comment, target, EdgeKind.REPLIES_TO)
    stance = rng.choices(("support", "attack", "neutral"), (0.25, 0.45, 0.3))[0]
    add_edge(g, comment, target, EdgeKind.STANCE, stance=stance, cues=())


def _units(g, rng, disc, posts, count):
    units, per_post, centred = [], {}, set()
    for i in range(count):
        post = posts[0] if i < 20 else rng.choice(posts)
        index = per_post[post] = per_post.get(post, -1) + 1
        text = g.nodes[post]["text"][:60]
        role = rng.choices(("claim", "premise", "none"), (0.3, 0.6, 0.1))[0]
        central = role == "claim" and post not in centred
        unit = add_node(g, ids.unit_id(post, index), NodeKind.UNIT, text, discussion=disc,
                        post=post, index=index, start=0, end=len(text), text=text, role=role,
                        central=central, acceptance=None if role == "none" else
                        rng.choice(("in", "in", "out", "undecided")))
        add_edge(g, post, unit, EdgeKind.HAS_UNIT)
        if central:
            centred.add(post)
            add_edge(g, post, unit, EdgeKind.CENTRAL_CLAIM)
        if units and rng.random() < 0.5:
            kind = EdgeKind.SUPPORTS if rng.random() < 0.6 else EdgeKind.ATTACKS
            add_edge(g, unit, rng.choice(units[-40:]), kind, scope="thread", cue="bench")
        units.append(unit)


def _mentions(g, rng, posts, actors, count):
    """`count` mentions, at most one edge per post and actor (as the model has them)."""
    for _ in range(max(0, count) * 3):
        if count <= 0:
            return
        post, actor = rng.choice(posts), _zipf_pick(rng, actors)
        if not g.has_edge(post, actor, key="mentions"):
            add_edge(g, post, actor, EdgeKind.MENTIONS, count=rng.randint(1, 3),
                     surfaces=(g.nodes[actor]["label"],), spans=((0, 5),))
            count -= 1


def _zipf_pick(rng, items):
    """A few items are picked often, most rarely: like authors and the actors they name."""
    return items[min(len(items) - 1, int(rng.paretovariate(1.2)) - 1)] if rng.random() < 0.5 \
        else rng.choice(items)


# --- The baseline: the same view, laid out by physics in the browser ---------------------------

def physics_baseline(view):
    nodes = [{k: v for k, v in node.items() if k not in ("x", "y")} for node in view.nodes]
    options = dict(view.options)
    full_view = vis_options(len(nodes))
    options.update(physics=full_view["physics"], layout=full_view["layout"])
    return dataclasses.replace(view, nodes=nodes, options=options)


# --- Measuring -----------------------------------------------------------------------------------

_REDRAW_MS = """(() => { const network = window.argkgView.network, times = [];
    for (let i = 0; i < 5; i++) { const t = performance.now(); network.redraw();
                                  times.push(performance.now() - t); }
    return times.sort((a, b) => a - b)[2]; })()"""
_FILTER_MS = """(() => { const box = document.querySelector('input[data-facet]');
    const t = performance.now();
    box.checked = false; window.argkgView.apply(); window.argkgView.network.redraw();
    const spent = performance.now() - t;
    box.checked = true; window.argkgView.apply();
    return spent; })()"""


def measure(browser: Chromium, path: Path, timeout: float) -> dict:
    try:
        ready = float(browser.open(path.as_uri(), "document.body && "
                                   "document.body.getAttribute('data-argkg-ready')", timeout))
    except TimeoutError:
        return {"ready": None}
    return {"ready": ready, "errors": browser.errors(),
            "drawn": int(browser.evaluate("document.body.getAttribute('data-argkg-drawn')")),
            "redraw": browser.evaluate(_REDRAW_MS), "filter": browser.evaluate(_FILTER_MS)}


def measure_median(browser: Chromium, path: Path, timeout: float, runs: int) -> dict:
    """The load with the median ready time of `runs` loads."""
    loads = [measure(browser, path, timeout) for _ in range(runs)]
    if any(load["ready"] is None for load in loads):
        return {"ready": None}
    return sorted(loads, key=lambda load: load["ready"])[len(loads) // 2]


@dataclasses.dataclass
class Row:
    label: str
    view: object
    page: str
    baseline: str | None  # the same view laid out by physics; None: not measured


def rows_for(graph) -> list[Row]:
    """A row per view, with its physics baseline; and, for a view the node limit cut, a row
    with all its nodes (positions still precomputed), to show what the limit saves."""
    title = default_title(graph)
    views = build_views(graph)
    rows = [Row(view.name, view, view_page(view, title, []),
                view_page(physics_baseline(view), title, [])) for view in views]
    for limited, whole in zip(views, build_views(graph, limit=sys.maxsize), strict=True):
        if len(whole.nodes) != len(limited.nodes):
            rows.append(Row(f"{whole.name} (all)", whole, view_page(whole, title, []), None))
    return rows


def _ms(value) -> str:
    return "-" if value is None else f"{value:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="loads per page (median); "
                        "the physics baseline is loaded once")
    parser.add_argument("--timeout", type=float, default=180.0,
                        help="seconds to wait for a page (the baseline can take long)")
    args = parser.parse_args()
    if CHROMIUM is None:
        sys.exit("chromium is not installed")

    graph = synthetic_graph(Shape(args.nodes, args.edges))
    started = time.perf_counter()
    rows = rows_for(graph)
    print(f"synthetic model: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} "
          f"edges; views built and rendered in {time.perf_counter() - started:.1f} s (Python)")
    for row in rows:
        note = f"  [{row.view.notes[0][:72]}…]" if row.view.notes and row.baseline else ""
        print(f"  {row.label}: {row.view.summary}{note}")
    with tempfile.TemporaryDirectory() as folder:
        results = run(rows, Path(folder), args.timeout, args.runs)
    report(results, args.timeout)


def run(rows: list[Row], folder: Path, timeout: float, runs: int) -> list[tuple]:
    browser = Chromium(CHROMIUM, folder / "profile")
    try:
        pages = []
        for i, row in enumerate(rows):
            fast, slow = folder / f"{i}.html", folder / f"{i}-physics.html"
            fast.write_text(row.page, encoding="utf-8")
            if row.baseline:
                slow.write_text(row.baseline, encoding="utf-8")
            pages.append((row, fast, slow))
        measure(browser, pages[0][1], timeout)  # warm-up: the first load in a browser is slower
        return [(row, measure_median(browser, fast, timeout, runs),
                 measure(browser, slow, timeout) if row.baseline else None)
                for row, fast, slow in pages]
    finally:
        browser.close()


def report(results, timeout: float) -> None:
    print(f"\n{'view':<17}{'nodes':>7}{'edges':>8}{'MB':>6}  {'ready ms':>9}{'redraw':>8}"
          f"{'filter':>8}  {'physics ready ms':>17}{'ratio':>7}  under {BUDGET_MS / 1000:.0f} s")
    for row, fast, slow in results:
        size = len(row.page.encode()) / 1e6
        print(f"{row.label:<17}{fast.get('drawn', 0):>7,}{len(row.view.edges):>8,}{size:>6.1f}  "
              f"{_ms(fast['ready']):>9}{_ms(fast.get('redraw')):>8}{_ms(fast.get('filter')):>8}"
              f"  {_baseline(slow, fast, timeout)}  {'yes' if _within_budget(fast) else 'NO'}")
        for error in fast.get("errors") or []:
            print(f"  console error: {error}")
    print("\nready: ms from navigation start until drawn with the final layout (median of the "
          "loads); redraw: median of 5 synchronous redraws; filter: one filter change with "
          "redraw; physics: the same page without positions, laid out by vis-network in the "
          "browser (one load); ratio: physics / precomputed.")


def _baseline(slow: dict | None, fast: dict, timeout: float) -> str:
    if slow is None:
        return f"{'':>17}{'':>7}"
    if slow["ready"] is None:
        ratio = f">{timeout * 1000 / fast['ready']:.0f}" if fast["ready"] else "-"
        return f"{f'>{timeout:.0f} s':>17}{ratio:>7}"
    ratio = f"{slow['ready'] / fast['ready']:.1f}" if fast["ready"] else "-"
    return f"{_ms(slow['ready']):>17}{ratio:>7}"


def _within_budget(fast: dict) -> bool:
    return fast["ready"] is not None and fast["ready"] < BUDGET_MS and not fast["errors"]


if __name__ == "__main__":
    main()
