"""SPARQL over an exported graph: load it, run a query, print the result.

Queries run in rdflib with argkg's prefixes predeclared, so `SELECT ?a { ?a a argkg:Actor }`
works as typed; the canned queries in ontology/queries/ declare their prefixes anyway, so
they run unchanged on any SPARQL store.

A query file starts with comment lines that describe it:

    # title: Claims attributed to an actor
    # description: Units a post presents as said or held by the actor, with their text.
    # param: actor = Putin

A parameter is written `$actor` in the query and replaced, before parsing, by a SPARQL
string literal of the value given (`--param actor=Stoltenberg`) or of its default: the
value is always data, never query text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from argkg.errors import ArgkgError, InputError
from argkg.ontology.namespaces import new_rdf_graph

RDF_FORMATS_BY_SUFFIX = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt",
                         ".nq": "nquads", ".trig": "trig"}
FORMAT_NAMES = {"turtle": "Turtle", "json-ld": "JSON-LD", "nt": "N-Triples", "nquads": "N-Quads",
                "trig": "TriG"}
DATASET_FORMATS = frozenset({"nquads", "trig"})
QUERY_SUFFIXES = (".rq", ".sparql")
CANNED_NAME = re.compile(r"[a-z][a-z0-9-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CELL_WIDTH = 60
"""Longest cell format_table prints; longer ones end in an ellipsis."""
MESSAGE_LENGTH = 160


class QueryError(ArgkgError):
    """A SPARQL query that cannot be parsed or evaluated."""


class ParameterError(InputError):
    """A --param the query does not take, or one not written NAME=VALUE (exit code 2)."""


@dataclass(frozen=True)
class QueryResult:
    """A query's answer, in one shape for SELECT, ASK and CONSTRUCT/DESCRIBE.

    SELECT: one row per solution. ASK: the variable `boolean` and one row holding True or
    False. CONSTRUCT/DESCRIBE: the variables subject, predicate, object and one row per
    triple, sorted; `graph` holds the triples as a graph.
    """

    form: str
    """"select", "ask" or "graph"."""
    variables: tuple[str, ...]
    terms: tuple[tuple[Node | None, ...], ...]
    """The rows as RDF terms (None where a variable is unbound); the formatters need the
    term kinds that `rows` drops."""
    prefixes: tuple[tuple[str, str], ...] = ()
    """(prefix, namespace) pairs for shortening IRIs in tables."""
    graph: Graph | None = None
    boolean: bool | None = None

    @property
    def rows(self) -> list[tuple]:
        """The rows as plain Python values: IRIs and literals as strings, blank nodes as
        `_:id`, unbound as None; the ASK row holds a bool."""
        if self.form == "ask":
            return [(self.boolean,)]
        return [tuple(term_text(term) for term in row) for row in self.terms]


# --- loading -----------------------------------------------------------------------------


def load_graph(path: str | Path) -> Graph:
    """An RDF file as a graph with argkg's prefixes bound; the format follows the suffix."""
    path = Path(path)
    rdf_format = RDF_FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(RDF_FORMATS_BY_SUFFIX)
        raise InputError(f"unknown RDF file type {path.suffix!r} (one of: {known})",
                         path=str(path))
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    graph = new_rdf_graph()
    try:
        if rdf_format in DATASET_FORMATS:
            _parse_union(graph, path, rdf_format)
        else:
            graph.parse(path, format=rdf_format)
    except Exception as error:  # rdflib's parsers raise many unrelated types
        raise InputError(f"not valid {FORMAT_NAMES[rdf_format]}: {parse_problem(error)}",
                         path=str(path)) from None
    return graph


def _parse_union(graph: Graph, path: Path, rdf_format: str) -> None:
    """Quads into one graph: argkg's queries and shapes ask about the union of the named
    graphs (and the default graph) of an N-Quads or TriG file."""
    dataset = Dataset()
    dataset.parse(path, format=rdf_format)
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        graph.add((subject, predicate, obj))


def parse_problem(error: Exception) -> str:
    """The parser's complaint in one line, with the line number where the parser gives one."""
    if isinstance(error, BadSyntax):
        return f"line {error.lines + 1}: {error._why}"
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno}, column {error.colno}: {error.msg}"
    return one_line(str(error)) or type(error).__name__


