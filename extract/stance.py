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
the other way round agreement. Below `THRESHOLD` the stance is neutral.
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
OPENING_UNITS = 2
_ACTOR_REACH = 8
_NEGATION_REACH = 1
_NEGATIONS = frozenset({"nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie", "niemals"})
_LEANING_CAP = 3.0
_ACTOR_CAP = 2.0
_MIN_TARGET_LEANING = 1.0
_AGENT_TYPES = frozenset({"Person", "Organization", "Party", "State", "Institution", "Group",
                          "Media"})
_PLACE_PREPOSITIONS = frozenset(
    packaged_yaml("grammar.yaml")["prepositions"]) - {"durch", "von", "vom"}
_PERSON_PRONOUNS = frozenset({"er", "ihn", "ihm", "seine", "seinen", "seinem", "seiner",
                              "sein"})


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
        self._cues(doc, signals, quoted)
        signals.doubt = any(h.start == 0 for h in self.cues.doubt_openers.find(doc._.words[:2]))
        polarity = [h for h in self.cues.polarity.find(doc._.words) if h.start not in quoted]
        self._actor_polarity(doc, polarity, signals)
        self._target_polarity(doc, polarity, signals, context)
        signals.leaning = self._leaning(signals.actors)
        doc._.stance_signals = signals
        return doc

    def _cues(self, doc, signals, quoted) -> None:
        for matcher, kind in ((self.cues.attack, "attack"), (self.cues.support, "support")):
            for hit in matcher.find(doc._.words):
                if hit.start in quoted:
                    continue
                unit = unit_at(doc._.unit_spans, hit.start)
                weight = hit.value * (2 if unit is not None and unit < OPENING_UNITS else 1)
                setattr(signals, kind, getattr(signals, kind) + weight)
                signals.cues.append(hit.phrase)

    def _actor_polarity(self, doc, polarity, signals) -> None:
        names = _mention_tokens(doc, agents_only=True)
        for hit in polarity:
            unit = unit_at(doc._.unit_spans, hit.start)
            near = [(abs(_distance(hit.start, hit.end, s, e)), label) for s, e, label in names
                    if unit_at(doc._.unit_spans, s) == unit]
            near = [n for n in near if n[0] <= _ACTOR_REACH]
            if not near:
                continue
            _, label = min(near)
            value = hit.value * (-1 if _negated(doc._.words, hit.start) else 1)
            signals.actors[label] = signals.actors.get(label, 0.0) + value

    def _target_polarity(self, doc, polarity, signals, context) -> None:
        """Evaluative words in units that name the target's author or the target text."""
        spans = doc._.unit_spans
        units = {unit_at(spans, h.start) for h in self.cues.target_references.find(doc._.words)}
        if context.target_author:
            author = fold(context.target_author)
            units |= {unit_at(spans, s) for s, _, label in _mention_tokens(doc) if label == author}
        for hit in polarity:
            if unit_at(spans, hit.start) in units - {None}:
                sign = -1 if _negated(doc._.words, hit.start) else 1
                signals.about_target += hit.value * sign

    def _leaning(self, actors: dict[str, float]) -> dict[str, float]:
        leaning: dict[str, float] = {}
        for label, value in actors.items():
            for conflict, side in self.cues.sides.get(label, ()):
                leaning[conflict] = leaning.get(conflict, 0.0) + side * value
        return leaning


def stance_toward(reply: StanceSignals, target: StanceSignals) -> tuple[str, tuple[str, ...]]:
    """("support" | "attack" | "neutral", the cues that decided)."""
    attack, support = reply.attack, reply.support
    cues = list(reply.cues)
    if reply.doubt:
        attack += 2
        cues.append("doubt")
    if reply.about_target < 0:
        attack += -reply.about_target / 2
        cues.append("judges the author")
    elif reply.about_target > 0:
        support += reply.about_target / 2
    if max(attack, support) < THRESHOLD:
        # No clear word about the target: compare what the two say about the actors.
        agreement = _agreement(reply, target)
        if agreement:
            cues.append("leaning")
        support, attack = support + max(agreement, 0), attack + max(-agreement, 0)
    if max(attack, support) < THRESHOLD or attack == support:
        return "neutral", tuple(cues)
    return ("attack" if attack > support else "support"), tuple(cues)


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


def _mention_tokens(doc: Doc, agents_only: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, folded label) of the actors named; with `agents_only`, only those that
    can act (not places, events or things), and "er", "ihn", "ihm" as the last person."""
    found = []
    for mention in doc._.actor_mentions or ():
        if agents_only and mention.actor.type not in _AGENT_TYPES:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and not (agents_only and _after_preposition(doc, span.start)):
            found.append((span.start, span.end, fold(mention.actor.label)))
    if agents_only:
        found += _pronouns(doc)
    return sorted(found)


def _after_preposition(doc: Doc, token: int) -> bool:
    """"in Polen", "mit der Nato": a place or a partner, not who acts. "durch" and "von"
    name the agent of a passive and do not count."""
    before = doc._.words[max(0, token - 2):token]
    return any(w in _PLACE_PREPOSITIONS for w in before)


def _pronouns(doc: Doc) -> list[tuple[int, int, str]]:
    """Third-person pronouns stand for the person named last before them."""
    people = sorted((doc.char_span(m.start, m.end, alignment_mode="expand").start,
                     fold(m.actor.label)) for m in doc._.actor_mentions or ()
                    if m.actor.type == "Person")
    found, last, n = [], None, 0
    for i, word in enumerate(doc._.words):
        while n < len(people) and people[n][0] <= i:
            last = people[n][1]
            n += 1
        if word in _PERSON_PRONOUNS and last:
            found.append((i, i + 1, last))
    return found


def _quoted_tokens(doc: Doc) -> set[int]:
    return {i for q in doc._.quotations or () for i in range(q.start, q.end)}
