"""A build killed with SIGKILL never leaves half-written outputs (issue 7).

Each test starts `argkg build` as a process of its own into a directory holding a previous
complete build, kills it with a real SIGKILL, and checks that every previous output is
byte-identical or fully replaced by the new build's file, that nothing new is visible
beside them (temporary files are hidden, named after their output), and that the next
build sweeps the leftovers and writes the complete new outputs.

Where the kill lands: from outside, once the first temporary output shows up (and, while
the build is still reading and extracting, after a fixed time); from inside, exactly
after the k-th output is staged or the k-th is renamed into place, so that the moment a
build is half committed is tested on every run, not only when the timing happens to fit.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from argkg.cli import main
from argkg.pipeline import OUTPUTS

FIXED_TIME = {"SOURCE_DATE_EPOCH": "1641600000"}
TEMPORARY = re.compile(r"\.(?P<output>.+)\.[^.]+\.tmp")
"""How atomic writes name their temporary files: ".graph.ttl.k2j4x9.tmp"."""

DIES_AFTER = """
import os, signal, sys
from pathlib import Path

import argkg.pipeline as pipeline
from argkg.cli import main

step, count, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]).resolve()
calls = []

def dies_after(original):
    def wrapped(*args):
        result = original(*args)
        if Path(args[0] if step == "staged" else args[1]).resolve().parent == out:
            calls.append(args)
            if len(calls) == count:
                os.kill(os.getpid(), signal.SIGKILL)
        return result
    return wrapped

if step == "staged":
    pipeline._staged = dies_after(pipeline._staged)
else:
    os.replace = dies_after(os.replace)
