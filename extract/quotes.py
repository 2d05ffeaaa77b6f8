"""Quotations: a spaCy component that finds quoted passages in a text.

Quoted passages are text between German, French or typewriter quotation marks („…“,
»…«, «…», "…", “…”), or after a label such as "Zitat:" up to the end of the line.
A passage of fewer than `MIN_WORDS` words is a scare quote ("Wissen", "Moral") and no
quotation, unless a label introduces it. Which post a quotation comes from is decided
for the whole discussion (`thread.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from argkg.extract.cues import Cues, cues_for
from argkg.extract.units import doc_text

MIN_WORDS = 3
MAX_CHARS = 800

Doc.set_extension("quotations", default=None, force=True)

_BODY = "{1,%d}" % MAX_CHARS  # noqa: UP031  (braces would clash with the regex's own)
_MARKED = re.compile(
    r"„(?P<a>[^“”\"\n]" + _BODY + r")[“”\"]"
    r"|»(?P<b>[^«\n]" + _BODY + r")«"
    r"|«(?P<c>[^»\n]" + _BODY + r")»"
    r"|“(?P<d>[^”\n]" + _BODY + r")”"
    r"|\"(?P<e>[^\"\n]" + _BODY + r")\""
)
_LABEL_END = re.compile(r"\s*[:\-–]\s*")
_ELLIPSIS = " .…,;"


@dataclass(frozen=True)
class Quotation:
    start: int
    """First token of the quoted words (quotation marks excluded)."""
    end: int
    start_char: int
    end_char: int
    text: str
    labelled: bool
    """Introduced by a label such as "Zitat:"."""


@Language.factory("argkg_quotes", default_config={"extra_cues": []},
                  requires=["doc._.words"])
def make_quote_finder(nlp: Language, name: str, extra_cues: list[str]):
    return QuoteFinder(cues_for(nlp.lang, tuple(extra_cues)))


class QuoteFinder:
    def __init__(self, cues: Cues):
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = [self._quotation(doc, text, m.start(m.lastgroup), m.end(m.lastgroup))
                 for m in _MARKED.finditer(text)]
        found += self._labelled_lines(doc, text, [q for q in found if q])
        doc._.quotations = sorted((q for q in found if q and (
            q.labelled or _word_count(doc, q) >= MIN_WORDS)), key=lambda q: q.start_char)
        return doc

    def _quotation(self, doc: Doc, text: str, start: int, end: int, labelled: bool = False):
        """The passage from `start` to `end`, trimmed of ellipses and spaces at both ends."""
        while start < end and text[start] in _ELLIPSIS:
            start += 1
        while end > start and text[end - 1] in _ELLIPSIS:
            end -= 1
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        labelled = labelled or self._has_label_before(doc, span.start)
        return Quotation(span.start, span.end, start, end, text[start:end], labelled)

    def _has_label_before(self, doc: Doc, token: int) -> bool:
        window = doc._.words[max(0, token - 3):token]
        return any(self.cues.quote_labels.find(window))

    def _labelled_lines(self, doc: Doc, text: str,
                        marked: list[Quotation]) -> list[Quotation | None]:
        """'Zitat: ...' with no quotation marks: the rest of the line is the quotation."""
        quotes = []
        for hit in self.cues.quote_labels.find(doc._.words):
            after = doc[hit.end - 1].idx + len(doc[hit.end - 1].text)
            colon = _LABEL_END.match(text, after)
            if not colon or ":" not in colon.group() and "-" not in colon.group():
                continue
            start = colon.end()
            if any(q.start_char <= start + 1 and start < q.end_char for q in marked):
                continue
            end = text.find("\n", start)
            quotes.append(self._quotation(doc, text, start, len(text) if end < 0 else end, True))
        return quotes


def _word_count(doc: Doc, quotation: Quotation) -> int:
    return sum(1 for t in doc[quotation.start:quotation.end] if t.is_alpha)
