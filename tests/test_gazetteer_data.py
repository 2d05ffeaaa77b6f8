"""Checks on the actor gazetteer DATA under extract/data/actors/ (not on the matching code).

Needs only the standard library and PyYAML. What is checked:

* every curated YAML file parses and follows the documented format (README.md in that folder):
  required keys, allowed types, ISO dates in roles with ``from`` <= ``to``, list/str shapes;
* curated ``qid`` values exist in the bundled CSVs (none may be typed from memory);
* ``same_as`` names a CSV row's ``name`` (unique in the CSVs) or another curated entry's name,
  with the same actor type;
* canonical names are unique across the curated files and do not repeat a CSV ``name``;
* surface forms (names, aliases, exact aliases, demonyms, adjectives) are not shared by two
  different actors, except for the few deliberate, documented cases in ``DELIBERATELY_SHARED``;
  collisions among the licensed CSV rows themselves are only reported;
* role aliases may be shared (the date and the discussion's country decide), but not with a plain
  alias of another actor, and one role alias must not name two actors of the same country at once;
* the files load in the order the loader uses (CSVs, then YAML by name; an extension relabels
  its target) without a missing `same_as` target or two actors merged under one label;
* if argkg's match keys are importable: no two actors share a name/alias match key (the
  matcher compares inflection-stripped, case-folded keys, so "Albaner"/"Albanese" collide);
* no lower-case alias is "<nationality adjective> <agent noun>" ("russische Regierung"): the
  actor finder resolves those to the state itself (actor_rules.yaml, state_agent_endings);
* no Event name hides another actor inside it ("Annexion der Krim" would swallow "Krim", since
  the longest match wins); compounds ("Krim-Annexion") are fine;
* at least 900 curated actors; the LICENSES folder names every bundled CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import warnings
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

ACTORS = Path(__file__).resolve().parents[1] / "extract" / "data" / "actors"
CSV_FILES = (
    "countries_de_mledoze_countrycoder.csv",
    "international_orgs_supraverden.csv",
    "us_congress_current_and_executive.csv",
)
TYPES = {"Person", "Organization", "Party", "State", "Region", "City", "Group", "Media",
         "Institution", "Artifact", "Event"}
KEYS = {"name", "type", "qid", "country", "aliases", "exact", "roles", "adjective", "demonyms",
        "same_as"}
ROLE_KEYS = {"alias", "from", "to"}
QID = re.compile(r"^Q[1-9][0-9]*$")
# ISO 3166-1 alpha-2, plus the two codes the bundled CSVs use outside the standard list
# (EU: exceptionally reserved; XK: Kosovo, user-assigned).
COUNTRY = re.compile(r"^[A-Z]{2}$")
MIN_CURATED = 900

# Surface forms that deliberately name more than one actor: the discussion's country (site,
# article) has to decide. Keyed by the case-folded form.
DELIBERATELY_SHARED = {
    # Bare forms shared by actors of different countries (FDP, Grüne, Bundesrat, Nationalrat,
    # Bundesversammlung) are given to one actor only, because the matcher has no country
    # context yet; this one cannot be avoided: the CSV already has it.
    "eda": "Swiss foreign ministry (everyday word in Swiss press) vs European Defence Agency (CSV)",
}

# Ordinary German words (case-folded) that must never be a case-insensitive alias or a name:
# they would match running text. Such forms may only appear in `exact` (capitalised) or as part
# of a longer alias.
STOPWORDS = {
    "grüne", "grünen", "linke", "linken", "die linken", "die grünen", "union",
    "mitte", "die mitte", "rat", "kommission", "regierung", "partei", "parlament",
    "osten", "staaten", "die staaten", "bund", "land", "reich", "das reich", "kanzler", "präsident",
    "minister", "ministerium", "armee", "militär", "kirche", "zeit", "die zeit", "welt",
    "die welt", "stern", "spiegel", "der spiegel", "focus", "presse", "die presse", "bild",
    "standard", "der standard", "freitag", "kurier", "express", "heute", "merkur", "zukunft",
    "alternative", "freiheit", "heimat", "vaterland", "volk", "demokraten", "republik",
    "föderation", "gericht", "bank", "bahn", "post", "mann", "frau", "kurz", "wolf", "fischer",
    "schmidt", "müller", "weber", "wagner", "koch", "braun", "roth", "lange", "klein", "könig",
    "kaiser", "krone", "papst", "zar", "general", "ost", "west",
    "sonne", "neue", "stimme", "morgen", "abend", "woche", "junge", "leben", "tag",
}


# --------------------------------------------------------------------------------------------
# loading


def _read_csvs() -> dict[str, list[dict]]:
    rows = {}
    for name in CSV_FILES:
        with open(ACTORS / name, encoding="utf-8", newline="") as handle:
            rows[name] = list(csv.DictReader(handle))
    return rows


def _yaml_files() -> list[Path]:
    return sorted(ACTORS.glob("*.yaml"))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _load(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


CSV_ROWS = _read_csvs()
CSV_BY_NAME: dict[str, list[tuple[str, dict]]] = defaultdict(list)
CSV_BY_QID: dict[str, tuple[str, dict]] = {}
for _file, _rows in CSV_ROWS.items():
    for _row in _rows:
        CSV_BY_NAME[_row["name"]].append((_file, _row))
        CSV_BY_QID.setdefault(_row["qid"], (_file, _row))


@cache
def _entries() -> list[tuple[str, int, dict]]:
    """(file name, index, entry) for every curated entry in every YAML file."""
    out = []
    for path in _yaml_files():
        content = _load(path)
        for index, entry in enumerate(content.get("actors") or []):
            out.append((path.name, index, entry))
    return out


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _as_date(value):
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _where(file: str, index: int, entry) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    return f"{file}#{index} ({name!r})"


# --------------------------------------------------------------------------------------------
# format


def test_there_are_curated_files():
    names = [path.name for path in _yaml_files()]
    assert len(names) >= 5, names


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: p.name)
def test_file_format(path: Path):
    content = _load(path)
    assert isinstance(content, dict), f"{path.name}: top level must be a mapping"
    assert set(content) <= {"version", "actors"}, f"{path.name}: unknown keys {set(content)}"
    assert content.get("version") == 1, f"{path.name}: version must be 1"
    actors = content.get("actors")
    assert isinstance(actors, list) and actors, f"{path.name}: 'actors' must be a non-empty list"
    problems = []
    for index, entry in enumerate(actors):
        problems += _entry_problems(path.name, index, entry)
    assert not problems, "\n".join(problems)


def _str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() == v and v
                                           for v in value)


def _entry_problems(file: str, index: int, entry) -> list[str]:
    where = _where(file, index, entry)
    if not isinstance(entry, dict):
        return [f"{where}: entry must be a mapping"]
    out = []
    unknown = set(entry) - KEYS
    if unknown:
        out.append(f"{where}: unknown keys {sorted(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or name.strip() != name:
        out.append(f"{where}: 'name' must be a non-empty string without outer spaces")
    if entry.get("type") not in TYPES:
        out.append(f"{where}: 'type' must be one of {sorted(TYPES)}, got {entry.get('type')!r}")
    if "qid" in entry and not (isinstance(entry["qid"], str) and QID.match(entry["qid"])):
        out.append(f"{where}: bad qid {entry['qid']!r}")
    if "country" in entry and not (isinstance(entry["country"], str)
                                   and COUNTRY.match(entry["country"])):
        out.append(f"{where}: country must be ISO 3166-1 alpha-2 (quote NO), got "
                   f"{entry['country']!r}")
    for key in ("aliases", "exact", "demonyms"):
        if key in entry and not _str_list(entry[key]):
            out.append(f"{where}: '{key}' must be a list of non-empty strings "
                       f"(YAML may have turned one into a number, bool or date)")
    if "same_as" in entry and not (isinstance(entry["same_as"], str) and entry["same_as"]):
        out.append(f"{where}: 'same_as' must be a non-empty string")
    if "adjective" in entry:
        adjective = entry["adjective"]
        if not (isinstance(adjective, str) and re.fullmatch(r"[a-zäöüß-]+", adjective)):
            out.append(f"{where}: adjective must be a lowercase stem, got {adjective!r}")
        elif adjective.endswith("e"):
            out.append(f"{where}: adjective must be the stem without ending: {adjective!r}")
        if entry.get("type") not in {"State", "Region"}:
            out.append(f"{where}: adjective only for State/Region")
    if "demonyms" in entry and entry.get("type") not in {"State", "Region"}:
        out.append(f"{where}: demonyms only for State/Region")
    if "roles" in entry:
        roles = entry["roles"]
        if not isinstance(roles, list) or not roles:
            out.append(f"{where}: 'roles' must be a non-empty list")
            roles = []
        for role in roles:
            if not isinstance(role, dict) or set(role) - ROLE_KEYS or "alias" not in role:
                out.append(f"{where}: role {role!r} must be {{alias, from?, to?}}")
                continue
            if not isinstance(role["alias"], str) or not role["alias"].strip():
                out.append(f"{where}: role alias must be a string: {role!r}")
            if "from" not in role and "to" not in role:
                out.append(f"{where}: role {role['alias']!r} needs 'from' and/or 'to'")
            dates = {}
            for key in ("from", "to"):
                if key in role:
                    dates[key] = _as_date(role[key])
                    if dates[key] is None:
                        out.append(f"{where}: role {role['alias']!r}: '{key}' is not an ISO "
                                   f"date: {role[key]!r}")
            if dates.get("from") and dates.get("to") and dates["from"] > dates["to"]:
                out.append(f"{where}: role {role['alias']!r}: from {dates['from']} > to "
                           f"{dates['to']}")
    # duplicated surface forms inside one entry (names repeated as aliases are noise)
    seen = {}
    forms = [name] if isinstance(name, str) else []
    for key in ("aliases", "demonyms"):
        forms += [f for f in entry.get(key) or [] if isinstance(f, str)]
    for form in forms:  # lower(), not casefold(): ß/ss spelling variants are deliberate
        key = " ".join(form.lower().split())
        if key in seen:
            out.append(f"{where}: surface form {form!r} repeated (also {seen[key]!r})")
        seen[key] = form
    exact = [f for f in entry.get("exact") or [] if isinstance(f, str)]
    if len(set(exact)) != len(exact):
        out.append(f"{where}: repeated exact alias")
    # hygiene of case-insensitive forms
    for form in forms:
        if not isinstance(form, str):
            continue
        if len(form) <= 3 and form != name:
            out.append(f"{where}: short form {form!r} must go into 'exact'")
        if _fold(form) in STOPWORDS:
            out.append(f"{where}: {form!r} is an ordinary word; use 'exact' or a longer alias")
    return out


# --------------------------------------------------------------------------------------------
# references


def test_qids_come_from_the_bundled_csvs():
    bad = []
    for file, index, entry in _entries():
        qid = entry.get("qid")
        if qid is None:
            continue
        if qid not in CSV_BY_QID:
            bad.append(f"{_where(file, index, entry)}: qid {qid} is in none of the bundled CSVs")
            continue
        target = entry.get("same_as")
        if target is not None:
            rows = CSV_BY_NAME.get(target, [])
            if not any(row["qid"] == qid for _, row in rows):
                bad.append(f"{_where(file, index, entry)}: qid {qid} is not the qid of "
                           f"same_as {target!r}")
    assert not bad, "\n".join(bad)


def _curated_primary() -> dict[str, tuple[str, int, dict]]:
    return {e["name"]: (f, i, e) for f, i, e in _entries() if "same_as" not in e}


def test_same_as_targets_exist():
    primary = _curated_primary()
    bad = []
    for file, index, entry in _entries():
        target = entry.get("same_as")
        if target is None:
            continue
        where = _where(file, index, entry)
        csv_hits = CSV_BY_NAME.get(target, [])
        if len(csv_hits) > 1:
            bad.append(f"{where}: same_as {target!r} is ambiguous in the CSVs")
        elif csv_hits:
            if target in primary:
                bad.append(f"{where}: same_as {target!r} is both a CSV row and a curated name")
            csv_type = csv_hits[0][1]["type"]
            if entry.get("type") != csv_type:
                bad.append(f"{where}: type {entry.get('type')} differs from CSV type {csv_type}")
        elif target in primary:
            if primary[target][2].get("type") != entry.get("type"):
                bad.append(f"{where}: type differs from same_as target {target!r}")
        else:
            bad.append(f"{where}: same_as {target!r} names no CSV row and no curated entry")
    assert not bad, "\n".join(bad)


def test_canonical_names_are_unique():
    seen: dict[str, str] = {}
    bad = []
    for file, index, entry in _entries():
        if "same_as" in entry:
            continue
        where = _where(file, index, entry)
        key = _fold(entry["name"])
        if key in seen:
            bad.append(f"{where}: name also used by {seen[key]}")
        seen[key] = where
        if entry["name"] in CSV_BY_NAME:
            bad.append(f"{where}: name is a CSV row; extend it with same_as instead")
    assert not bad, "\n".join(bad)


def test_enough_curated_entries():
    primary = [e for _, _, e in _entries() if "same_as" not in e]
    assert len(primary) >= MIN_CURATED, f"only {len(primary)} curated actors"


# --------------------------------------------------------------------------------------------
# collisions


def _entity_key(entry) -> tuple:
    """The actor an entry contributes to: a CSV row (via same_as or qid) or a curated name."""
    target = entry.get("same_as")
    if target is not None:
        if target in CSV_BY_NAME:
            file, row = CSV_BY_NAME[target][0]
            return ("csv", row["qid"])
        return ("curated", target)
    if entry.get("qid") in CSV_BY_QID:
        return ("csv", entry["qid"])
    return ("curated", entry["name"])


@cache
def _surface_index():
    """folded form -> {entity: [(origin, form, exact?)]} for names, aliases, demonyms, exact."""
    index: dict[str, dict[tuple, list]] = defaultdict(lambda: defaultdict(list))
    for file, rows in CSV_ROWS.items():
        for row in rows:
            key = ("csv", row["qid"])
            forms = [row["name"]] + [a for a in row["aliases"].split("|") if a]
            for form in forms:
                index[_fold(form)][key].append((f"csv:{file}", form, False))
    for file, number, entry in _entries():
        key = _entity_key(entry)
        origin = _where(file, number, entry)
        forms = [entry["name"]] + list(entry.get("aliases") or []) + list(
            entry.get("demonyms") or [])
        for form in forms:
            index[_fold(form)][key].append((origin, form, False))
        for form in entry.get("exact") or []:
            index[_fold(form)][key].append((origin, form, True))
    return index


def _clash(a: list, b: list) -> bool:
    """Do two actors' uses of one folded form actually match the same text?"""
    for _, form_a, exact_a in a:
        for _, form_b, exact_b in b:
            if not (exact_a and exact_b) or form_a == form_b:
                return True
    return False


