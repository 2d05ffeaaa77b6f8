"""The actor gazetteer: licensed source tables plus curated YAML files plus the user's own.

Knowledge is data: `data/actors/*.csv` (countries, international organisations, US
Congress, each with Wikidata ids from the source itself) and `data/actors/*.yaml`
(curated German names, aliases, abbreviations, dated role descriptions, adjectives and
demonyms). A user file (`--actors my_actors.yaml`) in the same YAML format adds actors or
extends existing ones (`same_as`). See data/actors/README.md for the format.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from argkg.errors import InputError
from argkg.extract.resources import data_path, read_yaml
from argkg.graph.model import ACTOR_TYPES

_QID = re.compile(r"^Q[1-9][0-9]*$")
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_CSV_TYPES = {"Party": "Party"}


@dataclass(frozen=True)
class Role:
    """A description that names the actor only within a period ("Nato-Generalsekretär")."""

    alias: str
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    label: str
    type: str
    qid: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    adjective: str | None = None
    demonyms: tuple[str, ...] = ()
    candidate: bool = False

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every undated name: label, aliases, demonyms (not exact-case forms)."""
        return tuple(dict.fromkeys((self.label, *self.aliases, *self.demonyms)))

    @property
    def adjective_forms(self) -> tuple[str, ...]:
        return tuple(self.adjective + e for e in _ADJECTIVE_ENDINGS) if self.adjective else ()


@dataclass
class Gazetteer:
    """Actors by label, in a deterministic order (sources in a fixed order, then file order)."""

    actors: dict[str, Actor] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.actors)

    def add(self, actor: Actor) -> None:
        known = self.actors.get(actor.label)
        self.actors[actor.label] = _merge(known, actor) if known else actor

    def extend(self, target: str, extension: Actor, source: str) -> None:
        """Merge `extension` into the actor called `target`, relabelling it."""
        known = self.actors.pop(target, None)
        if known is None:
            raise InputError(f"same_as names no known actor: {target!r}", path=source)
        merged = _merge(known, extension)
        if extension.label != known.label:
            merged = replace(merged, aliases=tuple(dict.fromkeys((known.label, *merged.aliases))))
        self.add(replace(merged, label=extension.label, type=extension.type or known.type,
                         qid=known.qid or extension.qid))


def _merge(base: Actor, more: Actor) -> Actor:
    def union(a, b):
        return tuple(dict.fromkeys((*a, *b)))

    return replace(
        base,
        qid=base.qid or more.qid,
        country=base.country or more.country,
        aliases=union(base.aliases, tuple(a for a in more.aliases if a != base.label)),
        exact=union(base.exact, more.exact),
        roles=union(base.roles, more.roles),
        adjective=base.adjective or more.adjective,
        demonyms=union(base.demonyms, more.demonyms),
    )


def load_gazetteer(extra_files: tuple[Path, ...] = (), packaged: bool = True) -> Gazetteer:
    """The packaged tables and curated files, then the user's files, in that order."""
    gazetteer = Gazetteer()
    if packaged:
        folder = data_path("actors")
        for table in sorted(folder.glob("*.csv")):
            _load_table(gazetteer, table)
        for curated in sorted(folder.glob("*.yaml")):
            _load_yaml(gazetteer, curated)
    for path in extra_files:
        _load_yaml(gazetteer, Path(path))
    return gazetteer


def _load_table(gazetteer: Gazetteer, path: Path) -> None:
    """A licensed table: only its German names; English forms would match German words."""
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases = [row.get("name_de_official") or ""]
            if row.get("type") in ("Organization", "Person"):
                aliases += (row.get("aliases") or "").split("|")
            aliases = [a.strip() for a in aliases if a.strip() and a.strip() != row["name"]]
            gazetteer.add(Actor(
                label=row["name"].strip(),
                type=_CSV_TYPES.get(row["type"], row["type"]),
                qid=row["qid"] if _QID.match(row.get("qid") or "") else None,
                country=row.get("country") or None,
                aliases=tuple(a for a in aliases if not _is_short_code(a)),
                exact=tuple(a for a in aliases if _is_short_code(a)),
            ))


def _is_short_code(alias: str) -> bool:
    return len(alias) <= 5 and alias.replace(".", "").isupper()


def _load_yaml(gazetteer: Gazetteer, path: Path) -> None:
    data = read_yaml(path)
    entries = data.get("actors")
    if not isinstance(entries, list):
        raise InputError("expected a list under 'actors:'", path=str(path))
    for number, entry in enumerate(entries, start=1):
        place = f"actors[{number}]"
        actor = _actor_from_yaml(entry, str(path), place)
        if isinstance(entry, dict) and entry.get("same_as"):
            gazetteer.extend(str(entry["same_as"]), actor, f"{path}:{place}")
        else:
            gazetteer.add(actor)


def _actor_from_yaml(entry: object, source: str, place: str) -> Actor:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise InputError("each actor needs a 'name'", path=source, place=place)
    kind = entry.get("type", "Unknown")
    if kind not in ACTOR_TYPES:
        raise InputError(f"unknown type {kind!r} (one of: {', '.join(ACTOR_TYPES)})",
                         path=source, place=place)
    qid = entry.get("qid")
    if qid is not None and not _QID.match(str(qid)):
        raise InputError(f"not a Wikidata id: {qid!r}", path=source, place=place)
    return Actor(
        label=entry["name"].strip(),
        type=kind,
        qid=qid,
        country=entry.get("country"),
        aliases=_strings(entry.get("aliases")),
        exact=_strings(entry.get("exact")),
        roles=tuple(_role(r, source, place) for r in entry.get("roles") or ()),
        adjective=entry.get("adjective"),
        demonyms=_strings(entry.get("demonyms")),
    )


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(v).strip() for v in items if str(v).strip())


def _role(entry: object, source: str, place: str) -> Role:
    if not isinstance(entry, dict) or "alias" not in entry:
        raise InputError("each role needs an 'alias'", path=source, place=place)
    try:
        start, end = (_date(entry.get(k)) for k in ("from", "to"))
    except ValueError as error:
        raise InputError(f"role {entry['alias']!r}: {error}", path=source, place=place)
    return Role(alias=str(entry["alias"]), start=start, end=end)


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
