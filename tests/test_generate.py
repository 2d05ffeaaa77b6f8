"""The benchmark's corpus generator (bench/generate.py): deterministic, valid argkg input,
realistic enough that argkg finds what it is meant to find."""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.extract.read import read_discussions

BENCH = Path(__file__).resolve().parent.parent / "bench"
BERLIN = ZoneInfo("Europe/Berlin")


def _load_generator():
    # bench/ is scripts, not a package: load the file as a module of its own.
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


generate = _load_generator()


@pytest.fixture(scope="module")
def lexicon():
    return generate.Lexicon.load()


@pytest.fixture(scope="module")
def corpus_file(lexicon, tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "corpus.jsonl"
    generate.write_corpus(path, 1500, seed=5, lexicon=lexicon)
    return path


def test_the_same_seed_gives_the_same_corpus(lexicon):
    first = list(generate.generate(300, seed=3, lexicon=lexicon))
    again = list(generate.generate(300, seed=3, lexicon=lexicon))
    other = list(generate.generate(300, seed=4, lexicon=lexicon))
    assert first == again
    assert first != other


def test_argkg_reads_the_requested_number_of_comments(corpus_file):
    discussions = list(read_discussions(corpus_file, BERLIN))
    assert sum(len(d.comments) for d in discussions) == 1500
    assert all(20 <= len(d.comments) <= 200 for d in discussions)
    assert len({d.id for d in discussions}) == len(discussions)


@pytest.mark.parametrize("total", [1, 19, 20, 21, 199, 201, 417, 4003])
def test_discussion_sizes_add_up_and_stay_in_range(total):
    sizes = generate.discussion_sizes(generate.random.Random(total), total, 60)
    assert sum(sizes) == total
    assert all(size <= 200 for size in sizes)
    assert all(size >= 20 for size in sizes) or len(sizes) == 1


def test_replies_answer_earlier_comments_and_times_increase(corpus_file):
    depths = []
    for discussion in read_discussions(corpus_file, BERLIN):
        position = {c.id: i for i, c in enumerate(discussion.comments)}
        depth: dict[str, int] = {}
        for i, comment in enumerate(discussion.comments):
            if comment.reply_to is not None:
                assert position[comment.reply_to] < i
            depth[comment.id] = 1 if comment.reply_to is None else depth[comment.reply_to] + 1
        depths += depth.values()
        times = [discussion.article.published] + [c.published for c in discussion.comments]
        assert all(a < b for a, b in zip(times, times[1:], strict=False))
    counts = Counter(depths)
    assert counts[1] > len(depths) / 2          # most comments answer the article
    assert max(depths) >= 6                     # and some chains run deep


def test_comments_are_long_tailed_and_commenters_come_back(corpus_file):
    lengths, authors_by_discussion = [], []
    for line in corpus_file.read_text(encoding="utf-8").splitlines():
        discussion = json.loads(line)
        lengths += [len(c["text"].split()) for c in discussion["comments"]]
        authors_by_discussion.append({c["author"] for c in discussion["comments"]})
    assert 45 <= statistics.median(lengths) <= 75
    assert max(lengths) > 300 and min(lengths) <= 3
    recurring = Counter(a for authors in authors_by_discussion for a in authors)
    assert any(n > 1 for n in recurring.values())


def test_argkg_finds_the_actors_of_a_generated_discussion(lexicon, tmp_path):
    from argkg.extract.nlp import make_pipeline
    from argkg.pipeline import extract

    path = tmp_path / "one.jsonl"
    generate.write_corpus(path, 40, seed=2, lexicon=lexicon)
    discussion = next(read_discussions(path, BERLIN))
    extracted = extract(make_pipeline(), discussion)
    found = Counter(m.actor.label for mentions in extracted.mentions.values()
                    for m in mentions if not m.actor.candidate)
    written = {name.label for names in lexicon.names.values() for name in names}
    assert len(set(found) & written) >= 5, found
    assert sum(found.values()) >= 50, found


def test_the_command_line_writes_json_lines(tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    generate.main(["--comments", "25", "--out", str(out), "--seed", "9"])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sum(len(json.loads(line)["comments"]) for line in lines) == 25
    assert json.loads(capsys.readouterr().err)["comments"] == 25
