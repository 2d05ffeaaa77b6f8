"""Cue lexicons: phrases from editable data files, found in token sequences.

A phrase is space-separated words, compared with lower-cased, ß-folded token texts.
A word ending in `*` matches every word it begins ("provokation*"); the word `…` stands
for a gap of up to `GAP` words ("sie haben … recht"). Words are split like the text is
(by the pipeline's tokenizer), so "100%" or ";-)" in a lexicon match the text's tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
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

    @property
    def literal(self) -> bool:
        """No gaps, no prefixes: the words must be there exactly."""
        return not any(w == GAP or (w.endswith("*") and len(w) > 1) for w in self.words)


class CueMatcher:
    """Finds every lexicon phrase in a sequence of folded words."""

    def __init__(self, entries: Iterable[tuple[str, Any]],
                 split: Callable[[str], list[str]] = str.split):
        self._exact: dict[str, list[_Pattern]] = {}
        self._prefix: dict[str, list[_Pattern]] = {}
        self._candidates: dict[str, tuple[tuple[_Pattern, bool], ...]] = {}
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
            for pattern, literal in patterns:
                if literal:
                    end = start + len(pattern.words)
                    if tuple(words[start:end]) != pattern.words:
                        continue
                else:
                    end = _match(pattern.words, words, start)
                    if end is None:
                        continue
                hits.append(Hit(start, end, pattern.phrase, pattern.value))
        hits.sort(key=lambda h: (h.start, h.start - h.end))
        return hits

    def _remember(self, word: str) -> tuple[tuple[_Pattern, bool], ...]:
        """The patterns that may start at `word` (each with whether it is literal), worked
        out once per word form: word forms repeat (Zipf), so most lookups are one dictionary
        hit."""
        found = tuple((p, p.literal) for p in self._exact.get(word, ())) + tuple(
            (p, p.literal) for p in self._prefix.get(word[:_PREFIX_KEY], ())
            if word.startswith(p.words[0][:-1]))
        if len(self._candidates) < _MAX_REMEMBERED:
            self._candidates[word] = found
        return found


class CueSet:
    """Several lexicons searched in one pass over the words: one dictionary lookup per word
    instead of one per lexicon. `find` gives each lexicon's hits, as its own `find` would."""

    def __init__(self, matchers: Mapping[str, CueMatcher]):
        self.names = tuple(matchers)
        self._merged = CueMatcher(())
        for name, matcher in matchers.items():
            for table, merged in ((matcher._exact, self._merged._exact),
                                  (matcher._prefix, self._merged._prefix)):
                for key, patterns in table.items():
                    merged.setdefault(key, []).extend(
                        _Pattern(p.phrase, p.words, (name, p.value)) for p in patterns)

    def find(self, words: Sequence[str]) -> dict[str, list[Hit]]:
        found: dict[str, list[Hit]] = {name: [] for name in self.names}
        for hit in self._merged.find(words):
            name, value = hit.value
            found[name].append(Hit(hit.start, hit.end, hit.phrase, value))
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
