"""How texts and names are compared: folded names, word tokens and overlap measures.

Names fold case, ß and everything but letters and digits away ("Nato-Staaten" and
"NATO Staaten" are one name). Texts are compared as sets of folded word tokens, so
punctuation, spacing and the quotation marks around a quote do not matter.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def fold(name: str) -> str:
    return "".join(ch for ch in name.casefold().replace("ß", "ss") if ch.isalnum())


def tokens(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold().replace("ß", "ss")))


def jaccard(a: str, b: str) -> float:
    """Shared tokens over all tokens of either text."""
    ta, tb = tokens(a), tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def share_inside(part: str, whole: str) -> float:
    """The share of `part`'s tokens that occur in `whole`."""
    tp = tokens(part)
    return len(tp & tokens(whole)) / len(tp) if tp else 0.0


def overlap_of_shorter(a: str, b: str) -> float:
    """Shared tokens over the tokens of the shorter text: a quote may be cut at either end."""
    ta, tb = tokens(a), tokens(b)
    shorter = min(len(ta), len(tb))
    return len(ta & tb) / shorter if shorter else 0.0


def same_passage(found: str, gold: str) -> float:
    """How well a found unit stands for a gold passage: 0 unless their token Jaccard is at
    least 0.5 or the found text holds at least 0.8 of the gold tokens (a unit may carry a
    connective or a neighbouring clause the gold leaves out)."""
    score = max(jaccard(found, gold), share_inside(gold, found))
    passes = jaccard(found, gold) >= 0.5 or share_inside(gold, found) >= 0.8
    return score if passes else 0.0
