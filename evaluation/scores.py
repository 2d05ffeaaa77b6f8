"""Scoring a build's reading against a gold reading, task by task.

Every task counts gold items, found items and correct ones; precision, recall and F1
follow from the counts (micro-averaged over posts). Only what the gold annotates is
scored; a task the gold file leaves out gives no row.

    comments      posts are matched by position (gold `n`): a gold comment is found when
                  the build has a comment at that position
    authors, times, replies
                  per gold comment that gives the field, one item: right when the build's
                  author (folded), time (the same instant) or answered post is the gold one
    stance        over gold comments whose stance is not "unclear": accuracy, and
                  precision/recall/F1 per class
    actors        see actors.py
    quotes        a found quote (in a comment) matches a gold quote in the same comment
                  whose source post it links to, when their texts share at least half the
                  tokens of the shorter one
    attributions  same comment, a speaker whose label or an alias is the gold speaker
                  (folded), and at least half the gold text's tokens in the unit's text
    units         argumentative units (role not "none") of the posts the gold segments,
                  matched one-to-one to gold units (ADUs): token Jaccard >= 0.5, or the
                  unit holds >= 0.8 of the gold tokens (it may carry a connective more)
    support, attack, links
                  a found relation is right when both its ends are the units matched to
                  the ends of a gold relation of the same kind ("links": of any kind)
    central claims
                  per gold post: the build's central unit matches the gold text by the
                  test for units (for a microtext: the root ADU). The gold names central
                  claims for some posts only, so only those posts count as found.
"""

from __future__ import annotations

from dataclasses import dataclass

from argkg.evaluation.actors import reading_actor_scores
from argkg.evaluation.matching import match
from argkg.evaluation.reading import STANCES, UNCLEAR, Attribution, Post, Quote, Reading
from argkg.evaluation.text import fold, overlap_of_shorter, same_passage, share_inside

QUOTE_OVERLAP = 0.5
ATTRIBUTION_OVERLAP = 0.5


@dataclass(frozen=True)
class Score:
    task: str
    gold: int
    found: int
    correct: int
    accuracy: float | None = None
    """For per-comment fields and stance: correct over gold items, so a comment the build
    gives no value counts as wrong."""

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        # The harmonic mean of P and R, from the counts; 0 when one of them is 0 or missing.
        total = self.gold + self.found
        return 2 * self.correct / total if total else None


def score_all(build: Reading, gold: Reading) -> list[Score]:
    scores = []
    if gold.comments_annotated:
        scores += comment_scores(build, gold)
        scores += stance_scores(build, gold)
    scores += actor_score(build, gold)
    if gold.quotes is not None:
        scores.append(quote_score(build, gold))
    if gold.attributions is not None:
        scores.append(attribution_score(build, gold))
    scores += unit_and_relation_scores(build, gold)
    scores += central_claim_score(build, gold)
    return scores


# --- comments and reply structure --------------------------------------------------------


def comment_scores(build: Reading, gold: Reading) -> list[Score]:
    found_positions = {p.position for p in build.comments}
    gold_positions = {p.position for p in gold.comments}
    return [
        Score("comments", len(gold_positions), len(found_positions),
              len(gold_positions & found_positions)),
        _field_score("authors", build, gold, lambda p: p.author,
                     lambda a, b: fold(a) == fold(b)),
        _field_score("times", build, gold, lambda p: p.created, lambda a, b: a == b),
        _field_score("replies", build, gold, lambda p: p.reply_to, lambda a, b: a == b),
    ]


def _field_score(task: str, build: Reading, gold: Reading, field, same) -> Score:
    """One item per gold comment that gives the field."""
    pairs = [(field(wanted), _field_of(build.post(wanted.position), field))
             for wanted in gold.comments if field(wanted) is not None]
    found = [(g, f) for g, f in pairs if f is not None]
    correct = sum(1 for g, f in found if same(f, g))
    return Score(task, len(pairs), len(found), correct, accuracy=_ratio(correct, len(pairs)))


def _field_of(post: Post | None, field):
    return field(post) if post is not None else None


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# --- stance ------------------------------------------------------------------------------


def stance_scores(build: Reading, gold: Reading) -> list[Score]:
    """The overall row (with accuracy), then one row per class that occurs."""
    pairs = [(wanted.stance, _field_of(build.post(wanted.position), lambda p: p.stance))
             for wanted in gold.comments if wanted.stance not in (None, UNCLEAR)]
    if not pairs:
        return []
    correct = sum(1 for g, f in pairs if g == f)
    found = sum(1 for _, f in pairs if f is not None)
    rows = [Score("stance", len(pairs), found, correct, accuracy=correct / len(pairs))]
    for stance in STANCES:
        gold_n = sum(1 for g, _ in pairs if g == stance)
        found_n = sum(1 for _, f in pairs if f == stance)
        if gold_n or found_n:
            rows.append(Score(f"stance ({stance})", gold_n, found_n,
                              sum(1 for g, f in pairs if g == f == stance)))
    return rows


