"""The benchmark for whole comment archives (issue 6): extraction, assembly, loading and the
corpus build at 10,000 comments (and 100,000 with --large), against their targets.

    python bench/corpus.py [--large] [--markdown] [--sample 0.2] [--full-builds] [--seed 1]

Generates the corpora with bench/generate.py, then measures in this process:

- extraction: argkg's pipeline (read_discussions, make_pipeline, extract), tokens and
  comments per second from reading to extracted discussions (one process: one core);
- (a) the floor: spaCy's bare blank("de") tokenizer over the same texts;
- assembly: add_discussion into a fresh graph model per discussion, then its N-Quads
  (discussion_nquads, as the corpus build writes them; to_dataset and rdflib's N-Quads
  writer where argkg has no discussion_nquads), with the extracted sample frozen out of
  the garbage collector's sight, since a build never holds more than one discussion;
- load: all N-Quads bulk-loaded into a pyoxigraph store (as the corpus build loads them);
- (b) the naive way: an rdflib Graph per discussion (to_rdf), merged with `big += g`;

and in child processes, one build at a time, (c) argkg.corpus.build_corpus with one
worker and with two. Extraction is slow, so these stages run on a sample: the first
discussions that hold --sample of the comments (builds too, unless --full-builds; the
memory target is about a full build of 100,000 comments: --large --full-builds).

Rates are per wall-clock second, and for extraction also per CPU-second of the process:
other work on the machine (the load average is printed) slows the first, not the second.
A build's tokens per CPU-second count the CPU time of the build process and its workers,
start-up and outputs included.

Peak memory: for this process's stages the peak resident set size (VmHWM, reset before each
stage through /proc/self/clear_refs; where that fails, ru_maxrss, the peak so far); for a
build the largest sum of the resident set sizes of the build process and all its workers,
sampled every 0.1 s.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).parent))

import generate  # noqa: E402  (bench/generate.py, beside this file)

BERLIN = ZoneInfo("Europe/Berlin")
SIZES = (10_000, 100_000)
NAIVE_TRIPLES = 150_000
"""The naive rdflib merge stops after this many triples: rdflib needs about 1.4 GB a
million, and its rate per triple hardly changes with the size of the graph."""
TARGETS = {"extraction": 20_000, "assembly": 100_000, "load": 100_000,
           "memory": 2 * 1024 ** 3}
MB = 1024 ** 2


# --- memory ----------------------------------------------------------------------------------


def reset_peak_memory() -> bool:
    """Start a new peak of this process's resident set (Linux 4.0+); False if impossible."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_memory() -> int:
    """Bytes: VmHWM (the peak since the last reset) or else ru_maxrss (the peak ever)."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class TreeMemory:
    """Samples the summed resident set of a process and all its descendants in a thread."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval, self.peak = pid, interval, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(self.interval):
            self.peak = max(self.peak, sum(_rss(pid) for pid in _descendants(self.pid)))


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    # The parent id is the second field after the parenthesised name.
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# --- the corpus and its sample ---------------------------------------------------------------


@dataclass
class Corpus:
    path: Path
    sample: Path
    comments: int
    discussions: int
    tokens: int
    sample_comments: int
    sample_discussions: int
    sample_tokens: int
    floor_seconds: float


def prepare(size: int, seed: int, sample: float, workdir: Path, lexicon) -> Corpus:
    """Generate the corpus, cut its sample (whole discussions), time the bare tokenizer."""
    path = workdir / f"corpus-{size}.jsonl"
    generate.write_corpus(path, size, seed, lexicon=lexicon)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    tokens, seconds = floor(lines)
    wanted, taken = sample * size, 0
    cut = 0
    while cut < len(lines) and taken < wanted:
        taken += len(json.loads(lines[cut])["comments"])
        cut += 1
    sample_path = workdir / f"sample-{size}.jsonl"
    sample_path.write_text("".join(lines[:cut]), encoding="utf-8")
    return Corpus(path, sample_path, size, len(lines), sum(tokens), taken, cut, sum(tokens[:cut]),
                  seconds)


def floor(lines: list[str]) -> tuple[list[int], float]:
    """(a) spaCy's bare German tokenizer over every text: tokens per discussion, seconds."""
    import spacy

    tokenizer = spacy.blank("de").tokenizer
    discussions = [json.loads(line) for line in lines]
    texts = [[d["article"]["text"]] + [c["text"] for c in d["comments"]] for d in discussions]
    started = time.perf_counter()
    counts = [sum(len(doc) for doc in tokenizer.pipe(group)) for group in texts]
    return counts, time.perf_counter() - started


