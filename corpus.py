"""Whole archives: many discussions streamed in batches, extracted on this machine or on a
Dask cluster, each written as an N-Quads shard named after its content, then loaded once.

    read (streamed) -> batches -> workers: extract, assemble, write shard -> merge -> store

- Memory is bounded by the batch size and the number of batches in flight, not the corpus.
- A shard is named after its discussion's id and content (and the build settings), so a
  rebuild skips what is done (resume), a retried task rewrites the same file (no
  duplicates), and shards from different machines merge without coordination.
- Each worker loads the NLP pipeline once (`pipeline_for` is cached per process).
- `--scheduler ADDRESS` runs the same tasks on a dask.distributed cluster; the output
  directory must then be on a file system every worker can write to.
"""

from __future__ import annotations

import dataclasses
import gc
import glob
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path

from argkg import __version__
from argkg.discussion import Discussion
from argkg.errors import ArgkgError, InputError
from argkg.graph.assemble import add_discussion
from argkg.graph.ids import digest
from argkg.graph.model import new_graph
from argkg.graph.summary import DiscussionSummary, summarize
from argkg.ontology.namespaces import DEFAULT_BASE
from argkg.ontology.rdf import discussion_nquads
from argkg.pipeline import (
    BuildOptions,
    atomic_write,
    extract,
    no_discussions,
    read_all,
    sweep_temporary_files,
    writing_to,
)
from argkg.skipped import REPORT, SkipLog

SHARDS = "shards"
CORPUS_OUTPUTS = ("graph.nq", "graph.html", "graph.gexf", "graph.graphml", REPORT)
"""The files a corpus build writes beside its shards and its store."""
INPUT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".txt", ".xml")


@dataclass
class BatchStats:
    discussions: int = 0
    skipped: int = 0
    comments: int = 0
    tokens: int = 0
    triples: int = 0
    seconds: float = 0.0
    """Worker time spent on extraction and assembly."""

    def add(self, other: BatchStats) -> None:
        for name in ("discussions", "skipped", "comments", "tokens", "triples", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class CorpusResult(BatchStats):
    wall_seconds: float = 0.0
    load_seconds: float = 0.0
    files: list[Path] = field(default_factory=list)


# --- inputs ------------------------------------------------------------------------------


def expand_inputs(inputs: Iterable[Path | str], output_dir: Path | None = None) -> list[Path]:
    """Files, directories (their input files, recursively) and glob patterns, sorted.
    What a directory or pattern finds inside `output_dir` is left out: a build's own shards
    and reports are not discussions (an output directory inside the input directory)."""
    found: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found += _outside(sorted(p for p in path.rglob("*")
                                     if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES),
                              output_dir)
        elif path.exists():
            found.append(path)
        elif glob.has_magic(str(given)):
            found += _outside(sorted(Path(p) for p in glob.glob(str(given), recursive=True)
                                     if Path(p).is_file()), output_dir)
        else:
            raise InputError("no such file or directory", path=str(given))
    return list(dict.fromkeys(found))


def _outside(paths: list[Path], directory: Path | None) -> list[Path]:
    if directory is None:
        return paths
    inside = directory.resolve()
    return [p for p in paths if not p.resolve().is_relative_to(inside)]


def count_discussions(files: list[Path]) -> int:
    """A cheap count for the progress bar: lines of JSON Lines files, one per other file."""
    total = 0
    for path in files:
        try:
            with open(path, "rb") as handle:
                if path.suffix.lower() in (".jsonl", ".ndjson"):
                    total += sum(1 for line in handle if line.strip())
                    continue
        except OSError:  # unreadable: the reader says so, or skips it, in its turn
            pass
        total += 1
    return total


def batched(items: Iterable[Discussion], size: int) -> Iterator[list[Discussion]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# --- one batch, on a worker ----------------------------------------------------------------


def fingerprint(options: BuildOptions) -> str:
    """What, besides a discussion's content, decides its shard: argkg's version and settings."""
    settings = dataclasses.asdict(options) | {"timezone": options.timezone.key,
                                              "version": __version__}
    return digest(json.dumps(settings, default=str, sort_keys=True), 16)


def shard_name(discussion: Discussion, settings_key: str) -> str:
    content = json.dumps(dataclasses.asdict(discussion), default=str, sort_keys=True,
                         ensure_ascii=False)
    return f"{digest(discussion.id, 12)}-{digest(content + settings_key, 16)}"


@cache
def pipeline_for(options: BuildOptions):
    """The NLP pipeline, loaded once per worker process."""
    from argkg.extract.nlp import make_pipeline

    nlp = make_pipeline(model=options.model, actor_files=options.actor_files,
                        candidates=options.candidates, cue_files=options.cue_files)
    # The pipeline (150,000 objects: gazetteer, lexicons) lives as long as the worker; frozen,
    # the cyclic GC stops rescanning it at every full collection (6% of a batch's time).
    gc.collect()
    gc.freeze()
    return nlp


def process_batch(batch: list[Discussion], options: BuildOptions, shard_dir: str) -> BatchStats:
    """Extract and write every discussion of `batch` whose shard is not there yet."""
    started = time.perf_counter()
    shards, key = Path(shard_dir), fingerprint(options)
    stats = BatchStats()
    for discussion in batch:
        name = shard_name(discussion, key)
        if (shards / f"{name}.nq").exists():
            stats.skipped += 1
            continue
        nlp = pipeline_for(options)
        with _bounded_vocabulary(nlp):
            extracted = extract(nlp, discussion)
            model = new_graph()
            add_discussion(model, extracted)
            lines = discussion_nquads(model, options.base_iri or DEFAULT_BASE)
        # The summary first: the shard itself marks the discussion as done.
        atomic_write(shards / f"{name}.json", summarize(model).to_json())
        atomic_write(shards / f"{name}.nq", "".join(lines).encode("utf-8"))
        _remove_stale(shards, name)
        stats.discussions += 1
        stats.comments += len(discussion.comments)
        stats.tokens += extracted.tokens
        stats.triples += len(lines)
    stats.seconds = time.perf_counter() - started
    return stats


VOCABULARY_LIMIT = 200_000
"""Strings in a worker's spaCy vocabulary before it forgets the new words of each discussion."""


def _bounded_vocabulary(nlp):
    """spaCy keeps every word form it meets for the worker's life, so a worker grew with the
    archive. Once the vocabulary is full, each discussion runs in a memory zone that forgets
    its new words when it is written. Not from the start: in a zone spaCy recreates even
    common words for every discussion and stops caching tokenizations (33% slower; 6% once
    the common words are known)."""
    if len(nlp.vocab.strings) < VOCABULARY_LIMIT:
        return nullcontext()
    return nlp.memory_zone()


def _remove_stale(shards: Path, name: str) -> None:
    """An earlier version of the same discussion (same id, other content) goes."""
    prefix = name.split("-", 1)[0]
    for old in shards.glob(f"{prefix}-*"):
        if not old.name.startswith(name + "."):
            old.unlink(missing_ok=True)


# --- running the batches -------------------------------------------------------------------


def run_batches(batches: Iterable[list[Discussion]], options: BuildOptions, shard_dir: Path,
                workers: int = 1, scheduler: str | None = None) -> Iterator[BatchStats]:
    """Each batch's stats as it finishes: in this process, or on Dask workers."""
    if workers <= 1 and scheduler is None:
        for batch in batches:
            yield process_batch(batch, options, str(shard_dir))
        return
    yield from _run_on_dask(batches, options, shard_dir, workers, scheduler)


def _run_on_dask(batches, options, shard_dir, workers, scheduler) -> Iterator[BatchStats]:
    try:
        import dask
        from distributed import as_completed
    except ImportError:
        raise ArgkgError("parallel builds need Dask: pip install 'dask[distributed]'")
    # Dask keeps the last 1,000 messages of every connection (each under 1 MB) for debugging:
    # every batch of discussions, twice, so the build grew with the archive. 10 bounds that.
    with dask.config.set({"distributed.admin.low-level-log-length": _DASK_MESSAGE_LOG}):
        client = _dask_client(workers, scheduler)
        with client:
            in_flight = 2 * max(1, sum(client.nthreads().values()))
            pending = as_completed()
            for batch in batches:
                pending.add(client.submit(process_batch, batch, options, str(shard_dir),
                                          pure=False))
                while pending.count() >= in_flight:
                    yield next(pending).result()
            for future in pending:
                yield future.result()
            if not scheduler:
                client.cluster.close()


_DASK_MESSAGE_LOG = 10


def _dask_client(workers: int, scheduler: str | None):
    """A client of the cluster at `scheduler`, or of a new local one with `workers`."""
    from distributed import Client, LocalCluster

    if not scheduler:
        return Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR))
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise ArgkgError(f"cannot reach the Dask scheduler at {scheduler}: {error}")


