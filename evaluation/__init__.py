"""`argkg evaluate`: how well a build agrees with a gold reading of the same discussion.

    rdf.py       a build (its RDF) -> Reading        gold.py   gold JSON -> Reading
    amc.py       a microtext argument graph (XML) -> Reading
    reading.py   the Reading both sides share        scores.py the tasks and their counts
    actors.py    actors per post (also on the networkx model, for the gold test)
    text.py, matching.py   how texts, names and items are compared
    report.py    table or JSON
"""

from __future__ import annotations

from pathlib import Path

from argkg.errors import InputError
from argkg.evaluation.amc import read_gold_amc
from argkg.evaluation.gold import read_gold_json
from argkg.evaluation.rdf import read_build
from argkg.evaluation.reading import Reading
from argkg.evaluation.scores import Score, score_all

GOLD_READERS = {".json": read_gold_json, ".xml": read_gold_amc}


def evaluate(build: Path, gold: Path) -> list[Score]:
    """Read the gold first: a wrong gold file is the likelier mistake and the cheaper check."""
    wanted = read_gold(gold)
    return score_all(read_build(build), wanted)


def read_gold(path: Path) -> Reading:
    reader = GOLD_READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"unknown gold file type {path.suffix!r} (gold JSON .json or a "
                         "microtext argument graph .xml)", path=str(path))
    return reader(_read_text(path), str(path))


def _read_text(path: Path) -> str:
    from argkg.extract.decoding import decode

    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(path))
    except OSError as error:
        raise InputError(error.strerror or str(error), path=str(path))
    return decode(data, str(path))
