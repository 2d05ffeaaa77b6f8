"""`argkg evaluate`: gold readings (JSON and microtext XML), builds read from RDF, scores
that move exactly as much as a mistake should, and clean errors."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from rdflib import Literal, Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS

from argkg.cli import main
from argkg.errors import InputError
from argkg.evaluate import actor_scores
from argkg.evaluation import evaluate, read_gold
from argkg.evaluation.rdf import reading_from_rdf
from argkg.evaluation.scores import score_all
from argkg.ontology.namespaces import AIF, ARGKG, NIF, SCHEMA, SIOC
from argkg.ontology.query import load_graph

DATA = Path(__file__).parent / "data"
EVAL = DATA / "eval"
TINY_GOLD = EVAL / "tiny.gold.json"
TINY_BUILD = EVAL / "tiny-build.ttl"
MICRO = DATA / "amc" / "micro_k001.xml"
MICRO_BUILD = EVAL / "micro_k001-build.ttl"
T = Namespace("https://w3id.org/argkg/id/post/tiny/")
M = Namespace("https://w3id.org/argkg/id/post/micro-k001/")
ACTOR = Namespace("https://w3id.org/argkg/id/actor/")
BERLIN = ZoneInfo("Europe/Berlin")


def scores_of(graph, gold=TINY_GOLD) -> dict:
    """task -> Score for a (possibly edited) build graph."""
    return {s.task: s for s in score_all(reading_from_rdf(graph, "build"), read_gold(gold))}


def counts(score) -> tuple[int, int, int]:
    return score.gold, score.found, score.correct


@pytest.fixture
def tiny():
    return load_graph(TINY_BUILD)


@pytest.fixture
def micro():
    return load_graph(MICRO_BUILD)


# --- a build that agrees with the gold ----------------------------------------------------


def test_a_build_that_agrees_with_the_gold_scores_one_everywhere(tiny):
    scores = scores_of(tiny)
    assert list(scores) == ["comments", "authors", "times", "replies", "stance",
                            "stance (support)", "stance (attack)", "actors", "quotes",
                            "attributions", "central claims"]
    assert all(s.f1 == 1.0 for s in scores.values()), scores
    assert counts(scores["comments"]) == (4, 4, 4)
    # Comment 4 is "unclear" in the gold: its stance is not scored, whatever the build says.
    assert counts(scores["stance"]) == (3, 3, 3)
    assert counts(scores["actors"]) == (8, 8, 8)
    # The gold names central claims for three posts; comment 3's central unit is not counted.
    assert counts(scores["central claims"]) == (3, 3, 3)


def test_a_microtext_build_that_agrees_with_its_graph_scores_one_everywhere(micro):
    scores = scores_of(micro, MICRO)
    assert list(scores) == ["units", "support", "attack", "links", "central claims"]
    assert {task: counts(s) for task, s in scores.items()} == {
        "units": (7, 7, 7), "support": (4, 4, 4), "attack": (2, 2, 2), "links": (6, 6, 6),
        "central claims": (1, 1, 1)}


def test_build_directory_and_json_ld_read_like_the_turtle_file(tmp_path, tiny):
    shutil.copy(TINY_BUILD, tmp_path / "graph.ttl")
    (tmp_path / "graph.jsonld").write_text(tiny.serialize(format="json-ld"), "utf-8")
    from_dir = evaluate(tmp_path, TINY_GOLD)
    from_json_ld = evaluate(tmp_path / "graph.jsonld", TINY_GOLD)
    assert from_dir == from_json_ld == evaluate(TINY_BUILD, TINY_GOLD)


# --- mistakes cost exactly what they should ---------------------------------------------


def test_one_wrong_stance(tiny):
    tiny.remove((T.c1, ARGKG.attacks, T.article))
    tiny.add((T.c1, ARGKG.supports, T.article))
    scores = scores_of(tiny)
    assert counts(scores["stance"]) == (3, 3, 2)
    assert scores["stance"].accuracy == pytest.approx(2 / 3)
    assert counts(scores["stance (attack)"]) == (2, 1, 1)
    assert counts(scores["stance (support)"]) == (1, 2, 1)
    assert scores["stance (support)"].precision == 0.5
    assert scores["stance (attack)"].recall == 0.5


def test_a_missing_stance_lowers_accuracy_not_precision(tiny):
    tiny.remove((T.c3, ARGKG.supports, T.article))
    stance = scores_of(tiny)["stance"]
    assert counts(stance) == (3, 2, 2)
    assert stance.precision == 1.0
    assert stance.accuracy == pytest.approx(2 / 3)


def test_a_stance_on_an_unclear_comment_does_not_count(tiny):
    tiny.remove((T.c4, ARGKG.neutralTowards, T.c2))
    tiny.add((T.c4, ARGKG.attacks, T.c2))
    assert scores_of(tiny)["stance"].f1 == 1.0


def test_a_wrong_reply_lowers_reply_accuracy_only(tiny):
    tiny.set((T.c2, SIOC.reply_of, T.article))
    scores = scores_of(tiny)
    assert counts(scores["replies"]) == (4, 4, 3)
    assert scores["replies"].accuracy == 0.75
    assert scores["authors"].f1 == scores["times"].f1 == scores["comments"].f1 == 1.0


def test_times_compare_instants_and_a_wrong_minute_is_wrong(tiny):
    # tiny-build.ttl writes comment 2 in UTC and the gold in +01:00: that already counts.
    tiny.set((T.c1, DCTERMS.created, Literal(datetime(2022, 1, 8, 18, 20, tzinfo=BERLIN))))
    assert counts(scores_of(tiny)["times"]) == (4, 4, 3)


def test_a_missing_comment_is_missed_in_every_comment_task(tiny):
    tiny.remove((T.c3, None, None))
    scores = scores_of(tiny)
    assert counts(scores["comments"]) == (4, 3, 3)
    assert counts(scores["authors"]) == (4, 3, 3)
    assert scores["authors"].accuracy == 0.75
    assert counts(scores["stance"]) == (3, 2, 2)


def test_actors_match_by_alias_and_extras_cost_precision(tiny):
    tiny.add((T.c3, SCHEMA.mentions, ACTOR.nato))
    tiny.set((ACTOR["jens-stoltenberg"], RDFS.label, Literal("J. Stoltenberg", lang="de")))
    tiny.add((ACTOR["jens-stoltenberg"], SCHEMA.alternateName, Literal("Jens Stoltenberg")))
    actors = scores_of(tiny)["actors"]
    assert counts(actors) == (8, 9, 8)


def test_a_quote_linked_to_the_wrong_post_or_an_unseen_text_is_wrong(tiny):
    tiny.set((T["c2/u0"], ARGKG.quotes, T["article/u1"]))
    assert counts(scores_of(tiny)["quotes"]) == (1, 1, 0)
    unseen = T["unseen/x"]
    tiny.add((unseen, RDF.type, ARGKG.UnseenText))
    tiny.add((unseen, NIF.anchorOf, Literal("Die Nato hat Russland provoziert")))
    tiny.set((T["c2/u0"], ARGKG.quotes, unseen))
    # The gold names a post for every quote: quotations of unseen texts are not compared,
    # so the gold quote is now simply missed.
    assert counts(scores_of(tiny)["quotes"]) == (1, 0, 0)


def test_an_attribution_to_another_speaker_is_wrong_and_to_an_alias_right(tiny):
    tiny.set((T["c2/u1"], ARGKG.attributedTo, ACTOR["wladimir-putin"]))
    assert counts(scores_of(tiny)["attributions"]) == (1, 1, 0)
    tiny.set((ACTOR["wladimir-putin"], SCHEMA.alternateName, Literal("Jens Stoltenberg")))
    assert counts(scores_of(tiny)["attributions"]) == (1, 1, 1)


def test_a_wrong_central_claim_and_a_missing_one(tiny):
    tiny.set((T.c1, ARGKG.centralClaim, T["c1/u0"]))
    tiny.remove((T.c2, ARGKG.centralClaim, None))
    assert counts(scores_of(tiny)["central claims"]) == (3, 2, 1)


def test_an_undercut_is_an_attack_on_the_premise_not_on_the_claim(micro):
    micro.set((M.ca2, AIF.Conflicted, M.u0))
    scores = scores_of(micro, MICRO)
    assert counts(scores["attack"]) == (2, 2, 1)
    assert counts(scores["links"]) == (6, 6, 5)
    assert scores["support"].f1 == 1.0


def test_a_wrong_microtext_root_and_units_that_are_not_arguments(micro):
    micro.set((M.article, ARGKG.centralClaim, M.u1))
    micro.set((M.u6, ARGKG.role, Literal("none")))
    scores = scores_of(micro, MICRO)
    assert counts(scores["central claims"]) == (1, 1, 0)
    assert counts(scores["units"]) == (7, 6, 6)
    # u6's support now ends in no gold unit: it is found but wrong, and missed.
    assert counts(scores["support"]) == (4, 4, 3)


def test_a_unit_that_merges_two_adus_stands_for_one_of_them(micro):
    merged = ("Außerdem sind Busse und Bahnen in der Stadt gut ausgebaut, sodass niemand auf "
              "ein eigenes Auto angewiesen ist.")
    micro.set((M.u5, NIF.anchorOf, Literal(merged)))
    micro.remove((M.article, ARGKG.hasUnit, M.u6))
    scores = scores_of(micro, MICRO)
    assert counts(scores["units"]) == (7, 6, 6)


# --- gold readings ------------------------------------------------------------------------


def test_microtext_gold_relations_resolve_undercuts_and_linked_premises():
    gold = read_gold(MICRO)
    [article] = gold.posts
    assert article.central == "Die Innenstädte sollten für private Autos gesperrt werden."
    assert [u.role for u in article.units] == ["claim"] + ["premise"] * 6
    assert {(r.kind, r.source[1], r.target[1]) for r in gold.relations} == {
        ("support", 1, 0), ("support", 2, 1), ("attack", 3, 0), ("attack", 4, 3),
        ("support", 5, 0), ("support", 6, 0)}
    assert gold.quotes is None and not gold.comments_annotated


def test_an_added_premise_joins_an_attack_and_edus_join_into_one_adu():
    gold = read_gold(DATA / "amc" / "micro_k002.xml")
    assert gold.posts[0].units[1].text == ("Viele Kinder sitzen abends noch stundenlang am "
                                           "Schreibtisch, obwohl sie längst müde sind.")
    assert {(r.kind, r.source[1], r.target[1]) for r in gold.relations} == {
        ("support", 1, 0), ("attack", 2, 0), ("attack", 3, 0)}


def test_a_microtext_without_a_single_root_is_refused(tmp_path):
    text = MICRO.read_text("utf-8").replace('trg="a6" type="add"', 'trg="a6" type="sup"')
    text = text.replace('<edge id="c12" src="a6" trg="a1" type="sup"/>', "")
    path = tmp_path / "two_roots.xml"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError, match="expected one root ADU .*found 2: a1, a6"):
        read_gold(path)


def test_json_gold_reads_times_in_its_zone_and_posts_by_number():
    gold = read_gold(TINY_GOLD)
    assert [p.position for p in gold.posts] == [0, 1, 2, 3, 4]
    assert gold.post(3).created.isoformat() == "2022-01-08T20:00:00+01:00"
    assert gold.post(2).reply_to == 1 and gold.post(1).reply_to == 0
    assert gold.post(4).stance == "unclear"
    assert gold.post(2).central == "das ist Unsinn"


@pytest.mark.parametrize(("gold", "message"), [
    ("{", "line 1 column 2"),
    ('{"comments": [{"author": "x"}]}', "comments[0]: missing required field 'n'"),
    ('{"comments": [{"n": 1, "stance": "angry"}]}', "unknown stance 'angry'"),
    ('{"comments": [{"n": 1, "reply_to": "the article"}]}', "comments[0].reply_to"),
    ('{"comments": [{"n": 1}, {"n": 1}]}', "comment number 1 is given twice"),
    ('{"comments": [{"n": 1, "published": "gestern"}]}', "not an ISO 8601 date-time"),
    ('{"central_claims": {"first": "x"}}', "central_claims.first"),
    ('{"quotes": [{"comment": 2, "target": 1}]}', "quotes[0]: missing required field 'text'"),
    ('{"timezone": "Mars/Olympus"}', "unknown time zone"),
    ("[]", "expected an object, found a list"),
])
def test_broken_gold_json_names_the_field(tmp_path, gold, message):
    path = tmp_path / "gold.json"
    path.write_text(gold, "utf-8")
    with pytest.raises(InputError) as caught:
        read_gold(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


# --- the command --------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, ["evaluate", *map(str, args)])


def test_the_command_prints_a_table():
    result = run(TINY_BUILD, TINY_GOLD)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["task", "gold", "found", "correct", "P", "R", "F1", "acc"]
    assert lines[5].split() == ["stance", "3", "3", "3", "1.00", "1.00", "1.00", "1.00"]
    assert any(line.split()[:2] == ["central", "claims"] for line in lines)


def test_the_command_prints_json(tmp_path, micro):
    micro.set((M.article, ARGKG.centralClaim, M.u1))
    build = tmp_path / "build.ttl"
    build.write_text(micro.serialize(format="turtle"), "utf-8")
    result = run(build, MICRO, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    tasks = {t["task"]: t for t in report["tasks"]}
    assert tasks["central claims"] == {"task": "central claims", "gold": 1, "found": 1,
                                       "correct": 0, "precision": 0.0, "recall": 0.0,
                                       "f1": 0.0}
    assert tasks["units"]["f1"] == 1.0
    assert report["gold"] == str(MICRO)


@pytest.mark.parametrize(("build", "gold", "message"), [
    ("dir", TINY_GOLD, "no graph.ttl in this directory"),
    ("bad.ttl", TINY_GOLD, "not valid Turtle"),
    ("missing.ttl", TINY_GOLD, "no such file"),
    (TINY_BUILD, "gold.yaml", "unknown gold file type '.yaml'"),
    (TINY_BUILD, "broken.json", "not valid JSON"),
    (TINY_BUILD, "broken.xml", "not valid XML"),
    (TINY_BUILD, "missing.json", "No such file"),
])
def test_bad_build_or_gold_is_one_line_and_exit_code_2(tmp_path, build, gold, message):
    (tmp_path / "dir").mkdir()
    (tmp_path / "bad.ttl").write_text("this is not turtle", "utf-8")
    (tmp_path / "gold.yaml").write_text("a: 1", "utf-8")
    (tmp_path / "broken.json").write_text('{"comments": [', "utf-8")
    (tmp_path / "broken.xml").write_text("<arggraph id='x'>", "utf-8")
    result = run(tmp_path / build if isinstance(build, str) else build,
                 tmp_path / gold if isinstance(gold, str) else gold)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_microtext_builds_and_evaluates_end_to_end(tmp_path):
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", str(MICRO), "-o", str(out), "-q"])
    assert built.exit_code == 0, built.output
    result = run(out, MICRO, "--format", "json")
    assert result.exit_code == 0, result.output
    tasks = {t["task"]: (t["gold"], t["found"]) for t in json.loads(result.output)["tasks"]}
    # What the extractors find may change; what the gold holds and that each row is there not.
    assert {task: gold for task, (gold, _) in tasks.items()} == {
        "units": 7, "support": 4, "attack": 2, "links": 6, "central claims": 1}
    assert tasks["units"][1] > 0


def test_a_build_of_two_discussions_is_refused(tmp_path, tiny):
    tiny.add((T.other, RDF.type, SIOC.Thread))
    path = tmp_path / "two.ttl"
    path.write_text(tiny.serialize(format="turtle"), "utf-8")
    result = run(path, TINY_GOLD)
    assert result.exit_code == 2
    assert "the build holds 2 discussions" in result.output


def test_a_position_that_is_no_number_is_refused(tmp_path, tiny):
    tiny.set((T.c2, ARGKG.position, Literal("zwei")))
    path = tmp_path / "build.ttl"
    path.write_text(tiny.serialize(format="turtle"), "utf-8")
    result = run(path, TINY_GOLD)
    assert result.exit_code == 2
    assert "argkg:position of <https://w3id.org/argkg/id/post/tiny/c2> is not an integer: " \
        "'zwei'" in result.output


# --- actor scoring on the graph model (the gold test's entry point) ----------------------


def test_actor_scores_on_the_model_fold_names_and_count_extras(tiny_graph):
    gold = {"article": {"actors": ["Putin", "NATO"]},
            "comments": [{"n": 1, "actors": ["Nato", "Russland"]},
                         {"n": 2, "actors": ["Wladimir Putin"]}]}
    totals = actor_scores(tiny_graph, gold)
    assert [s.post for s in totals.scores] == ["article", "comment 1", "comment 2"]
    assert (totals.gold, totals.found, totals.correct) == (5, 5, 4)
    assert totals.scores[1].missed == ("Russland",)
    assert len(totals.scores[2].extra) == 1
