"""Claims: what each unit signals, which role it plays, and which unit is a text's centre.

The central claim is the argumentative unit with the highest score. The score adds up
general signs of a writer's position, none keyed to a topic:

- cues of a position (claim lexicon: "man muss", "es dürfte klar sein", "unverzichtbar")
  and of a conclusion (a unit others support or that draws one: "deshalb");
- where it stands: comments tend to open or close with their point; an article states
  its point in the teaser; a long text repeats its point (shared content words);
- against it: questions, quoted words, reactions to someone else ("Schwachsinn, Herr X"),
  fragments that start in the middle of a sentence, very short units, units that open
  with a reason ("Denn …").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spacy.tokens import Doc

from argkg.extract.actors import PostContext
from argkg.extract.cues import Cues
from argkg.extract.lexicon import Hit
from argkg.extract.normalize import match_key
from argkg.extract.units import UnitSpan

_SHORT = 4
_CONTENT_WORD = 5
_REACTION_LENGTH = 12

WEIGHTS = {
    "claim_cue": 1.5,
    "claim_cue_cap": 2,
    "supported": 1.0,
    "draws_conclusion": 1.0,
    "first_in_comment": 1.0,
    "last_in_comment": 0.8,
    "in_teaser": 1.5,
    "first_in_article": -0.5,
    "contrast_opening": 0.5,
    "reason_inside": 0.5,
    "repeated": 1.5,
    "question": -2.0,
    "quoted": -3.0,
    "reaction": -1.5,
    "fragment": -1.0,
    "short": -1.5,
    "opens_with_reason": -1.5,
    "premise_cue": -0.5,
}
"""Score contributions; a user model could tune these, the defaults are set by hand."""


@dataclass(frozen=True)
class UnitFeatures:
    span: UnitSpan
    text: str
    words: tuple[str, ...]
    alpha_words: int
    claim_cues: tuple[Hit, ...]
    premise_cues: tuple[Hit, ...]
    non_argumentative: float
    """Share of the unit's words that are greetings, thanks, laughter, emoticons."""
    markers: tuple[Hit, ...]
    concession: bool
    attack_cues: tuple[Hit, ...]
    support_cues: tuple[Hit, ...]
    question: bool
    quoted: float
    """Share of the unit's characters inside quotation marks."""
    fragment: bool
    in_teaser: bool
    is_comment: bool
    content_keys: frozenset[str]


def features(doc: Doc, span: UnitSpan, cues: Cues, context: PostContext,
             doc_text: str | None = None) -> UnitFeatures:
    """`doc_text` is `doc.text`, which spaCy rebuilds on every access: pass it in a loop."""
    words = tuple(doc._.words[span.start:span.end])
    text = (doc_text if doc_text is not None else doc.text)[span.start_char:span.end_char]
    is_alpha = doc._.alpha
    alpha = [doc[i] for i in range(span.start, span.end) if is_alpha[i]]
    hits = cues.unit_cues.find(words)
    covered = {i for h in hits["non_argumentative"] for i in range(h.start, h.end)}
    return UnitFeatures(
        span=span, text=text, words=words, alpha_words=len(alpha),
        claim_cues=tuple(hits["claim"]),
        premise_cues=tuple(hits["premise"]),
        non_argumentative=len(covered) / max(1, len(words)),
        markers=tuple(hits["markers"]),
        concession=any(h.start <= 1 for h in hits["concessions"]),
        attack_cues=tuple(hits["attack"]),
        support_cues=tuple(hits["support"]),
        question=text.rstrip().endswith("?"),
        quoted=_quoted_share(doc, span),
        fragment=text[:1].islower() or text.startswith(("...", "…")),
        in_teaser=bool(context.teaser) and not context.is_comment
        and span.start_char < len(context.teaser),
        is_comment=context.is_comment,
        content_keys=frozenset(match_key(t.text) for t in alpha if len(t) >= _CONTENT_WORD),
    )


def role_of(f: UnitFeatures) -> str:
    strong_stance = any(h.value >= 2 for h in f.attack_cues + f.support_cues)
    if f.non_argumentative >= 0.5 and not f.claim_cues:
        return "none"
    if f.alpha_words <= 2 and not (f.claim_cues or strong_stance):
        return "none"
    if f.claim_cues or strong_stance:
        return "claim"
    return "premise"


def central_unit(feats: list[UnitFeatures], roles: list[str], links: list[tuple]) -> int | None:
    candidates = [i for i, role in enumerate(roles) if role != "none"]
    if not candidates:
        return None
    repeated = _repetition(feats)
    scores = {i: score(feats[i], i, len(feats), links, repeated[i]) for i in candidates}
    return max(candidates, key=lambda i: (scores[i], -i))


def score(f: UnitFeatures, i: int, count: int, links: list[tuple], repeated: float) -> float:
    w = WEIGHTS
    total = w["claim_cue"] * min(len(f.claim_cues), w["claim_cue_cap"])
    total += w["supported"] * sum(1 for _, t, kind, _ in links if t == i and kind == "support")
    total += w["draws_conclusion"] * any(
        h.value.direction == "conclusion_follows" for h in f.markers)
    if f.is_comment:
        total += w["first_in_comment"] * (i == 0) + w["last_in_comment"] * (i == count - 1)
    else:
        total += w["in_teaser"] * f.in_teaser + w["first_in_article"] * (i == 0)
    total += w["contrast_opening"] * any(
        h.start == 0 and h.value.direction == "attacks_previous" for h in f.markers)
    total += w["reason_inside"] * any(
        h.start > 1 and h.value.direction == "premise_follows" for h in f.markers)
    total += w["repeated"] * repeated
    total += w["question"] * f.question + w["quoted"] * (f.quoted >= 0.5)
    total += w["reaction"] * _is_reaction(f) + w["fragment"] * f.fragment
    total += w["short"] * (f.alpha_words < _SHORT)
    total += w["opens_with_reason"] * any(
        h.start <= 1 and h.value.direction == "premise_follows" for h in f.markers)
    total += w["premise_cue"] * bool(f.premise_cues)
    return total


def _is_reaction(f: UnitFeatures) -> bool:
    """A short unit that mostly judges what it answers ("Das ist Schwachsinn, Herr X.")."""
    return f.alpha_words < _REACTION_LENGTH and any(
        h.value >= 2 for h in f.attack_cues + f.support_cues)


def _repetition(feats: list[UnitFeatures]) -> list[float]:
    """How much of each unit's content the rest of the text repeats, scaled to 0..1."""
    raw = []
    for i, f in enumerate(feats):
        others = sum(len(f.content_keys & g.content_keys) for j, g in enumerate(feats) if j != i)
        raw.append(others / math.sqrt(len(f.content_keys)) if f.content_keys else 0.0)
    top = max(raw, default=0.0)
    return [r / top if top else 0.0 for r in raw]


def _quoted_share(doc: Doc, span: UnitSpan) -> float:
    inside = 0
    for q in doc._.quotations or ():
        inside += max(0, min(q.end_char, span.end_char) - max(q.start_char, span.start_char))
    return inside / max(1, span.end_char - span.start_char)
