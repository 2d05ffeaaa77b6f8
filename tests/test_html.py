"""The offline HTML view: no remote resources, inert debate text, shared palette, determinism."""

from __future__ import annotations

import html
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import XSS

from argkg.graph import ids
from argkg.graph.html import (
    TOOLTIP_TEXT_LIMIT,
    edge_tooltip,
    node_tooltip,
    render_html,
    stabilization_iterations,
    vis_edges,
    vis_nodes,
    vis_options,
)
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node, new_graph
from argkg.graph.style import (
    ACCEPTANCE_COLOURS,
    ATTACK_COLOUR,
    EDGE_STYLES,
    NEUTRAL_COLOUR,
    NODE_COLOURS,
    SUPPORT_COLOUR,
    UNIT_ROLE_COLOURS,
    node_colour,
)

CHROMIUM = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
ARTICLE_U0 = ids.unit_id(ids.post_id("tiny", "article"), 0)
C1_U0 = ids.unit_id(ids.post_id("tiny", "c1"), 0)
C2_U0 = ids.unit_id(ids.post_id("tiny", "c2"), 0)
UNSEEN = ids.unseen_text_id(ids.discussion_id("tiny"), XSS)


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


@pytest.fixture
def page(tiny_graph) -> str:
    return render_html(tiny_graph)


# --- Offline ---------------------------------------------------------------------------


def test_page_loads_nothing_from_the_network(page):
    for tag, attrs in parse(page).tags:
        for name in ("src", "href"):
            assert not REMOTE.match(attrs.get(name) or ""), (tag, attrs)
    assert "cdn.jsdelivr.net" not in page and "bootstrap" not in page.lower()


def test_vis_network_is_inlined(page):
    scripts = parse(page).scripts
    assert any("vis-network" in s and "Network" in s for s in scripts)
    assert "network = new vis.Network(container, data, options);" in page


# --- Inert text --------------------------------------------------------------------------


def test_payloads_never_appear_unescaped(tiny_graph, page):
    # The fixture carries the payload in unit and unseen texts too, not only in posts.
    assert XSS in tiny_graph.nodes[C2_U0]["text"] and tiny_graph.nodes[UNSEEN]["text"] == XSS
    assert XSS not in page
    assert "<script>alert" not in page
    assert "<img" not in page.lower()
    # Only the page's own scripts: a payload's </script> would have split one of them.
    tags = parse(page).tags
    assert not any(tag == "img" for tag, _ in tags)
    assert all(set(attrs) <= {"type"} for tag, attrs in tags if tag == "script")


def test_heading_and_title_are_escaped(tiny_graph):
    page = render_html(tiny_graph, title=XSS)
    escaped = html.escape(XSS)
    assert f"<h1>{escaped}</h1>" in page
    assert f"<title>{escaped}</title>" in page
    assert XSS not in page


def test_href_in_text_does_not_switch_on_pyvis_html_popup(tiny_graph):
    # pyvis would set popup.innerHTML = title for every node once any title contains "href".
    post = ids.post_id("tiny", "c1")
    tiny_graph.nodes[post]["text"] = '<a href="javascript:alert(1)">klick</a>'
    page = render_html(tiny_graph)
    assert "popup.innerHTML" not in page
    assert '<a href="javascript' not in page


def test_tooltips_are_plain_text_with_the_facts(tiny_graph):
    nodes = {n["id"]: n for n in vis_nodes(tiny_graph)}
    comment = nodes[ids.post_id("tiny", "c2")]["title"]
    assert "Eve " + XSS in comment and "2022-01-09 00:05+01:00" in comment and "Unsinn" in comment
    actor = nodes[ids.actor_id("Wladimir Putin")]["title"]
    for fact in ("Person", "Q7747", "Präsident Putin", "Mentioned 2 times"):
        assert fact in actor
    candidate = nodes[ids.actor_id(XSS)]["title"]
    assert "Candidate" in candidate and "()" not in candidate


def test_unit_and_unseen_text_tooltips_show_their_text_as_text(tiny_graph):
    nodes = {n["id"]: n for n in vis_nodes(tiny_graph)}
    premise = nodes[C2_U0]["title"]
    assert premise.startswith("Premise\nAcceptance: ✓ in (accepted)")
    assert f"Unsinn {XSS} sagt Putin." in premise and "characters 0–74" in premise
    central = nodes[ARTICLE_U0]["title"]
    assert "central claim" in central and "✗ out (rejected)" in central
    assert nodes[UNSEEN]["title"].endswith("\n\n" + XSS)


def test_a_unit_without_role_or_acceptance_says_so_plainly():
    data = {"kind": "unit", "label": "Hallo", "text": "Hallo", "role": "none",
            "acceptance": None, "central": False, "post": "post/d/c1", "start": 0, "end": 5}
    assert node_tooltip(data, 0) == "No argumentative role\npost/d/c1 · characters 0–5\n\nHallo"


