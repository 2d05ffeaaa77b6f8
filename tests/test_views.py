"""The three HTML views and their index: files, offline pages, inert text, what each view
draws, layouts, and what a big graph leaves out (the browser checks: test_views_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
import re
from datetime import UTC, datetime, timedelta

import pytest
from conftest import XSS
from test_html import REMOTE, in_another_process, parse

from argkg.graph import ids
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node, new_graph
from argkg.graph.style import (
    ACCEPTANCE_COLOURS,
    ATTACK_COLOUR,
    NEUTRAL_COLOUR,
    SUPPORT_COLOUR,
    THREAD_ROOT_COLOUR,
    UNIT_ROLE_COLOURS,
)
from argkg.graph.views import MAX_VIEW_NODES, build_views, render_views
from argkg.graph.views.actors import AUTHOR, MIXED, UNKNOWN, _majority
from argkg.graph.views.layout import hubs_and_ring, radial_tree, separate, sunflower
from argkg.graph.views.page import json_for_html
from argkg.graph.views.threads import reply_forest

FILES = ("graph.html", "thread.html", "arguments.html", "actors.html")
ART, C1, C2 = (ids.post_id("tiny", key) for key in ("article", "c1", "c2"))
ARTICLE_U0, C1_U0, C2_U0 = (ids.unit_id(post, 0) for post in (ART, C1, C2))
ANNA, BERND, EVE = (ids.commenter_id("local", name) for name in
                    ("Anna Autorin", "Bernd B.", f"Eve {XSS}"))
PUTIN, NATO, EVIL = (ids.actor_id(name) for name in ("Wladimir Putin", "NATO", XSS))


@pytest.fixture
def pages(tiny_graph) -> dict[str, str]:
    return {name: content.decode("utf-8") for name, content in render_views(tiny_graph).items()}


@pytest.fixture
def views(tiny_graph) -> dict:
    return {view.name: view for view in build_views(tiny_graph)}


def payload(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="argkg-data">(.*?)</script>', page,
                      re.S)
    return json.loads(block.group(1))


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def edges_between(view) -> dict[tuple[str, str], dict]:
    return {(edge["from"], edge["to"]): edge for edge in view.edges}


# --- Files and offline pages --------------------------------------------------------------------


def test_render_views_gives_the_index_and_three_views(pages):
    assert tuple(pages) == FILES
    for page in pages.values():
        assert page.startswith("<!DOCTYPE html>")


def test_pages_reference_nothing_remote_and_inline_every_script(pages):
    for name, page in pages.items():
        tags = parse(page).tags
        for tag, attrs in tags:
            for attribute in ("src", "href"):
                assert not REMOTE.match(attrs.get(attribute) or ""), (name, tag, attrs)
        assert not any(tag == "link" for tag, _ in tags), name
        assert not any("src" in attrs for tag, attrs in tags if tag == "script"), name


def test_policy_allows_exactly_the_inline_scripts_and_no_network(pages):
    for name, page in pages.items():
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                           page).group(1).replace("&#x27;", "'")
        assert "default-src 'none'" in policy and "connect-src" not in policy
        runnable = [text for text in parse(page).scripts if text and not text.startswith("{")]
        hashes = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
                  for s in runnable}
        assert set(re.findall(r"'sha256-([^']+)'", policy)) == hashes, name
        if name == "graph.html":
            assert "script-src 'none'" in policy


def test_views_inline_vis_network(pages):
    for name in FILES[1:]:
        assert any("vis-network" in script for script in parse(pages[name]).scripts), name


def test_index_links_the_views_and_runs_nothing(pages):
    index = pages["graph.html"]
    for name in FILES[1:]:
        assert f'href="{name}"' in index
    assert "<script" not in index
    assert "3 posts" in index and "9 supports and attacks" not in index  # a view's summary


def test_every_view_links_the_others(pages):
    for name in FILES[1:]:
        nav = re.search(r'<nav class="argkg-nav">(.*?)</nav>', pages[name]).group(1)
        assert set(re.findall(r'href="([^"]+)"', nav)) == set(FILES)
        assert f'href="{name}" aria-current="page"' in nav


# --- Inert text --------------------------------------------------------------------------------


def test_payloads_never_appear_unescaped(pages):
    for name, page in pages.items():
        assert XSS not in page, name
        assert "<img" not in page.lower(), name
        assert "<script>alert" not in page, name
        # Only the page's own script tags: a payload's </script> would have split one.
        scripts = [attrs for tag, attrs in parse(page).tags if tag == "script"]
        assert len(scripts) == (0 if name == "graph.html" else 3), name


def test_payloads_reach_the_data_intact_as_strings(pages, tiny_graph):
    data = payload(pages["thread.html"])
    c2 = by_id(data["nodes"])[C2]
    assert c2["text"] == tiny_graph.nodes[C2]["text"] and c2["author"] == f"Eve {XSS}"
    actors = by_id(payload(pages["actors.html"])["nodes"])
    assert actors[EVIL]["facts"][0] == f"Actor: {XSS}"


def test_title_and_author_list_are_escaped(tiny_graph):
    page = render_views(tiny_graph, title=XSS)["thread.html"].decode()
    assert f"<title>Reply thread · {_escaped(XSS)}</title>" in page
    assert f'<option value="Eve {_escaped(XSS)}">' in page
    assert XSS not in page


def _escaped(text: str) -> str:
    import html

    return html.escape(text)


def test_json_for_html_cannot_close_its_script_block():
    text = json_for_html({"a": "</script><!-- & ' \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & ' \u2028"}


# --- Determinism ---------------------------------------------------------------------------------


def test_same_graph_same_bytes(tiny_graph):
    assert render_views(tiny_graph) == render_views(tiny_graph)


def test_same_bytes_in_another_process(tiny_graph, tmp_path):
    out = in_another_process("argkg.graph.views", "render_views", tiny_graph, tmp_path, "4242")
    assert out == render_views(tiny_graph)


# --- The thread view -----------------------------------------------------------------------------


def test_thread_shows_posts_coloured_by_stance(views):
    thread = views["thread"]
    nodes = by_id(thread.nodes)
    assert set(nodes) == {ART, C1, C2}
    assert nodes[C1]["color"] == ATTACK_COLOUR and nodes[C1]["facet"]["stance"] == "attack"
    assert nodes[C2]["color"] == NEUTRAL_COLOUR
    assert nodes[ART]["color"] == THREAD_ROOT_COLOUR and "stance" not in nodes[ART]["facet"]
    assert "Stance toward Tiny debate: attack · cues: schuld" in nodes[C1]["facts"]
    edges = edges_between(thread)
    assert set(edges) == {(C1, ART), (C2, C1)}
    assert edges[C1, ART]["color"] == ATTACK_COLOUR


def test_a_comment_without_stance_is_an_empty_disc(tiny_graph):
    tiny_graph.remove_edge(C2, C1, key="stance")
    thread = build_views(tiny_graph)[0]
    c2 = by_id(thread.nodes)[C2]
    assert c2["color"] == {"background": "#FFFFFF", "border": NEUTRAL_COLOUR}
    assert c2["facet"]["stance"] == "stance not found"


def test_nodes_carry_text_author_time_and_source_for_the_panel(views, tiny_graph):
    c2 = by_id(views["thread"].nodes)[C2]
    assert c2["text"] == tiny_graph.nodes[C2]["text"]
    assert c2["when"] == "2022-01-09 00:05+01:00"
    assert c2["time"] == [int(datetime(2022, 1, 8, 23, 5, tzinfo=UTC).timestamp()
                              * 1000)] * 2
    assert c2["source"] == "Tiny debate · tiny.json"
    unit = by_id(views["arguments"].nodes)[C2_U0]
    assert unit["author"] == f"Eve {XSS}" and unit["when"] == c2["when"]
    assert unit["source"].startswith("c2, characters 0–74")


# --- The argument view ---------------------------------------------------------------------------


def test_arguments_show_units_with_acceptance_and_central_claims(views):
    nodes = by_id(views["arguments"].nodes)
    assert {ARTICLE_U0, C1_U0, C2_U0} <= set(nodes)
    central, premise = nodes[C1_U0], nodes[C2_U0]
    assert central["shape"] == "diamond" and premise["shape"] == "dot"
    assert central["size"] > premise["size"]
    assert premise["color"] == {"background": UNIT_ROLE_COLOURS["premise"],
                                "border": ACCEPTANCE_COLOURS["in"]}
    assert nodes[ARTICLE_U0]["label"] == "✗" and premise["label"] == "✓"
    assert nodes[ARTICLE_U0]["facet"] == {"type": "claim", "acceptance": "out"}
    assert premise["facet"] == {"type": "premise", "acceptance": "in", "stance": "neutral"}


def test_arguments_edges_support_green_attack_red(views):
    edges = edges_between(views["arguments"])
    assert edges[C2_U0, C1_U0]["color"] == SUPPORT_COLOUR
    assert edges[C1_U0, ARTICLE_U0]["color"] == ATTACK_COLOUR
    assert edges[C1_U0, ARTICLE_U0]["title"] == "attacks · thread · cue: schuld"


def test_units_sit_with_their_post(views, tiny_graph):
    nodes = by_id(views["arguments"].nodes)
    boxes = {post: nodes[post] for post in (ART, C1, C2)}
    assert all(box["shape"] == "box" for box in boxes.values())
    for unit in (ARTICLE_U0, C1_U0, C2_U0):
        own = tiny_graph.nodes[unit]["post"]
        nearest = min(boxes, key=lambda post: _distance(nodes[unit], boxes[post]))
        assert nearest == own, unit


def test_reply_lines_start_hidden_in_the_argument_view(pages):
    page = pages["arguments.html"]
    box = re.search(r'<input type="checkbox" data-facet="relation" data-value="replies to"[^>]*>',
                    page).group(0)
    assert "checked" not in box
    assert re.search(r'data-value="supports" checked>', page)


def _distance(a: dict, b: dict) -> float:
    return math.hypot(a["x"] - b["x"], a["y"] - b["y"])


# --- The actor view ------------------------------------------------------------------------------


def test_actors_view_links_commenters_to_what_their_posts_mention(views):
    actors = views["actors"]
    edges = edges_between(actors)
    assert set(edges) == {(ANNA, PUTIN), (ANNA, NATO), (BERND, NATO), (EVE, PUTIN), (EVE, EVIL)}
    assert edges[ANNA, PUTIN]["title"] == (
        "Anna Autorin mentions Wladimir Putin ×1 in 1 post · Putin")
    kinds = {node["id"]: node["kind"] for node in actors.nodes}
    assert kinds == {ANNA: "commenter", BERND: "commenter", EVE: "commenter",
                     PUTIN: "actor", NATO: "actor", EVIL: "actor"}


def test_actors_view_colours_by_stance_toward_the_article(views):
    nodes, edges = by_id(views["actors"].nodes), edges_between(views["actors"])
    assert nodes[BERND]["facet"]["stance"] == "attack" and nodes[BERND]["color"] == ATTACK_COLOUR
    assert edges[BERND, NATO]["color"] == ATTACK_COLOUR
    assert nodes[ANNA]["facet"]["stance"] == AUTHOR
    # Eve answered a comment, not the article: her stance toward it is not known.
    assert nodes[EVE]["facet"]["stance"] == UNKNOWN
    assert nodes[PUTIN]["facet"] == {"type": "Person"}


def test_mention_weights_add_up_over_a_commenters_posts(tiny_graph):
    c3 = add_node(tiny_graph, ids.post_id("tiny", "c3"), NodeKind.COMMENT, "c3",
                  discussion=ids.discussion_id("tiny"), text="Nato Nato Nato", author="Bernd B.",
                  published=None, position=3)
    add_edge(tiny_graph, c3, BERND, EdgeKind.AUTHORED_BY)
    add_edge(tiny_graph, c3, NATO, EdgeKind.MENTIONS, count=3, surfaces=("Nato",) * 3,
             spans=((0, 4), (5, 9), (10, 14)))
    edge = edges_between(build_views(tiny_graph)[2])[BERND, NATO]
    assert edge["title"].startswith("Bernd B. mentions NATO ×4 in 2 posts")
    assert edge["width"] == 3.0  # 1 + log2(4)


def test_majority_stance_and_ties():
    from collections import Counter

    assert _majority(Counter(attack=2, support=1)) == "attack"
    assert _majority(Counter(attack=1, support=1)) == MIXED


# --- Big graphs ----------------------------------------------------------------------------------


def chatty_graph(comments: int, seed: int = 3):
    """One debate, `comments` comments in reply trees, each with a unit and a mention."""
    rng = random.Random(seed)
    g = new_graph()
    disc = add_node(g, ids.discussion_id("big"), NodeKind.DISCUSSION, "Big", title="Big")
    actor = add_node(g, ids.actor_id("NATO"), NodeKind.ACTOR, "NATO", actor_type="Organization")
    start = datetime(2022, 1, 1, tzinfo=UTC)
    posts = [add_node(g, ids.post_id("big", "article"), NodeKind.ARTICLE, "Big", discussion=disc,
                      title="Big", text="Text", author="A", published=start, position=0)]
    for i in range(1, comments + 1):
        post = add_node(g, ids.post_id("big", f"c{i}"), NodeKind.COMMENT, f"#{i}",
                        discussion=disc, text=f"Kommentar {i}", author=f"user{i % 97}",
                        published=start + timedelta(minutes=i), position=i)
        add_edge(g, post, rng.choice(posts[-30:]), EdgeKind.REPLIES_TO)
        account = ids.commenter_id("big", f"user{i % 97}")
        if account not in g:
            add_node(g, account, NodeKind.COMMENTER, f"user{i % 97}", name=f"user{i % 97}")
        add_edge(g, post, account, EdgeKind.AUTHORED_BY)
        add_edge(g, post, actor, EdgeKind.MENTIONS, count=1, surfaces=("Nato",), spans=((0, 4),))
        unit = add_node(g, ids.unit_id(post, 0), NodeKind.UNIT, "u", post=post, index=0,
                        text="u", role="claim", central=True, acceptance="in")
        add_edge(g, post, unit, EdgeKind.HAS_UNIT)
        posts.append(post)
    return g


def test_big_thread_keeps_whole_trees_and_says_what_it_left_out():
    graph = chatty_graph(300)
    thread = build_views(graph, limit=100)[0]
    shown = {node["id"] for node in thread.nodes}
    assert len(shown) == 100
    forest = reply_forest(graph)
    assert all(forest.parent[post] in shown for post in shown if post in forest.parent)
    assert thread.notes and "showing 100 of 301 posts" in thread.notes[0]
    assert any("not shown" in fact for node in thread.nodes for fact in node["facts"])


def test_big_argument_and_actor_views_stay_within_the_limit():
    graph = chatty_graph(300)
    _, arguments, actors = build_views(graph, limit=60)  # 97 commenters, 1 actor
    assert len(arguments.nodes) <= 60 and arguments.notes
    assert len(actors.nodes) <= 60 and actors.notes
    assert not any(node["kind"] == "post" for node in arguments.nodes)


def test_the_page_says_what_a_big_graph_leaves_out():
    graph = chatty_graph(MAX_VIEW_NODES + 50)
    pages = render_views(graph)
    thread = pages["thread.html"].decode()
    assert '<p class="argkg-note" role="note">Large debate: showing 2,000 of 2,051 posts' in thread
    assert len(payload(thread)["nodes"]) == MAX_VIEW_NODES
    assert "Large debate" in pages["graph.html"].decode()


def test_positions_are_in_the_page_and_physics_is_off(views):
    for view in views.values():
        assert view.options["physics"] == {"enabled": False}
        assert view.options["layout"]["improvedLayout"] is False
        assert all(isinstance(node["x"], float) and isinstance(node["y"], float)
                   for node in view.nodes), view.name


# --- Layouts -------------------------------------------------------------------------------------


def random_tree(size: int, seed: int = 1) -> tuple[dict, list]:
    rng = random.Random(seed)
    children: dict[int, list[int]] = {}
    for node in range(1, size):
        children.setdefault(rng.randrange(max(0, node - 20), node) if rng.random() < 0.6
                            else 0, []).append(node)
    return children, [0]


def _overlaps(positions: dict, radius: dict, slack: float = 0.0) -> list:
    nodes = list(positions)
    return [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]
            if math.dist(positions[a], positions[b]) < radius[a] + radius[b] - slack]


def test_radial_tree_places_every_node_without_overlap():
    children, roots = random_tree(400)
    radius = {node: 10.0 + node % 7 for node in range(400)}
    positions = radial_tree(children, roots, radius)
    assert set(positions) == set(range(400))
    assert positions[0] == (0.0, 0.0)
    assert _overlaps(positions, radius, slack=1.0) == []


def test_radial_tree_of_a_forest_and_a_chain():
    positions = radial_tree({"a": ["b"], "b": ["c"]}, ["a", "x"],
                            {"a": 5, "b": 5, "c": 5, "x": 5})
    assert set(positions) == {"a", "b", "c", "x"}
    a, b, c = (positions[n] for n in "abc")
    # A chain grows straight away from its root.
    assert math.isclose(math.dist(a, c), math.dist(a, b) + math.dist(b, c), rel_tol=1e-3)


@pytest.mark.parametrize("shape", ["chain", "caterpillar", "star"])
def test_radial_tree_grows_with_the_tree_not_exponentially(shape):
    """A back-and-forth of 2,000 replies (with a side reply to each, or all answering the
    article): every node placed, none overlapping its neighbours, within a size linear in
    the number of posts."""
    size = 2000
    if shape == "chain":
        children = {n: [n + 1] for n in range(size - 1)}
    elif shape == "caterpillar":
        children = {n: [c for c in (n + 2, n + 1) if c < size] for n in range(0, size, 2)}
    else:
        children = {0: list(range(1, size))}
    radius = dict.fromkeys(range(size), 20.0)
    positions = radial_tree(children, [0], radius)
    assert len(positions) == size
    extent = max(max(abs(x), abs(y)) for x, y in positions.values())
    assert math.isfinite(extent) and extent < size * (2 * 20.0 + 12.0)
    ordered = [positions[n] for n in sorted(positions)]
    assert min(math.dist(a, b) for a, b in zip(ordered, ordered[1:], strict=False)) >= 40.0


def test_sunflower_keeps_points_apart():
    points = sunflower(200, 16.0)
    assert points[0] == (0.0, 0.0)
    closest = min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1:])
    assert closest > 15.9  # Vogel's spiral: neighbours about `spacing` apart


def test_hubs_and_ring_puts_shared_hubs_inside_and_own_ones_outside():
    ring = [f"c{i}" for i in range(12)]
    links = {(c, "shared"): 1.0 for c in ring} | {("c0", "own"): 1.0, ("c1", "pair"): 1.0,
                                                 ("c7", "pair"): 1.0}
    radius = dict.fromkeys([*ring, "shared", "own", "pair"], 10.0)
    positions = hubs_and_ring(ring, ["shared", "own", "pair"], links, radius)
    ring_distance = math.hypot(*positions["c0"])
    assert all(math.isclose(math.hypot(*positions[c]), ring_distance, rel_tol=1e-3)
               for c in ring)
    assert math.hypot(*positions["shared"]) < ring_distance / 3
    assert math.hypot(*positions["own"]) > ring_distance
    assert math.hypot(*positions["pair"]) < ring_distance
    assert _overlaps(positions, radius) == []


def test_separate_pushes_apart_and_leaves_fixed_nodes():
    positions = {"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (3.0, 0.0)}
    radius = dict.fromkeys(positions, 5.0)
    moved = separate(positions, radius, fixed={"a"}, gap=0.0)
    assert moved["a"] == (0.0, 0.0)
    assert _overlaps(moved, radius, slack=0.2) == []


# --- The reply forest ----------------------------------------------------------------------------


def test_reply_forest_survives_loops_and_orphans(tiny_graph):
    # A reply loop (c1 -> c2 -> c1) and a comment from a debate without its article.
    tiny_graph.remove_edge(C1, ART, key="replies_to")
    add_edge(tiny_graph, C1, C2, EdgeKind.REPLIES_TO)
    lone = add_node(tiny_graph, ids.post_id("other", "c1"), NodeKind.COMMENT, "lone",
                    discussion=ids.discussion_id("other"), text="x", position=1)
    forest = reply_forest(tiny_graph)
    assert sorted(forest.nodes()) == sorted([ART, C1, C2, lone])
    assert lone in forest.roots
    pages = render_views(tiny_graph)
    assert len(payload(pages["thread.html"].decode())["nodes"]) == 4


def test_keep_hangs_a_post_under_its_nearest_kept_ancestor(tiny_graph):
    forest = reply_forest(tiny_graph)
    assert forest.keep([C2]).parent == {C2: ART}