def one_line(text: str, limit: int = MESSAGE_LENGTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- queries -----------------------------------------------------------------------------


def canned_queries() -> dict[str, str]:
    """Name -> one-line description of the queries shipped in ontology/queries/."""
    return {name: header.description for name, header in canned_query_headers().items()}


def canned_query_headers() -> dict[str, QueryHeader]:
    """Name -> title, description and parameters of each query in ontology/queries/."""
    folder = resources.files("argkg.ontology") / "queries"
    return {
        entry.name.removesuffix(".rq"): read_header(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq")
    }


def resolve_query_text(arg: str) -> str:
    """A query file's text, a canned query's text (by name), or `arg` itself as SPARQL."""
    path = Path(arg)
    if path.suffix in QUERY_SUFFIXES:
        if not path.is_file():  # a mistyped file name should not be parsed as SPARQL
            raise InputError("no such query file", path=arg)
        return path.read_text(encoding="utf-8")
    if CANNED_NAME.fullmatch(arg):  # a bare word is never SPARQL, so it must be a name
        canned = resources.files("argkg.ontology") / "queries" / f"{arg}.rq"
        if not canned.is_file():
            names = ", ".join(canned_queries())
            raise QueryError(f"no canned query {arg!r} (one of: {names})")
        return canned.read_text(encoding="utf-8")
    return arg


# --- headers and parameters --------------------------------------------------------------


@dataclass(frozen=True)
class QueryHeader:
    """What a query's opening comment lines say about it."""

    title: str
    description: str
    params: tuple[tuple[str, str], ...] = ()
    """(name, default value), in the order of the `# param:` lines."""


_HEADER_FIELD = re.compile(r"#\s*(title|description|param)\s*:\s*(.*?)\s*")
_PARAM_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)")


def read_header(sparql: str) -> QueryHeader:
    """The `# title:`, `# description:` and `# param: name = default` lines that open a
    query; other comment lines and blank lines may stand between them."""
    fields = {"title": "", "description": ""}
    params: list[tuple[str, str]] = []
    for line in sparql.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            break
        match = _HEADER_FIELD.fullmatch(line)
        if match and match[1] == "param":
            param = _PARAM_LINE.fullmatch(match[2])
            if param is None:
                raise QueryError(f"a '# param:' line must read 'name = default': {line!r}")
            params.append((param[1], param[2]))
        elif match:
            fields[match[1]] = match[2]
    return QueryHeader(fields["title"], fields["description"], tuple(params))


def parse_param(text: str) -> tuple[str, str]:
    """`actor=Putin` -> ("actor", "Putin"): one --param of the command line."""
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise ParameterError(f"--param must read NAME=VALUE, not {text!r}")
    return name.strip(), value


def bind_params(sparql: str, values: dict[str, str]) -> str:
    """The query with each `$name` its header declares replaced by a string literal of the
    value given, else of the default. A value for an undeclared name is an error."""
    declared = dict(read_header(sparql).params)
    unknown = sorted(set(values) - set(declared))
    if unknown:
        takes = ", ".join(declared) or "none"
        raise ParameterError(f"unknown parameter {unknown[0]!r} (this query takes: {takes})")
    if not declared:
        return sparql
    literals = {name: sparql_string(values.get(name, default))
                for name, default in declared.items()}

    def replace(token: re.Match) -> str:
        return literals.get(token["param"], token[0]) if token["param"] else token[0]

    return _SPARQL_TOKEN.sub(replace, sparql)


# Comments, strings and IRIs are matched whole, so that a `$name` inside them stays as it is.
_SPARQL_TOKEN = re.compile(
    r"""\#[^\n]*"""
    r'''|"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
    r"""|<[^<>"{}|^`\\\s]*>"""
    r"""|\$(?P<param>[A-Za-z_][A-Za-z0-9_]*)"""
)

# SPARQL expands \uXXXX escapes before it parses (SPARQL 1.1, section 19.2), so a backslash is
# written as two escaped backslashes: with a plain "\\", a value's "\u0022" would become '"'.
_STRING_ESCAPES = {"\\": r"\u005C\u005C", '"': r"\"", "\n": r"\n", "\r": r"\r"}


def sparql_string(value: str) -> str:
    """A SPARQL string literal whose value is exactly `value`."""
    return '"' + "".join(_STRING_ESCAPES.get(char, char) for char in value) + '"'


def format_catalog(headers: dict[str, QueryHeader]) -> str:
    """One line per query: its name, title, description and parameters with defaults."""
    width = max((len(name) for name in headers), default=0)
    lines = []
    for name, header in headers.items():
        about = " - ".join(part for part in (header.title, header.description) if part)
        params = " ".join(f"--param {p}={default}" for p, default in header.params)
        line = f"{name.ljust(width)}  {about}".rstrip()
        lines.append(line + (f"  [{params}]" if params else ""))
    return "".join(line + "\n" for line in lines)


def run_query(rdf_graph: Graph, sparql: str) -> QueryResult:
    """Run a SPARQL query; a query that does not parse or fails raises QueryError."""
    prefixes = tuple(sorted((p, str(ns)) for p, ns in rdf_graph.namespaces()))
    prepared = _prepare(sparql, dict(prefixes))
    try:
        result = rdf_graph.query(prepared)
        return _to_result(result, prefixes)
    except Exception as error:  # evaluation errors come in many types
        raise QueryError(f"query failed: {one_line(str(error)) or type(error).__name__}") \
            from None


def _prepare(sparql: str, prefixes: dict[str, str]):
    try:
        return prepareQuery(sparql, initNs=prefixes)
    except ParseException as error:
        raise QueryError(f"SPARQL syntax error: {one_line(error.msg, 100)}",
                         place=f"line {error.lineno}, column {error.col}") from None
    except Exception as error:  # e.g. an undeclared prefix, found while translating
        raise QueryError(f"bad query: {one_line(str(error)) or type(error).__name__}") \
            from None


def _to_result(result: Result, prefixes: tuple[tuple[str, str], ...]) -> QueryResult:
    # Iterate rather than len(): rdflib's len() of an aggregate result can mislead.
    if result.type == "ASK":
        return QueryResult("ask", ("boolean",), (), prefixes, boolean=bool(result.askAnswer))
    if result.type == "SELECT":
        variables = tuple(str(v) for v in result.vars or ())
        return QueryResult("select", variables, tuple(tuple(row) for row in result), prefixes)
    graph = result.graph
    triples = tuple(sorted(graph, key=lambda t: tuple(term.n3() for term in t)))
    return QueryResult("graph", ("subject", "predicate", "object"), triples, prefixes, graph)


def term_text(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


# --- formatting --------------------------------------------------------------------------


def format_table(result: QueryResult, width: int = CELL_WIDTH) -> str:
    """An aligned plain-text table, IRIs shortened with the bound prefixes."""
    if result.form == "ask":
        return f"{str(result.boolean).lower()}\n"
    header = list(result.variables)
    cells = [[_cell(term, result.prefixes, width) for term in row] for row in result.terms]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(header)]
    numeric = [_all_numbers(result.terms, i) for i in range(len(header))]

    def line(values: list[str]) -> str:
        padded = (value.rjust(size) if number else value.ljust(size)
                  for value, size, number in zip(values, widths, numeric, strict=True))
        return "  ".join(padded).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in cells]
    count = len(cells)
    lines.append(f"({count} {'row' if count == 1 else 'rows'})")
    return "\n".join(lines) + "\n"


def _cell(term: Node | None, prefixes: tuple[tuple[str, str], ...], width: int) -> str:
    text = shorten_iri(term, prefixes) if isinstance(term, URIRef) else term_text(term) or ""
    text = " ".join(text.split())  # a comment's line breaks would break the table
    # Other control characters (a terminal's escape sequences) are not the table's to send.
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def shorten_iri(iri: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    """`prefix:rest` for the longest matching namespace, else the IRI in angle brackets."""
    matches = [(len(ns), p) for p, ns in prefixes if iri.startswith(ns) and len(iri) > len(ns)]
    if not matches:
        return f"<{iri}>"
    length, prefix = max(matches)
    return f"{prefix}:{iri[length:]}"


_NUMBER_TYPES = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long}


def _all_numbers(rows: tuple[tuple[Node | None, ...], ...], column: int) -> bool:
    values = [row[column] for row in rows if row[column] is not None]
    return bool(values) and all(isinstance(v, Literal) and v.datatype in _NUMBER_TYPES
                                for v in values)


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: full IRIs, lexical forms, empty for unbound, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue()


def _csv_value(value: str | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # the ASK row
        return "true" if value else "false"
    return value


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON. A graph result is given as bindings of
    ?subject ?predicate ?object (the format has no shape of its own for graphs)."""
    if result.form == "ask":
        document: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {var: _json_term(term)
             for var, term in zip(result.variables, row, strict=True) if term is not None}
            for row in result.terms
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    literal = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        literal["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        literal["datatype"] = str(term.datatype)
    return literal
