"""Sentence boundaries for comment text: line breaks are hard boundaries, abbreviations are not.

Comment writers end thoughts with a line break and no full stop, write "reagieren.Kriegstreiber"
and "inkl. Art. 5": spaCy's rule sentencizer ignores the first and splits the last.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from argkg.extract.resources import packaged_yaml

_ENDINGS = (".", "!", "?", "…")
_QUOTES = "\"„“”»«'‚‘’"


@Language.factory("argkg_sentences")
def make_sentence_splitter(nlp: Language, name: str):
    return SentenceSplitter(packaged_yaml("segmentation.yaml")["abbreviations"])


class SentenceSplitter:
    def __init__(self, abbreviations: list[str]):
        self.abbreviations = frozenset(a.rstrip(".").casefold() for a in abbreviations)

    def __call__(self, doc: Doc) -> Doc:
        # Plain tuples: spaCy makes a new Token object on every doc[i].
        tokens = [_Token(t.text, t.whitespace_, t.is_space) for t in doc]
        if not tokens:
            return doc
        starts = [1] + [1 if self._starts_sentence(tokens, i) else -1
                        for i in range(1, len(tokens))]
        # One array for the whole doc: setting token.is_sent_start checks the doc each time.
        # spaCy takes uint64 columns; -1 (not a start) wraps around and back.
        column = numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], column)
        return doc

    def _starts_sentence(self, tokens: list[_Token], i: int) -> bool:
        previous = tokens[i - 1]
        if "\n" in previous.text or "\n" in previous.space_after:
            return not tokens[i].is_space
        if tokens[i].is_space or _is_closing_quote(tokens, i):
            return False
        before = i - 1
        while before > 0 and tokens[before].is_space:  # "Danke!  Das": past the extra spaces
            before -= 1
        previous = tokens[before]
        if _is_closing_quote(tokens, before) and before >= 1:
            # 'Er sagte: "Nein." Dann ...': the sentence ends after the closing mark.
            if not tokens[before - 1].text.endswith(_ENDINGS):
                return False
        elif not previous.text.endswith(_ENDINGS) or self._is_abbreviation(tokens, before):
            return False
        first = tokens[i].text[:1]
        return first.isupper() or first.isdigit() or first in "\"„»'‚(["

    def _is_abbreviation(self, tokens: list[_Token], stop: int) -> bool:
        """Does the full stop at token `stop` end an abbreviation, an initial ("z.", "B.") or
        an ordinal ("am 12. Januar", "der 3. Weg")?"""
        text = tokens[stop].text
        word = text[:-1] if text != "." else (
            tokens[stop - 1].text if stop and not tokens[stop - 1].space_after else "")
        return (word.casefold() in self.abbreviations or (len(word) == 1 and word.isalpha())
                or (word.isdigit() and len(word) <= 2))


class _Token(NamedTuple):
    text: str
    space_after: str
    is_space: bool


def _is_closing_quote(tokens: list[_Token], i: int) -> bool:
    """A quotation mark glued to the word before it closes a quotation."""
    return (i > 0 and tokens[i].text in _QUOTES and not tokens[i - 1].space_after
            and not tokens[i - 1].is_space)
