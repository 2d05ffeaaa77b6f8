"""Bytes to text, the same way for every input argkg reads (discussions, gold files, the
user's gazetteers and cue lexicons).

- A byte order mark names the encoding: UTF-8, UTF-16 or UTF-32 (little or big endian).
- Otherwise UTF-8. Bytes that are not UTF-8 are read as Windows-1252 (cp1252): files saved
  by older Windows programs are cp1252 or Latin-1, and cp1252 agrees with Latin-1 on every
  printable character. A file that is UTF-8 but for a few pasted bytes keeps its UTF-8.
  Either way a warning names the file, how many bytes and the first line, so a wrong guess
  is seen; UTF-8 text never warns.
- A file with NUL bytes (and no UTF-16/32 byte order mark) is binary, not text: an error.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from argkg.errors import InputError

log = logging.getLogger("argkg")

FALLBACK = "cp1252"
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8"),
)
_SNIFF = 8192
# Python's surrogateescape keeps each byte that is not UTF-8 as U+DC80..U+DCFF; valid UTF-8
# never decodes to these (encoded surrogates are invalid UTF-8), so each stands for one byte.
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")


def _cp1252_table() -> list[str]:
    """Each byte's character in cp1252; its five unassigned bytes keep their Latin-1 (C1)
    code points, as browsers do (WHATWG's windows-1252)."""
    table = []
    for byte in range(256):
        try:
            table.append(bytes([byte]).decode(FALLBACK))
        except UnicodeDecodeError:
            table.append(chr(byte))
    return table


_CP1252 = _cp1252_table()


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    """"utf-8", "utf-16", "utf-32", or "cp1252" when some bytes were not UTF-8."""
    fallback_bytes: int = 0
    """How many bytes were read as cp1252."""
    first_fallback_line: int | None = None


def decode(data: bytes, source: str) -> str:
    """The text of a whole file; warns when bytes were read as cp1252."""
    decoded = decode_bytes(data, source)
    warn_fallback(source, decoded.fallback_bytes, decoded.first_fallback_line)
    return decoded.text


def decode_bytes(data: bytes, source: str, line: int | None = None) -> Decoded:
    """Text from bytes: by byte order mark, else UTF-8 with cp1252 for the bytes that are
    not UTF-8. `line`: the bytes are this line of the file (a streamed line), for errors."""
    encoding = bom_encoding(data[:4])
    if encoding == "utf-8":
        return _utf8_or_cp1252(data[len(codecs.BOM_UTF8):], line)
    if encoding is not None:
        return Decoded(_strict(data, encoding, source, line), encoding)
    if b"\x00" in data[:_SNIFF]:
        at = line if line is not None else data[: data.index(0)].count(b"\n") + 1
        raise InputError("looks like a binary file, not text (it has NUL bytes); if it is "
                         "UTF-16 text, save it as UTF-8 or with a byte order mark",
                         path=source, line=at)
    return _utf8_or_cp1252(data, line)


def decode_line(raw: bytes, source: str, line: int) -> Decoded:
    """One line of a streamed UTF-8 file (its byte order mark already gone): UTF-8, with
    cp1252 for the bytes that are not; NUL bytes are binary, not text."""
    if b"\x00" in raw:
        raise InputError("looks like binary data, not text (it has NUL bytes)", path=source,
                         line=line)
    return _utf8_or_cp1252(raw, line)


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte order mark at the start of `head` names, if any."""
    return next((encoding for bom, encoding in _BOMS if head.startswith(bom)), None)


def _utf8_or_cp1252(data: bytes, line: int | None) -> Decoded:
    text = data.decode("utf-8", "surrogateescape")
    first = _ESCAPED_BYTES.search(text)
    if first is None:
        return Decoded(text, "utf-8")
    count = sum(m.end() - m.start() for m in _ESCAPED_BYTES.finditer(text, first.start()))
    first_line = line if line is not None else text.count("\n", 0, first.start()) + 1
    text = _ESCAPED_BYTES.sub(lambda m: "".join(_CP1252[ord(c) - 0xDC00] for c in m.group()),
                              text)
    return Decoded(text, FALLBACK, count, first_line)


def _strict(data: bytes, encoding: str, source: str, line: int | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[: error.start].decode(encoding, "replace")
        at = line if line is not None else before.count("\n") + 1
        name = encoding.upper()
        raise InputError(f"not valid {name} text (byte {error.start}), though its byte order "
                         f"mark says {name}; save the file again as UTF-8",
                         path=source, line=at)


def warn_fallback(source: str, count: int, first_line: int | None) -> None:
    """One warning per file that was not all UTF-8: what was done, and how to avoid it."""
    if count:
        log.warning("%s: not UTF-8: read %s %s as Windows-1252 (cp1252), the first on line %s; "
                    "if the text looks wrong, save the file as UTF-8", source, f"{count:,}",
                    "byte" if count == 1 else "bytes", first_line)
