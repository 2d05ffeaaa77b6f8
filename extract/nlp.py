"""The spaCy pipeline: a blank German pipeline plus argkg's own components.

Nothing is downloaded: the default is `spacy.blank("de")` with our sentence splitter and
actor finder (gazetteer data and HanTa's bundled model). A user's installed
`de_core_news_*` model can stand in for the blank tokenizer with `model=`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from argkg.errors import ArgkgError
from argkg.extract import actors as _actors  # noqa: F401  (registers argkg_actors)
from argkg.extract import segment as _segment  # noqa: F401  (registers argkg_sentences)
from argkg.extract.actors import PostContext

COMPONENTS = ("argkg_sentences", "argkg_actors")


def make_pipeline(
    language: str = "de",
    model: str | None = None,
    actor_files: tuple[Path, ...] = (),
    candidates: bool = True,
) -> Language:
    """Blank `language` (or an installed `model`) plus argkg's components."""
    nlp = _base(language, model)
    if "argkg_sentences" not in nlp.pipe_names and not nlp.has_pipe("parser"):
        nlp.add_pipe("argkg_sentences")
    nlp.add_pipe("argkg_actors", config={
        "extra_gazetteers": [str(p) for p in actor_files],
        "candidates": candidates,
    })
    return nlp


def _base(language: str, model: str | None) -> Language:
    if model is None:
        try:
            return spacy.blank(language)
        except ImportError as error:
            raise ArgkgError(f"spaCy has no language {language!r}: {error}")
    try:
        return spacy.load(model, exclude=["ner", "lemmatizer"])
    except OSError:
        raise ArgkgError(
            f"spaCy model {model!r} is not installed; argkg needs none (leave out --model)")


def process(nlp: Language, items: Iterable[tuple[str, PostContext]]) -> Iterator[Doc]:
    """Docs for (text, context) pairs, contexts attached before the components run."""
    def docs():
        for text, context in items:
            doc = nlp.make_doc(text)
            doc._.argkg_context = context
            yield doc

    return nlp.pipe(docs())
