"""An embedded pyoxigraph store: the fast way to query a build.

`argkg build --store` bulk-loads the build's N-Quads into `DIR/store/`; `argkg query` and
`argkg serve` open it read-only. On a million triples pyoxigraph loads about 8 times faster
than an in-memory rdflib graph and answers aggregate queries 15 to 30 times faster
(measured on this kind of machine; see the project notes).

The store is written under a temporary name and renamed into place, so a reader sees the
old store or the new one, never half of one.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from argkg.errors import InputError
from argkg.ontology.namespaces import DATA_PREFIX, DEFAULT_BASE, PREFIXES
from argkg.ontology.query import QueryError, QueryResult, one_line

STORE_NAME = "store"
_PREFIX_DECLARATION = re.compile(r"PREFIX\s+([\w-]*)\s*:", re.IGNORECASE)
_MARKER = "argkg-store.txt"
"""A file argkg writes beside oxigraph's own, so a store directory is known as one."""


def write_store(nquads: bytes, directory: Path) -> Path:
    """A new store at `directory` holding `nquads`, replacing any store there."""
    def load(store: ox.Store) -> None:
        store.bulk_extend(_with_union(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)))
    return _write(directory, load)


def write_union_store(nquads: Path, directory: Path) -> Path:
    """A corpus build's store: the union of the named graphs of an N-Quads file, every line
    of which is in a named graph (as argkg's shards are) and was written by argkg (so its
    IRIs are checked already), as one deduplicated default graph. Streamed from disk by
    oxigraph's bulk loader: a corpus can be larger than memory.

    The named graphs themselves stay in the file (graph.nq), not in the store: keeping them
    too made loading three times as slow (each quad goes into six indexes, and its triple
    into three more), and no canned query needs them; the posts still say which discussion
    they belong to (sioc:has_container)."""
    def load(store: ox.Store) -> None:
        with open(nquads, "rb") as quads:
            store.bulk_load(input=io.BufferedReader(_Triples(quads), _CHUNK),
                            format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(),
                            lenient=True)
    return _write(directory, load)


def _with_union(quads):
    """Each quad in its named graph, and its triple in the default graph as well: there an
    actor described by a thousand discussions is one set of triples, so counts come out
    right, while GRAPH ?g still finds each discussion's own."""
    for quad in quads:
        yield quad
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())


_CHUNK = 1 << 20


class _Triples(io.RawIOBase):
    """N-Quads lines in named graphs read as N-Triples (the graph name cut off): the union
    default graph loaded by the bulk loader, without a Python object per quad."""

    def __init__(self, quads: BinaryIO):
        self._quads = quads
        self._buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer:
            lines = self._quads.readlines(_CHUNK)
            if not lines:
                return 0
            self._buffer = memoryview(b"".join(map(_triple_line, lines)))
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def _triple_line(line: bytes) -> bytes:
    """`<s> <p> o <g> .` -> `<s> <p> o .`. A graph name is an IRI, so it starts after the
    line's last ' <'; a line in the default graph would leave a broken triple or a quote in
    the cut (both refused), never a wrong one."""
    body = line.rstrip()
    if not body:
        return b""
    cut = body.rfind(b" <", 0, len(body) - 2)
    if cut < 0 or b'"' in body[cut:] or not body.endswith(b"> ."):
        raise ValueError(f"not an N-Quads line in a named graph: {line[:200]!r}")
    return body[:cut] + b" .\n"


def _write(directory: Path, load: Callable[[ox.Store], None]) -> Path:
    temporary = directory.with_name(f".{directory.name}.tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    store = ox.Store(str(temporary))
    load(store)
    store.optimize()
    del store  # closes the database before it is moved
    (temporary / _MARKER).write_text("An argkg graph store (pyoxigraph). Open it with "
                                     "'argkg query' or 'argkg serve'.\n", encoding="utf-8")
    _replace_directory(temporary, directory)
    return directory


def _replace_directory(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def find_store(path: Path) -> Path | None:
    """The store at `path`, or in `path/store/` (a build directory); None if there is none.
    A build killed between the two renames of `_replace_directory` left the previous store
    at `.store.old`: that one is found then."""
    for candidate in (path, path / STORE_NAME, path / f".{STORE_NAME}.old"):
        if candidate.is_dir() and (candidate / _MARKER).is_file():
            return candidate
    return None


def query_store(directory: Path, sparql: str) -> QueryResult:
    """Run a query on a store, opened read-only."""
    try:
        store = ox.Store.read_only(str(directory))
    except OSError as error:
        raise InputError(f"cannot open the store: {one_line(str(error))}", path=str(directory))
    try:
        result = store.query(with_prefixes(sparql))
        return _to_result(result)
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {one_line(str(error), 100)}") from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"query failed: {one_line(str(error))}") from None


def with_prefixes(sparql: str) -> str:
    """The query with argkg's prefixes declared where it does not declare them itself, as
    rdflib's `initNs` does for the in-memory engine."""
    declared = {m.group(1).lower() for m in _PREFIX_DECLARATION.finditer(sparql)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join(missing + [sparql])


def _to_result(result) -> QueryResult:
    prefixes = tuple(sorted({**PREFIXES, DATA_PREFIX: DEFAULT_BASE}.items()))
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", ("boolean",), (), prefixes, boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_term(solution[v]) for v in variables) for solution in result)
        return QueryResult("select", variables, rows, prefixes)
    triples = tuple(sorted(((_term(t.subject), _term(t.predicate), _term(t.object))
                            for t in result), key=lambda t: tuple(x.n3() for x in t)))
    return QueryResult("graph", ("subject", "predicate", "object"), triples, prefixes)


def _term(term) -> Node | None:
    """pyoxigraph's terms as rdflib's, so one set of formatters serves both engines."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
