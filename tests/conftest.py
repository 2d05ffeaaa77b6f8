"""Shared fixtures: a small hand-built graph model that every exporter is tested on; and the
Hypothesis profiles of the property tests (test_fuzz_*.py)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.graph import ids
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node, new_graph

DATA = Path(__file__).parent / "data"
BERLIN = ZoneInfo("Europe/Berlin")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


CI_EXAMPLES = 500
"""Examples per property test in the "ci" profile."""


def _register_hypothesis_profiles() -> None:
    """HYPOTHESIS_PROFILE picks one; "ci" if unset.

    ci:   the bounded run of the README's test command (about a minute of fuzzing on two
          cores): the same examples every run (derandomize), nothing stored, no deadline
          (a shared CI machine is slow at times, and slowness is not what these tests check).
    fuzz: a long random search that remembers what failed (.hypothesis/), for a night's run:
          HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz_*.py
    """
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:  # not installed (the `test` extra has it): nothing to set up
        return
    settings.register_profile("ci", max_examples=CI_EXAMPLES, deadline=None, derandomize=True,
                              database=None, print_blob=True,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("fuzz", max_examples=20_000, deadline=None, print_blob=True,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_register_hypothesis_profiles()


def reported(problem: str):
    """Marks a test that fails on a bug reported to the owner of the code, not fixed yet:
    expected to fail, strictly, so that the fix shows (as XPASS): then remove the mark."""
    return pytest.mark.xfail(strict=True, reason=f"reported, not fixed yet: {problem}")


def fuzz_examples(under_ci: int) -> int:
    """Examples for a property whose examples are costly: `under_ci` in the ci profile,
    scaled like the loaded profile's max_examples."""
    from hypothesis import settings

    return max(1, under_ci * settings().max_examples // CI_EXAMPLES)


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


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium over the DevTools protocol (tests/test_views_browser.py), one per
    test module; skipped where it cannot run."""
    from test_views_browser import CHROMIUM, Chromium

    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    pytest.importorskip("websocket", reason="websocket-client is not installed")
    chromium = Chromium(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()