def test_edge_tooltips_give_the_evidence(tiny_graph):
    titles = {(u, v, d["kind"]): edge_tooltip(d) for u, v, d in tiny_graph.edges(data=True)}
    assert titles[C2_U0, C1_U0, "supports"] == "supports · thread · cue: agreement"
    assert titles[C1_U0, ARTICLE_U0, "attacks"] == "attacks · thread · cue: schuld"
    c1, c2, article = (ids.post_id("tiny", key) for key in ("c1", "c2", "article"))
    assert titles[c1, article, "stance"] == "stance: attack · cues: schuld"
    assert titles[c2, c1, "stance"] == "stance: neutral"
    assert titles[C2_U0, UNSEEN, "quotes"] == "quotes · exact · score 1.00"
    assert titles[C2_U0, ids.actor_id("Wladimir Putin"), "attributed_to"] == (
        "attributed to · cue: sagt")


def test_long_comment_text_is_truncated_in_the_tooltip():
    data = {"kind": "comment", "label": "c9", "text": "Wort " * 1000, "author": "A", "position": 9}
    tooltip = node_tooltip(data, 0)
    assert tooltip.endswith("…")
    assert len(tooltip) < TOOLTIP_TEXT_LIMIT + 100


# --- Look ----------------------------------------------------------------------------------


def test_nodes_use_the_shared_palette_and_actor_shapes(tiny_graph):
    nodes = {n["id"]: n for n in vis_nodes(tiny_graph)}
    for node, data in tiny_graph.nodes(data=True):
        colour = nodes[node]["color"]
        fill = colour["background"] if isinstance(colour, dict) else colour
        assert fill == node_colour(data)
        if data["kind"] != NodeKind.UNIT:
            assert fill == NODE_COLOURS[data["kind"]]
    assert nodes[ids.actor_id("Wladimir Putin")]["shape"] == "diamond"
    assert nodes[ids.actor_id("NATO")]["shape"] == "square"
    assert nodes[ids.actor_id(XSS)]["shape"] == "dot"


def test_units_are_small_coloured_by_role_and_bordered_by_acceptance(tiny_graph):
    nodes = {n["id"]: n for n in vis_nodes(tiny_graph)}
    premise, central = nodes[C2_U0], nodes[C1_U0]
    assert premise["color"] == {"background": UNIT_ROLE_COLOURS["premise"],
                                "border": ACCEPTANCE_COLOURS["in"]}
    assert central["color"] == {"background": UNIT_ROLE_COLOURS["claim"],
                                "border": ACCEPTANCE_COLOURS["in"]}
    assert nodes[ARTICLE_U0]["color"]["border"] == ACCEPTANCE_COLOURS["out"]
    # The central claim stands out: a bigger diamond with a thicker border.
    assert (central["shape"], premise["shape"]) == ("diamond", "dot")
    assert central["size"] > premise["size"] and central["borderWidth"] > premise["borderWidth"]
    assert premise["size"] < nodes[ids.post_id("tiny", "c2")]["size"]
    # Acceptance also shows without colour, as a mark before the label.
    assert central["label"].startswith("✓ Die Nato") and nodes[ARTICLE_U0]["label"][0] == "✗"
    assert nodes[UNSEEN]["color"] == NODE_COLOURS[NodeKind.UNSEEN_TEXT]


def test_a_unit_without_acceptance_has_a_plain_colour_and_label(tiny_graph):
    tiny_graph.nodes[C2_U0].update(role="none", acceptance=None)
    unit = next(n for n in vis_nodes(tiny_graph) if n["id"] == C2_U0)
    assert unit["color"] == UNIT_ROLE_COLOURS["none"]
    assert unit["label"].startswith("Unsinn")


def test_actors_grow_with_their_mentions(tiny_graph):
    nodes = {n["id"]: n for n in vis_nodes(tiny_graph)}
    assert nodes[ids.actor_id("Wladimir Putin")]["size"] > nodes[ids.actor_id(XSS)]["size"]


def test_edges_styled_by_kind(tiny_graph):
    edges = vis_edges(tiny_graph)
    assert len(edges) == tiny_graph.number_of_edges()
    by_colour = {e["color"] for e in edges}
    assert {EDGE_STYLES[k].colour for k in (EdgeKind.REPLIES_TO, EdgeKind.MENTIONS)} <= by_colour
    dashed = {e["title"].split(" · ")[0] for e in edges if e["dashes"]}
    assert dashed == {"in discussion", "authored by", "answers", "quotes", "attributed to"}


