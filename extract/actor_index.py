"""The gazetteer compiled for matching: phrase patterns, exact forms and single-word lookups.

Every alias becomes a phrase pattern over match keys (see `normalize.match_key`), so one
pattern covers a name's inflections; spaCy's PhraseMatcher stays fast with many thousands
of them (its token Matcher would slow down linearly). Abbreviations match case-sensitively
as written. Single-word keys also serve compounds ("Nato-Staaten", "Georgienkrieg") and
misspellings ("Lybanon").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import NORM
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from argkg.extract.gazetteer import Actor, Gazetteer, Role
from argkg.extract.normalize import is_capitalized, match_key

_FUZZY_MIN_LENGTH = 6


@dataclass(frozen=True)
class Pattern:
    """What a phrase pattern stands for: an actor by name, or by a dated role."""

    actor: Actor
    role: Role | None = None
    capitalized: bool = False


class ActorIndex:
    def __init__(self, gazetteer: Gazetteer, vocab: Vocab, make_doc):
        self.patterns: dict[str, Pattern] = {}
        self.names = PhraseMatcher(vocab, attr="NORM")
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.single: dict[str, set[str]] = defaultdict(set)
        self.single_exact: dict[str, str] = {}
        self.adjectives: dict[str, str] = {}
        self.actors = gazetteer.actors
        self._deletions: dict[str, set[str]] = defaultdict(set)
        self.make_doc = make_doc
        for actor in gazetteer.actors.values():
            self._add_actor(actor)

    def _add_actor(self, actor: Actor) -> None:
        for form in actor.surface_forms:
            self._add_pattern(self.names, Pattern(actor, None, is_capitalized(form)), form)
        for form in actor.exact:
            self._add_pattern(self.exact, Pattern(actor), form)
            if " " not in form:
                self.single_exact[form] = actor.label
        for role in actor.roles:
            self._add_pattern(self.names, Pattern(actor, role, is_capitalized(role.alias)),
                              role.alias)
        if actor.adjective:
            self.adjectives[match_key(actor.adjective)] = actor.label

    def _add_pattern(self, matcher: PhraseMatcher, pattern: Pattern, form: str) -> None:
        doc = self.make_doc(form)
        normalize(doc)
        key = f"{len(self.patterns)}"
        self.patterns[key] = pattern
        matcher.add(key, [doc])
        if len(doc) == 1 and matcher is self.names and pattern.role is None:
            word_key = doc[0].norm_
            self.single[word_key].add(pattern.actor.label)
            if len(word_key) >= _FUZZY_MIN_LENGTH:
                for variant in _deletions(word_key):
                    self._deletions[variant].add(pattern.actor.label)

    def lookup_word(self, word: str) -> str | None:
        """The one actor a single word names (exact form, else by key), or None."""
        if word in self.single_exact:
            return self.single_exact[word]
        labels = self.single.get(match_key(word))
        return next(iter(labels)) if labels and len(labels) == 1 else None

    def lookup_fuzzy(self, word: str) -> str | None:
        """The one actor within one edit of `word` ("Lybanon" -> Libanon), or None."""
        key = match_key(word)
        if len(key) < _FUZZY_MIN_LENGTH:
            return None
        labels: set[str] = set()
        for variant in _deletions(key):
            labels |= self._deletions.get(variant, set())
        labels = {label for label in labels if match_key(label)[:1] == key[:1]
                  or any(match_key(a)[:1] == key[:1] for a in self.actors[label].surface_forms)}
        return next(iter(labels)) if len(labels) == 1 else None


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def normalize(doc: Doc, texts: list[str] | None = None) -> list[str]:
    """Set every token's NORM to its match key (what the phrase patterns compare); return
    the keys. `texts`: the tokens' texts, where the caller has them already."""
    if texts is None:
        texts = [t.text for t in doc]
    keys = [match_key(t) for t in texts]
    if keys:
        add = doc.vocab.strings.add
        # One array for the doc: setting token.norm_ one by one makes a Token object each.
        column = numpy.array([add(k) for k in keys], dtype="uint64")
        doc.from_array([NORM], column.reshape(-1, 1))
    return keys
