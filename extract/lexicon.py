"""Cue lexicons: phrases from editable data files, found in token sequences.

A phrase is space-separated words, compared with lower-cased, ß-folded token texts.
A word ending in `*` matches every word it begins ("provokation*"); the word `…` stands
for a gap of up to `GAP` words ("sie haben … recht"). Words are split like the text is
(by the pipeline's tokenizer), so "100%" or ";-)" in a lexicon match the text's tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

GAP = "…"
MAX_GAP = 4
_PREFIX_KEY = 3
_MAX_REMEMBERED = 500_000
"""Word forms whose candidates are remembered; beyond that they are worked out each time."""
_FOLD = str.maketrans({"ß": "ss", "’": "'", "‘": "'"})


def fold(word: str) -> str:
    return word.casefold().translate(_FOLD)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    phrase: str
    value: Any


@dataclass(frozen=True)
class _Pattern:
    phrase: str
    words: tuple[str, ...]
    value: Any


class CueMatcher:
    """Finds every lexicon phrase in a sequence of folded words."""

    def __init__(self, entries: Iterable[tuple[str, Any]],
                 split: Callable[[str], list[str]] = str.split):
        self._exact: dict[str, list[_Pattern]] = {}
        self._prefix: dict[str, list[_Pattern]] = {}
        self._candidates: dict[str, tuple[_Pattern, ...]] = {}
        for phrase, value in entries:
            pattern = _Pattern(phrase, tuple(_phrase_words(phrase, split)), value)
            if not pattern.words:
                continue
            first = pattern.words[0]
            if first.endswith("*") and len(first) > 1:
                self._prefix.setdefault(first[:_PREFIX_KEY], []).append(pattern)
            else:
                self._exact.setdefault(first, []).append(pattern)

    def __bool__(self) -> bool:
        return bool(self._exact or self._prefix)

    def find(self, words: Sequence[str]) -> list[Hit]:
        """Every match, longest first at each start; matches may overlap."""
        hits = []
        candidates = self._candidates
        for start, word in enumerate(words):
            patterns = candidates.get(word)
            if patterns is None:
                patterns = self._remember(word)
            for pattern in patterns:
                end = _match(pattern.words, words, start)
                if end is not None:
                    hits.append(Hit(start, end, pattern.phrase, pattern.value))
        hits.sort(key=lambda h: (h.start, h.start - h.end))
        return hits

    def _remember(self, word: str) -> tuple[_Pattern, ...]:
        """The patterns that may start at `word`, worked out once per word form: word forms
        repeat (Zipf), so most lookups are one dictionary hit."""
        found = tuple(self._exact.get(word, ())) + tuple(
            p for p in self._prefix.get(word[:_PREFIX_KEY], ())
            if word.startswith(p.words[0][:-1]))
        if len(self._candidates) < _MAX_REMEMBERED:
            self._candidates[word] = found
        return found


def _phrase_words(phrase: str, split: Callable[[str], list[str]]) -> list[str]:
    words = []
    for word in fold(phrase).split():
        if word == GAP or (word.endswith("*") and len(word) > 1):
            words.append(word)
        else:
            words.extend(split(word))
    return words


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*") and len(pattern) > 1:
        return word.startswith(pattern[:-1])
    return pattern == word


def _match(pattern: Sequence[str], words: Sequence[str], at: int) -> int | None:
    """End index of `pattern` matched at `at`, or None; gaps take as few words as they can."""
    if not pattern:
        return at
    head, rest = pattern[0], pattern[1:]
    if head == GAP:
        for skip in range(MAX_GAP + 1):
            end = _match(rest, words, at + skip)
            if end is not None:
                return end
        return None
    if at < len(words) and _word_matches(head, words[at]):
        return _match(rest, words, at + 1)
    return None
