"""Argumentative units: a spaCy component that cuts a text into units with their offsets.

A unit is a sentence (as the sentence splitter found it) trimmed of white space; pieces
with no letter or digit ("...", ";-)") are no units. Roles come later (`claims.py`).
The component also keeps the text's folded words, the form every lexicon is matched on.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import IS_ALPHA, IS_DIGIT
from spacy.language import Language
from spacy.tokens import Doc

from argkg.extract.lexicon import fold

Doc.set_extension("words", default=None, force=True)
Doc.set_extension("unit_spans", default=None, force=True)
Doc.set_extension("alpha", default=None, force=True)
Doc.set_extension("alnum", default=None, force=True)
_TEXT = "argkg_text"


@dataclass(frozen=True)
class UnitSpan:
    index: int
    start: int
    """First token."""
    end: int
    """Token after the last."""
    start_char: int
    end_char: int


@Language.factory("argkg_units")
def make_unit_splitter(nlp: Language, name: str):
    return UnitSplitter()


class UnitSplitter:
    def __call__(self, doc: Doc) -> Doc:
        doc._.words = [fold(t.text) for t in doc]
        # Per-token flags as plain lists: spaCy makes a new Token object on every doc[i].
        flags = doc.to_array([IS_ALPHA, IS_DIGIT]).reshape(-1, 2).astype(bool)
        doc._.alpha = flags[:, 0].tolist()
        doc._.alnum = (flags[:, 0] | flags[:, 1]).tolist()
        spans = []
        for sentence in doc.sents:
            tokens = [t for t in sentence if not t.is_space]
            if not any(ch.isalnum() for t in tokens for ch in t.text):
                continue
            first, last = tokens[0], tokens[-1]
            spans.append(UnitSpan(len(spans), first.i, last.i + 1, first.idx,
                                  last.idx + len(last.text)))
        doc._.unit_spans = spans
        return doc


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text a Doc was made from, so `doc_text` need not rebuild it."""
    doc.user_data[_TEXT] = text
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy rebuilds from the tokens on every access, kept once per Doc."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def unit_at(spans: list[UnitSpan], token: int) -> int | None:
    """Index of the unit holding `token`, if any. Binary search: components ask this for
    every cue they find."""
    i = bisect_right(spans, token, key=lambda span: span.start) - 1
    return spans[i].index if i >= 0 and token < spans[i].end else None