def test_supports_green_attacks_red_and_stances_by_stance(tiny_graph):
    edges = {(e["from"], e["to"], e["title"].split(" · ")[0]): e for e in vis_edges(tiny_graph)}
    supports, attacks = edges[C2_U0, C1_U0, "supports"], edges[C1_U0, ARTICLE_U0, "attacks"]
    assert (supports["color"], attacks["color"]) == (SUPPORT_COLOUR, ATTACK_COLOUR)
    assert supports["width"] > edges[C2_U0, UNSEEN, "quotes"]["width"]
    c1, c2, article = (ids.post_id("tiny", key) for key in ("c1", "c2", "article"))
    assert edges[c1, article, "stance: attack"]["color"] == ATTACK_COLOUR
    assert edges[c2, c1, "stance: neutral"]["color"] == NEUTRAL_COLOUR
    # A stance runs beside the reply between the same posts: it curves to stay visible.
    assert edges[c1, article, "stance: attack"]["smooth"]["enabled"] is True
    assert "smooth" not in edges[c1, article, "replies to"]
    has_unit = edges[c1, C1_U0, "has unit"]
    assert has_unit["width"] < 1 and has_unit["color"] == EDGE_STYLES[EdgeKind.HAS_UNIT].colour
    tiny_graph.edges[c2, c1, "stance"]["stance"] = "support"
    assert next(e for e in vis_edges(tiny_graph)
                if e["title"] == "stance: support")["color"] == SUPPORT_COLOUR


def test_header_has_title_counts_and_legend(page):
    header = page[page.index('<header id="argkg-header">'):page.index("</header>")]
    assert "<h1>Tiny debate</h1>" in header
    assert "14 nodes · 25 edges" in header
    for kind in NodeKind:
        assert kind.replace("_", " ") in header and NODE_COLOURS[kind] in header
    for kind in EdgeKind:
        assert kind.replace("_", " ") in header
    assert "comment (2)" in header and "mentions (5)" in header


def test_legend_explains_the_argument_layer(page):
    header = page[page.index('<header id="argkg-header">'):page.index("</header>")]
    for entry in ("unit (3)", "unseen text (1)", "claim (2)", "premise (1)",
                  "no argumentative role (0)", "central claim (2)", "✓ in (2)", "✗ out (1)",
                  "? undecided (0)", "has unit (3)", "supports (1)", "attacks (1)",
                  "stance: support (0)", "stance: attack (1)", "stance: neutral (1)",
                  "answers (1)", "quotes (1)", "attributed to (1)"):
        assert entry in header, entry
    assert f"border-color:{SUPPORT_COLOUR}\"></span>supports" in header
    assert f"border-color:{ATTACK_COLOUR}\"></span>attacks" in header


# --- Layout and determinism --------------------------------------------------------------


def test_physics_settles_then_stops(page):
    options = vis_options(10)
    assert options["layout"]["randomSeed"] is not None
    assert options["physics"]["stabilization"]["enabled"] is True
    created = page.index("network = new vis.Network(container, data, options);")
    freeze = page.index('network.once("stabilizationIterationsDone"', created)
    assert "network.setOptions({physics: false});" in page[freeze:freeze + 300]


def test_big_graphs_get_fewer_layout_rounds():
    assert stabilization_iterations(10) == 1000
    assert stabilization_iterations(800) < 300
    assert stabilization_iterations(50_000) == 50


def test_same_graph_same_bytes(tiny_graph):
    assert render_html(tiny_graph) == render_html(tiny_graph)


def test_same_bytes_in_another_process(tiny_graph, tmp_path):
    """No dependence on hash randomisation, time or randomness in another interpreter."""
    out = in_another_process("argkg.graph.html", "render_html", tiny_graph, tmp_path)
    assert out == render_html(tiny_graph)


def in_another_process(module: str, function: str, graph, tmp_path, hash_seed: str = "12345"):
    """`function(graph)` computed by a fresh interpreter with another hash seed."""
    pickled = tmp_path / "graph.pickle"
    pickled.write_bytes(pickle.dumps(graph))
    code = (f"import pickle, sys; from {module} import {function}; "
            f"sys.stdout.buffer.write(pickle.dumps({function}(pickle.load(open(sys.argv[1], "
            "'rb')))))")
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run([sys.executable, "-c", code, str(pickled)], env=env,
                         capture_output=True, check=True, timeout=120).stdout
    return pickle.loads(out)


def _wide_graph(comments: int):
    g = new_graph()
    disc = add_node(g, ids.discussion_id("wide"), NodeKind.DISCUSSION, "Wide", title="Wide")
    actor = add_node(g, ids.actor_id("NATO"), NodeKind.ACTOR, "NATO", actor_type="Organization")
    for i in range(comments):
        post = add_node(g, ids.post_id("wide", f"c{i}"), NodeKind.COMMENT, f"c{i}",
                        text="Nato " * 30)
        add_edge(g, post, disc, EdgeKind.IN_DISCUSSION)
        add_edge(g, post, actor, EdgeKind.MENTIONS, count=1, surfaces=("Nato",), spans=((0, 4),))
    return g


