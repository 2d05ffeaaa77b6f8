"""The `argkg` command: build graphs from discussions, query them with SPARQL.

Exit codes: 0 success, 1 a request argkg could not carry out, 2 unknown or broken input
(or a wrong command line), 3 built with --skip-bad but some input was skipped (listed in
skipped.jsonl), 70 an internal error (a bug: please report it with --debug), 130
interrupted. See argkg/errors.py.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

import click

from argkg import __version__
from argkg.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_SKIPPED,
    ArgkgError,
    InputError,
    one_line,
)


class _Group(click.Group):
    """Turns argkg's errors into one line on stderr and a meaningful exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArgkgError as error:
            click.echo(f"argkg: error: {one_line(str(error))}", err=True)
            sys.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("argkg: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as error:  # a bug: one line unless --debug asks for the traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"argkg: internal error: {type(error).__name__}: "
                       f"{one_line(str(error))} (run 'argkg --debug ...' for the traceback)",
                       err=True)
            sys.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argkg")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn online debates (an article and its reader comments) into an argument
    knowledge graph: RDF for SPARQL, an offline HTML network, and files for Gephi.

    \b
    Start with the bundled example:
      argkg build tests/data/cicero-nato-russland-2022-01.txt -o output/
      argkg query output/graph.ttl actors-by-mentions
    """
    ctx.obj = {"debug": debug}
    _show_warnings()


class _WarningLine(logging.Handler):
    """argkg's warnings (an input read as cp1252, ...) as one line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"argkg: warning: {one_line(record.getMessage())}", err=True)


def _show_warnings() -> None:
    logger = logging.getLogger("argkg")
    if not any(isinstance(h, _WarningLine) for h in logger.handlers):
        logger.addHandler(_WarningLine(logging.WARNING))


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Directory for the output files.")
@click.option("--format", "input_format",
              type=click.Choice(["page", "json", "jsonl", "amc"]),
              help="Input format (default: from the file name and content).")
@click.option("--actors", "actor_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your own gazetteer file (YAML, format in extract/data/actors/README.md); "
                   "repeatable.")
@click.option("--cues", "cue_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your own cue lexicon (YAML with the keys of extract/data/*.yaml: markers, "
                   "attack, support, verbs, positive, negative, claim, conflicts, ...); "
                   "its lists extend the packaged ones. Repeatable.")
@click.option("--timezone", default="Europe/Berlin", show_default=True,
              help="Time zone of times the input gives without one.")
@click.option("--base-iri", default=None, help="Base IRI for minted resources "
              "(default https://w3id.org/argkg/id/).")
@click.option("--model", default=None, help="An installed spaCy model to tokenize with "
              "instead of the blank German pipeline (optional; none is needed).")
@click.option("--no-candidates", is_flag=True, help="Only actors from the gazetteers: "
              "no candidate names found by the tagger.")
@click.option("--store", "with_store", is_flag=True, help="Also load the graph into an "
              "embedded store (DIR/store/) for fast queries and 'argkg serve'.")
@click.option("--corpus", "as_corpus", is_flag=True, help="Build as an archive: stream the "
              "discussions, write one shard per discussion (skipped when rebuilt), then "
              "graph.nq, the store and the actor network over all discussions. Implied by "
              "a directory or glob input, --workers and --scheduler.")
@click.option("--workers", type=click.IntRange(1, 1024), default=None,
              help="Worker processes on this machine (Dask); implies --corpus.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A dask.distributed scheduler (tcp://host:8786) to run on; the output "
                   "directory must be shared with the workers. Implies --corpus.")
@click.option("--batch-size", default=50, show_default=True, type=click.IntRange(1, 100000),
              help="Discussions per task in a corpus build.")