# --- in this process -------------------------------------------------------------------------


@dataclass
class Stage:
    seconds: float = 0.0      # wall clock
    cpu: float = 0.0          # CPU time of this process (all its threads)
    count: int = 0            # tokens, triples: what the rate is of
    memory: int = 0
    note: str = ""

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        """Per CPU-second: what one core does, whatever else runs on the machine."""
        return self.count / self.cpu if self.cpu else 0.0


def timed_stage(work) -> tuple[object, Stage]:
    exact = reset_peak_memory()
    gc.collect()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = work()
    stage = Stage(seconds=time.perf_counter() - started, cpu=time.process_time() - cpu_started,
                  memory=peak_memory())
    if not exact:
        stage.note = "peak so far"
    return result, stage


def extraction(corpus: Corpus) -> tuple[list, Stage, float]:
    """Read and extract the sample; the pipeline's start-up is timed apart."""
    from argkg.extract.nlp import make_pipeline
    from argkg.extract.read import read_discussions
    from argkg.pipeline import extract

    started = time.perf_counter()
    nlp = make_pipeline()
    startup = time.perf_counter() - started

    def run():
        return [extract(nlp, d) for d in read_discussions(corpus.sample, BERLIN)]

    extracted, stage = timed_stage(run)
    stage.count = corpus.sample_tokens
    return extracted, stage, startup


def assembly(extracted: list) -> tuple[list[bytes], Stage]:
    """Graph model and N-Quads per discussion, as the corpus build makes them."""
    from argkg.graph.assemble import add_discussion
    from argkg.graph.model import new_graph

    to_nquads, how = nquads_writer()

    def run():
        out = []
        for item in extracted:
            model = new_graph()
            add_discussion(model, item)
            out.append(to_nquads(model))
        return out

    # A build assembles each discussion straight after extracting it and drops it; this
    # stage holds the whole extracted sample (1.4 GB at 100,000 comments), which Python's
    # cyclic GC would rescan again and again. Frozen, it costs what a build's heap costs.
    gc.collect()
    gc.freeze()
    try:
        shards, stage = timed_stage(run)
    finally:
        gc.unfreeze()
    stage.count = sum(shard.count(b"\n") for shard in shards)
    stage.note = f"{how} (extracted sample gc.freeze()d)"
    return shards, stage


def nquads_writer():
    """argkg's per-discussion N-Quads writer, or the rdflib route where it has none."""
    try:
        from argkg.ontology.rdf import discussion_nquads
    except ImportError:
        from argkg.ontology.rdf import serialize_dataset, to_dataset

        return (lambda model: serialize_dataset(to_dataset(model), "nquads"),
                "to_dataset + rdflib N-Quads")
    return (lambda model: "".join(discussion_nquads(model)).encode("utf-8"),
            "discussion_nquads")


def load(shards: list[bytes], workdir: Path) -> Stage:
    """Every discussion's N-Quads into one pyoxigraph store, as the corpus build loads them
    (from a file where argkg can; the file is written before the clock starts)."""
    from argkg.ontology import store

    directory = workdir / "store"
    if hasattr(store, "write_union_store"):
        path = workdir / "graph.nq"
        path.write_bytes(b"".join(shards))
        _, stage = timed_stage(lambda: store.write_union_store(path, directory))
        stage.note = "write_union_store"
    else:
        data = b"".join(shards)
        _, stage = timed_stage(lambda: store.write_store(data, directory))
        stage.note = "write_store"
    stage.count = sum(shard.count(b"\n") for shard in shards)
    shutil.rmtree(directory, ignore_errors=True)
    return stage


def naive(extracted: list) -> tuple[Stage, Stage]:
    """(b) An rdflib Graph per discussion (to_rdf), merged into one with `big += g`, up to
    NAIVE_TRIPLES: (making the graphs, merging them)."""
    from rdflib import Graph

    from argkg.graph.assemble import add_discussion
    from argkg.graph.model import new_graph
    from argkg.ontology.rdf import to_rdf

    making, merging = Stage(), Stage()
    exact = reset_peak_memory()
    big = Graph()
    for item in extracted:
        model = new_graph()
        add_discussion(model, item)
        started = time.perf_counter()
        graph = to_rdf(model)
        merge_started = time.perf_counter()
        big += graph        # in place; `big = big + g` copies big every time (quadratic)
        ended = time.perf_counter()
        making.seconds += merge_started - started
        merging.seconds += ended - merge_started
        making.count += len(graph)
        if len(big) >= NAIVE_TRIPLES:
            break
    merging.count = len(big)
    merging.memory = making.memory = peak_memory()
    making.note = merging.note = f"first {making.count:,} triples" + (
        "" if exact else ", peak so far")
    return making, merging


