"""The `argkg` command: build graphs from discussions, query them with SPARQL.

Exit codes: 0 success, 1 a request argkg could not carry out, 2 unknown or broken input
(or a wrong command line), 70 an internal error (a bug: please report it with --debug).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from argkg import __version__
from argkg.errors import ArgkgError

EXIT_INTERNAL = 70


class _Group(click.Group):
    """Turns argkg's errors into one line on stderr and a meaningful exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArgkgError as error:
            click.echo(f"argkg: error: {error}", err=True)
            sys.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("argkg: interrupted", err=True)
            sys.exit(130)
        except Exception as error:  # a bug: one line unless --debug asks for the traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"argkg: internal error: {type(error).__name__}: {error} "
                       "(run 'argkg --debug ...' for the traceback)", err=True)
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
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(inputs, output_dir, input_format, actor_files, cue_files, timezone, base_iri, model,
          no_candidates, quiet):
    """Build the graph of INPUT files (page scrapes .txt, JSON .json, JSON Lines .jsonl,
    microtext argument graphs .xml) and write graph.ttl, graph.jsonld, graph.html,
    graph.gexf and graph.graphml."""
    from argkg.extract.dates import zone
    from argkg.pipeline import BuildOptions, build_graph, write_outputs

    _refuse_overwriting_inputs(inputs, output_dir)
    options = BuildOptions(timezone=zone(timezone), input_format=input_format,
                           actor_files=tuple(actor_files), cue_files=tuple(cue_files),
                           model=model,
                           candidates=not no_candidates, base_iri=base_iri)
    result = build_graph(inputs, options, progress=_progress(quiet))
    title = _title(result.graph) if result.discussions == 1 else f"{result.discussions} discussions"
    files = write_outputs(result.graph, output_dir, base_iri, title=title)
    if not quiet:
        click.echo(summary(result.graph, result.discussions, files))


def _refuse_overwriting_inputs(inputs, output_dir: Path) -> None:
    from argkg.pipeline import OUTPUTS

    targets = {(output_dir / name).resolve() for name in OUTPUTS}
    for path in inputs:
        if Path(path).resolve() in targets:
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
    top = ", ".join(f"{label} ({n})" for label, n in mentioned.most_common(8))
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
    lines += [f"  {path}  ({path.stat().st_size:,} bytes)" for path in files]
    return "\n".join(lines)


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


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@click.argument("sparql")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True, help="table for people, csv/json for machines.")
def query(graph_file, sparql, output_format):
    """Run SPARQL on GRAPH_FILE (Turtle, JSON-LD or N-Triples).

    SPARQL is query text, a path to a .rq file, or the name of a bundled query
    (e.g. actors-by-mentions).
    """
    from argkg.ontology.query import (
        format_csv,
        format_json,
        format_table,
        load_graph,
        resolve_query_text,
        run_query,
    )

    text = resolve_query_text(sparql)
    result = run_query(load_graph(graph_file), text)
    formatter = {"table": format_table, "csv": format_csv, "json": format_json}[output_format]
    click.echo(formatter(result), nl=output_format == "table")


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