def test_no_alias_names_two_actors():
    bad, csv_only = [], []
    for folded, by_entity in _surface_index().items():
        if len(by_entity) < 2:
            continue
        entities = list(by_entity)
        for i, first in enumerate(entities):
            for second in entities[i + 1:]:
                if not _clash(by_entity[first], by_entity[second]):
                    continue
                uses = by_entity[first] + by_entity[second]
                line = f"{folded!r}: " + "; ".join(f"{o} {f!r}" for o, f, _ in uses)
                if all(o.startswith("csv:") for o, _, _ in uses):
                    csv_only.append(line)
                elif folded not in DELIBERATELY_SHARED:
                    bad.append(line)
    if csv_only:
        warnings.warn("collisions inside the licensed CSVs (not curated, reported only):\n"
                      + "\n".join(sorted(csv_only)[:40]), stacklevel=1)
    assert not bad, "aliases naming two different actors:\n" + "\n".join(sorted(bad))


def test_match_keys_name_one_actor():
    """The matcher compares inflection-stripped keys, not strings: check collisions on those."""
    normalize = pytest.importorskip("argkg.extract.normalize")
    index: dict[str, dict[tuple, list]] = defaultdict(lambda: defaultdict(list))

    def key(form: str) -> str:
        return " ".join(normalize.match_key(word) for word in form.split())

    for file, number, entry in _entries():
        forms = [entry["name"]] + list(entry.get("aliases") or []) + list(
            entry.get("demonyms") or [])
        for form in forms:
            index[key(form)][_entity_key(entry)].append(f"{_where(file, number, entry)} {form!r}")
    for file, rows in CSV_ROWS.items():
        for row in rows:
            forms = [row["name"], row.get("name_de_official") or ""]
            if row["type"] in ("Organization", "Person"):  # the loader skips English country names
                forms += [a for a in row["aliases"].split("|")
                          if not (len(a) <= 5 and a.replace(".", "").isupper())]
            for form in filter(None, forms):
                index[key(form)][("csv", row["qid"])].append(f"csv:{file} {form!r}")
    bad = []
    for folded, by_entity in index.items():
        uses = [u for us in by_entity.values() for u in us]
        if (len(by_entity) > 1 and folded not in DELIBERATELY_SHARED
                and not all(u.startswith("csv:") for u in uses)):
            bad.append(f"{folded!r}: " + "; ".join(uses))
    assert not bad, "match keys naming two different actors:\n" + "\n".join(sorted(bad))


