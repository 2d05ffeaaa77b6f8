"""The SPARQL endpoint: a real server on a free port, queried with SPARQLWrapper."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from argkg.ontology.serve import start_server
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = write_store(TRIPLES, tmp_path_factory.mktemp("build") / "store")
    port = free_port()
    server = start_server(Path(store), port=port)
    yield f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def ask(url, query, fmt=JSON):
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.query().convert()


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