@click.option("--skip-bad", is_flag=True, help="Go on past bad records (a broken line of "
              "JSON Lines, a broken file of a directory): build the rest, list what was "
              "skipped and why in skipped.jsonl in the output directory, and exit with "
              "code 3. Without it the first bad record stops the build (exit code 2).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.pass_context
def build(ctx, inputs, output_dir, input_format, actor_files, cue_files, timezone, base_iri,
          model, no_candidates, with_store, as_corpus, workers, scheduler, batch_size,
          skip_bad, quiet):
    """Build the graph of INPUT files (page scrapes .txt, JSON .json, JSON Lines .jsonl,
    microtext argument graphs .xml) and write graph.ttl, graph.jsonld, graph.trig,
    graph.nq, graph.html, graph.gexf and graph.graphml.

    graph.trig and graph.nq hold each discussion in a named graph, described with the
    build's provenance; set SOURCE_DATE_EPOCH to fix its times (reproducible builds).

    Inputs are read as UTF-8, or as UTF-16/32 with a byte order mark; bytes that are
    not UTF-8 are read as Windows-1252 (cp1252, which covers Latin-1), with a warning.
    A text (title, article, comment, id) may be up to 1,000,000 characters long. Every
    output is written under a temporary name and renamed into place: a failed or killed
    build leaves each output whole, the previous file or the new one, never half of
    one. Inputs are never overwritten.

    \b
    Exit codes: 0 built; 1 could not be done; 2 bad input or command
    line, no output replaced; 3 built with --skip-bad, something skipped
    (see skipped.jsonl); 70 a bug (see --debug)."""
    from argkg.extract.dates import zone
    from argkg.pipeline import BuildOptions, build_graph, write_outputs
    from argkg.skipped import SkipLog

    _refuse_overwriting_inputs(inputs, output_dir)
    options = BuildOptions(timezone=zone(timezone), input_format=input_format,
                           actor_files=tuple(actor_files), cue_files=tuple(cue_files),
                           model=model,
                           candidates=not no_candidates, base_iri=base_iri)
    skips = SkipLog() if skip_bad else None
    if as_corpus or workers or scheduler or any(_is_collection(p) for p in inputs):
        _build_corpus(inputs, output_dir, options, workers or 1, scheduler, batch_size, quiet,
                      skips)
    else:
        result = build_graph(inputs, options, progress=_progress(quiet), skips=skips)
        title = (_title(result.graph) if result.discussions == 1
                 else f"{result.discussions} discussions")
        files = write_outputs(result.graph, output_dir, base_iri, title=title,
                              provenance=result.provenance, store=with_store)
        if not quiet:
            click.echo(summary(result.graph, result.discussions, files))
    if skips is not None:
        _report_skipped(ctx, skips, output_dir)


def _report_skipped(ctx: click.Context, skips, output_dir: Path) -> None:
    """skipped.jsonl beside the outputs, a warning, and exit code 3 if anything was skipped."""
    report = skips.write(output_dir)
    if skips:
        click.echo(f"argkg: warning: {one_line(skips.warning(report))}", err=True)
        ctx.exit(EXIT_SKIPPED)


def _is_collection(path: Path) -> bool:
    import glob

    return path.is_dir() or (not path.exists() and glob.has_magic(str(path)))


def _build_corpus(inputs, output_dir, options, workers, scheduler, batch_size, quiet,
                  skips) -> None:
    from argkg.corpus import build_corpus

    result = build_corpus(list(inputs), output_dir, options, workers=workers,
                          scheduler=scheduler, batch_size=batch_size,
                          progress=None if quiet else _corpus_progress, skips=skips)
    if not quiet:
        click.echo(corpus_summary(result))


def _corpus_progress(total: int):
    """A progress bar over discussions with their rate, on a terminal; else nothing."""
    if not sys.stderr.isatty():
        return lambda stats: None
    import time

    started = time.monotonic()
    done = {"discussions": 0, "comments": 0}

    def rate(_stats) -> str:
        seconds = max(time.monotonic() - started, 1e-9)
        return (f"{done['discussions'] / seconds:,.1f} discussions/s, "
                f"{done['comments'] / seconds:,.0f} comments/s")

    bar = click.progressbar(length=total, label="Building", file=sys.stderr, show_pos=True,
                            show_eta=True, item_show_func=lambda s: rate(s) if s else None)
    bar.__enter__()

    def advance(stats) -> None:
        done["discussions"] += stats.discussions + stats.skipped
        done["comments"] += stats.comments
        bar.update(stats.discussions + stats.skipped, current_item=stats)
        if bar.pos >= total:
            bar.__exit__(None, None, None)
    return advance


def corpus_summary(result) -> str:
    rate = result.comments / result.wall_seconds if result.wall_seconds else 0.0
    lines = [
        f"discussions  {result.discussions:,} built, {result.skipped:,} already built (skipped)",
        f"comments     {result.comments:,}  ({rate:,.0f} per second over "
        f"{result.wall_seconds:,.1f} s)",
        f"tokens       {result.tokens:,}",
        f"triples      {result.triples:,}  (loaded in {result.load_seconds:,.1f} s)",
        "files",
    ]
    lines += [f"  {path}  ({_size(path):,} bytes)" for path in result.files]
    return "\n".join(lines)


def _refuse_overwriting_inputs(inputs, output_dir: Path) -> None:
    """No output may replace an input: not a file of a single build's, not a corpus build's
    shards or store. (A directory given as input is searched without the output directory.)"""
    from argkg.corpus import SHARDS
    from argkg.ontology.store import STORE_NAME
    from argkg.pipeline import OUTPUTS
    from argkg.skipped import REPORT

    targets = {(output_dir / name).resolve() for name in (*OUTPUTS, REPORT)}
    owned = [(output_dir / name).resolve() for name in (SHARDS, STORE_NAME)]
    for path in inputs:
        resolved = Path(path).resolve()
        if resolved in targets or any(resolved.is_relative_to(d) for d in owned):
            raise ArgkgError(f"{path}: the output would overwrite this input; choose another -o")


def _progress(quiet: bool):
    def wrap(discussions):
        if quiet or len(discussions) < 2 or not sys.stderr.isatty():
            return discussions
        return click.progressbar(discussions, label="Extracting", file=sys.stderr,
                                 show_pos=True, show_eta=True)
    return wrap


def _title(graph) -> str:
    from argkg.graph.model import nodes_of_kind

    return next((d["title"] for _, d in nodes_of_kind(graph, "discussion")), "argkg")


def summary(graph, discussions: int, files) -> str:
    """A one-screen account of what was built."""
    from argkg.graph.model import count_kinds, edges_of_kind, nodes_of_kind

    counts = count_kinds(graph)
    actors = [d for _, d in nodes_of_kind(graph, "actor")]
    candidates = sum(1 for a in actors if a["candidate"])
    mentioned = Counter()
    for _, actor, data in edges_of_kind(graph, "mentions"):
        mentioned[graph.nodes[actor]["label"]] += data["count"]
    # Labels come from the input: one_line keeps their escape sequences off the terminal.
    top = ", ".join(f"{one_line(label)} ({n})" for label, n in mentioned.most_common(8))
    lines = [
        f"discussions  {discussions}",
        f"comments     {counts.get('comment', 0)}  "
        f"(replies to comments: {_replies_to_comments(graph)})",
        f"commenters   {counts.get('commenter', 0)}",
        f"actors       {len(actors)}  ({len(actors) - candidates} from gazetteers, "
        f"{candidates} candidates or participants)",
        f"mentions     {sum(mentioned.values())}  in {counts.get('mentions', 0)} post-actor links",
        f"most named   {top}" if top else "most named   -",
        _argument_line(graph, counts),
        "files",
    ]
    lines += [f"  {path}  ({_size(path):,} bytes)" for path in files]
    return "\n".join(lines)


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def _argument_line(graph, counts) -> str:
    from argkg.graph.model import edges_of_kind, nodes_of_kind

    roles = Counter(d["role"] for _, d in nodes_of_kind(graph, "unit"))
    stances = Counter(d["stance"] for _, _, d in edges_of_kind(graph, "stance"))
    return (f"arguments    {roles['claim']} claims, {roles['premise']} premises, "
            f"{counts.get('supports', 0)} supports, {counts.get('attacks', 0)} attacks; "
            f"stance {stances['support']} support / {stances['attack']} attack / "
            f"{stances['neutral']} neutral; {counts.get('quotes', 0)} quotes, "
            f"{counts.get('attributed_to', 0)} attributions")


def _replies_to_comments(graph) -> int:
    from argkg.graph.model import edges_of_kind

    return sum(1 for _, target, _ in edges_of_kind(graph, "replies_to")
               if graph.nodes[target]["kind"] == "comment")


def _list_queries(ctx: click.Context, _param, value: bool) -> None:
    # Eager, like --version: `argkg query --list` needs no GRAPH_FILE or SPARQL.
    if not value or ctx.resilient_parsing:
        return
    from argkg.ontology.query import canned_query_headers, format_catalog

    click.echo(format_catalog(canned_query_headers()), nl=False)
    ctx.exit()


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.argument("sparql")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True, help="table for people, csv/json for machines.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for a parameter of the query (see --list); repeatable.")
@click.option("--list", is_flag=True, is_eager=True, expose_value=False, callback=_list_queries,
              help="List the bundled queries with their parameters and exit.")