# --- actors ------------------------------------------------------------------------------


def actor_score(build: Reading, gold: Reading) -> list[Score]:
    totals = reading_actor_scores(build, gold)
    if totals is None:
        return []
    return [Score("actors", totals.gold, totals.found, totals.correct)]


# --- quotes and attributions -------------------------------------------------------------


def quote_score(build: Reading, gold: Reading) -> Score:
    # The gold annotates quotes in comments only: quotes the build finds in the article are
    # neither right nor wrong. A gold file whose quotes all name a post they come from has
    # not annotated quotations of texts outside the discussion: those are left out too.
    unseen_annotated = any(q.source is None for q in gold.quotes)
    found = [q for q in build.quotes or ()
             if q.post > 0 and (unseen_annotated or q.source is not None)]
    pairs = match(found, gold.quotes, _quote_similarity)
    return Score("quotes", len(gold.quotes), len(found), len(pairs))


def _quote_similarity(found: Quote, gold: Quote) -> float:
    if found.post != gold.post or found.source != gold.source:
        return 0.0
    overlap = overlap_of_shorter(found.text, gold.text)
    return overlap if overlap >= QUOTE_OVERLAP else 0.0


def attribution_score(build: Reading, gold: Reading) -> Score:
    found = [a for a in build.attributions or () if a.post > 0]
    pairs = match(found, gold.attributions, _attribution_similarity)
    return Score("attributions", len(gold.attributions), len(found), len(pairs))


def _attribution_similarity(found: Attribution, gold: Attribution) -> float:
    if found.post != gold.post:
        return 0.0
    if fold(gold.speaker.label) not in {fold(name) for name in found.speaker.names}:
        return 0.0
    inside = share_inside(gold.text, found.text)
    return inside if inside >= ATTRIBUTION_OVERLAP else 0.0


# --- central claims ----------------------------------------------------------------------


def central_claim_score(build: Reading, gold: Reading) -> list[Score]:
    wanted = [p for p in gold.posts if p.central is not None]
    if not wanted:
        return []
    found = [(p, build.post(p.position)) for p in wanted]
    found = [(g, f.central) for g, f in found if f is not None and f.central]
    correct = sum(1 for g, text in found if same_passage(text, g.central) > 0)
    return [Score("central claims", len(wanted), len(found), correct)]


# --- units and relations -----------------------------------------------------------------


def unit_and_relation_scores(build: Reading, gold: Reading) -> list[Score]:
    segmented = [p for p in gold.posts if p.units is not None]
    if not segmented:
        return []
    found_units, gold_units, alignment = [], [], {}
    for wanted in segmented:
        post = build.post(wanted.position)
        units = [u for u in (post.units or ()) if u.argumentative] if post else []
        pairs = match(units, wanted.units, lambda f, g: same_passage(f.text, g.text))
        alignment.update({(wanted.position, wanted.units[g].index):
                          (wanted.position, units[f].index) for g, f in pairs.items()})
        found_units += units
        gold_units += wanted.units
    scores = [Score("units", len(gold_units), len(found_units), len(alignment))]
    if gold.relations is not None:
        scores += _relation_scores(build, gold, alignment, {p.position for p in segmented})
    return scores


def _relation_scores(build: Reading, gold: Reading, alignment: dict,
                     posts: set[int]) -> list[Score]:
    """Gold relations are carried over to the build's units; a found one is right when it
    is the carried-over relation."""
    expected = {(r.kind, alignment.get(r.source), alignment.get(r.target))
                for r in gold.relations}
    found = {(r.kind, r.source, r.target) for r in build.relations or ()
             if r.source[0] in posts and r.target[0] in posts}
    rows = []
    for kind in ("support", "attack"):
        gold_n = sum(1 for r in gold.relations if r.kind == kind)
        found_kind = {f for f in found if f[0] == kind}
        rows.append(Score(kind, gold_n, len(found_kind), len(found_kind & expected)))
    unlabelled = {(source, target) for _, source, target in expected}
    found_links = {(source, target) for _, source, target in found}
    rows.append(Score("links", len({(r.source, r.target) for r in gold.relations}),
                      len(found_links), len(found_links & unlabelled)))
    return rows
