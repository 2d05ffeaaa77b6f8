"""Reading input files into `Discussion`s: format detection, decoding, clear errors."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from argkg.discussion import Discussion
from argkg.errors import InputError
from argkg.extract.read_amc import read_amc
from argkg.extract.read_json import read_json, read_jsonl
from argkg.extract.read_page import read_page

FORMATS = ("page", "json", "jsonl", "amc")
_SUFFIXES = {".txt": "page", ".text": "page", ".json": "json", ".jsonl": "jsonl",
             ".ndjson": "jsonl"}
_ARGGRAPH = re.compile(r"<arggraph[\s>/]")


def read_discussions(
    path: Path, timezone: ZoneInfo, fmt: str | None = None
) -> Iterator[Discussion]:
    """Every discussion in the file at `path` (one for a page or JSON file, many for JSONL).
    JSON Lines files are streamed: memory holds one line at a time, not the file."""
    source = str(path)
    if (fmt or _SUFFIXES.get(path.suffix.lower())) == "jsonl" and not _is_utf16(path):
        yield from _streamed_jsonl(path, timezone)
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
        yield from read_jsonl(text, source, timezone)
    elif fmt == "amc":
        yield read_amc(text, source)
    else:
        raise InputError(f"unknown input format {fmt!r} (use one of: {', '.join(FORMATS)})",
                         path=source)


def _is_utf16(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(path))
    except OSError as error:
        raise InputError(error.strerror or str(error), path=str(path))


def _streamed_jsonl(path: Path, timezone: ZoneInfo) -> Iterator[Discussion]:
    found = False
    for discussion in read_jsonl(_utf8_lines(path), str(path), timezone):
        found = True
        yield discussion
    if not found:
        raise InputError("the file is empty", path=str(path))


def _utf8_lines(path: Path) -> Iterator[str]:
    source = str(path)
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if b"\x00" in raw:
                raise InputError("looks like a binary file, not text", path=source,
                                 place=f"line {number}")
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(f"not valid UTF-8 text (byte {error.start} of the line); "
                                 "save the file as UTF-8", path=source, place=f"line {number}")


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


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM; never binary."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", source)
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not text", path=source)
    return _decode_as(data, "utf-8-sig", source)


def _decode_as(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"not valid {encoding.removesuffix('-sig').upper()} text (byte {error.start}); "
            "save the file as UTF-8", path=source, place=f"line {line}")
