"""Match keys: one normal form for a word and its German inflections.

Gazetteer aliases and text tokens are compared by key, so "Putins" finds "Putin",
"Russlands" and "Rußland" find "Russland", "des russischen Präsidenten" finds
"russischer Präsident". The key lower-cases, folds ß and strips inflectional endings
while at least `_MIN_STEM` letters remain. It is a stemmer for matching, not a lemmatizer:
both sides go through the same function, so over-stripping is harmless.
"""

from __future__ import annotations

from functools import lru_cache

_SUFFIXES = ("ern", "ens", "es", "en", "er", "em", "e", "n", "s")
_MIN_STEM = 4
_FOLD = str.maketrans({"ß": "ss", "\u00ad": "", "’": "'"})


@lru_cache(maxsize=200_000)
def match_key(word: str) -> str:
    key = word.casefold().translate(_FOLD)
    if "-" in key:
        # Compounds keep their parts; only the last part inflects ("Nato-Staaten").
        head, _, last = key.rpartition("-")
        return f"{head}-{_strip(last)}" if last else key
    return _strip(key)


def _strip(key: str) -> str:
    if not key.isalpha():
        return key
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= _MIN_STEM:
                key = key[: -len(suffix)]
                changed = True
                break
    return key


def is_capitalized(word: str) -> bool:
    return word[:1].isupper()
