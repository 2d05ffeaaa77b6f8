"""The argument layer's lexicons, loaded once per pipeline from `data/*.yaml`.

Every list is data a user can edit or extend with files of the same format
(`extra_files`): discourse markers, stance cues, reporting verbs, polarity words,
claim cues and the alignments of actors in recurring conflicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import spacy

from argkg.errors import InputError
from argkg.extract.lexicon import CueMatcher, CueSet, fold
from argkg.extract.resources import data_path, read_yaml

LEXICON_FILES = ("discourse_markers.yaml", "stance_cues.yaml", "reporting_verbs.yaml",
                 "polarity.yaml", "claim_cues.yaml", "alignments.yaml")


@dataclass(frozen=True)
class Marker:
    relation: str
    """"support" or "attack"."""
    direction: str
    """premise_follows | conclusion_follows | attacks_previous | premise_precedes."""
    initial: bool


@dataclass(frozen=True)
class Cues:
    markers: CueMatcher
    concessions: CueMatcher
    attack: CueMatcher
    support: CueMatcher
    doubt_openers: CueMatcher
    target_references: CueMatcher
    speech_verbs: CueMatcher
    according_to: CueMatcher
    quote_labels: CueMatcher
    polarity: CueMatcher
    claim: CueMatcher
    premise: CueMatcher
    non_argumentative: CueMatcher
    sides: dict[str, tuple[tuple[str, int], ...]]
    """Folded actor label -> every (conflict name, side +1 or -1) it takes part in."""

    @cached_property
    def unit_cues(self) -> CueSet:
        """What a unit's features look for, in one pass (see claims.features)."""
        return CueSet({name: getattr(self, name) for name in UNIT_LEXICONS})

    @cached_property
    def post_cues(self) -> CueSet:
        """What stance signals look for in a whole post, in one pass."""
        return CueSet({name: getattr(self, name) for name in POST_LEXICONS})

    @cached_property
    def opening_cues(self) -> CueSet:
        """What makes a unit's opening a concession or a contrast, in one pass."""
        return CueSet({"concessions": self.concessions, "markers": self.markers})


UNIT_LEXICONS = ("non_argumentative", "claim", "premise", "markers", "concessions", "attack",
                 "support")
POST_LEXICONS = ("attack", "support", "polarity", "target_references")


@cache
def cues_for(language: str, extra_files: tuple[str, ...] = ()) -> Cues:
    """The lexicons split into words by `language`'s tokenizer, loaded once per process."""
    tokenizer = spacy.blank(language).tokenizer
    return load_cues(lambda word: [t.text for t in tokenizer(word)],
                     [Path(p) for p in extra_files])


def load_cues(split: Callable[[str], list[str]], extra_files: Iterable[Path] = ()) -> Cues:
    """The packaged lexicons, extended by the lists of any `extra_files` with the same keys."""
    data: dict[str, list] = {}
    sources = [data_path(name) for name in LEXICON_FILES] + [Path(p) for p in extra_files]
    for path in sources:
        for key, value in read_yaml(path).items():
            if not isinstance(value, list):
                raise InputError(f"{key!r} must be a list", path=str(path))
            if key == "markers":
                _check_markers(value, path)
            data.setdefault(key, []).extend(value)

    def matcher(key: str, value=lambda entry: True) -> CueMatcher:
        return CueMatcher(((_phrase(e), value(e)) for e in data.get(key, ())), split)

    return Cues(
        markers=matcher("markers", lambda e: Marker(e["relation"], e["direction"],
                                                    e.get("position", "any") == "initial")),
        concessions=matcher("concessions"),
        attack=matcher("attack", _weight),
        support=matcher("support", _weight),
        doubt_openers=matcher("doubt_openers"),
        target_references=matcher("target_references"),
        speech_verbs=CueMatcher(
            ((_phrase(e), "verb") for e in data.get("verbs", []) + data.get("media_verbs", [])),
            split),
        according_to=matcher("according_to"),
        quote_labels=matcher("quote_labels"),
        polarity=CueMatcher([(_phrase(e), _weight(e)) for e in data.get("positive", ())]
                            + [(_phrase(e), -_weight(e)) for e in data.get("negative", ())],
                            split),
        claim=matcher("claim"),
        premise=matcher("premise"),
        non_argumentative=matcher("non_argumentative"),
        sides=_sides(data.get("conflicts", ())),
    )


_DIRECTIONS = ("premise_follows", "conclusion_follows", "attacks_previous", "premise_precedes")


def _check_markers(markers: list, path: Path) -> None:
    for n, entry in enumerate(markers, start=1):
        if not (isinstance(entry, dict) and entry.get("phrase")
                and entry.get("relation") in ("support", "attack")
                and entry.get("direction") in _DIRECTIONS):
            raise InputError(f"markers entry {n}: needs a phrase, a relation (support or "
                             f"attack) and a direction ({', '.join(_DIRECTIONS)})",
                             path=str(path))


def _phrase(entry) -> str:
    if isinstance(entry, str):
        return entry
    return entry.get("phrase") or entry.get("word") or ""


def _weight(entry) -> int:
    return int(entry.get("weight", 1)) if isinstance(entry, dict) else 1


def _sides(conflicts: list) -> dict[str, tuple[tuple[str, int], ...]]:
    sides: dict[str, tuple[tuple[str, int], ...]] = {}
    for conflict in conflicts:
        for side, sign in (("side_a", 1), ("side_b", -1)):
            for label in conflict.get(side, ()):
                sides[fold(label)] = sides.get(fold(label), ()) + ((conflict["name"], sign),)
    return sides
