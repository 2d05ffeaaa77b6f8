"""`argkg serve`: a SPARQL 1.1 Protocol endpoint over a build, with a query page that works
offline.

argkg writes no query engine of its own: it runs Oxigraph's server (`oxigraph
serve-read-only`, from the `oxigraph` package on PyPI) on the build's store, read-only, with
the union of the discussions' named graphs as the default graph (see store.py) and a time
limit per query. Oxigraph has no option to cap the size of an answer, so it listens on a
loopback port only, and clients talk to a small proxy in front of it, bound to 127.0.0.1
unless told otherwise. The proxy

- passes the query page (YASGUI, bundled with Oxigraph; needs no network) and /query;
  everything else (/update, the graph store at /store) is refused;
- asks Oxigraph for line-based results (TSV for SELECT and ASK, N-Triples for CONSTRUCT and
  DESCRIBE), reads at most `limit` solutions or triples and closes the connection (which
  ends the query's work), then writes them in the format the client asked for;
- truncates rather than fails: an answer cut at the limit is the first `limit` results in
  the query's order, marked by the headers `X-Argkg-Truncated: true` and
  `X-SPARQL-MaxRows: <limit>` (Virtuoso's name for the same cap); LIMIT and OFFSET page
  through the rest;
- enforces the time limit on the whole answer (504 when exceeded). Oxigraph is given the
  limit too (`--timeout-s`), but 0.5 does not stop every query with it: an aggregate over a
  large join went on computing long after it, and after its client had gone. So when an
  answer is late the proxy restarts Oxigraph (a read-only store reopens in a fraction of a
  second): the runaway query ends with it, and queries in flight at that moment fail with
  502.
"""

from __future__ import annotations

import http.client
import http.server
import itertools
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from argkg.errors import ArgkgError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
DEFAULT_LIMIT = 10_000
"""Solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) in one answer: every query of
ontology/queries/ fits with room to spare, a dump of a whole corpus does not."""
_READY_WAIT_S = 15.0
_MAX_REQUEST_BYTES = 1 << 20
"""A query text larger than this is refused (413): a SPARQL query is not a file upload."""

# The query page and its two assets, served by Oxigraph and passed through as they are.
_PAGE_PATHS = frozenset({"/", "/yasgui.min.js", "/yasgui.min.css", "/logo.svg"})
_QUERY_PATH = "/query"
_UPSTREAM_ACCEPT = "text/tab-separated-values, application/n-triples"
_TSV = "text/tab-separated-values"
_N_TRIPLES = "application/n-triples"

RESULT_FORMATS = tuple((media, ox.QueryResultsFormat.from_media_type(media)) for media in (
    "application/sparql-results+json", "application/json", "application/sparql-results+xml",
    "application/xml", "text/xml", "text/csv", "text/tab-separated-values", "text/tsv"))
"""Media types a SELECT or ASK answer can be had in, with the format; for */* the first."""
GRAPH_FORMATS = tuple((media, ox.RdfFormat.from_media_type(media)) for media in (
    "text/turtle", "application/turtle", "application/x-turtle", "application/n-triples",
    "application/rdf+xml", "application/ld+json", "application/n-quads", "application/trig"))
"""Media types a CONSTRUCT or DESCRIBE answer can be had in, with the format; for */* the
first."""


# --- Oxigraph --------------------------------------------------------------------------------


