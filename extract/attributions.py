"""Attributions: a spaCy component that finds who is said to have said what.

Evidence, in the order it is tried for a quotation:

1. after it, a verb of saying and a name ("…“, sagte Stoltenberg" / "… soll Hitler gesagt
   haben");
2. before it, a name and a verb of saying ("der Chefredakteur der NZZ schwadroniert davon,
   '…'"), or "laut X" / "X zufolge";
3. before it, a medium with no verb ("in der FAZ weiß einer '…'"): media speak through
   their pages;
4. a label ("Zitat: …") in a reply: the author of the post it answers.

Reported speech without quotation marks ("Russland … verlangt vertragliche Garantien") is
attributed to the subject of the verb of saying: the nearest name before it that is neither
after a preposition nor inside a subordinate clause, else the sentence's first name.
The writer's own voice ("ich sage", "man behauptet") is no attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from argkg.extract.actors import PostContext
from argkg.extract.cues import Cues, cues_for
from argkg.extract.gazetteer import Actor
from argkg.extract.resources import packaged_yaml
from argkg.extract.units import UnitSpan, unit_at

Doc.set_extension("attributions", default=None, force=True)

_SPEAKER_TYPES = frozenset({"Person", "Organization", "Party", "State", "Media", "Institution",
                            "Group", "Unknown"})
_INVERTED_WINDOW = 3


@dataclass(frozen=True)
class Said:
    unit: int
    start_char: int
    end_char: int
    text: str
    speaker: Actor
    cue: str


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    actor: Actor


@Language.factory("argkg_attributions", default_config={"extra_cues": []},
                  requires=["doc._.quotations", "doc._.actor_mentions", "doc._.unit_spans"])
def make_attribution_finder(nlp: Language, name: str, extra_cues: list[str]):
    return AttributionFinder(cues_for(nlp.lang, tuple(extra_cues)), packaged_yaml("grammar.yaml"))


class AttributionFinder:
    def __init__(self, cues: Cues, grammar: dict):
        self.cues = cues
        self.prepositions = frozenset(grammar["prepositions"])
        self.subordinators = frozenset(grammar["subordinators"])
        self.relatives = frozenset(grammar["relative_pronouns"])
        self.self_references = frozenset(grammar["self_references"])

    def __call__(self, doc: Doc) -> Doc:
        names = _names(doc)
        quotations = doc._.quotations or []
        found = []
        for n, quote in enumerate(quotations):
            lead_from = quotations[n - 1].end if n else 0
            tail_to = quotations[n + 1].start if n + 1 < len(quotations) else len(doc)
            said = self._quoted(doc, quote, names, lead_from, tail_to)
            if said:
                found.append(said)
        found += self._reported(doc, names, quotations)
        doc._.attributions = found
        return doc

    # -- quoted speech ---------------------------------------------------------------

    def _quoted(self, doc, quote, names, lead_from, tail_to) -> Said | None:
        spans = doc._.unit_spans
        first, last = unit_at(spans, quote.start), unit_at(spans, quote.end - 1)
        if first is None or last is None:
            return None
        lead = (max(spans[first].start, lead_from), quote.start)
        tail = (quote.end, min(spans[last].end, tail_to))
        speaker = (self._verb_and_name(doc, names, *tail, before=False)
                   or self._verb_and_name(doc, names, *lead, before=True)
                   or self._according_to(doc, names, *lead)
                   or self._according_to(doc, names, *tail)
                   or self._medium(names, *lead)
                   or self._label_speaker(doc, quote))
        if not speaker:
            return None
        actor, cue = speaker
        return Said(first, quote.start_char, quote.end_char, quote.text, actor, cue)

    def _verb_and_name(self, doc, names, start, end, before: bool):
        verbs = [h for h in self.cues.speech_verbs.find(doc._.words[start:end])]
        if not verbs:
            return None
        verb = verbs[-1] if before else verbs[0]
        at = start + verb.start
        inside = [n for n in names if start <= n.start and n.end <= end]
        if before:
            subject = self._subject(doc, inside, at) or _first_after(inside, at + 1)
        else:
            subject = _first_after(inside, start)
        return (subject.actor, verb.phrase) if subject else None

    def _according_to(self, doc, names, start, end):
        for hit in self.cues.according_to.find(doc._.words[start:end]):
            after = _first_after(names, start + hit.end, within=2)
            if after and after.end <= end:
                return after.actor, hit.phrase
        return None

    def _medium(self, names, start, end):
        media = [n for n in names if start <= n.start and n.end <= end
                 and n.actor.type == "Media"]
        return (media[-1].actor, "medium") if media else None

    def _label_speaker(self, doc, quote):
        context: PostContext = doc._.argkg_context or PostContext()
        if quote.labelled and context.target_author:
            return Actor(label=context.target_author, type="Person", candidate=True), "zitat"
        return None

    # -- reported speech without quotation marks --------------------------------------

    def _reported(self, doc, names, quotations) -> list[Said]:
        quoted_units = {unit_at(doc._.unit_spans, q.start) for q in quotations}
        found = []
        for hit in self.cues.speech_verbs.find(doc._.words):
            unit = unit_at(doc._.unit_spans, hit.start)
            if unit is None or unit in quoted_units:
                continue
            span = doc._.unit_spans[unit]
            said = self._reported_in(doc, names, span, hit)
            if said:
                found.append(said)
                quoted_units.add(unit)
        for hit in self.cues.according_to.find(doc._.words):
            unit = unit_at(doc._.unit_spans, hit.start)
            if unit is not None and unit not in quoted_units:
                said = self._according_to_in(doc, names, doc._.unit_spans[unit], hit)
                if said:
                    found.append(said)
                    quoted_units.add(unit)
        return sorted(found, key=lambda s: s.start_char)

    def _according_to_in(self, doc, names, span: UnitSpan, hit) -> Said | None:
        """"Laut Spiegel ist …" / "Dem Kreml zufolge sind …": the source and what follows."""
        source = _first_after(names, hit.end, within=2) or next(
            (n for n in names if 0 <= hit.start - n.end <= 1), None)
        if source is None or not (span.start <= source.start < span.end):
            return None
        return self._content(doc, span, max(hit.end, source.end), source.actor, hit.phrase)

    def _reported_in(self, doc, names, span: UnitSpan, hit) -> Said | None:
        if self._writer_speaks(doc, span, hit.start):
            return None
        inside = [n for n in names if span.start <= n.start and n.end <= span.end]
        subject = self._subject(doc, inside, hit.start) or self._inverted_subject(
            doc, inside, hit.end)
        if subject is None or subject.actor.type not in _SPEAKER_TYPES:
            return None
        content_from = max(hit.end, subject.end) if subject.start >= hit.start else hit.end
        return self._content(doc, span, content_from, subject.actor, hit.phrase)

    def _content(self, doc, span: UnitSpan, start: int, speaker: Actor, cue: str):
        """What is reported: the unit from `start` on, if that is more than a word."""
        content = doc[start:span.end]
        if not len(content) or content[0].is_punct and content[0].text != ":":
            return None  # "wenn er spricht, ...": nothing is reported
        if len([t for t in content if t.is_alpha]) < 2:
            return None
        text = content.text.rstrip(" .!?")
        return Said(span.index, content.start_char, content.start_char + len(text), text,
                    speaker, cue)

    def _inverted_subject(self, doc, names, after_verb: int) -> _Name | None:
        """"…, fordert Russland nun": a name right after the verb, in the same clause."""
        name = _first_after(names, after_verb, within=_INVERTED_WINDOW)
        if name is None or any(t.is_punct for t in doc[after_verb:name.start]):
            return None
        return name

    def _writer_speaks(self, doc, span: UnitSpan, verb: int) -> bool:
        near = doc._.words[max(span.start, verb - 2):min(span.end, verb + 3)]
        return any(w in self.self_references for w in near)

    def _subject(self, doc, names, verb: int) -> _Name | None:
        """The name before `verb` most likely to be its subject, or None."""
        before = [n for n in names if n.end <= verb
                  and not (n.start and doc._.words[n.start - 1] in self.prepositions)]
        if not before:
            return None
        main = [n for n in before if not self._in_subordinate_clause(doc, n.start)]
        return main[-1] if main else before[0]

    def _in_subordinate_clause(self, doc, token: int) -> bool:
        """Is `token` after a subordinator with no comma between (searching back to the
        sentence start)?"""
        words = doc._.words
        i = token - 1
        while i >= 0 and not doc[i].is_sent_start and words[i] != ",":
            if words[i] in self.subordinators or (
                    words[i] in self.relatives and i and words[i - 1] == ","):
                return True
            i -= 1
        return False


def _names(doc: Doc) -> list[_Name]:
    return [_Name(m.first_token, m.end_token, m.actor) for m in doc._.actor_mentions or ()]


def _first_after(names: list[_Name], token: int, within: int | None = None) -> _Name | None:
    for name in names:
        if name.start >= token and (within is None or name.start - token <= within):
            return name
    return None
