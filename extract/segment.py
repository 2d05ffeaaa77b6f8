"""Sentence boundaries for comment text: line breaks are hard boundaries, abbreviations are not.

Comment writers end thoughts with a line break and no full stop, write "reagieren.Kriegstreiber"
and "inkl. Art. 5": spaCy's rule sentencizer ignores the first and splits the last.
"""

from __future__ import annotations

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
        for i, token in enumerate(doc):
            token.is_sent_start = i == 0 or self._starts_sentence(doc, i)
        return doc

    def _starts_sentence(self, doc: Doc, i: int) -> bool:
        previous = doc[i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            return not doc[i].is_space
        if doc[i].is_space or _is_closing_quote(doc, i):
            return False
        before = i - 1
        while before > 0 and doc[before].is_space:  # "Danke!  Das": past the extra spaces
            before -= 1
        previous = doc[before]
        if _is_closing_quote(doc, before) and before >= 1:
            # 'Er sagte: "Nein." Dann ...': the sentence ends after the closing mark.
            if not doc[before - 1].text.endswith(_ENDINGS):
                return False
        elif not previous.text.endswith(_ENDINGS) or self._is_abbreviation(doc, before):
            return False
        first = doc[i].text[:1]
        return first.isupper() or first.isdigit() or first in "\"„»'‚(["

    def _is_abbreviation(self, doc: Doc, stop: int) -> bool:
        """Does the full stop at token `stop` end an abbreviation, an initial ("z.", "B.") or
        an ordinal ("am 12. Januar", "der 3. Weg")?"""
        word = doc[stop].text[:-1] if doc[stop].text != "." else (
            doc[stop - 1].text if stop and not doc[stop - 1].whitespace_ else "")
        return (word.casefold() in self.abbreviations or (len(word) == 1 and word.isalpha())
                or (word.isdigit() and len(word) <= 2))


def _is_closing_quote(doc: Doc, i: int) -> bool:
    """A quotation mark glued to the word before it closes a quotation."""
    return (i > 0 and doc[i].text in _QUOTES and not doc[i - 1].whitespace_
            and not doc[i - 1].is_space)
