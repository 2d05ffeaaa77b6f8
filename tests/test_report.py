"""The overview page: its numbers, charts that load nothing, inert debate text, determinism,
and a graph of several discussions summed up."""

from __future__ import annotations

import html
import os
import pickle
import subprocess
import sys
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from conftest import BERLIN, XSS

from argkg.graph import ids
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node, new_graph
from argkg.graph.report import (
    CSP,
    acceptance_rows,
    attacked_statements,
    comment_times,
    commenter_rows,
    mentioned_actors,
    render_report,
    stance_rows,
    thread_depths,
    time_columns,
)
from argkg.graph.style import ATTACK_COLOUR, NEUTRAL_COLOUR

C1, C2 = ids.post_id("tiny", "c1"), ids.post_id("tiny", "c2")
C1_U0, C2_U0 = ids.unit_id(C1, 0), ids.unit_id(C2, 0)
ARTICLE_U0 = ids.unit_id(ids.post_id("tiny", "article"), 0)


class _Page(HTMLParser):
    """Every start tag with its attributes, and all text (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: bytes) -> _Page:
    parser = _Page()
    parser.feed(page.decode("utf-8"))
    return parser


def second_discussion(graph):
    """Adds a discussion of one article and one comment, a week later, by a new commenter."""
    disc = add_node(graph, ids.discussion_id("two"), NodeKind.DISCUSSION, "Second debate",
                    title="Second debate", url=None, language="de", source="two.json")
    art = add_node(graph, ids.post_id("two", "article"), NodeKind.ARTICLE, "Second debate",
                   discussion=disc, title="Second debate", text="Die Nato tagt.", author=None,
                   published=None, teaser=None, position=0)
    comment = add_node(graph, ids.post_id("two", "c1"), NodeKind.COMMENT, "c1", discussion=disc,
                       text="Gut so.", author="Zora",
                       published=datetime(2022, 1, 16, 9, 30, tzinfo=BERLIN), position=1)
    zora = add_node(graph, ids.commenter_id("local", "Zora"), NodeKind.COMMENTER, "Zora",
                    name="Zora", site="local")
    for post in (art, comment):
        add_edge(graph, post, disc, EdgeKind.IN_DISCUSSION)
    add_edge(graph, comment, zora, EdgeKind.AUTHORED_BY)
    add_edge(graph, comment, art, EdgeKind.REPLIES_TO)
    add_edge(graph, comment, art, EdgeKind.STANCE, stance="support", cues=())
    if ids.actor_id("NATO") not in graph:
        add_node(graph, ids.actor_id("NATO"), NodeKind.ACTOR, "NATO", actor_type="Organization",
                 qid="Q7184", candidate=False, aliases=())
    add_edge(graph, comment, ids.actor_id("NATO"), EdgeKind.MENTIONS, count=4,
             surfaces=("Nato",), spans=((4, 8),))
    return graph


# --- The numbers ---------------------------------------------------------------------------


def test_actors_are_ranked_by_mentions_then_label(tiny_graph):
    bars = mentioned_actors(tiny_graph)
    assert [(b.label, b.value, b.note) for b in bars] == [
        ("NATO", 2, "2 posts"), ("Wladimir Putin", 2, "2 posts"), (XSS, 1, "1 post")]


def test_thread_depth_follows_replies(tiny_graph):
    assert thread_depths(tiny_graph) == {C1: 1, C2: 2}


def test_the_most_attacked_statements(tiny_graph):
    add_edge(tiny_graph, C1_U0, C2_U0, EdgeKind.ATTACKS, scope="thread", cue="unsinn")
    statements = attacked_statements(tiny_graph)
    assert [(s.attacks, s.supports, s.role, s.acceptance) for s in statements] == [
        (1, 0, "claim", "out"), (1, 0, "premise", "in")]
    assert statements[0].where == "the article"
    assert statements[1].where == f"comment 2 by Eve {XSS}"


def test_stances_acceptance_and_commenters(tiny_graph):
    stances = {label: {s.label: (s.value, s.colour) for s in segments}
               for label, segments in stance_rows(tiny_graph)}
    assert stances["replies to the article"]["attack"] == (1, ATTACK_COLOUR)
    assert stances["replies to comments"]["neutral"] == (1, NEUTRAL_COLOUR)
    acceptance = {label: {s.label: s.value for s in segments}
                  for label, segments in acceptance_rows(tiny_graph)}
    assert acceptance == {"claims": {"in (accepted)": 1, "out (rejected)": 1, "undecided": 0},
                          "premises": {"in (accepted)": 1, "out (rejected)": 0, "undecided": 0}}
    rows = commenter_rows(tiny_graph)
    assert [(r.name, r.comments, r.replies, r.attacked) for r in rows] == [
        ("Bernd B.", 1, 1, 0), (f"Eve {XSS}", 1, 0, 0)]


def test_time_columns_keep_empty_hours_and_summer_time():
    # Summer time begins at 02:00 on 2022-03-27 in Berlin: 01:30 and 03:30 are an hour apart.
    times = [datetime(2022, 3, 27, 1, 30, tzinfo=BERLIN), datetime(2022, 3, 27, 3, 30,
                                                                     tzinfo=BERLIN)]
    assert time_columns(times) == ("hour", [("03-27 01:00", 1), ("03-27 03:00", 1)])
    start = datetime(2022, 1, 8, 12, tzinfo=BERLIN)
    days = [start, start + timedelta(days=2), start + timedelta(days=4)]
    assert time_columns(days) == ("day", [("2022-01-08", 1), ("2022-01-09", 0),
                                          ("2022-01-10", 1), ("2022-01-11", 0),
                                          ("2022-01-12", 1)])
    months = [start, datetime(2022, 6, 1, tzinfo=BERLIN)]
    unit, columns = time_columns(months)
    assert unit == "month" and [label for label, _ in columns][::5] == ["2022-01", "2022-06"]
    assert time_columns([]) == ("", [])


def test_comment_times_share_the_first_zone(tiny_graph):
    times = comment_times(tiny_graph)
    assert [t.isoformat() for t in times] == ["2022-01-08T18:19:00+01:00",
                                              "2022-01-09T00:05:00+01:00"]


# --- The page ------------------------------------------------------------------------------


def test_the_page_shows_the_numbers_and_charts(tiny_graph):
    page = render_report(tiny_graph)
    text = " ".join(" ".join(parse(page).text).split())
    assert page.startswith(b"<!DOCTYPE html>")
    assert "Tiny debate" in text and "1 discussion · 2 comments" in text
    assert "2022-01-08 18:19 to 2022-01-09 00:05 (CET)" in text
    for figure in ("comments 2", "commenters 2", "replies to comments 1", "actors named 3",
                   "mentions 5", "claims 2", "premises 1", "supports 1", "attacks 1"):
        assert figure in text
    assert page.count(b'<svg class="chart"') == 5  # time, stance, actors, acceptance, depth
    assert "Putin droht der Nato." in text  # the attacked claim of the article


def test_the_page_loads_nothing_and_runs_nothing(tiny_graph):
    page = render_report(tiny_graph)
    tags = parse(page).tags
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & {
        tag for tag, _ in tags}
    attributes = {name for _, attrs in tags for name in attrs}
    assert not {"src", "href", "srcset", "action", "xlink:href"} & attributes
    assert not any(name.startswith("on") for name in attributes)
    assert b"://" not in page and b"url(" not in page and b"@import" not in page
    assert ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}) in tags


def test_debate_text_stays_text(tiny_graph):
    add_edge(tiny_graph, C1_U0, C2_U0, EdgeKind.ATTACKS, scope="thread", cue="unsinn")
    page = render_report(tiny_graph, title=XSS)
    assert XSS.encode() not in page and b"<script" not in page
    parsed = parse(page)
    text = "".join(parsed.text)
    assert text.count(XSS) >= 5  # title, heading, actor bar and its tooltip, statement, author
    assert f"Eve {XSS}" in text
    assert html.escape(XSS, quote=True).encode() in page


def test_same_graph_same_bytes(tiny_graph, tmp_path):
    assert render_report(tiny_graph) == render_report(tiny_graph)
    pickled = tmp_path / "graph.pickle"
    pickled.write_bytes(pickle.dumps(tiny_graph))
    code = ("import pickle, sys; from argkg.graph.report import render_report; "
            "sys.stdout.buffer.write(render_report(pickle.load(open(sys.argv[1], 'rb'))))")
    env = {**os.environ, "PYTHONHASHSEED": "777", "TZ": "America/Chicago", "LC_ALL": "C"}
    out = subprocess.run([sys.executable, "-c", code, str(pickled)], env=env,
                         capture_output=True, check=True, timeout=120).stdout
    assert out == render_report(tiny_graph)


def test_several_discussions_are_summed_up(tiny_graph):
    page = render_report(second_discussion(tiny_graph))
    text = " ".join(" ".join(parse(page).text).split())
    assert "2 discussions · 3 comments" in text and "<h1>2 discussions</h1>" in page.decode()
    assert "comments 3" in text and "commenters 3" in text
    assert "Discussions" in text
    assert "Tiny debate 2 2 2022-01-08 18:19 2022-01-09 00:05 2 1" in text
    assert "Second debate 1 1 2022-01-16 09:30 2022-01-16 09:30 1 0" in text
    assert mentioned_actors(tiny_graph)[0].label == "NATO"  # 2 + 4 mentions
    assert "comments per day" in text.lower()  # a week apart: one column a day


@pytest.mark.parametrize("build", [new_graph, lambda: second_discussion(new_graph())])
def test_sparse_graphs_still_render(build):
    page = render_report(build())
    assert page.startswith(b"<!DOCTYPE html>") and page.endswith(b"</html>\n")


def test_an_empty_graph_says_so():
    text = " ".join(parse(render_report(new_graph())).text)
    assert "No comment has a date." in text and "No actor is mentioned." in text