def query(graph_file, sparql, output_format, params):
    """Run SPARQL on GRAPH_FILE (Turtle, JSON-LD, N-Triples, N-Quads or TriG), or on a
    build directory (its store if it has one, else its graph.ttl).

    SPARQL is query text, a path to a .rq file, or the name of a bundled query
    (argkg query --list shows them).

    \b
      argkg query output/graph.ttl claims-by-actor --param actor=Stoltenberg
    """
    from argkg.ontology.query import (
        bind_params,
        format_csv,
        format_json,
        format_table,
        load_graph,
        parse_param,
        resolve_query_text,
        run_query,
    )
    from argkg.ontology.store import find_store, query_store

    text = bind_params(resolve_query_text(sparql), dict(parse_param(p) for p in params))
    store = find_store(graph_file)
    if store is not None:
        result = query_store(store, text)
    else:
        result = run_query(load_graph(_graph_in(graph_file)), text)
    formatter = {"table": format_table, "csv": format_csv, "json": format_json}[output_format]
    click.echo(formatter(result), nl=output_format == "table")


def _graph_in(path: Path) -> Path:
    """A build directory stands for its graph.ttl."""
    return path / "graph.ttl" if path.is_dir() else path


@main.command()
@click.argument("build_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the endpoint to the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--timeout", "timeout_s", default=30, show_default=True,
              type=click.IntRange(1, 3600), help="Seconds a query may take, its answer included.")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(1, 10**9),
              help="Most solutions or triples in one answer; a longer answer is cut there "
                   "and says so in its X-Argkg-Truncated header.")
