"""The canned queries on the example build: each answers what its title says.

The stance and argument extractors change often, so queries over their output are checked
against the same facts read directly with rdflib rather than against fixed answers.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from argkg.cli import main
from argkg.ontology.namespaces import AIF, ARGKG, NIF, SCHEMA, SIOC
from argkg.ontology.query import (
    ParameterError,
    QueryHeader,
    bind_params,
    canned_query_headers,
    parse_param,
    read_header,
    resolve_query_text,
    run_query,
    sparql_string,
)
from argkg.ontology.rdf import serialize, to_rdf
from argkg.pipeline import BuildOptions, build_graph

EXAMPLE = Path(__file__).parent / "data" / "cicero-nato-russland-2022-01.txt"
STANCES = {"support": ARGKG.supports, "attack": ARGKG.attacks, "neutral": ARGKG.neutralTowards}


@pytest.fixture(scope="module")
def rdf() -> Graph:
    model = build_graph([EXAMPLE], BuildOptions(timezone=ZoneInfo("Europe/Berlin"))).graph
    return to_rdf(model)


def canned(rdf: Graph, name: str, **params: str) -> list[dict]:
    result = run_query(rdf, bind_params(resolve_query_text(name), params))
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def comments(rdf: Graph) -> dict[URIRef, int]:
    """Comment -> its position."""
    return {c: rdf.value(c, ARGKG.position).toPython()
            for c in rdf.subjects(RDF.type, SCHEMA.Comment)}


def article(rdf: Graph) -> URIRef:
    return next(rdf.subjects(RDF.type, SCHEMA.Article))


def author_name(rdf: Graph, post: URIRef) -> str | None:
    account = rdf.value(post, SIOC.has_creator)
    return None if account is None else str(rdf.value(account, SIOC.name))


def actors_named(rdf: Graph, name: str) -> set[URIRef]:
    return {actor for actor in rdf.subjects(RDF.type, ARGKG.Actor)
            if any(str(n).lower() == name.lower()
                   for p in (RDFS.label, SCHEMA.alternateName) for n in rdf.objects(actor, p))}


# --- the catalogue -------------------------------------------------------------------------


def test_at_least_ten_queries_each_with_a_title_and_a_description():
    headers = canned_query_headers()
    assert len(headers) >= 10
    folder = resources.files("argkg.ontology") / "queries"
    for name, header in headers.items():
        lines = (folder / f"{name}.rq").read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"# title: {header.title}" and header.title, name
        assert lines[1] == f"# description: {header.description}" and header.description, name


def test_the_parameters_of_the_actor_queries():
    headers = canned_query_headers()
    assert headers["claims-by-actor"].params == (("actor", "Stoltenberg"),)
    assert headers["stance-of-mentioners"].params == (("actor", "Putin"),)
    assert headers["replies"].params == ()


def test_list_shows_one_line_per_query_with_its_parameters():
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list(canned_query_headers())
    claims = next(line for line in lines if line.startswith("claims-by-actor "))
    assert "Claims attributed to an actor" in claims
    assert claims.endswith("[--param actor=Stoltenberg]")


# --- parameters ----------------------------------------------------------------------------


def test_read_header_takes_the_opening_comment_lines_only():
    text = "# title: T\n#  a note\n\n# param: who = A B\n# description: D\nSELECT * {}\n# title: X"
    assert read_header(text) == QueryHeader("T", "D", (("who", "A B"),))


@pytest.mark.parametrize("value", [
    'Pu"tin', "back\\slash", '\\u0022) } } #', "two\nlines\r", "'''", '"""', "$actor", "",
])
def test_a_parameter_is_always_one_string_literal(value):
    sparql = "# param: actor = x\nSELECT ?v WHERE { BIND ($actor AS ?v) }"
    assert run_query(Graph(), bind_params(sparql, {"actor": value})).rows == [(value,)]


