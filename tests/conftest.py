"""Shared fixtures: a small hand-built graph model that every exporter is tested on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.graph import ids
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node, new_graph

DATA = Path(__file__).parent / "data"
BERLIN = ZoneInfo("Europe/Berlin")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def tiny_graph():
    """An article, two comments (one a reply, one with XSS payloads), commenters and actors."""
    g = new_graph()
    disc = add_node(g, ids.discussion_id("tiny"), NodeKind.DISCUSSION, "Tiny debate",
                    title="Tiny debate", url=None, language="de", source="tiny.json")
    art = add_node(g, ids.post_id("tiny", "article"), NodeKind.ARTICLE, "Tiny debate",
                   discussion=disc, title="Tiny debate", text="Putin droht der Nato.",
                   author="Anna Autorin", published=datetime(2022, 1, 8, 12, 0, tzinfo=BERLIN),
                   teaser=None, position=0)
    c1 = add_node(g, ids.post_id("tiny", "c1"), NodeKind.COMMENT, "c1", discussion=disc,
                  text="Die Nato ist schuld & Russland auch.", author="Bernd B.",
                  published=datetime(2022, 1, 8, 18, 19, tzinfo=BERLIN), position=1)
    c2 = add_node(g, ids.post_id("tiny", "c2"), NodeKind.COMMENT, "c2", discussion=disc,
                  text=f"Unsinn {XSS} sagt Putin.", author=f"Eve {XSS}",
                  published=datetime(2022, 1, 9, 0, 5, tzinfo=BERLIN), position=2)
    anna = add_node(g, ids.commenter_id("local", "Anna Autorin"), NodeKind.COMMENTER,
                    "Anna Autorin", name="Anna Autorin", site="local")
    bernd = add_node(g, ids.commenter_id("local", "Bernd B."), NodeKind.COMMENTER, "Bernd B.",
                     name="Bernd B.", site="local")
    eve = add_node(g, ids.commenter_id("local", f"Eve {XSS}"), NodeKind.COMMENTER, f"Eve {XSS}",
                   name=f"Eve {XSS}", site="local")
    putin = add_node(g, ids.actor_id("Wladimir Putin"), NodeKind.ACTOR, "Wladimir Putin",
                     actor_type="Person", qid="Q7747", candidate=False,
                     aliases=("Putin", "Präsident Putin"))
    nato = add_node(g, ids.actor_id("NATO"), NodeKind.ACTOR, "NATO", actor_type="Organization",
                    qid="Q7184", candidate=False, aliases=("Nato",))
    evil = add_node(g, ids.actor_id(XSS), NodeKind.ACTOR, XSS, actor_type="Unknown", qid=None,
                    candidate=True, aliases=())
    for post in (art, c1, c2):
        add_edge(g, post, disc, EdgeKind.IN_DISCUSSION)
    add_edge(g, art, anna, EdgeKind.AUTHORED_BY)
    add_edge(g, c1, bernd, EdgeKind.AUTHORED_BY)
    add_edge(g, c2, eve, EdgeKind.AUTHORED_BY)
    add_edge(g, c1, art, EdgeKind.REPLIES_TO)
    add_edge(g, c2, c1, EdgeKind.REPLIES_TO)
    add_edge(g, art, putin, EdgeKind.MENTIONS, count=1, surfaces=("Putin",), spans=((0, 5),))
    add_edge(g, art, nato, EdgeKind.MENTIONS, count=1, surfaces=("Nato",), spans=((16, 20),))
    add_edge(g, c1, nato, EdgeKind.MENTIONS, count=1, surfaces=("Nato",), spans=((4, 8),))
    add_edge(g, c2, putin, EdgeKind.MENTIONS, count=1, surfaces=("Putin",), spans=((78, 83),))
    add_edge(g, c2, evil, EdgeKind.MENTIONS, count=1, surfaces=(XSS,), spans=((7, 71),))
    _add_arguments(g, disc, art, c1, c2, putin)
    return g


def _add_arguments(g, disc, art, c1, c2, putin):
    """Units, an internal support, stances, a quote, an attribution and acceptance."""
    def unit(post, index, start, end, role, acceptance, central=False):
        text = g.nodes[post]["text"][start:end]
        node = add_node(g, ids.unit_id(post, index), NodeKind.UNIT, text, discussion=disc,
                        post=post, index=index, start=start, end=end, text=text, role=role,
                        central=central, acceptance=acceptance)
        add_edge(g, post, node, EdgeKind.HAS_UNIT)
        if central:
            add_edge(g, post, node, EdgeKind.CENTRAL_CLAIM)
        return node

    a0 = unit(art, 0, 0, 21, "claim", "out", central=True)
    c1_0 = unit(c1, 0, 0, 36, "claim", "in", central=True)
    c2_0 = unit(c2, 0, 0, len(g.nodes[c2]["text"]), "premise", "in")
    add_edge(g, c1_0, a0, EdgeKind.ATTACKS, scope="thread", cue="schuld")
    add_edge(g, c2_0, c1_0, EdgeKind.SUPPORTS, scope="thread", cue="agreement")
    add_edge(g, c1, art, EdgeKind.STANCE, stance="attack", cues=("schuld",))
    add_edge(g, c2, c1, EdgeKind.STANCE, stance="neutral", cues=())
    add_edge(g, c1, a0, EdgeKind.ANSWERS)
    unseen = add_node(g, ids.unseen_text_id(disc, XSS), NodeKind.UNSEEN_TEXT, XSS,
                      discussion=disc, text=XSS)
    add_edge(g, c2_0, unseen, EdgeKind.QUOTES, start=7, end=71, exact=True, score=1.0)
    add_edge(g, c2_0, putin, EdgeKind.ATTRIBUTED_TO, cue="sagt", start=0, end=71)
