"""Reading input files into `Discussion`s: format detection, decoding, clear errors."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from argkg.discussion import Discussion
from argkg.errors import InputError
from argkg.extract.decoding import bom_encoding, decode
from argkg.extract.read_amc import read_amc
from argkg.extract.read_json import read_json, read_jsonl
from argkg.extract.read_page import read_page

FORMATS = ("page", "json", "jsonl", "amc")
_SUFFIXES = {".txt": "page", ".text": "page", ".json": "json", ".jsonl": "jsonl",
             ".ndjson": "jsonl"}
_ARGGRAPH = re.compile(r"<arggraph[\s>/]")

OnBad = Callable[[InputError], None]
"""Told of each bad record instead of stopping at it (`--skip-bad`)."""


def read_discussions(
    path: Path, timezone: ZoneInfo, fmt: str | None = None, on_bad: OnBad | None = None,
) -> Iterator[Discussion]:
    """Every discussion in the file at `path` (one for a page or JSON file, many for JSONL).
    JSON Lines files are streamed: memory holds one line at a time, not the file. A broken
    line of JSON Lines goes to `on_bad`, if given, and reading goes on with the next;
    other problems are raised."""
    source = str(path)
    if (fmt or _SUFFIXES.get(path.suffix.lower())) == "jsonl" and not _has_wide_bom(path):
        yield from _streamed_jsonl(path, timezone, on_bad)
        return
    text = decode(_read_bytes(path), source)
    if not text.strip():
        raise InputError("the file is empty", path=source)
    fmt = fmt or detect_format(path, text)
    if fmt == "page":
        yield read_page(text, source, timezone)
    elif fmt == "json":
        yield read_json(text, source, timezone)
    elif fmt == "jsonl":
        yield from read_jsonl(text, source, timezone, on_bad)
    elif fmt == "amc":
        yield read_amc(text, source)
    else:
        raise InputError(f"unknown input format {fmt!r} (use one of: {', '.join(FORMATS)})",
                         path=source)


def _has_wide_bom(path: Path) -> bool:
    """UTF-16 and UTF-32 files are decoded whole: their lines are not byte lines."""
    try:
        with open(path, "rb") as handle:
            return bom_encoding(handle.read(4)) in ("utf-16", "utf-32")
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(path))
    except OSError as error:
        raise InputError(error.strerror or str(error), path=str(path))


def _streamed_jsonl(path: Path, timezone: ZoneInfo, on_bad: OnBad | None) -> Iterator[Discussion]:
    found = False
    for discussion in read_jsonl(_byte_lines(path), str(path), timezone, on_bad):
        found = True
        yield discussion
    if not found and _is_blank(path):
        raise InputError("the file is empty", path=str(path))


def _byte_lines(path: Path) -> Iterator[bytes]:
    """The file's lines as bytes, decoded by the JSON Lines reader one at a time."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            yield raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw


def _is_blank(path: Path) -> bool:
    return all(not line.strip() for line in _byte_lines(path))


def detect_format(path: Path, text: str) -> str:
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    if path.suffix.lower() == ".xml" or text.lstrip().startswith(("<?xml", "<arggraph")):
        return _xml_format(path, text)
    head = text.lstrip()[:1]
    if head == "{":
        first_line = text.lstrip().split("\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith("}") and "\n{" in text.strip() else "json"
    raise InputError(
        "unknown input format: expected a page scrape (.txt), JSON (.json), JSON Lines "
        "(.jsonl) or a microtext argument graph (.xml); name the format with --format",
        path=str(path))


def _xml_format(path: Path, text: str) -> str:
    # Only one XML format is known: the argument graphs of the Argumentative Microtext Corpus.
    if _ARGGRAPH.search(text):
        return "amc"
    raise InputError("XML, but not an argument graph (no <arggraph> root element)",
                     path=str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(path))
    except OSError as error:
        raise InputError(error.strerror or str(error), path=str(path))
