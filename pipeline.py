"""The pipeline's wiring: read -> extract -> graph -> outputs. No logic of its own."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

import networkx as nx
from spacy.language import Language

from argkg.discussion import ARTICLE_ID, Discussion
from argkg.errors import ArgkgError, InputError
from argkg.extract.actors import PostContext
from argkg.extract.nlp import make_pipeline, process
from argkg.extract.read import read_discussions
from argkg.extract.thread import argue
from argkg.graph.assemble import ExtractedDiscussion, add_discussion
from argkg.graph.model import new_graph
from argkg.ontology.provenance import (
    BuildRecord,
    Setting,
    SourceFile,
    build_time,
    packaged_data,
    source_files,
)
from argkg.skipped import REPORT as SKIP_REPORT
from argkg.skipped import SkipLog

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.trig", "graph.nq", "graph.html", "thread.html",
           "arguments.html", "actors.html", "network.html", "report.html", "graph.gexf",
           "graph.graphml")
OTHER_PAGES = (("network.html", "Everything"), ("report.html", "Overview"))
"""Pages beside the three views, in their navigation: the whole model in one network, and
the overview in charts."""


@dataclass(frozen=True)
class BuildOptions:
    timezone: ZoneInfo
    input_format: str | None = None
    actor_files: tuple[Path, ...] = ()
    cue_files: tuple[Path, ...] = ()
    model: str | None = None
    candidates: bool = True
    base_iri: str | None = None


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    discussions: int = 0
    files: list[Path] = field(default_factory=list)
    provenance: BuildRecord | None = None


def read_all(inputs: Iterable[Path], options: BuildOptions,
             skips: SkipLog | None = None) -> Iterator[Discussion]:
    """Every discussion of every input. With `skips` (--skip-bad), a bad record or a bad file
    is noted there and reading goes on; without, the first one stops the build."""
    on_bad = None if skips is None else skips.add
    for path in inputs:
        try:
            yield from read_discussions(Path(path), options.timezone, options.input_format,
                                        on_bad)
        except InputError as error:
            if skips is None:
                raise
            skips.add(error)


def no_discussions(skips: SkipLog | None) -> ArgkgError:
    """The error for a build that found nothing to build."""
    if skips:
        first = skips.entries[0]
        return InputError(f"no discussions left to build: all {len(skips):,} were bad and "
                          f"skipped; the first: {first.error}", path=first.file,
                          place=first.place)
    return ArgkgError("no discussions found in the input")


def extract(nlp: Language, discussion: Discussion) -> ExtractedDiscussion:
    """Actor mentions and the argument layer of one discussion."""
    keys = [ARTICLE_ID] + [c.id for c in discussion.comments]
    texts = [discussion.article.text] + [c.text for c in discussion.comments]
    contexts = post_contexts(discussion)
    docs = dict(zip(keys, process(nlp, zip(texts, contexts, strict=True)), strict=True))
    return ExtractedDiscussion(
        discussion, {key: doc._.actor_mentions for key, doc in docs.items()},
        argue(discussion, docs), tokens=sum(len(doc) for doc in docs.values()))


def post_contexts(discussion: Discussion) -> list[PostContext]:
    """What the extractors must know about each post: date, people, what it answers."""
    common = dict(day=discussion_day(discussion), participants=tuple(discussion.participants),
                  article_author=discussion.article.author)
    authors = {c.id: c.author for c in discussion.comments}
    article = discussion.article
    return [PostContext(**common, teaser=article.teaser)] + [
        PostContext(**common, is_comment=True, answers_article=c.reply_to is None,
                    target_author=article.author if c.reply_to is None else authors[c.reply_to])
        for c in discussion.comments
    ]


def discussion_day(discussion: Discussion) -> date | None:
    """The day the discussion took place: the article's date, else its first comment's."""
    times = [discussion.article.published] + [c.published for c in discussion.comments]
    known = [t for t in times if t is not None]
    return (discussion.article.published or min(known)).date() if known else None


def build_graph(
    inputs: Iterable[Path], options: BuildOptions,
    progress: Callable[[Iterable[Discussion]], Iterable[Discussion]] = lambda x: x,
    skips: SkipLog | None = None,
) -> BuildResult:
    """Read every input, extract, and assemble one graph, and record how it was made.
    Reading errors stop the build before anything is written (with `skips`, bad records
    are noted there and left out instead)."""
    started = build_time()
    inputs = [Path(path) for path in inputs]
    discussions = list(read_all(inputs, options, skips))
    if not discussions:
        raise no_discussions(skips)
    nlp = make_pipeline(model=options.model, actor_files=options.actor_files,
                        candidates=options.candidates, cue_files=options.cue_files)
    graph = new_graph()
    for discussion in progress(discussions):
        add_discussion(graph, extract(nlp, discussion))
    record = BuildRecord(
        started=started, ended=build_time(),
        # Keyed as the readers name a discussion's source, so graphs find their input.
        inputs={str(path): SourceFile.of(path) for path in inputs},
        settings=build_settings(options, nlp.pipe_names), file_sets=file_sets(options))
    return BuildResult(graph=graph, discussions=len(discussions), provenance=record)


def build_settings(options: BuildOptions, components: Iterable[str]) -> tuple[Setting, ...]:
    """The options a build ran with, by their command-line names (unset ones left out), and
    the spaCy components it ran, in order."""
    settings = {"timezone": options.timezone.key, "candidates": options.candidates,
                "model": options.model, "format": options.input_format,
                "base-iri": options.base_iri, "pipeline": " ".join(components)}
    return tuple((name, value) for name, value in settings.items() if value is not None)


def file_sets(options: BuildOptions) -> tuple[tuple[str, tuple[SourceFile, ...]], ...]:
    """The data files a build read besides its input: argkg's own, and the user's."""
    sets = {"packaged-data": packaged_data(), "actors": source_files(options.actor_files),
            "cues": source_files(options.cue_files)}
    return tuple((name, files) for name, files in sets.items() if files)


def write_outputs(graph: nx.MultiDiGraph, output_dir: Path, base_iri: str | None = None,
                  title: str | None = None, provenance: BuildRecord | None = None,
                  store: bool = False) -> list[Path]:
    """Every output file, each written to a temporary name and renamed into place. The
    datasets (TriG, N-Quads) describe how the build was made when `provenance` is given;
    with `store`, the N-Quads are also bulk-loaded into an embedded store (`store/`)."""
    from argkg.graph.gephi import gexf_bytes, graphml_bytes
    from argkg.graph.html import render_html
    from argkg.graph.report import render_report
    from argkg.graph.views import render_views
    from argkg.ontology.namespaces import DEFAULT_BASE
    from argkg.ontology.provenance import describe_build
    from argkg.ontology.rdf import serialize, serialize_dataset, to_dataset, to_rdf

    base = base_iri or DEFAULT_BASE
    rdf = to_rdf(graph, base)
    dataset = to_dataset(graph, base)
    if provenance is not None:
        describe_build(dataset, graph, provenance, base)
    contents = {
        "graph.ttl": lambda: serialize(rdf, "turtle"),
        "graph.jsonld": lambda: serialize(rdf, "json-ld"),
        "graph.trig": lambda: serialize_dataset(dataset, "trig"),
        "graph.nq": lambda: serialize_dataset(dataset, "nquads"),
        "network.html": lambda: render_html(graph, title=title).encode("utf-8"),
        "graph.gexf": lambda: gexf_bytes(graph),
        "graph.graphml": lambda: graphml_bytes(graph),
        "report.html": lambda: render_report(graph, title=title),
    }
    rendered = {name: make() for name, make in contents.items()}
    rendered |= render_views(graph, title=title, other_pages=OTHER_PAGES)
    with writing_to(output_dir):
        output_dir.mkdir(parents=True, exist_ok=True)
        sweep_temporary_files(output_dir, (*OUTPUTS, SKIP_REPORT))
        written = atomic_write_all(output_dir, rendered)
        if store:
            from argkg.ontology.store import STORE_NAME, write_store

            written.append(write_store(rendered["graph.nq"], output_dir / STORE_NAME))
        else:
            _remove_stale_store(output_dir)
    return written


@contextmanager
def writing_to(output_dir: Path) -> Iterator[None]:
    """A full disk or a directory argkg may not write to is the user's to fix: one line,
    exit code 1, and the earlier outputs are still there."""
    try:
        yield
    except OSError as error:
        raise ArgkgError(f"cannot write the outputs: {error.strerror or error}",
                         path=str(error.filename or output_dir))


def _remove_stale_store(output_dir: Path) -> None:
    """A store an earlier build left here would answer 'argkg query DIR' with the old graph:
    it goes once the new outputs are in place (moved aside first, so it is never half)."""
    import shutil

    from argkg.ontology.store import STORE_NAME, find_store

    if find_store(output_dir / STORE_NAME) is None:
        return
    aside = output_dir / f".{STORE_NAME}.stale"
    shutil.rmtree(aside, ignore_errors=True)
    (output_dir / STORE_NAME).rename(aside)
    shutil.rmtree(aside, ignore_errors=True)


def sweep_temporary_files(directory: Path, names: Iterable[str]) -> None:
    """Temporary files that a killed build left behind (hidden, and never under an output's
    name): those of `names` go before new ones are written."""
    for name in names:
        for leftover in directory.glob(f".{name}.*.tmp"):
            leftover.unlink(missing_ok=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    with atomic_file(path) as out:
        out.write(data)
    return path


def atomic_write_all(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Every file to a temporary name first, then each renamed into place. A build killed
    while writing leaves every earlier output as it was; one killed while renaming (a
    matter of milliseconds) leaves each file the old one or the new one, never half."""
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            target = directory / name
            staged.append((_staged(target, data), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    return [target for _, target in staged]


def _staged(path: Path, data: bytes) -> Path:
    temporary = _temporary_beside(path)
    try:
        with open(temporary, "wb") as out:
            out.write(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _temporary_beside(path: Path) -> Path:
    """A new, empty file in `path`'s directory, hidden and named after it (".graph.ttl.x1y2
    .tmp"), readable like any other output (mkstemp would make it 0600)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    os.chmod(temporary, 0o666 & ~_current_umask())
    return Path(temporary)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write `path` through: renamed into place when the block ends,
    removed if it fails, so readers see the old file or the new one, never half."""
    temporary = _temporary_beside(path)
    try:
        with open(temporary, "wb") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