def test_twenty_thousand_nodes_render_quickly():
    # pyvis' add_node/add_edge took 30 s for 20k nodes; filling its lists directly takes ~1 s.
    graph = _wide_graph(20_000)
    started = time.perf_counter()
    page = render_html(graph)
    assert time.perf_counter() - started < 15
    assert page.count('"shape": "dot"') >= 20_000


def test_changed_pyvis_template_fails_loudly(monkeypatch, tiny_graph):
    from argkg.graph import html as html_module

    monkeypatch.setattr(html_module, "_render_pyvis_template",
                        lambda net: "<html><body></body></html>")
    with pytest.raises(RuntimeError, match="pyvis template changed"):
        render_html(tiny_graph)


# --- In a real browser -------------------------------------------------------------------

# Runs first: any script that a payload manages to start calls alert(), which marks the page.
_ALERT_TRAP = ('<script>window.alert = function () {'
               ' document.documentElement.setAttribute("data-xss", "ran"); };</script>')

# After the layout settles, hover every node like a mouse would and copy its tooltip out.
_HOVER_EVERY_NODE = r"""<script>
function argkgHoverAll() {
  var canvas = document.querySelector("#mynetwork canvas");
  var rect = canvas.getBoundingClientRect();
  var ids = nodes.getIds(), i = 0;
  function move(x, y) {
    canvas.dispatchEvent(new MouseEvent("mousemove", {clientX: x, clientY: y, bubbles: true}));
  }
  var tries = 0;
  function next() {
    if (i >= ids.length) { document.body.setAttribute("data-hovered", String(ids.length)); return; }
    var id = ids[i];
    var at = network.canvasToDOM(network.getPositions([id])[id]);
    // Under the pointer must be this node, not another or an edge: wait out a moving view.
    if (network.getNodeAt(at) !== id && ++tries < 20) { setTimeout(next, 200); return; }
    i++; tries = 0;
    move(rect.left + at.x, rect.top + at.y);
    setTimeout(function () {
      var tip = document.querySelector("div.vis-tooltip");
      var out = document.createElement("pre");
      out.className = "hovered";
      out.setAttribute("data-node", id);
      out.setAttribute("data-visible", tip ? tip.style.visibility : "none");
      var elements = tip ? tip.querySelectorAll("*:not(br)").length : -1;
      out.setAttribute("data-elements", String(elements));
      out.textContent = tip ? tip.textContent : "";
      document.body.appendChild(out);
      move(rect.left + 1, rect.top + 1);
      setTimeout(next, 400);
    }, 600);
  }
  next();
}
var argkgWait = setInterval(function () {
  if (document.body.getAttribute("data-argkg-layout") === "done") {
    clearInterval(argkgWait);
    argkgHoverAll();
  }
}, 50);
</script>"""


def _dump_dom(page: str, tmp_path: Path) -> str:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1200,900", "--virtual-time-budget=30000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _html_tag(dom: str) -> str:
    return re.search(r"<html[^>]*>", dom).group(0)


def _tooltips(dom: str) -> dict[str, tuple[dict, str]]:
    found = {}
    for match in re.finditer(r'<pre class="hovered"([^>]*)>(.*?)</pre>', dom, re.S):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        found[html.unescape(attrs["data-node"])] = (attrs, html.unescape(match.group(2)))
    return found


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_chromium_trap_catches_a_raw_payload(page, tmp_path):
    """The control: the trap below really notices a payload that runs."""
    unsafe = page.replace("<head>", "<head>" + _ALERT_TRAP, 1).replace("<body>", "<body>" + XSS, 1)
    assert 'data-xss="ran"' in _html_tag(_dump_dom(unsafe, tmp_path))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_in_chromium_no_payload_runs_and_tooltips_show_text(tiny_graph, page, tmp_path):
    probed = page.replace("<head>", "<head>" + _ALERT_TRAP, 1)
    probed = probed.replace("</body>", _HOVER_EVERY_NODE + "</body>", 1)
    dom = _dump_dom(probed, tmp_path)
    assert "data-xss" not in _html_tag(dom)
    assert re.search(r'<body[^>]*data-argkg-layout="done"', dom), "physics never settled"
    tooltips = _tooltips(dom)
    assert set(tooltips) == set(tiny_graph.nodes)
    for node, (attrs, _text) in tooltips.items():
        assert attrs["data-visible"] == "visible", node
        assert attrs["data-elements"] == "0", node  # text and line breaks only, no elements
    for node in (ids.post_id("tiny", "c2"), ids.actor_id(XSS), C2_U0, UNSEEN):
        assert XSS in tooltips[node][1], node
