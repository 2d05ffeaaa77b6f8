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

# Importing a component's module registers its factory with spaCy.
from argkg.extract import actors as _actors  # noqa: F401
from argkg.extract import attributions as _attributions  # noqa: F401
from argkg.extract import quotes as _quotes  # noqa: F401
from argkg.extract import segment as _segment  # noqa: F401
from argkg.extract import stance as _stance  # noqa: F401
from argkg.extract import structure as _structure  # noqa: F401
from argkg.extract import units as _units  # noqa: F401
from argkg.extract.actors import PostContext
from argkg.extract.units import remember_text

COMPONENTS = ("argkg_sentences", "argkg_actors", "argkg_units", "argkg_quotes",
              "argkg_attributions", "argkg_structure", "argkg_stance")
ARGUMENT_COMPONENTS = COMPONENTS[2:]


def make_pipeline(
    language: str = "de",
    model: str | None = None,
    actor_files: tuple[Path, ...] = (),
    candidates: bool = True,
    cue_files: tuple[Path, ...] = (),
) -> Language:
    """Blank `language` (or an installed `model`) plus argkg's components."""
    nlp = _base(language, model)
    if "argkg_sentences" not in nlp.pipe_names and not nlp.has_pipe("parser"):
        nlp.add_pipe("argkg_sentences")
    nlp.add_pipe("argkg_actors", config={
        "extra_gazetteers": [str(p) for p in actor_files],
        "candidates": candidates,
    })
    nlp.add_pipe("argkg_units")
    for name in ARGUMENT_COMPONENTS[1:]:
        nlp.add_pipe(name, config={"extra_cues": [str(p) for p in cue_files]})
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
            doc = remember_text(nlp.make_doc(text), text)
            doc._.argkg_context = context
            yield doc

    return nlp.pipe(docs())