# --- builds, in child processes --------------------------------------------------------------


@dataclass
class Build:
    workers: int
    comments: int = 0
    tokens: int = 0
    triples: int = 0
    seconds: float = 0.0      # wall clock, start to outputs
    load_seconds: float = 0.0  # of which writing graph.nq, the store and the views
    cpu: float = 0.0          # CPU time of the build process and its workers
    memory: int = 0           # the largest summed resident set of the process tree
    maxrss_self: int = 0
    maxrss_worker: int = 0
    error: str = ""

    def rate(self, what: str) -> float:
        return getattr(self, what) / self.seconds if self.seconds else 0.0


def corpus_build_missing() -> str:
    """Why argkg.corpus.build_corpus cannot run here ('' if it can)."""
    try:
        from argkg.corpus import build_corpus  # noqa: F401
    except ImportError as error:
        return f"argkg.corpus.build_corpus is not available ({error})"
    return ""


def run_build(source: Path, workers: int, batch_size: int, workdir: Path) -> Build:
    """One corpus build in a fresh Python process, so that builds share no caches and the
    memory measured is the build's."""
    output = workdir / f"build-{workers}"
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, __file__, "--child-build", str(source), str(output), str(workers),
               str(batch_size)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(child.pid) as memory:
        stdout, stderr = child.communicate()
    shutil.rmtree(output, ignore_errors=True)
    build = Build(workers=workers, memory=memory.peak)
    if child.returncode != 0:
        build.error = (stderr.strip().splitlines() or ["failed"])[-1]
        return build
    for key, value in json.loads(stdout.strip().splitlines()[-1]).items():
        setattr(build, key, value)
    return build


def child_build(source: str, output: str, workers: str, batch_size: str) -> None:
    """The build itself (in the child): its figures as one JSON line on stdout."""
    import argkg.corpus as corpus

    options_class = getattr(corpus, "BuildOptions", None)
    if options_class is None:
        from argkg.pipeline import BuildOptions as options_class
    started = time.perf_counter()
    result = corpus.build_corpus([Path(source)], Path(output), options_class(timezone=BERLIN),
                                 workers=int(workers), batch_size=int(batch_size))
    seconds = getattr(result, "wall_seconds", 0) or time.perf_counter() - started
    own, workers_ = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                          resource.RUSAGE_CHILDREN))
    print(json.dumps({
        "comments": result.comments, "tokens": result.tokens, "triples": result.triples,
        "seconds": seconds, "load_seconds": getattr(result, "load_seconds", 0.0),
        "cpu": own.ru_utime + own.ru_stime + workers_.ru_utime + workers_.ru_stime,
        "maxrss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "maxrss_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }))


# --- one column --------------------------------------------------------------------------------


@dataclass
class Column:
    corpus: Corpus
    startup: float = 0.0
    stages: dict[str, Stage] = field(default_factory=dict)
    builds: list[Build] = field(default_factory=list)
    build_note: str = ""
    build_comments: int = 0
    load_average: list[float] = field(default_factory=list)
    """The machine's 1-minute load average before and after: others' work slows ours."""


def measure(size: int, args, workdir: Path, lexicon) -> Column:
    say(f"{size:,} comments: generating")
    before = os.getloadavg()[0]
    corpus = prepare(size, args.seed, args.sample, workdir, lexicon)
    column = Column(corpus, load_average=[before])
    say(f"{size:,} comments: extracting {corpus.sample_comments:,} (sample)")
    extracted, column.stages["extraction"], column.startup = extraction(corpus)
    say(f"{size:,} comments: assembling, loading")
    shards, column.stages["assembly"] = assembly(extracted)
    column.stages["load"] = load(shards, workdir)
    del shards
    say(f"{size:,} comments: rdflib")
    column.stages["naive graphs"], column.stages["naive merge"] = naive(extracted)
    del extracted
    gc.collect()
    column.build_note = corpus_build_missing()
    if not column.build_note:
        source = corpus.path if args.full_builds else corpus.sample
        column.build_comments = corpus.comments if args.full_builds else corpus.sample_comments
        for workers in (1, 2):
            say(f"{size:,} comments: corpus build, {workers} worker(s), "
                f"{column.build_comments:,} comments")
            column.builds.append(run_build(source, workers, args.batch_size, workdir))
    column.load_average.append(os.getloadavg()[0])
    return column


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the table ---------------------------------------------------------------------------------


