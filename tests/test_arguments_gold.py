"""The argument layer against the gold reading of the bundled example, through the files a
user gets: build to a directory, then `argkg evaluate` reads its RDF.

These are floors set by the issue, not the target: the rules are general and are
measured on other discussions too (the example is development data, not a benchmark).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argkg.cli import main
from argkg.evaluation import evaluate
from argkg.evaluation.report import format_table

DATA = Path(__file__).parent / "data"
PAGE = DATA / "cicero-nato-russland-2022-01.txt"
GOLD = DATA / "cicero-nato-russland-2022-01.gold.json"


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(main, ["build", str(PAGE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    found = evaluate(out, GOLD)
    print("\n" + format_table(found))
    return {s.task: s for s in found}


def test_stance_accuracy_on_comments_with_a_clear_gold_stance(scores):
    assert scores["stance"].gold == 16
    assert scores["stance"].accuracy >= 0.85


def test_both_gold_quotes_are_found_and_linked_to_the_article(scores):
    assert scores["quotes"].gold == 2 and scores["quotes"].correct == 2


def test_attributions_name_the_right_speaker(scores):
    assert scores["attributions"].correct >= 5


def test_central_claims(scores):
    assert scores["central claims"].gold == 7 and scores["central claims"].correct >= 5


def test_the_thread_is_still_read_right(scores):
    for task in ("comments", "authors", "times", "replies"):
        assert scores[task].recall == 1.0 and scores[task].precision == 1.0, task
