"""Checks on the cue lexicons under extract/data/ (the DATA, not the matching code).

Needs only the standard library and PyYAML. The five files are read with ``yaml.safe_load``:
discourse_markers.yaml, stance_cues.yaml, reporting_verbs.yaml, polarity.yaml, claim_cues.yaml.

What is checked:

* every file starts with a comment block that documents the format, how to extend it, and
  the licence (CC0);
* the top-level keys are exactly the documented ones, with the documented types;
* every phrase is a non-empty, lower-case, single-spaced string; ``*`` only ends a single word
  whose stem has at least 4 letters; the gap token ``…`` only stands between two words;
  punctuation only inside words ("z.b.", "wer's", "o-ton") or as a whole symbolic cue
  (";-)", "+1", "%", emoji);
* no duplicates inside a list, and the lists that must be disjoint are disjoint;
* weights are integers 1..3; discourse relations fit their directions; list sizes stay in
  the documented ranges;
* cues cannot fire against each other: no support cue matches inside an attack cue (or the
  other way round), no stance cue and no polarity entry matches inside another entry of the
  same list, no polarity stem matches an entry of the other polarity;
* polarity stems do not open known unrelated words ("barbar*" -> Barbara, "stur*" -> Sturm).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parents[1] / "extract" / "data"
FILES = ("discourse_markers.yaml", "stance_cues.yaml", "reporting_verbs.yaml",
         "polarity.yaml", "claim_cues.yaml")
GAP = "…"
MAX_GAP = 4

# A word token: letters/digits, optionally joined by an apostrophe, hyphen or full stop
# ("wer's", "o-ton", "z.b."), optionally ending in a full stop ("vgl.") or a prefix star.
WORD = re.compile(r"[a-zäöüßàâçéèêëîïôûùñ0-9]+(?:['.\-][a-zäöüßàâçéèêëîïôûùñ0-9]+)*\.?\*?")
# Whole-token symbolic cues: emoticons, "+1", "100%", "%".
SYMBOL = re.compile(r"[:;=]-?[()\[\]dpo/|]|\+\d+|\d*%")


@cache
def load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def is_symbol(token: str) -> bool:
    if SYMBOL.fullmatch(token):
        return True
    return all(unicodedata.category(ch) in ("So", "Sk") or ch == "\ufe0f" for ch in token)


def phrase_problems(phrase) -> list[str]:
    """Why `phrase` breaks the documented cue syntax (empty list: it is fine)."""
    if not isinstance(phrase, str):
        return [f"not a string: {phrase!r}"]
    problems = []
    if not phrase.strip():
        return ["empty phrase"]
    if phrase != phrase.strip() or "  " in phrase or "\t" in phrase or "\n" in phrase:
        problems.append("stray whitespace")
    if phrase != phrase.lower():
        problems.append("not lower-case")
    if "..." in phrase:
        problems.append("three dots: write the gap token … (U+2026)")
    tokens = phrase.split(" ")
    for i, tok in enumerate(tokens):
        if tok == GAP:
            if i == 0 or i == len(tokens) - 1:
                problems.append("gap … at the start or end")
            elif tokens[i - 1] == GAP:
                problems.append("two gaps in a row")
            continue
        if GAP in tok:
            problems.append(f"gap … glued to a word: {tok!r}")
            continue
        if "*" in tok:
            if len(tokens) != 1:
                problems.append("* in a multi-word phrase")
            if not tok.endswith("*") or tok.count("*") != 1:
                problems.append("* not at the end of the word")
            stem = tok.rstrip("*")
            if sum(ch.isalpha() for ch in stem) < 4:
                problems.append(f"prefix stem shorter than 4 letters: {tok!r}")
        if not (WORD.fullmatch(tok) or is_symbol(tok)):
            problems.append(f"unexpected characters in {tok!r}")
    return problems


def pattern(phrase: str) -> re.Pattern:
    """The cue as a regex over space-separated lower-case words (the documented semantics)."""
    parts = []
    for tok in phrase.split(" "):
        if tok == GAP:
            parts.append(None)
        elif tok.endswith("*"):
            parts.append(re.escape(tok[:-1]) + r"\S*")
        else:
            parts.append(re.escape(tok))
    rx = ""
    for i, part in enumerate(parts):
        if part is None:
            rx += rf"(?:\S+ ){{0,{MAX_GAP}}}"
            continue
        rx += part if i == 0 or parts[i - 1] is None else " " + part
        if i + 1 < len(parts) and parts[i + 1] is None:
            rx += " "
    return re.compile(r"(?<!\S)" + rx + r"(?!\S)")


def sample(phrase: str) -> str:
    """The shortest text the cue matches: stars dropped, gaps empty."""
    return " ".join(t.rstrip("*") for t in phrase.split(" ") if t != GAP)


def inside(cues: list[str], texts: list[str]) -> list[tuple[str, str]]:
    """Pairs (cue, text) where cue fires inside the sample of a different text."""
    compiled = [(c, pattern(c)) for c in cues]
    hits = []
    for text in texts:
        s = sample(text)
        hits += [(c, text) for c, rx in compiled if c != text and rx.search(s)]
    return hits


def duplicates(items) -> list:
    seen, dup = set(), []
    for x in items:
        if x in seen:
            dup.append(x)
        seen.add(x)
    return dup


def string_list(value, where: str) -> list[str]:
    assert isinstance(value, list) and value, f"{where}: must be a non-empty list"
    bad = {str(p): phrase_problems(p) for p in value if phrase_problems(p)}
    assert not bad, f"{where}: {bad}"
    assert not duplicates(value), f"{where}: duplicates {duplicates(value)}"
    return value


def weighted(entries, key: str, where: str, optional=frozenset()) -> dict[str, int]:
    assert isinstance(entries, list) and entries, f"{where}: must be a non-empty list"
    out: dict[str, int] = {}
    for e in entries:
        assert isinstance(e, dict), f"{where}: entry is not a mapping: {e!r}"
        assert {key, "weight"} <= set(e), f"{where}: missing keys in {e!r}"
        assert set(e) <= {key, "weight"} | set(optional), f"{where}: unknown keys in {e!r}"
        phrase, weight = e[key], e["weight"]
        assert not phrase_problems(phrase), f"{where}: {phrase!r}: {phrase_problems(phrase)}"
        assert type(weight) is int and 1 <= weight <= 3, f"{where}: {phrase!r} weight {weight!r}"
        assert phrase not in out, f"{where}: duplicate {phrase!r}"
        out[phrase] = weight
    return out


def at_least(n: int, lo: int, where: str) -> None:
    """Lexicons grow as users extend them; only a lexicon that shrank is suspicious."""
    assert n >= lo, f"{where}: {n} entries, expected at least {lo}"


# --- all files ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
def test_header_documents_format_extension_and_licence(name):
    text = (DATA / name).read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    assert len(header) >= 8, f"{name}: needs a comment block at the top"
    block = "\n".join(header).lower()
    assert "cc0" in block, f"{name}: licence note (CC0) missing"
    assert "extend" in block, f"{name}: no note on how to extend the file"
    assert "format" in block, f"{name}: format not explained"


@pytest.mark.parametrize("name", FILES)
def test_file_is_a_mapping(name):
    assert isinstance(load(name), dict), f"{name}: top level must be a mapping"


# --- discourse_markers.yaml -------------------------------------------------------------------

DIRECTIONS = {
    "premise_follows": "support",
    "conclusion_follows": "support",
    "premise_precedes": "support",
    "attacks_previous": "attack",
}


def test_discourse_markers_format():
    data = load("discourse_markers.yaml")
    assert set(data) == {"markers", "concessions"}
    markers = data["markers"]
    assert isinstance(markers, list)
    at_least(len(markers), 30, "markers")
    keys = {"phrase", "relation", "direction", "position"}
    for m in markers:
        assert isinstance(m, dict) and set(m) == keys, f"bad marker {m!r}"
        assert not phrase_problems(m["phrase"]), (m, phrase_problems(m["phrase"]))
        assert m["direction"] in DIRECTIONS, m
        assert m["relation"] == DIRECTIONS[m["direction"]], f"relation/direction mismatch {m!r}"
        assert m["position"] in ("initial", "any"), m
    phrases = [m["phrase"] for m in markers]
    assert not duplicates(phrases), duplicates(phrases)


def test_discourse_markers_cover_every_direction():
    counts = {d: 0 for d in DIRECTIONS}
    for m in load("discourse_markers.yaml")["markers"]:
        counts[m["direction"]] += 1
    assert counts["premise_follows"] >= 8
    assert counts["conclusion_follows"] >= 8
    assert counts["attacks_previous"] >= 8
    assert counts["premise_precedes"] >= 1


def test_ambiguous_markers_are_initial_only():
    # particles/adverbs that are connectives only at the start of a clause
    by_phrase = {m["phrase"]: m for m in load("discourse_markers.yaml")["markers"]}
    for word in ("da", "doch", "nur", "weil", "denn", "sondern", "darum", "etwa", "dagegen"):
        if word in by_phrase:
            assert by_phrase[word]["position"] == "initial", word
    for word, direction in (("weil", "premise_follows"), ("deshalb", "conclusion_follows"),
                            ("aber", "attacks_previous")):
        assert by_phrase[word]["direction"] == direction, word


def test_concessions():
    data = load("discourse_markers.yaml")
    concessions = string_list(data["concessions"], "concessions")
    at_least(len(concessions), 10, "concessions")
    assert "zwar" in concessions
    markers = {m["phrase"] for m in data["markers"]}
    assert not markers & set(concessions), markers & set(concessions)


# --- stance_cues.yaml -------------------------------------------------------------------------

def stance():
    data = load("stance_cues.yaml")
    attack = weighted(data["attack"], "phrase", "attack", optional={"addressed"})
    support = weighted(data["support"], "phrase", "support", optional={"addressed"})
    return data, attack, support


def test_stance_cues_format():
    data, attack, support = stance()
    assert set(data) == {"attack", "support", "doubt_openers", "target_references"}
    at_least(len(attack), 60, "attack")
    at_least(len(support), 40, "support")
    for e in data["attack"] + data["support"]:
        if "addressed" in e:
            assert isinstance(e["addressed"], bool), e
    at_least(len(string_list(data["doubt_openers"], "doubt_openers")), 10, "doubt_openers")
    at_least(len(string_list(data["target_references"], "target_references")), 15,
             "target_references")
    for weights in (attack, support):
        assert sum(w == 3 for w in weights.values()) >= 10, "too few unmistakable cues"
        assert sum(w < 3 for w in weights.values()) >= 10, "weights look inflated"


def test_stance_lists_are_disjoint_and_do_not_fire_inside_each_other():
    _, attack, support = stance()
    assert not set(attack) & set(support), set(attack) & set(support)
    # e.g. support "einverstanden" would fire inside attack "nicht einverstanden"
    assert not inside(list(support), list(attack)), inside(list(support), list(attack))
    assert not inside(list(attack), list(support)), inside(list(attack), list(support))


@pytest.mark.parametrize("side", ["attack", "support"])
def test_stance_cues_do_not_double_count(side):
    cues = list(stance()[1 if side == "attack" else 2])
    assert not inside(cues, cues), inside(cues, cues)


def test_stance_examples_from_the_design():
    _, attack, support = stance()
    for phrase in ("selten so gelacht", "sie irren", "im gegenteil", "mitnichten"):
        assert attack.get(phrase) == 3 or (phrase == "im gegenteil" and phrase in attack), phrase
    assert attack.get("falsch", 0) <= 2, "a bare 'falsch' is a weak hint"
    assert support.get("absolut recht") == 3
    addressed = {e["phrase"] for e in load("stance_cues.yaml")["attack"] if e.get("addressed")}
    assert "sie irren" in addressed


def test_stance_openers_and_references():
    data = load("stance_cues.yaml")
    for word in ("hmm", "naja", "nun ja"):
        assert word in data["doubt_openers"], word
    for ref in ("der autor", "dieser artikel", "ihr kommentar"):
        assert ref in data["target_references"], ref


# --- reporting_verbs.yaml ---------------------------------------------------------------------

def test_reporting_verbs_format():
    data = load("reporting_verbs.yaml")
    assert set(data) == {"verbs", "according_to", "quote_labels", "media_verbs"}
    verbs = string_list(data["verbs"], "verbs")
    at_least(len(verbs), 150, "verbs")
    media = string_list(data["media_verbs"], "media_verbs")
    for name, words in (("verbs", verbs), ("media_verbs", media)):
        multi = [w for w in words if " " in w or "*" in w]
        assert not multi, f"{name}: one spelled-out word per entry: {multi}"
    string_list(data["according_to"], "according_to")
    string_list(data["quote_labels"], "quote_labels")
    for name in ("according_to", "quote_labels"):
        assert not [p for p in data[name] if "*" in p], f"{name}: no prefix stars here"


def test_reporting_verbs_core_forms_and_traps():
    data = load("reporting_verbs.yaml")
    verbs = set(data["verbs"])
    for form in ("sagte", "sagt", "gesagt", "behauptet", "forderte", "warnte", "erklärte",
                 "angekündigt", "vorgeworfen", "schrieb"):
        assert form in verbs, form
    # common non-verbs that share a spelling with a verb form
    for trap in ("meine", "meinen", "berichte", "äußere", "geraten"):
        assert trap not in verbs, trap
    for phrase in ("laut", "zufolge", "nach angaben"):
        assert phrase in data["according_to"], phrase
    assert "zitat" in data["quote_labels"]
    assert {"titelt", "berichtet", "meldet", "schreibt"} <= set(data["media_verbs"])


# --- polarity.yaml ----------------------------------------------------------------------------

# Words that a careless prefix stem would hit, and the polarity they may get (None: neither).
TRAPS = {
    "barbara": None, "hassan": None, "sturm": None, "schlechthin": None, "einige": None,
    "dekaden": None, "schulden": None, "nötig": None, "armee": None, "zwanglos": None,
    "spalte": None, "gewaltenteilung": None, "bestechend": None, "weise": None,
    "hoffnungslos": "negative", "respektlos": "negative", "unfähig": "negative",
    "klugscheißer": "negative", "unzuverlässig": "negative", "illegitim": "negative",
    "deeskalation": "positive", "unrecht": None, "unabhängig": None,
}


def polarity():
    data = load("polarity.yaml")
    pos = weighted(data["positive"], "word", "positive")
    neg = weighted(data["negative"], "word", "negative")
    return data, pos, neg


def test_polarity_format():
    data, pos, neg = polarity()
    assert set(data) == {"positive", "negative"}
    at_least(len(pos) + len(neg), 300, "polarity")
    assert len(pos) >= 80 and len(neg) >= 150
    spaced = [w for w in list(pos) + list(neg) if " " in w]
    assert not spaced, f"one word per entry: {spaced}"


def test_polarity_sides_are_disjoint_and_stems_do_not_overlap():
    _, pos, neg = polarity()
    assert not set(pos) & set(neg), set(pos) & set(neg)
    everything = list(pos) + list(neg)
    assert not inside(everything, everything), inside(everything, everything)


@pytest.mark.parametrize("word,allowed", sorted(TRAPS.items()))
def test_polarity_traps(word, allowed):
    _, pos, neg = polarity()
    for side, entries in (("positive", pos), ("negative", neg)):
        hits = [e for e in entries if pattern(e).fullmatch(word)]
        if side != allowed:
            assert not hits, f"{word!r} would count as {side} via {hits}"


def test_polarity_examples_from_the_design():
    _, pos, neg = polarity()
    for word in ("provokation*", "aggressiv*", "kriegstreiber*", "erpress*"):
        assert word in neg, word
    assert neg["kriegstreiber*"] == 3
    for word in ("erfolgreich*", "vernünftig*"):
        assert word in pos, word


# --- claim_cues.yaml --------------------------------------------------------------------------

def test_claim_cues_format():
    data = load("claim_cues.yaml")
    assert set(data) == {"claim", "premise", "non_argumentative"}
    claim = string_list(data["claim"], "claim")
    premise = string_list(data["premise"], "premise")
    other = string_list(data["non_argumentative"], "non_argumentative")
    at_least(len(claim), 60, "claim")
    at_least(len(premise), 30, "premise")
    at_least(len(other), 30, "non_argumentative")
    for a, b in ((claim, premise), (claim, other), (premise, other)):
        assert not set(a) & set(b), set(a) & set(b)
    for phrase in ("meiner meinung nach", "man muss", "sollte"):
        assert phrase in claim, phrase
    for phrase in ("zum beispiel", "bekanntlich"):
        assert phrase in premise, phrase
    for phrase in ("danke", "mfg", ";-)"):
        assert phrase in other, phrase