def number(value: float) -> str:
    return f"{value:,.0f}"


def megabytes(*values: int) -> str:
    return " | ".join(f"{v / MB:,.0f}" if v else "n/a" for v in values) + " MB"


def judged(text: str, value: float, target: float) -> str:
    return f"{text} {'✓' if value >= target else '✗'}"


def build_of(column: Column, workers: int) -> Build | None:
    return next((b for b in column.builds if b.workers == workers), None)


def build_cell(column: Column, workers: int, render) -> str:
    build = build_of(column, workers)
    if build is None:
        return "n/a"
    return f"failed: {build.error[:40]}" if build.error else render(build)


def build_speed(build: Build) -> str:
    return (f"{number(build.rate('comments'))} | {build.seconds:.0f} s "
            f"({build.load_seconds:.0f} s)")


def build_cpu_rate(build: Build) -> str:
    # Not judged against the extraction target: a build also assembles, writes the shards,
    # loads the store and draws the views.
    rate = build.tokens / build.cpu if build.cpu else 0.0
    return number(rate)


def speedup(column: Column) -> str:
    one, two = build_of(column, 1), build_of(column, 2)
    if not (one and two and one.seconds and two.seconds) or one.error or two.error:
        return "n/a"
    return f"{one.seconds / two.seconds:.2f}x"


def build_memory(column: Column) -> str:
    values = [b.memory if b and not b.error else 0
              for b in (build_of(column, 1), build_of(column, 2))]
    text = megabytes(*values)
    if column.build_comments >= SIZES[1] and all(values):
        text += " ✓" if max(values) < TARGETS["memory"] else " ✗"
    return text


def extraction_cell(column: Column) -> str:
    stage = column.stages["extraction"]
    return (f"{number(stage.rate)} | "
            + judged(number(stage.cpu_rate), stage.cpu_rate, TARGETS["extraction"]))


def triples_cell(stage: Stage, target: float) -> str:
    return judged(number(stage.rate), stage.rate, target)


ROWS = [
    # (what, the cell of one column, target)
    ("corpus: discussions / comments / tokens", lambda c: (
        f"{c.corpus.discussions:,} / {c.corpus.comments:,} / {c.corpus.tokens:,}"), ""),
    ("sample: discussions / comments", lambda c: (
        f"{c.corpus.sample_discussions:,} / {c.corpus.sample_comments:,}"), ""),
    ("extraction: tokens/s wall | per CPU-second", extraction_cell, "≥ 20,000 per core"),
    ("extraction: comments/s wall", lambda c: number(
        c.corpus.sample_comments / c.stages["extraction"].seconds), ""),
    ("extraction: pipeline start-up", lambda c: f"{c.startup:.1f} s", ""),
    ("(a) floor: blank de tokenizer, tokens/s", lambda c: number(
        c.corpus.tokens / c.corpus.floor_seconds), ""),
    ("assembly: model + N-Quads, triples/s", lambda c: triples_cell(
        c.stages["assembly"], TARGETS["assembly"]), "≥ 100,000"),
    ("load: pyoxigraph store, triples/s", lambda c: triples_cell(
        c.stages["load"], TARGETS["load"]), "≥ 100,000"),
    ("(b) naive rdflib: to_rdf | big += g, triples/s", lambda c: (
        f"{number(c.stages['naive graphs'].rate)} | {number(c.stages['naive merge'].rate)}"),
     ""),
    ("(c) build: comments", lambda c: f"{c.build_comments:,}" if c.builds else "n/a", ""),
    ("(c) 1 worker: comments/s | wall (outputs)", lambda c: build_cell(c, 1, build_speed), ""),
    ("(c) 1 worker: tokens per CPU-second, whole build", lambda c: build_cell(
        c, 1, build_cpu_rate), ""),
    ("(c) 2 workers: comments/s | wall (outputs)", lambda c: build_cell(c, 2, build_speed), ""),
    ("(c) 2 workers: tokens per CPU-second, whole build", lambda c: build_cell(
        c, 2, build_cpu_rate), ""),
    ("(c) speed-up, 2 workers against 1", speedup, ""),
    ("peak memory: extraction | assembly | load | rdflib", lambda c: megabytes(
        *(c.stages[name].memory for name in ("extraction", "assembly", "load", "naive merge"))),
     ""),
    ("peak memory: build 1 | 2 workers (all processes)", build_memory, "< 2 GB at 100,000"),
]