def serve(build_dir, host, port, timeout_s, limit):
    """Serve the build in DIR as a read-only SPARQL endpoint with a query page.

    Uses DIR/store/ (made by 'argkg build --store'), or makes it from DIR/graph.nq.
    Queries go to http://HOST:PORT/query (SPARQL 1.1 Protocol); the query page is at
    http://HOST:PORT/. Ctrl-C stops the server.
    """
    import signal
    import time

    from argkg.ontology.serve import start_server
    from argkg.ontology.store import STORE_NAME, find_store, write_store

    store = find_store(build_dir)
    if store is None:
        nquads = build_dir / "graph.nq"
        if not nquads.is_file():
            raise InputError("no store and no graph.nq here: build with 'argkg build ... -o "
                             "DIR' first", path=str(build_dir))
        store = write_store(nquads.read_bytes(), build_dir / STORE_NAME)
    # Stopped like Ctrl-C stops it, so that Oxigraph, a process of its own, is ended too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with start_server(store, host, port, timeout_s, limit) as server:
        click.echo(f"SPARQL endpoint http://{host}:{port}/query, query page http://{host}:{port}/ "
                   f"(read-only; at most {limit:,} results per answer; Ctrl-C stops)", err=True)
        while server.alive():
            time.sleep(0.5)
        raise ArgkgError("the SPARQL server stopped: " + server.oxigraph.last_message())


@main.command()
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.pass_context
def validate(ctx, graph_path):
    """Check GRAPH against argkg's SHACL shapes (ontology/shapes.ttl).

    GRAPH is a graph file (.ttl, .jsonld, .nt, .nq, .trig) or an output directory of
    'argkg build' (its graph.ttl is read). Prints each violation on one line, grouped by
    what it is about; exits with 0 if the graph conforms, 1 if it does not.
    """
    from argkg.errors import EXIT_FAILURE
    from argkg.ontology.validate import format_report, validate_path

    report = validate_path(graph_path)
    click.echo(format_report(report, str(graph_path)), nl=False)
    if not report.conforms:
        ctx.exit(EXIT_FAILURE)