def test_files_load_in_loader_order():
    """Simulate the loader: CSVs, then YAML files by name; `same_as` relabels its target."""
    labels: dict[str, tuple] = {}  # current label -> actor identity
    for file in CSV_FILES:
        for row in CSV_ROWS[file]:
            labels[row["name"].strip()] = ("csv", file, row["qid"], row["name"])
    bad = []
    for path in _yaml_files():
        for number, entry in enumerate(_load(path).get("actors") or []):
            where = _where(path.name, number, entry)
            target = entry.get("same_as")
            if target is None:
                if entry["name"] in labels:
                    bad.append(f"{where}: label already taken, the loader would merge the two")
                labels[entry["name"]] = ("curated", entry["name"])
                continue
            if target not in labels:
                bad.append(f"{where}: same_as {target!r} is not loaded yet (or was relabelled "
                           f"by an earlier extension)")
                continue
            identity = labels.pop(target)
            if labels.get(entry["name"], identity) != identity:
                bad.append(f"{where}: new label {entry['name']!r} belongs to another actor")
            labels[entry["name"]] = identity
    assert not bad, "\n".join(bad)


def _agent_endings() -> tuple[str, ...]:
    rules = ACTORS.parent / "actor_rules.yaml"
    if not rules.exists():
        return ()
    return tuple(_load(rules).get("state_agent_endings") or ())


