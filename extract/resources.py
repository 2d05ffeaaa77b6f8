"""Packaged data files (gazetteers, lexicons, page rules): located and parsed in one place."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

from argkg.errors import InputError

try:  # the C loader is several times faster on large gazetteers
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def data_path(*parts: str) -> Path:
    return Path(str(files("argkg.extract").joinpath("data", *parts)))


def read_yaml(path: Path) -> dict:
    """A YAML mapping from a user's or a packaged file; errors name the file and line."""
    from argkg.extract.decoding import decode

    try:
        text = decode(Path(path).read_bytes(), str(path))
        content = yaml.load(text, Loader=_Loader)
    except OSError as error:
        raise InputError(error.strerror or str(error), path=str(path))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        place = f"line {mark.line + 1}" if mark else None
        raise InputError(f"not valid YAML: {error.problem}", path=str(path), place=place)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(f"not valid YAML: {error}", path=str(path))
    if not isinstance(content, dict):
        raise InputError("expected a YAML mapping at the top level", path=str(path))
    return content


@cache
def packaged_yaml(name: str) -> dict:
    """A packaged data file by name, parsed once per process (read-only by convention)."""
    return read_yaml(data_path(name))
