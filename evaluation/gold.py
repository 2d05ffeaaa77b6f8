"""A gold reading in argkg's JSON format (tests/data/*.gold.json) as a `Reading`.

    {"timezone": "Europe/Berlin",
     "article": {"title": "...", "author": "...", "actors": ["NATO", ...]},
     "comments": [{"n": 1, "author": "...", "published": "2022-01-08T18:19:00+01:00",
                   "reply_to": "article" | <n>, "stance": "support" | "attack" | "neutral"
                   | "unclear", "actors": [...]}, ...],
     "quotes": [{"comment": <n>, "target": "article" | <n>, "text": "..."}],
     "attributions": [{"comment": <n>, "speaker": "...", "text": "..."}],
     "central_claims": {"article": "...", "<n>": "..."}}

Every section is optional: a task the file does not annotate is not scored. Other keys
(source, notes, the actor table) are ignored. Times without a zone are read in "timezone"
(default UTC).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argkg.errors import InputError
from argkg.evaluation.reading import (
    STANCES,
    UNCLEAR,
    Actor,
    Attribution,
    Post,
    Quote,
    Reading,
)

ARTICLE = "article"


def read_gold_json(text: str, source: str) -> Reading:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", path=source,
                         place=f"line {error.lineno} column {error.colno}")
    return _Gold(source).reading(data)


class _Gold:
    """Reads the sections of one gold file; every error names the field it is about."""

    def __init__(self, source: str):
        self.source = source
        self.timezone = ZoneInfo("UTC")

    def error(self, where: str, problem: str) -> InputError:
        return InputError(problem, path=self.source, place=where)

    def reading(self, data: object) -> Reading:
        root = self.mapping(data, "top level")
        self.timezone = self.zone(root.get("timezone"))
        posts = {0: self.article(self.optional(root, "article", dict, "top level") or {})}
        comments = self.optional(root, "comments", list, "top level")
        for number, item in enumerate(comments or []):
            post = self.comment(item, f"comments[{number}]")
            if post.position in posts:
                raise self.error(f"comments[{number}]", f"comment number {post.position} "
                                 "is given twice")
            posts[post.position] = post
        self.add_central_claims(posts, self.optional(root, "central_claims", dict, "top level"))
        return Reading(
            posts=tuple(posts[p] for p in sorted(posts)),
            quotes=self.each(root, "quotes", self.quote),
            attributions=self.each(root, "attributions", self.attribution),
            comments_annotated=comments is not None,
        )

    # --- sections ---------------------------------------------------------------------

    def article(self, article: dict) -> Post:
        return Post(position=0, actors=self.actors(article, "article"))

    def comment(self, item: object, where: str) -> Post:
        comment = self.mapping(item, where)
        number = self.required(comment, "n", int, where)
        if number < 1:
            raise self.error(f"{where}.n", f"comment numbers start at 1, found {number}")
        stance = self.optional(comment, "stance", str, where)
        if stance is not None and stance not in (*STANCES, UNCLEAR):
            raise self.error(f"{where}.stance", f"unknown stance {stance!r} "
                             f"(one of: {', '.join((*STANCES, UNCLEAR))})")
        reply_to = comment.get("reply_to")
        return Post(
            position=number,
            author=self.optional(comment, "author", str, where),
            created=self.time(comment, "published", where),
            reply_to=None if reply_to is None else self.post_ref(reply_to, f"{where}.reply_to"),
            stance=stance,
            actors=self.actors(comment, where),
        )

    def add_central_claims(self, posts: dict[int, Post], claims: dict | None) -> None:
        for key, text in (claims or {}).items():
            where = f"central_claims.{key}"
            if not isinstance(text, str):
                raise self.error(where, "a central claim must be a string")
            position = self.post_ref(key, where)
            posts[position] = replace(posts.get(position) or Post(position), central=text)

    def quote(self, item: dict, where: str) -> Quote:
        return Quote(post=self.post_ref(self.required(item, "comment", (int, str), where),
                                        f"{where}.comment"),
                     text=self.required(item, "text", str, where),
                     source=self.post_ref(self.required(item, "target", (int, str), where),
                                          f"{where}.target"))

    def attribution(self, item: dict, where: str) -> Attribution:
        return Attribution(post=self.post_ref(self.required(item, "comment", (int, str), where),
                                              f"{where}.comment"),
                           text=self.required(item, "text", str, where),
                           speaker=Actor(self.required(item, "speaker", str, where)))

    # --- fields -----------------------------------------------------------------------

    def mapping(self, value: object, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.error(where, f"expected an object, found {_kind(value)}")
        return value

    def required(self, data: dict, key: str, kinds, where: str):
        if data.get(key) is None:
            raise self.error(where, f"missing required field {key!r}")
        return self.optional(data, key, kinds, where)

    def optional(self, data: dict, key: str, kinds, where: str):
        value = data.get(key)
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if value is not None and (not isinstance(value, kinds) or isinstance(value, bool)):
            expected = " or ".join(_KIND_NAMES[k] for k in kinds)
            raise self.error(where, f"field {key!r} must be {expected}, found {_kind(value)}")
        return value

    def each(self, root: dict, key: str, read_item) -> tuple | None:
        items = self.optional(root, key, list, "top level")
        if items is None:
            return None
        return tuple(read_item(self.mapping(item, f"{key}[{n}]"), f"{key}[{n}]")
                     for n, item in enumerate(items))

    def actors(self, data: dict, where: str) -> tuple[Actor, ...] | None:
        names = self.optional(data, "actors", list, where)
        if names is None:
            return None
        if not all(isinstance(name, str) for name in names):
            raise self.error(f"{where}.actors", "actor names must be strings")
        return tuple(Actor(name) for name in names)

    def post_ref(self, value: object, where: str) -> int:
        """'article' is post 0; a comment is named by its number (an integer or digits)."""
        if value == ARTICLE:
            return 0
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        raise self.error(where, f"expected 'article' or a comment number, found {value!r}")

    def time(self, data: dict, key: str, where: str) -> datetime | None:
        value = self.optional(data, key, str, where)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self.error(f"{where}.{key}", f"not an ISO 8601 date-time: {value!r}")
        return moment if moment.tzinfo else moment.replace(tzinfo=self.timezone)

    def zone(self, name: object) -> ZoneInfo:
        if name is None:
            return ZoneInfo("UTC")
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            raise self.error("timezone", f"unknown time zone {name!r}")


_KIND_NAMES = {dict: "an object", list: "a list", str: "a string", int: "an integer",
               bool: "a boolean", float: "a number", type(None): "null"}


def _kind(value: object) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)
