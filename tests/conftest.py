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
    return g
