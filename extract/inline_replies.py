"""Replies that a page scrape merged into another comment's block.

Threaded comment sections often lose the header of a nested reply when copied as text:
the reply then sits inside its parent's block. What gives it away is the address: a
paragraph that opens by naming an earlier commenter ("Hmm Hr. Elvers, ...") or whose
first sentence ends on one ("Das ist Unsinn, verehrter Herr Kuhlmann."). Such a
paragraph starts a comment of its own (author unknown) that replies to the addressed
commenter's latest comment. A headed comment whose first paragraph addresses an earlier
commenter replies to that commenter. The address lexicon is `data/addressing.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from argkg.extract.resources import packaged_yaml

_FIRST_SENTENCE_WINDOW = 300


@dataclass(frozen=True)
class RawComment:
    """A comment before ids are assigned; `reply_to` indexes the output list (None: article)."""

    author: str | None
    published: datetime | None
    paragraphs: tuple[str, ...]
    reply_to: int | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class AddressFinder:
    """Finds which participant, if any, a paragraph addresses by name."""

    def __init__(self, lexicon: dict):
        honorific = _alternatives(lexicon["honorifics"])
        opener = _alternatives(lexicon["openers"])
        adjective = _alternatives(lexicon["vocative_adjectives"])
        name = r"(?P<name>[A-ZÄÖÜ][\w'\-]+(?:\s+[A-ZÄÖÜ][\w'\-]+)?)"
        self._openings = tuple(re.compile(p) for p in (
            rf"^(?:(?:{opener})[,!.]?\s+)?(?:(?:{honorific})\s+)+{name}\s*[,!:;]",
            rf"^@\s?{name}\b",
            rf"^(?:(?:{opener})[,!.]?\s+)?{name}\s*[,:]\s",
        ))
        self._closing = re.compile(
            rf",\s*(?:(?i:{adjective})\s+)?(?:(?:{honorific})\s+)+{name}\s*[.!?]+(?:\s|$)"
        )

    @classmethod
    def packaged(cls) -> AddressFinder:
        return cls(packaged_yaml("addressing.yaml"))

    def addressee(self, paragraph: str, participants: dict[str, str]) -> str | None:
        """The participant (full name) the paragraph addresses; `participants` maps
        every accepted form (full name, surname) to the full name."""
        head = paragraph[:_FIRST_SENTENCE_WINDOW]
        candidates = [m["name"] for p in self._openings if (m := p.match(head))]
        closing = self._closing.search(head)
        if closing and not re.search(r"[.!?]\s", head[: closing.start()]):
            candidates.append(closing["name"])
        for candidate in candidates:
            for form in (candidate, candidate.split()[-1]):
                if form in participants:
                    return participants[form]
        return None


def _alternatives(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)  # longest first: "Sehr geehrter" before "Sehr"
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def split_inline_replies(
    comments: list[RawComment], article_author: str | None, finder: AddressFinder | None = None
) -> list[RawComment]:
    """The comments with merged replies split off and reply targets set."""
    finder = finder or AddressFinder.packaged()
    result: list[RawComment] = []
    latest_by_author: dict[str, int] = {}
    forms: dict[str, str] = {}
    for comment in comments:
        if comment.author and comment.author != article_author:
            _register(forms, comment.author)
        current = replace(comment, paragraphs=comment.paragraphs[:1])
        addressed = finder.addressee(comment.paragraphs[0], forms) if comment.paragraphs else None
        if addressed and addressed != comment.author and addressed in latest_by_author:
            current = replace(current, reply_to=latest_by_author[addressed])
        for paragraph in comment.paragraphs[1:]:
            addressed = finder.addressee(paragraph, forms)
            target = latest_by_author.get(addressed) if addressed else None
            if addressed == comment.author:
                target = len(result)  # the block's own comment, not yet appended
            if target is None:
                current = replace(current, paragraphs=current.paragraphs + (paragraph,))
                continue
            result.append(current)
            _remember(latest_by_author, current, len(result) - 1)
            current = RawComment(author=None, published=None, paragraphs=(paragraph,),
                                 reply_to=target)
        result.append(current)
        _remember(latest_by_author, current, len(result) - 1)
    return result


def _register(forms: dict[str, str], full_name: str) -> None:
    forms[full_name] = full_name
    surname = full_name.split()[-1]
    if len(surname) > 2:
        forms[surname] = full_name


def _remember(latest_by_author: dict[str, int], comment: RawComment, index: int) -> None:
    if comment.author:
        latest_by_author[comment.author] = index
