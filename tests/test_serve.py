"""The SPARQL endpoint: a real server on a free port, queried with SPARQLWrapper."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from argkg.ontology.serve import free_port, negotiate, start_server
from argkg.ontology.store import write_store

ID = "https://w3id.org/argkg/id/"
SIOC = "http://rdfs.org/sioc/ns#"
GRAPH = f"<{ID}graph/d>"
TRIPLES = "\n".join([
    f"<{ID}post/d/c1> <{SIOC}reply_of> <{ID}post/d/article> {GRAPH} .",
    f"<{ID}post/d/c2> <{SIOC}reply_of> <{ID}post/d/c1> {GRAPH} .",
    f'<{ID}post/d/c2> <{SIOC}content> "Sie irren, \\"Herr\\" X." {GRAPH} .',
    "",
]).encode()
PREFIX = "PREFIX sioc: <http://rdfs.org/sioc/ns#>\n"


LIMIT = 10
POSTS = 25
MANY = "\n".join(
    f"<{ID}post/m/c{n}> <{SIOC}content> \"Kommentar {n}\" <{ID}graph/m> ."
    for n in range(POSTS)).encode() + b"\n"
"""More posts than the limit: 25 comments, and the limiting server answers 10 at most."""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = write_store(TRIPLES, tmp_path_factory.mktemp("build") / "store")
    port = free_port()
    with start_server(Path(store), port=port):
        yield f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """A server with a result limit of 10, over 25 posts."""
    store = write_store(MANY, tmp_path_factory.mktemp("many") / "store")
    with start_server(Path(store), port=free_port(), limit=LIMIT) as server:
        yield server.url + "/query"


def answer(url, query, fmt=JSON):
    """The converted answer and its headers (lower-case names)."""
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # SPARQLWrapper's format guesses
        result = client.query()
        return result.convert(), result.info()


def ask(url, query, fmt=JSON):
    return answer(url, query, fmt)[0]


def test_select_in_json_and_csv_sees_the_named_graphs(endpoint):
    url, _ = endpoint
    rows = ask(url, PREFIX + "SELECT ?c ?p WHERE { ?c sioc:reply_of ?p } ORDER BY ?c")
    assert [b["c"]["value"].rsplit("/", 1)[1] for b in rows["results"]["bindings"]] == [
        "c1", "c2"]
    table = ask(url, PREFIX + "SELECT ?t WHERE { ?c sioc:content ?t }", CSV).decode()
    assert table.splitlines() == ["t", '"Sie irren, ""Herr"" X."']


def test_ask_and_construct(endpoint):
    url, _ = endpoint
    assert ask(url, PREFIX + "ASK { ?c sioc:reply_of ?p }")["boolean"] is True
    graph = ask(url, PREFIX + "CONSTRUCT { ?p sioc:has_reply ?c } WHERE { ?c sioc:reply_of ?p }",
                TURTLE)
    assert graph.count(b"has_reply") == 2


def test_updates_are_refused(endpoint):
    _, base = endpoint
    client = SPARQLWrapper(base + "/query", updateEndpoint=base + "/update")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <http://x/a> <http://x/p> <http://x/o> }")
    with pytest.raises((SPARQLWrapperException, OSError)):
        client.query()
    after = ask(base + "/query", "ASK { <http://x/a> ?p ?o }")
    assert after["boolean"] is False


def test_the_query_page_is_served_without_the_network(endpoint):
    import urllib.request

    _, base = endpoint
    with urllib.request.urlopen(base + "/", timeout=5) as response:
        page = response.read().decode("utf-8", "replace")
    assert "<html" in page.lower()
    assert "src=\"http" not in page and "href=\"http" not in page.replace(
        'href="https://github.com', "")


# --- The result limit -----------------------------------------------------------------------

ALL_POSTS = PREFIX + "SELECT ?c ?t WHERE { ?c sioc:content ?t } ORDER BY ?t"


def test_a_longer_answer_is_cut_at_the_limit_and_says_so(limited):
    rows, headers = answer(limited, ALL_POSTS)
    texts = [b["t"]["value"] for b in rows["results"]["bindings"]]
    # The first ten in the query's order.
    assert texts == sorted(f"Kommentar {n}" for n in range(POSTS))[:LIMIT]
    assert headers["x-argkg-truncated"] == "true"
    assert headers["x-sparql-maxrows"] == str(LIMIT)


def test_an_answer_within_the_limit_is_whole_and_unmarked(limited):
    for query in (ALL_POSTS + " LIMIT 10", ALL_POSTS + " OFFSET 20"):
        rows, headers = answer(limited, query)
        assert len(rows["results"]["bindings"]) in (LIMIT, POSTS - 20)
        assert "x-argkg-truncated" not in headers


@pytest.mark.parametrize("fmt", [CSV, TSV, XML])
def test_the_limit_holds_in_every_result_format(limited, fmt):
    rows, headers = answer(limited, ALL_POSTS, fmt)
    if fmt == XML:
        count = len(rows.getElementsByTagName("result"))
    else:
        count = len(rows.decode("utf-8").splitlines()) - 1  # a header line, then the rows
    assert count == LIMIT and headers["x-argkg-truncated"] == "true"


def test_constructed_graphs_are_cut_too(limited):
    turtle, headers = answer(limited, PREFIX + "CONSTRUCT { ?c sioc:content ?t } "
                             "WHERE { ?c sioc:content ?t }", TURTLE)
    assert len(Graph().parse(data=turtle, format="turtle")) == LIMIT
    assert headers["x-argkg-truncated"] == "true"
    assert headers["content-type"].startswith("text/turtle")


def test_ask_is_one_answer_whatever_the_limit(limited):
    result, headers = answer(limited, PREFIX + "ASK { ?c sioc:content ?t }")
    assert result["boolean"] is True and "x-argkg-truncated" not in headers


def test_no_acceptable_format_is_406_and_bad_queries_keep_their_error(limited):
    request = urllib.request.Request(
        limited + "?" + urllib.parse.urlencode({"query": ALL_POSTS}),
        headers={"Accept": "image/png"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 406
    with pytest.raises(urllib.error.HTTPError) as broken:
        urllib.request.urlopen(limited + "?query=SELEKT", timeout=10)
    assert broken.value.code == 400


def test_only_the_query_page_and_query_are_served(endpoint):
    _, base = endpoint
    for path, status in (("/store?default", 404), ("/update", 403), ("/anything", 404)):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + path, timeout=10)
        assert refused.value.code == status, path


def test_content_negotiation_follows_quality_and_specificity():
    from argkg.ontology.serve import GRAPH_FORMATS, RESULT_FORMATS

    def media(accept, offered=RESULT_FORMATS):
        chosen = negotiate(accept, offered)
        return chosen and chosen[0]

    assert media(None) == "application/sparql-results+json"
    assert media("text/csv;q=0.5, application/sparql-results+xml") == (
        "application/sparql-results+xml")
    # text/csv is named, at 0.1: the first other text/* format (0.9) wins.
    assert media("text/*;q=0.9, text/csv;q=0.1") == "text/xml"
    assert media("text/turtle", RESULT_FORMATS) is None
    assert media("application/turtle,text/turtle", GRAPH_FORMATS) == "text/turtle"
    assert media("*/*;q=0, application/ld+json", GRAPH_FORMATS) == "application/ld+json"


# --- The time limit ---------------------------------------------------------------------------


def test_a_runaway_query_is_stopped_at_the_time_limit(tmp_path):
    """Oxigraph 0.5 keeps computing this aggregate past its own --timeout-s; the proxy
    answers 504 on time and restarts it, and the next query is answered."""
    triples = "\n".join(f"<{ID}s{n}> <{SIOC}content> \"{n}\" <{ID}graph/t> ."
                         for n in range(300)).encode() + b"\n"
    store = write_store(triples, tmp_path / "store")
    with start_server(Path(store), port=free_port(), timeout_s=1) as server:
        runaway = server.oxigraph.process
        query = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as late:
            urllib.request.urlopen(server.url + "/query?" + urllib.parse.urlencode(
                {"query": query}), timeout=30)
        assert late.value.code == 504
        assert time.monotonic() - started < 5
        runaway.wait(timeout=15)  # ended, with the query it was computing
        assert ask(server.url + "/query", "ASK { ?s ?p ?o }")["boolean"] is True