def test_parameters_in_strings_iris_and_comments_are_left_alone():
    sparql = '# param: a = 1\nSELECT * { <http://x/$a> ?p "$a" FILTER (?p = $a) } # $a'
    assert bind_params(sparql, {"a": "b"}) == \
        '# param: a = 1\nSELECT * { <http://x/$a> ?p "$a" FILTER (?p = "b") } # $a'


def test_sparql_string_escapes_what_could_end_the_literal():
    assert sparql_string('a"b\\c\n') == r'"a\"b\u005C\u005Cc\n"'


def test_unknown_and_malformed_parameters_are_input_errors():
    with pytest.raises(ParameterError, match="unknown parameter 'who' .*takes: actor"):
        bind_params(resolve_query_text("claims-by-actor"), {"who": "x"})
    with pytest.raises(ParameterError, match="takes: none"):
        bind_params(resolve_query_text("replies"), {"actor": "x"})
    with pytest.raises(ParameterError, match="NAME=VALUE"):
        parse_param("actor")
    assert parse_param("actor=Jens = Stoltenberg") == ("actor", "Jens = Stoltenberg")


def test_the_command_takes_params_and_refuses_unknown_ones(rdf, tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(serialize(rdf))
    runner = CliRunner()
    result = runner.invoke(main, ["query", str(graph), "claims-by-actor", "--param",
                                  "actor=STOLTENBERG", "--format", "csv"])
    assert result.exit_code == 0 and "Die Gefahr eines Konflikts ist real" in result.output
    unknown = runner.invoke(main, ["query", str(graph), "claims-by-actor", "--param", "x=1"])
    assert unknown.exit_code == 2
    assert unknown.output.strip().count("\n") == 0 and "unknown parameter 'x'" in unknown.output


# --- each query on the example -------------------------------------------------------------


def test_actors_by_mentions(rdf):
    rows = canned(rdf, "actors-by-mentions")
    posts = [int(row["posts"]) for row in rows]
    assert posts == sorted(posts, reverse=True)
    nato = next(row for row in rows if row["label"] == "NATO")
    mentioning = set(rdf.subjects(SCHEMA.mentions, URIRef(nato["actor"])))
    assert int(nato["posts"]) == len(mentioning) >= 2
    assert nato["wikidata"] == "http://www.wikidata.org/entity/Q7184"


def test_comments_per_author(rdf):
    rows = canned(rdf, "comments-per-author")
    authored = [c for c in comments(rdf) if rdf.value(c, SIOC.has_creator) is not None]
    assert sum(int(row["comments"]) for row in rows) == len(authored) == 19
    assert all(row["first"] <= row["last"] for row in rows)


def test_replies(rdf):
    rows = canned(rdf, "replies")
    to_author = [row for row in rows if row["to"] == "Thomas Jäger"]
    assert sum(int(row["replies"]) for row in to_author) == 19  # every named top-level comment


def test_replies_received_are_the_answers_to_comments_7_and_17(rdf):
    rows = canned(rdf, "replies-received")
    positions = comments(rdf)
    answered = {author_name(rdf, parent) for c in positions
                for parent in rdf.objects(c, SIOC.reply_of) if parent in positions}
    assert {row["name"]: row["replies"] for row in rows} == {name: "1" for name in answered}
    by_position = {p: author_name(rdf, c) for c, p in positions.items()}
    assert answered == {by_position[7], by_position[17]}


def test_who_attacks_whom_counts_every_attack_between_named_authors(rdf):
    rows = canned(rdf, "who-attacks-whom")
    expected = Counter((author_name(rdf, c), author_name(rdf, post))
                       for c, post in rdf.subject_objects(ARGKG.attacks)
                       if author_name(rdf, c) and author_name(rdf, post))
    assert {(row["from"], row["to"]): int(row["attacks"]) for row in rows} == expected


def test_most_attacked_claims(rdf):
    rows = canned(rdf, "most-attacked-claims")
    expected = Counter(rdf.objects(None, AIF.Conflicted))
    assert {URIRef(row["unit"]): int(row["attacks"]) for row in rows} == expected
    attacks = [int(row["attacks"]) for row in rows]
    assert attacks == sorted(attacks, reverse=True)
    top = rows[0]
    assert top["text"] == str(rdf.value(URIRef(top["unit"]), AIF.claimText))


def test_claims_by_actor_finds_what_stoltenberg_said(rdf):
    rows = canned(rdf, "claims-by-actor")  # the default: Stoltenberg
    assert {row["label"] for row in rows} == {"Jens Stoltenberg"}
    assert any("Die Gefahr eines Konflikts ist real" in row["text"] for row in rows)
    assert canned(rdf, "claims-by-actor", actor="jens STOLTENBERG") == rows
    assert canned(rdf, "claims-by-actor", actor="Stolten") == []


def test_claims_by_actor_agrees_with_the_attributions(rdf):
    actors = actors_named(rdf, "Thomas Jäger")
    units = {u for u, a in rdf.subject_objects(ARGKG.attributedTo) if a in actors}
    rows = canned(rdf, "claims-by-actor", actor="thomas jäger")
    assert {URIRef(row["unit"]) for row in rows} == units


@pytest.mark.parametrize("actor", ["Putin", "nato", "Stoltenberg", "nobody"])
def test_stances_of_comments_naming_an_actor_add_up(rdf, actor):
    [row] = canned(rdf, "stance-of-mentioners", actor=actor)
    named = actors_named(rdf, actor)
    mentioning = {c for c in comments(rdf) if set(rdf.objects(c, SCHEMA.mentions)) & named
                  and rdf.value(c, SIOC.reply_of) == article(rdf)}
    assert int(row["comments"]) == len(mentioning) == sum(int(row[s]) for s in STANCES)
    for stance, predicate in STANCES.items():
        taking = {c for c in mentioning if (c, predicate, article(rdf)) in rdf}
        assert int(row[stance]) == len(taking), stance
    assert (actor == "nobody") == (len(mentioning) == 0)


def test_unanswered_comments_leave_out_7_and_17(rdf):
    positions = [int(row["position"]) for row in canned(rdf, "unanswered-comments")]
    assert positions == [p for p in range(1, 22) if p not in (7, 17)]


def test_thread_depth_is_1_for_the_two_replies_to_comments(rdf):
    rows = canned(rdf, "thread-depth")
    assert len(rows) == 21
    deep = {int(row["position"]): int(row["top"]) for row in rows if row["depth"] == "1"}
    assert deep == {8: 7, 18: 17}
    assert max(int(row["depth"]) for row in rows) == 1
    assert all(row["top"] == row["position"] for row in rows if row["depth"] == "0")


def test_accepted_claims_are_the_claims_labelled_in(rdf):
    rows = canned(rdf, "accepted-claims")
    expected = {u for u in rdf.subjects(ARGKG.role, Literal("claim"))
                if rdf.value(u, ARGKG.acceptance) == Literal("in")}
    assert {URIRef(row["unit"]) for row in rows} == expected
    for row in rows:
        unit = URIRef(row["unit"])
        post = rdf.value(None, ARGKG.hasUnit, unit)
        assert row["central"] == ("true" if (post, ARGKG.centralClaim, unit) in rdf else "false")


def test_quoted_article_passages(rdf):
    rows = canned(rdf, "quoted-article-passages")
    assert any(row["passage"].startswith("Nato-Generalsekretär Jens Stoltenberg hat")
               for row in rows)
    own = set(rdf.objects(article(rdf), ARGKG.hasUnit))
    expected = {(quoted, rdf.value(None, ARGKG.hasUnit, quoting))
                for quoting, quoted in rdf.subject_objects(ARGKG.quotes) if quoted in own}
    assert {(URIRef(row["unit"]), URIRef(row["comment"])) for row in rows} == expected
    for row in rows:
        assert row["passage"] == str(rdf.value(URIRef(row["unit"]), NIF.anchorOf))
