"""SHACL validation: what argkg writes conforms to its shapes, and broken graphs are reported."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from argkg.cli import main
from argkg.errors import InputError
from argkg.ontology.namespaces import AIF, ARGKG, DEFAULT_BASE, NIF, SIOC
from argkg.ontology.rdf import offset_literal, serialize, to_rdf
from argkg.ontology.validate import Finding, format_report, shapes_graph, validate, validate_path
from argkg.pipeline import BuildOptions, build_graph

EXAMPLE = Path(__file__).parent / "data" / "cicero-nato-russland-2022-01.txt"
POST = DEFAULT_BASE + "post/tiny/"
C1, C2 = URIRef(POST + "c1"), URIRef(POST + "c2")
C1_U0, C2_U0 = URIRef(POST + "c1/u0"), URIRef(POST + "c2/u0")
ARTICLE_U0 = URIRef(POST + "article/u0")


@pytest.fixture(scope="module")
def example_rdf() -> Graph:
    model = build_graph([EXAMPLE], BuildOptions(timezone=ZoneInfo("Europe/Berlin"))).graph
    return to_rdf(model)


@pytest.fixture
def tiny_rdf(tiny_graph) -> Graph:
    return to_rdf(tiny_graph)


def only(findings: tuple[Finding, ...], focus: URIRef) -> list[Finding]:
    return [f for f in findings if f.focus == focus]


# --- what argkg writes conforms ------------------------------------------------------------


def test_the_example_build_conforms(example_rdf):
    report = validate(example_rdf)
    assert report.findings == () and report.conforms
    assert report.triples == len(example_rdf)


def test_the_tiny_graph_conforms(tiny_rdf):
    assert validate(tiny_rdf).conforms


def test_the_shapes_are_valid_shacl():
    import pyshacl

    conforms, _, text = pyshacl.validate(shapes_graph(), shacl_graph=shapes_graph(),
                                         meta_shacl=True, inference="none")
    assert conforms, text


# --- broken graphs -------------------------------------------------------------------------


def test_a_unit_with_an_unknown_role(tiny_rdf):
    tiny_rdf.set((C1_U0, ARGKG.role, Literal("maybe")))
    report = validate(tiny_rdf)
    assert not report.conforms
    role = [f for f in only(report.findings, C1_U0) if f.path == "argkg:role"]
    assert len(role) == 1 and role[0].value == Literal("maybe")
    assert '"claim", "premise" or "none"' in role[0].message and role[0].group == "units"


def test_an_ra_node_with_two_conclusions(tiny_rdf):
    support = next(tiny_rdf.subjects(RDF.type, AIF["RA-node"]))
    tiny_rdf.add((support, AIF.Conclusion, ARTICLE_U0))
    [finding] = validate(tiny_rdf).findings
    assert finding.focus == support and finding.path == "aif:Conclusion"
    assert "exactly one aif:Conclusion" in finding.message and finding.problem == "too many values"


def test_a_comment_without_content(tiny_rdf):
    tiny_rdf.remove((C1, SIOC.content, None))
    findings = validate(tiny_rdf).findings
    content = [f for f in findings if f.focus == C1 and f.path == "sioc:content"]
    assert len(content) == 1 and content[0].problem == "missing"
    # Its unit's text can no longer be checked against the post's, which is no second error.
    assert {f.focus for f in findings} == {C1}


def test_offsets_that_do_not_match_the_text(tiny_rdf):
    tiny_rdf.set((C1_U0, NIF.beginIndex, offset_literal(3)))
    messages = {f.message for f in only(validate(tiny_rdf).findings, C1_U0)}
    assert any("sioc:content from nif:beginIndex to nif:endIndex" in m for m in messages)


def test_begin_after_end(tiny_rdf):
    tiny_rdf.set((C1_U0, NIF.beginIndex, offset_literal(99)))
    paths = {(f.path, f.message) for f in only(validate(tiny_rdf).findings, C1_U0)}
    assert ("nif:beginIndex", "a unit's nif:beginIndex is not after its nif:endIndex") in paths


def test_a_stance_towards_a_post_the_comment_does_not_reply_to(tiny_rdf):
    article = URIRef(POST + "article")
    tiny_rdf.remove((C2, ARGKG.neutralTowards, None))
    tiny_rdf.add((C2, ARGKG.attacks, article))
    [finding] = validate(tiny_rdf).findings
    assert finding.focus == C2 and finding.path == "argkg:attacks" and finding.value == article
    assert "towards the post it replies to" in finding.message


def test_a_claim_that_is_no_i_node(tiny_rdf):
    tiny_rdf.remove((C1_U0, RDF.type, AIF["I-node"]))
    messages = " ".join(f.message for f in only(validate(tiny_rdf).findings, C1_U0))
    assert "is an aif:I-node with an argkg:acceptance" in messages


# --- the report and the command ------------------------------------------------------------


def test_the_report_has_one_line_per_violation_grouped(tiny_rdf):
    tiny_rdf.set((C2_U0, ARGKG.role, Literal("maybe")))
    tiny_rdf.remove((C1, SIOC.content, None))
    report = validate(tiny_rdf)
    lines = format_report(report, "broken.ttl").splitlines()
    assert lines[0].startswith(f"broken.ttl: {len(report.findings)} violations of argkg's shapes")
    headings = [line for line in lines[1:] if not line.startswith("  ")]
    assert headings == ["posts (1)", f"units ({len(report.findings) - 1})"]
    role = next(line for line in lines if "argkg:role" in line)
    assert role.startswith("  id:post/tiny/c2/u0  argkg:role  a unit has exactly one argkg:role")
    assert role.endswith('(not an allowed value: "maybe")')


def test_validate_path_reads_a_build_directory_and_refuses_others(tiny_rdf, tmp_path):
    (tmp_path / "graph.ttl").write_bytes(serialize(tiny_rdf))
    assert validate_path(tmp_path).conforms
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no graph.ttl in this directory"):
        validate_path(empty)


def test_validate_reads_trig(tiny_rdf, tmp_path):
    path = tmp_path / "graph.trig"
    path.write_text(tiny_rdf.serialize(format="trig"), encoding="utf-8")
    report = validate_path(path)
    assert report.conforms and report.triples == len(tiny_rdf)


def test_the_command_exits_0_1_and_2(tiny_rdf, tmp_path):
    good, broken = tmp_path / "good.ttl", tmp_path / "broken.nt"
    good.write_bytes(serialize(tiny_rdf))
    tiny_rdf.set((C1_U0, ARGKG.role, Literal("maybe")))
    broken.write_text(tiny_rdf.serialize(format="nt"), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(good)])
    assert ok.exit_code == 0 and "conforms" in ok.output
    bad = runner.invoke(main, ["validate", str(broken)])
    assert bad.exit_code == 1 and '"maybe"' in bad.output
    (tmp_path / "junk.ttl").write_text("this is not turtle <", encoding="utf-8")
    unreadable = runner.invoke(main, ["validate", str(tmp_path / "junk.ttl")])
    assert unreadable.exit_code == 2 and "not valid Turtle" in unreadable.output

