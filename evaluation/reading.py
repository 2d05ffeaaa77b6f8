"""One reading of a discussion, the shape both a build and a gold file are read into.

Posts are named by position: 0 is the article, 1..N the comments in order (a gold
comment's `n`). Units are named by (post position, unit index).

In a gold reading, None means "not annotated" and the task is not scored there; in a
build reading it means "not found".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

UnitRef = tuple[int, int]
"""(post position, unit index)."""

STANCES = ("support", "attack", "neutral")
UNCLEAR = "unclear"
"""A gold stance annotators could not decide: left out of the stance scores."""


@dataclass(frozen=True)
class Actor:
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Unit:
    index: int
    text: str
    role: str | None = None
    """"claim", "premise" or "none" (not argumentative)."""
    start: int | None = None
    end: int | None = None

    @property
    def argumentative(self) -> bool:
        return self.role != "none"


@dataclass(frozen=True)
class Post:
    position: int
    author: str | None = None
    created: datetime | None = None
    reply_to: int | None = None
    """The position of the post this one answers; None for the article."""
    stance: str | None = None
    """Towards the post it answers: one of STANCES, or UNCLEAR in a gold reading."""
    units: tuple[Unit, ...] | None = None
    central: str | None = None
    """The text of the post's central claim."""
    actors: tuple[Actor, ...] | None = None


@dataclass(frozen=True)
class Quote:
    post: int
    text: str
    """The quoted text."""
    source: int | None
    """The position of the quoted post; None when the source is not in the discussion."""


@dataclass(frozen=True)
class Attribution:
    post: int
    text: str
    """The attributed content (in a build: the text of the unit it belongs to)."""
    speaker: Actor


@dataclass(frozen=True)
class Relation:
    kind: str
    """"support" or "attack"."""
    source: UnitRef
    target: UnitRef


@dataclass(frozen=True)
class Reading:
    posts: tuple[Post, ...]
    """In position order."""
    quotes: tuple[Quote, ...] | None = None
    attributions: tuple[Attribution, ...] | None = None
    relations: tuple[Relation, ...] | None = None
    comments_annotated: bool = True
    """False for a gold reading that says nothing about comments (a microtext)."""
    _by_position: dict[int, Post] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_position", {p.position: p for p in self.posts})

    def post(self, position: int) -> Post | None:
        return self._by_position.get(position)

    @property
    def comments(self) -> tuple[Post, ...]:
        return tuple(p for p in self.posts if p.position > 0)