def test_no_adjective_agent_phrases_as_aliases():
    """ "russische Regierung" names Russland by rule; as an alias it would name another actor."""
    endings = _agent_endings()
    if not endings:
        pytest.skip("no actor_rules.yaml with state_agent_endings")
    stems = {e["adjective"] for _, _, e in _entries() if e.get("adjective")}
    adjective_forms = {stem + end for stem in stems for end in ("", "e", "en", "er", "es", "em")}
    bad = []
    for file, number, entry in _entries():
        for form in [entry["name"]] + list(entry.get("aliases") or []):
            words = form.split()
            # Capitalised forms ("Europäisches Parlament") only match capitalised text, i.e.
            # proper names; the rule is about running text ("die russische Regierung").
            if (len(words) >= 2 and words[0][:1].islower()
                    and words[0].casefold() in adjective_forms
                    and words[-1].casefold().endswith(endings)):
                bad.append(f"{_where(file, number, entry)}: {form!r}")
    assert not bad, "adjective + agent noun, resolved to the state by rule:\n" + "\n".join(bad)


# Event forms whose embedded word is a place adjective ("Prager", "Berliner" share the match key
# of the capitals that stand for their states), not a mention of the state.
EVENT_HIDES_OK = {"Prager Frühling", "Fall der Berliner Mauer"}


