"""Stance: what a text signals about agreeing, and how a reply stands to what it answers.

Per text (a spaCy component, `doc._.stance_signals`):

- agreement and disagreement cues ("Selten so gelacht", "Sie irren", "Danke für Ihren
  Bericht"), counted double in the opening units where a reply says what it thinks of
  its target; cues inside quotations are someone else's words and do not count;
- a doubting opener ("Hmm, …", "Naja, …");
- how the text speaks of each actor: evaluative words credited to the nearest actor in
  the same unit, negated by a "nicht"/"kein" just before them;
- how it speaks of the target's author or text ("der Autor", "dieser Artikel");
- from the actors, its leaning in known conflicts (`data/alignments.yaml`).

Per reply (`stance_toward`): cues count as they are; the author's treatment counts
half. Only where these say nothing clear are the two texts' leanings compared: speaking
ill of the side the target defends, or well of the side it attacks, is disagreement, and
the other way round agreement. Below the thresholds the stance is neutral.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from argkg.extract.actors import PostContext
from argkg.extract.cues import Cues, cues_for
from argkg.extract.lexicon import fold
from argkg.extract.resources import packaged_yaml
from argkg.extract.units import unit_at

Doc.set_extension("stance_signals", default=None, force=True)

THRESHOLD = 1.5
LEANING_THRESHOLD = 1.0
"""One clear evaluation of one side of a conflict (weight 1)."""
OPENING_UNITS = 2
_ACTOR_REACH = 8
_NEGATION_REACH = 1
_NEGATIONS = frozenset({"nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie", "niemals"})
_LEANING_CAP = 3.0
_ACTOR_CAP = 2.0
_MIN_TARGET_LEANING = 1.0
_DECAY = 3.0
_TURN_REACH = 3
_CONCESSION_WEIGHT = 2.0
_AGENT_TYPES = frozenset({"Person", "Organization", "Party", "State", "Institution", "Group",
                          "Media"})
_PLACE_PREPOSITIONS = frozenset(
    packaged_yaml("grammar.yaml")["prepositions"]) - {"durch", "von", "vom"}
_PERSON_PRONOUNS = frozenset({"er", "ihn", "ihm"})
"""Not "sein", "seine": they stand for any masculine or neuter noun ("Russland … seine")."""


@dataclass
class StanceSignals:
    attack: float = 0.0
    support: float = 0.0
    doubt: bool = False
    cues: list[str] = field(default_factory=list)
    actors: dict[str, float] = field(default_factory=dict)
    """Folded actor label -> summed polarity of what the text says about it."""
    leaning: dict[str, float] = field(default_factory=dict)
    """Conflict name -> leaning: positive favours side a, negative side b."""
    about_target: float = 0.0
    """Polarity of what the text says about the author or text it answers."""


@Language.factory("argkg_stance", default_config={"extra_cues": []},
                  requires=["doc._.unit_spans", "doc._.actor_mentions", "doc._.quotations"])
def make_stance_signals(nlp: Language, name: str, extra_cues: list[str]):
    return StanceSignalFinder(cues_for(nlp.lang, tuple(extra_cues)))


class StanceSignalFinder:
    def __init__(self, cues: Cues):
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        context: PostContext = doc._.argkg_context or PostContext()
        signals = StanceSignals()
        quoted = _quoted_tokens(doc)
        hits = self.cues.post_cues.find(doc._.words)
        self._cues(doc, hits, signals, quoted)
        signals.doubt = any(h.start == 0 for h in self.cues.doubt_openers.find(doc._.words[:2]))
        if context.is_comment and self._concedes(doc, quoted):
            signals.attack += _CONCESSION_WEIGHT
            signals.cues.append("concession")
        polarity = [h for h in hits["polarity"] if h.start not in quoted]
        names = _agents(doc, context)
        self._actor_polarity(doc, polarity, signals, names)
        self._target_polarity(doc, polarity, hits["target_references"], signals, context,
                              names)
        signals.leaning = self._leaning(doc, polarity, names)
        doc._.stance_signals = signals
        return doc

    def _cues(self, doc, hits, signals, quoted) -> None:
        for kind in ("attack", "support"):
            for hit in hits[kind]:
                if hit.start in quoted:
                    continue
                unit = unit_at(doc._.unit_spans, hit.start)
                weight = hit.value * (2 if unit is not None and unit < OPENING_UNITS else 1)
                setattr(signals, kind, getattr(signals, kind) + weight)
                signals.cues.append(hit.phrase)

    def _actor_polarity(self, doc, polarity, signals, names) -> None:
        """Each evaluative word counts for the actors of its unit, the nearer the more."""
        for hit in polarity:
            unit = unit_at(doc._.unit_spans, hit.start)
            value = hit.value * (-1 if _negated(doc._.words, hit.start) else 1)
            for start, end, label in names:
                distance = _distance(hit.start, hit.end, start, end)
                if distance <= _ACTOR_REACH and unit_at(doc._.unit_spans, start) == unit:
                    share = value / (1 + distance / _DECAY)
                    signals.actors[label] = signals.actors.get(label, 0.0) + share

    def _target_polarity(self, doc, polarity, references, signals, context, names) -> None:
        """Evaluative words in units that speak of the target's author or the target text."""
        spans = doc._.unit_spans
        units = {unit_at(spans, h.start) for h in references}
        if context.target_author:
            author = fold(context.target_author)
            units |= {unit_at(spans, start) for start, _, label in names if label == author}
        for hit in polarity:
            if unit_at(spans, hit.start) in units - {None}:
                sign = -1 if _negated(doc._.words, hit.start) else 1
                signals.about_target += hit.value * sign

    def _concedes(self, doc, quoted) -> bool:
        """"Natürlich …, ja, … Aber/Nur …": granting a point, then turning against it."""
        spans = [s for s in doc._.unit_spans if s.start not in quoted]
        opens = [self._opening(doc, s) for s in spans]
        for i, (concession, _) in enumerate(opens):
            if concession and any(contrast for _, contrast in opens[i + 1:i + 1 + _TURN_REACH]):
                return True
        return False

    def _opening(self, doc, span) -> tuple[bool, bool]:
        words = doc._.words[span.start:span.end]
        hits = self.cues.opening_cues.find(words)
        concession = any(h.start <= 1 for h in hits["concessions"])
        contrast = any(h.start <= 1 and h.value.direction == "attacks_previous"
                       for h in hits["markers"])
        return concession, contrast

    def _leaning(self, doc, polarity, names) -> dict[str, float]:
        """Per conflict, how the text leans. In a unit that names one side only, all its
        evaluations go to that side ("Kriegstreiber waren … die USA"); where both sides
        are named, each evaluation goes to the sides' actors near it."""
        leaning: dict[str, float] = {}
        spans = doc._.unit_spans
        for unit in {unit_at(spans, h.start) for h in polarity} - {None}:
            hits = [h for h in polarity if unit_at(spans, h.start) == unit]
            sided = [(start, end, conflict, side) for start, end, label in names
                     if unit_at(spans, start) == unit
                     for conflict, side in self.cues.sides.get(label, ())]
            for conflict in {c for _, _, c, _ in sided}:
                here = [(s, e, side) for s, e, c, side in sided if c == conflict]
                value = sum(_weighed(doc, h, here) for h in hits)
                leaning[conflict] = leaning.get(conflict, 0.0) + value
        return leaning


