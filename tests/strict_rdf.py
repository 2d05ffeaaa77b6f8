"""Independent, strict RDF parsers for what argkg writes: `rapper` (raptor2, C; Debian's
raptor2-utils) and pyoxigraph (Rust, the store's own parser, strict about IRIs).

rapper reads every syntax argkg writes but lets some bad IRIs pass ("%zz", a port "b");
pyoxigraph refuses those. Between them a file that both accept is valid RDF.
"""

from __future__ import annotations

import shutil
import subprocess

import pyoxigraph as ox
import pytest

RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(
    RAPPER is None, reason="rapper is not installed (Debian: apt-get install raptor2-utils)")

RAPPER_SYNTAX = {"turtle": "turtle", "nt": "ntriples", "nquads": "nquads", "trig": "trig"}
OXIGRAPH_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                   "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def rapper_problems(data: bytes, syntax: str) -> str:
    """rapper's complaints about `data` in `syntax` ("" if it parses it cleanly)."""
    checked = subprocess.run([RAPPER, "-q", "-i", RAPPER_SYNTAX[syntax], "-c", "-",
                              "http://example.invalid/base/"],
                             input=data, capture_output=True, timeout=60)
    if checked.returncode == 0:
        return ""
    return checked.stderr.decode("utf-8", "replace") or f"exit code {checked.returncode}"


def oxigraph_problems(data: bytes, syntax: str) -> str:
    """pyoxigraph's complaint about `data` in `syntax` ("" if it parses it)."""
    try:
        for _ in ox.parse(data, format=OXIGRAPH_FORMAT[syntax]):
            pass
    except (SyntaxError, ValueError) as error:
        return str(error)
    return ""


def assert_valid_rdf(data: bytes, syntax: str) -> None:
    """Both parsers accept `data` (tests that call this are marked `needs_rapper`)."""
    problem = oxigraph_problems(data, syntax)
    assert not problem, f"pyoxigraph refuses the {syntax}: {problem}"
    problem = rapper_problems(data, syntax)
    assert not problem, f"rapper refuses the {syntax}: {problem}"
