"""Across the thread: quotations traced to their source, each reply's stance, and the
links between units of different posts. Works on the processed Docs of one discussion.

A quotation's source is searched in the posts written before the quoting one, the post
it answers first: word for word (after folding case and dropping punctuation), else the
unit whose words it shares most (at least `FUZZY_SHARE` of the quotation's words). A
reply answers the unit it quotes, else the unit of its target that shares most content
words with it (at least `MIN_SHARED`); its central claim then supports or attacks that
unit (or the target's central claim) according to its stance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from spacy.tokens import Doc

from argkg.discussion import ARTICLE_ID, Discussion
from argkg.extract.arguments import (
    ArgumentLayer,
    Attribution,
    Link,
    PostArguments,
    Quote,
    Stance,
    UnitRef,
)
from argkg.extract.stance import stance_toward
from argkg.extract.units import unit_at

FUZZY_SHARE = 0.8
MAX_ANCESTORS = 50
MAX_RECENT = 20
MIN_SHARED = 2
_MIN_QUOTE_WORDS = 2


def argue(discussion: Discussion, docs: Mapping[str, Doc]) -> ArgumentLayer:
    """The argument layer of one discussion; `docs` maps post keys to processed Docs."""
    layer = ArgumentLayer()
    order = [ARTICLE_ID] + [c.id for c in discussion.comments]
    for key in order:
        doc = docs[key]
        layer.posts[key] = PostArguments(
            units=list(doc._.units), central=doc._.central,
            links=[Link((key, s), (key, t), kind, cue) for s, t, kind, cue in doc._.links])
        layer.attributions += [Attribution(key, a.unit, a.start_char, a.end_char, a.text,
                                           a.speaker, a.cue) for a in doc._.attributions]
    words = {key: _unit_words(docs[key]) for key in order}
    parents = {c.id: c.reply_to or ARTICLE_ID for c in discussion.comments}
    positions = {key: n for n, key in enumerate(order)}
    for key in order:
        searched = _search_order(parents, order, positions, key)
        layer.quotes += [_trace(key, docs[key], q, searched, words) for q in docs[key]._.quotations]
    quoted: dict[str, list[Quote]] = {}
    for quote in layer.quotes:
        quoted.setdefault(quote.post, []).append(quote)
    for comment in discussion.comments:
        target = comment.reply_to or ARTICLE_ID
        stance = _stance(comment.id, target, docs, quoted.get(comment.id, ()), words)
        layer.stances.append(stance)
        link = _thread_link(stance, layer)
        if link:
            layer.thread_links.append(link)
    return layer


def _search_order(parents: Mapping[str, str], order: Sequence[str],
                  positions: Mapping[str, int], key: str) -> list[str]:
    """Where a quotation in `key` may come from: its ancestors (nearest first), the article,
    then the posts just before it; only posts written before it. Bounded, so long threads
    stay linear."""
    ancestors = []
    current = key
    while current in parents and len(ancestors) < MAX_ANCESTORS:
        current = parents[current]
        ancestors.append(current)
    at = positions[key]
    recent = list(reversed(order[max(0, at - MAX_RECENT):at]))
    candidates = dict.fromkeys(ancestors + [ARTICLE_ID] + recent)
    return [p for p in candidates if positions.get(p, at) < at]


def _unit_words(doc: Doc) -> list[list[str]]:
    """Each unit's folded words, punctuation dropped."""
    words, alnum = doc._.words, doc._.alnum
    return [[words[i] for i in range(s.start, s.end) if alnum[i]] for s in doc._.unit_spans]


def _trace(key: str, doc: Doc, quotation, searched: list[str], words) -> Quote:
    quoted = [doc._.words[i] for i in range(quotation.start, quotation.end) if doc._.alnum[i]]
    unit = unit_at(doc._.unit_spans, quotation.start)
    best: tuple[float, bool, UnitRef | None] = (0.0, False, None)
    if len(quoted) >= _MIN_QUOTE_WORDS:
        for source in searched:
            found = _best_unit(quoted, words[source])
            if found and (found[1], found[0]) > (best[1], best[0]):
                best = (found[0], found[1], (source, found[2]))
                if found[1]:
                    break
    share, exact, source = best
    return Quote(key, unit if unit is not None else 0, quotation.start_char,
                 quotation.end_char, quotation.text, source, exact, round(share, 3))


def _best_unit(quoted: list[str], units: list[list[str]]) -> tuple[float, bool, int] | None:
    """(share of the quotation found, found word for word, unit index) or None."""
    text = " ".join(w for unit in units for w in unit)
    owners = [i for i, unit in enumerate(units) for _ in unit]
    needle = " ".join(quoted)
    at = f" {text} ".find(f" {needle} ")
    if at >= 0:
        first = text[:at].count(" ") + (1 if at else 0)
        span = owners[first:first + len(quoted)]
        return 1.0, True, max(set(span), key=lambda u: (span.count(u), -u))
    best = None
    for i, unit in enumerate(units):
        # Matching blocks pair each quoted word with an equal word of the unit at most once:
        # the quoted words the unit holds at all bound the share, and cost far less.
        present = set(unit)
        bound = sum(1 for w in quoted if w in present) / len(quoted)
        if bound < FUZZY_SHARE or (best is not None and bound <= best[0]):
            continue
        matcher = SequenceMatcher(None, quoted, unit, autojunk=False)
        share = sum(b.size for b in matcher.get_matching_blocks()) / len(quoted)
        if share >= FUZZY_SHARE and (best is None or share > best[0]):
            best = (share, False, i)
    return best


def _stance(key: str, target: str, docs, quotes: Sequence[Quote], words) -> Stance:
    """`quotes`: the quotations in the reply."""
    stance, cues = stance_toward(docs[key]._.stance_signals, docs[target]._.stance_signals)
    answered = next((q.source[1] for q in quotes if q.source and q.source[0] == target), None)
    if answered is None:
        answered = _most_shared(words[key], words[target])
    return Stance(key, target, stance, answered, cues)


def _most_shared(reply: list[list[str]], target: list[list[str]]) -> int | None:
    """The target unit sharing most long words with the reply, if at least MIN_SHARED."""
    ours = {w for unit in reply for w in unit if len(w) >= 5}
    shared = [(len(ours & {w for w in unit if len(w) >= 5}), -i) for i, unit in enumerate(target)]
    if not shared:
        return None
    count, negative_index = max(shared)
    return -negative_index if count >= MIN_SHARED else None


def _thread_link(stance: Stance, layer: ArgumentLayer) -> Link | None:
    if stance.stance == "neutral":
        return None
    source, target = layer.posts[stance.post], layer.posts[stance.target]
    answered = stance.target_unit if stance.target_unit is not None else target.central
    if source.central is None or answered is None:
        return None
    kind = "support" if stance.stance == "support" else "attack"
    cue = ", ".join(stance.cues[:3]) or kind
    return Link((stance.post, source.central), (stance.target, answered), kind, cue)