@main.command()
@click.argument("build_path", metavar="BUILD", type=click.Path(path_type=Path))
@click.argument("gold_path", metavar="GOLD", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="table for people, json for machines.")
def evaluate(build_path, gold_path, output_format):
    """Score BUILD against the gold reading GOLD: precision, recall and F1 per task.

    BUILD is an output directory of 'argkg build' (its graph.ttl is read) or a graph
    file (.ttl, .jsonld, .nt). GOLD is a gold reading in argkg's JSON format (.json, as
    tests/data/*.gold.json) or an argument graph of the Argumentative Microtext Corpus
    (.xml). Only the tasks the gold annotates are scored.

    \b
      argkg build micro_x.xml -o out && argkg evaluate out micro_x.xml
    """
    from argkg.evaluation import evaluate as score
    from argkg.evaluation.report import format_json, format_table

    scores = score(build_path, gold_path)
    if output_format == "json":
        click.echo(format_json(scores, str(build_path), str(gold_path)))
    else:
        click.echo(format_table(scores))


@main.command()
@click.argument("build_path", metavar="BUILD", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["aif", "gexf", "graphml", "csv"]),
              default="aif", show_default=True,
              help="aif: AIF JSON, as OVA and AIFdb read it; gexf, graphml: for Gephi and other "
                   "network tools; csv: nodes.csv and edges.csv for Gephi's spreadsheet import.")
@click.option("-o", "--output", "target", metavar="TARGET", type=click.Path(path_type=Path),
              help="File to write (default: standard output); for csv the directory to write "
                   "the two files into (required).")
def export(build_path, output_format, target):
    """Export BUILD for other tools: an output directory of 'argkg build', or one of its
    files. aif reads the graph.ttl (or a graph file: .ttl, .jsonld, .nt); gexf, graphml
    and csv read the graph.graphml (or a .graphml file that argkg wrote).

    \b
      argkg export output/ --format aif -o debate.json
      argkg export output/ --format gexf -o debate.gexf
      argkg export output/ --format csv -o tables/
    """
    if output_format == "csv":
        from argkg.graph.gephi import csv_tables

        _check_table_directory(target)
        _write_into(target, csv_tables(_build_model(build_path)))
        return
    if target is not None and target.is_dir():
        raise click.BadParameter(f"{target} is a directory: name a file", param_hint="'-o'")
    _write_or_print(_exported_file(build_path, output_format), target)


def _exported_file(build_path: Path, output_format: str) -> bytes:
    if output_format == "aif":
        from argkg.evaluation.rdf import graph_file
        from argkg.graph.aif import aif_json
        from argkg.ontology.query import load_graph

        return aif_json(load_graph(graph_file(build_path)))
    from argkg.graph.gephi import gexf_bytes, graphml_bytes

    return {"gexf": gexf_bytes, "graphml": graphml_bytes}[output_format](_build_model(build_path))


def _build_model(build_path: Path):
    """The graph model of a build, read back from its GraphML. The GraphML holds every
    attribute under the model's own ids, so what is exported equals what the build wrote;
    the RDF would need the whole RDF mapping run backwards."""
    from argkg.graph.gephi import model_from_graphml

    path = build_path / "graph.graphml" if build_path.is_dir() else build_path
    if not path.is_file():
        raise InputError("no graph.graphml here (is it an 'argkg build' output?)",
                         path=str(build_path))
    try:
        return model_from_graphml(path.read_bytes())
    except (SyntaxError, ValueError, KeyError) as error:  # XML, GraphML, or not argkg's
        raise InputError(f"not a GraphML file of 'argkg build': {error}", path=str(path))


def _check_table_directory(target: Path | None) -> None:
    if target is None:
        raise click.UsageError("--format csv writes nodes.csv and edges.csv: name their "
                               "directory with -o")
    if target.exists() and not target.is_dir():
        raise click.BadParameter(f"{target} is a file: csv needs a directory", param_hint="'-o'")


def _write_into(directory: Path, files: dict[str, bytes]) -> None:
    from argkg.pipeline import atomic_write

    directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        atomic_write(directory / name, data)


def _write_or_print(document: bytes, target: Path | None) -> None:
    if target is None:
        click.echo(document.decode("utf-8"), nl=False)
        return
    _write_into(target.parent, {target.name: document})


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