main(sys.argv[4:])
"""
"""Runs `argkg` and SIGKILLs itself right after its `count`-th output in `out` is staged
(written to its temporary name) or renamed into place."""


def discussion(id: str, comments: int) -> dict:
    texts = ["Putin will die Ukraine nicht aufgeben, sagte Scholz.",
             "Die Nato muss reden. Denn Gespräche verhindern Krieg.",
             "Selten so gelacht. Die EU hat keinen Plan."]
    return {"id": id, "article": {"title": f"Debatte {id}", "author": "Eva Muster",
                                  "published": "2022-01-08T12:00:00+01:00",
                                  "text": "Die Lage ist ernst. Russland droht der Nato."},
            "comments": [{"id": f"c{n}", "author": f"Leser {n % 7}", "text": texts[n % 3],
                          "reply_to": None if n % 4 == 0 else f"c{n - 1}"}
                         for n in range(comments)]}


def env() -> dict:
    return dict(os.environ, **FIXED_TIME)


def argkg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "argkg", *args], env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def files_of(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file()}


class Builds:
    """A previous complete build, and the complete build of the new input for comparison."""

    def __init__(self, root: Path):
        self.root = root
        self.old_input = root / "old.json"
        self.new_input = root / "new.json"
        self.old_input.write_text(json.dumps(discussion("alt", 5)), encoding="utf-8")
        self.new_input.write_text(json.dumps(discussion("neu", 150)), encoding="utf-8")
        self.previous = self._complete(self.old_input, root / "previous")
        self.replaced = self._complete(self.new_input, root / "reference")
        assert set(self.previous) == set(OUTPUTS) == set(self.replaced)
        assert all(self.previous[name] != self.replaced[name] for name in OUTPUTS)

    def _complete(self, source: Path, out: Path) -> dict[str, bytes]:
        complete(["build", str(source), "-o", str(out), "-q"])
        return files_of(out)

    def target(self, name: str) -> Path:
        """A copy of the previous build, to build the new input into."""
        return Path(shutil.copytree(self.root / "previous", self.root / name))

    def build_args(self, out: Path) -> list[str]:
        return ["build", str(self.new_input), "-o", str(out), "-q"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory.mktemp("kill"))


def assert_whole_after_kill(builds: Builds, out: Path) -> dict[str, str]:
    """Every output old or new, never half; nothing visible but the outputs. Returns which
    state each output is in."""
    visible = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert visible == set(OUTPUTS)
    state = {}
    for name in OUTPUTS:
        now = (out / name).read_bytes()
        assert now in (builds.previous[name], builds.replaced[name]), f"{name} is half written"
        state[name] = "old" if now == builds.previous[name] else "new"
    for hidden in (p.name for p in out.iterdir() if p.name.startswith(".")):
        match = TEMPORARY.fullmatch(hidden)
        assert match and match["output"] in OUTPUTS, hidden
    return state


def complete(args: list[str]) -> None:
    """A complete build, in this process: builds are byte-identical across processes
    (test_cli), and this saves starting one."""
    result = CliRunner().invoke(main, args, env=FIXED_TIME)
    assert result.exit_code == 0, result.output


def assert_rebuild_completes(builds: Builds, out: Path) -> None:
    complete(builds.build_args(out))
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # the leftovers swept
    assert files_of(out) == builds.replaced


def kill_once_staging_begins(out: Path, args: list[str]) -> bool:
    """SIGKILL the build from outside as soon as a temporary output appears in `out`;
    False if the build finished first."""
    build = argkg(*args)
    try:
        while build.poll() is None:
            if any(TEMPORARY.fullmatch(name) for name in os.listdir(out)):
                build.send_signal(signal.SIGKILL)
                build.wait(timeout=30)
                return build.returncode == -signal.SIGKILL
            time.sleep(0.0002)
        return False
    finally:
        if build.poll() is None:
            build.kill()
        build.wait(timeout=30)


def test_killed_from_outside_while_writing(builds):
    for attempt in range(3):  # a loaded machine may finish writing between two polls
        out = builds.target(f"outside-{attempt}")
        if kill_once_staging_begins(out, builds.build_args(out)):
            break
        shutil.rmtree(out)
    else:
        pytest.fail("the build never got killed while writing its outputs")
    assert_whole_after_kill(builds, out)
    assert_rebuild_completes(builds, out)


def test_killed_from_outside_while_extracting(builds):
    out = builds.target("extracting")
    build = argkg(*builds.build_args(out))
    time.sleep(1.5)  # reading, loading the pipeline, extracting: nothing written yet
    build.send_signal(signal.SIGKILL)
    assert build.wait(timeout=30) == -signal.SIGKILL
    assert set(assert_whole_after_kill(builds, out).values()) == {"old"}


@pytest.mark.parametrize("step, count, expected", [
    ("staged", len(OUTPUTS) - 1, {"old"}),  # all but one written aside, none renamed
    ("renamed", 5, {"old", "new"}),  # half committed: each file old or new, none half
])
def test_killed_at_an_exact_step(builds, step, count, expected):
    out = builds.target(f"{step}-{count}")
    killed = subprocess.run([sys.executable, "-c", DIES_AFTER, step, str(count), str(out),
                             *builds.build_args(out)], env=env(), capture_output=True,
                            timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    state = assert_whole_after_kill(builds, out)
    assert set(state.values()) == expected
    if step == "renamed":
        assert list(state.values()).count("new") == count
        assert_rebuild_completes(builds, out)


# --- Inputs are never overwritten; rebuilding into a build directory is safe ---------------------


@pytest.mark.parametrize("inside", ["graph.ttl", "skipped.jsonl", "shards/0a1b.json",
                                    "store/x.json"])
def test_an_input_where_an_output_goes_is_refused_and_untouched(builds, inside):
    out = builds.root / "overwrite"
    source = out / inside
    source.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(builds.new_input, source)
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-q"])
    assert result.exit_code == 1, result.output
    assert "the output would overwrite this input" in result.stderr
    assert source.read_bytes() == builds.new_input.read_bytes()


def test_a_rebuild_without_a_store_removes_the_old_store(builds):
    """A store left by an earlier build would answer 'argkg query DIR' with the old graph."""
    out = builds.root / "stale-store"
    complete(["build", str(builds.old_input), "-o", str(out), "-q", "--store"])
    assert (out / "store").is_dir()
    complete(["build", str(builds.new_input), "-o", str(out), "-q"])
    assert files_of(out) == builds.replaced and not (out / "store").exists()
    answer = CliRunner().invoke(main, ["query", str(out), "SELECT ?t WHERE { ?d a "
                                       "<http://rdfs.org/sioc/ns#Thread> ; "
                                       "<http://purl.org/dc/terms/title> ?t }"])
    assert "Debatte neu" in answer.output and "Debatte alt" not in answer.output


def test_an_output_directory_that_cannot_be_made_is_a_one_line_error(builds):
    blocker = builds.root / "a-file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(main, ["build", str(builds.new_input), "-o",
                                       str(blocker / "out"), "-q"])
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("argkg: error: ") and "cannot write the outputs" in line
