"""HanTa, the Hanover Tagger (model bundled with the package), with a cache by word form.

HanTa tags about 2,000 tokens per second; argkg asks it only about the few capitalised
words that no gazetteer rule explains, and each distinct word form once.
"""

from __future__ import annotations

_CACHE_LIMIT = 200_000


class WordTagger:
    """Context-free (lemma, STTS tag) for a word form; the model loads on first use."""

    def __init__(self) -> None:
        self._tagger = None
        self._cache: dict[str, tuple[str, str]] = {}

    def analyze(self, word: str) -> tuple[str, str]:
        found = self._cache.get(word)
        if found is None:
            if self._tagger is None:
                from HanTa import HanoverTagger  # a second to load: only when needed

                self._tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            lemma, tag = self._tagger.analyze(word)
            found = self._cache[word] = (lemma, tag)
        return found

    def is_proper_noun(self, word: str) -> bool:
        return self.analyze(word)[1] == "NE"
