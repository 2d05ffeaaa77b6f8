"""The JSON discussion format (version 1) and JSON Lines with one discussion per line.

    {"id": "optional stable id", "url": "optional", "language": "de",
     "article": {"title": "...", "author": "...", "published": "2022-01-08T12:00:00+01:00",
                 "teaser": "optional", "text": "..."},
     "comments": [{"id": "c1", "author": "...", "published": "...", "text": "...",
                   "reply_to": null}, ...]}

`reply_to: null` answers the article. Naive times are read in the reader's time zone.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from argkg.discussion import Article, Comment, Discussion
from argkg.errors import InputError
from argkg.extract.dates import localize
from argkg.extract.decoding import decode_line, warn_fallback
from argkg.extract.validate import check_text_length, check_thread
from argkg.graph.ids import digest, slug

# A JSON escape can spell half of a surrogate pair ("\ud83d" of a cut-off emoji, as
# scrapers that truncate JavaScript strings leave them); it is no character, and no UTF-8
# output could hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_json(text: str, source: str, timezone: ZoneInfo) -> Discussion:
    data = _parse(text, source)
    try:
        return discussion_from_json(data, source, timezone)
    except InputError as error:
        error.record = _given_id(data)  # for the report of what --skip-bad skipped
        raise


def read_jsonl(lines: str | Iterable[str | bytes], source: str, timezone: ZoneInfo,
               on_bad: Callable[[InputError], None] | None = None) -> Iterator[Discussion]:
    """Discussions line by line (from a text, or a stream of lines as text or as bytes); a
    broken line is an error that names its number, or goes to `on_bad` if given, and the
    next line is read."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    fallback = _Fallback()
    for number, line in enumerate(lines, start=1):
        try:
            discussion = _read_line(line, number, source, timezone, fallback)
        except InputError as error:
            if on_bad is None:
                raise
            on_bad(error)
            continue
        if discussion is not None:
            yield discussion
    warn_fallback(source, fallback.count, fallback.first_line)


class _Fallback:
    """How many bytes of a streamed file were not UTF-8, and the first line they were on."""

    def __init__(self):
        self.count, self.first_line = 0, None

    def add(self, count: int, line: int) -> None:
        self.count += count
        self.first_line = self.first_line or (line if count else None)


def _read_line(line: str | bytes, number: int, source: str, timezone: ZoneInfo,
               fallback: _Fallback) -> Discussion | None:
    place = f"line {number}"
    if isinstance(line, bytes):
        decoded = decode_line(line, source, number)
        fallback.add(decoded.fallback_bytes, number)
        line = decoded.text
    if not line.strip():
        return None
    data = _parse(line, source, number)
    record = _given_id(data)
    try:
        return discussion_from_json(data, source, timezone)
    except InputError as error:
        raise InputError(error.problem, path=source, line=number, record=record,
                         place=f"{place}: {error.place}" if error.place else place)


def _parse(text: str, source: str, line: int | None = None) -> object:
    """Parsed JSON, or an error that says where it broke; `line`: the text is that line of
    a JSON Lines file."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if line is None:
            raise InputError(f"not valid JSON: {error.msg}", path=source, line=error.lineno,
                             place=f"line {error.lineno} column {error.colno}")
        raise InputError(f"not valid JSON: {error.msg} (column {error.colno})", path=source,
                         line=line)
    except RecursionError:
        problem = "not valid input: JSON nested too deeply (arrays or objects within each " \
                  "other thousands of times)"
    except ValueError:  # an integer of more digits than Python converts
        problem = (f"not valid input: a number of more than {sys.get_int_max_str_digits():,} "
                   "digits")
    raise InputError(problem, path=source, line=line)


def _given_id(data: object) -> str | None:
    given = data.get("id") if isinstance(data, dict) else None
    return str(given) if isinstance(given, str | int) and not isinstance(given, bool) else None


def discussion_from_json(data: object, source: str, timezone: ZoneInfo) -> Discussion:
    """A `Discussion` from parsed JSON, checked field by field."""
    root = _Fields(data, source, "top level")
    article = _read_article(root.mapping("article"), source, timezone)
    comment_items = root.optional("comments", list) or []
    comments = tuple(
        _read_comment(_Fields(item, source, f"comments[{n}]"), timezone)
        for n, item in enumerate(comment_items)
    )
    check_thread(comments, source)
    url = root.optional("url", str)
    given_id = root.optional("id", str)
    key = slug(given_id) if given_id else _derived_key(article, url)
    return Discussion(id=key, article=article, comments=comments, url=url,
                      language=root.optional("language", str) or "de", source=source)


def _derived_key(article: Article, url: str | None) -> str:
    seed = url or f"{article.title}|{article.author or ''}"
    return f"{slug(article.title, 60)}-{digest(seed, 8)}"


def _read_article(fields: _Fields, source: str, timezone: ZoneInfo) -> Article:
    return Article(
        title=fields.required("title", str),
        text=fields.required("text", str),
        author=fields.optional("author", str),
        published=fields.time("published", timezone),
        teaser=fields.optional("teaser", str),
    )


def _read_comment(fields: _Fields, timezone: ZoneInfo) -> Comment:
    comment_id = fields.required("id", (str, int))
    reply_to = fields.optional("reply_to", (str, int))
    return Comment(
        id=str(comment_id),
        text=fields.required("text", str),
        author=fields.optional("author", str),
        published=fields.time("published", timezone),
        reply_to=None if reply_to is None else str(reply_to),
    )


class _Fields:
    """Typed access to one JSON object, with errors that say where and what."""

    def __init__(self, data: object, source: str, where: str):
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected an object, found {type(data).__name__}",
                             path=source)
        self.data, self.source, self.where = data, source, where

    def _error(self, problem: str) -> InputError:
        return InputError(f"{self.where}: {problem}", path=self.source)

    def required(self, key: str, kind):
        if self.data.get(key) is None:
            raise self._error(f"missing required field {key!r}")
        return self.optional(key, kind)

    def optional(self, key: str, kind):
        value = self.data.get(key)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            kinds = kind if isinstance(kind, tuple) else (kind,)
            expected = " or ".join(k.__name__ for k in kinds)
            raise self._error(f"field {key!r} must be {expected}, found {type(value).__name__}")
        if isinstance(value, str):
            check_text_length(value, f"{self.where}: field {key!r}", self.source)
            return _LONE_SURROGATE.sub("\ufffd", value)
        return value

    def mapping(self, key: str) -> _Fields:
        return _Fields(self.required(key, dict), self.source, f"{self.where}.{key}"
                       if self.where != "top level" else key)

    def time(self, key: str, timezone: ZoneInfo) -> datetime | None:
        value = self.optional(key, str)
        if value is None:
            return None
        try:
            return localize(datetime.fromisoformat(value), timezone)
        except ValueError:
            raise self._error(f"field {key!r} is not an ISO 8601 date-time: {value!r}")