# --- the whole build ------------------------------------------------------------------------


def build_corpus(inputs: list[Path], output_dir: Path, options: BuildOptions,
                 workers: int = 1, scheduler: str | None = None, batch_size: int = 50,
                 progress: Callable[[int], Callable[[BatchStats], None]] | None = None,
                 skips: SkipLog | None = None) -> CorpusResult:
    """Build every discussion of `inputs` into `output_dir`: shards, graph.nq, the store and
    the corpus views. `progress(total)` returns a callback for each finished batch. With
    `skips` (--skip-bad), bad records and files are noted there and the build goes on."""
    from argkg.corpus_outputs import write_corpus_outputs

    started = time.perf_counter()
    files = expand_inputs(inputs, output_dir)
    if not files:
        raise InputError("no input files found", path=" ".join(map(str, inputs)))
    shard_dir = output_dir / SHARDS
    with writing_to(output_dir):
        shard_dir.mkdir(parents=True, exist_ok=True)
        sweep_temporary_files(shard_dir, ("*",))  # every shard's: half-written, never named
        sweep_temporary_files(output_dir, CORPUS_OUTPUTS)
    report = progress(count_discussions(files)) if progress else (lambda stats: None)
    result = CorpusResult()
    for stats in run_batches(batched(read_all(files, options, skips), batch_size), options,
                             shard_dir, workers, scheduler):
        result.add(stats)
        report(stats)
    if not result.discussions + result.skipped:
        raise no_discussions(skips)
    loading = time.perf_counter()
    with writing_to(output_dir):
        result.files = write_corpus_outputs(shard_dir, output_dir)
    result.load_seconds = time.perf_counter() - loading
    result.wall_seconds = time.perf_counter() - started
    return result


def read_summaries(shard_dir: Path) -> Iterator[DiscussionSummary]:
    for path in sorted(shard_dir.glob("*.json")):
        if path.with_suffix(".nq").exists():
            yield DiscussionSummary.from_json(path.read_bytes())