def test_event_names_do_not_hide_other_actors():
    """Longest match wins: an Event form containing another actor's name hides that actor."""
    normalize = pytest.importorskip("argkg.extract.normalize")

    def keys(form: str) -> tuple[str, ...]:
        return tuple(normalize.match_key(word) for word in form.split())

    others: dict[tuple[str, ...], set] = defaultdict(set)
    for _, _, entry in _entries():
        for form in [entry["name"]] + list(entry.get("aliases") or []) + list(
                entry.get("demonyms") or []):
            others[keys(form)].add(_entity_key(entry))
    for rows in CSV_ROWS.values():
        for row in rows:
            for form in filter(None, [row["name"], row.get("name_de_official")]):
                others[keys(form)].add(("csv", row["qid"]))
    bad = []
    for file, number, entry in _entries():
        if entry.get("type") != "Event":
            continue
        me = _entity_key(entry)
        for form in [entry["name"]] + list(entry.get("aliases") or []):
            if form in EVENT_HIDES_OK:
                continue
            sequence = keys(form)
            for size in range(1, len(sequence)):
                for start in range(len(sequence) - size + 1):
                    hidden = others.get(sequence[start:start + size], set()) - {me}
                    if hidden:
                        bad.append(f"{_where(file, number, entry)}: {form!r} hides {hidden}")
    assert not bad, "\n".join(bad)


