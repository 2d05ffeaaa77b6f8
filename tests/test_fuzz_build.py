"""End to end: small fuzzed discussions (titles, authors, texts, ids) through extraction and
the build's RDF writing give files that rapper and pyoxigraph parse.

The pipeline runs in-process (as pipeline.build_graph does, without reading files): the NLP
pipeline loads once per module, and an example costs a fraction of a second.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from conftest import XSS, fuzz_examples
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from strict_rdf import assert_valid_rdf, needs_rapper

from argkg.discussion import ARTICLE_ID, Article, Comment, Discussion
from argkg.errors import ArgkgError
from argkg.extract.nlp import make_pipeline
from argkg.extract.read_json import read_json
from argkg.graph.assemble import LOCAL_SITE, add_discussion, site_of
from argkg.graph.model import NodeKind, new_graph
from argkg.ontology.rdf import (
    discussion_nquads,
    serialize,
    serialize_dataset,
    to_dataset,
    to_rdf,
)
from argkg.pipeline import extract

# German debate words, so that actors, claims, stances and quotes are found, mixed with what
# breaks naive escaping: markup, quotes, backslashes, control and line-separator characters,
# emoji, combining marks, right-to-left text.
WORDS = ["Putin", "die Nato", "Merkel", "Scholz", "Russland", "droht", "sagt", "weil",
         "aber", "Unsinn", "stimmt nicht", "Sie haben recht", "Herr", "@Bernd", ",", ".", "!",
         "?", "„Zitat“", "»Zitat«", '"Zitat"']
NASTY = [XSS, "</script>", "<!--", "${x}", "`", "\\", "\\u003c", "\\n", "'", '"', "&amp;",
         "\t", "\r", "\r\n", "\x00", "\x0b", "\x0c", "\x1c", "\x7f", "\x85", "\u2028", "\u2029",
         "\ufeff", "\u200b", "\u202e", "😀", "👩‍👩‍👧", "e\u0301", "ß", "Ä", "İ", "ǅ", "שלום",
         "%", "%41", "~", "/", ".", "..", "_:b", "<http://x>", '"""', "@de", "^^"]
WORD = st.one_of(st.sampled_from(WORDS), st.sampled_from(NASTY), st.text(max_size=8))
SENTENCE = st.lists(WORD, min_size=1, max_size=10).map(" ".join)
TEXT = st.lists(SENTENCE, max_size=4).map(". ".join)
NAME = st.one_of(st.none(), st.sampled_from(["Anna", "Bernd B.", "Olaf Scholz", XSS]), WORD)
# Comment ids as the input gives them. Not "article": that one is reported (see
# test_a_comment_called_article_is_its_own_post).
COMMENT_ID = st.one_of(st.integers(0, 10**6).map(str), WORD).filter(lambda i: i != ARTICLE_ID)
WHEN = st.one_of(st.none(), st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)),
                               timezone(timedelta(hours=-12))])))
# Page URLs the RDF mapping links (fuzzed URLs: see test_fuzz_iris, page_iri).
URL = st.sampled_from([None, "https://www.cicero.de/aussenpolitik/nato-russland",
                       "https://example.org/a b?c=ä#d", "javascript:alert(1)",
                       "mailto:leser@example.org", "not a url"])


@st.composite
def discussions(draw) -> Discussion:
    ids = draw(st.lists(COMMENT_ID, max_size=4, unique=True))
    comments = tuple(
        Comment(id=comment_id, text=draw(TEXT), author=draw(NAME), published=draw(WHEN),
                reply_to=draw(st.sampled_from([None, *ids[:n]])))
        for n, comment_id in enumerate(ids))
    article = Article(title=draw(SENTENCE), text=draw(TEXT), author=draw(NAME),
                      published=draw(WHEN), teaser=draw(st.one_of(st.none(), SENTENCE)))
    return Discussion(id=draw(st.one_of(WORD, st.just("d"))), article=article,
                      comments=comments, url=draw(URL), source=draw(WORD))


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def model_of(nlp, discussion: Discussion):
    graph = new_graph()
    add_discussion(graph, extract(nlp, discussion))
    return graph


@needs_rapper
@settings(max_examples=fuzz_examples(150))
@given(discussions())
def test_turtle_and_n_triples_of_fuzzed_discussions_parse(nlp, discussion):
    graph = model_of(nlp, discussion)
    rdf = to_rdf(graph)
    turtle = serialize(rdf, "turtle")
    assert_valid_rdf(turtle, "turtle")
    assert_valid_rdf(rdf.serialize(format="nt", encoding="utf-8"), "nt")
    assert len(Graph().parse(data=turtle, format="turtle")) == len(rdf)  # nothing lost


@needs_rapper
@settings(max_examples=fuzz_examples(150))
@given(discussions())
def test_trig_and_corpus_n_quads_of_fuzzed_discussions_parse(nlp, discussion):
    graph = model_of(nlp, discussion)
    assert_valid_rdf(serialize_dataset(to_dataset(graph), "trig"), "trig")
    # What a corpus build writes per discussion, and concatenates into graph.nq.
    assert_valid_rdf("".join(discussion_nquads(graph)).encode("utf-8"), "nquads")


@needs_rapper
@settings(max_examples=fuzz_examples(100))
@given(discussions())
def test_graph_nq_of_fuzzed_discussions_parses(nlp, discussion):
    """What a single build writes as graph.nq (and loads into its store)."""
    assert_valid_rdf(serialize_dataset(to_dataset(model_of(nlp, discussion)), "nquads"),
                     "nquads")


@settings(max_examples=fuzz_examples(150))
@given(discussions())
def test_every_post_of_a_fuzzed_discussion_is_a_node_of_its_own(nlp, discussion):
    graph = model_of(nlp, discussion)
    posts = [n for n, d in graph.nodes(data=True)
             if d["kind"] in (NodeKind.ARTICLE, NodeKind.COMMENT)]
    assert len(posts) == 1 + len(discussion.comments)


def test_a_comment_called_article_is_refused_by_the_readers():
    """'article' is the article's own key (pipeline.extract, the assembler's posts): a comment
    of that id would replace the article, so reading refuses it."""
    text = json.dumps({"article": {"title": "T", "text": "Putin droht."},
                       "comments": [{"id": "article", "text": "Unsinn."}]})
    with pytest.raises(ArgkgError, match="article"):
        read_json(text, "in.json", ZoneInfo("Europe/Berlin"))


def discussion_at(url: str | None) -> Discussion:
    return Discussion(id="d", article=Article(title="T", text="x"), url=url)


@pytest.mark.parametrize("url", ["http://[", "http://[::1", "https://]x", None])
def test_a_page_url_that_is_no_url_gives_the_local_site(url):
    """Accounts are per site; a broken IPv6 host made urlsplit raise (exit 70)."""
    assert site_of(discussion_at(url)) == LOCAL_SITE


@given(st.one_of(WORD, URL, st.text().map(lambda t: "https://" + t)))
@example("https://www.")
def test_every_page_url_gives_a_site(url):
    assert site_of(discussion_at(url))
