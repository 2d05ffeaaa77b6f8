"""A text's argument: a spaCy component that labels units and links them into a tree.

1. Features per unit from the lexicons: claim, premise and non-argumentative cues,
   discourse markers, stance cues, questions, how much of it is quoted.
2. Roles: not argumentative (greetings, thanks, jokes, one- or two-word exclamations),
   claim (a position: opinion, evaluation, demand, prediction) or premise.
3. Links from discourse markers between neighbouring units ("Denn …" supports the unit
   before, "Deshalb …" is supported by it, "Aber …" attacks it, "zwar … aber" attacks the
   concession), and from stance cues that open a unit ("Das stimmt nicht.").
4. The central claim: the best-scoring claim (`claims.py`); every argumentative unit
   left without a link then supports it, which makes the links a tree toward it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from argkg.extract.actors import PostContext
from argkg.extract.arguments import Unit
from argkg.extract.claims import UnitFeatures, central_unit, features, role_of
from argkg.extract.cues import Cues, cues_for
from argkg.extract.units import doc_text

Doc.set_extension("units", default=None, force=True)
Doc.set_extension("central", default=None, force=True)
Doc.set_extension("links", default=None, force=True)

_INITIAL_SLACK = 1
"""An initial marker may follow one word ("Und deshalb", "Nur, weil")."""
_CONCESSION_REACH = 2


@Language.factory("argkg_structure", default_config={"extra_cues": []},
                  requires=["doc._.unit_spans", "doc._.quotations"])
def make_structure(nlp: Language, name: str, extra_cues: list[str]):
    return ArgumentStructure(cues_for(nlp.lang, tuple(extra_cues)))


class ArgumentStructure:
    def __init__(self, cues: Cues):
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        context: PostContext = doc._.argkg_context or PostContext()
        text = doc_text(doc)
        feats = [features(doc, span, self.cues, context, text) for span in doc._.unit_spans]
        roles = [role_of(f) for f in feats]
        links = self._marker_links(feats, roles)
        central = central_unit(feats, roles, links)
        if central is not None:
            roles[central] = "claim"
            links += _attach_to(central, roles, links)
        for i, role in enumerate(roles):
            if role == "premise" and _supported(i, links):
                roles[i] = "claim"  # a unit others give reasons for is a claim
        doc._.units = [Unit(f.span.index, f.span.start_char, f.span.end_char, f.text, role)
                       for f, role in zip(feats, roles, strict=True)]
        doc._.central = central
        doc._.links = links
        return doc

    def _marker_links(self, feats: list[UnitFeatures], roles: list[str]) -> list[tuple]:
        links = []
        for i, f in enumerate(feats):
            link = self._marker_link(i, f, len(feats))
            if link is None:
                link = self._opening_attack(i, f)
            if link and all(roles[end] != "none" for end in link[:2]):
                links.append(link)
        return links + self._concession_links(feats, roles, links)

    def _marker_link(self, i: int, f: UnitFeatures, count: int):
        for hit in f.markers:
            marker = hit.value
            if marker.initial and hit.start > _INITIAL_SLACK:
                continue
            direction, cue = marker.direction, hit.phrase
            if direction == "premise_follows" and i:
                return (i, i - 1, "support", cue)
            if direction == "conclusion_follows" and i:
                return (i - 1, i, "support", cue)
            if direction == "attacks_previous" and i:
                return (i, i - 1, "attack", cue)
            if direction == "premise_precedes" and i + 1 < count:
                return (i, i + 1, "support", cue)
        return None

    def _opening_attack(self, i: int, f: UnitFeatures):
        """"Das stimmt nicht." / "Falsch!" right after a unit attacks that unit."""
        opening = [h for h in f.attack_cues if h.start <= _INITIAL_SLACK + 1 and h.value >= 2]
        return (i, i - 1, "attack", opening[0].phrase) if i and opening else None

    def _concession_links(self, feats, roles, links) -> list[tuple]:
        """"Zwar X. Aber Y.": Y attacks X even where another unit stands between them."""
        attackers = {source for source, _, kind, _ in links if kind == "attack"}
        extra = []
        for i, f in enumerate(feats):
            if not f.concession or roles[i] == "none":
                continue
            for j in range(i + 1, min(len(feats), i + 1 + _CONCESSION_REACH)):
                if j in attackers:
                    if not any(s == j and t == i for s, t, _, _ in links):
                        extra.append((j, i, "attack", "concession"))
                    break
        return extra


def _attach_to(central: int, roles: list[str], links: list[tuple]) -> list[tuple]:
    """Argumentative units with no outgoing link support the central claim."""
    linked = {source for source, *_ in links}
    return [(i, central, "support", "default") for i, role in enumerate(roles)
            if role != "none" and i != central and i not in linked]


def _supported(unit: int, links: list[tuple]) -> bool:
    return any(target == unit and kind == "support" and cue != "default"
               for _, target, kind, cue in links)