def test_deliberately_shared_forms_are_still_shared():
    index = _surface_index()
    stale = [form for form in DELIBERATELY_SHARED if len(index.get(form, {})) < 2]
    assert not stale, f"no longer shared, drop from DELIBERATELY_SHARED: {stale}"


def test_adjectives_are_unique():
    seen: dict[str, tuple] = {}
    bad = []
    for file, index, entry in _entries():
        adjective = entry.get("adjective")
        if adjective is None:
            continue
        key = _entity_key(entry)
        if adjective in seen and seen[adjective] != key:
            bad.append(f"{_where(file, index, entry)}: adjective {adjective!r} also on "
                       f"{seen[adjective]}")
        seen[adjective] = key
    assert not bad, "\n".join(bad)


def _roles():
    out = []
    for file, index, entry in _entries():
        key = _entity_key(entry)
        for role in entry.get("roles") or []:
            start = _as_date(role.get("from")) or dt.date.min
            end = _as_date(role.get("to")) or dt.date.max
            out.append((_fold(role["alias"]), key, entry.get("country"), start, end,
                        _where(file, index, entry)))
    return out


def test_role_aliases_are_not_plain_aliases_of_others():
    index = _surface_index()
    bad = []
    for folded, key, _, _, _, where in _roles():
        others = [k for k in index.get(folded, {}) if k != key]
        if others:
            bad.append(f"{where}: role alias {folded!r} is a plain alias of {others}")
    assert not bad, "\n".join(bad)


def test_role_periods_do_not_overlap_within_a_country():
    """One role alias names one holder per country at a time (a shared hand-over day is fine)."""
    by_alias = defaultdict(list)
    for role in _roles():
        by_alias[role[0]].append(role)
    bad, across = [], []
    for alias, roles in by_alias.items():
        for i, a in enumerate(roles):
            for b in roles[i + 1:]:
                if a[1] == b[1]:
                    continue
                overlap = min(a[4], b[4]) > max(a[3], b[3])
                if not overlap:
                    continue
                line = f"{alias!r}: {a[5]} {a[3]}..{a[4]} / {b[5]} {b[3]}..{b[4]}"
                if a[2] and a[2] == b[2]:
                    bad.append(line)
                else:
                    across.append(line)
    if across:
        warnings.warn("role aliases shared across countries (the discussion's country decides):"
                      f" {len(across)} pairs, e.g.\n" + "\n".join(sorted(across)[:10]),
                      stacklevel=1)
    assert not bad, "\n".join(bad)


# --------------------------------------------------------------------------------------------
# licences and bundled tables


def test_csvs_are_present_and_have_the_common_columns():
    for name, rows in CSV_ROWS.items():
        assert rows, name
        assert {"qid", "name", "type", "country", "aliases", "source"} <= set(rows[0]), name
        assert all(QID.match(row["qid"]) for row in rows), name


def test_licenses_name_every_csv():
    folder = ACTORS / "LICENSES"
    texts = [p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()]
    assert texts, "LICENSES folder is empty"
    for name in CSV_FILES:
        assert any(name in text for text in texts), f"no licence file names {name}"
    joined = "\n".join(texts)
    for needle in ("ODbL", "ISC", "CC BY-SA 4.0", "CC0 1.0"):
        assert needle in joined, f"licence {needle} not mentioned"


def test_readme_documents_the_format():
    text = (ACTORS / "README.md").read_text(encoding="utf-8")
    for needle in ("same_as", "exact", "roles", "--actors"):
        assert needle in text