def _weighed(doc, hit, sided: list[tuple[int, int, int]]) -> float:
    """An evaluation's contribution to a conflict's leaning (side a positive)."""
    value = hit.value * (-1 if _negated(doc._.words, hit.start) else 1)
    if len({side for _, _, side in sided}) == 1:
        return value * sided[0][2]
    return sum(value * side / (1 + _distance(hit.start, hit.end, s, e) / _DECAY)
               for s, e, side in sided if _distance(hit.start, hit.end, s, e) <= _ACTOR_REACH)


def stance_toward(reply: StanceSignals, target: StanceSignals) -> tuple[str, tuple[str, ...]]:
    """("support" | "attack" | "neutral", the cues that decided)."""
    attack, support = reply.attack, reply.support
    cues = list(reply.cues)
    if reply.doubt:
        attack += 2
        cues.append("doubt")
    if reply.about_target < 0:
        attack += -reply.about_target
        cues.append("judges the author")
    elif reply.about_target > 0:
        support += reply.about_target
    if max(attack, support) >= THRESHOLD and attack != support:
        return ("attack" if attack > support else "support"), tuple(cues)
    # No clear word about the target: compare what the two say about the sides.
    agreement = _agreement(reply, target) + support - attack
    if abs(agreement) < LEANING_THRESHOLD:
        return "neutral", tuple(cues)
    return ("support" if agreement > 0 else "attack"), tuple(cues + ["leaning"])


def _agreement(reply: StanceSignals, target: StanceSignals) -> float:
    """Positive where the two texts lean the same way, negative where they do not."""
    total = 0.0
    for conflict, theirs in target.leaning.items():
        ours = reply.leaning.get(conflict, 0.0)
        if abs(theirs) >= _MIN_TARGET_LEANING and ours:
            total += _sign(ours * theirs) * min(abs(ours), _LEANING_CAP)
    for label, theirs in target.actors.items():
        ours = reply.actors.get(label, 0.0)
        if abs(theirs) >= 1 and abs(ours) >= 1:
            total += _sign(ours * theirs) * min(abs(ours), _ACTOR_CAP) / 2
    return total


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _negated(words: list[str], start: int) -> bool:
    return any(w in _NEGATIONS for w in words[max(0, start - _NEGATION_REACH):start])


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def _agents(doc: Doc, context: PostContext) -> list[tuple[int, int, str]]:
    """(start, end, folded label) of the actors named that can act (not places, events or
    things, not a place after "in" or a partner after "mit"), and of "er", "ihn", "ihm":
    the person named last before them, or in a reply the author of its target."""
    found = []
    for mention in doc._.actor_mentions or ():
        if mention.actor.type in _AGENT_TYPES and not _after_preposition(doc, mention.first_token):
            found.append((mention.first_token, mention.end_token, fold(mention.actor.label)))
    addressee = fold(context.target_author) if context.target_author else None
    return sorted(found + _pronouns(doc, addressee))


def _after_preposition(doc: Doc, token: int) -> bool:
    """"in Polen", "mit der Nato": a place or a partner, not who acts. "durch" and "von"
    name the agent of a passive and do not count."""
    before = doc._.words[max(0, token - 2):token]
    return any(w in _PLACE_PREPOSITIONS for w in before)


def _pronouns(doc: Doc, first: str | None) -> list[tuple[int, int, str]]:
    """Third-person pronouns stand for the person named last before them, or `first`."""
    people = sorted((m.first_token, fold(m.actor.label)) for m in doc._.actor_mentions or ()
                    if m.actor.type == "Person")
    found, last, n = [], first, 0
    for i, word in enumerate(doc._.words):
        while n < len(people) and people[n][0] <= i:
            last = people[n][1]
            n += 1
        if word in _PERSON_PRONOUNS and last:
            found.append((i, i + 1, last))
    return found


def _quoted_tokens(doc: Doc) -> set[int]:
    return {i for q in doc._.quotations or () for i in range(q.start, q.end)}
