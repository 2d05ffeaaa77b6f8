"""The argument layer's plain data: what the extractors find, before it becomes graph.

Posts are named by their key in the discussion ("article" or a comment id), units by
(post key, unit index). Offsets are character offsets into the post's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argkg.extract.gazetteer import Actor

UnitRef = tuple[str, int]
"""(post key, unit index)."""


@dataclass(frozen=True)
class Unit:
    index: int
    start: int
    end: int
    text: str
    role: str
    """"claim", "premise" or "none" (greetings, thanks, jokes, furniture)."""


@dataclass(frozen=True)
class Link:
    """Support or attack from one unit to another, inside a post or across the thread."""

    source: UnitRef
    target: UnitRef
    kind: str
    """"support" or "attack"."""
    cue: str
    """What gave it away: a marker ("weil"), a cue phrase ("Schwachsinn") or a rule name."""


@dataclass(frozen=True)
class Stance:
    """A comment's stance toward the post it replies to."""

    post: str
    target: str
    stance: str
    """"support", "attack" or "neutral"."""
    target_unit: int | None
    """The unit of the target the comment answers, where it can be told."""
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    post: str
    unit: int
    start: int
    end: int
    text: str
    source: UnitRef | None
    """The quoted unit when it is in the discussion, else None (an unseen text)."""
    exact: bool
    score: float


@dataclass(frozen=True)
class Attribution:
    """Reported speech: the content from `start` to `end` is said to come from `speaker`."""

    post: str
    unit: int
    start: int
    end: int
    text: str
    speaker: Actor
    cue: str


@dataclass
class PostArguments:
    units: list[Unit] = field(default_factory=list)
    central: int | None = None
    links: list[Link] = field(default_factory=list)
    """Support and attack between units of this post."""


@dataclass
class ArgumentLayer:
    posts: dict[str, PostArguments] = field(default_factory=dict)
    thread_links: list[Link] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
