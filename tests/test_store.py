"""The pyoxigraph store answers like the in-memory rdflib graph, and is replaced whole."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.errors import InputError
from argkg.ontology.query import QueryError, canned_queries, resolve_query_text, run_query
from argkg.ontology.rdf import to_rdf
from argkg.ontology.store import find_store, query_store, write_store, write_union_store
from argkg.pipeline import BuildOptions, build_graph

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    graph = build_graph([DATA / "cicero-nato-russland-2022-01.txt"],
                        BuildOptions(timezone=ZoneInfo("Europe/Berlin"))).graph
    rdf = to_rdf(graph)
    directory = tmp_path_factory.mktemp("build") / "store"
    write_store(rdf.serialize(format="nt", encoding="utf-8"), directory)
    return rdf, directory


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_canned_queries_give_the_same_rows_in_both_engines(example, name):
    rdf, store = example
    sparql = resolve_query_text(name)
    if "$" in sparql:
        pytest.skip("parameterised queries are compared through the CLI")
    in_memory = run_query(rdf, sparql)
    stored = query_store(store, sparql)
    assert stored.variables == in_memory.variables
    assert sorted(map(str, stored.rows)) == sorted(map(str, in_memory.rows))


def test_ask_and_construct(example):
    _, store = example
    assert query_store(store, "ASK { ?c sioc:reply_of ?p }").boolean is True
    built = query_store(store, "CONSTRUCT { ?c sioc:reply_of ?p } WHERE { ?c sioc:reply_of ?p }")
    assert len(built.rows) == 21


def test_a_bad_query_is_a_query_error(example):
    _, store = example
    with pytest.raises(QueryError, match="syntax"):
        query_store(store, "SELECT WHERE {")


def test_the_store_is_found_in_a_build_directory_and_replaced_whole(tmp_path):
    first = write_store(b'<http://x/a> <http://x/p> "1" .\n', tmp_path / "store")
    assert find_store(tmp_path) == first and find_store(first) == first
    write_store(b'<http://x/b> <http://x/p> "2" .\n', tmp_path / "store")
    rows = query_store(first, "SELECT ?s WHERE { ?s ?p ?o }").rows
    assert rows == [("http://x/b",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert find_store(tmp_path / "nothing") is None


def test_opening_what_is_no_store_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        query_store(tmp_path / "missing", "ASK {}")


SHARED = '<http://x/actor/nato> <http://x/label> "NATO <nato>"@de'
CORPUS_QUADS = (f"{SHARED} <http://x/graph/d1> .\n"
                f"{SHARED} <http://x/graph/d2> .\n"
                '<http://x/post/d2/c1> <http://x/says> "a \\"quoted\\" <b> c"'
                " <http://x/graph/d2> .\n")


def test_a_corpus_store_holds_the_union_of_the_graphs_once(tmp_path):
    source = tmp_path / "graph.nq"
    source.write_text(CORPUS_QUADS, encoding="utf-8")
    store = write_union_store(source, tmp_path / "store")
    union = query_store(store, "SELECT ?o { ?s ?p ?o } ORDER BY ?o").rows
    assert [str(o) for (o,) in union] == ["NATO <nato>", 'a "quoted" <b> c']
    assert not query_store(store, "ASK { GRAPH ?g { ?s ?p ?o } }").boolean


def test_a_corpus_store_refuses_quads_in_the_default_graph(tmp_path):
    source = tmp_path / "graph.nq"
    source.write_text(CORPUS_QUADS + '<http://x/a> <http://x/b> "c <d>" .\n', encoding="utf-8")
    with pytest.raises(ValueError, match="named graph"):
        write_union_store(source, tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_a_store_left_between_its_two_renames_is_still_found(tmp_path):
    """A kill after the old store was moved aside and before the new one took its place."""
    source = tmp_path / "graph.nq"
    source.write_text(CORPUS_QUADS, encoding="utf-8")
    write_union_store(source, tmp_path / "store").rename(tmp_path / ".store.old")
    found = find_store(tmp_path)
    assert found == tmp_path / ".store.old"
    assert query_store(found, "ASK { ?s ?p ?o }").boolean
