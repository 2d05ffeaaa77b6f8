"""Corpus builds: streamed shards, resume, merging across discussions, and a worker killed
mid-job on a real Dask cluster losing or duplicating nothing."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.corpus import SHARDS, build_corpus
from argkg.ontology.store import query_store
from argkg.pipeline import BuildOptions

OPTIONS = BuildOptions(timezone=ZoneInfo("Europe/Berlin"))
TEXTS = ["Putin will die Ukraine nicht aufgeben, sagte Scholz.",
         "Die Nato muss reden. Denn Gespräche verhindern Krieg.",
         "Selten so gelacht. Die EU hat keinen Plan.",
         "Hmm, Herr Autor, Russland wird nicht nachgeben."]


def discussion(n: int, comments: int = 4) -> dict:
    return {"id": f"d{n}", "url": f"https://example.org/d{n}",
            "article": {"title": f"Debatte {n}", "author": "Eva Muster",
                        "published": "2022-01-08T12:00:00+01:00",
                        "text": f"Die Lage in Europa ist ernst. Russland droht der Nato ({n})."},
            "comments": [{"id": f"c{i}", "author": f"Leser {i % 3}",
                          "published": f"2022-01-08T13:{i:02d}:00+01:00",
                          "text": TEXTS[(n + i) % len(TEXTS)],
                          "reply_to": None if i == 0 else f"c{i - 1}"}
                         for i in range(comments)]}


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(folder / "archive.jsonl", [discussion(n) for n in range(count)])
    return folder


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def named_graphs(out: Path) -> list[str]:
    return [line.rsplit(" ", 2)[-2] for line in (out / "graph.nq").read_text().splitlines()]


def test_a_corpus_build_merges_actors_and_resumes(tmp_path):
    inputs, out = write_corpus(tmp_path / "in", 5), tmp_path / "out"
    first = build_corpus([inputs], out, OPTIONS, batch_size=2)
    assert (first.discussions, first.skipped, first.comments) == (5, 0, 20)
    assert len(set(named_graphs(out))) == 5
    rows = query_store(out / "store", "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { "
                       "?p schema:mentions ?a . ?a rdfs:label 'Russland'@de }").rows
    assert rows == [("1",)]  # one actor, the same IRI in every discussion
    comments = query_store(out / "store", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a schema:Comment }")
    assert comments.rows == [("20",)]
    again = build_corpus([inputs], out, OPTIONS, batch_size=2)
    assert (again.discussions, again.skipped) == (0, 5)
    assert (out / "graph.nq").read_bytes() == _concatenated_shards(out)


def test_a_changed_discussion_is_rebuilt_and_its_old_shard_removed(tmp_path):
    inputs, out = write_corpus(tmp_path / "in", 3), tmp_path / "out"
    build_corpus([inputs], out, OPTIONS)
    changed = [discussion(n) for n in range(3)]
    changed[1]["comments"][0]["text"] = "Ganz neu: Die USA erpressen Europa."
    write_jsonl(inputs / "archive.jsonl", changed)
    result = build_corpus([inputs], out, OPTIONS)
    assert (result.discussions, result.skipped) == (1, 2)
    assert len(list((out / SHARDS).glob("*.nq"))) == 3
    assert "Ganz neu" in (out / "graph.nq").read_text()


def test_a_worker_with_a_full_vocabulary_forgets_new_words(tmp_path, monkeypatch):
    from argkg import corpus
    from argkg.corpus import pipeline_for, process_batch

    strings = pipeline_for(OPTIONS).vocab.strings
    shards = tmp_path / "shards"
    shards.mkdir()
    process_batch(_read(tmp_path, [discussion(0)]), OPTIONS, str(shards))
    known = len(strings)
    monkeypatch.setattr(corpus, "VOCABULARY_LIMIT", known)
    unheard = [discussion(n) for n in range(1, 40)]
    for n, record in enumerate(unheard):
        record["comments"][0]["text"] = f"Zwurbelkrake{n} und die Blorx{n}-Partei lachen."
    assert process_batch(_read(tmp_path, unheard), OPTIONS, str(shards)).discussions == 39
    assert len(strings) == known  # spaCy's vocabulary stops growing with the archive


def _read(folder: Path, records: list[dict]) -> list:
    from argkg.extract.read import read_discussions

    return list(read_discussions(write_jsonl(folder / "batch.jsonl", records), OPTIONS.timezone))


def _concatenated_shards(out: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((out / SHARDS).glob("*.nq")))


def test_a_worker_killed_mid_job_loses_and_duplicates_nothing(tmp_path):
    distributed = pytest.importorskip("distributed")
    inputs, out = write_corpus(tmp_path / "in", 12), tmp_path / "out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        killed = []

        def kill_one_worker(stats):
            if not killed:
                pid = next(iter(client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        result = build_corpus([inputs], out, OPTIONS, scheduler=cluster.scheduler_address,
                              batch_size=2, progress=lambda total: kill_one_worker)
    assert killed
    assert result.discussions + result.skipped >= 12
    graphs = named_graphs(out)
    assert len(set(graphs)) == 12
    lines = (out / "graph.nq").read_text().splitlines()
    assert len(lines) == len(set(lines))  # no discussion twice
    assert not list((out / SHARDS).glob(".*.tmp"))


def test_a_parallel_build_does_not_hold_the_batches_it_sent(tmp_path):
    pytest.importorskip("distributed")
    import gc

    from argkg.discussion import Discussion

    inputs, out = write_corpus(tmp_path / "in", 60), tmp_path / "out"
    alive: list[int] = []

    def count_alive(stats):
        gc.collect()
        alive.append(sum(isinstance(o, Discussion) for o in gc.get_objects()))

    result = build_corpus([inputs], out, OPTIONS, workers=2, batch_size=1,
                          progress=lambda total: count_alive)
    assert result.discussions == 60
    # Held: the batches in flight (twice as many as workers), the one being read and the
    # last 10 messages Dask logs per connection. Its default of 1,000 kept every batch sent,
    # so the count grew with the archive.
    assert max(alive) < 30, alive


def test_the_cli_builds_a_directory_as_a_corpus(tmp_path):
    from click.testing import CliRunner

    from argkg.cli import main

    inputs, out = write_corpus(tmp_path / "in", 2), tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(inputs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 built" in result.output and "graph.nq" in result.output
    assert {"graph.nq", "store", "graph.html", "graph.gexf", "graph.graphml", SHARDS} <= {
        p.name for p in out.iterdir()}
    answer = CliRunner().invoke(main, ["query", str(out), "unanswered-comments", "--format",
                                       "csv"])
    assert answer.exit_code == 0, answer.output


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from argkg.cli import main

    inputs = write_corpus(tmp_path / "in", 1)
    result = CliRunner().invoke(main, ["build", str(inputs), "-o", str(tmp_path / "out"),
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1, result.output
    assert "cannot reach the Dask scheduler" in result.output