def rows(columns: list[Column]) -> list[tuple[str, list[str], str]]:
    """(what, one value per column, target) for every line of the table."""
    return [(what, [cell(c) for c in columns], target) for what, cell, target in ROWS]


def header(args, columns: list[Column]) -> list[str]:
    import pyoxigraph
    import rdflib
    import spacy

    lines = [f"argkg corpus benchmark: seed {args.seed}, {os.cpu_count()} CPUs, "
             f"Python {platform.python_version()}, spaCy {spacy.__version__}, "
             f"rdflib {rdflib.__version__}, pyoxigraph {pyoxigraph.__version__}"]
    lines.append(f"Extraction, assembly, load and rdflib ran on a sample: the first discussions "
                 f"holding {args.sample:.0%} of each corpus's comments.")
    notes = sorted({c.stages["assembly"].note for c in columns} |
                   {c.stages["load"].note for c in columns})
    lines.append(f"Assembly and load as the corpus build does them: {', '.join(notes)}; the "
                 f"rdflib merge stops after {NAIVE_TRIPLES:,} triples.")
    missing = next((c.build_note for c in columns if c.build_note), "")
    if missing:
        lines.append(f"(c) not measured: {missing}.")
    else:
        lines.append("(c) builds ran " + ("on the whole corpus" if args.full_builds else
                                          "on the sample (--full-builds for all)")
                     + f" in batches of {args.batch_size} discussions; (outputs): the part "
                       "of the wall time spent on graph.nq, the store and the views; memory: "
                       "peak of the summed resident sets of the build's processes.")
    averages = ", ".join(f"{a:.1f} to {b:.1f}" for a, b in (c.load_average for c in columns))
    lines.append(f"Load average (1 min) during the run: {averages} on {os.cpu_count()} CPUs; "
                 "where it exceeds the CPUs, other work slowed the wall-clock rates (not the "
                 "rates per CPU-second).")
    return lines


def text_table(titles: list[str], table) -> str:
    widths = [max(len(r[0]) for r in table)] + [
        max(len(titles[i]), *(len(r[1][i]) for r in table)) for i in range(len(titles))]
    def line(cells, target):
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest, target]).rstrip()
    out = [line(["", *titles], "target")]
    out += [line([what, *values], target) for what, values, target in table]
    return "\n".join(out)


def markdown_table(titles: list[str], table) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")  # "a | b" inside a cell is not a column break

    out = ["| measure | " + " | ".join(titles) + " | target |",
           "|---|" + "---:|" * len(titles) + "---|"]
    out += [f"| {cell(what)} | " + " | ".join(map(cell, values)) + f" | {target} |"
            for what, values, target in table]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also 100,000 comments")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("--sample", type=float, default=0.2,
                        help="share of the comments the slow stages run on (default 0.2)")
    parser.add_argument("--full-builds", action="store_true",
                        help="run the corpus builds on the whole corpus, not the sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the corpora here (default: temp)")
    parser.add_argument("--batch-size", type=int, default=10,
                        help="discussions per batch of a corpus build (default 10: the sample "
                             "must make several batches for two workers to share them)")
    parser.add_argument("--child-build", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_build:
        child_build(*args.child_build)
        return
    if not 0 < args.sample <= 1:
        parser.error("--sample must be in (0, 1]")
    sizes = SIZES if args.large else SIZES[:1]
    with tempfile.TemporaryDirectory(prefix="argkg-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        lexicon = generate.Lexicon.load()
        columns = [measure(size, args, workdir, lexicon) for size in sizes]
    titles = [f"{size:,} comments" for size in sizes]
    table = rows(columns)
    print("\n".join(header(args, columns)))
    print()
    print(markdown_table(titles, table) if args.markdown else text_table(titles, table))


if __name__ == "__main__":
    main()