def server_executable() -> str:
    """The `oxigraph` program installed with argkg (beside this Python, else on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ArgkgError("the 'oxigraph' server is not installed; "
                         "reinstall argkg (pip install argkg) to get it")
    return found


def server_command(store: Path, host: str, port: int, timeout_s: int) -> list[str]:
    return [server_executable(), "serve-read-only", "--location", str(store),
            "--bind", f"{host}:{port}", "--timeout-s", str(timeout_s)]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class Oxigraph:
    """Oxigraph on a loopback port; restartable, for a query that will not stop."""

    def __init__(self, store: Path, timeout_s: int):
        self.store, self.timeout_s = store, timeout_s
        self._lock = threading.Lock()
        self.generation = 0
        self.process, self.port, self._log = self._start()

    def _start(self):
        """A new Oxigraph process, once it answers. Its messages go to a temporary file (a
        pipe nobody reads would fill up and stall it) and are shown if it stops."""
        port = free_port()
        log = tempfile.TemporaryFile()
        process = subprocess.Popen(server_command(self.store, "127.0.0.1", port, self.timeout_s),
                                   stdout=subprocess.DEVNULL, stderr=log)
        try:
            wait_until_ready(f"http://127.0.0.1:{port}/", process, log)
        except BaseException:
            _stop(process, log)
            raise
        return process, port, log

    def current(self) -> tuple[int, int]:
        """(port, generation) to send a query to, and to name when restarting."""
        return self.port, self.generation

    def restart(self, generation: int) -> None:
        """End the process of `generation` (and whatever it still computes) for a new one;
        once only, however many late queries ask."""
        with self._lock:
            if generation != self.generation:
                return
            old = self.process, self._log
            self.process, self.port, self._log = self._start()
            self.generation += 1
        _stop(*old)

    def alive(self) -> bool:
        return self.process.poll() is None

    def last_message(self) -> str:
        return last_message(self.process, self._log)

    def stop(self) -> None:
        with self._lock:
            _stop(self.process, self._log)


def wait_until_ready(url: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + _READY_WAIT_S
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ArgkgError("the SPARQL server stopped: " + last_message(process, log))
        try:
            with opener.open(url, timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise ArgkgError(f"the SPARQL server did not answer at {url} within {_READY_WAIT_S:.0f} s")


def last_message(process: subprocess.Popen, log) -> str:
    log.seek(0)
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit code {process.returncode}"


def _stop(process: subprocess.Popen, log) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log.close()


# --- Content negotiation ----------------------------------------------------------------------


def accepted_ranges(accept: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality ("*/*" if none is given)."""
    ranges = []
    for part in (accept or "*/*").split(","):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append((media.lower(), quality))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The quality the most specific matching range gives `media` (0 if none matches)."""
    kind = media.split("/")[0]
    for pattern in (media, f"{kind}/*", "*/*"):
        matches = [quality for candidate, quality in ranges if candidate == pattern]
        if matches:
            return max(matches)
    return 0.0


def negotiate(accept: str | None, offered):
    """The (media type, format) of `offered` the client prefers, ties going to the earlier;
    None if it accepts none of them."""
    ranges = accepted_ranges(accept)
    best, best_quality = None, 0.0
    for media, fmt in offered:
        quality = _quality(media, ranges)
        if quality > best_quality:
            best, best_quality = (media, fmt), quality
    return best


# --- The limit ------------------------------------------------------------------------------


@dataclass
class Answer:
    body: bytes
    media_type: str
    truncated: bool


class TooSlow(Exception):
    """The answer took longer than the time limit to stream."""


def _within(deadline: float, items: Iterator) -> Iterator:
    for item in items:
        if time.monotonic() > deadline:
            raise TooSlow
        yield item


def limited_solutions(upstream, limit: int, deadline: float, fmt, media: str) -> Answer:
    """At most `limit` rows of a TSV answer (one solution per line: TSV escapes line breaks
    in literals), written in `fmt`. An ASK answer is one line, "true" or "false"."""
    head = upstream.readline()
    rows = list(itertools.islice(_within(deadline, iter(upstream.readline, b"")), limit + 1))
    results = ox.parse_query_results(head + b"".join(rows[:limit]),
                                     format=ox.QueryResultsFormat.TSV)
    return Answer(results.serialize(format=fmt), media, len(rows) > limit)


def limited_triples(upstream, limit: int, deadline: float, fmt, media: str) -> Answer:
    """At most `limit` triples of an N-Triples answer, written in `fmt`."""
    triples = ox.parse(upstream, format=ox.RdfFormat.N_TRIPLES)
    kept = list(itertools.islice(_within(deadline, triples), limit + 1))
    return Answer(ox.serialize(kept[:limit], format=fmt), media, len(kept) > limit)


# --- The proxy --------------------------------------------------------------------------------


class LimitingProxy(http.server.ThreadingHTTPServer):
    """Listens where clients connect; forwards the query page and /query to Oxigraph."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], limit: int, timeout_s: int):
        self.limit = limit
        self.timeout_s = timeout_s
        self.oxigraph: Oxigraph | None = None  # set once it runs; the port is taken first
        super().__init__(address, _ProxyHandler)


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: LimitingProxy
    server_version = "argkg-serve"
    sys_version = ""  # no Python version in the Server header
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet, as Oxigraph is
        pass

    def do_GET(self):
        self._route()

    def do_POST(self):
        self._route()

    def _route(self) -> None:
        body = self._body()  # read whatever the answer, so the connection can carry on
        if body is None:
            return
        path = self.path.split("?", 1)[0]
        if path == _QUERY_PATH:
            self._query(body)
        elif path in _PAGE_PATHS and self.command == "GET":
            self._pass_through()
        elif path == "/update":
            self._reply(403, "text/plain", b"read-only endpoint: updates are refused\n")
        else:
            self._reply(404, "text/plain", b"not here: SPARQL queries go to /query\n")

    def _body(self) -> bytes | None:
        """The request body; None (and the client told) if it is too large for a query."""
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit() or int(length) > _MAX_REQUEST_BYTES:
            self.close_connection = True  # an unread body must not pass for a request
            self._reply(413 if length.isdigit() else 400, "text/plain",
                        b"the request is too large for a query\n" if length.isdigit()
                        else b"bad Content-Length\n")
            return None
        return self.rfile.read(int(length))

    def _pass_through(self) -> None:
        self._forward(b"", self.headers.get("Accept"), self._as_it_is)

    def _as_it_is(self, response: http.client.HTTPResponse) -> None:
        self._reply(response.status, response.getheader("Content-Type", "text/plain"),
                    response.read())

    def _query(self, body: bytes) -> None:
        accept = self.headers.get("Accept")
        if negotiate(accept, RESULT_FORMATS + GRAPH_FORMATS) is None:
            self._not_acceptable(RESULT_FORMATS + GRAPH_FORMATS)
            return
        deadline = time.monotonic() + self.server.timeout_s
        self._forward(body, _UPSTREAM_ACCEPT,
                      lambda response: self._answer(response, accept, deadline))

    def _forward(self, body: bytes, accept: str | None, answer) -> None:
        """Send the request on to Oxigraph and `answer` the client from its response; if
        that is late, restart Oxigraph, which may still be working on it."""
        oxigraph = self.server.oxigraph
        port, generation = oxigraph.current()
        # Each wait for Oxigraph is bounded by the time limit; the rows by the deadline.
        connection = http.client.HTTPConnection("127.0.0.1", port,
                                                timeout=self.server.timeout_s)
        try:
            connection.request(self.command, self.path, body=body or None,
                               headers=self._upstream_headers(accept))
            answer(connection.getresponse())
        except (TooSlow, TimeoutError):
            connection.close()
            self._reply(504, "text/plain", f"the query took longer than "
                        f"{self.server.timeout_s} s\n".encode())
            oxigraph.restart(generation)
        except (OSError, http.client.HTTPException, SyntaxError, ValueError) as error:
            self._reply(502, "text/plain", f"the SPARQL server failed: {error}\n".encode())
        finally:
            connection.close()  # also stops Oxigraph streaming a truncated answer

    def _upstream_headers(self, accept: str | None) -> dict[str, str]:
        # Host as the client sent it: Oxigraph names its endpoint after it.
        headers = {"Host": self.headers.get("Host", "localhost")}
        if self.headers.get("Content-Type"):
            headers["Content-Type"] = self.headers["Content-Type"]
        if accept:
            headers["Accept"] = accept
        return headers

    def _answer(self, response: http.client.HTTPResponse, accept: str | None,
                deadline: float) -> None:
        media = (response.getheader("Content-Type") or "").split(";")[0].strip()
        if response.status != 200 or media not in (_TSV, _N_TRIPLES):
            self._as_it_is(response)  # errors (a syntax error, a timeout): as Oxigraph wrote
            return
        offered = RESULT_FORMATS if media == _TSV else GRAPH_FORMATS
        chosen = negotiate(accept, offered)
        if chosen is None:
            self._not_acceptable(offered)
            return
        limit = self.server.limit
        cut = limited_solutions if media == _TSV else limited_triples
        answer = cut(response, limit, deadline, chosen[1], chosen[0])
        extra = {"X-SPARQL-MaxRows": str(limit)}
        if answer.truncated:
            extra["X-Argkg-Truncated"] = "true"
        self._reply(200, answer.media_type, answer.body, extra)

    def _not_acceptable(self, offered) -> None:
        names = ", ".join(dict.fromkeys(media for media, _ in offered))
        self._reply(406, "text/plain", f"no acceptable format; offered: {names}\n".encode())

    def _reply(self, status: int, content_type: str, body: bytes,
               extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


# --- Both together ----------------------------------------------------------------------------


@dataclass
class RunningServer:
    """Oxigraph and the proxy in front of it; stop() ends both."""

    oxigraph: Oxigraph
    proxy: LimitingProxy
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.proxy.server_address[:2]
        return f"http://{host}:{port}"

    def alive(self) -> bool:
        return self.oxigraph.alive() and self.thread.is_alive()

    def stop(self) -> None:
        self.proxy.shutdown()
        self.proxy.server_close()
        self.oxigraph.stop()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


def start_server(store: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 timeout_s: int = DEFAULT_TIMEOUT_S, limit: int = DEFAULT_LIMIT
                 ) -> RunningServer:
    """Start Oxigraph and the limiting proxy, and return once both answer."""
    if limit < 1:
        raise ArgkgError(f"the result limit must be at least 1, not {limit}")
    try:  # listen first: a port in use is an error before anything has started
        proxy = LimitingProxy((host, port), limit, timeout_s)
    except OSError as error:
        raise ArgkgError(f"cannot listen on {host}:{port}: {error.strerror or error}")
    try:
        proxy.oxigraph = Oxigraph(store, timeout_s)
    except BaseException:
        proxy.server_close()
        raise
    thread = threading.Thread(target=proxy.serve_forever, name="argkg-serve", daemon=True)
    thread.start()
    return RunningServer(proxy.oxigraph, proxy, thread)
