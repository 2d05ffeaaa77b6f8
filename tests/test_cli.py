"""The command line: build the example, query it, and fail cleanly on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argkg import pipeline
from argkg.cli import main

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "cicero-nato-russland-2022-01.txt"
OUTPUTS = set(pipeline.OUTPUTS)
# Fixes the provenance times in graph.trig and graph.nq, so every output can be compared.
FIXED_TIME = {"SOURCE_DATE_EPOCH": "1641600000"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out)], env=FIXED_TIME)
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_writes_every_output_and_a_summary(built):
    out, summary = built
    assert {p.name for p in out.iterdir()} == OUTPUTS
    assert all((out / name).stat().st_size > 1000 for name in OUTPUTS)
    assert "comments     21" in summary
    assert "actors" in summary and "mentions" in summary
    assert all(name in summary for name in OUTPUTS)
    assert len(summary.splitlines()) <= 24


def test_build_is_byte_identical_across_processes(built, tmp_path):
    out, _ = built
    env = dict(os.environ, PYTHONHASHSEED="12345", **FIXED_TIME)
    subprocess.run([sys.executable, "-m", "argkg", "build", str(EXAMPLE), "-o", str(tmp_path),
                    "-q"], check=True, env=env, timeout=300)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_query_prints_a_table_csv_and_json(built):
    out, _ = built
    sparql = ("PREFIX sioc: <http://rdfs.org/sioc/ns#> "
              "SELECT (COUNT(?p) AS ?n) WHERE { ?p sioc:reply_of ?x }")
    runner = CliRunner()
    table = runner.invoke(main, ["query", str(out / "graph.ttl"), sparql])
    assert table.exit_code == 0 and "21" in table.output
    as_csv = runner.invoke(main, ["query", str(out / "graph.ttl"), sparql, "--format", "csv"])
    assert as_csv.output.splitlines() == ["n", "21"]
    as_json = runner.invoke(main, ["query", str(out / "graph.ttl"), sparql, "--format", "json"])
    assert json.loads(as_json.output)["results"]["bindings"][0]["n"]["value"] == "21"


def test_query_from_an_rq_file(built, tmp_path):
    out, _ = built
    rq = tmp_path / "posts.rq"
    rq.write_text("PREFIX sioc: <http://rdfs.org/sioc/ns#>\n"
                  "SELECT (COUNT(?p) AS ?n) WHERE { ?p a sioc:Post }\n")
    result = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), str(rq), "--format",
                                       "csv"])
    assert result.output.splitlines() == ["n", "22"]


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "argkg", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize("content, problem", [
    ("", "the file is empty"),
    ('{"article": {"title": "t", "text": "x"}, "comments": [{"id": "a", "text": "x", '
     '"reply_to": "zz"}]}', "reply_to points to no comment in: a"),
])
def test_bad_input_is_one_line_exit_2_and_no_outputs(tmp_path, content, problem):
    source = tmp_path / "bad.json"
    source.write_text(content)
    out = tmp_path / "out"
    result = run_cli("build", str(source), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(source) in result.stderr and problem in result.stderr
    assert not out.exists()


def test_missing_file_and_bad_query_fail_cleanly(tmp_path, built):
    out, _ = built
    missing = run_cli("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o"))
    assert missing.returncode == 2 and "No such file" in missing.stderr
    bad = run_cli("query", str(out / "graph.ttl"), "SELECT WHERE {")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("argkg: error:")


def test_query_a_build_directory_through_its_store(built, tmp_path):
    out, _ = built
    target = tmp_path / "with-store"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(target), "--store",
                                       "-q"], env=FIXED_TIME)
    assert result.exit_code == 0, result.output
    assert (target / "store").is_dir()
    counts = {}
    for where in (target, out / "graph.ttl"):
        answer = CliRunner().invoke(main, ["query", str(where), "replies", "--format", "csv"])
        assert answer.exit_code == 0, answer.output
        counts[where] = sorted(answer.output.splitlines())
    assert counts[target] == counts[out / "graph.ttl"] and len(counts[target]) > 10


def test_serve_makes_a_store_and_answers_sparql(built, tmp_path):
    import shutil
    import socket
    import time
    import urllib.parse
    import urllib.request

    out, _ = built
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(out / "graph.nq", served / "graph.nq")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "argkg", "serve", str(served),
                               "--port", str(port), "--limit", "3"], stderr=subprocess.PIPE)
    try:
        query = urllib.parse.quote("SELECT ?c { ?c <http://rdfs.org/sioc/ns#reply_of> ?p }")
        url = f"http://127.0.0.1:{port}/query?query={query}"
        for _ in range(150):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    assert len(json.load(response)["results"]["bindings"]) == 3
                    assert response.headers["X-Argkg-Truncated"] == "true"
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the endpoint never answered")
        assert (served / "store").is_dir()
        engines = _children(server.pid)
        assert engines or not Path("/proc/self/stat").exists(), "oxigraph runs as a child"
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not any(Path(f"/proc/{pid}").exists() for pid in engines), "oxigraph outlived serve"


def _children(pid: int) -> list[int]:
    """Ids of the processes whose parent is `pid` (from /proc, so Linux only)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_serve_without_a_build_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "graph.nq" in result.output
