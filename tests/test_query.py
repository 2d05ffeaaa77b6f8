"""SPARQL over the exported graph: loading, canned queries, errors and result formats."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from argkg.errors import ArgkgError, InputError
from argkg.ontology.namespaces import DEFAULT_BASE, SIOC
from argkg.ontology.query import (
    QueryError,
    canned_queries,
    format_csv,
    format_json,
    format_table,
    load_graph,
    resolve_query_text,
    run_query,
)
from argkg.ontology.rdf import serialize, to_rdf

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
WD = "http://www.wikidata.org/entity/"
EVIL = DEFAULT_BASE + "actor/script-alert-x-script-img-src-x-onerror-alert-1"


@pytest.fixture
def rdf(tiny_graph) -> Graph:
    return to_rdf(tiny_graph)


def canned(rdf: Graph, name: str):
    return run_query(rdf, resolve_query_text(name))


# --- canned queries ------------------------------------------------------------------------


def test_actors_by_mentions(rdf):
    result = canned(rdf, "actors-by-mentions")
    assert result.variables == ("actor", "label", "posts", "mentions", "wikidata")
    assert result.rows == [
        (DEFAULT_BASE + "actor/nato", "NATO", "2", "2", WD + "Q7184"),
        (DEFAULT_BASE + "actor/wladimir-putin", "Wladimir Putin", "2", "2", WD + "Q7747"),
        (EVIL, XSS, "1", "1", None),
    ]


def test_comments_per_author(rdf):
    rows = canned(rdf, "comments-per-author").rows
    assert [(name, comments, first) for _, name, comments, first, _ in rows] == [
        ("Bernd B.", "1", "2022-01-08T18:19:00+01:00"),
        (f"Eve {XSS}", "1", "2022-01-09T00:05:00+01:00"),
    ]


def test_replies(rdf):
    assert canned(rdf, "replies").rows == [
        ("Bernd B.", "Anna Autorin", "1"),
        (f"Eve {XSS}", "Bernd B.", "1"),
    ]


def test_canned_queries_describe_themselves_in_a_first_comment_line():
    queries = canned_queries()
    assert {"actors-by-mentions", "comments-per-author", "replies"} <= set(queries)
    folder = resources.files("argkg.ontology") / "queries"
    for name, description in queries.items():
        text = (folder / f"{name}.rq").read_text(encoding="utf-8")
        assert text.startswith("# ") and description and "\n" not in description


# --- resolving and running -----------------------------------------------------------------


def test_resolve_reads_a_query_file(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query_text(str(path)) == "ASK { ?s ?p ?o }"


def test_resolve_passes_sparql_text_through():
    assert resolve_query_text("SELECT * { ?s ?p ?o }") == "SELECT * { ?s ?p ?o }"


def test_resolve_refuses_a_missing_file_and_an_unknown_name(tmp_path):
    with pytest.raises(InputError, match="no such query file"):
        resolve_query_text(str(tmp_path / "missing.rq"))
    with pytest.raises(QueryError, match="actors-by-mentions"):
        resolve_query_text("actors-by-mention")


def test_argkg_prefixes_need_no_declaration(rdf):
    result = run_query(rdf, "SELECT ?a WHERE { ?a argkg:candidate true }")
    assert result.rows == [(EVIL,)]


def test_ask_gives_one_boolean_row(rdf):
    assert run_query(rdf, "ASK { ?p a sioc:Post }").rows == [(True,)]
    assert run_query(rdf, "ASK { ?p a sioc:Forum }").rows == [(False,)]


def test_construct_gives_sorted_triples(rdf):
    result = run_query(rdf, "CONSTRUCT { ?c sioc:reply_of ?p } WHERE { ?c sioc:reply_of ?p }")
    assert result.form == "graph" and result.variables == ("subject", "predicate", "object")
    reply_of = "http://rdfs.org/sioc/ns#reply_of"
    assert result.rows == [
        (DEFAULT_BASE + "post/tiny/c1", reply_of, DEFAULT_BASE + "post/tiny/article"),
        (DEFAULT_BASE + "post/tiny/c2", reply_of, DEFAULT_BASE + "post/tiny/c1"),
    ]
    assert len(result.graph) == 2


def test_an_empty_aggregate_is_one_row_of_zero(rdf):
    result = run_query(rdf, "SELECT (COUNT(?x) AS ?n) WHERE { ?x a sioc:Forum }")
    assert result.rows == [("0",)]


@pytest.mark.parametrize("sparql, place", [
    ("SELECT ?x WHERE { ?x ?y }", "line 1, column"),
    ("SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER(?x = ) }", "line 3, column"),
    ("SELEC ?x WHERE { ?x ?y ?z }", "line 1, column 1"),
])
def test_a_malformed_query_is_a_one_line_error_with_its_place(rdf, sparql, place):
    with pytest.raises(QueryError) as caught:
        run_query(rdf, sparql)
    message = str(caught.value)
    assert message.startswith(place) and "syntax error" in message and "\n" not in message
    assert isinstance(caught.value, ArgkgError)


def test_an_undeclared_prefix_is_a_query_error(rdf):
    with pytest.raises(QueryError, match="foo"):
        run_query(rdf, "SELECT ?x WHERE { ?x foo:bar ?y }")


# --- formats -------------------------------------------------------------------------------


def test_table_is_aligned_with_short_iris(rdf):
    table = format_table(canned(rdf, "actors-by-mentions"))
    lines = table.splitlines()
    assert lines[0].split() == ["actor", "label", "posts", "mentions", "wikidata"]
    assert set(lines[1].replace("  ", "")) == {"-"}
    assert lines[2].split() == ["id:actor/nato", "NATO", "2", "2", "wd:Q7184"]
    assert lines[-1] == "(3 rows)"
    assert lines[2].index("wd:Q7184") == lines[0].index("wikidata")
    assert lines[2].index("NATO") == lines[0].index("label")


def test_table_truncates_long_cells(rdf):
    result = run_query(rdf, "SELECT ?t WHERE { ?p sioc:content ?t } ORDER BY ?t")
    assert "Unsinn <script>aler…" in format_table(result, width=20)


def test_table_flattens_line_breaks_and_defuses_control_characters(rdf):
    rdf.add((URIRef(DEFAULT_BASE + "post/x"), SIOC.content, Literal("two\nlines \x1b[31mred")))
    table = format_table(run_query(rdf, "SELECT ?t WHERE { ?p sioc:content ?t }"))
    assert "two lines \N{REPLACEMENT CHARACTER}[31mred" in table


def test_table_for_ask_and_for_no_rows(rdf):
    assert format_table(run_query(rdf, "ASK { ?p a sioc:Post }")) == "true\n"
    empty = format_table(run_query(rdf, "SELECT ?x WHERE { ?x a sioc:Forum }"))
    assert empty == "x\n-\n(0 rows)\n"


def test_csv_follows_the_sparql_results_format(rdf):
    text = format_csv(canned(rdf, "replies"))
    assert text.startswith("from,to,replies\r\nBernd B.,Anna Autorin,1\r\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["from", "to", "replies"],
        ["Bernd B.", "Anna Autorin", "1"],
        [f"Eve {XSS}", "Bernd B.", "1"],
    ]
    unbound = list(csv.reader(io.StringIO(format_csv(canned(rdf, "actors-by-mentions")))))
    assert unbound[3][4] == ""
    assert format_csv(run_query(rdf, "ASK { ?p a sioc:Forum }")) == "boolean\r\nfalse\r\n"


def test_json_follows_the_sparql_results_format(rdf):
    document = json.loads(format_json(canned(rdf, "actors-by-mentions")))
    assert document["head"]["vars"] == ["actor", "label", "posts", "mentions", "wikidata"]
    first, _, last = document["results"]["bindings"]
    assert first["actor"] == {"type": "uri", "value": DEFAULT_BASE + "actor/nato"}
    assert first["label"] == {"type": "literal", "value": "NATO", "xml:lang": "de"}
    assert first["posts"] == {"type": "literal", "value": "2",
                              "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "wikidata" not in last  # unbound variables are left out
    ask = json.loads(format_json(run_query(rdf, "ASK { ?p a sioc:Post }")))
    assert ask == {"head": {}, "boolean": True}


# --- loading -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix, data", [
    (".ttl", lambda g: serialize(g, "turtle")),
    (".jsonld", lambda g: serialize(g, "json-ld")),
    (".nt", lambda g: g.serialize(format="nt", encoding="utf-8")),
])
def test_load_graph_reads_each_format(rdf, tmp_path, suffix, data):
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(data(rdf))
    loaded = load_graph(path)
    assert isomorphic(loaded, rdf)
    assert canned(loaded, "replies").rows == canned(rdf, "replies").rows


def test_load_graph_refuses_unknown_types_and_missing_files(tmp_path):
    with pytest.raises(InputError, match="unknown RDF file type '.xyz'"):
        load_graph(tmp_path / "graph.xyz")
    with pytest.raises(InputError, match="no such file"):
        load_graph(tmp_path / "missing.ttl")


@pytest.mark.parametrize("suffix, text, problem", [
    (".ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c\nex:d ex:e .\n",
     "Turtle: line 3"),
    (".jsonld", '{"@id": "http://example.org/a",\n "x": }', "JSON-LD: line 2, column"),
    (".nt", "<http://example.org/a> <http://example.org/b> .\n", "N-Triples"),
])
def test_a_broken_file_is_one_line_naming_path_and_problem(tmp_path, suffix, text, problem):
    path = tmp_path / f"broken{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_graph(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid") and problem in message
    assert "\n" not in message
